// Cadences: which rhythm applies to a person (own setting, tags, circle) and how to say it in
// words. cadence_for runs for every contact on every Today rebuild, so tag matching compares in
// place, without building lower-cased copies.
#include "core/cadence.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace ties {
namespace {

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_folded(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    }
    return true;
}

Cadence with_sane_max(Cadence cadence) {
    if (cadence.never()) return Cadence{};
    if (cadence.max_days < cadence.ideal_days) cadence.max_days = cadence.ideal_days;
    return cadence;
}

std::string every(int count, std::string_view unit) {
    if (count == 1) return "every " + std::string(unit);
    return "every " + std::to_string(count) + " " + std::string(unit) + "s";
}

}  // namespace

EffectiveCadence cadence_for(const Contact& contact, const Settings& settings) {
    EffectiveCadence out;
    if (contact.cadence_days) {
        out.source = CadenceSource::Contact;
        const std::int32_t ideal = *contact.cadence_days;
        if (ideal <= 0) return out;
        const std::int32_t max = contact.cadence_max_days ? *contact.cadence_max_days : ideal + (ideal + 1) / 2;
        out.cadence = with_sane_max(Cadence{ideal, max});
        return out;
    }

    const TagCadence* best = nullptr;
    const TagCadence* never_tag = nullptr;
    for (const TagCadence& tc : settings.tag_cadences) {
        const bool has_tag = std::any_of(contact.tags.begin(), contact.tags.end(),
                                         [&](const std::string& tag) { return equal_folded(tag, tc.tag); });
        if (!has_tag) continue;
        if (tc.cadence.never()) {
            if (!never_tag) never_tag = &tc;
        } else if (!best || tc.cadence.ideal_days < best->cadence.ideal_days) {
            best = &tc;
        }
    }
    if (best || never_tag) {
        const TagCadence& chosen = best ? *best : *never_tag;
        out.source = CadenceSource::Tag;
        out.tag = chosen.tag;
        out.cadence = with_sane_max(chosen.cadence);
        return out;
    }

    const auto tier = static_cast<std::size_t>(contact.tier);
    out.cadence = with_sane_max(tier < settings.cadences.size() ? settings.cadences[tier] : Cadence{});
    return out;
}

Cadence relaxed(Cadence cadence) {
    if (cadence.never()) return Cadence{};
    cadence = with_sane_max(cadence);
    static constexpr std::array<std::int32_t, 5> kRhythms = {7, 21, 60, 182, 365};
    std::int32_t ideal = cadence.ideal_days * 2;
    for (const std::int32_t rhythm : kRhythms) {
        if (rhythm > cadence.ideal_days) {
            ideal = rhythm;
            break;
        }
    }
    const double ratio = static_cast<double>(cadence.max_days) / cadence.ideal_days;
    const auto max = static_cast<std::int32_t>(std::llround(ideal * ratio));
    return Cadence{ideal, max < ideal ? ideal : max};
}

std::string describe_interval(std::int32_t days) {
    if (days <= 0) return "never";
    if (days == 1) return "every day";
    if (days % 7 == 0 && days <= 56) return every(days / 7, "week");
    constexpr double kDaysPerYear = 365.25;
    constexpr double kDaysPerMonth = kDaysPerYear / 12;
    const auto years = static_cast<int>(std::lround(days / kDaysPerYear));
    if (years >= 1 && std::abs(days - years * kDaysPerYear) <= 1.0) return every(years, "year");
    // Within a day per month of a whole number of months: 30 and 31 are "every month", 90 and 91
    // "every 3 months", 540 "every 18 months".
    const auto months = static_cast<int>(std::lround(days / kDaysPerMonth));
    if (months >= 1 && months < 24 && std::abs(days - months * kDaysPerMonth) <= months) {
        if (months == 6) return "twice a year";
        if (months == 12) return "every year";
        return every(months, "month");
    }
    return "every " + std::to_string(days) + " days";
}

std::string describe(const Cadence& cadence) { return describe_interval(cadence.never() ? 0 : cadence.ideal_days); }

}  // namespace ties
