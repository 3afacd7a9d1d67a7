#include "ui/theme.hpp"

#include <cstdio>

namespace ties::ui {
namespace {

constexpr ImU32 rgb(unsigned hex, unsigned alpha = 255) {
    return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, alpha);
}

constexpr Palette kLight{
    .background = rgb(0xFAFAFB), .sidebar = rgb(0xF1F1F5), .card = rgb(0xFFFFFF),
    .border = rgb(0xE2E2E9), .text = rgb(0x18181B), .muted = rgb(0x66667A),
    .accent = rgb(0x5B5BD6), .accent_text = rgb(0xFFFFFF), .accent_soft = rgb(0x5B5BD6, 30),
    .warning = rgb(0xB45309)};

constexpr Palette kDark{
    .background = rgb(0x141418), .sidebar = rgb(0x1B1B21), .card = rgb(0x222229),
    .border = rgb(0x32323D), .text = rgb(0xECECF1), .muted = rgb(0x9D9DAC),
    .accent = rgb(0x8E8CFF), .accent_text = rgb(0x14141A), .accent_soft = rgb(0x8E8CFF, 40),
    .warning = rgb(0xF59E0B)};

ImVec4 v4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

ImVec4 with_alpha(ImU32 c, float alpha) {
    ImVec4 v = v4(c);
    v.w = alpha;
    return v;
}

// Latin (with extensions), Greek, Cyrillic, punctuation, currency, arrows; matches the subset
// CMakeLists.txt cuts from Inter.
const ImWchar kTextRanges[] = {
    0x0020, 0x024F, 0x0300, 0x036F, 0x0370, 0x03FF, 0x0400, 0x052F, 0x1E00, 0x1EFF,
    0x2000, 0x206F, 0x20A0, 0x20CF, 0x2100, 0x214F, 0x2190, 0x21FF, 0x2212, 0x2212,
    0x2260, 0x2265, 0xFFFD, 0xFFFD, 0};
const ImWchar kIconRanges[] = {0xF000, 0xF2FF, 0};
// From DejaVu Sans, merged under Inter; matches the subset in CMakeLists.txt.
const ImWchar kFallbackRanges[] = {0x0530, 0x058F, 0x0590, 0x05FF, 0x10A0, 0x10FF, 0xFFFD, 0xFFFD, 0};

ImFont* add_font(const char* file, float size, float pixel_ratio, bool with_icons) {
    ImGuiIO& io = ImGui::GetIO();
    ImFontConfig config;
    config.OversampleH = pixel_ratio >= 2.0f ? 1 : 2;
    config.OversampleV = 1;
    ImFont* font = io.Fonts->AddFontFromFileTTF(file, size * pixel_ratio, &config, kTextRanges);
    if (font == nullptr) {
        std::fprintf(stderr, "Ties: could not load %s; falling back to the built-in font\n", file);
        ImFontConfig fallback;
        fallback.SizePixels = size * pixel_ratio;
        return io.Fonts->AddFontDefault(&fallback);
    }
    ImFontConfig fallback;
    fallback.MergeMode = true;
    fallback.OversampleH = config.OversampleH;
    io.Fonts->AddFontFromFileTTF("/fonts/fallback.ttf", size * pixel_ratio, &fallback, kFallbackRanges);
    if (with_icons) {
        ImFontConfig icons;
        icons.MergeMode = true;
        icons.PixelSnapH = true;
        icons.GlyphMinAdvanceX = size * pixel_ratio * 1.25f;  // icons line up in menus
        icons.GlyphOffset.y = pixel_ratio;                      // sit on Inter's baseline
        io.Fonts->AddFontFromFileTTF("/fonts/icons.ttf", size * 0.95f * pixel_ratio, &icons, kIconRanges);
    }
    return font;
}

}  // namespace

const Palette& palette(bool dark) { return dark ? kDark : kLight; }

