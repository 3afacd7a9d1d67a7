// Asking for help: whom, within what budget, by which way, and the records it leaves (ask.hpp).
#include "core/ask.hpp"

#include "core/links.hpp"
#include "core/strength.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace ties {
namespace {

bool live(const Contact& c) { return !c.meta.deleted && !c.archived; }

bool same_folded(std::string_view a, std::string_view b) {
    a = trim(a);
    b = trim(b);
    return !a.empty() && ascii_lowercase(a) == ascii_lowercase(b);
}

template <class Keep>
std::vector<Id> people_where(const Store& store, Keep keep) {
    std::vector<Id> out;
    for (const auto& [id, contact] : store.contacts())
        if (live(contact) && keep(contact)) out.push_back(id);
    std::sort(out.begin(), out.end());
    return out;
}

bool contains_all(std::string_view text, const std::vector<std::string>& words) {
    if (words.empty()) return false;
    return std::all_of(words.begin(), words.end(), [&](const std::string& w) { return contains_folded(text, w); });
}

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    for (std::string& word : split_list(text, ' '))
        if (!word.empty()) words.push_back(std::move(word));
    return words;
}

// One spelling per value whatever its case (the one most people have), sorted
// case-insensitively.
std::vector<std::string> spellings(const std::vector<std::string>& values) {
    std::map<std::string, std::map<std::string, int>> by_folded;
    for (const std::string& value : values) ++by_folded[ascii_lowercase(value)][value];
    std::vector<std::string> out;
    out.reserve(by_folded.size());
    for (const auto& [folded, counts] : by_folded) {
        auto best = counts.begin();
        for (auto it = counts.begin(); it != counts.end(); ++it)
            if (it->second > best->second) best = it;
        out.push_back(best->first);
    }
    return out;
}

// "x.com/ada" or "https://twitter.com/ada/" -> "ada"; none for anything else.
std::optional<std::string> x_name(const Contact& contact) {
    for (const Handle& handle : contact.handles) {
        if (handle.kind != HandleKind::X) continue;
        const auto url = profile_url(handle);
        if (!url) continue;
        for (std::string_view prefix : {"https://x.com/", "https://twitter.com/", "https://www.x.com/", "https://www.twitter.com/",
                                        "http://x.com/", "http://twitter.com/"}) {
            if (url->rfind(prefix, 0) != 0) continue;
            std::string name = url->substr(prefix.size());
            if (!name.empty() && name.back() == '/') name.pop_back();
            const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            });
            if (plain) return name;
        }
    }
    return std::nullopt;
}

// "https://hachyderm.io/@ada" -> {"hachyderm.io", "ada"}.
std::optional<std::pair<std::string, std::string>> mastodon_account(const Contact& contact) {
    for (const Handle& handle : contact.handles) {
        if (handle.kind != HandleKind::Mastodon) continue;
        const auto url = profile_url(handle);
        if (!url || url->rfind("https://", 0) != 0) continue;
        const std::string rest = url->substr(8);
        const std::size_t slash = rest.find("/@");
        if (slash == std::string::npos || slash == 0) continue;
        std::string user = rest.substr(slash + 2);
        if (!user.empty() && user.back() == '/') user.pop_back();
        if (user.empty() || user.find_first_of("/?#@") != std::string::npos) continue;
        return std::pair{rest.substr(0, slash), user};
    }
    return std::nullopt;
}

std::optional<std::string> linkedin_profile(const Contact& contact) {
    for (const Handle& handle : contact.handles)
        if (handle.kind == HandleKind::LinkedIn)
            if (auto url = profile_url(handle)) return url;
    return std::nullopt;
}

std::optional<std::string> first_email(const Contact& contact) {
    for (const ContactPoint& email : contact.emails)
        if (looks_like_email(trim(email.value))) return std::string(trim(email.value));
    return std::nullopt;
}

std::string clipped(std::string_view text, std::size_t max) {
    text = trim(text);
    if (text.size() <= max) return std::string(text);
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
    return std::string(trim(text.substr(0, cut))) + "…";
}

}  // namespace

