// The store: every record Ties keeps, and the one place where changes are applied. A Change is a
// list of new record values (a tombstone for a deletion); apply() stamps their times, records
// undo and redo, and remembers them for the storage engine's next journal entry, and, for views
// that update instead of recomputing, which records changed since a given version.
#pragma once

#include "core/model.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ties {

template <typename T>
using RecordMap = std::unordered_map<Id, T, IdHash>;

// A record changed since some version, with the value it had then (nullopt: it did not exist).
struct RecordChange {
    Id id;
    std::optional<Record> before;
};

struct Change {
    std::string label;            // "Edit Ada Lovelace", shown as "Undo Edit Ada Lovelace"
    std::vector<Record> records;  // new values; meta.created/updated are set by apply()
};

class Store {
public:
    // --- Reading. The maps include tombstones (meta.deleted); the lookups below skip them. ---
    const RecordMap<Contact>& contacts() const { return contacts_; }
    const RecordMap<Interaction>& interactions() const { return interactions_; }
    const RecordMap<Event>& events() const { return events_; }
    const RecordMap<Opportunity>& opportunities() const { return opportunities_; }
    const Settings& settings() const { return settings_; }

    const Contact* contact(Id id) const;          // nullptr when missing or deleted
    const Interaction* interaction(Id id) const;
    const Event* event(Id id) const;
    const Opportunity* opportunity(Id id) const;
    std::optional<Record> record(Id id) const;    // any kind, tombstones included

    std::size_t record_count() const;             // all records, tombstones included
    // The latest `updated` of any record: an edit is stamped after it, even when this device's
    // clock is behind the device that made that record (a hybrid logical clock; see next_stamp).
    Millis newest_stamp() const { return newest_stamp_; }
    // Changes with every load, clear, apply, undo and redo: views cache on it.
    std::uint64_t version() const { return version_; }
    // The records apply, apply_as_is, undo and redo changed after `version`, each once, with its
    // value at `version`. nullopt when the store cannot tell: a load or clear since, or more than
    // kChangeLogLimit changes; then recompute from scratch.
    std::optional<std::vector<RecordChange>> changes_since(std::uint64_t version) const;
    // The same question, ids only (each once), for callers that read the current values.
    std::optional<std::vector<Id>> changed_since(std::uint64_t version) const;
    static constexpr std::size_t kChangeLogLimit = 10'000;
    // Names this store's history: a version means something only to the store it came from. A
    // copy starts a history of its own (its versions go on differently); a move hands it over.
    std::uint64_t lineage() const { return lineage_.id; }

    // --- Loading: no undo, no journal. Used by storage, imports and merge. ---
    void clear();
    void load(Record record);  // replaces the record with that id, whatever it was

    // --- Changing: the only way user edits enter the store. ---
    // Sets created (kept from the existing record, else now) and updated (now) on every record,
    // stores them, and pushes one undo step. Clears the redo stack.
    void apply(Change change, Millis now);
    // Records that come from elsewhere (a merged or restored backup, an import): stored with the
    // times they carry, as one undo step, and journaled. Undo writes the earlier values back.
    void apply_as_is(Change change);
    bool can_undo() const { return !undo_.empty(); }
    bool can_redo() const { return !redo_.empty(); }
    std::string undo_label() const;  // "" when there is nothing to undo
    std::string redo_label() const;
    // Undo writes the earlier values back with updated = now (so a merge sees the undo as the
    // newest edit); undoing a creation leaves a tombstone. Returns false when there is nothing.
    bool undo(Millis now);
    bool redo(Millis now);
    static constexpr std::size_t kUndoLimit = 500;

    // --- Saving: the current values of records changed since the last call, for the journal. ---
    bool has_unsaved() const { return !unsaved_.empty(); }
    std::vector<Record> take_unsaved();
    // Marks a record as changed again, e.g. by storage when writing a journal failed.
    void mark_unsaved(Id id);

private:
    struct Step {
        std::string label;
        std::vector<std::optional<Record>> before;  // nullopt: the record did not exist
        std::vector<Record> after;
    };

    static Settings initial_settings() {
        Settings settings;
        settings.meta.id = kSettingsId;
        return settings;
    }
    struct Logged {
        std::uint64_t version;  // the version this change made
        Id id;
        std::optional<Record> before;
    };

