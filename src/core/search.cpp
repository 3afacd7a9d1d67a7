// Search: text folded so that what people type matches what they stored ("zoe" finds "Zoë",
// "анна" finds "Анна"), a contact index that keeps every contact's folded text in one contiguous
// buffer with precomputed sort orders (a search is one scan plus one walk, no store access and no
// per-contact allocation), and the fuzzy picker used by people pickers and the command palette.
// Sections, in order (search for "// --- "): Folding text · ContactIndex · Picker.
#include "core/search.hpp"

#include "core/fuzzy.hpp"
#include "core/safe_text.hpp"
#include "core/text.hpp"
#include "core/utf8.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <functional>
#include <unordered_map>
#include <utility>

namespace ties {
namespace {

// U+00C0..U+00FF to base letters. Markers: 'A' = "ae", 'T' = "th", 'S' = "ss", '*' = unchanged
// (the multiplication and division signs).
constexpr char kLatin1[] = "aaaaaaAceeeeiiiidnooooo*ouuuuyTS"
                           "aaaaaaAceeeeiiiidnooooo*ouuuuyTy";
static_assert(sizeof(kLatin1) == 64 + 1);

// U+0100..U+017F (Latin Extended-A) to base letters. Markers: 'J' = "ij", 'O' = "oe".
constexpr char kLatinExtendedA[] =
    "aaaaaa"        // Ā ā Ă ă Ą ą
    "cccccccc"      // Ć ć Ĉ ĉ Ċ ċ Č č
    "dddd"          // Ď ď Đ đ
    "eeeeeeeeee"    // Ē ē Ĕ ĕ Ė ė Ę ę Ě ě
    "gggggggg"      // Ĝ ĝ Ğ ğ Ġ ġ Ģ ģ
    "hhhh"          // Ĥ ĥ Ħ ħ
    "iiiiiiiiii"    // Ĩ ĩ Ī ī Ĭ ĭ Į į İ ı
    "JJ"            // Ĳ ĳ
    "jj"            // Ĵ ĵ
    "kkk"           // Ķ ķ ĸ
    "llllllllll"    // Ĺ ĺ Ļ ļ Ľ ľ Ŀ ŀ Ł ł
    "nnnnnnnnn"     // Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ
    "oooooo"        // Ō ō Ŏ ŏ Ő ő
    "OO"            // Œ œ
    "rrrrrr"        // Ŕ ŕ Ŗ ŗ Ř ř
    "ssssssss"      // Ś ś Ŝ ŝ Ş ş Š š
    "tttttt"        // Ţ ţ Ť ť Ŧ ŧ
    "uuuuuuuuuuuu"  // Ũ ũ Ū ū Ŭ ŭ Ů ů Ű ű Ų ų
    "ww"            // Ŵ ŵ
    "yyy"           // Ŷ ŷ Ÿ
    "zzzzzz"        // Ź ź Ż ż Ž ž
    "s";            // ſ
static_assert(sizeof(kLatinExtendedA) == 128 + 1);

void append_marker(std::string& out, char letter) {
    switch (letter) {
        case 'A': out += "ae"; break;
        case 'T': out += "th"; break;
        case 'S': out += "ss"; break;
        case 'J': out += "ij"; break;
        case 'O': out += "oe"; break;
        default: out.push_back(letter); break;
    }
}

char32_t fold_greek(char32_t c) {
    switch (c) {
        case 0x0386: case 0x03AC: return 0x03B1;                                      // ά -> α
        case 0x0388: case 0x03AD: return 0x03B5;                                      // έ -> ε
        case 0x0389: case 0x03AE: return 0x03B7;                                      // ή -> η
        case 0x038A: case 0x03AF: case 0x0390: case 0x03AA: case 0x03CA: return 0x03B9;  // ί ΐ ϊ -> ι
        case 0x038C: case 0x03CC: return 0x03BF;                                      // ό -> ο
        case 0x038E: case 0x03CD: case 0x03B0: case 0x03AB: case 0x03CB: return 0x03C5;  // ύ ΰ ϋ -> υ
        case 0x038F: case 0x03CE: return 0x03C9;                                      // ώ -> ω
        case 0x03C2: return 0x03C3;                                                   // ς -> σ
        default: break;
    }
    if (c >= 0x0391 && c <= 0x03A9 && c != 0x03A2) return c + 0x20;  // Α..Ω
    return c;
}

char32_t fold_cyrillic(char32_t c) {
    if (c >= 0x0410 && c <= 0x042F) return c + 0x20;      // А..Я
    if (c >= 0x0400 && c <= 0x040F) c += 0x50;            // Ѐ..Џ
    if (c == 0x0450 || c == 0x0451) return 0x0435;        // ѐ ё -> е
    if (c <= 0x045F) return c;
    // Cyrillic Supplement-style pairs: uppercase on the even code point, lowercase on the odd one.
    if ((c >= 0x0460 && c <= 0x0481) || (c >= 0x048A && c <= 0x04BF) || (c >= 0x04D0 && c <= 0x052F))
        return (c % 2 == 0) ? c + 1 : c;
    if (c == 0x04C0) return 0x04CF;
    if (c >= 0x04C1 && c <= 0x04CE) return (c % 2 == 1) ? c + 1 : c;
    return c;
}

// Appends the folded form of one non-ASCII code point.
void append_folded(std::string& out, char32_t c) {
    if (c >= 0x0300 && c <= 0x036F) return;  // combining diacritics: decomposed input folds too
    if (is_hidden_format(c)) return;          // zero-width and direction marks: "Ada\u200B" is "Ada"
    if (is_unicode_space(c)) {                // no-break space, en space, ...
        out.push_back(' ');
        return;
    }
    if (c >= 0x00C0 && c <= 0x00FF) {
        const char letter = kLatin1[c - 0x00C0];
        if (letter != '*') {
            append_marker(out, letter);
            return;
        }
    } else if (c >= 0x0100 && c <= 0x017F) {
        append_marker(out, kLatinExtendedA[c - 0x0100]);
        return;
    } else if (c >= 0x0218 && c <= 0x021B) {  // Ș ș Ț ț (Romanian)
        out.push_back(c < 0x021A ? 's' : 't');
        return;
    } else if (c == 0x1E9E) {  // ẞ
        out += "ss";
        return;
    } else if (c >= 0x0370 && c <= 0x03FF) {
        c = fold_greek(c);
    } else if (c >= 0x0400 && c <= 0x052F) {
        c = fold_cyrillic(c);
    }
    append_utf8(out, c);
}

void append_folded(std::string& out, std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            std::size_t end = i;
            while (end < text.size() && static_cast<unsigned char>(text[end]) < 0x80) ++end;
            const std::size_t start = out.size();
            out.append(text, i, end - i);
            for (std::size_t k = start; k < out.size(); ++k) {
                if (out[k] >= 'A' && out[k] <= 'Z') out[k] = static_cast<char>(out[k] - 'A' + 'a');
            }
            i = end;
            continue;
        }
        // A run of non-ASCII bytes holds whole code points (ASCII bytes never occur inside a
        // multi-byte sequence), so decoding the run alone equals decoding the whole text.
        std::size_t end = i;
        while (end < text.size() && static_cast<unsigned char>(text[end]) >= 0x80) ++end;
        for (const char32_t c : decode_utf8(text.substr(i, end - i))) append_folded(out, c);
        i = end;
    }
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::vector<std::string_view> split_words(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_space(text[i])) ++i;
        const std::size_t start = i;
        while (i < text.size() && !is_space(text[i])) ++i;
        if (i > start) words.push_back(text.substr(start, i - start));
    }
    return words;
}

