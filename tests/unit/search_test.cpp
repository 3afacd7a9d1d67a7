// Search: folding (case, accents, Greek, Cyrillic), the contact index (words, filters, sorts,
// facets, rebuilding on store changes; checked against a plain reference implementation on
// sample data) and the fuzzy contact picker.
#include "core/fuzzy.hpp"
#include "core/sample_data.hpp"
#include "core/search.hpp"
#include "core/utf8.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace ties;

namespace {

constexpr Millis kNow = 1'725'000'000'000;

// hi = 1: Id{0, 1} is kSettingsId.
Id id_of(std::uint64_t n) { return Id{1, n}; }

Contact person(std::uint64_t n, std::string name) {
    Contact c;
    c.meta.id = id_of(n);
    c.display_name = std::move(name);
    return c;
}

// A store whose records keep the times we give them (load, not apply).
Store store_of(std::vector<Contact> contacts) {
    Store store;
    for (Contact& c : contacts) store.load(std::move(c));
    return store;
}

std::vector<Id> ids(std::initializer_list<std::uint64_t> ns) {
    std::vector<Id> out;
    for (const auto n : ns) out.push_back(id_of(n));
    return out;
}

// A store holding the sample network of `seed` (core/sample_data.hpp), as of `today`.
Store sample_store(std::uint64_t seed, Millis now, Date today, SampleSize size) {
    Store store;
    for (Record& record : make_sample_data(seed, now, today, size).records) store.load(std::move(record));
    return store;
}

ContactQuery text_query(std::string text) {
    ContactQuery q;
    q.text = std::move(text);
    return q;
}

}  // namespace

TEST_CASE("fold_for_search lowercases ASCII and strips Latin diacritics") {
    CHECK(fold_for_search("Ada LOVELACE 42!") == "ada lovelace 42!");
    CHECK(fold_for_search("Zoë") == "zoe");
    CHECK(fold_for_search("Ødegaard") == "odegaard");
    CHECK(fold_for_search("Straße") == "strasse");
    CHECK(fold_for_search("Søren Kierkegaard") == "soren kierkegaard");
    CHECK(fold_for_search("Łukasz Wójcik") == "lukasz wojcik");
    CHECK(fold_for_search("Ana María Núñez") == "ana maria nunez");
    CHECK(fold_for_search("Æsir Þór Ðuro") == "aesir thor duro");
    CHECK(fold_for_search("Œuvre œuf") == "oeuvre oeuf");
    CHECK(fold_for_search("Dvořák Šťastný Žižek") == "dvorak stastny zizek");
    CHECK(fold_for_search("Şahin İpek Yılmaz Ğ") == "sahin ipek yilmaz g");
    CHECK(fold_for_search("Ĳsselmeer ſ") == "ijsselmeer s");
    CHECK(fold_for_search("ÿ Ÿ Ý ý") == "y y y y");
    CHECK(fold_for_search("Ștefan Țară") == "stefan tara");
    CHECK(fold_for_search("2 × 3 ÷ 4") == "2 × 3 ÷ 4");  // not letters: unchanged
}

TEST_CASE("fold_for_search maps every Latin-1 and Latin Extended-A letter to lowercase ASCII") {
    for (char32_t c = 0x00C0; c <= 0x017F; ++c) {
        if (c == 0x00D7 || c == 0x00F7) continue;
        const std::string folded = fold_for_search(encode_utf8(std::u32string(1, c)));
        CAPTURE(static_cast<std::uint32_t>(c));
        REQUIRE(!folded.empty());
        CHECK(folded.size() <= 2);
        for (const char b : folded) CHECK((b >= 'a' && b <= 'z'));
    }
}

