#include "io/ics.hpp"

#include "core/store.hpp"
#include "core/utf8.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ties;

namespace {

Date day(int y, int m, int d) { return Date::from_ymd(y, m, d); }

// 2024-03-11 09:05:07 UTC
constexpr Millis kNow = 1710147907000;

struct Plan {
    Store store;
    TodayQueue queue;
    Id ada{1, 1}, bob{1, 2}, coffee{2, 2};

    Plan() {
        Contact a;
        a.meta.id = ada;
        a.display_name = "Ada Lovelace";
        store.load(a);
        Contact b;
        b.meta.id = bob;
        b.display_name = "Bob";
        store.load(b);
        Interaction i;
        i.meta.id = coffee;
        i.kind = InteractionKind::Coffee;
        i.date = day(2024, 3, 7);
        i.participants = {ada, bob};
        i.notes = "Talked about Rust; she's moving to Berlin";
        i.follow_up = FollowUp{day(2024, 3, 14), "send the slides, v2", false};
        store.load(i);
        queue.plan.touches.push_back({.contact = ada, .day = day(2024, 3, 12), .touch = TouchKind::Call,
                                      .reason = "Last talked 94 days ago; you aim for every 60 days"});
        queue.follow_ups.push_back({.interaction = coffee, .people = {ada, bob}, .date = day(2024, 3, 14),
                                    .text = "send the slides, v2", .overdue = false});
    }
};

std::vector<std::string> physical_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find("\r\n", start);
        REQUIRE(end != std::string::npos);  // every line ends with CRLF
        lines.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

std::string unfold(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        out += text[i];
    }
    return out;
}

}  // namespace

TEST_CASE("the plan as an iCalendar file: golden output") {
    Plan plan;
    const std::vector<io::CalendarEntry> entries = io::calendar_entries(plan.store, plan.queue);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].summary == "Call Ada Lovelace");
    CHECK(entries[1].summary == "Follow up: send the slides, v2 (Ada Lovelace, Bob)");

    const std::string expected =
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "PRODID:-//Ties//Ties personal CRM//EN\r\n"
        "CALSCALE:GREGORIAN\r\n"
        "METHOD:PUBLISH\r\n"
        "X-WR-CALNAME:Ties\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:touch-00000000000000010000000000000001-20240312@ties.local\r\n"
        "DTSTAMP:20240311T090507Z\r\n"
        "DTSTART;VALUE=DATE:20240312\r\n"
        "DTEND;VALUE=DATE:20240313\r\n"
        "SUMMARY:Call Ada Lovelace\r\n"
        "DESCRIPTION:Last talked 94 days ago\\; you aim for every 60 days\r\n"
        "TRANSP:TRANSPARENT\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:followup-00000000000000020000000000000002-20240314@ties.local\r\n"
        "DTSTAMP:20240311T090507Z\r\n"
        "DTSTART;VALUE=DATE:20240314\r\n"
        "DTEND;VALUE=DATE:20240315\r\n"
        "SUMMARY:Follow up: send the slides\\, v2 (Ada Lovelace\\, Bob)\r\n"
        "DESCRIPTION:After coffee on 2024-03-07: Talked about Rust\\; she's moving to\r\n"
        "  Berlin\r\n"
        "TRANSP:TRANSPARENT\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n";
    CHECK(io::write_ics(entries, kNow) == expected);
}

