// X archive import on the sample data/ folder in tests/fixtures/x-archive, and on hand-made parts
// and broken files: contacts per follow, mutual flags, handles recovered from tweets, dated
// conversations, your own account left out, errors with the file and line.
#include "io/x_archive.hpp"

#include "io_fixtures.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ties;
using namespace ties::io;

namespace {

constexpr Millis kNow = 1'718'150'400'000;

std::string fixture(const std::string& name) {
    return test::read_bytes(std::filesystem::path(TIES_TEST_DATA) / "fixtures" / "x-archive" / "data" / name);
}

std::vector<NamedFile> sample_archive() {
    std::vector<NamedFile> files;
    for (const char* name : {"tweets.js", "follower.js", "account.js", "following.js"})
        files.push_back(NamedFile{std::string("data/") + name, fixture(name)});
    files.push_back(NamedFile{"data/manifest.js", "window.__THAR_CONFIG = {}"});  // not ours: ignored
    files.push_back(NamedFile{"data/tweets_media/photo.jpg", std::string("\xFF\xD8\xFF\xE0\0\x10JFIF", 10)});
    return files;
}

struct Setup {
    IdGenerator ids{5, 6};
    ImportContext context;

    Setup() {
        context.file_name = "twitter-2024.zip";
        context.ids = &ids;
        context.now = kNow;
    }
};

const Contact* by_id(const Imported& imported, Id id) {
    for (const Contact& c : imported.contacts)
        if (c.meta.id == id) return &c;
    return nullptr;
}

std::string error_of(const std::vector<NamedFile>& files) {
    Setup setup;
    const Imported imported = import_x_archive(files, setup.context);
    CHECK(imported.contacts.empty());
    CHECK(imported.interactions.empty());
    return imported.error ? imported.error->to_string() : std::string("(no error)");
}

std::string wrap(std::string_view name, std::string_view json, int part = 0) {
    return "window.YTD." + std::string(name) + ".part" + std::to_string(part) + " = " + std::string(json);
}

std::string follows(std::string_view kind, std::initializer_list<std::string_view> ids) {
    std::string json = "[";
    for (std::string_view id : ids) {
        if (json.size() > 1) json += ",\n";
        json += "{\"" + std::string(kind) + "\":{\"accountId\":\"" + std::string(id) +
                "\",\"userLink\":\"https://twitter.com/intent/user?user_id=" + std::string(id) + "\"}}";
    }
    return json + "]";
}

}  // namespace

TEST_CASE("x archive: the sample folder, contact by contact") {
    Setup setup;
    IdGenerator expected_ids{5, 6};
    const Imported imported = import_x_archive(sample_archive(), setup.context);
    REQUIRE_FALSE(imported.error.has_value());
    CHECK(imported.warnings.empty());
    REQUIRE(imported.contacts.size() == 4);

    const auto contact = [&](std::string name, Handle handle, std::vector<std::string> tags, std::string notes) {
        Contact c;
        c.meta.id = expected_ids.next();
        c.meta.created = kNow;
        c.meta.updated = kNow;
        c.origin = ContactOrigin::Imported;
        c.display_name = std::move(name);
        c.handles = {std::move(handle)};
        c.tags = std::move(tags);
        c.notes = std::move(notes);
        return c;
    };
    // following.js order, then the followers not followed back.
    CHECK(imported.contacts[0] ==
          contact("X account 2244994945", {HandleKind::X, "https://twitter.com/intent/user?user_id=2244994945"},
                  {"x-following"}, "On X (account 2244994945): you follow them."));
    CHECK(imported.contacts[1] == contact("Local Devs", {HandleKind::X, "@localdevs"},
                                          {"x-following", "x-follower", "x-mutual"},
                                          "On X (account 783214): you follow each other."));
    CHECK(imported.contacts[2] == contact("Mei Chen", {HandleKind::X, "@meichen_builds"}, {"x-following"},
                                          "On X (account 1500000000000000001): you follow them."));
    CHECK(imported.contacts[3] ==
          contact("X account 99887766", {HandleKind::X, "https://twitter.com/intent/user?user_id=99887766"},
                  {"x-follower"}, "On X (account 99887766): they follow you."));

    // The reply to @localdevs and the mention of @meichen_builds (@coffeeclub is no contact).
    REQUIRE(imported.interactions.size() == 2);
    Interaction reply;
    reply.meta.id = expected_ids.next();
    reply.meta.created = kNow;
    reply.meta.updated = kNow;
    reply.date = Date::from_ymd(2023, 11, 3);
    reply.kind = InteractionKind::OnlineConversation;
    reply.initiator = Initiator::Me;
    reply.participants = {imported.contacts[1].meta.id};
    reply.notes = "@localdevs see you at the tweetup on Thursday!";
    CHECK(imported.interactions[0] == reply);
    const Interaction& coffee = imported.interactions[1];
    CHECK(coffee.date == Date::from_ymd(2023, 11, 4));
    CHECK(coffee.participants == std::vector<Id>{imported.contacts[2].meta.id});
    CHECK(coffee.notes == "Great coffee with @meichen_builds today, thanks @coffeeclub");
    CHECK_FALSE(coffee.minute_of_day.has_value());
}

