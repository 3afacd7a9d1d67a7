// CSV: the RFC 4180 reader and writer, to_utf8, and the contact importers and exporter (Google
// Contacts, LinkedIn, generic mapping) on the sample files in tests/fixtures.
#include "io/csv.hpp"
#include "io/csv_import.hpp"

#include "io_fixtures.hpp"

#include <doctest/doctest.h>

#include <sys/mman.h>

#include <random>
#include <string>
#include <vector>

using namespace ties;
using namespace ties::io;

namespace {

using Rows = std::vector<std::vector<std::string>>;

std::string fixture(const std::string& relative) {
    return test::read_bytes(std::filesystem::path(TIES_TEST_DATA) / "fixtures" / relative);
}

constexpr Millis kNow = 1'718'150'400'000;

struct Setup {
    IdGenerator ids{11, 22};
    IdGenerator expected_ids{11, 22};
    ImportContext context;

    explicit Setup(std::string name = "contacts.csv") {
        context.file_name = std::move(name);
        context.ids = &ids;
        context.now = kNow;
    }

    Contact expected() {
        Contact c;
        c.meta.id = expected_ids.next();
        c.meta.created = kNow;
        c.meta.updated = kNow;
        c.origin = ContactOrigin::Imported;
        return c;
    }
};

CsvTable read_ok(std::string_view text, char delimiter = 0) {
    Problem error;
    std::optional<CsvTable> table = read_csv(text, error, delimiter);
    INFO(error.to_string());
    REQUIRE(table.has_value());
    return *table;
}

std::string read_error(std::string_view text) {
    std::string error;
    CHECK_FALSE(read_csv(text, error).has_value());
    return error;
}

std::vector<std::string> messages(const std::vector<Problem>& list) {
    std::vector<std::string> out;
    for (const Problem& m : list) out.push_back(m.to_string());
    return out;
}

}  // namespace

// --- to_utf8 and messages ---------------------------------------------------------------------------

TEST_CASE("csv: to_utf8 drops a UTF-8 BOM and NULs, converts UTF-16 and reads stray bytes as Windows-1252") {
    std::string note = "stale";
    CHECK(to_utf8("\xEF\xBB\xBFZo\xC3\xAB", &note) == "Zo\xC3\xAB");
    CHECK(note.empty());
    CHECK(to_utf8(std::string("a\0b", 3)) == "ab");

    // UTF-16 LE and BE with a BOM, a surrogate pair (U+1F9ED) included.
    const std::string le("\xFF\xFE" "A\0\xE9\0" "\x3E\xD8\xED\xDD", 10);
    CHECK(to_utf8(le, &note) == "A\xC3\xA9\xF0\x9F\xA7\xAD");
    CHECK(note.empty());
    const std::string be("\xFE\xFF\0A\0\xE9", 6);
    CHECK(to_utf8(be) == "A\xC3\xA9");
    CHECK(to_utf8(std::string("\xFF\xFE" "A\0\x00\xD8", 6), &note) == "A\xEF\xBF\xBD");  // lone surrogate
    CHECK(note == "the UTF-16 text holds 1 broken characters, shown as \xEF\xBF\xBD");

    // Windows-1252: "Café – 5€" as Excel writes it; valid UTF-8 around it is kept.
    CHECK(to_utf8("Caf\xE9 \x96 5\x80", &note) == "Caf\xC3\xA9 \xE2\x80\x93 5\xE2\x82\xAC");
    CHECK(note == "the text is not all UTF-8: 3 bytes were read as Windows-1252 (the first at byte 4)");
    CHECK(to_utf8("\xC3\xA9 \xE9", &note) == "\xC3\xA9 \xC3\xA9");
    CHECK(note == "the text is not all UTF-8: 1 byte was read as Windows-1252 (the first at byte 4)");
}

TEST_CASE("csv: import messages name the file and the line") {
    CHECK(Problem{"Connections.csv", 12, "text"}.to_string() == "Connections.csv, line 12: text");
    CHECK(Problem{"Connections.csv", 0, "text"}.to_string() == "Connections.csv: text");
}

// --- Reader -------------------------------------------------------------------------------------

TEST_CASE("csv: reads RFC 4180 quoting, doubled quotes and line breaks inside quotes") {
    const CsvTable t = read_ok("name,quote,where\r\n"
                               "\"Okafor, Ada\",\"she said \"\"hi\"\"\",\"line 1\r\nline 2\"\r\n"
                               "Bob,\"lf\nonly\",\"\"\r\n"
                               "Cy,plain,x\r\n");
    CHECK(t.header == std::vector<std::string>{"name", "quote", "where"});
    CHECK(t.header_line == 1);
    CHECK(t.rows == Rows{{"Okafor, Ada", "she said \"hi\"", "line 1\r\nline 2"}, {"Bob", "lf\nonly", ""}, {"Cy", "plain", "x"}});
    CHECK(t.row_lines == std::vector<std::size_t>{2, 4, 6});
}

