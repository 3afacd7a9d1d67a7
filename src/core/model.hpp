// The domain model: plain value types for everything Ties keeps. Every record has a RecordMeta
// (id, created/updated times, tombstone flag) so two copies of the data can be merged record by
// record: the newer write wins and a deletion stays a deletion. Serialisation lives in src/io.
#pragma once

#include "core/date.hpp"
#include "core/id.hpp"

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ties {

struct RecordMeta {
    Id id;
    Millis created = 0;
    Millis updated = 0;
    bool deleted = false;  // a tombstone: fields are cleared, id and times remain

    bool operator==(const RecordMeta&) const = default;
};

// Circles after Dunbar's layers (about 5, 15, 50, 150, 500, 1500 people); None = not set yet.
enum class Tier : std::uint8_t { None, Inner, Close, Friends, Meaningful, Acquaintances, Recognisable };

inline constexpr int kTierCount = 7;

// How often to keep in touch: "due" after ideal_days without contact, "overdue" after max_days.
// ideal_days == 0 means never (no reminders).
struct Cadence {
    std::int32_t ideal_days = 0;
    std::int32_t max_days = 0;

    bool never() const { return ideal_days <= 0; }
    bool operator==(const Cadence&) const = default;
};

// The defaults per circle: weekly, every 3 weeks, every 2 months, twice a year, yearly, never.
Cadence default_cadence(Tier tier);

enum class HandleKind : std::uint8_t { X, LinkedIn, Mastodon, Bluesky, GitHub, Website, Other };

struct Handle {
    HandleKind kind = HandleKind::Other;
    std::string value;  // "@ada", a profile URL, ...

    bool operator==(const Handle&) const = default;
};

// An email address or a phone number with its kind: "work", "home", "mobile", "fax", ... or the
// label a client wrote ("Main", "Assistant"); empty when none was given.
struct ContactPoint {
    std::string value;
    std::string label;

    bool operator==(const ContactPoint&) const = default;
};

// A postal address with vCard's seven parts (RFC 6350 ADR), so nothing is lost on a round trip.
struct PostalAddress {
    std::string label;  // "home", "work", ...
    std::string po_box;
    std::string extended;  // apartment, suite
    std::string street;
    std::string locality;  // city
    std::string region;
    std::string postcode;
    std::string country;

    bool operator==(const PostalAddress&) const = default;
    bool empty() const {
        return po_box.empty() && extended.empty() && street.empty() && locality.empty() && region.empty() &&
               postcode.empty() && country.empty();
    }
};

// How a contact came into Ties: added by hand (someone you just met, usually) or brought in by an
// import of an address book, which says nothing about when you met.
enum class ContactOrigin : std::uint8_t { AddedByHand, Imported };

struct Contact {
    RecordMeta meta;
    std::string display_name;
    std::string given_name;
    std::string family_name;
    std::string nickname;
    std::string company;
    std::string title;
    std::string city;
    std::string region;
    std::string country;
    std::vector<ContactPoint> emails;  // class version 3: labelled (version 2 held plain strings)
    std::vector<ContactPoint> phones;
    std::vector<Handle> handles;
    std::vector<std::string> tags;
    Tier tier = Tier::None;
    std::optional<std::int32_t> cadence_days;      // keep in touch every N days (overrides tier and tags)
    std::optional<std::int32_t> cadence_max_days;  // overdue after N days; unset: 1.5 x cadence_days
    std::string how_met;
    std::optional<Date> first_met;
    std::optional<Id> introduced_by;  // a contact
    std::optional<Id> met_at;         // an event
    std::string notes;
    bool archived = false;
    // Class version 2:
    std::optional<PartialDate> birthday;
    std::optional<PartialDate> anniversary;
    std::optional<Date> snoozed_until;  // left out of the Today queue until this day
    // Class version 3:
    std::vector<PostalAddress> addresses;
    ContactOrigin origin = ContactOrigin::AddedByHand;

    bool operator==(const Contact&) const = default;
};

enum class InteractionKind : std::uint8_t {
    OnlineConversation, DirectMessage, Email, Call, VideoCall, Coffee, MealOrDrinks,
    Meetup,  // meetup, tweetup or event
    IntroductionMade, HelpGiven, HelpReceived, Note,
    Ask,  // a question sent to several people at once (core/ask.hpp); not a touch, like a note
};

// Whether a record of this kind means you were in touch: notes and asks are not (an ask is a
// question sent to many, often in BCC; the answers, logged as touches of their own, are).
inline bool counts_as_touch(InteractionKind kind) { return kind != InteractionKind::Note && kind != InteractionKind::Ask; }

enum class Initiator : std::uint8_t { Unknown, Me, Them };

struct FollowUp {
    Date date;
    std::string text;
    bool done = false;

    bool operator==(const FollowUp&) const = default;
};

struct Interaction {
    RecordMeta meta;
    Date date;
    std::optional<std::int32_t> minute_of_day;  // local time of day, 0..1439
    InteractionKind kind = InteractionKind::Note;
    std::vector<Id> participants;               // contacts; one or more
    Initiator initiator = Initiator::Unknown;
    std::optional<std::int32_t> duration_minutes;
    std::string notes;
    std::optional<FollowUp> follow_up;
    // Class version 2: the event this touch was logged for, so the event and the log are one
    // meeting, never counted twice.
    std::optional<Id> event;
    // Class version 3: the ask (an Interaction of kind Ask) this touch answers. Each answer is a
    // record of its own, so answers marked on two devices both survive a merge.
    std::optional<Id> answers;

    bool operator==(const Interaction&) const = default;
};

enum class EventKind : std::uint8_t { Tweetup, Meetup, Conference, Other };

struct Event {
    RecordMeta meta;
    std::string name;
    EventKind kind = EventKind::Meetup;
    Date date;
    std::string place;
    std::string notes;
    std::vector<Id> attendees;  // contacts

    bool operator==(const Event&) const = default;
};

enum class OpportunityKind : std::uint8_t { Job, Client, Partnership, Speaking, Investment, Other };
enum class OpportunityStatus : std::uint8_t { Open, Won, Lost };

struct Opportunity {
    RecordMeta meta;
    std::string title;
    OpportunityKind kind = OpportunityKind::Other;
    OpportunityStatus status = OpportunityStatus::Open;
    std::optional<double> value;
    Date date;
    std::vector<Id> contacts;  // the people it came through
    std::string notes;
    // Class version 2: the answer to an ask (an Interaction) it came from, if it did.
    std::optional<Id> from_answer;

    bool operator==(const Opportunity&) const = default;
};

// A keep-in-touch rhythm for everyone with a tag ("investors": every 30 days).
struct TagCadence {
    std::string tag;
    Cadence cadence;

    bool operator==(const TagCadence&) const = default;
};

// What the user is willing to spend on keeping up ties; 0 means none.
struct Budget {
    std::int32_t meetings_per_week = 2;   // in person: coffee, a meal, a meetup
    std::int32_t minutes_per_week = 180;  // all networking time, meetings included
    std::int32_t messages_per_day = 3;    // messages, emails, DMs
    // Class version 2: how many people to ask for help in seven days (core/ask.hpp).
    std::int32_t asks_per_week = 30;

    bool operator==(const Budget&) const = default;
};

std::array<Cadence, kTierCount> default_cadences();

// The user's settings: a single record with a fixed id, merged like any other record.
struct Settings {
    RecordMeta meta;  // meta.id == kSettingsId
    std::string your_name;
    // Class version 2:
    std::array<Cadence, kTierCount> cadences = default_cadences();  // indexed by Tier
    std::vector<TagCadence> tag_cadences;
    Budget budget;
    // Class version 3: the person's own email addresses (lower-case), which tell a mailbox's
    // messages to and from them apart from mail between other people.
    std::vector<std::string> own_addresses;

    bool operator==(const Settings&) const = default;
};

inline constexpr Id kSettingsId{0, 1};

using Record = std::variant<Contact, Interaction, Event, Opportunity, Settings>;

const RecordMeta& meta_of(const Record& record);
RecordMeta& meta_of(Record& record);

// The same kind of record with the same id and times, its fields cleared, marked deleted.
Record tombstone_of(const Record& record);

// Display helpers that never return an empty string for a live contact.
std::string contact_label(const Contact& contact);  // display name, else given+family, else an email, else "(no name)"

// Emails or phones as one line a person can edit: "ada@ibm.com (work), ada@home.example".
// parse_points reads that line back: a trailing "(label)" of letters and spaces is the label.
std::string format_points(const std::vector<ContactPoint>& points);
std::vector<std::string> values_of(const std::vector<ContactPoint>& points);
std::vector<ContactPoint> unlabelled(std::vector<std::string> values);
std::vector<ContactPoint> parse_points(std::string_view text);
ContactPoint parse_point(std::string_view item);  // one item: "ada@ibm.com (work)" -> {"ada@ibm.com", "work"}
// Addresses as lines a person can read and edit, one per address, the label first:
// "home: 12 rue des Lilas, H2X 1Y4 Montréal, QC, Canada" (PO box and extended part before the
// street; empty parts left out; line breaks inside a part written as ", ").
std::string format_address(const PostalAddress& address);
std::string format_addresses(const std::vector<PostalAddress>& addresses);  // one line each
// Reads such lines back. A line that is still exactly format_address of one of `before` keeps
// that address whole (its PO box and extended part stay where they were); other lines: an
// optional "label:" (letters, spaces, hyphens), then parts split on commas: the last three are
// "postcode city", region and country (fewer parts: street, "postcode city", country), the rest
// the street; in "postcode city" the leading words with a digit are the postcode.
std::vector<PostalAddress> parse_addresses(std::string_view text, const std::vector<PostalAddress>& before = {});

// "(905) 555-1234 · mobile" style: the value, then the label when there is one.
std::string point_label(const ContactPoint& point);

std::string_view to_string(Tier tier);             // "Inner circle (5)" ...
std::string_view to_string(HandleKind kind);       // "X", "LinkedIn", ...
std::string_view to_string(InteractionKind kind);  // "Online conversation", ...
std::string_view to_string(Initiator initiator);   // "Unknown", "Me", "Them"
std::string_view to_string(EventKind kind);
std::string_view to_string(OpportunityKind kind);
std::string_view to_string(OpportunityStatus status);

}  // namespace ties
