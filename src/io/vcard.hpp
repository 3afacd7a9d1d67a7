// Contacts from vCard files (2.1, 3.0, 4.0: what phones, Gmail, Outlook, Thunderbird and Evolution
// write) and to vCard 4.0 or 3.0. A hand-written reader in one linear pass: lines are unfolded into
// one reused buffer, embedded photos are stepped over without a copy, and any line longer than
// 1 MB is skipped, so a 200 MB export neither hangs nor balloons. Pure functions, like every
// importer (import.hpp).
#pragma once

#include "io/import.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ties::io {

// Reads every card of the file:
// - lines end in CRLF, LF or CR; a line starting with a space or tab continues the one before
//   (that one character dropped, in 2.1 too), and so does any line after a QUOTED-PRINTABLE soft
//   line break ("=" at the end of a line, vCard 2.1; up to a blank line or END:VCARD);
// - values: QUOTED-PRINTABLE or BASE64, then CHARSET (UTF-8, ISO-8859-1, Windows-1252; none:
//   UTF-8, else Windows-1252 with one warning, as old Outlook writes); escapes \\ \, \; \: \n \N;
//   NUL and other control characters (tab and newline kept) dropped;
// - FN (the display name), N (family; given), NICKNAME, ORG (the company; the department is
//   dropped), TITLE (else ROLE), the first ADR with a city, region or country, EMAIL, TEL,
//   CATEGORIES (tags; Google's "myContacts" and "starred" dropped), NOTE, BDAY and ANNIVERSARY
//   (also X-ANNIVERSARY, X-EVOLUTION-ANNIVERSARY, X-MS-ANNIVERSARY, iPhone's X-ABDATE labelled
//   Anniversary and Android's X-ANDROID-CUSTOM events: YYYYMMDD, YYYY-MM-DD, --MMDD, --MM-DD, a
//   time after them ignored, Apple's X-APPLE-OMIT-YEAR honoured);
// - handles: URL, X-SOCIALPROFILE (its TYPE and X-USER), IMPP, Evolution's X-TWITTER, X-JABBER,
//   X-SKYPE and X-EVOLUTION-BLOG-URL. A URL on x.com or twitter.com is X, linkedin.com/in/
//   LinkedIn, github.com GitHub, bsky.app/profile/ Bluesky, host/@user (and "@user@host")
//   Mastodon, other http(s) URLs Website, other schemes (xmpp:, skype:) Other; where the URL says
//   nothing, the item group's X-ABLabel ("Twitter") or the TYPE names the kind; a profile on
//   another service that is not a link (Apple's "x-apple:name") is Other, "Facebook: name";
// - PHOTO, LOGO, SOUND, KEY and X-MS-CARDPICTURE are skipped unread (with 2.1's unindented
//   base64 lines); a vCard 2.1 AGENT card inside a card is read past; contact groups (KIND:group,
//   X-ADDRESSBOOKSERVER-KIND:group) are skipped with a warning; UID, REV and the rest are ignored;
// - at most 200 e-mails, phones, handles and tags per card, 100 warnings per file (then a count);
// - a card with no name gets its company as display name; with neither, its e-mail is its label
//   (contact_label); with none of these it is skipped with a warning;
// - a card cut short (no END:VCARD before the end of the file) is skipped with a warning;
//   a BEGIN:VCARD inside a card ends the card before it (with a warning).
// Every message names the file and the line. Errors: "empty file", "not a vCard file: ...", and
// files over kMaxImportBytes. context.progress is called every 1000 cards.
Imported import_vcard(std::string_view bytes, const ImportContext& context);

enum class VcardVersion { V3, V4 };

// One card per live contact (tombstones are left out), UTF-8, CRLF, lines folded at 75 octets
// without splitting a character, TEXT escaped. UID is "urn:uuid:" and the contact's id, REV its
// last update. Handles: Website as URL; X, LinkedIn, Mastodon, Bluesky and GitHub as Apple's
// X-SOCIALPROFILE (TYPE twitter, linkedin, ...; the profile URL as value and the handle as
// typed in X-USER); Other as IMPP when it is a URI ("xmpp:..."), else X-SOCIALPROFILE;TYPE=other.
// Dates: 4.0 writes BDAY and ANNIVERSARY as 19900211, or --0211 without a year. 3.0 has no
// ANNIVERSARY and no yearless dates: it writes X-ANNIVERSARY, and a date without a year as Apple
// does, 1604-02-11 with X-APPLE-OMIT-YEAR=1604 (1604 is a leap year, so 29 February survives).
// import_vcard reads both back to the same fields, but: a contact with no display name comes
// back with its label as one (FN is required), text fields come back trimmed with CRLF as LF, a
// Website handle comes back as its full URL ("ada.dev" as "https://ada.dev"), and one whose URL is
// a profile (https://x.com/ada) as that kind.
std::string export_vcard(const std::vector<Contact>& contacts, VcardVersion version);

}  // namespace ties::io
