// Fixtures shared by the io tests (codec, storage, golden files): records with every field set,
// the fixed store the golden files are generated from, temporary folders, and store comparison.
// Everything here is deterministic: fixed ids, fixed timestamps, no clock, no randomness.
#pragma once

#include "core/store.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

namespace ties::test {

inline Id fixed_id(std::uint64_t n) { return Id{0x7469657300000000ull + n, 0x0123456789abcdefull ^ (n * 0x9e37ull)}; }

inline RecordMeta fixed_meta(std::uint64_t n) {
    RecordMeta meta;
    meta.id = fixed_id(n);
    meta.created = 1'700'000'000'000 + static_cast<Millis>(n) * 1000;
    meta.updated = 1'710'000'000'000 + static_cast<Millis>(n) * 1000;
    return meta;
}

inline Contact full_contact(std::uint64_t n = 1) {
    Contact c;
    c.meta = fixed_meta(n);
    c.display_name = "Zoë Ødegaard";
    c.given_name = "Zoë";
    c.family_name = "Ødegaard";
    c.nickname = "Zo \"the fjord\" \\ Ø";
    c.company = "Nordlys AS";
    c.title = "Head of Research 🧭";
    c.city = "Tromsø";
    c.region = "Troms";
    c.country = "Norway";
    c.emails = {{"zoe@example.no", "work"}, {"z.odegaard@example.org", {}}};
    c.phones = {{"+47 400 00 000", "Kontor «hoved»"}};
    c.handles = {Handle{HandleKind::Mastodon, "@zoe@fosstodon.example"}, Handle{HandleKind::GitHub, "zoeo"},
                 Handle{HandleKind::Other, "https://zoe.example.no/"}};
    c.tags = {"research", "arctic", "λ-calculus"};
    c.tier = Tier::Friends;
    c.cadence_days = 45;
    c.how_met = "Met at a tweetup in Oslo.\nShe asked about \"ties\".\tTabbed.";
    c.first_met = Date::from_ymd(2019, 11, 23);
    c.introduced_by = fixed_id(2);
    c.met_at = fixed_id(30);
    c.notes = "Λάμπρος introduced us; Жанна was there too. {not json} [neither] \\\" tricky";
    c.archived = false;
    c.cadence_max_days = 70;
    c.birthday = PartialDate{0, 2, 29};
    c.anniversary = PartialDate{2012, 6, 30};
    c.snoozed_until = Date::from_ymd(2024, 7, 4);
    c.addresses = {PostalAddress{"work", "PB 6050", "3rd floor; east", "Hansine Hansens veg 18", "Tromsø", "Troms",
                                 "9019", "Norway"},
                   PostalAddress{"", "", "", "Storgata 1\nBak gården", "", "", "", ""}};
    c.origin = ContactOrigin::Imported;
    return c;
}

inline Contact minimal_contact(std::uint64_t n) {
    Contact c;
    c.meta = fixed_meta(n);
    c.display_name = "Λάμπρος";
    return c;  // every optional empty, every list empty
}

inline Interaction full_interaction(std::uint64_t n = 20) {
    Interaction i;
    i.meta = fixed_meta(n);
    i.date = Date::from_ymd(2024, 3, 12);
    i.minute_of_day = 1439;
    i.kind = InteractionKind::MealOrDrinks;
    i.participants = {fixed_id(1), fixed_id(2)};
    i.initiator = Initiator::Them;
    i.duration_minutes = 90;
    i.notes = "Dinner with Жанна: talked about compilers 🍜";
    i.follow_up = FollowUp{Date::from_ymd(2024, 4, 1), "Send the paper on ∀-types", true};
    i.event = fixed_id(30);
    i.answers = fixed_id(24);
    return i;
}

inline Interaction minimal_interaction(std::uint64_t n) {
    Interaction i;
    i.meta = fixed_meta(n);
    i.date = Date::from_ymd(1999, 12, 31);
    i.participants = {fixed_id(1)};
    return i;
}

inline Event full_event(std::uint64_t n = 30) {
    Event e;
    e.meta = fixed_meta(n);
    e.name = "Oslo tweetup «vinter»";
    e.kind = EventKind::Tweetup;
    e.date = Date::from_ymd(2019, 11, 23);
    e.place = "Kaffebrenneriet, Grünerløkka";
    e.notes = "Cold; great crowd.";
    e.attendees = {fixed_id(1), fixed_id(3)};
    return e;
}

inline Opportunity full_opportunity(std::uint64_t n = 40) {
    Opportunity o;
    o.meta = fixed_meta(n);
    o.title = "Advisory role — Nordlys";
    o.kind = OpportunityKind::Partnership;
    o.status = OpportunityStatus::Won;
    o.value = 12345.678;
    o.date = Date::from_ymd(2024, 6, 30);
    o.contacts = {fixed_id(1)};
    o.notes = "Signed in Tromsø.";
    o.from_answer = fixed_id(23);
    return o;
}

inline Opportunity minimal_opportunity(std::uint64_t n) {
    Opportunity o;
    o.meta = fixed_meta(n);
    o.title = "Maybe";
    return o;
}

inline Settings full_settings() {
    Settings s;
    s.meta = fixed_meta(0);
    s.meta.id = kSettingsId;
    s.your_name = "Жанна Ødegaard";
    s.cadences[static_cast<int>(Tier::Friends)] = Cadence{30, 50};
    s.tag_cadences = {TagCadence{"investors", Cadence{14, 21}}, TagCadence{"λ-calculus", Cadence{}}};
    s.budget = Budget{1, 95, 4, 12};
    s.own_addresses = {"zoe@example.no", "жанна@пример.рф"};
    return s;
}

// One of each record kind with every field set, one of each with everything empty that can be,
// and a tombstone of each kind.
inline std::vector<Record> rich_records() {
    std::vector<Record> records = {full_contact(1),     full_contact(2),       minimal_contact(3),
                                   full_interaction(20), minimal_interaction(21), full_event(30),
                                   full_opportunity(40), minimal_opportunity(41), full_settings()};
    records.push_back(tombstone_of(full_contact(4)));
    records.push_back(tombstone_of(full_interaction(22)));
    records.push_back(tombstone_of(full_event(31)));
    records.push_back(tombstone_of(full_opportunity(42)));
    std::get<Contact>(records[1]).display_name = "Жанна Кузнецова";
    std::get<Contact>(records[1]).archived = true;
    std::get<Contact>(records[1]).tier = Tier::Recognisable;
    return records;
}

// A record as Interaction class version 2, Budget 1 and Opportunity 1 wrote it (golden-v5 and
// before): no ask answered, the default ask budget, no opportunity from an answer.
inline Record as_version_5(Record record) {
    if (auto* interaction = std::get_if<Interaction>(&record)) interaction->answers.reset();
    if (auto* settings = std::get_if<Settings>(&record)) settings->budget.asks_per_week = Budget{}.asks_per_week;
    if (auto* opportunity = std::get_if<Opportunity>(&record)) opportunity->from_answer.reset();
    return record;
}

// Settings as class version 2 wrote them (golden-v4 and before): no own addresses.
inline Record without_own_addresses(Record record) {
    record = as_version_5(std::move(record));
    if (auto* settings = std::get_if<Settings>(&record)) settings->own_addresses.clear();
    return record;
}

// A record as a build of Contact class version 2 (Interaction 1, Settings 2) wrote it: no labels
// on emails and phones, no addresses, every contact "added by hand", no event on an interaction.
inline Record as_version_2(Record record) {
    record = without_own_addresses(std::move(record));
    if (auto* contact = std::get_if<Contact>(&record)) {
        for (ContactPoint& email : contact->emails) email.label.clear();
        for (ContactPoint& phone : contact->phones) phone.label.clear();
        contact->addresses.clear();
        contact->origin = ContactOrigin::AddedByHand;
    }
    if (auto* interaction = std::get_if<Interaction>(&record)) interaction->event.reset();
    return record;
}

// A record as a build of class version 1 wrote it: the fields added later at their defaults.
inline Record as_version_1(Record record) {
    record = as_version_2(std::move(record));
    if (auto* contact = std::get_if<Contact>(&record)) {
        contact->cadence_max_days.reset();
        contact->birthday.reset();
        contact->anniversary.reset();
        contact->snoozed_until.reset();
    }
    if (auto* settings = std::get_if<Settings>(&record)) {
        settings->cadences = default_cadences();
        settings->tag_cadences.clear();
        settings->budget = Budget{};
    }
    return record;
}

// The store the golden snapshot holds.
inline Store golden_store() {
    Store store;
    for (const Record& record : rich_records()) store.load(record);
    return store;
}

// The edit the golden journal holds: one contact changed, one interaction deleted, one created,
// the settings renamed.
inline constexpr Millis kGoldenNow = 1'720'000'000'000;

inline Change golden_change() {
    Change change;
    change.label = "Golden edit";
    Contact edited = full_contact(2);
    edited.notes = "Edited after the snapshot — Λάμπρος";
    change.records.push_back(edited);
    change.records.push_back(tombstone_of(full_interaction(20)));
    Interaction created = full_interaction(23);
    created.minute_of_day = 0;
    created.kind = InteractionKind::OnlineConversation;
    created.initiator = Initiator::Unknown;
    created.follow_up.reset();
    change.records.push_back(created);
    Settings settings = full_settings();
    settings.your_name = "Zoë";
    change.records.push_back(settings);
    return change;
}

// A fresh, empty folder under the system temp folder, removed with everything in it at the end.
class TempFolder {
public:
    TempFolder() {
        static std::atomic<unsigned> counter{0};
        std::random_device random;
        const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
        path_ = std::filesystem::temp_directory_path() /
                ("ties-test-" + std::to_string(random()) + "-" + std::to_string(stamp) + "-" +
                 std::to_string(counter++));
        std::filesystem::create_directories(path_);
    }
    ~TempFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

inline std::string read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline bool same_store(const Store& a, const Store& b) {
    return a.contacts() == b.contacts() && a.interactions() == b.interactions() && a.events() == b.events() &&
           a.opportunities() == b.opportunities() && a.settings() == b.settings();
}

template <typename T>
void check_same_map(const RecordMap<T>& actual, const RecordMap<T>& expected, const char* kind) {
    INFO(kind);
    CHECK(actual.size() == expected.size());
    for (const auto& entry : expected) {  // no structured binding: clang 14 cannot capture one in INFO
        const std::string id = entry.first.to_string();
        INFO("record " << id);
        const auto it = actual.find(entry.first);
        REQUIRE(it != actual.end());
        CHECK(it->second == entry.second);
    }
}

// Field by field (record by record, every field through operator==), with the failing id shown.
inline void check_same_store(const Store& actual, const Store& expected) {
    check_same_map(actual.contacts(), expected.contacts(), "contacts");
    check_same_map(actual.interactions(), expected.interactions(), "interactions");
    check_same_map(actual.events(), expected.events(), "events");
    check_same_map(actual.opportunities(), expected.opportunities(), "opportunities");
    CHECK(actual.settings() == expected.settings());
}

}  // namespace ties::test
