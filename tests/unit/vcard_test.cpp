#include "io/vcard.hpp"

#include "io/import_files.hpp"

#include "core/text.hpp"
#include "core/utf8.hpp"
#include "io_fixtures.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ties;
using namespace ties::io;

namespace {

constexpr Millis kNow = 1'710'000'000'000;

std::string fixture(const std::string& name) { return test::read_bytes(std::string(TIES_TEST_DATA) + "/fixtures/vcard/" + name); }

struct Reader {
    IdGenerator ids{7, 11};
    Imported read(std::string_view bytes, Progress progress = {}) {
        const ImportContext context{"contacts.vcf", &ids, kNow, std::move(progress)};
        return import_vcard(bytes, context);
    }
};

Imported read(std::string_view bytes) { return Reader().read(bytes); }

// A card from lines joined with CRLF.
std::string card(const std::vector<std::string>& lines) {
    std::string out = "BEGIN:VCARD\r\nVERSION:3.0\r\n";
    for (const std::string& line : lines) out += line + "\r\n";
    return out + "END:VCARD\r\n";
}

Handle handle(HandleKind kind, std::string value) { return Handle{kind, std::move(value)}; }

std::vector<std::string> messages(const Imported& imported) {
    std::vector<std::string> out;
    for (const Problem& m : imported.warnings) out.push_back(m.to_string());
    return out;
}

// What vCard holds of a contact: the rest cleared, and an empty display name read as its label.
Contact vcard_fields(Contact c) {
    c.meta = RecordMeta{};
    if (trim(c.display_name).empty()) c.display_name = contact_label(c);
    c.origin = ContactOrigin::Imported;                         // what an import brings in is imported
    c.tier = Tier::None;
    c.cadence_days.reset();
    c.cadence_max_days.reset();
    c.how_met.clear();
    c.first_met.reset();
    c.introduced_by.reset();
    c.met_at.reset();
    c.archived = false;
    c.snoozed_until.reset();
    return c;
}

}  // namespace

TEST_CASE("vcard: Gmail-style 3.0 sample (shared fixture)") {
    const Imported r = read(fixture("contacts-v3.vcf"));
    REQUIRE_FALSE(r.error);
    CHECK(r.warnings.empty());
    REQUIRE(r.contacts.size() == 2);
    const Contact& ada = r.contacts[0];
    CHECK(ada.display_name == "Ada Okafor");
    CHECK(ada.family_name == "Okafor");
    CHECK(ada.given_name == "Ada");
    CHECK(ada.company == "Northwind Traders");
    CHECK(ada.title == "Head of Partnerships");
    CHECK(values_of(ada.emails) == std::vector<std::string>{"ada@northwind.example"});
    CHECK(values_of(ada.phones) == std::vector<std::string>{"+1 555 0100"});
    CHECK(ada.handles == std::vector<Handle>{handle(HandleKind::X, "https://twitter.com/ada_ok"),
                                             handle(HandleKind::LinkedIn, "https://www.linkedin.com/in/ada-okafor-1a2b3c")});
    CHECK(ada.tags == std::vector<std::string>{"Conference", "Partners"});
    CHECK(ada.notes == "Met at the F5 Expo keynote. Talked about weak ties, Gladwell and coffee meetups.\nFollow up in spring.");
    CHECK(ada.birthday == PartialDate{1990, 2, 11});
    CHECK_FALSE(ada.anniversary);
    const Contact& bjorn = r.contacts[1];
    CHECK(bjorn.display_name == "Björn Lindqvist");
    CHECK(bjorn.given_name == "Björn");
    CHECK(values_of(bjorn.emails) == std::vector<std::string>{"bjorn@example.se"});
    CHECK(bjorn.city == "Stockholm");
    CHECK(bjorn.region.empty());
    CHECK(bjorn.country == "Sweden");
    CHECK(bjorn.handles.empty());
}

TEST_CASE("vcard: 4.0 sample with LF line ends (shared fixture)") {
    const Imported r = read(fixture("mei-v4.vcf"));
    REQUIRE_FALSE(r.error);
    CHECK(messages(r) == std::vector<std::string>{"contacts.vcf: 1 field Ties does not keep: RELATED."});
    REQUIRE(r.contacts.size() == 1);
    const Contact& mei = r.contacts[0];
    CHECK(mei.display_name == "Mei Chen");
    CHECK(mei.family_name == "Chen");
    CHECK(mei.given_name == "Mei");
    CHECK(mei.company == "Tiny Robots");
    CHECK(mei.title == "Founder & CEO");
    CHECK(values_of(mei.emails) == std::vector<std::string>{"mei@tinyrobots.example"});
    CHECK(mei.handles == std::vector<Handle>{handle(HandleKind::Other, "xmpp:mei@tinyrobots.example"),
                                             handle(HandleKind::X, "https://x.com/meichen_builds")});
    CHECK(mei.anniversary == PartialDate{2021, 2, 28});
    CHECK_FALSE(mei.birthday);
}

TEST_CASE("vcard: Outlook 2.1 sample with a quoted-printable soft line break (shared fixture)") {
    const Imported r = read(fixture("outlook-2.1.vcf"));
    REQUIRE_FALSE(r.error);
    CHECK(r.warnings.empty());
    REQUIRE(r.contacts.size() == 1);
    const Contact& priya = r.contacts[0];
    CHECK(priya.display_name == "Priya Raman");
    CHECK(priya.family_name == "Raman");
    CHECK(priya.given_name == "Priya");
    CHECK(priya.company == "Acme Robotics");
    CHECK(values_of(priya.phones) == std::vector<std::string>{"+44 7700 900123"});
    CHECK(values_of(priya.emails) == std::vector<std::string>{"priya@acme.example"});
    CHECK(priya.notes == "First line\nSecond line with café");
}

TEST_CASE("vcard: iPhone 3.0 with item groups, X-ABLabel, X-SOCIALPROFILE and a photo") {
    const Imported r = read(fixture("iphone.vcf"));
    REQUIRE_FALSE(r.error);
    CHECK(messages(r) == std::vector<std::string>{"contacts.vcf: Photos are not imported (1 card had one)."});
    REQUIRE(r.contacts.size() == 2);
    const Contact& hiro = r.contacts[0];
    CHECK(hiro.display_name == "Hiro Nakamura");
    CHECK(hiro.family_name == "Nakamura");
    CHECK(hiro.given_name == "Hiro");
    CHECK(hiro.nickname == "Hiro");
    CHECK(hiro.company == "Yamagata Industries");
    CHECK(hiro.title == "Researcher");
    CHECK(values_of(hiro.emails) == std::vector<std::string>{"hiro@yamagata.example", "hiro.n@mail.example"});
    CHECK(values_of(hiro.phones) == std::vector<std::string>{"+81 90-5555-0101", "+81 3-5555-0100"});
    CHECK(hiro.city == "Shibuya-ku");
    CHECK(hiro.region == "Tokyo");
    CHECK(hiro.country == "Japan");
    CHECK(hiro.handles == std::vector<Handle>{handle(HandleKind::Website, "https://hiro.example"),
                                              handle(HandleKind::Mastodon, "https://mastodon.social/@hiro"),
                                              handle(HandleKind::GitHub, "hiro-n-gh"),
                                              handle(HandleKind::X, "hiro_n"),
                                              handle(HandleKind::LinkedIn, "hiro-nakamura"),
                                              handle(HandleKind::Other, "Facebook: hiro.nakamura")});
    CHECK(hiro.birthday == PartialDate{0, 2, 29});  // X-APPLE-OMIT-YEAR=1604
    CHECK(hiro.anniversary == PartialDate{2012, 9, 1});
    CHECK(hiro.notes == "Met at the Tokyo tweetup.\nLoves ramen, trains; and maps.");
    CHECK(hiro.tags.empty());
    const Contact& cafe = r.contacts[1];
    CHECK(cafe.display_name == "Blue Bottle Coffee");
    CHECK(cafe.company == "Blue Bottle Coffee");
    CHECK(cafe.given_name.empty());
    CHECK(values_of(cafe.phones) == std::vector<std::string>{"+1 510-555-0134"});
}

