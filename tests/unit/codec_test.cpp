// The codec must give back exactly what it was given, write JSON a person can read, and refuse
// anything malformed, out of range, too deep or too new with a message instead of a crash.
#include "io/codec.hpp"

#include "io_fixtures.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <random>
#include <string>

using namespace ties;
using namespace ties::io;
using ties::test::fixed_id;

namespace {

Payload payload_of(std::vector<Record> records, std::uint64_t generation = 4, std::uint64_t sequence = 17) {
    return Payload{generation, sequence, std::move(records)};
}

void check_round_trip(const Payload& payload) {
    const std::string json = encode(payload);
    const Decoded decoded = decode(json);
    INFO(to_string(decoded.error));
    REQUIRE(decoded.ok());
    CHECK(decoded.payload.generation == payload.generation);
    CHECK(decoded.payload.sequence == payload.sequence);
    REQUIRE(decoded.payload.records.size() == payload.records.size());
    for (std::size_t i = 0; i < payload.records.size(); ++i) {
        INFO("record " << i);
        CHECK(decoded.payload.records[i] == payload.records[i]);
    }
    CHECK(encode(decoded.payload) == json);  // and encoding is deterministic
}

// Replaces the first occurrence of `from` (which must exist) in `text`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

// A contact record written by hand in the documented format; %C%, %M% and %R% are the class
// versions of the contact, its meta and the record wrapper.
const std::string kHandWritten = R"({
  "generation": 2, "sequence": 5,
  "records": [ { "cereal_class_version": %R%, "type": "contact", "data": {
    "cereal_class_version": %C%,
    "meta": { "cereal_class_version": %M%, "id": "0123456789ABCDEF0123456789abcdef",
              "created": 1000, "updated": 2000, "deleted": false },
    "display_name": "Ada", "given_name": "", "family_name": "", "nickname": "", "company": "",
    "title": "", "city": "", "region": "", "country": "",
    "emails": ["ada@example.org"], "phones": [], "handles": [ { "cereal_class_version": 1, "kind": 4, "value": "ada" } ],
    "tags": [], "tier": 2, "cadence_days": { "nullopt": false, "data": 30 }, "how_met": "",
    "first_met": { "nullopt": false, "data": "1833-06-05" }, "introduced_by": { "nullopt": true },
    "met_at": { "nullopt": true }, "notes": "", "archived": true } } ]
})";

std::string hand_written(int record_version, int contact_version, int meta_version) {
    std::string json = kHandWritten;
    json = replaced(json, "%R%", std::to_string(record_version));
    json = replaced(json, "%C%", std::to_string(contact_version));
    json = replaced(json, "%M%", std::to_string(meta_version));
    return json;
}

}  // namespace

TEST_CASE("every record type round trips with every field set") {
    check_round_trip(payload_of(test::rich_records()));
    for (const Record& record : test::rich_records()) check_round_trip(payload_of({record}));
}

TEST_CASE("records with every optional and list empty round trip") {
    Contact contact = test::minimal_contact(3);
    Interaction interaction = test::minimal_interaction(21);
    Opportunity opportunity = test::minimal_opportunity(41);
    Event event;
    event.meta = test::fixed_meta(32);
    Settings settings;
    settings.meta.id = kSettingsId;
    check_round_trip(payload_of({contact, interaction, opportunity, event, settings}, 0, 0));
    check_round_trip(payload_of({}, 0, 0));
}

TEST_CASE("extreme values round trip") {
    Contact contact = test::full_contact();
    contact.meta.created = std::numeric_limits<Millis>::min();
    contact.meta.updated = std::numeric_limits<Millis>::max();
    contact.cadence_days = std::numeric_limits<std::int32_t>::max();
    contact.first_met = Date{std::numeric_limits<std::int32_t>::min()};  // far outside 0000..9999
    contact.introduced_by = Id{~0ull, ~0ull};
    Interaction interaction = test::full_interaction();
    interaction.date = Date{std::numeric_limits<std::int32_t>::max()};
    interaction.follow_up->date = Date::from_ymd(-1, 1, 1);
    interaction.minute_of_day = 0;
    interaction.duration_minutes = 0;
    Opportunity opportunity = test::full_opportunity();
    Event event = test::full_event();
    event.date = Date::from_ymd(12000, 2, 29);
    for (double value : {0.1, 0.1 + 0.2, -0.0, 1e300, -1e-300, 123456789.123456789, 4.9e-324}) {
        opportunity.value = value;
        check_round_trip(payload_of({contact, interaction, opportunity, event},
                                    std::numeric_limits<std::uint64_t>::max(), std::numeric_limits<std::uint64_t>::max()));
    }
}

