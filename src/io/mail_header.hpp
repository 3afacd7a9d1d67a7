// The headers of e-mail as real clients write them, for the mail import: who wrote to whom, when,
// in which thread, and whether a person wrote it. RFC 5322 with the obsolete forms it asks readers
// to accept (§4), RFC 2047 encoded words, and what Gmail, Outlook, Apple Mail and Thunderbird
// actually put in mbox files. Bodies are never read here. Pure functions: no I/O, no allocation
// that grows with anything but the header's own size.
#pragma once

#include "core/date.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ties::io::mail {

struct Address {
    std::string name;   // the display name, decoded ("" when there is none)
    std::string email;  // lower-case "local@domain"

    bool operator==(const Address&) const = default;
};

struct Field {
    std::string name;   // lower-case ("from", "list-id")
    std::string value;  // unfolded: each line break of a folded field and its indent become one space
};

// The fields of a header block (the lines up to the first empty one; a block without one is
// read to its end). A line starting with a space or tab continues the field before it; a line
// that is neither (no colon) is skipped. Lines end in LF or CRLF.
std::vector<Field> split_fields(std::string_view block);

// Unstructured text with RFC 2047 encoded words ("=?UTF-8?Q?Ren=C3=A9e?=", B or Q, any case, a
// language after '*' ignored) decoded: UTF-8 and US-ASCII as they are, ISO-8859-1, ISO-8859-15 and
// Windows-1252 converted; whitespace between two encoded words dropped, as the RFC says. A word
// in a charset not known here is left as it was written. Bytes that are not UTF-8 are read as
// Windows-1252 (old clients wrote 8-bit headers raw).
std::string decode_words(std::string_view text);

// An address list (From, To, Cc, Reply-To): mailboxes separated by commas, "Name" <a@b>, Name
// <a@b>, a@b, a@b (Name), quoted names with commas or escaped quotes, encoded words in names (also
// inside quotes, as clients write them), groups ("Team: a@b, c@d;", an empty one
// "undisclosed-recipients:;" gives nobody), comments anywhere, an obsolete route (<@x,@y:a@b>).
// Whatever is not an address (no '@', no local part or domain) is left out.
std::vector<Address> parse_addresses(std::string_view value);

// A Date field, to UTC: RFC 5322 ("Tue, 3 Dec 2026 14:05:09 +0100") and what clients write
// beside it: no weekday, a full weekday or month name, two- or three-digit years, no seconds,
// "+01:00", a zone name (UT, UTC, GMT, Z, EST/EDT, CST/CDT, MST/MDT, PST/PDT; military letters
// and unknown names as UTC), no zone at all (UTC), comments such as "(CET)", asctime ("Tue Dec  3
// 14:05:09 2026"), and ISO 8601 ("2026-12-03T14:05:09Z"). Nothing when it is not a date.
std::optional<Millis> parse_date(std::string_view value);

// The message ids of Message-ID, In-Reply-To and References, without their angle brackets, in
// order; a bare id without brackets is taken too, words that are not ids ("(comment)") are not.
std::vector<std::string> parse_message_ids(std::string_view value);

}  // namespace ties::io::mail
