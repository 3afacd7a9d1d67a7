// Text that cannot disguise itself (core/safe_text.hpp): what is removed, what is kept, and every
// way text enters the store (imports, backups merged in, forms) going through it.
#include "core/safe_text.hpp"

#include "core/forms.hpp"
#include "core/import_plan.hpp"
#include "core/search.hpp"
#include "core/store.hpp"
#include "io/csv_import.hpp"
#include "io/vcard.hpp"
#include "io_fixtures.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace ties;

namespace {

constexpr Millis kNow = 1'710'000'000'000;

io::Imported read_vcard(const std::string& name_line) {
    IdGenerator ids{7, 11};
    const io::ImportContext context{"hostile.vcf", &ids, kNow, {}};
    return io::import_vcard("BEGIN:VCARD\r\nVERSION:3.0\r\n" + name_line +
                                "\r\nEMAIL:ada@example.org\r\nNOTE:line one\\nline two\r\nEND:VCARD\r\n",
                            context);
}

}  // namespace

TEST_CASE("plain text passes untouched") {
    CHECK(clean_line("Ada Lovelace") == "Ada Lovelace");
    CHECK(clean_line("") == "");
    CHECK(clean_block("first line\n\tsecond") == "first line\n\tsecond");
    CHECK(clean_line("Zoë Ødegaard, 東京, Мария, محمد") == "Zoë Ødegaard, 東京, Мария, محمد");
    CHECK(clean_block("Note\u202F: \u00ABbien\u00A0s\u00FBr\u00BB") == "Note\u202F: \u00ABbien\u00A0s\u00FBr\u00BB");
}

TEST_CASE("characters that reverse or hide text are removed") {
    // "Ada " + RIGHT-TO-LEFT OVERRIDE + "fdp.exe": shown elsewhere as "Ada exe.pdf".
    CHECK(clean_line("Ada \u202Efdp.exe") == "Ada fdp.exe");
    CHECK(clean_line("\u202AAda\u202C \u202BB\u202C \u202DC\u202C") == "Ada B C");       // embeddings, overrides
    CHECK(clean_line("\u2066Ada\u2069 \u2067B\u2069 \u2068C\u2069") == "Ada B C");       // isolates
    CHECK(clean_line("\u200EAda\u200F\u061C") == "Ada");                                // marks
    CHECK(clean_line("A\u200Bda \u2060Love\u00ADlace\uFEFF") == "Ada Lovelace");          // zero-width, soft hyphen
    CHECK(clean_line("\u3164") == "");                                                   // a Hangul filler "name"
    CHECK(clean_line("\u115F\u1160\uFFA0\u180E\u034F") == "");
    CHECK(clean_line("Ada\u2062\u2064") == "Ada");                                       // invisible operators
    CHECK(clean_line("Ada\U000E0041\U000E0064\U000E0061") == "Ada");                     // tags spelling "Ada"
}

TEST_CASE("control characters go; a note keeps its lines and tabs, a name gets spaces") {
    CHECK(clean_line(std::string("Ada\0hidden", 10)) == "Adahidden");  // a NUL cuts C strings short
    CHECK(clean_line("Ada\x1b[8mhidden\x1b[0m") == "Ada[8mhidden[0m");
    CHECK(clean_line("Ada\x7f\u0085\u009B") == "Ada");  // DEL, C1 controls
    CHECK(clean_line("Ada\nLovelace\tthe first") == "Ada Lovelace the first");
    CHECK(clean_line("Ada\r\nLovelace") == "Ada Lovelace");
    CHECK(clean_block("one\r\ntwo\rthree\u2028four\u2029five\x0b") == "one\ntwo\nthree\nfour\nfive");
    CHECK(clean_block("a\x01\x02\x03" "b") == "ab");
}

