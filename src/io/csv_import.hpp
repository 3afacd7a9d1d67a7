// Contacts from CSV files and to CSV: Google Contacts' export, LinkedIn's Connections.csv, and any
// other table through a column mapping (guessed from the header, or chosen by the user). Pure
// functions of the bytes, like every importer (import.hpp); nothing here touches the store.
#pragma once

#include "io/csv.hpp"
#include "io/import.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ties::io {

enum class ContactField {
    Ignore, DisplayName, GivenName, FamilyName, Nickname, Company, Title, City, Region, Country,
    Email, Phone, Handle, Website, Tags, Notes, Birthday, FirstMet,
};

std::string_view to_string(ContactField field);  // "Display name", "E-mail", ... for the mapping UI

struct CsvMapping {
    std::vector<ContactField> columns;  // one per header column; missing ones are ignored
};

enum class CsvFlavour { Google, LinkedIn, Other };

// Google: numbered columns such as "E-mail 1 - Value", or "Group Membership"; LinkedIn: "Connected
// On" with "URL" or "First Name".
CsvFlavour detect_flavour(const CsvTable& table);

// Each column by its header, ASCII case and punctuation ignored, Google's numbering and " - Value"
// dropped ("E-mail 2 - Value" is an e-mail, "E-mail 2 - Label" is ignored); common English words
// and a few German, French, Spanish, Italian and Dutch ones. Our own export's header maps back
// exactly. Where both "Title" and "Job Title" exist (Outlook), "Title" is the salutation: ignored.
CsvMapping guess_mapping(const CsvTable& table);

// How cells become fields:
// - every cell: the apostrophe write_csv_row puts before a formula-like value is removed, CRLF
//   and CR inside a cell become LF, other control characters but tab are dropped, the value is
//   trimmed;
// - one-value fields: the first non-empty column wins (Notes: all of them, a line each);
// - lists (Email, Phone, Handle, Website, Tags) split on ";" and " ::: " (Google's separator); tags
//   and emails split on "," when there is neither; empties and duplicates dropped (phones
//   compared by phone_key, so one number in two formats is kept once);
// - labels of emails and phones (canonical_label): an item's own "(work)" as export_csv writes
//   it, else Google's "E-mail 1 - Label" or "- Type" column ("* Work", paired item by item with
//   " ::: " lists), else the column's name (Outlook's "Business Phone", "Mobile Phone", "Home Fax");
// - addresses: Google's "Address 1 - Street/City/PO Box/Region/Postal Code/Country/Extended
//   Address/Label", Outlook's "Business Street", "Home City", "Other Postal Code" ... (the label
//   from the prefix), and export_csv's columns; a group of columns is an address when its name
//   says "address" or it has a street, PO box or postal code column. The contact's city, region
//   and country come from the first address that has one when no column gave them;
// - Website: a profile URL becomes a handle of its kind (linkedin.com -> LinkedIn, x.com and
//   twitter.com -> X, github.com -> GitHub, bsky.app -> Bluesky), other URLs a Website handle;
//   Handle: "Kind: value" (as export_csv writes) keeps its kind, "@a@b.c" is Mastodon, "@a" is X,
//   a URL as for Website, anything else Other;
// - Birthday and FirstMet: see parse_loose_date; FirstMet needs a year;
// - with no DisplayName column, the display name is the given, middle (Google) and family names,
//   else the company;
// - Google: "* myContacts", "* starred" and other starred system labels are dropped from tags;
//   one-value fields holding " ::: " keep the first entry;
// - a row that gives nothing (empty cells, unreadable dates, system labels only) is skipped; one
//   warning counts them.
// mapping == nullptr: Google and LinkedIn exports by their header, other CSV by guess_mapping;
// an error if no column maps to a field. context.progress is called every 1000 rows.
Imported import_csv(std::string_view bytes, const ImportContext& context, const CsvMapping* mapping = nullptr);

// "1988-07-14", "--07-14", "19880714", "1988/07/14", "14.07.1988", "14 Jul 1988", "14 July 1988",
// "Jul 14, 1988", "July 14 1988", "14 Jul", "Jul 14", an ISO timestamp (its date). English month
// names; numeric day/month orders other than these are ambiguous and not read.
std::optional<PartialDate> parse_loose_date(std::string_view text);

// The header export_csv writes, with as many address groups ("Address 1 - Label", "- PO Box",
// "- Extended Address", "- Street", "- City", "- Region", "- Postal Code", "- Country") as the
// contact with the most addresses has, and at least one.
std::vector<std::string> export_csv_header(std::size_t addresses = 1);

// One header row (export_csv_header), one row per live contact (tombstones left out), with
// write_csv_row: UTF-8 with a BOM (so Excel reads accents right), CRLF, lists joined with "; ",
// emails and phones with their label as "ada@ibm.com (work)", every address in its columns,
// handles as "Kind: value" ("X: @ada"), dates as ISO ("--07-14" without a year), every cell
// spreadsheet-safe. import_csv with guess_mapping reads it back to the same fields.
std::string export_csv(const std::vector<Contact>& contacts);

}  // namespace ties::io
