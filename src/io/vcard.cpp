// vCard import and export: see vcard.hpp. Reading has three layers: LineReader turns the bytes into
// logical lines (unfolded into one reused buffer, photos stepped over, at most kMaxLineBytes),
// parse_property splits a line into group, name, parameters and value (views, no copies), and
// CardReader turns one card's properties into a Contact. Writing builds each content line, escapes
// it and folds it at 75 octets.
// Sections, in order (search for "// --- "): Bytes and characters · Messages · Lines · Properties ·
//   Values · Dates · Handles · Cards · Whole files · Export.
#include "io/vcard.hpp"

#include "core/links.hpp"
#include "core/text.hpp"
#include "core/utf8.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>

namespace ties::io {
namespace {

constexpr std::size_t kMaxLineBytes = 1u << 20;   // one unfolded line; longer ones are skipped
constexpr std::size_t kMaxWarnings = 100;         // then one line counts the rest
constexpr std::size_t kMaxListItems = 200;        // e-mails, phones, handles, tags, labels per card
constexpr std::size_t kMaxParams = 64;            // per property
constexpr std::size_t kProgressEvery = 1000;      // cards
constexpr std::size_t kFoldOctets = 75;           // per physical line written, CRLF not counted
constexpr std::size_t kNameScan = 1024;           // a property name is looked for in this prefix

// --- Bytes and characters ------------------------------------------------------------------------

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}

bool istarts_with(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

std::string lowered(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

bool is_digits(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text)
        if (c < '0' || c > '9') return false;
    return true;
}

bool is_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (i + 8 <= s.size()) {  // eight ASCII bytes at a time
            std::uint64_t word = 0;
            std::memcpy(&word, s.data() + i, 8);
            if ((word & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        const auto b0 = static_cast<unsigned char>(s[i]);
        if (b0 < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if ((b0 & 0xE0) == 0xC0) { length = 2; cp = b0 & 0x1Fu; min = 0x80; }
        else if ((b0 & 0xF0) == 0xE0) { length = 3; cp = b0 & 0x0Fu; min = 0x800; }
        else if ((b0 & 0xF8) == 0xF0) { length = 4; cp = b0 & 0x07u; min = 0x10000; }
        else return false;
        if (i + length > s.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            if ((b & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (b & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += length;
    }
    return true;
}

std::string without_nul(std::string_view bytes) {
    if (std::memchr(bytes.data(), '\0', bytes.size()) == nullptr) return std::string(bytes);
    std::string out;
    out.reserve(bytes.size());
    for (char c : bytes)
        if (c != '\0') out.push_back(c);
    return out;
}

// A short, printable excerpt for messages: control characters and broken UTF-8 left out.
std::string excerpt(std::string_view text) {
    constexpr std::size_t kMax = 40;
    std::string out;
    for (char32_t c : decode_utf8(text.substr(0, kMax * 4))) {
        if (c < 0x20 || c == 0x7F || c == U'\uFFFD') continue;
        if (decode_utf8(out).size() >= kMax) {
            out += "\xE2\x80\xA6";  // …
            break;
        }
        append_utf8(out, c);
    }
    return "\"" + out + "\"";
}

// --- Messages ------------------------------------------------------------------------------------

class Messages {
public:
    explicit Messages(std::string file) : file_(std::move(file)) {}

    void warn(std::size_t line, std::string text) {
        if (count_++ < kMaxWarnings) warnings_.push_back(Problem{file_, line, std::move(text)});
    }
    Problem error(std::size_t line, std::string text) const { return Problem{file_, line, std::move(text)}; }

    std::vector<Problem> take() {
        if (count_ > kMaxWarnings)
            warnings_.push_back(Problem{file_, 0, std::to_string(count_ - kMaxWarnings) + " more warnings not shown"});
        return std::move(warnings_);
    }

    bool warned_encoding = false;  // text that is not UTF-8: said once per file
    std::string warned_charset;    // the last unsupported CHARSET named

private:
    std::string file_;
    std::vector<Problem> warnings_;
    std::size_t count_ = 0;
};

// --- Lines ---------------------------------------------------------------------------------------

// The property name of a content line: "item1.EMAIL;TYPE=work:..." -> "EMAIL".
std::string_view property_name(std::string_view line) {
    line = line.substr(0, kNameScan);
    line = line.substr(0, line.find_first_of(";:"));
    if (const std::size_t dot = line.rfind('.'); dot != std::string_view::npos) line.remove_prefix(dot + 1);
    return trim(line);
}

// Embedded binary data: never read, never copied.
bool is_binary_property(std::string_view name) {
    return iequals(name, "PHOTO") || iequals(name, "LOGO") || iequals(name, "SOUND") || iequals(name, "KEY") ||
           iequals(name, "X-MS-CARDPICTURE");
}

// Where the parameters end: the first colon outside double quotes.
std::size_t header_end(std::string_view line) {
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '"') quoted = !quoted;
        else if (line[i] == ':' && !quoted) return i;
    }
    return line.find(':');  // unbalanced quotes: the first colon
}

bool is_quoted_printable(std::string_view line) {
    const std::size_t end = header_end(line.substr(0, kNameScan));
    return end != std::string_view::npos && contains_folded(line.substr(0, end), "quoted-printable");
}

bool is_card_boundary(std::string_view line) {
    line = trim(line);
    return iequals(line, "END:VCARD") || iequals(line, "BEGIN:VCARD");
}

// Base64 as old writers leave it unindented inside a photo: no colon, only alphabet characters.
bool is_bare_base64(std::string_view line) {
    if (line.empty()) return false;
    for (char c : line) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
                        c == '/' || c == '=';
        if (!ok) return false;
    }
    return true;
}

struct LogicalLine {
    std::string_view text;   // unfolded; when oversized only the start of its first physical line
    std::size_t line = 0;    // the number of its first physical line
    bool oversized = false;  // longer than kMaxLineBytes: not read
    bool skipped = false;    // embedded binary data: not read
};

class LineReader {
public:
    explicit LineReader(std::string_view data) : data_(data) {}

    std::size_t position() const { return pos_; }

    bool next(LogicalLine& out) {
        if (pos_ >= data_.size()) return false;
        out = LogicalLine{};
        out.line = line_;
        const std::string_view first = take();
        out.skipped = is_binary_property(property_name(first));
        out.oversized = !out.skipped && first.size() > kMaxLineBytes;
        const bool qp = !out.oversized && is_quoted_printable(first);
        bool copied = false;
        char last = first.empty() ? '\0' : first.back();
        while (pos_ < data_.size()) {
            const std::string_view next = peek();
            const bool soft_break = qp && last == '=' && !next.empty() && !is_card_boundary(next);
            const bool folded = !soft_break && !next.empty() && (next[0] == ' ' || next[0] == '\t');
            const bool bare_data = out.skipped && !folded && is_bare_base64(next);
            if (!soft_break && !folded && !bare_data) break;
            take();
            const std::string_view piece = folded ? next.substr(1) : next;
            if (!piece.empty()) last = piece.back();
            if (out.skipped || out.oversized) continue;
            if (!copied) {
                buffer_.assign(first);
                copied = true;
            }
            if (soft_break) buffer_.pop_back();  // the "=" of the soft line break
            if (buffer_.size() + piece.size() > kMaxLineBytes) {
                out.oversized = true;
                continue;
            }
            buffer_.append(piece);
        }
        if (out.oversized || out.skipped) out.text = first.substr(0, kNameScan);
        else out.text = copied ? std::string_view(buffer_) : first;
        return true;
    }

private:
    // The physical line at pos_ without its line end; where the next one starts goes to `after`.
    // memchr finds line ends; the next LF is remembered, so a file whose lines end in CR alone
    // is not searched to its end once per line.
    std::string_view physical(std::size_t& after) {
        if (peeked_at_ == pos_) {
            after = peeked_after_;
            return peeked_;
        }
        const char* base = data_.data();
        const std::size_t size = data_.size();
        if (!lf_known_ || next_lf_ < pos_) {
            lf_known_ = true;
            const void* lf = std::memchr(base + pos_, '\n', size - pos_);
            next_lf_ = lf != nullptr ? static_cast<std::size_t>(static_cast<const char*>(lf) - base) : size;
        }
        std::size_t end = next_lf_;
        if (const void* cr = std::memchr(base + pos_, '\r', end - pos_)) end = static_cast<std::size_t>(static_cast<const char*>(cr) - base);
        after = end;
        if (after < size && base[after] == '\r') {
            // CRLF, and CR CR LF (as some iPhone exports end lines): one line end each
            if (after + 1 < size && base[after + 1] == '\n') after += 2;
            else if (after + 2 < size && base[after + 1] == '\r' && base[after + 2] == '\n') after += 3;
            else after += 1;
        } else if (after < size) {
            after += 1;
        }
        peeked_at_ = pos_;
        peeked_after_ = after;
        peeked_ = data_.substr(pos_, end - pos_);
        return peeked_;
    }
    std::string_view peek() {
        std::size_t after = 0;
        return physical(after);
    }
    std::string_view take() {
        std::size_t after = 0;
        const std::string_view line = physical(after);
        pos_ = after;
        ++line_;
        return line;
    }

    std::string_view data_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t next_lf_ = 0;  // the next LF at or after pos_ (or the end); behind pos_: look again
    bool lf_known_ = false;
    std::size_t peeked_at_ = std::string_view::npos;
    std::size_t peeked_after_ = 0;
    std::string_view peeked_;
    std::string buffer_;
};

// --- Properties ----------------------------------------------------------------------------------

struct Param {
    std::string_view name;   // empty: a bare vCard 2.1 parameter ("TEL;CELL;VOICE")
    std::string_view value;  // unquoted
};

struct Property {
    std::string_view group;  // "item1" of "item1.URL"
    std::string_view name;
    std::string_view value;  // raw: still encoded and escaped
    std::vector<Param> params;
};

std::string_view unquoted(std::string_view text) {
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') return text.substr(1, text.size() - 2);
    return text;
}

bool parse_property(std::string_view line, Property& p) {
    p.params.clear();
    const std::size_t colon = header_end(line);
    if (colon == std::string_view::npos) return false;
    const std::string_view header = line.substr(0, colon);
    p.value = line.substr(colon + 1);
    bool quoted = false;
    bool first = true;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= header.size(); ++i) {
        if (i < header.size()) {
            if (header[i] == '"') quoted = !quoted;
            if (header[i] != ';' || quoted) continue;
        }
        const std::string_view token = trim(header.substr(start, i - start));
        start = i + 1;
        if (first) {
            first = false;
            const std::size_t dot = token.rfind('.');
            p.group = dot == std::string_view::npos ? std::string_view() : token.substr(0, dot);
            p.name = dot == std::string_view::npos ? token : token.substr(dot + 1);
            continue;
        }
        if (token.empty() || p.params.size() >= kMaxParams) continue;
        const std::size_t eq = token.find('=');
        if (eq == std::string_view::npos) p.params.push_back(Param{{}, token});
        else p.params.push_back(Param{trim(token.substr(0, eq)), unquoted(trim(token.substr(eq + 1)))});
    }
    return !p.name.empty();
}

bool is_encoding_name(std::string_view v) {
    return iequals(v, "QUOTED-PRINTABLE") || iequals(v, "BASE64") || iequals(v, "B") || iequals(v, "8BIT") ||
           iequals(v, "7BIT");
}

std::string_view param(const Property& p, std::string_view name) {
    for (const Param& q : p.params)
        if (iequals(q.name, name)) return q.value;
    return {};
}

std::string_view encoding(const Property& p) {
    for (const Param& q : p.params) {
        if (iequals(q.name, "ENCODING")) return q.value;
        if (q.name.empty() && is_encoding_name(q.value)) return q.value;
    }
    return {};
}

// Every TYPE value: TYPE=a,b, TYPE=a;TYPE=b and 2.1's bare parameters.
template <typename F>
void for_each_type(const Property& p, F&& visit) {
    for (const Param& q : p.params) {
        std::string_view values;
        if (iequals(q.name, "TYPE")) values = q.value;
        else if (q.name.empty() && !is_encoding_name(q.value)) values = q.value;
        else continue;
        while (true) {
            const std::size_t comma = values.find(',');
            visit(trim(values.substr(0, comma)));
            if (comma == std::string_view::npos) break;
            values.remove_prefix(comma + 1);
        }
    }
}

// --- Values --------------------------------------------------------------------------------------

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

std::string decode_quoted_printable(std::string_view v) {
    std::string out;
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] != '=') {
            out.push_back(v[i]);
            continue;
        }
        if (i + 2 < v.size() && hex_value(v[i + 1]) >= 0 && hex_value(v[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(v[i + 1]) * 16 + hex_value(v[i + 2])));
            i += 2;
        } else if (i + 1 < v.size()) {
            out.push_back('=');  // not an escape: kept as written
        }  // a trailing "=" is a soft line break
    }
    return out;
}

std::string decode_base64(std::string_view v) {
    std::string out;
    out.reserve(v.size() / 4 * 3);
    std::uint32_t bits = 0;
    int count = 0;
    for (char c : v) {
        int value = -1;
        if (c >= 'A' && c <= 'Z') value = c - 'A';
        else if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
        else if (c >= '0' && c <= '9') value = c - '0' + 52;
        else if (c == '+' || c == '-') value = 62;
        else if (c == '/' || c == '_') value = 63;
        else if (c == '=') break;
        if (value < 0) continue;  // white space and stray characters
        bits = (bits << 6) | static_cast<std::uint32_t>(value);
        if (++count == 4) {
            out.push_back(static_cast<char>((bits >> 16) & 0xFF));
            out.push_back(static_cast<char>((bits >> 8) & 0xFF));
            out.push_back(static_cast<char>(bits & 0xFF));
            bits = 0;
            count = 0;
        }
    }
    if (count == 2) out.push_back(static_cast<char>((bits >> 4) & 0xFF));
    if (count == 3) {
        out.push_back(static_cast<char>((bits >> 10) & 0xFF));
        out.push_back(static_cast<char>((bits >> 2) & 0xFF));
    }
    return out;
}

// Splits on `separator` where no backslash escapes it; the parts keep their escapes.
std::vector<std::string_view> split_raw(std::string_view raw, char separator,
                                        std::size_t max_parts = std::numeric_limits<std::size_t>::max()) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i < raw.size() && parts.size() + 1 < max_parts; ++i) {
        if (raw[i] == '\\') {
            ++i;
        } else if (raw[i] == separator) {
            parts.push_back(raw.substr(start, i - start));
            start = i + 1;
        }
    }
    parts.push_back(raw.substr(start));
    return parts;
}

