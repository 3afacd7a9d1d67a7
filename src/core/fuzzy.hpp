// Fuzzy matching for pickers and the command palette: the query's characters must appear in
// order in the candidate; contiguous runs and word starts score higher. Works on UTF-8 code
// points; ASCII letters match regardless of case.
#pragma once

#include <optional>
#include <string_view>

namespace ties {

// nullopt when `query` does not match `candidate`; an empty query matches everything with 0.
std::optional<int> fuzzy_score(std::string_view query, std::string_view candidate);

}  // namespace ties
