// The store applies every user edit as one undoable step and remembers what changed for the
// journal; merge_into reconciles two copies record by record with a deterministic winner.
#include "core/store.hpp"

#include "core/cadence.hpp"
#include "core/safe_text.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstring>
#include <type_traits>
#include <utility>

namespace ties {
namespace {

template <typename T>
const T* live(const RecordMap<T>& map, Id id) {
    const auto it = map.find(id);
    return it == map.end() || it->second.meta.deleted ? nullptr : &it->second;
}

template <typename T>
void find_into(const RecordMap<T>& map, Id id, std::optional<Record>& out) {
    if (out) return;
    if (const auto it = map.find(id); it != map.end()) out = it->second;
}

}  // namespace

template <>
RecordMap<Contact>& Store::map_of<Contact>() { return contacts_; }
template <>
RecordMap<Interaction>& Store::map_of<Interaction>() { return interactions_; }
template <>
RecordMap<Event>& Store::map_of<Event>() { return events_; }
template <>
RecordMap<Opportunity>& Store::map_of<Opportunity>() { return opportunities_; }

const Contact* Store::contact(Id id) const { return live(contacts_, id); }
const Interaction* Store::interaction(Id id) const { return live(interactions_, id); }
const Event* Store::event(Id id) const { return live(events_, id); }
const Opportunity* Store::opportunity(Id id) const { return live(opportunities_, id); }

std::optional<Record> Store::record(Id id) const {
    if (id == kSettingsId) return settings_;
    std::optional<Record> found;
    find_into(contacts_, id, found);
    find_into(interactions_, id, found);
    find_into(events_, id, found);
    find_into(opportunities_, id, found);
    return found;
}

std::size_t Store::record_count() const {
    return contacts_.size() + interactions_.size() + events_.size() + opportunities_.size() + 1;  // + settings
}

void Store::clear() {
    contacts_.clear();
    interactions_.clear();
    events_.clear();
    opportunities_.clear();
    settings_ = initial_settings();
    newest_stamp_ = 0;
    undo_.clear();
    redo_.clear();
    unsaved_order_.clear();
    unsaved_.clear();
    ++version_;
    forget_changes();
}

void Store::forget_changes() {
    log_.clear();
    log_floor_ = version_;
}

// The first log entry of each record changed after `version`, oldest first; nullopt when the log
// cannot tell (see changes_since).
std::optional<std::vector<const Store::Logged*>> Store::logged_since(std::uint64_t version) const {
    if (version < log_floor_ || version > version_) return std::nullopt;
    auto first = std::upper_bound(log_.begin(), log_.end(), version,
                                  [](std::uint64_t v, const Logged& entry) { return v < entry.version; });
    std::vector<const Logged*> out;
    std::unordered_set<Id, IdHash> seen;
    for (; first != log_.end(); ++first) {
        if (seen.insert(first->id).second) out.push_back(&*first);
    }
    return out;
}

std::optional<std::vector<RecordChange>> Store::changes_since(std::uint64_t version) const {
    const auto logged = logged_since(version);
    if (!logged) return std::nullopt;
    std::vector<RecordChange> out;
    for (const Logged* entry : *logged) out.push_back(RecordChange{entry->id, entry->before});
    return out;
}

std::optional<std::vector<Id>> Store::changed_since(std::uint64_t version) const {
    const auto logged = logged_since(version);
    if (!logged) return std::nullopt;
    std::vector<Id> out;
    for (const Logged* entry : *logged) out.push_back(entry->id);
    return out;
}

std::uint64_t Store::Lineage::next() {
    static std::atomic<std::uint64_t> counter{0};
    return ++counter;
}

void Store::load(Record record) {
    ++version_;
    replace(std::move(record));
    forget_changes();
}

void Store::replace(Record record) {
    newest_stamp_ = std::max(newest_stamp_, meta_of(record).updated);
    std::visit(
        [this](auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, Settings>) {
                settings_ = std::move(value);
                settings_.meta.id = kSettingsId;
            } else {
                const Id id = value.meta.id;
                // An id names one record whatever its kind, so drop it from the other maps.
                contacts_.erase(id);
                interactions_.erase(id);
                events_.erase(id);
                opportunities_.erase(id);
                map_of<T>().insert_or_assign(id, std::move(value));
            }
        },
        record);
}

