// The incremental outlook against the reference: random edit sequences (contacts, interactions,
// events and opportunities added, edited and deleted, participants changed, undo, redo, imports,
// loads and day turns), and after every step OutlookCache::get must equal compute_outlook field
// by field, without starting over for an ordinary edit.
#include "core/outlook.hpp"

#include "engine_fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

using namespace ties;
using ties::test::kToday;

namespace {

auto fields(const ContactStats& s) {
    return std::tie(s.first_touch, s.last_touch, s.touch_days, s.touch_days_year, s.initiated_by_me,
                    s.initiated_by_them, s.help_given, s.help_received, s.last_help_given, s.last_help_received,
                    s.opportunities);
}
auto fields(const DueTie& t) {
    return std::tie(t.contact, t.urgency, t.days_since, t.never_touched, t.cadence.cadence.ideal_days,
                    t.cadence.cadence.max_days, t.cadence.source, t.cadence.tag, t.strength, t.priority, t.touch,
                    t.reason);
}
auto fields(const PlannedTouch& t) { return std::tie(t.contact, t.day, t.touch, t.reason); }
auto fields(const DeferredTie& t) { return std::tie(t.contact, t.urgency, t.closest, t.reason); }
auto fields(const BudgetUse& u) {
    return std::tie(u.budget, u.meetings_logged, u.minutes_logged, u.messages_logged_today, u.meetings_planned,
                    u.minutes_planned, u.messages_planned_today);
}
auto fields(const FollowUpDue& f) { return std::tie(f.interaction, f.people, f.date, f.text, f.overdue); }
auto fields(const DateAhead& d) { return std::tie(d.contact, d.kind, d.date, d.in_days, d.years); }
auto fields(const NewTie& t) { return std::tie(t.contact, t.met, t.days_ago, t.reason); }
auto fields(const GiveTake& g) { return std::tie(g.contact, g.given, g.received, g.last_given, g.last_received); }
auto fields(const TierSuggestion& s) { return std::tie(s.contact, s.tier, s.score); }

template <typename T>
void check_list(const char* what, const std::vector<T>& got, const std::vector<T>& want) {
    INFO(what);
    REQUIRE(got.size() == want.size());
    for (std::size_t n = 0; n < got.size(); ++n) {
        INFO("at " << n);
        CHECK(fields(got[n]) == fields(want[n]));
    }
}

void check_same(const Outlook& got, const Outlook& want, const Store& store) {
    for (const auto& [id, contact] : store.contacts()) {
        INFO("stats of " << contact.display_name);
        CHECK(fields(got.stats.of(id)) == fields(want.stats.of(id)));
    }
    check_list("due", got.today.due, want.today.due);
    CHECK(got.today.plan.week_start == want.today.plan.week_start);
    check_list("planned", got.today.plan.touches, want.today.plan.touches);
    check_list("over budget", got.today.plan.over_budget, want.today.plan.over_budget);
    CHECK(fields(got.today.plan.use) == fields(want.today.plan.use));
    check_list("follow-ups", got.today.follow_ups, want.today.follow_ups);
    check_list("dates", got.today.dates, want.today.dates);
    check_list("new ties", got.today.new_ties, want.today.new_ties);
    CHECK(got.ledger.given == want.ledger.given);
    CHECK(got.ledger.received == want.ledger.received);
    check_list("ledger", got.ledger.people, want.ledger.people);
    CHECK(got.ledger.to_repay == want.ledger.to_repay);
    CHECK(got.ledger.could_ask == want.ledger.could_ask);
    REQUIRE(got.suggestions.size() == want.suggestions.size());
    for (const auto& [id, suggestion] : want.suggestions) {
        const auto found = got.suggestions.find(id);
        REQUIRE(found != got.suggestions.end());
        CHECK(fields(found->second) == fields(suggestion));
    }
}

// A small network with every kind of record, and random edits of it.
class Editor {
public:
    explicit Editor(std::uint64_t seed) : rng_(seed), ids_(seed, 5) {}

    Store store;
    Date today = kToday;
    Millis now = 1'718'150'400'000;

    void populate() {
        Settings settings = store.settings();
        settings.budget = Budget{2, 240, 2};
        settings.tag_cadences = {{"mentor", {30, 45}}, {"family", {0, 0}}};
        store.load(settings);
        for (int n = 0; n < 24; ++n) store.load(random_contact(ids_.next()));
        for (int n = 0; n < 6; ++n) store.load(random_event(ids_.next()));
        for (int n = 0; n < 70; ++n) store.load(random_interaction(ids_.next()));
        for (int n = 0; n < 4; ++n) store.load(random_opportunity(ids_.next()));
    }

