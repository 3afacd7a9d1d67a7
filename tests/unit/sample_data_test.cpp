// Sample data: deterministic, the requested sizes, every reference resolvable inside the change,
// nothing dated after today, every kind and script represented, and plausible enough that the
// duplicate finder does not light up.
#include "core/duplicates.hpp"
#include "core/sample_data.hpp"
#include "core/utf8.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <unordered_set>

using namespace ties;

namespace {

constexpr Millis kNow = 1'725'000'000'000;  // 2024-08-30
const Date kToday = date_of(kNow);

template <typename T>
std::vector<const T*> all_of_kind(const Change& change) {
    std::vector<const T*> out;
    for (const Record& r : change.records) {
        if (const T* value = std::get_if<T>(&r)) out.push_back(value);
    }
    return out;
}

bool has_code_point_in(std::string_view text, char32_t low, char32_t high) {
    const std::u32string cps = decode_utf8(text);
    return std::any_of(cps.begin(), cps.end(), [&](char32_t c) { return c >= low && c <= high; });
}

}  // namespace

TEST_CASE("make_sample_data is deterministic for a seed") {
    const Change a = make_sample_data(42, kNow, kToday);
    const Change b = make_sample_data(42, kNow, kToday);
    const Change c = make_sample_data(43, kNow, kToday);
    CHECK(a.label == "Add sample data");
    CHECK(a.records == b.records);
    CHECK(a.records != c.records);
}

TEST_CASE("make_sample_data makes the requested numbers of records, with unique ids") {
    SampleSize size;
    size.contacts = 123;
    size.interactions = 456;
    size.events = 7;
    size.opportunities = 18;
    const Change change = make_sample_data(1, kNow, kToday, size);
    CHECK(all_of_kind<Contact>(change).size() == 123);
    CHECK(all_of_kind<Interaction>(change).size() == 456);
    CHECK(all_of_kind<Event>(change).size() == 7);
    CHECK(all_of_kind<Opportunity>(change).size() == 18);
    CHECK(change.records.size() == 123 + 456 + 7 + 18);
    std::set<Id> ids;
    for (const Record& r : change.records) {
        CHECK(!meta_of(r).id.empty());
        CHECK(!meta_of(r).deleted);
        ids.insert(meta_of(r).id);
    }
    CHECK(ids.size() == change.records.size());

    const Change defaults = make_sample_data(1, kNow, kToday);
    const SampleSize d;
    CHECK(all_of_kind<Contact>(defaults).size() == d.contacts);
    CHECK(all_of_kind<Interaction>(defaults).size() == d.interactions);
    CHECK(all_of_kind<Event>(defaults).size() == d.events);
    CHECK(all_of_kind<Opportunity>(defaults).size() == d.opportunities);

    SampleSize nobody;
    nobody.contacts = 0;
    const Change empty = make_sample_data(1, kNow, kToday, nobody);
    CHECK(all_of_kind<Contact>(empty).empty());
    CHECK(all_of_kind<Interaction>(empty).empty());  // nobody to interact with
    CHECK(all_of_kind<Event>(empty).size() == nobody.events);
}

TEST_CASE("make_sample_data: references resolve inside the change; no dates after today") {
    for (const std::uint64_t seed : {1ull, 2ull, 99ull}) {
        const Change change = make_sample_data(seed, kNow, kToday);
        std::unordered_set<Id, IdHash> contacts, events;
        for (const Contact* c : all_of_kind<Contact>(change)) contacts.insert(c->meta.id);
        for (const Event* e : all_of_kind<Event>(change)) events.insert(e->meta.id);

        int introduced = 0, met_at = 0, open_soon = 0;
        for (const Contact* c : all_of_kind<Contact>(change)) {
            if (c->introduced_by) {
                ++introduced;
                CHECK(contacts.count(*c->introduced_by) == 1);
                CHECK(*c->introduced_by != c->meta.id);
            }
            if (c->met_at) {
                ++met_at;
                CHECK(events.count(*c->met_at) == 1);
            }
            if (c->first_met) CHECK(*c->first_met <= kToday);
            CHECK(!contact_label(*c).empty());
            CHECK((!c->display_name.empty() || !c->given_name.empty()));
        }
        CHECK(introduced > 0);
        CHECK(met_at > 0);
        for (const Interaction* i : all_of_kind<Interaction>(change)) {
            CHECK(i->date <= kToday);
            CHECK(i->date.days >= kToday.days - 731);
            CHECK(!i->participants.empty());
            CHECK(i->participants.size() <= 3);
            CHECK(std::set<Id>(i->participants.begin(), i->participants.end()).size() == i->participants.size());
            for (const Id p : i->participants) CHECK(contacts.count(p) == 1);
            if (i->minute_of_day) CHECK((*i->minute_of_day >= 0 && *i->minute_of_day < 1440));
            if (i->follow_up && !i->follow_up->done && i->follow_up->date.days >= kToday.days - 1 &&
                i->follow_up->date.days <= kToday.days + 7)
                ++open_soon;
        }
        CHECK(open_soon >= 3);  // a few open follow-ups due about now
        for (const Event* e : all_of_kind<Event>(change)) {
            CHECK(e->date <= kToday);
            CHECK(!e->name.empty());
            CHECK(!e->attendees.empty());
            for (const Id a : e->attendees) CHECK(contacts.count(a) == 1);
        }
        for (const Opportunity* o : all_of_kind<Opportunity>(change)) {
            CHECK(o->date <= kToday);
            CHECK(!o->title.empty());
            CHECK(!o->contacts.empty());
            for (const Id c : o->contacts) CHECK(contacts.count(c) == 1);
        }
        for (const Record& r : change.records) {
            const RecordMeta& meta = meta_of(r);
            CHECK(meta.created > 0);
            CHECK(meta.created <= meta.updated);
            CHECK(meta.updated <= kNow);
        }
    }
}