// Distinct folded values (companies, cities, tags) seen while building the index: a provisional
// id per value, later renumbered to the sorted position. The display spelling is the one of the
// contact with the smallest id, whatever order contacts are read in.
struct Vocabulary {
    std::unordered_map<std::string, std::uint32_t> ids;
    std::vector<std::string> keys;      // folded, by provisional id
    std::vector<std::string> displays;  // by provisional id
    std::vector<Id> display_from;       // the contact each display spelling came from

    std::uint32_t intern(const std::string& folded, std::string_view display, Id contact) {
        if (const auto it = ids.find(folded); it != ids.end()) {
            if (contact < display_from[it->second]) {
                displays[it->second] = std::string(trim(display));
                display_from[it->second] = contact;
            }
            return it->second;
        }
        const auto id = static_cast<std::uint32_t>(keys.size());
        ids.emplace(folded, id);
        keys.push_back(folded);
        displays.emplace_back(trim(display));
        display_from.push_back(contact);
        return id;
    }

    // Sorts the keys; returns provisional id -> sorted id.
    std::vector<std::uint32_t> sort(std::vector<std::string>& sorted_keys, std::vector<std::string>& sorted_displays) {
        std::vector<std::uint32_t> by_key(keys.size());
        for (std::uint32_t i = 0; i < by_key.size(); ++i) by_key[i] = i;
        std::sort(by_key.begin(), by_key.end(), [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });
        std::vector<std::uint32_t> remap(keys.size());
        sorted_keys.clear();
        sorted_displays.clear();
        for (std::uint32_t rank = 0; rank < by_key.size(); ++rank) {
            remap[by_key[rank]] = rank;
            sorted_keys.push_back(std::move(keys[by_key[rank]]));
            sorted_displays.push_back(std::move(displays[by_key[rank]]));
        }
        return remap;
    }
};

