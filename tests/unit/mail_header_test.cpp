// The mail header reader on hand-written headers with each quirk real clients produce: folding,
// encoded words, quoted names with commas, groups, comments, and the dates clients really write.
#include "io/mail_header.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ties;
using namespace ties::io::mail;

namespace {

Millis utc(int y, int mo, int d, int h, int mi, int s) {
    return midnight_utc(Date::from_ymd(y, mo, d)) + ((h * 60 + mi) * 60 + s) * Millis{1000};
}

}  // namespace

TEST_CASE("mail headers: fields are split and folded lines joined; the body is not read") {
    const std::string block =
        "From: Ann <ann@example.org>\r\n"
        "To: bob@example.org,\r\n"
        "\tcarol@example.org\r\n"
        "Subject: a long\r\n"
        "   subject line\r\n"
        "not a header line\r\n"
        "X-Empty:\r\n"
        "\r\n"
        "From: not a header, the body\r\n";
    const std::vector<Field> fields = split_fields(block);
    REQUIRE(fields.size() == 4);
    CHECK(fields[0].name == "from");
    CHECK(fields[1].value == "bob@example.org, carol@example.org");
    CHECK(fields[2].value == "a long subject line");
    CHECK(fields[3].name == "x-empty");
    CHECK(fields[3].value.empty());
    CHECK(split_fields("Subject: no end of headers").size() == 1);
    CHECK(split_fields(" continued before any field\nA: b\n").size() == 1);
}

TEST_CASE("mail headers: RFC 2047 encoded words in B and Q, several charsets, spaces between words dropped") {
    CHECK(decode_words("=?UTF-8?Q?Ren=C3=A9e_Dupont?=") == "Ren\xc3\xa9" "e Dupont");
    CHECK(decode_words("=?utf-8?b?UmVuw6ll?=") == "Ren\xc3\xa9" "e");
    CHECK(decode_words("=?ISO-8859-1?Q?Andr=E9?= Martin") == "Andr\xc3\xa9 Martin");
    CHECK(decode_words("=?windows-1252?Q?=80uro?=") == "\xe2\x82\xac" "uro");
    CHECK(decode_words("=?iso-8859-15?q?=A4?=") == "\xe2\x82\xac");
    // Whitespace between two encoded words is not text; between a word and plain text it is.
    CHECK(decode_words("=?UTF-8?Q?J=C3=BCr?= =?UTF-8?Q?gen?=") == "J\xc3\xbcrgen");
    CHECK(decode_words("Dr. =?UTF-8?Q?J=C3=BCrgen?= Ko") == "Dr. J\xc3\xbcrgen Ko");
    CHECK(decode_words("=?UTF-8*en?Q?Hi?=") == "Hi");  // RFC 2231 language
    // Not an encoded word, or a charset unknown here: left as written.
    CHECK(decode_words("=?koi8-r?B?8NLJ18XU?=") == "=?koi8-r?B?8NLJ18XU?=");
    CHECK(decode_words("a =? b") == "a =? b");
    CHECK(decode_words("=?UTF-8?Q?broken") == "=?UTF-8?Q?broken");
    // Raw 8-bit headers from old clients: read as Windows-1252 unless they are UTF-8.
    CHECK(decode_words("Andr\xe9") == "Andr\xc3\xa9");
    CHECK(decode_words("Andr\xc3\xa9") == "Andr\xc3\xa9");
}

TEST_CASE("mail headers: address lists as clients write them") {
    using A = Address;
    CHECK(parse_addresses("Ann Smith <Ann.Smith@Example.ORG>") == std::vector<A>{{"Ann Smith", "ann.smith@example.org"}});
    CHECK(parse_addresses("\"Smith, Ann\" <ann@example.org>, bob@example.org") ==
          std::vector<A>{{"Smith, Ann", "ann@example.org"}, {"", "bob@example.org"}});
    CHECK(parse_addresses("\"Ann \\\"the ace\\\" Smith\" <ann@example.org>") ==
          std::vector<A>{{"Ann \"the ace\" Smith", "ann@example.org"}});
    CHECK(parse_addresses("ann@example.org (Ann Smith)") == std::vector<A>{{"Ann Smith", "ann@example.org"}});
    CHECK(parse_addresses("=?UTF-8?Q?Ren=C3=A9e?= <renee@example.org>") ==
          std::vector<A>{{"Ren\xc3\xa9" "e", "renee@example.org"}});
    CHECK(parse_addresses("\"=?UTF-8?Q?Ren=C3=A9e?=\" <renee@example.org>") ==
          std::vector<A>{{"Ren\xc3\xa9" "e", "renee@example.org"}});
    CHECK(parse_addresses("Team: ann@example.org, Bob <bob@example.org>;, carol@example.org") ==
          std::vector<A>{{"", "ann@example.org"}, {"Bob", "bob@example.org"}, {"", "carol@example.org"}});
    CHECK(parse_addresses("undisclosed-recipients:;").empty());
    CHECK(parse_addresses("<@relay.example,@other.example:ann@example.org>") == std::vector<A>{{"", "ann@example.org"}});
    CHECK(parse_addresses("'ann@example.org' <ann@example.org>") == std::vector<A>{{"", "ann@example.org"}});
    CHECK(parse_addresses("Ann (work) <ann@example.org>") == std::vector<A>{{"Ann", "ann@example.org"}});
    CHECK(parse_addresses("<ann@example.org>") == std::vector<A>{{"", "ann@example.org"}});
    CHECK(parse_addresses("John Q. Public <jqp@example.org>") == std::vector<A>{{"John Q. Public", "jqp@example.org"}});
    // Not addresses: left out, the rest kept.
    CHECK(parse_addresses("Ann Smith, <nobody>, @example.org, ann@, bob@example.org") == std::vector<A>{{"", "bob@example.org"}});
    CHECK(parse_addresses("").empty());
    CHECK(parse_addresses("\"unterminated <ann@example.org>").empty());
}

