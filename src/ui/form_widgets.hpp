// Form pieces shared by the Timeline, Events and Opportunities panels (buttons and muted text are
// in widgets.hpp): labelled fields that publish themselves to the test probe, links to people,
// validation messages, and the "new people" a form creates through the people picker.
#pragma once

#include "core/store.hpp"
#include "ui/people_picker.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"

#include <imgui.h>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ties::ui {

struct UiView;

namespace form {

inline constexpr float kLabelWidth = 150.0f;
inline constexpr float kFieldWidth = 440.0f;

inline std::string str(std::string_view text) { return std::string(text); }

// On a narrow screen (a phone) labels sit above their fields and fields take the full width.
bool narrow_form();
// Call after label(): what is left of the line, up to the usual width.
float field_width();
// At the start of a form's button row: under the fields (no indent on a narrow screen).
void indent_buttons();
// Places the next item on the same line, `spacing` after the last one, when `width` more fits;
// else on the next line.
void next_on_line(float width, float spacing = -1.0f);

// A muted caption at the start of a form row; the field follows on the same line.
void label(const Palette& p, const char* caption);
bool text_field(const Palette& p, const char* caption, const char* name, std::string& value, const char* hint = "");
// Call right after a single-line field: Enter was pressed in it (forms save on Enter).
bool entered();
void notes_field(const Palette& p, const char* caption, const char* name, std::string& value);
// A validation message in the warning colour, starting at `x` (under the fields, above the
// buttons; at the line's start on a narrow screen); publishes "form.error".
void error_line(const Palette& p, const std::string& error, float x = kLabelWidth);
void heading(const UiView& view, const char* text);
void title(const UiView& view, const std::string& text);
// A person's name drawn as a link; true when clicked.
bool person_link(const Palette& p, const std::string& text, const std::string& name);
// A bordered card as tall as its content (empty states, notices); end_card() closes it.
void begin_card(const Palette& p, const char* id);
void end_card();
// Lists: rows of kRowHeight; a table as tall as its rows, at most the rest of the page.
inline constexpr float kRowHeight = 34.0f;
float table_height(std::size_t rows);
// A detail row on a record's page: caption, then the wrapped value. Skipped when empty.
void detail(const Palette& p, const char* caption, const std::string& value);

// A combo over `options`, labelled with to_string(); options are probed as "<name>.<text>".
template <typename Enum, std::size_t N>
void enum_combo(const Palette& p, const char* caption, const char* name, Enum& value,
                const std::array<Enum, N>& options);

// A labelled people picker that can also add someone new on the spot: the new contact joins
// `new_people` (saved with the form, see chosen_new_people) and `people`.
void people_field(const Palette& p, const char* caption, PeoplePicker& picker, const std::string& name,
                  std::vector<Id>& people, std::vector<Contact>& new_people, const UiView& view);
// The new people still chosen (the others were removed from the form again).
std::vector<Contact> chosen_new_people(const std::vector<Contact>& new_people, const std::vector<Id>& chosen);
// "Ada Lovelace, Grace Hopper": live contacts' labels, in order; missing ones are skipped.
std::string people_labels(const Store& store, const std::vector<Id>& people);

// Birthdays and anniversaries to read: "12 March 1990" or "12 March" (to edit: yearly_input()
// in core/forms.hpp).
std::string yearly_text(const PartialDate& date);
// "in 3 days", "tomorrow", "today", "3 days ago"
std::string days_from_now(std::int32_t days);

}  // namespace form

// --- Template implementation ------------------------------------------------------------------

template <typename Enum, std::size_t N>
void form::enum_combo(const Palette& p, const char* caption, const char* name, Enum& value,
                      const std::array<Enum, N>& options) {
    label(p, caption);
    ImGui::SetNextItemWidth(field_width());
    const std::string current = str(to_string(value));
    if (ImGui::BeginCombo((std::string("##") + name).c_str(), current.c_str())) {
        for (Enum option : options) {
            const std::string text = str(to_string(option));
            if (ImGui::Selectable(text.c_str(), option == value)) value = option;
            probe::item(std::string(name) + "." + text);
        }
        ImGui::EndCombo();
    }
    probe::item(name);
    probe::value(name, current);
}

}  // namespace ties::ui
