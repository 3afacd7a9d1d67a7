// Forms without the screen: what a person types into each form becomes the expected record, and
// every wrong field gives the message that names it and says what it accepts.
#include "core/forms.hpp"

#include <doctest/doctest.h>

using namespace ties;

namespace {

Id id_of(std::uint64_t n) { return Id{7, n}; }

Date day(int year, int month, int d) { return Date::from_ymd(year, month, d); }

ContactDraft named(std::string name) {
    ContactDraft d = new_contact(id_of(1));
    d.contact.display_name = std::move(name);
    return d;
}

std::string contact_error(const ContactDraft& d) { return read_contact(d).error; }

InteractionDraft coffee_with_ada() { return new_interaction(id_of(10), {id_of(1)}, day(2024, 3, 12)); }

}  // namespace

// --- Messages ---------------------------------------------------------------------------------------

TEST_CASE("date messages name the field and give an example; yearly ones say the year may be left out") {
    CHECK(date_error("Date") == "Date: write it as YYYY-MM-DD, for example 2024-03-12.");
    CHECK(date_error("Follow-up date") == "Follow-up date: write it as YYYY-MM-DD, for example 2024-03-12.");
    CHECK(date_error("First met") == "First met: write the date as YYYY-MM-DD, for example 2024-03-12.");
    CHECK(date_error("To") == "To: write the date as YYYY-MM-DD, for example 2024-03-12.");
    CHECK(yearly_error("Birthday") == "Birthday: write it as YYYY-MM-DD, or MM-DD when you do not know the year.");
    CHECK(kMaxRhythmDays == 3650);
}

// --- Single fields ----------------------------------------------------------------------------------

TEST_CASE("emails: labelled as the contact page writes them, each checked, the bad one named") {
    const auto empty = read_emails("  ");
    CHECK(empty.ok());
    CHECK(empty.value.empty());

    const auto two = read_emails("ada@ibm.com (work),  ada@home.example ");
    REQUIRE(two.ok());
    CHECK(two.value == std::vector<ContactPoint>{{"ada@ibm.com", "work"}, {"ada@home.example", ""}});

    // What format_points writes reads back the same.
    const std::vector<ContactPoint> points{{"a@b.c", "work"}, {"ada@lovelace.example", "home office"}};
    CHECK(format_points(points) == "a@b.c (work), ada@lovelace.example (home office)");
    const auto again = read_emails(format_points(points));
    REQUIRE(again.ok());
    CHECK(again.value == points);

    const auto bad = read_emails("ada@ibm.com, not-an-email (work), grace@navy.example");
    CHECK_FALSE(bad.ok());
    CHECK(bad.error == "\"not-an-email\" does not look like an email address.");
    CHECK(read_emails("ada@ibm.com, ada at home").error == "\"ada at home\" does not look like an email address.");
    CHECK(read_emails("a@b").error == "\"a@b\" does not look like an email address.");
}

TEST_CASE("an optional date: empty is none, a real calendar day is read, anything else names the field") {
    CHECK(read_optional_date("First met", "").ok());
    CHECK_FALSE(read_optional_date("First met", "   ").value.has_value());
    CHECK(read_optional_date("First met", " 2024-02-29 ").value == day(2024, 2, 29));
    for (const char* wrong : {"2024-02-30", "2023-02-29", "2024-13-01", "12/03/2024", "2024-3-12", "yesterday"})
        CHECK(read_optional_date("First met", wrong).error == date_error("First met"));
}

