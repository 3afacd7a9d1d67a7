// Importing people without merging two different people, or duplicating one: every card of an
// import is matched against the earlier cards of the same import and against the store by the
// evidence rules of contact_keys.hpp (judge_match) before anything is written. Each match comes
// with its reason in words; strong evidence is merged unless the person says otherwise, weak
// evidence is only a question. Importing the same file twice changes nothing the second time.
// Matching uses hash maps of the import's keys, so it costs one pass over the store, also at
// 100,000 contacts.
#pragma once

#include "core/store.hpp"

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace ties {

struct ImportMatch {
    static constexpr std::size_t kStore = static_cast<std::size_t>(-1);
    std::size_t incoming = 0;   // a card: index into ImportPlan::contacts
    std::size_t card = kStore;  // an earlier card of the same import it joins, or kStore:
    Id existing;                // a live contact of the store it joins (when card == kStore)
    bool strong = false;        // merged by default; weak evidence is listed, not merged unasked
    std::string reason;         // "same email ada@example.org", "same name, nothing else to compare"
    bool in_file() const { return card != kStore; }
};

struct ImportPlan {
    std::vector<Contact> contacts;          // every card of the import, as read
    std::vector<Interaction> interactions;  // participants point into `contacts`
    std::vector<ImportMatch> matches;       // at most one per card, in card order
    // The cards are people found in a mailbox or a calendar (io/history_import.hpp): a card
    // that matches nobody you have is only offered, and becomes a person when `add` ticks it.
    bool history = false;
};

// Each card is compared with the earlier cards that share a key with it (email, profile, phone,
// name) and joins the best one, when the evidence is strong, or asks about it when it is weak.
// Then each person of the import (a card with the cards strongly joined to it) is compared with
// the live contacts of the store sharing a key, and the best is its match: an email held by
// people with different names (in the file or the store) is a shared mailbox, not evidence; a
// store contact with the same name and the very same details is a match (the file imported
// again); a name alone held by several contacts is not. A card whose weak in-file question is
// outweighed by a match in the store gets the store match instead.
ImportPlan plan_import(const Store& store, std::vector<Contact> contacts, std::vector<Interaction> interactions);

// The merges the preview ticks first: the strong ones.
std::vector<bool> default_merges(const ImportPlan& plan);

struct ImportSummary {
    std::size_t cards = 0;
    std::size_t added = 0;       // new people (cards combined count once; declined matches included)
    std::size_t merged = 0;      // people of the import merged into people you have
    std::size_t combined = 0;    // cards folded into another card of the import
    std::size_t left_apart = 0;  // matches not made (unticked, or weak and not asked for)
    std::size_t updated = 0;     // existing contacts that gained something (import_change only)
    std::size_t interactions_added = 0;
    std::size_t interactions_known = 0;  // already in the store (the same file imported again)
    std::size_t offered = 0;             // history: people you don't have, not added
    std::size_t interactions_offered = 0;  // history: touches only with them, left out
    std::vector<std::pair<std::string, std::size_t>> groups;  // a person and how many cards made them
    std::vector<std::size_t> new_people;  // the card each new person is listed by (`added` of them), in card order
                                          // (history: each person offered, added or not)
};

// What the import does with `merge` (per plan.matches; a missing entry takes default_merges's):
// an in-file match that is ticked folds the card into the card it names (and so on, to the
// first), a store match that is ticked merges that person into the contact; unticked, a card is
// a person of its own.
// In a history plan, `add` (per card) says which of the people you don't have become contacts;
// touches keep only the people who are or become contacts, and are left out when none is.
ImportSummary summarise_import(const Store& store, const ImportPlan& plan, const std::vector<bool>& merge,
                               const std::vector<bool>& add = {});

// A person a history import offers (someone you talk to but don't have): their card, how many of
// the import's touches they are in, and the latest; most touches first, then the latest first,
// then in card order. `summary` is the import's (its new_people are the people offered).
struct OfferedPerson {
    std::size_t card = 0;  // in plan.contacts
    std::size_t touches = 0;
    Date last;
};
std::vector<OfferedPerson> offered_people(const ImportPlan& plan, const ImportSummary& summary);

// The counts in words: "12 cards: 9 new people, 4 cards of John Doe combined into one, 1 merged
// with someone you have, 2 possible matches left apart".
std::string describe_import(const ImportSummary& summary);

// The message once the import is done, in the preview's words: "Imported 9 entries from 3 files:
// 6 new people, 4 entries for John Doe combined into one, 1 possible match left apart;
// 1 conversation. Undo takes it all back."
std::string describe_import_done(const ImportSummary& summary, const std::string& source);

// The same for a history plan: "Added 1204 touches with 87 people you have and 3 new people;
// 12 were there already; 230 people you don't have left out, with 410 touches only with them. Undo
// takes it all back."
std::string describe_history_done(const ImportSummary& summary);

// One Change for Store::apply (which stamps the times), as summarise_import says: new people
// (each the union of its cards, as merge_contacts unites), matched contacts with what their cards
// add (not rewritten when it is nothing), the interactions with participants pointing at the
// people their cards became (no duplicate participants), except those the store already has
// (same day, time, kind, notes, initiator and people). In a history plan, a touch the store has
// with fewer of its people (someone from it added since) is widened to them, not added twice.
Change import_change(const Store& store, const ImportPlan& plan, const std::vector<bool>& merge, std::string label,
                     ImportSummary* summary = nullptr, const std::vector<bool>& add = {});

}  // namespace ties
