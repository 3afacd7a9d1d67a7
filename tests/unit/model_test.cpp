#include "core/model.hpp"

#include <doctest/doctest.h>

using namespace ties;

namespace {

RecordMeta sample_meta(std::uint64_t n) {
    RecordMeta meta;
    meta.id = Id{n, n * 3};
    meta.created = 1000;
    meta.updated = 2000;
    return meta;
}

Contact full_contact() {
    Contact c;
    c.meta = sample_meta(1);
    c.display_name = "Ada Lovelace";
    c.given_name = "Ada";
    c.family_name = "Lovelace";
    c.nickname = "Ada";
    c.company = "Analytical Engines";
    c.title = "Programmer";
    c.city = "London";
    c.region = "England";
    c.country = "UK";
    c.emails = {{"ada@example.org", {}}};
    c.phones = {{"+44 20 0000 0000", {}}};
    c.handles = {Handle{HandleKind::GitHub, "ada"}};
    c.tags = {"math"};
    c.tier = Tier::Close;
    c.cadence_days = 30;
    c.how_met = "Babbage";
    c.first_met = Date::from_ymd(1833, 6, 5);
    c.introduced_by = Id{9, 9};
    c.met_at = Id{8, 8};
    c.notes = "Notes";
    c.archived = true;
    return c;
}

Interaction full_interaction() {
    Interaction i;
    i.meta = sample_meta(2);
    i.date = Date::from_ymd(2024, 3, 12);
    i.minute_of_day = 600;
    i.kind = InteractionKind::Coffee;
    i.participants = {Id{1, 3}};
    i.initiator = Initiator::Me;
    i.duration_minutes = 45;
    i.notes = "Talked about engines";
    i.follow_up = FollowUp{Date::from_ymd(2024, 4, 1), "Send paper", false};
    return i;
}

Event full_event() {
    Event e;
    e.meta = sample_meta(3);
    e.name = "CppCon";
    e.kind = EventKind::Conference;
    e.date = Date::from_ymd(2024, 9, 15);
    e.place = "Aurora";
    e.notes = "Talks";
    e.attendees = {Id{1, 3}};
    return e;
}

Opportunity full_opportunity() {
    Opportunity o;
    o.meta = sample_meta(4);
    o.title = "Consulting";
    o.kind = OpportunityKind::Client;
    o.status = OpportunityStatus::Won;
    o.value = 1500.0;
    o.date = Date::from_ymd(2024, 5, 1);
    o.contacts = {Id{1, 3}};
    o.notes = "Via Ada";
    return o;
}

Settings full_settings() {
    Settings s;
    s.meta = sample_meta(0);
    s.meta.id = kSettingsId;
    s.your_name = "Charles";
    return s;
}

template <typename T>
void check_tombstone(const T& live) {
    const Record tombstone = tombstone_of(Record{live});
    REQUIRE(std::holds_alternative<T>(tombstone));
    const T& dead = std::get<T>(tombstone);
    CHECK(dead.meta.id == live.meta.id);
    CHECK(dead.meta.created == live.meta.created);
    CHECK(dead.meta.updated == live.meta.updated);
    CHECK(dead.meta.deleted);
    T expected{};
    expected.meta = dead.meta;
    CHECK(dead == expected);  // every other field is back to its default
    CHECK_FALSE(dead == live);
}

}  // namespace

TEST_CASE("tombstone_of keeps the kind, id and times and clears every field") {
    check_tombstone(full_contact());
    check_tombstone(full_interaction());
    check_tombstone(full_event());
    check_tombstone(full_opportunity());
    check_tombstone(full_settings());
}

TEST_CASE("meta_of reads and writes the meta of any record kind") {
    Record records[] = {full_contact(), full_interaction(), full_event(), full_opportunity(), full_settings()};
    CHECK(meta_of(records[0]).id == Id{1, 3});
    CHECK(meta_of(records[1]).id == Id{2, 6});
    CHECK(meta_of(records[2]).id == Id{3, 9});
    CHECK(meta_of(records[3]).id == Id{4, 12});
    CHECK(meta_of(records[4]).id == kSettingsId);
    for (Record& record : records) {
        meta_of(record).updated = 77;
        const Record& read_only = record;
        CHECK(meta_of(read_only).updated == 77);
    }
    CHECK(std::get<Event>(records[2]).meta.updated == 77);
}

TEST_CASE("contact_label falls back from display name to names, nickname, email") {
    Contact c;
    CHECK(contact_label(c) == "(no name)");
    c.emails = {{"", {}}, {"ada@example.org", {}}, {"other@example.org", {}}};
    CHECK(contact_label(c) == "ada@example.org");
    c.nickname = "  Countess ";
    CHECK(contact_label(c) == "Countess");
    c.family_name = "Lovelace";
    CHECK(contact_label(c) == "Lovelace");
    c.given_name = "Ada";
    CHECK(contact_label(c) == "Ada Lovelace");
    c.family_name = "";
    CHECK(contact_label(c) == "Ada");
    c.display_name = "   ";
    CHECK(contact_label(c) == "Ada");
    c.display_name = "Augusta Ada King";
    CHECK(contact_label(c) == "Augusta Ada King");
}

