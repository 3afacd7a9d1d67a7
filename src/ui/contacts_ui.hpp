// The Contacts section: a searchable list, a contact's page with its interactions, the contact
// form (create, edit, archive, delete) and the form that logs an interaction.
#pragma once

#include "core/store.hpp"

#include <optional>
#include <string>

namespace ties::ui {

struct UiView;
struct UiIntents;

// A contact being edited, with list fields as the text the person types.
struct ContactDraft {
    Contact contact;
    std::string emails, phones, tags, first_met;
    bool has_cadence = false;
    int cadence_days = 30;
};

struct InteractionDraft {
    Interaction interaction;
    std::string date, time, follow_up_date, follow_up_text;
    bool has_duration = false, has_follow_up = false;
    int duration = 30;
};

struct ContactsUi {
    std::string search;
    bool show_archived = false;
    std::optional<Id> selected;           // the contact whose page is open
    std::optional<ContactDraft> editing;  // the form is open (a new contact when its id is fresh)
    std::optional<InteractionDraft> logging;
    std::string error;                    // the form's validation message
    bool confirm_delete = false;
};

void draw_contacts(ContactsUi& ui, const UiView& view, UiIntents& out);

}  // namespace ties::ui
