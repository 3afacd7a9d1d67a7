// Entry point of the web app: sets up glfw + WebGL2 + Dear ImGui, then on each animation frame
// reads the browser's input and canvas size, draws the UI and applies its intents. An idle app
// does not redraw (the canvas keeps its last frame), so an open tab costs no CPU: it draws while
// input arrives and briefly after, continuously while a text field is active, else once a second.

#include "app/import_flow.hpp"
#include "core/sample_data.hpp"
#include "core/sections.hpp"
#include "core/store.hpp"
#include "io/backup.hpp"
#include "io/crypto_format.hpp"
#include "io/envelope.hpp"
#include "io/storage.hpp"
#include "platform/browser.hpp"
#include "platform/files.hpp"
#include "platform/storage.hpp"
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
#include <cfloat>
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
    bool test_mode = false;
    bool mac = false;
    std::string build;
    std::string clipboard;       // the latest text copied in the app
    ImGuiPlatformImeData ime;    // where ImGui wants text input, if anywhere
    double awake_until = 0;      // keep drawing until then (seconds, glfwGetTime)
    double last_drawn = 0;

    ties::Store store;
    std::optional<ties::io::StorageEngine> engine;
    std::optional<ties::IdGenerator> ids;
    std::vector<std::string> load_warnings;
    ties::platform::StorageStatus storage;
    std::string save_error;               // the engine's last write error
    double retry_save_at = 0;
    std::int64_t compaction_ticket = -1;  // the write that holds the last compaction, until committed
    bool dirty_reported = false;
    ties::ui::SaveIndicator last_indicator;

    struct KeyEvent { int key, scancode, action, mods; };
    std::vector<KeyEvent> pending_keys;  // held back until the next frame; see on_key
    std::optional<ties::Date> last_backup;  // the last backup downloaded from this browser
    bool encrypting = false;                // an encrypted backup is being made
    bool key_pressed_this_frame = false;
};

App g_app;

constexpr double kAwakeAfterInput = 0.5;  // lets hover, trickled input and animations settle
constexpr double kIdleRedraw = 1.0;
constexpr double kSaveRetry = 2.0;

using ties::platform::StorageMode;

void wake() { g_app.awake_until = glfwGetTime() + kAwakeAfterInput; }

// The user's local date. Tests can pin it with ?test&today=YYYYMMDD, so that what is due, and
// when, does not depend on the day the tests run.
ties::Date today() {
    if (const int pinned = ties::platform::test_parameter("today"); pinned > 0)
        return ties::Date::from_ymd(pinned / 10000, pinned / 100 % 100, pinned % 100);
    int y = 0, m = 0, d = 0;
    ties::platform::local_today(y, m, d);
    return ties::Date::from_ymd(y, m, d);
}

void load_store() {
    const ties::io::LoadReport report = g_app.engine->load(g_app.store);
    g_app.load_warnings = report.warnings;
    for (const std::string& warning : report.warnings) std::fprintf(stderr, "Ties: %s\n", warning.c_str());
    // Files left over from a compaction whose clean-up was interrupted: the snapshot that
    // replaces them was just read back from IndexedDB, so they can go.
    if (g_app.storage.mode == StorageMode::Writer && g_app.engine->committed()) ties::platform::storage_written();
}

// Writes the store's unsaved records as a journal file and asks for a sync. Writers only: a
// reader must never write, and in memory mode there is nowhere durable to write to.
void persist() {
    if (g_app.storage.mode != StorageMode::Writer) return;
    if (!g_app.store.has_unsaved() && !g_app.engine->has_pending()) return;
    const ties::io::SaveResult result = g_app.engine->save(g_app.store);
    if (!result.ok) {
        g_app.save_error = result.error;
        g_app.retry_save_at = glfwGetTime() + kSaveRetry;
        return;
    }
    g_app.save_error.clear();
    if (result.wrote) ties::platform::storage_written();
}

void apply_change(ties::Change change) {
    if (g_app.storage.mode == StorageMode::Reader || change.records.empty()) return;
    g_app.store.apply(std::move(change), ties::platform::now_millis());
    persist();
}

void report_dirty() {
    const bool dirty = g_app.store.has_unsaved() || g_app.engine->has_pending();
    if (dirty != g_app.dirty_reported) {
        g_app.dirty_reported = dirty;
        ties::platform::storage_set_dirty(dirty);
    }
}

