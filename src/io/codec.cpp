// Records to JSON and back with cereal. Field names are spelled out (make_nvp) and a Record is
// written as {"type": "contact", "data": {...}} instead of cereal's index-based variant, so a
// payload stays readable and does not change meaning when the variant gains a type. Enums are
// integers checked against their range, ids and dates are strings, and every class carries a
// cereal class version that load() refuses when it is newer than this build. decode() never
// trusts its input: it bounds the nesting depth before RapidJSON (which recurses) runs, turns
// every exception into a message, and checks the model's invariants after parsing.
#include "io/codec.hpp"

#include "io/binary_archive.hpp"
#include "io/envelope.hpp"

#include "io/json_archive.hpp"  // cereal/archives/json.hpp, reading fast
#include <cereal/cereal.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <type_traits>

// The cereal functions below live in namespace ties (cereal finds them by argument-dependent
// lookup, which does not look into unnamed namespaces); they are the only ones for the model:
// keep every serialisation of model types in this file.
namespace ties {
namespace {

// An error whose message is meant for people as it is; everything else cereal or RapidJSON
// throws is reported as "invalid data: ...".
struct DecodeError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

using cereal::make_nvp;

std::string clip(std::string_view text) {
    constexpr std::size_t kMax = 40;
    if (text.size() <= kMax) return std::string(text);
    return std::string(text.substr(0, kMax)) + "...";
}

// Refuses a class version newer than the one this build registers with CEREAL_CLASS_VERSION.
template <class T, class Archive>
void check_version(std::uint32_t version, const char* type) {
    if constexpr (Archive::is_loading::value) {
        const std::uint32_t known = cereal::detail::Version<T>::version;
        if (version > known)
            throw DecodeError(std::string("record type ") + type + " version " + std::to_string(version) +
                              " is newer than this Ties understands (it reads up to version " +
                              std::to_string(known) + ")");
    }
}

// Enums are written as their integer value and checked against [0, last] on load (cereal's own
// enum support would silently truncate 300 to a uint8_t).
template <class Archive, class E>
void enum_field(Archive& ar, const char* name, E& value, E last) {
    static_assert(std::is_enum_v<E>);
    if constexpr (Archive::is_saving::value) {
        auto raw = static_cast<std::int64_t>(value);  // the type load reads (binary archives need the same)
        ar(make_nvp(name, raw));
    } else {
        std::int64_t raw = 0;
        ar(make_nvp(name, raw));
        if (raw < 0 || raw > static_cast<std::int64_t>(last))
            throw DecodeError("invalid " + std::string(name) + " " + std::to_string(raw) + " (expected 0.." +
                              std::to_string(static_cast<int>(last)) + ")");
        value = static_cast<E>(raw);
    }
}

}  // namespace

// --- Ids and dates: plain strings in JSON, numbers in the binary archive -------------------------

template <class Archive>
inline constexpr bool kJson = !std::is_same_v<Archive, io::BinaryWriter> && !std::is_same_v<Archive, io::BinaryReader>;

inline void save(io::BinaryWriter& ar, const Id& id) { ar(id.hi, id.lo); }
inline void load(io::BinaryReader& ar, Id& id) { ar(id.hi, id.lo); }
inline void save(io::BinaryWriter& ar, const Date& date) { ar(date.days); }
inline void load(io::BinaryReader& ar, Date& date) { ar(date.days); }

template <class Archive>
    requires kJson<Archive>
std::string save_minimal(const Archive&, const Id& id) {
    return id.to_string();
}

template <class Archive>
    requires kJson<Archive>
void load_minimal(const Archive&, Id& id, const std::string& text) {
    const auto parsed = Id::parse(text);
    if (!parsed) throw DecodeError("invalid id \"" + clip(text) + "\"");
    id = *parsed;
}

template <class Archive>
    requires kJson<Archive>
std::string save_minimal(const Archive&, const Date& date) {
    return date.iso();
}

namespace {

// Date::iso() writes years outside 0..9999 unpadded ("-12-03-05", "12000-01-31"), which
// parse_iso() rejects; read those back too, so that no Date the model can hold makes a whole
// file unreadable. Only the canonical spelling is accepted: the text must equal date.iso().
std::optional<Date> parse_extended_iso(std::string_view text) {
    std::size_t at = 0;
    bool negative = false;
    if (at < text.size() && text[at] == '-') {
        negative = true;
        ++at;
    }
    std::int64_t year = 0;
    std::size_t digits = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9' && digits < 8) {
        year = year * 10 + (text[at] - '0');
        ++at;
        ++digits;
    }
    if (digits == 0 || text.size() - at != 6 || text[at] != '-' || text[at + 3] != '-') return std::nullopt;
    auto two = [&](std::size_t i) -> int {
        const char a = text[i], b = text[i + 1];
        if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
        return (a - '0') * 10 + (b - '0');
    };
    const int month = two(at + 1);
    const int day = two(at + 4);
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    const Date date = Date::from_ymd(static_cast<int>(negative ? -year : year), month, day);
    if (date.iso() != text) return std::nullopt;  // 31 February, out of range, or not canonical
    return date;
}

}  // namespace