constexpr std::uint32_t kNone = ~std::uint32_t{0};

bool is_blank(std::string_view text) {
    for (const char c : text) {
        if (!is_space(c)) return false;
    }
    return true;
}

// The folded contact_label(), without building the label when the display name is set.
void append_folded_label(std::string& out, const Contact& contact) {
    if (!is_blank(contact.display_name)) {
        append_folded(out, trim(contact.display_name));
    } else {
        append_folded(out, contact_label(contact));
    }
}

void fold_into(std::string& out, std::string_view text) {
    out.clear();
    append_folded(out, trim(text));
}

// The first 8 bytes, big-endian and zero-padded: orders like the strings whenever two differ.
std::uint64_t prefix_key(std::string_view text) {
    std::uint64_t key = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        key = (key << 8) | (i < text.size() ? static_cast<unsigned char>(text[i]) : 0u);
    }
    return key;
}

struct SortItem {
    std::uint64_t key;
    std::uint32_t id_rank;  // ties by id
    std::uint32_t index;
};

std::uint32_t find_key(const std::vector<std::string>& sorted_keys, const std::string& key) {
    const auto it = std::lower_bound(sorted_keys.begin(), sorted_keys.end(), key);
    return (it != sorted_keys.end() && *it == key) ? static_cast<std::uint32_t>(it - sorted_keys.begin()) : kNone;
}

}  // namespace

// --- Folding text -----------------------------------------------------------------------------

std::string fold_for_search(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    append_folded(out, text);
    return out;
}

// --- ContactIndex ----------------------------------------------------------------------------------

std::uint64_t ContactIndex::sort_key(const Entry& entry, ContactSort sort) {
    switch (sort) {
        case ContactSort::Name: return entry.name_rank;
        case ContactSort::Company: return entry.company;
        case ContactSort::City: return entry.city;
        case ContactSort::RecentlyAdded: return static_cast<std::uint64_t>(entry.created);
        case ContactSort::RecentlyUpdated: return static_cast<std::uint64_t>(entry.updated);
        case ContactSort::LastContact: return static_cast<std::uint32_t>(entry.last_contact) ^ 0x80000000u;  // never: 0
        case ContactSort::Circle: return static_cast<std::uint64_t>(entry.tier);
    }
    return 0;
}

std::optional<Date> ContactIndex::last_contact(Id id) const {
    const auto found = by_id_.find(id);
    if (found == by_id_.end() || entries_[found->second].last_contact == kNever) return std::nullopt;
    return Date{entries_[found->second].last_contact};
}