void Store::mark_unsaved(Id id) {
    if (unsaved_.insert(id).second) unsaved_order_.push_back(id);
}

void Store::put(const Record& record) {
    const Id id = std::holds_alternative<Settings>(record) ? kSettingsId : meta_of(record).id;
    std::optional<Record> before = this->record(id);
    ++version_;
    replace(record);
    if (log_.size() >= kChangeLogLimit) forget_changes();
    else log_.push_back(Logged{version_, id, std::move(before)});
    mark_unsaved(id);
}

void Store::apply(Change change, Millis now) {
    if (change.records.empty()) return;
    Step step{std::move(change.label), {}, {}};
    step.before.reserve(change.records.size());
    step.after.reserve(change.records.size());
    for (Record& value : change.records) {
        RecordMeta& meta = meta_of(value);
        if (std::holds_alternative<Settings>(value)) meta.id = kSettingsId;
        std::optional<Record> before = record(meta.id);
        meta.created = before ? meta_of(*before).created : now;
        meta.updated = now;
        put(value);
        step.before.push_back(std::move(before));
        step.after.push_back(std::move(value));
    }
    undo_.push_back(std::move(step));
    while (undo_.size() > kUndoLimit) undo_.pop_front();
    redo_.clear();
}

void Store::apply_as_is(Change change) {
    if (change.records.empty()) return;
    Step step{std::move(change.label), {}, {}};
    step.before.reserve(change.records.size());
    step.after.reserve(change.records.size());
    for (Record& value : change.records) {
        if (std::holds_alternative<Settings>(value)) meta_of(value).id = kSettingsId;
        step.before.push_back(record(meta_of(value).id));
        put(value);
        step.after.push_back(std::move(value));
    }
    undo_.push_back(std::move(step));
    while (undo_.size() > kUndoLimit) undo_.pop_front();
    redo_.clear();
}

std::string Store::undo_label() const { return undo_.empty() ? std::string() : undo_.back().label; }
std::string Store::redo_label() const { return redo_.empty() ? std::string() : redo_.back().label; }

bool Store::undo(Millis now) {
    if (undo_.empty()) return false;
    Step step = std::move(undo_.back());
    undo_.pop_back();
    for (std::size_t i = step.after.size(); i-- > 0;) {
        Record value = step.before[i] ? *step.before[i] : tombstone_of(step.after[i]);
        meta_of(value).updated = now;
        put(value);
    }
    redo_.push_back(std::move(step));
    return true;
}

bool Store::redo(Millis now) {
    if (redo_.empty()) return false;
    Step step = std::move(redo_.back());
    redo_.pop_back();
    for (const Record& after : step.after) {
        Record value = after;
        meta_of(value).updated = now;
        put(value);
    }
    undo_.push_back(std::move(step));
    while (undo_.size() > kUndoLimit) undo_.pop_front();
    return true;
}

std::vector<Record> Store::take_unsaved() {
    std::vector<Record> records;
    records.reserve(unsaved_order_.size());
    for (const Id id : unsaved_order_) {
        if (auto value = record(id)) records.push_back(std::move(*value));
    }
    unsaved_order_.clear();
    unsaved_.clear();
    return records;
}

// --- Merge ----------------------------------------------------------------------------------------

namespace {

// Every field of a record as bytes in a fixed (little-endian, length-prefixed) layout: equal
// bytes mean equal records, and the bytes order two records the same way on every device.
class ContentBytes {
public:
    const std::string& bytes() const { return bytes_; }