template <class Archive>
    requires kJson<Archive>
void load_minimal(const Archive&, Date& date, const std::string& text) {
    auto parsed = Date::parse_iso(text);
    if (!parsed) parsed = parse_extended_iso(text);
    if (!parsed) throw DecodeError("invalid date \"" + clip(text) + "\" (expected YYYY-MM-DD)");
    date = *parsed;
}

// --- Model types ---------------------------------------------------------------------------------

template <class Archive>
std::string save_minimal(const Archive&, const PartialDate& date) {
    return date.iso();
}

template <class Archive>
void load_minimal(const Archive&, PartialDate& date, const std::string& text) {
    const auto parsed = PartialDate::parse(text);
    if (!parsed) throw DecodeError("invalid date \"" + clip(text) + "\" (expected YYYY-MM-DD or --MM-DD)");
    date = *parsed;
}

template <class Archive>
void serialize(Archive& ar, RecordMeta& m, std::uint32_t version) {
    check_version<RecordMeta, Archive>(version, "meta");
    ar(make_nvp("id", m.id), make_nvp("created", m.created), make_nvp("updated", m.updated),
       make_nvp("deleted", m.deleted));
}

template <class Archive>
void serialize(Archive& ar, Handle& h, std::uint32_t version) {
    check_version<Handle, Archive>(version, "handle");
    enum_field(ar, "kind", h.kind, HandleKind::Other);
    ar(make_nvp("value", h.value));
}

template <class Archive>
void serialize(Archive& ar, ContactPoint& p, std::uint32_t version) {
    check_version<ContactPoint, Archive>(version, "contact point");
    ar(make_nvp("value", p.value), make_nvp("label", p.label));
}

template <class Archive>
void serialize(Archive& ar, PostalAddress& a, std::uint32_t version) {
    check_version<PostalAddress, Archive>(version, "address");
    ar(make_nvp("label", a.label), make_nvp("po_box", a.po_box), make_nvp("extended", a.extended),
       make_nvp("street", a.street), make_nvp("locality", a.locality), make_nvp("region", a.region),
       make_nvp("postcode", a.postcode), make_nvp("country", a.country));
}

// Class versions 1 and 2 kept emails and phones as plain strings.
template <class Archive>
void contact_points(Archive& ar, const char* name, std::vector<ContactPoint>& points, std::uint32_t version) {
    if constexpr (Archive::is_loading::value) {
        if (version < 3) {
            std::vector<std::string> values;
            ar(make_nvp(name, values));
            points.clear();
            for (std::string& value : values) points.push_back({std::move(value), {}});
            return;
        }
    }
    ar(make_nvp(name, points));
}

