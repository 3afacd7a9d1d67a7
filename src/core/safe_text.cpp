// Text that cannot disguise itself: see safe_text.hpp.
#include "core/safe_text.hpp"

#include "core/text.hpp"
#include "core/utf8.hpp"

#include <algorithm>

namespace ties {
namespace {

// Drawn as nothing, or as a change of direction: removed wherever they are.
bool is_removed(char32_t c) {
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return true;  // controls (callers keep \n and \t first)
    switch (c) {
        case 0x00AD:  // soft hyphen
        case 0x034F:  // combining grapheme joiner
        case 0x061C:  // Arabic letter mark
        case 0x115F: case 0x1160: case 0x3164: case 0xFFA0:  // Hangul fillers
        case 0x17B4: case 0x17B5:  // Khmer inherent vowels
        case 0x180E:  // Mongolian vowel separator
        case 0x200B:  // zero-width space
        case 0x200E: case 0x200F:  // left-to-right and right-to-left marks
        case 0xFEFF:  // byte-order mark, zero-width no-break space
            return true;
        default: break;
    }
    return (c >= 0x202A && c <= 0x202E) ||    // embeddings and overrides
           (c >= 0x2060 && c <= 0x206F) ||    // word joiner, invisible operators, isolates, deprecated formats
           (c >= 0xFFF9 && c <= 0xFFFB) ||    // interlinear annotations
           (c >= 0x1BCA0 && c <= 0x1BCA3) ||  // shorthand format controls
           (c >= 0x1D173 && c <= 0x1D17A);    // musical formatting
}

bool is_joiner(char32_t c) { return c == 0x200C || c == 0x200D; }
bool is_tag(char32_t c) { return c >= 0xE0000 && c <= 0xE007F; }
bool is_variation_selector(char32_t c) { return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF); }
// A neighbour a joiner belongs between: a letter or symbol of a script beyond ASCII.
bool joins(char32_t c) { return c >= 0x80 && !is_unicode_space(c) && !is_removed(c) && !is_joiner(c) && !is_tag(c); }

bool plain_ascii(std::string_view text, bool block) {
    return std::all_of(text.begin(), text.end(), [block](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return (c >= 0x20 && c < 0x7F) || (block && (c == '\n' || c == '\t'));
    });
}

struct Cleaned {
    std::string text;
    bool removed = false;  // something was taken out, not only line ends or spaces made plain
};

Cleaned clean(std::string_view text, bool block) {
    if (plain_ascii(text, block)) return {std::string(text), false};
    const std::u32string in = decode_utf8(text);
    std::u32string out;
    out.reserve(in.size());
    bool removed = false;
    for (std::size_t i = 0; i < in.size(); ++i) {
        char32_t c = in[i];
        if (c == '\r' && i + 1 < in.size() && in[i + 1] == '\n') continue;  // "\r\n": the "\n" stands for both
        if (c == '\r' || c == 0x2028 || c == 0x2029) c = '\n';               // line and paragraph separators
        if (c == '\n' || c == '\t') {
            out.push_back(block ? c : U' ');
            continue;
        }
        if (!block && is_unicode_space(c)) {
            out.push_back(U' ');
            continue;
        }
        if (is_removed(c)) {
            removed = true;
            continue;
        }
        if (is_joiner(c)) {  // kept only with a letter on both sides in what was written
            if (i > 0 && joins(in[i - 1]) && i + 1 < in.size() && joins(in[i + 1])) out.push_back(c);
            else removed = true;
            continue;
        }
        // Tags spell a subdivision's flag after a black flag (🏴 + "gbsct" + cancel tag): kept only there.
        if (is_tag(c)) {
            if (!out.empty() && (out.back() == 0x1F3F4 || is_tag(out.back()))) out.push_back(c);
            else removed = true;
            continue;
        }
        out.push_back(c);
    }
    return {encode_utf8(out), removed};
}

// Cleans one field in place; counts it if anything was removed from it. A one-line field that
// changed is also trimmed: a no-break space made plain must not leave a name of spaces.
std::size_t clean_field(std::string& field, bool block) {
    Cleaned cleaned = clean(field, block);
    if (cleaned.text != field) field = block ? std::move(cleaned.text) : std::string(trim(cleaned.text));
    return cleaned.removed ? 1 : 0;
}

// A point or handle whose value was only hidden characters is dropped: an empty address is no address.
template <typename Point>
void drop_emptied(std::vector<Point>& points) {
    points.erase(std::remove_if(points.begin(), points.end(), [](const Point& point) { return point.value.empty(); }),
                 points.end());
}

std::size_t clean_points(std::vector<ContactPoint>& points) {
    std::size_t changed = 0;
    for (ContactPoint& point : points) changed += clean_field(point.value, false) + clean_field(point.label, false);
    drop_emptied(points);
    return changed;
}

}  // namespace

bool is_unicode_space(char32_t c) {
    return c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool is_hidden_format(char32_t c) {
    return (c >= 0x80 && is_removed(c)) || is_joiner(c) || is_tag(c) || is_variation_selector(c);
}

std::string clean_line(std::string_view text) { return clean(text, false).text; }
std::string clean_block(std::string_view text) { return clean(text, true).text; }

std::size_t clean_text_of(Contact& contact) {
    std::size_t changed = 0;
    for (std::string* field : {&contact.display_name, &contact.given_name, &contact.family_name, &contact.nickname,
                               &contact.company, &contact.title, &contact.city, &contact.region, &contact.country})
        changed += clean_field(*field, false);
    changed += clean_points(contact.emails) + clean_points(contact.phones);
    std::size_t handles_changed = 0;
    for (Handle& handle : contact.handles) handles_changed += clean_field(handle.value, false);
    drop_emptied(contact.handles);
    changed += handles_changed;
    std::size_t tags_changed = 0;
    for (std::string& tag : contact.tags) tags_changed += clean_field(tag, false);
    // A tag may now be empty (a no-break space made plain and trimmed), or the same as another.
    std::vector<std::string> kept;
    for (std::string& tag : contact.tags) {
        if (!tag.empty() && std::find(kept.begin(), kept.end(), tag) == kept.end()) kept.push_back(std::move(tag));
    }
    contact.tags = std::move(kept);
    changed += tags_changed;
    changed += clean_field(contact.how_met, true) + clean_field(contact.notes, true);
    for (PostalAddress& address : contact.addresses) {
        changed += clean_field(address.street, true);
        for (std::string* part : {&address.label, &address.po_box, &address.extended, &address.locality,
                                  &address.region, &address.postcode, &address.country})
            changed += clean_field(*part, false);
    }
    std::erase_if(contact.addresses, [](const PostalAddress& address) { return address.empty(); });
    return changed;
}

std::size_t clean_text_of(Interaction& interaction) {
    std::size_t changed = clean_field(interaction.notes, true);
    if (interaction.follow_up) changed += clean_field(interaction.follow_up->text, true);
    return changed;
}

std::size_t clean_text_of(Event& event) {
    return clean_field(event.name, false) + clean_field(event.place, false) + clean_field(event.notes, true);
}

std::size_t clean_text_of(Opportunity& opportunity) {
    return clean_field(opportunity.title, false) + clean_field(opportunity.notes, true);
}

}  // namespace ties
