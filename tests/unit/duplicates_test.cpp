// Duplicates: which pairs are found and why (normalised emails, handles and profile URLs, name
// keys, near-miss names), and merging: nothing lost, every reference moved, one undo step that
// restores every record exactly, refusal for bad ids.
#include "core/duplicates.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

using namespace ties;

namespace {

constexpr Millis kNow = 1'725'000'000'000;

// hi = 1: Id{0, 1} is kSettingsId.
Id id_of(std::uint64_t n) { return Id{1, n}; }

Contact person(std::uint64_t n, std::string name, Millis created = 0) {
    Contact c;
    c.meta.id = id_of(n);
    c.meta.created = created;
    c.meta.updated = created;
    c.display_name = std::move(name);
    return c;
}

Store store_of(std::vector<Contact> contacts) {
    Store store;
    for (Contact& c : contacts) store.load(std::move(c));
    return store;
}

const DuplicatePair* find_pair(const std::vector<DuplicatePair>& pairs, std::uint64_t a, std::uint64_t b) {
    for (const DuplicatePair& p : pairs) {
        if ((p.keep == id_of(a) && p.remove == id_of(b)) || (p.keep == id_of(b) && p.remove == id_of(a))) return &p;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("find_duplicates: same email, case and spaces ignored; keep is the older record") {
    Contact a = person(1, "Ada Lovelace", 200);
    a.emails = {{" Ada@Example.ORG ", {}}};
    Contact b = person(2, "A. Lovelace", 100);
    b.emails = {{"other@example.org", {}}, {"ada@example.org", {}}};
    Contact c = person(3, "Charles Babbage", 50);
    c.emails = {{"charles@example.org", {}}};
    const std::vector<DuplicatePair> pairs = find_duplicates(store_of({a, b, c}));
    REQUIRE(pairs.size() == 1);
    CHECK(pairs[0].keep == id_of(2));  // created first
    CHECK(pairs[0].remove == id_of(1));
    CHECK(pairs[0].score == 100);
    CHECK(pairs[0].reason == "same email ada@example.org");
}

TEST_CASE("find_duplicates: the same creation time keeps the smaller id") {
    Contact a = person(7, "Ada", 100);
    a.emails = {{"ada@example.org", {}}};
    Contact b = person(3, "Ada L", 100);
    b.emails = {{"ada@example.org", {}}};
    const std::vector<DuplicatePair> pairs = find_duplicates(store_of({a, b}));
    REQUIRE(pairs.size() == 1);
    CHECK(pairs[0].keep == id_of(3));
    CHECK(pairs[0].remove == id_of(7));
}

TEST_CASE("find_duplicates: handles and profile URLs are normalised per kind") {
    std::vector<Contact> contacts;
    const auto with = [&](std::uint64_t n, HandleKind kind, std::string value) {
        Contact c = person(n, "");  // no name: nothing to disagree with
        c.handles = {Handle{kind, std::move(value)}};
        contacts.push_back(std::move(c));
    };
    with(1, HandleKind::LinkedIn, "https://www.linkedin.com/in/ada/");
    with(2, HandleKind::LinkedIn, "linkedin.com/in/ada");
    with(3, HandleKind::X, "@Grace");
    with(4, HandleKind::X, "https://x.com/grace");
    with(5, HandleKind::X, "twitter.com/grace/");
    with(6, HandleKind::Mastodon, "@zoe@mastodon.social");
    with(7, HandleKind::Mastodon, "https://mastodon.social/@zoe");
    with(8, HandleKind::GitHub, "grace");  // same text as the X handles, another kind: no match
    with(9, HandleKind::Website, "http://www.example.com/");  // a web site may be a whole company's
    with(10, HandleKind::Website, "https://example.com");
    with(11, HandleKind::LinkedIn, "https://www.linkedin.com/in/ada-lovelace");  // another profile
    const std::vector<DuplicatePair> pairs = find_duplicates(store_of(contacts));

    CHECK(pairs.size() == 5);
    REQUIRE(find_pair(pairs, 1, 2));
    CHECK(find_pair(pairs, 1, 2)->reason == "same LinkedIn profile");
    CHECK(find_pair(pairs, 1, 2)->score == 90);
    REQUIRE(find_pair(pairs, 3, 4));
    CHECK(find_pair(pairs, 3, 4)->reason == "same X handle");
    CHECK(find_pair(pairs, 3, 5));
    CHECK(find_pair(pairs, 4, 5));
    CHECK(find_pair(pairs, 6, 7));
    CHECK(!find_pair(pairs, 9, 10));
    CHECK(!find_pair(pairs, 3, 8));
    CHECK(!find_pair(pairs, 1, 11));
}

TEST_CASE("find_duplicates: names in any order, folded, and near misses") {
    std::vector<Contact> contacts = {
        person(1, "Ada Lovelace"),  person(2, "Lovelace Ada"),          // same name key
        person(3, "Zoë Dubois"),    person(4, "ZOE  DUBOIS"),           // folded
        person(5, "Grace Hopper"),  person(6, "Grece Hopper"),          // first names one edit apart
        person(7, "Alan Turing"),   person(8, "Alan Mathison Turing"),  // same first and last word
        person(9, "Bob Hopper"),                                        // another first name
        person(10, "Anna Smith"),   person(11, "Hanna Smith"),          // insertion
        person(12, "Tom Jones"),    person(13, "Tim Jonas"),            // last names differ: no
    };
    Contact given_only = person(14, "");
    given_only.given_name = "Ada";
    given_only.family_name = "Lovelace";
    contacts.push_back(given_only);
    const std::vector<DuplicatePair> pairs = find_duplicates(store_of(contacts));

    REQUIRE(find_pair(pairs, 1, 2));
    CHECK(find_pair(pairs, 1, 2)->score == 50);
    CHECK(find_pair(pairs, 1, 2)->reason == "same name, nothing else to compare");
    CHECK(find_pair(pairs, 1, 14));  // given + family when there is no display name
    CHECK(find_pair(pairs, 2, 14));
    REQUIRE(find_pair(pairs, 3, 4));
    CHECK(find_pair(pairs, 3, 4)->score == 50);
    REQUIRE(find_pair(pairs, 5, 6));
    CHECK(find_pair(pairs, 5, 6)->score == 40);
    CHECK(find_pair(pairs, 5, 6)->reason == "similar names");
    REQUIRE(find_pair(pairs, 7, 8));
    CHECK(find_pair(pairs, 7, 8)->score == 40);
    CHECK(find_pair(pairs, 10, 11));
    CHECK(!find_pair(pairs, 5, 9));
    CHECK(!find_pair(pairs, 6, 9));
    CHECK(!find_pair(pairs, 12, 13));
    CHECK(pairs.size() == 7);
    // Best first: all the 60s before the 40s.
    CHECK(std::is_sorted(pairs.begin(), pairs.end(),
                         [](const DuplicatePair& x, const DuplicatePair& y) { return x.score > y.score; }));
}

TEST_CASE("find_duplicates: middle names must agree; hyphenated names are one word") {
    const std::vector<DuplicatePair> pairs = find_duplicates(store_of({
        person(1, "Ada K. Lovelace"), person(2, "Ada King Lovelace"),  // an initial of the other
        person(3, "Ada B. Lovelace"),                                  // another middle initial
        person(4, "Mary Smith-Jones"), person(5, "Mary Jones"),
        person(6, "Anna-Lena Berg"), person(7, "Anna Lena Berg"),
    }));
    REQUIRE(find_pair(pairs, 1, 2));
    CHECK(find_pair(pairs, 1, 2)->score == 40);
    CHECK(!find_pair(pairs, 1, 3));
    CHECK(!find_pair(pairs, 2, 3));
    CHECK(!find_pair(pairs, 4, 5));
    CHECK(!find_pair(pairs, 6, 7));
    CHECK(pairs.size() == 1);
}

TEST_CASE("find_duplicates: one entry per pair with the strongest reason; deleted contacts ignored") {
    Contact a = person(1, "Ada Lovelace", 10);
    a.emails = {{"ada@example.org", {}}};
    a.handles = {Handle{HandleKind::GitHub, "ada"}};
    Contact b = person(2, "Ada Lovelace", 20);
    b.emails = {{"ADA@example.org", {}}};
    b.handles = {Handle{HandleKind::GitHub, "https://github.com/ada"}};
    Contact c = person(3, "Ada Lovelace", 30);
    c.meta.deleted = true;
    Contact d = person(4, "Grace Hopper", 40);
    Contact e = person(5, "Grace Hopper", 50);
    const std::vector<DuplicatePair> pairs = find_duplicates(store_of({a, b, c, d, e}));
    REQUIRE(pairs.size() == 2);
    CHECK(pairs[0].keep == id_of(1));
    CHECK(pairs[0].remove == id_of(2));
    CHECK(pairs[0].score == 100);
    CHECK(pairs[1].keep == id_of(4));
    CHECK(pairs[1].score == 50);
}

TEST_CASE("find_duplicates: a key shared by a crowd is not evidence") {
    std::vector<Contact> contacts;
    for (std::uint64_t n = 1; n <= 30; ++n) {
        Contact c = person(n, "Person " + std::to_string(n * 1000));
        c.emails = {{"info@company.example", {}}};
        contacts.push_back(std::move(c));
    }
    Contact a = person(100, "Ada Lovelace");
    a.emails = {{"ada@example.org", {}}};
    Contact b = person(101, "Augusta King");
    b.emails = {{"ada@example.org", {}}};
    contacts.push_back(a);
    contacts.push_back(b);
    const std::vector<DuplicatePair> pairs = find_duplicates(store_of(contacts));
    REQUIRE(pairs.size() == 1);
    CHECK(find_pair(pairs, 100, 101));
}

TEST_CASE("find_duplicates: the import's evidence rules: mailboxes, company web sites, phones, contradictions") {
    Contact tom = person(1, "Tom Baker", 10);
    tom.emails = {{"info@smallshop.example", {}}};
    Contact sarah = person(2, "Sarah Jane Smith", 20);
    sarah.emails = {{"info@smallshop.example", {}}};
    Contact alice = person(3, "Alice Smith", 30);
    alice.handles = {Handle{HandleKind::Website, "http://www.ibm.com"}};
    alice.company = "IBM";
    Contact bob = person(4, "Bob Jones", 40);
    bob.handles = {Handle{HandleKind::Website, "https://ibm.com/"}};
    bob.company = "IBM";
    Contact john = person(5, "John Doe", 50);
    john.phones = {{"+1 (905) 555-1234", {}}};
    Contact mr_john = person(6, "Mr. John Doe", 60);
    mr_john.phones = {{"905.555.1234", {}}};
    Contact jd1 = person(7, "Jane Roe", 70);
    jd1.emails = {{"jane@home.example", {}}};
    Contact jd2 = person(8, "Jane Roe", 80);
    jd2.emails = {{"roe1971@example.com", {}}};
    const std::vector<DuplicatePair> pairs = find_duplicates(store_of({tom, sarah, alice, bob, john, mr_john, jd1, jd2}));
    REQUIRE(pairs.size() == 2);
    CHECK(pairs[0].reason == "same phone number +1 (905) 555-1234");  // strong first
    CHECK(pairs[0].score == 80);
    REQUIRE(find_pair(pairs, 1, 2));  // a question, ranked below
    CHECK(find_pair(pairs, 1, 2)->reason == "shares info@smallshop.example, but the names differ");
    CHECK(find_pair(pairs, 1, 2)->score < 50);
    CHECK(!find_pair(pairs, 3, 4));  // colleagues: a company's site is nobody's identity
    CHECK(!find_pair(pairs, 7, 8));  // two Jane Roes with their own emails: two people
}

// --- Merge ----------------------------------------------------------------------------------------

namespace {

struct MergeFixture {
    Store store;
    Id keep = id_of(1), remove = id_of(2), other = id_of(3);

    MergeFixture() {
        Contact k = person(1, "Ada Lovelace", 100);
        k.emails = {{"ada@example.org", {}}};
        k.phones = {{"+44 1", {}}};
        k.tags = {"Maths", "poetry"};
        k.handles = {Handle{HandleKind::LinkedIn, "https://www.linkedin.com/in/ada/"}};
        k.tier = Tier::Friends;
        k.first_met = Date::from_ymd(2020, 5, 1);
        k.notes = "Keep notes";
        k.city = "London";
        Contact r = person(2, "", 200);
        r.given_name = "Augusta";
        r.family_name = "King";
        r.company = "Analytical Engines";
        r.title = "Countess";
        r.city = "Paris";
        r.emails = {{"ADA@example.org", {}}, {"augusta@example.org", {}}};
        r.phones = {{"+44 2", {}}};
        r.tags = {"maths", "music"};
        r.handles = {Handle{HandleKind::LinkedIn, "linkedin.com/in/ada"}, Handle{HandleKind::X, "@augusta"}};
        r.tier = Tier::Close;
        r.cadence_days = 30;
        r.first_met = Date::from_ymd(2019, 1, 1);
        r.introduced_by = id_of(3);
        r.met_at = id_of(50);
        r.notes = "Remove notes";
        r.how_met = "Babbage's salon";
        r.archived = true;
        Contact o = person(3, "Charles Babbage", 50);
        o.introduced_by = id_of(2);
        for (Contact* c : {&k, &r, &o}) store.load(*c);

        Interaction only_remove;
        only_remove.meta.id = id_of(10);
        only_remove.participants = {remove};
        Interaction both;
        both.meta.id = id_of(11);
        both.participants = {remove, other, keep};
        Interaction unrelated;
        unrelated.meta.id = id_of(12);
        unrelated.participants = {other};
        Interaction deleted;
        deleted.meta.id = id_of(13);
        deleted.participants = {remove};
        deleted.meta.deleted = true;
        for (Interaction* i : {&only_remove, &both, &unrelated, &deleted}) store.load(*i);
        Event event;
        event.meta.id = id_of(50);
        event.name = "Salon";
        event.attendees = {other, remove};
        store.load(event);
        Opportunity opportunity;
        opportunity.meta.id = id_of(60);
        opportunity.title = "Engine";
        opportunity.contacts = {keep, remove};
        store.load(opportunity);
    }
};

// Every record of the store, as values, by id.
std::map<Id, Record> snapshot(const Store& store) {
    std::map<Id, Record> all;
    for (const auto& [id, r] : store.contacts()) all.emplace(id, r);
    for (const auto& [id, r] : store.interactions()) all.emplace(id, r);
    for (const auto& [id, r] : store.events()) all.emplace(id, r);
    for (const auto& [id, r] : store.opportunities()) all.emplace(id, r);
    return all;
}

}  // namespace

TEST_CASE("merge_contacts fills, unions and keeps the stronger values") {
    MergeFixture f;
    const Change change = merge_contacts(f.store, f.keep, f.remove);
    REQUIRE(!change.records.empty());
    CHECK(change.label == "Merge Augusta King into Ada Lovelace");
    const Contact& merged = std::get<Contact>(change.records.front());
    CHECK(merged.meta.id == f.keep);
    CHECK(merged.display_name == "Ada Lovelace");
    CHECK(merged.given_name == "Augusta");  // empty fields filled
    CHECK(merged.family_name == "King");
    CHECK(merged.company == "Analytical Engines");
    CHECK(merged.title == "Countess");
    CHECK(merged.city == "London");  // keep's own value stays
    CHECK(merged.how_met == "Babbage's salon");
    CHECK(values_of(merged.emails) == std::vector<std::string>{"ada@example.org", "augusta@example.org"});
    CHECK(values_of(merged.phones) == std::vector<std::string>{"+44 1", "+44 2"});
    CHECK(merged.tags == std::vector<std::string>{"Maths", "poetry", "music"});
    REQUIRE(merged.handles.size() == 2);  // the two LinkedIn URLs are one profile
    CHECK(merged.handles[0].value == "https://www.linkedin.com/in/ada/");
    CHECK(merged.handles[1] == Handle{HandleKind::X, "@augusta"});
    CHECK(merged.tier == Tier::Close);
    CHECK(merged.cadence_days == 30);
    CHECK(merged.first_met == Date::from_ymd(2019, 1, 1));
    CHECK(merged.introduced_by == f.other);
    CHECK(merged.met_at == id_of(50));
    CHECK(merged.notes == "Keep notes\n\nRemove notes");
    CHECK(!merged.archived);  // keep's
    const Record& last = change.records.back();
    CHECK(meta_of(last).id == f.remove);
    CHECK(meta_of(last).deleted);
}

TEST_CASE("merge_contacts moves every reference and undo restores everything exactly") {
    MergeFixture f;
    const std::map<Id, Record> before = snapshot(f.store);
    f.store.apply(merge_contacts(f.store, f.keep, f.remove), kNow);

    CHECK(f.store.contact(f.remove) == nullptr);
    REQUIRE(f.store.contact(f.keep));
    CHECK(f.store.interaction(id_of(10))->participants == std::vector<Id>{f.keep});
    CHECK(f.store.interaction(id_of(11))->participants == std::vector<Id>{f.other, f.keep});  // no duplicate
    CHECK(f.store.interaction(id_of(12))->participants == std::vector<Id>{f.other});
    CHECK(f.store.interactions().at(id_of(13)).meta.updated == 0);  // deleted: untouched
    CHECK(f.store.event(id_of(50))->attendees == std::vector<Id>{f.other, f.keep});
    CHECK(f.store.opportunity(id_of(60))->contacts == std::vector<Id>{f.keep});
    CHECK(f.store.contact(f.other)->introduced_by == f.keep);
    CHECK(f.store.interactions().at(id_of(12)).meta.updated == 0);  // not part of the change
    // Nothing is lost: every email, phone and tag of both is on the survivor.
    const Contact& kept = *f.store.contact(f.keep);
    const std::vector<std::string> emails = values_of(kept.emails);
    for (const std::string email : {"ada@example.org", "augusta@example.org"})
        CHECK(std::count(emails.begin(), emails.end(), email) == 1);
    CHECK(kept.phones.size() == 2);
    CHECK(f.store.undo_label() == "Merge Augusta King into Ada Lovelace");

    REQUIRE(f.store.undo(kNow + 1));
    const std::map<Id, Record> after = snapshot(f.store);
    REQUIRE(after.size() == before.size());
    for (const auto& [id, record] : before) {
        Record restored = after.at(id);
        // Undo stamps `updated` on what it rewrote; everything else is exactly as before.
        meta_of(restored).updated = meta_of(record).updated;
        CAPTURE(id.to_string());
        CHECK(restored == record);
    }
    CHECK(f.store.contact(f.remove));
}

TEST_CASE("merge_contacts never makes a contact introduced by itself") {
    Store store;
    Contact keep = person(1, "Ada", 10);
    keep.introduced_by = id_of(2);  // by the one being merged into it
    Contact remove = person(2, "Ada L", 20);
    remove.introduced_by = id_of(1);
    store.load(keep);
    store.load(remove);
    const Change change = merge_contacts(store, id_of(1), id_of(2));
    REQUIRE(change.records.size() == 2);
    CHECK(!std::get<Contact>(change.records.front()).introduced_by);
}

TEST_CASE("merge_contacts refuses missing, deleted or identical ids") {
    MergeFixture f;
    CHECK(merge_contacts(f.store, f.keep, f.keep).records.empty());
    CHECK(merge_contacts(f.store, f.keep, id_of(999)).records.empty());
    CHECK(merge_contacts(f.store, id_of(999), f.keep).records.empty());
    CHECK(merge_contacts(f.store, f.keep, id_of(10)).records.empty());  // an interaction, not a contact
    f.store.apply(delete_contact(f.store, f.other), kNow);
    CHECK(merge_contacts(f.store, f.keep, f.other).records.empty());
    CHECK(merge_contacts(f.store, f.other, f.keep).records.empty());
}
