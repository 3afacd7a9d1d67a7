// Settings: every edit is a settings change through the store (undoable, saved, merged like any
// record). Number fields keep what is typed in a draft and commit when the field is left, so a
// half-typed "1" of "14" never becomes the cadence.
#include "ui/settings_ui.hpp"

#include "core/cadence.hpp"
#include "core/forms.hpp"
#include "core/text.hpp"
#include "ui/app_ui.hpp"
#include "ui/form_widgets.hpp"
#include "ui/icons.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <string>
#include <utility>

namespace ties::ui {
namespace {

using form::heading;

const char* theme_name(ThemeChoice t) {
    switch (t) {
        case ThemeChoice::System: return "System";
        case ThemeChoice::Light: return "Light";
        case ThemeChoice::Dark: return "Dark";
    }
    return "System";
}


// A number field bound to a draft; true on the frame the field is left after an edit.
bool number_field(const char* id, std::int32_t& value, float width) {
    int v = value;
    ImGui::SetNextItemWidth(width);
    ImGui::InputInt(id, &v, 0, 0);
    value = v;
    return ImGui::IsItemDeactivatedAfterEdit();
}

void reload(SettingsUi& ui, const Store& store) {
    if (ui.loaded_version == store.version() || ImGui::IsAnyItemActive()) return;
    const Settings& s = store.settings();
    ui.cadences = s.cadences;
    ui.tag_cadences = s.tag_cadences;
    ui.budget = s.budget;
    ui.loaded_version = store.version();
}

// "every 3 weeks, overdue after 5 weeks" / "no reminders"
std::string cadence_words(const Cadence& c) {
    if (c.never()) return "no reminders";
    return describe(c) + ", overdue after " + std::to_string(c.max_days) + " days";
}

// The rhythm tables: on a laptop the rhythm in words has a column of its own; on a phone there is
// room only for the two numbers, so the words go under the circle's or tag's name.
struct RhythmTable {
    bool narrow = false;
    float number = 80;  // the width of a number field
};

RhythmTable rhythm_table() {
    RhythmTable t;
    t.narrow = ImGui::GetContentRegionAvail().x < 190 + 90 + 110 + 260 + 40;
    if (t.narrow) t.number = 56;
    return t;
}

// Sets up the columns: the caption, "Every", "Overdue after", the words unless narrow, then
// `extra` columns (Remove) unless narrow.
void setup_rhythm_columns(const RhythmTable& t, const char* caption, int extra) {
    if (t.narrow) {
        ImGui::TableSetupColumn(caption, ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Every", ImGuiTableColumnFlags_WidthFixed,
                                std::max(t.number, ImGui::CalcTextSize("Every").x));
        ImGui::TableSetupColumn("Overdue after", ImGuiTableColumnFlags_WidthFixed,
                                std::max(t.number, ImGui::CalcTextSize("Overdue after").x));
        return;
    }
    ImGui::TableSetupColumn(caption, ImGuiTableColumnFlags_WidthFixed, 190);
    ImGui::TableSetupColumn("Every", ImGuiTableColumnFlags_WidthFixed, 90);
    ImGui::TableSetupColumn("Overdue after", ImGuiTableColumnFlags_WidthFixed, 110);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 260);
    if (extra > 0) ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, button_width("Remove"));  // its own column: never cut
}

int rhythm_columns(const RhythmTable& t, int extra) { return t.narrow ? 3 : 4 + extra; }

// The name and, on a phone, the rhythm in words under it; true when `remove` (on a phone under the
// words) was pressed.
void draw_cadence_row(const RhythmTable& t, const char* caption, const std::string& name, Cadence& draft,
                      const Cadence& saved, const Palette& p, std::string& error, bool& commit, bool* remove = nullptr) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushTextWrapPos(0.0f);  // at the cell's edge, not the page's
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(caption);
    const auto words = [&] {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextUnformatted(cadence_words(saved).c_str());
        ImGui::PopStyleColor();
        ImGui::PopTextWrapPos();
        probe::item(name, ".words");
    };
    ImGui::PopTextWrapPos();
    if (t.narrow) {
        words();
        if (remove && button("Remove", name + ".remove")) *remove = true;
    }
    ImGui::TableNextColumn();
    if (number_field(("##" + name + ".ideal").c_str(), draft.ideal_days, t.number)) commit = true;
    probe::item(name, ".ideal");
    ImGui::TableNextColumn();
    if (number_field(("##" + name + ".max").c_str(), draft.max_days, t.number)) commit = true;
    probe::item(name, ".max");
    if (!t.narrow) {
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        words();
        if (remove) {
            ImGui::TableNextColumn();
            if (button("Remove", name + ".remove")) *remove = true;
        }
    }
    probe::value(name, [&] { return std::to_string(saved.ideal_days) + "/" + std::to_string(saved.max_days); });
    if (!commit) return;
    const FormResult<Cadence> read = read_rhythm(draft);  // a max below the ideal becomes the ideal
    error = read.error;
    if (read.ok()) draft = read.value;
}

