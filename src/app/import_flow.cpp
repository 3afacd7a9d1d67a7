#include "app/import_flow.hpp"

#include "core/forms.hpp"
#include "core/import_plan.hpp"
#include "core/text.hpp"
#include "io/backup.hpp"
#include "io/codec.hpp"
#include "io/crypto_format.hpp"
#include "io/csv_import.hpp"
#include "io/envelope.hpp"
#include "io/import_files.hpp"

#include <algorithm>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace ties::app {
namespace {

using ui::ImportUi;
using Stage = ImportUi::Stage;

void fail(ImportUi& ui, std::string message) {
    ui.stage = Stage::Failed;
    ui.message = std::move(message);
}

void open_backup(ImportUi& ui, const std::string& bytes, ImportHost& host) {
    io::BackupRead read = io::read_backup(bytes);
    if (read.encrypted) {
        const io::Unwrapped file = io::unwrap(bytes);
        ui.sealed = std::string(file.payload);
        ui.stage = Stage::Passphrase;
        ui.message.clear();
        ui.focus = true;
        return;
    }
    if (!read.ok()) return fail(ui, (ui.files.empty() ? std::string("The backup") : ui.files.front()) + ": " + to_string(read.error));
    ui.backup = std::move(read.store);
    ui.merge_plan = plan_merge(*host.store, ui.backup);
    ui.apply_deletions = false;
    ui.replace = false;
    ui.stage = Stage::BackupPreview;
}

// The people of a history import you don't have: the list the person ticks to add (none
// ticked: nothing is created unasked).
void offer_people(ImportUi& ui, const Store& store) {
    ui.offered = offered_people(ui.plan, summarise_import(store, ui.plan, ui.merge));
    ui.add.assign(ui.plan.contacts.size(), false);
}

void take_worker_output(ImportUi& ui, ImportHost& host) {
    platform::ImportOutput out = host.platform->take_import_output();
    std::istringstream lines(out.report);
    std::string line, error;
    bool history = false;
    ui.warnings.clear();
    while (std::getline(lines, line)) {
        if (line.rfind("error\t", 0) == 0) error = line.substr(6);
        else if (line.rfind("warning\t", 0) == 0) ui.warnings.push_back(line.substr(8));
        else if (line.rfind("history\t", 0) == 0) {
            history = true;
            std::vector<std::string> parts;
            std::istringstream fields(line);
            for (std::string field; std::getline(fields, field, '\t');) parts.push_back(field);
            const std::string key = parts.size() > 1 ? parts[1] : "";
            const std::string value = parts.size() > 2 ? parts[2] : "";
            if (key == "summary") ui.history_summary = value;
            else if (key == "memory") ui.worker_memory = value;
            else if (key == "me") ui.me = value;
            else if (key == "guessed" && parts.size() > 3) {
                ui.me_guess = parts[3] == "0" ? "in " + value + " meetings"
                                              : "in " + value + " of the first " + parts[3] + " messages";
            }
        }
    }
    if (!error.empty()) return fail(ui, error);
    io::Decoded decoded = io::decode(out.payload);
    if (!decoded.ok()) return fail(ui, "The import's result could not be read: " + to_string(decoded.error));
    std::vector<Contact> contacts;
    std::vector<Interaction> interactions;
    for (Record& r : decoded.payload.records) {
        if (auto* c = std::get_if<Contact>(&r)) contacts.push_back(std::move(*c));
        else if (auto* i = std::get_if<Interaction>(&r)) interactions.push_back(std::move(*i));
    }
    if (contacts.empty() && interactions.empty())
        return fail(ui, history ? (ui.history_summary.empty() ? std::string("Nothing was found.") : ui.history_summary) +
                                      " No mail with other people and no meetings with them were found in these files."
                                : std::string("No people were found in these files."));
    ui.plan = plan_import(*host.store, std::move(contacts), std::move(interactions));
    ui.plan.history = history;
    ui.merge = default_merges(ui.plan);
    if (history) offer_people(ui, *host.store);
    ui.stage = Stage::Preview;
}

// Replace: every record of the backup as it is, and everything else deleted.
Change replace_change(const Store& current, const Store& backup, Millis now) {
    Change change{"Replace with the backup", io::all_records(backup)};
    std::unordered_set<Id, IdHash> kept;
    for (const Record& r : change.records) kept.insert(meta_of(r).id);
    auto remove_missing = [&](const auto& map) {
        for (const auto& [id, value] : map) {
            if (value.meta.deleted || kept.count(id)) continue;
            Record gone = tombstone_of(value);
            meta_of(gone).updated = now;
            change.records.push_back(std::move(gone));
        }
    };
    remove_missing(current.contacts());
    remove_missing(current.interactions());
    remove_missing(current.events());
    remove_missing(current.opportunities());
    return change;
}

std::string files_label(const ImportUi& ui) {
    if (ui.files.size() == 1) return ui.files.front();
    return std::to_string(ui.files.size()) + " files";
}

}  // namespace