TEST_CASE("csv: empty fields, a missing final line break, blank lines and a lone CR") {
    CHECK(read_ok("a,b,c\n,,\n1,,3").rows == Rows{{"", "", ""}, {"1", "", "3"}});
    CHECK(read_ok("a,b,c\n,,\n1,,3\n").rows == Rows{{"", "", ""}, {"1", "", "3"}});
    const CsvTable blanks = read_ok("a,b\n\n1,2\r\n\r\n\n3,4\n\n");
    CHECK(blanks.rows == Rows{{"1", "2"}, {"3", "4"}});
    CHECK(blanks.row_lines == std::vector<std::size_t>{3, 6});
    const CsvTable mac = read_ok("a,b\r1,2\r3,4");
    CHECK(mac.rows == Rows{{"1", "2"}, {"3", "4"}});
    CHECK(mac.row_lines == std::vector<std::size_t>{2, 3});
    CHECK(read_ok("a,b\n1,2,3\n4\n").rows == Rows{{"1", "2", "3"}, {"4"}});  // ragged rows kept as they are
    CHECK(read_ok("a,b\n1,\n").rows == Rows{{"1", ""}});
}

TEST_CASE("csv: a BOM and NULs are dropped; odd quoting is read as spreadsheets do") {
    const CsvTable bom = read_ok("\xEF\xBB\xBFName,Email\nAda,ada@example.org\n");
    CHECK(bom.header == std::vector<std::string>{"Name", "Email"});
    CHECK(read_ok(std::string("a,b\nx\0y,z\n", 10)).rows == Rows{{"xy", "z"}});
    CHECK(read_ok("a,b\nab\"c,\"q\"tail\n").rows == Rows{{"ab\"c", "qtail"}});
}

TEST_CASE("csv: the delimiter is detected: comma, semicolon, tab; or given") {
    const CsvTable semi = read_ok("Name;Amount;Note\nAda;1,5;\"a;b\"\nBob;2,25;x\n");
    CHECK(semi.header == std::vector<std::string>{"Name", "Amount", "Note"});
    CHECK(semi.rows == Rows{{"Ada", "1,5", "a;b"}, {"Bob", "2,25", "x"}});
    CHECK(read_ok("a\tb\n1\t2\n").rows == Rows{{"1", "2"}});
    CHECK(read_ok("\"x,y\";z\n1;2\n").header == std::vector<std::string>{"x,y", "z"});  // commas in quotes do not count
    CHECK(read_ok("a;b\n1;2\n", ',').rows == Rows{{"1;2"}});
}

TEST_CASE("csv: a preamble before a blank line and a wider header is skipped") {
    const CsvTable t = read_ok("Notes:\n\"Some text, with commas\"\n\nFirst,Last\nAda,Okafor\n");
    CHECK(t.header == std::vector<std::string>{"First", "Last"});
    CHECK(t.header_line == 4);
    CHECK(t.rows == Rows{{"Ada", "Okafor"}});
    CHECK(t.row_lines == std::vector<std::size_t>{5});
    // A one-column file stays one column; no blank line, no preamble.
    CHECK(read_ok("Name\nAda\nBob\n").rows == Rows{{"Ada"}, {"Bob"}});
    CHECK(read_ok("Name\nAda\nOkafor, Ada\n").header == std::vector<std::string>{"Name"});
}

TEST_CASE("csv: errors name the line") {
    CHECK(read_error("") == "the file is empty");
    CHECK(read_error("\r\n\n") == "the file is empty");
    CHECK(read_error("a,b\n1,2\n3,\"open\nmore\nand more") ==
          "line 3: a quoted field starts here but its closing quote is missing");
    CHECK(read_error("\"") == "line 1: a quoted field starts here but its closing quote is missing");
    const std::string huge = "a\n\"" + std::string(kMaxCsvCellBytes + 1, 'x') + "\"\n";
    CHECK(read_error(huge) == "line 2: a field starting here is longer than 1 MB (is a quote left open?)");
    CHECK(read_error("a\n" + std::string(kMaxCsvCellBytes + 1, 'x')) == "line 2: a field starting here is longer than 1 MB");
    CHECK(read_error(std::string(kMaxCsvFieldsPerRow, ',')) == "line 1: more than 4096 fields in one row");
}

// --- Writer ------------------------------------------------------------------------------------

TEST_CASE("csv: rows are written with CRLF and quoted only when needed") {
    CHECK(write_csv_row({"a", "b c", "x,y", "q\"q", "l1\nl2", "semi;colon", " pad", ""}) ==
          "a,b c,\"x,y\",\"q\"\"q\",\"l1\nl2\",\"semi;colon\",\" pad\",\r\n");
    CHECK(write_csv_row({}) == "\r\n");
}

