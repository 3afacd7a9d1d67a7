// CSV contacts: see csv_import.hpp. Bytes -> UTF-8 -> CsvTable -> a mapping (Google, LinkedIn, a
// guess or the user's) -> one Contact per row. Header words live in one table below; the rest is
// cell cleaning and a few per-field rules.
// Sections, in order (search for "// --- "): Header words · Cells and values · Labels and addresses
//   · Export cells · Reading a file: flavour, mapping, dates, rows · Writing a file.
#include "io/csv_import.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

namespace ties::io {
namespace {

constexpr std::size_t kMaxWarnings = 50;
constexpr std::size_t kProgressEvery = 1000;
constexpr std::size_t kBinarySample = 4096;
constexpr std::size_t kMaxListItems = 200;  // emails or phones per row

// --- Header words ---------------------------------------------------------------------------------

struct HeaderWord {
    std::string_view name;  // normalised: lowercase ASCII, words separated by one space
    ContactField field;
};

constexpr HeaderWord kHeaderWords[] = {
    {"name", ContactField::DisplayName}, {"full name", ContactField::DisplayName},
    {"display name", ContactField::DisplayName}, {"contact name", ContactField::DisplayName},
    {"nom complet", ContactField::DisplayName}, {"vollständiger name", ContactField::DisplayName},
    {"anzeigename", ContactField::DisplayName}, {"nombre completo", ContactField::DisplayName},
    {"nome completo", ContactField::DisplayName}, {"volledige naam", ContactField::DisplayName},

    {"first name", ContactField::GivenName}, {"firstname", ContactField::GivenName},
    {"given name", ContactField::GivenName}, {"forename", ContactField::GivenName},
    {"first", ContactField::GivenName}, {"prénom", ContactField::GivenName}, {"prenom", ContactField::GivenName},
    {"vorname", ContactField::GivenName}, {"nombre", ContactField::GivenName}, {"nome", ContactField::GivenName},
    {"voornaam", ContactField::GivenName},

    {"last name", ContactField::FamilyName}, {"lastname", ContactField::FamilyName},
    {"family name", ContactField::FamilyName}, {"surname", ContactField::FamilyName},
    {"last", ContactField::FamilyName}, {"nom", ContactField::FamilyName},
    {"nom de famille", ContactField::FamilyName}, {"nachname", ContactField::FamilyName},
    {"familienname", ContactField::FamilyName}, {"apellido", ContactField::FamilyName},
    {"apellidos", ContactField::FamilyName}, {"cognome", ContactField::FamilyName},
    {"achternaam", ContactField::FamilyName},

    {"nickname", ContactField::Nickname}, {"nick name", ContactField::Nickname}, {"nick", ContactField::Nickname},
    {"spitzname", ContactField::Nickname}, {"surnom", ContactField::Nickname}, {"apodo", ContactField::Nickname},
    {"soprannome", ContactField::Nickname}, {"bijnaam", ContactField::Nickname},

    {"company", ContactField::Company}, {"company name", ContactField::Company},
    {"organization", ContactField::Company}, {"organisation", ContactField::Company},
    {"organization name", ContactField::Company}, {"organisation name", ContactField::Company},
    {"employer", ContactField::Company}, {"firma", ContactField::Company}, {"unternehmen", ContactField::Company},
    {"entreprise", ContactField::Company}, {"société", ContactField::Company}, {"societe", ContactField::Company},
    {"empresa", ContactField::Company}, {"azienda", ContactField::Company}, {"bedrijf", ContactField::Company},

    {"title", ContactField::Title}, {"job title", ContactField::Title}, {"jobtitle", ContactField::Title},
    {"position", ContactField::Title}, {"organization title", ContactField::Title},
    {"organisation title", ContactField::Title}, {"role", ContactField::Title}, {"occupation", ContactField::Title},
    {"poste", ContactField::Title}, {"fonction", ContactField::Title}, {"titre", ContactField::Title},
    {"berufsbezeichnung", ContactField::Title}, {"cargo", ContactField::Title}, {"puesto", ContactField::Title},
    {"ruolo", ContactField::Title}, {"functie", ContactField::Title},

    {"city", ContactField::City}, {"town", ContactField::City}, {"address city", ContactField::City},
    {"locality", ContactField::City}, {"ville", ContactField::City}, {"stadt", ContactField::City},
    {"ort", ContactField::City}, {"ciudad", ContactField::City}, {"città", ContactField::City},
    {"plaats", ContactField::City}, {"woonplaats", ContactField::City},

    {"region", ContactField::Region}, {"state", ContactField::Region}, {"province", ContactField::Region},
    {"county", ContactField::Region}, {"address region", ContactField::Region},
    {"bundesland", ContactField::Region}, {"région", ContactField::Region}, {"provincia", ContactField::Region},
    {"regione", ContactField::Region}, {"provincie", ContactField::Region},

    {"country", ContactField::Country}, {"address country", ContactField::Country},
    {"country region", ContactField::Country}, {"land", ContactField::Country}, {"pays", ContactField::Country},
    {"país", ContactField::Country}, {"pais", ContactField::Country}, {"paese", ContactField::Country},

    {"email", ContactField::Email}, {"e mail", ContactField::Email}, {"emails", ContactField::Email},
    {"mail", ContactField::Email}, {"email address", ContactField::Email},
    {"e mail address", ContactField::Email}, {"courriel", ContactField::Email}, {"correo", ContactField::Email},
    {"correo electrónico", ContactField::Email}, {"adresse e mail", ContactField::Email},
    {"e mail adresse", ContactField::Email},

    {"phone", ContactField::Phone}, {"phones", ContactField::Phone}, {"phone number", ContactField::Phone},
    {"telephone", ContactField::Phone}, {"tel", ContactField::Phone}, {"mobile", ContactField::Phone},
    {"mobile phone", ContactField::Phone}, {"cell", ContactField::Phone}, {"cell phone", ContactField::Phone},
    {"téléphone", ContactField::Phone}, {"telefon", ContactField::Phone}, {"telefonnummer", ContactField::Phone},
    {"handy", ContactField::Phone}, {"teléfono", ContactField::Phone}, {"telefono", ContactField::Phone},
    {"telefoonnummer", ContactField::Phone},

    {"handle", ContactField::Handle}, {"handles", ContactField::Handle}, {"twitter", ContactField::Handle},
    {"x", ContactField::Handle}, {"mastodon", ContactField::Handle}, {"bluesky", ContactField::Handle},
    {"github", ContactField::Handle}, {"linkedin", ContactField::Handle}, {"social", ContactField::Handle},
    {"social profiles", ContactField::Handle}, {"profiles", ContactField::Handle},
    {"username", ContactField::Handle}, {"user name", ContactField::Handle},

    {"website", ContactField::Website}, {"websites", ContactField::Website}, {"web site", ContactField::Website},
    {"url", ContactField::Website}, {"homepage", ContactField::Website}, {"home page", ContactField::Website},
    {"web page", ContactField::Website}, {"web", ContactField::Website}, {"site", ContactField::Website},
    {"site web", ContactField::Website}, {"webseite", ContactField::Website}, {"sitio web", ContactField::Website},
    {"sito web", ContactField::Website}, {"profile url", ContactField::Website},

    {"tags", ContactField::Tags}, {"tag", ContactField::Tags}, {"labels", ContactField::Tags},
    {"groups", ContactField::Tags}, {"group", ContactField::Tags}, {"group membership", ContactField::Tags},
    {"categories", ContactField::Tags}, {"category", ContactField::Tags}, {"lists", ContactField::Tags},
    {"gruppen", ContactField::Tags}, {"kategorien", ContactField::Tags}, {"étiquettes", ContactField::Tags},
    {"etiquetas", ContactField::Tags}, {"categorie", ContactField::Tags},

    {"notes", ContactField::Notes}, {"note", ContactField::Notes}, {"comments", ContactField::Notes},
    {"comment", ContactField::Notes}, {"description", ContactField::Notes}, {"remarks", ContactField::Notes},
    {"about", ContactField::Notes}, {"notizen", ContactField::Notes}, {"notiz", ContactField::Notes},
    {"bemerkungen", ContactField::Notes}, {"remarques", ContactField::Notes}, {"notas", ContactField::Notes},
    {"opmerkingen", ContactField::Notes},

    {"birthday", ContactField::Birthday}, {"birth date", ContactField::Birthday},
    {"birthdate", ContactField::Birthday}, {"date of birth", ContactField::Birthday},
    {"dob", ContactField::Birthday}, {"born", ContactField::Birthday}, {"geburtstag", ContactField::Birthday},
    {"geburtsdatum", ContactField::Birthday}, {"anniversaire", ContactField::Birthday},
    {"date de naissance", ContactField::Birthday}, {"cumpleaños", ContactField::Birthday},
    {"fecha de nacimiento", ContactField::Birthday}, {"compleanno", ContactField::Birthday},
    {"verjaardag", ContactField::Birthday},

    {"first met", ContactField::FirstMet}, {"connected on", ContactField::FirstMet},
    {"connected", ContactField::FirstMet}, {"met on", ContactField::FirstMet}, {"date met", ContactField::FirstMet},
    {"met", ContactField::FirstMet}, {"first contact", ContactField::FirstMet},
};

// Words that make a column something Ties does not keep, whatever else its name says.
constexpr std::string_view kAlwaysIgnored[] = {"phonetic", "yomi"};
constexpr std::string_view kIgnoredWords[] = {
    "department", "prefix", "suffix",  "middle",   "additional", "maiden",   "initials", "formatted", "street",
    "postal",     "zip",    "box",     "extended", "location",   "symbol",   "gender",   "language",  "label",
    "type",       "file",   "photo",   "picture",  "relation",   "event",    "custom",   "priority",  "sensitivity"};

struct Keyword {
    std::string_view word;
    ContactField field;
};

// When no exact name matched: the first of these words found in the name decides.
constexpr Keyword kKeywords[] = {
    {"email", ContactField::Email},       {"mail", ContactField::Email},          {"courriel", ContactField::Email},
    {"phone", ContactField::Phone},       {"mobile", ContactField::Phone},        {"telephone", ContactField::Phone},
    {"tel", ContactField::Phone},         {"cell", ContactField::Phone},          {"telefon", ContactField::Phone},
    {"twitter", ContactField::Handle},    {"mastodon", ContactField::Handle},     {"github", ContactField::Handle},
    {"bluesky", ContactField::Handle},    {"linkedin", ContactField::Handle},     {"handle", ContactField::Handle},
    {"website", ContactField::Website},   {"homepage", ContactField::Website},    {"url", ContactField::Website},
    {"web", ContactField::Website},       {"birthday", ContactField::Birthday},   {"geburtstag", ContactField::Birthday},
    {"notes", ContactField::Notes},       {"note", ContactField::Notes},          {"comments", ContactField::Notes},
    {"city", ContactField::City},         {"country", ContactField::Country},     {"state", ContactField::Region},
    {"region", ContactField::Region},     {"province", ContactField::Region},     {"company", ContactField::Company},
    {"organization", ContactField::Company}, {"organisation", ContactField::Company}, {"employer", ContactField::Company},
    {"tags", ContactField::Tags},         {"labels", ContactField::Tags},         {"groups", ContactField::Tags},
};

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// "E-mail 2 - Value" -> {"e", "mail"}: lowercase words, numbers and a trailing "value" dropped.
std::vector<std::string> header_words(std::string_view name) {
    std::vector<std::string> words;
    std::string word;
    const auto flush = [&] {
        if (!word.empty() && !std::all_of(word.begin(), word.end(), is_ascii_digit)) words.push_back(word);
        word.clear();
    };
    for (char c : name) {
        if (is_ascii_alpha(c) || is_ascii_digit(c) || static_cast<unsigned char>(c) >= 0x80) word.push_back(ascii_lower(c));
        else flush();
    }
    flush();
    if (words.size() > 1 && words.back() == "value") words.pop_back();
    return words;
}

template <typename List>
bool contains_word(const std::vector<std::string>& words, const List& list) {
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
        return std::find(std::begin(list), std::end(list), std::string_view(w)) != std::end(list);
    });
}

