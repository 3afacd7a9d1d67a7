// Tie strength: a score from 0 to 1 that says how strong a tie is, from what the history shows,
// after Gilbert and Karahalios, "Predicting Tie Strength With Social Media" (CHI 2009: recency,
// intimacy, duration, reciprocity and services were its strongest predictors) and Granovetter,
// "The Strength of Weak Ties" (1973: time, emotional intensity, intimacy, reciprocal services).
// Every score comes with what each factor added, so the UI can explain it; a circle is suggested
// from the scores, and the user decides.
#pragma once

#include "core/network_stats.hpp"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace ties {

enum class StrengthFactorKind { Recency, Frequency, Reciprocity, Duration, Help };
inline constexpr int kStrengthFactorCount = 5;

struct StrengthFactor {
    StrengthFactorKind kind = StrengthFactorKind::Recency;
    double value = 0;   // 0..1: how much of this factor the tie has
    double weight = 0;  // the factor's share of the score; the weights add up to 1
    std::string explanation;  // "Last talked 12 days ago", "In touch on 8 days in the past year"

    double points() const { return value * weight; }  // what it added to the score
};

struct TieStrength {
    double score = 0;  // 0..1, the sum of the factors' points
    std::array<StrengthFactor, kStrengthFactorCount> factors;
};

// Recency decays exponentially (half-life 60 days) since the last touch; frequency saturates with
// distinct days of contact in the past year; reciprocity is highest when both sides initiate
// (unknown initiators count as neither); duration grows with the tie's age (since first_met or
// the first touch); help counts help given and received both ways (and opportunities through them).
// A contact with no history scores 0 except for duration.
//   recency     0.30  0.5^(days since the last touch / 60)          "Last talked 12 days ago"
//   frequency   0.25  1 - e^(-touch_days_year / 8)                  "In touch on 8 days in the past year"
//   reciprocity 0.15  (1 - |me - them| / known) x min(1, known / 4)  "They started 3 of 5 conversations"
//   duration    0.10  1 - e^(-years / 3)                            "Known for 4 years"
//   help        0.20  1 - e^(-(given + received + opportunities) / 3) "2 favours given, 1 received"
// Duration starts at the earlier of first_met and the first touch; a first_met after today is
// ignored.
TieStrength tie_strength(const Contact& contact, const ContactStats& stats, Date today);
// tie_strength().score without the words: for ranking many contacts.
double tie_score(const Contact& contact, const ContactStats& stats, Date today);

std::string_view to_string(StrengthFactorKind kind);  // "Recency", "Frequency", ...

// The circle the scores suggest: live, unarchived contacts ranked by score, filled into Dunbar's
// layers (cumulatively 5, 15, 50, 150, 500, 1500); a person gets a layer only when their score
// also reaches that layer's floor, so twenty new acquaintances do not fill the inner circle.
// Recognisable has no floor and no cap: every live, unarchived contact gets at least that.
// Equal scores are ranked by id.
struct TierSuggestion {
    Id contact;
    Tier tier = Tier::None;
    double score = 0;
};
// The score each layer needs (Recognisable needs none).
inline constexpr double kInnerFloor = 0.75;
inline constexpr double kCloseFloor = 0.6;
inline constexpr double kFriendsFloor = 0.45;
inline constexpr double kMeaningfulFloor = 0.3;
inline constexpr double kAcquaintancesFloor = 0.15;
std::vector<TierSuggestion> suggest_tiers(const Store& store, const NetworkStats& stats);  // by score, strongest first
// The order and the layers of suggest_tiers, for the incremental outlook: sets the tiers of
// suggestions already ranked (anyone ranked kRankedLayers or lower is Recognisable).
bool suggestion_before(const TierSuggestion& a, const TierSuggestion& b);
void assign_tiers(std::vector<TierSuggestion>& ranked);
inline constexpr std::size_t kRankedLayers = 500;

}  // namespace ties
