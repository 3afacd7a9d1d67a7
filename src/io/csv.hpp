// CSV as RFC 4180 has it, read leniently and written strictly. The reader takes UTF-8 text (run
// bytes through to_utf8 first) and never fails on odd input except where nothing sensible can be
// read: an unterminated quote, a field over kMaxCsvCellBytes, or more fields than the caps allow,
// so a hostile file cannot make it allocate without bound. One linear pass; no recursion.
#pragma once

#include "core/problem.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ties::io {

inline constexpr std::size_t kMaxCsvCellBytes = 1024u * 1024u;
inline constexpr std::size_t kMaxCsvFieldsPerRow = 4096;
inline constexpr std::size_t kMaxCsvFields = 10'000'000;  // in the whole file

struct CsvTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;  // as read: a row may be shorter or longer than the header
    std::vector<std::size_t> row_lines;          // 1-based line where each row starts
    std::size_t header_line = 1;
};

// Reading rules:
// - fields are separated by `delimiter`; 0 picks , ; or tab: the one that splits the first records
//   most consistently (outside quotes), ties going to the comma;
// - a field that starts with a quote runs to the next lone quote ("" is a quote) and may hold the
//   delimiter and line breaks; text after its closing quote is kept (as spreadsheets do), as is a
//   quote in the middle of an unquoted field;
// - records end at CRLF, LF or a lone CR; empty lines are skipped; a final line break is optional;
// - a UTF-8 BOM and NUL characters are dropped;
// - the header is the first record, unless the file opens with a preamble of one-field lines and a
//   blank line before a wider record (LinkedIn's "Notes:"): then that record is the header and
//   header_line says where it is.
std::optional<CsvTable> read_csv(std::string_view utf8_text, Problem& error, char delimiter = 0);
// The same, the error as "line 3: text".
std::optional<CsvTable> read_csv(std::string_view utf8_text, std::string& error_with_line, char delimiter = 0);

// One record, comma-separated, ending in CRLF. A field is quoted when it holds a comma, semicolon,
// quote, CR or LF (quotes doubled), or begins or ends with a space.
// Spreadsheet-safe: a field beginning with = + - @ tab or CR (which Excel, LibreOffice and Google
// Sheets would run as a formula) gets a leading apostrophe, which spreadsheets hide and read as
// "this is text"; so does a field of apostrophes followed by one of those, which keeps the change
// reversible: unneutralise_cell undoes it exactly (the CSV importer applies it to every cell).
std::string write_csv_row(const std::vector<std::string>& cells);
std::string neutralise_cell(std::string_view cell);
std::string_view unneutralise_cell(std::string_view cell);

}  // namespace ties::io