TEST_CASE("birthdays and anniversaries: with or without the year, a real day, empty is none") {
    CHECK_FALSE(read_yearly("Birthday", " ").value.has_value());
    CHECK(read_yearly("Birthday", "1990-03-12").value == PartialDate{1990, 3, 12});
    CHECK(read_yearly("Birthday", " 03-12 ").value == PartialDate{0, 3, 12});
    CHECK(read_yearly("Birthday", "--03-12").value == PartialDate{0, 3, 12});
    CHECK(read_yearly("Birthday", "02-29").value == PartialDate{0, 2, 29});  // no year: any 29 February
    CHECK(read_yearly("Birthday", "2023-02-29").error == yearly_error("Birthday"));
    CHECK(read_yearly("Anniversary", "13-01").error == yearly_error("Anniversary"));
    CHECK(read_yearly("Anniversary", "12 March").error == yearly_error("Anniversary"));
    CHECK(yearly_input(PartialDate{0, 3, 12}) == "03-12");
    CHECK(yearly_input(PartialDate{1990, 3, 12}) == "1990-03-12");
    CHECK(parse_yearly(yearly_input(PartialDate{0, 12, 1})) == PartialDate{0, 12, 1});
}

TEST_CASE("amounts: thousands separators written and forgiven, anything but a number refused") {
    CHECK(format_amount(12000) == "12,000");
    CHECK(format_amount(1234.5) == "1,234.50");
    CHECK(format_amount(-1234567) == "-1,234,567");
    CHECK(format_amount(999) == "999");
    CHECK_FALSE(read_amount("").value.has_value());
    CHECK(read_amount("12000").value == 12000.0);
    CHECK(read_amount(" 12,000.50 ").value == 12000.5);
    CHECK(read_amount("12 000").value == 12000.0);
    CHECK(read_amount("1'000").value == 1000.0);
    const std::string message = "Value: write a number, for example 12000 or 12,000.50, or leave it empty.";
    for (const char* wrong : {"12k", "1.2.3", "-5", "€100", "."}) CHECK(read_amount(wrong).error == message);
}

// --- A contact ----------------------------------------------------------------------------------------

TEST_CASE("a contact draft filled in everywhere becomes the expected contact") {
    ContactDraft d = new_contact(id_of(1));
    d.contact.display_name = "  Ada Lovelace ";
    d.contact.given_name = " Ada";
    d.contact.company = "Analytical Engines";
    d.contact.handles = {{HandleKind::X, " @ada "}, {HandleKind::Website, "https://ada.example"}, {HandleKind::GitHub, "  "}};
    d.emails = "ada@ibm.com (work), ada@home.example";
    d.phones = "+44 20 7946 0000 (mobile)";
    d.addresses = "home: 12 St James's Square, SW1Y 4JH London, England, UK";
    d.tags = "maths, engines,, maths ";
    d.first_met = " 2024-03-12 ";
    d.has_cadence = true;
    d.cadence_days = 30;
    d.cadence_max_days = " 60 ";
    d.birthday = "1815-12-10";
    d.anniversary = "07-08";

    const FormResult<Contact> read = read_contact(d);
    REQUIRE(read.ok());
    const Contact& c = read.value;
    CHECK(c.meta.id == id_of(1));
    CHECK(c.display_name == "Ada Lovelace");
    CHECK(c.given_name == "Ada");
    CHECK(c.company == "Analytical Engines");
    CHECK(c.emails == std::vector<ContactPoint>{{"ada@ibm.com", "work"}, {"ada@home.example", ""}});
    CHECK(c.phones == std::vector<ContactPoint>{{"+44 20 7946 0000", "mobile"}});
    REQUIRE(c.addresses.size() == 1);
    CHECK(c.addresses[0].label == "home");
    CHECK(c.addresses[0].locality == "London");
    CHECK(c.tags == std::vector<std::string>{"maths", "engines"});
    CHECK(c.first_met == day(2024, 3, 12));
    CHECK(c.cadence_days == 30);
    CHECK(c.cadence_max_days == 60);
    CHECK(c.birthday == PartialDate{1815, 12, 10});
    CHECK(c.anniversary == PartialDate{0, 7, 8});
    CHECK(c.handles == std::vector<Handle>{{HandleKind::X, "@ada"}, {HandleKind::Website, "https://ada.example"}});
    // The draft keeps what was typed.
    CHECK(d.contact.display_name == "  Ada Lovelace ");
}

