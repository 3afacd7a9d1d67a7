// The Contacts section: see contacts_ui.hpp. It shows one part at a time, each in its own file:
// the form (contact_form_ui.cpp), a person's page (contact_page_ui.cpp), the likely duplicates or
// the list (contact_list_ui.cpp).
#include "ui/contacts_ui.hpp"

#include "ui/app_ui.hpp"
#include "ui/contacts_parts.hpp"
#include "ui/theme.hpp"

namespace ties::ui {

void draw_contacts(ContactsUi& ui, const UiView& view, UiIntents& out) {
    const Palette& p = palette(view.dark);
    if (ui.editing) {
        contacts::draw_form(ui, view, p, out);
        return;
    }
    if (ui.selected) {
        if (const Contact* c = view.store->contact(*ui.selected)) {
            contacts::draw_contact_page(ui, *c, view, p, out);
            return;
        }
        ui.selected.reset();  // deleted (or undone) meanwhile
        ui.logging.reset();
    }
    if (ui.duplicates) {
        contacts::draw_duplicates(ui, view, p, out);
        return;
    }
    contacts::draw_list(ui, view, p, out);
}

}  // namespace ties::ui