void apply_theme(bool dark) {
    const Palette& p = palette(dark);
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    style.WindowPadding = ImVec2(0, 0);
    style.FramePadding = ImVec2(10, 7);
    style.ItemSpacing = ImVec2(10, 8);
    style.ItemInnerSpacing = ImVec2(8, 6);
    style.WindowRounding = 0;
    style.ChildRounding = 10;
    style.FrameRounding = 8;
    style.PopupRounding = 8;
    style.GrabRounding = 8;
    style.ScrollbarRounding = 8;
    style.ScrollbarSize = 10;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 1;
    style.FrameBorderSize = 1;
    style.PopupBorderSize = 1;
    style.WindowTitleAlign = ImVec2(0.0f, 0.5f);
    style.SelectableTextAlign = ImVec2(0, 0.5f);

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = v4(p.text);
    c[ImGuiCol_TextDisabled] = v4(p.muted);
    c[ImGuiCol_WindowBg] = v4(p.background);
    c[ImGuiCol_ChildBg] = with_alpha(p.card, 0.0f);
    c[ImGuiCol_PopupBg] = v4(p.card);
    c[ImGuiCol_Border] = v4(p.border);
    c[ImGuiCol_BorderShadow] = with_alpha(p.border, 0.0f);
    c[ImGuiCol_FrameBg] = v4(p.card);
    c[ImGuiCol_FrameBgHovered] = v4(p.card);
    c[ImGuiCol_FrameBgActive] = v4(p.card);
    c[ImGuiCol_Button] = v4(p.accent_soft);
    c[ImGuiCol_ButtonHovered] = with_alpha(p.accent, 0.28f);
    c[ImGuiCol_ButtonActive] = with_alpha(p.accent, 0.40f);
    c[ImGuiCol_Header] = v4(p.accent_soft);
    c[ImGuiCol_HeaderHovered] = with_alpha(p.accent, 0.20f);
    c[ImGuiCol_HeaderActive] = with_alpha(p.accent, 0.30f);
    c[ImGuiCol_Separator] = v4(p.border);
    c[ImGuiCol_SeparatorHovered] = v4(p.accent);
    c[ImGuiCol_SeparatorActive] = v4(p.accent);
    c[ImGuiCol_ScrollbarBg] = with_alpha(p.background, 0.0f);
    c[ImGuiCol_ScrollbarGrab] = with_alpha(p.muted, 0.35f);
    c[ImGuiCol_ScrollbarGrabHovered] = with_alpha(p.muted, 0.55f);
    c[ImGuiCol_ScrollbarGrabActive] = with_alpha(p.muted, 0.75f);
    c[ImGuiCol_CheckMark] = v4(p.accent);
    c[ImGuiCol_SliderGrab] = v4(p.accent);
    c[ImGuiCol_SliderGrabActive] = v4(p.accent);
    c[ImGuiCol_TextSelectedBg] = with_alpha(p.accent, 0.35f);
    c[ImGuiCol_NavHighlight] = v4(p.accent);
    c[ImGuiCol_TitleBg] = v4(p.card);
    c[ImGuiCol_TitleBgActive] = v4(p.card);
    c[ImGuiCol_TitleBgCollapsed] = v4(p.card);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, dark ? 0.55f : 0.30f);
    c[ImGuiCol_TableHeaderBg] = v4(p.sidebar);
    c[ImGuiCol_TableBorderStrong] = v4(p.border);
    c[ImGuiCol_TableBorderLight] = v4(p.border);
    c[ImGuiCol_TableRowBgAlt] = with_alpha(p.sidebar, 0.5f);
}

Fonts load_fonts(float pixel_ratio) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    Fonts fonts;
    fonts.pixel_ratio = pixel_ratio;
    fonts.body = add_font("/fonts/Inter-Regular.ttf", 15.0f, pixel_ratio, true);
    fonts.heading = add_font("/fonts/Inter-SemiBold.ttf", 15.0f, pixel_ratio, true);
    fonts.title = add_font("/fonts/Inter-SemiBold.ttf", 26.0f, pixel_ratio, true);
    io.Fonts->Build();
    io.FontDefault = fonts.body;
    io.FontGlobalScale = 1.0f / pixel_ratio;  // layout stays in CSS pixels
    return fonts;
}

}  // namespace ties::ui