TEST_CASE("every enum value has its user-facing text") {
    CHECK(to_string(Tier::None) == "Not set");
    CHECK(to_string(Tier::Inner) == "Inner circle (5)");
    CHECK(to_string(Tier::Recognisable) == "Recognisable (1500)");
    CHECK(to_string(HandleKind::LinkedIn) == "LinkedIn");
    CHECK(to_string(InteractionKind::Meetup) == "Meetup or event");
    CHECK(to_string(InteractionKind::Note) == "Note");
    CHECK(to_string(Initiator::Them) == "Them");
    CHECK(to_string(EventKind::Tweetup) == "Tweetup");
    CHECK(to_string(OpportunityKind::Investment) == "Investment");
    CHECK(to_string(OpportunityStatus::Lost) == "Lost");

    // Every value has non-empty text, and no two values of one enum share it.
    auto check_all = [](auto last) {
        using E = decltype(last);
        std::vector<std::string_view> texts;
        for (int v = 0; v <= static_cast<int>(last); ++v) {
            const std::string_view text = to_string(static_cast<E>(v));
            CHECK_FALSE(text.empty());
            for (const std::string_view seen : texts) CHECK(seen != text);
            texts.push_back(text);
        }
        return texts.size();
    };
    CHECK(check_all(Tier::Recognisable) == 7);
    CHECK(check_all(HandleKind::Other) == 7);
    CHECK(check_all(InteractionKind::Note) == 12);
    CHECK(check_all(Initiator::Them) == 3);
    CHECK(check_all(EventKind::Other) == 4);
    CHECK(check_all(OpportunityKind::Other) == 6);
    CHECK(check_all(OpportunityStatus::Lost) == 3);
}

TEST_CASE("addresses as editable lines: format_address, parse_addresses") {
    const PostalAddress home{"home", "", "", "12 rue des Lilas", "Montréal", "QC", "H2X 1Y4", "Canada"};
    const PostalAddress work{"work", "PB 6050", "3rd floor", "Hansine Hansens veg 18\nBak gården", "Tromsø", "", "9019", "Norway"};
    const PostalAddress bare{"", "", "", "1 Main St", "", "", "", ""};
    CHECK(format_address(home) == "home: 12 rue des Lilas, H2X 1Y4 Montréal, QC, Canada");
    CHECK(format_address(work) == "work: PB 6050, 3rd floor, Hansine Hansens veg 18, Bak gården, 9019 Tromsø, Norway");
    CHECK(format_address(bare) == "1 Main St");
    CHECK(format_addresses({home, PostalAddress{}, bare}) == "home: 12 rue des Lilas, H2X 1Y4 Montréal, QC, Canada\n1 Main St");

    // Typed lines: label, street, "postcode city", region, country.
    CHECK(parse_addresses("home: 12 rue des Lilas, H2X 1Y4 Montréal, QC, Canada") == std::vector<PostalAddress>{home});
    CHECK(parse_addresses("Summer house: Praia 2, Apt 4, 8000-123 Faro, Algarve, Portugal\n\n  5 Elm Rd  ") ==
          std::vector<PostalAddress>{{"Summer house", "", "", "Praia 2, Apt 4", "Faro", "Algarve", "8000-123", "Portugal"},
                                     {"", "", "", "5 Elm Rd", "", "", "", ""}});
    CHECK(parse_addresses("1 Rue, 1000 Luxembourg, Luxembourg") ==
          std::vector<PostalAddress>{{"", "", "", "1 Rue", "Luxembourg", "", "1000", "Luxembourg"}});
    CHECK(parse_addresses("SW1Y 4JH London") == std::vector<PostalAddress>{{"", "", "", "SW1Y 4JH London", "", "", "", ""}});
    CHECK(parse_addresses("12 St James's Square, SW1Y 4JH London") ==
          std::vector<PostalAddress>{{"", "", "", "12 St James's Square", "London", "", "SW1Y 4JH", ""}});
    CHECK(parse_addresses("https://example.org: not a label") ==
          std::vector<PostalAddress>{{"", "", "", "https://example.org: not a label", "", "", "", ""}});
    CHECK(parse_addresses(" \n ").empty());

    // A line left as it was keeps its address whole, PO box and line breaks included.
    const std::string text = format_addresses({home, work});
    CHECK(parse_addresses(text, {home, work}) == std::vector<PostalAddress>{home, work});
    CHECK(parse_addresses(text + "\nother: 3 Pier Rd", {home, work}) ==
          std::vector<PostalAddress>{home, work, {"other", "", "", "3 Pier Rd", "", "", "", ""}});
}
