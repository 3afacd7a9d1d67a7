// The app's top-level sections, in sidebar order, and what each one is for.
// Kept in the core so navigation can be tested natively and reused by the command palette.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace ties {

enum class Section { Today, Contacts, Map, Ask, Timeline, Events, Opportunities, Insights, Settings };

struct SectionInfo {
    Section section;
    std::string_view title;
    std::string_view summary;  // one line: what the section is for
};

const std::array<SectionInfo, 9>& all_sections();
const SectionInfo& section_info(Section section);

// The best section whose title fuzzily matches `query` (see fuzzy.hpp), if any.
std::optional<Section> find_section(std::string_view query);

}  // namespace ties
