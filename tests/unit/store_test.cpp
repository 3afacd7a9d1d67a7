#include "core/store.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>

using namespace ties;

namespace {

Contact make_contact(Id id, std::string name) {
    Contact c;
    c.meta.id = id;
    c.display_name = std::move(name);
    return c;
}

Interaction make_interaction(Id id, InteractionKind kind, Id with) {
    Interaction i;
    i.meta.id = id;
    i.date = Date::from_ymd(2024, 3, 12);
    i.kind = kind;
    i.participants = {with};
    return i;
}

Event make_event(Id id, std::string name) {
    Event e;
    e.meta.id = id;
    e.name = std::move(name);
    e.date = Date::from_ymd(2024, 9, 15);
    return e;
}

Opportunity make_opportunity(Id id, std::string title) {
    Opportunity o;
    o.meta.id = id;
    o.title = std::move(title);
    return o;
}

Settings make_settings(std::string your_name) {
    Settings s;
    s.your_name = std::move(your_name);
    return s;
}

template <typename T> const T* find(const Store& store, Id id);
template <> const Contact* find(const Store& store, Id id) { return store.contact(id); }
template <> const Interaction* find(const Store& store, Id id) { return store.interaction(id); }
template <> const Event* find(const Store& store, Id id) { return store.event(id); }
template <> const Opportunity* find(const Store& store, Id id) { return store.opportunity(id); }
template <> const Settings* find(const Store& store, Id) { return &store.settings(); }

// Equal apart from meta, which apply() and undo() stamp.
template <typename T>
bool same_fields(const T& actual, T expected) {
    expected.meta = actual.meta;
    return actual == expected;
}

// `expected` live with meta.updated == updated, or (nullopt) a tombstone stamped at `updated`.
template <typename T>
void check_state(const Store& store, Id id, const std::optional<T>& expected, Millis updated) {
    const T* live = find<T>(store, id);
    if (expected) {
        REQUIRE(live != nullptr);
        CHECK(same_fields(*live, *expected));
        CHECK(live->meta.updated == updated);
        CHECK_FALSE(live->meta.deleted);
    } else {
        CHECK(live == nullptr);
        const auto record = store.record(id);
        REQUIRE(record.has_value());
        CHECK(std::holds_alternative<T>(*record));
        CHECK(meta_of(*record).deleted);
        CHECK(meta_of(*record).updated == updated);
    }
}

// Applies `change` at `t`, undoes it at t + 10 and redoes it at t + 20, checking the record each time.
template <typename T>
void check_apply_undo_redo(Store& store, const Change& change, Id id, const std::optional<T>& before,
                           const std::optional<T>& after, Millis t) {
    store.apply(change, t);
    check_state(store, id, after, t);
    CHECK(store.undo_label() == change.label);
    CHECK_FALSE(store.can_redo());
    REQUIRE(store.undo(t + 10));
    check_state(store, id, before, t + 10);
    CHECK(store.redo_label() == change.label);
    REQUIRE(store.redo(t + 20));
    check_state(store, id, after, t + 20);
    CHECK(store.undo_label() == change.label);
    CHECK_FALSE(store.can_redo());
}

bool same_store(const Store& a, const Store& b) {
    return a.contacts() == b.contacts() && a.interactions() == b.interactions() && a.events() == b.events() &&
           a.opportunities() == b.opportunities() && a.settings() == b.settings();
}

}  // namespace

TEST_CASE("contacts: create, edit, archive and delete, each undone and redone") {
    Store store;
    IdGenerator ids(1, 1);
    const Id id = ids.next();
    const Contact ada = make_contact(id, "Ada Lovelace");

    const Change create = save_contact(ada);
    CHECK(create.label == "Save Ada Lovelace");
    check_apply_undo_redo<Contact>(store, create, id, std::nullopt, ada, 100);

    Contact renamed = *store.contact(id);
    renamed.display_name = "Ada King";
    renamed.emails = {{"ada@example.org", {}}};
    check_apply_undo_redo<Contact>(store, save_contact(renamed), id, ada, renamed, 200);

    const Change archive = set_archived(*store.contact(id), true);
    CHECK(archive.label == "Archive Ada King");
    Contact archived = renamed;
    archived.archived = true;
    check_apply_undo_redo<Contact>(store, archive, id, renamed, archived, 300);

    const Change unarchive = set_archived(*store.contact(id), false);
    CHECK(unarchive.label == "Unarchive Ada King");
    check_apply_undo_redo<Contact>(store, unarchive, id, archived, renamed, 400);

    const Change remove = delete_contact(store, id);
    CHECK(remove.label == "Delete Ada King");
    check_apply_undo_redo<Contact>(store, remove, id, renamed, std::nullopt, 500);

    // Deleting a missing or already deleted contact is no change.
    CHECK(delete_contact(store, id).records.empty());
    CHECK(delete_contact(store, ids.next()).records.empty());
}

