// Asking for help (core/ask.hpp): whom an audience holds, the week's budget and the people asked
// too recently, the way each person is reached, mailto batches, and the records an ask, an answer
// and an opportunity from it leave.
#include "core/ask.hpp"
#include "core/graph.hpp"
#include "core/network_stats.hpp"

#include "graph_fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace ties;
using namespace ties::graph_fixtures;

namespace {

Contact with_email(Contact c, std::string email) {
    c.emails.push_back({std::move(email), {}});
    return c;
}

Contact with_handle(Contact c, HandleKind kind, std::string value) {
    c.handles.push_back({kind, std::move(value)});
    return c;
}

Interaction ask_record(std::uint64_t n, std::vector<std::uint64_t> people, int days_ago) {
    std::vector<Id> ids;
    for (const std::uint64_t p : people) ids.push_back(person_id(p));
    return make_ask(Id{0xA5, n}, ids, "Who hires in Lisbon?", Date{kToday.days - days_ago});
}

std::vector<Id> ids(std::vector<std::uint64_t> people) {
    std::vector<Id> out;
    for (const std::uint64_t p : people) out.push_back(person_id(p));
    return out;
}

}  // namespace

TEST_CASE("ask: audiences by tag, city and circle, case-insensitive, live people only") {
    Contact archived = person(4, "", "Lisbon", {"Climbing"});
    archived.archived = true;
    Contact inner = person(5);
    inner.tier = Tier::Inner;
    Store store = store_of({person(1, "", "Lisbon", {"climbing"}), person(2, "", "lisbon ", {"CLIMBING", "rust"}),
                            person(3, "", "Porto", {"rust"}), archived, inner, person(6, "", "Lisbon", {"climbing"})});
    CHECK(people_tagged(store, "Climbing") == ids({1, 2, 6}));
    CHECK(people_in_city(store, "LISBON") == ids({1, 2, 6}));
    CHECK(people_in_circle(store, Tier::Inner) == ids({5}));
    CHECK(people_tagged(store, "") .empty());
    CHECK(tags_in_use(store) == std::vector<std::string>{"climbing", "rust"});  // the spelling most use
    CHECK(cities_in_use(store) == std::vector<std::string>{"Lisbon", "Porto"});
}

TEST_CASE("ask: the people whose company, title or past help fits, with why") {
    Contact titled = person(2);
    titled.title = "Head of Hiring";
    Interaction help;
    help.meta.id = Id{0x1A, 9};
    help.date = Date{kToday.days - 20};
    help.kind = InteractionKind::HelpReceived;
    help.participants = ids({3});
    help.notes = "Introduced me to a hiring manager at Fjord";
    Interaction note = help;  // a note that mentions hiring is not help
    note.meta.id = Id{0x1A, 10};
    note.kind = InteractionKind::Note;
    note.participants = ids({4});
    Store store = store_of({person(1, "Fjord Labs"), titled, person(3), person(4), help, note});

    const std::vector<Fit> fjord = people_who_fit(store, "fjord");
    REQUIRE(fjord.size() == 2);
    CHECK(fjord[0].id == person_id(1));
    CHECK(fjord[0].why == "works at Fjord Labs");
    CHECK(fjord[1].id == person_id(3));
    CHECK(fjord[1].why == "helped you on " + help.date.iso() + ": Introduced me to a hiring manager at Fjord");

    const std::vector<Fit> hiring = people_who_fit(store, "Hiring");
    REQUIRE(hiring.size() == 2);
    CHECK(hiring[0].why == "Head of Hiring");
    CHECK(hiring[1].id == person_id(3));
    CHECK(people_who_fit(store, "fjord hiring manager").size() == 1);  // every word must be there
    CHECK(people_who_fit(store, "  ").empty());
}