std::vector<Id> people_tagged(const Store& store, std::string_view tag) {
    return people_where(store, [&](const Contact& c) {
        return std::any_of(c.tags.begin(), c.tags.end(), [&](const std::string& t) { return same_folded(t, tag); });
    });
}

std::vector<Id> people_in_city(const Store& store, std::string_view city) {
    return people_where(store, [&](const Contact& c) { return same_folded(c.city, city); });
}

std::vector<Id> people_in_circle(const Store& store, Tier tier) {
    return people_where(store, [&](const Contact& c) { return c.tier == tier; });
}

std::vector<Fit> people_who_fit(const Store& store, std::string_view text) {
    const std::vector<std::string> words = words_of(text);
    std::unordered_map<Id, std::string, IdHash> why;
    for (const auto& [id, contact] : store.contacts()) {
        if (!live(contact)) continue;
        if (contains_all(contact.company, words)) why[id] = "works at " + std::string(trim(contact.company));
        else if (contains_all(contact.title, words)) why[id] = std::string(trim(contact.title));
    }
    std::vector<const Interaction*> helps;
    for (const auto& [id, i] : store.interactions()) {
        const bool help = i.kind == InteractionKind::HelpReceived || i.kind == InteractionKind::HelpGiven ||
                          i.kind == InteractionKind::IntroductionMade;
        if (!i.meta.deleted && help && contains_all(i.notes, words)) helps.push_back(&i);
    }
    std::sort(helps.begin(), helps.end(), [](const Interaction* a, const Interaction* b) {
        return a->date != b->date ? a->date > b->date : a->meta.id < b->meta.id;  // the latest help says why
    });
    for (const Interaction* help : helps) {
        for (const Id& person : help->participants) {
            const Contact* c = store.contact(person);
            if (!c || c->archived || why.contains(person)) continue;
            why[person] = std::string(help->kind == InteractionKind::HelpReceived ? "helped you" : "you helped them") + " on " +
                          help->date.iso() + ": " + clipped(help->notes, 60);
        }
    }
    std::vector<Fit> out;
    out.reserve(why.size());
    for (auto& [id, reason] : why) out.push_back({id, std::move(reason)});
    std::sort(out.begin(), out.end(), [](const Fit& a, const Fit& b) { return a.id < b.id; });
    return out;
}

std::vector<std::string> tags_in_use(const Store& store) {
    std::vector<std::string> tags;
    for (const auto& [id, c] : store.contacts())
        if (live(c))
            for (const std::string& tag : c.tags)
                if (!trim(tag).empty()) tags.emplace_back(trim(tag));
    return spellings(tags);
}

std::vector<std::string> cities_in_use(const Store& store) {
    std::vector<std::string> cities;
    for (const auto& [id, c] : store.contacts())
        if (live(c) && !trim(c.city).empty()) cities.emplace_back(trim(c.city));
    return spellings(cities);
}

std::int32_t asked_this_week(std::span<const AskRecord> asks, Date today) {
    const Date monday{today.days - today.weekday()};
    std::int32_t asked = 0;
    for (const AskRecord& record : asks)
        if (record.ask->date >= monday && record.ask->date <= today) asked += static_cast<std::int32_t>(record.ask->participants.size());
    return asked;
}

