// Charts: see charts.hpp. A chart reserves its rectangle with one invisible button (for hover),
// lays out legend, axes and plot area, then draws with ImDrawList; nothing is kept between frames.
#include "ui/charts.hpp"

#include "ui/probe.hpp"

#include <imgui_internal.h>  // ImRect and ItemAdd: a bucket's column as a probe item

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>

namespace ties::ui::charts {
namespace {

constexpr float kSwatch = 10.0f;       // legend and tooltip colour squares
constexpr float kRowHeight = 28.0f;    // horizontal charts: one row per bucket
constexpr float kBarThickness = 16.0f;
constexpr float kMaxBarWidth = 44.0f;

constexpr std::array<unsigned, 6> kLightColours{0x5B5BD6, 0x0D9488, 0xD97706, 0xE11D48, 0x0284C7, 0x4D7C0F};
constexpr std::array<unsigned, 6> kDarkColours{0x8E8CFF, 0x2DD4BF, 0xFBBF24, 0xFB7185, 0x38BDF8, 0xA3E635};

ImU32 with_alpha(ImU32 colour, int alpha) {
    return (colour & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

ImU32 colour_of(const Chart& chart, std::size_t s, bool dark) {
    return chart.series[s].colour != 0 ? chart.series[s].colour : series_colour(static_cast<int>(s), dark);
}

double value_at(const ChartSeries& series, std::size_t bucket) {
    return bucket < series.values.size() ? series.values[bucket] : 0.0;
}

std::size_t bucket_count(const Chart& chart) { return chart.labels.size(); }

const std::string& tick_of(const Chart& chart, std::size_t bucket) {
    return bucket < chart.ticks.size() ? chart.ticks[bucket] : chart.labels[bucket];
}

std::vector<std::size_t> drawn_series(const Chart& chart) {
    std::vector<std::size_t> drawn;
    for (std::size_t s = 0; s < chart.series.size(); ++s)
        if (!chart.series[s].in_tooltip_only) drawn.push_back(s);
    return drawn;
}

// The largest value the axis must reach, and whether every value is whole.
double axis_max(const Chart& chart, const std::vector<std::size_t>& drawn, bool& whole) {
    double max = 0.0;
    whole = true;
    for (std::size_t b = 0; b < bucket_count(chart); ++b) {
        double stack = 0.0;
        for (std::size_t s : drawn) {
            const double v = value_at(chart.series[s], b);
            if (std::fabs(v - std::round(v)) > 1e-9) whole = false;
            stack += std::max(v, 0.0);
            max = std::max(max, v);
        }
        if (chart.kind == ChartKind::StackedBars) max = std::max(max, stack);
    }
    return max;
}

// The legend, wrapped to `width`; returns its height. Drawn only when `draw`.
float legend(const Chart& chart, const std::vector<std::size_t>& drawn, ImVec2 origin, float width,
             const Palette& p, bool dark, bool draw) {
    if (drawn.size() < 2) return 0.0f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float line = ImGui::GetTextLineHeight();
    float x = 0.0f, y = 0.0f;
    for (std::size_t s : drawn) {
        const std::string name(chart.series[s].name);
        const float item = kSwatch + 6.0f + ImGui::CalcTextSize(name.c_str()).x;
        if (x > 0.0f && x + item > width) {
            x = 0.0f;
            y += line + 4.0f;
        }
        if (draw) {
            const ImVec2 at(origin.x + x, origin.y + y);
            const float top = at.y + (line - kSwatch) * 0.5f;
            dl->AddRectFilled(ImVec2(at.x, top), ImVec2(at.x + kSwatch, top + kSwatch), colour_of(chart, s, dark), 2.0f);
            dl->AddText(ImVec2(at.x + kSwatch + 6.0f, at.y), p.muted, name.c_str());
        }
        x += item + 16.0f;
    }
    return y + line + 8.0f;
}

// The tooltip for one bucket; returns its text for the probe.
std::string tooltip(const Chart& chart, std::size_t bucket, bool dark) {
    std::string text = chart.labels[bucket];
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(chart.labels[bucket].c_str());
    double total = 0.0;
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
        const double v = value_at(chart.series[s], bucket);
        total += v;
        const std::string line = std::string(chart.series[s].name) + ": " + format_value(v);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float top = at.y + (ImGui::GetTextLineHeight() - kSwatch) * 0.5f;
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, top), ImVec2(at.x + kSwatch, top + kSwatch),
                                                  colour_of(chart, s, dark), 2.0f);
        ImGui::SetCursorScreenPos(ImVec2(at.x + kSwatch + 6.0f, at.y));
        ImGui::TextUnformatted(line.c_str());
        text += "\n" + line;
    }
    if (chart.kind == ChartKind::StackedBars && chart.series.size() > 1) {
        const std::string line = "Total: " + format_value(total);
        ImGui::TextUnformatted(line.c_str());
        text += "\n" + line;
    }
    ImGui::EndTooltip();
    return text;
}

// Bars for one bucket across [lo, hi] along the bucket axis; `at(v)` maps a value to the value
// axis. Vertical bars grow up from `base`, horizontal ones right from it.
template <typename ValueToPixel>
void draw_bars(ImDrawList* dl, const Chart& chart, const std::vector<std::size_t>& drawn, std::size_t bucket,
               float lo, float hi, ValueToPixel at, bool dark) {
    const bool vertical = !chart.horizontal;
    auto rect = [&](float a0, float a1, float v0, float v1, ImU32 colour, bool rounded_end) {
        const float rounding = rounded_end ? std::min(3.0f, (a1 - a0) * 0.5f) : 0.0f;
        if (vertical)
            dl->AddRectFilled(ImVec2(a0, v1), ImVec2(a1, v0), colour, rounding, ImDrawFlags_RoundCornersTop);
        else
            dl->AddRectFilled(ImVec2(v0, a0), ImVec2(v1, a1), colour, rounding, ImDrawFlags_RoundCornersRight);
    };
    if (chart.kind == ChartKind::StackedBars) {
        std::size_t last = drawn.size();  // the top segment gets rounded corners
        for (std::size_t k = 0; k < drawn.size(); ++k)
            if (value_at(chart.series[drawn[k]], bucket) > 0) last = k;
        double sum = 0.0;
        for (std::size_t k = 0; k < drawn.size(); ++k) {
            const double v = value_at(chart.series[drawn[k]], bucket);
            if (v <= 0) continue;
            rect(lo, hi, at(sum), at(sum + v), colour_of(chart, drawn[k], dark), k == last);
            sum += v;
        }
    } else {
        const float step = (hi - lo) / static_cast<float>(std::max<std::size_t>(drawn.size(), 1));
        for (std::size_t k = 0; k < drawn.size(); ++k) {
            const double v = value_at(chart.series[drawn[k]], bucket);
            if (v <= 0) continue;
            const float a0 = lo + step * static_cast<float>(k);
            rect(a0 + 0.5f, a0 + step - 0.5f, at(0.0), at(v), colour_of(chart, drawn[k], dark), true);
        }
    }
}

}  // namespace