bool import_poll(ImportUi& ui, ImportHost& host) {
    bool changed = false;
    if (auto choice = host.platform->take_choice()) {
        changed = true;
        if (ui.stage == Stage::Working) host.platform->cancel_import();
        ui = ImportUi{};
        for (const platform::ChosenFile& f : choice->files) ui.files.push_back(f.name);
        if (!host.writable) {
            host.platform->forget_choice();
            fail(ui, "This tab is read-only (Ties is open in another tab): import there, or use Ties here first.");
            return true;
        }
        if (choice->files.empty()) {
            fail(ui, choice->problem.empty() ? std::string("No file was chosen.") : choice->problem);
            return true;
        }
        if (!choice->problem.empty()) ui.warnings.push_back(choice->problem);
        std::size_t backups = 0;
        for (std::size_t i = 0; i < choice->files.size(); ++i)
            if (io::detect_import(choice->files[i].name, host.platform->chosen_bytes(i, 64)) == io::ImportKind::Backup) ++backups;
        if (backups > 0 && choice->files.size() > 1) {
            host.platform->forget_choice();
            fail(ui, "Import a Ties backup on its own: it is merged with your data, not added to it.");
            return true;
        }
        std::size_t history = 0;
        for (const platform::ChosenFile& f : choice->files) history += f.history ? 1 : 0;
        if (history > 0 && history < choice->files.size()) {
            host.platform->forget_choice();
            fail(ui, "Import mailboxes and calendars on their own, apart from contact files: they bring the history "
                     "of the people you have.");
            return true;
        }
        if (history > 0) {
            host.platform->start_import(host.now, host.store->settings().own_addresses);
            host.platform->forget_choice();
            ui.stage = Stage::Working;
            ui.working = "Reading " + files_label(ui) + " \xe2\x80\x94 only who wrote to whom and when; nothing leaves this browser\xe2\x80\xa6";
            return true;
        }
        if (backups == 1) {
            const std::string bytes = host.platform->chosen_bytes(0);
            host.platform->forget_choice();
            open_backup(ui, bytes, host);
            return true;
        }
        if (choice->files.size() == 1 &&
            io::detect_import(choice->files[0].name, host.platform->chosen_bytes(0, 64)) == io::ImportKind::Csv) {
            // A CSV that is not Google's or LinkedIn's: ask which column holds what first.
            std::string text = io::to_utf8(host.platform->chosen_bytes(0));
            std::string error;
            const auto table = io::read_csv(text, error);
            if (table && io::detect_flavour(*table) == io::CsvFlavour::Other) {
                host.platform->forget_choice();
                ui.columns = table->header;
                ui.example = table->rows.empty() ? std::vector<std::string>{} : table->rows.front();
                for (const io::ContactField f : io::guess_mapping(*table).columns) ui.fields.push_back(static_cast<int>(f));
                ui.fields.resize(ui.columns.size(), 0);
                for (int f = 0; f <= static_cast<int>(io::ContactField::FirstMet); ++f)
                    ui.field_names.emplace_back(io::to_string(static_cast<io::ContactField>(f)));
                ui.csv = std::move(text);
                ui.stage = Stage::Mapping;
                return true;
            }
        }
        host.platform->start_import(host.now, {});
        host.platform->forget_choice();
        ui.stage = Stage::Working;
        ui.working = "Reading " + files_label(ui) + "\xe2\x80\xa6";
        return true;
    }
    if (ui.stage == Stage::Working && host.jobs->decrypt) {
        platform::CryptoOutput out = host.platform->take_crypto(*host.jobs->decrypt);
        if (out.state == platform::JobState::Done) {
            host.jobs->decrypt.reset();
            open_backup(ui, out.bytes, host);
            return true;
        }
        if (out.state == platform::JobState::Failed) {
            host.jobs->decrypt.reset();
            ui.stage = Stage::Passphrase;
            ui.message = uppercase_first(out.error.empty() ? "wrong passphrase, or the file was changed" : out.error);
            ui.focus = true;
            return true;
        }
        return false;
    }
    if (ui.stage == Stage::Working) {
        const platform::ImportStatus status = host.platform->import_status();
        if (status.share != ui.share) {
            ui.share = status.share;
            changed = true;
        }
        if (status.state == platform::JobState::Done) {
            take_worker_output(ui, host);
            return true;
        }
        if (status.state == platform::JobState::Failed) {
            fail(ui, "The import stopped: " + host.platform->take_import_output().report);
            return true;
        }
    }
    return changed;
}