AskPlan plan_ask(const Store& store, const NetworkStats& stats, std::span<const AskRecord> asks, std::span<const Id> audience,
                 Date today, bool include_recent) {
    AskPlan plan;
    plan.budget = std::max(0, store.settings().budget.asks_per_week);
    plan.asked_this_week = asked_this_week(asks, today);

    std::unordered_map<Id, Date, IdHash> last_asked;
    for (const AskRecord& record : asks) {
        const Interaction& i = *record.ask;
        if (i.date > today || i.date.days < today.days - kAskRestDays) continue;
        for (const Id& person : i.participants) {
            auto [at, fresh] = last_asked.try_emplace(person, i.date);
            if (!fresh && i.date > at->second) at->second = i.date;
        }
    }

    struct Ranked {
        Id id;
        double score;
    };
    std::vector<Ranked> ranked;
    std::unordered_set<Id, IdHash> seen;
    for (const Id& id : audience) {
        const Contact* c = store.contact(id);
        if (!c || c->archived || !seen.insert(id).second) continue;
        ranked.push_back({id, tie_score(*c, stats.of(id), today)});
    }
    std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
        return a.score != b.score ? a.score > b.score : a.id < b.id;
    });

    std::int32_t room = plan.left();
    for (const Ranked& r : ranked) {
        if (const auto asked = last_asked.find(r.id); asked != last_asked.end()) {
            plan.recent.push_back({r.id, asked->second});
            if (!include_recent) continue;
        }
        if (room > 0) {
            plan.to_ask.push_back(r.id);
            --room;
        } else {
            plan.over_budget.push_back(r.id);
        }
    }
    return plan;
}

std::string_view to_string(AskChannel channel) {
    switch (channel) {
        case AskChannel::Mail: return "E-mail";
        case AskChannel::X: return "X";
        case AskChannel::Mastodon: return "Mastodon";
        case AskChannel::LinkedIn: return "LinkedIn";
        case AskChannel::Copy: return "Copied list";
    }
    return "Copied list";
}

AskChannel channel_for(const Contact& contact) {
    if (first_email(contact)) return AskChannel::Mail;
    if (x_name(contact)) return AskChannel::X;
    if (mastodon_account(contact)) return AskChannel::Mastodon;
    if (linkedin_profile(contact)) return AskChannel::LinkedIn;
    return AskChannel::Copy;
}

std::string url_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 3 / 2);
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                                c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::vector<std::string> mailto_batches(std::span<const std::string> addresses, std::string_view subject,
                                        std::string_view body, std::size_t max_people, std::size_t max_length) {
    std::string crlf_body;
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] == '\r') continue;
        if (body[i] == '\n') crlf_body += "\r\n";
        else crlf_body += body[i];
    }
    const std::string tail = "&subject=" + url_encode(trim(subject)) + "&body=" + url_encode(crlf_body);
    std::vector<std::string> batches;
    std::string current;
    std::size_t people = 0;
    const auto finish = [&] {
        if (people > 0) batches.push_back("mailto:?bcc=" + current + tail);
        current.clear();
        people = 0;
    };
    for (const std::string& address : addresses) {
        const std::string encoded = url_encode(trim(address));
        if (encoded.empty()) continue;
        const std::size_t grown = std::string_view("mailto:?bcc=").size() + current.size() + (people ? 3 : 0) + encoded.size() + tail.size();
        if (people > 0 && (people >= max_people || grown > max_length)) finish();
        if (people > 0) current += "%2C";  // a comma between addresses
        current += encoded;
        ++people;
    }
    finish();
    return batches;
}

std::optional<std::string> compose_url(AskChannel channel, const Contact& contact, std::string_view question) {
    const std::string text(trim(question));
    switch (channel) {
        case AskChannel::X:
            if (const auto name = x_name(contact)) return "https://x.com/intent/post?text=" + url_encode("@" + *name + " " + text);
            break;
        case AskChannel::Mastodon:
            if (const auto account = mastodon_account(contact))
                return "https://" + account->first + "/share?text=" +
                       url_encode("@" + account->second + "@" + account->first + " " + text);
            break;
        case AskChannel::LinkedIn: return linkedin_profile(contact);
        case AskChannel::Mail:
        case AskChannel::Copy: break;
    }
    return std::nullopt;
}

std::string ask_list_text(const Store& store, std::span<const Id> people, std::string_view question) {
    std::string out = std::string(trim(question)) + "\n\n";
    for (const Id& id : people) {
        const Contact* c = store.contact(id);
        if (!c) continue;
        out += contact_label(*c);
        if (const auto email = first_email(*c)) {
            out += " <" + *email + ">";
        } else {
            for (const Handle& handle : c->handles) {
                if (trim(handle.value).empty()) continue;
                out += " (" + std::string(to_string(handle.kind)) + ": " + std::string(trim(handle.value)) + ")";
                break;
            }
        }
        out += "\n";
    }
    return out;
}

