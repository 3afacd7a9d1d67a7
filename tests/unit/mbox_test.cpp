// The mbox reader on hand-written files with the quirks of the mail clients that write them:
// Thunderbird's and Gmail Takeout's "From " lines, mboxrd escaping, CRLF, messages without a
// date or a sender, automated mail; and the same file fed in slices of every size.
#include "io/mbox.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ties;
using namespace ties::io::mail;

namespace {

Millis utc(int y, int mo, int d, int h, int mi, int s) {
    return midnight_utc(Date::from_ymd(y, mo, d)) + ((h * 60 + mi) * 60 + s) * Millis{1000};
}

struct Read {
    std::vector<Message> messages;
    std::optional<Problem> error;
    std::size_t skipped = 0;
    std::vector<std::string> reasons;
};

// The file fed in slices of `slice` bytes (0: all at once).
Read read(std::string_view file, std::size_t slice = 0) {
    Read out;
    MboxReader reader([&](Message&& m) { out.messages.push_back(std::move(m)); });
    if (slice == 0) slice = file.size() + 1;
    for (std::size_t at = 0; at < file.size(); at += slice) reader.feed(file.substr(at, slice));
    reader.finish();
    out.error = reader.error();
    out.skipped = reader.skipped();
    out.reasons = reader.skipped_reasons();
    return out;
}

const std::string kMbox =
    // Gmail Takeout: the "From " line has a zone before the year, the thread id and labels.
    "From 1784010000000000001@xxx Thu Dec 03 13:05:09 +0000 2026\n"
    "X-GM-THRID: 1784010000000000001\n"
    "X-Gmail-Labels: Inbox,Important\n"
    "From: =?UTF-8?Q?Ren=C3=A9e_Dupont?= <renee@example.org>\n"
    "To: \"Me, Myself\" <me@example.com>,\n"
    " ann@example.org\n"
    "Cc: Team: bob@example.org;\n"
    "Date: Thu, 3 Dec 2026 14:05:09 +0100\n"
    "Message-ID: <m1@example.org>\n"
    "Subject: lunch?\n"
    "\n"
    "Shall we?\n"
    ">From the desk of Renee: an escaped line (mboxrd), not a new message.\n"
    "From here on, a line an old writer forgot to escape, not after an empty line.\n"
    "\n"
    // Thunderbird: "From - " and a reply in the same thread; CRLF line ends.
    "From - Thu Dec 03 15:00:00 2026\r\n"
    "From: Me <me@example.com>\r\n"
    "To: Renee <renee@example.org>\r\n"
    "Date: Thu, 03 Dec 2026 15:00:00 +0000\r\n"
    "Message-ID: <m2@example.com>\r\n"
    "In-Reply-To: <m1@example.org>\r\n"
    "References: <m0@example.org>\r\n"
    " <m1@example.org>\r\n"
    "\r\n"
    "Yes.\r\n"
    "\r\n"
    // No Date field: the "From " line's date is used.
    "From ann@example.org Fri Dec  4 09:30:00 2026\n"
    "From: ann@example.org\n"
    "To: me@example.com\n"
    "\n"
    "no date in the headers\n"
    "\n"
    // No sender: skipped and counted.
    "From nobody Fri Dec  4 10:00:00 2026\n"
    "To: me@example.com\n"
    "Date: Fri, 4 Dec 2026 10:00:00 +0000\n"
    "\n"
    "\n"
    // Automated mail of each kind.
    "From x Fri Dec  4 11:00:00 2026\n"
    "From: News <news@lists.example.org>\n"
    "To: me@example.com\n"
    "List-Id: <news.lists.example.org>\n"
    "Date: Fri, 4 Dec 2026 11:00:00 +0000\n"
    "\n"
    "From x Fri Dec  4 11:01:00 2026\n"
    "From: Shop <no-reply@shop.example>\n"
    "To: me@example.com\n"
    "Date: Fri, 4 Dec 2026 11:01:00 +0000\n"
    "\n"
    "From x Fri Dec  4 11:02:00 2026\n"
    "From: Bob <bob@example.org>\n"
    "To: me@example.com\n"
    "Auto-Submitted: auto-replied\n"
    "Date: Fri, 4 Dec 2026 11:02:00 +0000\n"
    "\n"
    "From x Fri Dec  4 11:03:00 2026\n"
    "From: Bob <bob@example.org>\n"
    "To: me@example.com\n"
    "Auto-Submitted: no\n"
    "Precedence: first-class\n"
    "Date: Fri, 4 Dec 2026 11:03:00 +0000\n"
    "\n"
    "From x Fri Dec  4 11:04:00 2026\n"
    "From: Ads <ads@example.net>\n"
    "To: me@example.com\n"
    "X-Gmail-Labels: Spam\n"
    "Date: Fri, 4 Dec 2026 11:04:00 +0000\n"
    "\n"
    // The last message: headers only, the file ends without a newline.
    "From x Fri Dec  4 12:00:00 2026\n"
    "From: Carol <carol@example.org>\n"
    "Date: Fri, 4 Dec 2026 12:00:00 +0000";

}  // namespace

