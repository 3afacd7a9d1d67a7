// Mail folded into touches: one per thread and day, who wrote first, correspondents with their
// counts; automated mail, mail between others and repeated messages left out and counted.
#include "core/mail_history.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace ties;

namespace {

Millis at(int day, int hour, int minute = 0) {
    return midnight_utc(Date::from_ymd(2026, 11, day)) + (hour * 60 + minute) * Millis{60'000};
}

const MailPerson kMe{"me@example.com", "Me"};
const MailPerson kAnn{"ann@example.org", "Ann Lee"};
const MailPerson kBob{"bob@example.org", "Bob"};

MailItem mail(Millis when, MailPerson from, std::vector<MailPerson> to, std::string id, std::string thread = "") {
    MailItem m;
    m.at = when;
    m.from = std::move(from);
    m.to = std::move(to);
    m.id = std::move(id);
    m.thread = thread.empty() ? m.id : std::move(thread);
    return m;
}

}  // namespace

TEST_CASE("mail history: a thread is one touch per day, its initiator whoever wrote the day's first message") {
    MailHistory h({"Me@Example.com"}, 0);
    h.add(mail(at(3, 10), kMe, {kAnn}, "m2", "m1"));   // my reply arrives first in the file
    h.add(mail(at(3, 9), kAnn, {kMe}, "m1"));           // Ann wrote first that day
    h.add(mail(at(4, 8), kMe, {kAnn}, "m3", "m1"));     // the next day I write first
    h.add(mail(at(4, 9), kAnn, {kMe}, "m4", "m1"));
    h.add(mail(at(4, 12), kAnn, {kMe}, "m5"));          // another thread, the same day: a touch of its own
    const std::vector<MailTouch> t = h.touches();
    REQUIRE(t.size() == 3);
    CHECK(t[0].date == Date::from_ymd(2026, 11, 3));
    CHECK(t[0].initiator == Initiator::Them);
    CHECK(t[0].messages == 2);
    CHECK(t[0].minute_of_day == 9 * 60);
    CHECK(t[0].people == std::vector<std::string>{"ann@example.org"});
    const auto day4 = [&](Initiator who) {
        return std::count_if(t.begin(), t.end(), [&](const MailTouch& x) {
            return x.date == Date::from_ymd(2026, 11, 4) && x.initiator == who;
        });
    };
    CHECK(day4(Initiator::Me) == 1);
    CHECK(day4(Initiator::Them) == 1);
    CHECK(t[0].thread != t[2].thread);

    const Correspondent* ann = h.correspondent("ann@example.org");
    REQUIRE(ann != nullptr);
    CHECK(ann->messages == 5);
    CHECK(ann->from_them == 3);
    CHECK(ann->first == at(3, 9));
    CHECK(ann->last == at(4, 12));
    CHECK(h.personal() == 5);
}

TEST_CASE("mail history: several people in a message are one touch with all of them") {
    MailHistory h({"me@example.com"}, 0);
    h.add(mail(at(5, 9), kMe, {kAnn, kBob, kMe, kAnn}, "g1"));
    h.add(mail(at(5, 10), kBob, {kMe, kAnn}, "g2", "g1"));  // Bob answers all: with me, Ann is his, not mine
    const std::vector<MailTouch> t = h.touches();
    REQUIRE(t.size() == 1);
    CHECK(t[0].people == std::vector<std::string>{"ann@example.org", "bob@example.org"});
    CHECK(t[0].initiator == Initiator::Me);
    CHECK(h.correspondent("bob@example.org")->messages == 2);
    CHECK(h.correspondent("ann@example.org")->messages == 1);
}

TEST_CASE("mail history: automated mail, mail between others and repeated messages are counted, not touches") {
    MailHistory h({"me@example.com", "me@work.example"}, 0);
    MailItem list = mail(at(6, 9), {"news@lists.example.org", ""}, {kMe}, "n1");
    list.automated = "a mailing list";
    h.add(list);
    h.add(mail(at(6, 10), kAnn, {kBob}, "o1"));                       // between others
    h.add(mail(at(6, 11), kMe, {{"me@work.example", ""}}, "self"));   // to myself only
    h.add(mail(at(6, 12), kAnn, {{"me@work.example", ""}}, "w1"));    // to my other address
    h.add(mail(at(6, 12), kAnn, {{"me@work.example", ""}}, "w1"));    // the same message again (another folder)
    CHECK(h.automated().at("a mailing list") == 1);
    CHECK(h.between_others() == 2);
    CHECK(h.repeated() == 1);
    CHECK(h.personal() == 1);
    CHECK(h.touches().size() == 1);
    CHECK(h.correspondent("bob@example.org") == nullptr);
}

TEST_CASE("mail history: the day is the person's, by their time zone") {
    MailHistory east({"me@example.com"}, 60);
    east.add(mail(at(7, 23, 30), kAnn, {kMe}, "late"));
    REQUIRE(east.touches().size() == 1);
    CHECK(east.touches()[0].date == Date::from_ymd(2026, 11, 8));
    CHECK(east.touches()[0].minute_of_day == 30);
    MailHistory west({"me@example.com"}, -300);
    west.add(mail(at(7, 2), kAnn, {kMe}, "early"));
    CHECK(west.touches()[0].date == Date::from_ymd(2026, 11, 6));
    CHECK(west.touches()[0].minute_of_day == 21 * 60);
}

TEST_CASE("mail history: correspondents by count, each with the name most messages gave") {
    MailHistory h({"me@example.com"}, 0);
    h.add(mail(at(1, 9), {"ann@example.org", "Ann"}, {kMe}, "a1"));
    h.add(mail(at(2, 9), {"ann@example.org", "Ann Lee"}, {kMe}, "a2"));
    h.add(mail(at(3, 9), kMe, {{"ann@example.org", "Ann Lee"}}, "a3"));
    h.add(mail(at(3, 9), kMe, {{"zed@example.org", ""}}, "z1"));
    h.add(mail(at(3, 9), kMe, {{"bob@example.org", ""}}, "b1"));
    const std::vector<Correspondent> c = h.correspondents();
    REQUIRE(c.size() == 3);
    CHECK(c[0].email == "ann@example.org");
    CHECK(c[0].name == "Ann Lee");
    CHECK(c[1].email == "bob@example.org");  // one message each: by address
    CHECK(c[1].name.empty());
    CHECK(c[2].email == "zed@example.org");
}

TEST_CASE("mail history: the addresses offered as the person's own") {
    std::vector<MailItem> sample = {
        mail(at(1, 9), kAnn, {kMe}, "1"), mail(at(1, 9), kMe, {kAnn}, "2"), mail(at(1, 9), kBob, {kMe, kAnn}, "3"),
        mail(at(1, 9), kMe, {kBob}, "4")};
    MailItem bulk = mail(at(1, 9), {"news@x.org", ""}, {{"list@x.org", ""}}, "5");
    bulk.automated = "a mailing list";
    sample.push_back(bulk);
    const auto own = likely_own_addresses(sample, 2);
    REQUIRE(own.size() == 2);
    CHECK(own[0] == std::pair<std::string, std::size_t>{"me@example.com", 4});
    CHECK(own[1].first == "ann@example.org");
}

TEST_CASE("mail history: at equal counts, the address lists and machines write to is the person's") {
    // Ann is in every personal message, as the person is: the newsletter to the person decides.
    std::vector<MailItem> sample = {mail(at(1, 9), kAnn, {kMe}, "1"), mail(at(1, 10), kMe, {kAnn}, "2")};
    CHECK(likely_own_addresses(sample, 1).front().first == "ann@example.org");  // by name, with nothing else
    MailItem bulk = mail(at(1, 11), {"news@x.org", ""}, {kMe}, "3");
    bulk.automated = "a mailing list";
    sample.push_back(bulk);
    const auto own = likely_own_addresses(sample, 2);
    REQUIRE(own.size() == 2);
    CHECK(own[0] == std::pair<std::string, std::size_t>{"me@example.com", 2});
    CHECK(own[1] == std::pair<std::string, std::size_t>{"ann@example.org", 2});
}