void ContactIndex::update(const Store& store, Date today) {
    if (store.version() == version_ && today == today_) return;
    version_ = store.version();
    ++generation_;
    today_ = today;

    // Read contacts in memory order: at 100,000 contacts, cache misses are most of the cost
    // (id or hash order is about twice as slow). Ties in every order are broken by id rank.
    std::vector<const Contact*> live;
    live.reserve(store.contacts().size());
    for (const auto& [id, contact] : store.contacts()) {
        if (!contact.meta.deleted) live.push_back(&contact);
    }
    std::sort(live.begin(), live.end(), std::less<const Contact*>());

    entries_.clear();
    entries_.reserve(live.size());
    text_.clear();
    entry_tags_.clear();
    Vocabulary tags, cities, companies;
    std::string& names = labels_;                      // folded labels, back to back
    std::vector<std::uint32_t>& name_starts = label_starts_;  // by entry, plus the end
    names.clear();
    name_starts.clear();
    name_starts.reserve(live.size() + 1);
    std::string scratch;

    for (const Contact* contact : live) {
        const Contact& c = *contact;
        Entry entry;
        entry.id = c.meta.id;
        entry.tier = c.tier;
        entry.archived = c.archived;
        entry.created = c.meta.created;
        entry.updated = c.meta.updated;

        entry.text_begin = static_cast<std::uint32_t>(text_.size());
        const auto field = [this](std::string_view value) {
            if (is_blank(value)) return;
            append_folded(text_, value);
            text_.push_back('\n');
        };
        field(c.display_name);
        field(c.given_name);
        field(c.family_name);
        field(c.nickname);
        field(c.company);
        field(c.title);
        field(c.city);
        field(c.region);
        field(c.country);
        for (const ContactPoint& email : c.emails) field(email.value);
        for (const ContactPoint& phone : c.phones) field(phone.value);
        for (const Handle& handle : c.handles) field(handle.value);
        for (const std::string& tag : c.tags) field(tag);
        field(c.how_met);
        field(c.notes);
        if (text_.size() == entry.text_begin) text_.push_back('\n');  // never empty, so entries never overlap
        entry.text_end = static_cast<std::uint32_t>(text_.size());

        name_starts.push_back(static_cast<std::uint32_t>(names.size()));
        append_folded_label(names, c);
        fold_into(scratch, c.company);
        entry.company = companies.intern(scratch, c.company, c.meta.id);
        fold_into(scratch, c.city);
        entry.city = cities.intern(scratch, c.city, c.meta.id);
        entry.tags_begin = static_cast<std::uint32_t>(entry_tags_.size());
        for (const std::string& tag : c.tags) {
            fold_into(scratch, tag);
            if (scratch.empty()) continue;
            const std::uint32_t id = tags.intern(scratch, tag, c.meta.id);
            const auto begin = entry_tags_.begin() + entry.tags_begin;
            if (std::find(begin, entry_tags_.end(), id) == entry_tags_.end()) entry_tags_.push_back(id);
        }
        entry.tags_end = static_cast<std::uint32_t>(entry_tags_.size());
        entries_.push_back(entry);
    }
    name_starts.push_back(static_cast<std::uint32_t>(names.size()));

    // The last contact: one pass over the history (as NetworkStats counts a touch).
    by_id_.clear();
    by_id_.reserve(entries_.size());
    for (std::uint32_t i = 0; i < entries_.size(); ++i) by_id_.emplace(entries_[i].id, i);
    const auto touch = [&](const std::vector<Id>& people, Date day) {
        for (const Id& person : people)
            if (const auto found = by_id_.find(person); found != by_id_.end())
                entries_[found->second].last_contact = std::max(entries_[found->second].last_contact, day.days);
    };
    for (const auto& [id, interaction] : store.interactions())
        if (!interaction.meta.deleted && interaction.date <= today && counts_as_touch(interaction.kind))
            touch(interaction.participants, interaction.date);
    for (const auto& [id, event] : store.events())
        if (!event.meta.deleted && event.date <= today) touch(event.attendees, event.date);

    // Renumber values to their sorted position, so an id compares like its folded text.
    std::vector<std::string> company_displays, city_displays, tag_displays;
    const std::vector<std::uint32_t> company_remap = companies.sort(company_keys_, company_displays);
    const std::vector<std::uint32_t> city_remap = cities.sort(city_keys_, city_displays);
    const std::vector<std::uint32_t> tag_remap = tags.sort(tag_keys_, tag_displays);
    for (Entry& entry : entries_) {
        entry.company = company_remap[entry.company];
        entry.city = city_remap[entry.city];
    }
    for (std::uint32_t& tag : entry_tags_) tag = tag_remap[tag];
    const std::uint32_t empty_company = find_key(company_keys_, std::string());
    const std::uint32_t empty_city = find_key(city_keys_, std::string());

    const auto count = static_cast<std::uint32_t>(entries_.size());
    std::vector<std::uint32_t> id_rank(count);
    {
        std::vector<std::pair<Id, std::uint32_t>> by_id(count);
        for (std::uint32_t i = 0; i < count; ++i) by_id[i] = {entries_[i].id, i};
        std::sort(by_id.begin(), by_id.end());
        for (std::uint32_t r = 0; r < count; ++r) id_rank[by_id[r].second] = r;
    }

    // Name ranks: equal folded labels share a rank. Sorted on an 8-byte prefix first, so most
    // comparisons never touch the strings.
    const auto name_of = [&](std::uint32_t i) {
        return std::string_view(names).substr(name_starts[i], name_starts[i + 1] - name_starts[i]);
    };
    std::vector<SortItem> items(count);
    for (std::uint32_t i = 0; i < count; ++i) items[i] = SortItem{prefix_key(name_of(i)), id_rank[i], i};
    std::sort(items.begin(), items.end(), [&](const SortItem& a, const SortItem& b) {
        if (a.key != b.key) return a.key < b.key;
        const std::string_view na = name_of(a.index), nb = name_of(b.index);
        return na != nb ? na < nb : a.id_rank < b.id_rank;
    });
    std::uint32_t rank = 0;
    for (std::uint32_t k = 0; k < count; ++k) {
        if (k > 0 && name_of(items[k].index) != name_of(items[k - 1].index)) ++rank;
        entries_[items[k].index].name_rank = rank;
    }

    // Orders: ascending key, then id. Contacts without a company, city or circle go last in either
    // direction; "recently" sorts put the newest first; never contacted sorts as longest ago.
    constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;  // signed times as unsigned order
    for (std::size_t s = 0; s < kSortCount; ++s) {
        const auto sort = static_cast<ContactSort>(s);
        const std::uint32_t empty = sort == ContactSort::Company ? empty_company
                                    : sort == ContactSort::City  ? empty_city
                                    : sort == ContactSort::Circle ? static_cast<std::uint32_t>(Tier::None)
                                                                 : kNone;
        if (sort != ContactSort::Name) {
            for (std::uint32_t i = 0; i < count; ++i) {
                const Entry& e = entries_[i];
                std::uint64_t key = 0;
                switch (sort) {
                    case ContactSort::Name: break;
                    case ContactSort::Company: key = e.company == empty ? std::uint64_t{1} << 32 : e.company; break;
                    case ContactSort::City: key = e.city == empty ? std::uint64_t{1} << 32 : e.city; break;
                    case ContactSort::RecentlyAdded: key = ~(static_cast<std::uint64_t>(e.created) ^ kSignBit); break;
                    case ContactSort::RecentlyUpdated: key = ~(static_cast<std::uint64_t>(e.updated) ^ kSignBit); break;
                    case ContactSort::LastContact: key = sort_key(e, sort); break;
                    case ContactSort::Circle: key = e.tier == Tier::None ? std::uint64_t{1} << 32 : sort_key(e, sort); break;
                }
                items[i] = SortItem{key, id_rank[i], i};
            }
            std::sort(items.begin(), items.end(), [](const SortItem& a, const SortItem& b) {
                return a.key != b.key ? a.key < b.key : a.id_rank < b.id_rank;
            });
        }
        std::vector<std::uint32_t>& order = orders_[s];
        order.resize(count);
        for (std::uint32_t k = 0; k < count; ++k) order[k] = items[k].index;
        std::uint32_t head = count;
        while (empty != kNone && head > 0 && sort_key(entries_[order[head - 1]], sort) == empty) --head;
        heads_[s] = head;
    }

    // Facets: live, non-archived contacts; a contact counts once per value.
    const auto facets = [](const std::vector<std::string>& keys, const std::vector<std::string>& displays,
                           const std::vector<std::size_t>& counts, std::vector<Facet>& out) {
        out.clear();
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (!keys[i].empty() && counts[i] > 0) out.push_back(Facet{displays[i], counts[i]});
        }
    };
    std::vector<std::size_t> tag_counts(tag_keys_.size()), city_counts(city_keys_.size()),
        company_counts(company_keys_.size());
    for (const Entry& entry : entries_) {
        if (entry.archived) continue;
        ++city_counts[entry.city];
        ++company_counts[entry.company];
        for (std::uint32_t t = entry.tags_begin; t < entry.tags_end; ++t) ++tag_counts[entry_tags_[t]];
    }
    facets(tag_keys_, tag_displays, tag_counts, tags_);
    facets(city_keys_, city_displays, city_counts, cities_);
    facets(company_keys_, company_displays, company_counts, companies_);
}

