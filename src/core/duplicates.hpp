// Likely duplicate contacts (the same person imported twice, or added by hand and imported),
// and merging two contacts into one without losing any history.
#pragma once

#include "core/store.hpp"

#include <string>
#include <vector>

namespace ties {

struct DuplicatePair {
    Id keep;        // the suggested survivor: the older record (created first)
    Id remove;
    std::string reason;  // "same email ada@example.org", "same LinkedIn profile", "similar names"
    int score = 0;       // higher = more certain: judge_match's score; similar names 40
};

// Live contacts only. Pairs sharing an email, a profile (normalised: scheme, "www.", trailing
// slash, "@" and case ignored; not a web site, which may be a company's) or a phone number, or
// with the same name, as judge_match (contact_keys.hpp) weighs them: the same evidence imports
// use, weak evidence ("shares info@shop.example, but the names differ") ranked below strong; or
// very similar names (folded, words in any order, small edit distance). Sorted by score, best
// first. Must stay fast at 100,000 contacts: group by keys, never compare all pairs.
std::vector<DuplicatePair> find_duplicates(const Store& store);

// One undoable Change: `keep` gains whatever `remove` has that it lacks (emails, phones,
// handles, tags as unions; empty fields filled; notes appended), every interaction, event,
// opportunity and introduced_by that points at `remove` points at `keep` instead (no duplicate
// participants), and `remove` becomes a tombstone. Empty Change when either is missing.
Change merge_contacts(const Store& store, Id keep, Id remove);

}  // namespace ties