TEST_CASE("csv: formula-like cells are neutralised with an apostrophe, reversibly") {
    CHECK(write_csv_row({"=SUM(A1:A9)", "+44 7700 900123", "-5", "@cmd", "\tx", "'=x", "ok'", "a=b"}) ==
          "'=SUM(A1:A9),'+44 7700 900123,'-5,'@cmd,'\tx,''=x,ok',a=b\r\n");
    CHECK(write_csv_row({"\r=1"}) == "\"'\r=1\"\r\n");
    for (std::string cell : {"=1", "+1", "-", "@", "'", "''", "'=", "''+x", "plain", "", "'tis", "\t", "x=1"})
        CHECK(unneutralise_cell(neutralise_cell(cell)) == cell);
    CHECK(unneutralise_cell("'tis") == "'tis");
}

TEST_CASE("csv: whatever is written reads back the same (property, fixed seed)") {
    std::mt19937 rng(20240613);
    const std::vector<std::string> pieces = {"a", "Zoë", ",", ";", "\"", "\r\n", "\n", " ", "=", "+", "-", "@", "'", "\t", "x y"};
    for (int round = 0; round < 200; ++round) {
        Rows rows;
        const std::size_t width = 1 + rng() % 5;
        std::string text;
        const std::size_t height = 1 + rng() % 4;
        for (std::size_t r = 0; r < height; ++r) {
            std::vector<std::string> row;
            for (std::size_t c = 0; c < width; ++c) {
                std::string cell;
                const std::size_t length = rng() % 5;
                for (std::size_t k = 0; k < length; ++k) cell += pieces[rng() % pieces.size()];
                if (width == 1 && cell.empty()) cell = "v";  // an empty one-field row would be a blank line
                row.push_back(cell);
            }
            text += write_csv_row(row);
            rows.push_back(row);
        }
        const CsvTable table = read_ok(text, ',');
        Rows back = {table.header};
        for (const auto& row : table.rows) back.push_back(row);
        for (auto& row : back)
            for (auto& cell : row) cell = std::string(unneutralise_cell(cell));
        CHECK(back == rows);
    }
}

// --- Mapping ------------------------------------------------------------------------------------

TEST_CASE("csv: flavours are told apart by their headers") {
    CHECK(detect_flavour(read_ok(fixture("google/contacts.csv"))) == CsvFlavour::Google);
    CHECK(detect_flavour(read_ok(fixture("linkedin/Connections.csv"))) == CsvFlavour::LinkedIn);
    CHECK(detect_flavour(read_ok("Name,Given Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value\n")) == CsvFlavour::Google);
    CHECK(detect_flavour(read_ok("Name,Email\n")) == CsvFlavour::Other);
    CHECK(detect_flavour(read_ok(export_csv({}))) == CsvFlavour::Other);
}

TEST_CASE("csv: guess_mapping reads common header words in several languages") {
    using F = ContactField;
    const auto guess = [](std::string header) { return guess_mapping(read_ok(header + "\n")).columns; };
    CHECK(guess("Name,E-mail,Email Address,Phone,Company,Organization Name,Job Title,Notes") ==
          std::vector<F>{F::DisplayName, F::Email, F::Email, F::Phone, F::Company, F::Company, F::Title, F::Notes});
    CHECK(guess("E-mail 1 - Label,E-mail 1 - Value,Phone 2 - Type,Phone 2 - Value,Website 1 - Value,Address 1 - City,"
                "Address 1 - Region,Address 1 - Country,Address 1 - Formatted,Organization Department") ==
          std::vector<F>{F::Ignore, F::Email, F::Ignore, F::Phone, F::Website, F::City, F::Region, F::Country, F::Ignore,
                         F::Ignore});
    CHECK(guess("First Name,Middle Name,Last Name,Phonetic First Name,Name Prefix,Nickname,File As,Labels,Birthday") ==
          std::vector<F>{F::GivenName, F::Ignore, F::FamilyName, F::Ignore, F::Ignore, F::Nickname, F::Ignore, F::Tags,
                         F::Birthday});
    // Outlook: "Title" is the salutation when a "Job Title" exists.
    CHECK(guess("Title,First Name,Last Name,Job Title,Business Phone,Mobile Phone,E-mail 2 Address,Web Page") ==
          std::vector<F>{F::Ignore, F::GivenName, F::FamilyName, F::Title, F::Phone, F::Phone, F::Email, F::Website});
    CHECK(guess("Prénom,Nom,Courriel,Téléphone,Société,Ville,Pays") ==
          std::vector<F>{F::GivenName, F::FamilyName, F::Email, F::Phone, F::Company, F::City, F::Country});
    CHECK(guess("Vorname,Nachname,E-Mail-Adresse,Telefon,Firma,Geburtstag,Notizen") ==
          std::vector<F>{F::GivenName, F::FamilyName, F::Email, F::Phone, F::Company, F::Birthday, F::Notes});
    CHECK(guess("Nombre,Apellido,Correo electrónico,Teléfono,Empresa,Cargo") ==
          std::vector<F>{F::GivenName, F::FamilyName, F::Email, F::Phone, F::Company, F::Title});
    CHECK(guess("Twitter,GitHub URL,Tags,Connected On,Favourite colour,") ==
          std::vector<F>{F::Handle, F::Handle, F::Tags, F::FirstMet, F::Ignore, F::Ignore});
    CHECK(guess(write_csv_row(export_csv_header())) ==
          std::vector<F>{F::DisplayName, F::GivenName, F::FamilyName, F::Nickname, F::Company, F::Title, F::City,
                         F::Region, F::Country, F::Email, F::Phone, F::Handle, F::Tags, F::Notes, F::Birthday,
                         F::FirstMet,
                         // Address 1 - Label, PO Box, Extended Address, Street, City, Region, Postal Code, Country:
                         // read as an address whatever the mapping; the city, region and country also as the person's
                         F::Ignore, F::Ignore, F::Ignore, F::Ignore, F::City, F::Region, F::Ignore, F::Country});
}