std::vector<Id> ContactIndex::search(const ContactQuery& query) const {
    ContactSearch search;
    search.start(*this, query);
    search.step();
    return search.take_result();
}

// --- ContactSearch -------------------------------------------------------------------------------

namespace {

// The first position of `needle` in `text` at or after `from`, or npos. Eight positions at a time:
// a byte equal to the needle's first byte followed by one equal to its second makes a candidate,
// checked in full. Typed prefixes start with common letters, where a search for the first byte
// alone stops every few bytes; pairs of bytes are rarer.
std::size_t find_text(std::string_view text, std::string_view needle, std::size_t from) {
    const std::size_t n = needle.size();
    if (n < 2 || std::endian::native != std::endian::little) return text.find(needle, from);
    if (text.size() < n || from > text.size() - n) return std::string_view::npos;
    constexpr std::uint64_t kOnes = 0x0101010101010101u, kHigh = 0x8080808080808080u;
    const std::uint64_t first = kOnes * static_cast<unsigned char>(needle[0]);
    const std::uint64_t second = kOnes * static_cast<unsigned char>(needle[1]);
    const char* data = text.data();
    const std::size_t last = text.size() - n;  // the last position a match can start at
    std::size_t i = from;
    for (; i + 7 <= last; i += 8) {
        std::uint64_t x, y;
        std::memcpy(&x, data + i, 8);
        std::memcpy(&y, data + i + 1, 8);
        const std::uint64_t a = x ^ first, b = y ^ second;
        // A high bit set for each zero byte (and maybe above one): no candidate is missed.
        std::uint64_t candidates = ((a - kOnes) & ~a & kHigh) & ((b - kOnes) & ~b & kHigh);
        while (candidates != 0) {
            const std::size_t at = i + static_cast<std::size_t>(std::countr_zero(candidates)) / 8;
            if (std::memcmp(data + at, needle.data(), n) == 0) return at;
            candidates &= candidates - 1;
        }
    }
    for (; i <= last; ++i)
        if (data[i] == needle[0] && std::memcmp(data + i, needle.data(), n) == 0) return i;
    return std::string_view::npos;
}

// Work units for step()'s budget: a byte of text looked at is one; an entry visited without
// reading its text counts as a few.
constexpr std::size_t kEntryCost = 8;

bool same_filters(const ContactQuery& a, const ContactQuery& b) {
    return a.tag == b.tag && a.tier == b.tier && a.city == b.city && a.company == b.company &&
           a.include_archived == b.include_archived;
}

bool same_query(const ContactQuery& a, const ContactQuery& b) {
    return a.text == b.text && same_filters(a, b) && a.sort == b.sort && a.descending == b.descending;
}

bool contains(const std::vector<std::string>& words, std::string_view word) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

// True when every word of `before` lies inside some word of `after`: whatever matches `after`
// then matches `before`.
bool narrows(const std::vector<std::string>& before, const std::vector<std::string>& after) {
    return std::all_of(before.begin(), before.end(), [&](const std::string& old_word) {
        return std::any_of(after.begin(), after.end(),
                           [&](const std::string& word) { return word.find(old_word) != std::string::npos; });
    });
}

}  // namespace