TEST_CASE("fold_for_search handles Greek, Cyrillic, decomposed accents and bad bytes") {
    CHECK(fold_for_search("Δημήτρης Παπαδόπουλος") == "δημητρησ παπαδοπουλοσ");
    CHECK(fold_for_search("ΆΈΉΊΌΎΏ άέήίόύώ") == "αεηιουω αεηιουω");
    CHECK(fold_for_search("ΐΰϊϋΪΫ") == "ιυιυιυ");
    CHECK(fold_for_search("ΑΒΓ ΣΩ") == "αβγ σω");
    CHECK(fold_for_search("Анна Иванова") == "анна иванова");
    CHECK(fold_for_search("АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ") == "абвгдежзийклмнопрстуфхцчшщъыьэюя");
    CHECK(fold_for_search("Пётр Королёв ЁЛКА") == "петр королев елка");
    CHECK(fold_for_search("Ђ Є Ї Ў Џ") == "ђ є ї ў џ");
    CHECK(fold_for_search("Ґ ґ") == "ґ ґ");
    // Decomposed: base letter + combining mark folds like the precomposed letter.
    CHECK(fold_for_search("Zoe\xCC\x88") == "zoe");            // e + U+0308
    CHECK(fold_for_search("Jose\xCC\x81 Nun\xCC\x83""ez") == "jose nunez");
    CHECK(fold_for_search("Α\xCC\x81") == "α");                 // Greek alpha + acute
    CHECK(fold_for_search("\xFF" "a") == "\xEF\xBF\xBD" "a");  // malformed byte: U+FFFD
    CHECK(fold_for_search("ab\xC3") == "ab\xEF\xBF\xBD");      // truncated sequence
    CHECK(fold_for_search("日本 😀") == "日本 😀");               // passes through
    CHECK(fold_for_search("") == "");
}

TEST_CASE("ContactIndex matches every word in any field, folded") {
    Contact ada = person(1, "Ada Lovelace");
    ada.company = "Analytical Engines";
    ada.city = "London";
    ada.emails = {{"ada@example.org", {}}};
    ada.tags = {"Mathematics"};
    Contact zoe = person(2, "Zoë Fontaine");
    zoe.handles = {Handle{HandleKind::Mastodon, "@zoe@mastodon.social"}};
    zoe.notes = "Met at the Lyon meetup";
    Contact dimitris = person(3, "Δημήτρης Παπαδόπουλος");
    Contact anna = person(4, "Анна Иванова");
    anna.phones = {{"+380 44 1234567", {}}};
    Store store = store_of({ada, zoe, dimitris, anna});
    ContactIndex index;
    index.update(store);
    REQUIRE(index.size() == 4);

    CHECK(index.search(text_query("ada")) == ids({1}));
    CHECK(index.search(text_query("  ADA   analytical ")) == ids({1}));
    CHECK(index.search(text_query("ada paris")).empty());  // every word must match
    CHECK(index.search(text_query("lovelace london")) == ids({1}));
    CHECK(index.search(text_query("example.org")) == ids({1}));
    CHECK(index.search(text_query("mathem")) == ids({1}));  // tags are searchable text too
    CHECK(index.search(text_query("zoe")) == ids({2}));
    CHECK(index.search(text_query("ZOË")) == ids({2}));
    CHECK(index.search(text_query("mastodon.social")) == ids({2}));
    CHECK(index.search(text_query("lyon")) == ids({2}));
    CHECK(index.search(text_query("δημήτρης")) == ids({3}));
    CHECK(index.search(text_query("ΠΑΠΑΔΟΠΟΥΛΟΣ")) == ids({3}));  // final sigma folds like σ
    CHECK(index.search(text_query("иванова")) == ids({4}));
    CHECK(index.search(text_query("1234567")) == ids({4}));
    CHECK(index.search(text_query("ceana")).empty());  // never across fields or contacts
    CHECK(index.search(text_query("")).size() == 4);
    CHECK(index.search(text_query("a")) == ids({1, 2}));  // Latin a only: not Greek α or Cyrillic а
}

