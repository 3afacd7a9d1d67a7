// The history import (io/history_import.hpp) on the hand-written mailbox and calendar of
// tests/fixtures/history: what becomes a touch and with whom, whose mail it is, reading in small
// slices, cancelling, and the import plan that only adds the people the person ticks.
#include "io/history_import.hpp"

#include "core/import_plan.hpp"
#include "core/today.hpp"
#include "io_fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

using namespace ties;
using namespace ties::io;

namespace {

const std::string kFolder = std::string(TIES_TEST_DATA) + "/fixtures/history/";
constexpr Millis kNow = 1'733'011'200'000;  // 2024-12-01

std::string fixture(const char* name) { return test::read_bytes(kFolder + name); }

struct Run {
    Imported imported;
    HistoryReport report;
};

Run import(const std::vector<HistorySource>& sources, std::vector<std::string> me = {"sam@example.org"},
           Progress progress = {}) {
    static IdGenerator ids(11, 22);
    HistoryOptions options;
    options.me = std::move(me);
    options.offset_at = [](Millis utc) {  // Oslo in 2024: summer time from 31 March to 27 October
        return utc >= 1'711'846'800'000 && utc < 1'729'990'800'000 ? 120 : 60;
    };
    options.now = kNow;
    options.since = kNow - Millis{10} * 365 * 86'400'000;
    ImportContext context{"history", &ids, kNow, std::move(progress)};
    Run run;
    run.imported = import_history(sources, context, options, &run.report);
    return run;
}

// Each touch in words, sorted: "2024-03-04 09:12 email me: maya@fjordlabs.no".
std::string touches(const Imported& imported) {
    std::map<Id, std::string> email_of;
    for (const Contact& c : imported.contacts) email_of[c.meta.id] = c.emails.front().value;
    std::vector<std::string> out;
    for (const Interaction& i : imported.interactions) {
        char time[32] = "--:--";
        if (i.minute_of_day) std::snprintf(time, sizeof time, "%02d:%02d", *i.minute_of_day / 60, *i.minute_of_day % 60);
        std::string line = i.date.iso() + " " + time + " " + std::string(to_string(i.kind)) + " " +
                           (i.initiator == Initiator::Me ? "me" : i.initiator == Initiator::Them ? "them" : "?") + ":";
        std::vector<std::string> people;
        for (const Id& p : i.participants) people.push_back(email_of.at(p));
        std::sort(people.begin(), people.end());
        for (const std::string& p : people) line += " " + p;
        out.push_back(line);
    }
    std::sort(out.begin(), out.end());
    std::string text;
    for (const std::string& line : out) text += line + "\n";
    return text;
}

// A source that hands out at most `slice` bytes per read, as a worker reading a File might.
HistorySource sliced(std::string name, const std::string& bytes, std::size_t slice) {
    HistorySource source = history_source(std::move(name), bytes);
    auto whole = source.read;
    source.read = [whole, slice](std::uint64_t offset, char* out, std::size_t max) { return whole(offset, out, std::min(max, slice)); };
    return source;
}

Contact person(std::uint64_t n, std::string name, std::string email) {
    Contact c;
    c.meta.id = Id{0xC0, n};
    c.display_name = std::move(name);
    c.emails.push_back({std::move(email), ""});
    return c;
}

// The people of people.vcf: Maya (a friend: she has a rhythm), and Priya (her address in another case).
Store people() {
    Store store;
    Contact maya = person(1, "Maya Lind", "maya@fjordlabs.no");
    maya.tier = Tier::Friends;
    store.load(maya);
    store.load(person(2, "Priya Nair", "Priya@Example.com"));
    return store;
}

std::size_t touches_of(const Store& store, Id person) {
    return static_cast<std::size_t>(std::count_if(store.interactions().begin(), store.interactions().end(), [&](const auto& entry) {
        const auto& p = entry.second.participants;
        return !entry.second.meta.deleted && std::find(p.begin(), p.end(), person) != p.end();
    }));
}

}  // namespace

TEST_CASE("history: mailboxes and calendars are told apart by their first bytes, else by their names") {
    CHECK(detect_history("Inbox", "From sam@example.org Mon Mar  4 09:12:00 2024\n") == HistoryKind::Mail);
    CHECK(detect_history("saved.txt", "Return-Path: <a@b.c>\r\n") == HistoryKind::Mail);
    CHECK(detect_history("x", "X-GM-THRID: 1234\n") == HistoryKind::Mail);
    CHECK(detect_history("All mail Including Spam and Trash.mbox", "") == HistoryKind::Mail);
    CHECK(detect_history("message.EML", "Subject: hi\n") == HistoryKind::Mail);
    CHECK(detect_history("cal", "\xEF\xBB\xBF" "BEGIN:VCALENDAR\r\n") == HistoryKind::Calendar);
    CHECK(detect_history("basic.ics", "") == HistoryKind::Calendar);
    CHECK(detect_history("Connections.csv", "First Name,Last Name\n") == HistoryKind::None);
    CHECK(detect_history("contacts.vcf", "BEGIN:VCARD\r\n") == HistoryKind::None);
}

