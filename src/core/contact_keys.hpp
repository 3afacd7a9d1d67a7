// What makes two contact records the same person, and how two records of one person combine:
// the normalised keys (email, handle or profile URL, folded name) and the field-union rules,
// shared by duplicate finding (duplicates.cpp) and import matching (import_plan.cpp) so both
// agree on who is whom.
#pragma once

#include "core/model.hpp"

#include <string>
#include <string_view>

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

// `keep` gains what `other` has and it lacks: empty text fields filled (names, company, title,
// places, how met), emails, phones, handles and tags unioned (compared normalised), the closer
// circle, a rhythm, the earlier first meeting, met_at, birthday and anniversary when missing, and
// other's notes appended when they differ. Ids, times, archived, snooze and introduced_by are
// left to the caller.
void absorb_contact(Contact& keep, const Contact& other);

}  // namespace ties