TEST_CASE("mbox: messages, their people, dates and threads; bodies are not messages") {
    const Read r = read(kMbox);
    REQUIRE_FALSE(r.error);
    REQUIRE(r.messages.size() == 9);
    CHECK(r.skipped == 1);
    CHECK(r.reasons == std::vector<std::string>{"1 message had no sender"});

    const Message& first = r.messages[0];
    CHECK(first.from == Address{"Ren\xc3\xa9" "e Dupont", "renee@example.org"});
    REQUIRE(first.to.size() == 3);
    CHECK(first.to[0] == Address{"Me, Myself", "me@example.com"});
    CHECK(first.to[1].email == "ann@example.org");
    CHECK(first.to[2].email == "bob@example.org");  // Cc, in a group
    CHECK(first.date == utc(2026, 12, 3, 13, 5, 9));
    CHECK(first.id == "m1@example.org");
    CHECK(first.gmail_thread == "1784010000000000001");
    CHECK(first.automated.empty());
    CHECK(first.line == 2);

    const Message& reply = r.messages[1];
    CHECK(reply.from.email == "me@example.com");
    CHECK(reply.date == utc(2026, 12, 3, 15, 0, 0));
    CHECK(reply.thread == std::vector<std::string>{"m0@example.org", "m1@example.org"});

    CHECK(r.messages[2].date == utc(2026, 12, 4, 9, 30, 0));  // from the "From " line
    CHECK(r.messages[2].id.empty());

    CHECK(r.messages[3].automated == "a mailing list");
    CHECK(r.messages[4].automated == "a no-reply sender");
    CHECK(r.messages[5].automated == "an automatic message");
    CHECK(r.messages[6].automated.empty());  // Auto-Submitted: no, and an unknown precedence
    CHECK(r.messages[7].automated == "in spam");
    CHECK(r.messages[8].from.email == "carol@example.org");
    CHECK(r.messages[8].to.empty());
}

TEST_CASE("mbox: any slicing of the file reads the same messages") {
    const Read whole = read(kMbox);
    for (std::size_t slice : {1u, 2u, 3u, 5u, 7u, 64u, 255u, 256u, 257u, 1000u}) {
        CAPTURE(slice);
        const Read sliced = read(kMbox, slice);
        REQUIRE(sliced.messages.size() == whole.messages.size());
        for (std::size_t i = 0; i < whole.messages.size(); ++i) {
            CHECK(sliced.messages[i].from == whole.messages[i].from);
            CHECK(sliced.messages[i].to == whole.messages[i].to);
            CHECK(sliced.messages[i].date == whole.messages[i].date);
            CHECK(sliced.messages[i].thread == whole.messages[i].thread);
            CHECK(sliced.messages[i].line == whole.messages[i].line);
        }
        CHECK(sliced.skipped == whole.skipped);
    }
}

TEST_CASE("mbox: an unescaped \"From \" in a body is body; a \"From \" line without a date starts a message when fields follow") {
    const Read r = read(
        "From sender\n"
        "From: a@example.org\nDate: Thu, 3 Dec 2026 10:00:00 +0000\n\n"
        "Hello,\n\nFrom what I heard, Tuesday works.\nFrom then on, fine.\n\n"
        "From other-writer\n"
        "From: b@example.org\nDate: Thu, 3 Dec 2026 11:00:00 +0000\n\nbody\n");
    REQUIRE_FALSE(r.error);
    REQUIRE(r.messages.size() == 2);
    CHECK(r.skipped == 0);
    CHECK(r.messages[1].from.email == "b@example.org");
    CHECK(r.messages[1].line == 11);  // its first field
}

TEST_CASE("mbox: one .eml message, an empty file, a file that is not mail") {
    const Read eml = read("From: Ann <ann@example.org>\r\nTo: me@example.com\r\nDate: 3 Dec 2026 10:00 +0000\r\n\r\nBody\r\n");
    REQUIRE(eml.messages.size() == 1);
    CHECK(eml.messages[0].from.name == "Ann");

    CHECK(to_string(read("").error) == "empty file");
    CHECK(to_string(read("\n\n").error) == "empty file");
    CHECK(to_string(read("BEGIN:VCARD\nEND:VCARD\n").error).rfind("not an mbox file", 0) == 0);
    CHECK(to_string(read("hello world\nFrom: a@b\n").error).rfind("not an mbox file", 0) == 0);
    CHECK(read("Received: from mx.example.org\nFrom: a@example.org\nDate: 3 Dec 2026 10:00 +0000\n").messages.size() == 1);
}

TEST_CASE("mbox: headers over the limit are skipped and said; a huge body line costs nothing") {
    std::string file = "From x Thu Dec  3 10:00:00 2026\nFrom: a@example.org\nX-Long: ";
    file.append(MboxReader::kMaxHeaderBytes, 'x');
    file += "\nDate: Thu, 3 Dec 2026 10:00:00 +0000\n\nbody\n\n";
    file += "From x Thu Dec  3 11:00:00 2026\nFrom: b@example.org\nDate: Thu, 3 Dec 2026 11:00:00 +0000\n\n";
    file.append(10 * 1024 * 1024, 'y');  // one body line of 10 MB, no newline in it
    file += "\n\nFrom x Thu Dec  3 12:00:00 2026\nFrom: c@example.org\n\n";
    for (std::size_t slice : {0u, 4096u, 1u << 20}) {
        const Read r = read(file, slice);
        REQUIRE(r.messages.size() == 2);
        CHECK(r.messages[0].from.email == "b@example.org");
        CHECK(r.messages[1].from.email == "c@example.org");
        CHECK(r.reasons == std::vector<std::string>{"1 message had headers longer than 256 KB"});
    }
}

TEST_CASE("mbox: no-reply addresses") {
    for (const char* a : {"noreply@x.org", "no-reply@x.org", "No_Reply@x.org", "donotreply@x.org", "do-not-reply@x.org",
                          "MAILER-DAEMON@x.org", "postmaster@x.org", "bounces+123@x.org", "notifications@github.com",
                          "noreply-dmarc@x.org"})
        CHECK_MESSAGE(is_no_reply(a), a);
    for (const char* a : {"ann@x.org", "reply@x.org", "nora@x.org", "bouncer.bob@x.org", "notified@x.org"})
        CHECK_MESSAGE(!is_no_reply(a), a);
}