TEST_CASE("the JSON is readable: named fields, record types by name, ids and dates as text") {
    const std::string json = encode(payload_of(test::rich_records()));
    CHECK(json.find("\"generation\": 4") != std::string::npos);
    CHECK(json.find("\"sequence\": 17") != std::string::npos);
    CHECK(json.find("\"type\": \"contact\"") != std::string::npos);
    CHECK(json.find("\"type\": \"interaction\"") != std::string::npos);
    CHECK(json.find("\"type\": \"event\"") != std::string::npos);
    CHECK(json.find("\"type\": \"opportunity\"") != std::string::npos);
    CHECK(json.find("\"type\": \"settings\"") != std::string::npos);
    CHECK(json.find("\"display_name\": \"Zoë Ødegaard\"") != std::string::npos);  // UTF-8, not \u escapes
    CHECK(json.find("\"your_name\": \"Жанна Ødegaard\"") != std::string::npos);
    CHECK(json.find("\"id\": \"" + fixed_id(1).to_string() + "\"") != std::string::npos);
    CHECK(json.find("\"date\": \"2024-03-12\"") != std::string::npos);
    CHECK(json.find("\"first_met\": {\n\"nullopt\": false,\n\"data\": \"2019-11-23\"") != std::string::npos);
    CHECK(json.find("\"tier\": 3") != std::string::npos);
    CHECK(json.find("\"value\": {\n\"nullopt\": false,\n\"data\": 12345.678\n}") != std::string::npos);
}

TEST_CASE("a hand-written payload in the documented format decodes") {
    const Decoded decoded = decode(hand_written(1, 1, 1));
    INFO(to_string(decoded.error));
    REQUIRE(decoded.ok());
    CHECK(decoded.payload.generation == 2);
    CHECK(decoded.payload.sequence == 5);
    REQUIRE(decoded.payload.records.size() == 1);
    const Contact& contact = std::get<Contact>(decoded.payload.records[0]);
    CHECK(contact.meta.id == Id{0x0123456789abcdefull, 0x0123456789abcdefull});
    CHECK(contact.meta.created == 1000);
    CHECK(contact.meta.updated == 2000);
    CHECK(contact.display_name == "Ada");
    CHECK(values_of(contact.emails) == std::vector<std::string>{"ada@example.org"});
    CHECK(contact.handles == std::vector<Handle>{Handle{HandleKind::GitHub, "ada"}});
    CHECK(contact.tier == Tier::Close);
    CHECK(contact.cadence_days == 30);
    CHECK(contact.first_met == Date::from_ymd(1833, 6, 5));
    CHECK_FALSE(contact.introduced_by.has_value());
    CHECK(contact.archived);
}

TEST_CASE("a class version newer than this build is refused, naming the type and version") {
    Decoded decoded = decode(hand_written(1, 4, 1));
    CHECK_FALSE(decoded.ok());
    CHECK(to_string(decoded.error).find("record type contact version 4 is newer than this Ties understands") == 0);

    decoded = decode(hand_written(1, 1, 7));
    CHECK_FALSE(decoded.ok());
    CHECK(to_string(decoded.error).find("record type meta version 7 is newer than this Ties understands") == 0);

    decoded = decode(hand_written(3, 1, 1));
    CHECK_FALSE(decoded.ok());
    CHECK(to_string(decoded.error).find("record type record version 3 is newer than this Ties understands") == 0);

    // The same for a type found through encode(): the interaction's version is its first field.
    const std::string json = encode(payload_of({test::full_interaction()}));
    decoded = decode(replaced(json, "\"type\": \"interaction\",\n\"data\": {\n\"cereal_class_version\": 3",
                              "\"type\": \"interaction\",\n\"data\": {\n\"cereal_class_version\": 4"));
    CHECK_FALSE(decoded.ok());
    CHECK(to_string(decoded.error).find("record type interaction version 4 is newer than this Ties understands") == 0);
}

