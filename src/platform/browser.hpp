// Everything Ties needs from the browser, in one place: canvas sizing for HiDPI, the hidden text
// input that carries typed text and clipboard pastes into ImGui (glfw 3.1.6 drops non-ASCII
// text and keeps its own clipboard), preferences, and the ready/test signals for the page.
// The JavaScript half lives in web/platform.js.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ties::platform {

struct Canvas {
    float css_width = 0, css_height = 0;   // layout size, CSS pixels
    int pixel_width = 0, pixel_height = 0; // backing store, device pixels
    float pixel_ratio = 1;                 // devicePixelRatio the backing store follows
};

// Sizes the canvas backing store to its CSS size times devicePixelRatio; call once per frame.
Canvas sync_canvas();

// Text typed into the hidden input (UTF-8, IME compositions included) goes to `sink` as it
// arrives, between glfw's key callbacks, so the app can keep it in order with the keys.
using TextSink = void (*)(const char* utf8);
void on_typed_text(TextSink sink);
// Text pasted (Ctrl/Cmd+V, Shift+Insert, the context menu) since the last call.
std::string take_pasted_text();
// Writes to the system clipboard (navigator.clipboard, with a fallback).
void write_clipboard(std::string_view text);

// Focuses the hidden input at (x, y) while a text field is active, so keystrokes, the on-screen
// keyboard and the IME go there; blurs it otherwise.
void set_text_input(bool active, float x, float y, float line_height);

// The mouse cursor over the canvas, as a CSS cursor name ("default", "text", "pointer"...).
// A "text" cursor also tells a touch tap that it landed on a text field (see web/platform.js).
void set_cursor(const char* css_cursor);
// Pixels dragged vertically with one finger since the last call (positive: content moves down).
float take_touch_scroll();
// Mouse wheel steps since the last call (ImGui's units: positive is up / left), if any.
bool take_wheel(float& x, float& y);
// Removes the ImGui backend's document-level wheel listener (Chrome makes it passive, so it
// cannot stop the page from zooming on Ctrl+wheel); take_wheel() reads the canvas instead.
void take_over_wheel();
// Touch gestures since the last call, for pictures that pan and zoom: a one-finger drag (CSS
// pixels, both directions; the same drag also comes as take_touch_scroll) and a two-finger pinch
// (scale, 1 when none, about the point between the fingers). False when there was neither.
struct TouchGesture {
    float drag_x = 0, drag_y = 0;
    float pinch = 1, pinch_x = 0, pinch_y = 0;
};
bool take_touch_gesture(TouchGesture& gesture);
// Where a finger touched or moved since the last call (CSS pixels), if it did.
bool take_touch_point(float& x, float& y);

// Opens an http(s) URL in a new browser tab (no access back to Ties), or a mailto: URL in the
// person's mail program (a draft); anything else is ignored.
void open_url(std::string_view url);

// A text version of the page for screen readers, in a visually hidden region beside the canvas
// (which they cannot read): `outline` is lines, "# " a heading, "- " an item, else a paragraph;
// empty removes it. Built with textContent: nothing in it is markup.
void set_page_text(std::string_view outline);

// A calendar date in the user's language and conventions ("12 Mar 2024", "Mar 12, 2024").
std::string format_date(int year, int month, int day);

// Pauses the frame loop for at most `seconds`; input, a change in storage or files, or the time
// running out resumes it (web/platform.js). An idle tab then runs no wasm between redraws.
void sleep_frames(double seconds);

// Whatever wakes the loop (input, storage, files, the timer, a test asking for a frame) sets
// `*flag` to 1 in wasm memory, so the frame that follows is drawn without asking JavaScript.
void watch_wakes(int* flag);

bool prefers_dark();
bool is_mac();
std::string load_preference(std::string_view key);
void save_preference(std::string_view key, std::string_view value);

// The page's URL, read once at start-up. Only ?test pages take the others, which tests and
// benchmarks use: today=YYYYMMDD pins the date, compact=N compacts after N journals, sample=N
// fills an empty store with N generated people (in memory only).
struct PageOptions {
    bool test = false;
    int today = 0;
    int compact = 0;
    int sample = 0;
    int load_step = 0;  // records a load step reads (0: the app's own), to watch a small store open in slices
};
PageOptions page_options();

// 128 bits from the browser's cryptographic RNG, to seed the id generator.
void random_seed(std::uint64_t& hi, std::uint64_t& lo);
std::string build_id();   // the build hash stamped into the page
void signal_ready();      // hides the loading screen; tests wait for it
void show_load_progress(double fraction);  // on the loading screen, while the store opens
void publish_probe(std::string_view json);

}  // namespace ties::platform