TEST_CASE("mail headers: the dates clients really write") {
    const Millis at = utc(2026, 12, 3, 13, 5, 9);
    CHECK(parse_date("Thu, 3 Dec 2026 14:05:09 +0100") == at);
    CHECK(parse_date("Thu, 03 Dec 2026 14:05:09 +0100 (CET)") == at);
    CHECK(parse_date("3 Dec 2026 14:05:09 +0100") == at);
    CHECK(parse_date("Thursday, 3 December 2026 14:05:09 +01:00") == at);
    CHECK(parse_date("Thu, 3 Dec 2026 13:05:09 GMT") == at);
    CHECK(parse_date("Thu, 3 Dec 2026 13:05:09 UT") == at);
    CHECK(parse_date("Thu, 3 Dec 2026 08:05:09 EST") == at);
    CHECK(parse_date("Thu, 3 Dec 2026 05:05:09 PST") == at);
    CHECK(parse_date("Thu, 3 Dec 2026 05:05:09 -0800") == at);
    CHECK(parse_date("Thu, 3 Dec 2026 13:05:09") == at);  // no zone: UTC
    CHECK(parse_date("Thu, 3 Dec 2026 13:05:09 Z") == at);  // military letters: UTC
    CHECK(parse_date("Thu, 3 Dec 26 13:05:09 +0000") == at);
    CHECK(parse_date("Thu, 3 Dec 126 13:05:09 +0000") == at);  // three digits: 1900 + year
    CHECK(parse_date("Thu, 3 Dec 1999 13:05:09 +0000") == utc(1999, 12, 3, 13, 5, 9));
    CHECK(parse_date("Thu, 3 Dec 99 13:05:09 +0000") == utc(1999, 12, 3, 13, 5, 9));
    CHECK(parse_date("Thu, 3 Dec 2026 13:05 +0000") == utc(2026, 12, 3, 13, 5, 0));
    CHECK(parse_date("3-Dec-2026 13:05:09 +0000") == at);
    CHECK(parse_date("Thu Dec  3 13:05:09 2026") == at);  // asctime
    CHECK(parse_date("Thu Dec 3 14:05:09 CET 2026") == at + 3'600'000);  // date(1); the name CET is not known: UTC
    CHECK(parse_date("December 3, 2026 13:05:09") == at);
    CHECK(parse_date("2026-12-03T13:05:09Z") == at);
    CHECK(parse_date("2026-12-03 14:05:09 +0100") == at);
    CHECK(parse_date("2026-12-03T14:05:09.250+01:00") == at);
    CHECK(parse_date("Thu, 3 Dec 2026 13:05:60 +0000") == utc(2026, 12, 3, 13, 5, 59));  // a leap second
    CHECK(parse_date("Sat, 29 Feb 2020 10:00:00 +0000") == utc(2020, 2, 29, 10, 0, 0));
    // Not dates.
    CHECK_FALSE(parse_date(""));
    CHECK_FALSE(parse_date("yesterday"));
    CHECK_FALSE(parse_date("Thu, 31 Nov 2026 10:00:00 +0000"));
    CHECK_FALSE(parse_date("Thu, 29 Feb 2026 10:00:00 +0000"));
    CHECK_FALSE(parse_date("Thu, 3 Foo 2026 10:00:00 +0000"));
    CHECK_FALSE(parse_date("Thu, 3 Dec 2026 25:00:00 +0000"));
    CHECK_FALSE(parse_date("Thu, 3 Dec"));
    CHECK_FALSE(parse_date("2026-13-03"));
}

TEST_CASE("mail headers: message ids of Message-ID, In-Reply-To and References") {
    CHECK(parse_message_ids("<a1@example.org>") == std::vector<std::string>{"a1@example.org"});
    CHECK(parse_message_ids("<a1@example.org>\t<b2@example.org> (a comment <c@d>) <c3@x>") ==
          std::vector<std::string>{"a1@example.org", "b2@example.org", "c3@x"});
    CHECK(parse_message_ids("a1@example.org") == std::vector<std::string>{"a1@example.org"});
    CHECK(parse_message_ids("<a1@example.org>, <b2@example.org>").size() == 2);
    CHECK(parse_message_ids("Your message of Tuesday").empty());
    CHECK(parse_message_ids("<unterminated@x").empty());
    CHECK(parse_message_ids("<>").empty());
}