TEST_CASE("a saved contact read back through its draft is unchanged") {
    Contact c;
    c.meta.id = id_of(2);
    c.display_name = "Grace Hopper";
    c.emails = {{"grace@navy.example", "work"}, {"grace@home.example", ""}};
    c.phones = {{"555-0100", ""}};
    c.addresses = {PostalAddress{"work", "PO Box 7", "Suite 3", "1 Navy Way", "Arlington", "VA", "22202", "USA"}};
    c.tags = {"cobol", "navy"};
    c.first_met = day(1985, 6, 1);
    c.cadence_days = 90;
    c.birthday = PartialDate{1906, 12, 9};
    c.handles = {{HandleKind::Website, "https://grace.example"}};
    c.introduced_by = id_of(3);
    const FormResult<Contact> read = read_contact(draft_of(c));
    REQUIRE(read.ok());
    CHECK(read.value == c);

    const ContactDraft d = draft_of(c);
    CHECK(d.emails == "grace@navy.example (work), grace@home.example");
    CHECK(d.has_cadence);
    CHECK(d.cadence_max_days.empty());
    CHECK(d.birthday == "1906-12-09");
}

TEST_CASE("a contact needs a name: display, given or family") {
    CHECK(contact_error(new_contact(id_of(1))) == "Give this person a name.");
    CHECK(contact_error(named("  \t ")) == "Give this person a name.");
    ContactDraft family = new_contact(id_of(1));
    family.contact.family_name = "Hopper";
    CHECK(read_contact(family).ok());
    // The name is the first thing checked, before a wrong email.
    ContactDraft both = new_contact(id_of(1));
    both.emails = "nope";
    CHECK(contact_error(both) == "Give this person a name.");
}

TEST_CASE("a contact's fields, each wrong in turn, name themselves") {
    ContactDraft d = named("Ada");
    d.emails = "ada@ibm.com, ada(at)home, grace@navy.example";
    CHECK(contact_error(d) == "\"ada(at)home\" does not look like an email address.");

    d = named("Ada");
    d.first_met = "2024-02-30";
    CHECK(contact_error(d) == "First met: write the date as YYYY-MM-DD, for example 2024-03-12.");

    d = named("Ada");
    d.birthday = "1990-02-30";
    CHECK(contact_error(d) == "Birthday: write it as YYYY-MM-DD, or MM-DD when you do not know the year.");
    d.birthday = "";
    d.anniversary = "june";
    CHECK(contact_error(d) == "Anniversary: write it as YYYY-MM-DD, or MM-DD when you do not know the year.");

    d = named("Ada");
    d.contact.handles = {{HandleKind::Website, "ada.example"}};
    CHECK(contact_error(d) == "Website: \"ada.example\" is not a web address (it should start with https://).");
    d.contact.handles = {{HandleKind::Other, "ada.example"}};  // only websites are checked
    CHECK(read_contact(d).ok());
}

TEST_CASE("a contact's empty optional fields stay empty") {
    ContactDraft d = named("Ada");
    d.emails = d.phones = d.tags = d.addresses = d.first_met = d.birthday = d.anniversary = "  ";
    d.contact.handles = {{HandleKind::X, ""}};
    const FormResult<Contact> read = read_contact(d);
    REQUIRE(read.ok());
    CHECK(read.value.emails.empty());
    CHECK(read.value.phones.empty());
    CHECK(read.value.tags.empty());
    CHECK(read.value.addresses.empty());
    CHECK_FALSE(read.value.first_met.has_value());
    CHECK_FALSE(read.value.birthday.has_value());
    CHECK_FALSE(read.value.anniversary.has_value());
    CHECK(read.value.handles.empty());
    CHECK_FALSE(read.value.cadence_days.has_value());
}