TEST_CASE("history: the sample mailbox and calendar become one touch per thread, day and person, and meetings") {
    const std::string mail = fixture("mail.mbox"), calendar = fixture("calendar.ics");
    const Run run = import({history_source("mail.mbox", mail), history_source("calendar.ics", calendar)});
    REQUIRE_FALSE(run.imported.error);
    const HistoryReport& r = run.report;
    CHECK(r.me == std::vector<std::string>{"sam@example.org"});
    CHECK_FALSE(r.me_guessed);
    // The day and time are the person's, in their time zone at that moment (Oslo: a March mail
    // at 09:12 +0100 reads 09:12, a July meeting at 10:00 in Oslo's summer time 10:00).
    CHECK(r.messages == 11);
    CHECK(r.personal == 7);
    CHECK(r.automated == 2);       // the newsletter (List-Id) and GitHub's no-reply
    CHECK(r.between_others == 1);  // Jonas to Lena
    CHECK(r.repeated == 1);        // the first message, twice
    CHECK(r.meetings == 4);        // the call with Maya, three of four weekly coffees with Priya
    CHECK(r.calendar_skipped == 2);  // cancelled, declined
    CHECK(r.touches == 10);
    CHECK(r.people == 3);
    CHECK(r.summary() == "11 messages: 7 with people, 2 from lists and machines, 1 between others, 1 seen twice; "
                         "4 meetings (2 cancelled, declined or alone skipped). 10 touches with 3 people.");

    // Names from the headers, the one most messages gave ("Maya Lind" twice, "Lind, Maya" twice:
    // the first seen), encoded words decoded.
    std::string names;
    for (const Contact& c : run.imported.contacts) names += c.emails.front().value + " " + c.display_name + "\n";
    CHECK(names == "maya@fjordlabs.no Maya Lind\njonas@example.de Jonas Müller\npriya@example.com Priya Nair\n");
    CHECK(touches(run.imported) == "2024-03-04 09:12 Email me: maya@fjordlabs.no\n"
                                   "2024-03-05 18:40 Email them: maya@fjordlabs.no\n"
                                   "2024-06-10 14:05 Email me: jonas@example.de maya@fjordlabs.no\n"
                                   "2024-07-15 10:00 Video call me: maya@fjordlabs.no\n"
                                   "2024-07-30 12:00 Email me: priya@example.com\n"
                                   "2024-08-01 08:30 Meetup or event them: priya@example.com\n"
                                   "2024-08-15 08:30 Meetup or event them: priya@example.com\n"
                                   "2024-08-22 08:30 Meetup or event them: priya@example.com\n"
                                   "2024-09-02 07:55 Email them: maya@fjordlabs.no\n"
                                   "2024-09-10 09:00 Email me: maya@fjordlabs.no\n");
    const auto call = std::find_if(run.imported.interactions.begin(), run.imported.interactions.end(),
                                   [](const Interaction& i) { return i.kind == InteractionKind::VideoCall; });
    REQUIRE(call != run.imported.interactions.end());
    CHECK(call->duration_minutes == 30);
    CHECK(call->notes == "Maya / Sam: the Fjord Labs role");
    REQUIRE(run.imported.warnings.size() == 1);
    CHECK(run.imported.warnings[0].to_string() == "mail.mbox: 1 message had no sender");
}

TEST_CASE("history: whose mail it is, guessed from the mailbox when the person has not said") {
    const std::string mail = fixture("mail.mbox");
    const Run run = import({history_source("mail.mbox", mail)}, {});
    CHECK(run.report.me_guessed);
    CHECK(run.report.me == std::vector<std::string>{"sam@example.org"});
    CHECK(run.report.me_seen == 8);
    CHECK(run.report.sample == 9);
    CHECK(run.report.touches == 6);

    // A calendar alone: whoever attends the most.
    const std::string calendar = fixture("calendar.ics");
    const Run meetings = import({history_source("calendar.ics", calendar)}, {});
    CHECK(meetings.report.me == std::vector<std::string>{"sam@example.org"});
    CHECK(meetings.report.meetings == 4);
}