TEST_CASE("ContactIndex rebuilds only when the store's version changes") {
    Store store = store_of({person(1, "Ada Lovelace")});
    ContactIndex index;
    index.update(store);
    CHECK(index.version() == store.version());
    CHECK(index.search(text_query("grace")).empty());

    store.apply(save_contact(person(2, "Grace Hopper")), kNow);
    CHECK(index.search(text_query("grace")).empty());  // not yet updated: answers from its copy
    index.update(store);
    CHECK(index.version() == store.version());
    CHECK(index.search(text_query("grace")) == ids({2}));

    store.apply(delete_contact(store, id_of(1)), kNow + 1);
    index.update(store);
    CHECK(index.size() == 1);  // tombstones are not indexed
    CHECK(index.search(text_query("ada")).empty());
    store.undo(kNow + 2);
    index.update(store);
    CHECK(index.search(text_query("ada")) == ids({1}));
}

TEST_CASE("ContactIndex filters: archived, tag, tier, city, company") {
    Contact a = person(1, "Ada");
    a.tags = {"Rust", "mentor"};
    a.tier = Tier::Inner;
    a.city = "Berlin";
    a.company = "Analytical Engines";
    Contact b = person(2, "Bob");
    b.tags = {"rust"};
    b.tier = Tier::Friends;
    b.city = "berlin ";
    Contact c = person(3, "Cleo");
    c.tags = {"design"};
    c.city = "Zürich";
    c.company = "analytical engines";
    Contact d = person(4, "Dora");
    d.tags = {"rust"};
    d.archived = true;
    Store store = store_of({a, b, c, d});
    ContactIndex index;
    index.update(store);
    CHECK(index.size() == 4);  // archived ones are indexed, just hidden by default

    ContactQuery q;
    CHECK(index.search(q) == ids({1, 2, 3}));
    q.include_archived = true;
    CHECK(index.search(q) == ids({1, 2, 3, 4}));
    q.tag = "RUST";
    CHECK(index.search(q) == ids({1, 2, 4}));
    q.include_archived = false;
    CHECK(index.search(q) == ids({1, 2}));
    q.tier = Tier::Inner;
    CHECK(index.search(q) == ids({1}));
    q.tier.reset();
    q.city = "BERLIN";
    CHECK(index.search(q) == ids({1, 2}));
    q.tag.reset();
    q.city = "zurich";
    CHECK(index.search(q) == ids({3}));
    q.city.reset();
    q.company = "ANALYTICAL ENGINES";
    CHECK(index.search(q) == ids({1, 3}));
    q.text = "cleo";
    CHECK(index.search(q) == ids({3}));
    q.text.clear();
    q.company = "Nobody Inc";
    CHECK(index.search(q).empty());
    q.company.reset();
    q.tag = "no such tag";
    CHECK(index.search(q).empty());
}

TEST_CASE("ContactIndex sorts by the chosen key, ties by id, descending keeps id order in ties") {
    Contact a = person(5, "Émile");
    a.company = "Zeta";
    a.city = "Oslo";
    a.meta.created = 100;
    a.meta.updated = 900;
    Contact b = person(2, "bob");
    b.company = "alpha";
    b.meta.created = 300;
    b.meta.updated = 300;
    Contact c = person(9, "Bob");  // same folded name as b
    c.company = "Alpha";
    c.city = "Athens";
    c.meta.created = 300;
    c.meta.updated = 500;
    Contact d = person(1, "Dora");  // no company, no city
    d.meta.created = 200;
    d.meta.updated = 200;
    Store store = store_of({a, b, c, d});
    ContactIndex index;
    index.update(store);

    ContactQuery q;
    q.sort = ContactSort::Name;
    CHECK(index.search(q) == ids({2, 9, 1, 5}));  // bob, Bob (by id), Dora, Émile (folded: emile)
    q.descending = true;
    CHECK(index.search(q) == ids({5, 1, 2, 9}));  // ties still by id ascending
    q.sort = ContactSort::Company;
    q.descending = false;
    CHECK(index.search(q) == ids({2, 9, 5, 1}));  // alpha, Alpha, Zeta, then no company
    q.descending = true;
    CHECK(index.search(q) == ids({5, 2, 9, 1}));  // no company stays last
    q.sort = ContactSort::City;
    q.descending = false;
    CHECK(index.search(q) == ids({9, 5, 1, 2}));  // Athens, Oslo, then no city by id
    q.sort = ContactSort::RecentlyAdded;
    CHECK(index.search(q) == ids({2, 9, 1, 5}));  // newest first: 300, 300, 200, 100
    q.descending = true;
    CHECK(index.search(q) == ids({5, 1, 2, 9}));  // oldest first, ties still by id
    q.sort = ContactSort::RecentlyUpdated;
    q.descending = false;
    CHECK(index.search(q) == ids({5, 9, 2, 1}));  // 900, 500, 300, 200
    q.text = "bob";
    CHECK(index.search(q) == ids({9, 2}));
}

