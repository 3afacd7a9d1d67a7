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
    bool waiting = false;        // "Working out your map" was drawn: compute in this frame
    Millis quiet_since = 0;      // known_map: no input since then (it computes after kQuietMillis) ...
    Millis asked_at = 0;         // ... while pages keep asking for it (a page left and opened again starts over)
    NetworkMap map;
    double computed_ms = 0;      // how long the last computation took
    std::optional<Id> focus;     // "Show on the map" from a person's page: centre on them next
    // The view: the plane's point at the canvas centre and pixels per unit (0: fit on next draw).
    float centre_x = 0, centre_y = 0, scale = 0;
    bool list_only = false;      // on a phone: the list instead of the picture
    std::optional<std::size_t> open_region;  // the list's expanded region (index into map.regions)
    std::optional<std::string> ask_cluster;  // "Ask them" on a cluster: the Ask page takes it (by label)
};

void draw_map(MapUi& ui, const UiView& view, UiIntents& out);

// The map for Today, Insights and the person page, which may be behind the store: the last one
// computed today is used as it is (edits on those pages must stay instant at 10,000 people, and
// what they show from it is checked against the day's own statistics). Without one for today it
// is computed once the person has not touched mouse or keys for kQuietMillis, so the ~0.2 s it
// takes at 10,000 people never lands under a click or while the page opens; `refresh` (a person
// the map does not have yet) computes it in the next frame. Null until there is one.
inline constexpr Millis kQuietMillis = 1'500;
const NetworkMap* known_map(MapUi& ui, const UiView& view, UiIntents& out, bool refresh = false);

}  // namespace ties::ui