TEST_CASE("joiners stay where scripts and emoji need them, and only there") {
    const std::string coder = "\U0001F469\u200D\U0001F4BB";  // woman technologist
    CHECK(clean_line(coder) == coder);
    const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
    CHECK(clean_line("The " + family + " family") == "The " + family + " family");
    const std::string persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";  // ZWNJ inside a word
    CHECK(clean_line(persian) == persian);
    const std::string hindi = "\u0915\u094D\u200D\u0937";
    CHECK(clean_line(hindi) == hindi);
    CHECK(clean_line("Ada\u200DLovelace") == "AdaLovelace");  // between ASCII letters: hides a difference
    CHECK(clean_line("\u200D\u00C9mile\u200C") == "\u00C9mile");  // at the ends
    CHECK(clean_line("\u00E9\u200D\u200D\u00E9") == "\u00E9\u00E9");  // doubled: neither has a letter on both sides
    CHECK(clean_line("Ada\u00A0Lovelace\u2009the\u3000first") == "Ada Lovelace the first");  // a name's spaces look alike
    CHECK(clean_line("\u00E9\u200D \u00E9") == "\u00E9 \u00E9");
    const std::string heart = "\u2764\uFE0F";  // variation selectors are kept
    CHECK(clean_line(heart) == heart);
    const std::string scotland = "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F";
    CHECK(clean_line("Go " + scotland) == "Go " + scotland);
}

TEST_CASE("search and name matching see through what draws nothing") {
    CHECK(fold_for_search("Ada\u200B Love\u00ADlace") == fold_for_search("Ada Lovelace"));
    CHECK(fold_for_search("Ada\u2003Lovelace") == fold_for_search("Ada Lovelace"));  // em space
    CHECK(fold_for_search("\u202EAda\u2069") == "ada");
    CHECK(fold_for_search("\u00C9mile") == fold_for_search("Emile"));
    CHECK(is_hidden_format(0x200D));
    CHECK_FALSE(is_hidden_format(U'a'));
    CHECK_FALSE(is_hidden_format(0x00E9));
    CHECK(is_unicode_space(0x3000));
    CHECK_FALSE(is_unicode_space(U' '));
}

TEST_CASE("clean_text_of a contact cleans every field and counts the ones it changed") {
    Contact c = test::minimal_contact(1);
    c.display_name = "Ada\u200B Lovelace";
    c.company = "Analytical\u202E Engines";
    c.emails = {{"ada@example.org\u200B", "work\u2066"}};
    c.phones = {{"+44 20 7946 0000", ""}};
    c.handles = {{HandleKind::X, "@ada\uFEFF"}};
    c.tags = {"math\u200B", "math", "\u200B"};
    c.notes = "first\r\nsecond\x07";
    c.addresses = {PostalAddress{"home", "", "", "12 St James's Square\nFlat 2\u202E", "London", "", "", ""}};
    CHECK(clean_text_of(c) == 9);
    CHECK(c.display_name == "Ada Lovelace");
    CHECK(c.company == "Analytical Engines");
    CHECK(c.emails.front().value == "ada@example.org");
    CHECK(c.emails.front().label == "work");
    CHECK(c.handles.front().value == "@ada");
    CHECK(c.tags == std::vector<std::string>{"math"});
    CHECK(c.notes == "first\nsecond");
    CHECK(c.addresses.front().street == "12 St James's Square\nFlat 2");
    CHECK(clean_text_of(c) == 0);

    Interaction i;
    i.notes = "talked \u202Eabout";
    i.follow_up = FollowUp{Date{1}, "send\u200B intro", false};
    CHECK(clean_text_of(i) == 2);
    CHECK(i.notes == "talked about");
    CHECK(i.follow_up->text == "send intro");
}

