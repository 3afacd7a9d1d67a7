// Settings → Sync. The form checks what it can before anything is sent (an https address, both
// passphrases alike); the connection itself is tested by the setup run, whose problem comes back
// in SyncView as a sentence that says what to do. Nothing is sent until "Connect" is pressed.
#include "ui/sync_ui.hpp"

#include "ui/app_ui.hpp"
#include "ui/form_widgets.hpp"
#include "ui/icons.hpp"
#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string_view>

namespace ties::ui {
namespace {

using State = SyncView::State;

std::string kept_label(const Record& record) {
    if (const auto* c = std::get_if<Contact>(&record)) return contact_label(*c);
    if (const auto* i = std::get_if<Interaction>(&record)) return "A touch on " + i->date.iso();
    if (const auto* e = std::get_if<Event>(&record)) return "The event " + e->name;
    if (const auto* o = std::get_if<Opportunity>(&record)) return "The opportunity " + o->title;
    return "Your settings";
}

void warning_text(const Palette& p, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

// http:// to this computer: the host is exactly 127.0.0.1 or localhost (not "localhost.example.org"),
// as the page's Content-Security-Policy allows (tools/stage_web.py); CSP cannot name [::1].
bool loopback_http(const std::string& url) {
    for (const std::string_view prefix : {std::string_view("http://127.0.0.1"), std::string_view("http://localhost")}) {
        if (url.rfind(prefix, 0) != 0) continue;
        if (url.size() == prefix.size() || std::string_view(":/?#").find(url[prefix.size()]) != std::string_view::npos)
            return true;
    }
    return false;
}

// The checks the form can make before sending anything; "" when the fields can be sent.
std::string check_fields(const SyncUi& ui, bool new_setup) {
    const std::string& url = ui.folder_url;
    const bool https = url.rfind("https://", 0) == 0;
    const bool loopback = loopback_http(url);
    if (new_setup) {
        if (url.empty()) return "Type the address of the folder on your WebDAV server.";
        if (!https && !loopback)
            return "The address must start with https:// (plain http would send your app password unprotected; "
                   "only a server on this computer may use http://127.0.0.1 or http://localhost).";
        if (ui.user.empty()) return "Type your user name on the server.";
    }
    if (ui.password.empty()) return "Type the app password (or password) for the server.";
    if (ui.passphrase.size() < 8) return "The sync passphrase needs at least 8 characters.";
    if (new_setup && ui.passphrase != ui.passphrase_again)
        return "The two sync passphrases differ. Type the same one in both fields.";
    return "";
}

void field(const Palette& p, const char* hint, const char* name, std::string& value, ImGuiInputTextFlags flags,
           float width) {
    ImGui::SetNextItemWidth(width);
    ImGui::InputTextWithHint((std::string("##") + name).c_str(), hint, &value, flags);
    focus_ring(p);
    probe::item(name);
    // Secrets show a star per byte, as the backup passphrase does (tests/e2e typeSecret).
    probe::value(name, [&] { return (flags & ImGuiInputTextFlags_Password) ? std::string(value.size(), '*') : value; });
}

void draw_form(SyncUi& ui, const SyncView& sync, const Palette& p, bool locked, UiIntents& out) {
    const float width = form::field_width();
    const ImGuiInputTextFlags secret = ui.show ? 0 : ImGuiInputTextFlags_Password;
    const bool busy = sync.state == State::Busy;
    ImGui::BeginDisabled(busy);
    if (!locked) {
        form::label(p, "Folder address");
        field(p, "https://cloud.example.com/remote.php/dav/files/you/Ties/", "settings.sync.url", ui.folder_url,
              ImGuiInputTextFlags_CharsNoBlank, width);
        form::label(p, "User name");
        field(p, "you", "settings.sync.user", ui.user, 0, width);
    }
    form::label(p, "App password");
    field(p, "the server's password for Ties", "settings.sync.password", ui.password, secret, width);
    form::label(p, "Sync passphrase");
    field(p, "encrypts everything before it leaves", "settings.sync.passphrase", ui.passphrase, secret, width);
    if (!locked) {
        form::label(p, "Passphrase again");
        field(p, "the same passphrase again", "settings.sync.passphrase_again", ui.passphrase_again, secret, width);
    }
    ImGui::Checkbox("Show##sync", &ui.show);
    probe::item("settings.sync.show");
    ImGui::SameLine(0, 18);
    ImGui::Checkbox("Remember on this device", &ui.remember);
    probe::item("settings.sync.remember");
    tooltip("Keeps the app password and the vault's key in this browser, so sync goes on after a reload. "
            "Untick it on a shared computer: you then type them again each time Ties opens.");
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
    ImGui::TextWrapped("%s  The sync passphrase cannot be recovered. Without it no other device can join and the "
                       "copy on the server cannot be read. Write it down somewhere safe.", icons::kWarning);
    ImGui::PopStyleColor();

    const auto ask = [&](bool create_folder) {
        ui.error = check_fields(ui, !locked);
        if (!ui.error.empty()) return;
        SyncSetup setup;
        setup.folder_url = locked ? sync.folder_url : ui.folder_url;
        setup.user = locked ? sync.user : ui.user;
        setup.password = ui.password;
        setup.passphrase = ui.passphrase;
        setup.remember = ui.remember;
        setup.create_folder = create_folder;
        out.sync.set_up = std::move(setup);
    };
    ButtonRow row;
    if (row.primary(p, busy ? "Connecting\xe2\x80\xa6" : "Connect", "settings.sync.connect")) ask(false);
    if (sync.folder_missing && row.button("Create the folder and connect", "settings.sync.create")) ask(true);
    ImGui::EndDisabled();
    if (!ui.error.empty()) warning_text(p, ui.error);
    probe::value("settings.sync.form_error", ui.error);
}

void draw_kept(const SyncView& sync, const UiView& view, const Palette& p, UiIntents& out) {
    probe::value("settings.sync.kept", std::to_string(sync.kept ? sync.kept->size() : 0));
    if (!sync.kept || sync.kept->empty()) return;
    ImGui::Dummy(ImVec2(0, 6));
    ImGui::TextUnformatted("Versions that lost to a newer edit on another device");
    muted_text(p, "The same record was changed here and on another device before they synced; the newer edit "
                  "won everywhere. Restore the other version to make it the current one on every device.");
    const std::size_t shown = std::min<std::size_t>(sync.kept->size(), 20);
    for (std::size_t n = 0; n < shown; ++n) {
        const std::size_t i = sync.kept->size() - 1 - n;  // newest first
        const io::sync::KeptVersion& kept = (*sync.kept)[i];
        ImGui::PushID(static_cast<int>(i));
        const std::string text = kept_label(kept.record) + " \xc2\xb7 kept " + ago_words(kept.kept_at, view.now);
        ImGui::TextWrapped("%s", text.c_str());
        ButtonRow row;  // under the text, wrapping on a phone
        if (row.button("Restore", "settings.sync.kept." + std::to_string(n) + ".restore")) out.sync.restore_kept = i;
        if (row.button("Dismiss", "settings.sync.kept." + std::to_string(n) + ".dismiss")) out.sync.forget_kept = i;
        ImGui::PopID();
    }
}

}  // namespace

std::string ago_words(Millis then, Millis now) {
    const Millis seconds = std::max<Millis>(0, now - then) / 1000;
    const auto unit = [](Millis n, const char* one, const char* many) {
        return std::to_string(n) + " " + (n == 1 ? one : many) + " ago";
    };
    if (seconds < 60) return "just now";
    if (seconds < 3600) return unit(seconds / 60, "minute", "minutes");
    if (seconds < 86400) return unit(seconds / 3600, "hour", "hours");
    return unit(seconds / 86400, "day", "days");
}

void draw_sync_settings(SyncUi& ui, const UiView& view, const Palette& p, UiIntents& out) {
    form::heading(view, "Sync between your devices");
    if (!view.sync) return;
    const SyncView& sync = *view.sync;
    if (!ui.loaded) {
        ui.folder_url = sync.folder_url;
        ui.user = sync.user;
        if (!sync.folder_url.empty()) ui.remember = sync.remember;
        ui.loaded = true;
    }
    const char* state_name = "off";
    switch (sync.state) {
        case State::Off: state_name = "off"; break;
        case State::Locked: state_name = "locked"; break;
        case State::Idle: state_name = "idle"; break;
        case State::Busy: state_name = "busy"; break;
        case State::Problem: state_name = "problem"; break;
    }
    probe::value("settings.sync.state", state_name);
    probe::value("settings.sync.problem", sync.problem);

    if (sync.other_tab) {
        muted_text(p, "Sync runs in the tab that saves your data; this tab is read-only. Use Ties here (the banner "
                      "at the top) to sync from this tab.");
        return;
    }
    const bool set_up = sync.set_up;
    if (!set_up) {
        muted_text(p, "Keep this browser in step with your other devices through a folder on a WebDAV server of your "
                      "own (Nextcloud, ownCloud, a NAS, Apache or nginx). Everything is encrypted here, with your sync "
                      "passphrase, before it leaves: the server stores sealed files and learns no names, notes or "
                      "counts. The README says how to make the folder and which headers the server must send.");
        draw_form(ui, sync, p, false, out);
    } else {
        // The folder's address and the user name are kept with the sync state (version 2); a
        // version 1 state had them only in the browser's preferences, which a browser killed
        // within seconds of the setup may not have written (tests/e2e/killed): then every field
        // is asked again rather than leaving a form that cannot connect.
        const bool settings_lost = sync.folder_url.empty();
        const std::string where = settings_lost ? "Sync was set up on this device."
                                                : "Syncing with " + sync.folder_url + " as " + sync.user + ".";
        ImGui::TextWrapped("%s  %s", icons::kSync, where.c_str());
        if (sync.state == State::Locked && settings_lost) {
            warning_text(p, "This browser lost the sync settings (it closed before keeping them): type the folder's "
                            "address, user name, app password and passphrase again. Your edits here are kept and "
                            "go up then.");
            draw_form(ui, sync, p, false, out);
        } else if (sync.state == State::Locked) {
            warning_text(p, "This device does not keep the app password and the vault's key: type them again to "
                            "sync. Your edits here are kept and go up then.");
            draw_form(ui, sync, p, true, out);
        } else {
            const std::string last = sync.state == State::Busy ? "Syncing now\xe2\x80\xa6"
                                     : sync.last_sync > 0      ? "Last synced " + ago_words(sync.last_sync, view.now) + "."
                                                               : "Not synced yet.";
            muted_text(p, last.c_str());
            probe::value("settings.sync.last", last);
        }
    }
    if (!sync.problem.empty()) warning_text(p, sync.problem);

    if (set_up) {
        ButtonRow row;
        ImGui::BeginDisabled(sync.state == State::Busy || sync.state == State::Locked);
        if (row.primary(p, "Sync now", "settings.sync.now")) out.sync.sync_now = true;
        ImGui::EndDisabled();
        if (!ui.confirm_off) {
            if (row.button("Turn sync off on this device", "settings.sync.off")) ui.confirm_off = true;
        } else {
            if (row.primary(p, "Turn off", "settings.sync.off.confirm")) {
                out.sync.turn_off = true;
                ui.confirm_off = false;
                ui.password.clear();
                ui.passphrase.clear();
                ui.passphrase_again.clear();
            }
            if (row.button("Keep syncing", "settings.sync.off.cancel")) ui.confirm_off = false;
            muted_text(p, "This device stops syncing and forgets the password and key. Your data stays here, and the "
                          "folder on the server keeps the other devices' copy.");
        }
    }
    if (!sync.history.empty()) {
        ImGui::Dummy(ImVec2(0, 6));
        ImGui::TextUnformatted("This session");
        std::string listed;
        for (const SyncView::Run& run : sync.history) {
            const std::string line = ago_words(run.at, view.now) + ": " + run.words;
            muted_text(p, line.c_str());
            listed += run.words + "\n";
        }
        probe::value("settings.sync.history", listed);
    }
    draw_kept(sync, view, p, out);
}

bool draw_sync_status(const UiView& view, const Palette& p, bool narrow) {
    if (!view.sync || !view.sync->set_up) return false;
    const SyncView& sync = *view.sync;
    std::string text;
    ImU32 colour = p.muted;
    switch (sync.state) {
        case State::Off: return false;
        case State::Busy: text = "Syncing\xe2\x80\xa6"; break;
        case State::Idle:
            text = sync.last_sync > 0 ? "Synced " + ago_words(sync.last_sync, view.now) : "Sync set up";
            break;
        case State::Locked: text = "Sync needs your passphrase"; colour = p.warning; break;
        case State::Problem: text = "Sync: not working"; colour = p.warning; break;
    }
    if (sync.other_tab) text = "Sync runs in the other tab";
    const char* icon = sync.state == State::Problem || sync.state == State::Locked ? icons::kWarning : icons::kSync;
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    const std::string label = std::string(icon) + (narrow ? "" : "   " + text) + "##sync.status";
    const bool clicked = ImGui::Selectable(label.c_str(), false, 0, ImVec2(0, 0));
    ImGui::PopStyleColor();
    tooltip(sync.problem.empty() ? text + ". Settings has the details." : sync.problem);
    probe::item("sync.status");
    probe::value("sync.status", text);
    return clicked;
}

}  // namespace ties::ui
