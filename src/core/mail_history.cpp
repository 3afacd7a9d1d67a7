#include "core/mail_history.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cctype>

namespace ties {
namespace {

// FNV-1a, 64 bits: stable across runs and platforms (std::hash is not), so a touch's key is the
// same in every import of the same mailbox.
std::uint64_t fnv(std::string_view text, std::uint64_t hash = 0xcbf29ce484222325ull) {
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ull;
    }
    return hash;
}

constexpr Millis kDay = 86'400'000;

}  // namespace

MailHistory::MailHistory(const std::vector<std::string>& me, std::int32_t offset_minutes)
    : MailHistory(me, [offset_minutes](Millis) { return offset_minutes; }) {}

MailHistory::MailHistory(const std::vector<std::string>& me, OffsetAt offset_at) : offset_at_(std::move(offset_at)) {
    for (const std::string& address : me) me_.insert(ascii_lowercase(address));
}

void MailHistory::count(const MailPerson& person, bool wrote, Millis at) {
    Correspondent& c = people_[person.email];
    if (c.messages == 0) {
        c.email = person.email;
        c.first = at;
        c.last = at;
    }
    ++c.messages;
    if (wrote) ++c.from_them;
    c.first = std::min(c.first, at);
    c.last = std::max(c.last, at);
    if (!person.name.empty()) ++names_[person.email][person.name];
}

void MailHistory::add(const MailItem& item) {
    if (!item.id.empty() && !seen_.insert(fnv(item.id)).second) {
        ++repeated_;
        return;
    }
    if (!item.automated.empty()) {
        ++automated_[item.automated];
        return;
    }
    const bool mine = is_me(item.from.email);
    std::vector<const MailPerson*> people;  // the correspondents of this message
    if (mine) {
        for (const MailPerson& p : item.to)
            if (!is_me(p.email) && std::none_of(people.begin(), people.end(), [&](const MailPerson* q) { return q->email == p.email; }))
                people.push_back(&p);
    } else if (std::any_of(item.to.begin(), item.to.end(), [&](const MailPerson& p) { return is_me(p.email); })) {
        people.push_back(&item.from);
    }
    if (people.empty()) {
        ++between_others_;  // or mail to yourself only
        return;
    }
    ++personal_;
    for (const MailPerson* p : people) count(*p, !mine, item.at);

    const Millis local = item.at + Millis{offset_at_(item.at)} * 60'000;
    const Date day = date_of(local);
    // A message with neither a thread nor an id is a thread of its own.
    const std::uint64_t thread = !item.thread.empty() ? fnv(item.thread)
                                 : !item.id.empty()   ? fnv(item.id)
                                                      : fnv(item.from.email + ' ' + std::to_string(item.at));
    const std::uint64_t key = fnv(day.iso(), thread);
    const bool fresh = days_.count(key) == 0;
    Day& d = days_[key];
    if (fresh) {
        d.touch.thread = thread;
        d.touch.date = day;
        d.first = item.at;
    }
    ++d.touch.messages;
    for (const MailPerson* p : people)
        if (std::find(d.touch.people.begin(), d.touch.people.end(), p->email) == d.touch.people.end())
            d.touch.people.push_back(p->email);
    if (fresh || item.at <= d.first) {
        d.first = item.at;
        d.touch.initiator = mine ? Initiator::Me : Initiator::Them;
        d.touch.minute_of_day = static_cast<std::int32_t>(((local % kDay) + kDay) % kDay / 60'000);
    }
}

std::vector<MailTouch> MailHistory::touches() const {
    std::vector<MailTouch> out;
    out.reserve(days_.size());
    for (const auto& [key, day] : days_) out.push_back(day.touch);
    std::sort(out.begin(), out.end(), [](const MailTouch& a, const MailTouch& b) {
        return a.date != b.date ? a.date < b.date : a.thread < b.thread;
    });
    return out;
}

std::vector<Correspondent> MailHistory::correspondents() const {
    std::vector<Correspondent> out;
    out.reserve(people_.size());
    for (const auto& [email, c] : people_) {
        Correspondent with_name = c;
        if (const auto it = names_.find(email); it != names_.end()) {
            std::size_t best = 0;
            for (const auto& [name, times] : it->second)  // ties: the first in byte order
                if (times > best) {
                    best = times;
                    with_name.name = name;
                }
        }
        out.push_back(std::move(with_name));
    }
    std::sort(out.begin(), out.end(), [](const Correspondent& a, const Correspondent& b) {
        return a.messages != b.messages ? a.messages > b.messages : a.email < b.email;
    });
    return out;
}

const Correspondent* MailHistory::correspondent(const std::string& email) const {
    const auto it = people_.find(email);
    return it == people_.end() ? nullptr : &it->second;
}

std::vector<std::pair<std::string, std::size_t>> likely_own_addresses(const std::vector<MailItem>& sample,
                                                                      std::size_t at_most) {
    std::unordered_map<std::string, std::size_t> seen, sent_lists;  // lists and machines write to the owner
    for (const MailItem& item : sample) {
        if (!item.automated.empty()) {
            for (const MailPerson& p : item.to) ++sent_lists[p.email];
            continue;
        }
        std::unordered_set<std::string> in_message{item.from.email};
        for (const MailPerson& p : item.to) in_message.insert(p.email);
        for (const std::string& email : in_message)
            if (!email.empty()) ++seen[email];
    }
    std::vector<std::pair<std::string, std::size_t>> out(seen.begin(), seen.end());
    const auto lists = [&sent_lists](const std::string& email) {
        const auto found = sent_lists.find(email);
        return found == sent_lists.end() ? std::size_t{0} : found->second;
    };
    std::sort(out.begin(), out.end(), [&lists](const auto& a, const auto& b) {
        if (a.second != b.second) return a.second > b.second;
        if (const std::size_t la = lists(a.first), lb = lists(b.first); la != lb) return la > lb;
        return a.first < b.first;
    });
    if (out.size() > at_most) out.resize(at_most);
    return out;
}

}  // namespace ties