// Runs every animation frame, drawn or not: reloads, save retries, compaction, the dirty flag.
void maintain_storage() {
    g_app.storage = ties::platform::storage_status();
    const auto& status = g_app.storage;
    if (status.reload_needed) {
        load_store();
        ties::platform::storage_reload_done();
        wake();
    }
    if (status.mode == StorageMode::Writer) {
        if (glfwGetTime() >= g_app.retry_save_at) persist();
        const bool all_committed = status.committed >= status.written && !status.syncing;
        if (g_app.compaction_ticket >= 0 && status.committed >= g_app.compaction_ticket) {
            if (g_app.engine->committed()) ties::platform::storage_written();
            g_app.compaction_ticket = -1;
        } else if (g_app.compaction_ticket < 0 && all_committed && !g_app.store.has_unsaved() &&
                   g_app.engine->wants_compaction()) {
            if (g_app.engine->compact(g_app.store).ok) {
                ties::platform::storage_written();
                g_app.compaction_ticket = status.written + 1;
            }
        }
    }
    report_dirty();
}

ties::ui::SaveIndicator save_indicator() {
    using State = ties::ui::SaveIndicator::State;
    const auto& status = g_app.storage;
    ties::ui::SaveIndicator indicator;
    indicator.persisted = ties::platform::storage_persisted();
    switch (status.mode) {
        case StorageMode::Memory:
            indicator.state = State::InMemory;
            indicator.detail = ties::platform::storage_reason();
            return indicator;
        case StorageMode::Reader:
            indicator.state = State::ReadOnly;
            indicator.detail = ties::platform::storage_reason();
            return indicator;
        case StorageMode::Starting:
        case StorageMode::Writer:
            break;
    }
    const std::string sync_error = ties::platform::storage_error();
    if (!g_app.save_error.empty() || !sync_error.empty()) {
        indicator.state = State::NotSaved;
        indicator.detail = g_app.save_error.empty() ? sync_error : g_app.save_error;
    } else if (status.written > status.committed || status.syncing || g_app.dirty_reported) {
        indicator.state = State::Saving;
    } else {
        indicator.state = State::Saved;
    }
    return indicator;
}

// Dates in the user's locale, cached: the UI asks for the same few dates every frame.
std::string format_date(ties::Date date) {
    static std::unordered_map<std::int32_t, std::string> cache;
    if (const auto it = cache.find(date.days); it != cache.end()) return it->second;
    if (cache.size() > 20000) cache.clear();
    return cache[date.days] = ties::platform::format_date(date.year(), date.month(), date.day());
}

bool same(const ties::ui::SaveIndicator& a, const ties::ui::SaveIndicator& b) {
    return a.state == b.state && a.detail == b.detail && a.persisted == b.persisted;
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
bool is_modifier(int key) {
    return key == GLFW_KEY_LEFT_CONTROL || key == GLFW_KEY_RIGHT_CONTROL || key == GLFW_KEY_LEFT_SHIFT ||
           key == GLFW_KEY_RIGHT_SHIFT || key == GLFW_KEY_LEFT_ALT || key == GLFW_KEY_RIGHT_ALT ||
           key == GLFW_KEY_LEFT_SUPER || key == GLFW_KEY_RIGHT_SUPER;
}

void forward_key(GLFWwindow* window, const App::KeyEvent& e) {
    ImGui_ImplGlfw_KeyCallback(window, e.key, e.scancode, e.action, e.mods);
    if (e.action == GLFW_PRESS && !is_modifier(e.key)) g_app.key_pressed_this_frame = true;
}

// ImGui's input queue keeps two events of the same key in separate frames, but a modifier
// released in the same frame as a key press is merged into that frame, so a quick Ctrl+Z would
// arrive as a plain Z. Feeding ImGui at most one non-modifier key press per frame, and holding
// the rest (in order) for the next frames, keeps every shortcut's modifiers intact.
void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    const App::KeyEvent event{key, scancode, action, mods};
    if (g_app.key_pressed_this_frame || !g_app.pending_keys.empty()) {
        g_app.pending_keys.push_back(event);
    } else {
        forward_key(window, event);
    }
}

void release_held_keys() {
    g_app.key_pressed_this_frame = false;
    size_t n = 0;
    while (n < g_app.pending_keys.size() && !g_app.key_pressed_this_frame) forward_key(g_app.window, g_app.pending_keys[n++]);
    g_app.pending_keys.erase(g_app.pending_keys.begin(), g_app.pending_keys.begin() + static_cast<std::ptrdiff_t>(n));
}

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

void set_ime_data(ImGuiViewport*, ImGuiPlatformImeData* data) { g_app.ime = *data; }

void apply_theme_if_needed() {
    const bool dark = g_app.theme_choice == ThemeChoice::Dark ||
                      (g_app.theme_choice == ThemeChoice::System && ties::platform::prefers_dark());
    if (g_app.theme_applied && dark == g_app.dark) return;
    g_app.dark = dark;
    g_app.theme_applied = true;
    ties::ui::apply_theme(dark);
}

void remember_backup() {
    g_app.last_backup = today();
    ties::platform::save_preference("last_backup", g_app.last_backup->iso());
}

