// What all importers share: see import.hpp. to_utf8 is one linear pass: a BOM picks UTF-16, else
// each valid UTF-8 sequence is copied and each byte that is not one is read as Windows-1252.
#include "io/import.hpp"

#include "core/contact_keys.hpp"
#include "core/safe_text.hpp"
#include "core/text.hpp"
#include "core/utf8.hpp"

#include <algorithm>
#include <array>

namespace ties::io {
namespace {

// Windows-1252 bytes 0x80..0x9F; the five holes keep their C1 code points, as browsers do.
constexpr std::array<char32_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

// The length of the valid UTF-8 sequence at `i`, or 0 if the byte there does not start one.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t length = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (b0 < 0x80) return 1;
    if ((b0 & 0xE0) == 0xC0) { length = 2; cp = b0 & 0x1Fu; min = 0x80; }
    else if ((b0 & 0xF0) == 0xE0) { length = 3; cp = b0 & 0x0Fu; min = 0x800; }
    else if ((b0 & 0xF8) == 0xF0) { length = 4; cp = b0 & 0x07u; min = 0x10000; }
    else return 0;
    if (i + length > s.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return length;
}

std::string from_utf16(std::string_view bytes, bool little_endian, std::string* note) {
    std::string out;
    out.reserve(bytes.size());
    const auto unit_at = [&](std::size_t i) -> char32_t {
        const auto a = static_cast<unsigned char>(bytes[i]);
        const auto b = static_cast<unsigned char>(bytes[i + 1]);
        return little_endian ? static_cast<char32_t>(a | (b << 8)) : static_cast<char32_t>((a << 8) | b);
    };
    std::size_t bad = 0;
    std::size_t i = 2;  // after the BOM
    for (; i + 1 < bytes.size(); i += 2) {
        char32_t unit = unit_at(i);
        if (unit == 0) continue;
        if (unit >= 0xD800 && unit <= 0xDBFF && i + 3 < bytes.size()) {
            const char32_t low = unit_at(i + 2);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                append_utf8(out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
                i += 2;
                continue;
            }
        }
        if (unit >= 0xD800 && unit <= 0xDFFF) {
            unit = U'\uFFFD';
            ++bad;
        }
        append_utf8(out, unit);
    }
    if (i < bytes.size()) {  // an odd byte at the end
        append_utf8(out, U'\uFFFD');
        ++bad;
    }
    if (bad > 0 && note != nullptr)
        *note = "the UTF-16 text holds " + std::to_string(bad) + " broken characters, shown as \xEF\xBF\xBD";
    return out;
}

}  // namespace

std::string from_cp1252(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 2);
    for (char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        if (b == 0) continue;
        if (b < 0x80) out.push_back(c);
        else append_utf8(out, b < 0xA0 ? kCp1252High[b - 0x80u] : static_cast<char32_t>(b));
    }
    return out;
}

std::string to_utf8(std::string_view bytes, std::string* note) {
    if (note != nullptr) note->clear();
    if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xFE)
        return from_utf16(bytes, true, note);
    if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE && static_cast<unsigned char>(bytes[1]) == 0xFF)
        return from_utf16(bytes, false, note);
    const std::size_t bom = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    bytes.remove_prefix(bom);

    std::string out;
    out.reserve(bytes.size());
    std::size_t not_utf8 = 0;
    std::size_t first_bad = 0;
    std::size_t i = 0;
    while (i < bytes.size()) {
        const std::size_t length = utf8_sequence_length(bytes, i);
        if (length == 1) {
            if (bytes[i] != '\0') out.push_back(bytes[i]);
        } else if (length > 1) {
            out.append(bytes.substr(i, length));
        } else {
            if (not_utf8++ == 0) first_bad = i;
            const auto b = static_cast<unsigned char>(bytes[i]);
            append_utf8(out, b < 0xA0 ? kCp1252High[b - 0x80u] : static_cast<char32_t>(b));
        }
        i += length > 0 ? length : 1;
    }
    if (not_utf8 > 0 && note != nullptr) {
        *note = "the text is not all UTF-8: " + std::to_string(not_utf8) +
                (not_utf8 == 1 ? " byte was" : " bytes were") + " read as Windows-1252 (the first at byte " +
                std::to_string(bom + first_bad + 1) + ")";
    }
    return out;
}