// Escapes undone (\\ \, \; \n \N; any other escaped character stands for itself, as Gmail's \"
// and others' \: mean), line ends made LF, and control characters other than tab and newline dropped.
std::string unescape(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '\\' && i + 1 < raw.size()) {
            const char n = raw[i + 1];
            if (n == 'n' || n == 'N') {
                out.push_back('\n');
                ++i;
                continue;
            }
            if (n != '\r' && n != '\n') {
                ++i;
                if (static_cast<unsigned char>(n) >= 0x20 || n == '\t') out.push_back(n);
                continue;
            }
            continue;  // a backslash before a line end: dropped
        }
        if (c == '\r') {
            if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
            out.push_back('\n');
            continue;
        }
        const auto b = static_cast<unsigned char>(c);
        if ((b < 0x20 && c != '\t' && c != '\n') || b == 0x7F) continue;
        out.push_back(c);
    }
    return out;
}

std::string unescape_trimmed(std::string_view raw) { return std::string(trim(unescape(raw))); }

// A list component ("Philip,Paul" of N, "Springfield,Shelbyville" of ADR) as one string.
std::string joined_list(std::string_view raw_component, bool split_commas, std::string_view joiner) {
    if (!split_commas) return unescape_trimmed(raw_component);
    std::string out;
    for (std::string_view part : split_raw(raw_component, ',')) {
        const std::string item = unescape_trimmed(part);
        if (item.empty()) continue;
        if (!out.empty()) out += joiner;
        out += item;
    }
    return out;
}

