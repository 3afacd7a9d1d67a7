// The Opportunities section: jobs, clients, partnerships... filtered by status, with the people
// they came through; an opportunity's page with quick status changes (each one undoable); the
// form, where people can be picked or created on the spot (saved in the same change).
#pragma once

#include "core/forms.hpp"
#include "core/store.hpp"
#include "ui/people_picker.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ties::ui {

struct UiView;
struct UiIntents;

// The opportunity form's state: the draft (core/forms.hpp) and the people picker's.
struct OpportunityForm {
    explicit OpportunityForm(OpportunityDraft typed) : draft(std::move(typed)) {}

    OpportunityDraft draft;
    PeoplePicker picker;
};

struct OpportunitiesUi {
    std::optional<OpportunityStatus> status;  // the list's filter; nullopt: all
    std::optional<Id> selected;               // the opportunity whose page is open
    std::optional<OpportunityForm> editing;   // the form is open (new when its id is not stored)
    std::string error;                        // the form's validation message
    bool confirm_delete = false;

    // Live opportunities with the chosen status, newest first, and how many have each status;
    // cached on (store version, status).
    std::vector<Id> rows;
    std::size_t open = 0, won = 0, lost = 0;
    std::uint64_t rows_version = ~std::uint64_t{0};
    std::optional<OpportunityStatus> rows_status;
};

void draw_opportunities(OpportunitiesUi& ui, const UiView& view, UiIntents& out);

}  // namespace ties::ui
