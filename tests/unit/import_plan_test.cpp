#include "core/import_plan.hpp"

#include "core/contact_keys.hpp"
#include "io/vcard.hpp"
#include "io_fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace ties;

namespace {

struct Fixture {
    IdGenerator ids{0x1A2B, 0x3C4D};
    Store store;
    Millis now = 1'700'000'000'000;

    Contact person(std::string name, std::vector<std::string> emails = {}, std::vector<Handle> handles = {}) {
        Contact c;
        c.meta.id = ids.next();
        c.display_name = std::move(name);
        c.emails = unlabelled(std::move(emails));
        c.handles = std::move(handles);
        return c;
    }
    Id add(Contact c) {
        const Id id = c.meta.id;
        store.apply(save_contact(c), now);
        return id;
    }
    Interaction talk(std::vector<Id> people, std::string notes, int day = 19000) {
        Interaction i;
        i.meta.id = ids.next();
        i.date = Date{day};
        i.kind = InteractionKind::DirectMessage;
        i.participants = std::move(people);
        i.notes = std::move(notes);
        return i;
    }
    // The cards of a sample file, as the app reads them: fresh ids every time.
    std::vector<Contact> cards(const std::string& file) {
        const io::Imported imported =
            io::import_vcard(test::read_bytes(std::string(TIES_TEST_DATA) + "/fixtures/matching/" + file), {file, &ids, now, {}});
        REQUIRE(!imported.error);
        return imported.contacts;
    }
    // Imports with the preview's first ticks (strong evidence merged, weak left apart).
    ImportSummary import(std::vector<Contact> contacts, std::vector<bool> merge = {}) {
        const ImportPlan plan = plan_import(store, std::move(contacts), {});
        if (merge.empty()) merge = default_merges(plan);
        ImportSummary summary;
        store.apply(import_change(store, plan, merge, "Import", &summary), now + 1);
        return summary;
    }
    std::vector<std::string> names() const {
        std::vector<std::string> out;
        for (const auto& [id, c] : store.contacts())
            if (!c.meta.deleted) out.push_back(c.display_name);
        std::sort(out.begin(), out.end());
        return out;
    }
    std::size_t live_contacts() const {
        return static_cast<std::size_t>(std::count_if(store.contacts().begin(), store.contacts().end(),
                                                      [](const auto& entry) { return !entry.second.meta.deleted; }));
    }
};

const ImportMatch* match_for(const ImportPlan& plan, std::size_t incoming) {
    for (const ImportMatch& m : plan.matches)
        if (m.incoming == incoming) return &m;
    return nullptr;
}

}  // namespace

TEST_CASE("plan_import: an email matches case-insensitively, a profile URL however it is written") {
    Fixture f;
    const Id ada = f.add(f.person("Ada Lovelace", {"ada@example.org"}));
    const Id grace = f.add(f.person("Grace Hopper", {}, {Handle{HandleKind::LinkedIn, "https://www.linkedin.com/in/grace/"}}));
    const Id alan = f.add(f.person("Alan Turing", {}, {Handle{HandleKind::X, "@alan"}}));

    const ImportPlan plan = plan_import(
        f.store,
        {f.person("A. Lovelace", {"  ADA@Example.org "}), f.person("G. Hopper", {}, {Handle{HandleKind::LinkedIn, "linkedin.com/in/Grace"}}),
         f.person("Turing", {}, {Handle{HandleKind::X, "https://x.com/alan"}}), f.person("Someone New", {"new@example.org"})},
        {});
    REQUIRE(plan.contacts.size() == 4);
    REQUIRE(plan.matches.size() == 3);
    CHECK(match_for(plan, 0)->existing == ada);
    CHECK(match_for(plan, 0)->reason == "same email ada@example.org");
    CHECK(match_for(plan, 1)->existing == grace);
    CHECK(match_for(plan, 1)->reason == "same LinkedIn profile");
    CHECK(match_for(plan, 2)->existing == alan);
    CHECK(match_for(plan, 2)->reason == "same X handle");
    CHECK(match_for(plan, 3) == nullptr);
}