void ContactSearch::start(const ContactIndex& index, const ContactQuery& query) {
    if (started_ && index_ == &index && generation_ == index.generation_ && same_query(query, query_)) return;
    started_ = true;
    index_ = &index;
    generation_ = index.generation_;
    query_ = query;
    words_.clear();
    const std::string folded = fold_for_search(query.text);
    for (const std::string_view word : split_words(folded)) words_.emplace_back(word);
    // The longest word is scanned for across the whole buffer (likely the rarest); the others are
    // checked only in the entries it hits.
    std::stable_sort(words_.begin(), words_.end(),
                     [](const std::string& a, const std::string& b) { return a.size() > b.size(); });

    const std::size_t count = index.entries_.size();
    matched_.assign((count + 63) / 64, 0);
    building_.clear();
    entry_ = pos_ = cursor_ = 0;
    tail_ = false;
    phase_ = Phase::Match;

    // Filters resolve to value ids once; a value nobody has matches nobody.
    tag_ = city_ = company_ = kNone;
    const auto resolve = [](const std::optional<std::string>& value, const std::vector<std::string>& keys,
                            std::uint32_t& id) {
        if (!value) return true;
        id = find_key(keys, fold_for_search(trim(*value)));
        return id != kNone;
    };
    if (!resolve(query.tag, index.tag_keys_, tag_) || !resolve(query.city, index.city_keys_, city_) ||
        !resolve(query.company, index.company_keys_, company_)) {
        narrowing_ = false;
        finish();  // nothing matches
        return;
    }

    narrowing_ = has_result_ && result_index_ == &index && result_generation_ == index.generation_ &&
                 same_filters(query, result_query_) && narrows(result_words_, words_);
    check_.clear();
    if (narrowing_) {
        for (const std::string& word : words_)
            if (!contains(result_words_, word)) check_.push_back(word);
    }
}

bool ContactSearch::step(std::size_t budget) {
    budget = std::max<std::size_t>(budget, 1);
    if (phase_ == Phase::Match && !match(budget)) return false;
    if (phase_ == Phase::Emit && !emit(budget)) return false;
    return true;
}

