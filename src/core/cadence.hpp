// How often to keep in touch with one person, and where that rhythm comes from: the person's own
// setting, else the most frequent rhythm among their tags, else their circle's (Settings).
#pragma once

#include "core/model.hpp"

#include <string>

namespace ties {

enum class CadenceSource { Circle, Tag, Contact };

struct EffectiveCadence {
    Cadence cadence;  // never() when there are no reminders for this person
    CadenceSource source = CadenceSource::Circle;
    std::string tag;  // the tag it comes from, when source == Tag
};

// A contact's own cadence_days wins (max: cadence_max_days, else 1.5 x ideal rounded up); then the
// tag cadence with the shortest ideal among the contact's tags (tags compared case-insensitively;
// a "never" tag cadence counts only when no tag has a real one); then the circle's cadence.
// A max below the ideal is read as equal to the ideal. A cadence_days of 0 or less means never for
// this person, whatever the tags and circle say. Of equally short tag cadences the first in
// Settings wins.
EffectiveCadence cadence_for(const Contact& contact, const Settings& settings);

// "Relax the cadence": the next longer of the default circle rhythms (7, 21, 60, 182, 365 days),
// or double when already at a year or more; the max keeps its ratio to the ideal (rounded).
// Never stays never.
Cadence relaxed(Cadence cadence);

// "every week", "every 3 weeks", "every 2 months", "twice a year", "every year", "every 10 days",
// "never". Whole weeks up to 8; within a day of whole years; within a day per month of whole
// months below 24 (30 and 31 are "every month", 182 and 183 "twice a year", 540 "every 18
// months"); else days.
std::string describe_interval(std::int32_t days);
std::string describe(const Cadence& cadence);  // of the ideal

}  // namespace ties