TEST_CASE("ContactIndex sorts by last contact (never first) and by circle (none last)") {
    Contact a = person(1, "Ada");
    a.tier = Tier::Friends;
    Contact b = person(2, "Bo");  // never in touch
    Contact c = person(3, "Cy");
    c.tier = Tier::Inner;
    Contact d = person(4, "Di");
    d.tier = Tier::Friends;
    Store store = store_of({a, b, c, d});
    const Date today = Date::from_ymd(2024, 6, 1);
    const auto log = [&](std::uint64_t n, Date day, InteractionKind kind, std::vector<Id> people) {
        Interaction i;
        i.meta.id = id_of(100 + n);
        i.date = day;
        i.kind = kind;
        i.participants = std::move(people);
        store.load(std::move(i));
    };
    log(1, Date{today.days - 10}, InteractionKind::Coffee, {id_of(1)});
    log(2, Date{today.days - 300}, InteractionKind::Call, {id_of(3), id_of(1)});
    log(3, Date{today.days - 1}, InteractionKind::Note, {id_of(3)});       // a note is not contact
    log(4, Date{today.days + 5}, InteractionKind::Coffee, {id_of(4)});     // planned, not yet
    Event e;
    e.meta.id = id_of(200);
    e.date = Date{today.days - 50};
    e.attendees = {id_of(4)};
    store.load(std::move(e));
    ContactIndex index;
    index.update(store, today);

    CHECK(index.last_contact(id_of(1)) == Date{today.days - 10});
    CHECK(index.last_contact(id_of(2)) == std::nullopt);
    CHECK(index.last_contact(id_of(3)) == Date{today.days - 300});
    CHECK(index.last_contact(id_of(4)) == Date{today.days - 50});
    ContactQuery q;
    q.sort = ContactSort::LastContact;
    CHECK(index.search(q) == ids({2, 3, 4, 1}));  // the most neglected first
    q.descending = true;
    CHECK(index.search(q) == ids({1, 4, 3, 2}));
    q.sort = ContactSort::Circle;
    q.descending = false;
    CHECK(index.search(q) == ids({3, 1, 4, 2}));  // inner, friends (by id), then no circle
    q.descending = true;
    CHECK(index.search(q) == ids({1, 4, 3, 2}));  // no circle stays last

    index.update(store, Date{today.days + 5});  // the planned coffee has happened
    CHECK(index.last_contact(id_of(4)) == Date{today.days + 5});
}

