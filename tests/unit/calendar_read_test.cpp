// The calendar reader on hand-written .ics files in the shapes Google Calendar, Outlook and Apple
// Calendar write: folded lines, quoted parameters, time zones with summer time, recurring events
// with exceptions and overrides, and the events that are no meeting with someone (cancelled,
// declined, alone, broken).
#include "io/calendar_read.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace ties;
using namespace ties::io::calendar;

namespace {

Millis utc(int y, int mo, int d, int h = 0, int mi = 0) {
    return midnight_utc(Date::from_ymd(y, mo, d)) + ((h * 60 + mi) * 60) * Millis{1000};
}

const Millis kFrom = utc(2024, 1, 1);
const Millis kTo = utc(2025, 1, 1) - 1;
const std::vector<std::string> kMe = {"Me@Example.com"};

// A calendar around `events`, as Google writes it.
std::string calendar(const std::string& events) {
    return "BEGIN:VCALENDAR\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\nVERSION:2.0\nCALSCALE:GREGORIAN\n" +
           events + "END:VCALENDAR\n";
}

// An event with the person as organizer and Ann as the other attendee.
std::string event(const std::string& uid, const std::string& lines) {
    return "BEGIN:VEVENT\nUID:" + uid + "\n" + lines +
           "ORGANIZER;CN=Me:mailto:me@example.com\n"
           "ATTENDEE;PARTSTAT=ACCEPTED;CN=Me:mailto:me@example.com\n"
           "ATTENDEE;PARTSTAT=ACCEPTED;CN=Ann:mailto:ann@example.org\n"
           "END:VEVENT\n";
}

const std::string kBerlin =
    "BEGIN:VTIMEZONE\n"
    "TZID:Europe/Berlin\n"
    "X-LIC-LOCATION:Europe/Berlin\n"
    "BEGIN:DAYLIGHT\n"
    "TZOFFSETFROM:+0100\n"
    "TZOFFSETTO:+0200\n"
    "TZNAME:CEST\n"
    "DTSTART:19700329T020000\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\n"
    "END:DAYLIGHT\n"
    "BEGIN:STANDARD\n"
    "TZOFFSETFROM:+0200\n"
    "TZOFFSETTO:+0100\n"
    "TZNAME:CET\n"
    "DTSTART:19701025T030000\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\n"
    "END:STANDARD\n"
    "END:VTIMEZONE\n";

std::vector<Millis> starts(const CalendarRead& read) {
    std::vector<Millis> out;
    for (const Occurrence& o : read.occurrences) out.push_back(o.start);
    return out;
}

bool has_warning(const CalendarRead& read, std::string_view text) {
    return std::any_of(read.warnings.begin(), read.warnings.end(),
                       [&](const std::string& w) { return w.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("calendar: a Google event with folded lines, quoted names and a Meet link") {
    const std::string file =
        "\xEF\xBB\xBF"
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "BEGIN:VEVENT\r\n"
        "DTSTART:20240312T090000Z\r\n"
        "DTEND:20240312T094500Z\r\n"
        "UID:abc123@google.com\r\n"
        "SUMMARY:Lunch\\, then a walk\\; maybe\r\n"
        "ORGANIZER;CN=me@example.com:mailto:me@example.com\r\n"
        "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=\"Doe, J\r\n"
        " ane\";X-NUM-GUESTS=0:MAILTO:Jane.Doe@Exa\r\n"
        "\tmple.ORG\r\n"
        "ATTENDEE;CUTYPE=INDIVIDUAL;PARTSTAT=needs-action;CN=bob@example.org:mailto:bob@example.org\r\n"
        "ATTENDEE;CUTYPE=RESOURCE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Room 1:mailto:c_188@resource.calendar.google.com\r\n"
        "X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij\r\n"
        "STATUS:CONFIRMED\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n";
    const CalendarRead read = read_calendar(file, kMe, kFrom, kTo);
    REQUIRE(read.ok());
    CHECK(read.events == 1);
    CHECK(read.warnings.empty());
    REQUIRE(read.occurrences.size() == 1);
    const Occurrence& o = read.occurrences[0];
    CHECK(o.start == utc(2024, 3, 12, 9, 0));
    CHECK(o.duration_minutes == 45);
    CHECK_FALSE(o.all_day);
    CHECK(o.uid == "abc123@google.com");
    CHECK(o.summary == "Lunch, then a walk; maybe");
    CHECK(o.organizer == Attendee{"me@example.com", "", ""});
    REQUIRE(o.attendees.size() == 2);  // the room is no person
    CHECK(o.attendees[0] == Attendee{"jane.doe@example.org", "Doe, Jane", "ACCEPTED"});
    CHECK(o.attendees[1] == Attendee{"bob@example.org", "", "NEEDS-ACTION"});
    CHECK(o.call);
}

TEST_CASE("calendar: files that are no calendar are an error") {
    CalendarRead read = read_calendar("BEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n", kMe, kFrom, kTo);
    REQUIRE(read.error);
    CHECK(read.error->text.find("not an iCalendar file") == 0);
    CHECK(read.error->file.empty());
    CHECK(read.occurrences.empty());
    read = read_calendar("", kMe, kFrom, kTo);
    REQUIRE(read.error);
    CHECK(read.error->text == "empty file");
    read = read_calendar("\n\n  begin:vcalendar\nEND:VCALENDAR", kMe, kFrom, kTo);
    CHECK(read.ok());
}

TEST_CASE("calendar: UTC, floating, all-day, unknown zones and DURATION") {
    const CalendarRead read = read_calendar(
        calendar(event("utc", "DTSTART:20240105T100000Z\nDURATION:PT1H30M\n") +
                 event("floating", "DTSTART:20240106T100000\nDTEND:20240106T103000\n") +
                 event("allday", "DTSTART;VALUE=DATE:20240107\nDTEND;VALUE=DATE:20240108\n") +
                 event("chicago", "DTSTART;TZID=America/Chicago:20240108T100000\nDURATION:P1D\n") +
                 event("utc-name", "DTSTART;TZID=UTC:20240109T100000\n")),
        kMe, kFrom, kTo);
    REQUIRE(read.occurrences.size() == 5);
    CHECK(read.occurrences[0].start == utc(2024, 1, 5, 10));
    CHECK(read.occurrences[0].duration_minutes == 90);
    CHECK(read.occurrences[1].start == utc(2024, 1, 6, 10));
    CHECK(read.occurrences[1].duration_minutes == 30);
    CHECK(read.occurrences[2].start == utc(2024, 1, 7));
    CHECK(read.occurrences[2].all_day);
    CHECK(read.occurrences[2].duration_minutes == 0);
    CHECK(read.occurrences[3].start == utc(2024, 1, 8, 10));  // no VTIMEZONE: read as UTC
    CHECK(read.occurrences[3].duration_minutes == 24 * 60);
    CHECK(read.occurrences[4].start == utc(2024, 1, 9, 10));
    REQUIRE(read.warnings.size() == 1);  // "UTC" needs no VTIMEZONE
    CHECK(read.warnings[0].find("\"America/Chicago\"") != std::string::npos);
}

TEST_CASE("calendar: a weekly 09:00 meeting in Berlin follows summer time") {
    const CalendarRead read = read_calendar(
        calendar(kBerlin + event("weekly", "DTSTART;TZID=Europe/Berlin:20240318T090000\n"
                                           "DTEND;TZID=Europe/Berlin:20240318T093000\n"
                                           "RRULE:FREQ=WEEKLY;BYDAY=MO\n")),
        kMe, utc(2024, 3, 1), utc(2024, 4, 7));
    CHECK(starts(read) == std::vector<Millis>{utc(2024, 3, 18, 8), utc(2024, 3, 25, 8), utc(2024, 4, 1, 7)});
    CHECK(read.occurrences[2].duration_minutes == 30);
    // And back to winter time after the last Sunday of October.
    const CalendarRead autumn = read_calendar(
        calendar(event("weekly", "DTSTART;TZID=Europe/Berlin:20240318T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO\n") + kBerlin),
        kMe, utc(2024, 10, 20), utc(2024, 10, 31));
    CHECK(starts(autumn) == std::vector<Millis>{utc(2024, 10, 21, 7), utc(2024, 10, 28, 8)});
    CHECK(autumn.warnings.empty());  // the VTIMEZONE may come after the event
}

TEST_CASE("calendar: Outlook's Windows zone names with their VTIMEZONE") {
    const std::string file =
        "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nVERSION:2.0\r\n"
        "BEGIN:VTIMEZONE\r\nTZID:Eastern Standard Time\r\n"
        "BEGIN:STANDARD\r\nDTSTART:16011104T020000\r\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\n"
        "TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:16010311T020000\r\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r\n"
        "TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nUID:040000008200E00074C5B7101A82E008\r\n"
        "ORGANIZER;CN=\"Smith, Bob\":mailto:bob@example.org\r\n"
        "ATTENDEE;CN=Me;RSVP=TRUE:mailto:me@example.com\r\n"
        "DTSTART;TZID=\"Eastern Standard Time\":20240109T100000\r\n"
        "DTEND;TZID=\"Eastern Standard Time\":20240109T110000\r\n"
        "RRULE:FREQ=WEEKLY;INTERVAL=9;BYDAY=TU;WKST=SU\r\n"
        "LOCATION:Microsoft Teams Meeting\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n";
    const CalendarRead read = read_calendar(file, kMe, kFrom, kTo);
    REQUIRE(read.ok());
    CHECK(read.warnings.empty());
    // Every 9 weeks: 9 January (EST), 12 March (EDT, two days after the change), 14 May, ...
    REQUIRE(read.occurrences.size() >= 3);
    CHECK(read.occurrences[0].start == utc(2024, 1, 9, 15));
    CHECK(read.occurrences[1].start == utc(2024, 3, 12, 14));
    CHECK(read.occurrences[2].start == utc(2024, 5, 14, 14));
    CHECK(read.occurrences[0].duration_minutes == 60);
    CHECK(read.occurrences[0].organizer == Attendee{"bob@example.org", "Smith, Bob", ""});
    CHECK(read.occurrences[0].call);
    REQUIRE(read.occurrences.size() == 6);
    CHECK(read.occurrences.back().start == utc(2024, 11, 19, 15));  // 9 January + 45 weeks, EST again
}

TEST_CASE("calendar: WEEKLY BYDAY with COUNT and EXDATEs in two forms") {
    const CalendarRead read = read_calendar(
        calendar(kBerlin + event("mwf", "DTSTART:20240304T100000Z\nDTEND:20240304T103000Z\n"
                                        "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=6\n"
                                        "EXDATE:20240306T100000Z\n"
                                        "EXDATE;TZID=Europe/Berlin:20240311T110000,20240301T110000\n")),
        kMe, kFrom, kTo);
    // 4, 6, 8, 11, 13, 15 March; the 6th and the 11th (11:00 in Berlin) are taken out.
    CHECK(starts(read) ==
          std::vector<Millis>{utc(2024, 3, 4, 10), utc(2024, 3, 8, 10), utc(2024, 3, 13, 10), utc(2024, 3, 15, 10)});
}

TEST_CASE("calendar: COUNT counts the instances before the window too") {
    // Monday 1 January, then Tuesdays and Thursdays: 1, 2, 4, 9, 11, 16, 18, 23, 25, 30 January.
    const std::string file = calendar(event("tt", "DTSTART:20240101T120000Z\nRRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10\n"));
    CHECK(read_calendar(file, kMe, kFrom, kTo).occurrences.size() == 10);
    CHECK(starts(read_calendar(file, kMe, utc(2024, 1, 20), kTo)) ==
          std::vector<Millis>{utc(2024, 1, 23, 12), utc(2024, 1, 25, 12), utc(2024, 1, 30, 12)});
    // Daily with a COUNT: the 32nd to the 40th fall in February.
    const std::string daily = calendar(event("d", "DTSTART:20240101T080000Z\nRRULE:FREQ=DAILY;COUNT=40\n"));
    const CalendarRead february = read_calendar(daily, kMe, utc(2024, 2, 1), utc(2024, 3, 1));
    REQUIRE(february.occurrences.size() == 9);
    CHECK(february.occurrences.front().start == utc(2024, 2, 1, 8));
    CHECK(february.occurrences.back().start == utc(2024, 2, 9, 8));
}

TEST_CASE("calendar: UNTIL as a UTC time and as a date, INTERVAL") {
    const CalendarRead read = read_calendar(
        calendar(event("every-other-day", "DTSTART:20240102T090000Z\nRRULE:FREQ=DAILY;INTERVAL=2;UNTIL=20240110T090000Z\n") +
                 event("mondays", "DTSTART;VALUE=DATE:20240101\nRRULE:FREQ=WEEKLY;UNTIL=20240122\n")),
        kMe, kFrom, kTo);
    CHECK(starts(read) == std::vector<Millis>{utc(2024, 1, 1), utc(2024, 1, 2, 9), utc(2024, 1, 4, 9),
                                              utc(2024, 1, 6, 9), utc(2024, 1, 8), utc(2024, 1, 8, 9),
                                              utc(2024, 1, 10, 9), utc(2024, 1, 15), utc(2024, 1, 22)});
}

TEST_CASE("calendar: MONTHLY on the last Friday, on the 31st, and YEARLY") {
    const CalendarRead read = read_calendar(
        calendar(event("last-friday", "DTSTART:20240126T150000Z\nRRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=4\n")), kMe, kFrom,
        kTo);
    CHECK(starts(read) == std::vector<Millis>{utc(2024, 1, 26, 15), utc(2024, 2, 23, 15), utc(2024, 3, 29, 15),
                                              utc(2024, 4, 26, 15)});
    const CalendarRead thirty_first = read_calendar(
        calendar(event("31st", "DTSTART:20240131T150000Z\nRRULE:FREQ=MONTHLY;COUNT=3\n")), kMe, kFrom, kTo);
    CHECK(starts(thirty_first) == std::vector<Millis>{utc(2024, 1, 31, 15), utc(2024, 3, 31, 15), utc(2024, 5, 31, 15)});
    const CalendarRead second_monday = read_calendar(
        calendar(event("2mo", "DTSTART:20240108T150000Z\nRRULE:FREQ=MONTHLY;BYDAY=2MO;BYMONTH=1,2\n")), kMe, kFrom,
        utc(2025, 3, 1));
    CHECK(starts(second_monday) == std::vector<Millis>{utc(2024, 1, 8, 15), utc(2024, 2, 12, 15),
                                                       utc(2025, 1, 13, 15), utc(2025, 2, 10, 15)});
    const CalendarRead yearly = read_calendar(
        calendar(event("leap", "DTSTART;VALUE=DATE:20000229\nRRULE:FREQ=YEARLY\n")), kMe, utc(2019, 1, 1), kTo);
    CHECK(starts(yearly) == std::vector<Millis>{utc(2020, 2, 29), utc(2024, 2, 29)});
}

TEST_CASE("calendar: overrides by RECURRENCE-ID move or cancel one instance") {
    const std::string file = calendar(
        // The overrides may come before their series, as Google writes them.
        "BEGIN:VEVENT\nUID:series@google.com\nRECURRENCE-ID:20240109T140000Z\n"
        "DTSTART:20240110T160000Z\nDTEND:20240110T170000Z\nSUMMARY:Moved\nSEQUENCE:1\n"
        "ORGANIZER:mailto:me@example.com\nATTENDEE;PARTSTAT=ACCEPTED:mailto:ann@example.org\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:series@google.com\nRECURRENCE-ID:20240116T140000Z\n"
        "DTSTART:20240116T140000Z\nSTATUS:CANCELLED\nEND:VEVENT\n"
        // An override that names nobody keeps its series' people and duration.
        "BEGIN:VEVENT\nUID:series@google.com\nRECURRENCE-ID:20240123T140000Z\n"
        "DTSTART:20240123T150000Z\nEND:VEVENT\n" +
        event("series@google.com", "DTSTART:20240102T140000Z\nDTEND:20240102T143000Z\nSUMMARY:Weekly\n"
                                   "LOCATION:https://zoom.us/j/123\nRRULE:FREQ=WEEKLY;COUNT=4\n"));
    const CalendarRead read = read_calendar(file, kMe, kFrom, kTo);
    CHECK(read.events == 4);
    CHECK(read.cancelled == 1);
    REQUIRE(starts(read) == std::vector<Millis>{utc(2024, 1, 2, 14), utc(2024, 1, 10, 16), utc(2024, 1, 23, 15)});
    CHECK(read.occurrences[1].summary == "Moved");
    CHECK(read.occurrences[1].duration_minutes == 60);
    CHECK_FALSE(read.occurrences[1].call);  // it names its own people and no link
    CHECK(read.occurrences[2].summary == "Weekly");
    CHECK(read.occurrences[2].duration_minutes == 30);
    CHECK(read.occurrences[2].attendees.size() == 2);
    CHECK(read.occurrences[2].call);
}

TEST_CASE("calendar: RDATE adds instances, a later SEQUENCE replaces an event") {
    const CalendarRead read = read_calendar(
        calendar(event("extra", "DTSTART:20240201T100000Z\nRRULE:FREQ=MONTHLY;COUNT=2\n"
                                "RDATE;VALUE=PERIOD:20240215T120000Z/PT1H\nRDATE:20240301T100000Z\n") +
                 event("moved", "SEQUENCE:0\nDTSTART:20240401T100000Z\n") +
                 event("moved", "SEQUENCE:2\nDTSTART:20240402T100000Z\n")),
        kMe, kFrom, kTo);
    CHECK(read.events == 3);
    CHECK(starts(read) == std::vector<Millis>{utc(2024, 2, 1, 10), utc(2024, 2, 15, 12), utc(2024, 3, 1, 10),
                                              utc(2024, 4, 2, 10)});
}

TEST_CASE("calendar: cancelled, declined and solitary events are skipped and counted") {
    const std::string file = calendar(
        event("cancelled", "DTSTART:20240105T100000Z\nSTATUS:CANCELLED\n") +
        "BEGIN:VEVENT\nUID:declined\nDTSTART:20240106T100000Z\nORGANIZER:mailto:ann@example.org\n"
        "ATTENDEE;PARTSTAT=DECLINED:mailto:ME@EXAMPLE.COM\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:alone\nDTSTART:20240107T100000Z\nORGANIZER:mailto:me@example.com\n"
        "ATTENDEE:mailto:me@example.com\n"
        // An e-mail alarm's ATTENDEE is not the event's.
        "BEGIN:VALARM\nACTION:EMAIL\nATTENDEE:mailto:ann@example.org\nDESCRIPTION:https://zoom.us/j/1\nEND:VALARM\n"
        "END:VEVENT\n"
        "BEGIN:VEVENT\nUID:nobody\nDTSTART:20240108T100000Z\nSUMMARY:Dentist\nTRANSP:TRANSPARENT\nEND:VEVENT\n"
        "BEGIN:VTODO\nUID:todo\nDTSTART:20240109T100000Z\nATTENDEE:mailto:ann@example.org\nEND:VTODO\n"
        "BEGIN:VEVENT\nUID:they-declined\nDTSTART:20240110T100000Z\nORGANIZER:mailto:me@example.com\n"
        "ATTENDEE;PARTSTAT=DECLINED:mailto:ann@example.org\nEND:VEVENT\n");
    const CalendarRead read = read_calendar(file, kMe, kFrom, kTo);
    CHECK(read.events == 5);
    CHECK(read.cancelled == 1);
    CHECK(read.declined == 1);
    CHECK(read.no_attendees == 2);
    CHECK(read.broken == 0);
    // Someone else declining is no reason to skip: the caller decides about them.
    REQUIRE(read.occurrences.size() == 1);
    CHECK(read.occurrences[0].uid == "they-declined");
    CHECK(read.occurrences[0].attendees[0].partstat == "DECLINED");
    // Without the person's addresses, an attendee is someone else.
    CHECK(read_calendar(file, {}, kFrom, kTo).occurrences.size() == 3);
}

TEST_CASE("calendar: broken events are counted, the rest still read") {
    const std::string file = calendar(
        "BEGIN:VEVENT\nUID:no-start\nATTENDEE:mailto:ann@example.org\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:bad-start\nDTSTART:2024-01-05 10:00\nATTENDEE:mailto:ann@example.org\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:bad-param\nDTSTART;TZID=\"Europe/Berlin:20240105T100000\nEND:VEVENT\n" +
        event("good", "DTSTART:20240105T100000Z\n") +
        "BEGIN:VEVENT\nUID:unended\nDTSTART:20240106T100000Z\nATTENDEE:mailto:ann@example.org\n");
    const CalendarRead read = read_calendar(file, kMe, kFrom, kTo);
    CHECK(read.events == 5);
    CHECK(read.broken == 4);
    REQUIRE(read.occurrences.size() == 1);
    CHECK(read.occurrences[0].uid == "good");
}

TEST_CASE("calendar: rules not followed give the first instance and one warning") {
    const CalendarRead read = read_calendar(
        calendar(event("setpos", "DTSTART:20240131T100000Z\nRRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1\n") +
                 event("hourly", "DTSTART:20240201T100000Z\nRRULE:FREQ=HOURLY;COUNT=5\n") +
                 event("evolution", "DTSTART:20240301T100000Z\nRRULE:FREQ=DAILY;COUNT=2;X-EVOLUTION-ENDDATE=20240302T100000Z\n")),
        kMe, kFrom, kTo);
    CHECK(starts(read) ==
          std::vector<Millis>{utc(2024, 1, 31, 10), utc(2024, 2, 1, 10), utc(2024, 3, 1, 10), utc(2024, 3, 2, 10)});
    REQUIRE(read.warnings.size() == 1);
    CHECK(read.warnings[0].find("2 repeating events use") == 0);
}

TEST_CASE("calendar: recurrences are expanded only inside the window, and capped") {
    const std::string file = calendar(event("standup", "DTSTART:20000103T080000Z\nDURATION:PT15M\nRRULE:FREQ=DAILY\n"));
    const CalendarRead week = read_calendar(file, kMe, utc(2024, 2, 1), utc(2024, 2, 8) - 1);
    REQUIRE(week.occurrences.size() == 7);
    CHECK(week.occurrences.front().start == utc(2024, 2, 1, 8));
    CHECK(week.occurrences.back().start == utc(2024, 2, 7, 8));
    CHECK(week.capped == 0);
    const CalendarRead years = read_calendar(file, kMe, utc(2000, 1, 1), kTo);
    CHECK(years.occurrences.size() == kMaxInstancesPerEvent);
    CHECK(years.capped == 1);
    CHECK(has_warning(years, "more than 5000 meetings"));
    // An event outside the window is not returned, and not counted as skipped.
    const CalendarRead outside = read_calendar(calendar(event("old", "DTSTART:20100101T100000Z\n")), kMe, kFrom, kTo);
    CHECK(outside.occurrences.empty());
    CHECK(outside.events == 1);
}

TEST_CASE("calendar: calls are told by links and by the location") {
    const CalendarRead read = read_calendar(
        calendar(event("phone", "DTSTART:20240105T100000Z\nLOCATION:Phone call\n") +
                 event("cafe", "DTSTART:20240106T100000Z\nLOCATION:Café Central\\, Vienna\n") +
                 event("teams", "DTSTART:20240107T100000Z\nX-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/19\n") +
                 event("desc", "DTSTART:20240108T100000Z\nDESCRIPTION:Agenda\\nJoin: https://us02web.Zoom.us/j/8\n") +
                 event("room", "DTSTART:20240109T100000Z\nLOCATION:Conference Room 4\n")),
        kMe, kFrom, kTo);
    REQUIRE(read.occurrences.size() == 5);
    CHECK(read.occurrences[0].call);
    CHECK_FALSE(read.occurrences[1].call);
    CHECK(read.occurrences[2].call);
    CHECK(read.occurrences[3].call);
    CHECK_FALSE(read.occurrences[4].call);
    CHECK(has_conference_link("https://whereby.com/team"));
    CHECK(has_conference_link("facetime.apple.com/join#v=1"));
    CHECK(has_conference_link("https://meet.jit.si/ties"));
    CHECK_FALSE(has_conference_link("https://example.com/zoom"));
}

TEST_CASE("calendar: Apple's EMAIL parameter and RFC 6868 escapes in names") {
    const CalendarRead read = read_calendar(
        calendar("BEGIN:VEVENT\nUID:apple\nDTSTART:20240105T100000Z\n"
                 "ATTENDEE;CN=\"Jane ^'JJ^' Doe\";EMAIL=JJ@Example.org;PARTSTAT=TENTATIVE:urn:uuid:00000000-0000\n"
                 "ATTENDEE;CN=Nobody:urn:uuid:11111111-1111\nEND:VEVENT\n"),
        kMe, kFrom, kTo);
    REQUIRE(read.occurrences.size() == 1);
    REQUIRE(read.occurrences[0].attendees.size() == 1);
    CHECK(read.occurrences[0].attendees[0] == Attendee{"jj@example.org", "Jane \"JJ\" Doe", "TENTATIVE"});
}