ContactField field_for_header(std::string_view name) {
    const std::vector<std::string> words = header_words(name);
    if (words.empty() || contains_word(words, kAlwaysIgnored)) return ContactField::Ignore;
    if (words.back() == "label" || words.back() == "type") return ContactField::Ignore;
    const std::string joined = join_list(words, " ");
    for (const HeaderWord& entry : kHeaderWords)
        if (entry.name == joined) return entry.field;
    if (contains_word(words, kIgnoredWords)) return ContactField::Ignore;
    for (const Keyword& keyword : kKeywords)
        if (std::find(words.begin(), words.end(), keyword.word) != words.end()) return keyword.field;
    return ContactField::Ignore;
}

bool header_is(std::string_view header, std::string_view name) {
    header = trim(header);
    if (header.size() != name.size()) return false;
    for (std::size_t i = 0; i < name.size(); ++i)
        if (ascii_lower(header[i]) != ascii_lower(name[i])) return false;
    return true;
}

bool has_header(const CsvTable& table, std::string_view name) {
    return std::any_of(table.header.begin(), table.header.end(), [&](const std::string& h) { return header_is(h, name); });
}

// "E-mail 1 - Value", "Organization 1 - Name": Google's numbered columns.
bool is_google_numbered(std::string_view header) {
    const std::size_t dash = header.find(" - ");
    if (dash == std::string_view::npos || dash < 2) return false;
    std::size_t k = dash;
    while (k > 0 && is_ascii_digit(header[k - 1])) --k;
    return k < dash && k > 1 && header[k - 1] == ' ';
}