TEST_CASE("a person's own rhythm: 1 to 3650 days, overdue after at least as many, or empty") {
    ContactDraft d = named("Ada");
    d.has_cadence = true;
    const std::string days = "Keep in touch: choose between 1 and 3650 days.";
    for (int wrong : {0, -1, 3651}) {
        d.cadence_days = wrong;
        CHECK(contact_error(d) == days);
    }
    for (int edge : {1, 3650}) {
        d.cadence_days = edge;
        const FormResult<Contact> read = read_contact(d);
        REQUIRE(read.ok());
        CHECK(read.value.cadence_days == edge);
        CHECK_FALSE(read.value.cadence_max_days.has_value());  // the usual 1.5 times
    }

    d.cadence_days = 30;
    const std::string max = "Overdue after: a number of days, at least 30 and at most 3650; leave it empty for the usual 1.5 times.";
    for (const char* wrong : {"29", "3651", "forty", "45 days", "4 5", "-45"}) {
        d.cadence_max_days = wrong;
        CHECK(contact_error(d) == max);
    }
    for (const char* fine : {"30", " 45 ", "3650"}) {
        d.cadence_max_days = fine;
        CHECK(read_contact(d).ok());
    }
    d.cadence_days = 3650;
    d.cadence_max_days = "3650";
    CHECK(read_contact(d).value.cadence_max_days == 3650);

    // Without the tick, the numbers are not read and any rhythm of their own is cleared.
    d.has_cadence = false;
    d.cadence_days = 0;
    d.cadence_max_days = "nonsense";
    d.contact.cadence_days = 14;
    d.contact.cadence_max_days = 21;
    const FormResult<Contact> off = read_contact(d);
    REQUIRE(off.ok());
    CHECK_FALSE(off.value.cadence_days.has_value());
    CHECK_FALSE(off.value.cadence_max_days.has_value());
}

// --- An interaction and the quick log ------------------------------------------------------------------

TEST_CASE("a new interaction starts as a coffee today that you reached out for") {
    const InteractionDraft d = coffee_with_ada();
    CHECK(d.interaction.meta.id == id_of(10));
    CHECK(d.interaction.kind == InteractionKind::Coffee);
    CHECK(d.interaction.initiator == kDefaultInitiator);
    CHECK(d.interaction.participants == std::vector<Id>{id_of(1)});
    CHECK(d.date == "2024-03-12");
    CHECK(d.follow_up_date == "2024-03-26");
    CHECK_FALSE(d.has_follow_up);

    const FormResult<Interaction> read = read_interaction(d);
    REQUIRE(read.ok());
    CHECK(read.value.date == day(2024, 3, 12));
    CHECK_FALSE(read.value.minute_of_day.has_value());
    CHECK_FALSE(read.value.duration_minutes.has_value());
    CHECK_FALSE(read.value.follow_up.has_value());
}

TEST_CASE("an interaction filled in everywhere becomes the expected record, and reads back the same") {
    InteractionDraft d = coffee_with_ada();
    d.interaction.notes = "  Talked about engines  ";
    d.date = " 2024-02-29 ";
    d.time = " 7:05 ";
    d.has_duration = true;
    d.duration = 45;
    d.has_follow_up = true;
    d.follow_up_date = "2024-03-14";
    d.follow_up_text = " Send the paper ";
    d.follow_up_done = true;
    const FormResult<Interaction> read = read_interaction(d);
    REQUIRE(read.ok());
    const Interaction& i = read.value;
    CHECK(i.date == day(2024, 2, 29));
    CHECK(i.minute_of_day == 7 * 60 + 5);
    CHECK(i.duration_minutes == 45);
    CHECK(i.notes == "Talked about engines");
    CHECK(i.follow_up == FollowUp{day(2024, 3, 14), "Send the paper", true});

    const InteractionDraft again = draft_of(i);
    CHECK(again.time == "07:05");
    CHECK(again.follow_up_date == "2024-03-14");
    CHECK(read_interaction(again).value == i);

    // Emptying the time and unticking the follow-up clear them.
    InteractionDraft cleared = draft_of(i);
    cleared.time = "";
    cleared.has_follow_up = false;
    cleared.follow_up_date = "garbage";
    const FormResult<Interaction> plain = read_interaction(cleared);
    REQUIRE(plain.ok());
    CHECK_FALSE(plain.value.minute_of_day.has_value());
    CHECK_FALSE(plain.value.follow_up.has_value());
}

