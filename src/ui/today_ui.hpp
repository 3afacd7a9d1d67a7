// The Today section: whom to reach out to today within the user's budget, each with the reason
// and quick actions (log, snooze, relax the rhythm, archive); follow-ups due; birthdays and
// anniversaries; new ties to follow up before they cool; the rest of the week's plan; who is due
// but over budget; and people to give back to. The plan can be exported to a calendar (.ics).
#pragma once

#include "core/model.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace ties::ui {

struct UiView;
struct UiIntents;
struct QuickLogUi;

// A long list on Today shows its first rows and grows on request, so a frame lays out a few dozen
// rows whatever the size of the network (thousands of follow-ups or birthdays at 100,000 people).
inline constexpr std::size_t kTodayRowsFirst = 10;
inline constexpr std::size_t kTodayRowsMore = 50;

struct TodayUi {
    bool show_over_budget = false;  // the full list of ties due beyond the budget
    // Rows shown of each list (see kTodayRowsFirst).
    std::size_t plan_shown = kTodayRowsFirst;
    std::size_t closest_shown = kTodayRowsFirst;
    std::size_t follow_ups_shown = kTodayRowsFirst;
    std::size_t new_shown = kTodayRowsFirst;
    std::size_t dates_shown = kTodayRowsFirst;
    std::size_t later_shown = kTodayRowsFirst;
    // People with no circle and the circles suggested for them, cached per store version.
    std::uint64_t unsorted_version = ~std::uint64_t{0};
    std::vector<std::pair<Id, Tier>> unsorted;
    std::array<std::size_t, kTierCount> unsorted_by_tier{};
};

void draw_today(TodayUi& ui, QuickLogUi& quick_log, const UiView& view, UiIntents& out);

}  // namespace ties::ui
