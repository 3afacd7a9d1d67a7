// Calendar reading: see calendar_read.hpp. Written by hand, like the writer in ics.cpp: the file is
// read once into events and time zones (a VTIMEZONE may come after the events that use it), then
// each event is expanded in its own wall-clock time and converted to UTC.
//
// Index (search for "[SECTION] name"):
//   [SECTION] Text       case folding, content lines, unfolding, parameters, TEXT escapes
//   [SECTION] Values     DATE and DATE-TIME, DURATION, UTC offsets, people, conference links
//   [SECTION] Rules      RRULE parsing and the days of one period of a rule
//   [SECTION] Zones      VTIMEZONE observances and local time to UTC
//   [SECTION] Reading    the components of the file: events and time zones
//   [SECTION] Expanding  events to occurrences: recurrences, exceptions, overrides, caps
#include "io/calendar_read.hpp"

#include "core/safe_text.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

namespace ties::io::calendar {
namespace {

constexpr std::int64_t kDay = 86'400;  // seconds
constexpr std::size_t kMaxParams = 64;         // per content line; more are ignored
constexpr std::size_t kMaxDepth = 32;          // components inside components; deeper ones are skipped
constexpr std::size_t kMaxNameBytes = 256;     // CN and SUMMARY, copied into every occurrence
constexpr std::size_t kMaxUidBytes = 512;
constexpr std::size_t kMaxOccurrenceBytes = std::size_t{256} << 20;  // estimated, of the result
constexpr std::size_t kMaxEmptyPeriods = 1'000;  // a rule that yields nothing (30 February) ends
constexpr std::size_t kMaxZoneTransitions = 4'096;
constexpr std::size_t kMaxZoneRules = 64;
constexpr std::size_t kMaxZoneWarnings = 10;
// Years 0000 to 9999: what DATE-TIME can write, and what keeps every sum below in range.
constexpr std::int64_t kFirstSecond = -62'167'219'200;  // 0000-01-01T00:00:00Z
constexpr std::int64_t kLastSecond = 253'402'300'799;   // 9999-12-31T23:59:59Z

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// =============================================================================================
// [SECTION] Text
// =============================================================================================

char to_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = to_upper(c);
    return out;
}

bool equals_folded(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (to_lower(a[i]) != to_lower(b[i])) return false;
    return true;
}

bool starts_with_folded(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && equals_folded(text.substr(0, prefix.size()), prefix);
}

bool ends_with_folded(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && equals_folded(text.substr(text.size() - suffix.size()), suffix);
}

// At most `max` bytes, cut before a UTF-8 sequence rather than inside it.
std::string cut_utf8(std::string text, std::size_t max) {
    if (text.size() <= max) return text;
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    text.resize(n);
    return text;
}

// Content lines with their folds undone: a physical line (LF or CRLF) that starts with a space or
// a tab continues the one before, that first character removed. Empty lines are stepped over.
class Unfolder {
public:
    explicit Unfolder(std::string_view text) : rest_(text) {}

    bool next(std::string& out) {
        out.clear();
        while (!rest_.empty()) {
            const std::string_view line = physical();
            if (line.empty()) continue;
            out.append(line);
            while (!rest_.empty() && (rest_[0] == ' ' || rest_[0] == '\t')) out.append(physical().substr(1));
            return true;
        }
        return false;
    }

private:
    std::string_view physical() {
        const std::size_t end = rest_.find('\n');
        std::string_view line = rest_.substr(0, end);
        rest_ = end == std::string_view::npos ? std::string_view() : rest_.substr(end + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        return line;
    }

    std::string_view rest_;
};

struct Param {
    std::string name;   // upper-case
    std::string value;  // quotes removed, RFC 6868 (^n ^' ^^) decoded; several values joined by ','
};

struct ContentLine {
    std::string name;  // upper-case
    std::vector<Param> params;
    std::string_view value;  // as written (TEXT escapes left in)

    std::string_view param(std::string_view name_upper) const {
        for (const Param& p : params)
            if (p.name == name_upper) return p.value;
        return {};
    }
};

bool is_name_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

std::string decode_caret(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '^' && i + 1 < text.size()) {
            const char next = text[i + 1];
            if (next == 'n' || next == 'N') { out += '\n'; ++i; continue; }
            if (next == '\'') { out += '"'; ++i; continue; }
            if (next == '^') { out += '^'; ++i; continue; }
        }
        out += text[i];
    }
    return out;
}

// NAME *(";" PARAM "=" VALUE *("," VALUE)) ":" VALUE, where a quoted VALUE may hold ; : and ,.
bool parse_content_line(std::string_view text, ContentLine& out) {
    out.name.clear();
    out.params.clear();
    out.value = {};
    std::size_t i = 0;
    while (i < text.size() && is_name_char(text[i])) out.name.push_back(to_upper(text[i++]));
    if (out.name.empty()) return false;
    while (i < text.size() && text[i] == ';') {
        ++i;
        Param p;
        while (i < text.size() && is_name_char(text[i])) p.name.push_back(to_upper(text[i++]));
        if (i < text.size() && text[i] == '=') {
            ++i;
            std::string raw;
            while (true) {
                if (i < text.size() && text[i] == '"') {
                    const std::size_t close = text.find('"', i + 1);
                    if (close == std::string_view::npos) return false;
                    raw.append(text.substr(i + 1, close - i - 1));
                    i = close + 1;
                }
                while (i < text.size() && text[i] != ',' && text[i] != ';' && text[i] != ':') raw.push_back(text[i++]);
                if (i < text.size() && text[i] == ',') {
                    raw.push_back(',');
                    ++i;
                    continue;
                }
                break;
            }
            p.value = decode_caret(raw);
        }
        if (!p.name.empty() && out.params.size() < kMaxParams) out.params.push_back(std::move(p));
    }
    if (i >= text.size() || text[i] != ':') return false;
    out.value = text.substr(i + 1);
    return true;
}

// TEXT (RFC 5545 §3.3.11): \n and \N are line breaks, \, \; \\ the characters themselves.
std::string unescape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            const char next = text[++i];
            out += next == 'n' || next == 'N' ? '\n' : next;
        } else {
            out += text[i];
        }
    }
    return out;
}

// The trimmed, non-empty items of a list ("a,b" or "A=1;B=2"). Unlike split_list in
// core/text.hpp it keeps duplicates, so it stays linear on a hostile list of a million items.
std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> items;
    while (true) {
        const std::size_t end = text.find(separator);
        const std::string_view item = trim(text.substr(0, end));
        if (!item.empty()) items.push_back(item);
        if (end == std::string_view::npos) return items;
        text.remove_prefix(end + 1);
    }
}

// Text for one line of the UI: unescaped, invisible characters removed, trimmed, capped.
std::string one_line(std::string_view text, bool escaped) {
    const std::string plain = escaped ? unescape_text(text) : std::string(text);
    return cut_utf8(std::string(trim(clean_line(plain.substr(0, 4 * kMaxNameBytes)))), kMaxNameBytes);
}