TEST_CASE("plan_import: a name alone is a question, unless every detail is the same") {
    Fixture f;
    const Id zoe = f.add(f.person("Zoë Ødegaard"));
    const Id mary = f.add(f.person("Mary Jones", {"mary@work.example"}));
    const Id ken = f.add(f.person("Ken Adams", {"ken@example.org"}));
    Contact deleted = f.person("Deleted Person");
    f.add(deleted);
    f.store.apply(delete_contact(f.store, deleted.meta.id), f.now + 1);

    const ImportPlan plan = plan_import(f.store,
                                        {f.person("odegaard zoe"), f.person("Zoe Odegard"), f.person("Mary Jones", {"mary@home.example"}),
                                         f.person("Ken Adams"), f.person("Deleted Person")},
                                        {});
    REQUIRE(plan.contacts.size() == 5);
    REQUIRE(match_for(plan, 0));
    CHECK(match_for(plan, 0)->existing == zoe);  // words in any order, accents folded, nothing else differs
    CHECK(match_for(plan, 0)->reason == "same name and the same details");
    CHECK(match_for(plan, 0)->strong);
    CHECK(match_for(plan, 1) == nullptr);  // a near miss is not enough for an import
    CHECK(match_for(plan, 2) == nullptr);  // another personal email: another Mary Jones
    REQUIRE(match_for(plan, 3));           // the name and nothing to compare: only a question
    CHECK(match_for(plan, 3)->existing == ken);
    CHECK(match_for(plan, 3)->reason == "same name, nothing else to compare");
    CHECK_FALSE(match_for(plan, 3)->strong);
    CHECK(match_for(plan, 4) == nullptr);  // tombstones are not people
    CHECK(f.store.contact(mary));
}

TEST_CASE("plan_import: handles of one kind that differ keep same-named people apart") {
    Fixture f;
    f.add(f.person("Sam Lee", {}, {Handle{HandleKind::GitHub, "samlee"}}));
    const Id other = f.add(f.person("Kim Park", {}, {Handle{HandleKind::GitHub, "kimpark"}}));
    const ImportPlan plan = plan_import(f.store,
                                        {f.person("Sam Lee", {}, {Handle{HandleKind::GitHub, "sam-lee-2"}}),
                                         f.person("Kim Park", {}, {Handle{HandleKind::X, "@kim"}})},
                                        {});
    CHECK(match_for(plan, 0) == nullptr);
    REQUIRE(match_for(plan, 1));
    CHECK(match_for(plan, 1)->existing == other);  // a handle of another kind does not disagree...
    CHECK_FALSE(match_for(plan, 1)->strong);       // ...nor agree: the name alone is a question
}

TEST_CASE("plan_import: one person listed twice in a file is combined, with their interactions") {
    Fixture f;
    Contact a = f.person("Ada", {"ada@example.org"});
    a.tags = {"maths"};
    Contact b = f.person("Ada Lovelace", {"ADA@example.org", "countess@example.org"});
    b.tags = {"poetry"};
    Contact c = f.person("Charles Babbage");
    const Interaction together = f.talk({a.meta.id, b.meta.id, c.meta.id}, "All three");
    const Interaction alone = f.talk({b.meta.id}, "Just Ada");
    const ImportPlan plan = plan_import(f.store, {a, b, c}, {together, alone});
    REQUIRE(plan.contacts.size() == 3);  // every card, so the preview can show the merge
    REQUIRE(plan.matches.size() == 1);
    CHECK(plan.matches[0].incoming == 1);
    CHECK(plan.matches[0].card == 0);
    CHECK(plan.matches[0].strong);
    CHECK(plan.matches[0].reason == "same email ada@example.org");

    ImportSummary summary;
    f.store.apply(import_change(f.store, plan, {}, "Import", &summary), f.now + 1);
    CHECK(summary.added == 2);
    CHECK(summary.combined == 1);
    CHECK(describe_import(summary) == "3 entries: 2 new people, 2 entries for Ada combined into one");
    const Contact& ada = *f.store.contact(a.meta.id);
    CHECK(ada.display_name == "Ada");
    CHECK(values_of(ada.emails) == std::vector<std::string>{"ada@example.org", "countess@example.org"});
    CHECK(ada.tags == std::vector<std::string>{"maths", "poetry"});
    CHECK(f.store.contact(b.meta.id) == nullptr);
    CHECK(f.store.interaction(together.meta.id)->participants == std::vector<Id>{a.meta.id, c.meta.id});
    CHECK(f.store.interaction(alone.meta.id)->participants == std::vector<Id>{a.meta.id});
}