    void add(std::uint64_t value) {
        for (int i = 0; i < 8; ++i) bytes_.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
    }
    void add(std::int64_t value) { add(static_cast<std::uint64_t>(value)); }
    void add(std::int32_t value) { add(static_cast<std::uint64_t>(static_cast<std::int64_t>(value))); }
    void add(bool value) { bytes_.push_back(value ? '\1' : '\0'); }
    void add(double value) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        add(bits);
    }
    void add(const std::string& text) {
        add(static_cast<std::uint64_t>(text.size()));
        bytes_ += text;
    }
    void add(Id id) {
        add(id.hi);
        add(id.lo);
    }
    void add(Date date) { add(date.days); }
    template <typename E, typename = std::enable_if_t<std::is_enum_v<E>>>
    void add(E value) {
        add(static_cast<std::uint64_t>(static_cast<std::underlying_type_t<E>>(value)));
    }
    template <typename T>
    void add(const std::optional<T>& value) {
        add(value.has_value());
        if (value) add(*value);
    }
    template <typename T>
    void add(const std::vector<T>& values) {
        add(static_cast<std::uint64_t>(values.size()));
        for (const T& value : values) add(value);
    }
    template <typename T, std::size_t N>
    void add(const std::array<T, N>& values) {
        for (const T& value : values) add(value);
    }
    void add(const PartialDate& date) {
        add(date.year);
        add(date.month);
        add(date.day);
    }
    void add(const Cadence& cadence) {
        add(cadence.ideal_days);
        add(cadence.max_days);
    }
    void add(const TagCadence& tag) {
        add(tag.tag);
        add(tag.cadence);
    }
    void add(const Budget& budget) {
        add(budget.meetings_per_week);
        add(budget.minutes_per_week);
        add(budget.messages_per_day);
    }
    void add(const RecordMeta& meta) {
        add(meta.id);
        add(meta.created);
        add(meta.updated);
        add(meta.deleted);
    }
    void add(const Handle& handle) {
        add(handle.kind);
        add(handle.value);
    }
    void add(const ContactPoint& point) {
        add(point.value);
        add(point.label);
    }
    void add(const PostalAddress& a) {
        add(a.label);
        add(a.po_box);
        add(a.extended);
        add(a.street);
        add(a.locality);
        add(a.region);
        add(a.postcode);
        add(a.country);
    }
    void add(const FollowUp& follow_up) {
        add(follow_up.date);
        add(follow_up.text);
        add(follow_up.done);
    }
    void add(const Contact& c) {
        add(c.meta);
        add(c.display_name);
        add(c.given_name);
        add(c.family_name);
        add(c.nickname);
        add(c.company);
        add(c.title);
        add(c.city);
        add(c.region);
        add(c.country);
        add(c.emails);
        add(c.phones);
        add(c.handles);
        add(c.tags);
        add(c.tier);
        add(c.cadence_days);
        add(c.how_met);
        add(c.first_met);
        add(c.introduced_by);
        add(c.met_at);
        add(c.notes);
        add(c.archived);
        add(c.cadence_max_days);
        add(c.birthday);
        add(c.anniversary);
        add(c.snoozed_until);
        add(c.addresses);
        add(c.origin);
    }
    void add(const Interaction& i) {
        add(i.meta);
        add(i.date);
        add(i.minute_of_day);
        add(i.kind);
        add(i.participants);
        add(i.initiator);
        add(i.duration_minutes);
        add(i.notes);
        add(i.follow_up);
        add(i.event);
    }
    void add(const Event& e) {
        add(e.meta);
        add(e.name);
        add(e.kind);
        add(e.date);
        add(e.place);
        add(e.notes);
        add(e.attendees);
    }
    void add(const Opportunity& o) {
        add(o.meta);
        add(o.title);
        add(o.kind);
        add(o.status);
        add(o.value);
        add(o.date);
        add(o.contacts);
        add(o.notes);
    }
    void add(const Settings& s) {
        add(s.meta);
        add(s.your_name);
        add(s.cadences);
        add(s.tag_cadences);
        add(s.budget);
    }

private:
    std::string bytes_;
};

std::uint64_t fnv1a64(const std::string& bytes) {
    std::uint64_t hash = 0xCBF29CE484222325ull;
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001B3ull;
    }
    return hash;
}

template <typename T>
std::string content_of(const T& value) {
    ContentBytes content;
    content.add(value);
    return content.bytes();
}