TEST_CASE("x archive: parts are read in order; names, handles and dates come from replies and mentions") {
    const std::string tweets1 = wrap("tweets", R"([
  {"tweet": {"created_at": "Wed Mar 13 23:30:00 -0200 2024",
             "full_text": "  @ada @bob @me_myself thoughts on Q &amp; A &lt;3  ",
             "in_reply_to_user_id_str": "1", "in_reply_to_screen_name": "ada",
             "entities": {"hashtags": [{"text": "x", "indices": [1, 2]}],
                          "user_mentions": [{"screen_name": "ada", "name": "Ada Okafor", "id_str": "1"},
                                            {"screen_name": "bob", "name": "Bob", "id_str": "2"},
                                            {"screen_name": "me_myself", "name": "Me", "id_str": "42"},
                                            {"screen_name": "stranger", "name": "Stranger", "id_str": "77"}]}}},
  {"tweet": {"created_at": "Thu Mar 14 08:00:00 +0000 2024", "full_text": "RT @dee: big news",
             "entities": {"user_mentions": [{"screen_name": "dee", "name": "Dee Dee", "id_str": "4"}]}}},
  {"tweet": {"created_at": "Thu Mar 14 09:00:00 +0000 2024", "full_text": "no one here",
             "entities": {"user_mentions": []}}}
])",
                                       1);
    // An older archive: records not wrapped in {"tweet": ...}; a reply without mention entities.
    const std::string tweets0 = wrap("tweets", R"([
  {"created_at": "Mon Jan 01 00:10:00 +0100 2024", "text": "@cy happy new year",
   "in_reply_to_user_id_str": "3", "in_reply_to_screen_name": "cy"}
])");
    const std::vector<NamedFile> files = {
        {"tweets-part1.js", tweets1},
        {"following-part1.js", wrap("following", follows("following", {"3", "2"}), 1)},
        {"tweets.js", tweets0},
        {"follower.js", wrap("follower", follows("follower", {"1", "42", "4"}))},
        {"following.js", wrap("following", follows("following", {"1"}))},
        {"account.js", wrap("account", R"([{"account": {"accountId": "42", "username": "me_myself"}}])")},
    };
    Setup setup;
    const Imported imported = import_x_archive(files, setup.context);
    REQUIRE_FALSE(imported.error.has_value());
    CHECK(imported.warnings.empty());
    REQUIRE(imported.contacts.size() == 4);  // 1, 3, 2, 4; 42 is you
    const Contact& ada = imported.contacts[0];
    const Contact& cy = imported.contacts[1];
    const Contact& bob = imported.contacts[2];
    const Contact& dee = imported.contacts[3];
    CHECK(ada.display_name == "Ada Okafor");
    CHECK(ada.handles == std::vector<Handle>{{HandleKind::X, "@ada"}});
    CHECK(ada.tags == std::vector<std::string>{"x-following", "x-follower", "x-mutual"});
    CHECK(cy.display_name == "@cy");  // only a reply names cy: a screen name, no name
    CHECK(cy.handles == std::vector<Handle>{{HandleKind::X, "@cy"}});
    CHECK(bob.display_name == "Bob");
    CHECK(bob.tags == std::vector<std::string>{"x-following"});
    CHECK(dee.display_name == "Dee Dee");  // a retweet teaches the name, but is no conversation
    CHECK(dee.handles == std::vector<Handle>{{HandleKind::X, "@dee"}});
    CHECK(dee.tags == std::vector<std::string>{"x-follower"});

    // tweets.js (part 0) first, then part 1; the retweet and the tweet with no contact give nothing.
    REQUIRE(imported.interactions.size() == 2);
    const Interaction& new_year = imported.interactions[0];
    CHECK(new_year.date == Date::from_ymd(2023, 12, 31));  // 00:10 at +0100 is 23:10 UTC the day before
    CHECK(new_year.participants == std::vector<Id>{cy.meta.id});
    CHECK(new_year.notes == "@cy happy new year");
    const Interaction& thread = imported.interactions[1];
    CHECK(thread.date == Date::from_ymd(2024, 3, 14));  // 23:30 at -0200 is 01:30 UTC the next day
    CHECK(thread.participants == std::vector<Id>{ada.meta.id, bob.meta.id});
    CHECK(thread.notes == "@ada @bob @me_myself thoughts on Q & A <3");
    CHECK(thread.kind == InteractionKind::OnlineConversation);
    CHECK(thread.initiator == Initiator::Me);
    for (const Interaction& i : imported.interactions)
        for (Id person : i.participants) CHECK(by_id(imported, person) != nullptr);
}