TEST_CASE("csv: loose dates") {
    const auto date = [](std::string_view text) { return parse_loose_date(text); };
    CHECK(date("1988-07-14") == PartialDate{1988, 7, 14});
    CHECK(date("--07-14") == PartialDate{0, 7, 14});
    CHECK(date("19880714") == PartialDate{1988, 7, 14});
    CHECK(date("1988/07/14") == PartialDate{1988, 7, 14});
    CHECK(date("14.07.1988") == PartialDate{1988, 7, 14});
    CHECK(date("12 Mar 2024") == PartialDate{2024, 3, 12});
    CHECK(date("03 Jan 2023") == PartialDate{2023, 1, 3});
    CHECK(date("14 July 1988") == PartialDate{1988, 7, 14});
    CHECK(date("Jul 14, 1988") == PartialDate{1988, 7, 14});
    CHECK(date("september 5 2020") == PartialDate{2020, 9, 5});
    CHECK(date("Sept 5") == PartialDate{0, 9, 5});
    CHECK(date("29 Feb") == PartialDate{0, 2, 29});
    CHECK(date("2024-03-12T10:00:00Z") == PartialDate{2024, 3, 12});
    for (std::string_view bad : {"", "03/04/2020", "14-07-1988", "31 Feb 2023", "29 Feb 2023", "Mar 2024", "12 Foo 2024",
                                 "yesterday", "0000-01-01", "12 Mar 24", "1 2 3 4"})
        CHECK_FALSE(date(bad).has_value());
}

// --- Importers ----------------------------------------------------------------------------------

TEST_CASE("csv: the Google Contacts sample, field by field") {
    Setup setup("contacts.csv");
    const Imported imported = import_csv(fixture("google/contacts.csv"), setup.context);
    CHECK_FALSE(imported.error.has_value());
    CHECK(messages(imported.warnings).empty());
    CHECK(imported.interactions.empty());
    REQUIRE(imported.contacts.size() == 2);

    Contact priya = setup.expected();
    priya.display_name = "Priya Raman";
    priya.given_name = "Priya";
    priya.family_name = "Raman";
    priya.nickname = "Pri";
    priya.company = "Acme Robotics";
    priya.title = "CTO";
    priya.city = "London";
    priya.country = "United Kingdom";
    priya.emails = {{"priya@acme.example", "work"}, {"priya.r@mail.example", "home"}};  // "* Work", "* Home"
    priya.phones = {{"+44 7700 900123", "mobile"}};
    priya.addresses = {{"work", "", "", "1 Main St", "London", "", "", "United Kingdom"}};  // street from "Formatted"
    priya.handles = {Handle{HandleKind::Website, "https://priya.example"}};
    priya.tags = {"Conference"};
    priya.notes = "Met at the Cloud Expo.\nLoves climbing.";
    priya.birthday = PartialDate{1988, 7, 14};
    CHECK(imported.contacts[0] == priya);

    Contact jo = setup.expected();
    jo.display_name = "Jo";
    jo.given_name = "Jo";
    jo.emails = {{"jo@example.org", {}}};
    CHECK(imported.contacts[1] == jo);
}