bool ContactSearch::match(std::size_t& budget) {
    const ContactIndex& index = *index_;
    const auto& entries = index.entries_;
    const std::size_t count = entries.size();
    const std::string_view all(index.text_);
    const auto haystack = [&](const ContactIndex::Entry& e) {
        return all.substr(e.text_begin, e.text_end - e.text_begin);
    };
    const auto has_words = [&](const ContactIndex::Entry& e, const std::vector<std::string>& words, std::size_t from) {
        const std::string_view text = haystack(e);
        for (std::size_t w = from; w < words.size(); ++w)
            if (find_text(text, words[w], 0) == std::string_view::npos) return false;
        return true;
    };
    const auto mark = [&](std::size_t i) { matched_[i / 64] |= std::uint64_t{1} << (i % 64); };
    const auto spend = [&](std::size_t work) { budget = budget > work ? budget - work : 0; };

    if (narrowing_) {
        // Only the last result's entries, in entry order, and only the words not checked before.
        std::size_t word = entry_ / 64;
        std::uint64_t bits = word < previous_.size() ? previous_[word] & (~std::uint64_t{0} << (entry_ % 64)) : 0;
        while (word < previous_.size()) {
            if (bits == 0) {
                if (++word < previous_.size()) bits = previous_[word];
                continue;
            }
            if (budget == 0) {
                entry_ = word * 64 + static_cast<std::size_t>(std::countr_zero(bits));
                return false;
            }
            const std::size_t i = word * 64 + static_cast<std::size_t>(std::countr_zero(bits));
            bits &= bits - 1;
            const ContactIndex::Entry& e = entries[i];
            if (has_words(e, check_, 0)) mark(i);
            spend(check_.empty() ? 1 : e.text_end - e.text_begin);
        }
        phase_ = Phase::Emit;
        return true;
    }

    const auto passes_filters = [&](const ContactIndex::Entry& e) {
        if (e.archived && !query_.include_archived) return false;
        if (query_.tier && e.tier != *query_.tier) return false;
        if (city_ != kNone && e.city != city_) return false;
        if (company_ != kNone && e.company != company_) return false;
        if (tag_ != kNone &&
            std::find(index.entry_tags_.begin() + e.tags_begin, index.entry_tags_.begin() + e.tags_end, tag_) ==
                index.entry_tags_.begin() + e.tags_end)
            return false;
        return true;
    };

    if (words_.empty()) {
        for (; entry_ < count; ++entry_) {
            if (budget == 0) return false;
            if (passes_filters(entries[entry_])) mark(entry_);
            spend(kEntryCost);
        }
        phase_ = Phase::Emit;
        return true;
    }

    // The first word across the whole buffer, a window of about `budget` bytes at a time; a match
    // that starts in one window and ends in the next is found in the next (pos_ stays before it).
    const std::string_view scan = words_.front();
    while (entry_ < count) {
        if (budget == 0) return false;
        const std::size_t span = std::min(all.size() - pos_, budget);
        const std::size_t window_end = std::min(all.size(), pos_ + span + scan.size() - 1);
        const std::size_t found = find_text(all.substr(0, window_end), scan, pos_);
        if (found == std::string_view::npos) {
            spend(window_end - pos_);
            if (window_end == all.size()) break;
            pos_ = window_end - (scan.size() - 1);
            continue;
        }
        spend(found - pos_ + scan.size());
        while (entry_ < count && entries[entry_].text_end < found + scan.size()) ++entry_;
        if (entry_ == count) break;
        const ContactIndex::Entry& e = entries[entry_];
        if (found < e.text_begin) {  // spans two entries: impossible for a word without '\n'
            pos_ = found + 1;
            continue;
        }
        if (passes_filters(e) && has_words(e, words_, 1)) mark(entry_);
        spend(kEntryCost);
        pos_ = e.text_end;
        ++entry_;
    }
    entry_ = count;
    phase_ = Phase::Emit;
    return true;
}

bool ContactSearch::emit(std::size_t& budget) {
    const ContactIndex& index = *index_;
    const auto s = static_cast<std::size_t>(query_.sort);
    const std::vector<std::uint32_t>& order = index.orders_[s];
    const std::size_t head = index.heads_[s];
    const auto spend = [&](std::size_t work) { budget = budget > work ? budget - work : 0; };
    const auto emit_range = [&](std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to; ++k) {
            const std::uint32_t i = order[k];
            if ((matched_[i / 64] >> (i % 64)) & 1u) building_.push_back(index.entries_[i].id);
        }
        spend((to - from) * kEntryCost / 4 + 1);
    };
    constexpr std::size_t kSlice = 4096;  // entries per check of the budget

    if (!tail_) {
        if (!query_.descending) {
            while (cursor_ < head) {
                if (budget == 0) return false;
                const std::size_t to = std::min(head, cursor_ + kSlice);
                emit_range(cursor_, to);
                cursor_ = to;
            }
        } else {
            // Groups of equal keys in reverse order, each still in id order. cursor_ counts the
            // entries already walked from the end of the head.
            while (cursor_ < head) {
                if (budget == 0) return false;
                const std::size_t end = head - cursor_;
                const std::uint64_t key = ContactIndex::sort_key(index.entries_[order[end - 1]], query_.sort);
                std::size_t start = end - 1;
                while (start > 0 && ContactIndex::sort_key(index.entries_[order[start - 1]], query_.sort) == key) --start;
                emit_range(start, end);
                cursor_ = head - start;
            }
        }
        tail_ = true;
        cursor_ = head;
    }
    while (cursor_ < order.size()) {
        if (budget == 0) return false;
        const std::size_t to = std::min(order.size(), cursor_ + kSlice);
        emit_range(cursor_, to);
        cursor_ = to;
    }
    finish();
    return true;
}

std::vector<Id> ContactSearch::take_result() {
    has_result_ = false;
    return std::move(result_);
}

void ContactSearch::finish() {
    phase_ = Phase::Done;
    result_.swap(building_);
    building_.clear();
    result_query_ = query_;
    result_words_ = words_;
    result_index_ = index_;
    result_generation_ = generation_;
    previous_.swap(matched_);
    has_result_ = true;
}

// --- Picker --------------------------------------------------------------------------------------

