// Entry point of the web app: sets up glfw + WebGL2 + Dear ImGui, then on each animation frame
// reads the browser's input and canvas size, draws the UI and applies its intents. An idle app
// does not redraw (the canvas keeps its last frame) and its loop sleeps, so an open tab costs
// next to no CPU: it draws while input arrives and briefly after, continuously while a text field
// is active, when a save is to be retried, and once a minute for the date; input, storage and file
// events wake it (web/platform.js).

#include "app/session.hpp"
#include "app/web_input.hpp"
#include "core/sections.hpp"
#include "platform/browser.hpp"
#include "platform/browser_host.hpp"
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

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

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
    ties::platform::PageOptions options;  // the page's URL, read once
    bool mac = false;
    std::string build;
    ImGuiPlatformImeData ime;    // where ImGui wants text input, if anywhere
    double awake_until = 0;      // keep drawing until then (seconds, glfwGetTime)
    double last_drawn = 0;

    std::optional<ties::platform::BrowserHost> host;
    std::optional<ties::app::Session> session;  // the store and its storage; see app/session.hpp
};

App g_app;

constexpr double kAwakeAfterInput = 0.5;  // lets hover, trickled input and animations settle
constexpr double kIdleRedraw = 60.0;       // the date, and "days ago"; everything else wakes the app
int g_woken = 0;                           // set by web/platform.js when something woke the loop

void wake() { g_app.awake_until = glfwGetTime() + kAwakeAfterInput; }

// Dates in the user's locale, cached: the UI asks for the same few dates every frame.
std::string format_date(ties::Date date) {
    static std::unordered_map<std::int32_t, std::string> cache;
    if (const auto it = cache.find(date.days); it != cache.end()) return it->second;
    if (cache.size() > 20000) cache.clear();
    return cache[date.days] = ties::platform::format_date(date.year(), date.month(), date.day());
}


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

void set_ime_data(ImGuiViewport*, ImGuiPlatformImeData* data) { g_app.ime = *data; }

void apply_theme_if_needed() {
    const bool dark = g_app.theme_choice == ThemeChoice::Dark ||
                      (g_app.theme_choice == ThemeChoice::System && ties::platform::prefers_dark());
    if (g_app.theme_applied && dark == g_app.dark) return;
    g_app.dark = dark;
    g_app.theme_applied = true;
    ties::ui::apply_theme(dark);
}

// The window's intents here (the section, the theme); the data's go to the session.
bool apply(ties::ui::UiIntents intents) {
    if (intents.go_to) g_app.section = *intents.go_to;
    if (intents.theme) {
        g_app.theme_choice = *intents.theme;
        ties::platform::save_preference("theme", theme_key(g_app.theme_choice));
    }
    const ties::TodayQueue* plan = nullptr;  // Today's own, already computed, for the calendar file
    if (intents.export_file == ties::io::ExportFormat::Calendar)
        plan = &g_app.ui.outlook.get(g_app.session->store(), g_app.host->today()).today;
    return g_app.session->apply(std::move(intents), g_app.ui.import, plan);
}