TEST_CASE("vcard: Android 2.1 with QUOTED-PRINTABLE UTF-8, soft breaks inside a character, X-ANDROID-CUSTOM") {
    const Imported r = read(fixture("android.vcf"));
    REQUIRE_FALSE(r.error);
    CHECK(messages(r) == std::vector<std::string>{"contacts.vcf: Photos are not imported (1 card had one)."});
    REQUIRE(r.contacts.size() == 2);
    const Contact& emre = r.contacts[0];
    CHECK(emre.display_name == "Emre Öztürk");
    CHECK(emre.family_name == "Öztürk");
    CHECK(emre.given_name == "Emre");
    CHECK(emre.nickname == "Emo");
    CHECK(values_of(emre.phones) == std::vector<std::string>{"+90 555 123 45 67", "+90 212 555 00 00"});
    CHECK(values_of(emre.emails) == std::vector<std::string>{"emre@example.com.tr"});
    CHECK(emre.city == "İstanbul");
    CHECK(emre.country == "Türkiye");
    CHECK(emre.company == "Kaçak Yazılım");
    CHECK(emre.title == "CTO");
    CHECK(emre.handles == std::vector<Handle>{handle(HandleKind::GitHub, "https://github.com/emreozturk")});
    CHECK(emre.notes == "İstanbul meetup\nÇay & simit, uzun bir not satırı bölündü");
    CHECK(emre.birthday == PartialDate{1987, 4, 12});
    CHECK(emre.anniversary == PartialDate{2014, 6, 21});
    // No name at all, but an e-mail: kept, and labelled by it.
    const Contact& courier = r.contacts[1];
    CHECK(courier.display_name.empty());
    CHECK(values_of(courier.emails) == std::vector<std::string>{"noreply@delivery.example"});
    CHECK(contact_label(courier) == "noreply@delivery.example");
}

TEST_CASE("vcard: Gmail 3.0 with escaped colons, X-ABDATE anniversary, system groups dropped") {
    const Imported r = read(fixture("gmail.vcf"));
    REQUIRE_FALSE(r.error);
    REQUIRE(r.contacts.size() == 2);
    const Contact& sam = r.contacts[0];
    CHECK(sam.display_name == "Sam Park");
    CHECK(sam.nickname == "Sammy");
    CHECK(values_of(sam.emails) == std::vector<std::string>{"sam@example.com", "sam.park@work.example"});
    CHECK(values_of(sam.phones) == std::vector<std::string>{"+1 415-555-0199"});
    CHECK(sam.city == "San Francisco");
    CHECK(sam.region == "CA");
    CHECK(sam.country == "US");
    CHECK(sam.company == "Work Co");
    CHECK(sam.title == "Staff Engineer");
    CHECK(sam.birthday == PartialDate{0, 7, 14});
    CHECK(sam.anniversary == PartialDate{2016, 2, 29});
    CHECK(sam.handles == std::vector<Handle>{handle(HandleKind::GitHub, "https://github.com/sampark"),
                                             handle(HandleKind::Bluesky, "https://bsky.app/profile/sampark.bsky.social")});
    CHECK(sam.notes == "Climbing partner, Tuesdays.");
    CHECK(sam.tags == std::vector<std::string>{"Climbing"});
    const Contact& ana = r.contacts[1];
    CHECK(ana.display_name == "Ana Lima");
    CHECK_FALSE(ana.birthday);
    CHECK(ana.tags.empty());
    CHECK(messages(r) == std::vector<std::string>{"contacts.vcf, line 28: BDAY \"1990-02-30\" is not a date; skipped"});
}

TEST_CASE("vcard: Outlook 2.1 in Windows-1252 without CHARSET, with a card picture") {
    const Imported r = read(fixture("outlook-2016.vcf"));
    REQUIRE_FALSE(r.error);
    REQUIRE(r.contacts.size() == 1);
    const Contact& jose = r.contacts[0];
    CHECK(jose.display_name == "José Müller");
    CHECK(jose.family_name == "Müller");
    CHECK(jose.given_name == "José");
    CHECK(jose.company == "Bäckerei Müller GmbH");
    CHECK(jose.title == "Geschäftsführer");
    CHECK(values_of(jose.phones) == std::vector<std::string>{"+49 30 5550100", "+49 151 5550199"});
    CHECK(jose.city == "Berlin");
    CHECK(jose.region == "Berlin");
    CHECK(jose.country == "Deutschland");
    CHECK(values_of(jose.emails) == std::vector<std::string>{"jose@baeckerei-mueller.example"});
    CHECK(jose.handles == std::vector<Handle>{handle(HandleKind::Website, "http://www.baeckerei-mueller.example")});
    CHECK(jose.birthday == PartialDate{1970, 1, 15});
    CHECK(jose.anniversary == PartialDate{1995, 5, 20});
    CHECK(jose.notes == "Preis: 5 € pro Brötchen – “beste” Qualität");
    REQUIRE(r.warnings.size() == 2);
    CHECK(r.warnings[0].line == 3);
    CHECK(r.warnings[0].text.find("not UTF-8") != std::string::npos);
    CHECK(r.warnings[1].to_string() == "contacts.vcf: Photos are not imported (1 card had one).");
}

TEST_CASE("vcard: Thunderbird 4.0 with VALUE parameters, tel: URIs, a company card and a group") {
    const Imported r = read(fixture("thunderbird.vcf"));
    REQUIRE_FALSE(r.error);
    REQUIRE(r.contacts.size() == 2);
    const Contact& lena = r.contacts[0];
    CHECK(lena.display_name == "Lena Schmidt");
    CHECK(lena.family_name == "Schmidt");
    CHECK(lena.given_name == "Lena");
    CHECK(lena.nickname == "Lenny");
    CHECK(values_of(lena.emails) == std::vector<std::string>{"lena@example.de", "lena.schmidt@firma.example"});
    CHECK(values_of(lena.phones) == std::vector<std::string>{"+49 151 5550123", "+49-30-5550100"});
    CHECK(lena.notes == "Sprache: Deutsch, Englisch\nMag Kaffee; kein Tee.");
    CHECK(lena.company == "Firma GmbH");
    CHECK(lena.title == "Entwicklerin");
    CHECK(lena.birthday == PartialDate{1987, 4, 12});
    CHECK(lena.anniversary == PartialDate{0, 6, 21});
    CHECK(lena.city == "München");
    CHECK(lena.region == "Bayern");
    CHECK(lena.country == "Deutschland");
    CHECK(lena.handles == std::vector<Handle>{handle(HandleKind::Website, "https://lena.example"),
                                              handle(HandleKind::Bluesky, "https://bsky.app/profile/lena.example"),
                                              handle(HandleKind::Other, "xmpp:lena@jabber.example")});
    CHECK(lena.tags == std::vector<std::string>{"Kunden", "Freunde"});
    const Contact& utility = r.contacts[1];
    CHECK(utility.display_name == "Stadtwerke München");  // no name: the company
    CHECK(utility.company == "Stadtwerke München");
    CHECK(messages(r) == std::vector<std::string>{"contacts.vcf, line 30: a contact group (KIND:group), not a person; skipped"});
}

