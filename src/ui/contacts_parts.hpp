// The parts of the Contacts section, one file each, that draw_contacts() in contacts_ui.cpp switches
// between. Only those files include this; the rest of the app knows contacts_ui.hpp.
#pragma once

#include "ui/contacts_ui.hpp"

#include <array>

namespace ties::ui {
struct Palette;
}

namespace ties::ui::contacts {

// The circles, in the order the list's filter and the form's menu show them.
inline constexpr std::array kTiers{Tier::None, Tier::Inner, Tier::Close, Tier::Friends, Tier::Meaningful,
                                   Tier::Acquaintances, Tier::Recognisable};

// contact_list_ui.cpp: the search field, the filters and the list; the likely duplicates. A search
// still running when the frame's share is spent sets out.working.
void draw_list(ContactsUi& ui, const UiView& view, const Palette& p, UiIntents& out);
void draw_duplicates(ContactsUi& ui, const UiView& view, const Palette& p, UiIntents& out);
// contact_form_ui.cpp: the form open in ui.editing, a new contact or an edit.
void draw_form(ContactsUi& ui, const UiView& view, const Palette& p, UiIntents& out);
// contact_page_ui.cpp: the page of `c`, the contact in ui.selected.
void draw_contact_page(ContactsUi& ui, const Contact& c, const UiView& view, const Palette& p, UiIntents& out);

}  // namespace ties::ui::contacts
