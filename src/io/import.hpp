// What every importer produces, whatever the format: new contacts (and interactions) with fresh
// ids, ready to be previewed, matched against the people already in the store and merged; plus
// warnings about what was skipped. A file that cannot be read at all gives an error naming the
// file and the line (or byte position), and nothing else: importers never touch the store.
// Importers are pure functions of the bytes (and of ids, now and today), so the native tool, the
// browser and the fuzzers run the very same code.
#pragma once

#include "core/id.hpp"
#include "core/model.hpp"
#include "core/problem.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ties::io {

struct Imported {
    std::vector<Contact> contacts;
    std::vector<Interaction> interactions;  // X replies and mentions; other formats: none
    std::vector<Problem> warnings;    // skipped parts; the rest was imported
    std::optional<Problem> error;     // nothing could be imported; the lists are empty
    bool cancelled = false;                 // the progress callback said stop; the lists are empty
};

// Called now and then with the share done (0..1); returning false cancels the import.
using Progress = std::function<bool(double)>;

// Files larger than this are refused with a clear message before any parsing.
inline constexpr std::size_t kMaxImportBytes = 256u * 1024u * 1024u;

struct ImportContext {
    std::string file_name;        // for messages
    IdGenerator* ids = nullptr;   // mints the new records' ids
    Millis now = 0;               // RecordMeta created/updated of the new records
    Progress progress;            // optional
};

// Text as UTF-8: a UTF-8 BOM is dropped; UTF-16 (LE or BE, with a BOM) is converted; bytes that
// are not valid UTF-8 are read as Windows-1252 (what Excel and old Outlook write), with a warning
// in `note`. NUL characters are removed (cereal's JSON would cut a string at one).
std::string to_utf8(std::string_view bytes, std::string* note = nullptr);

// Windows-1252 bytes as UTF-8 (ISO-8859-1 labels are read the same way, as browsers do); NULs dropped.
std::string from_cp1252(std::string_view bytes);

// The kind of an email, phone or address as Ties keeps it: the known kinds canonical and
// lower-case ("Work", "BUSINESS", "* Work" -> "work"; "cell", "Mobile" -> "mobile"; "Home Fax" ->
// "home fax"; also "home", "fax", "pager", "main", "other"), Apple's "_$!<Mobile>!$_" unwrapped,
// and any other label as the client wrote it ("Assistant", "Kontor").
std::string canonical_label(std::string_view text);

// Adds an email or phone to a card's or row's list unless it is there already (emails compared
// without case, phones by phone_key, so "905-555-1234" and "(905) 555-1234" are one); a repeat
// with a label lends it to the first when that has none. At most `max_items`.
void add_point(std::vector<ContactPoint>& points, ContactPoint point, bool phone, std::size_t max_items);

// What an importer leaves out on purpose, said once per file in plain words rather than once
// per line: "Photos are not imported (3 cards had one)." and "2 fields Ties does not keep:
// X-ABRELATEDNAMES, GEO."
struct LeftOut {
    std::vector<std::string> fields;  // distinct names, in the order first seen
    std::size_t photos = 0;           // cards that had one

    void field(std::string_view name);
    void append_to(std::vector<Problem>& messages, const std::string& file) const;
};

// The last step of every importer: text that could disguise itself is removed from every
// contact and interaction (core/safe_text.hpp), said once per file: "Characters that draw
// nothing or reverse text were removed from 2 contacts, for example “Ada Lovelace”."
void clean_imported(Imported& imported, const std::string& file);

}  // namespace ties::io