// =============================================================================================
// [SECTION] Values
// =============================================================================================

bool is_leap_year(std::int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(std::int64_t year, int month) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

std::int32_t day_number(std::int64_t year, int month, int day) {
    return Date::from_ymd(static_cast<int>(year), month, day).days;
}

std::int32_t day_of(std::int64_t seconds) { return static_cast<std::int32_t>(floor_div(seconds, kDay)); }

// A DATE or DATE-TIME as written. Times are seconds on a wall clock counted from 1970-01-01T00:00:
// the UTC instant itself for Utc and Date (dates belong to no zone), local time for Local.
struct Stamp {
    enum class Form : std::uint8_t { Date, Utc, Local };
    Form form = Form::Utc;
    std::int64_t wall = 0;
    std::string tzid;  // Local only; "" for floating time
};

// "20240312" (or VALUE=DATE), "20240312T090000Z", "20240312T090000" with or without a TZID.
std::optional<Stamp> parse_stamp(std::string_view value, std::string_view tzid, bool date_only) {
    value = trim(value);
    const auto year = fixed_digits(value, 0, 4), month = fixed_digits(value, 4, 2), day = fixed_digits(value, 6, 2);
    if (!year || !month || !day || *month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month))
        return std::nullopt;
    const std::int64_t midnight = std::int64_t{day_number(*year, *month, *day)} * kDay;
    if (value.size() == 8 || date_only) {
        if (value.size() != 8 && value[8] != 'T') return std::nullopt;
        return Stamp{Stamp::Form::Date, midnight, {}};
    }
    if (value[8] != 'T') return std::nullopt;
    const auto hour = fixed_digits(value, 9, 2), minute = fixed_digits(value, 11, 2), second = fixed_digits(value, 13, 2);
    if (!hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
    const std::int64_t wall = midnight + *hour * 3600 + *minute * 60 + std::min(*second, 59);
    const std::string_view rest = value.substr(15);
    if (rest == "Z" || rest == "z") return Stamp{Stamp::Form::Utc, wall, {}};
    if (!rest.empty()) return std::nullopt;
    return Stamp{Stamp::Form::Local, wall, std::string(trim(tzid))};
}

std::optional<Stamp> parse_stamp(const ContentLine& line, std::string_view value) {
    return parse_stamp(value, line.param("TZID"), equals_folded(trim(line.param("VALUE")), "DATE"));
}

// DURATION (RFC 5545 §3.3.6): "PT1H30M", "P1D", "P2W", "-PT15M", "P1DT2H"; in seconds.
std::optional<std::int64_t> parse_duration(std::string_view text) {
    text = trim(text);
    std::int64_t sign = 1;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        sign = text[0] == '-' ? -1 : 1;
        text.remove_prefix(1);
    }
    if (text.empty() || to_upper(text[0]) != 'P') return std::nullopt;
    bool in_time = false, any = false;
    std::int64_t total = 0;
    std::size_t i = 1;
    while (i < text.size()) {
        if (to_upper(text[i]) == 'T') {
            in_time = true;
            ++i;
            continue;
        }
        std::int64_t n = 0;
        std::size_t count = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            if (++count > 9) return std::nullopt;
            n = n * 10 + (text[i++] - '0');
        }
        if (count == 0 || i >= text.size()) return std::nullopt;
        const char unit = to_upper(text[i++]);
        std::int64_t seconds = 0;
        if (!in_time && unit == 'W') seconds = 7 * kDay;
        else if (!in_time && unit == 'D') seconds = kDay;
        else if (in_time && unit == 'H') seconds = 3600;
        else if (in_time && unit == 'M') seconds = 60;
        else if (in_time && unit == 'S') seconds = 1;
        else return std::nullopt;
        total = std::min<std::int64_t>(total + n * seconds, kLastSecond);
        any = true;
    }
    if (!any) return std::nullopt;
    return sign * total;
}

// UTC-OFFSET (§3.3.14): "+0100", "-0500", "+053000"; in seconds.
std::optional<std::int32_t> parse_offset(std::string_view text) {
    text = trim(text);
    if (text.size() != 5 && text.size() != 7) return std::nullopt;
    if (text[0] != '+' && text[0] != '-') return std::nullopt;
    const auto hours = fixed_digits(text, 1, 2), minutes = fixed_digits(text, 3, 2);
    const auto seconds = text.size() == 7 ? fixed_digits(text, 5, 2) : std::optional<int>(0);
    if (!hours || !minutes || !seconds || *hours > 23 || *minutes > 59 || *seconds > 59) return std::nullopt;
    const int value = *hours * 3600 + *minutes * 60 + *seconds;
    return text[0] == '-' ? -value : value;
}

// An ORGANIZER or ATTENDEE: "mailto:" in any case, or Apple's EMAIL parameter beside a urn:uuid.
struct Person {
    Attendee who;
    bool resource = false;  // a room, a projector, a Google calendar: not someone to meet
};

std::optional<Person> parse_person(const ContentLine& line) {
    std::string_view value = trim(line.value);
    if (starts_with_folded(value, "mailto:")) value = trim(value.substr(7));
    std::string email;
    if (value.size() <= 254 && looks_like_email(value)) {
        email = ascii_lowercase(value);
    } else {
        const std::string_view param = trim(line.param("EMAIL"));
        if (param.size() <= 254 && looks_like_email(param)) email = ascii_lowercase(param);
    }
    if (email.empty()) return std::nullopt;
    Person p;
    p.who.email = email;
    p.who.name = one_line(line.param("CN"), false);
    if (equals_folded(p.who.name, email) || equals_folded(p.who.name, "mailto:" + email)) p.who.name.clear();
    p.who.partstat = cut_utf8(upper(trim(line.param("PARTSTAT"))), 32);
    const std::string_view cutype = trim(line.param("CUTYPE"));
    p.resource = equals_folded(cutype, "ROOM") || equals_folded(cutype, "RESOURCE") ||
                 ends_with_folded(email, "calendar.google.com");
    return p;
}

// Whole words of a LOCATION that say the meeting was held apart: "Phone call", "Zoom", "Teams".
bool location_says_call(std::string_view location) {
    static constexpr std::array<std::string_view, 16> kWords = {
        "call", "phone", "telephone", "video", "videocall", "zoom", "teams", "skype", "facetime",
        "webex", "whereby", "jitsi", "hangout", "hangouts", "online", "telefon"};
    std::size_t i = 0;
    while (i < location.size()) {
        while (i < location.size() && !std::isalpha(static_cast<unsigned char>(location[i]))) ++i;
        const std::size_t start = i;
        while (i < location.size() && std::isalpha(static_cast<unsigned char>(location[i]))) ++i;
        const std::string_view word = location.substr(start, i - start);
        for (std::string_view w : kWords)
            if (equals_folded(word, w)) return true;
    }
    return contains_folded(location, "google meet");
}

// =============================================================================================
// [SECTION] Rules
// =============================================================================================

enum class Freq : std::uint8_t { Daily, Weekly, Monthly, Yearly };