TEST_CASE("interactions: log, edit and delete, each undone and redone") {
    Store store;
    IdGenerator ids(2, 2);
    const Id id = ids.next();
    const Interaction coffee = make_interaction(id, InteractionKind::Coffee, ids.next());

    const Change log = save_interaction(coffee);
    CHECK(log.label == "Log coffee");
    check_apply_undo_redo<Interaction>(store, log, id, std::nullopt, coffee, 100);

    Interaction call = *store.interaction(id);
    call.kind = InteractionKind::VideoCall;
    call.notes = "Talked about engines";
    call.follow_up = FollowUp{Date::from_ymd(2024, 4, 1), "Send the paper", false};
    const Change edit = save_interaction(call);
    CHECK(edit.label == "Log video call");
    check_apply_undo_redo<Interaction>(store, edit, id, coffee, call, 200);

    const Change remove = delete_interaction(store, id);
    CHECK(remove.label == "Delete interaction");
    check_apply_undo_redo<Interaction>(store, remove, id, call, std::nullopt, 300);
    CHECK(delete_interaction(store, id).records.empty());
}

TEST_CASE("events: save and delete, each undone and redone") {
    Store store;
    IdGenerator ids(3, 3);
    const Id id = ids.next();
    const Event cppcon = make_event(id, "CppCon");

    const Change save = save_event(cppcon);
    CHECK(save.label == "Save event CppCon");
    check_apply_undo_redo<Event>(store, save, id, std::nullopt, cppcon, 100);

    Event edited = cppcon;
    edited.place = "Aurora";
    edited.attendees = {ids.next()};
    check_apply_undo_redo<Event>(store, save_event(edited), id, cppcon, edited, 200);

    const Change remove = delete_event(store, id);
    CHECK(remove.label == "Delete event CppCon");
    check_apply_undo_redo<Event>(store, remove, id, edited, std::nullopt, 300);
    CHECK(delete_event(store, id).records.empty());
}

TEST_CASE("opportunities: save and delete, each undone and redone") {
    Store store;
    IdGenerator ids(4, 4);
    const Id id = ids.next();
    const Opportunity job = make_opportunity(id, "Staff engineer");

    const Change save = save_opportunity(job);
    CHECK(save.label == "Save opportunity Staff engineer");
    check_apply_undo_redo<Opportunity>(store, save, id, std::nullopt, job, 100);

    Opportunity won = job;
    won.status = OpportunityStatus::Won;
    won.value = 120000.0;
    check_apply_undo_redo<Opportunity>(store, save_opportunity(won), id, job, won, 200);

    const Change remove = delete_opportunity(store, id);
    CHECK(remove.label == "Delete opportunity Staff engineer");
    check_apply_undo_redo<Opportunity>(store, remove, id, won, std::nullopt, 300);
    CHECK(delete_opportunity(store, id).records.empty());
}

TEST_CASE("settings: saved under the fixed id, undone and redone") {
    Store store;
    Settings named = make_settings("Charles");
    named.meta.id = Id{5, 5};  // whatever the caller passes, settings keep their fixed id
    const Change change = save_settings(named);
    CHECK(change.label == "Change settings");
    CHECK(meta_of(change.records.at(0)).id == kSettingsId);

    check_apply_undo_redo<Settings>(store, change, kSettingsId, make_settings(""), make_settings("Charles"), 100);
    CHECK(store.settings().meta.id == kSettingsId);
    CHECK(store.record(kSettingsId) == Record{store.settings()});
    CHECK(store.contacts().empty());
}

TEST_CASE("apply stamps created once and updated every time, also on undo and redo") {
    Store store;
    const Id id{7, 7};
    store.apply(save_contact(make_contact(id, "Ada")), 100);
    CHECK(store.contact(id)->meta.created == 100);
    CHECK(store.contact(id)->meta.updated == 100);

    store.apply(save_contact(make_contact(id, "Ada L")), 200);
    CHECK(store.contact(id)->meta.created == 100);
    CHECK(store.contact(id)->meta.updated == 200);

    // Timestamps in the change are ignored: apply sets them.
    Contact stale = make_contact(id, "Ada M");
    stale.meta.created = 5;
    stale.meta.updated = 6;
    store.apply(save_contact(stale), 300);
    CHECK(store.contact(id)->meta.created == 100);
    CHECK(store.contact(id)->meta.updated == 300);

    store.undo(400);
    CHECK(store.contact(id)->display_name == "Ada L");
    CHECK(store.contact(id)->meta.created == 100);
    CHECK(store.contact(id)->meta.updated == 400);

    store.undo(500);
    store.undo(600);  // undoes the creation: a tombstone remains
    CHECK(store.contact(id) == nullptr);
    const auto tombstone = store.record(id);
    REQUIRE(tombstone.has_value());
    Contact expected;
    expected.meta = {id, 100, 600, true};  // created kept, updated = the undo time, fields cleared
    CHECK(*tombstone == Record{expected});
    CHECK(store.contacts().size() == 1);
    CHECK_FALSE(store.can_undo());
    CHECK_FALSE(store.undo(700));

    store.redo(700);
    CHECK(store.contact(id)->display_name == "Ada");
    CHECK(store.contact(id)->meta.created == 100);
    CHECK(store.contact(id)->meta.updated == 700);
}