TEST_CASE("an interaction's fields, each wrong in turn, name themselves") {
    InteractionDraft d = coffee_with_ada();
    d.interaction.participants.clear();
    CHECK(read_interaction(d).error == "Who was it with? Choose at least one person.");

    d = coffee_with_ada();
    d.date = "2024-02-30";
    CHECK(read_interaction(d).error == "Date: write it as YYYY-MM-DD, for example 2024-03-12.");
    d.date = "";
    CHECK(read_interaction(d).error == date_error("Date"));

    d = coffee_with_ada();
    for (const char* wrong : {"24:00", "18:60", "6pm", "18:30pm", "18", "-1:30"}) {
        d.time = wrong;
        CHECK(read_interaction(d).error == "Time: write it as HH:MM, for example 18:30, or leave it empty.");
    }
    d.time = "23:59";
    CHECK(read_interaction(d).value.minute_of_day == 23 * 60 + 59);
    d.time = "0:00";
    CHECK(read_interaction(d).value.minute_of_day == 0);

    d = coffee_with_ada();
    d.has_duration = true;
    for (int wrong : {0, -5, kMaxDurationMinutes + 1}) {
        d.duration = wrong;
        CHECK(read_interaction(d).error == "Duration: between 1 and 1440 minutes.");
    }
    for (int edge : {1, kMaxDurationMinutes}) {
        d.duration = edge;
        CHECK(read_interaction(d).value.duration_minutes == edge);
    }

    d = coffee_with_ada();
    d.has_follow_up = true;
    d.follow_up_date = "2024-04-31";
    CHECK(read_interaction(d).error == "Follow-up date: write it as YYYY-MM-DD, for example 2024-03-12.");
}

TEST_CASE("the quick log reads its touch like the form, and a new event needs a name") {
    QuickLogDraft d;
    d.touch = coffee_with_ada();
    d.touch.interaction.notes = " hi ";
    CHECK(read_quick_log(d).ok());
    CHECK(read_quick_log(d).value.notes == "hi");

    d.new_event = true;
    d.event_name = "   ";
    CHECK(read_quick_log(d).error == "Event: give the new event a name, or choose None.");
    d.event_name = "Rust Berlin";
    CHECK(read_quick_log(d).ok());

    // The touch's own mistakes come first.
    d.event_name.clear();
    d.touch.interaction.participants.clear();
    CHECK(read_quick_log(d).error == "Who was it with? Choose at least one person.");
    d.touch = coffee_with_ada();
    d.touch.has_follow_up = true;
    d.touch.follow_up_date = "soon";
    CHECK(read_quick_log(d).error == date_error("Follow-up date"));
}

// --- An event and an opportunity ------------------------------------------------------------------------

TEST_CASE("an event needs a name and a date; place and notes are trimmed") {
    EventDraft d = new_event(id_of(20), day(2024, 3, 12));
    CHECK(d.event.kind == EventKind::Meetup);
    CHECK(d.date == "2024-03-12");
    CHECK(read_event(d).error == "Give the event a name, for example \"Rust Berlin, March\".");
    d.event.name = "   ";
    CHECK(read_event(d).error == "Give the event a name, for example \"Rust Berlin, March\".");

    d.event.name = " Rust Berlin ";
    d.event.place = " c-base ";
    d.event.notes = " \n";
    d.event.attendees = {id_of(1), id_of(2)};
    d.date = "2024-02-30";
    CHECK(read_event(d).error == "Date: write it as YYYY-MM-DD, for example 2024-03-12.");
    d.date = "2024-03-01";
    const FormResult<Event> read = read_event(d);
    REQUIRE(read.ok());
    CHECK(read.value.name == "Rust Berlin");
    CHECK(read.value.place == "c-base");
    CHECK(read.value.notes.empty());
    CHECK(read.value.date == day(2024, 3, 1));
    CHECK(read.value.attendees == std::vector<Id>{id_of(1), id_of(2)});
    CHECK(read_event(draft_of(read.value)).value == read.value);
}