// --- Dates ---------------------------------------------------------------------------------------

// YYYYMMDD, YYYY-MM-DD, --MMDD, --MM-DD, a time after a "T" ignored. With Apple's
// X-APPLE-OMIT-YEAR the year named there means "no year".
std::optional<PartialDate> parse_vcard_date(std::string_view text, std::string_view omit_year) {
    text = trim(text);
    if (const std::size_t t = text.find_first_of("Tt"); t != std::string_view::npos) text = text.substr(0, t);
    std::string iso;
    if (text.substr(0, 2) == "--") {
        const std::string_view rest = text.substr(2);
        if (rest.size() == 4 && is_digits(rest)) iso = "--" + std::string(rest.substr(0, 2)) + "-" + std::string(rest.substr(2));
        else if (rest.size() == 5 && rest[2] == '-') iso = std::string(text);
        else return std::nullopt;
    } else if (text.size() == 8 && is_digits(text)) {
        iso = std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2)) + "-" + std::string(text.substr(6));
    } else if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        iso = std::string(text);
    } else {
        return std::nullopt;
    }
    std::optional<PartialDate> date = PartialDate::parse(iso);
    if (date && date->year > 0 && !omit_year.empty() && trim(omit_year) == std::to_string(date->year)) date->year = 0;
    return date;
}

// --- Handles -------------------------------------------------------------------------------------

// "xmpp:", "skype:", "mailto:": a URI scheme other than the web's.
bool has_scheme(std::string_view v) {
    const std::size_t colon = v.find(':');
    if (colon == std::string_view::npos || colon < 2 || colon > 32) return false;
    for (std::size_t i = 0; i < colon; ++i) {
        const char c = ascii_lower(v[i]);
        const bool ok = (c >= 'a' && c <= 'z') || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-'));
        if (!ok) return false;
    }
    return true;
}

bool has_space(std::string_view v) {
    for (char c : v)
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return true;
    return false;
}

// What a link points at, from the link alone.
HandleKind kind_of_link(std::string_view value) {
    const std::string_view v = trim(value);
    if (v.size() > 1 && v[0] == '@' && v.find('@', 1) != std::string_view::npos && !has_space(v))
        return HandleKind::Mastodon;  // "@ada@hachyderm.io"
    std::string_view rest = v;
    const bool web = istarts_with(v, "https://") || istarts_with(v, "http://");
    if (web) rest = v.substr(v.find("//") + 2);
    else if (has_scheme(v)) return HandleKind::Other;
    if (has_space(v)) return HandleKind::Other;
    const std::size_t host_end = rest.find_first_of("/?#");
    std::string host = lowered(rest.substr(0, host_end));
    if (host.empty() || host.find('.') == std::string::npos) return web ? HandleKind::Website : HandleKind::Other;
    for (std::string_view prefix : {"www.", "mobile.", "m."})
        if (host.rfind(prefix, 0) == 0) host.erase(0, prefix.size());
    std::string_view path = host_end == std::string_view::npos ? std::string_view() : rest.substr(host_end);
    while (!path.empty() && path.front() == '/') path.remove_prefix(1);
    const bool has_path = !path.empty() && path.front() != '?' && path.front() != '#';
    const auto ends_with = [&](std::string_view suffix) {
        return host == suffix || (host.size() > suffix.size() && host.compare(host.size() - suffix.size(), suffix.size(), suffix) == 0 &&
                                  host[host.size() - suffix.size() - 1] == '.');
    };
    if ((host == "twitter.com" || host == "x.com") && has_path) return HandleKind::X;
    if (ends_with("linkedin.com") && (istarts_with(path, "in/") || istarts_with(path, "pub/"))) return HandleKind::LinkedIn;
    if (host == "github.com" && has_path) return HandleKind::GitHub;
    if (host == "bsky.app" && istarts_with(path, "profile/")) return HandleKind::Bluesky;
    const bool not_fediverse = ends_with("medium.com") || ends_with("youtube.com") || ends_with("tiktok.com") ||
                               ends_with("threads.net") || ends_with("threads.com");
    if (path.size() > 1 && path.front() == '@' && !not_fediverse) return HandleKind::Mastodon;
    return HandleKind::Website;
}

// A service named by a TYPE ("twitter") or a label ("Twitter", Apple's "_$!<HomePage>!$_").
std::optional<HandleKind> kind_named(std::string_view name, bool allow_other) {
    std::string n = lowered(trim(name));
    if (n.rfind("_$!<", 0) == 0 && n.size() >= 8 && n.compare(n.size() - 4, 4, ">!$_") == 0) n = n.substr(4, n.size() - 8);
    if (n == "x" || n == "twitter" || n.find("twitter") != std::string::npos) return HandleKind::X;
    if (n.find("linkedin") != std::string::npos) return HandleKind::LinkedIn;
    if (n.find("github") != std::string::npos) return HandleKind::GitHub;
    if (n.find("bluesky") != std::string::npos || n == "bsky") return HandleKind::Bluesky;
    if (n.find("mastodon") != std::string::npos || n.find("fediverse") != std::string::npos) return HandleKind::Mastodon;
    if (n == "homepage" || n == "home page" || n == "website" || n == "web" || n == "blog") return HandleKind::Website;
    if (allow_other && n == "other") return HandleKind::Other;
    return std::nullopt;
}

bool is_social(HandleKind kind) {
    return kind == HandleKind::X || kind == HandleKind::LinkedIn || kind == HandleKind::Mastodon ||
           kind == HandleKind::Bluesky || kind == HandleKind::GitHub;
}

