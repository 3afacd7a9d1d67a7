#include "core/sections.hpp"

#include "core/fuzzy.hpp"

namespace ties {

const std::array<SectionInfo, 9>& all_sections() {
    static const std::array<SectionInfo, 9> sections{{
        {Section::Today, "Today", "Whom to reach out to today, within the time you want to spend."},
        {Section::Contacts, "Contacts", "Everyone you know a little: who they are and how you met."},
        {Section::Map, "Map", "The worlds your network spans, and the people who are your only way into them."},
        {Section::Ask, "Ask", "Ask the right people for help: a question written once, sent the way each can be reached."},
        {Section::Timeline, "Timeline", "Every conversation, meeting and favour, newest first."},
        {Section::Events, "Events", "Tweetups, meetups and conferences, and whom you met there."},
        {Section::Opportunities, "Opportunities", "Jobs, clients and partnerships, and the people they came through."},
        {Section::Insights, "Insights", "How your network grows, and whom you are neglecting."},
        {Section::Settings, "Settings", "Appearance, rhythms and budget, your data and how it is kept."},
    }};
    return sections;
}

const SectionInfo& section_info(Section section) {
    return all_sections()[static_cast<size_t>(section)];
}

std::optional<Section> find_section(std::string_view query) {
    std::optional<Section> best;
    int best_score = 0;
    for (const SectionInfo& info : all_sections()) {
        if (auto score = fuzzy_score(query, info.title); score && (!best || *score > best_score)) {
            best = info.section;
            best_score = *score;
        }
    }
    return best;
}

}  // namespace ties