template <class Archive>
void serialize(Archive& ar, Contact& c, std::uint32_t version) {
    check_version<Contact, Archive>(version, "contact");
    ar(make_nvp("meta", c.meta), make_nvp("display_name", c.display_name),
       make_nvp("given_name", c.given_name), make_nvp("family_name", c.family_name),
       make_nvp("nickname", c.nickname), make_nvp("company", c.company), make_nvp("title", c.title),
       make_nvp("city", c.city), make_nvp("region", c.region), make_nvp("country", c.country));
    contact_points(ar, "emails", c.emails, version);
    contact_points(ar, "phones", c.phones, version);
    ar(make_nvp("handles", c.handles), make_nvp("tags", c.tags));
    enum_field(ar, "tier", c.tier, Tier::Recognisable);
    ar(make_nvp("cadence_days", c.cadence_days), make_nvp("how_met", c.how_met),
       make_nvp("first_met", c.first_met), make_nvp("introduced_by", c.introduced_by),
       make_nvp("met_at", c.met_at), make_nvp("notes", c.notes), make_nvp("archived", c.archived));
    if (version >= 2) {
        ar(make_nvp("cadence_max_days", c.cadence_max_days), make_nvp("birthday", c.birthday),
           make_nvp("anniversary", c.anniversary), make_nvp("snoozed_until", c.snoozed_until));
    }
    if (version >= 3) {
        ar(make_nvp("addresses", c.addresses));
        enum_field(ar, "origin", c.origin, ContactOrigin::Imported);
    }
}

template <class Archive>
void serialize(Archive& ar, Cadence& c, std::uint32_t version) {
    check_version<Cadence, Archive>(version, "cadence");
    ar(make_nvp("ideal_days", c.ideal_days), make_nvp("max_days", c.max_days));
}

template <class Archive>
void serialize(Archive& ar, TagCadence& t, std::uint32_t version) {
    check_version<TagCadence, Archive>(version, "tag cadence");
    ar(make_nvp("tag", t.tag), make_nvp("cadence", t.cadence));
}

template <class Archive>
void serialize(Archive& ar, Budget& b, std::uint32_t version) {
    check_version<Budget, Archive>(version, "budget");
    ar(make_nvp("meetings_per_week", b.meetings_per_week), make_nvp("minutes_per_week", b.minutes_per_week),
       make_nvp("messages_per_day", b.messages_per_day));
    if (version >= 2) ar(make_nvp("asks_per_week", b.asks_per_week));
}

template <class Archive>
void serialize(Archive& ar, FollowUp& f, std::uint32_t version) {
    check_version<FollowUp, Archive>(version, "follow-up");
    ar(make_nvp("date", f.date), make_nvp("text", f.text), make_nvp("done", f.done));
}

template <class Archive>
void serialize(Archive& ar, Interaction& i, std::uint32_t version) {
    check_version<Interaction, Archive>(version, "interaction");
    ar(make_nvp("meta", i.meta), make_nvp("date", i.date), make_nvp("minute_of_day", i.minute_of_day));
    enum_field(ar, "kind", i.kind, InteractionKind::Ask);
    ar(make_nvp("participants", i.participants));
    enum_field(ar, "initiator", i.initiator, Initiator::Them);
    ar(make_nvp("duration_minutes", i.duration_minutes), make_nvp("notes", i.notes),
       make_nvp("follow_up", i.follow_up));
    if (version >= 2) ar(make_nvp("event", i.event));
    if (version >= 3) ar(make_nvp("answers", i.answers));
}

template <class Archive>
void serialize(Archive& ar, Event& e, std::uint32_t version) {
    check_version<Event, Archive>(version, "event");
    ar(make_nvp("meta", e.meta), make_nvp("name", e.name));
    enum_field(ar, "kind", e.kind, EventKind::Other);
    ar(make_nvp("date", e.date), make_nvp("place", e.place), make_nvp("notes", e.notes),
       make_nvp("attendees", e.attendees));
}

template <class Archive>
void serialize(Archive& ar, Opportunity& o, std::uint32_t version) {
    check_version<Opportunity, Archive>(version, "opportunity");
    ar(make_nvp("meta", o.meta), make_nvp("title", o.title));
    enum_field(ar, "kind", o.kind, OpportunityKind::Other);
    enum_field(ar, "status", o.status, OpportunityStatus::Lost);
    ar(make_nvp("value", o.value), make_nvp("date", o.date), make_nvp("contacts", o.contacts),
       make_nvp("notes", o.notes));
    if (version >= 2) ar(make_nvp("from_answer", o.from_answer));
}

