// The Timeline section: every live interaction, newest first, filtered by kind, person and date
// range; a click on a row opens it to edit or delete. The filtered, sorted list is cached on (store version, filters) and the rows' heights on
// the text width, so only the rows on screen are drawn: smooth with 100,000 interactions.
#pragma once

#include "core/store.hpp"
#include "ui/interaction_form.hpp"
#include "ui/people_picker.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ties::ui {

struct UiView;
struct UiIntents;

struct TimelineUi {
    // Filters, as the person set them.
    std::optional<InteractionKind> kind;  // nullopt: all kinds
    PeoplePicker person_picker;
    std::vector<Id> person;  // zero or one contact
    std::string from, to;    // YYYY-MM-DD, either may be empty

    // A row clicked open: every field editable, or the interaction deleted (with undo).
    std::optional<InteractionForm> editing;
    std::string error;    // the editor's validation message
    DeletedNotice deleted;  // the label of the interaction just deleted, for its notice

    // The filtered, sorted rows for `key`, and their layout for `layout_width`. The pointers are
    // into the store and valid while its version equals key.version: draw_timeline checks the key
    // before any use, every frame.
    struct Key {
        std::uint64_t version = ~std::uint64_t{0};
        std::optional<InteractionKind> kind;
        std::optional<Id> person;
        std::optional<Date> from, to;
        bool operator==(const Key&) const = default;
    };
    Key key;
    std::vector<const Interaction*> rows;
    std::size_t total = 0;     // live interactions, whatever the filters
    float layout_width = -1.0f;
    float layout_line = -1.0f;
    std::vector<float> offsets;  // top of each row in the list; one more entry: the total height
};

void draw_timeline(TimelineUi& ui, const UiView& view, UiIntents& out);

}  // namespace ties::ui