    // One random step; returns false when the step may make the cache start over (a load, a
    // clear, the settings, a new day).
    bool step() {
        const int what = below(100);
        if (what < 10) return apply(save_contact(random_contact(ids_.next())));
        if (what < 24) return edit_contact();
        if (what < 28) return apply(delete_contact(store, pick(store.contacts())));
        if (what < 40) return apply(save_interaction(random_interaction(ids_.next())));
        if (what < 54) return edit_interaction();
        if (what < 58) return apply(delete_interaction(store, pick(store.interactions())));
        if (what < 62) return apply(save_event(random_event(ids_.next())));
        if (what < 66) return edit_event();
        if (what < 68) return apply(delete_event(store, pick(store.events())));
        if (what < 71) return apply(save_opportunity(random_opportunity(ids_.next())));
        if (what < 73) return apply(delete_opportunity(store, pick(store.opportunities())));
        if (what < 80) return store.undo(++now), true;
        if (what < 85) return store.redo(++now), true;
        if (what < 89) return import_batch();
        if (what < 92) {
            today = Date{today.days + 1 + below(3)};
            return false;
        }
        if (what < 94) {
            Settings settings = store.settings();
            settings.budget.minutes_per_week = 60 + below(300);
            store.apply(save_settings(settings), ++now);
            return false;
        }
        if (what < 96) {
            store.load(random_interaction(ids_.next()));  // a merge from another device
            return false;
        }
        return apply(several());
    }

private:
    int below(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }
    bool chance(int percent) { return below(100) < percent; }

    template <typename T>
    Id pick(const RecordMap<T>& map) {
        if (map.empty()) return Id{};
        auto it = map.begin();
        std::advance(it, below(static_cast<int>(map.size())));
        return it->first;
    }
    Id someone() {
        if (chance(5)) return Id{9, 9};  // not a contact at all
        return pick(store.contacts());   // tombstones too
    }
    std::vector<Id> some_people(int most) {
        std::vector<Id> out;
        for (int n = 1 + below(most); n > 0; --n) out.push_back(someone());
        if (chance(10) && !out.empty()) out.push_back(out.front());  // listed twice
        return out;
    }
    Date some_day() { return Date{today.days - below(400) + (chance(10) ? 20 : 0)}; }

    bool apply(Change change) {
        store.apply(std::move(change), ++now);
        return true;
    }

    Contact random_contact(Id id) {
        Contact c;
        c.meta.id = id;
        c.meta.created = now - static_cast<Millis>(below(60)) * 86'400'000;
        c.display_name = "Person " + std::to_string(below(1000));
        c.tier = static_cast<Tier>(below(kTierCount));
        if (chance(30)) c.first_met = some_day();
        if (chance(30)) c.birthday = PartialDate{chance(50) ? 1950 + below(60) : 0, 1 + below(12), 1 + below(28)};
        if (chance(10)) c.anniversary = PartialDate{2000 + below(30), 6, 1 + below(28)};
        if (chance(10)) c.cadence_days = below(90);
        if (chance(10)) c.tags = {chance(50) ? "mentor" : "family"};
        if (chance(10)) c.snoozed_until = Date{today.days + below(20) - 5};
        if (chance(8)) c.archived = true;
        if (chance(20)) c.origin = ContactOrigin::Imported;
        if (chance(15) && !store.contacts().empty()) c.introduced_by = someone();
        if (chance(15) && !store.events().empty()) c.met_at = pick(store.events());
        return c;
    }
    Interaction random_interaction(Id id) {
        Interaction i;
        i.meta.id = id;
        i.date = chance(20) ? Date{today.days - below(7)} : some_day();
        i.kind = static_cast<InteractionKind>(below(12));
        i.initiator = static_cast<Initiator>(below(3));
        i.participants = some_people(3);
        if (chance(30)) i.duration_minutes = below(120);
        if (chance(25)) i.follow_up = FollowUp{Date{today.days + below(20) - 10}, "Send the link", chance(30)};
        return i;
    }
    Event random_event(Id id) {
        Event e;
        e.meta.id = id;
        e.name = chance(80) ? "Meetup " + std::to_string(below(100)) : "";
        e.date = chance(50) ? Date{today.days - below(40)} : some_day();
        e.attendees = some_people(6);
        return e;
    }
    Opportunity random_opportunity(Id id) {
        Opportunity o;
        o.meta.id = id;
        o.title = "Job";
        o.date = some_day();
        o.contacts = some_people(2);
        return o;
    }