template <class Archive>
void serialize(Archive& ar, Settings& s, std::uint32_t version) {
    check_version<Settings, Archive>(version, "settings");
    ar(make_nvp("meta", s.meta), make_nvp("your_name", s.your_name));
    if (version >= 2) {
        // A vector, not cereal's std::array support, so a wrong count is an error we word ourselves.
        std::vector<Cadence> cadences(s.cadences.begin(), s.cadences.end());
        ar(make_nvp("cadences", cadences));
        if constexpr (Archive::is_loading::value) {
            if (cadences.size() != s.cadences.size())
                throw DecodeError("settings hold " + std::to_string(cadences.size()) + " cadences, expected " +
                                  std::to_string(s.cadences.size()) + " (one per circle)");
            std::copy(cadences.begin(), cadences.end(), s.cadences.begin());
        }
        ar(make_nvp("tag_cadences", s.tag_cadences), make_nvp("budget", s.budget));
    }
    if (version >= 3) ar(make_nvp("own_addresses", s.own_addresses));
}

// --- Record: {"type": "...", "data": {...}} -------------------------------------------------------

namespace {

template <class T> constexpr const char* kTypeName = nullptr;
template <> constexpr const char* kTypeName<Contact> = "contact";
template <> constexpr const char* kTypeName<Interaction> = "interaction";
template <> constexpr const char* kTypeName<Event> = "event";
template <> constexpr const char* kTypeName<Opportunity> = "opportunity";
template <> constexpr const char* kTypeName<Settings> = "settings";

template <class T, class Archive>
bool load_as(Archive& ar, const std::string& type, Record& record) {
    if (type != kTypeName<T>) return false;
    ar(make_nvp("data", record.emplace<T>()));  // read in place: a record is a few hundred bytes
    return true;
}

}  // namespace

// Templates on the record type so that a Contact does not convert to a Record and make these
// match as a second way of saving a Contact.
template <class Archive, class R, std::enable_if_t<std::is_same_v<R, Record>, int> = 0>
void save(Archive& ar, const R& record, std::uint32_t) {
    std::visit(
        [&ar](const auto& value) {
            std::string type = kTypeName<std::decay_t<decltype(value)>>;
            ar(make_nvp("type", type), make_nvp("data", value));
        },
        record);
}

template <class Archive, class R, std::enable_if_t<std::is_same_v<R, Record>, int> = 0>
void load(Archive& ar, R& record, std::uint32_t version) {
    check_version<Record, Archive>(version, "record");
    std::string type;
    ar(make_nvp("type", type));
    if (!(load_as<Contact>(ar, type, record) || load_as<Interaction>(ar, type, record) ||
          load_as<Event>(ar, type, record) || load_as<Opportunity>(ar, type, record) ||
          load_as<Settings>(ar, type, record)))
        throw DecodeError("unknown record type \"" + clip(type) + "\"");
}

}  // namespace ties

CEREAL_CLASS_VERSION(ties::RecordMeta, 1)
CEREAL_CLASS_VERSION(ties::Handle, 1)
CEREAL_CLASS_VERSION(ties::ContactPoint, 1)
CEREAL_CLASS_VERSION(ties::PostalAddress, 1)
CEREAL_CLASS_VERSION(ties::Contact, 3)
CEREAL_CLASS_VERSION(ties::Cadence, 1)
CEREAL_CLASS_VERSION(ties::TagCadence, 1)
CEREAL_CLASS_VERSION(ties::Budget, 2)
CEREAL_CLASS_VERSION(ties::FollowUp, 1)
CEREAL_CLASS_VERSION(ties::Interaction, 3)
CEREAL_CLASS_VERSION(ties::Event, 1)
CEREAL_CLASS_VERSION(ties::Opportunity, 2)
CEREAL_CLASS_VERSION(ties::Settings, 3)
CEREAL_CLASS_VERSION(ties::Record, 1)