struct WeekdayNum {
    int nth = 0;      // 0: every such weekday of the period; 1..5 or -1..-5 in a month
    int weekday = 0;  // 0 = Monday .. 6 = Sunday
    auto operator<=>(const WeekdayNum&) const = default;
};

struct Rule {
    Freq freq = Freq::Daily;
    std::int64_t interval = 1;
    std::optional<std::int64_t> count;
    std::optional<Stamp> until;
    std::vector<WeekdayNum> byday;
    std::vector<int> bymonthday;  // 1..31 or -31..-1
    std::vector<int> bymonth;     // 1..12
    int wkst = 0;
};

std::optional<int> weekday_code(std::string_view code) {
    static constexpr std::array<std::string_view, 7> kCodes = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    for (std::size_t i = 0; i < kCodes.size(); ++i)
        if (equals_folded(code, kCodes[i])) return static_cast<int>(i);
    return std::nullopt;
}

// "-1SU", "2MO", "FR".
std::optional<WeekdayNum> parse_weekday_num(std::string_view text) {
    text = trim(text);
    if (text.size() < 2) return std::nullopt;
    const auto weekday = weekday_code(text.substr(text.size() - 2));
    if (!weekday) return std::nullopt;
    std::string_view number = text.substr(0, text.size() - 2);
    int sign = 1;
    if (!number.empty() && (number[0] == '+' || number[0] == '-')) {
        sign = number[0] == '-' ? -1 : 1;
        number.remove_prefix(1);
        if (number.empty()) return std::nullopt;
    }
    if (number.empty()) return WeekdayNum{0, *weekday};
    if (number.size() > 2) return std::nullopt;
    const auto n = fixed_digits(number, 0, number.size());
    if (!n || *n == 0) return std::nullopt;
    return WeekdayNum{sign * *n, *weekday};
}

std::optional<int> parse_int(std::string_view text, int low, int high) {
    text = trim(text);
    int sign = 1;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        sign = text[0] == '-' ? -1 : 1;
        text.remove_prefix(1);
    }
    if (text.empty() || text.size() > 9) return std::nullopt;
    const auto n = fixed_digits(text, 0, text.size());
    if (!n || sign * *n < low || sign * *n > high) return std::nullopt;
    return sign * *n;
}

