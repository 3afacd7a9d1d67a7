// Asking for help (issue 16): the other half of "be generous". Choose whom to ask (a cluster of
// the map, a tag, a city, a circle, or the people whose company, title or past help fits the
// question), write the question once, and send it the way each person can be reached: e-mail
// drafts in BCC batches (mailto), the X / Mastodon compose page, their LinkedIn profile, or a
// copied list.
//
// An ask is an Interaction of kind Ask: its participants are the people asked, its notes the
// question. It is logged on each person but is not a touch (a question sent to many in BCC is not
// keeping in touch). An answer is a touch of its own (initiated by them) whose `answers` names the
// ask, so answers marked on two devices both survive a merge. An answer that leads somewhere
// becomes an opportunity linked to that person.
//
// Asking respects a weekly budget (Budget::asks_per_week people, Monday to Sunday like the rest
// of the budget) and leaves out, unless told otherwise, the people asked in the last
// kAskRestDays days.
#pragma once

#include "core/network_stats.hpp"
#include "core/store.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ties {

inline constexpr std::int32_t kAskRestDays = 30;

// --- Whom to ask ---------------------------------------------------------------------------------

// Live, not archived contacts with the tag / in the city / in the circle (case-insensitive for
// tags and cities), in no particular order.
std::vector<Id> people_tagged(const Store& store, std::string_view tag);
std::vector<Id> people_in_city(const Store& store, std::string_view city);
std::vector<Id> people_in_circle(const Store& store, Tier tier);

// The people whose company or title contains every word of `words`, or who helped you (help
// received) or whom you helped with a note that contains every word; each with why they fit
// ("works at Fjord Labs", "helped you on 2026-03-02: intro to a recruiter").
struct Fit {
    Id id;
    std::string why;
};
std::vector<Fit> people_who_fit(const Store& store, std::string_view words);

// Every tag and city in use (as first written), sorted case-insensitively, for the choosers.
std::vector<std::string> tags_in_use(const Store& store);
std::vector<std::string> cities_in_use(const Store& store);

// --- Planning an ask -------------------------------------------------------------------------------

struct RecentAsk {
    Id id;
    Date asked;  // the latest ask that listed them, within kAskRestDays
};

struct AskPlan {
    std::vector<Id> to_ask;             // strongest tie first, within the week's budget
    std::vector<RecentAsk> recent;      // asked in the last kAskRestDays days: left out unless included
    std::vector<Id> over_budget;        // would go over this week's budget: left out
    std::int32_t asked_this_week = 0;   // people asked since Monday (an ask to 5 counts 5)
    std::int32_t budget = 0;            // Budget::asks_per_week
    std::int32_t left() const { return budget > asked_this_week ? budget - asked_this_week : 0; }
};

// The asks in the store, newest first, each with the answers marked (person -> answer record):
// one pass over the interactions, which the page keeps until the store changes.
struct AskRecord {
    const Interaction* ask = nullptr;
    std::vector<std::pair<Id, Id>> answers;  // (person, answer interaction), in the ask's order
    std::optional<Id> answer_of(Id person) const;
};
std::vector<AskRecord> asks_in(const Store& store);

// People asked from Monday to today (each ask counts every person on it), from asks_in.
std::int32_t asked_this_week(std::span<const AskRecord> asks, Date today);

// The plan for asking `audience` today: dead, archived and repeated ids dropped, the strongest
// ties first (tie_score from `stats`), the recently asked (from `asks`, as asks_in gives them)
// left out unless `include_recent`, and no more than the week's budget has left.
AskPlan plan_ask(const Store& store, const NetworkStats& stats, std::span<const AskRecord> asks, std::span<const Id> audience,
                 Date today, bool include_recent);

// --- How to send it --------------------------------------------------------------------------------

enum class AskChannel : std::uint8_t { Mail, X, Mastodon, LinkedIn, Copy };
std::string_view to_string(AskChannel channel);  // "E-mail", "X", "Mastodon", "LinkedIn", "Copied list"

// The way to reach them: e-mail when they have an address (it reaches them privately and in one
// batch), else the X, Mastodon or LinkedIn handle they have, else only the copied list.
AskChannel channel_for(const Contact& contact);

// Percent-encoding for a URL's query (RFC 3986 unreserved characters kept; UTF-8 bytes encoded).
std::string url_encode(std::string_view text);

// mailto: URLs (RFC 6068) with the addresses in BCC, `subject` and `body`; as few as possible,
// each at most `max_people` addresses and, where the question allows, `max_length` characters
// (mail clients and browsers cut longer ones; a longer question is still sent whole, one
// address a draft at worst). Line breaks in the body are written as CRLF.
inline constexpr std::size_t kMailtoPeople = 40;
inline constexpr std::size_t kMailtoLength = 1900;
std::vector<std::string> mailto_batches(std::span<const std::string> addresses, std::string_view subject,
                                        std::string_view body, std::size_t max_people = kMailtoPeople,
                                        std::size_t max_length = kMailtoLength);

// The page that composes the question to one person on X, Mastodon or LinkedIn: X's post intent
// with "@them " before the question, the share page of their Mastodon server, their LinkedIn
// profile (LinkedIn has no compose link: the question goes to the clipboard). None when their
// handle cannot make one.
std::optional<std::string> compose_url(AskChannel channel, const Contact& contact, std::string_view question);

// The copied list: one line per person, "Name <address>" or "Name (handle)" or just the name,
// after the question.
std::string ask_list_text(const Store& store, std::span<const Id> people, std::string_view question);

// --- Logging it ---------------------------------------------------------------------------------

// The ask as a record: kind Ask, initiated by you, today, the people and the question.
Interaction make_ask(Id id, std::span<const Id> people, std::string_view question, Date today);

// Their answer: a touch from them today (an e-mail when they were asked by mail, else a direct
// message) that names the ask.
Interaction make_answer(Id id, const Interaction& ask, Id person, Date today, AskChannel channel);

// An opportunity that came from their answer, linked to them and to the answer.
Opportunity opportunity_from_answer(Id id, const Interaction& ask, const Interaction& answer, Date today);
// The live opportunity that came from this answer, if there is one.
const Opportunity* opportunity_from(const Store& store, Id answer);

// "2 of 12 answered".
std::string answered_words(const AskRecord& record);

}  // namespace ties
