// The import dialog: choose or drop files; see progress (and cancel) while they are read; then a
// preview: for contacts, who is new, and every match with its reason (cards of one person in the
// files, people who look like someone you have), ticked when the evidence is strong, unticked
// when it is only a question; the person decides per match. For a backup, what merging would add, change or delete (or replace everything).
// Nothing changes until the person confirms; the change is one step that Undo takes back. The
// dialog only draws ImportUi and says what was asked; src/app/import_flow.cpp does the work.
#pragma once

#include "core/import_plan.hpp"
#include "core/store.hpp"

#include <string>
#include <vector>

namespace ties::ui {

struct UiView;

struct ImportUi {
    enum class Stage { Closed, Choose, Working, Mapping, Preview, Passphrase, BackupPreview, Done, Failed };
    Stage stage = Stage::Closed;
    std::vector<std::string> files;     // the chosen files' names
    std::string working;                // what is happening ("Reading Connections.csv")
    double share = 0;                   // progress, 0..1
    std::string message;                // Failed: why; Done: what happened
    std::vector<std::string> warnings;  // skipped parts, with file and line
    // A CSV from elsewhere: which column holds what (values of io::ContactField), with an example.
    std::vector<std::string> columns;
    std::vector<std::string> example;
    std::vector<int> fields;
    std::vector<std::string> field_names;  // the choices, in ContactField order
    std::string csv;                        // the file, kept until the mapping is confirmed
    // Contacts.
    ImportPlan plan;
    std::vector<bool> merge;            // per plan.matches: ticked (default_merges first)
    // A mailbox or a calendar (plan.history): what the files held, whose they are, and the people
    // in them you don't have, with their touches, added only when ticked.
    std::string history_summary;  // io::HistoryReport::summary()
    std::string me;               // the addresses taken to be the person's, "a@x.org, b@y.com"
    std::string me_guess;         // how they were guessed ("412 of the first 2000 messages"); "" from Settings
    std::vector<OfferedPerson> offered;  // the people a history import offers, most touches first
    std::vector<bool> add;         // per plan.contacts: an offered person ticked to be added
    std::string worker_memory;     // bytes of wasm memory the worker ended with (for the tests' probe)
    // A backup.
    Store backup;
    MergePlan merge_plan;
    bool apply_deletions = false;
    bool replace = false;
    std::string passphrase;
    std::string sealed;                 // the encrypted backup, while asking for its passphrase
    bool focus = false;
};

struct ImportAsk {
    bool pick = false;     // open the file chooser
    bool confirm = false;  // import / merge / replace as previewed; a CSV's columns as mapped
    bool decrypt = false;  // try the passphrase
    bool cancel = false;   // stop the import in progress, or close without importing
};

ImportAsk draw_import(ImportUi& ui, const UiView& view);

}  // namespace ties::ui