TEST_CASE("enum values out of range are refused") {
    const std::string json = encode(payload_of({test::full_contact(), test::full_interaction(), test::full_event(),
                                                test::full_opportunity()}));
    REQUIRE(decode(json).ok());
    struct Case {
        const char* from;
        const char* to;
        const char* message;
    };
    const Case cases[] = {
        {"\"tier\": 3", "\"tier\": 7", "invalid tier 7 (expected 0..6)"},
        {"\"tier\": 3", "\"tier\": -1", "invalid tier -1"},
        {"\"tier\": 3", "\"tier\": 4294967299", "invalid tier 4294967299"},  // would wrap to 3 as a uint8
        {"\"tier\": 3", "\"tier\": 18446744073709551615", "invalid data"},
        {"\"tier\": 3", "\"tier\": 1.5", "invalid data"},
        {"\"tier\": 3", "\"tier\": \"3\"", "invalid data"},
        {"\"kind\": 2,\n\"value\": \"@zoe", "\"kind\": 7,\n\"value\": \"@zoe", "invalid kind 7 (expected 0..6)"},
        {"\"kind\": 6,\n\"participants\"", "\"kind\": 13,\n\"participants\"", "invalid kind 13 (expected 0..12)"},
        {"\"initiator\": 2", "\"initiator\": 3", "invalid initiator 3 (expected 0..2)"},
        {"\"kind\": 0,\n\"date\"", "\"kind\": 4,\n\"date\"", "invalid kind 4 (expected 0..3)"},
        {"\"kind\": 2,\n\"status\"", "\"kind\": 6,\n\"status\"", "invalid kind 6 (expected 0..5)"},
        {"\"status\": 1", "\"status\": 3", "invalid status 3 (expected 0..2)"},
    };
    for (const Case& c : cases) {
        INFO(c.to);
        const Decoded decoded = decode(replaced(json, c.from, c.to));
        CHECK_FALSE(decoded.ok());
        CHECK(to_string(decoded.error).find(c.message) == 0);
    }
}

TEST_CASE("bad ids, dates and record types are refused") {
    const Contact contact = test::full_contact();
    const std::string json = encode(payload_of({contact}));
    const std::string id = contact.meta.id.to_string();
    struct Case {
        std::string from;
        std::string to;
        std::string message;
    };
    const Case cases[] = {
        {id, "xyz", "invalid id \"xyz\""},
        {id, id.substr(1), "invalid id"},
        {id, id + "0", "invalid id"},
        {id, "0123456789abcdef0123456789abcdeg", "invalid id"},
        {"\"id\": \"" + id + "\"", "\"id\": 12", "invalid data"},
        {id, std::string(32, '0'), "invalid data: record 1 (contact): empty id"},
        {"\"2019-11-23\"", "\"2023-02-29\"", "invalid date \"2023-02-29\""},
        {"\"2019-11-23\"", "\"2024-13-01\"", "invalid date"},
        {"\"2019-11-23\"", "\"yesterday\"", "invalid date \"yesterday\" (expected YYYY-MM-DD)"},
        {"\"2019-11-23\"", "\"2019-11-23T10:00\"", "invalid date"},
        {"\"2019-11-23\"", "\"12000-02-30\"", "invalid date"},
        {"\"2019-11-23\"", "\"02019-11-23\"", "invalid date"},
        {"\"2019-11-23\"", "\"-0001-01-01\"", "invalid date"},  // iso() writes year -1 as "-1-01-01"
        {"\"type\": \"contact\"", "\"type\": \"alien\"", "unknown record type \"alien\""},
        // A contact's data read as an interaction: the fields are not an interaction's.
        {"\"type\": \"contact\"", "\"type\": \"interaction\"", "invalid data"},
        {"\"display_name\"", "\"displayname\"", "invalid data"},
        {"\"archived\": false", "\"archived\": 0", "invalid data"},
    };
    for (const Case& c : cases) {
        INFO(c.to);
        const Decoded decoded = decode(replaced(json, c.from, c.to));
        CHECK_FALSE(decoded.ok());
        CHECK(to_string(decoded.error).find(c.message) == 0);
    }
}