TEST_CASE("vcard: Evolution 3.0 with X-EVOLUTION fields") {
    const Imported r = read(fixture("evolution.vcf"));
    REQUIRE_FALSE(r.error);
    CHECK(r.warnings.empty());
    REQUIRE(r.contacts.size() == 1);
    const Contact& claire = r.contacts[0];
    CHECK(claire.display_name == "Claire Dubois");
    CHECK(claire.title == "Maîtresse de conférences");  // TITLE wins over ROLE
    CHECK(claire.nickname.empty());
    CHECK(claire.birthday == PartialDate{1979, 11, 2});
    CHECK(claire.anniversary == PartialDate{2005, 8, 20});
    CHECK(claire.notes == "Club de lecture, le jeudi.");
    CHECK(claire.tags == std::vector<std::string>{"Work", "Book club"});
    CHECK(claire.city == "Paris");
    CHECK(claire.region == "Île-de-France");
    CHECK(claire.country == "France");
    CHECK(values_of(claire.phones) == std::vector<std::string>{"+33 6 12 34 56 78", "+33 1 44 55 66 77"});
    CHECK(values_of(claire.emails) == std::vector<std::string>{"claire@example.fr", "c.dubois@univ.example.fr"});
    CHECK(claire.company == "Université Exemple");
    CHECK(claire.handles == std::vector<Handle>{handle(HandleKind::Website, "https://claire.example.org"),
                                                handle(HandleKind::Website, "https://claire.example.org/blog"),
                                                handle(HandleKind::X, "claire_d"),
                                                handle(HandleKind::Other, "xmpp:claire@jabber.example.fr")});
}

TEST_CASE("vcard: new contacts get ids from the generator and times from now") {
    Reader reader;
    const Imported r = reader.read(fixture("contacts-v3.vcf"));
    REQUIRE(r.contacts.size() == 2);
    IdGenerator expected{7, 11};
    for (const Contact& c : r.contacts) {
        CHECK(c.meta.id == expected.next());
        CHECK(c.meta.created == kNow);
        CHECK(c.meta.updated == kNow);
        CHECK_FALSE(c.meta.deleted);
    }
    CHECK(r.interactions.empty());
    CHECK_FALSE(r.cancelled);
}

TEST_CASE("vcard: folding with CRLF or LF and a space or tab, also inside a UTF-8 character") {
    const std::string text = "BEGIN:VCARD\nVERSION:4.0\nFN:Zo\xC3\n \xAB Ø\n\tdegaard\r\nNOTE:one\r\n  two\n\t three\nEND:VCARD\n";
    const Imported r = read(text);
    REQUIRE(r.contacts.size() == 1);
    CHECK(r.contacts[0].display_name == "Zoë Ødegaard");
    CHECK(r.contacts[0].notes == "one two three");
    CHECK(r.warnings.empty());
}

TEST_CASE("vcard: lines may end in CR alone") {
    const Imported r = read("BEGIN:VCARD\rVERSION:3.0\rFN:Old Mac\rEMAIL:old@mac.example\rEND:VCARD\r");
    REQUIRE(r.contacts.size() == 1);
    CHECK(r.contacts[0].display_name == "Old Mac");
    CHECK(values_of(r.contacts[0].emails) == std::vector<std::string>{"old@mac.example"});
}

TEST_CASE("vcard: quoted-printable: escapes, soft breaks, bare parameters and stray equals signs") {
    const std::string text = "BEGIN:VCARD\r\nVERSION:2.1\r\n"
                             "FN;QUOTED-PRINTABLE;CHARSET=UTF-8:J=C3=BCrgen=\r\n Weiss\r\n"
                             "NOTE;ENCODING=QUOTED-PRINTABLE:a=3Db =ZZ 100%=\r\n=0D=0Anext=\r\n"
                             "END:VCARD\r\n";
    const Imported r = read(text);
    REQUIRE(r.contacts.size() == 1);
    CHECK(r.contacts[0].display_name == "Jürgen Weiss");  // a soft break keeps the next line's space
    CHECK(r.contacts[0].notes == "a=b =ZZ 100%\nnext");
}

TEST_CASE("vcard: charsets: ISO-8859-1, Windows-1252, unsupported ones and raw bytes that are not UTF-8") {
    SUBCASE("ISO-8859-1 in quoted-printable and raw") {
        const Imported r = read(card({"FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Ren=E9e Dupr=E9",
                                      "ORG;CHARSET=iso-8859-1:Caf\xE9 du Nord"}));
        REQUIRE(r.contacts.size() == 1);
        CHECK(r.contacts[0].display_name == "Renée Dupré");
        CHECK(r.contacts[0].company == "Café du Nord");
        CHECK(r.warnings.empty());
    }
    SUBCASE("Windows-1252 even where the bytes would pass for UTF-8") {
        const Imported r = read(card({"FN;CHARSET=windows-1252:\x80 \xC3\xA9 \x93quoted\x94"}));
        REQUIRE(r.contacts.size() == 1);
        CHECK(r.contacts[0].display_name == "€ Ã© “quoted”");
        CHECK(r.warnings.empty());
    }
    SUBCASE("an unsupported charset: UTF-8 as is, else Windows-1252 with a warning") {
        const Imported r = read(card({"FN;CHARSET=SHIFT_JIS:Plain name", "NOTE;CHARSET=SHIFT_JIS:\x82\xA0"}));
        REQUIRE(r.contacts.size() == 1);
        CHECK(r.contacts[0].display_name == "Plain name");
        CHECK(r.contacts[0].notes == "\xE2\x80\x9A\xC2\xA0");  // U+201A, no-break space
        CHECK(messages(r) == std::vector<std::string>{
                                 "contacts.vcf, line 4: CHARSET=SHIFT_JIS is not supported: read as Windows-1252"});
    }
    SUBCASE("no charset and not UTF-8: Windows-1252, one warning naming the first line") {
        const Imported r = read(card({"FN:Ren\xE9\x65", "NOTE:na\xEFve"}) + card({"FN:Zo\xEB"}));
        REQUIRE(r.contacts.size() == 2);
        CHECK(r.contacts[0].display_name == "Renée");
        CHECK(r.contacts[0].notes == "naïve");
        CHECK(r.contacts[1].display_name == "Zoë");
        REQUIRE(r.warnings.size() == 1);
        CHECK(r.warnings[0].line == 3);
    }
}

