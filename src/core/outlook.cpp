// The outlook kept up to date: indexes say whom a changed record concerns (before and after the
// edit), those people's parts are recomputed, and the lists are re-read from ordered sets.
#include "core/outlook.hpp"

#include <algorithm>
#include <unordered_set>

namespace ties {
namespace {

using IdSet = std::unordered_set<Id, IdHash>;

// The people a live interaction, event or opportunity lists, each once; empty for anything else.
std::vector<Id> unique_people(const std::vector<Id>& listed, bool deleted) {
    std::vector<Id> out;
    if (deleted) return out;
    for (const Id& id : listed)
        if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    return out;
}
std::vector<Id> people_listed(const Interaction& i) { return unique_people(i.participants, i.meta.deleted); }
std::vector<Id> people_listed(const Event& e) { return unique_people(e.attendees, e.meta.deleted); }
std::vector<Id> people_listed(const Opportunity& o) { return unique_people(o.contacts, o.meta.deleted); }
std::vector<Id> people_listed(const Contact&) { return {}; }
std::vector<Id> people_listed(const Settings&) { return {}; }
std::vector<Id> people_listed(const Record& record) {
    return std::visit([](const auto& value) { return people_listed(value); }, record);
}

void add_to(RecordMap<std::vector<Id>>& index, Id key, Id value) { index[key].push_back(value); }

void remove_from(RecordMap<std::vector<Id>>& index, Id key, Id value) {
    const auto found = index.find(key);
    if (found == index.end()) return;
    auto& values = found->second;
    if (const auto at = std::find(values.begin(), values.end(), value); at != values.end()) values.erase(at);
    if (values.empty()) index.erase(found);
}

// Where `value` goes in (or is found in) a vector sorted by `less`.
template <typename T, typename Less>
std::size_t position_in(const std::vector<T>& sorted, const T& value, Less less) {
    return static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), value, less) - sorted.begin());
}

const std::vector<Id>& values_of(const RecordMap<std::vector<Id>>& index, Id key) {
    static const std::vector<Id> kNone;
    const auto found = index.find(key);
    return found == index.end() ? kNone : found->second;
}

}  // namespace

Outlook compute_outlook(const Store& store, Date today) {
    Outlook out;
    out.stats = NetworkStats::build(store, today);
    out.today = build_today(store, out.stats, today);
    out.ledger = build_ledger(store, today);
    for (const TierSuggestion& s : suggest_tiers(store, out.stats)) out.suggestions.emplace(s.contact, s);
    return out;
}

const Outlook& OutlookCache::get(const Store& store, Date today) {
    if (version_ == store.version() && day_ == today) return outlook_;
    std::optional<std::vector<RecordChange>> changes;
    if (day_ == today && version_ != ~std::uint64_t{0}) changes = store.changes_since(version_);
    const bool settings_changed = changes && std::any_of(changes->begin(), changes->end(), [](const RecordChange& c) {
                                      return c.id == kSettingsId;
                                  });
    if (changes && !settings_changed) update(store, *changes);
    else rebuild(store, today);
    version_ = store.version();
    day_ = today;
    return outlook_;
}

