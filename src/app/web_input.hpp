// The web app's input glue between glfw (Emscripten's), Dear ImGui and the browser: the mouse in
// CSS pixels on a HiDPI canvas, keys held back one per frame so shortcuts keep their modifiers
// (typed text waits in line with them), pasted text inserted past a held Ctrl, ImGui's copies
// sent to the system clipboard, and the CSS cursor. web_main.cpp installs it and calls it from
// the frame loop.
#pragma once

#include "platform/browser.hpp"

#include <imgui.h>

#include <string>

struct GLFWwindow;

namespace ties::app {

// Sets glfw's mouse and key callbacks (after ImGui_ImplGlfw_InitForOpenGL) and ImGui's clipboard
// hooks. `canvas` is read on every mouse move, to scale it.
void install_input(GLFWwindow* window, const platform::Canvas* canvas);
// Each drawn frame, before ImGui::NewFrame: gives ImGui the next held key, if any.
void release_held_keys();
bool keys_held();  // keys wait for the next frames: keep drawing
void insert_pasted_text(const std::string& text);
const char* css_cursor(ImGuiMouseCursor cursor);
const std::string& last_copied();  // the latest text copied in the app (the test probe shows it)

}  // namespace ties::app