    bool edit_contact() {
        const Contact* current = store.contact(pick(store.contacts()));
        if (current == nullptr) return true;
        Contact c = *current;
        switch (below(9)) {
            case 0: c.archived = !c.archived; break;
            case 1: c.tier = static_cast<Tier>(below(kTierCount)); break;
            case 2: c.introduced_by = chance(70) ? std::optional<Id>(someone()) : std::nullopt; break;
            case 3: c.met_at = chance(70) ? std::optional<Id>(pick(store.events())) : std::nullopt; break;
            case 4: c.first_met = chance(70) ? std::optional<Date>(some_day()) : std::nullopt; break;
            case 5: return apply(snooze(c, today, below(10)));
            case 6: c.display_name = "Renamed " + std::to_string(below(1000)); break;
            case 7: c.cadence_days = below(60); break;
            default: c.birthday = PartialDate{0, 1 + below(12), 1 + below(28)}; break;
        }
        return apply(save_contact(c));
    }
    bool edit_interaction() {
        const Interaction* current = store.interaction(pick(store.interactions()));
        if (current == nullptr) return true;
        Interaction i = *current;
        switch (below(6)) {
            case 0: i.participants = some_people(3); break;
            case 1: i.date = some_day(); break;
            case 2: i.kind = static_cast<InteractionKind>(below(12)); break;
            case 3:
                if (i.follow_up) return apply(set_follow_up_done(i, !i.follow_up->done));
                i.follow_up = FollowUp{today, "Call back", false};
                break;
            case 4: i.initiator = static_cast<Initiator>(below(3)); break;
            default: i.participants.push_back(someone()); break;
        }
        return apply(save_interaction(i));
    }
    bool edit_event() {
        const Event* current = store.event(pick(store.events()));
        if (current == nullptr) return true;
        Event e = *current;
        if (chance(50)) e.attendees = some_people(6);
        else if (chance(50)) e.date = Date{today.days - below(40)};
        else e.name = "Renamed meetup";
        return apply(save_event(e));
    }
    // Records from elsewhere, with their own times (a merged backup).
    bool import_batch() {
        Change change{"Import", {}};
        for (int n = 1 + below(4); n > 0; --n) {
            Record record = chance(50) ? Record(random_contact(ids_.next())) : Record(random_interaction(ids_.next()));
            meta_of(record).updated = now;
            change.records.push_back(std::move(record));
        }
        if (chance(30)) {
            if (const Interaction* i = store.interaction(pick(store.interactions()))) change.records.push_back(tombstone_of(Record(*i)));
        }
        store.apply_as_is(std::move(change));
        return true;
    }
    // One change of several records: a contact and the interactions that list them.
    Change several() {
        Change change{"Several", {}};
        const Contact contact = random_contact(ids_.next());
        change.records.push_back(contact);
        for (int n = below(3); n >= 0; --n) {
            Interaction i = random_interaction(ids_.next());
            i.participants.push_back(contact.meta.id);
            change.records.push_back(std::move(i));
        }
        if (const Contact* other = store.contact(pick(store.contacts()))) change.records.push_back(tombstone_of(Record(*other)));
        return change;
    }

    std::mt19937_64 rng_;
    IdGenerator ids_;
};

}  // namespace

TEST_CASE("the incremental outlook equals the one computed from scratch after every random edit") {
    int incremental_steps = 0;
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        Editor editor(seed);
        editor.populate();
        OutlookCache cache;
        cache.get(editor.store, editor.today);
        for (int n = 0; n < 80; ++n) {
            const std::size_t rebuilds = cache.full_rebuilds();
            const std::uint64_t version = editor.store.version();
            bool ordinary = editor.step();
            // Undoing or redoing a settings change changes the settings too.
            const auto changes = editor.store.changes_since(version);
            ordinary = ordinary && changes && std::none_of(changes->begin(), changes->end(), [](const RecordChange& c) {
                           return c.id == kSettingsId;
                       });
            INFO("seed " << seed << ", step " << n);
            const Outlook& got = cache.get(editor.store, editor.today);
            if (ordinary) {
                CHECK(cache.full_rebuilds() == rebuilds);  // an edit never starts over
                ++incremental_steps;
            }
            check_same(got, compute_outlook(editor.store, editor.today), editor.store);
        }
    }
    CHECK(incremental_steps > 1500);
}

TEST_CASE("the outlook starts over after a load, a clear, a settings change or a new day") {
    Editor editor(7);
    editor.populate();
    OutlookCache cache;
    cache.get(editor.store, editor.today);
    CHECK(cache.full_rebuilds() == 1);
    editor.store.apply(save_contact(test::person(1)), ++editor.now);
    cache.get(editor.store, editor.today);
    CHECK(cache.full_rebuilds() == 1);
    cache.get(editor.store, Date{editor.today.days + 1});
    CHECK(cache.full_rebuilds() == 2);
    editor.store.load(test::person(2));
    cache.get(editor.store, Date{editor.today.days + 1});
    CHECK(cache.full_rebuilds() == 3);
    editor.store.clear();
    check_same(cache.get(editor.store, editor.today), compute_outlook(editor.store, editor.today), editor.store);
    CHECK(cache.full_rebuilds() == 4);
}
