#include "io/mail_header.hpp"

#include "core/text.hpp"
#include "core/utf8.hpp"
#include "io/import.hpp"

#include <array>
#include <cctype>
#include <cstdint>

namespace ties::io::mail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool equals_folded(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

// Lenient base64: padding optional, anything else stops it.
std::optional<std::string> from_base64(std::string_view text) {
    std::string out;
    std::uint32_t bits = 0;
    int count = 0;
    for (char c : text) {
        if (c == '=') break;
        const int v = base64_value(c);
        if (v < 0) return std::nullopt;
        bits = (bits << 6) | static_cast<std::uint32_t>(v);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out.push_back(static_cast<char>((bits >> count) & 0xFFu));
        }
    }
    return out;
}

std::string from_q(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '_') {
            out.push_back(' ');
        } else if (c == '=' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

// ISO-8859-15 differs from ISO-8859-1 in eight places.
std::string from_latin9(std::string_view bytes) {
    std::string out;
    for (char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        char32_t cp = b;
        switch (b) {
            case 0xA4: cp = 0x20AC; break;
            case 0xA6: cp = 0x0160; break;
            case 0xA8: cp = 0x0161; break;
            case 0xB4: cp = 0x017D; break;
            case 0xB8: cp = 0x017E; break;
            case 0xBC: cp = 0x0152; break;
            case 0xBD: cp = 0x0153; break;
            case 0xBE: cp = 0x0178; break;
            default: break;
        }
        if (b != 0) append_utf8(out, cp);
    }
    return out;
}

// One encoded word at `text` ("=?charset?enc?data?="): its decoded UTF-8 and its length, or nothing.
struct Word {
    std::string text;
    std::size_t length = 0;
};

std::optional<Word> encoded_word(std::string_view text) {
    if (text.substr(0, 2) != "=?") return std::nullopt;
    const std::size_t q1 = text.find('?', 2);
    if (q1 == std::string_view::npos || q1 + 2 >= text.size() || text[q1 + 2] != '?') return std::nullopt;
    const std::size_t end = text.find("?=", q1 + 3);
    if (end == std::string_view::npos) return std::nullopt;
    std::string charset = ascii_lowercase(text.substr(2, q1 - 2));
    if (const std::size_t star = charset.find('*'); star != std::string::npos) charset.resize(star);  // RFC 2231 language
    const char encoding = lower(text[q1 + 1]);
    const std::string_view data = text.substr(q1 + 3, end - q1 - 3);
    if (data.find_first_of(" \t") != std::string_view::npos) return std::nullopt;
    std::optional<std::string> bytes;
    if (encoding == 'b') bytes = from_base64(data);
    else if (encoding == 'q') bytes = from_q(data);
    if (!bytes) return std::nullopt;
    Word word;
    word.length = end + 2;
    if (charset == "utf-8" || charset == "utf8" || charset == "us-ascii" || charset == "ascii") {
        word.text = to_utf8(*bytes);
    } else if (charset == "iso-8859-1" || charset == "latin1" || charset == "windows-1252" || charset == "cp1252" ||
               charset == "iso8859-1") {
        word.text = from_cp1252(*bytes);
    } else if (charset == "iso-8859-15" || charset == "latin9") {
        word.text = from_latin9(*bytes);
    } else {
        return std::nullopt;  // a charset not known here: the word stays as written
    }
    return word;
}

}  // namespace

std::vector<Field> split_fields(std::string_view block) {
    std::vector<Field> fields;
    bool in_field = false;
    std::size_t at = 0;
    while (at < block.size()) {
        std::size_t end = block.find('\n', at);
        if (end == std::string_view::npos) end = block.size();
        std::string_view line = block.substr(at, end - at);
        at = end + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) break;  // the end of the headers
        if (line[0] == ' ' || line[0] == '\t') {
            if (!in_field) continue;
            std::string& value = fields.back().value;
            const std::string_view rest = trim(line);
            if (!rest.empty()) {
                if (!value.empty()) value.push_back(' ');
                value.append(rest);
            }
            continue;
        }
        const std::size_t colon = line.find(':');
        in_field = colon != std::string_view::npos && colon > 0 && trim(line.substr(0, colon)).size() == colon;
        if (!in_field) continue;
        fields.push_back({ascii_lowercase(line.substr(0, colon)), std::string(trim(line.substr(colon + 1)))});
    }
    return fields;
}