// True when `incoming` should replace `current`: a strict total order on record values, so the
// outcome does not depend on which side is merged into which.
template <typename T>
bool incoming_wins(const T& incoming, const T& current) {
    if (incoming.meta.updated != current.meta.updated) return incoming.meta.updated > current.meta.updated;
    if (incoming.meta.deleted != current.meta.deleted) return incoming.meta.deleted;
    const std::string incoming_bytes = content_of(incoming);
    const std::string current_bytes = content_of(current);
    if (incoming_bytes == current_bytes) return false;
    const std::uint64_t incoming_hash = fnv1a64(incoming_bytes);
    const std::uint64_t current_hash = fnv1a64(current_bytes);
    if (incoming_hash != current_hash) return incoming_hash > current_hash;
    return incoming_bytes > current_bytes;  // a hash collision: still decide the same way everywhere
}

template <typename T>
std::size_t merge_map(Store& target, const RecordMap<T>& current, const RecordMap<T>& incoming) {
    std::size_t changed = 0;
    for (const auto& [id, theirs] : incoming) {
        const auto mine = current.find(id);
        if (mine == current.end() || incoming_wins(theirs, mine->second)) {
            target.load(theirs);
            ++changed;
        }
    }
    return changed;
}

}  // namespace

namespace {

template <typename T>
void plan_map(MergePlan& plan, const RecordMap<T>& current, const RecordMap<T>& incoming) {
    for (const auto& [id, theirs] : incoming) {
        const auto mine = current.find(id);
        if (mine == current.end()) {
            plan.added.push_back(theirs);
            if (!theirs.meta.deleted) ++plan.live_added;
        } else if (incoming_wins(theirs, mine->second)) {
            if (theirs.meta.deleted && !mine->second.meta.deleted) plan.deletions.push_back(theirs);
            else plan.changed.push_back(theirs);
        } else if (content_of(theirs) == content_of(mine->second)) {
            ++plan.unchanged;
        } else {
            ++plan.conflicting;
        }
    }
}

}  // namespace

bool same_content(const Record& a, const Record& b) {
    if (a.index() != b.index()) return false;
    Record other = b;
    meta_of(other) = meta_of(a);  // the content hash covers the times: compare the fields alone
    return std::visit(
        [&other](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            return content_of(value) == content_of(std::get<T>(other));
        },
        a);
}

bool record_wins(const Record& incoming, const Record& current) {
    if (incoming.index() != current.index()) return meta_of(incoming).updated > meta_of(current).updated;
    return std::visit(
        [&current](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            return incoming_wins(value, std::get<T>(current));
        },
        incoming);
}

MergePlan plan_merge(const Store& current, const Store& incoming) {
    MergePlan plan;
    plan_map(plan, current.contacts(), incoming.contacts());
    plan_map(plan, current.interactions(), incoming.interactions());
    plan_map(plan, current.events(), incoming.events());
    plan_map(plan, current.opportunities(), incoming.opportunities());
    const Settings& theirs = incoming.settings();
    const Settings& mine = current.settings();
    if (incoming_wins(theirs, mine)) plan.changed.push_back(theirs);
    else if (content_of(theirs) == content_of(mine)) ++plan.unchanged;
    else ++plan.conflicting;
    return plan;
}

Change merge_change(const MergePlan& plan, bool apply_deletions, std::string label) {
    Change change{std::move(label), {}};
    change.records.reserve(plan.added.size() + plan.changed.size() + plan.deletions.size());
    change.records.insert(change.records.end(), plan.added.begin(), plan.added.end());
    change.records.insert(change.records.end(), plan.changed.begin(), plan.changed.end());
    // A backup is a file like any other: what it brings in is cleaned like an import (safe_text.hpp).
    for (Record& record : change.records) {
        std::visit([](auto& r) {
            if constexpr (!std::is_same_v<std::decay_t<decltype(r)>, Settings>) clean_text_of(r);
        }, record);
    }
    if (apply_deletions) change.records.insert(change.records.end(), plan.deletions.begin(), plan.deletions.end());
    return change;
}

