// Ties' look: a light and a dark palette, applied to ImGui's style, and the fonts (Inter plus
// Fork Awesome icons) rasterised at the screen's pixel ratio so text stays crisp on HiDPI.
#pragma once

#include "ui/intents.hpp"  // ThemeChoice

#include <imgui.h>

namespace ties::ui {

struct Palette {
    ImU32 background, sidebar, card, border, text, muted, accent, accent_text, accent_soft, warning;
};

struct Fonts {
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
    ImFont* title = nullptr;
    float pixel_ratio = 0.0f;  // the ratio they were rasterised for
};

const Palette& palette(bool dark);
void apply_theme(bool dark);

// Rebuilds the font atlas for `pixel_ratio` (canvas pixels per CSS pixel). The caller must
// re-upload the atlas texture to the renderer afterwards.
Fonts load_fonts(float pixel_ratio);

}  // namespace ties::ui