// --- Cells and values -------------------------------------------------------------------------------

std::string clean_cell(std::string_view cell) {
    cell = unneutralise_cell(cell);
    std::string out;
    out.reserve(cell.size());
    for (std::size_t i = 0; i < cell.size(); ++i) {
        const char c = cell[i];
        if (c == '\r') {
            if (!(i + 1 < cell.size() && cell[i + 1] == '\n')) out.push_back('\n');
        } else if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') {
            out.push_back(c);  // other control characters are dropped
        }
    }
    return std::string(trim(out));
}

// Splits on ";" and ":::" (and "," when `commas` and neither is there); trimmed, no empties, no duplicates.
std::vector<std::string> split_values(std::string_view value, bool commas) {
    std::string unified;
    unified.reserve(value.size());
    bool separated = false;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value.substr(i, 3) == ":::") {
            unified.push_back(';');
            i += 2;
            separated = true;
        } else {
            if (value[i] == ';') separated = true;
            unified.push_back(value[i]);
        }
    }
    return split_list(unified, separated || !commas ? ';' : ',');
}

std::string first_of_google(std::string_view value) {
    const std::vector<std::string> parts = split_values(value, false);
    return parts.empty() ? std::string() : parts.front();
}

bool host_is(std::string_view host, std::string_view domain) {
    return host == domain ||
           (host.size() > domain.size() && host.substr(host.size() - domain.size()) == domain &&
            host[host.size() - domain.size() - 1] == '.');
}

// A URL (with or without its scheme) of a known network: its kind; else nullopt.
std::optional<HandleKind> kind_of_url(std::string_view value) {
    std::string url = ascii_lowercase(value);
    std::string_view rest = url;
    bool had_scheme = false;
    for (std::string_view scheme : {"https://", "http://"}) {
        if (rest.substr(0, scheme.size()) == scheme) {
            rest.remove_prefix(scheme.size());
            had_scheme = true;
        }
    }
    if (rest.find(' ') != std::string_view::npos) return std::nullopt;
    const std::size_t slash = rest.find('/');
    const std::string_view host = rest.substr(0, slash);
    const std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    if (host.find('.') == std::string_view::npos || (!had_scheme && slash == std::string_view::npos)) return std::nullopt;
    if (host_is(host, "linkedin.com")) return HandleKind::LinkedIn;
    if (host_is(host, "x.com") || host_is(host, "twitter.com")) return HandleKind::X;
    if (host_is(host, "github.com")) return HandleKind::GitHub;
    if (host_is(host, "bsky.app")) return HandleKind::Bluesky;
    if (path.substr(0, 2) == "/@") return HandleKind::Mastodon;
    return had_scheme ? std::optional<HandleKind>(HandleKind::Website) : std::nullopt;
}

Handle handle_from(std::string_view value, bool website_column) {
    for (HandleKind kind : {HandleKind::X, HandleKind::LinkedIn, HandleKind::Mastodon, HandleKind::Bluesky,
                            HandleKind::GitHub, HandleKind::Website, HandleKind::Other}) {
        const std::string_view name = to_string(kind);
        if (value.size() > name.size() + 2 && value.substr(0, name.size()) == name && value.substr(name.size(), 2) == ": ") {
            const std::string_view rest = trim(value.substr(name.size() + 2));
            if (!rest.empty()) return Handle{kind, std::string(rest)};
        }
    }
    if (const auto kind = kind_of_url(value)) return Handle{*kind, std::string(value)};
    if (website_column) return Handle{HandleKind::Website, std::string(value)};
    if (value.size() > 1 && value[0] == '@') {
        const std::size_t second = value.find('@', 1);
        return Handle{second != std::string_view::npos ? HandleKind::Mastodon : HandleKind::X, std::string(value)};
    }
    const std::string lower = ascii_lowercase(value);
    if (lower.size() > 12 && lower.substr(lower.size() - 12) == ".bsky.social") return Handle{HandleKind::Bluesky, std::string(value)};
    return Handle{HandleKind::Other, std::string(value)};
}