TEST_CASE("csv: Google multi-values, starred labels, middle names and the older column set") {
    Setup setup("google.csv");
    const std::string csv =
        "Name,Given Name,Additional Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
        "Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,Organization 1 - Title,Website 1 - Value,Birthday\r\n"
        ",Ada,King,Lovelace,* myContacts ::: * starred ::: Friends ::: Math,* Home ::: Work,"
        "ada@home.example ::: ada@work.example ::: ada@home.example,Mobile,+44 1 ::: +44 2,Analytical ::: Other Org,"
        "Countess,https://www.linkedin.com/in/ada ::: https://x.com/ada ::: https://ada.example,--12-10\r\n";
    const Imported imported = import_csv(csv, setup.context);
    REQUIRE(imported.contacts.size() == 1);
    const Contact& ada = imported.contacts[0];
    CHECK(ada.display_name == "");  // a Name column exists: it is not composed
    CHECK(ada.given_name == "Ada");
    CHECK(ada.family_name == "Lovelace");
    CHECK(ada.tags == std::vector<std::string>{"Friends", "Math"});
    CHECK(values_of(ada.emails) == std::vector<std::string>{"ada@home.example", "ada@work.example"});
    CHECK(ada.emails == std::vector<ContactPoint>{{"ada@home.example", "home"}, {"ada@work.example", "work"}});  // "* Home ::: Work"
    CHECK(values_of(ada.phones) == std::vector<std::string>{"+44 1", "+44 2"});
    CHECK(ada.company == "Analytical");
    CHECK(ada.title == "Countess");
    CHECK(ada.handles == std::vector<Handle>{{HandleKind::LinkedIn, "https://www.linkedin.com/in/ada"},
                                             {HandleKind::X, "https://x.com/ada"},
                                             {HandleKind::Website, "https://ada.example"}});
    CHECK(ada.birthday == PartialDate{0, 12, 10});

    // The newer set: no Name column, so the display name is first, middle and last.
    const Imported newer = import_csv("First Name,Middle Name,Last Name,Organization Name,E-mail 1 - Value\n"
                                      "Ada,King,Lovelace,,\n,,,Acme Ltd,info@acme.example\n",
                                      setup.context);
    REQUIRE(newer.contacts.size() == 2);
    CHECK(newer.contacts[0].display_name == "Ada King Lovelace");
    CHECK(newer.contacts[1].display_name == "Acme Ltd");
}

TEST_CASE("csv: the LinkedIn sample: preamble, dates, profile URLs, quoted commas and quotes") {
    Setup setup("Connections.csv");
    const Imported imported = import_csv(fixture("linkedin/Connections.csv"), setup.context);
    CHECK_FALSE(imported.error.has_value());
    CHECK(messages(imported.warnings).empty());
    REQUIRE(imported.contacts.size() == 4);

    const auto person = [&](std::string given, std::string family, std::string url, std::vector<std::string> emails,
                            std::string company, std::string title, Date met) {
        Contact c = setup.expected();
        c.display_name = given + " " + family;
        c.given_name = std::move(given);
        c.family_name = std::move(family);
        c.handles = {Handle{HandleKind::LinkedIn, std::move(url)}};
        c.emails = unlabelled(std::move(emails));
        c.company = std::move(company);
        c.title = std::move(title);
        c.first_met = met;
        return c;
    };
    CHECK(imported.contacts[0] == person("Ada", "Okafor", "https://www.linkedin.com/in/ada-okafor-1a2b3c", {},
                                         "Northwind Traders", "Head of Partnerships", Date::from_ymd(2024, 3, 12)));
    CHECK(imported.contacts[1] == person("Björn", "Lindqvist", "https://www.linkedin.com/in/bjornlindqvist",
                                         {"bjorn@example.se"}, "Fjord Analytics, AB", "Data Engineer",
                                         Date::from_ymd(2023, 1, 3)));
    CHECK(imported.contacts[2] == person("Mei", "Chen", "https://www.linkedin.com/in/meichen", {}, "",
                                         "Founder & CEO, \"Tiny Robots\"", Date::from_ymd(2021, 2, 28)));
    // A title is one line: the line break LinkedIn kept inside the quoted field becomes a space.
    CHECK(imported.contacts[3] == person("Sam", "O'Neil", "https://www.linkedin.com/in/samoneil", {"sam@oneil.example"},
                                         "Contoso", "Recruiter Tech & Product", Date::from_ymd(2019, 11, 15)));

    const CsvTable table = read_ok(to_utf8(fixture("linkedin/Connections.csv")));
    CHECK(table.header_line == 4);
    CHECK(table.row_lines == std::vector<std::size_t>{5, 6, 7, 8});
}

TEST_CASE("csv: LinkedIn dates that cannot be read are warned about with their line") {
    Setup setup("Connections.csv");
    const Imported imported = import_csv("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
                                         "Ada,Okafor,,,,,someday\r\nBo,Li,,,,,12 Mar\r\n",
                                         setup.context);
    REQUIRE(imported.contacts.size() == 2);
    CHECK_FALSE(imported.contacts[0].first_met.has_value());
    CHECK(messages(imported.warnings) ==
          std::vector<std::string>{"Connections.csv, line 2: the date \"someday\" is not a full date; left out",
                                   "Connections.csv, line 3: the date \"12 Mar\" is not a full date; left out"});
}