    std::optional<std::vector<const Logged*>> logged_since(std::uint64_t version) const;
    void replace(Record record);     // stores it under its id, whatever kind was there
    void put(const Record& record);  // store + log the change + mark unsaved
    void forget_changes();           // a load or clear: changes_since() can no longer tell
    template <typename T>
    RecordMap<T>& map_of();

    struct Lineage {
        std::uint64_t id = next();
        Lineage() = default;
        Lineage(const Lineage&) : id(next()) {}
        Lineage& operator=(const Lineage&) {
            id = next();
            return *this;
        }
        Lineage(Lineage&& other) noexcept : id(other.id) { other.id = next(); }
        Lineage& operator=(Lineage&& other) noexcept {
            id = other.id;
            other.id = next();
            return *this;
        }
        static std::uint64_t next();
    };

    Lineage lineage_;
    std::uint64_t version_ = 0;
    Millis newest_stamp_ = 0;
    std::vector<Logged> log_;        // by version, each after log_floor_
    std::uint64_t log_floor_ = 0;    // changes_since() knows nothing before this version
    RecordMap<Contact> contacts_;
    RecordMap<Interaction> interactions_;
    RecordMap<Event> events_;
    RecordMap<Opportunity> opportunities_;
    Settings settings_ = initial_settings();
    std::deque<Step> undo_;
    std::vector<Step> redo_;
    std::vector<Id> unsaved_order_;  // first-change order
    std::unordered_set<Id, IdHash> unsaved_;
};

// The time to stamp a new edit with: the clock, or just after the newest record when that is
// later, so that an edit made after seeing a record always wins over it.
inline Millis next_stamp(const Store& store, Millis now) { return std::max(now, store.newest_stamp() + 1); }

// True when two records of the same kind hold the same fields, their times and ids aside.
bool same_content(const Record& a, const Record& b);
// True when merging `incoming` would replace `current` (the rule of merge_into).
bool record_wins(const Record& incoming, const Record& current);

// Merges `other` into `target` record by record: the record with the later `updated` wins; at a
// tie a tombstone wins, then the record with the larger content hash, so merging is commutative
// and idempotent and a deleted record never comes back. Uses load(): no undo, no journal.
// Returns how many records of `target` changed.
std::size_t merge_into(Store& target, const Store& other);

// What merging `incoming` into `current` would do, record by record, by the rules of
// merge_into(): the records that would change `current` (to apply with apply_as_is), and counts
// for a preview. A deletion is a tombstone in `incoming` that wins over a live record.
struct MergePlan {
    std::vector<Record> added;        // records `current` does not have (tombstones included)
    std::vector<Record> changed;      // newer edits of records `current` has
    std::vector<Record> deletions;    // tombstones that win over live records
    std::size_t conflicting = 0;      // both differ and `current` is newer: yours are kept
    std::size_t unchanged = 0;
    std::size_t live_added = 0;       // of `added`, the records that are not tombstones
};
MergePlan plan_merge(const Store& current, const Store& incoming);
// The Change that performs a plan (deletions only when asked), for apply_as_is; the text of what
// it adds or changes is cleaned (safe_text.hpp).
Change merge_change(const MergePlan& plan, bool apply_deletions, std::string label);

// Commands: each builds the Change for one user action.
Change save_contact(const Contact& contact);                     // create or edit
Change set_archived(const Contact& contact, bool archived);
Change delete_contact(const Store& store, Id contact);           // tombstone
Change save_interaction(const Interaction& interaction);         // create or edit (log)
Change delete_interaction(const Store& store, Id interaction);
Change save_event(const Event& event);
Change delete_event(const Store& store, Id event);  // its touches stay, unlinked
Change save_opportunity(const Opportunity& opportunity);
Change delete_opportunity(const Store& store, Id opportunity);
Change save_settings(const Settings& settings);
Change snooze(const Contact& contact, Date today, std::int32_t days);  // out of the Today queue until today + days
Change relax_cadence(const Contact& contact, Cadence current);        // the contact's own, longer rhythm
Change set_follow_up_done(const Interaction& interaction, bool done);

}  // namespace ties
