// Give and take: see give_take.hpp. One pass over interactions, opportunities and introductions
// fills a per-person tally; the nudges are read off it. Opportunity origins rebuild the network
// statistics as they stood the day before each opportunity, once per distinct date.
#include "core/give_take.hpp"

#include "core/strength.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace ties {
namespace {

enum class Direction { Given, Received };

std::optional<Direction> help_direction(InteractionKind kind) {
    switch (kind) {
        case InteractionKind::HelpGiven:
        case InteractionKind::IntroductionMade: return Direction::Given;
        case InteractionKind::HelpReceived: return Direction::Received;
        default: return std::nullopt;
    }
}

bool any_live(const Store& store, const std::vector<Id>& people) {
    return std::any_of(people.begin(), people.end(), [&store](Id id) { return store.contact(id) != nullptr; });
}

void note(std::optional<Date>& latest, Date date) {
    if (!latest || *latest < date) latest = date;
}

// One help given (an introduction counts) or received, on `date`.
void tally(GiveTake& g, Date date, bool given) {
    if (given) {
        ++g.given;
        note(g.last_given, date);
    } else {
        ++g.received;
        note(g.last_received, date);
    }
}

Date latest_exchange(const GiveTake& g) {
    Date latest{std::numeric_limits<std::int32_t>::min()};
    if (g.last_given) latest = std::max(latest, *g.last_given);
    if (g.last_received) latest = std::max(latest, *g.last_received);
    return latest;
}

// When a contact was introduced to you by someone else, if they were.
std::optional<Date> introduction_date(const Contact& introduced) {
    if (introduced.meta.deleted || !introduced.introduced_by || *introduced.introduced_by == introduced.meta.id)
        return std::nullopt;
    return introduced.first_met ? *introduced.first_met : date_of(introduced.meta.created);
}

}  // namespace

const GiveTake* Ledger::of(Id contact) const {
    for (const GiveTake& g : people)
        if (g.contact == contact) return &g;
    return nullptr;
}

void for_each_help(const Store& store, Date today, const HelpVisitor& visit) {
    for (const auto& [id, i] : store.interactions()) {
        if (i.meta.deleted || i.date > today) continue;
        const std::optional<Direction> direction = help_direction(i.kind);
        if (!direction || !any_live(store, i.participants)) continue;
        visit(i.date, *direction == Direction::Given, i.participants);
    }
    for (const auto& [id, o] : store.opportunities()) {
        if (o.meta.deleted || o.date > today || !any_live(store, o.contacts)) continue;
        visit(o.date, false, o.contacts);
    }
    for (const auto& [id, c] : store.contacts()) {
        const std::optional<Date> date = introduction_date(c);
        if (!date || *date > today || store.contact(*c.introduced_by) == nullptr) continue;
        visit(*date, false, std::vector<Id>{*c.introduced_by});
    }
}

Ledger build_ledger(const Store& store, Date today) {
    Ledger ledger;
    std::unordered_map<Id, std::size_t, IdHash> index;  // contact -> position in ledger.people
    for_each_help(store, today, [&](Date date, bool given, const std::vector<Id>& people) {
        (given ? ledger.given : ledger.received) += 1;
        std::vector<Id> counted;  // a person listed twice counts once
        for (Id id : people) {
            if (store.contact(id) == nullptr || std::find(counted.begin(), counted.end(), id) != counted.end()) continue;
            counted.push_back(id);
            auto [it, added] = index.emplace(id, ledger.people.size());
            if (added) ledger.people.push_back(GiveTake{.contact = id, .given = 0, .received = 0,
                                                        .last_given = std::nullopt, .last_received = std::nullopt});
            tally(ledger.people[it->second], date, given);
        }
    });

    std::sort(ledger.people.begin(), ledger.people.end(), ledger_before);
    add_nudges(ledger, store);
    return ledger;
}

bool ledger_before(const GiveTake& a, const GiveTake& b) {
    const std::int32_t a_total = a.given + a.received, b_total = b.given + b.received;
    if (a_total != b_total) return a_total > b_total;
    const Date a_last = latest_exchange(a), b_last = latest_exchange(b);
    if (a_last != b_last) return a_last > b_last;
    return a.contact < b.contact;
}

bool should_repay(const GiveTake& g) { return g.received > 0 && g.given == 0; }
bool could_ask(const GiveTake& g) { return g.given >= kAskAfterGiving && g.received == 0; }

bool repay_before(const GiveTake& a, const GiveTake& b) {
    if (*a.last_received != *b.last_received) return *a.last_received > *b.last_received;
    return a.contact < b.contact;
}

bool ask_before(const GiveTake& a, const GiveTake& b) {
    if (a.given != b.given) return a.given > b.given;
    if (*a.last_given != *b.last_given) return *a.last_given > *b.last_given;
    return a.contact < b.contact;
}