template <typename T>
void add_unique(std::vector<T>& list, T value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

std::optional<int> month_from_name(std::string_view word) {
    static constexpr std::array<std::string_view, 12> kMonths = {"january", "february", "march",     "april",
                                                                 "may",     "june",     "july",      "august",
                                                                 "september", "october", "november", "december"};
    const std::string lower = ascii_lowercase(word);
    if (lower.size() < 3) return std::nullopt;
    for (std::size_t m = 0; m < kMonths.size(); ++m) {
        const std::string_view name = kMonths[m];
        if (lower.size() <= name.size() && name.substr(0, lower.size()) == lower) return static_cast<int>(m) + 1;
    }
    return std::nullopt;
}

std::optional<int> number_of(std::string_view text) {
    if (text.empty() || text.size() > 4) return std::nullopt;
    int value = 0;
    for (char c : text) {
        if (!is_ascii_digit(c)) return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::optional<PartialDate> date_from(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1 || day > 31 || year < 0 || year > 9999) return std::nullopt;
    char text[48];
    if (year == 0) std::snprintf(text, sizeof text, "--%02d-%02d", month, day);
    else std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return PartialDate::parse(text);
}

std::string mebibytes(std::size_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return text;
}

// The first control byte (not tab, LF, CR, FF) of a sample, if the sample has many (more than one
// in 32 bytes, and at least 4): binary data.
std::optional<std::size_t> binary_at(std::string_view bytes) {
    if (bytes.size() >= 2 && ((static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xFE) ||
                              (static_cast<unsigned char>(bytes[0]) == 0xFE && static_cast<unsigned char>(bytes[1]) == 0xFF)))
        return std::nullopt;  // UTF-16: its zero bytes are text
    const std::string_view sample = bytes.substr(0, kBinarySample);
    std::size_t controls = 0;
    std::optional<std::size_t> first;
    for (std::size_t i = 0; i < sample.size(); ++i) {
        const auto b = static_cast<unsigned char>(sample[i]);
        if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
            ++controls;
            if (!first) first = i;
        }
    }
    if (controls >= 4 && controls * 32 > sample.size()) return first;
    return std::nullopt;
}

class Warnings {
public:
    Warnings(std::vector<Problem>& out, const std::string& file) : out_(out), file_(file) {}
    void add(std::size_t line, std::string text) {
        if (out_.size() < kMaxWarnings) out_.push_back(Problem{file_, line, std::move(text)});
        else ++dropped_;
    }
    void finish() {
        if (dropped_ > 0) out_.push_back(Problem{file_, 0, "and " + std::to_string(dropped_) + " more warnings"});
    }

private:
    std::vector<Problem>& out_;
    const std::string& file_;
    std::size_t dropped_ = 0;
};

Imported failure(const std::string& file, std::size_t line, std::string text) {
    Imported result;
    result.error = Problem{file, line, std::move(text)};
    return result;
}

// --- Labels and addresses -----------------------------------------------------------------------

// A header's words in lower case, numbers kept ("Address 1 - Postal Code" -> address 1 postal code).
std::vector<std::string> header_tokens(std::string_view name) {
    std::vector<std::string> words;
    std::string word;
    for (char c : name) {
        if (is_ascii_alpha(c) || is_ascii_digit(c) || static_cast<unsigned char>(c) >= 0x80) {
            word.push_back(ascii_lower(c));
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

// The kind a column's name gives its emails or phones: Outlook's "Business Phone", "Home Fax",
// "Mobile Phone"; "" for a plain "Phone" or "E-mail 1 - Value".
std::string label_of_header(std::string_view header) {
    const std::vector<std::string> words = header_tokens(header);
    const auto has = [&](std::initializer_list<std::string_view> list) {
        return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
            return std::find(list.begin(), list.end(), std::string_view(w)) != list.end();
        });
    };
    const bool work = has({"business", "work", "company"});
    const bool home = has({"home", "private"});
    if (has({"fax"})) return work ? "work fax" : home ? "home fax" : "fax";
    if (has({"pager"})) return "pager";
    if (has({"mobile", "cell", "handy"})) return "mobile";
    if (work) return "work";
    if (home) return "home";
    if (has({"primary", "main"})) return "main";
    if (has({"other"})) return "other";
    return {};
}

// Google's "E-mail 1 - Label" (or "- Type") for its "E-mail 1 - Value".
std::optional<std::size_t> label_column_for(const CsvTable& table, std::size_t column) {
    const std::string_view header = trim(table.header[column]);
    const std::size_t dash = header.rfind(" - ");
    if (dash == std::string_view::npos) return std::nullopt;
    const std::string_view prefix = header.substr(0, dash);
    for (std::size_t c = 0; c < table.header.size(); ++c) {
        const std::string_view other = trim(table.header[c]);
        if (c == column || other.size() <= prefix.size() || other.substr(0, prefix.size()) != prefix) continue;
        const std::string_view rest = other.substr(prefix.size());
        if (header_is(rest, "- Label") || header_is(rest, "- Type")) return c;  // header_is trims
    }
    return std::nullopt;
}

enum class AddressPart { Label, PoBox, Extended, Street, Locality, Region, Postcode, Country, Formatted };

struct AddressColumn {
    std::size_t column = 0;
    AddressPart part = AddressPart::Street;
};

// The columns of one address: Google's "Address 1 - Street", Outlook's "Business Street", ours.
struct AddressColumns {
    std::string key;    // "address 1", "business", "home"
    std::string label;  // what the key says of its kind ("business" -> "work")
    std::vector<AddressColumn> columns;
};

std::vector<AddressColumns> address_columns(const CsvTable& table) {
    struct Suffix {
        std::initializer_list<std::string_view> words;
        AddressPart part;
    };
    static const Suffix kSuffixes[] = {
        {{"country", "region"}, AddressPart::Country}, {{"country"}, AddressPart::Country},
        {{"postal", "code"}, AddressPart::Postcode},   {{"zip", "code"}, AddressPart::Postcode},
        {{"post", "code"}, AddressPart::Postcode},     {{"postcode"}, AddressPart::Postcode},
        {{"zip"}, AddressPart::Postcode},              {{"po", "box"}, AddressPart::PoBox},
        {{"pobox"}, AddressPart::PoBox},               {{"extended", "address"}, AddressPart::Extended},
        {{"extended"}, AddressPart::Extended},         {{"street", "address"}, AddressPart::Street},
        {{"street"}, AddressPart::Street},             {{"city"}, AddressPart::Locality},
        {{"locality"}, AddressPart::Locality},         {{"town"}, AddressPart::Locality},
        {{"state"}, AddressPart::Region},              {{"region"}, AddressPart::Region},
        {{"province"}, AddressPart::Region},           {{"label"}, AddressPart::Label},
        {{"type"}, AddressPart::Label},                {{"formatted"}, AddressPart::Formatted},
    };
    std::vector<AddressColumns> groups;
    for (std::size_t c = 0; c < table.header.size(); ++c) {
        std::vector<std::string> words = header_tokens(table.header[c]);
        if (!words.empty() && !std::all_of(words.back().begin(), words.back().end(), is_ascii_digit)) {
        } else if (words.size() > 1) {
            words.pop_back();  // Outlook's "Business Street 2"
        }
        for (const Suffix& suffix : kSuffixes) {
            const std::size_t n = suffix.words.size();
            if (words.size() < n || !std::equal(suffix.words.begin(), suffix.words.end(), words.end() - static_cast<std::ptrdiff_t>(n)))
                continue;
            const std::vector<std::string> key_words(words.begin(), words.end() - static_cast<std::ptrdiff_t>(n));
            const std::string key = join_list(key_words, " ");
            const bool addressy = key.find("address") != std::string::npos;
            if ((suffix.part == AddressPart::Label || suffix.part == AddressPart::Formatted) && !addressy) break;  // "E-mail 1 - Label"
            auto group = std::find_if(groups.begin(), groups.end(), [&](const AddressColumns& g) { return g.key == key; });
            if (group == groups.end()) {
                groups.push_back({key, label_of_header(key), {}});
                group = groups.end() - 1;
            }
            group->columns.push_back({c, suffix.part});
            break;
        }
    }
    // A group is an address when it says so, or has more than a city, region or country
    // (a table's lone "City" column is the person's city, not an address).
    std::erase_if(groups, [](const AddressColumns& g) {
        if (g.key.find("address") != std::string::npos) return false;
        return std::none_of(g.columns.begin(), g.columns.end(), [](const AddressColumn& a) {
            return a.part == AddressPart::Street || a.part == AddressPart::PoBox || a.part == AddressPart::Extended ||
                   a.part == AddressPart::Postcode;
        });
    });
    return groups;
}

// The street of a formatted address ("1 Main St\nLondon") when a table has no street column: its
// lines other than those that are the city, region, postal code or country given in their own.
std::string street_of(std::string_view formatted, const PostalAddress& a) {
    std::vector<std::string> lines;
    for (const std::string& line : split_list(formatted, '\n')) {
        const bool known = line == a.locality || line == a.region || line == a.postcode || line == a.country ||
                           line == a.postcode + " " + a.locality || line == a.locality + " " + a.postcode ||
                           line == a.locality + ", " + a.region + " " + a.postcode;
        if (!known) lines.push_back(line);
    }
    return join_list(lines, "\n");
}

// The labelled values of an email or phone cell: each item's own "(label)" (as export_csv
// writes), else the label column's (one for all, or item by item when it holds a " ::: " list),
// else the column name's kind.
std::vector<ContactPoint> points_from(const std::vector<std::string>& items, const std::vector<std::string>& labels,
                                      const std::string& header_label) {
    std::vector<ContactPoint> points;
    for (std::size_t i = 0; i < items.size(); ++i) {
        ContactPoint point = parse_point(items[i]);
        if (point.label.empty()) {
            if (labels.size() == 1) point.label = labels.front();  // one kind for all
            else if (i < labels.size()) point.label = labels[i];
            else if (labels.empty()) point.label = header_label;
        }
        point.label = canonical_label(point.label);
        points.push_back(std::move(point));
    }
    return points;
}

// --- Export cells -------------------------------------------------------------------------------------

// Lists that import_csv splits on commas when there is no ";": one item holding a comma gets a
// trailing ";" so that it is read back whole.
std::string list_cell(const std::vector<std::string>& items) {
    std::string cell = join_list(items, "; ");
    if (items.size() == 1 && cell.find(',') != std::string::npos) cell += ";";
    return cell;
}

std::string handles_cell(const std::vector<Handle>& handles) {
    std::vector<std::string> items;
    items.reserve(handles.size());
    for (const Handle& handle : handles) items.push_back(std::string(to_string(handle.kind)) + ": " + handle.value);
    return join_list(items, "; ");
}

}  // namespace

std::string_view to_string(ContactField field) {
    switch (field) {
        case ContactField::Ignore: return "Ignore";
        case ContactField::DisplayName: return "Display name";
        case ContactField::GivenName: return "Given name";
        case ContactField::FamilyName: return "Family name";
        case ContactField::Nickname: return "Nickname";
        case ContactField::Company: return "Company";
        case ContactField::Title: return "Title";
        case ContactField::City: return "City";
        case ContactField::Region: return "Region";
        case ContactField::Country: return "Country";
        case ContactField::Email: return "E-mail";
        case ContactField::Phone: return "Phone";
        case ContactField::Handle: return "Handle";
        case ContactField::Website: return "Website";
        case ContactField::Tags: return "Tags";
        case ContactField::Notes: return "Notes";
        case ContactField::Birthday: return "Birthday";
        case ContactField::FirstMet: return "First met";
    }
    return "Ignore";
}

// --- Reading a file: flavour, mapping, dates, rows --------------------------------------------

CsvFlavour detect_flavour(const CsvTable& table) {
    if (has_header(table, "Handles") && has_header(table, "First Met")) return CsvFlavour::Other;  // export_csv's
    if (has_header(table, "Connected On") && (has_header(table, "URL") || has_header(table, "First Name")))
        return CsvFlavour::LinkedIn;
    if (has_header(table, "Group Membership") || (has_header(table, "Labels") && has_header(table, "Organization Name")) ||
        std::any_of(table.header.begin(), table.header.end(), [](const std::string& h) { return is_google_numbered(h); }))
        return CsvFlavour::Google;
    return CsvFlavour::Other;
}

CsvMapping guess_mapping(const CsvTable& table) {
    CsvMapping mapping;
    mapping.columns.reserve(table.header.size());
    for (const std::string& name : table.header) mapping.columns.push_back(field_for_header(name));
    // Outlook: "Title" is Mr/Ms when there is a "Job Title".
    if (has_header(table, "Job Title")) {
        for (std::size_t c = 0; c < table.header.size(); ++c)
            if (header_is(table.header[c], "Title")) mapping.columns[c] = ContactField::Ignore;
    }
    return mapping;
}

std::optional<PartialDate> parse_loose_date(std::string_view text) {
    text = trim(text);
    if (text.size() > 64) return std::nullopt;
    if (text.size() > 10 && text[4] == '-' && text[7] == '-' && (text[10] == 'T' || text[10] == ' '))
        text = text.substr(0, 10);
    if (auto date = PartialDate::parse(text)) return date;
    if (text.size() == 8 && std::all_of(text.begin(), text.end(), is_ascii_digit))
        return date_from(*number_of(text.substr(0, 4)), *number_of(text.substr(4, 2)), *number_of(text.substr(6, 2)));

    // Words and numbers: "1988/07/14", "14.07.1988", "14 Jul 1988", "Jul 14, 1988".
    std::vector<std::string_view> parts;
    std::vector<char> separators;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t j = i;
        while (j < text.size() && text[j] != ' ' && text[j] != ',' && text[j] != '.' && text[j] != '/' && text[j] != '-') ++j;
        if (j > i) parts.push_back(text.substr(i, j - i));
        if (j < text.size()) separators.push_back(text[j]);
        i = j + 1;
    }
    if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
    const auto all_numbers = std::all_of(parts.begin(), parts.end(), [](std::string_view p) { return number_of(p).has_value(); });
    if (all_numbers && parts.size() == 3) {
        const bool dots = std::all_of(separators.begin(), separators.end(), [](char c) { return c == '.' || c == ' '; });
        const bool slashes = std::all_of(separators.begin(), separators.end(), [](char c) { return c == '/'; });
        if (slashes && parts[0].size() == 4)  // 1988/07/14
            return date_from(*number_of(parts[0]), *number_of(parts[1]), *number_of(parts[2]));
        if (dots && parts[2].size() == 4)  // 14.07.1988
            return date_from(*number_of(parts[2]), *number_of(parts[1]), *number_of(parts[0]));
        return std::nullopt;
    }
    std::optional<int> month;
    std::optional<int> day;
    int year = 0;
    for (std::size_t k = 0; k < parts.size(); ++k) {
        if (const auto number = number_of(parts[k])) {
            if (parts[k].size() == 4 && k == parts.size() - 1 && parts.size() == 3) year = *number;
            else if (parts[k].size() <= 2 && !day) day = *number;
            else return std::nullopt;
        } else if (const auto m = month_from_name(parts[k]); m && !month) {
            month = m;
        } else {
            return std::nullopt;
        }
    }
    if (!month || !day || (parts.size() == 3 && year == 0)) return std::nullopt;
    return date_from(year, *month, *day);
}

