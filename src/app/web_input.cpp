#include "app/web_input.hpp"

#include <GLFW/glfw3.h>
#include <imgui_impl_glfw.h>

#include <cfloat>
#include <string>
#include <vector>

namespace ties::app {
namespace {

struct KeyEvent {
    int key, scancode, action, mods;
    std::string text;  // typed text, in its place among the keys (key is then 0)
};

GLFWwindow* g_window = nullptr;
const platform::Canvas* g_canvas = nullptr;
std::vector<KeyEvent> g_pending_keys;  // held back until the next frames; see on_key
bool g_key_pressed_this_frame = false;
std::string g_copied;

// glfw reports the mouse in canvas backing-store pixels; ImGui works in CSS pixels.
void on_cursor_pos(GLFWwindow* window, double x, double y) {
    const double sx = g_canvas->css_width > 0 ? g_canvas->pixel_width / double(g_canvas->css_width) : 1.0;
    const double sy = g_canvas->css_height > 0 ? g_canvas->pixel_height / double(g_canvas->css_height) : 1.0;
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
bool is_modifier(int key) {
    return key == GLFW_KEY_LEFT_CONTROL || key == GLFW_KEY_RIGHT_CONTROL || key == GLFW_KEY_LEFT_SHIFT ||
           key == GLFW_KEY_RIGHT_SHIFT || key == GLFW_KEY_LEFT_ALT || key == GLFW_KEY_RIGHT_ALT ||
           key == GLFW_KEY_LEFT_SUPER || key == GLFW_KEY_RIGHT_SUPER;
}

void forward_key(GLFWwindow* window, const KeyEvent& e) {
    if (!e.text.empty()) {
        ImGui::GetIO().AddInputCharactersUTF8(e.text.c_str());
        return;
    }
    ImGui_ImplGlfw_KeyCallback(window, e.key, e.scancode, e.action, e.mods);
    if (e.action == GLFW_PRESS && !is_modifier(e.key)) g_key_pressed_this_frame = true;
}

// ImGui's input queue keeps two events of the same key in separate frames, but a modifier
// released in the same frame as a key press is merged into that frame, so a quick Ctrl+Z would
// arrive as a plain Z. Feeding ImGui at most one non-modifier key press per frame, and holding
// the rest (in order) for the next frames, keeps every shortcut's modifiers intact.
void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    KeyEvent event{key, scancode, action, mods, {}};
    if (g_key_pressed_this_frame || !g_pending_keys.empty()) {
        g_pending_keys.push_back(std::move(event));
    } else {
        forward_key(window, event);
    }
}

// Typed text (from the hidden input, see platform::on_typed_text) waits in the same line, so a
// word typed right after Ctrl+A reaches the field after Ctrl is released, and before an Enter
// typed after it: given to ImGui at once, it would be read while Ctrl is down, and dropped.
void on_text(const char* utf8) {
    KeyEvent event{0, 0, 0, 0, utf8};
    if (event.text.empty()) return;
    if (!g_pending_keys.empty()) {
        g_pending_keys.push_back(std::move(event));
    } else {
        forward_key(g_window, event);
    }
}

}  // namespace

void release_held_keys() {
    g_key_pressed_this_frame = false;
    size_t n = 0;
    while (n < g_pending_keys.size() && !g_key_pressed_this_frame) forward_key(g_window, g_pending_keys[n++]);
    g_pending_keys.erase(g_pending_keys.begin(), g_pending_keys.begin() + static_cast<std::ptrdiff_t>(n));
}

namespace {

const char* get_clipboard(void*) { return nullptr; }

void set_clipboard(void*, const char* text) {
    g_copied = text;
    ties::platform::write_clipboard(g_copied);
}

}  // namespace

// ImGui ignores characters while Ctrl (or Cmd) is down, and the user still holds it when the
// paste arrives: release the modifiers around the text, then restore their real state.
void insert_pasted_text(const std::string& text) {
    ImGuiIO& io = ImGui::GetIO();
    auto held = [](int left, int right) {
        return glfwGetKey(g_window, left) == GLFW_PRESS || glfwGetKey(g_window, right) == GLFW_PRESS;
    };
    io.AddKeyEvent(ImGuiMod_Ctrl, false);
    io.AddKeyEvent(ImGuiMod_Super, false);
    io.AddInputCharactersUTF8(text.c_str());
    io.AddKeyEvent(ImGuiMod_Ctrl, held(GLFW_KEY_LEFT_CONTROL, GLFW_KEY_RIGHT_CONTROL));
    io.AddKeyEvent(ImGuiMod_Super, held(GLFW_KEY_LEFT_SUPER, GLFW_KEY_RIGHT_SUPER));
}

const char* css_cursor(ImGuiMouseCursor cursor) {
    switch (cursor) {
        case ImGuiMouseCursor_TextInput: return "text";
        case ImGuiMouseCursor_Hand: return "pointer";
        case ImGuiMouseCursor_ResizeNS: return "ns-resize";
        case ImGuiMouseCursor_ResizeEW: return "ew-resize";
        case ImGuiMouseCursor_ResizeAll: return "move";
        case ImGuiMouseCursor_ResizeNESW: return "nesw-resize";
        case ImGuiMouseCursor_ResizeNWSE: return "nwse-resize";
        case ImGuiMouseCursor_NotAllowed: return "not-allowed";
        default: return "default";
    }
}

bool keys_held() { return !g_pending_keys.empty(); }

const std::string& last_copied() { return g_copied; }

void install_input(GLFWwindow* window, const platform::Canvas* canvas) {
    g_window = window;
    g_canvas = canvas;
    ImGuiIO& io = ImGui::GetIO();
    io.GetClipboardTextFn = get_clipboard;
    io.SetClipboardTextFn = set_clipboard;
    glfwSetCursorPosCallback(window, on_cursor_pos);
    glfwSetCursorEnterCallback(window, on_cursor_enter);
    glfwSetKeyCallback(window, on_key);
    platform::on_typed_text(on_text);
    ImGui_ImplGlfw_CursorEnterCallback(window, 1);
}

}  // namespace ties::app