void draw_keeping_in_touch(SettingsUi& ui, const UiView& view, const Palette& p, UiIntents& out) {
    const Settings& settings = view.store->settings();
    const bool read_only = view.save.state == SaveIndicator::State::ReadOnly;
    reload(ui, *view.store);
    heading(view, "Keeping in touch");
    muted_text(p, "How often to reach out to each circle, in days: a tie is due after the first number and "
                  "overdue after the second. 0 means no reminders. Anything you log with someone resets their clock (a note about them does not).");
    ImGui::BeginDisabled(read_only);
    Settings changed = settings;
    bool commit = false;
    const RhythmTable table = rhythm_table();
    const ImGuiTableFlags flags =
        ImGuiTableFlags_SizingFixedFit | (table.narrow ? ImGuiTableFlags_None : ImGuiTableFlags_NoHostExtendX);
    if (ImGui::BeginTable("##cadences", rhythm_columns(table, 0), flags)) {
        setup_rhythm_columns(table, "Circle", 0);
        ImGui::TableHeadersRow();
        for (int t = 1; t < kTierCount; ++t) {
            const std::string name = "settings.cadence." + std::to_string(t);
            bool row_commit = false;
            draw_cadence_row(table, std::string(to_string(static_cast<Tier>(t))).c_str(), name, ui.cadences[t],
                             settings.cadences[t], p, ui.error, row_commit);
            if (row_commit && ui.error.empty()) {
                changed.cadences[t] = ui.cadences[t];
                commit = true;
            }
        }
        bool row_commit = false;
        draw_cadence_row(table, "No circle yet", "settings.cadence.0", ui.cadences[0], settings.cadences[0], p, ui.error,
                         row_commit);
        if (row_commit && ui.error.empty()) {
            changed.cadences[0] = ui.cadences[0];
            commit = true;
        }
        ImGui::EndTable();
    }
    if (settings.cadences != default_cadences()) {
        if (button("Restore the default rhythms", "settings.cadence.defaults")) {
            changed.cadences = default_cadences();
            commit = true;
        }
    }

    ImGui::Dummy(ImVec2(0, 8));
    ImGui::TextUnformatted("By tag");
    muted_text(p, "Everyone with the tag gets this rhythm instead of their circle's (the most frequent wins when "
                  "several tags match; a person's own setting wins over all).");
    std::optional<std::size_t> remove;
    if (!ui.tag_cadences.empty() && ImGui::BeginTable("##tag_cadences", rhythm_columns(table, 1), flags)) {
        setup_rhythm_columns(table, "Tag", 1);
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < ui.tag_cadences.size() && i < settings.tag_cadences.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            const std::string name = "settings.tag." + ui.tag_cadences[i].tag;
            bool row_commit = false;
            bool removed = false;
            draw_cadence_row(table, ui.tag_cadences[i].tag.c_str(), name, ui.tag_cadences[i].cadence,
                             settings.tag_cadences[i].cadence, p, ui.error, row_commit, &removed);
            if (removed) remove = i;
            if (row_commit && ui.error.empty()) {
                changed.tag_cadences[i].cadence = ui.tag_cadences[i].cadence;
                commit = true;
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
        probe::item("settings.tag_cadences");
    }
    if (remove) {
        changed.tag_cadences.erase(changed.tag_cadences.begin() + static_cast<std::ptrdiff_t>(*remove));
        commit = true;
    }
    // The new tag's row: the tag, its two numbers, Add; what does not fit goes on the next line.
    ImGui::SetNextItemWidth(std::min(180.0f, ImGui::GetContentRegionAvail().x));
    ImGui::InputTextWithHint("##settings.tag.new", "tag, e.g. investors", &ui.new_tag);
    probe::item("settings.tag.new");
    probe::value("settings.tag.new", ui.new_tag);
    same_line_if_fits(2 * 80 + ImGui::GetStyle().ItemSpacing.x);  // the two numbers stay together
    number_field("##settings.tag.new.ideal", ui.new_tag_cadence.ideal_days, 80);
    probe::item("settings.tag.new.ideal");
    ImGui::SameLine();
    number_field("##settings.tag.new.max", ui.new_tag_cadence.max_days, 80);
    probe::item("settings.tag.new.max");
    same_line_if_fits(button_width("Add tag rhythm"));
    if (button("Add tag rhythm", "settings.tag.add")) {
        const FormResult<TagCadence> read = read_tag_rhythm(ui.new_tag, ui.new_tag_cadence, settings.tag_cadences);
        ui.error = read.error;
        if (read.ok()) {
            changed.tag_cadences.push_back(read.value);
            ui.new_tag.clear();
            commit = true;
        }
    }

    ImGui::Dummy(ImVec2(0, 8));
    ImGui::TextUnformatted("Your budget");
    muted_text(p, "What you are willing to spend on keeping up ties. Today's plan fills up to it and no further; "
                  "the rest waits, and Ties tells you when you are over.");
    Budget& b = ui.budget;
    const std::pair<const char*, std::int32_t*> budget_fields[] = {
        {"In-person meetings per week", &b.meetings_per_week},
        {"Minutes of networking per week", &b.minutes_per_week},
        {"Messages per day", &b.messages_per_day},
        {"People to ask for help per week", &b.asks_per_week},
    };
    const char* names[] = {"settings.budget.meetings", "settings.budget.minutes", "settings.budget.messages",
                           "settings.budget.asks"};
    const bool budget_beside = ImGui::GetContentRegionAvail().x >= 260 + 90;  // else the field under its words
    for (std::size_t i = 0; i < std::size(budget_fields); ++i) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(budget_fields[i].first);
        if (budget_beside) ImGui::SameLine(260);
        if (number_field((std::string("##") + names[i]).c_str(), *budget_fields[i].second, 90)) {
            const FormResult<std::int32_t> read = read_budget(budget_fields[i].first, *budget_fields[i].second);
            ui.error = read.error;
            if (read.ok()) {
                changed.budget = b;
                commit = true;
            }
        }
        probe::item(names[i]);
    }
    probe::value("settings.budget", [&] { return std::to_string(settings.budget.meetings_per_week) + "/" + std::to_string(settings.budget.minutes_per_week) + "/" + std::to_string(settings.budget.messages_per_day) + "/" + std::to_string(settings.budget.asks_per_week); });
    ImGui::EndDisabled();
    if (!ui.error.empty()) form::error_line(p, ui.error, 0);
    if (commit && !(changed == settings)) {
        out.change = save_settings(changed);
        ui.loaded_version = ~std::uint64_t{0};
    }
}