TEST_CASE("csv: any CSV through a mapping, given or guessed") {
    Setup setup("people.csv");
    const std::string csv = "Who;Mail;Groups;Met;Shoe size;Handle\n"
                            "Ada Okafor;ada@example.org, ada2@example.org;rust, berlin;2020-05-01;38;@ada\n"
                            ";;;;;\n"
                            "Bo;;;;42;@bo@hachyderm.io\n";
    using F = ContactField;
    const CsvMapping mapping{{F::DisplayName, F::Email, F::Tags, F::FirstMet, F::Ignore, F::Handle}};
    const Imported imported = import_csv(csv, setup.context, &mapping);
    REQUIRE(imported.contacts.size() == 2);
    Contact ada = setup.expected();
    ada.display_name = "Ada Okafor";
    ada.emails = {{"ada@example.org", {}}, {"ada2@example.org", {}}};
    ada.tags = {"rust", "berlin"};
    ada.first_met = Date::from_ymd(2020, 5, 1);
    ada.handles = {Handle{HandleKind::X, "@ada"}};
    CHECK(imported.contacts[0] == ada);
    CHECK(imported.contacts[1].display_name == "Bo");
    CHECK(imported.contacts[1].handles == std::vector<Handle>{{HandleKind::Mastodon, "@bo@hachyderm.io"}});
    CHECK(messages(imported.warnings) ==
          std::vector<std::string>{"people.csv: 1 row with nothing to import was skipped",
                                   "people.csv: 1 field Ties does not keep: Shoe size."});

    // A short mapping ignores the rest; a mapping of nothing is an error.
    const CsvMapping short_mapping{{F::DisplayName}};
    CHECK(import_csv(csv, setup.context, &short_mapping).contacts.size() == 2);
    const CsvMapping nothing{{F::Ignore, F::Ignore}};
    const Imported none = import_csv(csv, setup.context, &nothing);
    REQUIRE(none.error.has_value());
    CHECK(none.error->to_string() == "people.csv, line 1: no column is mapped to a contact field");

    // Guessed: "Mail" and "Groups" are understood, "Who" is not.
    const Imported guessed = import_csv(csv, setup.context);
    REQUIRE(guessed.contacts.size() == 2);
    CHECK(guessed.contacts[0].emails == ada.emails);
    CHECK(guessed.contacts[0].display_name == "");
}

TEST_CASE("csv: export_csv -> import_csv gives the same contacts") {
    std::vector<Contact> contacts;
    Contact zoe = test::full_contact(1);
    // Only what a CSV row holds.
    zoe.tier = Tier::None;
    zoe.cadence_days.reset();
    zoe.cadence_max_days.reset();
    zoe.how_met.clear();
    zoe.introduced_by.reset();
    zoe.met_at.reset();
    zoe.anniversary.reset();
    zoe.snoozed_until.reset();
    zoe.handles.push_back(Handle{HandleKind::X, "@zoe"});
    zoe.handles.push_back(Handle{HandleKind::LinkedIn, "https://www.linkedin.com/in/zoe"});
    zoe.handles.push_back(Handle{HandleKind::Bluesky, "zoe.bsky.social"});
    zoe.notes = "Line one, \"quoted\"; semi\nLine two\n=cmd() -1 @x";
    contacts.push_back(zoe);
    Contact formulas = test::minimal_contact(2);
    formulas.display_name = "=HYPERLINK(\"http://evil.example\",\"click\")";
    formulas.company = "-Minus Corp";
    formulas.title = "@admin";
    formulas.phones = {{"+1 555 0100", {}}, {"-0", {}}};
    formulas.tags = {"Smith, Jones & Co"};
    formulas.emails = {{"\"odd, but\"@example.org", {}}};  // one item with a comma: written with a trailing ";"
    formulas.birthday = PartialDate{1990, 1, 31};
    contacts.push_back(formulas);
    contacts.push_back(test::minimal_contact(3));
    Contact gone = test::full_contact(4);
    gone.meta.deleted = true;
    contacts.push_back(gone);

    const std::string csv = export_csv(contacts);
    CHECK(csv.substr(0, 3) == "\xEF\xBB\xBF");
    CHECK(csv.find("\r\n\"'=HYPERLINK(\"\"http") != std::string::npos);
    CHECK(csv.find(",'-Minus Corp,'@admin,") != std::string::npos);

    Setup setup("ties.csv");
    const CsvTable table = read_ok(to_utf8(csv));
    const CsvMapping mapping = guess_mapping(table);
    const Imported imported = import_csv(csv, setup.context, &mapping);
    CHECK(messages(imported.warnings).empty());
    REQUIRE(imported.contacts.size() == 3);
    for (std::size_t k = 0; k < 3; ++k) {
        Contact back = imported.contacts[k];
        back.meta = contacts[k].meta;
        CHECK(back.origin == ContactOrigin::Imported);  // what an import brings in is imported, whatever it was
        back.origin = contacts[k].origin;
        CHECK(back == contacts[k]);
    }
    // And without a mapping: the same guess.
    CHECK(import_csv(csv, setup.context).contacts.size() == 3);
}

