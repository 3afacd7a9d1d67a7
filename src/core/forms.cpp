// Reading forms' drafts into records: see forms.hpp. Each check returns at the first wrong field,
// in the order the form shows them, so the message is about the topmost problem.
#include "core/forms.hpp"

#include "core/safe_text.hpp"
#include "core/search.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <tuple>

namespace ties {
namespace {

constexpr std::string_view kExampleDate = "2024-03-12";

template <typename T>
FormResult<T> wrong(std::string message) {
    return FormResult<T>{T{}, std::move(message)};
}

std::string trimmed(std::string_view text) { return std::string(trim(text)); }

bool ends_with_date(std::string_view caption) {
    return caption.size() >= 4 && (caption.substr(caption.size() - 4) == "date" || caption.substr(caption.size() - 4) == "Date");
}

// A whole number as typed (spaces around it allowed), nothing after it.
std::optional<int> whole_number(std::string_view text) {
    int value = 0;
    char extra = 0;
    if (std::sscanf(trimmed(text).c_str(), "%d%c", &value, &extra) != 1) return std::nullopt;
    return value;
}

std::string clock_text(std::int32_t minute_of_day) {
    char text[24];  // room for any int, though a minute of the day needs 6
    std::snprintf(text, sizeof text, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
    return text;
}

// The person's own rhythm: every `days` (1 to the longest), overdue after `max_text` days (at least
// `days`) or, left empty, after the usual 1.5 times.
FormResult<std::pair<std::optional<std::int32_t>, std::optional<std::int32_t>>> read_contact_rhythm(
    bool has_cadence, int days, std::string_view max_text) {
    using Rhythm = std::pair<std::optional<std::int32_t>, std::optional<std::int32_t>>;
    if (!has_cadence) return {};
    if (days < 1 || days > kMaxRhythmDays)
        return wrong<Rhythm>("Keep in touch: choose between 1 and " + std::to_string(kMaxRhythmDays) + " days.");
    if (trim(max_text).empty()) return {Rhythm{days, std::nullopt}, ""};
    const std::optional<int> max = whole_number(max_text);
    if (!max || *max < days || *max > kMaxRhythmDays)
        return wrong<Rhythm>("Overdue after: a number of days, at least " + std::to_string(days) + " and at most " +
                             std::to_string(kMaxRhythmDays) + "; leave it empty for the usual 1.5 times.");
    return {Rhythm{days, *max}, ""};
}

}  // namespace

// --- Messages and single fields -------------------------------------------------------------------

std::string date_error(std::string_view caption) {
    // "Date: write it as", but "First met: write the date as": "it" only where the caption is a date.
    return std::string(caption) + (ends_with_date(caption) ? ": write it as" : ": write the date as") +
           " YYYY-MM-DD, for example " + std::string(kExampleDate) + ".";
}

std::string yearly_error(std::string_view caption) {
    return std::string(caption) + ": write it as YYYY-MM-DD, or MM-DD when you do not know the year.";
}

FormResult<std::vector<ContactPoint>> read_emails(std::string_view text) {
    std::vector<ContactPoint> emails = parse_points(text);
    for (const ContactPoint& email : emails)
        if (!looks_like_email(email.value))
            return wrong<std::vector<ContactPoint>>("\"" + email.value + "\" does not look like an email address.");
    return {std::move(emails), ""};
}

FormResult<std::optional<Date>> read_optional_date(std::string_view caption, std::string_view text) {
    if (trim(text).empty()) return {};
    const std::optional<Date> date = Date::parse_iso(trim(text));
    if (!date) return wrong<std::optional<Date>>(date_error(caption));
    return {date, ""};
}

FormResult<std::optional<PartialDate>> read_yearly(std::string_view caption, std::string_view text) {
    if (trim(text).empty()) return {};
    const std::optional<PartialDate> date = parse_yearly(text);
    if (!date) return wrong<std::optional<PartialDate>>(yearly_error(caption));
    return {date, ""};
}

std::string yearly_input(const PartialDate& date) {
    const std::string iso = date.iso();
    return date.year > 0 ? iso : iso.substr(2);
}

std::optional<PartialDate> parse_yearly(std::string_view text) {
    const std::string t = trimmed(text);
    if (t.size() == 5 && t[2] == '-') return PartialDate::parse("--" + t);
    return PartialDate::parse(t);
}

std::string format_amount(double value) {
    const bool whole = std::fabs(value - std::round(value)) < 0.005;
    char digits[64];
    std::snprintf(digits, sizeof digits, whole ? "%.0f" : "%.2f", value);
    const std::string text(digits);
    const size_t start = text[0] == '-' ? 1 : 0;
    const size_t point = std::min(text.find('.'), text.size());
    std::string out = text.substr(0, start);
    for (size_t i = start; i < point; ++i) {
        if (i > start && (point - i) % 3 == 0) out += ',';
        out += text[i];
    }
    return out + text.substr(point);
}

FormResult<std::optional<double>> read_amount(std::string_view text) {
    const auto not_a_number = [] {
        return wrong<std::optional<double>>("Value: write a number, for example 12000 or 12,000.50, or leave it empty.");
    };
    std::string cleaned;
    for (char ch : trim(text)) {
        if (ch == ',' || ch == ' ' || ch == '\'') continue;
        if ((ch < '0' || ch > '9') && ch != '.') return not_a_number();
        cleaned += ch;
    }
    if (cleaned.empty()) return {};
    char* end = nullptr;
    const double value = std::strtod(cleaned.c_str(), &end);
    if (end != cleaned.c_str() + cleaned.size() || !std::isfinite(value)) return not_a_number();
    return {value, ""};
}

// --- A contact ------------------------------------------------------------------------------------

ContactDraft new_contact(Id id) {
    Contact c;
    c.meta.id = id;
    return draft_of(c);
}

ContactDraft draft_of(const Contact& c) {
    ContactDraft d;
    d.contact = c;
    d.emails = format_points(c.emails);
    d.phones = format_points(c.phones);
    d.addresses = format_addresses(c.addresses);
    d.tags = join_list(c.tags);
    d.first_met = c.first_met ? c.first_met->iso() : "";
    d.has_cadence = c.cadence_days.has_value();
    d.cadence_days = c.cadence_days.value_or(30);
    d.cadence_max_days = c.cadence_max_days ? std::to_string(*c.cadence_max_days) : "";
    d.birthday = c.birthday ? yearly_input(*c.birthday) : "";
    d.anniversary = c.anniversary ? yearly_input(*c.anniversary) : "";
    return d;
}

FormResult<Contact> read_contact(const ContactDraft& d) {
    Contact c = d.contact;
    clean_text_of(c);  // a name of zero-width characters only is no name (save_contact cleans the rest)
    c.display_name = trimmed(c.display_name);
    c.given_name = trimmed(c.given_name);
    c.family_name = trimmed(c.family_name);
    if (c.display_name.empty() && c.given_name.empty() && c.family_name.empty())
        return wrong<Contact>("Give this person a name.");
    const auto emails = read_emails(d.emails);
    if (!emails.ok()) return wrong<Contact>(emails.error);
    c.emails = emails.value;
    c.phones = parse_points(d.phones);
    c.addresses = parse_addresses(d.addresses, d.contact.addresses);
    c.tags = split_list(d.tags);
    const auto first_met = read_optional_date("First met", d.first_met);
    if (!first_met.ok()) return wrong<Contact>(first_met.error);
    c.first_met = first_met.value;
    const auto rhythm = read_contact_rhythm(d.has_cadence, d.cadence_days, d.cadence_max_days);
    if (!rhythm.ok()) return wrong<Contact>(rhythm.error);
    std::tie(c.cadence_days, c.cadence_max_days) = rhythm.value;
    for (auto [text, date, caption] : {std::tuple{&d.birthday, &c.birthday, "Birthday"},
                                       std::tuple{&d.anniversary, &c.anniversary, "Anniversary"}}) {
        const auto yearly = read_yearly(caption, *text);
        if (!yearly.ok()) return wrong<Contact>(yearly.error);
        *date = yearly.value;
    }
    std::vector<Handle> handles;
    for (Handle h : c.handles) {
        h.value = trimmed(h.value);
        if (h.value.empty()) continue;
        if (h.kind == HandleKind::Website && !looks_like_url(h.value))
            return wrong<Contact>("Website: \"" + h.value + "\" is not a web address (it should start with https://).");
        handles.push_back(h);
    }
    c.handles = handles;
    return {c, ""};
}

// --- An interaction, and the quick log ------------------------------------------------------------

InteractionDraft new_interaction(Id id, std::vector<Id> people, Date today) {
    Interaction i;
    i.meta.id = id;
    i.date = today;
    i.kind = InteractionKind::Coffee;
    i.initiator = kDefaultInitiator;
    i.participants = std::move(people);
    return draft_of(i);
}

InteractionDraft draft_of(const Interaction& i) {
    InteractionDraft d;
    d.interaction = i;
    d.date = i.date.iso();
    if (i.minute_of_day) d.time = clock_text(*i.minute_of_day);
    d.has_duration = i.duration_minutes.has_value();
    d.duration = i.duration_minutes.value_or(30);
    d.has_follow_up = i.follow_up.has_value();
    d.follow_up_date = i.follow_up ? i.follow_up->date.iso() : Date{i.date.days + 14}.iso();
    d.follow_up_text = i.follow_up ? i.follow_up->text : "";
    d.follow_up_done = i.follow_up && i.follow_up->done;
    return d;
}

FormResult<Interaction> read_interaction(const InteractionDraft& d) {
    Interaction i = d.interaction;
    if (i.participants.empty()) return wrong<Interaction>("Who was it with? Choose at least one person.");
    const auto date = Date::parse_iso(trim(d.date));
    if (!date) return wrong<Interaction>(date_error("Date"));
    i.date = *date;
    i.minute_of_day.reset();
    if (const std::string time = trimmed(d.time); !time.empty()) {
        int h = -1, m = -1;
        char extra = 0;
        if (std::sscanf(time.c_str(), "%d:%d%c", &h, &m, &extra) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
            return wrong<Interaction>("Time: write it as HH:MM, for example 18:30, or leave it empty.");
        i.minute_of_day = h * 60 + m;
    }
    if (d.has_duration && (d.duration < 1 || d.duration > kMaxDurationMinutes))
        return wrong<Interaction>("Duration: between 1 and " + std::to_string(kMaxDurationMinutes) + " minutes.");
    i.duration_minutes = d.has_duration ? std::optional<std::int32_t>(d.duration) : std::nullopt;
    i.notes = trimmed(i.notes);
    i.follow_up.reset();
    if (d.has_follow_up) {
        const auto when = Date::parse_iso(trim(d.follow_up_date));
        if (!when) return wrong<Interaction>(date_error("Follow-up date"));
        i.follow_up = FollowUp{*when, trimmed(d.follow_up_text), d.follow_up_done};
    }
    return {i, ""};
}

FormResult<Interaction> read_quick_log(const QuickLogDraft& d) {
    FormResult<Interaction> touch = read_interaction(d.touch);
    if (touch.ok() && d.new_event && trim(d.event_name).empty())
        return wrong<Interaction>("Event: give the new event a name, or choose None.");
    return touch;
}

// --- An event and an opportunity ------------------------------------------------------------------

EventDraft new_event(Id id, Date today) {
    Event e;
    e.meta.id = id;
    e.kind = EventKind::Meetup;
    e.date = today;
    return draft_of(e);
}

EventDraft draft_of(const Event& e) {
    EventDraft d;
    d.event = e;
    d.date = e.date.iso();
    return d;
}

FormResult<Event> read_event(const EventDraft& d) {
    Event e = d.event;
    clean_text_of(e);
    e.name = trimmed(e.name);
    if (e.name.empty()) return wrong<Event>("Give the event a name, for example \"Rust Berlin, March\".");
    const auto date = Date::parse_iso(trim(d.date));
    if (!date) return wrong<Event>(date_error("Date"));
    e.date = *date;
    e.place = trimmed(e.place);
    e.notes = trimmed(e.notes);
    return {e, ""};
}

OpportunityDraft new_opportunity(Id id, Date today) {
    Opportunity o;
    o.meta.id = id;
    o.kind = OpportunityKind::Job;
    o.date = today;
    return draft_of(o);
}

OpportunityDraft draft_of(const Opportunity& o) {
    OpportunityDraft d;
    d.opportunity = o;
    d.date = o.date.iso();
    d.value = o.value ? format_amount(*o.value) : "";
    return d;
}

FormResult<Opportunity> read_opportunity(const OpportunityDraft& d) {
    Opportunity o = d.opportunity;
    o.title = trimmed(o.title);
    if (o.title.empty()) return wrong<Opportunity>("Give the opportunity a title, for example \"Backend role at Fjord Labs\".");
    const auto value = read_amount(d.value);
    if (!value.ok()) return wrong<Opportunity>(value.error);
    o.value = value.value;
    const auto date = Date::parse_iso(trim(d.date));
    if (!date) return wrong<Opportunity>(date_error("Date"));
    o.date = *date;
    o.notes = trimmed(o.notes);
    return {o, ""};
}

// --- Settings -------------------------------------------------------------------------------------

FormResult<Cadence> read_rhythm(Cadence c) {
    if (c.ideal_days < 0 || c.ideal_days > kMaxRhythmDays || c.max_days < 0 || c.max_days > kMaxRhythmDays)
        return wrong<Cadence>("Keep in touch: choose between 0 (never) and " + std::to_string(kMaxRhythmDays) + " days.");
    if (c.ideal_days == 0) c.max_days = 0;
    else if (c.max_days < c.ideal_days) c.max_days = c.ideal_days;
    return {c, ""};
}

FormResult<TagCadence> read_tag_rhythm(std::string_view typed_tag, Cadence typed, const std::vector<TagCadence>& existing) {
    const std::string tag = trimmed(typed_tag);
    if (tag.empty()) return wrong<TagCadence>("Write the tag first.");
    const FormResult<Cadence> rhythm = read_rhythm(typed);
    if (!rhythm.ok()) return wrong<TagCadence>(rhythm.error);
    const std::string folded = fold_for_search(tag);
    if (std::any_of(existing.begin(), existing.end(), [&](const TagCadence& t) { return fold_for_search(t.tag) == folded; }))
        return wrong<TagCadence>("\"" + tag + "\" already has a rhythm: change it in the list.");
    return {TagCadence{tag, rhythm.value}, ""};
}

FormResult<std::int32_t> read_budget(std::string_view caption, std::int32_t typed) {
    if (typed < 0 || typed > kMaxBudget) return wrong<std::int32_t>(std::string(caption) + ": choose a number from 0 up.");
    return {typed, ""};
}

std::vector<std::string> read_own_addresses(std::string_view text) {
    std::vector<std::string> out;
    std::string word;
    const auto flush = [&] {
        if (word.find('@') != std::string::npos && std::find(out.begin(), out.end(), word) == out.end()) out.push_back(word);
        word.clear();
    };
    for (const char c : text) {
        if (c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r') flush();
        else word += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    flush();
    return out;
}

std::string join_addresses(const std::vector<std::string>& addresses) {
    std::string out;
    for (const std::string& a : addresses) out += (out.empty() ? "" : ", ") + a;
    return out;
}

}  // namespace ties