void import_act(ImportUi& ui, const ui::ImportAsk& ask, ImportHost& host) {
    if (ask.pick) host.platform->pick_files();
    if (ask.cancel) {
        if (ui.stage == Stage::Working && !host.jobs->decrypt) host.platform->cancel_import();
        host.jobs->decrypt.reset();  // its result, when it comes, is never taken
        ui = ImportUi{};
        return;
    }
    if (ask.decrypt && ui.stage == Stage::Passphrase) {
        std::string error;
        const auto parts = io::split_encrypted(ui.sealed, error);
        if (!parts) return fail(ui, error);
        host.jobs->decrypt =
            host.platform->start_decrypt(parts->iterations, parts->salt, parts->iv, parts->ciphertext, ui.passphrase);
        ui.passphrase.clear();
        ui.stage = Stage::Working;
        ui.working = "Opening the backup\xe2\x80\xa6";
        ui.share = 0;
        return;
    }
    if (!ask.confirm || !host.writable) return;
    if (ui.stage == Stage::Mapping) {
        io::CsvMapping mapping;
        for (const int f : ui.fields) mapping.columns.push_back(static_cast<io::ContactField>(f));
        io::ImportContext context;
        context.file_name = ui.files.empty() ? std::string("CSV") : ui.files.front();
        context.ids = host.ids;
        context.now = host.now;
        io::Imported imported = io::import_csv(ui.csv, context, &mapping);
        ui.csv.clear();
        for (const Problem& w : imported.warnings) ui.warnings.push_back(w.to_string());
        if (imported.error) return fail(ui, imported.error->to_string());
        if (imported.contacts.empty()) return fail(ui, "No people were found: choose which column holds the names.");
        ui.plan = plan_import(*host.store, std::move(imported.contacts), std::move(imported.interactions));
        ui.merge = default_merges(ui.plan);
        ui.stage = Stage::Preview;
        return;
    }
    if (ui.stage == Stage::Preview && ui.plan.history) {
        ImportSummary summary;
        Change change = import_change(*host.store, ui.plan, ui.merge, "Import the history in " + files_label(ui), &summary, ui.add);
        // Whose mail this was, kept for the next import (and shown in Settings), when none was set.
        Settings settings = host.store->settings();
        if (settings.own_addresses.empty() && !ui.me.empty()) {
            settings.own_addresses = read_own_addresses(ui.me);
            change.records.push_back(settings);
        }
        host.apply(std::move(change), false);
        ui.stage = Stage::Done;
        ui.message = describe_history_done(summary);
    } else if (ui.stage == Stage::Preview) {
        ImportSummary summary;
        Change change = import_change(*host.store, ui.plan, ui.merge, "Import " + files_label(ui), &summary);
        host.apply(std::move(change), false);
        ui.stage = Stage::Done;
        ui.message = describe_import_done(summary, files_label(ui));
    } else if (ui.stage == Stage::BackupPreview) {
        if (ui.replace) {
            host.platform->download("ties-backup-before-replace-" + host.today.iso() + ".ties", io::backup_bytes(*host.store),
                               "application/octet-stream");
            host.apply(replace_change(*host.store, ui.backup, host.now), true);
            ui.message = "Replaced with the backup. What you had before was downloaded, and Undo brings it back.";
        } else {
            const std::size_t n = ui.merge_plan.added.size() + ui.merge_plan.changed.size() +
                                  (ui.apply_deletions ? ui.merge_plan.deletions.size() : 0);
            host.apply(merge_change(ui.merge_plan, ui.apply_deletions, "Merge " + files_label(ui)), true);
            ui.message = "Merged: " + std::to_string(n) + (n == 1 ? " record" : " records") + " added or updated. Undo takes it back.";
        }
        ui.stage = Stage::Done;
        ui.backup.clear();
    }
}

}  // namespace ties::app