TEST_CASE("vcard: UTF-16 files, a UTF-8 BOM and NUL characters") {
    const std::string utf8 = card({"FN:Zoë Ødegaard", "EMAIL:zoe@example.no"});
    std::string le = "\xFF\xFE";
    std::string be_bare;
    for (char32_t c : decode_utf8(utf8)) {
        le += static_cast<char>(c & 0xFF);
        le += static_cast<char>(c >> 8);
        be_bare += static_cast<char>(c >> 8);
        be_bare += static_cast<char>(c & 0xFF);
    }
    for (const std::string& bytes : {le, be_bare, "\xEF\xBB\xBF" + utf8}) {
        const Imported r = read(bytes);
        REQUIRE(r.contacts.size() == 1);
        CHECK(r.contacts[0].display_name == "Zoë Ødegaard");
        CHECK(r.warnings.empty());
    }
    std::string with_nuls = card({std::string("FN:Ada") + '\0' + " Lovelace", "EMAIL:ada@example.org"});
    with_nuls.insert(3, 1, '\0');  // BEG\0IN:VCARD
    const Imported r = read(with_nuls);
    REQUIRE(r.contacts.size() == 1);
    CHECK(r.contacts[0].display_name == "Ada Lovelace");
}

TEST_CASE("vcard: escapes") {
    const Imported r = read(card({"FN:Smith\\, Jones \\; Partners", "N:O\\;Brien;Se\\,an;;;",
                                  "NOTE:back\\\\slash\\nnew\\Nline tab\there \\x kept \\: colon \\\"quoted\\\"",
                                  "ORG:Acme\\, Inc.;Sales\\;Marketing", "TITLE:trailing backslash\\"}));
    REQUIRE(r.contacts.size() == 1);
    const Contact& c = r.contacts[0];
    CHECK(c.display_name == "Smith, Jones ; Partners");
    CHECK(c.family_name == "O;Brien");
    CHECK(c.given_name == "Se,an");
    CHECK(c.notes == "back\\slash\nnew\nline tab\there x kept : colon \"quoted\"");  // unknown escapes: the character
    CHECK(c.company == "Acme, Inc.");
    CHECK(c.title == "trailing backslash\\");
}

