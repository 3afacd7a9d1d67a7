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

ContactPoint parse_point(std::string_view text) {
    const std::string_view item = trim(text);
    if (item.size() > 2 && item.back() == ')') {
        const std::size_t open = item.rfind('(');
        if (open != std::string_view::npos && open > 0) {
            const std::string_view inside = item.substr(open + 1, item.size() - open - 2);
            const bool words = !trim(inside).empty() && std::all_of(inside.begin(), inside.end(), [](char c) {
                return c == ' ' || c == '-' || std::isalpha(static_cast<unsigned char>(c)) ||
                       static_cast<unsigned char>(c) >= 0x80;
            });
            if (words) return {std::string(trim(item.substr(0, open))), std::string(trim(inside))};
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
