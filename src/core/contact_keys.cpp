// Contact keys and the field-union rules: see contact_keys.hpp. Moved here from duplicates.cpp
// so that duplicate finding and import matching normalise in exactly one way.
#include "core/contact_keys.hpp"

#include "core/search.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <initializer_list>
#include <unordered_set>
#include <vector>

namespace ties {
namespace {

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool strip_prefix(std::string& text, std::string_view prefix) {
    if (text.compare(0, prefix.size(), prefix) != 0) return false;
    text.erase(0, prefix.size());
    return true;
}

// The part after "host/" when `text` starts with one of `hosts` ("" when it does not).
bool strip_host(std::string& text, std::initializer_list<std::string_view> hosts) {
    for (const std::string_view host : hosts) {
        if (text.size() > host.size() && text.compare(0, host.size(), host) == 0 && text[host.size()] == '/') {
            text.erase(0, host.size() + 1);
            return true;
        }
    }
    return false;
}

bool is_name_separator(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '.' || c == ',' || c == '\'' || c == '"' ||
           c == '(' || c == ')';
}

template <typename T, typename Key>
void union_into(std::vector<T>& keep, const std::vector<T>& add, Key key) {
    std::unordered_set<std::string> seen;
    for (const T& item : keep) seen.insert(key(item));
    for (const T& item : add) {
        if (seen.insert(key(item)).second) keep.push_back(item);
    }
}

void fill(std::string& keep, const std::string& other) {
    if (trim(keep).empty() && !trim(other).empty()) keep = other;
}

}  // namespace

std::string normalise_email(std::string_view email) { return ascii_lower(trim(email)); }

std::string phone_key(std::string_view phone) {
    std::string digits;
    for (const char c : phone) {
        if (c >= '0' && c <= '9') digits.push_back(c);
    }
    if (digits.size() < 7) return {};
    constexpr std::size_t kKept = 9;
    if (digits.size() > kKept) digits.erase(0, digits.size() - kKept);
    return digits;
}

std::string address_key(const PostalAddress& a) {
    std::string key;
    for (const std::string* part : {&a.po_box, &a.extended, &a.street, &a.locality, &a.region, &a.postcode, &a.country}) {
        for (const char c : fold_for_search(*part)) {
            if (!is_name_separator(c) && c != '-') key.push_back(c);
        }
        key.push_back('|');
    }
    return key.find_first_not_of('|') == std::string::npos ? std::string() : key;
}

std::string normalise_handle(const Handle& handle) {
    std::string value = ascii_lower(trim(handle.value));
    strip_prefix(value, "https://") || strip_prefix(value, "http://");
    strip_prefix(value, "www.");
    std::string query;
    if (const std::size_t at = value.find_first_of("?#"); at != std::string::npos) {
        query = value.substr(at);
        value.erase(at);
    }
    while (!value.empty() && value.back() == '/') value.pop_back();
    switch (handle.kind) {
        case HandleKind::LinkedIn:
            // "https://www.linkedin.com/in/ada/" == "linkedin.com/in/ada" == "in/ada"; a bare
            // value is taken as the profile's slug.
            if (const std::size_t at = value.find("linkedin.com/"); at != std::string::npos) {
                value.erase(0, at + 13);
            } else if (value.compare(0, 3, "in/") != 0 && !value.empty()) {
                value = "in/" + value;
            }
            break;
        case HandleKind::X:
            strip_host(value, {"x.com", "twitter.com", "mobile.twitter.com"});
            // The archive's "twitter.com/intent/user?user_id=783214" names an account by number.
            if (value == "intent/user") {
                const std::size_t id = query.find("user_id=");
                value = id == std::string::npos ? std::string() : "id:" + query.substr(id + 8, query.find_first_of("&#", id) - id - 8);
            }
            break;
        case HandleKind::GitHub:
            strip_host(value, {"github.com"});
            break;
        case HandleKind::Bluesky:
            if (strip_host(value, {"bsky.app"})) strip_prefix(value, "profile/");
            break;
        case HandleKind::Mastodon:
            // "https://mastodon.social/@ada" == "@ada@mastodon.social"
            if (const std::size_t slash = value.find("/@"); slash != std::string::npos && value.find('/') == slash) {
                value = value.substr(slash + 2) + "@" + value.substr(0, slash);
            }
            break;
        case HandleKind::Website:
        case HandleKind::Other:
            break;
    }
    while (!value.empty() && value.front() == '@') value.erase(0, 1);
    return value;
}

std::string handle_key(const Handle& handle) {
    std::string value = normalise_handle(handle);
    if (value.empty()) return value;
    value.insert(value.begin(), static_cast<char>('0' + static_cast<int>(handle.kind)));
    return value;
}

std::string handle_reason(HandleKind kind) {
    switch (kind) {
        case HandleKind::LinkedIn: return "same LinkedIn profile";
        case HandleKind::Website: return "same website";
        case HandleKind::Other: return "same profile";
        default: return "same " + std::string(to_string(kind)) + " handle";
    }
}

void append_name_words(std::string& out, const Contact& contact) {
    std::string folded = fold_for_search(trim(contact.display_name));
    if (folded.empty()) folded = fold_for_search(std::string(trim(contact.given_name)) + " " + std::string(trim(contact.family_name)));
    const std::size_t start = out.size();
    bool in_word = false;
    for (const char c : folded) {
        if (is_name_separator(c)) {
            in_word = false;
            continue;
        }
        if (!in_word && out.size() > start) out.push_back(' ');
        out.push_back(c);
        in_word = true;
    }
}

std::string name_key(const Contact& contact) {
    std::string words;
    append_name_words(words, contact);
    std::vector<std::string_view> parts;
    for (std::string_view rest = words; !rest.empty();) {
        const std::size_t space = rest.find(' ');
        parts.push_back(rest.substr(0, space));
        if (space == std::string_view::npos) break;
        rest.remove_prefix(space + 1);
    }
    std::sort(parts.begin(), parts.end());
    std::string key;
    key.reserve(words.size());
    for (const std::string_view part : parts) {
        if (!key.empty()) key += ' ';
        key += part;
    }
    return key;
}

void absorb_contact(Contact& keep, const Contact& other) {
    fill(keep.display_name, other.display_name);
    fill(keep.given_name, other.given_name);
    fill(keep.family_name, other.family_name);
    fill(keep.nickname, other.nickname);
    fill(keep.company, other.company);
    fill(keep.title, other.title);
    fill(keep.city, other.city);
    fill(keep.region, other.region);
    fill(keep.country, other.country);
    fill(keep.how_met, other.how_met);
    union_into(keep.emails, other.emails, [](const ContactPoint& email) { return normalise_email(email.value); });
    union_into(keep.phones, other.phones, [](const ContactPoint& phone) {
        const std::string key = phone_key(phone.value);
        return key.empty() ? std::string(trim(phone.value)) : key;
    });
    union_into(keep.addresses, other.addresses, [](const PostalAddress& a) { return address_key(a); });
    union_into(keep.tags, other.tags, [](const std::string& tag) { return fold_for_search(trim(tag)); });
    union_into(keep.handles, other.handles, [](const Handle& handle) {
        // Kind byte + value, empty values included (not operator+, which trips GCC 12's -Wrestrict).
        std::string key = normalise_handle(handle);
        key.insert(key.begin(), static_cast<char>('0' + static_cast<int>(handle.kind)));
        return key;
    });
    if (keep.tier == Tier::None || (other.tier != Tier::None && other.tier < keep.tier)) keep.tier = other.tier;
    if (!keep.cadence_days) {
        keep.cadence_days = other.cadence_days;
        keep.cadence_max_days = other.cadence_max_days;
    }
    if (other.first_met && (!keep.first_met || *other.first_met < *keep.first_met)) keep.first_met = other.first_met;
    if (!keep.met_at) keep.met_at = other.met_at;
    if (!keep.birthday) keep.birthday = other.birthday;
    if (!keep.anniversary) keep.anniversary = other.anniversary;
    if (trim(keep.notes).empty()) {
        keep.notes = other.notes;
    } else if (!trim(other.notes).empty() && keep.notes != other.notes) {
        keep.notes += "\n\n" + other.notes;
    }
}

}  // namespace ties