Interaction make_ask(Id id, std::span<const Id> people, std::string_view question, Date today) {
    Interaction ask;
    ask.meta.id = id;
    ask.date = today;
    ask.kind = InteractionKind::Ask;
    ask.initiator = Initiator::Me;
    ask.participants.assign(people.begin(), people.end());
    ask.notes = std::string(trim(question));
    return ask;
}

Interaction make_answer(Id id, const Interaction& ask, Id person, Date today, AskChannel channel) {
    Interaction answer;
    answer.meta.id = id;
    answer.date = std::max(today, ask.date);
    answer.kind = channel == AskChannel::Mail ? InteractionKind::Email : InteractionKind::DirectMessage;
    answer.initiator = Initiator::Them;
    answer.participants = {person};
    answer.notes = "Answered your question: " + clipped(ask.notes, 120);
    answer.answers = ask.meta.id;
    return answer;
}

Opportunity opportunity_from_answer(Id id, const Interaction& ask, const Interaction& answer, Date today) {
    const Id person = answer.participants.empty() ? Id{} : answer.participants.front();
    Opportunity o;
    o.meta.id = id;
    o.title = clipped(ask.notes, 60);
    o.kind = OpportunityKind::Other;
    o.status = OpportunityStatus::Open;
    o.date = today;
    o.contacts = {person};
    o.notes = "Came from their answer to your question of " + ask.date.iso() + ": " + std::string(trim(ask.notes));
    o.from_answer = answer.meta.id;
    return o;
}

const Opportunity* opportunity_from(const Store& store, Id answer) {
    for (const auto& [id, o] : store.opportunities())
        if (!o.meta.deleted && o.from_answer == answer) return &o;
    return nullptr;
}

std::optional<Id> AskRecord::answer_of(Id person) const {
    for (const auto& [who, answer] : answers)
        if (who == person) return answer;
    return std::nullopt;
}

std::vector<AskRecord> asks_in(const Store& store) {
    // One pass over the interactions (at 100,000 they are most of the store): the asks, and the
    // answers by the ask they name.
    std::vector<AskRecord> records;
    std::vector<const Interaction*> answers;
    for (const auto& [id, i] : store.interactions()) {
        if (i.meta.deleted) continue;
        if (i.kind == InteractionKind::Ask) records.push_back({&i, {}});
        else if (i.answers) answers.push_back(&i);
    }
    std::sort(records.begin(), records.end(), [](const AskRecord& a, const AskRecord& b) {
        if (a.ask->date != b.ask->date) return a.ask->date > b.ask->date;
        if (a.ask->meta.created != b.ask->meta.created) return a.ask->meta.created > b.ask->meta.created;
        return a.ask->meta.id < b.ask->meta.id;
    });
    std::unordered_map<Id, std::size_t, IdHash> index;
    for (std::size_t n = 0; n < records.size(); ++n) index.emplace(records[n].ask->meta.id, n);

    std::unordered_map<std::size_t, std::unordered_map<Id, Id, IdHash>> answered;  // ask -> person -> answer
    for (const Interaction* i : answers) {
        const auto at = index.find(*i->answers);
        if (at == index.end()) continue;
        for (const Id& person : i->participants) {
            // The smallest answer id when two devices marked the same person: the same on both.
            auto [slot, fresh] = answered[at->second].try_emplace(person, i->meta.id);
            if (!fresh && i->meta.id < slot->second) slot->second = i->meta.id;
        }
    }
    for (auto& [n, by_person] : answered) {
        AskRecord& record = records[n];
        for (const Id& person : record.ask->participants)
            if (const auto found = by_person.find(person); found != by_person.end()) record.answers.push_back({person, found->second});
    }
    return records;
}

std::string answered_words(const AskRecord& record) {
    return std::to_string(record.answers.size()) + " of " + std::to_string(record.ask->participants.size()) + " answered";
}

}  // namespace ties