TEST_CASE("csv: bad input gives one clear error and nothing else") {
    Setup setup("contacts.csv");
    const auto error_of = [&](std::string_view bytes) {
        const Imported imported = import_csv(bytes, setup.context);
        CHECK(imported.contacts.empty());
        CHECK_FALSE(imported.cancelled);
        return imported.error ? imported.error->to_string() : std::string("(no error)");
    };
    CHECK(error_of("") == "contacts.csv: the file is empty");
    CHECK(error_of("\xEF\xBB\xBF\r\n") == "contacts.csv: the file is empty");
    CHECK(error_of(std::string("PK\x03\x04\x14\0\0\0\x08\0\x1b\x5c", 12)) ==
          "contacts.csv: this is not a text file (binary data at byte 3)");
    CHECK(error_of(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)) ==
          "contacts.csv: this is not a text file (binary data at byte 7)");
    CHECK(error_of("Name,Notes\nAda,\"Likes\nclimbing\nBob,x\n") ==
          "contacts.csv, line 2: a quoted field starts here but its closing quote is missing");
    CHECK(error_of("Colour,Size\nred,4\n") ==
          "contacts.csv, line 1: no column name was recognised; choose what each column holds");

    // Over the limit: refused before a single byte is read (the pages are not even readable).
    const std::size_t size = kMaxImportBytes + 1;
    void* pages = mmap(nullptr, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    REQUIRE(pages != MAP_FAILED);
    CHECK(error_of(std::string_view(static_cast<const char*>(pages), size)) ==
          "contacts.csv: the file is 256.0 MB; files over 256.0 MB are not imported");
    munmap(pages, size);
}

TEST_CASE("csv: other encodings are read, with a warning for Windows-1252; stray NULs are dropped") {
    Setup setup("export.csv");
    const Imported latin = import_csv("Name,Company\nRen\xE9 M\xFCller,Caf\xE9 \x80\n", setup.context);
    REQUIRE(latin.contacts.size() == 1);
    CHECK(latin.contacts[0].display_name == "Ren\xC3\xA9 M\xC3\xBCller");
    CHECK(latin.contacts[0].company == "Caf\xC3\xA9 \xE2\x82\xAC");
    CHECK(messages(latin.warnings) ==
          std::vector<std::string>{"export.csv: the text is not all UTF-8: 4 bytes were read as Windows-1252 (the first at byte 17)"});

    std::string utf16 = "\xFF\xFE";
    for (char c : std::string("Name,Email\r\nAda,ada@example.org\r\n")) {
        utf16.push_back(c);
        utf16.push_back('\0');
    }
    const Imported wide = import_csv(utf16, setup.context);
    REQUIRE(wide.contacts.size() == 1);
    CHECK(values_of(wide.contacts[0].emails) == std::vector<std::string>{"ada@example.org"});
    CHECK(wide.warnings.empty());

    std::string with_nul = "Name,Email\nAda Okafor,ada@example.org\nBob,bob@example.org\n";
    with_nul.insert(15, 1, '\0');
    const Imported nul = import_csv(with_nul, setup.context);
    REQUIRE(nul.contacts.size() == 2);
    CHECK(nul.contacts[0].display_name == "Ada Okafor");

    // Control characters in a cell: a lone CR is a line break, tab stays, the rest go.
    const Imported controls = import_csv("Name,Notes\nAda,\"one\x01\x1b\rtwo\tthree\r\nfour\"\n", setup.context);
    REQUIRE(controls.contacts.size() == 1);
    CHECK(controls.contacts[0].notes == "one\ntwo\tthree\nfour");
}

TEST_CASE("csv: progress every 1000 rows; false cancels with nothing imported") {
    std::string csv = "Name,Email\n";
    for (int i = 0; i < 2500; ++i) csv += "Person " + std::to_string(i) + ",p" + std::to_string(i) + "@example.org\n";
    Setup setup("big.csv");
    std::vector<double> calls;
    setup.context.progress = [&](double done) {
        calls.push_back(done);
        return true;
    };
    const Imported all = import_csv(csv, setup.context);
    CHECK(all.contacts.size() == 2500);
    CHECK(calls == std::vector<double>{0.0, 0.4, 0.8});

    setup.context.progress = [](double done) { return done < 0.5; };
    const Imported cancelled = import_csv(csv, setup.context);
    CHECK(cancelled.cancelled);
    CHECK(cancelled.contacts.empty());
    CHECK(cancelled.warnings.empty());
    CHECK_FALSE(cancelled.error.has_value());
}

TEST_CASE("csv: warnings are capped") {
    std::string csv = "Name,Birthday\n";
    for (int i = 0; i < 80; ++i) csv += "P" + std::to_string(i) + ",never\n";
    Setup setup("b.csv");
    const Imported imported = import_csv(csv, setup.context);
    CHECK(imported.contacts.size() == 80);
    REQUIRE(imported.warnings.size() == 51);
    CHECK(imported.warnings[0].to_string() == "b.csv, line 2: the birthday \"never\" is not a date; left out");
    CHECK(imported.warnings[50].to_string() == "b.csv: and 30 more warnings");
}