TEST_CASE("x archive: warnings for skipped records, with their lines") {
    const std::string following = wrap("following", "[\n{\"following\": {\"accountId\": \"1\"}},\n"
                                                    "{\"following\": {\"userLink\": \"x\"}},\n"
                                                    "17,\n"
                                                    "{\"following\": {\"accountId\": \"2\"}}\n]");
    const std::string tweets = wrap("tweets", "[\n{\"tweet\": {\"created_at\": \"yesterday\", \"full_text\": \"@a hi\",\n"
                                              "\"entities\": {\"user_mentions\": [{\"id_str\": \"1\"}]}}}\n]");
    Setup setup;
    const Imported imported =
        import_x_archive({{"following.js", following}, {"tweets.js", tweets}}, setup.context);
    REQUIRE_FALSE(imported.error.has_value());
    CHECK(imported.contacts.size() == 2);
    CHECK(imported.contacts[0].handles == std::vector<Handle>{{HandleKind::X, "https://twitter.com/intent/user?user_id=1"}});
    CHECK(imported.interactions.empty());
    std::vector<std::string> warnings;
    for (const Problem& m : imported.warnings) warnings.push_back(m.to_string());
    CHECK(warnings == std::vector<std::string>{
                          "following.js, line 3: an entry without a usable accountId was skipped",
                          "following.js, line 4: an entry without a usable accountId was skipped",
                          "tweets.js, line 2: a tweet with an unreadable date (\"yesterday\") was skipped",
                          "twitter-2024.zip: account.js is not among the files: your own account could not be recognised",
                      });
}