Imported import_csv(std::string_view bytes, const ImportContext& context, const CsvMapping* given_mapping) {
    const std::string& file = context.file_name;
    if (bytes.empty()) return failure(file, 0, "the file is empty");
    if (bytes.size() > kMaxImportBytes)
        return failure(file, 0, "the file is " + mebibytes(bytes.size()) + "; files over " + mebibytes(kMaxImportBytes) +
                                    " are not imported");
    if (const auto at = binary_at(bytes))
        return failure(file, 0, "this is not a text file (binary data at byte " + std::to_string(*at + 1) + ")");

    Imported result;
    Warnings warnings(result.warnings, file);
    std::optional<CsvTable> table;
    {
        std::string note;
        const std::string text = to_utf8(bytes, &note);
        if (!note.empty()) warnings.add(0, note);
        Problem error;
        table = read_csv(text, error);
        if (!table) return failure(file, error.line, error.text);
    }

    const CsvFlavour flavour = detect_flavour(*table);
    const CsvMapping mapping = given_mapping != nullptr ? *given_mapping : guess_mapping(*table);
    const std::size_t columns = std::min(mapping.columns.size(), table->header.size());
    const auto mapped = [&](ContactField field) {
        return std::find(mapping.columns.begin(), mapping.columns.begin() + static_cast<std::ptrdiff_t>(columns), field) !=
               mapping.columns.begin() + static_cast<std::ptrdiff_t>(columns);
    };
    if (std::all_of(mapping.columns.begin(), mapping.columns.begin() + static_cast<std::ptrdiff_t>(columns),
                    [](ContactField f) { return f == ContactField::Ignore; })) {
        return failure(file, table->header_line,
                       given_mapping != nullptr ? "no column is mapped to a contact field"
                                                : "no column name was recognised; choose what each column holds");
    }
    const bool google = flavour == CsvFlavour::Google;
    std::optional<std::size_t> middle_column;  // Google's middle name, for the display name
    if (google) {
        for (std::size_t c = 0; c < table->header.size(); ++c)
            if (header_is(table->header[c], "Middle Name") || header_is(table->header[c], "Additional Name")) middle_column = c;
    }
    const bool compose_name = !mapped(ContactField::DisplayName);
    std::vector<std::optional<std::size_t>> label_columns(columns);
    std::vector<std::string> header_labels(columns);
    for (std::size_t c = 0; c < columns; ++c) {
        if (mapping.columns[c] != ContactField::Email && mapping.columns[c] != ContactField::Phone) continue;
        label_columns[c] = label_column_for(*table, c);
        header_labels[c] = label_of_header(table->header[c]);
    }
    const std::vector<AddressColumns> address_groups = address_columns(*table);
    // Ignored columns whose cells hold something are named once in the preview, so nothing is
    // dropped without a word; the ones read as labels, middle names or address parts are kept.
    std::vector<bool> unread(columns, false), left_out_column(columns, false);
    for (std::size_t c = 0; c < columns; ++c) unread[c] = mapping.columns[c] == ContactField::Ignore;
    if (middle_column && *middle_column < columns) unread[*middle_column] = false;
    for (std::size_t c = 0; c < columns; ++c)  // a read column's own label ("Website 1 - Label") goes with it
        if (mapping.columns[c] != ContactField::Ignore)
            if (const auto label_column = label_column_for(*table, c); label_column && *label_column < columns)
                unread[*label_column] = false;
    for (const AddressColumns& group : address_groups)
        for (const AddressColumn& column : group.columns)
            if (column.column < columns) unread[column.column] = false;

    IdGenerator fallback_ids(static_cast<std::uint64_t>(context.now), 0x7469657363737600ull);
    IdGenerator& ids = context.ids != nullptr ? *context.ids : fallback_ids;
    std::size_t skipped = 0;
    const std::size_t row_count = table->rows.size();
    result.contacts.reserve(row_count);
    for (std::size_t r = 0; r < row_count; ++r) {
        if (r % kProgressEvery == 0 && context.progress &&
            !context.progress(static_cast<double>(r) / static_cast<double>(row_count))) {
            Imported cancelled;
            cancelled.cancelled = true;
            return cancelled;
        }
        std::vector<std::string> row = std::move(table->rows[r]);  // freed row by row: memory moves to the contacts
        const std::size_t line = table->row_lines[r];
        Contact contact;
        std::string middle;
        const auto set_once = [&](std::string& field, const std::string& value) {
            if (field.empty()) field = google ? first_of_google(value) : value;
        };
        const std::size_t cells = std::min(columns, row.size());
        for (std::size_t c = 0; c < cells; ++c) {
            const ContactField field = mapping.columns[c];
            const bool is_middle = middle_column && *middle_column == c;
            if (field == ContactField::Ignore && !is_middle) {
                if (unread[c] && !left_out_column[c]) left_out_column[c] = !clean_cell(row[c]).empty();
                continue;
            }
            const std::string value = clean_cell(row[c]);
            if (value.empty()) continue;
            if (is_middle) {
                if (middle.empty()) middle = first_of_google(value);
                if (field == ContactField::Ignore) continue;
            }
            switch (field) {
                case ContactField::Ignore: break;
                case ContactField::DisplayName: set_once(contact.display_name, value); break;
                case ContactField::GivenName: set_once(contact.given_name, value); break;
                case ContactField::FamilyName: set_once(contact.family_name, value); break;
                case ContactField::Nickname: set_once(contact.nickname, value); break;
                case ContactField::Company: set_once(contact.company, value); break;
                case ContactField::Title: set_once(contact.title, value); break;
                case ContactField::City: set_once(contact.city, value); break;
                case ContactField::Region: set_once(contact.region, value); break;
                case ContactField::Country: set_once(contact.country, value); break;
                case ContactField::Email:
                case ContactField::Phone: {
                    const bool phone = field == ContactField::Phone;
                    std::vector<std::string> labels;
                    if (label_columns[c] && *label_columns[c] < row.size())
                        labels = split_values(clean_cell(row[*label_columns[c]]), false);
                    for (ContactPoint& point : points_from(split_values(value, !phone), labels, header_labels[c]))
                        add_point(phone ? contact.phones : contact.emails, std::move(point), phone, kMaxListItems);
                    break;
                }
                case ContactField::Handle:
                case ContactField::Website:
                    for (const std::string& item : split_values(value, false))
                        add_unique(contact.handles, handle_from(item, field == ContactField::Website));
                    break;
                case ContactField::Tags:
                    for (std::string& tag : split_values(value, !google)) {
                        if (google && tag.front() == '*') continue;  // "* myContacts", "* starred"
                        add_unique(contact.tags, std::move(tag));
                    }
                    break;
                case ContactField::Notes:
                    if (!contact.notes.empty()) contact.notes += '\n';
                    contact.notes += value;
                    break;
                case ContactField::Birthday: {
                    const std::string text = google ? first_of_google(value) : value;
                    if (contact.birthday) break;
                    if (const auto date = parse_loose_date(text)) contact.birthday = date;
                    else warnings.add(line, "the birthday \"" + text + "\" is not a date; left out");
                    break;
                }
                case ContactField::FirstMet: {
                    const std::string text = google ? first_of_google(value) : value;
                    if (contact.first_met) break;
                    const auto date = parse_loose_date(text);
                    if (date && date->year > 0) contact.first_met = Date::from_ymd(date->year, date->month, date->day);
                    else warnings.add(line, "the date \"" + text + "\" is not a full date; left out");
                    break;
                }
            }
        }
        for (const AddressColumns& group : address_groups) {
            PostalAddress a;
            std::string formatted;
            for (const AddressColumn& column : group.columns) {
                if (column.column >= row.size()) continue;
                const std::string value = clean_cell(row[column.column]);
                if (value.empty()) continue;
                if (column.part == AddressPart::Formatted) {
                    formatted = value;
                    continue;
                }
                std::string& part = column.part == AddressPart::Label      ? a.label
                                    : column.part == AddressPart::PoBox    ? a.po_box
                                    : column.part == AddressPart::Extended ? a.extended
                                    : column.part == AddressPart::Street   ? a.street
                                    : column.part == AddressPart::Locality ? a.locality
                                    : column.part == AddressPart::Region   ? a.region
                                    : column.part == AddressPart::Postcode ? a.postcode
                                                                           : a.country;
                if (!part.empty()) part += '\n';  // Outlook's "Business Street 2"
                part += google && column.part != AddressPart::Street ? first_of_google(value) : value;
            }
            if (a.street.empty() && a.po_box.empty() && a.extended.empty() && !formatted.empty())
                a.street = street_of(formatted, a);
            if (a.empty()) continue;
            a.label = canonical_label(a.label.empty() ? group.label : a.label);
            if (std::find(contact.addresses.begin(), contact.addresses.end(), a) == contact.addresses.end())
                contact.addresses.push_back(std::move(a));
        }
        if (contact.city.empty() && contact.region.empty() && contact.country.empty()) {
            for (const PostalAddress& a : contact.addresses) {  // the person's place: the first address with one
                if (a.locality.empty() && a.region.empty() && a.country.empty()) continue;
                contact.city = a.locality;
                contact.region = a.region;
                contact.country = a.country;
                break;
            }
        }
        if (compose_name && contact.display_name.empty()) {
            std::vector<std::string> names;
            for (const std::string* part : {&contact.given_name, &middle, &contact.family_name})
                if (!part->empty()) names.push_back(*part);
            contact.display_name = names.empty() ? contact.company : join_list(names, " ");
        }
        if (contact == Contact{}) {  // nothing usable: empty cells, unreadable dates, system labels only
            ++skipped;
            continue;
        }
        contact.meta.id = ids.next();
        contact.meta.created = context.now;
        contact.meta.updated = context.now;
        contact.origin = ContactOrigin::Imported;
        result.contacts.push_back(std::move(contact));
    }
    if (skipped > 0)
        warnings.add(0, std::to_string(skipped) + (skipped == 1 ? " row" : " rows") +
                            " with nothing to import " + (skipped == 1 ? "was" : "were") + " skipped");
    if (row_count == 0) warnings.add(table->header_line, "the header is the only row: no contacts");
    warnings.finish();
    LeftOut left_out;
    for (std::size_t c = 0; c < columns; ++c)
        if (left_out_column[c]) left_out.field(clean_cell(table->header[c]));
    left_out.append_to(result.warnings, file);
    clean_imported(result, file);
    return result;
}

