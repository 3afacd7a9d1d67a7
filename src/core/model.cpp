// Record helpers shared by the store, storage and UI: metadata access across record kinds,
// tombstones, and the user-facing names of every enum (kept here so all screens agree).
#include "core/model.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cctype>
#include <type_traits>

namespace ties {

const RecordMeta& meta_of(const Record& record) {
    return std::visit([](const auto& r) -> const RecordMeta& { return r.meta; }, record);
}

RecordMeta& meta_of(Record& record) {
    return std::visit([](auto& r) -> RecordMeta& { return r.meta; }, record);
}

Record tombstone_of(const Record& record) {
    return std::visit(
        [](const auto& r) -> Record {
            std::decay_t<decltype(r)> tombstone{};
            tombstone.meta = r.meta;
            tombstone.meta.deleted = true;
            return tombstone;
        },
        record);
}

Cadence default_cadence(Tier tier) {
    switch (tier) {
        case Tier::None: return {};
        case Tier::Inner: return {7, 14};
        case Tier::Close: return {21, 35};
        case Tier::Friends: return {60, 90};
        case Tier::Meaningful: return {182, 270};
        case Tier::Acquaintances: return {365, 540};
        case Tier::Recognisable: return {};
    }
    return {};
}

std::array<Cadence, kTierCount> default_cadences() {
    std::array<Cadence, kTierCount> cadences{};
    for (int tier = 0; tier < kTierCount; ++tier) cadences[tier] = default_cadence(static_cast<Tier>(tier));
    return cadences;
}

std::string contact_label(const Contact& contact) {
    if (const auto name = trim(contact.display_name); !name.empty()) return std::string(name);
    const std::string full = std::string(trim(contact.given_name)) + " " + std::string(trim(contact.family_name));
    if (const auto name = trim(full); !name.empty()) return std::string(name);
    if (const auto name = trim(contact.nickname); !name.empty()) return std::string(name);
    for (const ContactPoint& email : contact.emails) {
        if (const auto address = trim(email.value); !address.empty()) return std::string(address);
    }
    return "(no name)";
}

std::string format_points(const std::vector<ContactPoint>& points) {
    std::string out;
    for (const ContactPoint& point : points) {
        if (!out.empty()) out += ", ";
        out += point.value;
        if (!point.label.empty()) out += " (" + point.label + ")";
    }
    return out;
}

std::vector<std::string> values_of(const std::vector<ContactPoint>& points) {
    std::vector<std::string> values;
    values.reserve(points.size());
    for (const ContactPoint& point : points) values.push_back(point.value);
    return values;
}

std::vector<ContactPoint> unlabelled(std::vector<std::string> values) {
    std::vector<ContactPoint> points;
    points.reserve(values.size());
    for (std::string& value : values) points.push_back({std::move(value), {}});
    return points;
}

namespace {

// A label as typed in "(work)" or "home:": letters, spaces and hyphens.
bool is_label_text(std::string_view text) {
    return !trim(text).empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return c == ' ' || c == '-' || std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
    });
}

}  // namespace

ContactPoint parse_point(std::string_view text) {
    const std::string_view item = trim(text);
    if (item.size() > 2 && item.back() == ')') {
        const std::size_t open = item.rfind('(');
        if (open != std::string_view::npos && open > 0) {
            const std::string_view inside = item.substr(open + 1, item.size() - open - 2);
            if (is_label_text(inside)) return {std::string(trim(item.substr(0, open))), std::string(trim(inside))};
        }
    }
    return {std::string(item), {}};
}

std::vector<ContactPoint> parse_points(std::string_view text) {
    std::vector<ContactPoint> points;
    for (const std::string& item : split_list(text)) {
        ContactPoint point = parse_point(item);
        const bool seen = std::any_of(points.begin(), points.end(), [&](const ContactPoint& p) { return p.value == point.value; });
        if (!point.value.empty() && !seen) points.push_back(std::move(point));
    }
    return points;
}

