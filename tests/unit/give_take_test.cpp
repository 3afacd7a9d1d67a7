#include "core/give_take.hpp"

#include "core/store.hpp"

#include <doctest/doctest.h>

using namespace ties;

namespace {

const Date kToday = Date::from_ymd(2024, 6, 30);

Date day(int y, int m, int d) { return Date::from_ymd(y, m, d); }

struct Ledgers {
    Store store;
    std::uint64_t next = 1;

    Id person(const std::string& name, Tier tier = Tier::None) {
        Contact c;
        c.meta.id = Id{1, next++};
        c.meta.created = midnight_utc(day(2020, 1, 1));
        c.display_name = name;
        c.tier = tier;
        store.load(c);
        return c.meta.id;
    }
    Id log(InteractionKind kind, Date date, std::vector<Id> people, Initiator initiator = Initiator::Unknown) {
        Interaction i;
        i.meta.id = Id{2, next++};
        i.kind = kind;
        i.date = date;
        i.participants = std::move(people);
        i.initiator = initiator;
        store.load(i);
        return i.meta.id;
    }
    Id opportunity(Date date, std::vector<Id> people) {
        Opportunity o;
        o.meta.id = Id{3, next++};
        o.title = "Opportunity";
        o.date = date;
        o.contacts = std::move(people);
        store.load(o);
        return o.meta.id;
    }
    void remove(Id id) { store.load(tombstone_of(*store.record(id))); }
    Contact contact(Id id) const { return *store.contact(id); }
};

}  // namespace

TEST_CASE("an empty store has an empty ledger") {
    Store store;
    const Ledger ledger = build_ledger(store, kToday);
    CHECK(ledger.given == 0);
    CHECK(ledger.received == 0);
    CHECK(ledger.people.empty());
    CHECK(ledger.to_repay.empty());
    CHECK(ledger.could_ask.empty());
    CHECK(opportunity_origins(store).empty());
}

TEST_CASE("help is counted once overall and once per person") {
    Ledgers l;
    const Id ada = l.person("Ada");
    const Id bob = l.person("Bob");
    l.log(InteractionKind::HelpGiven, day(2024, 1, 10), {ada});
    l.log(InteractionKind::IntroductionMade, day(2024, 2, 10), {ada, bob});  // both people, one act
    l.log(InteractionKind::HelpReceived, day(2024, 3, 10), {bob, bob});      // listed twice: once
    l.log(InteractionKind::Coffee, day(2024, 3, 11), {ada, bob});            // not help
    l.log(InteractionKind::Note, day(2024, 3, 12), {ada});

    const Ledger ledger = build_ledger(l.store, kToday);
    CHECK(ledger.given == 2);
    CHECK(ledger.received == 1);
    REQUIRE(ledger.people.size() == 2);
    // Bob: 1 given + 1 received, latest 10 March; Ada: 2 given, latest 10 February. Same total:
    // the more recent exchange first.
    CHECK(ledger.people[0].contact == bob);
    CHECK(ledger.people[1].contact == ada);
    const GiveTake* a = ledger.of(ada);
    REQUIRE(a != nullptr);
    CHECK(a->given == 2);
    CHECK(a->received == 0);
    CHECK(a->last_given == day(2024, 2, 10));
    CHECK_FALSE(a->last_received.has_value());
    const GiveTake* b = ledger.of(bob);
    REQUIRE(b != nullptr);
    CHECK(b->given == 1);
    CHECK(b->received == 1);
    CHECK(b->last_received == day(2024, 3, 10));
    CHECK(ledger.of(Id{9, 9}) == nullptr);
}

TEST_CASE("opportunities and introductions are help received") {
    Ledgers l;
    const Id cleo = l.person("Cleo");
    const Id dan = l.person("Dan");
    l.opportunity(day(2024, 4, 1), {cleo});
    l.opportunity(day(2024, 4, 2), {cleo, dan});  // one opportunity overall, one for each person
    Contact eve = l.contact(l.person("Eve"));
    eve.introduced_by = cleo;
    eve.first_met = day(2024, 5, 5);
    l.store.load(eve);
    Contact fay = l.contact(l.person("Fay"));  // no first_met: the day she was added
    fay.introduced_by = dan;
    l.store.load(fay);

    const Ledger ledger = build_ledger(l.store, kToday);
    CHECK(ledger.given == 0);
    CHECK(ledger.received == 4);
    REQUIRE(ledger.of(cleo) != nullptr);
    CHECK(ledger.of(cleo)->received == 3);
    CHECK(ledger.of(cleo)->last_received == day(2024, 5, 5));
    REQUIRE(ledger.of(dan) != nullptr);
    CHECK(ledger.of(dan)->received == 2);
    CHECK(ledger.of(dan)->last_received == day(2024, 4, 2));
    CHECK(ledger.of(eve.meta.id) == nullptr);
    // Both helped and were never helped back; Cleo's help is the more recent.
    CHECK(ledger.to_repay == std::vector<Id>{cleo, dan});
}