TEST_CASE("ask: the plan puts the strongest first, keeps to the week's budget and leaves out the recently asked") {
    std::vector<Record> records;
    for (std::uint64_t n = 1; n <= 6; ++n) records.push_back(person(n));
    records.push_back(touch(1, {3}, 2));   // 3 is the strongest tie
    records.push_back(touch(2, {3}, 9));
    records.push_back(touch(3, {5}, 30));
    // Asked this week (Monday 2026-11-30; kToday is Tuesday 2026-12-01): 2 people.
    records.push_back(ask_record(1, {1, 2}, 1));
    // Asked 25 days ago (recent) and 40 days ago (not any more).
    records.push_back(ask_record(2, {4}, 25));
    records.push_back(ask_record(3, {6}, 40));
    Store store = store_of(records);
    Settings settings = store.settings();
    settings.budget.asks_per_week = 5;
    store.load(settings);
    const NetworkStats stats = NetworkStats::build(store, kToday);

    CHECK(asked_this_week(asks_in(store), kToday) == 2);
    const std::vector<Id> audience = ids({6, 5, 4, 3, 3, 99});  // a repeat and an unknown id dropped
    AskPlan plan = plan_ask(store, stats, asks_in(store), audience, kToday, false);
    CHECK(plan.budget == 5);
    CHECK(plan.asked_this_week == 2);
    CHECK(plan.left() == 3);
    CHECK(plan.to_ask == ids({3, 5, 6}));  // strongest first; 4 was asked 25 days ago
    REQUIRE(plan.recent.size() == 1);
    CHECK(plan.recent[0].id == person_id(4));
    CHECK(plan.recent[0].asked == Date{kToday.days - 25});
    CHECK(plan.over_budget.empty());

    plan = plan_ask(store, stats, asks_in(store), audience, kToday, true);  // asked again on purpose: the weakest goes over
    CHECK(plan.to_ask == ids({3, 5, 4}));
    CHECK(plan.over_budget == ids({6}));
    CHECK(plan.recent.size() == 1);

    settings.budget.asks_per_week = 1;  // already spent: nobody fits
    store.load(settings);
    plan = plan_ask(store, stats, asks_in(store), audience, kToday, false);
    CHECK(plan.left() == 0);
    CHECK(plan.to_ask.empty());
    CHECK(plan.over_budget.size() == 3);
}

TEST_CASE("ask: each person is reached by e-mail, else X, Mastodon, LinkedIn, else the copied list") {
    CHECK(channel_for(with_email(with_handle(person(1), HandleKind::X, "@ada"), "ada@example.org")) == AskChannel::Mail);
    CHECK(channel_for(with_handle(person(2), HandleKind::X, "@ada_l")) == AskChannel::X);
    CHECK(channel_for(with_handle(person(3), HandleKind::Mastodon, "@ada@hachyderm.io")) == AskChannel::Mastodon);
    CHECK(channel_for(with_handle(person(4), HandleKind::LinkedIn, "https://www.linkedin.com/in/ada")) == AskChannel::LinkedIn);
    CHECK(channel_for(with_email(person(5), "not an address")) == AskChannel::Copy);
    CHECK(channel_for(with_handle(person(6), HandleKind::X, "javascript:alert(1)")) == AskChannel::Copy);

    const std::string question = "Who hires Rust people in Lisbon? café & co";
    CHECK(compose_url(AskChannel::X, with_handle(person(2), HandleKind::X, "https://twitter.com/ada_l/"), question) ==
          "https://x.com/intent/post?text=%40ada_l%20Who%20hires%20Rust%20people%20in%20Lisbon%3F%20caf%C3%A9%20%26%20co");
    CHECK(compose_url(AskChannel::Mastodon, with_handle(person(3), HandleKind::Mastodon, "@ada@hachyderm.io"), "Hi?") ==
          "https://hachyderm.io/share?text=%40ada%40hachyderm.io%20Hi%3F");
    CHECK(compose_url(AskChannel::LinkedIn, with_handle(person(4), HandleKind::LinkedIn, "linkedin.com/in/ada"), "Hi") ==
          "https://linkedin.com/in/ada");
    CHECK_FALSE(compose_url(AskChannel::X, person(7), "Hi"));
    CHECK_FALSE(compose_url(AskChannel::Mail, with_email(person(8), "a@b.org"), "Hi"));
}