TEST_CASE("ContactIndex facets count live, non-archived contacts per folded value") {
    Contact a = person(1, "Ada");
    a.tags = {"Rust", "mentor", "rust"};  // counted once
    a.city = "Zürich";
    a.company = "Analytical Engines";
    Contact b = person(2, "Bob");
    b.tags = {"rust", "design"};
    b.city = "zurich";
    Contact c = person(3, "Cleo");
    c.tags = {"archived only"};
    c.city = "Athens";
    c.archived = true;
    Contact d = person(4, "Dora");
    d.tags = {"deleted"};
    d.meta.deleted = true;
    Store store = store_of({a, b, c, d});
    ContactIndex index;
    index.update(store);

    REQUIRE(index.tags().size() == 3);
    CHECK(index.tags()[0].value == "design");
    CHECK(index.tags()[0].count == 1);
    CHECK(index.tags()[1].value == "mentor");
    CHECK(index.tags()[2].value == "Rust");  // the first spelling seen (contacts in id order)
    CHECK(index.tags()[2].count == 2);
    REQUIRE(index.cities().size() == 1);  // "Zürich" and "zurich" are one city; Athens only archived
    CHECK(index.cities()[0].value == "Zürich");
    CHECK(index.cities()[0].count == 2);
    REQUIRE(index.companies().size() == 1);  // no empty value
    CHECK(index.companies()[0].value == "Analytical Engines");
    CHECK(index.companies()[0].count == 1);
}

TEST_CASE("ContactIndex agrees with a plain reference search on sample data") {
    const Date today = Date::from_ymd(2024, 8, 30);
    const Store store = sample_store(7, kNow, today, SampleSize{400, 0, 6, 8});
    ContactIndex index;
    index.update(store);

    std::vector<const Contact*> all;
    for (const auto& [id, c] : store.contacts()) all.push_back(&c);
    const auto reference = [&](const ContactQuery& q) {
        std::vector<std::string> words;
        const std::string folded = fold_for_search(q.text);
        std::string word;
        for (const char ch : folded + " ") {
            if (ch == ' ') {
                if (!word.empty()) words.push_back(word);
                word.clear();
            } else {
                word.push_back(ch);
            }
        }
        std::vector<const Contact*> hits;
        for (const Contact* c : all) {
            if (c->archived && !q.include_archived) continue;
            if (q.tier && c->tier != *q.tier) continue;
            if (q.city && fold_for_search(c->city) != fold_for_search(*q.city)) continue;
            if (q.tag && std::none_of(c->tags.begin(), c->tags.end(), [&](const std::string& t) {
                    return fold_for_search(t) == fold_for_search(*q.tag);
                }))
                continue;
            std::vector<std::string> fields = {c->display_name, c->given_name, c->family_name, c->nickname,
                                               c->company, c->title, c->city, c->region, c->country,
                                               c->how_met, c->notes};
            for (const auto& point : c->emails) fields.push_back(point.value);
            for (const auto& point : c->phones) fields.push_back(point.value);
            fields.insert(fields.end(), c->tags.begin(), c->tags.end());
            for (const Handle& h : c->handles) fields.push_back(h.value);
            const bool all_words = std::all_of(words.begin(), words.end(), [&](const std::string& w) {
                return std::any_of(fields.begin(), fields.end(),
                                   [&](const std::string& f) { return fold_for_search(f).find(w) != std::string::npos; });
            });
            if (all_words) hits.push_back(c);
        }
        std::sort(hits.begin(), hits.end(), [&](const Contact* x, const Contact* y) {
            const std::string kx = fold_for_search(contact_label(*x)), ky = fold_for_search(contact_label(*y));
            if (kx != ky) return q.descending ? kx > ky : kx < ky;
            return x->meta.id < y->meta.id;
        });
        std::vector<Id> out;
        for (const Contact* c : hits) out.push_back(c->meta.id);
        return out;
    };

    const std::vector<std::string> texts = {"a", "an", "ann", "ada", "zo", "ber", "rust", "de",
                                            "и", "ан", "δη", "σ", "anna berlin", "o e", "example",
                                            "+4", "xyzzy", "", "SØREN", "lucia", "ЁЛ", "mentor rust"};
    std::mt19937 rng(3);
    int nonempty = 0;
    for (const std::string& text : texts) {
        for (int variant = 0; variant < 4; ++variant) {
            ContactQuery q;
            q.text = text;
            q.descending = variant % 2 == 1;
            q.include_archived = variant == 2;
            if (variant == 3) q.tier = static_cast<Tier>(rng() % 7);
            if (variant == 2) q.tag = "rust";
            if (variant == 1 && rng() % 2) q.city = "Berlin";
            CAPTURE(text);
            CAPTURE(variant);
            const std::vector<Id> expected = reference(q);
            CHECK(index.search(q) == expected);
            nonempty += expected.empty() ? 0 : 1;
        }
    }
    CHECK(nonempty > 40);  // the queries do find people
}

