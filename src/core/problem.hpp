// One shape for what went wrong, wherever it crosses a layer: a parser telling the import, the
// storage engine telling the session, a backup reader telling the CLI, a job telling the page.
// A result that can fail carries `std::optional<Problem> error` and `ok()`; a warning is a Problem
// too. The text is a sentence for people; `file` and `line` say where, when that is known.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

namespace ties {

struct Problem {
    std::string file;      // the file's name as the user knows it ("Connections.csv"); "" when not about a file
    std::size_t line = 0;  // 1-based; 0 when not about one line
    std::string text;      // for people: "a card without END:VCARD"

    // "Connections.csv, line 12: text" · "Connections.csv: text" · "line 12: text" · "text"
    std::string to_string() const;
};

// The problem in words, or "" when there is none (a result that worked): for messages and tests.
inline std::string to_string(const std::optional<Problem>& problem) {
    return problem ? problem->to_string() : std::string();
}

// A problem about no particular file or line.
inline Problem problem(std::string text) { return Problem{{}, 0, std::move(text)}; }

}  // namespace ties