namespace ties::io {
namespace {

// Reads a string_view as an istream without copying it.
class ViewBuf : public std::streambuf {
public:
    explicit ViewBuf(std::string_view bytes) {
        char* begin = const_cast<char*>(bytes.data());  // read-only: no put area is set
        setg(begin, begin, begin + bytes.size());
    }
};

// Checks the outline of the input before RapidJSON sees it: the root must be an object and
// brackets may nest at most kMaxJsonDepth deep (counted outside strings, honouring escapes).
std::optional<std::string> check_outline(std::string_view json) {
    const auto first = json.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return "empty data";
    if (json[first] != '{') return "not Ties data (expected a JSON object)";
    int depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (char ch : json) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (ch == '\\') escaped = true;
            else if (ch == '"') in_string = false;
            continue;
        }
        switch (ch) {
            case '"': in_string = true; break;
            case '{':
            case '[':
                if (++depth > kMaxJsonDepth)
                    return "invalid data: nested more than " + std::to_string(kMaxJsonDepth) + " levels deep";
                break;
            case '}':
            case ']':
                if (depth > 0) --depth;
                break;
            default: break;
        }
    }
    return std::nullopt;
}

// cereal hides RapidJSON's parse error behind an assertion about the document's type; when
// parsing fails, a second, non-recursive pass finds where the JSON breaks, for a useful message.
std::optional<std::string> syntax_error(std::string_view json) {
    rapidjson::Reader reader;
    rapidjson::BaseReaderHandler<> handler;
    rapidjson::MemoryStream stream(json.data(), json.size());
    const rapidjson::ParseResult result =
        reader.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseFullPrecisionFlag |
                     rapidjson::kParseNanAndInfFlag>(stream, handler);
    if (!result) {
        return "invalid data: not well-formed JSON at byte " + std::to_string(result.Offset()) + " (" +
               rapidjson::GetParseError_En(result.Code()) + ")";
    }
    return std::nullopt;
}

std::string record_label(std::size_t index, const Record& record) {
    return "record " + std::to_string(index + 1) + " (" +
           std::visit([](const auto& value) { return std::string(kTypeName<std::decay_t<decltype(value)>>); },
                      record) +
           ")";
}

// The model's invariants, which the JSON structure alone does not express, for the record at
// `index` of a payload.
std::optional<std::string> check_record(std::size_t index, const Record& record) {
    {
        const RecordMeta& meta = meta_of(record);
        auto fail = [&](const std::string& what) { return record_label(index, record) + ": " + what; };
        if (meta.id.empty()) return fail("empty id");
        if (std::holds_alternative<Settings>(record) && meta.id != kSettingsId)
            return fail("settings id is " + meta.id.to_string() + ", expected " + kSettingsId.to_string());
        if (const auto* contact = std::get_if<Contact>(&record)) {
            if (contact->cadence_days && *contact->cadence_days < 0)
                return fail("negative cadence_days " + std::to_string(*contact->cadence_days));
            if (contact->cadence_max_days && *contact->cadence_max_days < 0)
                return fail("negative cadence_max_days " + std::to_string(*contact->cadence_max_days));
        }
        if (const auto* settings = std::get_if<Settings>(&record)) {
            const auto bad = [](const Cadence& c) { return c.ideal_days < 0 || c.max_days < 0; };
            for (const Cadence& cadence : settings->cadences)
                if (bad(cadence)) return fail("negative cadence in settings");
            for (const TagCadence& tag : settings->tag_cadences)
                if (bad(tag.cadence)) return fail("negative cadence for tag \"" + clip(tag.tag) + "\"");
            const Budget& b = settings->budget;
            if (b.meetings_per_week < 0 || b.minutes_per_week < 0 || b.messages_per_day < 0 || b.asks_per_week < 0)
                return fail("negative budget");
        }
        if (const auto* interaction = std::get_if<Interaction>(&record)) {
            if (interaction->minute_of_day && (*interaction->minute_of_day < 0 || *interaction->minute_of_day > 1439))
                return fail("minute_of_day " + std::to_string(*interaction->minute_of_day) +
                            " is outside 0..1439");
            if (interaction->duration_minutes && *interaction->duration_minutes < 0)
                return fail("negative duration_minutes " + std::to_string(*interaction->duration_minutes));
        }
    }
    return std::nullopt;
}