// The UI's search narrows the last result while a query grows and works in slices; whatever the
// path, the result must be exactly a fresh search's. Random typing, backspaces, filter and order
// changes, interrupted searches and store edits, each checked against ContactIndex::search.
TEST_CASE("ContactSearch equals a fresh search over random queries, slices and store edits") {
    const Date today = Date::from_ymd(2024, 8, 30);
    Store store = sample_store(11, kNow, today, SampleSize{300, 200, 6, 8});
    ContactIndex index;
    index.update(store, today);

    std::mt19937 rng(12);
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    const std::vector<std::string> pieces = {"a", "n", "e", "r", "o", "i", "s", "l", " ", "an", "er",
                                             "ber", "rust", "ü", "ö", "а", "н", "δ", "@", "+", "x", "mentor"};
    const std::vector<std::string> tags = {"rust", "design", "mentor", "nobody-has-this"};
    const std::vector<std::string> cities = {"Berlin", "London", "Paris"};

    ContactSearch search;
    ContactQuery query;
    int narrowed = 0, fresh = 0, sliced = 0, interrupted = 0;
    for (int round = 0; round < 1500; ++round) {
        const std::size_t action = pick(100);
        if (action < 55) {
            query.text += pieces[pick(pieces.size())];  // typing
        } else if (action < 70) {
            std::u32string cps = decode_utf8(query.text);  // backspace
            if (!cps.empty()) cps.pop_back();
            query.text = encode_utf8(cps);
        } else if (action < 74) {
            query.text.clear();
        } else if (action < 80) {
            switch (pick(5)) {
                case 0: query.tag = pick(2) ? std::optional<std::string>(tags[pick(tags.size())]) : std::nullopt; break;
                case 1: query.tier = pick(2) ? std::optional<Tier>(static_cast<Tier>(pick(7))) : std::nullopt; break;
                case 2: query.city = pick(2) ? std::optional<std::string>(cities[pick(cities.size())]) : std::nullopt; break;
                case 3: query.include_archived = !query.include_archived; break;
                default: break;
            }
        } else if (action < 86) {
            query.sort = static_cast<ContactSort>(pick(7));
            query.descending = pick(2) == 1;
        } else {
            // A store edit: someone renamed, moved, archived, deleted, or added.
            std::vector<const Contact*> live;
            for (const auto& [id, c] : store.contacts())
                if (!c.meta.deleted) live.push_back(&c);
            std::sort(live.begin(), live.end(), [](const Contact* a, const Contact* b) { return a->meta.id < b->meta.id; });
            Contact c = live.empty() ? Contact{} : *live[pick(live.size())];
            switch (pick(6)) {
                case 0: c.display_name = "Anna " + std::to_string(round); break;
                case 1: c.notes += " mentor in rust"; break;
                case 2: c.city = cities[pick(cities.size())]; break;
                case 3: c.archived = !c.archived; break;
                case 4: c.meta.deleted = true; break;
                default:
                    c = Contact{};
                    c.meta.id = id_of(100000 + static_cast<std::uint64_t>(round));
                    c.display_name = "Annabel Berner";
                    c.tags = {"rust"};
                    break;
            }
            c.meta.updated = kNow + round;
            store.load(c);
            index.update(store, today);
        }

        search.start(index, query);
        if (pick(8) == 0) {  // the next query arrives before this search is done
            search.step(1 + pick(200));
            interrupted += search.done() ? 0 : 1;
            continue;
        }
        // Tiny slices put many matches across a slice's edge.
        const std::size_t budgets[] = {std::numeric_limits<std::size_t>::max(), 1 + pick(16), 1 + pick(3000)};
        const std::size_t budget = budgets[pick(3)];
        int steps = 0;
        while (!search.step(budget)) ++steps;
        sliced += steps > 0 ? 1 : 0;
        (search.narrowing() ? narrowed : fresh) += 1;
        CAPTURE(round);
        CAPTURE(query.text);
        const std::vector<Id> expected = index.search(query);
        REQUIRE(search.result() == expected);
        CHECK(search.result_query().text == query.text);
    }
    // Every path was taken many times.
    CHECK(narrowed > 200);
    CHECK(fresh > 200);
    CHECK(sliced > 200);
    CHECK(interrupted > 50);
}