std::size_t merge_into(Store& target, const Store& other) {
    if (&target == &other) return 0;
    std::size_t changed = 0;
    changed += merge_map(target, target.contacts(), other.contacts());
    changed += merge_map(target, target.interactions(), other.interactions());
    changed += merge_map(target, target.events(), other.events());
    changed += merge_map(target, target.opportunities(), other.opportunities());
    if (incoming_wins(other.settings(), target.settings())) {
        target.load(other.settings());
        ++changed;
    }
    return changed;
}

// --- Commands -------------------------------------------------------------------------------------

namespace {

std::string with_name(std::string_view action, const std::string& name) {
    std::string label(action);
    if (!name.empty()) label += " " + name;
    return label;
}

}  // namespace

namespace {

// What a person typed or pasted is cleaned here, the one way every edit goes (safe_text.hpp).
template <typename T>
T cleaned(T record) {
    clean_text_of(record);
    return record;
}

}  // namespace

Change save_contact(const Contact& contact) {
    Contact saved = cleaned(contact);
    std::string label = "Save " + contact_label(saved);
    return {std::move(label), {std::move(saved)}};
}

Change set_archived(const Contact& contact, bool archived) {
    Contact changed = contact;
    changed.archived = archived;
    return {(archived ? "Archive " : "Unarchive ") + contact_label(contact), {std::move(changed)}};
}

Change delete_contact(const Store& store, Id contact) {
    const Contact* current = store.contact(contact);
    if (!current) return {};
    return {"Delete " + contact_label(*current), {tombstone_of(*current)}};
}

Change save_interaction(const Interaction& interaction) {
    return {"Log " + lowercase_first(to_string(interaction.kind)), {cleaned(interaction)}};
}

Change delete_interaction(const Store& store, Id interaction) {
    const Interaction* current = store.interaction(interaction);
    if (!current) return {};
    return {"Delete interaction", {tombstone_of(*current)}};
}

Change save_event(const Event& event) {
    Event saved = cleaned(event);
    std::string label = with_name("Save event", saved.name);
    return {std::move(label), {std::move(saved)}};
}

Change delete_event(const Store& store, Id event) {
    const Event* current = store.event(event);
    if (!current) return {};
    Change change{with_name("Delete event", current->name), {tombstone_of(*current)}};
    // The touches logged for it stay, unlinked: the meeting happened all the same.
    for (const auto& [id, interaction] : store.interactions()) {
        if (interaction.meta.deleted || interaction.event != event) continue;
        Interaction unlinked = interaction;
        unlinked.event.reset();
        change.records.push_back(std::move(unlinked));
    }
    return change;
}

Change save_opportunity(const Opportunity& opportunity) {
    Opportunity saved = cleaned(opportunity);
    std::string label = with_name("Save opportunity", saved.title);
    return {std::move(label), {std::move(saved)}};
}

Change delete_opportunity(const Store& store, Id opportunity) {
    const Opportunity* current = store.opportunity(opportunity);
    if (!current) return {};
    return {with_name("Delete opportunity", current->title), {tombstone_of(*current)}};
}

Change save_settings(const Settings& settings) {
    Settings changed = settings;
    changed.meta.id = kSettingsId;
    return {"Change settings", {std::move(changed)}};
}

Change snooze(const Contact& contact, Date today, std::int32_t days) {
    Contact changed = contact;
    changed.snoozed_until = Date{today.days + days};
    return {"Snooze " + contact_label(contact), {std::move(changed)}};
}

Change relax_cadence(const Contact& contact, Cadence current) {
    const Cadence longer = relaxed(current);
    Contact changed = contact;
    changed.cadence_days = longer.ideal_days;
    changed.cadence_max_days = longer.max_days;
    return {"Relax the rhythm for " + contact_label(contact), {std::move(changed)}};
}

Change set_follow_up_done(const Interaction& interaction, bool done) {
    Interaction changed = interaction;
    if (changed.follow_up) changed.follow_up->done = done;
    return {done ? "Follow-up done" : "Follow-up not done", {std::move(changed)}};
}

}  // namespace ties
