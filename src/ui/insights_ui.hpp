// The Insights section: charts of the user's own network over a chosen range (3 months, 1 year,
// 3 years, all time): growth, touches by kind, circles and who is going dormant, give and take
// with the people to repay, and where opportunities came from (weak ties or strong). The numbers
// come from core/insights and are computed once per (store version, range, today), not per frame.
#pragma once

#include "core/insights.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace ties::ui {

struct UiView;
struct UiIntents;

struct InsightsUi {
    RangePreset preset = RangePreset::OneYear;

    struct Key {
        std::uint64_t version = 0;
        RangePreset preset = RangePreset::OneYear;
        Date today;
        bool operator==(const Key&) const = default;
    };
    std::optional<Key> key;
    Insights data;
    // The circle charts without empty circles (all of them when every circle is empty).
    CategoryChart circles, opportunities_by_circle;
    std::size_t people = 0;        // live contacts
    std::int32_t dormant = 0;      // going dormant, all circles
    std::int32_t touches = 0;      // in the range
    std::int32_t given = 0, received = 0;  // in the range
};

void draw_insights(InsightsUi& ui, const UiView& view, UiIntents& out);

}  // namespace ties::ui
