// The one form for a logged interaction, new or edited: the person page's "Log", the Timeline's
// row editor and a person's history all draw it, so the fields and defaults are the same
// everywhere (the draft and its checks are in core/forms.hpp). Also the short "Deleted · Undo"
// notice shown after a delete.
#pragma once

#include "core/forms.hpp"
#include "core/store.hpp"
#include "ui/people_picker.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ties::ui {

struct UiView;
struct UiIntents;
struct Palette;

inline constexpr std::array kInteractionKinds{
    InteractionKind::OnlineConversation, InteractionKind::DirectMessage, InteractionKind::Email,
    InteractionKind::Call, InteractionKind::VideoCall, InteractionKind::Coffee, InteractionKind::MealOrDrinks,
    InteractionKind::Meetup, InteractionKind::IntroductionMade, InteractionKind::HelpGiven,
    InteractionKind::HelpReceived, InteractionKind::Note};

// The interaction form's state: the draft (core/forms.hpp) and the people picker's.
struct InteractionForm {
    explicit InteractionForm(InteractionDraft typed) : draft(std::move(typed)) {}

    InteractionDraft draft;
    PeoplePicker picker;  // who, when the form shows the people
};

// Saving a valid draft: the interaction and the people created in the form.
Change change_of(const InteractionDraft& draft, const Store& store);

enum class FormAction { None, Save, Cancel, Delete };

// Draws the fields (probed as "<name>.kind", "<name>.date", "<name>.time", "<name>.people",
// "<name>.initiator.<Me|Them|Unknown>", "<name>.duration", "<name>.notes", "<name>.followup",
// "<name>.followup.date", "<name>.followup.text", "<name>.followup.done") and the buttons
// ("<name>.save", "<name>.cancel", "<name>.delete" when `can_delete`). Reads the draft on Save
// (read_interaction): the message is left in `error` and FormAction::None is returned until the
// draft is valid; then the draft's interaction is the record to save.
FormAction draw_interaction_form(InteractionForm& editor, std::string& error, const UiView& view, const Palette& p,
                                 const std::string& name, bool with_people, bool can_delete);

// "Delete coffee with Ada Lovelace": the label of the Change that deletes `interaction`.
Change delete_touch(const Store& store, const Interaction& interaction);
// What was just deleted: the delete's label and the store's version when it was asked for.
struct DeletedNotice {
    std::string label;
    std::uint64_t asked_at = 0;
};
// Remembers a delete the panel is about to return in `out.change`, for deleted_notice().
void remember_delete(DeletedNotice& notice, const Change& change, const Store& store);
// "Deleted · Undo" while the last step in the store is that delete (then forgets it); Undo asks
// the app to undo. Probed as "<name>" (the text) and "<name>.undo".
void deleted_notice(DeletedNotice& notice, const UiView& view, const Palette& p, const std::string& name,
                    UiIntents& out);

}  // namespace ties::ui
