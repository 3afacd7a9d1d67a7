// One pass over interactions and events collects every touch as (person, day) in a flat array;
// a counting sort groups it by person and a small sort per person counts distinct days. So the
// cost is linear in the history, never contacts x interactions.
#include "core/network_stats.hpp"

#include <algorithm>

namespace ties {
namespace {

struct Touch {
    std::uint32_t person;
    std::int32_t day;
};

bool is_help_given(InteractionKind kind) {
    return kind == InteractionKind::HelpGiven || kind == InteractionKind::IntroductionMade;
}

}  // namespace

NetworkStats NetworkStats::build(const Store& store, Date today) {
    NetworkStats out;
    out.today_ = today;
    out.index_.reserve(store.contacts().size());
    out.stats_.reserve(store.contacts().size());
    for (const auto& [id, contact] : store.contacts()) {
        if (contact.meta.deleted) continue;
        out.index_.emplace(id, static_cast<std::uint32_t>(out.stats_.size()));
        out.stats_.emplace_back();
        out.ids_.push_back(id);
    }

    // The live contacts among `ids`, each once even when listed twice.
    std::vector<std::uint32_t> people;
    const auto people_of = [&](const std::vector<Id>& ids) -> const std::vector<std::uint32_t>& {
        people.clear();
        for (const Id& id : ids) {
            const auto found = out.index_.find(id);
            if (found == out.index_.end()) continue;
            if (std::find(people.begin(), people.end(), found->second) == people.end()) people.push_back(found->second);
        }
        return people;
    };

    std::vector<Touch> touches;
    touches.reserve(store.interactions().size() + store.events().size());
    const auto touch = [&](std::uint32_t person, Date day) {
        ContactStats& s = out.stats_[person];
        if (!s.first_touch || day < *s.first_touch) s.first_touch = day;
        if (!s.last_touch || day > *s.last_touch) s.last_touch = day;
        touches.push_back(Touch{person, day.days});
    };

    for (const auto& [id, interaction] : store.interactions()) {
        if (interaction.meta.deleted || interaction.date > today || !counts_as_touch(interaction.kind)) continue;
        const bool given = is_help_given(interaction.kind);
        const bool received = interaction.kind == InteractionKind::HelpReceived;
        for (const std::uint32_t person : people_of(interaction.participants)) {
            touch(person, interaction.date);
            ContactStats& s = out.stats_[person];
            if (interaction.initiator == Initiator::Me) ++s.initiated_by_me;
            if (interaction.initiator == Initiator::Them) ++s.initiated_by_them;
            if (given) {
                ++s.help_given;
                if (!s.last_help_given || interaction.date > *s.last_help_given) s.last_help_given = interaction.date;
            }
            if (received) {
                ++s.help_received;
                if (!s.last_help_received || interaction.date > *s.last_help_received) {
                    s.last_help_received = interaction.date;
                }
            }
        }
    }
    for (const auto& [id, event] : store.events()) {
        if (event.meta.deleted || event.date > today) continue;
        for (const std::uint32_t person : people_of(event.attendees)) touch(person, event.date);
    }
    for (const auto& [id, opportunity] : store.opportunities()) {
        if (opportunity.meta.deleted) continue;
        for (const std::uint32_t person : people_of(opportunity.contacts)) ++out.stats_[person].opportunities;
    }

    // Group the touch days by person (counting sort), then count distinct days per person.
    std::vector<std::uint32_t> begin(out.stats_.size() + 1, 0);
    for (const Touch& t : touches) ++begin[t.person + 1];
    for (std::size_t i = 1; i < begin.size(); ++i) begin[i] += begin[i - 1];
    std::vector<std::int32_t> days(touches.size());
    std::vector<std::uint32_t> next(begin.begin(), begin.end() - 1);
    for (const Touch& t : touches) days[next[t.person]++] = t.day;
    const std::int32_t year_start = today.days - 364;
    for (std::size_t person = 0; person < out.stats_.size(); ++person) {
        const auto first = days.begin() + begin[person];
        auto last = days.begin() + begin[person + 1];
        if (first == last) continue;
        std::sort(first, last);
        last = std::unique(first, last);
        ContactStats& s = out.stats_[person];
        s.touch_days = static_cast<std::int32_t>(last - first);
        s.touch_days_year = static_cast<std::int32_t>(last - std::lower_bound(first, last, year_start));
    }
    return out;
}

ContactStats NetworkStats::of_history(const Store& store, Id contact, const std::vector<Id>& records, Date today) {
    ContactStats s;
    const auto lists = [contact](const std::vector<Id>& ids) { return std::find(ids.begin(), ids.end(), contact) != ids.end(); };
    std::vector<std::int32_t> days;
    const auto touch = [&](Date day) {
        if (!s.first_touch || day < *s.first_touch) s.first_touch = day;
        if (!s.last_touch || day > *s.last_touch) s.last_touch = day;
        days.push_back(day.days);
    };
    for (const Id& id : records) {
        if (const Interaction* i = store.interaction(id)) {
            if (i->date > today || !counts_as_touch(i->kind) || !lists(i->participants)) continue;
            touch(i->date);
            if (i->initiator == Initiator::Me) ++s.initiated_by_me;
            if (i->initiator == Initiator::Them) ++s.initiated_by_them;
            if (is_help_given(i->kind)) {
                ++s.help_given;
                if (!s.last_help_given || i->date > *s.last_help_given) s.last_help_given = i->date;
            }
            if (i->kind == InteractionKind::HelpReceived) {
                ++s.help_received;
                if (!s.last_help_received || i->date > *s.last_help_received) s.last_help_received = i->date;
            }
        } else if (const Event* e = store.event(id)) {
            if (e->date <= today && lists(e->attendees)) touch(e->date);
        } else if (const Opportunity* o = store.opportunity(id)) {
            if (lists(o->contacts)) ++s.opportunities;
        }
    }
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    s.touch_days = static_cast<std::int32_t>(days.size());
    s.touch_days_year =
        static_cast<std::int32_t>(days.end() - std::lower_bound(days.begin(), days.end(), today.days - 364));
    return s;
}

void NetworkStats::set(Id contact, const ContactStats& stats) {
    const auto [at, added] = index_.emplace(contact, static_cast<std::uint32_t>(stats_.size()));
    if (added) {
        stats_.push_back(stats);
        ids_.push_back(contact);
    } else stats_[at->second] = stats;
}

void NetworkStats::erase(Id contact) {
    const auto found = index_.find(contact);
    if (found == index_.end()) return;
    // Move the last one into the hole, so the table stays dense.
    const std::uint32_t hole = found->second;
    index_.erase(found);
    if (hole + 1 != stats_.size()) {
        index_[ids_.back()] = hole;
        stats_[hole] = stats_.back();
        ids_[hole] = ids_.back();
    }
    stats_.pop_back();
    ids_.pop_back();
}

const ContactStats& NetworkStats::of(Id contact) const {
    static const ContactStats kNone;
    const auto found = index_.find(contact);
    return found == index_.end() ? kNone : stats_[found->second];
}

}  // namespace ties