void draw_general(SettingsUi& state, const UiView& view, const Palette& p, UiIntents& out) {
    heading(view, "Appearance");
    muted_text(p, "Theme");
    constexpr float kThemeButton = 112;
    constexpr std::array<ThemeChoice, 3> choices{ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark};
    const char* choice_icons[] = {icons::kSystem, icons::kLight, icons::kDark};
    for (size_t i = 0; i < choices.size(); ++i) {
        const bool chosen = choices[i] == view.theme_choice;
        if (i > 0) same_line_if_fits(kThemeButton, 6);
        if (chosen) {
            ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.accent);
            ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.accent);
            ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
        }
        const std::string label = std::string(choice_icons[i]) + "  " + theme_name(choices[i]);
        if (ImGui::Button(label.c_str(), ImVec2(kThemeButton, 0))) out.theme = choices[i];
        if (chosen) ImGui::PopStyleColor(4);
        probe::item("settings.theme.", [&] { return theme_name(choices[i]); });
    }
    if (view.theme_choice == ThemeChoice::System)
        muted_text(p, view.system_dark ? "Following your system, which is dark now."
                                       : "Following your system, which is light now.");
    probe::value("settings.theme", [&] { return theme_name(view.theme_choice); });

    ImGui::Dummy(ImVec2(0, 14));
    heading(view, "You");
    const Settings& settings = view.store->settings();
    if (!state.your_name_loaded) {
        state.your_name_draft = settings.your_name;
        state.your_name_loaded = true;
    }
    ImGui::SetNextItemWidth(std::min(320.0f, ImGui::GetContentRegionAvail().x));
    ImGui::InputTextWithHint("##settings.your_name", "Your name", &state.your_name_draft);
    probe::item("settings.your_name");
    same_line_if_fits(button_width("Save"));
    ImGui::BeginDisabled(state.your_name_draft == settings.your_name ||
                         view.save.state == SaveIndicator::State::ReadOnly);
    if (ImGui::Button("Save##your_name")) {
        Settings changed = settings;
        changed.your_name = state.your_name_draft;
        out.change = save_settings(changed);
    }
    probe::item("settings.your_name.save");
    ImGui::EndDisabled();
    probe::value("settings.your_name", settings.your_name);

    // Whose mail a mailbox is: touches are only counted for mail to or from these addresses.
    const std::string own = join_addresses(settings.own_addresses);
    if (!state.own_addresses_loaded) {
        state.own_addresses_draft = own;
        state.own_addresses_loaded = true;
    }
    ImGui::SetNextItemWidth(std::min(320.0f, ImGui::GetContentRegionAvail().x));
    ImGui::InputTextWithHint("##settings.own_addresses", "Your e-mail addresses, separated by commas", &state.own_addresses_draft);
    probe::item("settings.own_addresses");
    same_line_if_fits(button_width("Save"));
    const std::vector<std::string> addresses = read_own_addresses(state.own_addresses_draft);
    ImGui::BeginDisabled(addresses == settings.own_addresses || view.save.state == SaveIndicator::State::ReadOnly);
    if (ImGui::Button("Save##own_addresses")) {
        Settings changed = settings;
        changed.own_addresses = addresses;
        out.change = save_settings(changed);
        state.own_addresses_draft = join_addresses(addresses);
    }
    probe::item("settings.own_addresses.save");
    ImGui::EndDisabled();
    ImGui::TextDisabled("Imported mail and calendars count only what you sent or received.");
    probe::value("settings.own_addresses", own);


    ImGui::Dummy(ImVec2(0, 14));
    heading(view, "Your data");
    const bool syncing = view.sync && view.sync->set_up;
    ImGui::TextWrapped("%s  %s", icons::kLock,
                       syncing ? "Ties keeps everything in this browser and sends it, encrypted, only to your sync folder."
                               : "Ties keeps everything in this browser; nothing you enter is sent anywhere.");
    const char* persisted = view.save.persisted == "granted"  ? "The browser has agreed to keep this data (persistent storage)."
                            : view.save.persisted == "denied" ? "The browser may clear this data when space runs low: download backups now and then."
                            : view.save.persisted == "unsupported" ? "This browser cannot promise to keep the data: download backups now and then."
                                                                   : "Persistent storage is requested at the first save.";
    muted_text(p, persisted);
    probe::value("settings.persisted", view.save.persisted);
    const std::size_t contacts = std::count_if(view.store->contacts().begin(), view.store->contacts().end(),
                                               [](const auto& entry) { return !entry.second.meta.deleted; });
    const std::size_t touches = view.store->interactions().size();
    const std::string counts = std::to_string(contacts) + (contacts == 1 ? " contact, " : " contacts, ") +
                               std::to_string(touches) + (touches == 1 ? " interaction record" : " interaction records");
    muted_text(p, counts.c_str());
    const std::string last = view.last_backup.empty() ? std::string("No backup downloaded from this browser yet.")
                                                      : "Last backup downloaded: " + view.last_backup + ".";
    muted_text(p, last.c_str());
    probe::value("settings.last_backup", view.last_backup);
    // The passphrase cannot be recovered: typed twice (or shown), and the download waits until
    // both agree.
    const ImGuiInputTextFlags hidden = state.show_passphrase ? 0 : ImGuiInputTextFlags_Password;
    const float passphrase_width = std::min(260.0f, ImGui::GetContentRegionAvail().x);
    ImGui::SetNextItemWidth(passphrase_width);
    if (ImGui::InputTextWithHint("##settings.backup_passphrase", "Passphrase (optional)", &state.backup_passphrase, hidden))
        state.backup_error.clear();
    probe::item("settings.backup_passphrase");
    probe::value("settings.backup_passphrase", [&] { return std::string(state.backup_passphrase.size(), '*'); });
    if (!state.backup_passphrase.empty()) {
        ImGui::SetNextItemWidth(passphrase_width);
        if (ImGui::InputTextWithHint("##settings.backup_passphrase_again", "The same passphrase again",
                                     &state.backup_passphrase_again, hidden))
            state.backup_error.clear();
        probe::item("settings.backup_passphrase_again");
        probe::value("settings.backup_passphrase_again", [&] { return std::string(state.backup_passphrase_again.size(), '*'); });
        same_line_if_fits(button_width("Show") + 40.0f);
        ImGui::Checkbox("Show##passphrase", &state.show_passphrase);
        probe::item("settings.backup_passphrase_show");
        probe::value("settings.backup_passphrase_shown", [&] { return state.show_passphrase ? state.backup_passphrase : std::string(state.backup_passphrase.size(), '*'); });
    }
    muted_text(p, state.backup_passphrase.empty()
                      ? "With a passphrase the backup is encrypted (AES-256): keep the passphrase safe, it cannot be recovered."
                      : "The backup will be encrypted with this passphrase; you need it to import the backup, and it "
                        "cannot be recovered.");
    if (ImGui::Button("Download a backup")) {
        if (state.backup_passphrase.empty()) {
            out.export_backup = true;
        } else if (state.backup_passphrase != state.backup_passphrase_again) {
            state.backup_error = "The two passphrases differ. Type the same passphrase in both fields; nothing was downloaded.";
        } else {
            state.backup_error.clear();
            out.export_encrypted = state.backup_passphrase;
        }
    }
    probe::item("settings.backup");
    if (!state.backup_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
        ImGui::TextWrapped("%s", state.backup_error.c_str());
        ImGui::PopStyleColor();
    }
    probe::value("settings.backup_error", state.backup_error);

    ImGui::Dummy(ImVec2(0, 6));
    if (ImGui::Button("Import\xe2\x80\xa6")) out.open_import = true;
    probe::item("settings.import");
    ImGui::SameLine();
    muted_text(p, "contacts from LinkedIn, Google, vCard or the X archive, a Ties backup, or your mail and calendar for their history");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Export contacts:");
    // Beside the words while they fit, then on the next lines (a phone).
    same_line_if_fits(button_width("vCard 4.0"));
    if (button("vCard 4.0", "settings.export.vcf")) out.export_file = io::ExportFormat::Vcard4;
    same_line_if_fits(button_width("vCard 3.0"));
    if (button("vCard 3.0", "settings.export.vcf3")) out.export_file = io::ExportFormat::Vcard3;
    same_line_if_fits(button_width("CSV (spreadsheet)"));
    if (button("CSV (spreadsheet)", "settings.export.csv")) out.export_file = io::ExportFormat::Csv;
    same_line_if_fits(button_width("Network (GraphML)"));
    if (button("Network (GraphML)", "settings.export.graphml")) out.export_file = io::ExportFormat::Graph;
    tooltip("Who is linked to whom and the clusters of the Map, for Gephi or NetworkX");

    ImGui::Dummy(ImVec2(0, 14));
    draw_sync_settings(state.sync, view, p, out);
    ImGui::Dummy(ImVec2(0, 14));
    draw_keeping_in_touch(state, view, p, out);
    ImGui::Dummy(ImVec2(0, 14));
    heading(view, "Keyboard");
    const char* mod = view.mac ? "\xe2\x8c\x98" : "Ctrl+";
    const std::pair<std::string, const char*> keys[] = {
        {std::string(mod) + "K", "Search: jump to a person, a section or an action"},
        {std::string(mod) + "L", "Log a touch (the quick log)"},
        {std::string(mod) + "Z", "Undo"},
        {std::string(view.mac ? "\xe2\x87\xa7\xe2\x8c\x98" : "Ctrl+Shift+") + "Z", "Redo"},
        {"?", "All shortcuts"},
    };
    std::string listed;
    for (const auto& [key, what] : keys) {
        listed += key + " ";
        ImGui::TextUnformatted(key.c_str());
        ImGui::SameLine(120);
        muted_text(p, what);
    }
    probe::value("settings.shortcuts", listed);

    ImGui::Dummy(ImVec2(0, 14));
    heading(view, "About");
    const std::string about = "Ties " + std::string(TIES_VERSION) + ", build " + std::string(view.build);
    muted_text(p, about.c_str());
}

}  // namespace

void draw_settings(SettingsUi& ui, const UiView& view, UiIntents& out) {
    draw_general(ui, view, palette(view.dark), out);
}

}  // namespace ties::ui