void OutlookCache::rebuild(const Store& store, Date today) {
    ++full_rebuilds_;
    day_ = today;
    outlook_ = Outlook{};
    history_.clear();
    introduced_.clear();
    met_at_.clear();
    ranked_.clear();  // before parts_, whose values it points to
    parts_.clear();
    repay_.clear();
    ask_.clear();
    dates_.clear();
    new_ties_.clear();
    follow_up_dates_.clear();
    follow_ups_.clear();
    logged_ = BudgetUse{};
    give_take_.clear();
    help_counted_.clear();
    given_ = received_ = 0;
    scores_.clear();
    layered_.clear();

    outlook_.stats = NetworkStats::build(store, today);
    history_.reserve(store.contacts().size());
    parts_.reserve(store.contacts().size());
    outlook_.suggestions.reserve(store.contacts().size());
    const auto count_help = [this](Id id, int counted) {
        help_counted_.emplace(id, counted);
        (counted == 1 ? given_ : received_) += 1;
    };
    const auto index_records = [&](const auto& map) {
        for (const auto& [id, record] : map) {
            for (const Id& person : people_listed(record)) add_to(history_, person, id);
            if (const int counted = help_counted(store, id, day_); counted != 0) count_help(id, counted);
        }
    };
    index_records(store.interactions());
    index_records(store.events());
    index_records(store.opportunities());
    for (const auto& [id, contact] : store.contacts()) {
        if (contact.meta.deleted) continue;
        if (contact.introduced_by) add_to(introduced_, *contact.introduced_by, id);
        if (contact.met_at) add_to(met_at_, *contact.met_at, id);
        if (const int counted = help_counted(store, id, day_); counted != 0) count_help(id, counted);
    }
    const RecentEvents recent = recent_events(store, day_);
    for (const auto& [id, contact] : store.contacts())
        if (!contact.meta.deleted) add_contact(store, id, recent, true);
    finish_bulk();
    for (const auto& [id, interaction] : store.interactions()) {
        count_logged(logged_, interaction, day_, 1);
        if (auto item = follow_up_due(store, interaction, day_)) {
            follow_up_dates_.emplace(id, item->date);
            follow_ups_.insert(std::move(*item));
        }
    }
    assemble(store, recent);
}

void OutlookCache::update(const Store& store, const std::vector<RecordChange>& changes) {
    IdSet people;       // whose statistics, parts, tally and score to recompute
    IdSet help;         // records whose help_counted() may have changed
    IdSet follow_ups;   // interactions whose follow-up entry may have changed
    std::vector<Id> contacts_changed;

    // Takes a record's value out of the indexes (sign -1) or puts it in (sign 1), noting whom it concerns.
    const auto index = [&](Id id, const Record& record, int sign) {
        for (const Id& person : people_listed(record)) {
            if (sign > 0) add_to(history_, person, id);
            else remove_from(history_, person, id);
            people.insert(person);
        }
        help.insert(id);
        if (const auto* interaction = std::get_if<Interaction>(&record)) {
            count_logged(logged_, *interaction, day_, sign);
            follow_ups.insert(id);
        }
        if (std::holds_alternative<Event>(record)) {
            for (const Id& person : values_of(met_at_, id)) people.insert(person);  // their met day and reason
        }
        if (const auto* contact = std::get_if<Contact>(&record)) {
            people.insert(id);
            if (contact->meta.deleted) return;
            if (contact->introduced_by) {
                if (sign > 0) add_to(introduced_, *contact->introduced_by, id);
                else remove_from(introduced_, *contact->introduced_by, id);
                people.insert(*contact->introduced_by);
            }
            if (contact->met_at) {
                if (sign > 0) add_to(met_at_, *contact->met_at, id);
                else remove_from(met_at_, *contact->met_at, id);
            }
        }
    };
    for (const RecordChange& change : changes) {
        const std::optional<Record> after = store.record(change.id);
        if (change.before) index(change.id, *change.before, -1);
        if (after) index(change.id, *after, 1);
        const bool contact = (change.before && std::holds_alternative<Contact>(*change.before)) ||
                             (after && std::holds_alternative<Contact>(*after));
        if (contact) contacts_changed.push_back(change.id);
    }
    // A contact that comes or goes changes which records have a live person in them.
    for (const Id& contact : contacts_changed) {
        for (const Id& record : values_of(history_, contact)) {
            help.insert(record);
            follow_ups.insert(record);
        }
        for (const Id& introduced : values_of(introduced_, contact)) help.insert(introduced);
    }

    const RecentEvents recent = recent_events(store, day_);
    for (const Id& person : people) {
        drop_contact(person);
        if (store.contact(person) == nullptr) {
            outlook_.stats.erase(person);
            continue;
        }
        outlook_.stats.set(person, NetworkStats::of_history(store, person, values_of(history_, person), day_));
        add_contact(store, person, recent, false);
    }
    for (const Id& record : help) {
        const int counted = help_counted(store, record, day_);
        const auto found = help_counted_.find(record);
        const int was = found == help_counted_.end() ? 0 : found->second;
        if (counted == was) continue;
        if (was != 0) (was == 1 ? given_ : received_) -= 1;
        if (counted != 0) (counted == 1 ? given_ : received_) += 1;
        if (found != help_counted_.end()) help_counted_.erase(found);
        if (counted != 0) help_counted_.emplace(record, counted);
    }
    for (const Id& interaction : follow_ups) refresh_follow_up(store, interaction);
    assemble(store, recent);
}