// No backup downloaded here in 30 days (or ever), while there are people to lose.
bool backup_due() {
    if (g_app.last_backup && today().days - g_app.last_backup->days < 30) return false;
    for (const auto& [id, c] : g_app.store.contacts())
        if (!c.meta.deleted) return true;
    return false;
}

ties::app::ImportHost import_host() {
    ties::app::ImportHost host;
    host.store = &g_app.store;
    host.ids = &*g_app.ids;
    host.writable = g_app.storage.mode != StorageMode::Reader;
    host.now = ties::platform::now_millis();
    host.today = today();
    host.apply = [](ties::Change change, bool as_is) {
        if (g_app.storage.mode == StorageMode::Reader || change.records.empty()) return;
        if (as_is) g_app.store.apply_as_is(std::move(change));
        else g_app.store.apply(std::move(change), ties::platform::now_millis());
        persist();
    };
    return host;
}

// Files chosen or dropped, the import worker, and backup encryption: polled every frame.
bool poll_files() {
    ties::app::ImportHost host = import_host();
    bool changed = ties::app::import_poll(g_app.ui.import, host);
    if (g_app.encrypting) {
        ties::platform::CryptoOutput out = ties::platform::take_crypto();
        if (out.state == ties::platform::CryptoOutput::State::Done) {
            ties::platform::download(ties::io::backup_file_name(today()),
                                     ties::io::wrap(ties::io::FileKind::EncryptedBackup, out.bytes),
                                     "application/octet-stream");
            remember_backup();
            g_app.encrypting = false;
            changed = true;
        } else if (out.state == ties::platform::CryptoOutput::State::Failed) {
            std::fprintf(stderr, "Ties: could not encrypt the backup: %s\n", out.error.c_str());
            g_app.encrypting = false;
            changed = true;
        }
    }
    return changed;
}

