// The one form for a logged interaction, new or edited: the person page's "Log", the Timeline's
// row editor and a person's history all draw it, so the fields, defaults and validation messages
// are the same everywhere. Also the short "Deleted · Undo" notice shown after a delete.
#pragma once

#include "core/store.hpp"
#include "ui/people_picker.hpp"

#include <array>
#include <cstdint>
#include <string>
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

// Who reached out when nobody said: you. Most touches people log are the ones they made, and it
// is one click to change; both log forms start with it.
inline constexpr Initiator kDefaultInitiator = Initiator::Me;

struct InteractionDraft {
    Interaction interaction;
    std::string date, time, follow_up_date, follow_up_text;
    bool has_duration = false, has_follow_up = false, follow_up_done = false;
    int duration = 30;
    PeoplePicker picker;               // who, when the form shows the people
    std::vector<Contact> new_people;   // created on the spot, saved with the interaction
};

InteractionDraft new_interaction(Id id, std::vector<Id> people, Date today);
InteractionDraft draft_of(const Interaction& interaction);
// Fills draft.interaction from the typed text; returns an error message, or "" when valid.
std::string finish(InteractionDraft& draft);
// Saving the draft (after finish): the interaction and the people created in the form.
Change change_of(const InteractionDraft& draft, const Store& store);

enum class FormAction { None, Save, Cancel, Delete };

// Draws the fields (probed as "<name>.kind", "<name>.date", "<name>.time", "<name>.people",
// "<name>.initiator.<Me|Them|Unknown>", "<name>.duration", "<name>.notes", "<name>.followup",
// "<name>.followup.date", "<name>.followup.text", "<name>.followup.done") and the buttons
// ("<name>.save", "<name>.cancel", "<name>.delete" when `can_delete`). Validates on Save: the
// message is left in `error` and FormAction::None is returned until the draft is valid.
FormAction draw_interaction_form(InteractionDraft& draft, std::string& error, const UiView& view, const Palette& p,
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