void OutlookCache::drop_contact(Id contact) {
    if (const auto part = parts_.find(contact); part != parts_.end()) {
        if (part->second.due) {
            const std::size_t at = position_in(ranked_, static_cast<const TodayPart*>(&part->second), RankLess{});
            ranked_.erase(ranked_.begin() + static_cast<std::ptrdiff_t>(at));
            outlook_.today.due.erase(outlook_.today.due.begin() + static_cast<std::ptrdiff_t>(at));
        }
        for (const DateAhead& date : part->second.dates) dates_.erase(date);
        if (part->second.new_tie) new_ties_.erase({*part->second.new_tie, contact});
        parts_.erase(part);
    }
    if (const auto tally = give_take_.find(contact); tally != give_take_.end()) {
        const GiveTake& g = tally->second;
        auto& people = outlook_.ledger.people;
        people.erase(people.begin() + static_cast<std::ptrdiff_t>(position_in(people, g, ledger_before)));
        const auto unlist = [&g](std::vector<GiveTake>& sorted, std::vector<Id>& ids, auto less) {
            const std::size_t at = position_in(sorted, g, less);
            if (at == sorted.size() || sorted[at].contact != g.contact) return;
            sorted.erase(sorted.begin() + static_cast<std::ptrdiff_t>(at));
            ids.erase(ids.begin() + static_cast<std::ptrdiff_t>(at));
        };
        if (should_repay(g)) unlist(repay_, outlook_.ledger.to_repay, repay_before);
        if (could_ask(g)) unlist(ask_, outlook_.ledger.could_ask, ask_before);
        give_take_.erase(tally);
    }
    if (const auto suggestion = outlook_.suggestions.find(contact); suggestion != outlook_.suggestions.end()) {
        scores_.erase(suggestion->second);
        outlook_.suggestions.erase(suggestion);
    }
}

void OutlookCache::add_contact(const Store& store, Id id, const RecentEvents& recent, bool bulk) {
    const Contact& contact = *store.contact(id);
    const ContactStats& stats = outlook_.stats.of(id);
    if (!contact.archived) {
        TodayPart& part = parts_[id] = today_part(store, contact, stats, day_, recent, values_of(history_, id));
        if (part.due && bulk) {
            ranked_.push_back(&part);
        } else if (part.due) {
            const std::size_t at = position_in(ranked_, static_cast<const TodayPart*>(&part), RankLess{});
            ranked_.insert(ranked_.begin() + static_cast<std::ptrdiff_t>(at), &part);
            outlook_.today.due.insert(outlook_.today.due.begin() + static_cast<std::ptrdiff_t>(at), *part.due);
        }
        if (part.new_tie) new_ties_.emplace(*part.new_tie, id);
        const TierSuggestion suggestion{id, Tier::Recognisable, tie_score(contact, stats, day_)};
        outlook_.suggestions.emplace(id, suggestion);
        if (bulk) {
            bulk_dates_.insert(bulk_dates_.end(), part.dates.begin(), part.dates.end());
            bulk_scores_.push_back(suggestion);
        } else {
            dates_.insert(part.dates.begin(), part.dates.end());
            scores_.insert(suggestion);
        }
    }
    // Help by interactions alone is in the statistics already; opportunities (counted there at
    // any date) and introductions need the records.
    std::optional<GiveTake> tally;
    if (stats.opportunities > 0 || introduced_.count(id) > 0) {
        tally = give_take_of(store, id, values_of(history_, id), values_of(introduced_, id), day_);
    } else if (stats.help_given > 0 || stats.help_received > 0) {
        tally = GiveTake{.contact = id, .given = stats.help_given, .received = stats.help_received,
                         .last_given = stats.last_help_given, .last_received = stats.last_help_received};
    }
    if (!tally) return;
    const GiveTake& g = give_take_.emplace(id, std::move(*tally)).first->second;
    const auto list = [&g, bulk](std::vector<GiveTake>& sorted, std::vector<Id>* ids, auto less) {
        if (bulk) return sorted.push_back(g);
        const std::size_t at = position_in(sorted, g, less);
        sorted.insert(sorted.begin() + static_cast<std::ptrdiff_t>(at), g);
        if (ids) ids->insert(ids->begin() + static_cast<std::ptrdiff_t>(at), g.contact);
    };
    list(outlook_.ledger.people, nullptr, ledger_before);
    if (contact.archived) return;  // nudges leave archived people alone
    if (should_repay(g)) list(repay_, &outlook_.ledger.to_repay, repay_before);
    if (could_ask(g)) list(ask_, &outlook_.ledger.could_ask, ask_before);
}

