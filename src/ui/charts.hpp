// Charts of our own, drawn on ImDrawList: stacked or grouped bars (vertical over time, or
// horizontal per category) and lines, with labelled axes, round ("nice") tick values, a legend,
// and a tooltip with the bucket's label and exact numbers. Colours come from the theme, per light
// and dark. For tests, a chart publishes its rectangle (probe item <name>), each bucket's column
// (<name>.bucket.<i>), the bucket count (<name>.buckets) and, while hovered, the tooltip's text
// (<name>.tooltip: the label, then "Series: value" lines, and "Total: n" for stacked bars).
#pragma once

#include "ui/theme.hpp"

#include <imgui.h>

#include <span>
#include <string>
#include <vector>

namespace ties::ui::charts {

enum class ChartKind {
    StackedBars,  // one bar per bucket, series stacked bottom to top
    GroupedBars,  // the series side by side in each bucket
    Line,         // one line per series
};

struct ChartSeries {
    std::string_view name;
    std::span<const double> values;  // one per bucket
    ImU32 colour = 0;                // 0: the palette's colour for the series' position
    bool in_tooltip_only = false;    // listed in the tooltip, not drawn (a line chart's "New")
};

struct Chart {
    const char* name = "chart";  // ImGui id and probe name, e.g. "insights.growth"
    ChartKind kind = ChartKind::StackedBars;
    bool horizontal = false;     // bars: one row per bucket, labels on the left (for categories)
    std::span<const std::string> labels;  // per bucket, in the tooltip ("Week of 4 Mar 2024")
    std::span<const std::string> ticks;   // per bucket, on the axis ("4 Mar"); empty: the labels
    std::vector<ChartSeries> series;
    float height = 220.0f;       // vertical charts; horizontal ones take a row per bucket
    const char* value_axis = nullptr;   // what the values count ("people"), over the value axis
    const char* bucket_axis = nullptr;  // what a bucket is ("month"), by the bucket labels
};

// The n-th series colour of the theme: accent first, then colours that read on both backgrounds.
ImU32 series_colour(int index, bool dark);

// Round steps for a value axis from 0 to at least `max`: 1, 2 or 5 times a power of ten (whole
// numbers only when `whole`), about `target` ticks. Returns the step; `top` gets the axis end.
double nice_step(double max, int target, bool whole, double& top);

// "12", "3.5", "1,234": a value as the axis and the tooltip show it.
std::string format_value(double value);

// Draws the chart at the cursor, as wide as the available width.
void draw_chart(const Chart& chart, const Palette& p, bool dark);

}  // namespace ties::ui::charts