TEST_CASE("csv: Google's Type columns, \" ::: \" lists and addresses in parts") {
    Setup setup("google.csv");
    const std::string csv =
        "Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,"
        "Phone 2 - Type,Phone 2 - Value,Address 1 - Type,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
        "Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
        "Address 1 - Extended Address,Address 2 - Type,Address 2 - Street,Address 2 - City,Address 2 - Country\r\n"
        "Ana Silva,Ana,Silva,* Work ::: Home,ana@work.example ::: ana@home.example,Mobile,905-555-1234,"
        "Work Fax,(905) 555-1234 ::: 905-777-0000,* Home,\"Rua A 1\nLisboa\",Rua A 1,Lisboa,PO 9,Lisboa District,1000-001,"
        "Portugal,3 Esq,Summer,Praia 2,Faro,Portugal\r\n";
    const Imported imported = import_csv(csv, setup.context);
    REQUIRE(imported.contacts.size() == 1);
    const Contact& ana = imported.contacts[0];
    CHECK(ana.emails == std::vector<ContactPoint>{{"ana@work.example", "work"}, {"ana@home.example", "home"}});
    // The same number in two formats is kept once, with its first label.
    CHECK(ana.phones == std::vector<ContactPoint>{{"905-555-1234", "mobile"}, {"905-777-0000", "work fax"}});
    CHECK(ana.addresses == std::vector<PostalAddress>{
                               {"home", "PO 9", "3 Esq", "Rua A 1", "Lisboa", "Lisboa District", "1000-001", "Portugal"},
                               {"Summer", "", "", "Praia 2", "Faro", "", "", "Portugal"}});
    CHECK(ana.city == "Lisboa");
    CHECK(ana.country == "Portugal");
    CHECK(messages(imported.warnings).empty());
}

TEST_CASE("csv: Outlook's Business, Home and Mobile columns give labels and addresses") {
    Setup setup("outlook.csv");
    const std::string csv =
        "First Name,Last Name,E-mail Address,Business Phone,Home Phone,Mobile Phone,Business Street,Business Street 2,"
        "Business City,Business State,Business Postal Code,Business Country/Region,Home Street,Home City\r\n"
        "Bob,Stone,bob@example.com,+1 212 555 0100,+1 212 555 0101,+1 917 555 0102,1 Wall St,Floor 9,New York,NY,10005,"
        "United States,5 Elm Rd,Brooklyn\r\n";
    const Imported imported = import_csv(csv, setup.context);
    REQUIRE(imported.contacts.size() == 1);
    const Contact& bob = imported.contacts[0];
    CHECK(bob.emails == std::vector<ContactPoint>{{"bob@example.com", ""}});
    CHECK(bob.phones == std::vector<ContactPoint>{
                            {"+1 212 555 0100", "work"}, {"+1 212 555 0101", "home"}, {"+1 917 555 0102", "mobile"}});
    CHECK(bob.addresses == std::vector<PostalAddress>{
                               {"work", "", "", "1 Wall St\nFloor 9", "New York", "NY", "10005", "United States"},
                               {"home", "", "", "5 Elm Rd", "Brooklyn", "", "", ""}});
    CHECK(bob.city == "New York");
}

TEST_CASE("csv: export_csv writes labels and every address, and reads them back") {
    Contact c = test::minimal_contact(7);
    c.emails = {{"a@work.example", "work"}, {"a@club.example", "Chess club"}, {"plain@example.org", ""}};
    c.phones = {{"+1 555 0100", "mobile"}};
    c.addresses = {{"home", "", "", "1 Main St", "Springfield", "", "12345", "USA"},
                   {"", "PO 1", "Unit 2", "Dock Rd; Pier 3", "Harbour", "Coast", "99999", "Atlantis"},
                   {"work", "", "", "Office Park 4", "", "", "", ""}};
    const std::string csv = export_csv({c, test::minimal_contact(8)});
    CHECK(csv.find(",\"a@work.example (work); a@club.example (Chess club); plain@example.org\",'+1 555 0100 (mobile),") !=
          std::string::npos);
    CHECK(csv.find("Address 3 - Country") != std::string::npos);
    Setup setup("ties.csv");
    const Imported imported = import_csv(csv, setup.context);
    REQUIRE(imported.contacts.size() == 2);
    CHECK(imported.contacts[0].emails == c.emails);
    CHECK(imported.contacts[0].phones == c.phones);
    CHECK(imported.contacts[0].addresses == c.addresses);
    CHECK(imported.contacts[0].city == "Springfield");  // the person's place: the first address's
    CHECK(imported.contacts[1].addresses.empty());
}