TEST_CASE("import_change: new people added, matches merged by the merge rules, declined ones added") {
    Fixture f;
    Contact existing = f.person("Ada Lovelace", {"ada@example.org"});
    existing.tags = {"maths"};
    existing.notes = "Met at the salon";
    existing.phones = {{"+44 1", {}}};
    const Id ada = f.add(existing);
    const Id grace = f.add(f.person("Grace Hopper", {"grace@example.org"}));

    Contact incoming_ada = f.person("", {"Ada@Example.org", "countess@example.org"});
    incoming_ada.company = "Analytical Engines";
    incoming_ada.tags = {"Maths", "poetry"};
    incoming_ada.phones = {{"+44 1", {}}, {"+44 2", {}}};
    incoming_ada.notes = "Imported note";
    incoming_ada.birthday = PartialDate{1815, 12, 10};
    Contact incoming_grace = f.person("Grace H.", {"grace@example.org"});
    Contact newcomer = f.person("Alan Turing");
    const Interaction chat = f.talk({incoming_ada.meta.id, incoming_grace.meta.id, newcomer.meta.id}, "Group chat");

    const ImportPlan plan = plan_import(f.store, {incoming_ada, incoming_grace, newcomer}, {chat});
    REQUIRE(plan.matches.size() == 2);
    std::vector<bool> merge(plan.matches.size(), true);
    for (std::size_t m = 0; m < plan.matches.size(); ++m) merge[m] = plan.matches[m].existing == ada;  // decline Grace

    ImportSummary summary;
    const Change change = import_change(f.store, plan, merge, "Import people.vcf", &summary);
    CHECK(change.label == "Import people.vcf");
    CHECK(summary.added == 2);
    CHECK(summary.merged == 1);
    CHECK(summary.updated == 1);
    CHECK(summary.interactions_added == 1);
    f.store.apply(change, f.now + 10);
    CHECK(f.store.undo_label() == "Import people.vcf");

    const Contact& merged = *f.store.contact(ada);
    CHECK(merged.display_name == "Ada Lovelace");
    CHECK(merged.company == "Analytical Engines");
    CHECK(values_of(merged.emails) == std::vector<std::string>{"ada@example.org", "countess@example.org"});
    CHECK(merged.tags == std::vector<std::string>{"maths", "poetry"});
    CHECK(values_of(merged.phones) == std::vector<std::string>{"+44 1", "+44 2"});
    CHECK(merged.notes == "Met at the salon\n\nImported note");
    CHECK(merged.birthday == PartialDate{1815, 12, 10});
    CHECK(merged.meta.updated == f.now + 10);
    CHECK(f.store.contact(grace)->display_name == "Grace Hopper");  // declined: untouched
    REQUIRE(f.store.contact(incoming_grace.meta.id));                // ...and added as someone new
    REQUIRE(f.store.contact(newcomer.meta.id));
    CHECK(f.store.contact(incoming_ada.meta.id) == nullptr);  // merged, never created
    CHECK(f.live_contacts() == 4);
    const Interaction& logged = *f.store.interaction(chat.meta.id);
    CHECK(logged.participants == std::vector<Id>{ada, incoming_grace.meta.id, newcomer.meta.id});
}

TEST_CASE("import_change: two incoming records of one existing person give one participant") {
    Fixture f;
    const Id ada = f.add(f.person("Ada Lovelace", {"ada@example.org"}, {Handle{HandleKind::X, "@ada"}}));
    Contact by_email = f.person("Ada", {"ada@example.org"});
    Contact by_handle = f.person("The Countess", {}, {Handle{HandleKind::X, "x.com/ada"}});
    by_handle.emails = {};
    const Interaction both = f.talk({by_email.meta.id, by_handle.meta.id}, "Hi");
    const ImportPlan plan = plan_import(f.store, {by_email, by_handle}, {both});
    REQUIRE(plan.contacts.size() == 2);  // nothing in the file says they are one person
    REQUIRE(plan.matches.size() == 2);
    CHECK(plan.matches[0].strong);
    CHECK_FALSE(plan.matches[1].strong);  // the same X handle, but another name: asked, not assumed
    CHECK(plan.matches[1].reason == "same X handle, but the names differ");
    f.store.apply(import_change(f.store, plan, {true, true}, "Import"), f.now + 1);  // the person ticks both
    CHECK(f.live_contacts() == 1);
    CHECK(f.store.interaction(both.meta.id)->participants == std::vector<Id>{ada});
    CHECK(f.store.contact(ada)->nickname.empty());
}

