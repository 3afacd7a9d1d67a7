// WebDAV answers for sync (webdav.hpp). The multistatus reader is a small XML tokenizer with an
// explicit stack of open elements, not a general XML parser: no DTDs, no entities beyond the five
// predefined ones and character references (so no entity expansion to attack), namespaces
// resolved through xmlns attributes, and forgiving of what servers get wrong (a stray end tag, an
// undeclared prefix) but not of a listing cut short, which would hide files.
// Sections, in order (search for "// --- "): Text · The XML tokenizer · Multistatus · Hrefs ·
//   HTTP statuses · HTTP dates.
#include "io/webdav.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace ties::io::webdav {
namespace {

constexpr std::string_view kDav = "DAV:";
constexpr std::size_t kMaxDepth = 256;

// --- Text -----------------------------------------------------------------------------------

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

void append_utf8(std::string& out, std::uint32_t code) {
    if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) code = 0xFFFD;
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

// XML character data with its references replaced; an unknown one is kept as it is.
void append_unescaped(std::string& out, std::string_view text) {
    while (!text.empty()) {
        const std::size_t amp = text.find('&');
        out.append(text.substr(0, amp));
        if (amp == std::string_view::npos) return;
        text.remove_prefix(amp);
        const std::size_t semi = text.find(';');
        const std::string_view name = semi == std::string_view::npos || semi > 12 ? std::string_view() : text.substr(1, semi - 1);
        std::optional<std::uint32_t> code;
        if (name == "lt") code = '<';
        else if (name == "gt") code = '>';
        else if (name == "amp") code = '&';
        else if (name == "quot") code = '"';
        else if (name == "apos") code = '\'';
        else if (name.size() >= 2 && name[0] == '#') {
            const bool hex = name[1] == 'x' || name[1] == 'X';
            const std::string_view digits = name.substr(hex ? 2 : 1);
            std::uint32_t value = 0;
            bool valid = !digits.empty();
            for (const char c : digits) {
                int digit = -1;
                if (c >= '0' && c <= '9') digit = c - '0';
                else if (hex && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
                else if (hex && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
                if (digit < 0 || value > 0x10FFFF) valid = false;
                else value = value * (hex ? 16u : 10u) + static_cast<std::uint32_t>(digit);
            }
            if (valid) code = value;
        }
        if (!code) {
            out += '&';
            text.remove_prefix(1);
            continue;
        }
        append_utf8(out, *code);
        text.remove_prefix(semi + 1);
    }
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// "%20" -> " "; a "%" not followed by two hex digits stays as it is.
std::string percent_decoded(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

// --- The XML tokenizer ----------------------------------------------------------------------

struct Attribute {
    std::string_view name;
    std::string value;
};

struct StartTag {
    std::string_view qname;
    std::vector<Attribute> attributes;
    bool self_closing = false;
};

// Reads the tag that starts at `at` (just after "<") up to its ">", honouring quoted attribute
// values; nullopt when the input ends first or the tag is malformed.
std::optional<StartTag> read_start_tag(std::string_view xml, std::size_t& at) {
    const auto name_end = [&](std::size_t from) {
        while (from < xml.size() && !is_space(xml[from]) && xml[from] != '>' && xml[from] != '/' && xml[from] != '=')
            ++from;
        return from;
    };
    StartTag tag;
    std::size_t end = name_end(at);
    if (end == at) return std::nullopt;
    tag.qname = xml.substr(at, end - at);
    at = end;
    for (;;) {
        while (at < xml.size() && is_space(xml[at])) ++at;
        if (at >= xml.size()) return std::nullopt;
        if (xml[at] == '>') {
            ++at;
            return tag;
        }
        if (xml[at] == '/') {
            if (at + 1 >= xml.size() || xml[at + 1] != '>') return std::nullopt;
            at += 2;
            tag.self_closing = true;
            return tag;
        }
        end = name_end(at);
        if (end == at) return std::nullopt;
        Attribute attribute{xml.substr(at, end - at), {}};
        at = end;
        while (at < xml.size() && is_space(xml[at])) ++at;
        if (at >= xml.size() || xml[at] != '=') return std::nullopt;
        ++at;
        while (at < xml.size() && is_space(xml[at])) ++at;
        if (at >= xml.size() || (xml[at] != '"' && xml[at] != '\'')) return std::nullopt;
        const std::size_t close = xml.find(xml[at], at + 1);
        if (close == std::string_view::npos) return std::nullopt;
        append_unescaped(attribute.value, xml.substr(at + 1, close - at - 1));
        at = close + 1;
        tag.attributes.push_back(std::move(attribute));
    }
}

std::string_view prefix_of(std::string_view qname) {
    const std::size_t colon = qname.find(':');
    return colon == std::string_view::npos ? std::string_view() : qname.substr(0, colon);
}

std::string_view local_of(std::string_view qname) {
    const std::size_t colon = qname.find(':');
    return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

// --- Multistatus ----------------------------------------------------------------------------

struct Response {
    std::string href;
    bool has_href = false;
    std::string status;  // a status of the whole response (one without propstat)
    bool folder = false;
    std::uint64_t size = 0;
};

struct Propstat {
    std::string status;
    bool collection = false;
    std::optional<std::uint64_t> length;
};

// A 2xx status line ("HTTP/1.1 200 OK"); an empty one counts as fine (some servers leave it out).
bool status_ok(std::string_view line) {
    line = trimmed(line);
    if (line.empty()) return true;
    const std::size_t space = line.find(' ');
    if (space == std::string_view::npos || space + 1 >= line.size()) return false;
    return line[space + 1] == '2';
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
    text = trimmed(text);
    if (text.empty() || text.size() > 19) return std::nullopt;
    std::uint64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return value;
}

enum class Capture : std::uint8_t { None, Href, ResponseStatus, PropstatStatus, Length };

struct Element {
    std::string_view qname;
    std::string_view local;
    bool dav = false;
    std::size_t namespaces = 0;  // how many declarations it added to the namespace stack
    Capture capture = Capture::None;
};

class MultistatusReader {
public:
    std::optional<std::string> read(std::string_view xml) {
        std::size_t at = 0;
        while (at < xml.size()) {
            const std::size_t lt = xml.find('<', at);
            text(xml.substr(at, lt == std::string_view::npos ? std::string_view::npos : lt - at), true);
            if (lt == std::string_view::npos) break;
            const std::string_view rest = xml.substr(lt);
            if (rest.starts_with("<!--")) {
                const std::size_t end = xml.find("-->", lt + 4);
                if (end == std::string_view::npos) return "a comment is not closed";
                at = end + 3;
            } else if (rest.starts_with("<![CDATA[")) {
                const std::size_t end = xml.find("]]>", lt + 9);
                if (end == std::string_view::npos) return "a CDATA section is not closed";
                text(xml.substr(lt + 9, end - lt - 9), false);
                at = end + 3;
            } else if (rest.starts_with("<?")) {
                const std::size_t end = xml.find("?>", lt + 2);
                if (end == std::string_view::npos) return "a processing instruction is not closed";
                at = end + 2;
            } else if (rest.starts_with("<!")) {  // DOCTYPE, with an internal subset in brackets or not
                std::size_t end = xml.find('>', lt + 2);
                const std::size_t bracket = xml.find('[', lt + 2);
                if (bracket != std::string_view::npos && bracket < end) {
                    const std::size_t close = xml.find(']', bracket);
                    end = close == std::string_view::npos ? close : xml.find('>', close);
                }
                if (end == std::string_view::npos) return "a declaration is not closed";
                at = end + 1;
            } else if (rest.starts_with("</")) {
                const std::size_t end = xml.find('>', lt + 2);
                if (end == std::string_view::npos) return "an end tag is not closed";
                close(trimmed(xml.substr(lt + 2, end - lt - 2)));
                at = end + 1;
            } else {
                at = lt + 1;
                std::optional<StartTag> tag = read_start_tag(xml, at);
                if (!tag) return "a tag is malformed or not closed";
                if (stack_.size() >= kMaxDepth) return "elements are nested too deeply";
                open(*tag);
                if (tag->self_closing) close(tag->qname);
            }
        }
        if (!closed_root_ || !stack_.empty()) return "the listing was cut short";
        return std::nullopt;
    }

    std::vector<Response> responses;
    bool seen_root() const { return seen_root_; }

private:
    std::vector<Element> stack_;
    std::vector<std::pair<std::string_view, std::string>> namespaces_;  // prefix ("" = default), URI
    bool seen_root_ = false;
    bool closed_root_ = false;
    std::optional<Response> response_;
    std::optional<Propstat> propstat_;
    std::string captured_;

    std::optional<std::string_view> namespace_of(std::string_view prefix) const {
        for (auto it = namespaces_.rbegin(); it != namespaces_.rend(); ++it)
            if (it->first == prefix) return std::string_view(it->second);
        return std::nullopt;
    }

    // Is the element at `depth` from the top (0 = the top) the DAV: element `local`?
    bool is(std::size_t depth, std::string_view local) const {
        return stack_.size() > depth && stack_[stack_.size() - 1 - depth].dav &&
               stack_[stack_.size() - 1 - depth].local == local;
    }

    void text(std::string_view chars, bool escaped) {
        if (stack_.empty() || stack_.back().capture == Capture::None) return;
        if (escaped) append_unescaped(captured_, chars);
        else captured_.append(chars);
    }

    void open(const StartTag& tag) {
        Element element{tag.qname, local_of(tag.qname)};
        for (const Attribute& attribute : tag.attributes) {
            if (attribute.name == "xmlns") {
                namespaces_.emplace_back(std::string_view(), attribute.value);
                ++element.namespaces;
            } else if (attribute.name.starts_with("xmlns:")) {
                namespaces_.emplace_back(attribute.name.substr(6), attribute.value);
                ++element.namespaces;
            }
        }
        // An undeclared prefix, or none with no default namespace, is taken for DAV: (servers
        // that forget the declaration mean it); only another declared namespace is foreign.
        const auto uri = namespace_of(prefix_of(tag.qname));
        element.dav = !uri || *uri == kDav;
        stack_.push_back(element);
        if (!element.dav) return;

        const std::string_view local = element.local;
        if (stack_.size() == 1) {
            seen_root_ = seen_root_ || local == "multistatus";
        } else if (local == "response" && stack_.size() == 2 && is(1, "multistatus")) {
            response_.emplace();
        } else if (local == "href" && is(1, "response") && response_ && !response_->has_href) {
            begin_capture(Capture::Href);
        } else if (local == "propstat" && is(1, "response") && response_) {
            propstat_.emplace();
        } else if (local == "status" && is(1, "propstat") && propstat_) {
            begin_capture(Capture::PropstatStatus);
        } else if (local == "status" && is(1, "response") && response_) {
            begin_capture(Capture::ResponseStatus);
        } else if (local == "collection" && is(1, "resourcetype") && is(2, "prop") && is(3, "propstat") && propstat_) {
            propstat_->collection = true;
        } else if (local == "getcontentlength" && is(1, "prop") && is(2, "propstat") && propstat_) {
            begin_capture(Capture::Length);
        }
    }

    void begin_capture(Capture capture) {
        stack_.back().capture = capture;
        captured_.clear();
    }

    // Closes the open element named `qname`, and any left open inside it; an end tag that
    // matches nothing open is ignored.
    void close(std::string_view qname) {
        const auto match = std::find_if(stack_.rbegin(), stack_.rend(), [&](const Element& e) { return e.qname == qname; });
        if (match == stack_.rend()) return;
        const std::size_t keep = static_cast<std::size_t>(stack_.rend() - match) - 1;
        while (stack_.size() > keep) {
            finish(stack_.back());
            namespaces_.resize(namespaces_.size() - stack_.back().namespaces);
            stack_.pop_back();
        }
    }

    void finish(const Element& element) {
        switch (element.capture) {
            case Capture::Href:
                if (response_) {
                    response_->href = trimmed(captured_);
                    response_->has_href = true;
                }
                break;
            case Capture::ResponseStatus:
                if (response_) response_->status = captured_;
                break;
            case Capture::PropstatStatus:
                if (propstat_) propstat_->status = captured_;
                break;
            case Capture::Length:
                if (propstat_) propstat_->length = parse_size(captured_);
                break;
            case Capture::None: break;
        }
        if (!element.dav) return;
        if (element.local == "propstat" && stack_.size() >= 2 && propstat_ && response_) {
            if (status_ok(propstat_->status)) {
                response_->folder = response_->folder || propstat_->collection;
                if (propstat_->length) response_->size = *propstat_->length;
            }
            propstat_.reset();
        } else if (element.local == "response" && stack_.size() == 2 && response_) {
            if (response_->has_href && status_ok(response_->status)) responses.push_back(std::move(*response_));
            response_.reset();
            propstat_.reset();
        } else if (stack_.size() == 1 && element.local == "multistatus") {
            closed_root_ = true;
        }
    }
};

// --- Hrefs ----------------------------------------------------------------------------------

// The decoded segments of a path, without empty ones and ".".
std::vector<std::string> segments_of(std::string_view path) {
    std::vector<std::string> segments;
    std::size_t at = 0;
    while (at <= path.size()) {
        std::size_t slash = path.find('/', at);
        if (slash == std::string_view::npos) slash = path.size();
        const std::string_view raw = path.substr(at, slash - at);
        if (!raw.empty() && raw != ".") segments.push_back(percent_decoded(raw));
        at = slash + 1;
    }
    return segments;
}

bool starts_with(const std::vector<std::string>& path, const std::vector<std::string>& prefix) {
    return path.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

// --- HTTP statuses --------------------------------------------------------------------------

std::string_view reason_phrase(int status) {
    switch (status) {
        case 200: return "OK";
        case 201: return "Created";
        case 204: return "No Content";
        case 207: return "Multi-Status";
        case 301: return "Moved Permanently";
        case 302: return "Found";
        case 307: return "Temporary Redirect";
        case 308: return "Permanent Redirect";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 408: return "Request Timeout";
        case 409: return "Conflict";
        case 412: return "Precondition Failed";
        case 413: return "Content Too Large";
        case 415: return "Unsupported Media Type";
        case 423: return "Locked";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        case 507: return "Insufficient Storage";
        default: return "";
    }
}

std::string http_words(int status) {
    const std::string_view reason = reason_phrase(status);
    return "HTTP " + std::to_string(status) + (reason.empty() ? "" : " ") + std::string(reason);
}

// --- HTTP dates -----------------------------------------------------------------------------

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 7> kLongDays = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                                       "Friday", "Saturday", "Sunday"};

std::optional<int> month_of(std::string_view name) {
    for (std::size_t i = 0; i < kMonths.size(); ++i)
        if (kMonths[i] == name) return static_cast<int>(i) + 1;
    return std::nullopt;
}

// "08:49:37" at `at`, in seconds.
std::optional<int> time_of(std::string_view text, std::size_t at) {
    const auto h = fixed_digits(text, at, 2), m = fixed_digits(text, at + 3, 2), s = fixed_digits(text, at + 6, 2);
    if (!h || !m || !s || text[at + 2] != ':' || text[at + 5] != ':' || *h > 23 || *m > 59 || *s > 60) return std::nullopt;
    return *h * 3600 + *m * 60 + std::min(*s, 59);
}

std::optional<Millis> millis_of(int year, std::optional<int> month, std::optional<int> day, std::optional<int> seconds) {
    if (!month || !day || !seconds || *day < 1 || *day > 31 || year < 1970 || year > 9999) return std::nullopt;
    const Date date = Date::from_ymd(year, *month, *day);
    if (date.month() != *month || date.day() != *day) return std::nullopt;  // 31 April
    return static_cast<Millis>(date.days) * 86'400'000 + static_cast<Millis>(*seconds) * 1000;
}

}  // namespace

// --- Multistatus ----------------------------------------------------------------------------

std::string_view path_of_url(std::string_view url) {
    const std::size_t scheme = url.find("://");
    if (scheme != std::string_view::npos && url.find('/') > scheme) {
        const std::size_t path = url.find('/', scheme + 3);
        url = path == std::string_view::npos ? std::string_view("/") : url.substr(path);
    }
    return url.substr(0, url.find_first_of("?#"));
}

Listing parse_multistatus(std::string_view xml, std::string_view folder) {
    Listing listing;
    MultistatusReader reader;
    const auto error = reader.read(xml);
    if (!reader.seen_root()) {
        listing.error = problem("the server's answer is not a WebDAV listing");
        return listing;
    }
    if (error) {
        listing.error = problem("the server's WebDAV listing is broken: " + *error);
        return listing;
    }
    const std::string_view folder_path = path_of_url(folder);
    std::vector<std::string> base = segments_of(folder_path);
    std::vector<std::vector<std::string>> paths;
    for (const Response& response : reader.responses) {
        std::string_view href = path_of_url(response.href);
        std::string joined;
        if (!href.starts_with("/")) {  // relative to the folder
            joined = std::string(folder_path) + (folder_path.ends_with("/") ? "" : "/") + std::string(href);
            href = joined;
        }
        paths.push_back(segments_of(href));
    }
    const bool folder_listed = std::find(paths.begin(), paths.end(), base) != paths.end();
    const auto child_of_base = [&](const std::vector<std::string>& path) {
        return path.size() == base.size() + 1 && starts_with(path, base);
    };
    if (!folder_listed && !paths.empty() && reader.responses.front().folder && !child_of_base(paths.front()) &&
        std::all_of(paths.begin() + 1, paths.end(), [&](const auto& path) {
            return path.size() == paths.front().size() + 1 && starts_with(path, paths.front());
        }))
        base = paths.front();  // a proxy rewrote the paths: the first collection is the folder
    for (std::size_t i = 0; i < paths.size(); ++i) {
        if (!child_of_base(paths[i])) continue;
        const Response& response = reader.responses[i];
        sync::Entry entry;
        entry.name = paths[i].back();
        entry.folder = response.folder;
        entry.size = response.folder ? 0 : response.size;
        listing.entries.push_back(std::move(entry));
    }
    return listing;
}

// --- HTTP statuses --------------------------------------------------------------------------

sync::Outcome outcome_of_http(sync::OpKind kind, int status, std::string body, std::string_view folder) {
    using sync::Failure;
    using sync::OpKind;
    sync::Outcome outcome;
    outcome.status = status;
    const auto fail = [&](Failure failure, std::string detail) {
        outcome.failure = failure;
        outcome.detail = std::move(detail);
        return outcome;
    };
    if (status <= 0) return fail(Failure::Unreachable, "no answer from the server");
    if (status >= 200 && status <= 299) {
        if (kind == OpKind::Get) {
            outcome.bytes = std::move(body);
        } else if (kind == OpKind::List) {
            if (status != 207 && status != 200)
                return fail(Failure::Server, "the server answered the listing with " + http_words(status) +
                                                 " instead of a WebDAV listing (is WebDAV turned on for the folder?)");
            Listing listing = parse_multistatus(body, folder);
            if (!listing.ok()) return fail(Failure::Server, listing.error->text);
            outcome.entries = std::move(listing.entries);
        }
        return outcome;
    }
    if (kind == OpKind::MakeFolder && status == 405) return outcome;  // it exists already
    switch (status) {
        case 401: return fail(Failure::Unauthorized, http_words(status) + ": wrong user name or password");
        case 403: return fail(Failure::Forbidden, http_words(status) + ": the server does not allow this");
        case 404: return fail(Failure::Missing, http_words(status));
        case 408: return fail(Failure::Timeout, http_words(status));
        case 409:
            if (kind == OpKind::Put || kind == OpKind::MakeFolder)
                return fail(Failure::Missing, http_words(status) + ": the folder above it is missing");
            break;
        default: break;
    }
    return fail(Failure::Server, http_words(status));  // explain() words a 3xx as a redirect
}

// --- HTTP dates -----------------------------------------------------------------------------

std::optional<Millis> parse_http_date(std::string_view text) {
    text = trimmed(text);
    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
    if (text.size() == 29 && text[3] == ',' && text[4] == ' ' && text[7] == ' ' && text[11] == ' ' && text[16] == ' ' &&
        text[25] == ' ' && text.substr(26) == "GMT" &&
        std::find(kDays.begin(), kDays.end(), text.substr(0, 3)) != kDays.end()) {
        const auto year = fixed_digits(text, 12, 4);
        if (!year) return std::nullopt;
        return millis_of(*year, month_of(text.substr(8, 3)), fixed_digits(text, 5, 2), time_of(text, 17));
    }
    // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT" (a two-digit year in the past 50 years)
    const std::size_t comma = text.find(", ");
    if (comma != std::string_view::npos &&
        std::find(kLongDays.begin(), kLongDays.end(), text.substr(0, comma)) != kLongDays.end()) {
        const std::string_view rest = text.substr(comma + 2);
        if (rest.size() != 22 || rest[2] != '-' || rest[6] != '-' || rest[9] != ' ' || rest[18] != ' ' ||
            rest.substr(19) != "GMT")
            return std::nullopt;
        const auto year = fixed_digits(rest, 7, 2);
        if (!year) return std::nullopt;
        return millis_of(*year < 70 ? 2000 + *year : 1900 + *year, month_of(rest.substr(3, 3)), fixed_digits(rest, 0, 2),
                         time_of(rest, 10));
    }
    // asctime: "Sun Nov  6 08:49:37 1994"
    if (text.size() == 24 && text[3] == ' ' && text[7] == ' ' && text[10] == ' ' && text[19] == ' ' &&
        std::find(kDays.begin(), kDays.end(), text.substr(0, 3)) != kDays.end()) {
        const auto day = text[8] == ' ' ? fixed_digits(text, 9, 1) : fixed_digits(text, 8, 2);
        const auto year = fixed_digits(text, 20, 4);
        if (!year) return std::nullopt;
        return millis_of(*year, month_of(text.substr(4, 3)), day, time_of(text, 11));
    }
    return std::nullopt;
}

}  // namespace ties::io::webdav
