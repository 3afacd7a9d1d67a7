// Insights: see insights.hpp. Each chart is one pass over the records it counts, placing each into
// its bucket by date arithmetic (no search), so a range of any length costs the same.
#include "core/insights.hpp"

#include "core/cadence.hpp"

#include <algorithm>
#include <array>
#include <numeric>

namespace ties {
namespace {

constexpr std::array<const char*, 12> kMonthNames{"January", "February", "March", "April", "May", "June", "July",
                                                   "August", "September", "October", "November", "December"};

std::string short_month(int month) { return std::string(kMonthNames[static_cast<std::size_t>(month - 1)]).substr(0, 3); }

int month_index(Date date) { return date.year() * 12 + (date.month() - 1); }

Date month_start(int index) { return Date::from_ymd(index / 12, index % 12 + 1, 1); }

Date monday_of(Date date) { return Date{date.days - date.weekday()}; }

Series zero_series(std::string name, std::size_t size) { return Series{std::move(name), std::vector<double>(size, 0.0)}; }

std::size_t circle_position(Tier tier) {
    const auto& order = circle_order();
    return static_cast<std::size_t>(std::find(order.begin(), order.end(), tier) - order.begin());
}

std::vector<std::string> circle_labels() {
    std::vector<std::string> labels;
    for (Tier tier : circle_order()) labels.emplace_back(circle_label(tier));
    return labels;
}

bool in_range(const TimeBuckets& buckets, Date date, Date today) {
    return date <= today && buckets.bucket_of(date).has_value();
}

}  // namespace

// --- Buckets ---------------------------------------------------------------------------------------

Date TimeBuckets::last_day(std::size_t bucket) const {
    const Date next = bucket + 1 < starts.size() ? Date{starts[bucket + 1].days - 1} : to;
    return std::min(next, to);
}

std::optional<std::size_t> TimeBuckets::bucket_of(Date date) const {
    if (starts.empty() || date < from || date > to) return std::nullopt;
    if (granularity == Granularity::Week) return static_cast<std::size_t>((date.days - from.days) / 7);
    return static_cast<std::size_t>(month_index(date) - month_index(from));
}

TimeBuckets make_buckets(Date from, Date to) {
    TimeBuckets buckets;
    buckets.to = to;
    buckets.granularity = to.days - from.days < kWeeklyUpToDays ? Granularity::Week : Granularity::Month;
    if (to < from) {
        buckets.from = from;
        return buckets;
    }
    if (buckets.granularity == Granularity::Week) {
        buckets.from = monday_of(from);
        for (Date start = buckets.from; start <= to; start = Date{start.days + 7}) {
            const std::string day_month = std::to_string(start.day()) + " " + short_month(start.month());
            buckets.starts.push_back(start);
            buckets.ticks.push_back(day_month);
            buckets.labels.push_back("Week of " + day_month + " " + std::to_string(start.year()));
        }
    } else {
        buckets.from = month_start(month_index(from));
        for (int m = month_index(from); m <= month_index(to); ++m) {
            const Date start = month_start(m);
            buckets.starts.push_back(start);
            buckets.ticks.push_back(short_month(start.month()) + " " + std::to_string(start.year()));
            buckets.labels.push_back(std::string(kMonthNames[static_cast<std::size_t>(start.month() - 1)]) + " " +
                                     std::to_string(start.year()));
        }
    }
    return buckets;
}

double Series::total() const { return std::accumulate(values.begin(), values.end(), 0.0); }

// --- Ranges ----------------------------------------------------------------------------------------

std::string_view to_string(RangePreset preset) {
    switch (preset) {
        case RangePreset::ThreeMonths: return "3 months";
        case RangePreset::OneYear: return "1 year";
        case RangePreset::ThreeYears: return "3 years";
        case RangePreset::AllTime: return "All time";
    }
    return "All time";
}

std::optional<Date> earliest_date(const Store& store, Date today) {
    std::optional<Date> earliest;
    auto consider = [&earliest, today](Date date) {
        if (date <= today && (!earliest || date < *earliest)) earliest = date;
    };
    for (const auto& [id, c] : store.contacts())
        if (!c.meta.deleted) consider(c.first_met ? *c.first_met : date_of(c.meta.created));
    for (const auto& [id, i] : store.interactions())
        if (!i.meta.deleted) consider(i.date);
    for (const auto& [id, e] : store.events())
        if (!e.meta.deleted) consider(e.date);
    for (const auto& [id, o] : store.opportunities())
        if (!o.meta.deleted) consider(o.date);
    return earliest;
}

DateRange range_for(RangePreset preset, const Store& store, Date today) {
    switch (preset) {
        case RangePreset::ThreeMonths: return {Date{monday_of(today).days - 12 * 7}, today};
        case RangePreset::OneYear: return {month_start(month_index(today) - 11), today};
        case RangePreset::ThreeYears: return {month_start(month_index(today) - 35), today};
        case RangePreset::AllTime: return {earliest_date(store, today).value_or(today), today};
    }
    return {today, today};
}

// --- Charts ----------------------------------------------------------------------------------------

TimeChart network_growth(const Store& store, const TimeBuckets& buckets, Date today) {
    TimeChart chart{buckets, {zero_series("People", buckets.size()), zero_series("New", buckets.size())}};
    std::vector<Date> known;  // the day each live contact was met or added, up to today
    for (const auto& [id, c] : store.contacts()) {
        if (c.meta.deleted) continue;
        const Date date = c.first_met ? *c.first_met : date_of(c.meta.created);
        if (date > today) continue;
        known.push_back(date);
        if (const auto b = buckets.bucket_of(date)) chart.series[1].values[*b] += 1;
    }
    std::sort(known.begin(), known.end());
    for (std::size_t b = 0; b < buckets.size(); ++b) {
        const Date end = std::min(buckets.last_day(b), today);
        chart.series[0].values[b] = static_cast<double>(std::upper_bound(known.begin(), known.end(), end) - known.begin());
    }
    return chart;
}

std::string_view to_string(TouchGroup group) {
    switch (group) {
        case TouchGroup::Messages: return "Messages";
        case TouchGroup::Calls: return "Calls";
        case TouchGroup::InPerson: return "In person";
        case TouchGroup::Help: return "Help";
    }
    return "Messages";
}

std::optional<TouchGroup> touch_group(InteractionKind kind) {
    switch (kind) {
        case InteractionKind::OnlineConversation:
        case InteractionKind::DirectMessage:
        case InteractionKind::Email: return TouchGroup::Messages;
        case InteractionKind::Call:
        case InteractionKind::VideoCall: return TouchGroup::Calls;
        case InteractionKind::Coffee:
        case InteractionKind::MealOrDrinks:
        case InteractionKind::Meetup: return TouchGroup::InPerson;
        case InteractionKind::IntroductionMade:
        case InteractionKind::HelpGiven:
        case InteractionKind::HelpReceived: return TouchGroup::Help;
        case InteractionKind::Note:
        case InteractionKind::Ask: return std::nullopt;
    }
    return std::nullopt;
}

TimeChart touches_by_kind(const Store& store, const TimeBuckets& buckets, Date today) {
    TimeChart chart{buckets, {}};
    for (int g = 0; g < kTouchGroupCount; ++g)
        chart.series.push_back(zero_series(std::string(to_string(static_cast<TouchGroup>(g))), buckets.size()));
    for (const auto& [id, i] : store.interactions()) {
        if (i.meta.deleted || !in_range(buckets, i.date, today)) continue;
        if (const auto group = touch_group(i.kind))
            chart.series[static_cast<std::size_t>(*group)].values[*buckets.bucket_of(i.date)] += 1;
    }
    return chart;
}

TimeChart give_take_over_time(const Store& store, const TimeBuckets& buckets, Date today) {
    TimeChart chart{buckets, {zero_series("Given", buckets.size()), zero_series("Received", buckets.size())}};
    for_each_help(store, today, [&chart, &buckets](Date date, bool given, const std::vector<Id>&) {
        if (const auto b = buckets.bucket_of(date)) chart.series[given ? 0 : 1].values[*b] += 1;
    });
    return chart;
}

const std::array<Tier, kTierCount>& circle_order() {
    static const std::array<Tier, kTierCount> order{Tier::Inner, Tier::Close, Tier::Friends, Tier::Meaningful,
                                                    Tier::Acquaintances, Tier::Recognisable, Tier::None};
    return order;
}

std::string_view circle_label(Tier tier) {
    switch (tier) {
        case Tier::Inner: return "Inner";
        case Tier::Close: return "Close";
        case Tier::Friends: return "Friends";
        case Tier::Meaningful: return "Meaningful";
        case Tier::Acquaintances: return "Acquaintances";
        case Tier::Recognisable: return "Recognisable";
        case Tier::None: return "No circle";
    }
    return "No circle";
}

CategoryChart ties_by_circle(const Store& store, const NetworkStats& stats) {
    CategoryChart chart{circle_labels(), {zero_series("In touch", kTierCount), zero_series("Going dormant", kTierCount)}};
    const Date today = stats.today();
    for (const auto& [id, c] : store.contacts()) {
        if (c.meta.deleted || c.archived) continue;
        const Cadence cadence = cadence_for(c, store.settings()).cadence;
        const std::optional<Date> last = stats.of(id).last_touch;
        const Date since = last ? *last : c.first_met ? *c.first_met : date_of(c.meta.created);
        const bool dormant = !cadence.never() && today.days - since.days > std::max(cadence.max_days, cadence.ideal_days);
        chart.series[dormant ? 1 : 0].values[circle_position(c.tier)] += 1;
    }
    return chart;
}

CategoryChart opportunities_by_circle(const std::vector<OpportunityOrigin>& origins, const TimeBuckets& buckets,
                                      Date today) {
    CategoryChart chart{circle_labels(), {zero_series("Weak ties", kTierCount), zero_series("Strong ties", kTierCount)}};
    for (const OpportunityOrigin& o : origins)
        if (in_range(buckets, o.date, today)) chart.series[o.weak ? 0 : 1].values[circle_position(o.tier_now)] += 1;
    return chart;
}

TimeChart opportunities_over_time(const std::vector<OpportunityOrigin>& origins, const TimeBuckets& buckets,
                                  Date today) {
    TimeChart chart{buckets, {zero_series("Weak ties", buckets.size()), zero_series("Strong ties", buckets.size())}};
    for (const OpportunityOrigin& o : origins)
        if (in_range(buckets, o.date, today)) chart.series[o.weak ? 0 : 1].values[*buckets.bucket_of(o.date)] += 1;
    return chart;
}

// --- Everything --------------------------------------------------------------------------------------

Insights build_insights(const Store& store, DateRange range, Date today) {
    return build_insights(store, range, NetworkStats::build(store, today), build_ledger(store, today));
}

Insights build_insights(const Store& store, DateRange range, const NetworkStats& stats, const Ledger& ledger) {
    const Date today = stats.today();
    Insights insights;
    insights.today = today;
    insights.range = range;
    const TimeBuckets buckets = make_buckets(range.from, range.to);
    insights.growth = network_growth(store, buckets, today);
    insights.touches = touches_by_kind(store, buckets, today);
    insights.give_take = give_take_over_time(store, buckets, today);
    insights.circles = ties_by_circle(store, stats);
    const std::vector<OpportunityOrigin> origins = opportunity_origins(store);
    insights.opportunities_by_circle = ties::opportunities_by_circle(origins, buckets, today);
    insights.opportunities_over_time = ties::opportunities_over_time(origins, buckets, today);
    insights.ledger = ledger;
    for (const OpportunityOrigin& o : origins) {
        if (!in_range(buckets, o.date, today)) continue;
        ++insights.opportunities;
        if (o.weak) ++insights.weak_opportunities;
    }
    return insights;
}

std::string weak_tie_sentence(std::int32_t weak, std::int32_t total) {
    if (total <= 0) return "";
    if (total == 1)
        return weak == 1 ? "Your one opportunity came through a weak tie" : "Your one opportunity came through a strong tie";
    const std::string of_total = std::to_string(total);
    if (weak == 0) return "None of your " + of_total + " opportunities came through weak ties";
    if (weak == total) return "All " + of_total + " of your opportunities came through weak ties";
    return std::to_string(weak) + " of your " + of_total + " opportunities came through weak ties";
}

}  // namespace ties
