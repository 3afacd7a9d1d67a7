// Tie strength: five saturating factors with fixed weights. The numbers are computed apart from
// the words, so ranking 100,000 contacts (suggest_tiers, the Today queue) builds no strings.
#include "core/strength.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

namespace ties {
namespace {

constexpr std::array<double, kStrengthFactorCount> kWeights = {0.30, 0.25, 0.15, 0.10, 0.20};
constexpr double kRecencyHalfLifeDays = 60;
constexpr double kFrequencyDays = 8;       // days in touch per year for 1 - 1/e of the factor
constexpr double kReciprocityFullAt = 4;   // known initiations before reciprocity counts fully
constexpr double kDurationYears = 3;
constexpr double kHelpCount = 3;
constexpr double kDaysPerYear = 365.25;

// The day the tie began: first_met (unless in the future) or the first touch, whichever is earlier.
std::optional<Date> tie_start(const Contact& contact, const ContactStats& stats, Date today) {
    std::optional<Date> start;
    if (contact.first_met && *contact.first_met <= today) start = contact.first_met;
    if (stats.first_touch && (!start || *stats.first_touch < *start)) start = stats.first_touch;
    return start;
}

std::array<double, kStrengthFactorCount> factor_values(const Contact& contact, const ContactStats& stats, Date today) {
    std::array<double, kStrengthFactorCount> v{};
    if (stats.last_touch) {
        const int days = std::max(0, today.days - stats.last_touch->days);
        v[0] = std::pow(0.5, days / kRecencyHalfLifeDays);
    }
    v[1] = 1 - std::exp(-stats.touch_days_year / kFrequencyDays);
    const int known = stats.initiated_by_me + stats.initiated_by_them;
    if (known > 0) {
        const int gap = std::abs(stats.initiated_by_me - stats.initiated_by_them);
        const double balance = 1 - static_cast<double>(gap) / known;
        v[2] = balance * std::min(1.0, known / kReciprocityFullAt);
    }
    if (const auto start = tie_start(contact, stats, today)) {
        v[3] = 1 - std::exp(-(today.days - start->days) / kDaysPerYear / kDurationYears);
    }
    v[4] = 1 - std::exp(-(stats.help_given + stats.help_received + stats.opportunities) / kHelpCount);
    return v;
}

std::string count_of(int count, std::string_view singular, std::string_view plural) {
    return std::to_string(count) + " " + std::string(count == 1 ? singular : plural);
}

std::string days_ago(int days) {
    if (days <= 0) return "today";
    if (days == 1) return "yesterday";
    return std::to_string(days) + " days ago";
}

// Whole anniversaries of `start` passed by `today` (29 February counts on 28 February).
int full_years(Date start, Date today) {
    const int years = today.year() - start.year();
    const PartialDate yearly{0, start.month(), start.day()};
    const Date this_year = yearly.next_on_or_after(Date::from_ymd(today.year(), 1, 1));
    return this_year > today ? years - 1 : years;
}

std::string recency_words(const ContactStats& stats, Date today) {
    if (!stats.last_touch) return "No touch logged yet";
    return "Last talked " + days_ago(today.days - stats.last_touch->days);
}

std::string frequency_words(const ContactStats& stats) {
    if (stats.touch_days_year == 0) return "Not in touch in the past year";
    return "In touch on " + count_of(stats.touch_days_year, "day", "days") + " in the past year";
}

std::string reciprocity_words(const ContactStats& stats) {
    const int known = stats.initiated_by_me + stats.initiated_by_them;
    if (known == 0) return "Not noted who gets in touch first";
    return "They started " + std::to_string(stats.initiated_by_them) + " of " +
           count_of(known, "conversation", "conversations");
}

std::string duration_words(const Contact& contact, const ContactStats& stats, Date today) {
    const auto start = tie_start(contact, stats, today);
    if (!start) return "Not known when you met";
    if (const int years = full_years(*start, today); years >= 1) {
        return "Known for " + count_of(years, "year", "years");
    }
    const int days = today.days - start->days;
    if (const int months = static_cast<int>(days / (kDaysPerYear / 12)); months >= 1) {
        return "Known for " + count_of(months, "month", "months");
    }
    if (days == 0) return "Met today";
    return "Known for " + count_of(days, "day", "days");
}

std::string help_words(const ContactStats& stats) {
    std::string out;
    if (stats.help_given > 0 && stats.help_received > 0) {
        out = count_of(stats.help_given, "favour", "favours") + " given, " + std::to_string(stats.help_received) +
              " received";
    } else if (stats.help_given > 0) {
        out = count_of(stats.help_given, "favour", "favours") + " given";
    } else if (stats.help_received > 0) {
        out = count_of(stats.help_received, "favour", "favours") + " received";
    }
    if (stats.opportunities > 0) {
        out += out.empty() ? "" : "; ";
        out += count_of(stats.opportunities, "opportunity", "opportunities") + " through them";
    }
    return out.empty() ? "No favours either way yet" : out;
}

}  // namespace

double tie_score(const Contact& contact, const ContactStats& stats, Date today) {
    const auto values = factor_values(contact, stats, today);
    double score = 0;
    for (int i = 0; i < kStrengthFactorCount; ++i) score += values[i] * kWeights[i];
    return std::clamp(score, 0.0, 1.0);
}

TieStrength tie_strength(const Contact& contact, const ContactStats& stats, Date today) {
    const auto values = factor_values(contact, stats, today);
    TieStrength out;
    for (int i = 0; i < kStrengthFactorCount; ++i) {
        StrengthFactor& f = out.factors[i];
        f.kind = static_cast<StrengthFactorKind>(i);
        f.value = values[i];
        f.weight = kWeights[i];
        out.score += f.points();
    }
    out.score = std::clamp(out.score, 0.0, 1.0);
    out.factors[0].explanation = recency_words(stats, today);
    out.factors[1].explanation = frequency_words(stats);
    out.factors[2].explanation = reciprocity_words(stats);
    out.factors[3].explanation = duration_words(contact, stats, today);
    out.factors[4].explanation = help_words(stats);
    return out;
}

std::string_view to_string(StrengthFactorKind kind) {
    switch (kind) {
        case StrengthFactorKind::Recency: return "Recency";
        case StrengthFactorKind::Frequency: return "Frequency";
        case StrengthFactorKind::Reciprocity: return "Reciprocity";
        case StrengthFactorKind::Duration: return "Duration";
        case StrengthFactorKind::Help: return "Help";
    }
    return "Unknown";
}

std::vector<TierSuggestion> suggest_tiers(const Store& store, const NetworkStats& stats) {
    std::vector<TierSuggestion> out;
    out.reserve(store.contacts().size());
    for (const auto& [id, contact] : store.contacts()) {
        if (contact.meta.deleted || contact.archived) continue;
        out.push_back(TierSuggestion{id, Tier::None, tie_score(contact, stats.of(id), stats.today())});
    }
    std::sort(out.begin(), out.end(), suggestion_before);
    assign_tiers(out);
    return out;
}

bool suggestion_before(const TierSuggestion& a, const TierSuggestion& b) {
    return a.score != b.score ? a.score > b.score : a.contact < b.contact;
}

void assign_tiers(std::vector<TierSuggestion>& out) {
    // Inner .. Acquaintances; everyone else is Recognisable, however many they are.
    constexpr std::array<std::size_t, 5> kCumulative = {5, 15, 50, 150, kRankedLayers};
    constexpr std::array<double, 5> kFloors = {kInnerFloor, kCloseFloor, kFriendsFloor, kMeaningfulFloor,
                                               kAcquaintancesFloor};
    std::size_t layer = 0;
    for (std::size_t rank = 0; rank < out.size(); ++rank) {
        // Scores only fall down the ranking, so a layer that is full or out of reach stays so.
        while (layer < kCumulative.size() && (rank >= kCumulative[layer] || out[rank].score < kFloors[layer])) ++layer;
        out[rank].tier = static_cast<Tier>(layer + 1);
    }
}

}  // namespace ties