// --- Cards ---------------------------------------------------------------------------------------

struct Label {
    std::string group;
    std::string text;
};

struct PendingLink {
    std::string group;               // its item group, whose X-ABLabel may name the service
    std::string value;
    std::optional<HandleKind> kind;  // named by the property itself (X-SOCIALPROFILE's TYPE, X-TWITTER)
    std::optional<HandleKind> hint;  // named by a TYPE, used when the link says nothing
};

struct PendingPoint {
    std::string group;  // its item group, whose X-ABLabel may name its kind
    ContactPoint point;
};

struct PendingAddress {
    std::string group;
    PostalAddress address;
};

struct PendingDate {
    std::string group;  // X-ABDATE: its label says which date it is
    std::string text;
    std::string omit_year;
    std::size_t line = 0;
};

void add_unique(std::vector<std::string>& list, std::string item) {
    if (item.empty() || list.size() >= kMaxListItems) return;
    for (const std::string& existing : list)
        if (existing == item) return;
    list.push_back(std::move(item));
}

// An email's, phone's or address's kind from its TYPE parameters (TYPE=work,cell; 2.1's bare
// WORK;VOICE): "work", "home", "mobile", "fax" ("work fax", "home fax"), "pager", "main",
// "other", or "" when they name none (VOICE, INTERNET and PREF say nothing of the kind).
std::string label_from_types(const Property& p) {
    bool work = false, home = false, mobile = false, fax = false, pager = false, main = false, other = false;
    for_each_type(p, [&](std::string_view type) {
        const std::string t = lowered(type);
        work = work || t == "work";
        home = home || t == "home";
        mobile = mobile || t == "cell" || t == "mobile" || t == "iphone";
        fax = fax || t == "fax";
        pager = pager || t == "pager";
        main = main || t == "main";
        other = other || t == "other";
    });
    if (fax) return work ? "work fax" : home ? "home fax" : "fax";
    if (pager) return "pager";
    if (mobile) return "mobile";
    if (work) return "work";
    if (home) return "home";
    if (main) return "main";
    if (other) return "other";
    return {};
}

// Properties read for what they say about others, or that hold nothing a person would miss:
// not reported as left out.
bool is_bookkeeping(std::string_view name) {
    for (std::string_view known : {"VERSION", "PRODID", "UID", "REV", "KIND", "X-ABADR", "X-ABSHOWAS", "X-IMAGETYPE",
                                   "X-IMAGEHASH", "LABEL", "SORT-STRING", "CLASS", "SOURCE", "NAME", "MAILER", "AGENT",
                                   "X-MS-OL-DEFAULT-POSTAL-ADDRESS", "X-MS-OL-DESIGN", "X-MOZILLA-HTML", "X-ABUID",
                                   "X-EVOLUTION-FILE-AS", "X-ADDRESSBOOKSERVER-KIND", "X-ABDATE", "X-ANDROID-CUSTOM",
                                   "X-APPLE-OMIT-YEAR", "MEMBER"})
        if (iequals(name, known)) return true;
    return false;
}

// One card's properties, gathered into a Contact.
class CardReader {
public:
    CardReader(Messages& messages, LeftOut& left_out, std::size_t begin_line)
        : left_out_(left_out), messages_(messages), begin_line_(begin_line) {}

    std::size_t begin_line() const { return begin_line_; }

    void add(const Property& p, std::size_t line) {
        const std::string_view name = p.name;
        const auto is = [&](std::string_view n) { return iequals(name, n); };
        if (is("VERSION")) {
            const std::string_view v = trim(p.value);
            version_ = v == "2.1" ? 2 : (v.substr(0, 1) == "4" ? 4 : 3);
        } else if (is("FN")) {
            if (c_.display_name.empty()) c_.display_name = unescape_trimmed(text_of(p, line));
        } else if (is("N")) {
            if (!c_.family_name.empty() || !c_.given_name.empty()) return;
            if (!param(p, "X-TIES-FROM-FN").empty()) return;  // written by Ties from the display name: nothing of its own
            const auto parts = split_raw(text_of(p, line), ';', 5);
            c_.family_name = joined_list(parts[0], version_ != 2, " ");
            if (parts.size() > 1) c_.given_name = joined_list(parts[1], version_ != 2, " ");
        } else if (is("NICKNAME")) {
            if (c_.nickname.empty()) c_.nickname = joined_list(text_of(p, line), true, ", ");
        } else if (is("ORG")) {
            if (c_.company.empty()) c_.company = unescape_trimmed(split_raw(text_of(p, line), ';', 2)[0]);
        } else if (is("TITLE")) {
            if (c_.title.empty()) c_.title = unescape_trimmed(text_of(p, line));
        } else if (is("ROLE")) {
            if (role_.empty()) role_ = unescape_trimmed(text_of(p, line));
        } else if (is("ADR")) {
            add_address(p, text_of(p, line));
        } else if (is("EMAIL")) {
            std::string email = unescape_trimmed(text_of(p, line));
            if (istarts_with(email, "mailto:")) email = std::string(trim(std::string_view(email).substr(7)));
            if (!email.empty() && emails_.size() < kMaxListItems)
                emails_.push_back(PendingPoint{std::string(p.group), {std::move(email), label_from_types(p)}});
        } else if (is("TEL")) {
            std::string phone = unescape_trimmed(text_of(p, line));
            if (istarts_with(phone, "tel:")) phone = std::string(trim(std::string_view(phone).substr(4)));
            if (!phone.empty() && phones_.size() < kMaxListItems)
                phones_.push_back(PendingPoint{std::string(p.group), {std::move(phone), label_from_types(p)}});
        } else if (is("CATEGORIES")) {
            add_categories(text_of(p, line));
        } else if (is("NOTE")) {
            const std::string note = unescape_trimmed(text_of(p, line));
            if (note.empty()) return;
            if (!c_.notes.empty()) c_.notes += "\n\n";
            c_.notes += note;
        } else if (is("BDAY")) {
            if (!c_.birthday) c_.birthday = date_from(p, line);
        } else if (is("ANNIVERSARY") || is("X-ANNIVERSARY") || is("X-EVOLUTION-ANNIVERSARY") || is("X-MS-ANNIVERSARY")) {
            if (!c_.anniversary) c_.anniversary = date_from(p, line);
        } else if (is("X-ABDATE")) {
            if (ab_dates_.size() < kMaxListItems) ab_dates_.push_back(PendingDate{std::string(p.group), std::string(text_of(p, line)),
                                                std::string(param(p, "X-APPLE-OMIT-YEAR")), line});
        } else if (is("X-ABLABEL")) {
            if (!p.group.empty() && labels_.size() < kMaxListItems)
                labels_.push_back(Label{std::string(p.group), unescape_trimmed(text_of(p, line))});
        } else if (is("URL") || is("X-EVOLUTION-BLOG-URL")) {
            std::optional<HandleKind> hint;
            for_each_type(p, [&](std::string_view type) {
                if (!hint) hint = kind_named(type, false);
            });
            add_link(PendingLink{std::string(p.group), unescape_trimmed(text_of(p, line)), std::nullopt, hint});
        } else if (is("X-SOCIALPROFILE")) {
            add_social_profile(p, line);
        } else if (is("IMPP")) {
            add_link(PendingLink{std::string(p.group), unescape_trimmed(text_of(p, line)), std::nullopt, std::nullopt});
        } else if (is("X-TWITTER")) {
            add_link(PendingLink{{}, unescape_trimmed(text_of(p, line)), HandleKind::X, std::nullopt});
        } else if (is("X-JABBER") || is("X-SKYPE")) {
            std::string value = unescape_trimmed(text_of(p, line));
            if (!value.empty() && !has_scheme(value)) value = (is("X-JABBER") ? "xmpp:" : "skype:") + value;
            add_link(PendingLink{{}, std::move(value), HandleKind::Other, std::nullopt});
        } else if (is("X-ANDROID-CUSTOM")) {
            add_android_custom(text_of(p, line), line);
        } else if (is("KIND") || is("X-ADDRESSBOOKSERVER-KIND")) {
            if (iequals(trim(p.value), "group")) group_card_ = true;
        } else if (!is_bookkeeping(name) && !trim(p.value).empty()) {
            left_out_.field(upper(name));
        }
    }