ImU32 series_colour(int index, bool dark) {
    const auto& colours = dark ? kDarkColours : kLightColours;
    const unsigned hex = colours[static_cast<std::size_t>(index) % colours.size()];
    return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, 255);
}

double nice_step(double max, int target, bool whole, double& top) {
    if (!(max > 0.0)) max = 1.0;
    target = std::max(target, 1);
    const double raw = max / target;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double norm = raw / magnitude;
    double step = (norm <= 1.0 ? 1.0 : norm <= 2.0 ? 2.0 : norm <= 5.0 ? 5.0 : 10.0) * magnitude;
    if (whole) step = std::max(1.0, std::round(step));
    top = std::ceil(max / step - 1e-9) * step;
    return step;
}

std::string format_value(double value) {
    char text[48];
    if (std::fabs(value - std::round(value)) < 1e-9) {
        std::snprintf(text, sizeof text, "%.0f", value);
        const std::string digits(text);
        const std::size_t start = digits[0] == '-' ? 1 : 0;
        std::string out = digits.substr(0, start);
        for (std::size_t i = start; i < digits.size(); ++i) {
            if (i > start && (digits.size() - i) % 3 == 0) out += ',';
            out += digits[i];
        }
        return out;
    }
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

void draw_chart(const Chart& chart, const Palette& p, bool dark) {
    const std::size_t n = bucket_count(chart);
    const std::vector<std::size_t> drawn = drawn_series(chart);
    const float line = ImGui::GetTextLineHeight();
    const float width = std::max(ImGui::GetContentRegionAvail().x, 80.0f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float legend_height = legend(chart, drawn, origin, width, p, dark, false);
    // The tick labels under the plot, and the axis titles: the bucket axis's right-aligned under
    // the labels, the value axis's over the plot (vertical) or with the bucket axis's (horizontal).
    const bool title_below = chart.bucket_axis || (chart.horizontal && chart.value_axis);
    const float axis_height = line + 8.0f + (title_below ? line + 2.0f : 0.0f);
    const float title_above = !chart.horizontal && chart.value_axis ? line + 2.0f : 0.0f;
    const float height = chart.horizontal ? legend_height + kRowHeight * static_cast<float>(std::max<std::size_t>(n, 1)) + axis_height
                                          : std::max(chart.height, legend_height + 3 * line + axis_height);

    ImGui::InvisibleButton(chart.name, ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    probe::item(chart.name);
    probe::value(probe::key(chart.name, ".buckets"), n);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    legend(chart, drawn, origin, width, p, dark, true);
    if (n == 0) return;

    bool whole = true;
    const double max = axis_max(chart, drawn, whole);
    const ImU32 grid = p.border;

    // Horizontal: the category labels' column, at most 42% of the width.
    float label_width = 0.0f;
    if (chart.horizontal) {
        for (std::size_t b = 0; b < n; ++b) label_width = std::max(label_width, ImGui::CalcTextSize(tick_of(chart, b).c_str()).x);
        label_width = std::min(label_width + 12.0f, width * 0.42f);
    }

    // The value axis: round ticks from 0; as many as fit comfortably.
    const float value_span = chart.horizontal ? width - label_width : height - legend_height - axis_height;
    const int target = std::clamp(static_cast<int>(value_span / (chart.horizontal ? 60.0f : 40.0f)), 2, 6);
    double top = 1.0;
    const double step = nice_step(max, target, whole, top);
    float tick_width = 0.0f;
    for (double v = 0.0; v <= top + step * 0.5; v += step)
        tick_width = std::max(tick_width, ImGui::CalcTextSize(format_value(v).c_str()).x);

    ImRect plot;
    if (chart.horizontal) {
        plot = ImRect(origin.x + label_width, origin.y + legend_height, origin.x + width - tick_width * 0.5f - 2.0f,
                      origin.y + height - axis_height);
    } else {
        plot = ImRect(origin.x + tick_width + 8.0f, origin.y + legend_height + title_above + line * 0.5f,
                      origin.x + width - 4.0f, origin.y + height - axis_height);
    }
    if (title_above > 0.0f) dl->AddText(ImVec2(origin.x, origin.y + legend_height), p.muted, chart.value_axis);
    if (title_below) {
        std::string title;
        if (chart.horizontal && chart.value_axis) title = chart.value_axis;
        if (chart.bucket_axis) title += (title.empty() ? "" : ", ") + std::string(chart.bucket_axis);
        const float w = ImGui::CalcTextSize(title.c_str()).x;
        dl->AddText(ImVec2(origin.x + width - w, origin.y + height - line - 2.0f), p.muted, title.c_str());
    }
    const float bucket_size = (chart.horizontal ? plot.GetHeight() : plot.GetWidth()) / static_cast<float>(n);
    auto value_px = [&](double v) {
        const float t = static_cast<float>(v / top);
        return chart.horizontal ? plot.Min.x + t * plot.GetWidth() : plot.Max.y - t * plot.GetHeight();
    };
    auto bucket_rect = [&](std::size_t b) {
        const float a0 = (chart.horizontal ? plot.Min.y : plot.Min.x) + bucket_size * static_cast<float>(b);
        return chart.horizontal ? ImRect(origin.x, a0, plot.Max.x, a0 + bucket_size)
                                : ImRect(a0, plot.Min.y, a0 + bucket_size, plot.Max.y);
    };

    std::optional<std::size_t> hover;
    if (hovered) {
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        const float along = chart.horizontal ? mouse.y - plot.Min.y : mouse.x - plot.Min.x;
        if (along >= 0.0f) hover = std::min(static_cast<std::size_t>(along / bucket_size), n - 1);
    }
    // A finger has no hover: a tap (or a click) pins its bucket's numbers until a tap elsewhere.
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID pin_key = ImGui::GetItemID();
    if (ImGui::IsItemClicked() && hover) storage->SetInt(pin_key, static_cast<int>(*hover));
    else if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !hovered) storage->SetInt(pin_key, -1);
    const int pinned = storage->GetInt(pin_key, -1);
    const bool show_pinned = !hover && pinned >= 0 && static_cast<std::size_t>(pinned) < n;
    if (show_pinned) hover = static_cast<std::size_t>(pinned);
    if (hover) dl->AddRectFilled(bucket_rect(*hover).Min, bucket_rect(*hover).Max, p.accent_soft, 4.0f);

    // Grid lines and value labels.
    for (double v = 0.0; v <= top + step * 0.5; v += step) {
        const std::string text = format_value(v);
        const ImVec2 size = ImGui::CalcTextSize(text.c_str());
        const float at = value_px(v);
        if (chart.horizontal) {
            dl->AddLine(ImVec2(at, plot.Min.y), ImVec2(at, plot.Max.y), v == 0.0 ? p.muted : grid);
            dl->AddText(ImVec2(at - size.x * 0.5f, plot.Max.y + 4.0f), p.muted, text.c_str());
        } else {
            dl->AddLine(ImVec2(plot.Min.x, at), ImVec2(plot.Max.x, at), v == 0.0 ? p.muted : grid);
            dl->AddText(ImVec2(plot.Min.x - 8.0f - size.x, at - size.y * 0.5f), p.muted, text.c_str());
        }
    }

    // Bucket labels: every category on a horizontal chart; on a vertical one as many as fit,
    // counted back from the latest bucket so the current period is always labelled.
    if (chart.horizontal) {
        for (std::size_t b = 0; b < n; ++b) {
            const ImRect r = bucket_rect(b);
            const std::string& text = tick_of(chart, b);
            dl->PushClipRect(ImVec2(origin.x, r.Min.y), ImVec2(plot.Min.x - 6.0f, r.Max.y), true);
            dl->AddText(ImVec2(origin.x, r.GetCenter().y - line * 0.5f), hover == b ? p.text : p.muted, text.c_str());
            dl->PopClipRect();
        }
    } else {
        float widest = 0.0f;
        for (std::size_t b = 0; b < n; ++b) widest = std::max(widest, ImGui::CalcTextSize(tick_of(chart, b).c_str()).x);
        const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil((widest + 12.0f) / bucket_size)));
        float left_of_last = origin.x + width + 12.0f;  // where the label drawn before (to the right) starts
        for (std::size_t k = 0; k < n; k += every) {
            const std::size_t b = n - 1 - k;
            const std::string& text = tick_of(chart, b);
            const float w = ImGui::CalcTextSize(text.c_str()).x;
            const float x = std::clamp(bucket_rect(b).GetCenter().x - w * 0.5f, origin.x, origin.x + width - w);
            if (x + w + 12.0f > left_of_last) continue;  // the last label was pushed left: no room
            dl->AddText(ImVec2(x, plot.Max.y + 4.0f), hover == b ? p.text : p.muted, text.c_str());
            left_of_last = x;
        }
    }

    // The data.
    if (chart.kind == ChartKind::Line) {
        const float radius = n <= 40 ? 2.5f : 0.0f;
        for (std::size_t k = 0; k < drawn.size(); ++k) {
            const ChartSeries& series = chart.series[drawn[k]];
            const ImU32 colour = colour_of(chart, drawn[k], dark);
            std::vector<ImVec2> points;
            for (std::size_t b = 0; b < n; ++b)
                points.emplace_back(bucket_rect(b).GetCenter().x, value_px(value_at(series, b)));
            if (k == 0)  // a soft area under the first line, trapezoid by trapezoid (each is convex)
                for (std::size_t b = 0; b + 1 < n; ++b)
                    dl->AddQuadFilled(points[b], points[b + 1], ImVec2(points[b + 1].x, plot.Max.y),
                                      ImVec2(points[b].x, plot.Max.y), with_alpha(colour, dark ? 40 : 30));
            dl->AddPolyline(points.data(), static_cast<int>(points.size()), colour, ImDrawFlags_None, 2.0f);
            for (std::size_t b = 0; b < n; ++b)
                if (radius > 0.0f || hover == b) dl->AddCircleFilled(points[b], hover == b ? 4.5f : radius, colour);
        }
    } else {
        const float thickness = chart.horizontal ? std::min(kBarThickness, bucket_size * 0.7f)
                                                 : std::min(kMaxBarWidth, std::max(bucket_size * 0.72f, std::min(bucket_size - 1.0f, 2.0f)));
        for (std::size_t b = 0; b < n; ++b) {
            const ImRect r = bucket_rect(b);
            const float centre = chart.horizontal ? r.GetCenter().y : r.GetCenter().x;
            draw_bars(dl, chart, drawn, b, centre - thickness * 0.5f, centre + thickness * 0.5f, value_px, dark);
        }
    }

    if (show_pinned) {  // beside the pinned bucket, since the pointer is gone
        const ImRect r = bucket_rect(*hover);
        const bool right_half = r.GetCenter().x > ImGui::GetIO().DisplaySize.x * 0.5f;  // open toward the middle
        ImGui::SetNextWindowPos(chart.horizontal ? ImVec2(plot.Min.x + 24.0f, r.Max.y + 4.0f) : ImVec2(r.GetCenter().x, plot.Min.y),
                                ImGuiCond_Always, ImVec2(!chart.horizontal && right_half ? 1.0f : 0.0f, 0.0f));
    }
    if (hover) probe::value(probe::key(chart.name, ".tooltip"), [&] { return tooltip(chart, *hover, dark); });

    // Each bucket's column (a row on a horizontal chart), for tests to point at.
    if (probe::enabled()) {
        for (std::size_t b = 0; b < n; ++b) {
            ImGui::ItemAdd(bucket_rect(b), 0);
            probe::item(chart.name, ".bucket.", b);
        }
    }
}

}  // namespace ties::ui::charts