std::optional<std::string> check_invariants(const Payload& payload) {
    for (std::size_t index = 0; index < payload.records.size(); ++index)
        if (auto why = check_record(index, payload.records[index])) return why;
    return std::nullopt;
}

}  // namespace

namespace {

// A payload's three fields, in the order both formats write them.
template <class Archive, class P>
void payload_fields(Archive& ar, P& payload) {
    ar(make_nvp("generation", payload.generation), make_nvp("sequence", payload.sequence),
       make_nvp("records", payload.records));
}

// The last step of decoding either format: the model's invariants, then the payload is the result.
void accept(Payload payload, Decoded& result) {
    if (auto why = check_invariants(payload)) result.error = problem("invalid data: " + *why);
    else result.payload = std::move(payload);
}

}  // namespace

std::string encode(const Payload& payload) {
    std::ostringstream out;
    {
        // No indentation: one field per line is readable enough and keeps large snapshots small.
        cereal::JSONOutputArchive ar(out, cereal::JSONOutputArchive::Options::NoIndent());
        payload_fields(ar, payload);
    }  // the archive closes the root object when it goes out of scope
    return std::move(out).str();
}

Decoded decode(std::string_view json) {
    Decoded result;
    if (auto why = check_outline(json)) {
        result.error = problem(std::move(*why));
        return result;
    }
    try {
        Payload payload;
        {
            ViewBuf buffer(json);
            std::istream in(&buffer);
            cereal::JSONInputArchive ar(in);
            payload_fields(ar, payload);
        }
        accept(std::move(payload), result);
    } catch (const DecodeError& error) {
        result.error = problem(error.what());
    } catch (const std::exception& error) {
        try {
            const auto syntax = syntax_error(json);
            result.error = problem(syntax ? *syntax : std::string("invalid data: ") + error.what());
        } catch (...) {
            result.error = problem(std::string("invalid data: ") + error.what());
        }
    } catch (...) {
        result.error = problem("invalid data");
    }
    return result;
}

std::string encode_binary(const Payload& payload) {
    BinaryPayloadWriter writer(payload.generation, payload.sequence, payload.records.size());
    for (const Record& record : payload.records) writer.add(record);
    return writer.finish();
}

struct BinaryPayloadWriter::Archive {
    explicit Archive(std::string& out) : ar(out) {}
    BinaryWriter ar;
};

// payload_fields' layout spelled out: generation, sequence, the record count, then the records.
BinaryPayloadWriter::BinaryPayloadWriter(std::uint64_t generation, std::uint64_t sequence, std::size_t count)
    : archive_(std::make_unique<Archive>(out_)), count_(count) {
    archive_->ar(generation, sequence);
    archive_->ar.put_size(count);
}

BinaryPayloadWriter::~BinaryPayloadWriter() = default;

void BinaryPayloadWriter::add(const Record& record) {
    if (added_ == count_) throw std::logic_error("BinaryPayloadWriter: more records than announced");
    archive_->ar(record);
    ++added_;
}

std::string BinaryPayloadWriter::finish() {
    if (added_ != count_) throw std::logic_error("BinaryPayloadWriter: fewer records than announced");
    archive_.reset();
    return std::move(out_);
}

// The reader's state: a binary payload is read record by record from `bytes`; a JSON one (format
// 1, from before binary stores) is decoded whole at the start and then handed out.
struct PayloadReader::State {
    State(std::uint32_t format_version, std::string_view payload) : bytes(payload), ar(payload) {
        binary = format_version >= kBinaryPayload;
    }
    std::string_view bytes;
    BinaryReader ar;
    bool binary = true;
    Payload json;             // format 1 only
    std::uint64_t count = 0;  // records announced
    std::uint64_t index = 0;  // records read
    std::uint64_t generation = 0;
    std::uint64_t sequence = 0;
    std::optional<Problem> error;
    Record record;
};