void OutlookCache::finish_bulk() {
    // Sorted first, each insert at the end is constant time.
    std::sort(bulk_dates_.begin(), bulk_dates_.end(), date_before);
    for (const DateAhead& date : bulk_dates_) dates_.insert(dates_.end(), date);
    std::sort(bulk_scores_.begin(), bulk_scores_.end(), suggestion_before);
    for (const TierSuggestion& score : bulk_scores_) scores_.insert(scores_.end(), score);
    bulk_dates_ = {};
    bulk_scores_ = {};
    std::sort(ranked_.begin(), ranked_.end(), RankLess{});
    outlook_.today.due.clear();
    outlook_.today.due.reserve(ranked_.size());
    for (const TodayPart* part : ranked_) outlook_.today.due.push_back(*part->due);
    Ledger& ledger = outlook_.ledger;
    std::sort(ledger.people.begin(), ledger.people.end(), ledger_before);
    std::sort(repay_.begin(), repay_.end(), repay_before);
    std::sort(ask_.begin(), ask_.end(), ask_before);
    ledger.to_repay.clear();
    ledger.could_ask.clear();
    for (const GiveTake& g : repay_) ledger.to_repay.push_back(g.contact);
    for (const GiveTake& g : ask_) ledger.could_ask.push_back(g.contact);
}

void OutlookCache::refresh_follow_up(const Store& store, Id interaction) {
    if (const auto found = follow_up_dates_.find(interaction); found != follow_up_dates_.end()) {
        FollowUpDue key;
        key.interaction = interaction;
        key.date = found->second;
        follow_ups_.erase(key);
        follow_up_dates_.erase(found);
    }
    const auto record = store.interactions().find(interaction);
    if (record == store.interactions().end()) return;
    if (auto item = follow_up_due(store, record->second, day_)) {
        follow_up_dates_.emplace(interaction, item->date);
        follow_ups_.insert(std::move(*item));
    }
}

void OutlookCache::assemble(const Store& store, const RecentEvents& recent) {
    std::vector<DateAhead> dates(dates_.begin(), dates_.end());
    const std::vector<std::pair<Date, Id>> new_ties(new_ties_.begin(), new_ties_.end());
    std::vector<FollowUpDue> follow_ups(follow_ups_.begin(), follow_ups_.end());
    finish_today(outlook_.today, store, day_, ranked_, std::move(dates), new_ties, std::move(follow_ups), logged_, recent);
    outlook_.ledger.given = given_;
    outlook_.ledger.received = received_;

    // Only the first kRankedLayers can be in a layer above Recognisable.
    for (const Id& id : layered_) {
        if (const auto found = outlook_.suggestions.find(id); found != outlook_.suggestions.end())
            found->second.tier = Tier::Recognisable;
    }
    std::vector<TierSuggestion> top;
    for (auto it = scores_.begin(); it != scores_.end() && top.size() < kRankedLayers; ++it) top.push_back(*it);
    assign_tiers(top);
    layered_.clear();
    for (const TierSuggestion& s : top) {
        outlook_.suggestions[s.contact].tier = s.tier;
        layered_.push_back(s.contact);
    }
}

}  // namespace ties
