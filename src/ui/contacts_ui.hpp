// The Contacts section: a searchable list, a contact's page with its interactions, the contact
// form (create, edit, archive, delete) and the form that logs an interaction.
#pragma once

#include "core/duplicates.hpp"
#include "core/forms.hpp"
#include "core/search.hpp"
#include "core/store.hpp"
#include "ui/interaction_form.hpp"
#include "ui/people_picker.hpp"

#include <optional>
#include <string>
#include <utility>

namespace ties::ui {

struct UiView;
struct UiIntents;

// The contact form's state: the draft (core/forms.hpp) and the picker of who introduced them.
struct ContactForm {
    explicit ContactForm(ContactDraft typed) : draft(std::move(typed)) {}

    ContactDraft draft;
    PeoplePicker introducer_picker;
};

struct ContactsUi {
    ContactQuery query;                   // search text, filters, sort
    ContactSearch search;                 // its result (the last complete one while it runs)
    bool duplicates = false;              // the duplicates view is open
    std::vector<DuplicatePair> duplicate_pairs;
    std::uint64_t duplicates_version = ~std::uint64_t{0};
    std::optional<Id> selected;           // the contact whose page is open
    std::optional<ContactForm> editing;  // the form is open (a new contact when its id is fresh)
    std::optional<InteractionForm> logging;  // a new interaction, or one from the history being edited
    bool scroll_to_log = false;               // the form just opened from a history row: bring it into view
    DeletedNotice deleted;                      // the label of the history row just deleted (its notice)
    std::string error;                    // the form's validation message
    bool confirm_delete = false;

    // Editing one field in place on the contact's page.
    std::string inline_field;             // which field ("" when none)
    std::string inline_text;
    std::string inline_error;
    bool inline_focus = false;

    // What the open page shows besides the contact itself, cached per store version.
    struct PageCache {
        Id id;
        std::uint64_t version = ~std::uint64_t{0};
        std::vector<Id> history, events, opportunities, introduced;
    } page;
};

void draw_contacts(ContactsUi& ui, const UiView& view, UiIntents& out);

}  // namespace ties::ui
