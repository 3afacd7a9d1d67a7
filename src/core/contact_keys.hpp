// What makes two contact records the same person, and how two records of one person combine:
// the normalised keys (email, handle or profile URL, phone, folded name), the evidence rules that
// weigh them (judge_match), and the field-union rules, shared by duplicate finding
// (duplicates.cpp) and import matching (import_plan.cpp) so both agree on who is whom.
#pragma once

#include "core/model.hpp"

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace ties {

// Trimmed, ASCII-lowercased: "  Ada@Example.ORG " -> "ada@example.org".
std::string normalise_email(std::string_view email);

// The number's last nine digits, punctuation and spaces ignored, so "+1 905-555-1234",
// "(905) 555-1234" and "905.555.1234" are one number, as are "+49 30 1234567" and "030 1234567".
// Fewer than seven digits (an extension, a typo) is "": not enough to say two numbers agree.
std::string phone_key(std::string_view phone);

// An address folded for comparison (case, accents, spacing and punctuation ignored); "" when empty.
std::string address_key(const PostalAddress& address);

// A handle's value without scheme, "www.", query, trailing slash, leading "@" and case, per kind:
// "https://www.linkedin.com/in/ada/" == "linkedin.com/in/ada" == "ada" (LinkedIn: "in/ada"),
// "https://x.com/ada" == "@Ada", "https://mastodon.social/@ada" == "@ada@mastodon.social"; an X
// archive's "https://twitter.com/intent/user?user_id=783214" is "id:783214".
std::string normalise_handle(const Handle& handle);
// One byte for the kind, then the normalised value; "" when the value normalises to nothing.
std::string handle_key(const Handle& handle);
// "same LinkedIn profile", "same X handle", "same website", ...
std::string handle_reason(HandleKind kind);

// The contact's folded name words joined by single spaces ("zoe odegaard"): display name, else
// given and family names. Hyphenated names stay one word. Appends to `out`.
void append_name_words(std::string& out, const Contact& contact);
// The name words sorted ("lovelace ada" and "Ada Lovelace" share it); "" without a name.
std::string name_key(const Contact& contact);

// --- Evidence that two records are one person ---------------------------------------------------

// A handle that belongs to one person (an X, LinkedIn, Mastodon, Bluesky or GitHub profile); a
// website or an unknown link may be a company's, shared by all its people.
bool identifies_person(HandleKind kind);

// A contact's keys, computed once and compared many times.
struct PersonKeys {
    std::vector<std::string> emails;      // normalise_email, non-empty
    std::vector<std::string> profiles;    // handle_key of handles that identify a person
    std::vector<std::string> phones;      // phone_key, non-empty
    std::vector<std::string> name_words;  // folded name words, sorted, honorifics ("Mr", "Jr") left out
    std::string name;                     // name_words joined by spaces: "same name" means equal
};
PersonKeys person_keys(const Contact& contact);
// PersonKeys::name alone (cheaper): "Mr. John Doe" -> "doe john".
std::string person_name(const Contact& contact);

// Names that could belong to one person: either is missing, or every word of the shorter is a
// word of the longer or its initial ("Ada Lovelace" ~ "A. Lovelace" ~ "Ada"; not "Ada Byron").
bool names_compatible(const PersonKeys& a, const PersonKeys& b);

enum class Evidence : std::uint8_t { None, Weak, Strong };

struct MatchVerdict {
    Evidence evidence = Evidence::None;
    int score = 0;        // for ranking: the higher the more certain
    std::string reason;   // "same email ada@example.org", "shares info@shop.example, but the names differ"
};

// judge_match's score for "same name, nothing else to compare".
constexpr int kSameNameOnlyScore = 50;

// Emails known to be held by people with different names ("info@shop.example"): not evidence
// that any two of them are one person.
using SharedMailboxes = std::unordered_set<std::string>;

// How strongly two records look like one person, and why in words. Strong: a personal email or
// profile with agreeing names; a phone number with agreeing names and no different personal
// emails; the same name with something else agreeing (a shared mailbox, company, address or
// birthday). Weak (a question for the person, never merged unasked): a shared email, profile or
// phone whose names differ, a phone with different emails, or the same name with nothing else
// to compare. None: nothing shared, or the same name contradicted by different personal emails
// or different profiles of one kind.
MatchVerdict judge_match(const Contact& a, const PersonKeys& ka, const Contact& b, const PersonKeys& kb,
                         const SharedMailboxes& mailboxes);

// Both have personal emails (not shared mailboxes) and share none, or both have a profile of one
// kind and none of that kind agree: whatever else they share, probably two people.
bool details_contradict(const PersonKeys& a, const PersonKeys& b, const SharedMailboxes& mailboxes);

// Whether `b` adds nothing to `a` and `a` nothing to `b` (absorb_contact both ways changes nothing).
bool same_details(const Contact& a, const Contact& b);

// `keep` gains what `other` has and it lacks: empty text fields filled (names, company, title,
// places, how met), emails, phones, handles and tags unioned (compared normalised), the closer
// circle, a rhythm, the earlier first meeting, met_at, birthday and anniversary when missing, and
// other's notes appended when they differ. Ids, times, archived, snooze and introduced_by are
// left to the caller.
void absorb_contact(Contact& keep, const Contact& other);

}  // namespace ties