TEST_CASE("invariants are checked after parsing") {
    auto error_for = [](Record record) {
        const Decoded decoded = decode(encode(payload_of({std::move(record)})));
        CHECK_FALSE(decoded.ok());
        return to_string(decoded.error);
    };
    Settings settings = test::full_settings();
    settings.meta.id = fixed_id(5);
    CHECK(error_for(settings).find("settings id is " + fixed_id(5).to_string()) != std::string::npos);

    Interaction interaction = test::full_interaction();
    interaction.minute_of_day = 1440;
    CHECK(error_for(interaction) == "invalid data: record 1 (interaction): minute_of_day 1440 is outside 0..1439");
    interaction.minute_of_day = -1;
    CHECK(error_for(interaction).find("minute_of_day -1") != std::string::npos);
    interaction.minute_of_day = 0;
    interaction.duration_minutes = -5;
    CHECK(error_for(interaction).find("negative duration_minutes -5") != std::string::npos);

    Contact contact = test::full_contact();
    contact.cadence_days = -1;
    CHECK(error_for(contact).find("negative cadence_days -1") != std::string::npos);
    contact.cadence_days = 0;
    CHECK(decode(encode(payload_of({contact}))).ok());

    Event event = test::full_event();
    event.meta.id = Id{};
    CHECK(error_for(event) == "invalid data: record 1 (event): empty id");
}

TEST_CASE("a nesting bomb is refused before parsing, without crashing") {
    const std::size_t deep = 100'000;

    Decoded decoded = decode(std::string(deep, '[') + std::string(deep, ']'));
    CHECK_FALSE(decoded.ok());
    CHECK_FALSE(to_string(decoded.error).empty());

    std::string objects;
    for (std::size_t i = 0; i < deep; ++i) objects += "{\"a\":";
    objects += "1";
    objects += std::string(deep, '}');
    decoded = decode(objects);
    CHECK_FALSE(decoded.ok());
    CHECK(to_string(decoded.error) == "invalid data: nested more than 32 levels deep");

    decoded = decode("{\"generation\": 1, \"sequence\": 1, \"records\": " + std::string(deep, '['));  // unclosed
    CHECK(to_string(decoded.error) == "invalid data: nested more than 32 levels deep");

    // 32 levels are structurally allowed (and then refused as not being a payload).
    std::string limit;
    for (int i = 0; i < kMaxJsonDepth; ++i) limit += "{\"a\":";
    limit += "1" + std::string(kMaxJsonDepth, '}');
    decoded = decode(limit);
    CHECK_FALSE(decoded.ok());
    CHECK(to_string(decoded.error).find("nested") == std::string::npos);
}