TEST_CASE("future, deleted and orphaned records do not count") {
    Ledgers l;
    const Id ada = l.person("Ada");
    const Id gone = l.person("Gone");
    l.log(InteractionKind::HelpGiven, day(2024, 7, 1), {ada});           // tomorrow: a plan
    l.remove(l.log(InteractionKind::HelpGiven, day(2024, 1, 1), {ada}));  // deleted
    l.log(InteractionKind::HelpReceived, day(2024, 1, 2), {gone});
    l.opportunity(day(2024, 1, 3), {gone});
    l.opportunity(day(2024, 8, 1), {ada});  // future
    l.remove(l.opportunity(day(2024, 1, 4), {ada}));
    l.log(InteractionKind::HelpReceived, day(2024, 6, 30), {ada});  // today counts
    l.remove(gone);

    const Ledger ledger = build_ledger(l.store, kToday);
    CHECK(ledger.given == 0);
    CHECK(ledger.received == 1);
    REQUIRE(ledger.people.size() == 1);
    CHECK(ledger.people[0].contact == ada);
    CHECK(ledger.people[0].received == 1);
    CHECK(ledger.people[0].last_received == kToday);
}

TEST_CASE("nudges: repay the most recent help first; ask after giving three times") {
    Ledgers l;
    const Id ada = l.person("Ada");    // helped you in January
    const Id bob = l.person("Bob");    // helped you in March
    const Id cleo = l.person("Cleo");  // you helped her 3 times
    const Id dan = l.person("Dan");    // you helped him 4 times
    const Id eve = l.person("Eve");    // helped 3 times, but she also helped you
    const Id fay = l.person("Fay");    // archived: no nudges
    const Id gus = l.person("Gus");    // helped twice: not yet
    l.log(InteractionKind::HelpReceived, day(2024, 1, 5), {ada});
    l.log(InteractionKind::HelpReceived, day(2024, 3, 5), {bob});
    for (int d = 1; d <= 3; ++d) l.log(InteractionKind::HelpGiven, day(2024, 2, d), {cleo});
    for (int d = 1; d <= 4; ++d) l.log(InteractionKind::HelpGiven, day(2024, 1, d), {dan});
    for (int d = 1; d <= 3; ++d) l.log(InteractionKind::HelpGiven, day(2024, 4, d), {eve});
    l.log(InteractionKind::HelpReceived, day(2024, 4, 9), {eve});
    l.log(InteractionKind::HelpReceived, day(2024, 5, 1), {fay});
    for (int d = 1; d <= 3; ++d) l.log(InteractionKind::HelpGiven, day(2024, 5, d), {fay});
    Contact archived = l.contact(fay);
    archived.archived = true;
    l.store.load(archived);
    l.log(InteractionKind::HelpGiven, day(2024, 6, 1), {gus});
    l.log(InteractionKind::HelpGiven, day(2024, 6, 2), {gus});

    const Ledger ledger = build_ledger(l.store, kToday);
    CHECK(ledger.to_repay == std::vector<Id>{bob, ada});
    CHECK(ledger.could_ask == std::vector<Id>{dan, cleo});
    CHECK(ledger.of(fay) != nullptr);  // still in the ledger
    CHECK(ledger.given == 15);
    CHECK(ledger.received == 4);
    // Most exchanged first (4 each: Fay, Eve, Dan), then the more recent exchange.
    std::vector<Id> order;
    for (const GiveTake& g : ledger.people) order.push_back(g.contact);
    CHECK(order == std::vector<Id>{fay, eve, dan, cleo, gus, bob, ada});
}

TEST_CASE("opportunity origins: live ones through live people, oldest first, strength at the time") {
    Ledgers l;
    const Id strong = l.person("Strong", Tier::Close);
    const Id stranger = l.person("Stranger", Tier::Friends);
    const Id gone = l.person("Gone");
    Contact s = l.contact(strong);
    s.first_met = day(2014, 1, 1);
    l.store.load(s);
    // A year of frequent contact both ways, help both ways, right up to the day before.
    for (int d = 0; d < 365; d += 4) {
        const Date date{day(2024, 1, 31).days - d};
        l.log(InteractionKind::Coffee, date, {strong}, d % 8 == 0 ? Initiator::Me : Initiator::Them);
    }
    l.log(InteractionKind::HelpGiven, day(2024, 1, 20), {strong});
    l.log(InteractionKind::HelpReceived, day(2024, 1, 21), {strong});
    // The stranger was unknown when the opportunity came, and a close friend since.
    for (int d = 0; d < 120; d += 2) l.log(InteractionKind::Coffee, Date{day(2024, 3, 1).days + d}, {stranger}, Initiator::Me);

    const Id second = l.opportunity(day(2024, 2, 1), {stranger, strong});
    const Id first = l.opportunity(day(2024, 2, 1), {stranger});
    l.opportunity(day(2024, 2, 3), {gone});
    l.remove(l.opportunity(day(2024, 2, 4), {strong}));
    l.opportunity(day(2024, 2, 5), {});
    l.remove(gone);
    REQUIRE(second < first);

    const std::vector<OpportunityOrigin> origins = opportunity_origins(l.store);
    REQUIRE(origins.size() == 2);
    CHECK(origins[0].opportunity == second);  // the same day: by id
    CHECK(origins[1].opportunity == first);
    const OpportunityOrigin& through_both = origins[0];
    const OpportunityOrigin& through_stranger = origins[1];
    CHECK(through_stranger.date == day(2024, 2, 1));
    CHECK(through_stranger.via == stranger);
    CHECK(through_stranger.tier_now == Tier::Friends);
    CHECK(through_stranger.weak);
    CHECK(through_stranger.strength_then < kWeakTieBelow);
    // The strongest tie it came through, as it was then.
    CHECK(through_both.via == strong);
    CHECK(through_both.tier_now == Tier::Close);
    CHECK_FALSE(through_both.weak);
    CHECK(through_both.strength_then >= kWeakTieBelow);
}