// --- Writing a file ---------------------------------------------------------------------------

std::vector<std::string> export_csv_header(std::size_t addresses) {
    std::vector<std::string> header = {"Name",   "Given Name", "Family Name", "Nickname", "Company", "Title",
                                       "City",   "Region",     "Country",     "Emails",   "Phones",  "Handles",
                                       "Tags",   "Notes",      "Birthday",    "First Met"};
    for (std::size_t n = 1; n <= std::max<std::size_t>(addresses, 1); ++n) {
        const std::string prefix = "Address " + std::to_string(n) + " - ";
        for (const char* part : {"Label", "PO Box", "Extended Address", "Street", "City", "Region", "Postal Code", "Country"})
            header.push_back(prefix + part);
    }
    return header;
}

std::string export_csv(const std::vector<Contact>& contacts) {
    std::size_t addresses = 1;
    for (const Contact& c : contacts)
        if (!c.meta.deleted) addresses = std::max(addresses, c.addresses.size());
    std::string out = "\xEF\xBB\xBF" + write_csv_row(export_csv_header(addresses));
    const auto labelled = [](const std::vector<ContactPoint>& points) {
        std::vector<std::string> items;
        for (const ContactPoint& p : points) items.push_back(p.label.empty() ? p.value : p.value + " (" + p.label + ")");
        return items;
    };
    for (const Contact& c : contacts) {
        if (c.meta.deleted) continue;
        std::vector<std::string> row = {c.display_name, c.given_name, c.family_name, c.nickname, c.company, c.title, c.city,
                                        c.region, c.country, list_cell(labelled(c.emails)), join_list(labelled(c.phones), "; "),
                                        handles_cell(c.handles), list_cell(c.tags), c.notes, c.birthday ? c.birthday->iso() : "",
                                        c.first_met ? c.first_met->iso() : ""};
        for (std::size_t n = 0; n < addresses; ++n) {
            const PostalAddress a = n < c.addresses.size() ? c.addresses[n] : PostalAddress{};
            for (const std::string* part : {&a.label, &a.po_box, &a.extended, &a.street, &a.locality, &a.region, &a.postcode, &a.country})
                row.push_back(*part);
        }
        out += write_csv_row(row);
    }
    return out;
}

}  // namespace ties::io
