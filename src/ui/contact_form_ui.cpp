// The contact form, for a new contact or an edit: fields over a ContactDraft (core/forms), whose
// text read_contact() checks on Save or on Enter in any single-line field.
#include "ui/contacts_parts.hpp"

#include "ui/app_ui.hpp"
#include "ui/form_widgets.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ties::ui::contacts {

using namespace form;  // label, text_field, enum_combo, error_line, str, kFieldWidth…

namespace {

constexpr std::array kHandleKinds{HandleKind::X, HandleKind::LinkedIn, HandleKind::Mastodon, HandleKind::Bluesky,
                                  HandleKind::GitHub, HandleKind::Website, HandleKind::Other};

struct HalfField {
    const char* name;
    std::string* value;
    const char* hint;
};

// Two short fields on one row (their hints say which is which), to keep the form on one screen;
// on a narrow screen they stack like every other field.
// True when Enter was pressed in one of them.
bool pair_of_fields(const Palette& p, const char* caption, HalfField first, HalfField second) {
    bool enter = false;
    if (narrow_form()) {
        text_field(p, first.hint, first.name, *first.value);
        enter |= entered();
        text_field(p, second.hint, second.name, *second.value);
        return enter || entered();
    }
    label(p, caption);
    const float half = (field_width() - ImGui::GetStyle().ItemSpacing.x) / 2;
    for (const HalfField& f : {first, second}) {
        if (f.name == second.name) ImGui::SameLine();
        ImGui::SetNextItemWidth(half);
        ImGui::InputTextWithHint((std::string("##") + f.name).c_str(), f.hint, f.value);
        enter |= entered();
        focus_ring(p);
        probe::item(f.name);
        probe::value(f.name, *f.value);
    }
    return enter;
}

}  // namespace

void draw_form(ContactsUi& ui, const UiView& view, const Palette& p, UiIntents& out) {
    ContactDraft& d = ui.editing->draft;
    Contact& c = d.contact;
    const bool is_new = view.store->contact(c.meta.id) == nullptr;
    // Save and Cancel sit at the top, beside the heading, so they never need scrolling to; Enter
    // in any single-line field saves too.
    ImGui::PushFont(view.fonts->heading);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(is_new ? "New contact" : "Edit contact");
    ImGui::PopFont();
    ButtonRow buttons;
    buttons.place(0);
    bool save = buttons.primary(p, is_new ? "Add contact" : "Save", "contact.save");
    if (buttons.button("Cancel", "contact.cancel")) {
        ui.editing.reset();
        ui.error.clear();
        return;
    }
    error_line(p, ui.error);
    ImGui::Dummy(ImVec2(0, 4));
    const auto field = [&](const char* caption, const char* name, std::string& value, const char* hint = "") {
        text_field(p, caption, name, value, hint);
        save |= entered();
    };
    field("Name", "contact.display_name", c.display_name, "How you refer to them");
    save |= pair_of_fields(p, "Given, family", {"contact.given_name", &c.given_name, "Given name"},
                           {"contact.family_name", &c.family_name, "Family name"});
    field("Nickname", "contact.nickname", c.nickname);
    field("Company", "contact.company", c.company);
    field("Title", "contact.title", c.title);
    field("City", "contact.city", c.city);
    field("Region", "contact.region", c.region);
    field("Country", "contact.country", c.country);
    field("Emails", "contact.emails", d.emails, "Separate several with commas");
    field("Phones", "contact.phones", d.phones, "Separate several with commas");
    notes_field(p, "Addresses", "contact.addresses", d.addresses);
    muted_text(p, "One per line, the kind first: home: 12 Main St, 12345 Springfield, IL, USA");

    label(p, "Profiles");
    ImGui::BeginGroup();
    for (size_t i = 0; i < c.handles.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        ImGui::SetNextItemWidth(120);
        const std::string kind = str(to_string(c.handles[i].kind));
        if (ImGui::BeginCombo("##kind", kind.c_str())) {
            for (HandleKind k : kHandleKinds)
                if (ImGui::Selectable(str(to_string(k)).c_str(), k == c.handles[i].kind)) c.handles[i].kind = k;
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        ImGui::SetNextItemWidth(kFieldWidth - 120 - 44);
        ImGui::InputTextWithHint("##value", "@handle or https://…", &c.handles[i].value);
        save |= entered();
        probe::item("contact.handle.", i);
        ImGui::SameLine();
        const bool remove = ImGui::Button("\xc3\x97");  // ×
        ImGui::PopID();
        if (remove) {
            c.handles.erase(c.handles.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
    }
    if (button("+  Add profile", "contact.handle.add")) c.handles.push_back(Handle{HandleKind::X, ""});
    ImGui::EndGroup();

    field("Tags", "contact.tags", d.tags, "conference, rust, berlin");
    enum_combo(p, "Circle", "contact.tier", c.tier, kTiers);
    label(p, "Keep in touch");
    ImGui::Checkbox(d.has_cadence ? "##cadence" : "A rhythm of their own, not their circle's##cadence", &d.has_cadence);
    probe::item("contact.cadence");
    if (d.has_cadence) {
        ImGui::SameLine();
        ImGui::TextUnformatted("every");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(64);
        ImGui::InputInt("##cadence_days", &d.cadence_days, 0, 0);
        save |= entered();
        probe::item("contact.cadence_days");
        probe::value("contact.cadence_days", d.cadence_days);
        ImGui::SameLine();
        ImGui::TextUnformatted("days, overdue after");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(110);
        ImGui::InputTextWithHint("##cadence_max_days", "1.5 times", &d.cadence_max_days);
        save |= entered();
        probe::item("contact.cadence_max_days");
        probe::value("contact.cadence_max_days", d.cadence_max_days);
    } else {
        ImGui::SameLine();
        muted_text(p, "as their circle or tags say");
    }
    save |= pair_of_fields(p, "Birthday, anniv.", {"contact.birthday", &d.birthday, "Birthday, e.g. 03-12"},
                           {"contact.anniversary", &d.anniversary, "Anniversary, e.g. 2015-06-20"});
    field("How we met", "contact.how_met", c.how_met, "At RustConf, via Ana…");
    label(p, "Introduced by");
    ImGui::BeginGroup();
    std::vector<Id> introducer;  // zero or one person
    if (c.introduced_by) introducer.push_back(*c.introduced_by);
    draw_people_picker(ui.editing->introducer_picker, "contact.introducer", introducer, {}, view, false);
    if (introducer.size() > 1) introducer.erase(introducer.begin());  // one person: the latest pick
    ImGui::EndGroup();
    introducer.erase(std::remove(introducer.begin(), introducer.end(), c.meta.id), introducer.end());
    c.introduced_by = introducer.empty() ? std::nullopt : std::optional<Id>(introducer.front());
    field("First met", "contact.first_met", d.first_met, "YYYY-MM-DD");
    notes_field(p, "Notes", "contact.notes", c.notes);
    ImGui::Dummy(ImVec2(0, 6));

    if (save && read_only_tab(view)) {
        ui.error = kReadOnlyRefusal;
    } else if (save) {
        const FormResult<Contact> read = read_contact(d);
        ui.error = read.error;
        if (read.ok()) {
            out.change = save_contact(read.value);
            out.notice = Notice{"Saved " + contact_label(read.value)};
            ui.selected = read.value.meta.id;
            ui.editing.reset();
        }
    }
}

}  // namespace ties::ui::contacts