TEST_CASE("x archive: bad files give one error naming the file and the line") {
    CHECK(error_of({}) == "twitter-2024.zip: none of the files is from an X archive's data folder "
                          "(account.js, following.js, follower.js, tweets.js)");
    CHECK(error_of({{"like.js", "window.YTD.like.part0 = []"}}) ==
          "twitter-2024.zip: none of the files is from an X archive's data folder "
          "(account.js, following.js, follower.js, tweets.js)");
    CHECK(error_of({{"tweets.js", wrap("tweets", "[]")}}) ==
          "twitter-2024.zip: neither following.js nor follower.js is among the files: there is no one to import");
    CHECK(error_of({{"data/following.js", ""}}) == "data/following.js: the file is empty");
    CHECK(error_of({{"following.js", "[{\"following\": {}}]"}}) ==
          "following.js, line 1: not an X archive data file (it should begin with \"window.YTD.\" and \"=\")");
    CHECK(error_of({{"following.js", std::string("\x7F" "ELF\x02\x01\x01\0\0\0", 10)}}) ==
          "following.js, line 1: not an X archive data file (it should begin with \"window.YTD.\" and \"=\")");
    CHECK(error_of({{"following.js", "\n\nwindow.YTD.following.part0\n= []"}}) ==
          "following.js, line 3: not an X archive data file (it should begin with \"window.YTD.\" and \"=\")");

    // Broken JSON: the line and the byte where it breaks.
    const std::string missing_comma = "window.YTD.following.part0 = [\n  {\"following\": {\"accountId\": \"1\"}}\n"
                                      "  {\"following\": {\"accountId\": \"2\"}}\n]";
    CHECK(error_of({{"following.js", missing_comma}}) ==
          "following.js, line 3: broken JSON at byte " + std::to_string(missing_comma.find("  {\"following\": {\"accountId\": \"2") + 3) +
              " (Missing a comma or ']' after an array element)");
    const std::string truncated = wrap("following", "[{\"following\": {\"accountId\": \"1\"");
    CHECK(error_of({{"following.js", truncated}}) == "following.js, line 1: broken JSON at byte " +
                                                          std::to_string(truncated.size() + 1) +
                                                          " (Missing a comma or '}' after an object member)");
    CHECK(error_of({{"following.js", "window.YTD.following.part0 = "}}) ==
          "following.js, line 1: broken JSON at byte 30 (The document is empty)");
    CHECK(error_of({{"following.js", wrap("following", "{\"following\": []}")}}) ==
          "following.js, line 1: expected a list of records after \"=\" (at byte 30)");
    CHECK(error_of({{"following.js", wrap("following", "[] []")}}) ==
          "following.js, line 1: unexpected text after the list (at byte 33)");
    CHECK(error_of({{"following.js", wrap("following", "[\n" + std::string(100, '[') + std::string(100, ']') + "]")}}) ==
          "following.js, line 2: the JSON nests deeper than 64 levels (at byte 95)");
    // A trailing semicolon and a UTF-8 BOM are fine.
    Setup setup;
    const Imported ok = import_x_archive(
        {{"following.js", "\xEF\xBB\xBF" + wrap("following", follows("following", {"9"})) + ";\n"}}, setup.context);
    CHECK_FALSE(ok.error.has_value());
    CHECK(ok.contacts.size() == 1);
}

TEST_CASE("x archive: progress every 1000 records; false cancels with nothing imported") {
    std::string json = "[";
    for (int i = 0; i < 2500; ++i) {
        if (i > 0) json += ",";
        json += "{\"following\":{\"accountId\":\"" + std::to_string(1000 + i) + "\"}}";
    }
    json += "]";
    const std::vector<NamedFile> files = {{"following.js", wrap("following", json)}};
    Setup setup;
    int calls = 0;
    setup.context.progress = [&](double done) {
        CHECK(done >= 0.0);
        CHECK(done <= 1.0);
        ++calls;
        return true;
    };
    CHECK(import_x_archive(files, setup.context).contacts.size() == 2500);
    CHECK(calls == 3);

    setup.context.progress = [&](double done) { return done < 0.5; };
    const Imported cancelled = import_x_archive(files, setup.context);
    CHECK(cancelled.cancelled);
    CHECK(cancelled.contacts.empty());
    CHECK(cancelled.warnings.empty());
    CHECK_FALSE(cancelled.error.has_value());
}