TEST_CASE("vcard: lists inside N and ADR components; vCard 2.1 keeps commas") {
    const Imported r = read(card({"N:Stevenson;John,Philip;Paul;Dr.;Jr.", "ADR:;;1 Main St;Springfield,Shelbyville;OR;;USA"}) +
                            "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Raman;Priya, Dr\r\nCATEGORIES:a;b,c\r\nEND:VCARD\r\n");
    REQUIRE(r.contacts.size() == 2);
    CHECK(r.contacts[0].family_name == "Stevenson");
    CHECK(r.contacts[0].given_name == "John Philip");
    CHECK(r.contacts[0].city == "Springfield, Shelbyville");
    CHECK(r.contacts[1].given_name == "Priya, Dr");
    CHECK(r.contacts[1].tags == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("vcard: item groups and labels name the service of a URL") {
    const Imported r = read(card({"FN:Linked Person", "item1.URL:ada_ok", "item1.X-ABLabel:Twitter",
                                  "ITEM2.url:https://nitter.example/ada", "item2.X-ABLabel:X (Twitter)",
                                  "item3.URL:https://ada.dev", "item3.X-ABLabel:_$!<HomePage>!$_",
                                  "item4.URL:https://github.com/ada", "item4.X-ABLabel:Blog",
                                  "URL;TYPE=mastodon:https://social.example/users/ada",
                                  "URL:https://hachyderm.io/@ada", "URL:https://medium.com/@ada", "URL:@ada@fosstodon.org",
                                  "URL:https://uk.linkedin.com/in/ada", "URL:https://www.linkedin.com/company/acme",
                                  "URL:https://twitter.com/ada_ok", "URL:www.example.org", "IMPP;X-SERVICE-TYPE=Skype:skype:ada.l"}));
    REQUIRE(r.contacts.size() == 1);
    CHECK(r.contacts[0].handles ==
          std::vector<Handle>{handle(HandleKind::X, "ada_ok"), handle(HandleKind::X, "https://nitter.example/ada"),
                              handle(HandleKind::Website, "https://ada.dev"), handle(HandleKind::GitHub, "https://github.com/ada"),
                              handle(HandleKind::Mastodon, "https://social.example/users/ada"),
                              handle(HandleKind::Mastodon, "https://hachyderm.io/@ada"),
                              handle(HandleKind::Website, "https://medium.com/@ada"),
                              handle(HandleKind::Mastodon, "@ada@fosstodon.org"),
                              handle(HandleKind::LinkedIn, "https://uk.linkedin.com/in/ada"),
                              handle(HandleKind::Website, "https://www.linkedin.com/company/acme"),
                              handle(HandleKind::X, "https://twitter.com/ada_ok"), handle(HandleKind::Website, "www.example.org"),
                              handle(HandleKind::Other, "skype:ada.l")});
}

TEST_CASE("vcard: embedded photos and keys are skipped without a copy; overlong lines with a warning") {
    SUBCASE("a 6 MB folded photo") {
        std::string photo = "PHOTO;ENCODING=b;TYPE=JPEG:";
        for (int i = 0; i < 80'000; ++i) photo += "/9j/4AAQSkZJRgABAQAASABIAAD/4QBMRXhpZgAATU0AKgAAAAgAAYdpAAQAAAABAAAAGgAA\r\n ";
        photo += "AA==";
        const Imported r = read(card({"FN:Pictured", photo, "KEY;ENCODING=b:MIICajCCAdOgAwIBAgICBEUwDQYJKoZIhvcN", "EMAIL:p@example.org"}));
        REQUIRE(r.contacts.size() == 1);
        CHECK(r.contacts[0].display_name == "Pictured");
        CHECK(values_of(r.contacts[0].emails) == std::vector<std::string>{"p@example.org"});
        CHECK(r.contacts[0].notes.empty());
        CHECK(messages(r) == std::vector<std::string>{"contacts.vcf: Photos are not imported (1 card had one).",
                                                      "contacts.vcf: 1 field Ties does not keep: KEY."});
    }
    SUBCASE("vCard 2.1 photo data without indentation, ended by a blank line") {
        const Imported r = read("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Old Phone\r\nPHOTO;ENCODING=BASE64;JPEG:/9j/4AAQ\r\n"
                                "SkZJRgABAQAASABIAAD\r\n4QBMRXhpZgAATU0A==\r\n\r\nTEL:+1 555 0100\r\nEND:VCARD\r\n");
        REQUIRE(r.contacts.size() == 1);
        CHECK(values_of(r.contacts[0].phones) == std::vector<std::string>{"+1 555 0100"});
        CHECK(messages(r) == std::vector<std::string>{"contacts.vcf: Photos are not imported (1 card had one)."});
    }
    SUBCASE("a note longer than 1 MB, unfolded or folded") {
        const std::string big(1'100'000, 'x');
        std::string folded = "NOTE:";
        for (int i = 0; i < 20'000; ++i) folded += std::string(70, 'y') + "\r\n ";
        const Imported r = read(card({"FN:Long Notes", "NOTE:" + big, "TITLE:Kept", folded, "EMAIL:l@example.org"}));
        REQUIRE(r.contacts.size() == 1);
        CHECK(r.contacts[0].notes.empty());
        CHECK(r.contacts[0].title == "Kept");
        CHECK(values_of(r.contacts[0].emails) == std::vector<std::string>{"l@example.org"});
        CHECK(messages(r) == std::vector<std::string>{"contacts.vcf, line 4: a line longer than 1 MB (\"NOTE\"); skipped",
                                                      "contacts.vcf, line 6: a line longer than 1 MB (\"NOTE\"); skipped"});
    }
}

TEST_CASE("vcard: categories become tags, trimmed and without duplicates") {
    const Imported r = read(card({"FN:Tagged", "CATEGORIES: rust , design,,rust", "CATEGORIES:c\\,sharp,Design"}));
    REQUIRE(r.contacts.size() == 1);
    CHECK(r.contacts[0].tags == std::vector<std::string>{"rust", "design", "c,sharp", "Design"});
}

TEST_CASE("vcard: dates") {
    const auto birthday = [](const std::string& line) -> std::optional<PartialDate> {
        const Imported r = read(card({"FN:Dated", line}));
        REQUIRE(r.contacts.size() == 1);
        return r.contacts[0].birthday;
    };
    CHECK(birthday("BDAY:19900211") == PartialDate{1990, 2, 11});
    CHECK(birthday("BDAY:1990-02-11") == PartialDate{1990, 2, 11});
    CHECK(birthday("BDAY:--0211") == PartialDate{0, 2, 11});
    CHECK(birthday("BDAY:--02-11") == PartialDate{0, 2, 11});
    CHECK(birthday("BDAY:1990-02-11T00:00:00Z") == PartialDate{1990, 2, 11});
    CHECK(birthday("BDAY:19900211T120000") == PartialDate{1990, 2, 11});
    CHECK(birthday("BDAY;VALUE=date:19900211") == PartialDate{1990, 2, 11});
    CHECK(birthday("BDAY:--0229") == PartialDate{0, 2, 29});
    CHECK(birthday("BDAY:1988-02-29") == PartialDate{1988, 2, 29});
    CHECK(birthday("BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29") == PartialDate{0, 2, 29});
    CHECK(birthday("BDAY;X-APPLE-OMIT-YEAR=1604:1985-02-28") == PartialDate{1985, 2, 28});
    CHECK_FALSE(birthday("BDAY:1990-02-29"));
    CHECK_FALSE(birthday("BDAY:1985"));
    CHECK_FALSE(birthday("BDAY:---11"));
    CHECK_FALSE(birthday("BDAY;VALUE=text:circa 1800"));

    const Imported r = read(card({"FN:Dated", "BDAY:1990-02-29", "ANNIVERSARY:--1301", "X-ANNIVERSARY:20100612"}));
    REQUIRE(r.contacts.size() == 1);
    CHECK(r.contacts[0].anniversary == PartialDate{2010, 6, 12});  // the first valid one
    CHECK(messages(r) == std::vector<std::string>{"contacts.vcf, line 4: BDAY \"1990-02-29\" is not a date; skipped",
                                                  "contacts.vcf, line 5: ANNIVERSARY \"--1301\" is not a date; skipped"});
}

TEST_CASE("vcard: bad input: empty, binary, not a vCard, too large") {
    SUBCASE("empty") {
        const Imported r = read("");
        REQUIRE(r.error);
        CHECK(r.error->to_string() == "contacts.vcf: empty file");
        CHECK(r.contacts.empty());
        CHECK(read(" \r\n\r\n\t\n").error->text == "empty file");
    }
    SUBCASE("binary") {
        const Imported png = read(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20));
        REQUIRE(png.error);
        CHECK(png.error->to_string() == "contacts.vcf, line 1: not a vCard file: it is a PNG image");
        std::string noise;
        for (int i = 0; i < 3000; ++i) noise += static_cast<char>((i * 7919) % 256);
        const Imported random = read(noise);
        REQUIRE(random.error);
        CHECK(random.error->text.rfind("not a vCard file: ", 0) == 0);
        CHECK(random.contacts.empty());
        CHECK(read(std::string("PK\x03\x04\x14\0\0\0", 8)).error->text == "not a vCard file: it is a ZIP archive (unzip it first)");
    }
    SUBCASE("text that is not a vCard") {
        const Imported r = read("\r\nName,E-mail\r\nAda,ada@example.org\r\n");
        REQUIRE(r.error);
        CHECK(r.error->to_string() ==
              "contacts.vcf, line 2: not a vCard file: there is no BEGIN:VCARD (it starts with \"Name,E-mail\")");
    }
    SUBCASE("over the size limit, refused before reading a byte") {
        const std::string small(16, 'x');
        // Only the size is looked at: the view is never read past its first 16 bytes.
        const Imported r = read(std::string_view(small.data(), kMaxImportBytes + 1));
        REQUIRE(r.error);
        CHECK(r.error->text == "the file is 257 MB; files up to 256 MB can be imported");
    }
}

TEST_CASE("vcard: truncated and malformed cards") {
    SUBCASE("cut short: the complete cards are imported, the last one is named") {
        const std::string text = card({"FN:First", "EMAIL:first@example.org"}) + card({"FN:Second"}) +
                                 "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Thi";
        const Imported r = read(text);
        REQUIRE_FALSE(r.error);
        REQUIRE(r.contacts.size() == 2);
        CHECK(r.contacts[1].display_name == "Second");
        CHECK(messages(r) == std::vector<std::string>{
                                 "contacts.vcf, line 10: a card without END:VCARD (the file ends inside it); skipped"});
    }
    SUBCASE("a missing END:VCARD before the next card") {
        const Imported r = read("BEGIN:VCARD\r\nFN:One\r\nBEGIN:VCARD\r\nFN:Two\r\nEND:VCARD\r\nEND:VCARD\r\n");
        REQUIRE(r.contacts.size() == 2);
        CHECK(messages(r) == std::vector<std::string>{
                                 "contacts.vcf, line 1: a card without END:VCARD; read up to the BEGIN:VCARD on line 3",
                                 "contacts.vcf, line 6: END:VCARD without BEGIN:VCARD; ignored"});
    }
    SUBCASE("a vCard 2.1 AGENT card inside a card is read past") {
        const Imported r = read("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Boss\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\n"
                                "FN:Assistant\r\nEND:VCARD\r\nEMAIL:boss@example.org\r\nEND:VCARD\r\n");
        REQUIRE(r.contacts.size() == 1);
        CHECK(r.contacts[0].display_name == "Boss");
        CHECK(values_of(r.contacts[0].emails) == std::vector<std::string>{"boss@example.org"});
        CHECK(r.warnings.empty());
    }
    SUBCASE("lines that are not properties, and a card with nothing to call it by") {
        const Imported r = read(card({"FN:Fine", "this line has no colon"}) + card({"TEL:+1 555 0100", "NOTE:who?"}));
        REQUIRE(r.contacts.size() == 1);
        CHECK(messages(r) == std::vector<std::string>{
                                 "contacts.vcf, line 4: not a vCard property: \"this line has no colon\"; skipped",
                                 "contacts.vcf, line 6: a card with no name and no e-mail; skipped"});
    }
    SUBCASE("warnings stop at 100, with a count of the rest") {
        std::vector<std::string> lines = {"FN:Noisy"};
        for (int i = 0; i < 250; ++i) lines.push_back("garbage " + std::to_string(i));
        const Imported r = read(card(lines));
        REQUIRE(r.contacts.size() == 1);
        REQUIRE(r.warnings.size() == 101);
        CHECK(r.warnings.back().to_string() == "contacts.vcf: 150 more warnings not shown");
    }
}

TEST_CASE("vcard: progress every 1000 cards, and cancelling") {
    std::string text;
    for (int i = 0; i < 2500; ++i) text += card({"FN:Person " + std::to_string(i)});
    std::vector<double> shares;
    Reader reader;
    const Imported all = reader.read(text, [&](double share) {
        shares.push_back(share);
        return true;
    });
    CHECK(all.contacts.size() == 2500);
    REQUIRE(shares.size() == 2);
    CHECK(shares[0] > 0.35);
    CHECK(shares[0] < 0.45);
    CHECK(shares[1] > shares[0]);

    const Imported cancelled = reader.read(text, [](double) { return false; });
    CHECK(cancelled.cancelled);
    CHECK(cancelled.contacts.empty());
    CHECK(cancelled.warnings.empty());
    CHECK_FALSE(cancelled.error);
}

TEST_CASE("vcard: export 4.0") {
    Contact c;
    c.meta.id = Id{0x0123456789abcdefull, 0xfedcba9876543210ull};
    c.meta.updated = kNow;
    c.display_name = "Ada Lovelace";
    c.given_name = "Ada";
    c.family_name = "Lovelace";
    c.company = "Analytical Engines, Ltd; London";
    c.city = "London";
    c.country = "UK";
    c.emails = {{"ada@example.org", {}}};
    c.phones = {{"+44 20 7946 0000", {}}};
    c.handles = {handle(HandleKind::X, "@ada"), handle(HandleKind::Website, "https://ada.dev"),
                 handle(HandleKind::Other, "xmpp:ada@jabber.example"), handle(HandleKind::Other, "Signal: +44 7700")};
    c.tags = {"math", "poetry, science"};
    c.birthday = PartialDate{0, 12, 10};
    c.anniversary = PartialDate{1835, 7, 8};
    c.notes = "Line one\nLine two; with \\ backslash";
    Contact gone;
    gone.meta.deleted = true;
    CHECK(export_vcard({c, gone}, VcardVersion::V4) ==
          "BEGIN:VCARD\r\n"
          "VERSION:4.0\r\n"
          "PRODID:-//Ties//Ties personal CRM//EN\r\n"
          "UID:urn:uuid:01234567-89ab-cdef-fedc-ba9876543210\r\n"
          "FN:Ada Lovelace\r\n"
          "N:Lovelace;Ada;;;\r\n"
          "ORG:Analytical Engines\\, Ltd\\; London\r\n"
          "ADR:;;;London;;;UK\r\n"
          "EMAIL:ada@example.org\r\n"
          "TEL;VALUE=text:+44 20 7946 0000\r\n"
          "X-SOCIALPROFILE;TYPE=twitter;X-USER=@ada:https://x.com/ada\r\n"
          "URL:https://ada.dev\r\n"
          "IMPP:xmpp:ada@jabber.example\r\n"
          "X-SOCIALPROFILE;TYPE=other:Signal: +44 7700\r\n"
          "CATEGORIES:math,poetry\\, science\r\n"
          "BDAY:--1210\r\n"
          "ANNIVERSARY:18350708\r\n"
          "NOTE:Line one\\nLine two; with \\\\ backslash\r\n"  // 4.0: no semicolon escaped outside N, ADR, ORG
          "REV:20240309T160000Z\r\n"
          "END:VCARD\r\n");
}

TEST_CASE("vcard: export 3.0 writes yearless dates as Apple does and X-ANNIVERSARY") {
    Contact c;
    c.display_name = "Ada";
    c.emails = {{"ada@example.org", {}}};
    c.phones = {{"+44 20 7946 0000", {}}};
    c.birthday = PartialDate{0, 2, 29};
    c.anniversary = PartialDate{1835, 7, 8};
    const std::string text = export_vcard({c}, VcardVersion::V3);
    CHECK(text.find("VERSION:3.0\r\n") != std::string::npos);
    CHECK(text.find("EMAIL;TYPE=INTERNET:ada@example.org\r\n") != std::string::npos);
    CHECK(text.find("TEL:+44 20 7946 0000\r\n") != std::string::npos);
    CHECK(text.find("BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29\r\n") != std::string::npos);
    CHECK(text.find("X-ANNIVERSARY:1835-07-08\r\n") != std::string::npos);
    CHECK(text.find("REV") == std::string::npos);  // never updated: no REV
}

TEST_CASE("vcard: export folds at 75 octets on character boundaries, CRLF only") {
    Contact c;
    c.display_name = "Ødegaard";
    for (int i = 0; i < 40; ++i) c.notes += "Zoë Ødegaard — 🧭 ";
    const std::string text = export_vcard({c}, VcardVersion::V4);
    std::size_t start = 0;
    std::size_t lines = 0;
    while (start < text.size()) {
        const std::size_t end = text.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        const std::string line = text.substr(start, end - start);
        CHECK(line.size() <= 75);
        CHECK(line.find('\n') == std::string::npos);
        CHECK(line.find('\r') == std::string::npos);
        CHECK(encode_utf8(decode_utf8(line)) == line);  // no character cut in two
        start = end + 2;
        ++lines;
    }
    CHECK(lines > 15);
    const Imported r = read(text);
    REQUIRE(r.contacts.size() == 1);
    CHECK(r.contacts[0].notes == std::string(trim(c.notes)));
}

TEST_CASE("vcard: round trip through 4.0 and 3.0") {
    std::vector<Contact> contacts = {test::full_contact(1), test::minimal_contact(3)};
    Contact tricky;
    tricky.meta = test::fixed_meta(5);
    tricky.given_name = "Ada";
    tricky.family_name = "O'Neil; Lovelace";
    tricky.nickname = "Countess, of Lovelace";
    tricky.company = "Smith, Jones; Partners \\ Co";
    tricky.title = "Analyst; Poet \\ Engineer";  // a title is one line: a line break would become a space
    tricky.city = "Washington, D.C.";
    tricky.region = "Tōkyō";
    tricky.country = "Côte d'Ivoire";
    tricky.emails = {{"ada@example.org", {}}, {"ada.l@example.com", {}}};
    tricky.phones = {{"+1 (555) 010-0000", {}}, {"tel-like; 123", {}}};
    tricky.handles = {handle(HandleKind::X, "@ada"), handle(HandleKind::X, "https://x.com/ada2"),
                      handle(HandleKind::LinkedIn, "ada-lovelace"), handle(HandleKind::Bluesky, "@ada.bsky.social"),
                      handle(HandleKind::GitHub, "https://github.com/ada"), handle(HandleKind::Mastodon, "@ada@hachyderm.io"),
                      handle(HandleKind::Website, "https://ada.dev/notes?a=1,2;b"), handle(HandleKind::X, "ada lovelace"),
                      handle(HandleKind::Other, "skype:ada.l"), handle(HandleKind::Other, "Signal: +1 555, evenings")};
    tricky.tags = {"math", "c,sharp", "semi;colon", "λ"};
    tricky.notes = "First line\nSecond: a, b; c \\ d\n\nAfter a blank line — ünïcödé 🧭";
    tricky.birthday = PartialDate{1815, 12, 10};
    tricky.anniversary = PartialDate{0, 7, 8};
    contacts.push_back(tricky);
    Contact email_only;
    email_only.meta = test::fixed_meta(6);
    email_only.emails = {{"someone@example.org", {}}};
    contacts.push_back(email_only);

    for (const VcardVersion version : {VcardVersion::V4, VcardVersion::V3}) {
        INFO((version == VcardVersion::V4 ? "4.0" : "3.0"));
        const std::string text = export_vcard(contacts, version);
        const Imported r = read(text);
        REQUIRE_FALSE(r.error);
        CHECK(r.warnings.empty());
        REQUIRE(r.contacts.size() == contacts.size());
        for (std::size_t i = 0; i < contacts.size(); ++i) {
            INFO("contact " << i);
            CHECK(vcard_fields(r.contacts[i]) == vcard_fields(contacts[i]));
        }
        CHECK(export_vcard(r.contacts, version).size() > 0);
    }
}

TEST_CASE("vcard: Gmail's escaped quotes in a note are read as quotes and written back bare") {
    const Imported r = read(card({"FN:Quinn", "NOTE:She said \\\"call me\\\"\\, then left\\; really."}));
    REQUIRE(r.contacts.size() == 1);
    CHECK(r.contacts[0].notes == "She said \"call me\", then left; really.");
    const std::string v4 = export_vcard(r.contacts, VcardVersion::V4);
    CHECK(v4.find("NOTE:She said \"call me\"\\, then left; really.\r\n") != std::string::npos);
    const std::string v3 = export_vcard(r.contacts, VcardVersion::V3);
    CHECK(v3.find("NOTE:She said \"call me\"\\, then left\\; really.\r\n") != std::string::npos);
}

TEST_CASE("vcard: kinds of emails, phones and addresses are kept as labels") {
    SUBCASE("3.0 TYPE parameters, Apple's X-ABLabel, repeats of a number in another format") {
        const Imported r = read(card({"FN:John Doe", "item1.EMAIL;type=INTERNET;type=pref:john.doe@ibm.com",
                                      "EMAIL;TYPE=INTERNET,HOME:john@home.example",
                                      "TEL;type=CELL;type=VOICE;type=pref:905-555-1234", "TEL;type=HOME;type=VOICE:905-666-1234",
                                      "TEL;type=WORK;type=FAX:905-999-1234", "TEL;type=PAGER:905-111-1234",
                                      "item2.TEL:905-222-1234", "item2.X-ABLabel:_$!<AssistantPhone>!$_",
                                      "item3.TEL:905-333-1234", "item3.X-ABLabel:_$!<Main>!$_",
                                      "TEL;TYPE=CELL:(905) 555-1234",
                                      "item4.ADR;type=HOME;type=pref:;;Silicon Alley 5;New York;New York;12345;United States of America",
                                      "item5.ADR:PO Box 7;Suite 3;Street4\\nBuilding 6;Albany;NY;12201;USA",
                                      "item5.X-ABLabel:Summer house"}));
        REQUIRE(r.contacts.size() == 1);
        const Contact& c = r.contacts[0];
        CHECK(c.emails == std::vector<ContactPoint>{{"john.doe@ibm.com", ""}, {"john@home.example", "home"}});
        CHECK(c.phones == std::vector<ContactPoint>{{"905-555-1234", "mobile"},
                                                    {"905-666-1234", "home"},
                                                    {"905-999-1234", "work fax"},
                                                    {"905-111-1234", "pager"},
                                                    {"905-222-1234", "AssistantPhone"},
                                                    {"905-333-1234", "main"}});
        REQUIRE(c.addresses.size() == 2);
        CHECK(c.addresses[0] == PostalAddress{"home", "", "", "Silicon Alley 5", "New York", "New York", "12345",
                                              "United States of America"});
        CHECK(c.addresses[1] == PostalAddress{"Summer house", "PO Box 7", "Suite 3", "Street4\nBuilding 6", "Albany", "NY",
                                              "12201", "USA"});
        CHECK(c.city == "New York");  // the contact's place: the first address
        CHECK(c.country == "United States of America");
    }
    SUBCASE("vCard 2.1's bare parameters") {
        const Imported r = read("BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;John\r\nTEL;WORK;VOICE:905-777-1234\r\n"
                                "TEL;CELL:905-555-1234\r\nEMAIL;PREF;INTERNET:john@work.example\r\n"
                                "ADR;WORK;ENCODING=QUOTED-PRINTABLE:;;M=C3=BChlenweg 1;Bern;;3000;Schweiz\r\nEND:VCARD\r\n");
        REQUIRE(r.contacts.size() == 1);
        const Contact& c = r.contacts[0];
        CHECK(c.phones == std::vector<ContactPoint>{{"905-777-1234", "work"}, {"905-555-1234", "mobile"}});
        CHECK(c.emails == std::vector<ContactPoint>{{"john@work.example", ""}});
        CHECK(c.addresses == std::vector<PostalAddress>{{"work", "", "", "Mühlenweg 1", "Bern", "", "3000", "Schweiz"}});
    }
}

TEST_CASE("vcard: a photo in a file with CR CR LF line ends is one sentence, not a warning per line") {
    std::string text = "BEGIN:VCARD\r\r\nVERSION:3.0\r\r\nFN:Mr. John Doe\r\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\r\n";
    for (int i = 0; i < 150; ++i) text += " AAgAAgESAAMAAAABAAEAAIdpAAQAAAABAAAAJgAAAAAAA6ABAAMAAAABAAEAAKACAAQAAAABAA\r\r\n";
    text += "TEL;type=CELL:905-555-1234\r\r\nEND:VCARD\r\r\n";
    text += "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Old Phone\r\nPHOTO;ENCODING=QUOTED-PRINTABLE;TYPE=GIF:=47=49=46=38=\r\n"
            "=39=61=01=00=\r\n=01=00=80\r\nTEL:+1 555 0100\r\nEND:VCARD\r\n";
    text += "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:New Phone\r\nPHOTO:data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAf\r\n"
            " FcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\r\nEND:VCARD\r\n";
    const Imported r = read(text);
    REQUIRE(r.contacts.size() == 3);
    CHECK(r.contacts[0].phones == std::vector<ContactPoint>{{"905-555-1234", "mobile"}});
    CHECK(r.contacts[1].phones == std::vector<ContactPoint>{{"+1 555 0100", ""}});
    CHECK(messages(r) == std::vector<std::string>{"contacts.vcf: Photos are not imported (3 cards had one)."});
}

TEST_CASE("vcard: fields Ties does not keep are named once per file") {
    const Imported r = read(card({"FN:A", "X-ABRELATEDNAMES:Jane", "GEO:geo:1,2", "X-PHONETIC-FIRST-NAME:Ay"}) +
                            card({"FN:B", "X-ABRELATEDNAMES:Joe", "UID:123", "X-ABShowAs:PERSON"}) +
                            card({"FN:Broken", "this line has no colon"}));
    REQUIRE(r.contacts.size() == 3);
    CHECK(messages(r) == std::vector<std::string>{
                             "contacts.vcf, line 18: not a vCard property: \"this line has no colon\"; skipped",
                             "contacts.vcf: 3 fields Ties does not keep: X-ABRELATEDNAMES, GEO, X-PHONETIC-FIRST-NAME."});
}

TEST_CASE("vcard: export writes labels as TYPE or X-ABLabel, every address, and N from the display name") {
    Contact c;
    c.display_name = "Ada King Lovelace";
    c.emails = {{"ada@work.example", "work"}, {"ada@club.example", "Chess club"}};
    c.phones = {{"+44 20 7946 0000", "mobile"}, {"+44 20 7946 0001", "work fax"}, {"+44 20 7946 0002", "main"}};
    c.addresses = {{"home", "", "Flat 2", "12 St James's Square", "London", "", "SW1Y 4JH", "UK"},
                   {"Country house", "", "", "Ockham Park; East wing", "Ockham", "Surrey", "", "UK"}};
    const std::string v4 = export_vcard({c}, VcardVersion::V4);
    CHECK(v4.find("\r\nN;X-TIES-FROM-FN=1:Lovelace;Ada King;;;\r\n") != std::string::npos);
    CHECK(v4.find("\r\nADR;TYPE=home:;Flat 2;12 St James's Square;London;;SW1Y 4JH;UK\r\n") != std::string::npos);
    CHECK(v4.find("\r\nitem1.ADR:;;Ockham Park\\; East wing;Ockham;Surrey;;UK\r\nitem1.X-ABLabel:Country house\r\n") !=
          std::string::npos);
    CHECK(v4.find("\r\nEMAIL;TYPE=work:ada@work.example\r\n") != std::string::npos);
    CHECK(v4.find("\r\nitem2.EMAIL:ada@club.example\r\nitem2.X-ABLabel:Chess club\r\n") != std::string::npos);
    CHECK(v4.find("\r\nTEL;VALUE=text;TYPE=cell:+44 20 7946 0000\r\n") != std::string::npos);
    CHECK(v4.find("\r\nTEL;VALUE=text;TYPE=work,fax:+44 20 7946 0001\r\n") != std::string::npos);
    CHECK(v4.find("\r\nitem3.TEL;VALUE=text:+44 20 7946 0002\r\nitem3.X-ABLabel:main\r\n") != std::string::npos);
    const std::string v3 = export_vcard({c}, VcardVersion::V3);
    CHECK(v3.find("\r\nEMAIL;TYPE=INTERNET;TYPE=work:ada@work.example\r\n") != std::string::npos);
    CHECK(v3.find("\r\nTEL;TYPE=cell:+44 20 7946 0000\r\n") != std::string::npos);

    Contact one_word;
    one_word.display_name = "Λάμπρος";
    CHECK(export_vcard({one_word}, VcardVersion::V4).find("\r\nN;X-TIES-FROM-FN=1:;Λάμπρος;;;\r\n") != std::string::npos);
    Contact company;
    company.display_name = company.company = "Blue Bottle Coffee";
    CHECK(export_vcard({company}, VcardVersion::V4).find("\r\nN:;;;;\r\n") != std::string::npos);
    for (const VcardVersion version : {VcardVersion::V4, VcardVersion::V3}) {
        const Imported back = read(export_vcard({c}, version));
        REQUIRE(back.contacts.size() == 1);
        CHECK(back.contacts[0].emails == c.emails);
        CHECK(back.contacts[0].phones == c.phones);
        CHECK(back.contacts[0].addresses == c.addresses);
        CHECK(back.contacts[0].given_name.empty());  // the derived N is not read back as names of its own
        CHECK(back.contacts[0].family_name.empty());
    }
}

TEST_CASE("vcard: every sample client file comes back the same through a 4.0 and a 3.0 export") {
    const std::string root = std::string(TIES_TEST_DATA) + "/fixtures/";
    const std::vector<std::string> files = {"vcard/android.vcf",      "vcard/contacts-v3.vcf", "vcard/evolution.vcf",
                                            "vcard/gmail.vcf",        "vcard/iphone.vcf",      "vcard/mei-v4.vcf",
                                            "vcard/outlook-2.1.vcf",  "vcard/outlook-2016.vcf", "vcard/thunderbird.vcf",
                                            "vcard/iphone-ios5.vcf", "google/contacts.csv", "linkedin/Connections.csv"};
    for (const std::string& name : files) {
        INFO(name);
        IdGenerator ids{3, 4};
        const ImportContext context{name, &ids, kNow, {}};
        const Imported first = import_files({NamedFile{name, test::read_bytes(root + name)}}, context);
        REQUIRE_FALSE(first.error);
        REQUIRE_FALSE(first.contacts.empty());
        for (const VcardVersion version : {VcardVersion::V4, VcardVersion::V3}) {
            INFO((version == VcardVersion::V4 ? "4.0" : "3.0"));
            const Imported again = read(export_vcard(first.contacts, version));
            REQUIRE_FALSE(again.error);
            CHECK(messages(again).empty());
            REQUIRE(again.contacts.size() == first.contacts.size());
            for (std::size_t i = 0; i < first.contacts.size(); ++i) {
                INFO(first.contacts[i].display_name);
                const Contact a = vcard_fields(first.contacts[i]);
                const Contact b = vcard_fields(again.contacts[i]);
                CHECK(b.display_name == a.display_name);
                CHECK(b.given_name == a.given_name);
                CHECK(b.family_name == a.family_name);
                CHECK(b.company == a.company);
                CHECK(b.title == a.title);
                CHECK(b.emails == a.emails);
                CHECK(b.phones == a.phones);
                CHECK(b.addresses == a.addresses);
                CHECK(b.handles == a.handles);
                CHECK(b.tags == a.tags);
                CHECK(b.notes == a.notes);
                CHECK(b.birthday == a.birthday);
                CHECK(b.anniversary == a.anniversary);
                CHECK(b == a);  // and everything else vCard holds
            }
        }
    }
}

TEST_CASE("vcard: an old iPhone export (CR CR LF, a photo, labels, addresses, Gmail-style escaped quotes)") {
    const Imported r = read(fixture("iphone-ios5.vcf"));
    REQUIRE_FALSE(r.error);
    CHECK(messages(r) == std::vector<std::string>{"contacts.vcf: Photos are not imported (1 card had one).",
                                                  "contacts.vcf: 1 field Ties does not keep: X-ABRELATEDNAMES."});
    REQUIRE(r.contacts.size() == 2);
    const Contact& cam = r.contacts[0];
    CHECK(cam.display_name == "Dr. Camille Anne Moreau");
    CHECK(cam.emails == std::vector<ContactPoint>{{"camille@lumiere.example", ""}, {"cam.moreau@mail.example", "home"}});
    CHECK(cam.phones == std::vector<ContactPoint>{{"514-555-0142", "mobile"},
                                                  {"514-555-0100", "work"},
                                                  {"514-555-0199", "home fax"},
                                                  {"514-555-0111", "pager"},
                                                  {"514-555-0123", "AssistantPhone"}});
    CHECK(cam.addresses ==
          std::vector<PostalAddress>{{"home", "", "", "12 rue des Lilas", "Montréal", "QC", "H2X 1Y4", "Canada"},
                                     {"work", "", "Bureau 301", "2900 boul. Édouard-Montpetit\nPavillon B", "Montréal", "QC",
                                      "H3T 1J4", "Canada"}});
    CHECK(cam.city == "Montréal");
    CHECK(cam.notes == "Met at \"Photonics North\", Québec. Likes \"good\" coffee.");
    CHECK(r.contacts[1].phones == std::vector<ContactPoint>{{"+1 438 555 0177", "main"}});
}