TEST_CASE("an opportunity needs a title and a date; its value is optional but must be a number") {
    OpportunityDraft d = new_opportunity(id_of(30), day(2024, 3, 12));
    CHECK(d.opportunity.kind == OpportunityKind::Job);
    CHECK(read_opportunity(d).error == "Give the opportunity a title, for example \"Backend role at Fjord Labs\".");

    d.opportunity.title = " Backend role ";
    d.value = "lots";
    CHECK(read_opportunity(d).error == "Value: write a number, for example 12000 or 12,000.50, or leave it empty.");
    d.value = "";
    d.date = "2024-02-30";
    CHECK(read_opportunity(d).error == "Date: write it as YYYY-MM-DD, for example 2024-03-12.");

    d.date = "2024-03-12";
    const FormResult<Opportunity> none = read_opportunity(d);
    REQUIRE(none.ok());
    CHECK(none.value.title == "Backend role");
    CHECK_FALSE(none.value.value.has_value());

    d.value = "12,000.50";
    const FormResult<Opportunity> read = read_opportunity(d);
    REQUIRE(read.ok());
    CHECK(read.value.value == 12000.5);
    const OpportunityDraft again = draft_of(read.value);
    CHECK(again.value == "12,000.50");
    CHECK(read_opportunity(again).value == read.value);
}

// --- Settings -----------------------------------------------------------------------------------------------

TEST_CASE("a circle's rhythm: 0 (never) to 3650 days; the maximum follows the ideal") {
    const std::string message = "Keep in touch: choose between 0 (never) and 3650 days.";
    CHECK(read_rhythm({-1, 10}).error == message);
    CHECK(read_rhythm({3651, 3651}).error == message);
    CHECK(read_rhythm({30, 3651}).error == message);
    CHECK(read_rhythm({30, -1}).error == message);
    CHECK(read_rhythm({0, 45}).value == Cadence{0, 0});  // never: no maximum either
    CHECK(read_rhythm({30, 20}).value == Cadence{30, 30});
    CHECK(read_rhythm({30, 45}).value == Cadence{30, 45});
    CHECK(read_rhythm({1, 1}).value == Cadence{1, 1});
    CHECK(read_rhythm({3650, 3650}).value == Cadence{3650, 3650});
}

TEST_CASE("a tag rhythm needs a tag that has none yet") {
    const std::vector<TagCadence> existing{{"Investors", {30, 45}}};
    CHECK(read_tag_rhythm("  ", {30, 45}, existing).error == "Write the tag first.");
    CHECK(read_tag_rhythm("rust", {4000, 45}, existing).error == "Keep in touch: choose between 0 (never) and 3650 days.");
    CHECK(read_tag_rhythm(" investors ", {14, 21}, existing).error ==
          "\"investors\" already has a rhythm: change it in the list.");
    const FormResult<TagCadence> read = read_tag_rhythm(" rust ", {14, 7}, existing);
    REQUIRE(read.ok());
    CHECK(read.value == TagCadence{"rust", {14, 14}});
}

TEST_CASE("budget numbers: 0 up to the largest") {
    CHECK(read_budget("Messages per day", -1).error == "Messages per day: choose a number from 0 up.");
    CHECK(read_budget("Messages per day", kMaxBudget + 1).error == "Messages per day: choose a number from 0 up.");
    CHECK(read_budget("Messages per day", 0).value == 0);
    CHECK(read_budget("Minutes of networking per week", kMaxBudget).value == kMaxBudget);
}