TEST_CASE("history: read in slices of any size, the result is the same; cancelling leaves nothing") {
    const std::string mail = fixture("mail.mbox"), calendar = fixture("calendar.ics");
    const std::string whole = touches(import({history_source("m", mail), history_source("c", calendar)}).imported);
    for (const std::size_t slice : {1u, 7u, 64u, 4096u})
        CHECK(touches(import({sliced("m", mail, slice), sliced("c", calendar, slice)}).imported) == whole);

    double last = -1;
    bool rising = true;
    const Run done = import({history_source("m", mail)}, {"sam@example.org"}, [&](double share) {
        rising = rising && share >= last;
        last = share;
        return true;
    });
    CHECK(rising);
    CHECK(last == doctest::Approx(1.0));
    const Run cancelled = import({sliced("m", mail, 100)}, {"sam@example.org"}, [](double share) { return share < 0.5; });
    CHECK(cancelled.imported.cancelled);
    CHECK(cancelled.imported.contacts.empty());
    CHECK(cancelled.imported.interactions.empty());
}

TEST_CASE("history: a file that is neither mail nor a calendar is named, and nothing found is an error") {
    const std::string csv = "First Name,Last Name\nAda,Lovelace\n";
    const Run run = import({history_source("Connections.csv", csv)});
    CHECK(run.imported.contacts.empty());
    REQUIRE(run.imported.error);
    CHECK(run.imported.error->to_string() == "No conversations with people were found: Connections.csv: not a mailbox "
                                            "(mbox, .eml) or a calendar (.ics): it was left out of the history");
}

TEST_CASE("history plan: touches come in for the people you have; others are offered and added only when ticked") {
    const std::string mail = fixture("mail.mbox"), calendar = fixture("calendar.ics");
    Store store = people();
    const auto plan_of = [&](const Store& s) {
        Run run = import({history_source("mail.mbox", mail), history_source("calendar.ics", calendar)});
        ImportPlan plan = plan_import(s, std::move(run.imported.contacts), std::move(run.imported.interactions));
        plan.history = true;
        return plan;
    };
    ImportPlan plan = plan_of(store);
    std::vector<bool> merge = default_merges(plan);
    ImportSummary preview = summarise_import(store, plan, merge);
    CHECK(preview.merged == 2);
    CHECK(preview.added == 0);
    CHECK(preview.offered == 1);
    REQUIRE(preview.new_people.size() == 1);
    CHECK(plan.contacts[preview.new_people[0]].emails.front().value == "jonas@example.de");
    // The list the page and the command line show: Jonas, in one touch (the introduction), in June.
    const std::vector<OfferedPerson> offered = offered_people(plan, preview);
    REQUIRE(offered.size() == 1);
    CHECK(offered[0].card == preview.new_people[0]);
    CHECK(offered[0].touches == 1);
    CHECK(offered[0].last == Date::from_ymd(2024, 6, 10));

    ImportSummary done;
    store.apply(import_change(store, plan, merge, "history", &done), kNow);
    CHECK(done.interactions_added == 10);  // the introduction keeps Maya, without Jonas
    CHECK(done.added == 0);
    CHECK(done.offered == 1);
    CHECK(done.interactions_offered == 0);
    CHECK(describe_history_done(done) ==
          "Added 10 touches with 2 people you have; 1 person you don't have left out. Undo takes it all back.");
    CHECK(store.contacts().size() == 2);
    CHECK(touches_of(store, Id{0xC0, 1}) == 6);
    CHECK(touches_of(store, Id{0xC0, 2}) == 4);

    // Today, from the history: Maya's reason says how and who.
    const TodayQueue today = build_today(store, NetworkStats::build(store, date_of(kNow)), date_of(kNow));
    std::string reasons;
    for (const DueTie& t : today.due) reasons += t.reason + "\n";
    INFO(reasons);
    const auto maya = std::find_if(today.due.begin(), today.due.end(), [](const DueTie& t) { return t.contact == Id{0xC0, 1}; });
    REQUIRE(maya != today.due.end());
    CHECK(maya->reason.starts_with("Last emailed 3 months ago; you reached out first 4 of 6 times;"));

    // The same files again add nothing; ticking Jonas adds him, with the introduction.
    plan = plan_of(store);
    merge = default_merges(plan);
    std::vector<bool> add(plan.contacts.size(), false);
    for (std::size_t i = 0; i < plan.contacts.size(); ++i)
        if (plan.contacts[i].emails.front().value == "jonas@example.de") add[i] = true;
    ImportSummary again;
    const Change change = import_change(store, plan, merge, "again", &again, add);
    CHECK(again.added == 1);
    CHECK(again.interactions_known == 10);
    CHECK(again.interactions_added == 0);  // the introduction is there already, with Maya only: widened
    store.apply(change, kNow);
    REQUIRE(store.contacts().size() == 3);
    CHECK(store.interactions().size() == 10);
    Id jonas;
    for (const auto& [id, c] : store.contacts())
        if (c.display_name == "Jonas Müller") jonas = id;
    CHECK(touches_of(store, jonas) == 1);
    CHECK(touches_of(store, Id{0xC0, 1}) == 6);
}