void apply(ties::ui::UiIntents intents) {
    if (intents.go_to) g_app.section = *intents.go_to;
    if (intents.change) apply_change(std::move(*intents.change));
    const bool writable = g_app.storage.mode != StorageMode::Reader;
    if (intents.undo && writable && g_app.store.undo(ties::platform::now_millis())) persist();
    if (intents.redo && writable && g_app.store.redo(ties::platform::now_millis())) persist();
    if (intents.export_backup) {
        ties::platform::download(ties::io::backup_file_name(today()), ties::io::backup_bytes(g_app.store),
                                 "application/octet-stream");
        remember_backup();
    }
    if (intents.export_encrypted && !g_app.encrypting) {
        ties::platform::start_encrypt(ties::io::backup_bytes(g_app.store), *intents.export_encrypted,
                                      ties::io::kPbkdf2Iterations);
        g_app.encrypting = true;
    }
    {
        ties::app::ImportHost host = import_host();
        ties::app::import_act(g_app.ui.import, intents.import, host);
    }
    if (intents.export_file) {  // the same bytes as `ties export`; the plan is Today's own, already computed
        const ties::Date day = today();
        const bool plan = *intents.export_file == ties::io::ExportFormat::Calendar;
        const ties::io::ExportFile file =
            ties::io::export_file(g_app.store, *intents.export_file, day, ties::platform::now_millis(),
                                  plan ? &g_app.ui.outlook.get(g_app.store, day).today : nullptr);
        if (file.ok) ties::platform::download(file.name, file.bytes, file.mime_type);
        else std::fprintf(stderr, "Ties: %s\n", file.error.c_str());
    }
    if (intents.take_over) ties::platform::storage_take_over();
    if (intents.open_url) ties::platform::open_url(*intents.open_url);
    if (intents.dismiss_warnings) g_app.load_warnings.clear();
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
    maintain_storage();
    if (poll_files()) wake();
    if (!g_app.pending_keys.empty()) wake();
    const ties::ui::SaveIndicator indicator = save_indicator();
    if (!same(indicator, g_app.last_indicator)) {
        g_app.last_indicator = indicator;
        wake();
    }
    const float scroll = ties::platform::take_touch_scroll();
    float touch_x = 0, touch_y = 0;
    const bool touched = ties::platform::take_touch_point(touch_x, touch_y);
    float wheel_x = 0, wheel_y = 0;
    const bool wheeled = ties::platform::take_wheel(wheel_x, wheel_y);
    if (!should_draw(before, !typed.empty() || !pasted.empty() || scroll != 0.0f || touched || wheeled)) return;

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
    if (!typed.empty()) io.AddInputCharactersUTF8(typed.c_str());
    if (!pasted.empty()) insert_pasted_text(pasted);
    apply_theme_if_needed();

    release_held_keys();
    const double frame_start = emscripten_get_now();
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
        .store = &g_app.store,
        .today = today(),
        .now = ties::platform::now_millis(),
        .format_date = format_date,
        .ids = &*g_app.ids,
        .save = indicator,
        .load_warnings = &g_app.load_warnings,
        .last_backup = g_app.last_backup ? format_date(*g_app.last_backup) : std::string(),
        .backup_due = backup_due(),
    };
    ties::ui::UiIntents intents = ties::ui::draw_app(g_app.ui, view);

    ImGui::Render();
    glViewport(0, 0, g_app.canvas.pixel_width, g_app.canvas.pixel_height);
    const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    const bool acted = intents.go_to || intents.theme || intents.change || intents.undo || intents.redo;
    ties::platform::set_cursor(css_cursor(ImGui::GetMouseCursor()));
    apply(std::move(intents));
    if (acted) wake();
    ties::platform::set_text_input(g_app.ime.WantVisible, g_app.ime.InputPos.x, g_app.ime.InputPos.y,
                                   g_app.ime.InputLineHeight);
    if (g_app.test_mode) {
        ties::probe::value("theme", g_app.dark ? "dark" : "light");
        ties::probe::value("clipboard", g_app.clipboard);
        ties::probe::value("fontPixelRatio", std::to_string(g_app.fonts.pixel_ratio));
        ties::probe::value("font.fallback", std::to_string(static_cast<unsigned>(g_app.fonts.body->FallbackChar)));
        const char* modes[] = {"starting", "writer", "reader", "memory"};
        ties::probe::value("storage.mode", modes[static_cast<int>(g_app.storage.mode)]);
        // Counted once per store change: a frame must not scan the whole store.
        static std::uint64_t counted_version = ~std::uint64_t{0};
        static std::string live_contacts, live_interactions;
        if (counted_version != g_app.store.version()) {
            const auto live = [](const auto& map) {
                return std::to_string(std::count_if(map.begin(), map.end(), [](const auto& e) { return !e.second.meta.deleted; }));
            };
            live_contacts = live(g_app.store.contacts());
            live_interactions = live(g_app.store.interactions());
            counted_version = g_app.store.version();
        }
        ties::probe::value("store.contacts", live_contacts);
        ties::probe::value("store.interactions", live_interactions);
        ties::probe::value("storage.warnings", std::to_string(g_app.load_warnings.size()));
        // CPU time of this frame up to here (UI and rendering commands), for the UI benchmark.
        ties::probe::value("frame.ms", std::to_string(emscripten_get_now() - frame_start));
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
    if (!g_app.engine) return;
    g_app.storage = ties::platform::storage_status();
    persist();
    report_dirty();
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
    io.GetClipboardTextFn = get_clipboard;
    io.SetClipboardTextFn = set_clipboard;
    io.SetPlatformImeDataFn = set_ime_data;

    ImGui_ImplGlfw_InitForOpenGL(g_app.window, true);
    ties::platform::take_over_wheel();
    glfwSetCursorPosCallback(g_app.window, on_cursor_pos);
    glfwSetCursorEnterCallback(g_app.window, on_cursor_enter);
    glfwSetKeyCallback(g_app.window, on_key);
    ImGui_ImplGlfw_CursorEnterCallback(g_app.window, 1);
    ImGui_ImplOpenGL3_Init("#version 300 es");

    g_app.test_mode = ties::platform::test_mode();
    g_app.build = ties::platform::build_id();
    g_app.theme_choice = parse_theme(ties::platform::load_preference("theme"));
    g_app.last_backup = ties::Date::parse_iso(ties::platform::load_preference("last_backup"));

    std::uint64_t seed_hi = 0, seed_lo = 0;
    ties::platform::random_seed(seed_hi, seed_lo);
    g_app.ids.emplace(seed_hi, seed_lo);
    g_app.storage = ties::platform::storage_status();
    g_app.engine.emplace(ties::platform::kDataFolder);
    if (const int journals = ties::platform::test_parameter("compact"); journals > 0)
        g_app.engine->set_compaction_threshold(static_cast<std::size_t>(journals));
    load_store();  // IDBFS finished loading before main (web/storage.js holds main back until then)
    // Benchmarks: ?test&sample=N fills an empty store with N generated contacts, in memory only
    // (loaded, not applied: nothing is journaled or saved).
    if (const int contacts = ties::platform::test_parameter("sample"); contacts > 0 && g_app.store.record_count() <= 1) {
        ties::SampleSize size;
        size.contacts = static_cast<std::size_t>(contacts);
        size.interactions = size.contacts * 4;
        size.events = size.contacts / 50;
        size.opportunities = size.contacts / 40;
        for (ties::Record& record : ties::make_sample_data(7, ties::platform::now_millis(), today(), size).records)
            g_app.store.load(std::move(record));
    }

    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