std::string decode_words(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    bool last_was_word = false;
    std::size_t space_start = std::string::npos;  // whitespace after an encoded word, held back
    while (i < text.size()) {
        if (text[i] == '=' && i + 1 < text.size() && text[i + 1] == '?') {
            if (const std::optional<Word> word = encoded_word(text.substr(i))) {
                if (!last_was_word && space_start != std::string::npos) out.append(text.substr(space_start, i - space_start));
                space_start = std::string::npos;
                out.append(word->text);
                i += word->length;
                last_was_word = true;
                continue;
            }
        }
        if (is_space(text[i])) {
            if (space_start == std::string::npos) space_start = i;
            ++i;
            continue;
        }
        if (space_start != std::string::npos) out.append(text.substr(space_start, i - space_start));
        space_start = std::string::npos;
        last_was_word = false;
        // Plain text up to the next space or encoded word, read as UTF-8 (else Windows-1252).
        std::size_t end = i + 1;
        while (end < text.size() && !is_space(text[end]) && !(text[end] == '=' && end + 1 < text.size() && text[end + 1] == '?'))
            ++end;
        out.append(to_utf8(text.substr(i, end - i)));
        i = end;
    }
    return out;
}

namespace {

// The text of a mailbox or a group's phrase as tokens: quoted strings unquoted, comments
// collected apart, angle brackets marking the address.
struct Mailbox {
    std::string phrase;   // the display name as written (quotes removed, escapes resolved)
    std::string comment;  // the last comment's text ("a@b (Ann Smith)")
    std::string angle;    // inside <>, when there was one
    std::string bare;     // the text outside quotes, comments and <> (an address-spec without <>)
    bool has_angle = false;
    bool empty() const { return phrase.empty() && angle.empty() && bare.empty() && !has_angle; }
};

std::optional<Address> to_address(const Mailbox& box) {
    std::string email = box.has_angle ? box.angle : box.bare;
    // An obsolete route: "@x,@y:a@b".
    if (!email.empty() && email[0] == '@') {
        const std::size_t colon = email.find(':');
        if (colon == std::string::npos) return std::nullopt;
        email.erase(0, colon + 1);
    }
    std::string compact;
    for (char c : email)
        if (!is_space(c)) compact.push_back(lower(c));
    const std::size_t at = compact.rfind('@');
    if (at == std::string::npos || at == 0 || at + 1 >= compact.size()) return std::nullopt;
    if (compact.find_first_of("<>(),;:\"") != std::string::npos) return std::nullopt;
    Address address;
    address.email = std::move(compact);
    std::string name = box.has_angle ? box.phrase + (box.bare.empty() ? "" : " " + box.bare) : std::string();
    if (!box.has_angle || trim(name).empty()) name = box.comment;
    name = decode_words(trim(name));
    // Clients quote the address as its own name ("'a@b'" <a@b>); that says nothing more.
    std::string_view shown = trim(name);
    while (shown.size() >= 2 && (shown.front() == '\'' || shown.front() == '"') && shown.back() == shown.front())
        shown = trim(shown.substr(1, shown.size() - 2));
    address.name = equals_folded(shown, address.email) ? std::string() : std::string(shown);
    return address;
}

}  // namespace

std::vector<Address> parse_addresses(std::string_view value) {
    std::vector<Address> out;
    Mailbox box;
    bool in_group = false;
    const auto finish = [&] {
        if (!box.empty())
            if (std::optional<Address> a = to_address(box)) out.push_back(std::move(*a));
        box = {};
    };
    const auto add_text = [&](std::string& to, std::string_view text) {
        if (!to.empty() && !text.empty() && !is_space(to.back()) && !is_space(text.front())) to.push_back(' ');
        to.append(text);
    };
    std::size_t i = 0;
    while (i < value.size()) {
        const char c = value[i];
        if (c == '"') {  // a quoted string: part of the phrase
            std::string quoted;
            ++i;
            while (i < value.size() && value[i] != '"') {
                if (value[i] == '\\' && i + 1 < value.size()) ++i;
                quoted.push_back(value[i]);
                ++i;
            }
            ++i;  // the closing quote (or the end)
            add_text(box.phrase, quoted);
            continue;
        }
        if (c == '(') {  // a comment, possibly nested
            int depth = 0;
            std::string text;
            while (i < value.size()) {
                const char d = value[i];
                if (d == '\\' && i + 1 < value.size()) {
                    text.push_back(value[i + 1]);
                    i += 2;
                    continue;
                }
                if (d == '(' && depth++ > 0) text.push_back(d);
                else if (d == ')' && --depth > 0) text.push_back(d);
                else if (d != '(' && d != ')') text.push_back(d);
                ++i;
                if (depth == 0) break;
            }
            box.comment = std::string(trim(text));
            continue;
        }
        if (c == '<') {
            const std::size_t end = value.find('>', i);
            const std::size_t stop = end == std::string_view::npos ? value.size() : end;
            box.angle = std::string(value.substr(i + 1, stop - i - 1));
            box.has_angle = true;
            // What stood before "<" without quotes is the phrase (Name <a@b>).
            add_text(box.phrase, trim(box.bare));
            box.bare.clear();
            i = end == std::string_view::npos ? value.size() : end + 1;
            continue;
        }
        if (c == ',') {
            finish();
            ++i;
            continue;
        }
        if (c == ':' && !in_group && !box.has_angle) {  // a group's name: dropped
            box = {};
            in_group = true;
            ++i;
            continue;
        }
        if (c == ';') {
            finish();
            in_group = false;
            ++i;
            continue;
        }
        box.bare.push_back(c);
        ++i;
    }
    finish();
    return out;
}