TEST_CASE("a change of several records is undone as one step, in reverse order") {
    Store store;
    const Id ada{1, 1}, grace{2, 2};
    store.apply(save_contact(make_contact(ada, "Ada")), 100);
    // The same record twice in one change: undo must restore the value from before the change.
    Change change{"Rename twice", {make_contact(ada, "Ada 2"), make_contact(grace, "Grace"), make_contact(ada, "Ada 3")}};
    store.apply(change, 200);
    CHECK(store.contact(ada)->display_name == "Ada 3");
    CHECK(store.undo_label() == "Rename twice");
    store.undo(300);
    CHECK(store.contact(ada)->display_name == "Ada");
    CHECK(store.contact(grace) == nullptr);
    CHECK(store.undo_label() == "Save Ada");
    store.redo(400);
    CHECK(store.contact(ada)->display_name == "Ada 3");
    CHECK(store.contact(grace)->display_name == "Grace");
}

TEST_CASE("a new change clears redo; an empty change does nothing") {
    Store store;
    store.apply(save_contact(make_contact({1, 1}, "Ada")), 100);
    store.apply(save_contact(make_contact({2, 2}, "Grace")), 200);
    store.undo(300);
    CHECK(store.can_redo());
    CHECK(store.redo_label() == "Save Grace");

    store.apply(Change{"Nothing", {}}, 350);
    CHECK(store.can_redo());
    CHECK(store.undo_label() == "Save Ada");

    store.apply(save_contact(make_contact({3, 3}, "Alan")), 400);
    CHECK_FALSE(store.can_redo());
    CHECK(store.redo_label().empty());
    CHECK_FALSE(store.redo(500));
    CHECK(store.contact({2, 2}) == nullptr);
    CHECK(store.undo_label() == "Save Alan");

    Store empty;
    CHECK(empty.undo_label().empty());
    CHECK_FALSE(empty.undo(1));
}

