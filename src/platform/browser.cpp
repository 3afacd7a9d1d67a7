#include "platform/browser.hpp"

#include "platform/js_string.hpp"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdlib>

// clang-format off
EM_JS(void, js_sync_canvas, (float* out), { Module.tiesPlatform.syncCanvas(out); });
EM_JS(void, js_listen_for_text, (), { Module.tiesPlatform.listenForText(); });
EM_JS(char*, js_take_pasted_text, (), { return Module.tiesPlatform.takePasted(); });
EM_JS(void, js_write_clipboard, (const char* text), { Module.tiesPlatform.writeClipboard(UTF8ToString(text)); });
EM_JS(void, js_set_text_input, (int active, float x, float y, float h), { Module.tiesPlatform.setTextInput(!!active, x, y, h); });
EM_JS(void, js_set_cursor, (const char* css), { Module.tiesPlatform.setCursor(UTF8ToString(css)); });
EM_JS(float, js_take_touch_scroll, (), { return Module.tiesPlatform.takeTouchScroll(); });
EM_JS(int, js_take_touch_point, (float* out), { return Module.tiesPlatform.takeTouchPoint(out); });
EM_JS(int, js_take_touch_gesture, (float* out), { return Module.tiesPlatform.takeTouchGesture(out); });
EM_JS(int, js_take_wheel, (float* out), { return Module.tiesPlatform.takeWheel(out); });
EM_JS(void, js_open_url, (const char* url), { Module.tiesPlatform.openUrl(UTF8ToString(url)); });
EM_JS(void, js_set_page_text, (const char* outline), { Module.tiesPlatform.setPageText(UTF8ToString(outline)); });
EM_JS(char*, js_format_date, (int year, int month, int day), {
    const format = Module.tiesPlatform.dateFormat ||
        (Module.tiesPlatform.dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" }));
    return Module.tiesPlatform.newString(format.format(new Date(Date.UTC(year, month - 1, day))));
});
EM_JS(void, js_sleep_frames, (double ms), { Module.tiesPlatform.sleep(ms); });
EM_JS(void, js_watch_wakes, (int* flag), { Module.tiesPlatform.watchWakes(flag); });
EM_JS(int, js_prefers_dark, (), { return Module.tiesPlatform.prefersDark() ? 1 : 0; });
EM_JS(int, js_is_mac, (), { return Module.tiesPlatform.isMac() ? 1 : 0; });
EM_JS(char*, js_load_preference, (const char* key), { return Module.tiesPlatform.loadPreference(UTF8ToString(key)); });
EM_JS(void, js_save_preference, (const char* key, const char* value), { Module.tiesPlatform.savePreference(UTF8ToString(key), UTF8ToString(value)); });
EM_JS(void, js_page_options, (int* out), {
    const test = !!Module.tiesPlatform.testMode;
    const query = new URLSearchParams(window.location.search);
    const number = (name) => test ? parseInt(query.get(name) || "0", 10) || 0 : 0;  // only with ?test
    HEAP32[out >> 2] = test ? 1 : 0;
    HEAP32[(out >> 2) + 1] = number("today");
    HEAP32[(out >> 2) + 2] = number("compact");
    HEAP32[(out >> 2) + 3] = number("sample");
    HEAP32[(out >> 2) + 4] = number("load_step");
});
EM_JS(void, js_random_seed, (unsigned* out), {
    const words = new Uint32Array(4);
    crypto.getRandomValues(words);
    for (let i = 0; i < 4; i++) HEAPU32[(out >> 2) + i] = words[i];
});
EM_JS(char*, js_build_id, (), { return Module.tiesPlatform.newString(Module.tiesBuild || "dev"); });
EM_JS(void, js_signal_ready, (), { Module.tiesPlatform.ready(); });
EM_JS(void, js_load_progress, (double fraction), { Module.tiesPlatform.loadProgress(fraction); });
EM_JS(void, js_publish_probe, (const char* json), { Module.tiesPlatform.publishProbe(UTF8ToString(json)); });
// clang-format on

namespace ties::platform {

std::string take_js_string(char* text) {
    if (text == nullptr) return {};
    std::string copy(text);
    std::free(text);
    return copy;
}

Canvas sync_canvas() {
    float values[5] = {};
    js_sync_canvas(values);
    return {values[0], values[1], static_cast<int>(values[2]), static_cast<int>(values[3]), values[4]};
}

namespace {
TextSink g_text_sink = nullptr;
}

void on_typed_text(TextSink sink) {
    g_text_sink = sink;
    js_listen_for_text();
}

std::string take_pasted_text() { return take_js_string(js_take_pasted_text()); }

void write_clipboard(std::string_view text) { js_write_clipboard(std::string(text).c_str()); }

void set_text_input(bool active, float x, float y, float line_height) {
    js_set_text_input(active ? 1 : 0, x, y, line_height);
}

void set_cursor(const char* css_cursor) { js_set_cursor(css_cursor); }
float take_touch_scroll() { return js_take_touch_scroll(); }

bool take_touch_point(float& x, float& y) {
    float point[2] = {};
    if (!js_take_touch_point(point)) return false;
    x = point[0];
    y = point[1];
    return true;
}

bool take_touch_gesture(TouchGesture& gesture) {
    float values[5] = {};
    if (!js_take_touch_gesture(values)) return false;
    gesture = TouchGesture{values[0], values[1], values[2], values[3], values[4]};
    return true;
}

bool take_wheel(float& x, float& y) {
    float steps[2] = {};
    if (!js_take_wheel(steps)) return false;
    x = steps[0];
    y = steps[1];
    return true;
}

void take_over_wheel() {
    emscripten_set_wheel_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, false, nullptr);
}

void open_url(std::string_view url) { js_open_url(std::string(url).c_str()); }
void set_page_text(std::string_view outline) { js_set_page_text(std::string(outline).c_str()); }

std::string format_date(int year, int month, int day) { return take_js_string(js_format_date(year, month, day)); }

void sleep_frames(double seconds) { js_sleep_frames(seconds * 1000.0); }
void watch_wakes(int* flag) { js_watch_wakes(flag); }

bool prefers_dark() { return js_prefers_dark() != 0; }
bool is_mac() { return js_is_mac() != 0; }

std::string load_preference(std::string_view key) { return take_js_string(js_load_preference(std::string(key).c_str())); }

void save_preference(std::string_view key, std::string_view value) {
    js_save_preference(std::string(key).c_str(), std::string(value).c_str());
}

PageOptions page_options() {
    int values[5] = {};
    js_page_options(values);
    return {values[0] != 0, values[1], values[2], values[3], values[4]};
}

void random_seed(std::uint64_t& hi, std::uint64_t& lo) {
    unsigned words[4] = {};
    js_random_seed(words);
    hi = (std::uint64_t{words[0]} << 32) | words[1];
    lo = (std::uint64_t{words[2]} << 32) | words[3];
}

std::string build_id() { return take_js_string(js_build_id()); }

void signal_ready() { js_signal_ready(); }
void show_load_progress(double fraction) { js_load_progress(fraction); }
void publish_probe(std::string_view json) { js_publish_probe(std::string(json).c_str()); }

}  // namespace ties::platform

// Called by web/platform.js for each piece of typed text (see on_typed_text).
extern "C" EMSCRIPTEN_KEEPALIVE void ties_platform_typed(const char* utf8) {
    if (ties::platform::g_text_sink != nullptr) ties::platform::g_text_sink(utf8);
}
