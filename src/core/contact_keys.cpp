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

// --- Evidence ----------------------------------------------------------------------------------------

bool identifies_person(HandleKind kind) { return kind != HandleKind::Website && kind != HandleKind::Other; }

namespace {

bool is_honorific(std::string_view word) {
    for (const std::string_view h : {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "jr", "sr", "ii", "iii"}) {
        if (word == h) return true;
    }
    return false;
}

bool contains(const std::vector<std::string>& keys, const std::string& key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// The first key of `a` that `b` has too (and `skip` does not hold), or nullptr.
const std::string* first_shared(const std::vector<std::string>& a, const std::vector<std::string>& b,
                                const SharedMailboxes* skip = nullptr, bool want_skipped = false) {
    for (const std::string& key : a) {
        if (skip && (skip->count(key) > 0) != want_skipped) continue;
        if (contains(b, key)) return &key;
    }
    return nullptr;
}

// Both hold a key of this list that is not a shared mailbox, and share none of them.
bool personal_emails_differ(const PersonKeys& a, const PersonKeys& b, const SharedMailboxes& mailboxes) {
    const auto personal = [&](const PersonKeys& k) {
        return std::any_of(k.emails.begin(), k.emails.end(), [&](const std::string& e) { return !mailboxes.count(e); });
    };
    return personal(a) && personal(b) && !first_shared(a.emails, b.emails, &mailboxes, false);
}

// Both have a profile of one kind and none of that kind agree.
bool profiles_differ(const PersonKeys& a, const PersonKeys& b) {
    for (const std::string& x : a.profiles) {
        bool other_has_kind = false, agree = false;
        for (const std::string& y : b.profiles) {
            if (y[0] != x[0]) continue;
            other_has_kind = true;
            agree = agree || contains(a.profiles, y);
        }
        if (other_has_kind && !agree) return true;
    }
    return false;
}

// The phone as the first record wrote it, for the reason ("+1 905-555-1234").
std::string phone_as_written(const Contact& contact, const std::string& key) {
    for (const ContactPoint& phone : contact.phones) {
        if (phone_key(phone.value) == key) return std::string(trim(phone.value));
    }
    return key;
}

bool same_text(const std::string& a, const std::string& b) {
    const std::string fa = fold_for_search(trim(a));
    return !fa.empty() && fa == fold_for_search(trim(b));
}

// Besides the name, what the two agree on ("" when nothing).
std::string agreeing_detail(const Contact& a, const PersonKeys& ka, const Contact& b, const PersonKeys& kb,
                            const SharedMailboxes& mailboxes) {
    if (const std::string* mailbox = first_shared(ka.emails, kb.emails, &mailboxes, true)) return "email " + *mailbox;
    if (same_text(a.company, b.company)) return "company";
    for (const PostalAddress& x : a.addresses) {
        const std::string key = address_key(x);
        if (key.empty()) continue;
        for (const PostalAddress& y : b.addresses) {
            if (address_key(y) == key) return "address";
        }
    }
    if (a.birthday && a.birthday == b.birthday) return "birthday";
    for (const Handle& x : a.handles) {  // a website or link: not alone, but with the name it agrees
        if (identifies_person(x.kind)) continue;
        const std::string key = handle_key(x);
        for (const Handle& y : b.handles) {
            if (!key.empty() && handle_key(y) == key) return "website";
        }
    }
    return {};
}

}  // namespace

PersonKeys person_keys(const Contact& contact) {
    PersonKeys keys;
    for (const ContactPoint& email : contact.emails) {
        std::string key = normalise_email(email.value);
        if (!key.empty() && !contains(keys.emails, key)) keys.emails.push_back(std::move(key));
    }
    for (const Handle& handle : contact.handles) {
        if (!identifies_person(handle.kind)) continue;
        std::string key = handle_key(handle);
        if (!key.empty() && !contains(keys.profiles, key)) keys.profiles.push_back(std::move(key));
    }
    for (const ContactPoint& phone : contact.phones) {
        std::string key = phone_key(phone.value);
        if (!key.empty() && !contains(keys.phones, key)) keys.phones.push_back(std::move(key));
    }
    keys.name = person_name(contact);
    for (std::string_view rest = keys.name; !rest.empty();) {
        const std::size_t space = rest.find(' ');
        keys.name_words.emplace_back(rest.substr(0, space));
        if (space == std::string_view::npos) break;
        rest.remove_prefix(space + 1);
    }
    return keys;
}

std::string person_name(const Contact& contact) {
    const std::string sorted = name_key(contact);
    std::string name;
    name.reserve(sorted.size());
    for (std::string_view rest = sorted; !rest.empty();) {
        const std::size_t space = rest.find(' ');
        const std::string_view word = rest.substr(0, space);
        if (!is_honorific(word)) {
            if (!name.empty()) name += ' ';
            name += word;
        }
        if (space == std::string_view::npos) break;
        rest.remove_prefix(space + 1);
    }
    return name;
}

bool names_compatible(const PersonKeys& a, const PersonKeys& b) {
    if (a.name_words.empty() || b.name_words.empty()) return true;
    const std::vector<std::string>& shorter = a.name_words.size() <= b.name_words.size() ? a.name_words : b.name_words;
    const std::vector<std::string>& longer = &shorter == &a.name_words ? b.name_words : a.name_words;
    std::vector<bool> used(longer.size(), false);
    // Whole words first, then initials, so "a lovelace" ~ "ada lovelace" pairs "lovelace" first.
    std::vector<bool> done(shorter.size(), false);
    for (std::size_t i = 0; i < shorter.size(); ++i) {
        for (std::size_t j = 0; j < longer.size() && !done[i]; ++j) {
            if (!used[j] && longer[j] == shorter[i]) used[j] = done[i] = true;
        }
    }
    const auto initial_of = [](const std::string& x, const std::string& y) {
        return (x.size() == 1 || y.size() == 1) && x[0] == y[0];
    };
    for (std::size_t i = 0; i < shorter.size(); ++i) {
        for (std::size_t j = 0; j < longer.size() && !done[i]; ++j) {
            if (!used[j] && initial_of(longer[j], shorter[i])) used[j] = done[i] = true;
        }
        if (!done[i]) return false;
    }
    return true;
}

MatchVerdict judge_match(const Contact& a, const PersonKeys& ka, const Contact& b, const PersonKeys& kb,
                         const SharedMailboxes& mailboxes) {
    const bool names_agree = names_compatible(ka, kb);
    const char* names_differ = ", but the names differ";
    if (const std::string* email = first_shared(ka.emails, kb.emails, &mailboxes, false)) {
        if (names_agree) return {Evidence::Strong, 100, "same email " + *email};
        return {Evidence::Weak, 45, "shares " + *email + names_differ};
    }
    if (const std::string* profile = first_shared(ka.profiles, kb.profiles)) {
        const std::string reason = handle_reason(static_cast<HandleKind>((*profile)[0] - '0'));
        if (names_agree) return {Evidence::Strong, 90, reason};
        return {Evidence::Weak, 44, reason + names_differ};
    }
    const bool emails_differ = personal_emails_differ(ka, kb, mailboxes);
    if (const std::string* phone = first_shared(ka.phones, kb.phones)) {
        const std::string written = phone_as_written(a, *phone);
        if (!names_agree) return {Evidence::Weak, 40, "shares the phone number " + written + names_differ};
        if (emails_differ) return {Evidence::Weak, 42, "same phone number " + written + ", but different emails"};
        return {Evidence::Strong, 80, "same phone number " + written};
    }
    if (!names_agree) {
        if (const std::string* mailbox = first_shared(ka.emails, kb.emails)) {
            return {Evidence::Weak, 38, "shares " + *mailbox + names_differ};
        }
        return {};
    }
    if (ka.name.empty() || ka.name != kb.name || details_contradict(ka, kb, mailboxes)) return {};
    const std::string detail = agreeing_detail(a, ka, b, kb, mailboxes);
    if (!detail.empty()) return {Evidence::Strong, 70, "same name and " + detail};
    return {Evidence::Weak, kSameNameOnlyScore, "same name, nothing else to compare"};
}

bool details_contradict(const PersonKeys& a, const PersonKeys& b, const SharedMailboxes& mailboxes) {
    return personal_emails_differ(a, b, mailboxes) || profiles_differ(a, b);
}

bool same_details(const Contact& a, const Contact& b) {
    Contact x = a;
    absorb_contact(x, b);
    if (!(x == a)) return false;
    Contact y = b;
    absorb_contact(y, a);
    return y == b;
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
