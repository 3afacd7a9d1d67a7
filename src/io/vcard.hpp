// Contacts from vCard files (2.1, 3.0, 4.0: what phones, Gmail, Outlook, Thunderbird and Evolution
// write) and to vCard 4.0 or 3.0. A hand-written reader in one linear pass: lines are unfolded into
// one reused buffer, embedded photos are stepped over without a copy, and any line longer than
// 1 MB is skipped, so a 200 MB export neither hangs nor balloons. Pure functions, like every
// importer (import.hpp).
#pragma once

#include "io/import.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ties::io {

// Reads every card of the file:
// - lines end in CRLF, LF, CR or CR CR LF (old iPhone exports); a line starting with a space or tab continues the one before
//   (that one character dropped, in 2.1 too), and so does any line after a QUOTED-PRINTABLE soft
//   line break ("=" at the end of a line, vCard 2.1; up to a blank line or END:VCARD);
// - values: QUOTED-PRINTABLE or BASE64, then CHARSET (UTF-8, ISO-8859-1, Windows-1252; none:
//   UTF-8, else Windows-1252 with one warning, as old Outlook writes); escapes \\ \, \; \n \N,
//   and any other escaped character stands for itself (Gmail's \", others' \:);
//   NUL and other control characters (tab and newline kept) dropped;
// - FN (the display name), N (family; given), NICKNAME, ORG (the company; the department is
//   dropped), TITLE (else ROLE), every ADR (an unlabelled one of a city, region or country alone, as
//   export_vcard writes them, gives the contact's city, region and country; else the first
//   address that has one does), EMAIL, TEL (repeats of a
//   number in another format, by phone_key, kept once),
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
// - labels of EMAIL, TEL and ADR: TYPE=work/home/cell/fax/pager (also 2.1's bare WORK;VOICE), or
//   the item group's X-ABLabel ("_$!<Main>!$_", "Assistant"), through canonical_label;
// - PHOTO, LOGO, SOUND, KEY and X-MS-CARDPICTURE are skipped unread (with 2.1's unindented
//   base64 lines and quoted-printable soft breaks); photos are counted in one sentence per file
//   ("Photos are not imported (3 cards had one)."), and the names of other properties Ties does
//   not keep in another ("2 fields Ties does not keep: GEO, X-ABRELATEDNAMES."); a vCard 2.1 AGENT card inside a card is read past; contact groups (KIND:group,
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
// without splitting a character, TEXT escaped as the RFCs ask and no more (4.0: backslash, comma,
// newline, and semicolon in N, ADR and ORG; 3.0: semicolons everywhere). N: structured_name.
// Labels: work, home, mobile (cell), fax, pager as TYPE; any other label as an item group's
// X-ABLabel. Every address as ADR with its label; a contact without addresses but with a city,
// region or country gets an ADR of those. UID is "urn:uuid:" and the contact's id, REV its
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

// The family and given names N is written with: the contact's own, or, when it has neither, its
// display name's last word as family name and the words before it as given names ("Ada King
// Lovelace" -> {"Lovelace", "Ada King"}; one word: given name only). A company's own card (its
// display name is the company) keeps an empty N. A derived N is marked X-TIES-FROM-FN=1,
// which other clients ignore and import_vcard honours, so a contact added by hand comes back
// as it was.
std::pair<std::string, std::string> structured_name(const Contact& c);

}  // namespace ties::io
