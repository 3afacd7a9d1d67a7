// X archive import: see x_archive.hpp. Each file: strip the `window.YTD.x.partN =` prefix, stream
// its JSON array through RapidJSON's iterative SAX reader, flatten each record into the few
// (path, value) pairs we read ("tweet.entities.user_mentions.0.screen_name"), and interpret them.
// Follows are read before tweets, so a tweet is kept only when it involves a future contact.
// Sections, in order (search for "// --- "): One record of the array, flattened · Values · The
//   import.
#include "io/x_archive.hpp"

#include "core/text.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>

namespace ties::io {
namespace {

constexpr std::size_t kMaxWarnings = 50;
constexpr std::size_t kProgressEvery = 1000;
constexpr std::size_t kMaxValueBytes = 1024 * 1024;
constexpr std::size_t kMaxKeyBytes = 32;    // longer keys are none we read
constexpr std::size_t kMaxPathDepth = 6;    // "tweet.entities.user_mentions.0.name" is 5
constexpr std::size_t kMaxFieldsPerRecord = 10'000;
constexpr std::size_t kMaxIdBytes = 64;

enum class FileKind { Account, Following, Follower, Tweets };

struct ArchiveFile {
    const NamedFile* file = nullptr;
    FileKind kind = FileKind::Account;
    unsigned long part = 0;
    std::size_t order = 0;  // as given, for ties
};

// "data/tweets-part2.js" -> Tweets, part 2; nullopt for files we do not read.
std::optional<ArchiveFile> classify(const NamedFile& file, std::size_t order) {
    std::string_view name = file.name;
    const std::size_t slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
    std::string lower(name);
    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    std::string_view stem = lower;
    if (stem.size() < 3 || stem.substr(stem.size() - 3) != ".js") return std::nullopt;
    stem.remove_suffix(3);
    ArchiveFile out;
    out.file = &file;
    out.order = order;
    const std::size_t dash = stem.rfind("-part");
    if (dash != std::string_view::npos && dash + 5 < stem.size() && stem.size() - dash - 5 <= 6 &&
        std::all_of(stem.begin() + static_cast<std::ptrdiff_t>(dash + 5), stem.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        out.part = std::stoul(std::string(stem.substr(dash + 5)));
        stem = stem.substr(0, dash);
    }
    if (stem == "account") out.kind = FileKind::Account;
    else if (stem == "following") out.kind = FileKind::Following;
    else if (stem == "follower") out.kind = FileKind::Follower;
    else if (stem == "tweets" || stem == "tweet") out.kind = FileKind::Tweets;
    else return std::nullopt;
    return out;
}

std::string mebibytes(std::size_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return text;
}

// 1-based line of a byte offset, for offsets that only grow (one pass over the text in all).
class LineCounter {
public:
    explicit LineCounter(std::string_view text) : text_(text) {}
    std::size_t line_at(std::size_t offset) {
        offset = std::min(offset, text_.size());
        if (offset < pos_) {  // not expected; count again from the start
            pos_ = 0;
            line_ = 1;
        }
        line_ += static_cast<std::size_t>(std::count(text_.begin() + static_cast<std::ptrdiff_t>(pos_),
                                                     text_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
        pos_ = offset;
        return line_;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
};

// --- One record of the array, flattened ----------------------------------------------------------

struct Field {
    std::string path;  // keys and array indices from the record down, "tweet.entities.user_mentions.0.name"
    std::string value;
};

struct FlatRecord {
    std::vector<Field> fields;
    std::size_t offset = 0;  // where the record starts, in the JSON

    std::string_view get(std::string_view path) const {
        for (const Field& field : fields)
            if (field.path == path) return field.value;
        return {};
    }
};

bool wanted_key(std::string_view key) {
    static constexpr std::array<std::string_view, 12> kKeys = {
        "accountId", "username", "accountDisplayName", "userLink", "created_at", "full_text", "text",
        "in_reply_to_user_id_str", "in_reply_to_screen_name", "id_str", "screen_name", "name"};
    return std::find(kKeys.begin(), kKeys.end(), key) != kKeys.end();
}

// RapidJSON SAX handler: keeps the path to the current value, hands each finished record of the
// top-level array to `on_record`. Returning false from any callback stops the parse.
class RecordHandler {
public:
    using OnRecord = std::function<bool(const FlatRecord&)>;

    RecordHandler(const rapidjson::MemoryStream& stream, OnRecord on_record)
        : stream_(stream), on_record_(std::move(on_record)) {}

    std::string problem;     // why the handler stopped the parse ("" when it did not)
    bool stopped_by_caller = false;

    bool Null() { return scalar(nullptr, 0); }
    bool Bool(bool) { return scalar(nullptr, 0); }
    bool Int(int) { return scalar(nullptr, 0); }
    bool Uint(unsigned) { return scalar(nullptr, 0); }
    bool Int64(std::int64_t) { return scalar(nullptr, 0); }
    bool Uint64(std::uint64_t) { return scalar(nullptr, 0); }
    bool Double(double) { return scalar(nullptr, 0); }
    bool RawNumber(const char* text, rapidjson::SizeType length, bool) { return scalar(text, length); }
    bool String(const char* text, rapidjson::SizeType length, bool) { return scalar(text, length); }
    bool Key(const char* text, rapidjson::SizeType length, bool) {
        stack_.back().key.assign(text, std::min<std::size_t>(length, kMaxKeyBytes));
        return true;
    }
    bool StartObject() { return open(false); }
    bool StartArray() { return open(true); }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool EndArray(rapidjson::SizeType) { return close(); }

private:
    struct Frame {
        bool array = false;
        std::size_t index = 0;
        std::string key;
    };

    const rapidjson::MemoryStream& stream_;
    OnRecord on_record_;
    std::vector<Frame> stack_;
    FlatRecord record_;

    bool begin_value(bool array) {
        if (stack_.empty()) {
            if (!array) {
                problem = "expected a list of records after \"=\"";
                return false;
            }
            return true;
        }
        if (stack_.size() == 1) {
            record_.fields.clear();
            record_.offset = stream_.Tell();
        }
        return true;
    }

    bool end_value() {
        if (stack_.empty()) return true;  // the root closed
        if (stack_.size() == 1) {
            ++stack_[0].index;
            if (!on_record_(record_)) {
                stopped_by_caller = true;
                return false;
            }
            return true;
        }
        if (stack_.back().array) ++stack_.back().index;
        return true;
    }

    bool open(bool array) {
        if (!begin_value(array)) return false;
        if (stack_.size() >= kMaxXJsonDepth) {
            problem = "the JSON nests deeper than " + std::to_string(kMaxXJsonDepth) + " levels";
            return false;
        }
        stack_.push_back(Frame{array, 0, {}});
        return true;
    }

    bool close() {
        stack_.pop_back();
        return end_value();
    }

    bool scalar(const char* text, std::size_t length) {
        if (!begin_value(false)) return false;
        const Frame& top = stack_.back();
        // Paths are built only for values we may read, so a crafted file cannot make each one costly.
        if (text != nullptr && stack_.size() > 1 && stack_.size() <= kMaxPathDepth + 1 && !top.array &&
            wanted_key(top.key) && record_.fields.size() < kMaxFieldsPerRecord) {
            Field field;
            for (std::size_t k = 1; k < stack_.size(); ++k) {
                if (k > 1) field.path.push_back('.');
                field.path += stack_[k].array ? std::to_string(stack_[k].index) : stack_[k].key;
            }
            field.value.reserve(std::min(length, kMaxValueBytes));
            for (std::size_t k = 0; k < length && field.value.size() < kMaxValueBytes; ++k) {
                const char c = text[k];  // control characters but tab and LF are dropped
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') field.value.push_back(c);
            }
            record_.fields.push_back(std::move(field));
        }
        return end_value();
    }
};

// --- Values -------------------------------------------------------------------------------------

std::string decode_entities(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '&') {
            if (text.substr(i, 5) == "&amp;") { out.push_back('&'); i += 4; continue; }
            if (text.substr(i, 4) == "&lt;") { out.push_back('<'); i += 3; continue; }
            if (text.substr(i, 4) == "&gt;") { out.push_back('>'); i += 3; continue; }
        }
        out.push_back(text[i]);
    }
    return out;
}

std::optional<int> digits(std::string_view text) {
    if (text.empty() || text.size() > 4) return std::nullopt;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

// "Wed Mar 13 10:00:00 +0000 2024" -> the UTC calendar day.
std::optional<Date> parse_created_at(std::string_view text) {
    std::vector<std::string_view> parts;
    for (std::string_view rest = trim(text); !rest.empty();) {
        const std::size_t space = rest.find(' ');
        if (space != 0) parts.push_back(rest.substr(0, space));
        if (space == std::string_view::npos) break;
        rest.remove_prefix(space + 1);
    }
    if (parts.size() != 6) return std::nullopt;
    static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto month_it = std::find(kMonths.begin(), kMonths.end(), parts[1]);
    const auto day = digits(parts[2]);
    const auto year = digits(parts[5]);
    const std::string_view time = parts[3];
    const std::string_view zone = parts[4];
    if (month_it == kMonths.end() || !day || !year || parts[5].size() != 4 || time.size() != 8 || time[2] != ':' ||
        time[5] != ':' || zone.size() != 5 || (zone[0] != '+' && zone[0] != '-'))
        return std::nullopt;
    const auto hour = digits(time.substr(0, 2));
    const auto minute = digits(time.substr(3, 2));
    const auto zone_hours = digits(zone.substr(1, 2));
    const auto zone_minutes = digits(zone.substr(3, 2));
    if (!hour || !minute || !digits(time.substr(6, 2)) || !zone_hours || !zone_minutes || *hour > 23 || *minute > 59)
        return std::nullopt;
    char iso[48];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", *year, static_cast<int>(month_it - kMonths.begin()) + 1, *day);
    auto date = Date::parse_iso(iso);
    if (!date) return std::nullopt;
    const int offset = (zone[0] == '-' ? -1 : 1) * (*zone_hours * 60 + *zone_minutes);
    const int utc_minutes = *hour * 60 + *minute - offset;
    if (utc_minutes < 0) --date->days;
    if (utc_minutes >= 24 * 60) ++date->days;
    return date;
}

bool plausible_id(std::string_view id) { return !id.empty() && id.size() <= kMaxIdBytes; }

struct Account {
    std::string id;
    std::string user_link;
    std::string screen_name;
    std::string name;
    bool following = false;
    bool follower = false;
};

struct Conversation {
    Date date;
    std::string text;
    std::vector<std::size_t> people;  // indexes into the accounts
};

class Warnings {
public:
    explicit Warnings(std::vector<Problem>& out) : out_(out) {}
    void add(const std::string& file, std::size_t line, std::string text) {
        if (out_.size() < kMaxWarnings) out_.push_back(Problem{file, line, std::move(text)});
        else ++dropped_;
    }
    void finish(const std::string& file) {
        if (dropped_ > 0) out_.push_back(Problem{file, 0, "and " + std::to_string(dropped_) + " more warnings"});
    }

private:
    std::vector<Problem>& out_;
    std::size_t dropped_ = 0;
};

Imported failure(const std::string& file, std::size_t line, std::string text) {
    Imported result;
    result.error = Problem{file, line, std::move(text)};
    return result;
}

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// --- The import -------------------------------------------------------------------------------------

class ArchiveReader {
public:
    ArchiveReader(const ImportContext& context, std::size_t total_bytes, Imported& result)
        : context_(context), total_bytes_(total_bytes), warnings_(result.warnings) {}

    // The file's records through `interpret`; an error message (with its line) if it cannot be read.
    std::optional<Problem> read(const ArchiveFile& file, bool& cancelled) {
        const std::string& name = file.file->name;
        std::string note;
        const std::string text = to_utf8(file.file->bytes, &note);
        if (!note.empty()) warnings_.add(name, 0, note);

        std::size_t start = 0;
        while (start < text.size() && is_json_space(text[start])) ++start;
        constexpr std::string_view kPrefix = "window.YTD.";
        const std::size_t equals = text.find('=', start);
        if (text.compare(start, kPrefix.size(), kPrefix) != 0 || equals == std::string::npos || equals - start > 256 ||
            text.find('\n', start) < equals) {
            LineCounter lines(text);
            return Problem{name, lines.line_at(start),
                                 "not an X archive data file (it should begin with \"window.YTD.\" and \"=\")"};
        }
        const std::string_view json = std::string_view(text).substr(equals + 1);
        LineCounter lines(text);
        const auto line_of = [&](std::size_t json_offset) { return lines.line_at(equals + 1 + json_offset); };

        rapidjson::MemoryStream stream(json.data(), json.size());
        RecordHandler handler(stream, [&](const FlatRecord& record) {
            if (records_++ % kProgressEvery == 0 && context_.progress) {
                const double done = static_cast<double>(bytes_done_ + stream.Tell()) / static_cast<double>(total_bytes_);
                if (!context_.progress(std::min(done, 1.0))) return false;
            }
            interpret(file, record, line_of(record.offset));
            return true;
        });
        rapidjson::Reader reader;
        const rapidjson::ParseResult result =
            reader.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseStopWhenDoneFlag |
                         rapidjson::kParseNumbersAsStringsFlag>(stream, handler);
        bytes_done_ += file.file->bytes.size();
        if (handler.stopped_by_caller) {
            cancelled = true;
            return std::nullopt;
        }
        if (!result) {
            const std::size_t at = result.Offset();
            const std::string position = " (at byte " + std::to_string(equals + 2 + at) + ")";
            if (!handler.problem.empty()) return Problem{name, line_of(at), handler.problem + position};
            std::string why = rapidjson::GetParseError_En(result.Code());
            if (!why.empty() && why.back() == '.') why.pop_back();
            return Problem{name, line_of(at),
                                 "broken JSON at byte " + std::to_string(equals + 2 + at) + " (" + why + ")"};
        }
        std::size_t rest = stream.Tell();
        while (rest < json.size() && (is_json_space(json[rest]) || json[rest] == ';')) ++rest;
        if (rest < json.size())
            return Problem{name, line_of(rest),
                                 "unexpected text after the list (at byte " + std::to_string(equals + 2 + rest) + ")"};
        return std::nullopt;
    }

    bool has_own_account() const { return own_id_.has_value(); }
    void finish_warnings(const std::string& archive) { warnings_.finish(archive); }

    void build(Imported& result) {
        IdGenerator fallback_ids(static_cast<std::uint64_t>(context_.now), 0x746965735f780000ull);
        IdGenerator& ids = context_.ids != nullptr ? *context_.ids : fallback_ids;
        std::vector<std::optional<Id>> contact_of(accounts_.size());
        for (std::size_t k = 0; k < accounts_.size(); ++k) {
            const Account& account = accounts_[k];
            if (own_id_ && account.id == *own_id_) continue;
            Contact contact;
            contact.meta.id = ids.next();
            contact.meta.created = context_.now;
            contact.meta.updated = context_.now;
            contact.origin = ContactOrigin::Imported;
            const std::string at_name = account.screen_name.empty() ? std::string() : "@" + account.screen_name;
            contact.display_name = !account.name.empty() ? account.name
                                   : !at_name.empty()    ? at_name
                                                         : "X account " + account.id;
            contact.handles.push_back(Handle{HandleKind::X, !at_name.empty() ? at_name : account.user_link});
            if (account.following) contact.tags.push_back("x-following");
            if (account.follower) contact.tags.push_back("x-follower");
            if (account.following && account.follower) contact.tags.push_back("x-mutual");
            contact.notes = "On X (account " + account.id + "): " +
                            (account.following && account.follower ? "you follow each other."
                             : account.following                   ? "you follow them."
                                                                   : "they follow you.");
            contact_of[k] = contact.meta.id;
            result.contacts.push_back(std::move(contact));
        }
        for (Conversation& conversation : conversations_) {
            Interaction interaction;
            for (std::size_t person : conversation.people)
                if (contact_of[person]) interaction.participants.push_back(*contact_of[person]);
            if (interaction.participants.empty()) continue;
            interaction.meta.id = ids.next();
            interaction.meta.created = context_.now;
            interaction.meta.updated = context_.now;
            interaction.date = conversation.date;
            interaction.kind = InteractionKind::OnlineConversation;
            interaction.initiator = Initiator::Me;
            interaction.notes = std::move(conversation.text);
            result.interactions.push_back(std::move(interaction));
        }
    }

private:
    const ImportContext& context_;
    std::size_t total_bytes_;
    Warnings warnings_;
    std::size_t bytes_done_ = 0;
    std::size_t records_ = 0;
    std::optional<std::string> own_id_;
    std::vector<Account> accounts_;
    std::unordered_map<std::string, std::size_t> account_index_;
    std::vector<Conversation> conversations_;

    // "tweet.full_text" or "full_text": archives have wrapped each record in its kind since 2019.
    static std::string_view field(const FlatRecord& record, std::string_view wrapper, std::string_view key) {
        const std::string wrapped = std::string(wrapper) + "." + std::string(key);
        const std::string_view value = record.get(wrapped);
        return value.empty() ? record.get(key) : value;
    }

    void interpret(const ArchiveFile& file, const FlatRecord& record, std::size_t line) {
        const std::string& name = file.file->name;
        switch (file.kind) {
            case FileKind::Account: {
                const std::string_view id = field(record, "account", "accountId");
                if (plausible_id(id) && !own_id_) own_id_ = std::string(id);
                break;
            }
            case FileKind::Following:
            case FileKind::Follower: {
                const bool following = file.kind == FileKind::Following;
                const std::string_view wrapper = following ? "following" : "follower";
                const std::string_view id = field(record, wrapper, "accountId");
                if (!plausible_id(id)) {
                    warnings_.add(name, line, "an entry without a usable accountId was skipped");
                    return;
                }
                auto [it, added] = account_index_.try_emplace(std::string(id), accounts_.size());
                if (added) {
                    Account account;
                    account.id = std::string(id);
                    const std::string_view link = field(record, wrapper, "userLink");
                    account.user_link = looks_like_url(link) ? std::string(link)
                                                             : "https://twitter.com/intent/user?user_id=" + account.id;
                    accounts_.push_back(std::move(account));
                }
                (following ? accounts_[it->second].following : accounts_[it->second].follower) = true;
                break;
            }
            case FileKind::Tweets: interpret_tweet(file, record, line); break;
        }
    }

    std::optional<std::size_t> learn(std::string_view id, std::string_view screen_name, std::string_view display) {
        if (own_id_ && id == *own_id_) return std::nullopt;
        const auto it = account_index_.find(std::string(id));
        if (it == account_index_.end()) return std::nullopt;
        Account& account = accounts_[it->second];
        screen_name = trim(screen_name);
        while (!screen_name.empty() && screen_name.front() == '@') screen_name.remove_prefix(1);
        if (account.screen_name.empty() && !screen_name.empty() && screen_name.size() <= 64)
            account.screen_name = std::string(screen_name);
        display = trim(display);
        if (account.name.empty() && !display.empty() && display.size() <= 256) account.name = std::string(display);
        return it->second;
    }

    void interpret_tweet(const ArchiveFile& file, const FlatRecord& record, std::size_t line) {
        std::vector<std::size_t> people;
        const auto involve = [&](std::optional<std::size_t> person) {
            if (person && std::find(people.begin(), people.end(), *person) == people.end()) people.push_back(*person);
        };
        const std::string_view reply_to = field(record, "tweet", "in_reply_to_user_id_str");
        if (!reply_to.empty()) involve(learn(reply_to, field(record, "tweet", "in_reply_to_screen_name"), {}));
        // Mentions: "[tweet.]entities.user_mentions.<i>.<key>", in order of i.
        struct Mention {
            std::string_view id, screen_name, name;
        };
        std::map<std::size_t, Mention> mentions;
        for (const Field& f : record.fields) {
            std::string_view path = f.path;
            if (path.substr(0, 6) == "tweet.") path.remove_prefix(6);
            constexpr std::string_view kMentions = "entities.user_mentions.";
            if (path.substr(0, kMentions.size()) != kMentions) continue;
            path.remove_prefix(kMentions.size());
            const std::size_t dot = path.find('.');
            if (dot == 0 || dot == std::string_view::npos || dot > 6) continue;
            std::size_t index = 0;
            const std::string_view number = path.substr(0, dot);
            if (!std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
            for (char c : number) index = index * 10 + static_cast<std::size_t>(c - '0');
            Mention& m = mentions[index];
            const std::string_view key = path.substr(dot + 1);
            if (key == "id_str") m.id = f.value;
            else if (key == "screen_name") m.screen_name = f.value;
            else if (key == "name") m.name = f.value;
        }
        for (const auto& entry : mentions)
            if (!entry.second.id.empty()) involve(learn(entry.second.id, entry.second.screen_name, entry.second.name));
        if (people.empty()) return;
        std::string_view text = field(record, "tweet", "full_text");
        if (text.empty()) text = field(record, "tweet", "text");
        text = trim(text);
        if (text.substr(0, 4) == "RT @") return;  // a retweet: names learnt, but no conversation
        const std::string_view created_at = field(record, "tweet", "created_at");
        const auto date = parse_created_at(created_at);
        if (!date) {
            warnings_.add(file.file->name, line,
                          "a tweet with an unreadable date (\"" + std::string(created_at.substr(0, 64)) + "\") was skipped");
            return;
        }
        conversations_.push_back(Conversation{*date, decode_entities(text), std::move(people)});
    }
};

}  // namespace

Imported import_x_archive(const std::vector<NamedFile>& files, const ImportContext& context) {
    const std::string archive = context.file_name.empty() ? std::string("X archive") : context.file_name;
    std::vector<ArchiveFile> known;
    std::size_t total = 0;
    for (std::size_t k = 0; k < files.size(); ++k) {
        if (auto file = classify(files[k], k)) {
            const std::size_t size = file->file->bytes.size();
            if (size == 0) return failure(file->file->name, 0, "the file is empty");
            if (size > kMaxImportBytes)
                return failure(file->file->name, 0, "the file is " + mebibytes(size) + "; files over " +
                                                        mebibytes(kMaxImportBytes) + " are not imported");
            total += size;
            known.push_back(*file);
        }
    }
    if (known.empty())
        return failure(archive, 0,
                       "none of the files is from an X archive's data folder (account.js, following.js, follower.js, tweets.js)");
    if (total > kMaxImportBytes)
        return failure(archive, 0, "the archive's files add up to " + mebibytes(total) + "; more than " +
                                       mebibytes(kMaxImportBytes) + " is not imported");
    if (std::none_of(known.begin(), known.end(),
                     [](const ArchiveFile& f) { return f.kind == FileKind::Following || f.kind == FileKind::Follower; }))
        return failure(archive, 0, "neither following.js nor follower.js is among the files: there is no one to import");
    std::sort(known.begin(), known.end(), [](const ArchiveFile& a, const ArchiveFile& b) {
        if (a.kind != b.kind) return a.kind < b.kind;
        if (a.part != b.part) return a.part < b.part;
        return a.order < b.order;
    });

    Imported result;
    ArchiveReader reader(context, total, result);
    for (const ArchiveFile& file : known) {
        bool cancelled = false;
        if (auto error = reader.read(file, cancelled)) {
            Imported failed;
            failed.error = std::move(error);
            return failed;
        }
        if (cancelled) {
            Imported stopped;
            stopped.cancelled = true;
            return stopped;
        }
    }
    if (!reader.has_own_account())
        result.warnings.push_back(
            Problem{archive, 0, "account.js is not among the files: your own account could not be recognised"});
    reader.build(result);
    reader.finish_warnings(archive);
    clean_imported(result, archive);
    return result;
}

}  // namespace ties::io