    void photo() { has_photo_ = true; }

    // The contact, or nothing (with a warning) for a card that is not a person's.
    std::optional<Contact> finish(IdGenerator& ids, Millis now) {
        if (group_card_) {
            messages_.warn(begin_line_, "a contact group (KIND:group), not a person; skipped");
            return std::nullopt;
        }
        if (c_.title.empty()) c_.title = role_;
        if (has_photo_) ++left_out_.photos;
        for (auto* points : {&emails_, &phones_}) {
            for (PendingPoint& pending : *points) {
                if (const Label* label = label_of(pending.group)) pending.point.label = canonical_label(label->text);
                add_point(points == &emails_ ? c_.emails : c_.phones, std::move(pending.point), points == &phones_,
                          kMaxListItems);
            }
        }
        for (PendingAddress& pending : addresses_) {
            if (const Label* label = label_of(pending.group)) pending.address.label = canonical_label(label->text);
            const bool seen = std::any_of(c_.addresses.begin(), c_.addresses.end(),
                                          [&](const PostalAddress& a) { return a == pending.address; });
            if (!seen) c_.addresses.push_back(std::move(pending.address));
        }
        if (!place_.empty()) {
            c_.city = place_.locality;
            c_.region = place_.region;
            c_.country = place_.country;
        }
        for (const PostalAddress& a : c_.addresses) {  // else the first address that has a place
            if (!c_.city.empty() || !c_.region.empty() || !c_.country.empty()) break;
            c_.city = a.locality;
            c_.region = a.region;
            c_.country = a.country;
        }
        for (PendingLink& link : links_) {
            HandleKind kind = link.kind ? *link.kind : kind_of_link(link.value);
            if (!link.kind && (kind == HandleKind::Website || kind == HandleKind::Other)) {
                std::optional<HandleKind> hint = link.hint;
                if (const Label* label = label_of(link.group)) {
                    if (auto named = kind_named(label->text, false)) hint = named;
                }
                if (hint) kind = *hint;
            }
            add_handle(Handle{kind, std::move(link.value)});
        }
        for (const PendingDate& date : ab_dates_) {
            const Label* label = label_of(date.group);
            if (c_.anniversary || label == nullptr || !contains_folded(label->text, "anniversary")) continue;
            c_.anniversary = date_from("X-ABDATE", date.text, date.omit_year, date.line);
        }
        if (trim(c_.display_name).empty() && trim(c_.given_name).empty() && trim(c_.family_name).empty() &&
            trim(c_.nickname).empty()) {
            if (!c_.company.empty()) {
                c_.display_name = c_.company;
            } else if (c_.emails.empty()) {
                messages_.warn(begin_line_, "a card with no name and no e-mail; skipped");
                return std::nullopt;
            }
        }
        c_.meta = RecordMeta{ids.next(), now, now, false};
        c_.origin = ContactOrigin::Imported;
        return std::move(c_);
    }

private:
    // The value as UTF-8 text, escapes still in: QUOTED-PRINTABLE or BASE64 undone, CHARSET read.
    // Plain UTF-8 (most values) is the value itself; anything else is decoded into scratch_, so
    // the result is valid until the next call.
    std::string_view text_of(const Property& p, std::size_t line) {
        const std::string_view enc = encoding(p);
        if (enc.empty() && param(p, "CHARSET").empty() && is_utf8(p.value)) return p.value;  // NULs are gone already
        scratch_ = decode_text(p, enc, line);
        return scratch_;
    }

    std::string decode_text(const Property& p, std::string_view enc, std::size_t line) {
        std::string decoded;
        std::string_view bytes = p.value;
        if (iequals(enc, "QUOTED-PRINTABLE")) {
            decoded = decode_quoted_printable(bytes);
            bytes = decoded;
        } else if (iequals(enc, "B") || iequals(enc, "BASE64")) {
            decoded = decode_base64(bytes);
            bytes = decoded;
        }
        std::string charset;
        for (char c : param(p, "CHARSET"))
            if (c != '-' && c != '_' && c != ' ') charset.push_back(ascii_lower(c));
        if (charset == "iso88591" || charset == "latin1" || charset == "windows1252" || charset == "cp1252" ||
            charset == "iso885915")
            return from_cp1252(bytes);
        if (is_utf8(bytes)) return without_nul(bytes);
        if (!charset.empty() && charset != "utf8" && charset != "usascii" && charset != "ascii") {
            if (messages_.warned_charset != charset) {
                messages_.warned_charset = charset;
                messages_.warn(line, "CHARSET=" + std::string(param(p, "CHARSET")) + " is not supported: read as Windows-1252");
            }
            return from_cp1252(bytes);
        }
        if (!messages_.warned_encoding) {
            messages_.warned_encoding = true;
            messages_.warn(line, "text that is not UTF-8, read as Windows-1252 (here and in any other such line)");
        }
        const auto b0 = bytes.empty() ? 0u : static_cast<unsigned char>(bytes[0]);
        if (b0 == 0xFF || b0 == 0xFE) return from_cp1252(bytes);  // to_utf8 would take it for UTF-16's BOM
        return to_utf8(bytes);
    }

    std::optional<PartialDate> date_from(std::string_view name, std::string_view raw, std::string_view omit_year,
                                         std::size_t line) {
        const std::string text = unescape_trimmed(raw);
        if (text.empty()) return std::nullopt;
        std::optional<PartialDate> date = parse_vcard_date(text, omit_year);
        if (!date) messages_.warn(line, std::string(name) + " " + excerpt(text) + " is not a date; skipped");
        return date;
    }

    std::optional<PartialDate> date_from(const Property& p, std::size_t line) {
        return date_from(p.name, text_of(p, line), param(p, "X-APPLE-OMIT-YEAR"), line);
    }