TEST_CASE("an import removes them and says so once; the person is then the one you have") {
    const io::Imported imported = read_vcard("FN:Ada\u200B Love\u202Elace");
    REQUIRE(imported.contacts.size() == 1);
    CHECK(imported.contacts.front().display_name == "Ada Lovelace");
    CHECK(imported.contacts.front().notes == "line one\nline two");
    REQUIRE_FALSE(imported.warnings.empty());
    CHECK(imported.warnings.back().to_string() ==
          "hostile.vcf: Characters that draw nothing or reverse text (control, zero-width or right-to-left override) "
          "were removed from 1 contact, for example \u201cAda Lovelace\u201d.");

    CHECK(read_vcard("FN:Ada Lovelace").warnings.empty());

    Store store;
    Contact ada = test::minimal_contact(1);
    ada.display_name = "Ada Lovelace";
    store.load(ada);
    const ImportPlan plan = plan_import(store, imported.contacts, {});
    REQUIRE(plan.matches.size() == 1);
    CHECK(plan.matches.front().existing == ada.meta.id);

    IdGenerator ids{7, 11};
    const io::ImportContext context{"people.csv", &ids, kNow, {}};
    const io::Imported csv = io::import_csv("Name,Notes\n\"\u2067Bob\u2069\",\"a\x01 b\"\n", context);
    REQUIRE(csv.contacts.size() == 1);
    CHECK(csv.contacts.front().display_name == "Bob");
    CHECK(csv.contacts.front().notes == "a b");

    // An entry of nothing but invisible characters is left out, as an empty row is (found by csv_fuzz:
    // its export had one row fewer than the import).
    const io::Imported emptied = io::import_csv("Name,Tags\nAda,math\n,\"\u200B\u202E\"\n", context);
    REQUIRE(emptied.contacts.size() == 1);
    CHECK(emptied.contacts.front().display_name == "Ada");
    REQUIRE(emptied.warnings.size() == 1);
    CHECK(emptied.warnings.front().to_string() ==
          "people.csv: Characters that draw nothing or reverse text (control, zero-width or right-to-left override) "
          "were removed from 1 contact (1 entry had nothing else and was left out).");

    // An e-mail address of invisible characters is no address: it is dropped, not exported as an empty cell
    // (found by csv_fuzz, the same symptom).
    const io::Imported address = io::import_csv("Name,Email\nAda,\"a@x.org; \u200B\"\n,\"\u200D\"\n", context);
    REQUIRE(address.contacts.size() == 1);
    CHECK(address.contacts.front().emails == std::vector<ContactPoint>{{"a@x.org", ""}});

    // No-break spaces made plain are trimmed: an address or a name of them is none (csv_fuzz again).
    const io::Imported spaces =
        io::import_csv("Name,Email\nAda,\"a@x.org; \u00A0\u3000\"\n\"\u00A0Bo\u00A0\",\n\u00A0,\n", context);
    REQUIRE(spaces.contacts.size() == 2);
    CHECK(spaces.contacts.front().emails == std::vector<ContactPoint>{{"a@x.org", ""}});
    CHECK(spaces.contacts.back().display_name == "Bo");

    // A tag of a no-break space is no tag, and a person with only that is left out.
    const io::Imported tag = io::import_csv("Name,Tags\nAda,\"math; \u00A0\"\n,\"\u00A0\"\n", context);
    REQUIRE(tag.contacts.size() == 1);
    CHECK(tag.contacts.front().tags == std::vector<std::string>{"math"});

    // So is an address whose only part was a no-break space.
    const io::Imported place =
        io::import_csv("Name,Address 1 - City,Address 1 - Country\nAda,\u00A0,\u200B\n", context);
    REQUIRE(place.contacts.size() == 1);
    CHECK(place.contacts.front().addresses.empty());
}

TEST_CASE("what is typed or pasted is cleaned on save, and a name of nothing visible is no name") {
    ContactDraft draft = draft_of(test::minimal_contact(1));
    draft.contact.display_name = "\u200B\u3164";
    draft.contact.given_name.clear();
    draft.contact.family_name.clear();
    CHECK(read_contact(draft).error == "Give this person a name.");

    Contact pasted = test::minimal_contact(2);
    pasted.display_name = "Grace\u202E Hopper";
    const Change change = save_contact(pasted);
    CHECK(change.label == "Save Grace Hopper");
    CHECK(std::get<Contact>(change.records.front()).display_name == "Grace Hopper");

    Interaction logged;
    logged.notes = "coffee\u200B";
    CHECK(std::get<Interaction>(save_interaction(logged).records.front()).notes == "coffee");
    Event event;
    event.name = "Rust\u2066 Berlin";
    CHECK(std::get<Event>(save_event(event).records.front()).name == "Rust Berlin");
}

TEST_CASE("a backup merged in is cleaned like an import") {
    Store current;
    Store incoming;
    Contact grace = test::minimal_contact(3);
    grace.display_name = "Grace\u200B Hopper";
    incoming.load(grace);
    const Change change = merge_change(plan_merge(current, incoming), false, "Merge");
    REQUIRE(change.records.size() == 1);
    CHECK(std::get<Contact>(change.records.front()).display_name == "Grace Hopper");
}
