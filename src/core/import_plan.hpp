// Importing people without duplicating them: the people of an import are matched against the
// store (and against each other) by the keys duplicates use (same email, same handle or profile
// URL, same folded full name) before anything is written, so the user can review each match, and
// importing the same file twice changes nothing the second time. Matching uses hash maps of the
// import's keys, so it costs one pass over the store, also at 100,000 contacts.
#pragma once

#include "core/store.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace ties {

struct ImportMatch {
    std::size_t incoming = 0;  // index into ImportPlan::contacts
    Id existing;               // a live contact of the store
    std::string reason;        // "same email ada@example.org", "same LinkedIn profile", "same name"
};

struct ImportPlan {
    std::vector<Contact> contacts;          // the import's people, those listed twice combined
    std::vector<Interaction> interactions;  // participants point into `contacts`
    std::vector<ImportMatch> matches;       // at most one per incoming contact, by incoming index
    std::size_t combined = 0;               // incoming records folded into another of the import
};

// Matches by, in this order: an email (case-insensitive), a handle or profile URL (normalised as
// duplicates do), the folded full name (exact, words in any order). A name alone is not enough
// when it belongs to several live contacts, or when the two records disagree (both have emails
// and share none, or both have a handle of one kind and they differ). An email or handle held
// by several contacts matches the oldest. Within the import the same keys combine records of one
// person (a CSV listing someone twice); their interactions follow.
ImportPlan plan_import(const Store& store, std::vector<Contact> contacts, std::vector<Interaction> interactions);

struct ImportSummary {
    std::size_t added = 0;                 // new contacts (declined matches included)
    std::size_t merged = 0;                // incoming contacts merged into existing ones
    std::size_t updated = 0;               // existing contacts that gained something
    std::size_t interactions_added = 0;
    std::size_t interactions_known = 0;    // already in the store (the same file imported again)
};

// One Change for Store::apply (which stamps the times): the unmatched people as new contacts;
// for each match with merge[i] (a missing entry counts as true) the incoming contact absorbed
// into the existing one (field unions as merge_contacts), else added as a new contact; the
// interactions with participants pointing at the contacts they were merged into (no duplicate
// participants), except those the store already has (same day, time, kind, notes, initiator and
// people). An existing contact that gains nothing is not rewritten.
Change import_change(const Store& store, const ImportPlan& plan, const std::vector<bool>& merge, std::string label,
                     ImportSummary* summary = nullptr);

}  // namespace ties