TEST_CASE("pick_contacts ranks label matches first, then company and email matches") {
    Contact ada = person(1, "Ada Lovelace");
    ada.meta.updated = 10;
    Contact adam = person(2, "Adam Smith");
    adam.meta.updated = 20;
    Contact grace = person(3, "Grace Hopper");
    grace.company = "Adaptive Systems";
    grace.meta.updated = 30;
    Contact bob = person(4, "Bob");
    bob.emails = {{"bob@ada.example", {}}};
    bob.meta.updated = 40;
    Contact archived = person(5, "Ada Archived");
    archived.archived = true;
    Contact deleted = person(6, "Ada Deleted");
    deleted.meta.deleted = true;
    Contact zoe = person(7, "Zoë Dubois");
    zoe.meta.updated = 50;
    Store store = store_of({ada, adam, grace, bob, archived, deleted, zoe});

    // Equal fuzzy scores: label order; then company or email matches, by label.
    CHECK(pick_contacts(store, "ada", 10) == ids({1, 2, 4, 3}));
    CHECK(pick_contacts(store, "ADA", 2) == ids({1, 2}));
    CHECK(pick_contacts(store, "alo", 10).front() == id_of(1));   // fuzzy: A-da Lo-velace
    CHECK(pick_contacts(store, "zoe", 10) == ids({7}));
    CHECK(pick_contacts(store, "zoë d", 10) == ids({7}));
    CHECK(pick_contacts(store, "nobody", 10).empty());
    CHECK(pick_contacts(store, "ada", 0).empty());
    // Empty query: the most recently updated.
    CHECK(pick_contacts(store, "", 3) == ids({7, 4, 3}));
    CHECK(pick_contacts(store, "  ", 10).size() == 5);
}

TEST_CASE("pick_contacts prefers word starts and contiguous runs") {
    Store store = store_of({person(1, "Mary Hopper"), person(2, "Hope Lee"), person(3, "Philippa Oppenheim")});
    // "Hope" is one run at a word start; "Hopper" breaks the run before the e; "Philippa
    // Oppenheim" matches only scattered.
    CHECK(pick_contacts(store, "hope", 3) == ids({2, 1, 3}));
    CHECK(pick_contacts(store, "hope", 1) == ids({2}));
}

TEST_CASE("ContactIndex::pick ranks like pick_contacts for name matches") {
    const Store store = sample_store(11, 1'800'000'000'000, Date::from_ymd(2026, 11, 26), SampleSize{300, 0, 0, 0});
    ContactIndex index;
    index.update(store);
    for (const char* query : {"an", "ana", "zoe", "soren", "\xce\xb4\xce\xb7\xce\xbc", "", "iv"}) {
        const std::vector<Id> from_store = pick_contacts(store, query, 8);
        const std::vector<Id> from_index = index.pick(query, 8);
        // Both agree on every name match (the index may add matches in other fields after them).
        REQUIRE(from_index.size() >= from_store.size());
        for (std::size_t i = 0; i < from_store.size(); ++i) {
            const Contact* c = store.contact(from_store[i]);
            REQUIRE(c != nullptr);
            if (fuzzy_score(fold_for_search(query), fold_for_search(contact_label(*c)))) CHECK(from_index[i] == from_store[i]);
        }
    }
    CHECK(index.pick("no such person anywhere", 5).empty());
    CHECK(index.pick("ana", 0).empty());
}