TEST_CASE("brackets, quotes and backslashes inside strings do not count as nesting") {
    Contact contact = test::full_contact();
    contact.notes = std::string(10'000, '[') + "\\\"{{{{\\" + std::string(5'000, '{') + "\"\\";
    contact.how_met = "\\";
    contact.nickname = "\"";
    check_round_trip(payload_of({contact}));
}

TEST_CASE("JSON truncated at every offset is refused without a crash") {
    const std::string json = encode(payload_of({test::full_contact(), test::full_interaction(), test::full_settings()}));
    for (std::size_t size = 0; size < json.size(); ++size) {
        const Decoded decoded = decode(std::string_view(json).substr(0, size));
        if (decoded.ok()) FAIL_CHECK("a truncated payload decoded, size " << size);
        if (to_string(decoded.error).empty()) FAIL_CHECK("no error message, size " << size);
    }
    // Truncated JSON is reported as such, with where it breaks.
    const Decoded decoded = decode(std::string_view(json).substr(0, json.size() / 2));
    CHECK(to_string(decoded.error).find("invalid data: not well-formed JSON at byte") == 0);
}

TEST_CASE("garbage and non-payload JSON are refused") {
    const std::string inputs[] = {
        "", "   ", "null", "42", "\"text\"", "[]", "[{\"generation\": 1}]", "{}", "{\"generation\": 1}",
        "{\"generation\": 1, \"sequence\": 2}", "{\"generation\": -1, \"sequence\": 2, \"records\": []}",
        "{\"generation\": 1, \"sequence\": 2, \"records\": {}}", "{\"generation\": 1, \"sequence\": 2, \"records\": [1]}",
        "{\"generation\": 1, \"sequence\": 2, \"records\": [{}]}", "{\"generation\": 1, \"sequence\": 2, \"records\": []} x",
        "{\"generation\": 1, \"sequence\": 2, \"records\": []}{}", std::string("{\0}", 3), "\xff\xfe{", "{\"a\":\"\\",
        "TIES\x00\x0d\x0a\x1a",
    };
    for (const std::string& input : inputs) {
        INFO(input);
        const Decoded decoded = decode(input);
        CHECK_FALSE(decoded.ok());
        CHECK_FALSE(to_string(decoded.error).empty());
    }
    CHECK(to_string(decode("[]").error) == "not Ties data (expected a JSON object)");
    CHECK(to_string(decode("").error) == "empty data");
    CHECK(decode("{\"generation\": 1, \"sequence\": 2, \"records\": []}").ok());

    std::mt19937 random(7);
    for (int trial = 0; trial < 500; ++trial) {
        std::string bytes(static_cast<std::size_t>(random() % 300), '\0');
        for (char& ch : bytes) ch = static_cast<char>(random() & 0xFF);
        if (trial % 2 == 0 && !bytes.empty()) bytes[0] = '{';
        CHECK_FALSE(decode(bytes).ok());
    }
}

TEST_CASE("random byte damage inside a valid payload never crashes") {
    const std::string json = encode(payload_of(test::rich_records()));
    std::mt19937 random(99);
    std::uniform_int_distribution<std::size_t> position(0, json.size() - 1);
    int refused = 0;
    for (int trial = 0; trial < 1500; ++trial) {
        std::string damaged = json;
        damaged[position(random)] = static_cast<char>(random() & 0xFF);
        const Decoded decoded = decode(damaged);
        if (!decoded.ok()) {
            ++refused;
            CHECK_FALSE(to_string(decoded.error).empty());
        }
    }
    CHECK(refused > 0);  // many changes inside strings are still valid data; that is the envelope's job
}

TEST_CASE("class version 2 fields: yearly dates and settings are checked on load") {
    const std::string contact_json = encode(payload_of({test::full_contact()}));
    CHECK(decode(contact_json).ok());
    auto error_of = [](const std::string& json) { return to_string(decode(json).error); };
    CHECK(error_of(replaced(contact_json, "\"--02-29\"", "\"--02-30\"")).find("invalid date \"--02-30\"") == 0);
    CHECK(error_of(replaced(contact_json, "\"2012-06-30\"", "\"0000-06-30\"")).find("invalid date") == 0);

    const std::string settings_json = encode(payload_of({test::full_settings()}));
    REQUIRE(decode(settings_json).ok());
    CHECK(std::get<Settings>(decode(settings_json).payload.records[0]).budget == Budget{1, 95, 4, 12});
    // One cadence too few (the second one removed: the first carries cereal's class version).
    const auto at = settings_json.find("\"cadences\": [");
    REQUIRE(at != std::string::npos);
    const auto first_end = settings_json.find("},", at);
    const auto second_end = settings_json.find("},", first_end + 2);
    REQUIRE(second_end != std::string::npos);
    const std::string short_list = settings_json.substr(0, first_end + 2) + settings_json.substr(second_end + 2);
    CHECK(error_of(short_list).find("settings hold 6 cadences, expected 7") != std::string::npos);
    CHECK(error_of(replaced(settings_json, "\"minutes_per_week\": 95", "\"minutes_per_week\": -5"))
              .find("negative budget") != std::string::npos);
}