    // ADR: post office box; extended; street; locality; region; postal code; country.
    void add_address(const Property& p, std::string_view text) {
        if (addresses_.size() >= kMaxListItems) return;
        const auto parts = split_raw(text, ';', 7);
        const auto part = [&](std::size_t i) { return i < parts.size() ? joined_list(parts[i], version_ != 2, ", ") : std::string(); };
        PostalAddress a{label_from_types(p), part(0), part(1), part(2), part(3), part(4), part(5), part(6)};
        if (a.empty()) return;
        const bool place_only = a.po_box.empty() && a.extended.empty() && a.street.empty() && a.postcode.empty() &&
                                a.label.empty() && p.group.empty();
        if (place_only) {  // ";;;Paris;;;France": where the person lives, not an address (as export_vcard writes it)
            if (place_.empty()) place_ = std::move(a);
            return;
        }
        addresses_.push_back(PendingAddress{std::string(p.group), std::move(a)});
    }

    void add_categories(std::string_view text) {
        // vCard 2.1 writers separate categories with ";" as often as with ",".
        for (std::string_view group : version_ == 2 ? split_raw(text, ';') : std::vector<std::string_view>{text}) {
            for (std::string_view raw : split_raw(group, ',')) {
                std::string tag = unescape_trimmed(raw);
                if (iequals(tag, "myContacts") || iequals(tag, "starred")) continue;  // Google's system groups
                add_unique(c_.tags, std::move(tag));
            }
        }
    }

    // Apple: X-SOCIALPROFILE;type=twitter;x-user=ada:https://twitter.com/ada (or x-apple:ada).
    void add_social_profile(const Property& p, std::size_t line) {
        std::optional<HandleKind> kind;
        std::string_view service;
        for_each_type(p, [&](std::string_view type) {
            if (kind || type.empty()) return;
            kind = kind_named(type, true);
            if (!kind && service.empty() && !iequals(type, "pref")) service = type;
        });
        std::string value = unescape_trimmed(text_of(p, line));
        const std::string_view user = trim(param(p, "X-USER"));
        if (istarts_with(value, "x-apple:")) value = std::string(trim(std::string_view(value).substr(8)));
        if (kind && is_social(*kind) && !user.empty()) value = std::string(user);
        if (!kind && !service.empty() && !value.empty() && !istarts_with(value, "http")) {
            value = uppercase_first(lowered(service)) + ": " + value;  // not a link: keep the service's name
            kind = HandleKind::Other;
        }
        add_link(PendingLink{std::string(p.group), std::move(value), kind, std::nullopt});
    }

    // Android keeps what vCard 2.1 has no property for in X-ANDROID-CUSTOM: nicknames, and events
    // whose type 1 is an anniversary.
    void add_android_custom(std::string_view text, std::size_t line) {
        const auto parts = split_raw(text, ';', 4);
        if (parts.size() < 2) return;
        const std::string_view mime = trim(parts[0]);
        if (mime == "vnd.android.cursor.item/nickname") {
            if (c_.nickname.empty()) c_.nickname = unescape_trimmed(parts[1]);
        } else if (mime == "vnd.android.cursor.item/contact_event" && parts.size() > 2 && trim(parts[2]) == "1") {
            if (c_.anniversary) return;
            c_.anniversary = date_from("X-ANDROID-CUSTOM", parts[1], {}, line);
        }
    }

    void add_link(PendingLink link) {
        if (link.value.empty() || links_.size() >= kMaxListItems) return;
        links_.push_back(std::move(link));
    }

    void add_handle(Handle handle) {
        if (handle.value.empty() || c_.handles.size() >= kMaxListItems) return;
        for (const Handle& existing : c_.handles)
            if (existing == handle) return;
        c_.handles.push_back(std::move(handle));
    }

    const Label* label_of(std::string_view group) const {
        if (group.empty()) return nullptr;
        for (const Label& label : labels_)
            if (iequals(label.group, group)) return &label;
        return nullptr;
    }

    LeftOut& left_out_;  // the file's: fields and photos left out
    Messages& messages_;
    std::size_t begin_line_;
    int version_ = 3;
    bool group_card_ = false;
    Contact c_;
    std::string role_;
    std::vector<Label> labels_;
    std::vector<PendingLink> links_;
    std::vector<PendingDate> ab_dates_;
    std::vector<PendingPoint> emails_;
    std::vector<PendingPoint> phones_;
    std::vector<PendingAddress> addresses_;
    PostalAddress place_;  // an unlabelled ADR of a city, region or country alone
    bool has_photo_ = false;
    std::string scratch_;
};

// --- Whole files ---------------------------------------------------------------------------------