TEST_CASE("calendar entries: by date, stable ids, only live people") {
    Plan plan;
    plan.queue.plan.touches.push_back({.contact = plan.bob, .day = day(2024, 3, 11), .touch = TouchKind::Message,
                                       .reason = "New"});
    plan.queue.plan.touches.push_back({.contact = plan.ada, .day = day(2024, 3, 16), .touch = TouchKind::Meeting,
                                       .reason = ""});
    plan.queue.follow_ups.push_back({.interaction = Id{2, 3}, .people = {plan.bob}, .date = day(2024, 3, 1),
                                     .text = "", .overdue = true});
    plan.queue.plan.touches.push_back({.contact = Id{7, 7}, .day = day(2024, 3, 12), .touch = TouchKind::Call,
                                       .reason = "missing"});
    plan.queue.follow_ups.push_back({.interaction = Id{2, 4}, .people = {Id{7, 7}}, .date = day(2024, 3, 12),
                                     .text = "nobody", .overdue = false});

    const std::vector<io::CalendarEntry> entries = io::calendar_entries(plan.store, plan.queue);
    std::vector<std::string> summaries;
    for (const io::CalendarEntry& e : entries) summaries.push_back(e.date.iso() + " " + e.summary);
    CHECK(summaries == std::vector<std::string>{
                           "2024-03-01 Follow up with Bob",  // overdue: on its own date
                           "2024-03-11 Message Bob",
                           "2024-03-12 Call Ada Lovelace",
                           "2024-03-14 Follow up: send the slides, v2 (Ada Lovelace, Bob)",
                           "2024-03-16 Meet Ada Lovelace",
                       });
    CHECK(entries[1].uid == "touch-00000000000000010000000000000002-20240311@ties.local");
    CHECK(io::calendar_entries(plan.store, plan.queue)[1].uid == entries[1].uid);  // stable
    CHECK(entries[0].description.empty());  // the interaction is not in the store
    // No description line when there is none.
    const std::string ics = io::write_ics({entries[4]}, kNow);
    CHECK(ics.find("DESCRIPTION") == std::string::npos);
    CHECK(io::ics_file_name(day(2024, 3, 11)) == "ties-plan-2024-03-11.ics");
}

TEST_CASE("TEXT escaping") {
    CHECK(io::escape_text("a\\b;c,d") == "a\\\\b\\;c\\,d");
    CHECK(io::escape_text("one\ntwo\r\nthree\rfour") == "one\\ntwo\\nthree\\nfour");
    CHECK(io::escape_text("tab\there\x01\x1f\x7f!") == "tab\there!");
    CHECK(io::escape_text("Łukasz: 日本 😀") == "Łukasz: 日本 😀");
    CHECK(io::escape_text("bad \xff byte") == "bad \xef\xbf\xbd byte");  // U+FFFD
    CHECK(io::escape_text("") == "");
}

TEST_CASE("folding at 75 octets never splits a UTF-8 sequence, and unfolds to the original") {
    CHECK(io::fold_line("SUMMARY:short") == "SUMMARY:short\r\n");
    const std::string exact = "SUMMARY:" + std::string(67, 'x');  // 75 octets: no fold
    CHECK(io::fold_line(exact) == exact + "\r\n");
    CHECK(io::fold_line(exact + "y") == exact + "\r\n y\r\n");

    const std::vector<std::string> pieces{"a", "é", "Ł", "–", "日", "😀", " ", "\\,"};
    for (std::size_t length = 0; length < 400; length += 7) {
        std::string value;
        for (std::size_t i = 0; i < length; ++i) value += pieces[(i * 5 + length) % pieces.size()];
        const std::string line = "DESCRIPTION:" + value;
        const std::string folded = io::fold_line(line);
        CAPTURE(length);
        for (const std::string& physical : physical_lines(folded)) {
            CHECK(physical.size() <= 75);
            CHECK(encode_utf8(decode_utf8(physical)) == physical);  // each line is valid UTF-8 alone
            CHECK(decode_utf8(physical).find(U'\uFFFD') == std::u32string::npos);
        }
        CHECK(unfold(folded) == line + "\r\n");
    }
}

TEST_CASE("a whole file with long non-ASCII text stays within 75 octets per line") {
    Plan plan;
    Contact ada = *plan.store.contact(plan.ada);
    ada.display_name = "Zoë Ødegaard-Łukaszewicz 日本語の名前 😀😀😀 with a rather long name indeed";
    plan.store.load(ada);
    plan.queue.plan.touches[0].reason = std::string(40, 'r') + "; ééééééééééééééééééééééééééééééééééééééééé";
    const std::string ics = io::write_ics(io::calendar_entries(plan.store, plan.queue), kNow);
    for (const std::string& physical : physical_lines(ics)) {
        CHECK(physical.size() <= 75);
        CHECK(decode_utf8(physical).find(U'\uFFFD') == std::u32string::npos);
    }
    const std::string unfolded = unfold(ics);
    CHECK(unfolded.find("SUMMARY:Call Zoë Ødegaard-Łukaszewicz 日本語の名前 😀😀😀 with a rather long name indeed\r\n") !=
          std::string::npos);
    CHECK(unfolded.find("DESCRIPTION:" + std::string(40, 'r') + "\\; éééé") != std::string::npos);
}
