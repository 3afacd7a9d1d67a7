// The Map section (issue 16): the worlds a person's network spans and the weak ties that bridge
// them. A picture drawn with ImGui's draw list (clusters as discs, people as dots coloured by
// circle and sized by strength, bridges ringed and joined to you) that pans by dragging, zooms with
// the wheel, a pinch or the +/- buttons, names whoever is under the pointer and opens them on a
// click; beside it (below it on a phone, or instead of it) a list of the same facts that the
// keyboard reaches.
//
// The map (core/network_map) is computed once per change of the store or the day, in the frame
// after the page says it is working, and kept; every other frame only draws it.
#pragma once

#include "core/network_map.hpp"
#include "core/model.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace ties::ui {

struct UiView;
struct UiIntents;

struct MapUi {
    struct Key {
        std::uint64_t version = 0;
        Date today;
        bool operator==(const Key&) const = default;
    };
    std::optional<Key> key;      // what `map` was computed from
    // The map being worked out, a slice a frame, and what from; the work so far and its longest slice.
    std::unique_ptr<NetworkMapBuilder> building;
    std::optional<Key> building_key;
    double work_ms = 0, slowest_step_ms = 0, slowest_step_at = 0;  // the longest slice, and where it started (progress)
    bool background = false;  // known_map was asked for a map it does not have: work on it from the next frame
    NetworkMap map;
    double computed_ms = 0;      // how long the last map took to work out (its slices added up)
    std::optional<Id> focus;     // "Show on the map" from a person's page: centre on them next
    // The view: the plane's point at the canvas centre and pixels per unit (0: fit on next draw).
    float centre_x = 0, centre_y = 0, scale = 0;
    bool list_only = false;      // on a phone: the list instead of the picture
    std::optional<std::size_t> open_region;  // the list's expanded region (index into map.regions)
    std::optional<Key> mirrored;  // the map whose text the screen reader's copy holds (UiIntents::page_text)
    std::optional<std::string> ask_cluster;  // "Ask them" on a cluster: the Ask page takes it (by label)
};

void draw_map(MapUi& ui, const UiView& view, UiIntents& out);

// The map is worked out in slices (core's NetworkMapBuilder) so that no frame waits for it: on the
// Map page kStepMillis a frame, under a progress bar; for the other pages kBackgroundStepMillis.
inline constexpr double kStepMillis = 6.0;
inline constexpr double kBackgroundStepMillis = 3.0;

// The map for Today, Insights and the person page, which may be behind the store: the last one
// worked out today is used as it is (edits on those pages must stay instant at 10,000 people, and
// what they show from it is checked against the day's own statistics). Without one for today it
// is worked out a slice a frame, null until done; `refresh` (a person the map does not have yet)
// works out a new one the same way, the old one shown meanwhile.
const NetworkMap* known_map(MapUi& ui, const UiView& view, UiIntents& out, bool refresh = false);

}  // namespace ties::ui
