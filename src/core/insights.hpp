// Insights: the numbers behind the charts a person would rather look at than read. For a range of
// days split into weeks or months: how the network grew, how often and how they kept in touch,
// the balance of help given and received, and where opportunities came from (weak ties or strong,
// Granovetter's "strength of weak ties" measured on the user's own history); and, as of today,
// how many ties each circle holds and how many of them are going dormant.
// Plain data and pure functions: `today` and the range are parameters; records dated after today
// are plans, not history, and are left out; deleted records never count.
#pragma once

#include "core/give_take.hpp"
#include "core/network_stats.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ties {

enum class Granularity { Week, Month };

// Ranges shorter than this many days are split into weeks, longer ones into months.
inline constexpr std::int32_t kWeeklyUpToDays = 183;

// Consecutive calendar weeks (Monday to Sunday) or months covering from..to. The first bucket
// starts on the Monday or the 1st on or before `from`, so every bucket but the last is whole.
struct TimeBuckets {
    Granularity granularity = Granularity::Month;
    Date from, to;                    // from: the first bucket's start; to: the range's last day
    std::vector<Date> starts;         // first day of each bucket
    std::vector<std::string> labels;  // "4 Mar 2024" (a week, by its Monday) or "March 2024"
    std::vector<std::string> ticks;   // short axis labels: "4 Mar", "Mar 2024"

    std::size_t size() const { return starts.size(); }
    Date last_day(std::size_t bucket) const;          // the bucket's last day, at most `to`
    std::optional<std::size_t> bucket_of(Date date) const;  // nullopt outside from..to
};

// Weeks when to - from < kWeeklyUpToDays, else months; empty when to < from.
TimeBuckets make_buckets(Date from, Date to);

struct Series {
    std::string name;
    std::vector<double> values;  // one per bucket (or category)

    double total() const;
};

// Numbers over time: every series has one value per bucket.
struct TimeChart {
    TimeBuckets buckets;
    std::vector<Series> series;
};

// Numbers per category (a circle): every series has one value per label.
struct CategoryChart {
    std::vector<std::string> labels;
    std::vector<Series> series;
};

// --- The range picker ----------------------------------------------------------------------------

enum class RangePreset { ThreeMonths, OneYear, ThreeYears, AllTime };
inline constexpr std::array<RangePreset, 4> kRangePresets{RangePreset::ThreeMonths, RangePreset::OneYear,
                                                          RangePreset::ThreeYears, RangePreset::AllTime};
std::string_view to_string(RangePreset preset);  // "3 months", "1 year", "3 years", "All time"

struct DateRange {
    Date from, to;
};

// Ends today. 3 months: the 13 weeks ending this week (91 days back); 1 year and 3 years: the
// 12 or 36 months ending this month; all time: from the earliest dated record (see earliest_date).
DateRange range_for(RangePreset preset, const Store& store, Date today);

// The earliest day anything happened, up to today: a live contact met or added, an interaction,
// an event, an opportunity. nullopt for an empty store.
std::optional<Date> earliest_date(const Store& store, Date today);

// --- The charts ----------------------------------------------------------------------------------

// Series "People": live contacts (archived ones too) known at the end of each bucket, by first_met,
// else the day they were added; "New": those met or added within the bucket.
TimeChart network_growth(const Store& store, const TimeBuckets& buckets, Date today);

enum class TouchGroup { Messages, Calls, InPerson, Help };
inline constexpr int kTouchGroupCount = 4;
std::string_view to_string(TouchGroup group);  // "Messages", "Calls", "In person", "Help"
// Online conversations, DMs and emails; calls and video calls; coffee, meals and meetups;
// introductions and help either way. Notes are not touches: nullopt.
std::optional<TouchGroup> touch_group(InteractionKind kind);

// One series per TouchGroup, in enum order: live interactions per bucket, each counted once
// however many people took part.
TimeChart touches_by_kind(const Store& store, const TimeBuckets& buckets, Date today);

// Series "Given" and "Received" per bucket, counted as build_ledger counts them (for_each_help).
TimeChart give_take_over_time(const Store& store, const TimeBuckets& buckets, Date today);

// As of stats.today(): live, unarchived contacts per circle. Labels: the seven circles, closest
// first and "No circle" last; series "In touch" and "Going dormant", the latter being those whose
// cadence is not never and whose last touch (never touched: first_met, else the day added) is more
// than the cadence's max days ago.
CategoryChart ties_by_circle(const Store& store, const NetworkStats& stats);

// Opportunity origins dated within the buckets' range and up to today, by the circle of the tie
// they came through (tier_now; same labels as ties_by_circle); series "Weak ties" and "Strong ties".
CategoryChart opportunities_by_circle(const std::vector<OpportunityOrigin>& origins, const TimeBuckets& buckets,
                                      Date today);
// The same origins per bucket: series "Weak ties" and "Strong ties".
TimeChart opportunities_over_time(const std::vector<OpportunityOrigin>& origins, const TimeBuckets& buckets,
                                  Date today);

// Labels for the circle charts: short names, closest first, then "No circle".
const std::array<Tier, kTierCount>& circle_order();
std::string_view circle_label(Tier tier);  // "Inner", "Close", "Friends", ..., "No circle"

// --- Everything for one range ----------------------------------------------------------------------

struct Insights {
    Date today;
    DateRange range;
    TimeChart growth;
    TimeChart touches;
    TimeChart give_take;
    CategoryChart circles;
    CategoryChart opportunities_by_circle;
    TimeChart opportunities_over_time;
    Ledger ledger;  // all time, up to today: the balance and the nudges are not about a period
    std::int32_t opportunities = 0;       // origins within the range
    std::int32_t weak_opportunities = 0;  // of which through weak ties
};

Insights build_insights(const Store& store, DateRange range, Date today);
// The same from the day's statistics and ledger already at hand (the app's OutlookCache holds
// them), so switching the range or opening Insights does not compute them again.
Insights build_insights(const Store& store, DateRange range, const NetworkStats& stats, const Ledger& ledger);

// "3 of your 5 opportunities came through weak ties", or "" when there are none.
std::string weak_tie_sentence(std::int32_t weak, std::int32_t total);

}  // namespace ties