template <typename T, typename Parse>
bool parse_list(std::string_view text, std::vector<T>& out, Parse parse) {
    for (std::string_view item : split(text, ',')) {
        const auto value = parse(item);
        if (!value) return false;
        out.push_back(*value);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return !out.empty();
}

// A RECUR value, or nothing when it is malformed or uses parts not followed here (BYSETPOS,
// BYHOUR, BYMINUTE, BYSECOND, BYYEARDAY, BYWEEKNO, RSCALE, a frequency under a day, or BYDAY
// with a number where it would count weeks of a year). X- parts are ignored.
std::optional<Rule> parse_rule(std::string_view text) {
    Rule rule;
    std::set<std::string> seen;
    for (std::string_view part : split(text, ';')) {
        const std::size_t eq = part.find('=');
        if (eq == std::string_view::npos) return std::nullopt;
        const std::string key = upper(trim(part.substr(0, eq)));
        const std::string_view value = trim(part.substr(eq + 1));
        if (key.rfind("X-", 0) == 0) continue;
        if (!seen.insert(key).second) return std::nullopt;
        if (key == "FREQ") {
            const std::string freq = upper(value);
            if (freq == "DAILY") rule.freq = Freq::Daily;
            else if (freq == "WEEKLY") rule.freq = Freq::Weekly;
            else if (freq == "MONTHLY") rule.freq = Freq::Monthly;
            else if (freq == "YEARLY") rule.freq = Freq::Yearly;
            else return std::nullopt;
        } else if (key == "INTERVAL") {
            const auto n = parse_int(value, 1, 10'000);
            if (!n) return std::nullopt;
            rule.interval = *n;
        } else if (key == "COUNT") {
            const auto n = parse_int(value, 1, 1'000'000'000);
            if (!n) return std::nullopt;
            rule.count = *n;
        } else if (key == "UNTIL") {
            rule.until = parse_stamp(value, {}, false);
            if (!rule.until) return std::nullopt;
        } else if (key == "BYDAY") {
            if (!parse_list(value, rule.byday, parse_weekday_num)) return std::nullopt;
        } else if (key == "BYMONTHDAY") {
            const auto day = [](std::string_view t) -> std::optional<int> {
                const auto n = parse_int(t, -31, 31);
                return n && *n != 0 ? n : std::nullopt;
            };
            if (!parse_list(value, rule.bymonthday, day)) return std::nullopt;
        } else if (key == "BYMONTH") {
            if (!parse_list(value, rule.bymonth, [](std::string_view t) { return parse_int(t, 1, 12); }))
                return std::nullopt;
        } else if (key == "WKST") {
            const auto day = weekday_code(value);
            if (!day) return std::nullopt;
            rule.wkst = *day;
        } else {
            return std::nullopt;
        }
    }
    if (!seen.contains("FREQ") || (rule.count && rule.until)) return std::nullopt;
    const bool numbered = std::any_of(rule.byday.begin(), rule.byday.end(), [](const WeekdayNum& w) { return w.nth != 0; });
    const bool in_month = std::all_of(rule.byday.begin(), rule.byday.end(),
                                      [](const WeekdayNum& w) { return w.nth >= -5 && w.nth <= 5; });
    switch (rule.freq) {
        case Freq::Daily: if (numbered) return std::nullopt; break;
        case Freq::Weekly: if (numbered || !rule.bymonthday.empty()) return std::nullopt; break;
        case Freq::Monthly: if (!in_month) return std::nullopt; break;
        case Freq::Yearly: if (!rule.byday.empty() && (rule.bymonth.empty() || !in_month)) return std::nullopt; break;
    }
    return rule;
}

// The first event's date and time, which the periods of its rule count from.
struct Anchor {
    std::int64_t wall = 0;  // DTSTART
    std::int32_t day = 0;
    std::int64_t time = 0;  // seconds into the day
    int year = 1970, month = 1, mday = 1, weekday = 0;
};

Anchor anchor_of(std::int64_t wall) {
    Anchor a;
    a.wall = wall;
    a.day = day_of(wall);
    a.time = wall - std::int64_t{a.day} * kDay;
    const Date date{a.day};
    a.year = date.year();
    a.month = date.month();
    a.mday = date.day();
    a.weekday = date.weekday();
    return a;
}

// The days of one month picked by BYMONTHDAY and BYDAY (both: the days in both), or the anchor's
// day of the month when neither is given (no such day, no instance: RFC 5545 skips 31 June).
void month_days(const Rule& rule, std::int64_t year, int month, int default_mday, std::vector<std::int32_t>& out) {
    const int dim = days_in_month(year, month);
    const std::int32_t first = day_number(year, month, 1);
    if (rule.bymonthday.empty() && rule.byday.empty()) {
        if (default_mday <= dim) out.push_back(first + default_mday - 1);
        return;
    }
    std::array<bool, 32> by_monthday{}, by_weekday{};
    if (rule.bymonthday.empty()) by_monthday.fill(true);
    for (int d : rule.bymonthday) {
        const int day = d > 0 ? d : dim + d + 1;
        if (day >= 1 && day <= dim) by_monthday[static_cast<std::size_t>(day)] = true;
    }
    if (rule.byday.empty()) by_weekday.fill(true);
    const int first_weekday = Date{first}.weekday();
    for (const WeekdayNum& w : rule.byday) {
        const int first_such = (w.weekday - first_weekday + 7) % 7 + 1;  // 1..7
        const int last_such = first_such + (dim - first_such) / 7 * 7;
        if (w.nth == 0) {
            for (int day = first_such; day <= dim; day += 7) by_weekday[static_cast<std::size_t>(day)] = true;
        } else {
            const int day = w.nth > 0 ? first_such + 7 * (w.nth - 1) : last_such + 7 * (w.nth + 1);
            if (day >= 1 && day <= dim) by_weekday[static_cast<std::size_t>(day)] = true;
        }
    }
    for (int day = 1; day <= dim; ++day)
        if (by_monthday[static_cast<std::size_t>(day)] && by_weekday[static_cast<std::size_t>(day)]) out.push_back(first + day - 1);
}

bool month_listed(const Rule& rule, int month) {
    return rule.bymonth.empty() || std::binary_search(rule.bymonth.begin(), rule.bymonth.end(), month);
}

// The first day of period k (k days, weeks, months or years of `interval` after the anchor's).
std::int64_t period_first_day(const Rule& rule, const Anchor& a, std::int64_t k) {
    const std::int64_t step = k * rule.interval;
    switch (rule.freq) {
        case Freq::Daily: return a.day + step;
        case Freq::Weekly: return a.day - (a.weekday - rule.wkst + 7) % 7 + 7 * step;
        case Freq::Monthly: {
            const std::int64_t index = std::int64_t{a.year} * 12 + (a.month - 1) + step;
            if (index / 12 > 10'000) return std::numeric_limits<std::int32_t>::max();
            return day_number(index / 12, static_cast<int>(index % 12) + 1, 1);
        }
        case Freq::Yearly:
            if (a.year + step > 10'000) return std::numeric_limits<std::int32_t>::max();
            return day_number(a.year + step, 1, 1);
    }
    return 0;
}

// The days of period k, in order.
void period_days(const Rule& rule, const Anchor& a, std::int64_t k, std::vector<std::int32_t>& out) {
    out.clear();
    const std::int64_t first = period_first_day(rule, a, k);
    if (first > day_number(10'000, 1, 1)) return;
    switch (rule.freq) {
        case Freq::Daily: {
            const Date date{static_cast<std::int32_t>(first)};
            if (!month_listed(rule, date.month())) return;
            if (!rule.byday.empty() &&
                std::none_of(rule.byday.begin(), rule.byday.end(), [&](const WeekdayNum& w) { return w.weekday == date.weekday(); }))
                return;
            if (!rule.bymonthday.empty()) {
                const int dim = days_in_month(date.year(), date.month());
                if (std::none_of(rule.bymonthday.begin(), rule.bymonthday.end(),
                                 [&](int d) { return (d > 0 ? d : dim + d + 1) == date.day(); }))
                    return;
            }
            out.push_back(date.days);
            return;
        }
        case Freq::Weekly: {
            if (rule.byday.empty()) {
                out.push_back(static_cast<std::int32_t>(first + (a.weekday - rule.wkst + 7) % 7));
            } else {
                for (const WeekdayNum& w : rule.byday) out.push_back(static_cast<std::int32_t>(first + (w.weekday - rule.wkst + 7) % 7));
            }
            std::sort(out.begin(), out.end());
            out.erase(std::unique(out.begin(), out.end()), out.end());
            if (!rule.bymonth.empty())
                std::erase_if(out, [&](std::int32_t day) { return !month_listed(rule, Date{day}.month()); });
            return;
        }
        case Freq::Monthly: {
            const Date date{static_cast<std::int32_t>(first)};
            if (month_listed(rule, date.month())) month_days(rule, date.year(), date.month(), a.mday, out);
            return;
        }
        case Freq::Yearly: {
            const int year = Date{static_cast<std::int32_t>(first)}.year();
            for (int month = 1; month <= 12; ++month) {
                const bool wanted = rule.bymonth.empty() ? (rule.bymonthday.empty() ? month == a.month : true)
                                                         : month_listed(rule, month);
                if (wanted) month_days(rule, year, month, a.mday, out);
            }
            return;
        }
    }
}

// =============================================================================================
// [SECTION] Zones
// =============================================================================================

// One STANDARD or DAYLIGHT block as written.
struct Observance {
    std::optional<std::int64_t> start;  // DTSTART: wall time on the clock before the change
    std::optional<std::int32_t> from, to;
    std::string rule;
    std::vector<std::int64_t> rdates;
};

struct ZoneText {
    std::string id;
    std::vector<Observance> observances;
};

// A yearly change of offset: "the last Sunday of March at 02:00".
struct YearlyChange {
    std::int64_t first = 0;  // the first onset (the observance's DTSTART)
    std::int64_t first_year = 0, last_year = std::numeric_limits<std::int64_t>::max();
    std::optional<std::int64_t> until_utc;
    std::int32_t from = 0, to = 0;
    int month = 1, mday = 1;
    std::optional<WeekdayNum> weekday;
    std::vector<int> monthdays;
    std::int64_t time = 0;

    // The onset in `year`, as wall time on the clock before it.
    std::optional<std::int64_t> onset(std::int64_t year) const {
        if (year < first_year || year > last_year || year > 9'999) return std::nullopt;
        const int dim = days_in_month(year, month);
        const std::int32_t day1 = day_number(year, month, 1);
        int day = 0;
        if (weekday) {
            const int first_such = (weekday->weekday - Date{day1}.weekday() + 7) % 7 + 1;
            if (weekday->nth > 0) {
                day = first_such + 7 * (weekday->nth - 1);
            } else if (weekday->nth < 0) {
                day = first_such + (dim - first_such) / 7 * 7 + 7 * (weekday->nth + 1);
            } else {
                day = first_such;  // "BYDAY=SU;BYMONTHDAY=8,9,...,14": the Sunday among those days
                if (!monthdays.empty()) {
                    day = 0;
                    for (int d : monthdays)
                        if (d >= 1 && d <= dim && (d - first_such) % 7 == 0) { day = d; break; }
                }
            }
        } else {
            day = monthdays.empty() ? mday : monthdays.front();
        }
        if (day < 1 || day > dim) return std::nullopt;
        const std::int64_t wall = std::int64_t{day1 + day - 1} * kDay + time;
        if (wall < first) return std::nullopt;
        if (until_utc && wall - from > *until_utc) return std::nullopt;
        return wall;
    }
};

struct Zone {
    struct Change {
        std::int64_t at;  // wall time on the clock before the change
        std::int32_t to;
        bool operator<(const Change& other) const { return at < other.at; }
    };
    std::vector<Change> changes;  // fixed ones (each DTSTART and RDATE), in order
    std::vector<YearlyChange> yearly;
    std::int32_t initial = 0;     // before any change

    // The offset in force at a wall time (in a gap, the later one; in an overlap, the earlier).
    std::int32_t offset_at(std::int64_t wall) const {
        std::int64_t best_at = std::numeric_limits<std::int64_t>::min();
        std::int32_t best = initial;
        const auto it = std::upper_bound(changes.begin(), changes.end(), Change{wall, 0});
        if (it != changes.begin()) {
            best_at = std::prev(it)->at;
            best = std::prev(it)->to;
        }
        const std::int64_t year = Date{day_of(wall)}.year();
        for (const YearlyChange& change : yearly) {
            const std::int64_t newest = std::min(year, change.last_year);
            for (std::int64_t y = newest; y >= newest - 1; --y) {
                const auto onset = change.onset(y);
                if (onset && *onset <= wall) {
                    if (*onset > best_at) {
                        best_at = *onset;
                        best = change.to;
                    }
                    break;
                }
            }
        }
        return best;
    }
};

Zone build_zone(const ZoneText& text) {
    Zone zone;
    std::optional<std::int64_t> earliest;  // before the first change: the first observance's "from"
    bool any = false;
    for (const Observance& o : text.observances) {
        if (!o.to) continue;
        const std::int32_t from = o.from.value_or(*o.to);
        if (!any) zone.initial = *o.to;
        any = true;
        if (o.start && (!earliest || *o.start < *earliest)) {
            earliest = o.start;
            zone.initial = from;
        }
        if (o.start && zone.changes.size() < kMaxZoneTransitions) zone.changes.push_back({*o.start, *o.to});
        for (std::int64_t rdate : o.rdates)
            if (zone.changes.size() < kMaxZoneTransitions) zone.changes.push_back({rdate, *o.to});
        if (!o.start || o.rule.empty() || zone.yearly.size() >= kMaxZoneRules) continue;
        // Only yearly rules: zones change at most twice a year. A rule not read is left out; the
        // observance's DTSTART still counts.
        const auto rule = parse_rule(o.rule);
        if (!rule || rule->freq != Freq::Yearly || rule->interval != 1 || rule->byday.size() > 1) continue;
        const Anchor a = anchor_of(*o.start);
        YearlyChange change;
        change.first = *o.start;
        change.first_year = a.year;
        change.from = from;
        change.to = *o.to;
        change.month = rule->bymonth.empty() ? a.month : rule->bymonth.front();
        change.mday = a.mday;
        change.time = a.time;
        change.monthdays = rule->bymonthday;
        if (!rule->byday.empty()) change.weekday = rule->byday.front();
        if (rule->count) change.last_year = change.first_year + *rule->count - 1;
        if (rule->until) {
            change.until_utc = rule->until->wall - (rule->until->form == Stamp::Form::Utc ? 0 : from);
            change.last_year = Date{day_of(*change.until_utc)}.year() + 1;
        }
        zone.yearly.push_back(std::move(change));
    }
    std::sort(zone.changes.begin(), zone.changes.end());
    return zone;
}

bool is_utc_name(std::string_view id) {
    static constexpr std::array<std::string_view, 10> kNames = {
        "UTC", "GMT", "Z", "Etc/UTC", "Etc/GMT", "Zulu", "Etc/Zulu", "Universal", "Etc/Universal",
        "Coordinated Universal Time"};
    return std::any_of(kNames.begin(), kNames.end(), [&](std::string_view n) { return equals_folded(id, n); });
}

// =============================================================================================
// [SECTION] Reading
// =============================================================================================

struct EventText {
    std::string uid;
    std::string summary;
    std::int64_t sequence = 0;
    std::optional<Stamp> start, end, recurrence_id;
    std::optional<std::int64_t> duration;  // seconds
    std::vector<std::string> rules;
    std::vector<Stamp> exdates, rdates;
    bool cancelled = false;
    std::optional<Attendee> organizer;
    std::vector<Attendee> attendees;  // people only
    bool me_declined = false;
    bool call = false;
    bool says_where = false;  // has any property `call` is read from
};

struct FileText {
    std::vector<EventText> events;  // the well-formed ones, in the file's order
    std::vector<ZoneText> zones;
    std::size_t events_seen = 0, broken = 0;
};

// Components nest (VCALENDAR > VEVENT > VALARM, VTIMEZONE > STANDARD); a component left open
// when an outer one ends, or when the file ends, was cut short: an event then counts as broken.
// Past kMaxDepth, BEGIN and END only count levels: their lines are read by nobody.
class Reader {
public:
    explicit Reader(const std::set<std::string>& me) : me_(me) {}

    void content(std::string_view text) {
        if (!parse_content_line(text, line_)) return;
        if (line_.name == "BEGIN") return begin(upper(trim(line_.value)));
        if (line_.name == "END") return end(upper(trim(line_.value)));
        if (stack_.empty() || too_deep_ > 0) return;
        const std::size_t top = stack_.size() - 1;
        if (event_ && top == event_depth_) event_property();
        else if (observance_ && top == observance_depth_) observance_property();
        else if (zone_ && top == zone_depth_ && line_.name == "TZID") zone_->id = std::string(trim(line_.value));
    }

    FileText finish() {
        close_to(0);
        return std::move(file_);
    }

private:
    void begin(std::string name) {
        if (stack_.size() >= kMaxDepth || too_deep_ > 0) {
            ++too_deep_;
            return;
        }
        if (name == "VEVENT") {
            if (event_) close_to(event_depth_);
            event_.emplace();
            event_depth_ = stack_.size();
            ++file_.events_seen;
        } else if (name == "VTIMEZONE") {
            if (zone_) close_to(zone_depth_);
            zone_.emplace();
            zone_depth_ = stack_.size();
        } else if ((name == "STANDARD" || name == "DAYLIGHT") && zone_ && stack_.size() == zone_depth_ + 1) {
            observance_.emplace();
            observance_depth_ = stack_.size();
        }
        stack_.push_back(std::move(name));
    }

    void end(const std::string& name) {
        if (too_deep_ > 0) {
            --too_deep_;
            return;
        }
        for (std::size_t i = stack_.size(); i-- > 0;) {
            if (stack_[i] != name) continue;
            close_to(i + 1);
            close(i, true);
            stack_.pop_back();
            return;
        }
    }

    // Closes what is open above `depth` as cut short.
    void close_to(std::size_t depth) {
        while (stack_.size() > depth) {
            close(stack_.size() - 1, false);
            stack_.pop_back();
        }
    }

    void close(std::size_t depth, bool whole) {
        if (event_ && depth == event_depth_) {
            if (whole && event_->start) file_.events.push_back(std::move(*event_));
            else ++file_.broken;
            event_.reset();
        } else if (observance_ && depth == observance_depth_) {
            if (whole && zone_) zone_->observances.push_back(std::move(*observance_));
            observance_.reset();
        } else if (zone_ && depth == zone_depth_) {
            if (whole && !zone_->id.empty()) file_.zones.push_back(std::move(*zone_));
            zone_.reset();
        }
    }

    void event_property() {
        EventText& e = *event_;
        const std::string& name = line_.name;
        if (name == "UID") {
            e.uid = std::string(trim(line_.value));
        } else if (name == "SUMMARY") {
            e.summary = one_line(line_.value, true);
        } else if (name == "SEQUENCE") {
            e.sequence = parse_int(line_.value, 0, 1'000'000'000).value_or(0);
        } else if (name == "DTSTART") {
            e.start = parse_stamp(line_, line_.value);  // unreadable: no DTSTART, the event is broken
        } else if (name == "DTEND") {
            e.end = parse_stamp(line_, line_.value);
        } else if (name == "DURATION") {
            e.duration = parse_duration(line_.value);
        } else if (name == "RECURRENCE-ID") {
            e.recurrence_id = parse_stamp(line_, line_.value);
        } else if (name == "RRULE") {
            e.rules.emplace_back(trim(line_.value));
        } else if (name == "EXDATE" || name == "RDATE") {
            std::vector<Stamp>& list = name == "EXDATE" ? e.exdates : e.rdates;
            for (std::string_view item : split(line_.value, ',')) {
                // A PERIOD ("start/end" or "start/duration") is read for its start.
                const std::string_view value = item.substr(0, item.find('/'));
                if (auto stamp = parse_stamp(line_, value)) list.push_back(std::move(*stamp));
            }
        } else if (name == "STATUS") {
            e.cancelled = equals_folded(trim(line_.value), "CANCELLED");
        } else if (name == "ORGANIZER") {
            if (auto p = parse_person(line_); p && !ends_with_folded(p->who.email, "calendar.google.com"))
                e.organizer = std::move(p->who);
        } else if (name == "ATTENDEE") {
            if (auto p = parse_person(line_)) {
                if (me_.contains(p->who.email) && p->who.partstat == "DECLINED") e.me_declined = true;
                if (!p->resource) e.attendees.push_back(std::move(p->who));
            }
        } else if (name == "LOCATION") {
            const std::string location = unescape_text(line_.value);
            e.call = e.call || has_conference_link(location) || location_says_call(location);
            e.says_where = true;
        } else if (name == "URL" || name == "DESCRIPTION" || name == "CONFERENCE" || name == "X-GOOGLE-CONFERENCE" ||
                   name == "X-MICROSOFT-SKYPETEAMSMEETINGURL" || name == "X-MICROSOFT-ONLINEMEETINGCONFLINK" ||
                   name == "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK") {
            e.call = e.call || has_conference_link(line_.value);
            e.says_where = true;
        }
    }

    void observance_property() {
        Observance& o = *observance_;
        const std::string& name = line_.name;
        if (name == "DTSTART") {
            if (const auto stamp = parse_stamp(line_, line_.value)) o.start = stamp->wall;
        } else if (name == "TZOFFSETFROM") {
            o.from = parse_offset(line_.value);
        } else if (name == "TZOFFSETTO") {
            o.to = parse_offset(line_.value);
        } else if (name == "RRULE") {
            o.rule = std::string(trim(line_.value));
        } else if (name == "RDATE") {
            for (std::string_view item : split(line_.value, ','))
                if (const auto stamp = parse_stamp(line_, item)) o.rdates.push_back(stamp->wall);
        }
    }

    const std::set<std::string>& me_;
    ContentLine line_;
    std::vector<std::string> stack_;
    std::optional<EventText> event_;
    std::optional<ZoneText> zone_;
    std::optional<Observance> observance_;
    std::size_t event_depth_ = 0, zone_depth_ = 0, observance_depth_ = 0;
    std::size_t too_deep_ = 0;  // levels opened past kMaxDepth
    FileText file_;
};

// =============================================================================================
// [SECTION] Expanding
// =============================================================================================

std::size_t heap_bytes(const std::string& s) { return s.size() > 15 ? s.size() + 1 : 0; }

std::size_t occurrence_bytes(const Occurrence& o) {
    std::size_t n = sizeof(Occurrence) + heap_bytes(o.uid) + heap_bytes(o.summary) + heap_bytes(o.organizer.email) +
                    heap_bytes(o.organizer.name) + o.attendees.size() * sizeof(Attendee);
    for (const Attendee& a : o.attendees) n += heap_bytes(a.email) + heap_bytes(a.name) + heap_bytes(a.partstat);
    return n;
}

class Expander {
public:
    Expander(FileText file, std::set<std::string> me, Millis from, Millis to, CalendarRead& out)
        : file_(std::move(file)), me_(std::move(me)), out_(out) {
        from_ = std::clamp<std::int64_t>(floor_div(from, 1000) + (from % 1000 != 0 ? 1 : 0), kFirstSecond, kLastSecond);
        to_ = std::clamp<std::int64_t>(floor_div(to, 1000), kFirstSecond, kLastSecond);
        from_ms_ = from;
        to_ms_ = to;
        for (const ZoneText& z : file_.zones) {
            if (zones_.contains(z.id)) continue;
            zones_.emplace(z.id, build_zone(z));
            zones_folded_.emplace(ascii_lowercase(z.id), z.id);
        }
    }

    void run() {
        out_.events = file_.events_seen;
        out_.broken = file_.broken;
        pick_versions();
        for (std::size_t i = 0; i < file_.events.size() && !full_; ++i) {
            if (!chosen_[i]) continue;
            const EventText& e = file_.events[i];
            if (e.recurrence_id) single(e);
            else series(e);
        }
        std::stable_sort(out_.occurrences.begin(), out_.occurrences.end(),
                         [](const Occurrence& a, const Occurrence& b) { return a.start < b.start; });
        warn();
    }

private:
    // Of the events with the same UID (and RECURRENCE-ID), the highest SEQUENCE, the first of
    // equals: a file made of two exports (or an update and its original) counts a meeting once.
    // The overridden instances are noted for their series.
    void pick_versions() {
        chosen_.assign(file_.events.size(), false);
        std::map<std::pair<std::string, std::int64_t>, std::size_t> best;
        for (std::size_t i = 0; i < file_.events.size(); ++i) {
            const EventText& e = file_.events[i];
            if (e.uid.empty()) {
                chosen_[i] = true;
                continue;
            }
            const std::int64_t rid = e.recurrence_id ? utc(*e.recurrence_id) : std::numeric_limits<std::int64_t>::min();
            const auto [it, added] = best.emplace(std::make_pair(e.uid, rid), i);
            if (!added && e.sequence > file_.events[it->second].sequence) it->second = i;
            if (!e.recurrence_id && added) masters_.emplace(e.uid, i);
            if (e.recurrence_id) overridden_[e.uid].insert(rid);
        }
        for (const auto& [key, i] : best) chosen_[i] = true;
        for (auto& [uid, i] : masters_) i = best.at({uid, std::numeric_limits<std::int64_t>::min()});
    }

    const Zone* zone_of(const Stamp& s) {
        if (s.form != Stamp::Form::Local || s.tzid.empty()) return nullptr;
        if (const auto it = zones_.find(s.tzid); it != zones_.end()) return &it->second;
        if (const auto it = zones_folded_.find(ascii_lowercase(s.tzid)); it != zones_folded_.end()) return &zones_.at(it->second);
        if (!is_utc_name(s.tzid)) missing_zones_.insert(cut_utf8(s.tzid, 64));
        return nullptr;
    }

    static std::int64_t utc_of(std::int64_t wall, const Zone* zone) { return zone ? wall - zone->offset_at(wall) : wall; }
    std::int64_t utc(const Stamp& s) { return utc_of(s.wall, zone_of(s)); }

    bool is_me(const std::string& email) const { return me_.contains(email); }

    // What every instance of an event shares; nothing when the event is skipped (and counted).
    std::optional<Occurrence> shape(const EventText& e, const EventText* master) {
        // An override that names nobody keeps the people and the place of its series.
        const bool inherit = master && e.attendees.empty() && !e.organizer;
        const EventText& people = inherit ? *master : e;
        if (e.cancelled) {
            ++out_.cancelled;
            return std::nullopt;
        }
        if (people.me_declined) {
            ++out_.declined;
            return std::nullopt;
        }
        const bool others = (people.organizer && !is_me(people.organizer->email)) ||
                            std::any_of(people.attendees.begin(), people.attendees.end(),
                                        [&](const Attendee& a) { return !is_me(a.email); });
        if (!others) {
            ++out_.no_attendees;
            return std::nullopt;
        }
        Occurrence o;
        o.all_day = e.start->form == Stamp::Form::Date;
        o.uid = cut_utf8(e.uid, kMaxUidBytes);
        o.summary = e.summary.empty() && master ? master->summary : e.summary;
        if (people.organizer) o.organizer = *people.organizer;
        o.attendees = people.attendees;
        o.call = e.call || (inherit && !e.says_where && master->call);
        std::optional<std::int64_t> seconds;
        if (e.end) seconds = utc(*e.end) - utc(*e.start);
        else if (e.duration) seconds = *e.duration;
        if (!seconds && master && master->start->form != Stamp::Form::Date) {
            if (master->end) seconds = utc(*master->end) - utc(*master->start);
            else if (master->duration) seconds = *master->duration;
        }
        if (seconds && !o.all_day)
            o.duration_minutes = static_cast<std::int32_t>(std::clamp<std::int64_t>(*seconds / 60, 0, std::numeric_limits<std::int32_t>::max()));
        return o;
    }

    // Adds one instance starting at `start` (UTC seconds) unless outside the window; false when
    // nothing more may be added (the event's or the file's cap).
    bool add(const Occurrence& shape, std::int64_t start, std::size_t bytes) {
        const Millis ms = start * 1000;
        if (ms < from_ms_ || ms > to_ms_) return true;
        if (out_.occurrences.size() >= kMaxOccurrences || bytes_ + bytes > kMaxOccurrenceBytes) {
            full_ = true;
            return false;
        }
        out_.occurrences.push_back(shape);
        out_.occurrences.back().start = ms;
        bytes_ += bytes;
        return true;
    }

    void single(const EventText& e) {
        const auto it = masters_.find(e.uid);
        const EventText* master = it == masters_.end() ? nullptr : &file_.events[it->second];
        const auto o = shape(e, master);
        if (o) add(*o, utc(*e.start), occurrence_bytes(*o));
    }

    void series(const EventText& e) {
        const auto o = shape(e, nullptr);
        if (!o) return;
        Series s(*this, e, *o);
        s.run();
    }

    // One recurring (or single) event's instances.
    class Series {
    public:
        Series(Expander& x, const EventText& e, const Occurrence& shape)
            : x_(x), e_(e), shape_(shape), bytes_(occurrence_bytes(shape)), zone_(x.zone_of(*e.start)),
              anchor_(anchor_of(e.start->wall)) {
            for (const Stamp& s : e.exdates) {
                if (s.form == Stamp::Form::Date) exdays_.insert(day_of(s.wall));
                else exdates_.insert(x_.utc(s));
            }
            if (const auto it = x_.overridden_.find(e.uid); it != x_.overridden_.end() && !e.uid.empty())
                overridden_ = &it->second;
        }

        void run() {
            if (!instance(e_.start->wall)) return;
            if (e_.rules.size() == 1) {
                if (const auto rule = parse_rule(e_.rules.front())) {
                    if (!repeat(*rule)) return;
                } else {
                    ++x_.unsupported_;
                }
            } else if (e_.rules.size() > 1) {
                ++x_.unsupported_;
            }
            // A date adds the event's time of day on that date; an all-day event takes a time's date.
            const bool all_day = e_.start->form == Stamp::Form::Date;
            for (const Stamp& r : e_.rdates) {
                const bool date = r.form == Stamp::Form::Date;
                const std::int64_t wall = all_day  ? std::int64_t{day_of(r.wall)} * kDay
                                          : date   ? r.wall + anchor_.time
                                                   : r.wall;
                if (!emit(wall, utc_of(wall, all_day || date ? zone_ : x_.zone_of(r)))) return;
            }
        }

    private:
        bool instance(std::int64_t wall) { return emit(wall, utc_of(wall, zone_)); }

        bool emit(std::int64_t wall, std::int64_t start) {
            if (start * 1000 < x_.from_ms_ || start * 1000 > x_.to_ms_) return true;
            if (exdates_.contains(start) || exdays_.contains(day_of(wall))) return true;
            if (overridden_ && overridden_->contains(start)) return true;
            if (!emitted_.insert(start).second) return true;
            if (emitted_.size() > kMaxInstancesPerEvent) {
                ++x_.too_many_;
                ++x_.out_.capped;
                return false;
            }
            if (!x_.add(shape_, start, bytes_)) {
                ++x_.out_.capped;
                return false;
            }
            return true;
        }

        // The rule's instances after DTSTART; false when a cap ended the event.
        bool repeat(const Rule& rule) {
            const std::int64_t from_day = day_of(x_.from_ - 2 * kDay), to_day = day_of(x_.to_ + 2 * kDay);
            std::int64_t until_utc = std::numeric_limits<std::int64_t>::max();
            std::int64_t until_wall = std::numeric_limits<std::int64_t>::max();
            std::int32_t until_day = std::numeric_limits<std::int32_t>::max();
            if (rule.until) {
                if (rule.until->form == Stamp::Form::Date) until_day = day_of(rule.until->wall);
                else if (rule.until->form == Stamp::Form::Utc) until_utc = rule.until->wall;
                else until_wall = rule.until->wall;
            }
            std::int64_t made = 1;  // DTSTART is the first instance
            std::vector<std::int32_t> days;
            // Jump to the window when what comes before it need not be counted: without COUNT, or
            // with a COUNT over periods that all hold the same number of instances.
            std::int64_t k = 0;
            const bool regular = (rule.freq == Freq::Daily && rule.byday.empty() && rule.bymonthday.empty() &&
                                  rule.bymonth.empty()) ||
                                 (rule.freq == Freq::Weekly && rule.bymonth.empty());
            if (!rule.count || regular) k = first_period_near(rule, from_day);
            if (rule.count && k > 0) {
                period_days(rule, anchor_, 0, days);
                const auto after_start = std::count_if(days.begin(), days.end(), [&](std::int32_t d) {
                    return std::int64_t{d} * kDay + anchor_.time > anchor_.wall;
                });
                period_days(rule, anchor_, 1, days);
                made += after_start + (k - 1) * static_cast<std::int64_t>(days.size());
                if (made >= *rule.count) return true;
            }
            std::size_t steps = 0, empty = 0;
            for (;; ++k) {
                if (period_first_day(rule, anchor_, k) > to_day) return true;
                period_days(rule, anchor_, k, days);
                steps += 1 + days.size();
                x_.steps_ += 1 + days.size();
                if (steps > kMaxStepsPerEvent || x_.steps_ > kMaxStepsPerFile) {
                    ++x_.too_far_;
                    ++x_.out_.capped;
                    return false;
                }
                empty = days.empty() ? empty + 1 : 0;
                if (empty > kMaxEmptyPeriods) return true;
                for (std::int32_t day : days) {
                    const std::int64_t wall = std::int64_t{day} * kDay + anchor_.time;
                    if (wall <= anchor_.wall) continue;
                    if (rule.count && ++made > *rule.count) return true;
                    if (day > until_day || wall > until_wall) return true;
                    if (until_utc != std::numeric_limits<std::int64_t>::max() && wall - 2 * kDay > until_utc) return true;
                    if (day > to_day) return true;
                    if (day < from_day) continue;
                    const std::int64_t start = utc_of(wall, zone_);
                    if (start > until_utc) return true;
                    if (!emit(wall, start)) return false;
                }
            }
        }

        // The last period that starts on or before `day` (0 when the first is after it).
        std::int64_t first_period_near(const Rule& rule, std::int64_t day) const {
            const Date date{static_cast<std::int32_t>(std::clamp<std::int64_t>(day, std::numeric_limits<std::int32_t>::min(),
                                                                                std::numeric_limits<std::int32_t>::max()))};
            std::int64_t span = 0;
            switch (rule.freq) {
                case Freq::Daily: span = day - anchor_.day; break;
                case Freq::Weekly: span = floor_div(day - period_first_day(rule, anchor_, 0), 7); break;
                case Freq::Monthly: span = (std::int64_t{date.year()} * 12 + date.month()) - (std::int64_t{anchor_.year} * 12 + anchor_.month); break;
                case Freq::Yearly: span = date.year() - anchor_.year; break;
            }
            return std::max<std::int64_t>(0, floor_div(span, rule.interval));
        }

        Expander& x_;
        const EventText& e_;
        const Occurrence& shape_;
        std::size_t bytes_;
        const Zone* zone_;
        Anchor anchor_;
        std::set<std::int64_t> exdates_;
        std::set<std::int32_t> exdays_;
        const std::set<std::int64_t>* overridden_ = nullptr;
        std::set<std::int64_t> emitted_;
    };

    void warn() {
        std::vector<std::string>& w = out_.warnings;
        if (unsupported_ > 0)
            w.push_back(counted(unsupported_, "repeating event uses", "repeating events use") +
                        " a rule this reader does not follow (such as BYSETPOS or BYHOUR): only the first meeting of each was taken");
        if (too_many_ > 0)
            w.push_back(counted(too_many_, "repeating event has", "repeating events have") + " more than " +
                        std::to_string(kMaxInstancesPerEvent) + " meetings in the period: only the first " +
                        std::to_string(kMaxInstancesPerEvent) + " of each were taken");
        if (too_far_ > 0)
            w.push_back(counted(too_far_, "repeating event goes", "repeating events go") +
                        " back too far to follow: some of their meetings were left out");
        if (full_)
            w.push_back("the calendar has more meetings in the period than can be read at once: only the first " +
                        std::to_string(out_.occurrences.size()) + " were taken");
        std::size_t named = 0;
        for (const std::string& id : missing_zones_) {
            if (++named > kMaxZoneWarnings) break;
            w.push_back("the time zone \"" + id + "\" is not described in the file (no VTIMEZONE): its times were read as UTC");
        }
        if (missing_zones_.size() > kMaxZoneWarnings)
            w.push_back(counted(missing_zones_.size() - kMaxZoneWarnings, "more time zone", "more time zones") +
                        " without a VTIMEZONE were read as UTC");
    }

    FileText file_;
    std::set<std::string> me_;
    CalendarRead& out_;
    std::int64_t from_ = 0, to_ = 0;  // seconds, within years 0000-9999
    Millis from_ms_ = 0, to_ms_ = 0;
    std::unordered_map<std::string, Zone> zones_;
    std::unordered_map<std::string, std::string> zones_folded_;
    std::set<std::string> missing_zones_;
    std::vector<bool> chosen_;
    std::unordered_map<std::string, std::size_t> masters_;
    std::unordered_map<std::string, std::set<std::int64_t>> overridden_;
    std::size_t bytes_ = 0, steps_ = 0;
    std::size_t unsupported_ = 0, too_many_ = 0, too_far_ = 0;
    bool full_ = false;
};

}  // namespace

bool has_conference_link(std::string_view text) {
    static constexpr std::array<std::string_view, 16> kHosts = {
        "meet.google.com", "hangouts.google.com", "zoom.us", "zoom.com/", "zoomgov.com",
        "teams.microsoft.com", "teams.live.com", "whereby.com", "webex.com", "jit.si", "facetime.apple.com",
        "join.skype.com", "gotomeeting.com", "gotomeet.me", "bluejeans.com", "chime.aws"};
    return std::any_of(kHosts.begin(), kHosts.end(), [&](std::string_view host) { return contains_folded(text, host); });
}

CalendarRead read_calendar(std::string_view bytes, const std::vector<std::string>& me, Millis from, Millis to) {
    CalendarRead out;
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    Unfolder lines(bytes);
    std::string line;
    if (!lines.next(line) || trim(line).empty()) {
        out.error = problem("empty file");
        return out;
    }
    if (!equals_folded(trim(line), "BEGIN:VCALENDAR")) {
        out.error = problem("not an iCalendar file (it does not start with BEGIN:VCALENDAR)");
        return out;
    }
    std::set<std::string> mine;
    for (const std::string& address : me) {
        std::string_view a = trim(address);
        if (starts_with_folded(a, "mailto:")) a = trim(a.substr(7));
        if (!a.empty()) mine.insert(ascii_lowercase(a));
    }
    Reader reader(mine);
    do {
        reader.content(line);
    } while (lines.next(line));
    FileText file = reader.finish();
    Expander(std::move(file), std::move(mine), from, to, out).run();
    return out;
}

}  // namespace ties::io::calendar