TEST_CASE("importing the same file twice creates nothing the second time") {
    Fixture f;
    f.add(f.person("Already Here", {"here@example.org"}));
    const auto file = [&f] {  // what an importer returns: fresh ids every time
        Contact a = f.person("Ada Lovelace", {"ada@example.org"});
        a.tags = {"maths"};
        Contact b = f.person("Grace Hopper", {}, {Handle{HandleKind::LinkedIn, "https://linkedin.com/in/grace"}});
        Contact c = f.person("Name Only");
        Contact d = f.person("Already Here", {"HERE@example.org"});
        std::vector<Interaction> talks = {f.talk({a.meta.id, b.meta.id}, "First"), f.talk({c.meta.id}, "Second", 19001),
                                          f.talk({c.meta.id}, "Second", 19001)};  // listed twice: both kept
        return std::make_pair(std::vector<Contact>{a, b, c, d}, talks);
    };
    auto [contacts, talks] = file();
    ImportSummary first;
    f.store.apply(import_change(f.store, plan_import(f.store, contacts, talks), {}, "Import", &first), f.now + 1);
    CHECK(first.added == 3);
    CHECK(first.merged == 1);
    CHECK(first.interactions_added == 3);
    CHECK(f.live_contacts() == 4);
    const std::size_t records = f.store.record_count();

    auto [again, again_talks] = file();
    const ImportPlan plan = plan_import(f.store, again, again_talks);
    CHECK(plan.matches.size() == 4);
    ImportSummary second;
    const Change change = import_change(f.store, plan, {}, "Import", &second);
    CHECK(change.records.empty());
    CHECK(second.added == 0);
    CHECK(second.merged == 4);
    CHECK(second.updated == 0);
    CHECK(second.interactions_known == 3);
    f.store.apply(change, f.now + 2);
    CHECK(f.store.record_count() == records);
}

TEST_CASE("import_change: introduced_by follows the people it points at") {
    Fixture f;
    const Id ada = f.add(f.person("Ada Lovelace", {"ada@example.org"}));
    Contact incoming_ada = f.person("Ada", {"ada@example.org"});
    Contact charles = f.person("Charles Babbage");
    charles.introduced_by = incoming_ada.meta.id;
    const ImportPlan plan = plan_import(f.store, {incoming_ada, charles}, {});
    f.store.apply(import_change(f.store, plan, {}, "Import"), f.now + 1);
    CHECK(f.store.contact(charles.meta.id)->introduced_by == ada);
}