TEST_CASE("make_sample_data covers every kind, status and script") {
    SampleSize size;
    size.opportunities = 18;
    const Change change = make_sample_data(5, kNow, kToday, size);
    std::set<int> interaction_kinds, event_kinds, opportunity_kinds, statuses, tiers;
    for (const Interaction* i : all_of_kind<Interaction>(change)) interaction_kinds.insert(static_cast<int>(i->kind));
    for (const Event* e : all_of_kind<Event>(change)) event_kinds.insert(static_cast<int>(e->kind));
    for (const Opportunity* o : all_of_kind<Opportunity>(change)) {
        opportunity_kinds.insert(static_cast<int>(o->kind));
        statuses.insert(static_cast<int>(o->status));
    }
    CHECK(interaction_kinds.size() == 12);
    CHECK(event_kinds.size() == 4);
    CHECK(opportunity_kinds.size() == 6);
    CHECK(statuses.size() == 3);

    bool greek = false, cyrillic = false, latin_diacritics = false;
    int with_handles = 0, with_emails = 0, with_tags = 0, with_cadence = 0;
    for (const Contact* c : all_of_kind<Contact>(change)) {
        const std::string label = contact_label(*c);
        greek = greek || has_code_point_in(label, 0x0370, 0x03FF);
        cyrillic = cyrillic || has_code_point_in(label, 0x0400, 0x04FF);
        latin_diacritics = latin_diacritics || has_code_point_in(label, 0x00C0, 0x017F);
        with_handles += c->handles.empty() ? 0 : 1;
        with_emails += c->emails.empty() ? 0 : 1;
        with_tags += c->tags.empty() ? 0 : 1;
        with_cadence += c->cadence_days ? 1 : 0;
    }
    CHECK(greek);
    CHECK(cyrillic);
    CHECK(latin_diacritics);
    CHECK(with_handles > 10);
    CHECK(with_emails > 20);
    CHECK(with_tags > 20);
    CHECK(with_cadence > 0);
}

TEST_CASE("make_sample_data: tiers like Dunbar's layers, a few archived") {
    SampleSize size;
    size.contacts = 3000;
    size.interactions = 0;
    const Change change = make_sample_data(11, kNow, kToday, size);
    std::vector<int> per_tier(7);
    int archived = 0;
    for (const Contact* c : all_of_kind<Contact>(change)) {
        ++per_tier[static_cast<std::size_t>(c->tier)];
        archived += c->archived ? 1 : 0;
    }
    CHECK(per_tier[static_cast<int>(Tier::Inner)] > 0);
    CHECK(per_tier[static_cast<int>(Tier::Inner)] < per_tier[static_cast<int>(Tier::Close)]);
    CHECK(per_tier[static_cast<int>(Tier::Close)] < per_tier[static_cast<int>(Tier::Friends)]);
    CHECK(per_tier[static_cast<int>(Tier::Friends)] < per_tier[static_cast<int>(Tier::Meaningful)]);
    CHECK(per_tier[static_cast<int>(Tier::Meaningful)] < per_tier[static_cast<int>(Tier::Acquaintances)]);
    CHECK(archived > 3000 / 100);  // about 3%
    CHECK(archived < 3000 * 6 / 100);
}

TEST_CASE("make_sample_data applies as one undoable change and holds few look-alike contacts") {
    SampleSize size;
    size.contacts = 1000;
    size.interactions = 500;
    const Change change = make_sample_data(3, kNow, kToday, size);
    Store store;
    store.apply(change, kNow);
    CHECK(store.undo_label() == "Add sample data");
    CHECK(store.contacts().size() == 1000);
    const std::vector<DuplicatePair> pairs = find_duplicates(store);
    CHECK(pairs.size() < 1000 * 2 / 100);
    for (const DuplicatePair& p : pairs) CHECK(p.score < 90);  // never a shared email or handle
}