TEST_CASE("ask: mailto drafts put everyone in BCC, in batches a mail client accepts") {
    const std::vector<std::string> three{"ada@example.org", "bo+rust@example.org", "cy@example.org"};
    const auto one = mailto_batches(three, "A question", "Line one\nLine two?");
    REQUIRE(one.size() == 1);
    CHECK(one[0] ==
          "mailto:?bcc=ada%40example.org%2Cbo%2Brust%40example.org%2Ccy%40example.org"
          "&subject=A%20question&body=Line%20one%0D%0ALine%20two%3F");

    std::vector<std::string> many;
    for (int n = 0; n < 95; ++n) many.push_back("person" + std::to_string(n) + "@example.org");
    const auto addresses_in = [](const std::string& url) {
        std::size_t n = 0;
        for (std::size_t at = url.find("%40"); at != std::string::npos; at = url.find("%40", at + 1)) ++n;
        return n;
    };
    const auto by_count = mailto_batches(many, "Q", "Body", 40, 100'000);
    REQUIRE(by_count.size() == 3);
    CHECK(addresses_in(by_count[0]) == 40);
    CHECK(addresses_in(by_count[2]) == 15);
    const auto by_length = mailto_batches(many, "Q", "Body", 40, 300);
    CHECK(by_length.size() > 3);
    std::size_t people = 0;
    for (const std::string& url : by_length) {
        CHECK(url.size() <= 300);
        people += addresses_in(url);
    }
    CHECK(people == 95);  // everyone in exactly one draft
    // A question longer than the limit still goes whole, one address per draft.
    const auto long_body = mailto_batches(three, "Q", std::string(400, 'x'), 40, 300);
    CHECK(long_body.size() == 3);
    CHECK(mailto_batches({}, "Q", "B").empty());
}

TEST_CASE("ask: the ask, its answers and an opportunity from one; asks are not touches and link nobody") {
    std::vector<Record> records;
    for (std::uint64_t n = 1; n <= 3; ++n) records.push_back(with_email(person(n), "p" + std::to_string(n) + "@example.org"));
    Store store = store_of(records);
    const Interaction ask = make_ask(Id{0xA5, 1}, ids({1, 2, 3}), "  Who hires in Lisbon?  ", kToday);
    CHECK(ask.kind == InteractionKind::Ask);
    CHECK(ask.initiator == Initiator::Me);
    CHECK(ask.notes == "Who hires in Lisbon?");
    store.apply(Change{"Ask", {ask}}, 1000);

    // Not a touch: nobody's last touch moves, and the people asked together are not linked.
    NetworkStats stats = NetworkStats::build(store, kToday);
    CHECK_FALSE(stats.of(person_id(1)).last_touch);
    const PeopleGraph graph = build_graph(store);
    CHECK(std::all_of(graph.links.begin(), graph.links.end(), [](const auto& l) { return l.empty(); }));

    const Interaction answer = make_answer(Id{0xA6, 1}, ask, person_id(2), kToday, AskChannel::Mail);
    CHECK(answer.kind == InteractionKind::Email);
    CHECK(answer.initiator == Initiator::Them);
    CHECK(answer.answers == ask.meta.id);
    CHECK(answer.participants == ids({2}));
    store.apply(Change{"Answered", {answer}}, 2000);
    stats = NetworkStats::build(store, kToday);
    CHECK(stats.of(person_id(2)).last_touch == kToday);  // the answer is a touch from them
    CHECK(stats.of(person_id(2)).initiated_by_them == 1);

    std::vector<AskRecord> asks = asks_in(store);
    REQUIRE(asks.size() == 1);
    CHECK(asks[0].ask->meta.id == ask.meta.id);
    CHECK(asks[0].answer_of(person_id(2)) == answer.meta.id);
    CHECK_FALSE(asks[0].answer_of(person_id(1)));
    CHECK(answered_words(asks[0]) == "1 of 3 answered");

    CHECK(opportunity_from(store, answer.meta.id) == nullptr);
    const Opportunity o = opportunity_from_answer(Id{0x0B, 1}, ask, answer, kToday);
    CHECK(o.contacts == ids({2}));
    CHECK(o.from_answer == answer.meta.id);
    store.apply(save_opportunity(o), 2500);
    REQUIRE(opportunity_from(store, answer.meta.id) != nullptr);
    CHECK(opportunity_from(store, answer.meta.id)->meta.id == o.meta.id);
    CHECK(o.title == "Who hires in Lisbon?");
    CHECK(o.status == OpportunityStatus::Open);

    // An answer deleted (unmarked) is no longer counted; the list text names everyone.
    store.apply(delete_interaction(store, answer.meta.id), 3000);
    CHECK(asks_in(store)[0].answers.empty());
    CHECK(ask_list_text(store, ids({1, 2}), "Q?") == "Q?\n\nP1 <p1@example.org>\nP2 <p2@example.org>\n");
}

TEST_CASE("ask: asks are listed newest first, whatever order the records came in") {
    for (std::uint64_t shuffle = 1; shuffle <= 5; ++shuffle) {
        Store store = store_of({person(1), person(2), ask_record(1, {1}, 3), ask_record(2, {2}, 1), ask_record(3, {1, 2}, 7)}, shuffle);
        const auto asks = asks_in(store);
        REQUIRE(asks.size() == 3);
        CHECK(asks[0].ask->meta.id == Id{0xA5, 2});
        CHECK(asks[1].ask->meta.id == Id{0xA5, 1});
        CHECK(asks[2].ask->meta.id == Id{0xA5, 3});
    }
}

TEST_CASE("ask: answers marked on two devices both survive a merge") {
    Store one = store_of({person(1), person(2), ask_record(1, {1, 2}, 1)});
    Store two = one;
    const Interaction& ask = *one.interaction(Id{0xA5, 1});
    one.apply(Change{"1 answered", {make_answer(Id{0xA6, 1}, ask, person_id(1), kToday, AskChannel::Mail)}}, 1000);
    two.apply(Change{"2 answered", {make_answer(Id{0xA6, 2}, ask, person_id(2), kToday, AskChannel::X)}}, 1001);
    merge_into(one, two);
    merge_into(two, one);
    for (const Store* store : {&one, &two}) {
        const auto asks = asks_in(*store);
        REQUIRE(asks.size() == 1);
        CHECK(asks[0].answer_of(person_id(1)) == Id{0xA6, 1});
        CHECK(asks[0].answer_of(person_id(2)) == Id{0xA6, 2});
        CHECK(answered_words(asks[0]) == "2 of 2 answered");
    }
}