// True when this animation frame needs drawing; see the top of the file.
bool should_draw(const ties::platform::Canvas& before, bool text_arrived) {
    const double now = glfwGetTime();
    const bool woken = std::exchange(g_woken, 0) != 0;
    const bool input = !ImGui::GetCurrentContext()->InputEventsQueue.empty() || text_arrived || woken;
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
    if (g_app.session->loading()) {  // a large store opening: a slice a frame, progress on the loading screen
        g_app.session->continue_loading();
        ties::platform::show_load_progress(g_app.session->load_progress());
        return;
    }
    ImGuiIO& io = ImGui::GetIO();
    const ties::platform::Canvas before = g_app.canvas;
    g_app.canvas = ties::platform::sync_canvas();
    const std::string pasted = ties::platform::take_pasted_text();
    ties::app::Session& session = *g_app.session;
    if (session.tick(g_app.ui.import)) wake();
    if (ties::app::keys_held()) wake();
    const float scroll = ties::platform::take_touch_scroll();
    float touch_x = 0, touch_y = 0;
    const bool touched = ties::platform::take_touch_point(touch_x, touch_y);
    float wheel_x = 0, wheel_y = 0;
    const bool wheeled = ties::platform::take_wheel(wheel_x, wheel_y);
    ties::platform::TouchGesture gesture;
    const bool gestured = ties::platform::take_touch_gesture(gesture);
    if (!should_draw(before, !pasted.empty() || scroll != 0.0f || touched || wheeled || gestured)) {
        // Nothing to do until input or the next idle redraw: sleep instead of polling each frame.
        ties::platform::sleep_frames(std::min(g_app.last_drawn + kIdleRedraw - glfwGetTime(), session.seconds_until_due()));
        return;
    }

    if (g_app.canvas.pixel_ratio != g_app.fonts.pixel_ratio) {
        g_app.fonts = ties::ui::load_fonts(g_app.canvas.pixel_ratio);
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    if (touched) {  // scrolling goes to the list under the finger
        io.AddMousePosEvent(touch_x, touch_y);
    }
    if (scroll != 0.0f)
        io.AddMouseWheelEvent(0.0f, scroll / (ImGui::GetFontSize() * 5.0f));  // ImGui scrolls 5 lines a step
    if (wheeled) io.AddMouseWheelEvent(wheel_x, wheel_y);
    if (!pasted.empty()) ties::app::insert_pasted_text(pasted);
    apply_theme_if_needed();

    ties::app::release_held_keys();
    const double frame_start = emscripten_get_now();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    io.DisplaySize = ImVec2(g_app.canvas.css_width, g_app.canvas.css_height);
    io.DisplayFramebufferScale = ImVec2(static_cast<float>(g_app.canvas.pixel_width) / g_app.canvas.css_width,
                                        static_cast<float>(g_app.canvas.pixel_height) / g_app.canvas.css_height);
    ImGui::NewFrame();
    ties::probe::begin_frame(g_app.options.test);
    const ties::Date today = g_app.host->today();

    const ties::ui::SyncView sync = session.sync_view();
    const ties::ui::UiView view{
        .section = g_app.section,
        .theme_choice = g_app.theme_choice,
        .dark = g_app.dark,
        .system_dark = ties::platform::prefers_dark(),
        .mac = g_app.mac,
        .fonts = &g_app.fonts,
        .build = g_app.build,
        .store = &session.store(),
        .today = today,
        .now = g_app.host->now_millis(),
        .format_date = format_date,
        .ids = &session.ids(),
        .save = session.indicator(),
        .load_warnings = &session.load_warnings(),
        .last_backup = session.last_backup() ? format_date(*session.last_backup()) : std::string(),
        .backup_due = session.backup_due(),
        .sync = &sync,
        .touch_drag_x = gesture.drag_x,
        .touch_drag_y = gesture.drag_y,
        .pinch = gesture.pinch,
        .pinch_x = gesture.pinch_x,
        .pinch_y = gesture.pinch_y,
    };
    ties::ui::UiIntents intents = ties::ui::draw_app(g_app.ui, view);

    ImGui::Render();
    glViewport(0, 0, g_app.canvas.pixel_width, g_app.canvas.pixel_height);
    const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    const bool acted = intents.go_to || intents.theme || intents.change || intents.undo || intents.redo || intents.working ||
                       intents.sync.set_up || intents.sync.sync_now || intents.sync.turn_off ||
                       intents.sync.restore_kept || intents.sync.forget_kept;
    ties::platform::set_cursor(ties::app::css_cursor(ImGui::GetMouseCursor()));
    if (apply(std::move(intents)) || acted) wake();
    ties::platform::set_text_input(g_app.ime.WantVisible, g_app.ime.InputPos.x, g_app.ime.InputPos.y,
                                   g_app.ime.InputLineHeight);
    const double frame_ms = emscripten_get_now() - frame_start;  // before the test probe's own work
    if (g_app.options.test) {
        ties::probe::value("theme", g_app.dark ? "dark" : "light");
        ties::probe::value("clipboard", [&] { return ties::app::last_copied(); });
        ties::probe::value("fontPixelRatio", g_app.fonts.pixel_ratio);
        ties::probe::value("font.fallback", static_cast<unsigned>(g_app.fonts.body->FallbackChar));
        const char* modes[] = {"starting", "writer", "reader", "memory"};
        ties::probe::value("storage.mode", [&] { return modes[static_cast<int>(session.mode())]; });
        // Counted once per store change: a frame must not scan the whole store.
        static std::uint64_t counted_version = ~std::uint64_t{0};
        static std::string live_contacts, live_interactions;
        const ties::Store& store = session.store();
        if (counted_version != store.version()) {
            const auto live = [](const auto& map) {
                return std::to_string(std::count_if(map.begin(), map.end(), [](const auto& e) { return !e.second.meta.deleted; }));
            };
            live_contacts = live(store.contacts());
            live_interactions = live(store.interactions());
            counted_version = store.version();
        }
        ties::probe::value("store.contacts", live_contacts);
        ties::probe::value("store.interactions", live_interactions);
        ties::probe::value("storage.warnings", session.load_warnings().size());
        // CPU time of this frame (UI, intents and rendering commands; not the probe), for the UI benchmark.
        ties::probe::value("frame.ms", frame_ms);
        ties::platform::publish_probe(ties::probe::to_json());
    }
    if (!g_app.ready) {
        g_app.ready = true;
        ties::platform::signal_ready();
    }
}

}  // namespace

// Called by web/storage.js when the tab may go away or another tab takes over: background tabs
// get no animation frames, so pending edits are written from here, outside the frame loop.
extern "C" EMSCRIPTEN_KEEPALIVE void ties_flush() {
    if (g_app.session) g_app.session->flush();
}

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
    io.SetPlatformImeDataFn = set_ime_data;

    ImGui_ImplGlfw_InitForOpenGL(g_app.window, true);
    ties::platform::take_over_wheel();
    ties::app::install_input(g_app.window, &g_app.canvas);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    ties::platform::watch_wakes(&g_woken);

    g_app.options = ties::platform::page_options();
    g_app.build = ties::platform::build_id();
    g_app.theme_choice = parse_theme(ties::platform::load_preference("theme"));

    std::uint64_t seed_hi = 0, seed_lo = 0;
    ties::platform::random_seed(seed_hi, seed_lo);
    g_app.host.emplace(g_app.options.today);
    g_app.session.emplace(*g_app.host, ties::platform::kDataFolder, ties::IdGenerator(seed_hi, seed_lo));
    if (g_app.options.compact > 0) g_app.session->set_compaction_threshold(static_cast<std::size_t>(g_app.options.compact));
    if (g_app.options.load_step > 0) g_app.session->set_load_step(static_cast<std::size_t>(g_app.options.load_step));
    g_app.session->open();  // IDBFS finished loading before main (web/storage.js holds main back until then);
                            // a large store goes on opening in frame()
    g_app.session->fill_with_sample(static_cast<std::size_t>(std::max(0, g_app.options.sample)));

    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