namespace {

// The bytes of `query` in order in `text`: necessary for a code-point subsequence match, and
// cheap enough to skip most candidates before fuzzy_score decodes them.
bool is_subsequence(std::string_view query, std::string_view text) {
    std::size_t q = 0;
    for (std::size_t i = 0; i < text.size() && q < query.size(); ++i) {
        if (text[i] == query[q]) ++q;
    }
    return q == query.size();
}

struct Candidate {
    int tier = 0;   // 2: label matches; 1: company or email contains the query; 0: empty query
    int score = 0;
    Millis updated = 0;
    std::string label;  // folded
    Id id;
};

// True when `a` ranks before `b` (label passed separately, so a candidate that cannot make the
// list is rejected before its label is copied).
bool ranks_before(int tier, int score, Millis updated, std::string_view label, Id id, const Candidate& b) {
    if (tier != b.tier) return tier > b.tier;
    if (score != b.score) return score > b.score;
    if (updated != b.updated) return updated > b.updated;
    if (label != b.label) return label < b.label;
    return id < b.id;
}

bool candidate_before(const Candidate& a, const Candidate& b) {
    return ranks_before(a.tier, a.score, a.updated, a.label, a.id, b);
}

bool contains_folded_text(std::string& scratch, std::string_view text, std::string_view query) {
    scratch.clear();
    append_folded(scratch, text);
    return scratch.find(query) != std::string::npos;
}

}  // namespace

std::vector<Id> pick_contacts(const Store& store, std::string_view query, std::size_t limit) {
    if (limit == 0) return {};
    const std::string q = fold_for_search(trim(query));
    std::vector<const Contact*> live;
    live.reserve(store.contacts().size());
    for (const auto& [id, contact] : store.contacts()) {
        if (!contact.meta.deleted && !contact.archived) live.push_back(&contact);
    }
    std::sort(live.begin(), live.end(), std::less<const Contact*>());  // memory order: fewer cache misses

    // A heap whose front is the worst of the best `limit` so far.
    std::vector<Candidate> best;
    best.reserve(std::min(limit, live.size()) + 1);
    std::string label, scratch;
    for (const Contact* contact : live) {
        const Contact& c = *contact;
        label.clear();
        append_folded_label(label, c);
        int tier = 0, score = 0;
        Millis updated = 0;
        if (q.empty()) {
            updated = c.meta.updated;  // most recently updated first
        } else if (std::optional<int> fuzzy; is_subsequence(q, label) && (fuzzy = fuzzy_score(q, label))) {
            tier = 2;
            score = *fuzzy;
        } else {
            bool found = contains_folded_text(scratch, c.company, q);
            for (std::size_t e = 0; !found && e < c.emails.size(); ++e) found = contains_folded_text(scratch, c.emails[e].value, q);
            if (!found) continue;
            tier = 1;
        }
        if (best.size() == limit) {
            if (!ranks_before(tier, score, updated, label, c.meta.id, best.front())) continue;
            std::pop_heap(best.begin(), best.end(), candidate_before);
            best.pop_back();
        }
        best.push_back(Candidate{tier, score, updated, label, c.meta.id});
        std::push_heap(best.begin(), best.end(), candidate_before);
    }
    std::sort_heap(best.begin(), best.end(), candidate_before);
    std::vector<Id> result;
    result.reserve(best.size());
    for (const Candidate& candidate : best) result.push_back(candidate.id);
    return result;
}

std::vector<Id> ContactIndex::pick(std::string_view query, std::size_t limit) const {
    if (limit == 0) return {};
    const std::string q = fold_for_search(trim(query));
    std::vector<Candidate> best;
    best.reserve(std::min(limit, entries_.size()) + 1);
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        const Entry& e = entries_[i];
        if (e.archived) continue;
        const std::string_view label(labels_.data() + label_starts_[i], label_starts_[i + 1] - label_starts_[i]);
        int tier = 0, score = 0;
        Millis updated = 0;
        if (q.empty()) {
            updated = e.updated;
        } else if (std::optional<int> fuzzy; is_subsequence(q, label) && (fuzzy = fuzzy_score(q, label))) {
            tier = 2;
            score = *fuzzy;
        } else {
            const std::string_view text(text_.data() + e.text_begin, e.text_end - e.text_begin);
            if (text.find(q) == std::string_view::npos) continue;
            tier = 1;
        }
        if (best.size() == limit) {
            if (!ranks_before(tier, score, updated, label, e.id, best.front())) continue;
            std::pop_heap(best.begin(), best.end(), candidate_before);
            best.pop_back();
        }
        best.push_back(Candidate{tier, score, updated, std::string(label), e.id});
        std::push_heap(best.begin(), best.end(), candidate_before);
    }
    std::sort_heap(best.begin(), best.end(), candidate_before);
    std::vector<Id> result;
    result.reserve(best.size());
    for (const Candidate& candidate : best) result.push_back(candidate.id);
    return result;
}

}  // namespace ties