TEST_CASE("undo keeps at most kUndoLimit steps, dropping the oldest") {
    Store store;
    const std::size_t extra = 5;
    for (std::size_t i = 0; i < Store::kUndoLimit + extra; ++i) {
        store.apply(save_contact(make_contact({0, i + 1}, "Contact " + std::to_string(i))), static_cast<Millis>(i));
    }
    std::size_t undone = 0;
    while (store.undo(100'000)) ++undone;
    CHECK(undone == Store::kUndoLimit);
    for (std::size_t i = 0; i < extra; ++i) CHECK(store.contact({0, i + 1}) != nullptr);
    CHECK(store.contact({0, extra + 1}) == nullptr);

    std::size_t redone = 0;
    while (store.redo(200'000)) ++redone;
    CHECK(redone == Store::kUndoLimit);
    CHECK(store.contact({0, Store::kUndoLimit + extra}) != nullptr);
}

TEST_CASE("take_unsaved returns current values once each, in first-change order") {
    Store store;
    const Id ada{1, 1}, grace{2, 2};
    CHECK_FALSE(store.has_unsaved());
    store.apply(save_contact(make_contact(ada, "Ada")), 100);
    store.apply(save_contact(make_contact(grace, "Grace")), 200);
    store.apply(save_contact(make_contact(ada, "Ada King")), 300);
    store.apply(save_settings(make_settings("Me")), 400);
    CHECK(store.has_unsaved());

    const std::vector<Record> unsaved = store.take_unsaved();
    REQUIRE(unsaved.size() == 3);
    CHECK(std::get<Contact>(unsaved[0]).display_name == "Ada King");
    CHECK(std::get<Contact>(unsaved[0]).meta.updated == 300);
    CHECK(std::get<Contact>(unsaved[1]).display_name == "Grace");
    CHECK(std::get<Settings>(unsaved[2]).your_name == "Me");
    CHECK_FALSE(store.has_unsaved());
    CHECK(store.take_unsaved().empty());

    store.undo(500);  // undoing is a change too
    const std::vector<Record> after_undo = store.take_unsaved();
    REQUIRE(after_undo.size() == 1);
    CHECK(std::get<Settings>(after_undo[0]).your_name.empty());
    CHECK(std::get<Settings>(after_undo[0]).meta.updated == 500);

    store.mark_unsaved(grace);
    const std::vector<Record> marked = store.take_unsaved();
    REQUIRE(marked.size() == 1);
    CHECK(std::get<Contact>(marked[0]).display_name == "Grace");
}

TEST_CASE("load replaces records without undo or unsaved entries; clear empties everything") {
    Store store;
    Contact ada = make_contact({1, 1}, "Ada");
    ada.meta.created = 10;
    ada.meta.updated = 20;
    store.load(ada);
    store.load(make_interaction({2, 2}, InteractionKind::Call, {1, 1}));
    store.load(make_event({3, 3}, "CppCon"));
    store.load(make_opportunity({4, 4}, "Job"));
    store.load(make_settings("Me"));
    CHECK_FALSE(store.can_undo());
    CHECK_FALSE(store.has_unsaved());
    CHECK(store.record_count() == 5);  // four records and the settings
    CHECK(store.contact({1, 1})->meta.updated == 20);  // loaded as is, not stamped
    CHECK(store.interaction({2, 2}) != nullptr);
    CHECK(store.event({3, 3})->name == "CppCon");
    CHECK(store.opportunity({4, 4})->title == "Job");
    CHECK(store.settings().your_name == "Me");
    CHECK(store.settings().meta.id == kSettingsId);

    store.load(make_contact({1, 1}, "Ada King"));
    CHECK(store.contact({1, 1})->display_name == "Ada King");
    CHECK(store.contacts().size() == 1);

    store.load(tombstone_of(Record{*store.event({3, 3})}));
    CHECK(store.event({3, 3}) == nullptr);
    CHECK(store.record({3, 3}).has_value());
    CHECK(store.record_count() == 5);
    CHECK_FALSE(store.record({9, 9}).has_value());

    store.apply(save_contact(make_contact({5, 5}, "Grace")), 100);
    store.undo(200);
    store.clear();
    CHECK(store.record_count() == 1);
    CHECK(store.contacts().empty());
    CHECK(store.events().empty());
    CHECK(store.settings() == Store{}.settings());
    CHECK(store.settings().meta.id == kSettingsId);
    CHECK_FALSE(store.can_undo());
    CHECK_FALSE(store.can_redo());
    CHECK_FALSE(store.has_unsaved());
}

TEST_CASE("merge: the newer write wins, a tie goes to the tombstone, a deletion stays deleted") {
    Store base;
    base.apply(save_contact(make_contact({1, 1}, "Ada")), 100);
    base.apply(save_contact(make_contact({2, 2}, "Grace")), 100);
    base.apply(save_contact(make_contact({3, 3}, "Alan")), 100);

    Store mine = base, theirs = base;
    mine.apply(save_contact(make_contact({1, 1}, "Ada (mine)")), 200);
    theirs.apply(save_contact(make_contact({1, 1}, "Ada (theirs)")), 300);
    theirs.apply(delete_contact(theirs, {2, 2}), 200);
    mine.apply(save_contact(make_contact({2, 2}, "Grace (mine)")), 200);
    mine.apply(delete_contact(mine, {3, 3}), 400);
    theirs.apply(save_contact(make_contact({3, 3}, "Alan (theirs)")), 300);
    theirs.apply(save_contact(make_contact({4, 4}, "Barbara")), 300);

    Store merged = mine;
    merged.take_unsaved();
    CHECK(merge_into(merged, theirs) == 3);  // Ada, Grace's deletion, Barbara
    CHECK(merged.contact({1, 1})->display_name == "Ada (theirs)");
    CHECK(merged.contact({2, 2}) == nullptr);
    CHECK(merged.contact({3, 3}) == nullptr);
    CHECK(merged.contact({4, 4})->display_name == "Barbara");
    CHECK(merged.undo_label() == mine.undo_label());  // merge adds no undo step
    CHECK_FALSE(merged.has_unsaved());                 // nor journal entries

    Store other_way = theirs;
    merge_into(other_way, mine);
    CHECK(same_store(merged, other_way));
    CHECK(merge_into(merged, theirs) == 0);
    CHECK(merge_into(merged, mine) == 0);
    CHECK(merge_into(merged, merged) == 0);
}

TEST_CASE("merge breaks a tie on every field, so either direction gives the same result") {
    // Two versions with equal meta that differ in one field: the winner must be the same whichever
    // side merges into which (this fails if the content hash misses a field).
    auto check_field = [](const Record& left, const Record& right) {
        Store a, b;
        a.load(left);
        b.load(right);
        Store ab = a, ba = b;
        const std::size_t changed_ab = merge_into(ab, b);
        const std::size_t changed_ba = merge_into(ba, a);
        CHECK(same_store(ab, ba));
        CHECK(changed_ab + changed_ba == 1);
    };
    RecordMeta meta;
    meta.id = Id{1, 2};
    meta.created = 10;
    meta.updated = 20;

    Contact c;
    c.meta = meta;
    const std::vector<std::function<void(Contact&)>> contact_edits = {
        [](Contact& x) { x.display_name = "a"; }, [](Contact& x) { x.given_name = "a"; },
        [](Contact& x) { x.family_name = "a"; }, [](Contact& x) { x.nickname = "a"; },
        [](Contact& x) { x.company = "a"; }, [](Contact& x) { x.title = "a"; },
        [](Contact& x) { x.city = "a"; }, [](Contact& x) { x.region = "a"; },
        [](Contact& x) { x.country = "a"; }, [](Contact& x) { x.emails = {{"a", {}}}; },
        [](Contact& x) { x.phones = {{"a", {}}}; }, [](Contact& x) { x.handles = {Handle{HandleKind::X, ""}}; },
        [](Contact& x) { x.handles = {Handle{HandleKind::Other, "a"}}; }, [](Contact& x) { x.tags = {"a"}; },
        [](Contact& x) { x.tier = Tier::Inner; }, [](Contact& x) { x.cadence_days = 0; },
        [](Contact& x) { x.how_met = "a"; }, [](Contact& x) { x.first_met = Date{0}; },
        [](Contact& x) { x.introduced_by = Id{}; }, [](Contact& x) { x.met_at = Id{}; },
        [](Contact& x) { x.notes = "a"; }, [](Contact& x) { x.archived = true; },
        [](Contact& x) { x.meta.created = 11; },
    };
    for (const auto& edit : contact_edits) {
        Contact edited = c;
        edit(edited);
        REQUIRE_FALSE(edited == c);
        check_field(c, edited);
    }

    Interaction i;
    i.meta = meta;
    const std::vector<std::function<void(Interaction&)>> interaction_edits = {
        [](Interaction& x) { x.date = Date{1}; }, [](Interaction& x) { x.minute_of_day = 0; },
        [](Interaction& x) { x.kind = InteractionKind::Call; }, [](Interaction& x) { x.participants = {Id{}}; },
        [](Interaction& x) { x.initiator = Initiator::Me; }, [](Interaction& x) { x.duration_minutes = 0; },
        [](Interaction& x) { x.notes = "a"; }, [](Interaction& x) { x.follow_up = FollowUp{}; },
        [](Interaction& x) { x.follow_up = FollowUp{Date{}, "", true}; },
        [](Interaction& x) { x.follow_up = FollowUp{Date{}, "a", false}; },
        [](Interaction& x) { x.follow_up = FollowUp{Date{1}, "", false}; },
    };
    for (const auto& edit : interaction_edits) {
        Interaction edited = i;
        edit(edited);
        REQUIRE_FALSE(edited == i);
        check_field(i, edited);
    }

    Event e;
    e.meta = meta;
    const std::vector<std::function<void(Event&)>> event_edits = {
        [](Event& x) { x.name = "a"; }, [](Event& x) { x.kind = EventKind::Other; },
        [](Event& x) { x.date = Date{1}; }, [](Event& x) { x.place = "a"; },
        [](Event& x) { x.notes = "a"; }, [](Event& x) { x.attendees = {Id{}}; },
    };
    for (const auto& edit : event_edits) {
        Event edited = e;
        edit(edited);
        REQUIRE_FALSE(edited == e);
        check_field(e, edited);
    }

    Opportunity o;
    o.meta = meta;
    const std::vector<std::function<void(Opportunity&)>> opportunity_edits = {
        [](Opportunity& x) { x.title = "a"; }, [](Opportunity& x) { x.kind = OpportunityKind::Job; },
        [](Opportunity& x) { x.status = OpportunityStatus::Lost; }, [](Opportunity& x) { x.value = 0.0; },
        [](Opportunity& x) { x.date = Date{1}; }, [](Opportunity& x) { x.contacts = {Id{}}; },
        [](Opportunity& x) { x.notes = "a"; },
    };
    for (const auto& edit : opportunity_edits) {
        Opportunity edited = o;
        edit(edited);
        REQUIRE_FALSE(edited == o);
        check_field(o, edited);
    }

    Settings s;
    s.meta = meta;
    s.meta.id = kSettingsId;
    Settings named = s;
    named.your_name = "a";
    check_field(s, named);
}

namespace {

// Random edits for the merge property test.
struct Randomiser {
    std::mt19937 rng;
    IdGenerator& ids;

    int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
    bool coin() { return below(2) == 0; }
    std::string word() {
        static const char* const words[] = {"Ada", "Grace", "Alan", "Barbara", "Edsger", "Donald", "Frances", ""};
        return words[below(8)];
    }

    Contact contact(Contact c) {
        c.display_name = word();
        if (coin()) c.given_name = word();
        if (coin()) c.emails = {{word() + "@example.org", {}}};
        if (coin()) c.tier = static_cast<Tier>(below(7));
        if (coin()) c.cadence_days = below(100);
        if (coin()) c.archived = !c.archived;
        if (coin()) c.handles = {Handle{static_cast<HandleKind>(below(7)), word()}};
        return c;
    }
    Interaction interaction(Interaction i) {
        i.kind = static_cast<InteractionKind>(below(12));
        i.date = Date{below(20000)};
        if (coin()) i.notes = word();
        if (coin()) i.follow_up = FollowUp{Date{below(20000)}, word(), coin()};
        return i;
    }
    Event event(Event e) {
        e.name = word();
        if (coin()) e.place = word();
        return e;
    }
    Opportunity opportunity(Opportunity o) {
        o.title = word();
        if (coin()) o.value = below(1000) * 1.5;
        o.status = static_cast<OpportunityStatus>(below(3));
        return o;
    }

    template <typename T>
    std::vector<Id> ids_of(const RecordMap<T>& map) {
        std::vector<Id> out;
        for (const auto& [id, value] : map) out.push_back(id);
        std::sort(out.begin(), out.end());  // map order is not part of the test's determinism
        return out;
    }

    // One random user action on `store` at time `now`.
    void act(Store& store, Millis now) {
        const int what = below(10);
        if (what == 0) {
            store.apply(save_settings(make_settings(word())), now);
            return;
        }
        const int kind = below(4);
        if (what == 1) {  // create
            Contact c;
            c.meta.id = ids.next();
            Interaction i;
            i.meta.id = ids.next();
            Event e;
            e.meta.id = ids.next();
            Opportunity o;
            o.meta.id = ids.next();
            if (kind == 0) store.apply(save_contact(contact(c)), now);
            if (kind == 1) store.apply(save_interaction(interaction(i)), now);
            if (kind == 2) store.apply(save_event(event(e)), now);
            if (kind == 3) store.apply(save_opportunity(opportunity(o)), now);
            return;
        }
        const bool remove = what <= 3;
        auto pick = [&](const std::vector<Id>& from) { return from.empty() ? Id{} : from[below(static_cast<int>(from.size()))]; };
        if (kind == 0) {
            const Id id = pick(ids_of(store.contacts()));
            if (!store.contact(id)) return;
            store.apply(remove ? delete_contact(store, id) : save_contact(contact(*store.contact(id))), now);
        } else if (kind == 1) {
            const Id id = pick(ids_of(store.interactions()));
            if (!store.interaction(id)) return;
            store.apply(remove ? delete_interaction(store, id) : save_interaction(interaction(*store.interaction(id))), now);
        } else if (kind == 2) {
            const Id id = pick(ids_of(store.events()));
            if (!store.event(id)) return;
            store.apply(remove ? delete_event(store, id) : save_event(event(*store.event(id))), now);
        } else {
            const Id id = pick(ids_of(store.opportunities()));
            if (!store.opportunity(id)) return;
            store.apply(remove ? delete_opportunity(store, id) : save_opportunity(opportunity(*store.opportunity(id))), now);
        }
    }
};

// Every record of `store`, keyed by id.
std::map<Id, Record> all_records(const Store& store) {
    std::map<Id, Record> out;
    for (const auto& [id, v] : store.contacts()) out.emplace(id, v);
    for (const auto& [id, v] : store.interactions()) out.emplace(id, v);
    for (const auto& [id, v] : store.events()) out.emplace(id, v);
    for (const auto& [id, v] : store.opportunities()) out.emplace(id, v);
    out.emplace(kSettingsId, store.settings());
    return out;
}

}  // namespace

TEST_CASE("merge property: commutative, idempotent, newest wins, no resurrection") {
    IdGenerator ids(0xC0FFEE, 0xBEEF);
    for (unsigned seed = 1; seed <= 40; ++seed) {
        CAPTURE(seed);
        Randomiser random{std::mt19937(seed), ids};
        Store base;
        for (int n = 0; n < 60; ++n) random.act(base, 1000 + n);
        base.take_unsaved();

        // Both sides edit the same base; their clocks overlap so equal timestamps happen too.
        Store a = base, b = base;
        for (int n = 0; n < 40; ++n) {
            random.act(a, 2000 + random.below(30));
            random.act(b, 2000 + random.below(30));
        }
        if (random.coin()) a.undo(2040);

        Store ab = a, ba = b;
        const std::size_t changed_ab = merge_into(ab, b);
        const std::size_t changed_ba = merge_into(ba, a);
        REQUIRE(same_store(ab, ba));
        CHECK(changed_ab + changed_ba > 0);
        CHECK(merge_into(ab, b) == 0);
        CHECK(merge_into(ab, a) == 0);
        CHECK(merge_into(ba, ab) == 0);

        const auto in_a = all_records(a), in_b = all_records(b), merged = all_records(ab);
        std::size_t from_a = 0, from_b = 0;
        for (const auto& [id, value] : merged) {
            const auto left = in_a.find(id), right = in_b.find(id);
            REQUIRE((left != in_a.end() || right != in_b.end()));
            if (left != in_a.end() && value == left->second) ++from_a;
            if (right != in_b.end() && value == right->second) ++from_b;
            if (left == in_a.end()) { CHECK(value == right->second); continue; }
            if (right == in_b.end()) { CHECK(value == left->second); continue; }
            const RecordMeta& l = meta_of(left->second);
            const RecordMeta& r = meta_of(right->second);
            // The newer write wins outright.
            if (l.updated > r.updated) CHECK(value == left->second);
            if (r.updated > l.updated) CHECK(value == right->second);
            // A deletion at least as new as the other side's write stays deleted.
            if ((l.deleted && l.updated >= r.updated) || (r.deleted && r.updated >= l.updated)) {
                CHECK(meta_of(value).deleted);
            }
            CHECK((value == left->second || value == right->second));
        }
        CHECK(merged.size() >= std::max(in_a.size(), in_b.size()));
        CHECK(changed_ab == merged.size() - from_a);  // every record that did not come from `a` changed
        CHECK(changed_ba == merged.size() - from_b);
    }
}

TEST_CASE("plan_merge + apply_as_is does what merge_into does, as one undo step; deletions only when asked") {
    IdGenerator ids(0xFEED, 0xF00D);
    for (unsigned seed = 1; seed <= 25; ++seed) {
        CAPTURE(seed);
        Randomiser random{std::mt19937(seed), ids};
        Store base;
        for (int n = 0; n < 50; ++n) random.act(base, 1000 + n);
        Store a = base, b = base;
        for (int n = 0; n < 30; ++n) {
            random.act(a, 2000 + random.below(30));
            random.act(b, 2000 + random.below(30));
        }
        a.take_unsaved();
        Store expected = a;
        const std::size_t changes = merge_into(expected, b);

        const MergePlan plan = plan_merge(a, b);
        CHECK(plan.added.size() + plan.changed.size() + plan.deletions.size() == changes);
        Store merged = a;
        merged.apply_as_is(merge_change(plan, true, "Merge backup"));
        REQUIRE(same_store(merged, expected));
        CHECK(merged.take_unsaved().size() == changes);  // journaled
        CHECK(plan_merge(merged, b).added.empty());      // idempotent
        CHECK(plan_merge(merged, b).changed.empty());
        if (changes > 0) {
            CHECK(merged.undo_label() == "Merge backup");
            merged.undo(9000);
            for (const auto& [id, c] : a.contacts()) {  // every contact of `a` is back as it was
                REQUIRE(merged.contacts().count(id));
                CHECK(merged.contacts().at(id).display_name == c.display_name);
                CHECK(merged.contacts().at(id).meta.deleted == c.meta.deleted);
            }
        }

        // Without deletions, every live record of `a` stays live.
        Store kept = a;
        kept.apply_as_is(merge_change(plan, false, "Merge backup"));
        for (const auto& [id, c] : a.contacts())
            if (!c.meta.deleted) CHECK_FALSE(kept.contacts().at(id).meta.deleted);
    }
}

TEST_CASE("version changes with every load, clear, apply, undo and redo") {
    Store store;
    auto last = store.version();
    auto changed = [&] {
        const bool moved = store.version() != last;
        last = store.version();
        return moved;
    };
    Contact ada;
    ada.meta.id = Id{1, 2};
    ada.display_name = "Ada";
    store.apply(save_contact(ada), 1000);
    CHECK(changed());
    CHECK(store.undo(2000));
    CHECK(changed());
    CHECK(store.redo(3000));
    CHECK(changed());
    store.load(Record{ada});
    CHECK(changed());
    store.clear();
    CHECK(changed());
    CHECK_FALSE(changed());  // reading does not change it
    (void)store.contact(ada.meta.id);
    CHECK_FALSE(changed());
}

TEST_CASE("keep-in-touch commands: snooze, relax the rhythm, follow-up done; each one undo step") {
    Store store;
    Contact ada;
    ada.meta.id = Id{1, 2};
    ada.display_name = "Ada";
    ada.tier = Tier::Close;
    store.apply(save_contact(ada), 1000);
    const Date today = Date::from_ymd(2026, 11, 26);

    store.apply(snooze(*store.contact(ada.meta.id), today, 7), 2000);
    CHECK(store.contact(ada.meta.id)->snoozed_until == Date::from_ymd(2026, 12, 3));
    CHECK(store.undo_label() == "Snooze Ada");
    store.undo(3000);
    CHECK_FALSE(store.contact(ada.meta.id)->snoozed_until.has_value());

    store.apply(relax_cadence(*store.contact(ada.meta.id), Cadence{21, 35}), 4000);
    CHECK(store.contact(ada.meta.id)->cadence_days == 60);
    CHECK(store.contact(ada.meta.id)->cadence_max_days == 100);  // the max keeps its ratio (35/21)
    CHECK(store.undo_label() == "Relax the rhythm for Ada");

    Interaction coffee;
    coffee.meta.id = Id{3, 4};
    coffee.participants = {ada.meta.id};
    coffee.follow_up = FollowUp{today, "Send the paper", false};
    store.apply(save_interaction(coffee), 5000);
    store.apply(set_follow_up_done(*store.interaction(coffee.meta.id), true), 6000);
    CHECK(store.interaction(coffee.meta.id)->follow_up->done);
    CHECK(store.undo_label() == "Follow-up done");
    store.undo(7000);
    CHECK_FALSE(store.interaction(coffee.meta.id)->follow_up->done);
}

TEST_CASE("changes_since: each record changed after a version once, with its value then") {
    Store store;
    const Id ada{1, 1}, grace{1, 2};
    store.load(make_contact(ada, "Ada"));
    const std::uint64_t loaded = store.version();
    CHECK(store.changes_since(loaded)->empty());
    CHECK_FALSE(store.changes_since(loaded - 1));  // before the load: unknown

    store.apply(save_contact(make_contact(ada, "Ada Lovelace")), 10);
    const std::uint64_t renamed = store.version();
    store.apply(save_contact(make_contact(grace, "Grace")), 11);
    store.apply(save_contact(make_contact(ada, "Ada King")), 12);
    auto changes = store.changes_since(loaded);
    REQUIRE(changes);
    REQUIRE(changes->size() == 2);
    const auto of = [&](Id id) {
        return *std::find_if(changes->begin(), changes->end(), [id](const RecordChange& c) { return c.id == id; });
    };
    CHECK(std::get<Contact>(*of(ada).before).display_name == "Ada");  // the value at `loaded`
    CHECK_FALSE(of(grace).before);                                    // did not exist then
    changes = store.changes_since(renamed);
    REQUIRE(changes->size() == 2);
    CHECK(std::get<Contact>(*of(ada).before).display_name == "Ada Lovelace");

    const std::uint64_t before_undo = store.version();
    store.undo(13);
    changes = store.changes_since(before_undo);
    REQUIRE(changes->size() == 1);
    CHECK(std::get<Contact>(*changes->front().before).display_name == "Ada King");
    store.redo(14);
    CHECK(store.changes_since(before_undo)->size() == 1);
    CHECK(store.changes_since(store.version())->empty());

    store.apply_as_is(Change{"Import", {make_contact(Id{1, 3}, "Hedy")}});
    CHECK(store.changes_since(before_undo)->size() == 2);

    store.load(make_contact(Id{1, 4}, "Merged"));  // a load says nothing about what it replaced
    CHECK_FALSE(store.changes_since(before_undo));
    store.clear();
    CHECK_FALSE(store.changes_since(loaded));
    CHECK(store.changes_since(store.version())->empty());
}

TEST_CASE("changes_since: a log longer than the limit forgets, so views start over") {
    Store store;
    const std::uint64_t start = store.version();
    for (std::size_t n = 0; n < Store::kChangeLogLimit; ++n)
        store.apply(save_contact(make_contact(Id{2, n}, "P")), static_cast<Millis>(n));
    CHECK(store.changes_since(start)->size() == Store::kChangeLogLimit);
    store.apply(save_contact(make_contact(Id{3, 0}, "One too many")), 1);
    CHECK_FALSE(store.changes_since(start));
    CHECK(store.changes_since(store.version())->empty());
}