namespace {

struct Cursor {
    std::string_view text;
    std::size_t at = 0;

    void skip_spaces() {
        while (at < text.size() && (is_space(text[at]) || text[at] == ',')) ++at;
    }
    std::string_view word() {  // letters
        skip_spaces();
        const std::size_t start = at;
        while (at < text.size() && std::isalpha(static_cast<unsigned char>(text[at]))) ++at;
        return text.substr(start, at - start);
    }
    std::optional<int> number(std::size_t max_digits = 4) {
        skip_spaces();
        const std::size_t start = at;
        int value = 0;
        while (at < text.size() && at - start < max_digits && std::isdigit(static_cast<unsigned char>(text[at])))
            value = value * 10 + (text[at++] - '0');
        if (at == start) return std::nullopt;
        return value;
    }
    bool take(char c) {
        if (at < text.size() && text[at] == c) {
            ++at;
            return true;
        }
        return false;
    }
    bool done() {
        skip_spaces();
        return at >= text.size();
    }
    char peek() const { return at < text.size() ? text[at] : '\0'; }
};

constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 7> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::optional<int> month_of(std::string_view word) {
    if (word.size() < 3) return std::nullopt;
    const std::string folded = ascii_lowercase(word);
    for (std::size_t m = 0; m < kMonths.size(); ++m)
        if (folded.compare(0, 3, kMonths[m]) == 0) return static_cast<int>(m) + 1;
    return std::nullopt;
}

bool is_weekday(std::string_view word) {
    if (word.size() < 3) return false;
    const std::string folded = ascii_lowercase(word);
    for (std::string_view d : kDays)
        if (folded.compare(0, 3, d) == 0) return true;
    return false;
}

int full_year(int year, std::size_t digits) {
    if (digits <= 2) return year < 50 ? 2000 + year : 1900 + year;
    if (digits == 3) return 1900 + year;
    return year;
}

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> kLength = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kLength[static_cast<std::size_t>(month - 1)];
}

// A zone after the time: minutes east of UTC; unknown names count as UTC, as RFC 5322 asks.
int zone_minutes(Cursor& c) {
    c.skip_spaces();
    if (c.peek() == '+' || c.peek() == '-') {
        const int sign = c.peek() == '-' ? -1 : 1;
        ++c.at;
        const std::size_t start = c.at;
        const std::optional<int> hours = c.number(2);
        if (!hours) return 0;
        int minutes = 0;
        if (c.take(':')) minutes = c.number(2).value_or(0);
        else if (c.at - start == 2) minutes = c.number(2).value_or(0);
        if (*hours > 23 || minutes > 59) return 0;
        return sign * (*hours * 60 + minutes);
    }
    const std::string name = ascii_lowercase(c.word());
    static constexpr std::array<std::pair<std::string_view, int>, 8> kNames = {{
        {"edt", -4 * 60}, {"est", -5 * 60}, {"cdt", -5 * 60}, {"cst", -6 * 60},
        {"mdt", -6 * 60}, {"mst", -7 * 60}, {"pdt", -7 * 60}, {"pst", -8 * 60},
    }};
    for (const auto& [zone, minutes] : kNames)
        if (name == zone) return minutes;
    return 0;
}

struct Clock {
    int hour = 0, minute = 0, second = 0;
};

std::optional<Clock> read_time(Cursor& c) {
    Clock t;
    const std::optional<int> h = c.number(2);
    if (!h || !c.take(':')) return std::nullopt;
    const std::optional<int> m = c.number(2);
    if (!m) return std::nullopt;
    t.hour = *h;
    t.minute = *m;
    if (c.take(':')) t.second = c.number(2).value_or(0);
    if (c.take('.')) c.number(9);  // fractions of a second
    if (t.hour > 23 || t.minute > 59 || t.second > 60) return std::nullopt;
    return t;
}

std::optional<Millis> to_millis(int year, int month, int day, Clock t, int zone) {
    if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 9999 || day > days_in_month(year, month))
        return std::nullopt;
    const Millis midnight = midnight_utc(Date::from_ymd(year, month, day));
    const std::int64_t seconds = std::int64_t{t.hour} * 3600 + t.minute * 60 + std::min(t.second, 59) - zone * 60;
    return midnight + seconds * 1000;
}