std::string canonical_label(std::string_view text) {
    std::string_view t = trim(text);
    while (!t.empty() && t.front() == '*') t = trim(t.substr(1));  // Google's "* Work": the preferred one
    if (t.size() >= 8 && t.substr(0, 4) == "_$!<" && t.substr(t.size() - 4) == ">!$_") t = t.substr(4, t.size() - 8);
    std::string key;  // lower-case letters only: "Home Fax", "HomeFAX" and "home-fax" alike
    for (char c : t) {
        if (c >= 'A' && c <= 'Z') key.push_back(static_cast<char>(c - 'A' + 'a'));
        else if (c >= 'a' && c <= 'z') key.push_back(c);
        else if (c != ' ' && c != '-' && c != '_') return std::string(t);  // not one of ours
    }
    struct Known {
        std::string_view key;
        std::string_view label;
    };
    static constexpr Known kKnown[] = {
        {"work", "work"},       {"business", "work"},     {"home", "home"},          {"personal", "home"},
        {"private", "home"},    {"mobile", "mobile"},     {"cell", "mobile"},        {"cellular", "mobile"},
        {"mobilephone", "mobile"}, {"cellphone", "mobile"}, {"iphone", "mobile"},     {"fax", "fax"},
        {"workfax", "work fax"}, {"businessfax", "work fax"}, {"homefax", "home fax"}, {"otherfax", "fax"},
        {"pager", "pager"},     {"main", "main"},         {"primary", "main"},       {"other", "other"},
    };
    for (const Known& known : kKnown)
        if (key == known.key) return std::string(known.label);
    return std::string(t);
}

void add_point(std::vector<ContactPoint>& points, ContactPoint point, bool phone, std::size_t max_items) {
    point.value = std::string(trim(point.value));
    if (point.value.empty()) return;
    const std::string key = phone ? phone_key(point.value) : normalise_email(point.value);
    for (ContactPoint& existing : points) {
        const bool same = existing.value == point.value ||
                          (!key.empty() && key == (phone ? phone_key(existing.value) : normalise_email(existing.value)));
        if (!same) continue;
        if (existing.label.empty()) existing.label = std::move(point.label);
        return;
    }
    if (points.size() < max_items) points.push_back(std::move(point));
}

void LeftOut::field(std::string_view name) {
    for (const std::string& known : fields)
        if (known == name) return;
    if (fields.size() < 1000) fields.emplace_back(name);
}

void LeftOut::append_to(std::vector<Problem>& messages, const std::string& file) const {
    if (photos > 0) {
        messages.push_back({file, 0, "Photos are not imported (" + std::to_string(photos) +
                                         (photos == 1 ? " card had one)." : " cards had one).")});
    }
    if (!fields.empty()) {
        std::string text = std::to_string(fields.size()) + (fields.size() == 1 ? " field" : " fields") +
                           " Ties does not keep: ";
        constexpr std::size_t kNamed = 12;
        for (std::size_t i = 0; i < fields.size() && i < kNamed; ++i) text += (i > 0 ? ", " : "") + fields[i];
        if (fields.size() > kNamed) text += " and " + std::to_string(fields.size() - kNamed) + " more";
        messages.push_back({file, 0, text + "."});
    }
}

namespace {

// Nothing left once cleaned (a name of zero-width characters only, say), and nobody's touch.
bool emptied(const Contact& contact, const std::vector<Interaction>& interactions) {
    Contact bare = contact;
    bare.meta = {};
    bare.origin = Contact{}.origin;
    if (!(bare == Contact{})) return false;
    return std::none_of(interactions.begin(), interactions.end(), [&](const Interaction& interaction) {
        return std::find(interaction.participants.begin(), interaction.participants.end(), contact.meta.id) !=
               interaction.participants.end();
    });
}

}  // namespace

void clean_imported(Imported& imported, const std::string& file) {
    std::size_t contacts = 0;
    std::size_t dropped = 0;
    std::string example;
    std::vector<Contact> kept;
    kept.reserve(imported.contacts.size());
    for (Contact& contact : imported.contacts) {
        const bool changed = clean_text_of(contact) > 0;
        if (emptied(contact, imported.interactions)) {  // also when only spaces were made plain and trimmed
            ++contacts;
            ++dropped;
            continue;
        }
        if (changed) {
            ++contacts;
            if (example.empty()) example = contact_label(contact);
        }
        kept.push_back(std::move(contact));
    }
    imported.contacts = std::move(kept);
    std::size_t interactions = 0;
    for (Interaction& interaction : imported.interactions) interactions += clean_text_of(interaction) > 0 ? 1 : 0;
    if (contacts == 0 && interactions == 0) return;
    std::string text = "Characters that draw nothing or reverse text (control, zero-width or right-to-left override) "
                       "were removed from ";
    if (contacts > 0) text += counted(contacts, "contact", "contacts");
    if (!example.empty()) text += ", for example \u201c" + example + "\u201d";
    if (dropped > 0) text += " (" + counted(dropped, "entry", "entries") + " had nothing else and " +
                             (dropped == 1 ? "was" : "were") + " left out)";
    if (contacts > 0 && interactions > 0) text += ", and from ";
    if (interactions > 0) text += counted(interactions, "interaction", "interactions");
    imported.warnings.push_back({file, 0, text + "."});
}

}  // namespace ties::io