bool starts_with_bytes(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// UTF-16 without a BOM, recognised by its first line.
std::optional<bool> utf16_without_bom(std::string_view bytes) {
    const std::string_view begin = "BEGIN:";
    if (bytes.size() < 2 * begin.size()) return std::nullopt;
    bool little = true;
    bool big = true;
    for (std::size_t i = 0; i < begin.size(); ++i) {
        const char c = ascii_lower(begin[i]);
        little = little && ascii_lower(bytes[2 * i]) == c && bytes[2 * i + 1] == '\0';
        big = big && bytes[2 * i] == '\0' && ascii_lower(bytes[2 * i + 1]) == c;
    }
    if (little) return true;
    if (big) return false;
    return std::nullopt;
}

std::string_view first_content_line(std::string_view text, std::size_t& number) {
    number = 1;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = pos;
        while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
        const std::string_view line = text.substr(pos, end - pos);
        if (!trim(line).empty()) return line;
        if (end < text.size() && text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ++end;
        pos = end + 1;
        ++number;
    }
    return {};
}

std::string what_binary_is(std::string_view head) {
    if (starts_with_bytes(head, "PK\x03\x04")) return "it is a ZIP archive (unzip it first)";
    if (starts_with_bytes(head, "\x89PNG")) return "it is a PNG image";
    if (starts_with_bytes(head, "\xFF\xD8\xFF")) return "it is a JPEG image";
    if (starts_with_bytes(head, "GIF8")) return "it is a GIF image";
    if (starts_with_bytes(head, "%PDF")) return "it is a PDF document";
    std::size_t controls = 0;
    for (char c : head) {
        const auto b = static_cast<unsigned char>(c);
        if ((b < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || b == 0x7F) ++controls;
    }
    if (controls > 0 && controls * 20 >= head.size()) return "it holds binary data, not text";
    return {};
}

}  // namespace

Imported import_vcard(std::string_view bytes, const ImportContext& context) {
    Imported result;
    Messages messages(context.file_name);
    const auto fail = [&](std::size_t line, std::string text) {
        Imported failed;
        failed.error = messages.error(line, std::move(text));
        return failed;
    };
    if (bytes.size() > kMaxImportBytes) {
        return fail(0, "the file is " + std::to_string((bytes.size() + (1u << 20) - 1) >> 20) + " MB; files up to " +
                           std::to_string(kMaxImportBytes >> 20) + " MB can be imported");
    }

    // Whole-file encodings: UTF-16 (with a BOM, or starting "BEGIN:" without one) becomes UTF-8;
    // a UTF-8 BOM is dropped. Other encodings are read value by value (CHARSET).
    std::string converted;
    std::string_view text = bytes;
    const bool utf16_bom = starts_with_bytes(bytes, "\xFF\xFE") || starts_with_bytes(bytes, "\xFE\xFF");
    const std::optional<bool> utf16_bare = utf16_bom ? std::nullopt : utf16_without_bom(bytes);
    if (utf16_bom || utf16_bare) {
        std::string note;
        if (utf16_bare) converted = to_utf8((*utf16_bare ? std::string("\xFF\xFE") : std::string("\xFE\xFF")) + std::string(bytes), &note);
        else converted = to_utf8(bytes, &note);
        if (!note.empty()) messages.warn(0, note);
        text = converted;
    } else if (starts_with_bytes(text, "\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }

    std::size_t first_line = 1;
    const std::string_view first = first_content_line(text, first_line);
    if (first.empty()) return fail(0, "empty file");
    const bool starts_as_vcard = iequals(trim(first), "BEGIN:VCARD");
    if (!starts_as_vcard) {
        if (std::string what = what_binary_is(text.substr(0, 4096)); !what.empty())
            return fail(first_line, "not a vCard file: " + what);
    }
    const std::string first_excerpt = excerpt(first);
    if (text.find('\0') != std::string_view::npos) {  // stray NULs: dropped once, here
        converted = without_nul(text);
        text = converted;
    }

    LineReader reader(text);
    LogicalLine line;
    Property property;
    std::optional<CardReader> card;
    LeftOut left_out;
    IdGenerator fallback_ids(static_cast<std::uint64_t>(context.now), bytes.size());
    IdGenerator& ids = context.ids != nullptr ? *context.ids : fallback_ids;
    std::size_t cards = 0;
    std::size_t nested = 0;        // vCard 2.1 AGENT cards inside a card: read past
    bool agent_pending = false;    // the last property was an AGENT with its card to follow

    const auto finish_card = [&] {
        if (std::optional<Contact> contact = card->finish(ids, context.now)) result.contacts.push_back(std::move(*contact));
        card.reset();
    };

    while (reader.next(line)) {
        if (line.skipped) {
            if (card && nested == 0) {
                const std::string_view name = property_name(line.text);
                if (iequals(name, "PHOTO") || iequals(name, "X-MS-CARDPICTURE")) card->photo();
                else left_out.field(upper(name));
            }
            continue;
        }
        if (line.oversized) {
            if (card) messages.warn(line.line, "a line longer than 1 MB (" + excerpt(property_name(line.text)) + "); skipped");
            continue;
        }
        if (trim(line.text).empty()) continue;
        if (!parse_property(line.text, property)) {
            if (card && nested == 0) messages.warn(line.line, "not a vCard property: " + excerpt(line.text) + "; skipped");
            continue;
        }
        const bool begin = iequals(property.name, "BEGIN") && iequals(trim(property.value), "VCARD");
        const bool end = iequals(property.name, "END") && iequals(trim(property.value), "VCARD");
        if (begin) {
            if (card && agent_pending) {
                ++nested;
                agent_pending = false;
                continue;
            }
            if (card) {
                messages.warn(card->begin_line(), "a card without END:VCARD; read up to the BEGIN:VCARD on line " +
                                                      std::to_string(line.line));
                finish_card();
            }
            card.emplace(messages, left_out, line.line);
            nested = 0;
            agent_pending = false;
            if (++cards % kProgressEvery == 0 && context.progress &&
                !context.progress(static_cast<double>(reader.position()) / static_cast<double>(text.size()))) {
                Imported cancelled;
                cancelled.cancelled = true;
                return cancelled;
            }
            continue;
        }
        if (end) {
            if (!card) messages.warn(line.line, "END:VCARD without BEGIN:VCARD; ignored");
            else if (nested > 0) --nested;
            else finish_card();
            continue;
        }
        if (!card || nested > 0) continue;
        agent_pending = iequals(property.name, "AGENT") && trim(property.value).empty();
        card->add(property, line.line);
    }
    if (card) messages.warn(card->begin_line(), "a card without END:VCARD (the file ends inside it); skipped");

    if (cards == 0) {
        return fail(first_line, "not a vCard file: there is no BEGIN:VCARD (it starts with " + first_excerpt + ")");
    }
    result.warnings = messages.take();
    left_out.append_to(result.warnings, context.file_name);
    clean_imported(result, context.file_name);
    return result;
}

// --- Export --------------------------------------------------------------------------------------

namespace {

std::string valid_utf8(std::string_view text) { return is_utf8(text) ? std::string(text) : encode_utf8(decode_utf8(text)); }

// TEXT as RFC 6350 asks: backslash, comma and newlines escaped, and semicolons where they would
// split a structured value (N, ADR, ORG; every value in 3.0, whose RFC 2426 asks it). Nothing
// else: a quote stays a quote. Other control characters but tab are dropped.
std::string escaped(std::string_view raw, bool semicolons = true) {
    std::string repaired;
    std::string_view text = raw;
    if (!is_utf8(raw)) {
        repaired = valid_utf8(raw);
        text = repaired;
    }
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += semicolons ? "\\;" : ";"; break;
            case ',': out += "\\,"; break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                out += "\\n";
                break;
            case '\n': out += "\\n"; break;
            default: {
                const auto b = static_cast<unsigned char>(c);
                if ((b < 0x20 && c != '\t') || b == 0x7F) break;
                out.push_back(c);
            }
        }
    }
    return out;
}

// One content line, folded so no physical line exceeds 75 octets, never inside a character.
void add_line(std::string& out, std::string_view head, std::string_view value) {
    std::string line;
    line.reserve(head.size() + 1 + value.size());
    line += head;
    line += ':';
    line += value;
    std::size_t start = 0;
    std::size_t room = kFoldOctets;
    while (line.size() - start > room) {
        std::size_t end = start + room;
        while (end > start && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
        if (end == start) end = start + room;
        out.append(line, start, end - start);
        out += "\r\n ";
        start = end;
        room = kFoldOctets - 1;
    }
    out.append(line, start, std::string::npos);
    out += "\r\n";
}

std::string uuid_of(Id id) {
    const std::string hex = id.to_string();
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" + hex.substr(20);
}

std::string timestamp(Millis utc, bool v4) {
    const Date day = date_of(utc);
    const Millis seconds = (utc - midnight_utc(day)) / 1000;
    char text[64];
    std::snprintf(text, sizeof text, v4 ? "%04d%02d%02dT%02d%02d%02dZ" : "%04d-%02d-%02dT%02d:%02d:%02dZ", day.year(),
                  day.month(), day.day(), static_cast<int>(seconds / 3600), static_cast<int>(seconds / 60 % 60),
                  static_cast<int>(seconds % 60));
    return text;
}

void add_date(std::string& out, std::string_view name, const PartialDate& date, bool v4) {
    const bool known_year = date.year >= 1 && date.year <= 9999;
    if (!PartialDate::parse(date.iso())) return;  // not a calendar day: nothing to write
    char text[64];
    if (v4) {
        if (known_year) std::snprintf(text, sizeof text, "%04d%02d%02d", date.year, date.month, date.day);
        else std::snprintf(text, sizeof text, "--%02d%02d", date.month, date.day);
        add_line(out, name, text);
    } else if (known_year) {
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
        add_line(out, name, text);
    } else {
        std::snprintf(text, sizeof text, "1604-%02d-%02d", date.month, date.day);
        add_line(out, std::string(name) + ";X-APPLE-OMIT-YEAR=1604", text);
    }
}

std::string_view social_type(HandleKind kind) {
    switch (kind) {
        case HandleKind::X: return "twitter";
        case HandleKind::LinkedIn: return "linkedin";
        case HandleKind::Mastodon: return "mastodon";
        case HandleKind::Bluesky: return "bluesky";
        case HandleKind::GitHub: return "github";
        default: return "other";
    }
}

// A parameter value as written: quoted when it holds a separator; nullopt when it cannot be one.
std::optional<std::string> param_value(std::string_view value) {
    bool quote = false;
    for (char c : value) {
        const auto b = static_cast<unsigned char>(c);
        if (c == '"' || c == '^' || b < 0x20 || b == 0x7F) return std::nullopt;
        if (c == ':' || c == ';' || c == ',') quote = true;
    }
    if (!is_utf8(value)) return std::nullopt;
    return quote ? "\"" + std::string(value) + "\"" : std::string(value);
}

void add_handle(std::string& out, const Handle& handle) {
    const std::string value(trim(handle.value));
    if (value.empty()) return;
    const std::optional<std::string> url = profile_url(handle);
    if (handle.kind == HandleKind::Website) {
        if (url && looks_like_url(*url)) add_line(out, "URL", escaped(*url));
        else add_line(out, "X-SOCIALPROFILE;TYPE=website", escaped(value));
    } else if (is_social(handle.kind)) {
        const std::string shown = url ? *url : value;
        std::string head = "X-SOCIALPROFILE;TYPE=" + std::string(social_type(handle.kind));
        if (shown != value) {
            if (const auto user = param_value(value)) head += ";X-USER=" + *user;
        }
        add_line(out, head, escaped(shown));
    } else if (has_scheme(value) && !has_space(value) && !istarts_with(value, "http")) {
        add_line(out, "IMPP", escaped(value));
    } else {
        add_line(out, "X-SOCIALPROFILE;TYPE=other", escaped(value));
    }
}

// TYPE values for a label Ties knows ("work fax" -> "work,fax", "mobile" -> "cell"); nullopt for
// one that only Apple's X-ABLabel can carry ("main", "Assistant"). Emails: only work and home.
std::optional<std::string> types_for(std::string_view label, bool phone) {
    if (label == "work" || label == "home") return std::string(label);
    if (!phone) return std::nullopt;
    if (label == "mobile") return "cell";
    if (label == "fax" || label == "pager") return std::string(label);
    if (label == "work fax") return "work,fax";
    if (label == "home fax") return "home,fax";
    return std::nullopt;
}

// A property with its label: a TYPE parameter where vCard has one, else an item group with an
// X-ABLabel (as Apple writes custom labels, and as Google and others read them).
void add_labelled(std::string& out, std::string_view head, const std::string& label, bool phone, std::string_view value,
                  int& item) {
    if (label.empty()) return add_line(out, head, value);
    if (const auto types = types_for(label, phone)) return add_line(out, std::string(head) + ";TYPE=" + *types, value);
    const std::string group = "item" + std::to_string(++item);
    add_line(out, group + "." + std::string(head), value);
    add_line(out, group + ".X-ABLabel", escaped(label));
}

void write_card(std::string& out, const Contact& c, VcardVersion version) {
    const bool v4 = version == VcardVersion::V4;
    const auto text = [v4](std::string_view value) { return escaped(trim(value), !v4); };  // not structured
    int item = 0;
    add_line(out, "BEGIN", "VCARD");
    add_line(out, "VERSION", v4 ? "4.0" : "3.0");
    add_line(out, "PRODID", "-//Ties//Ties personal CRM//EN");
    add_line(out, "UID", "urn:uuid:" + uuid_of(c.meta.id));
    const bool nameless = trim(c.display_name).empty() && trim(c.given_name).empty() && trim(c.family_name).empty() &&
                          trim(c.nickname).empty() && contact_label(c) == "(no name)";
    add_line(out, "FN", nameless ? std::string() : text(contact_label(c)));
    const auto [family, given] = structured_name(c);
    const bool derived = trim(c.family_name).empty() && trim(c.given_name).empty() && !(family.empty() && given.empty());
    add_line(out, derived ? "N;X-TIES-FROM-FN=1" : "N", escaped(family) + ";" + escaped(given) + ";;;");
    if (!trim(c.nickname).empty()) add_line(out, "NICKNAME", text(c.nickname));
    if (!trim(c.company).empty()) add_line(out, "ORG", escaped(trim(c.company)));
    if (!trim(c.title).empty()) add_line(out, "TITLE", text(c.title));
    for (const PostalAddress& a : c.addresses) {
        if (a.empty()) continue;
        const std::string value = escaped(trim(a.po_box)) + ";" + escaped(trim(a.extended)) + ";" + escaped(trim(a.street)) +
                                  ";" + escaped(trim(a.locality)) + ";" + escaped(trim(a.region)) + ";" +
                                  escaped(trim(a.postcode)) + ";" + escaped(trim(a.country));
        add_labelled(out, "ADR", a.label, false, value, item);
    }
    if (c.addresses.empty() && (!trim(c.city).empty() || !trim(c.region).empty() || !trim(c.country).empty()))
        add_line(out, "ADR", ";;;" + escaped(trim(c.city)) + ";" + escaped(trim(c.region)) + ";;" + escaped(trim(c.country)));
    for (const ContactPoint& email : c.emails)
        if (!trim(email.value).empty()) add_labelled(out, v4 ? "EMAIL" : "EMAIL;TYPE=INTERNET", email.label, false, text(email.value), item);
    for (const ContactPoint& phone : c.phones)
        if (!trim(phone.value).empty()) add_labelled(out, v4 ? "TEL;VALUE=text" : "TEL", phone.label, true, text(phone.value), item);
    for (const Handle& handle : c.handles) add_handle(out, handle);
    std::string categories;
    for (const std::string& tag : c.tags) {
        if (trim(tag).empty()) continue;
        if (!categories.empty()) categories += ',';
        categories += text(tag);
    }
    if (!categories.empty()) add_line(out, "CATEGORIES", categories);
    if (c.birthday) add_date(out, "BDAY", *c.birthday, v4);
    if (c.anniversary) add_date(out, v4 ? "ANNIVERSARY" : "X-ANNIVERSARY", *c.anniversary, v4);
    if (!trim(c.notes).empty()) add_line(out, "NOTE", text(c.notes));
    if (c.meta.updated > 0) add_line(out, "REV", timestamp(c.meta.updated, v4));
    add_line(out, "END", "VCARD");
}

}  // namespace

std::pair<std::string, std::string> structured_name(const Contact& c) {
    std::string family(trim(c.family_name));
    std::string given(trim(c.given_name));
    const std::string_view display = trim(c.display_name);
    if (!family.empty() || !given.empty() || display.empty() || display == trim(c.company)) return {family, given};
    const std::size_t space = display.find_last_of(" \t");
    if (space == std::string_view::npos) return {std::string(), std::string(display)};
    return {std::string(trim(display.substr(space + 1))), std::string(trim(display.substr(0, space)))};
}

std::string export_vcard(const std::vector<Contact>& contacts, VcardVersion version) {
    std::string out;
    out.reserve(contacts.size() * 512);
    for (const Contact& c : contacts)
        if (!c.meta.deleted) write_card(out, c, version);
    return out;
}

}  // namespace ties::io
