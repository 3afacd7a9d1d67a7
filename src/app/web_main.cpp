// Entry point of the web app: sets up glfw + WebGL2 + Dear ImGui, then on each animation frame
// reads the browser's input and canvas size, draws the UI and applies its intents. An idle app
// does not redraw (the canvas keeps its last frame), so an open tab costs no CPU: it draws while
// input arrives and briefly after, continuously while a text field is active, else once a second.

#include "core/sections.hpp"
#include "platform/browser.hpp"
#include "ui/app_ui.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImGuiContext::InputEventsQueue, to tell whether input arrived
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cfloat>
#include <cstdio>
#include <string>

namespace {

using ties::ui::ThemeChoice;

struct App {
    GLFWwindow* window = nullptr;
    ties::platform::Canvas canvas;
    ties::ui::Fonts fonts;
    ties::ui::UiState ui;
    ties::Section section = ties::Section::Today;
    ThemeChoice theme_choice = ThemeChoice::System;
    bool dark = false;
    bool theme_applied = false;
    bool ready = false;
    bool test_mode = false;
    bool mac = false;
    std::string build;
    std::string clipboard;       // the latest text copied in the app
    ImGuiPlatformImeData ime;    // where ImGui wants text input, if anywhere
    double awake_until = 0;      // keep drawing until then (seconds, glfwGetTime)
    double last_drawn = 0;
};

constexpr double kAwakeAfterInput = 0.5;  // lets hover, trickled input and animations settle
constexpr double kIdleRedraw = 1.0;

App g_app;

ThemeChoice parse_theme(const std::string& text) {
    if (text == "light") return ThemeChoice::Light;
    if (text == "dark") return ThemeChoice::Dark;
    return ThemeChoice::System;
}

const char* theme_key(ThemeChoice choice) {
    switch (choice) {
        case ThemeChoice::Light: return "light";
        case ThemeChoice::Dark: return "dark";
        case ThemeChoice::System: return "system";
    }
    return "system";
}

// glfw reports the mouse in canvas backing-store pixels; ImGui works in CSS pixels.
void on_cursor_pos(GLFWwindow* window, double x, double y) {
    const double sx = g_app.canvas.css_width > 0 ? g_app.canvas.pixel_width / double(g_app.canvas.css_width) : 1.0;
    const double sy = g_app.canvas.css_height > 0 ? g_app.canvas.pixel_height / double(g_app.canvas.css_height) : 1.0;
    ImGui_ImplGlfw_CursorPosCallback(window, x / sx, y / sy);
}

// Leaving the canvas hides the cursor from ImGui without letting the backend fall back to
// glfwGetCursorPos, which would report unscaled coordinates.
void on_cursor_enter(GLFWwindow* window, int entered) {
    if (entered) {
        ImGui_ImplGlfw_CursorEnterCallback(window, 1);
    } else {
        ImGui::GetIO().AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    }
}

// Pasting goes through the browser's paste event (see web/platform.js), so ImGui's own Ctrl+V
// finds nothing to paste and cannot paste twice.
const char* get_clipboard(void*) { return nullptr; }

void set_clipboard(void*, const char* text) {
    g_app.clipboard = text;
    ties::platform::write_clipboard(g_app.clipboard);
}

// ImGui ignores characters while Ctrl (or Cmd) is down, and the user still holds it when the
// paste arrives: release the modifiers around the text, then restore their real state.
void insert_pasted_text(const std::string& text) {
    ImGuiIO& io = ImGui::GetIO();
    auto held = [](int left, int right) {
        return glfwGetKey(g_app.window, left) == GLFW_PRESS || glfwGetKey(g_app.window, right) == GLFW_PRESS;
    };
    io.AddKeyEvent(ImGuiMod_Ctrl, false);
    io.AddKeyEvent(ImGuiMod_Super, false);
    io.AddInputCharactersUTF8(text.c_str());
    io.AddKeyEvent(ImGuiMod_Ctrl, held(GLFW_KEY_LEFT_CONTROL, GLFW_KEY_RIGHT_CONTROL));
    io.AddKeyEvent(ImGuiMod_Super, held(GLFW_KEY_LEFT_SUPER, GLFW_KEY_RIGHT_SUPER));
}

void set_ime_data(ImGuiViewport*, ImGuiPlatformImeData* data) { g_app.ime = *data; }

void apply_theme_if_needed() {
    const bool dark = g_app.theme_choice == ThemeChoice::Dark ||
                      (g_app.theme_choice == ThemeChoice::System && ties::platform::prefers_dark());
    if (g_app.theme_applied && dark == g_app.dark) return;
    g_app.dark = dark;
    g_app.theme_applied = true;
    ties::ui::apply_theme(dark);
}

void apply(const ties::ui::UiIntents& intents) {
    if (intents.go_to) g_app.section = *intents.go_to;
    if (intents.theme) {
        g_app.theme_choice = *intents.theme;
        ties::platform::save_preference("theme", theme_key(g_app.theme_choice));
    }
}

// True when this animation frame needs drawing; see the top of the file.
bool should_draw(const ties::platform::Canvas& before, bool text_arrived) {
    const double now = glfwGetTime();
    const bool input = !ImGui::GetCurrentContext()->InputEventsQueue.empty() || text_arrived;
    const bool resized = before.pixel_width != g_app.canvas.pixel_width ||
                         before.pixel_height != g_app.canvas.pixel_height ||
                         before.pixel_ratio != g_app.canvas.pixel_ratio;
    const bool theme_changed = g_app.theme_choice == ThemeChoice::System && ties::platform::prefers_dark() != g_app.dark;
    if (input || resized || theme_changed || g_app.ime.WantVisible || !g_app.ready)
        g_app.awake_until = now + kAwakeAfterInput;
    if (now < g_app.awake_until || now - g_app.last_drawn >= kIdleRedraw) {
        g_app.last_drawn = now;
        return true;
    }
    return false;
}

void frame() {
    ImGuiIO& io = ImGui::GetIO();
    const ties::platform::Canvas before = g_app.canvas;
    g_app.canvas = ties::platform::sync_canvas();
    const std::string typed = ties::platform::take_typed_text();
    const std::string pasted = ties::platform::take_pasted_text();
    if (!should_draw(before, !typed.empty() || !pasted.empty())) return;

    if (g_app.canvas.pixel_ratio != g_app.fonts.pixel_ratio) {
        g_app.fonts = ties::ui::load_fonts(g_app.canvas.pixel_ratio);
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    if (!typed.empty()) io.AddInputCharactersUTF8(typed.c_str());
    if (!pasted.empty()) insert_pasted_text(pasted);
    apply_theme_if_needed();

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    io.DisplaySize = ImVec2(g_app.canvas.css_width, g_app.canvas.css_height);
    io.DisplayFramebufferScale = ImVec2(static_cast<float>(g_app.canvas.pixel_width) / g_app.canvas.css_width,
                                        static_cast<float>(g_app.canvas.pixel_height) / g_app.canvas.css_height);
    ImGui::NewFrame();
    ties::probe::begin_frame(g_app.test_mode);

    const ties::ui::UiView view{
        .section = g_app.section,
        .theme_choice = g_app.theme_choice,
        .dark = g_app.dark,
        .system_dark = ties::platform::prefers_dark(),
        .mac = g_app.mac,
        .fonts = &g_app.fonts,
        .build = g_app.build,
    };
    const ties::ui::UiIntents intents = ties::ui::draw_app(g_app.ui, view);

    ImGui::Render();
    glViewport(0, 0, g_app.canvas.pixel_width, g_app.canvas.pixel_height);
    const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    apply(intents);
    if (intents.go_to || intents.theme) g_app.awake_until = glfwGetTime() + kAwakeAfterInput;
    ties::platform::set_text_input(g_app.ime.WantVisible, g_app.ime.InputPos.x, g_app.ime.InputPos.y,
                                   g_app.ime.InputLineHeight);
    if (g_app.test_mode) {
        ties::probe::value("theme", g_app.dark ? "dark" : "light");
        ties::probe::value("clipboard", g_app.clipboard);
        ties::probe::value("fontPixelRatio", std::to_string(g_app.fonts.pixel_ratio));
        ties::platform::publish_probe(ties::probe::to_json());
    }
    if (!g_app.ready) {
        g_app.ready = true;
        ties::platform::signal_ready();
    }
}

}  // namespace

int main() {
    if (!glfwInit()) {
        std::fprintf(stderr, "Ties: could not start glfw\n");
        return 1;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    g_app.canvas = ties::platform::sync_canvas();
    g_app.window = glfwCreateWindow(static_cast<int>(g_app.canvas.css_width),
                                    static_cast<int>(g_app.canvas.css_height), "Ties", nullptr, nullptr);
    if (g_app.window == nullptr) {
        std::fprintf(stderr, "Ties: could not create a WebGL 2 context\n");
        return 1;
    }
    glfwMakeContextCurrent(g_app.window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // layout is code; nothing is written to a file
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    g_app.mac = ties::platform::is_mac();
    io.ConfigMacOSXBehaviors = g_app.mac;
    io.GetClipboardTextFn = get_clipboard;
    io.SetClipboardTextFn = set_clipboard;
    io.SetPlatformImeDataFn = set_ime_data;

    ImGui_ImplGlfw_InitForOpenGL(g_app.window, true);
    glfwSetCursorPosCallback(g_app.window, on_cursor_pos);
    glfwSetCursorEnterCallback(g_app.window, on_cursor_enter);
    ImGui_ImplGlfw_CursorEnterCallback(g_app.window, 1);
    ImGui_ImplOpenGL3_Init("#version 300 es");

    g_app.test_mode = ties::platform::test_mode();
    g_app.build = ties::platform::build_id();
    g_app.theme_choice = parse_theme(ties::platform::load_preference("theme"));

    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