PayloadReader::PayloadReader(std::uint32_t format_version, std::string_view bytes)
    : state_(std::make_unique<State>(format_version, bytes)) {
    State& s = *state_;
    if (!s.binary) {
        Decoded decoded = decode(bytes);
        s.error = std::move(decoded.error);
        s.json = std::move(decoded.payload);
        s.generation = s.json.generation;
        s.sequence = s.json.sequence;
        s.count = s.json.records.size();
        return;
    }
    guarded([&] {
        s.ar(s.generation, s.sequence);
        s.count = s.ar.get_size(1);  // every record takes at least one byte
        if (s.count == 0) finish_binary();
    });
}

PayloadReader::~PayloadReader() = default;

bool PayloadReader::read(std::size_t count, const RecordSink& sink) {
    State& s = *state_;
    if (s.error) return false;
    if (!s.binary) {
        for (; count > 0 && s.index < s.count; --count) sink(std::move(s.json.records[static_cast<std::size_t>(s.index++)]));
        return !done();
    }
    guarded([&] {
        for (; count > 0 && s.index < s.count; --count) {
            s.ar(s.record);
            if (auto why = check_record(static_cast<std::size_t>(s.index), s.record))
                throw DecodeError("invalid data: " + *why);
            ++s.index;
            sink(std::move(s.record));
        }
        if (s.index == s.count) finish_binary();
    });
    return !s.error && !done();
}

void PayloadReader::finish_binary() {
    if (state_->ar.remaining() != 0)
        throw DecodeError("invalid data: " + std::to_string(state_->ar.remaining()) + " bytes after the last record");
}

// Every exception of the archive becomes the reader's error, for people.
template <class F>
void PayloadReader::guarded(F&& step) {
    try {
        step();
    } catch (const DecodeError& error) {
        state_->error = problem(error.what());
    } catch (const BinaryError& error) {
        state_->error = problem(error.what());
    } catch (const std::exception& error) {
        state_->error = problem(std::string("invalid data: ") + error.what());
    } catch (...) {
        state_->error = problem("invalid data");
    }
}

bool PayloadReader::done() const { return !state_->error && state_->index == state_->count; }
const std::optional<Problem>& PayloadReader::error() const { return state_->error; }
std::uint64_t PayloadReader::generation() const { return state_->generation; }
std::uint64_t PayloadReader::sequence() const { return state_->sequence; }
std::size_t PayloadReader::records_read() const { return static_cast<std::size_t>(state_->index); }

double PayloadReader::progress() const {
    const State& s = *state_;
    if (s.count == 0) return 1.0;
    if (!s.binary) return static_cast<double>(s.index) / static_cast<double>(s.count);
    return s.bytes.empty() ? 1.0 : 1.0 - static_cast<double>(s.ar.remaining()) / static_cast<double>(s.bytes.size());
}

Decoded decode_binary(std::string_view bytes) {
    Decoded result;
    std::vector<Record> records;
    const Streamed streamed = decode_payload_into(kBinaryPayload, bytes, [&](Record&& record) { records.push_back(std::move(record)); });
    if (!streamed.ok()) {
        result.error = streamed.error;
        return result;
    }
    result.payload = {streamed.generation, streamed.sequence, std::move(records)};
    return result;
}

Decoded decode_payload(std::uint32_t format_version, std::string_view payload) {
    return format_version >= kBinaryPayload ? decode_binary(payload) : decode(payload);
}

Streamed decode_payload_into(std::uint32_t format_version, std::string_view payload, const RecordSink& sink) {
    PayloadReader reader(format_version, payload);
    reader.read(std::numeric_limits<std::size_t>::max(), sink);
    Streamed result;
    result.error = reader.error();
    result.generation = reader.generation();
    result.sequence = reader.sequence();
    result.records = reader.records_read();
    return result;
}

}  // namespace ties::io