// Scale, for correctness only: the time is measured by tests/bench/import_bench, not asserted here.
TEST_CASE("plan_import at 100,000 existing contacts: every returning person matched, the newcomers added") {
    Fixture f;
    for (int i = 0; i < 100'000; ++i) {
        Contact c = f.person("Person " + std::to_string(i), {"p" + std::to_string(i) + "@example.org"},
                             {Handle{HandleKind::X, "@p" + std::to_string(i)}});
        f.store.load(c);
    }
    std::vector<Contact> incoming;
    for (int i = 0; i < 2'000; ++i) {
        incoming.push_back(f.person("Person " + std::to_string(i * 37), {"P" + std::to_string(i * 37) + "@example.org"}));
        incoming.push_back(f.person("Newcomer " + std::to_string(i)));
    }
    const ImportPlan plan = plan_import(f.store, incoming, {});
    const Change change = import_change(f.store, plan, {}, "Import");
    CHECK(plan.matches.size() == 2'000);
    CHECK(change.records.size() == 2'000);  // the newcomers; matched people gain nothing
}

// --- Evidence that identifies a person, on sample files (tests/fixtures/matching) ---------------------

TEST_CASE("plan_import: colleagues sharing a company and its web site stay two people") {
    Fixture f;
    const ImportPlan plan = plan_import(f.store, f.cards("colleagues.vcf"), {});
    REQUIRE(plan.contacts.size() == 2);
    REQUIRE(plan.contacts[0].handles.size() == 1);
    CHECK(plan.contacts[0].handles[0].kind == HandleKind::Website);  // what the file says: URL;TYPE=WORK
    CHECK(plan.matches.empty());
    const ImportSummary summary = f.import(f.cards("colleagues.vcf"));
    CHECK(describe_import(summary) == "2 entries: 2 new people");
    CHECK(f.names() == std::vector<std::string>{"Alice Smith", "Bob Jones"});

    // Nor does the web site join a colleague to someone you have.
    Fixture g;
    g.add(g.person("Carol White", {}, {Handle{HandleKind::Website, "https://www.ibm.com/"}}));
    CHECK(plan_import(g.store, g.cards("colleagues.vcf"), {}).matches.empty());
}

TEST_CASE("plan_import: a mailbox shared by two names is a question, never a merge") {
    Fixture f;
    const ImportPlan plan = plan_import(f.store, f.cards("shared-mailbox.vcf"), {});
    REQUIRE(plan.matches.size() == 1);
    CHECK(plan.matches[0].incoming == 1);
    CHECK(plan.matches[0].card == 0);
    CHECK_FALSE(plan.matches[0].strong);
    CHECK(plan.matches[0].reason == "shares info@smallshop.example, but the names differ");
    CHECK(default_merges(plan) == std::vector<bool>{false});
    const ImportSummary summary = f.import(f.cards("shared-mailbox.vcf"));
    CHECK(describe_import(summary) == "2 entries: 2 new people, 1 possible match left apart");
    CHECK(f.names() == std::vector<std::string>{"Sarah Jane Smith", "Tom Baker"});

    // Imported again: each finds themself (the name and the mailbox agree), nobody is added.
    const ImportPlan again = plan_import(f.store, f.cards("shared-mailbox.vcf"), {});
    REQUIRE(again.matches.size() == 2);
    for (const ImportMatch& m : again.matches) {
        CHECK_FALSE(m.in_file());
        CHECK(m.strong);
        CHECK(m.reason == "same name and email info@smallshop.example");
        CHECK(f.store.contact(m.existing)->display_name == again.contacts[m.incoming].display_name);
    }
    CHECK(import_change(f.store, again, {}, "Import").records.empty());

    // With someone you have: the mailbox alone does not make a stranger them.
    Fixture g;
    g.add(g.person("Tom Baker", {"info@smallshop.example"}));
    const ImportPlan theirs = plan_import(g.store, g.cards("shared-mailbox.vcf"), {});
    REQUIRE(theirs.matches.size() == 2);
    CHECK(theirs.matches[0].strong);  // Tom: the name and the mailbox agree
    CHECK(theirs.matches[1].incoming == 1);
    CHECK_FALSE(theirs.matches[1].strong);
}

TEST_CASE("plan_import: four cards of John Doe from four phones, the number written four ways, are one person") {
    Fixture f;
    const ImportPlan plan = plan_import(f.store, f.cards("john-doe-phones.vcf"), {});
    REQUIRE(plan.contacts.size() == 5);
    REQUIRE(plan.matches.size() == 3);
    for (std::size_t m = 0; m < 3; ++m) {
        CAPTURE(m);
        CHECK(plan.matches[m].incoming == m + 1);
        CHECK(plan.matches[m].card == 0);
        CHECK(plan.matches[m].strong);
        CHECK(plan.matches[m].reason.rfind("same phone number ", 0) == 0);
    }
    const ImportSummary summary = f.import(f.cards("john-doe-phones.vcf"));
    CHECK(describe_import(summary) == "5 entries: 2 new people, 4 entries for John Doe combined into one");
    REQUIRE(f.live_contacts() == 2);
    const Contact* john = nullptr;
    for (const auto& [id, c] : f.store.contacts())
        if (c.display_name == "John Doe") john = &c;
    REQUIRE(john);
    CHECK(values_of(john->emails) == std::vector<std::string>{"john.doe@example.com"});
    CHECK(john->phones.size() == 1);
    CHECK(john->company == "Acme");
    CHECK(john->birthday == PartialDate{1980, 4, 1});

    // The same file again adds nobody and changes nothing.
    const ImportPlan again = plan_import(f.store, f.cards("john-doe-phones.vcf"), {});
    CHECK(import_change(f.store, again, {}, "Import").records.empty());
}

TEST_CASE("plan_import: two John Does with different personal emails are two people") {
    Fixture f;
    const ImportPlan plan = plan_import(f.store, f.cards("two-john-does.vcf"), {});
    CHECK(plan.matches.empty());
    f.import(f.cards("two-john-does.vcf"));
    CHECK(f.live_contacts() == 2);
    // And against the store: each finds their own email, not the other John.
    const ImportPlan again = plan_import(f.store, f.cards("two-john-does.vcf"), {});
    REQUIRE(again.matches.size() == 2);
    CHECK(again.matches[0].reason == "same email johnny.doe@example.net");
    CHECK(again.matches[1].reason == "same email jd1971@example.com");
    CHECK(import_change(f.store, again, {}, "Import").records.empty());
}

TEST_CASE("import_change: an unticked in-file merge keeps that card a person of their own") {
    Fixture f;
    const ImportPlan plan = plan_import(f.store, f.cards("john-doe-phones.vcf"), {});
    REQUIRE(plan.matches.size() == 3);
    std::vector<bool> merge = default_merges(plan);
    merge[2] = false;  // "Mr. John Doe" (the fourth card) kept apart
    const ImportSummary preview = summarise_import(f.store, plan, merge);
    CHECK(describe_import(preview) == "5 entries: 3 new people, 3 entries for John Doe combined into one, 1 possible match left apart");
    const ImportSummary done = f.import(f.cards("john-doe-phones.vcf"), merge);
    CHECK(done.added == 3);
    CHECK(f.live_contacts() == 3);
    CHECK(f.names() == std::vector<std::string>{"Grace Hopper", "John Doe", "Mr. John Doe"});

    // A weak question ticked: merged after all.
    Fixture g;
    const ImportPlan mailbox = plan_import(g.store, g.cards("shared-mailbox.vcf"), {});
    g.store.apply(import_change(g.store, mailbox, {true}, "Import"), g.now + 1);
    CHECK(g.live_contacts() == 1);
}

TEST_CASE("judge_match: names agree when one could be the other's short form") {
    const auto keys = [](const char* name) {
        Contact c;
        c.display_name = name;
        return person_keys(c);
    };
    CHECK(names_compatible(keys("Ada Lovelace"), keys("A. Lovelace")));
    CHECK(names_compatible(keys("Ada Lovelace"), keys("Ada")));
    CHECK(names_compatible(keys("Mr. John Richter James Doe Sr."), keys("John Doe")));
    CHECK(names_compatible(keys(""), keys("Anyone")));
    CHECK_FALSE(names_compatible(keys("Tom Baker"), keys("Sarah Jane Smith")));
    CHECK_FALSE(names_compatible(keys("Ada Lovelace"), keys("Ada Byron")));
    CHECK_FALSE(names_compatible(keys("A. Lovelace"), keys("B. Lovelace")));
    CHECK(keys("Mr. John Doe").name == keys("Doe, John").name);
}

TEST_CASE("import done message: one or many, in the preview's words") {
    // One of each: never "1 possible matches" or "1 entries".
    ImportSummary one;
    one.cards = 1;
    one.added = 1;
    one.left_apart = 1;
    one.interactions_added = 1;
    CHECK(describe_import_done(one, "card.vcf") ==
          "Imported 1 entry from card.vcf: 1 new person, 1 possible match left apart; 1 conversation. Undo takes it all back.");
    ImportSummary many;
    many.cards = 9;
    many.added = 4;
    many.merged = 2;
    many.left_apart = 2;
    many.interactions_added = 3;
    many.groups = {{"John Doe", 4}};
    CHECK(describe_import_done(many, "3 files") ==
          "Imported 9 entries from 3 files: 4 new people, 2 merged with people you have, 4 entries for John Doe "
          "combined into one, 2 possible matches left apart; 3 conversations. Undo takes it all back.");

    // From a real file, as the preview says it: the weak match left apart, then ticked.
    Fixture f;
    const ImportSummary apart = f.import(f.cards("shared-mailbox.vcf"));
    CHECK(describe_import_done(apart, "shared-mailbox.vcf") ==
          "Imported 2 entries from shared-mailbox.vcf: 2 new people, 1 possible match left apart; 0 conversations. "
          "Undo takes it all back.");
    Fixture g;
    const ImportSummary together = g.import(g.cards("shared-mailbox.vcf"), {true});
    CHECK(describe_import(together) == "2 entries: 1 new person, 2 entries for Tom Baker combined into one");
    CHECK(describe_import_done(together, "shared-mailbox.vcf") ==
          "Imported 2 entries from shared-mailbox.vcf: 1 new person, 2 entries for Tom Baker combined into one; "
          "0 conversations. Undo takes it all back.");
    g.add(g.person("Ada Lovelace", {"ada@example.org"}));
    const ImportSummary merged = g.import({g.person("Ada Lovelace", {"ada@example.org"})});
    CHECK(describe_import_done(merged, "ada.vcf") ==
          "Imported 1 entry from ada.vcf: 0 new people, 1 merged with someone you have; 0 conversations. Undo takes it all back.");
}

TEST_CASE("import preview: the new people listed are the ones counted, a card in an unticked match among them") {
    Fixture f;
    const ImportPlan plan = plan_import(f.store, f.cards("shared-mailbox.vcf"), {});
    const ImportSummary apart = summarise_import(f.store, plan, default_merges(plan));  // Sarah's match unticked
    CHECK(apart.added == 2);
    CHECK(apart.new_people == std::vector<std::size_t>{0, 1});
    const ImportSummary ticked = summarise_import(f.store, plan, {true});
    CHECK(ticked.added == 1);
    CHECK(ticked.new_people == std::vector<std::size_t>{0});

    // Four John Does are one new person, listed once.
    const ImportPlan johns = plan_import(f.store, f.cards("john-doe-phones.vcf"), {});
    const ImportSummary counted = summarise_import(f.store, johns, default_merges(johns));
    CHECK(counted.new_people.size() == counted.added);
    CHECK(counted.new_people.front() == 0);

    // A weak match with someone you have: unticked, the stranger is a new person; ticked, not.
    Fixture g;
    g.add(g.person("Tom Baker", {"info@smallshop.example"}));
    const ImportPlan theirs = plan_import(g.store, g.cards("shared-mailbox.vcf"), {});
    const ImportSummary stranger = summarise_import(g.store, theirs, default_merges(theirs));
    CHECK(stranger.merged == 1);
    CHECK(stranger.new_people == std::vector<std::size_t>{1});
    CHECK(summarise_import(g.store, theirs, {true, true}).new_people.empty());
}

TEST_CASE("offered_people: most touches first, then the latest, then in card order") {
    ImportPlan plan;
    for (std::uint64_t n = 1; n <= 4; ++n) {
        Contact c;
        c.meta.id = Id{0xCA, n};
        c.display_name = "Card " + std::to_string(n);
        plan.contacts.push_back(c);
    }
    const auto touch = [&](std::vector<std::uint64_t> cards, int day) {
        Interaction i;
        i.meta.id = Id{0x1A, plan.interactions.size() + 1};
        i.date = Date::from_ymd(2026, 3, day);
        for (const std::uint64_t c : cards) i.participants.push_back(Id{0xCA, c});
        plan.interactions.push_back(i);
    };
    touch({1, 2}, 1);
    touch({2}, 5);
    touch({3}, 9);
    touch({1}, 3);
    ImportSummary summary;
    summary.new_people = {0, 1, 2, 3};  // card 4 is in no touch
    const std::vector<OfferedPerson> offered = offered_people(plan, summary);
    REQUIRE(offered.size() == 4);
    CHECK(offered[0].card == 1);  // 2 touches, last 5 March
    CHECK(offered[1].card == 0);  // 2 touches, last 3 March
    CHECK(offered[2].card == 2);  // 1 touch
    CHECK(offered[3].card == 3);
    CHECK(offered[3].touches == 0);
}