void add_nudges(Ledger& ledger, const Store& store) {
    // Nudges leave archived people alone.
    std::vector<const GiveTake*> repay, ask;
    for (const GiveTake& g : ledger.people) {
        if (store.contact(g.contact)->archived) continue;
        if (should_repay(g)) repay.push_back(&g);
        if (could_ask(g)) ask.push_back(&g);
    }
    std::sort(repay.begin(), repay.end(), [](const GiveTake* a, const GiveTake* b) { return repay_before(*a, *b); });
    std::sort(ask.begin(), ask.end(), [](const GiveTake* a, const GiveTake* b) { return ask_before(*a, *b); });
    for (const GiveTake* g : repay) ledger.to_repay.push_back(g->contact);
    for (const GiveTake* g : ask) ledger.could_ask.push_back(g->contact);
}

std::optional<GiveTake> give_take_of(const Store& store, Id contact, const std::vector<Id>& records,
                                     const std::vector<Id>& introduced, Date today) {
    GiveTake g{.contact = contact, .given = 0, .received = 0, .last_given = std::nullopt, .last_received = std::nullopt};
    const auto lists = [contact](const std::vector<Id>& ids) { return std::find(ids.begin(), ids.end(), contact) != ids.end(); };
    const auto count = [&g](Date date, bool given) { tally(g, date, given); };
    for (const Id& id : records) {
        if (const Interaction* i = store.interaction(id)) {
            const std::optional<Direction> direction = help_direction(i->kind);
            if (direction && i->date <= today && lists(i->participants)) count(i->date, *direction == Direction::Given);
        } else if (const Opportunity* o = store.opportunity(id)) {
            if (o->date <= today && lists(o->contacts)) count(o->date, false);
        }
    }
    for (const Id& id : introduced) {
        const auto found = store.contacts().find(id);
        if (found == store.contacts().end() || found->second.introduced_by != contact) continue;
        const std::optional<Date> date = introduction_date(found->second);
        if (date && *date <= today) count(*date, false);
    }
    if (g.given == 0 && g.received == 0) return std::nullopt;
    return g;
}

int help_counted(const Store& store, Id record, Date today) {
    if (const Interaction* i = store.interaction(record)) {
        const std::optional<Direction> direction = help_direction(i->kind);
        if (!direction || i->date > today || !any_live(store, i->participants)) return 0;
        return *direction == Direction::Given ? 1 : 2;
    }
    if (const Opportunity* o = store.opportunity(record)) {
        return o->date <= today && any_live(store, o->contacts) ? 2 : 0;
    }
    if (const Contact* c = store.contact(record)) {
        const std::optional<Date> date = introduction_date(*c);
        return date && *date <= today && store.contact(*c->introduced_by) != nullptr ? 2 : 0;
    }
    return 0;
}

std::vector<OpportunityOrigin> opportunity_origins(const Store& store) {
    std::vector<const Opportunity*> opportunities;
    for (const auto& [id, o] : store.opportunities())
        if (!o.meta.deleted && any_live(store, o.contacts)) opportunities.push_back(&o);
    std::sort(opportunities.begin(), opportunities.end(), [](const Opportunity* a, const Opportunity* b) {
        if (a->date != b->date) return a->date < b->date;
        return a->meta.id < b->meta.id;
    });

    // How many opportunities came through each contact before a given day: the help a tie had
    // shown by then (ContactStats::opportunities counts every date).
    auto earlier_through = [&opportunities](Id contact, Date before) {
        std::int32_t count = 0;
        for (const Opportunity* o : opportunities) {
            if (o->date >= before) break;
            if (std::find(o->contacts.begin(), o->contacts.end(), contact) != o->contacts.end()) ++count;
        }
        return count;
    };

    std::vector<OpportunityOrigin> origins;
    std::optional<NetworkStats> stats;  // the history before the current date
    for (const Opportunity* o : opportunities) {
        if (!stats || stats->today() != Date{o->date.days - 1}) stats = NetworkStats::build(store, Date{o->date.days - 1});
        OpportunityOrigin origin{.opportunity = o->meta.id, .date = o->date, .via = std::nullopt,
                                 .strength_then = 0, .tier_now = Tier::None, .weak = false};
        for (Id id : o->contacts) {
            const Contact* contact = store.contact(id);
            if (contact == nullptr) continue;
            ContactStats then = stats->of(id);
            then.opportunities = earlier_through(id, o->date);
            const double strength = tie_strength(*contact, then, o->date).score;
            if (!origin.via || strength > origin.strength_then) {
                origin.via = id;
                origin.strength_then = strength;
                origin.tier_now = contact->tier;
            }
        }
        origin.weak = origin.strength_then < kWeakTieBelow;
        origins.push_back(origin);
    }
    return origins;
}

}  // namespace ties
