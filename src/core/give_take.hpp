// Give and take: who helped whom. Help given is a HelpGiven or IntroductionMade interaction; help
// received is a HelpReceived interaction, an opportunity that came through someone, or having been
// introduced by them (Contact::introduced_by). The nudges lean towards giving first.
// Also: where opportunities come from, weak ties or strong ones, measured at the time they came.
#pragma once

#include "core/store.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace ties {

struct GiveTake {
    Id contact;
    std::int32_t given = 0;
    std::int32_t received = 0;
    std::optional<Date> last_given;
    std::optional<Date> last_received;
};

struct Ledger {
    std::int32_t given = 0;     // overall, counted once per interaction (not per participant)
    std::int32_t received = 0;
    std::vector<GiveTake> people;  // live contacts with any help either way; most exchanged first
    // Helped you and you never helped back: the most recent help first.
    std::vector<Id> to_repay;
    // You helped them several times (3+) and never asked or received anything: the "ask" nudge
    // (be generous, and do not hesitate to ask).
    std::vector<Id> could_ask;

    const GiveTake* of(Id contact) const;  // nullptr when no help either way
};

inline constexpr std::int32_t kAskAfterGiving = 3;  // could_ask: helped them this often, nothing back

// Records dated after `today` are left out, and so are interactions and opportunities with no live
// contact. An introduction (introduced_by) is dated on first_met, else on the day the contact was
// added. Archived people stay in `people` but get no nudges.
Ledger build_ledger(const Store& store, Date today);

// --- The pieces build_ledger is made of, for the incremental outlook (outlook.hpp). ---
// One live contact's tally from the records that list it (interactions, opportunities; others
// are skipped) and the contacts it introduced; nullopt when there is no help either way.
std::optional<GiveTake> give_take_of(const Store& store, Id contact, const std::vector<Id>& records,
                                     const std::vector<Id>& introduced, Date today);
// What one record adds to Ledger::given and Ledger::received: 0, or 1 for given / 2 for received
// (a help interaction or an opportunity with a live person, an introduction by a live contact).
int help_counted(const Store& store, Id record, Date today);
bool ledger_before(const GiveTake& a, const GiveTake& b);  // the order of Ledger::people
// Fills to_repay and could_ask from people: the unarchived people for whom should_repay() or
// could_ask() holds, in the order of repay_before() and ask_before().
void add_nudges(Ledger& ledger, const Store& store);
bool should_repay(const GiveTake& g);
bool could_ask(const GiveTake& g);
bool repay_before(const GiveTake& a, const GiveTake& b);
bool ask_before(const GiveTake& a, const GiveTake& b);

// Every act of help up to `today`, once each, as build_ledger counts it: its date, whether you
// gave it, and the people involved (as recorded: may include ids that are no longer live).
using HelpVisitor = std::function<void(Date date, bool given, const std::vector<Id>& people)>;
void for_each_help(const Store& store, Date today, const HelpVisitor& visit);

// An opportunity and the tie it came through, with the tie's strength as it was on the
// opportunity's date (tie_strength with that date as today, on the history before it).
struct OpportunityOrigin {
    Id opportunity;
    Date date;
    std::optional<Id> via;        // the strongest live contact it came through, if any
    double strength_then = 0;
    Tier tier_now = Tier::None;   // the via contact's circle today
    bool weak = false;            // strength_then < kWeakTieBelow
};

inline constexpr double kWeakTieBelow = 0.5;

// Live opportunities that came through at least one live contact, oldest first.
std::vector<OpportunityOrigin> opportunity_origins(const Store& store);

}  // namespace ties
