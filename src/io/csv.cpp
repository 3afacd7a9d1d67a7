// RFC 4180 CSV: see csv.hpp. The reader is a single forward pass over the text with a line counter;
// the delimiter guess looks at the first records only.
#include "io/csv.hpp"

#include <algorithm>
#include <array>
#include <map>

namespace ties::io {
namespace {

constexpr std::size_t kSniffRecords = 20;
constexpr std::size_t kSniffBytes = 64 * 1024;
constexpr std::size_t kMaxPreambleRecords = 16;

bool is_formula_start(char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'; }

// Counts of each candidate delimiter outside quotes, per record, for the first records.
char detect_delimiter(std::string_view text) {
    constexpr std::array<char, 3> kCandidates = {',', ';', '\t'};
    std::vector<std::array<std::size_t, 3>> records;
    std::array<std::size_t, 3> counts{};
    bool quoted = false;
    bool empty_record = true;
    const std::size_t end = std::min(text.size(), kSniffBytes);
    for (std::size_t i = 0; i < end && records.size() < kSniffRecords; ++i) {
        const char c = text[i];
        if (c == '"') {
            quoted = !quoted;  // a doubled quote toggles twice
            empty_record = false;
        } else if (!quoted && (c == '\n' || c == '\r')) {
            if (!empty_record) records.push_back(counts);
            counts = {};
            empty_record = true;
        } else if (!quoted) {
            for (std::size_t k = 0; k < kCandidates.size(); ++k)
                if (c == kCandidates[k]) ++counts[k];
            empty_record = false;
        }
    }
    if (!empty_record && records.size() < kSniffRecords) records.push_back(counts);

    char best = ',';
    std::size_t best_records = 0;
    std::size_t best_count = 0;
    for (std::size_t k = 0; k < kCandidates.size(); ++k) {
        std::map<std::size_t, std::size_t> seen;  // count -> records with that count
        for (const auto& record : records)
            if (record[k] > 0) ++seen[record[k]];
        for (const auto& [count, how_many] : seen) {
            if (how_many > best_records || (how_many == best_records && count > best_count)) {
                best = kCandidates[k];
                best_records = how_many;
                best_count = count;
            }
        }
    }
    return best;
}

struct Record {
    std::vector<std::string> cells;
    std::size_t line = 0;
    bool after_blank_line = false;
};

}  // namespace

std::optional<CsvTable> read_csv(std::string_view text, Problem& error, char delimiter) {
    error = Problem{};
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (delimiter == 0) delimiter = detect_delimiter(text);

    std::vector<Record> records;
    std::size_t fields = 0;
    std::size_t line = 1;
    bool blank_before = false;
    const std::size_t n = text.size();
    std::size_t i = 0;
    const auto fail = [&](std::size_t at_line, std::string message) -> std::optional<CsvTable> {
        error = Problem{{}, at_line, std::move(message)};
        return std::nullopt;
    };
    // Consumes one line break at i (CRLF, LF or CR) and counts it.
    const auto take_line_break = [&] {
        if (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') ++i;
        ++i;
        ++line;
    };

    while (i < n) {
        if (text[i] == '\n' || text[i] == '\r') {  // an empty line
            take_line_break();
            blank_before = !records.empty();
            continue;
        }
        Record record;
        record.line = line;
        record.after_blank_line = blank_before;
        blank_before = false;
        while (true) {  // one field per turn
            std::string cell;
            const std::size_t cell_line = line;
            if (i < n && text[i] == '"') {
                ++i;
                while (true) {
                    if (i >= n) return fail(cell_line, "a quoted field starts here but its closing quote is missing");
                    const char c = text[i];
                    if (c == '"') {
                        if (i + 1 < n && text[i + 1] == '"') {
                            cell.push_back('"');
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (c == '\n' || (c == '\r' && !(i + 1 < n && text[i + 1] == '\n'))) ++line;
                    if (c != '\0') cell.push_back(c);
                    ++i;
                    if (cell.size() > kMaxCsvCellBytes)
                        return fail(cell_line, "a field starting here is longer than 1 MB (is a quote left open?)");
                }
            }
            while (i < n && text[i] != delimiter && text[i] != '\n' && text[i] != '\r') {
                if (text[i] != '\0') cell.push_back(text[i]);
                ++i;
                if (cell.size() > kMaxCsvCellBytes) return fail(cell_line, "a field starting here is longer than 1 MB");
            }
            record.cells.push_back(std::move(cell));
            if (record.cells.size() > kMaxCsvFieldsPerRow)
                return fail(record.line, "more than " + std::to_string(kMaxCsvFieldsPerRow) + " fields in one row");
            if (++fields > kMaxCsvFields)
                return fail(record.line, "more than " + std::to_string(kMaxCsvFields) + " fields in the file");
            if (i < n && text[i] == delimiter) {
                ++i;
                continue;
            }
            break;
        }
        if (i < n) take_line_break();
        records.push_back(std::move(record));
    }
    if (records.empty()) return fail(0, "the file is empty");

    // A preamble of one-field records, a blank line, then a wider record: that one is the header.
    std::size_t header = 0;
    if (records[0].cells.size() == 1) {
        for (std::size_t k = 1; k < records.size() && k <= kMaxPreambleRecords; ++k) {
            if (records[k].cells.size() > 1) {
                if (records[k].after_blank_line) header = k;
                break;
            }
        }
    }

    CsvTable table;
    table.header = std::move(records[header].cells);
    table.header_line = records[header].line;
    table.rows.reserve(records.size() - header - 1);
    table.row_lines.reserve(records.size() - header - 1);
    for (std::size_t k = header + 1; k < records.size(); ++k) {
        table.rows.push_back(std::move(records[k].cells));
        table.row_lines.push_back(records[k].line);
    }
    return table;
}

std::optional<CsvTable> read_csv(std::string_view utf8_text, std::string& error_with_line, char delimiter) {
    Problem error;
    std::optional<CsvTable> table = read_csv(utf8_text, error, delimiter);
    error_with_line = table ? std::string() : error.to_string();
    return table;
}

std::string neutralise_cell(std::string_view cell) {
    std::size_t k = 0;
    while (k < cell.size() && cell[k] == '\'') ++k;
    std::string out;
    if (k < cell.size() && is_formula_start(cell[k])) out += '\'';
    out.append(cell);  // appending (not "'" + string) also avoids GCC 12's false -Wrestrict at -O2
    return out;
}

std::string_view unneutralise_cell(std::string_view cell) {
    std::size_t k = 0;
    while (k < cell.size() && cell[k] == '\'') ++k;
    if (k > 0 && k < cell.size() && is_formula_start(cell[k])) cell.remove_prefix(1);
    return cell;
}

std::string write_csv_row(const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t k = 0; k < cells.size(); ++k) {
        if (k > 0) out.push_back(',');
        const std::string cell = neutralise_cell(cells[k]);
        const bool quote = cell.find_first_of(",;\"\r\n") != std::string::npos ||
                           (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
        if (!quote) {
            out += cell;
            continue;
        }
        out.push_back('"');
        for (char c : cell) {
            if (c == '"') out.push_back('"');
            out.push_back(c);
        }
        out.push_back('"');
    }
    out += "\r\n";
    return out;
}

}  // namespace ties::io