// The rest of a date after its day and month: the year, then a time and a zone if any.
std::optional<Millis> year_time_zone(Cursor& c, int month, int day) {
    c.skip_spaces();
    const std::size_t start = c.at;
    const std::optional<int> year = c.number(4);
    if (!year) return std::nullopt;
    const int full = full_year(*year, c.at - start);
    Clock t;
    if (!c.done()) {
        const std::optional<Clock> read = read_time(c);
        if (!read) return std::nullopt;
        t = *read;
    }
    return to_millis(full, month, day, t, zone_minutes(c));
}

// Comments removed ("(CET)"), as they may stand anywhere.
std::string without_comments(std::string_view value) {
    std::string out;
    int depth = 0;
    for (char ch : value) {
        if (ch == '(') ++depth;
        else if (ch == ')' && depth > 0) --depth;
        else if (depth == 0) out.push_back(ch);
    }
    return out;
}

}  // namespace

std::optional<Millis> parse_date(std::string_view value) {
    const std::string text = without_comments(value);
    Cursor c{text};
    c.skip_spaces();
    // ISO 8601: 2026-12-03T14:05:09Z, 2026-12-03 14:05:09 +0100.
    if (text.size() >= 10 && std::isdigit(static_cast<unsigned char>(text[c.at])) && text.find('-', c.at) == c.at + 4) {
        const std::optional<int> y = c.number(4);
        c.take('-');
        const std::optional<int> mo = c.number(2);
        c.take('-');
        const std::optional<int> d = c.number(2);
        if (!y || !mo || !d) return std::nullopt;
        Clock t;
        if (c.take('T') || c.take('t') || c.peek() == ' ') {
            const std::optional<Clock> read = read_time(c);
            if (!read) return std::nullopt;
            t = *read;
        }
        const int zone = (c.take('Z') || c.take('z')) ? 0 : zone_minutes(c);
        return to_millis(*y, *mo, *d, t, zone);
    }
    std::string_view word = c.word();
    if (is_weekday(word)) word = c.word();
    if (!word.empty()) {
        // asctime: "Dec  3 14:05:09 2026" (after the weekday), or "December 3, 2026 14:05".
        const std::optional<int> month = month_of(word);
        if (!month) return std::nullopt;
        const std::optional<int> day = c.number(2);
        if (!day) return std::nullopt;
        c.skip_spaces();
        const std::size_t at = c.at;
        if (std::optional<Clock> t = read_time(c)) {
            std::size_t start = (c.skip_spaces(), c.at);
            std::optional<int> year = c.number(4);
            int zone = 0;
            if (!year) {  // date(1): the zone before the year ("14:05:09 CET 2026")
                zone = zone_minutes(c);
                start = (c.skip_spaces(), c.at);
                year = c.number(4);
                if (!year) return std::nullopt;
                return to_millis(full_year(*year, c.at - start), *month, *day, *t, zone);
            }
            const std::size_t digits = c.at - start;
            zone = zone_minutes(c);
            return to_millis(full_year(*year, digits), *month, *day, *t, zone);
        }
        c.at = at;
        return year_time_zone(c, *month, *day);
    }
    // RFC 5322: 3 Dec 2026 14:05:09 +0100 (the weekday, if any, read above).
    const std::optional<int> day = c.number(2);
    if (!day) return std::nullopt;
    c.skip_spaces();
    if (c.peek() == '-') ++c.at;  // "3-Dec-2026", as some gateways write
    const std::optional<int> month = month_of(c.word());
    if (!month) return std::nullopt;
    if (c.peek() == '-') ++c.at;
    return year_time_zone(c, *month, *day);
}

std::vector<std::string> parse_message_ids(std::string_view value) {
    std::vector<std::string> ids;
    std::size_t i = 0;
    while (i < value.size()) {
        if (value[i] == '<') {
            const std::size_t end = value.find('>', i);
            if (end == std::string_view::npos) break;
            const std::string_view id = trim(value.substr(i + 1, end - i - 1));
            if (!id.empty()) ids.emplace_back(id);
            i = end + 1;
        } else if (value[i] == '(') {
            const std::size_t end = value.find(')', i);
            i = end == std::string_view::npos ? value.size() : end + 1;
        } else if (is_space(value[i]) || value[i] == ',') {
            ++i;
        } else {  // a bare id, as some clients write In-Reply-To
            std::size_t end = i;
            while (end < value.size() && !is_space(value[end]) && value[end] != '<' && value[end] != ',') ++end;
            const std::string_view id = value.substr(i, end - i);
            if (id.find('@') != std::string_view::npos) ids.emplace_back(id);
            i = end;
        }
    }
    return ids;
}

}  // namespace ties::io::mail
