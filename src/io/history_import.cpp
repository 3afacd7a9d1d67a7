#include "io/history_import.hpp"

#include "core/text.hpp"
#include "io/calendar_read.hpp"
#include "io/mbox.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>

namespace ties::io {
namespace {

// "12,408"
std::string grouped(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string count_of(std::size_t n, const char* one, const char* many) {
    return grouped(n) + " " + (n == 1 ? one : many);
}

constexpr std::size_t kSlice = 4u << 20;     // what a mailbox is read in
constexpr std::size_t kGuessSample = 2000;   // messages looked at to guess whose mailbox it is
constexpr Millis kDay = 86'400'000;

// The cards and touches being made: one card per address, shared by mail and calendars.
class Builder {
public:
    Builder(const ImportContext& context, OffsetAt offset_at) : context_(context), offset_at_(std::move(offset_at)) {}

    Id card(const std::string& email, const std::string& name) {
        const auto [it, fresh] = cards_.try_emplace(email, contacts_.size());
        if (fresh) {
            Contact c;
            c.meta.id = context_.ids->next();
            c.meta.created = c.meta.updated = context_.now;
            c.display_name = name;
            c.emails.push_back({email, ""});
            c.origin = ContactOrigin::Imported;
            contacts_.push_back(std::move(c));
        } else if (contacts_[it->second].display_name.empty() && !name.empty()) {
            contacts_[it->second].display_name = name;
        }
        return contacts_[it->second].meta.id;
    }

    Interaction& touch(Date date, std::int32_t minute, InteractionKind kind, Initiator initiator) {
        Interaction i;
        i.meta.id = context_.ids->next();
        i.meta.created = i.meta.updated = context_.now;
        i.date = date;
        i.minute_of_day = minute;
        i.kind = kind;
        i.initiator = initiator;
        interactions_.push_back(std::move(i));
        return interactions_.back();
    }

    Date local_day(Millis at, std::int32_t* minute) const {
        const Millis local = at + Millis{offset_at_(at)} * 60'000;
        if (minute) *minute = static_cast<std::int32_t>(((local % kDay) + kDay) % kDay / 60'000);
        return date_of(local);
    }

    std::vector<Contact> contacts_;
    std::vector<Interaction> interactions_;

private:
    const ImportContext& context_;
    OffsetAt offset_at_;
    std::unordered_map<std::string, std::size_t> cards_;
};

MailItem item_of(mail::Message&& m) {
    MailItem item;
    item.at = m.date;
    item.from = {std::move(m.from.email), std::move(m.from.name)};
    item.to.reserve(m.to.size());
    for (mail::Address& a : m.to) item.to.push_back({std::move(a.email), std::move(a.name)});
    item.id = std::move(m.id);
    item.thread = !m.gmail_thread.empty() ? "gm:" + m.gmail_thread : !m.thread.empty() ? m.thread.front() : item.id;
    item.automated = std::move(m.automated);
    return item;
}

}  // namespace

HistoryKind detect_history(std::string_view name, std::string_view start) {
    if (start.substr(0, 3) == "\xEF\xBB\xBF") start.remove_prefix(3);
    const std::string file = ascii_lowercase(name);
    const std::string head = ascii_lowercase(start.substr(0, 64));
    if (head.rfind("begin:vcalendar", 0) == 0) return HistoryKind::Calendar;
    if (start.rfind("From ", 0) == 0) return HistoryKind::Mail;
    for (const char* field : {"return-path:", "received:", "delivered-to:", "x-gm-thrid:", "message-id:", "mime-version:",
                              "x-mozilla-status:"})
        if (head.rfind(field, 0) == 0) return HistoryKind::Mail;
    if (ends_with(file, ".mbox") || ends_with(file, ".mbx") || ends_with(file, ".eml")) return HistoryKind::Mail;
    if (ends_with(file, ".ics") || ends_with(file, ".ical") || ends_with(file, ".ifb")) return HistoryKind::Calendar;
    return HistoryKind::None;
}

std::string HistoryReport::summary() const {
    std::string text;
    if (messages > 0) {
        text = count_of(messages, "message", "messages") + ": " + grouped(personal) + " with people";
        if (automated > 0) text += ", " + grouped(automated) + " from lists and machines";
        if (between_others > 0) text += ", " + grouped(between_others) + " between others";
        if (repeated > 0) text += ", " + grouped(repeated) + " seen twice";
    }
    if (meetings > 0 || calendar_skipped > 0) {
        if (!text.empty()) text += "; ";
        text += count_of(meetings, "meeting", "meetings");
        if (calendar_skipped > 0) text += " (" + grouped(calendar_skipped) + " cancelled, declined or alone skipped)";
    }
    if (text.empty()) text = "Nothing was found";
    text += ". " + count_of(touches, "touch", "touches") + " with " + count_of(people, "person", "people") + ".";
    return text;
}

HistorySource history_source(std::string name, const std::string& bytes) {
    HistorySource source;
    source.name = std::move(name);
    source.size = bytes.size();
    source.read = [&bytes](std::uint64_t offset, char* out, std::size_t max) -> std::size_t {
        if (offset >= bytes.size()) return 0;
        const std::size_t n = std::min<std::size_t>(max, bytes.size() - static_cast<std::size_t>(offset));
        std::copy_n(bytes.data() + offset, n, out);
        return n;
    };
    return source;
}

Imported import_history(const std::vector<HistorySource>& sources, const ImportContext& context,
                        const HistoryOptions& options, HistoryReport* report_out) {
    HistoryReport report;
    Imported result;
    std::uint64_t total = 0, done = 0;
    for (const HistorySource& s : sources) total += s.size;
    bool stop = false;
    const auto progress = [&](std::uint64_t at) {
        if (stop || !context.progress || total == 0) return !stop;
        stop = !context.progress(static_cast<double>(at) / static_cast<double>(total));
        return !stop;
    };

    // Which sources are which, from their first bytes.
    std::vector<HistoryKind> kinds;
    std::string head(64, '\0');
    for (const HistorySource& s : sources) {
        std::size_t got = 0;  // a source may hand out less than asked
        while (got < head.size()) {
            const std::size_t n = s.read(got, head.data() + got, head.size() - got);
            if (n == 0) break;
            got += n;
        }
        kinds.push_back(detect_history(s.name, std::string_view(head.data(), got)));
        if (kinds.back() == HistoryKind::None)
            result.warnings.push_back(
                {s.name, 0, "not a mailbox (mbox, .eml) or a calendar (.ics): it was left out of the history"});
    }

    std::vector<std::string> me;
    for (const std::string& a : options.me)
        if (!a.empty()) me.push_back(ascii_lowercase(a));
    report.me_guessed = me.empty();
    const std::int32_t fixed = options.offset_minutes;
    const OffsetAt offset_at = options.offset_at ? options.offset_at : OffsetAt([fixed](Millis) { return fixed; });
    Builder builder(context, offset_at);
    std::optional<MailHistory> history;
    if (!me.empty()) history.emplace(me, offset_at);
    std::vector<MailItem> sample;  // until whose mailbox it is has been guessed
    std::size_t future = 0;
    const Millis latest = options.now > 0 ? options.now + kDay : 0;
    const auto guess_me = [&] {
        const auto likely = likely_own_addresses(sample, 1);
        report.sample = static_cast<std::size_t>(
            std::count_if(sample.begin(), sample.end(), [](const MailItem& m) { return m.automated.empty(); }));
        if (!likely.empty()) {
            me = {likely.front().first};
            report.me_seen = likely.front().second;
        }
        history.emplace(me, offset_at);
        for (const MailItem& m : sample) history->add(m);
        sample.clear();
        sample.shrink_to_fit();
    };
    const auto take = [&](MailItem item) {
        ++report.messages;
        if (latest > 0 && item.at > latest) {
            ++future;
            return;
        }
        if (history) return history->add(item);
        sample.push_back(std::move(item));
        if (sample.size() >= kGuessSample) guess_me();
    };

    // Mailboxes first: they say whose files these are.
    std::string slice;
    for (std::size_t f = 0; f < sources.size() && !stop; ++f) {
        if (kinds[f] != HistoryKind::Mail) continue;
        const HistorySource& s = sources[f];
        mail::MboxReader reader([&](mail::Message&& m) { take(item_of(std::move(m))); });
        std::uint64_t offset = 0;
        slice.resize(kSlice);
        while (!stop && !reader.error()) {
            const std::size_t n = s.read(offset, slice.data(), kSlice);
            if (n == 0) break;
            reader.feed(std::string_view(slice.data(), n));
            offset += n;
            progress(done + offset);
        }
        reader.finish();
        done += s.size;
        if (reader.error()) {
            Problem p = *reader.error();
            p.file = s.name;
            result.warnings.push_back(std::move(p));
            continue;
        }
        if (offset < s.size)
            result.warnings.push_back({s.name, 0, "the file could not be read to its end (it may have been moved or changed): " +
                                                      grouped(static_cast<std::size_t>(offset >> 20)) + " MB of it were read"});
        for (const std::string& why : reader.skipped_reasons()) result.warnings.push_back({s.name, 0, why});
    }
    slice.clear();
    slice.shrink_to_fit();
    if (!history && !sample.empty()) guess_me();
    if (future > 0)
        result.warnings.push_back({"", 0, count_of(future, "message was", "messages were") +
                                              " dated in the future and left out (a sender's wrong clock)"});

    if (history && !stop) {
        report.personal = history->personal();
        report.between_others = history->between_others();
        report.repeated = history->repeated();
        for (const auto& [why, n] : history->automated()) report.automated += n;
        std::unordered_map<std::string, Id> ids;
        for (const Correspondent& c : history->correspondents()) ids[c.email] = builder.card(c.email, c.name);
        for (const MailTouch& t : history->touches()) {
            Interaction& i = builder.touch(t.date, t.minute_of_day, InteractionKind::Email, t.initiator);
            for (const std::string& email : t.people) i.participants.push_back(ids.at(email));
        }
        history.reset();
    }

    // Calendars: small, read whole.
    for (std::size_t f = 0; f < sources.size() && !stop; ++f) {
        if (kinds[f] != HistoryKind::Calendar) continue;
        const HistorySource& s = sources[f];
        if (s.size > kMaxImportBytes) {
            result.warnings.push_back({s.name, 0, "a calendar larger than 256 MB was left out"});
            done += s.size;
            continue;
        }
        std::string bytes(static_cast<std::size_t>(s.size), '\0');
        std::size_t got = 0;
        while (got < bytes.size()) {
            const std::size_t n = s.read(got, bytes.data() + got, bytes.size() - got);
            if (n == 0) break;
            got += n;
        }
        bytes.resize(got);
        if (me.empty()) {  // no mailbox said whose calendar this is: whoever attends the most
            std::map<std::string, std::size_t> seen;
            for (const calendar::Occurrence& o : calendar::read_calendar(bytes, {}, options.since, options.now).occurrences) {
                if (!o.organizer.email.empty()) ++seen[o.organizer.email];
                for (const calendar::Attendee& a : o.attendees)
                    if (a.email != o.organizer.email) ++seen[a.email];
            }
            const auto best = std::max_element(seen.begin(), seen.end(),
                                               [](const auto& a, const auto& b) { return a.second < b.second; });
            if (best != seen.end()) {
                me = {best->first};
                report.me_seen = best->second;
            }
        }
        calendar::CalendarRead read = calendar::read_calendar(bytes, me, options.since, options.now);
        done += s.size;
        progress(done);
        if (read.error) {
            Problem p = *read.error;
            p.file = s.name;
            result.warnings.push_back(std::move(p));
            continue;
        }
        for (std::string& w : read.warnings) result.warnings.push_back({s.name, 0, std::move(w)});
        report.calendar_skipped += read.cancelled + read.declined + read.no_attendees;
        const auto mine = [&](const std::string& email) { return std::find(me.begin(), me.end(), email) != me.end(); };
        for (const calendar::Occurrence& o : read.occurrences) {
            std::vector<Id> people;
            const auto add = [&](const calendar::Attendee& a) {
                if (a.email.empty() || mine(a.email) || a.partstat == "DECLINED") return;
                const Id id = builder.card(a.email, a.name);
                if (std::find(people.begin(), people.end(), id) == people.end()) people.push_back(id);
            };
            add(o.organizer);
            for (const calendar::Attendee& a : o.attendees) add(a);
            if (people.empty()) continue;
            std::int32_t minute = 0;
            const Date day = o.all_day ? date_of(o.start) : builder.local_day(o.start, &minute);
            const Initiator who = o.organizer.email.empty() ? Initiator::Unknown
                                  : mine(o.organizer.email) ? Initiator::Me
                                                            : Initiator::Them;
            Interaction& i = builder.touch(day, minute, o.call ? InteractionKind::VideoCall : InteractionKind::Meetup, who);
            if (o.all_day) i.minute_of_day.reset();
            if (o.duration_minutes > 0) i.duration_minutes = o.duration_minutes;
            i.notes = o.summary;
            i.participants = std::move(people);
            ++report.meetings;
        }
    }

    if (stop) {
        Imported cancelled;
        cancelled.cancelled = true;
        return cancelled;
    }
    report.me = me;
    report.touches = builder.interactions_.size();
    report.people = builder.contacts_.size();
    if (report_out) *report_out = report;
    result.contacts = std::move(builder.contacts_);
    result.interactions = std::move(builder.interactions_);
    if (result.contacts.empty() && result.interactions.empty()) {
        std::string why = "No conversations with people were found";
        if (!result.warnings.empty()) why += ": " + result.warnings.front().to_string();
        else if (report.messages > 0) why += " (" + report.summary() + ")";
        result.error = problem(why);
        result.warnings.clear();
        return result;
    }
    clean_imported(result, sources.size() == 1 ? sources.front().name : "your history");
    return result;
}

}  // namespace ties::io
