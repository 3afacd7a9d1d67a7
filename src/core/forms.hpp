// Forms, without the screen: a draft holds what the person typed into a form (text, ticks and the
// record being edited), and a read_* function turns it into a record or says which field is wrong
// and what it accepts. Every panel that shows a form (the contact form, a person's page, the
// interaction form, the quick log, events, opportunities, Settings) checks through these, so each
// rule and each message is written once and tested natively.
#pragma once

#include "core/date.hpp"
#include "core/id.hpp"
#include "core/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ties {

// The longest keep-in-touch rhythm, in days (about ten years): for a person and in Settings.
inline constexpr std::int32_t kMaxRhythmDays = 3650;
// The longest interaction, in minutes: a whole day.
inline constexpr std::int32_t kMaxDurationMinutes = 24 * 60;
// The largest number a budget field takes.
inline constexpr std::int32_t kMaxBudget = 100000;
// Who reached out when nobody said: you. Most touches people log are the ones they made, and it
// is one click to change; every log form starts with it.
inline constexpr Initiator kDefaultInitiator = Initiator::Me;

// What reading a form or a field gives: the value, or a message that names the field and says
// what it accepts ("Date: write it as YYYY-MM-DD, for example 2024-03-12."). The one shape of a
// form's failure.
template <typename T>
struct FormResult {
    T value{};          // meaningful only when ok()
    std::string error;  // "" when what was typed is valid

    bool ok() const { return error.empty(); }
};

// --- Messages shared by several fields ------------------------------------------------------------

// "Date: write it as YYYY-MM-DD, for example 2024-03-12."; "First met: write the date as …".
std::string date_error(std::string_view caption);
// "Birthday: write it as YYYY-MM-DD, or MM-DD when you do not know the year."
std::string yearly_error(std::string_view caption);

// --- Single fields (the contact page edits them one at a time) ------------------------------------

// "ada@ibm.com (work), ada@home.example" (format_points): every address must look like one.
FormResult<std::vector<ContactPoint>> read_emails(std::string_view text);
// A calendar day, or none when left empty.
FormResult<std::optional<Date>> read_optional_date(std::string_view caption, std::string_view text);
// A birthday or anniversary ("1990-03-12", "03-12", "--03-12"), or none when left empty.
FormResult<std::optional<PartialDate>> read_yearly(std::string_view caption, std::string_view text);
// Birthdays and anniversaries as typed: "1990-03-12", or "03-12" when the year is unknown.
std::string yearly_input(const PartialDate& date);
// The inverse; also takes vCard's "--03-12". nullopt when not a real day.
std::optional<PartialDate> parse_yearly(std::string_view text);
// "12,000" or "1,234.50": a number with thousands separators, decimals only when needed.
std::string format_amount(double value);
// An opportunity's value, forgiving: "12000", "12,000", "12 000.50"; none when left empty.
FormResult<std::optional<double>> read_amount(std::string_view text);

// --- A contact ------------------------------------------------------------------------------------

struct ContactDraft {
    Contact contact;  // names, company, notes… typed into it directly; the fields below as text
    std::string emails, phones, tags, first_met, birthday, anniversary;
    std::string addresses;  // one per line: "home: 12 rue des Lilas, H2X 1Y4 Montréal, QC, Canada"
    bool has_cadence = false;
    int cadence_days = 30;
    std::string cadence_max_days;  // empty: 1.5 x cadence_days
};

ContactDraft new_contact(Id id);
ContactDraft draft_of(const Contact& contact);
// Names trimmed (one of them needed), emails checked, phones, addresses and tags split, dates
// read, a rhythm of 1 to kMaxRhythmDays days, websites checked, empty profiles dropped.
FormResult<Contact> read_contact(const ContactDraft& draft);

// --- An interaction, and the quick log ------------------------------------------------------------

struct InteractionDraft {
    Interaction interaction;  // kind, people, initiator and notes directly; the rest below as text
    std::string date, time, follow_up_date, follow_up_text;
    bool has_duration = false, has_follow_up = false, follow_up_done = false;
    int duration = 30;
    std::vector<Contact> new_people;  // created on the spot, saved with the interaction
};

// A coffee today, reached out by you, a follow-up two weeks later if asked for.
InteractionDraft new_interaction(Id id, std::vector<Id> people, Date today);
InteractionDraft draft_of(const Interaction& interaction);
// At least one person, a date, an optional time (HH:MM) and duration (1 to kMaxDurationMinutes),
// notes trimmed, a follow-up with its date when asked for.
FormResult<Interaction> read_interaction(const InteractionDraft& draft);

// The quick log: a touch, for one of that day's events or a new event made from the log.
struct QuickLogDraft {
    InteractionDraft touch;
    std::optional<Id> event;  // an event of the touch's day
    bool new_event = false;   // or a new one, with this name and kind
    std::string event_name;
    EventKind event_kind = EventKind::Meetup;
};

// The touch as read_interaction reads it; a new event needs a name.
FormResult<Interaction> read_quick_log(const QuickLogDraft& draft);

// --- An event and an opportunity ------------------------------------------------------------------

struct EventDraft {
    Event event;  // name, kind, place, notes and attendees directly
    std::string date;
    std::vector<Contact> new_people;  // created in the form, saved with the event
};

EventDraft new_event(Id id, Date today);
EventDraft draft_of(const Event& event);
// A name, a date; place and notes trimmed.
FormResult<Event> read_event(const EventDraft& draft);

struct OpportunityDraft {
    Opportunity opportunity;  // title, kind, status, people and notes directly
    std::string date, value;
    std::vector<Contact> new_people;  // created in the form, saved with the opportunity
};

OpportunityDraft new_opportunity(Id id, Date today);
OpportunityDraft draft_of(const Opportunity& opportunity);
// A title, an optional value, a date; notes trimmed.
FormResult<Opportunity> read_opportunity(const OpportunityDraft& draft);

// --- Settings -------------------------------------------------------------------------------------

// A circle's or a tag's rhythm as typed: both numbers 0 (never) to kMaxRhythmDays; no maximum
// when there are no reminders, else a maximum below the ideal is raised to it.
FormResult<Cadence> read_rhythm(Cadence typed);
// A new tag rhythm: a tag that has none yet (compared as search does), and a rhythm as above.
FormResult<TagCadence> read_tag_rhythm(std::string_view tag, Cadence typed, const std::vector<TagCadence>& existing);
// One of the budget's numbers: 0 to kMaxBudget.
FormResult<std::int32_t> read_budget(std::string_view caption, std::int32_t typed);

// --- Your own e-mail addresses (Settings) ---------------------------------------------------------

// "Me@Home.org, me@work.com;x" -> {"me@home.org", "me@work.com"}: split at commas, semicolons and
// spaces, lower-cased, each once, in order; words without an '@' left out.
std::vector<std::string> read_own_addresses(std::string_view text);
std::string join_addresses(const std::vector<std::string>& addresses);  // "a@x.org, b@y.com"

}  // namespace ties