namespace {

bool has_digit(std::string_view word) {
    return std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Trimmed, non-empty pieces, repeats kept ("Luxembourg, Luxembourg" is a city and a country).
std::vector<std::string> pieces(std::string_view text, char separator) {
    std::vector<std::string> out;
    while (true) {
        const std::size_t end = text.find(separator);
        if (const std::string_view piece = trim(text.substr(0, end)); !piece.empty()) out.emplace_back(piece);
        if (end == std::string_view::npos) return out;
        text.remove_prefix(end + 1);
    }
}

// One part of an address on one line: its line breaks as ", ".
std::string one_line(std::string_view part) {
    std::string out;
    for (const std::string& line : pieces(part, '\n')) out += (out.empty() ? "" : ", ") + line;
    return out;
}

}  // namespace

std::string format_address(const PostalAddress& a) {
    std::vector<std::string> parts;
    for (const std::string* part : {&a.po_box, &a.extended, &a.street})
        if (!trim(*part).empty()) parts.push_back(one_line(*part));
    std::string place = std::string(trim(a.postcode));
    if (!trim(a.locality).empty()) {  // appended in two steps: GCC 12 -O2 warns falsely on "x" + string&&
        if (!place.empty()) place += ' ';
        place += one_line(a.locality);
    }
    if (!place.empty()) parts.push_back(place);
    for (const std::string* part : {&a.region, &a.country})
        if (!trim(*part).empty()) parts.push_back(one_line(*part));
    const std::string line = join_list(parts, ", ");
    return a.label.empty() ? line : a.label + ": " + line;
}

std::string format_addresses(const std::vector<PostalAddress>& addresses) {
    std::string out;
    for (const PostalAddress& a : addresses) {
        if (a.empty()) continue;
        if (!out.empty()) out += '\n';
        out += format_address(a);
    }
    return out;
}

std::vector<PostalAddress> parse_addresses(std::string_view text, const std::vector<PostalAddress>& before) {
    std::vector<PostalAddress> out;
    for (const std::string& line : pieces(text, '\n')) {
        const auto same = std::find_if(before.begin(), before.end(), [&](const PostalAddress& a) { return format_address(a) == line; });
        if (same != before.end()) {
            out.push_back(*same);
            continue;
        }
        PostalAddress a;
        std::string_view rest = line;
        const std::size_t colon = rest.find(':');
        if (colon != std::string_view::npos && colon + 1 < rest.size() && rest[colon + 1] == ' ' &&
            is_label_text(rest.substr(0, colon))) {  // "home: ..." (not "https://...")
            a.label = std::string(trim(rest.substr(0, colon)));
            rest = trim(rest.substr(colon + 1));
        }
        std::vector<std::string> parts = pieces(rest, ',');
        if (parts.empty()) continue;
        const auto take_last = [&](std::string& field) {
            field = parts.back();
            parts.pop_back();
        };
        std::string place;
        if (parts.size() >= 4) {
            take_last(a.country);
            take_last(a.region);
            take_last(place);
        } else if (parts.size() == 3) {
            take_last(a.country);
            take_last(place);
        } else if (parts.size() == 2) {
            take_last(place);
        }
        a.street = join_list(parts, ", ");
        std::vector<std::string> words = pieces(place, ' ');
        std::size_t k = 0;
        while (k < words.size() && has_digit(words[k])) ++k;
        a.postcode = join_list(std::vector<std::string>(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(k)), " ");
        a.locality = join_list(std::vector<std::string>(words.begin() + static_cast<std::ptrdiff_t>(k), words.end()), " ");
        if (!a.empty()) out.push_back(std::move(a));
    }
    return out;
}

std::string point_label(const ContactPoint& point) {
    return point.label.empty() ? point.value : point.value + " \u00b7 " + point.label;
}

std::string_view to_string(Tier tier) {
    switch (tier) {
        case Tier::None: return "Not set";
        case Tier::Inner: return "Inner circle (5)";
        case Tier::Close: return "Close (15)";
        case Tier::Friends: return "Friends (50)";
        case Tier::Meaningful: return "Meaningful (150)";
        case Tier::Acquaintances: return "Acquaintances (500)";
        case Tier::Recognisable: return "Recognisable (1500)";
    }
    return "Unknown tier";
}

std::string_view to_string(HandleKind kind) {
    switch (kind) {
        case HandleKind::X: return "X";
        case HandleKind::LinkedIn: return "LinkedIn";
        case HandleKind::Mastodon: return "Mastodon";
        case HandleKind::Bluesky: return "Bluesky";
        case HandleKind::GitHub: return "GitHub";
        case HandleKind::Website: return "Website";
        case HandleKind::Other: return "Other";
    }
    return "Other";
}

std::string_view to_string(InteractionKind kind) {
    switch (kind) {
        case InteractionKind::OnlineConversation: return "Online conversation";
        case InteractionKind::DirectMessage: return "Direct message";
        case InteractionKind::Email: return "Email";
        case InteractionKind::Call: return "Call";
        case InteractionKind::VideoCall: return "Video call";
        case InteractionKind::Coffee: return "Coffee";
        case InteractionKind::MealOrDrinks: return "Meal or drinks";
        case InteractionKind::Meetup: return "Meetup or event";
        case InteractionKind::IntroductionMade: return "Introduction made";
        case InteractionKind::HelpGiven: return "Help given";
        case InteractionKind::HelpReceived: return "Help received";
        case InteractionKind::Note: return "Note";
        case InteractionKind::Ask: return "Ask";
    }
    return "Interaction";
}

std::string_view to_string(Initiator initiator) {
    switch (initiator) {
        case Initiator::Unknown: return "Unknown";
        case Initiator::Me: return "Me";
        case Initiator::Them: return "Them";
    }
    return "Unknown";
}

std::string_view to_string(EventKind kind) {
    switch (kind) {
        case EventKind::Tweetup: return "Tweetup";
        case EventKind::Meetup: return "Meetup";
        case EventKind::Conference: return "Conference";
        case EventKind::Other: return "Other";
    }
    return "Other";
}

std::string_view to_string(OpportunityKind kind) {
    switch (kind) {
        case OpportunityKind::Job: return "Job";
        case OpportunityKind::Client: return "Client";
        case OpportunityKind::Partnership: return "Partnership";
        case OpportunityKind::Speaking: return "Speaking";
        case OpportunityKind::Investment: return "Investment";
        case OpportunityKind::Other: return "Other";
    }
    return "Other";
}

std::string_view to_string(OpportunityStatus status) {
    switch (status) {
        case OpportunityStatus::Open: return "Open";
        case OpportunityStatus::Won: return "Won";
        case OpportunityStatus::Lost: return "Lost";
    }
    return "Open";
}

}  // namespace ties
