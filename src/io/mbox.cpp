#include "io/mbox.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

namespace ties::io::mail {
namespace {

// A body line is kept only as far as a "From " line needs to be recognised.
constexpr std::size_t kBodyLineKept = 256;

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

bool starts_with_folded(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
    return true;
}

// "Name: value" with a name of printable characters and no space.
bool looks_like_field(std::string_view line) {
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    for (std::size_t i = 0; i < colon; ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        if (c <= 32 || c >= 127) return false;
    }
    return true;
}

// The first line of a single message (.eml): a field that mail starts with.
bool starts_a_message(std::string_view line) {
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    std::string name;
    for (std::size_t i = 0; i < colon; ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        if (c <= 32 || c >= 127) return false;
        name.push_back(static_cast<char>(std::tolower(c)));
    }
    static constexpr std::array<std::string_view, 17> kFirst = {
        "from", "to", "cc", "date", "subject", "sender", "reply-to", "message-id", "in-reply-to", "references",
        "received", "return-path", "delivered-to", "mime-version", "content-type", "dkim-signature",
        "authentication-results"};
    return starts_with(name, "x-") || starts_with(name, "arc-") ||
           std::find(kFirst.begin(), kFirst.end(), name) != kFirst.end();
}

// The text after "From sender ": the date an mbox writer put there.
std::string_view from_line_date(std::string_view line) {
    std::string_view rest = line.substr(5);
    const std::size_t space = rest.find(' ');
    return space == std::string_view::npos ? std::string_view() : trim(rest.substr(space));
}

bool weekday_and_month(std::string_view text) {
    static constexpr std::array<std::string_view, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (text.size() < 8 || text[3] != ' ') return false;
    return std::find(kDays.begin(), kDays.end(), text.substr(0, 3)) != kDays.end() &&
           std::find(kMonths.begin(), kMonths.end(), text.substr(4, 3)) != kMonths.end();
}

}  // namespace

bool is_no_reply(std::string_view email) {
    const std::string local = ascii_lowercase(email.substr(0, email.find('@')));
    std::string compact;
    for (char c : local)
        if (c != '-' && c != '_' && c != '.') compact.push_back(c);
    static constexpr std::array<std::string_view, 6> kExact = {"noreply", "donotreply", "mailerdaemon", "postmaster",
                                                               "notifications", "notification"};
    if (std::find(kExact.begin(), kExact.end(), compact) != kExact.end()) return true;
    if (starts_with(compact, "noreply") || starts_with(compact, "donotreply")) return true;
    // bounce@, bounces+123@, bounce-abc@; not bouncer.bob@.
    if (!starts_with(local, "bounce")) return false;
    std::string_view rest = std::string_view(local).substr(6);
    if (!rest.empty() && rest.front() == 's') rest.remove_prefix(1);
    return rest.empty() || !std::isalpha(static_cast<unsigned char>(rest.front()));
}

MboxReader::MboxReader(std::function<void(Message&&)> on_message) : on_message_(std::move(on_message)) {}

void MboxReader::feed(std::string_view slice) {
    if (state_ == State::Failed) return;
    bytes_ += slice.size();
    // A line is kept only so far, whether it arrives in one slice or several, so that any slicing
    // reads the same.
    const auto limit_now = [this] { return state_ == State::Body ? kBodyLineKept : kMaxHeaderBytes + 1; };
    const auto keep = [this, &limit_now](std::string_view piece) {
        const std::size_t limit = limit_now();
        const std::size_t room = carry_.size() < limit ? limit - carry_.size() : 0;
        if (piece.size() > room) carry_cut_ = true;
        carry_.append(piece.substr(0, std::min(room, piece.size())));
    };
    std::size_t at = 0;
    while (at < slice.size() && state_ != State::Failed) {
        const void* found = std::memchr(slice.data() + at, '\n', slice.size() - at);
        if (found == nullptr) {
            keep(slice.substr(at));
            return;
        }
        const auto end = static_cast<std::size_t>(static_cast<const char*>(found) - slice.data());
        const std::string_view piece = slice.substr(at, end - at);
        if (carry_.empty() && !carry_cut_) {
            const std::size_t limit = limit_now();
            if (piece.size() > limit) line(piece.substr(0, limit), true);
            else line(piece, false);
        } else {
            keep(piece);
            const std::string whole = std::move(carry_);
            const bool cut = carry_cut_;
            carry_.clear();
            carry_cut_ = false;
            line(whole, cut);
        }
        at = end + 1;
    }
}

void MboxReader::finish() {
    if (state_ == State::Failed) return;
    if (!carry_.empty() || carry_cut_) {
        const std::string rest = std::move(carry_);
        const bool cut = carry_cut_;
        carry_.clear();
        carry_cut_ = false;
        line(rest, cut);
    }
    if (state_ == State::Headers) end_of_headers();
    if (state_ == State::Start && !error_) {
        error_ = problem("empty file");
        state_ = State::Failed;
    }
    if (state_ != State::Failed) state_ = State::Body;
}

void MboxReader::separator(std::string_view text) {
    state_ = State::Headers;
    headers_.clear();
    headers_cut_ = false;
    message_line_ = line_number_ + 1;
    from_line_date_ = parse_date(from_line_date(text));
}

void MboxReader::line(std::string_view text, bool cut) {
    ++line_number_;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    switch (state_) {
        case State::Start:
            if (trim(text).empty()) return;  // blank lines before the first message
            if (starts_with(text, "From ")) {
                separator(text);
            } else if (starts_a_message(text)) {  // one message, as a .eml file
                state_ = State::Headers;
                message_line_ = line_number_;
                from_line_date_.reset();
                headers_.assign(text).push_back('\n');
            } else {
                error_ = problem("not an mbox file: it should begin with a \"From \" line, or with the fields of a "
                                 "message (From:, To:, Date:)");
                state_ = State::Failed;
            }
            return;
        case State::Headers:
            if (text.empty()) {
                end_of_headers();
                state_ = State::Body;
                previous_empty_ = true;
                return;
            }
            if (starts_with(text, "From ") && weekday_and_month(from_line_date(text))) {  // no body at all
                end_of_headers();
                separator(text);
                return;
            }
            if (cut || headers_.size() + text.size() + 1 > kMaxHeaderBytes) {
                headers_cut_ = true;
                headers_.clear();
            }
            if (!headers_cut_) headers_.append(text).push_back('\n');
            return;
        case State::Body:
            if (!pending_.empty()) {
                // A "From " line after an empty line, without the usual date: a new message only
                // if header fields follow (else a body line an old writer did not escape).
                const std::string from = std::move(pending_);
                pending_.clear();
                if (looks_like_field(text)) {
                    --line_number_;
                    separator(from);
                    line(text, cut);
                    return;
                }
            }
            if (starts_with(text, "From ")) {
                if (weekday_and_month(from_line_date(text))) {
                    separator(text);
                    return;
                }
                if (previous_empty_) {
                    pending_.assign(text.substr(0, kBodyLineKept));
                    previous_empty_ = false;
                    return;
                }
            }
            previous_empty_ = text.empty();
            return;
        case State::Failed:
            return;
    }
}

void MboxReader::end_of_headers() {
    const std::size_t line = message_line_;
    if (headers_cut_) {
        ++too_long_;
        ++skipped_;
        headers_.clear();
        return;
    }
    Message m;
    m.line = line;
    std::optional<Millis> date;
    std::vector<std::string> in_reply_to;
    for (Field& field : split_fields(headers_)) {
        const std::string& name = field.name;
        if (name == "from") {
            std::vector<Address> from = parse_addresses(field.value);
            if (!from.empty() && m.from.email.empty()) m.from = std::move(from.front());
        } else if (name == "to" || name == "cc") {
            for (Address& a : parse_addresses(field.value)) m.to.push_back(std::move(a));
        } else if (name == "date") {
            if (!date) date = parse_date(field.value);
        } else if (name == "message-id") {
            const std::vector<std::string> ids = parse_message_ids(field.value);
            if (!ids.empty() && m.id.empty()) m.id = ids.front();
        } else if (name == "references") {
            m.thread = parse_message_ids(field.value);
        } else if (name == "in-reply-to") {
            in_reply_to = parse_message_ids(field.value);
        } else if (name == "x-gm-thrid") {
            m.gmail_thread = std::string(trim(field.value));
        } else if (name == "list-id" && m.automated.empty()) {
            m.automated = "a mailing list";
        } else if (name == "precedence") {
            const std::string value = ascii_lowercase(trim(field.value));
            if ((value == "bulk" || value == "list" || value == "junk") && m.automated.empty()) m.automated = "bulk mail";
        } else if (name == "auto-submitted") {
            if (!starts_with_folded(trim(field.value), "no") && m.automated.empty()) m.automated = "an automatic message";
        } else if (name == "x-autoreply" || name == "x-autorespond") {
            if (m.automated.empty()) m.automated = "an automatic message";
        } else if (name == "x-gmail-labels") {
            const std::string labels = ascii_lowercase(field.value);
            for (const std::string& label : split_list(labels))
                if ((label == "spam" || label == "trash") && m.automated.empty()) m.automated = "in " + label;
        }
    }
    headers_.clear();
    for (std::string& id : in_reply_to)
        if (std::find(m.thread.begin(), m.thread.end(), id) == m.thread.end()) m.thread.push_back(std::move(id));
    if (m.from.email.empty()) {
        ++no_sender_;
        ++skipped_;
        return;
    }
    if (!date) date = from_line_date_;
    if (!date) {
        ++no_date_;
        ++skipped_;
        return;
    }
    m.date = *date;
    if (m.automated.empty() && is_no_reply(m.from.email)) m.automated = "a no-reply sender";
    ++messages_;
    on_message_(std::move(m));
}

std::vector<std::string> MboxReader::skipped_reasons() const {
    std::vector<std::string> reasons;
    if (no_sender_) reasons.push_back(counted(no_sender_, "message had", "messages had") + " no sender");
    if (no_date_) reasons.push_back(counted(no_date_, "message had", "messages had") + " no date");
    if (too_long_)
        reasons.push_back(counted(too_long_, "message had", "messages had") + " headers longer than 256 KB");
    return reasons;
}

}  // namespace ties::io::mail
