// The import dialog; see import_ui.hpp. Probe names: "import.<what>" for buttons and values.
#include "ui/import_ui.hpp"

#include "ui/app_ui.hpp"
#include "ui/form_widgets.hpp"
#include "ui/icons.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>
#include <vector>

namespace ties::ui {
namespace {

constexpr const char* kTitle = "Import";

std::string count_of(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// What was left out, in sentences: the importers already group what repeats (photos, fields
// Ties does not keep) into one line per file, so this is a short list, open from the start
// when it is.
void draw_warnings(const ImportUi& ui, const Palette& p) {
    if (ui.warnings.empty()) return;
    const std::string title = count_of(ui.warnings.size(), "note", "notes") + " on what was left out";
    ImGui::SetNextItemOpen(ui.warnings.size() <= 4, ImGuiCond_Appearing);
    if (ImGui::TreeNode("##warnings", "%s", title.c_str())) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
        for (std::size_t i = 0; i < ui.warnings.size() && i < 200; ++i) ImGui::TextWrapped("%s", ui.warnings[i].c_str());
        if (ui.warnings.size() > 200) ImGui::TextUnformatted("…");
        ImGui::PopStyleColor();
        ImGui::TreePop();
    }
    probe::value("import.warnings", ui.warnings.size());
    std::string texts;
    for (const std::string& w : ui.warnings) texts += w + "\n";
    probe::value("import.warning.texts", texts);
}

// One row per match: the tick with both names, then the reason on its own line (a warning
// colour when the evidence is weak, so the person looks twice).
void draw_match_row(ImportUi& ui, const UiView& view, const Palette& p, std::size_t i) {
    const ImportMatch& m = ui.plan.matches[i];
    std::string target;
    if (m.in_file()) {
        target = contact_label(ui.plan.contacts[m.card]) + " (in this file)";
    } else {
        const Contact* existing = view.store->contact(m.existing);
        target = (existing ? contact_label(*existing) : std::string("?")) + " (you have)";
    }
    const std::string names = contact_label(ui.plan.contacts[m.incoming]) + "  \xe2\x86\x92  " + target;
    bool merge = i < ui.merge.size() ? static_cast<bool>(ui.merge[i]) : m.strong;
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::Checkbox(names.c_str(), &merge) && i < ui.merge.size()) ui.merge[i] = merge;
    ImGui::PopID();
    const std::string name = "import.match." + std::to_string(i);
    probe::item(name);
    probe::value(name, [&] { return names + ": " + m.reason; });
    probe::value(probe::key(name, ".ticked"), merge ? "yes" : "no");
    ImGui::Indent(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::PushStyleColor(ImGuiCol_Text, m.strong ? p.muted : p.warning);
    ImGui::TextWrapped("%s%s", m.strong ? "" : "Not sure: ", m.reason.c_str());
    ImGui::PopStyleColor();
    ImGui::Unindent(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
}

// The possible matches, ticked to merge (a person import and a history import both have them);
// `unsure_only`: only those on weak evidence (a history import matches hundreds by address).
void draw_matches(ImportUi& ui, const UiView& view, const Palette& p, bool unsure_only = false) {
    std::vector<std::size_t> shown;
    for (std::size_t i = 0; i < ui.plan.matches.size(); ++i)
        if (!unsure_only || !ui.plan.matches[i].strong) shown.push_back(i);
    const std::size_t matched = shown.size();
    probe::value("import.matches", matched);
    if (matched == 0) return;
    ImGui::TextUnformatted("Possibly the same person");
    muted_text(p, "Ticked: merged into one (nothing is lost). Unticked: kept apart. \"Not sure\" ones are unticked: "
                  "tick them if you know they are one person.");
    // Room for every row up to about half the screen; then the list scrolls.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row = ImGui::GetFrameHeight() + ImGui::GetTextLineHeight() * 1.25f + style.ItemSpacing.y * 2;
    const float room = std::max(3.2f * row, ImGui::GetMainViewport()->Size.y * 0.45f);
    const float height = std::min(room, row * static_cast<float>(matched) + style.WindowPadding.y * 2);
    ImGui::BeginChild("##matches", ImVec2(0, height), ImGuiChildFlags_Border);
    for (const std::size_t i : shown) draw_match_row(ui, view, p, i);
    ImGui::EndChild();
    probe::item("import.match.list");
}

// A mailbox or a calendar: what it held, whose it was taken to be, the touches with the people
// you have, and the people you don't have, each to tick (nobody is added unasked).
void draw_history_preview(ImportUi& ui, const UiView& view, const Palette& p, ImportAsk& ask) {
    ImGui::TextWrapped("%s", ui.history_summary.c_str());
    probe::value("import.summary", ui.history_summary);
    probe::value("import.worker_memory", ui.worker_memory);
    if (!ui.me.empty()) {
        const std::string whose = ui.me_guess.empty()
                                      ? "Your addresses (from Settings): " + ui.me + "."
                                      : "Ties took " + ui.me + " to be you (" + ui.me_guess +
                                            "); it is kept in Settings, where you can add your other addresses.";
        muted_text(p, whose.c_str());
        probe::value("import.me", ui.me);
    }
    const ImportSummary counts = summarise_import(*view.store, ui.plan, ui.merge, ui.add);
    const std::string have = "Touches with " + count_of(counts.merged, "person you have", "people you have") +
                             " come in as they are.";
    ImGui::TextWrapped("%s", have.c_str());
    probe::value("import.history.have", counts.merged);
    draw_matches(ui, view, p, true);

    const std::size_t offered = ui.offered.size();
    probe::value("import.offered.count", offered);
    if (offered > 0) {
        ImGui::Dummy(ImVec2(0, 4));
        const std::string title = "People you talk to but don't have (" + std::to_string(offered) + ")";
        ImGui::TextUnformatted(title.c_str());
        muted_text(p, "Tick the ones to add; their touches come with them. Nobody else is added.");
        if (button("Tick all", "import.offered.all")) std::fill(ui.add.begin(), ui.add.end(), true);
        ImGui::SameLine();
        if (button("Untick all", "import.offered.none")) std::fill(ui.add.begin(), ui.add.end(), false);
        const float row = ImGui::GetFrameHeightWithSpacing();
        const float height = std::min(std::max(4.0f * row, ImGui::GetMainViewport()->Size.y * 0.35f),
                                      row * static_cast<float>(offered) + ImGui::GetStyle().WindowPadding.y * 2);
        ImGui::BeginChild("##offered", ImVec2(0, height), ImGuiChildFlags_Border);
        ImGuiListClipper clipper;  // thousands of correspondents: only the visible rows are drawn
        clipper.Begin(static_cast<int>(offered), row);
        while (clipper.Step()) {
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                const OfferedPerson& o = ui.offered[static_cast<std::size_t>(r)];
                const Contact& c = ui.plan.contacts[o.card];
                std::string label = contact_label(c);
                if (!c.emails.empty() && c.emails.front().value != label) label += " <" + c.emails.front().value + ">";
                const std::string facts = count_of(o.touches, "touch", "touches") + ", last " + o.last.iso();
                bool add = o.card < ui.add.size() && ui.add[o.card];
                ImGui::PushID(r);
                if (ImGui::Checkbox(label.c_str(), &add) && o.card < ui.add.size()) ui.add[o.card] = add;
                ImGui::PopID();
                const std::string name = "import.offered." + std::to_string(r);
                probe::item(name);
                probe::value(name, [&] { return label + ": " + facts; });
                ImGui::SameLine();
                muted_text(p, facts.c_str());
            }
        }
        ImGui::EndChild();
    }
    draw_warnings(ui, p);
    ImGui::Dummy(ImVec2(0, 6));
    const std::string confirm = counts.added > 0 ? "Import the history and add " + count_of(counts.added, "person", "people")
                                                 : std::string("Import the history");
    if (primary_button(p, confirm.c_str(), "import.confirm")) ask.confirm = true;
    ImGui::SameLine();
    if (button("Cancel", "import.cancel")) ask.cancel = true;
}

void draw_people_preview(ImportUi& ui, const UiView& view, const Palette& p, ImportAsk& ask) {
    if (ui.plan.history) return draw_history_preview(ui, view, p, ask);
    const ImportSummary counts = summarise_import(*view.store, ui.plan, ui.merge);
    std::string summary = describe_import(counts);
    if (!ui.plan.interactions.empty()) summary += ", " + count_of(ui.plan.interactions.size(), "conversation", "conversations");
    summary += ".";
    ImGui::TextWrapped("%s", summary.c_str());
    probe::value("import.summary", summary);
    // The new people by name (the first hundred), so the person sees what is coming in: the same
    // people the summary counts, so a card in an unticked match is among them.
    const std::size_t fresh = counts.new_people.size();
    probe::value("import.new.count", fresh);
    if (fresh > 0) {
        std::string names;
        std::size_t shown = 0;
        for (; shown < fresh && shown < 100; ++shown) {
            const Contact& c = ui.plan.contacts[counts.new_people[shown]];
            names += (names.empty() ? "" : ", ") + contact_label(c);
            if (!c.company.empty()) names += " (" + c.company + ")";
        }
        if (fresh > shown) names += ", and " + std::to_string(fresh - shown) + " more";
        ImGui::BeginChild("##new", ImVec2(0, std::min(120.0f, ImGui::GetTextLineHeightWithSpacing() * 5)), ImGuiChildFlags_Border);
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::TextWrapped("%s", names.c_str());
        ImGui::PopStyleColor();
        ImGui::EndChild();
        probe::value("import.new", names);
    }
    draw_matches(ui, view, p);
    draw_warnings(ui, p);
    ImGui::Dummy(ImVec2(0, 6));
    if (primary_button(p, "Import", "import.confirm")) ask.confirm = true;
    ImGui::SameLine();
    if (button("Cancel", "import.cancel")) ask.cancel = true;
}

void draw_backup_preview(ImportUi& ui, const Palette& p, ImportAsk& ask) {
    const MergePlan& m = ui.merge_plan;
    std::string summary = "Merging adds " + count_of(m.live_added, "record", "records") + ", updates " +
                          std::to_string(m.changed.size()) + " with newer edits, and keeps " +
                          std::to_string(m.conflicting) + " of yours that are newer than the backup's.";
    if (m.live_added + m.changed.size() == 0 && m.deletions.empty()) summary = "Everything in this backup is already here: nothing to merge.";
    ImGui::TextWrapped("%s", summary.c_str());
    probe::value("import.summary", summary);
    if (!m.deletions.empty()) {
        const std::string text = "Also delete " + count_of(m.deletions.size(), "record", "records") +
                                 " that were deleted where the backup was made";
        ImGui::Checkbox(text.c_str(), &ui.apply_deletions);
        probe::item("import.deletions");
    }
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::RadioButton("Merge (recommended): keep everything, the newer edit wins", !ui.replace);
    if (ImGui::IsItemClicked()) ui.replace = false;
    probe::item("import.merge");
    ImGui::RadioButton("Replace: make this the backup's data exactly", ui.replace);
    if (ImGui::IsItemClicked()) ui.replace = true;
    probe::item("import.replace");
    if (ui.replace)
        muted_text(p, "A backup of what you have now is downloaded first, and Undo brings it back.");
    probe::value("import.mode", ui.replace ? "replace" : "merge");
    ImGui::Dummy(ImVec2(0, 6));
    if (primary_button(p, ui.replace ? "Replace" : "Merge", "import.confirm")) ask.confirm = true;
    ImGui::SameLine();
    if (button("Cancel", "import.cancel")) ask.cancel = true;
}

// A CSV that is neither Google's nor LinkedIn's: the person says what each column holds.
void draw_mapping(ImportUi& ui, const Palette& p, ImportAsk& ask) {
    ImGui::TextWrapped("Which column holds what? Ties guessed from the column names; change what is wrong.");
    if (ImGui::BeginTable("##mapping", 3, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY,
                          ImVec2(0, std::min(360.0f, 34.0f * static_cast<float>(ui.columns.size() + 1))))) {
        ImGui::TableSetupColumn("Column");
        ImGui::TableSetupColumn("First row");
        ImGui::TableSetupColumn("Holds");
        ImGui::TableHeadersRow();
        for (std::size_t c = 0; c < ui.columns.size() && c < ui.fields.size(); ++c) {
            ImGui::PushID(static_cast<int>(c));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(ui.columns[c].c_str());
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
            ImGui::TextUnformatted(c < ui.example.size() ? ui.example[c].c_str() : "");
            ImGui::PopStyleColor();
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            const int current = ui.fields[c];
            const std::string name = "import.column." + std::to_string(c);
            if (ImGui::BeginCombo("##field", ui.field_names[static_cast<std::size_t>(current)].c_str())) {
                for (std::size_t f = 0; f < ui.field_names.size(); ++f) {
                    if (ImGui::Selectable(ui.field_names[f].c_str(), static_cast<int>(f) == current)) ui.fields[c] = static_cast<int>(f);
                    probe::item(name, ".", ui.field_names[f]);
                }
                ImGui::EndCombo();
            }
            probe::item(name);
            probe::value(name, [&] { return ui.columns[c] + " = " + ui.field_names[static_cast<std::size_t>(ui.fields[c])]; });
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::Dummy(ImVec2(0, 6));
    if (primary_button(p, "Continue", "import.confirm")) ask.confirm = true;
    ImGui::SameLine();
    if (button("Cancel", "import.cancel")) ask.cancel = true;
}

}  // namespace

ImportAsk draw_import(ImportUi& ui, const UiView& view) {
    ImportAsk ask;
    if (ui.stage == ImportUi::Stage::Closed) return ask;
    if (!ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float w = std::min(640.0f, vp->Size.x - 24.0f);
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + (vp->Size.x - w) * 0.5f, vp->Pos.y + std::min(96.0f, vp->Size.y * 0.08f)));
    ImGui::SetNextWindowSize(ImVec2(w, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(20, 16));
    if (!ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize |
                                                     ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::PopStyleVar();
        return ask;
    }
    const Palette& p = palette(view.dark);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w - 40.0f);
    const char* stages[] = {"closed", "choose", "working", "mapping", "preview", "passphrase", "backup", "done", "failed"};
    probe::value("import.stage", [&] { return stages[static_cast<int>(ui.stage)]; });
    if (!ui.files.empty() && ui.stage != ImportUi::Stage::Choose) {
        std::string names;
        for (const std::string& f : ui.files) names += (names.empty() ? "" : ", ") + f;
        muted_text(p, names.c_str());
    }
    switch (ui.stage) {
        case ImportUi::Stage::Closed: break;
        case ImportUi::Stage::Choose:
            ImGui::TextWrapped("Bring in the people you already know elsewhere, or a Ties backup from another device.");
            muted_text(p, "vCard (.vcf) from iPhone, Android, Gmail, Outlook or Thunderbird; CSV from Google Contacts, "
                          "LinkedIn (Connections.csv) or anywhere; the X archive's account.js, following.js, "
                          "follower.js and tweets.js; a Ties backup (.ties). Your mail (.mbox, .eml) and calendar "
                          "(.ics) bring the history of the people you have: only who wrote to whom and when is read.");
            ImGui::Dummy(ImVec2(0, 6));
            if (primary_button(p, "Choose files\xe2\x80\xa6", "import.pick")) ask.pick = true;
            ImGui::SameLine();
            muted_text(p, "or drop them anywhere on this page");
            ImGui::Dummy(ImVec2(0, 6));
            if (button("Close", "import.cancel")) ask.cancel = true;
            break;
        case ImportUi::Stage::Working: {
            ImGui::TextUnformatted(ui.working.c_str());
            ImGui::PushStyleColor(ImGuiCol_PlotHistogram, p.accent);
            ImGui::ProgressBar(static_cast<float>(ui.share), ImVec2(-1, 0));
            ImGui::PopStyleColor();
            char percent[16];
            std::snprintf(percent, sizeof percent, "%d", static_cast<int>(ui.share * 100));
            probe::value("import.progress", percent);
            if (button("Cancel", "import.cancel")) ask.cancel = true;
            break;
        }
        case ImportUi::Stage::Mapping: draw_mapping(ui, p, ask); break;
        case ImportUi::Stage::Preview: draw_people_preview(ui, view, p, ask); break;
        case ImportUi::Stage::Passphrase: {
            ImGui::TextWrapped("This backup is encrypted. Enter its passphrase.");
            if (!ui.message.empty()) {
                ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
                ImGui::TextWrapped("%s", ui.message.c_str());
                ImGui::PopStyleColor();
                probe::value("import.error", ui.message);
            }
            if (ui.focus) {
                ImGui::SetKeyboardFocusHere();
                ui.focus = false;
            }
            ImGui::SetNextItemWidth(-1);
            const bool enter = ImGui::InputTextWithHint("##import.passphrase", "Passphrase", &ui.passphrase,
                                                        ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
            focus_ring(p);
            probe::item("import.passphrase");
            probe::value("import.passphrase", [&] { return std::string(ui.passphrase.size(), '*'); });
            if (primary_button(p, "Open", "import.decrypt") || enter) ask.decrypt = true;
            ImGui::SameLine();
            if (button("Cancel", "import.cancel")) ask.cancel = true;
            break;
        }
        case ImportUi::Stage::BackupPreview: draw_backup_preview(ui, p, ask); break;
        case ImportUi::Stage::Done:
        case ImportUi::Stage::Failed: {
            const bool failed = ui.stage == ImportUi::Stage::Failed;
            if (failed) ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
            ImGui::TextWrapped("%s  %s", failed ? icons::kWarning : icons::kCheck, ui.message.c_str());
            if (failed) ImGui::PopStyleColor();
            probe::value(failed ? "import.error" : "import.done", ui.message);
            draw_warnings(ui, p);
            if (failed) muted_text(p, "Nothing was changed.");
            if (primary_button(p, "Close", "import.close")) ask.cancel = true;
            break;
        }
    }
    ImGui::PopTextWrapPos();
    if (ImGui::IsKeyPressed(ImGuiKey_Escape) && ui.stage != ImportUi::Stage::Working) ask.cancel = true;
    ImGui::EndPopup();
    ImGui::PopStyleVar();
    return ask;
}

}  // namespace ties::ui
