// Duplicates: contacts are grouped by keys (normalised email, profile, phone, name key, last name)
// by sorting, so 100,000 contacts never mean 5 billion comparisons; the pairs of a group are
// weighed by judge_match, the rules imports follow (contact_keys.hpp); merging builds one
// Change that moves every reference from the removed contact to the kept one, so undo restores
// everything at once.
#include "core/duplicates.hpp"

#include "core/contact_keys.hpp"
#include "core/search.hpp"
#include "core/text.hpp"
#include "core/utf8.hpp"

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace ties {
namespace {

// A key shared by more contacts than this ("info@company.example") says nothing about any one
// pair; reporting all its pairs would bury the real duplicates. Names are weaker evidence, and a
// name shared by more than a handful of contacts is a common name, not one person many times.
constexpr std::size_t kMaxGroup = 12;
constexpr std::size_t kMaxNameGroup = 6;

constexpr int kNearNameScore = 40;  // below judge_match's "same name, nothing else to compare"

// Levenshtein distance <= 1, on code points.
bool within_one_edit(const std::u32string& a, const std::u32string& b) {
    const std::u32string& shorter = a.size() <= b.size() ? a : b;
    const std::u32string& longer = a.size() <= b.size() ? b : a;
    if (longer.size() - shorter.size() > 1) return false;
    std::size_t i = 0;
    while (i < shorter.size() && shorter[i] == longer[i]) ++i;
    if (i == shorter.size()) return true;  // equal, or one extra at the end
    if (shorter.size() == longer.size()) return shorter.compare(i + 1, std::u32string::npos, longer, i + 1) == 0;
    return shorter.compare(i, std::u32string::npos, longer, i + 1) == 0;
}

class PairFinder {
public:
    explicit PairFinder(std::vector<const Contact*> contacts) : contacts_(std::move(contacts)) {}

    // Every pair of `members` (indices) that judge_match finds evidence for, when the group is
    // small enough to mean something.
    void offer_group(const std::vector<std::uint32_t>& members, const SharedMailboxes& mailboxes,
                     std::size_t max_group = kMaxGroup) {
        if (members.size() < 2 || members.size() > max_group) return;
        for (std::size_t a = 0; a < members.size(); ++a) {
            for (std::size_t b = a + 1; b < members.size(); ++b) {
                const std::uint32_t x = std::min(members[a], members[b]), y = std::max(members[a], members[b]);
                if (index_.count((std::uint64_t{x} << 32) | y)) continue;  // judged already, by another key
                MatchVerdict verdict = judge_match(*contacts_[x], keys(x), *contacts_[y], keys(y), mailboxes);
                if (verdict.evidence != Evidence::None) offer(x, y, verdict.score, verdict.reason);
            }
        }
    }

    // Whether the members of a shared email's group have names that differ.
    bool names_differ(const std::vector<std::uint32_t>& members) {
        for (std::size_t a = 0; a < members.size(); ++a) {
            for (std::size_t b = a + 1; b < members.size(); ++b) {
                if (!names_compatible(keys(members[a]), keys(members[b]))) return true;
            }
        }
        return false;
    }

    const PersonKeys& keys(std::uint32_t i) {
        auto it = keys_.find(i);
        if (it == keys_.end()) it = keys_.emplace(i, person_keys(*contacts_[i])).first;
        return it->second;
    }

    void offer(std::uint32_t a, std::uint32_t b, int score, const std::string& reason) {
        if (a == b) return;
        if (a > b) std::swap(a, b);
        const std::uint64_t key = (std::uint64_t{a} << 32) | b;
        const auto [it, inserted] = index_.try_emplace(key, found_.size());
        if (inserted) {
            found_.push_back(Found{a, b, score, reason});
            return;
        }
        Found& existing = found_[it->second];
        // The strongest reason; at equal strength the smallest text, whatever the map order.
        if (score > existing.score || (score == existing.score && reason < existing.reason)) {
            existing.score = score;
            existing.reason = reason;
        }
    }

    std::vector<DuplicatePair> result() const {
        struct Ranked {
            DuplicatePair pair;
            std::string keep_label;
        };
        std::vector<Ranked> ranked;
        ranked.reserve(found_.size());
        for (const Found& f : found_) {
            const Contact* a = contacts_[f.a];
            const Contact* b = contacts_[f.b];
            const bool a_first = a->meta.created != b->meta.created ? a->meta.created < b->meta.created
                                                                      : a->meta.id < b->meta.id;
            const Contact* keep = a_first ? a : b;
            const Contact* remove = a_first ? b : a;
            ranked.push_back(Ranked{DuplicatePair{keep->meta.id, remove->meta.id, f.reason, f.score},
                                    fold_for_search(contact_label(*keep))});
        }
        std::sort(ranked.begin(), ranked.end(), [](const Ranked& x, const Ranked& y) {
            if (x.pair.score != y.pair.score) return x.pair.score > y.pair.score;
            if (x.keep_label != y.keep_label) return x.keep_label < y.keep_label;
            if (x.pair.keep != y.pair.keep) return x.pair.keep < y.pair.keep;
            return x.pair.remove < y.pair.remove;
        });
        std::vector<DuplicatePair> pairs;
        pairs.reserve(ranked.size());
        for (Ranked& r : ranked) pairs.push_back(std::move(r.pair));
        return pairs;
    }

private:
    struct Found {
        std::uint32_t a, b;
        int score;
        std::string reason;
    };
    std::vector<const Contact*> contacts_;
    std::unordered_map<std::uint64_t, std::size_t> index_;
    std::unordered_map<std::uint32_t, PersonKeys> keys_;  // of the contacts in some group
    std::vector<Found> found_;
};

std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t hash = 0xCBF29CE484222325ull;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001B3ull;
    }
    return hash;
}

// Keys of many contacts in one buffer, grouped by sorting: no allocation per key, which at
// 100,000 contacts is most of what hash maps of strings would cost.
class KeyGroups {
public:
    void add(std::string_view key, std::uint32_t member) {
        refs_.push_back(Ref{fnv1a(key), static_cast<std::uint32_t>(text_.size()), static_cast<std::uint32_t>(key.size()),
                            member});
        text_ += key;
    }

    // Calls f(key, members) for every key that two or more contacts share; members ascending.
    template <typename F>
    void for_each_shared(F&& f) {
        std::sort(refs_.begin(), refs_.end(), [this](const Ref& a, const Ref& b) {
            if (a.hash != b.hash) return a.hash < b.hash;
            const std::string_view ka = key(a), kb = key(b);
            return ka != kb ? ka < kb : a.member < b.member;
        });
        std::vector<std::uint32_t> members;
        for (std::size_t i = 0; i < refs_.size();) {
            const std::string_view k = key(refs_[i]);
            std::size_t j = i;
            members.clear();
            for (; j < refs_.size() && refs_[j].hash == refs_[i].hash && key(refs_[j]) == k; ++j) {
                if (members.empty() || members.back() != refs_[j].member) members.push_back(refs_[j].member);
            }
            if (members.size() >= 2) f(k, members);
            i = j;
        }
    }

private:
    struct Ref {
        std::uint64_t hash;
        std::uint32_t begin, size, member;
    };
    std::string_view key(const Ref& ref) const { return std::string_view(text_).substr(ref.begin, ref.size); }
    std::string text_;
    std::vector<Ref> refs_;
};

// Every contact's name words ("ada king lovelace"), in one buffer.
class NameWords {
public:
    void add(const Contact& contact) {
        starts_.push_back(static_cast<std::uint32_t>(text_.size()));
        append_name_words(text_, contact);
        ends_.push_back(static_cast<std::uint32_t>(text_.size()));
    }
    std::string_view all(std::uint32_t i) const { return std::string_view(text_).substr(starts_[i], ends_[i] - starts_[i]); }
    std::string_view first(std::uint32_t i) const { return all(i).substr(0, all(i).find(' ')); }
    std::string_view last(std::uint32_t i) const {
        const std::string_view name = all(i);
        const std::size_t space = name.rfind(' ');
        return space == std::string_view::npos ? name : name.substr(space + 1);
    }
    // The words between the first and the last ("" for one or two words).
    std::string_view middle(std::uint32_t i) const {
        const std::string_view name = all(i);
        const std::size_t a = name.find(' '), b = name.rfind(' ');
        return a == b ? std::string_view() : name.substr(a + 1, b - a - 1);
    }

private:
    std::string text_;
    std::vector<std::uint32_t> starts_, ends_;
};

std::vector<std::string_view> split_spaces(std::string_view text) {
    std::vector<std::string_view> words;
    while (!text.empty()) {
        const std::size_t space = text.find(' ');
        words.push_back(text.substr(0, space));
        if (space == std::string_view::npos) break;
        text.remove_prefix(space + 1);
    }
    return words;
}

// Middle names that could belong to one person: either has none, or word by word equal or an
// initial of the other ("Ada King Lovelace" ~ "Ada K. Lovelace", but not "Ada B. Lovelace").
bool middles_agree(std::string_view a, std::string_view b) {
    if (a.empty() || b.empty() || a == b) return true;
    const std::vector<std::string_view> x = split_spaces(a), y = split_spaces(b);
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (x[i] == y[i]) continue;
        const std::u32string cx = decode_utf8(x[i]), cy = decode_utf8(y[i]);
        if (!((cx.size() == 1 || cy.size() == 1) && cx[0] == cy[0])) return false;
    }
    return true;
}

// `word` without each one of its code points in turn: two words one edit apart share a variant
// (or one is a variant of the other).
void add_deletion_variants(std::vector<std::pair<std::string, std::uint32_t>>& out, std::string_view word,
                           std::uint32_t group) {
    out.emplace_back(word, group);
    std::size_t start = 0;
    while (start < word.size()) {
        std::size_t end = start + 1;
        while (end < word.size() && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80) ++end;
        std::string variant(word.substr(0, start));
        variant += word.substr(end);
        out.emplace_back(std::move(variant), group);
        start = end;
    }
}

// Near-miss names among contacts sharing a last name: the same first word, or first words one
// edit apart, with agreeing middle names and no contradicting emails or profiles. Distinct first
// words are matched through their deletion variants, so a large bucket is not compared pair by pair.
void offer_near_names(PairFinder& finder, std::vector<std::uint32_t> members, const NameWords& names,
                      const SharedMailboxes& mailboxes) {
    const std::string reason = "similar names";
    const auto offer = [&](std::uint32_t a, std::uint32_t b) {
        if (middles_agree(names.middle(a), names.middle(b)) && !details_contradict(finder.keys(a), finder.keys(b), mailboxes))
            finder.offer(a, b, kNearNameScore, reason);
    };
    std::sort(members.begin(), members.end(), [&](std::uint32_t a, std::uint32_t b) {
        const std::string_view fa = names.first(a), fb = names.first(b);
        return fa != fb ? fa < fb : a < b;
    });
    struct Group {
        std::size_t begin, end;  // in members
    };
    std::vector<Group> groups;
    for (std::size_t i = 0; i < members.size();) {
        std::size_t j = i + 1;
        while (j < members.size() && names.first(members[j]) == names.first(members[i])) ++j;
        if (j - i <= kMaxNameGroup) {  // a larger group is a common name: says nothing
            groups.push_back(Group{i, j});
            for (std::size_t x = i; x < j; ++x) {
                for (std::size_t y = x + 1; y < j; ++y) offer(members[x], members[y]);
            }
        }
        i = j;
    }
    if (groups.size() < 2) return;
    std::vector<std::pair<std::string, std::uint32_t>> variants;
    for (std::uint32_t g = 0; g < groups.size(); ++g) add_deletion_variants(variants, names.first(members[groups[g].begin]), g);
    std::sort(variants.begin(), variants.end());
    std::vector<std::uint64_t> candidates;  // group pairs sharing a variant
    for (std::size_t i = 0; i < variants.size();) {
        std::size_t j = i + 1;
        while (j < variants.size() && variants[j].first == variants[i].first) ++j;
        for (std::size_t x = i; x < j; ++x) {
            for (std::size_t y = x + 1; y < j; ++y) {
                const std::uint32_t a = std::min(variants[x].second, variants[y].second);
                const std::uint32_t b = std::max(variants[x].second, variants[y].second);
                if (a != b) candidates.push_back((std::uint64_t{a} << 32) | b);
            }
        }
        i = j;
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (const std::uint64_t pair : candidates) {
        const Group& ga = groups[pair >> 32];
        const Group& gb = groups[pair & 0xFFFFFFFFu];
        if (!within_one_edit(decode_utf8(names.first(members[ga.begin])), decode_utf8(names.first(members[gb.begin]))))
            continue;
        for (std::size_t x = ga.begin; x < ga.end; ++x) {
            for (std::size_t y = gb.begin; y < gb.end; ++y) offer(members[x], members[y]);
        }
    }
}

}  // namespace

std::vector<DuplicatePair> find_duplicates(const Store& store) {
    // In id order: which of two people is "a" decides the wording of a reason ("same phone number
    // +1 (905) 555-1234" or "... 905.555.1234"), so it must not depend on where the allocator put
    // them (it did: a unit test failed or passed with the tests run before it).
    std::vector<const Contact*> contacts;
    for (const auto& [id, contact] : store.contacts()) {
        if (!contact.meta.deleted) contacts.push_back(&contact);
    }
    std::sort(contacts.begin(), contacts.end(), [](const Contact* a, const Contact* b) { return a->meta.id < b->meta.id; });

    KeyGroups emails, handles, phones, name_keys, last_names;
    NameWords names;
    std::string key;
    std::vector<std::string_view> words;
    for (std::uint32_t i = 0; i < contacts.size(); ++i) {
        const Contact& c = *contacts[i];
        for (const ContactPoint& email : c.emails) {
            key = normalise_email(email.value);
            if (!key.empty()) emails.add(key, i);
        }
        for (const ContactPoint& phone : c.phones) {
            key = phone_key(phone.value);
            if (!key.empty()) phones.add(key, i);
        }
        for (const Handle& handle : c.handles) {
            if (!identifies_person(handle.kind)) continue;  // a web site may be a whole company's
            const std::string value = normalise_handle(handle);
            if (value.empty()) continue;
            key.assign(1, static_cast<char>('0' + static_cast<int>(handle.kind)));  // per kind
            key += value;
            handles.add(key, i);
        }
        names.add(c);
        const std::string_view name = names.all(i);
        if (name.empty()) continue;
        words = split_spaces(name);
        if (words.size() >= 2) last_names.add(names.last(i), i);
        std::sort(words.begin(), words.end());
        key.clear();
        for (const std::string_view word : words) {
            if (!key.empty()) key += ' ';
            key += word;
        }
        name_keys.add(key, i);
    }

    PairFinder finder(contacts);
    SharedMailboxes mailboxes;  // emails of people whose names differ: not evidence on their own
    emails.for_each_shared([&](std::string_view email, const std::vector<std::uint32_t>& members) {
        if (members.size() <= kMaxGroup && finder.names_differ(members)) mailboxes.emplace(email);
    });
    emails.for_each_shared([&](std::string_view, const std::vector<std::uint32_t>& members) {
        finder.offer_group(members, mailboxes);
    });
    for (KeyGroups* groups : {&handles, &phones}) {
        groups->for_each_shared([&](std::string_view, const std::vector<std::uint32_t>& members) {
            finder.offer_group(members, mailboxes);
        });
    }
    name_keys.for_each_shared([&](std::string_view, const std::vector<std::uint32_t>& members) {
        finder.offer_group(members, mailboxes, kMaxNameGroup);
    });
    last_names.for_each_shared([&](std::string_view, const std::vector<std::uint32_t>& members) {
        offer_near_names(finder, members, names, mailboxes);
    });
    return finder.result();
}

// --- Merge ---------------------------------------------------------------------------------------

namespace {

// Replaces `from` by `to` in `ids`, without duplicating `to`; true when anything changed.
bool repoint(std::vector<Id>& ids, Id from, Id to) {
    const auto it = std::find(ids.begin(), ids.end(), from);
    if (it == ids.end()) return false;
    if (std::find(ids.begin(), ids.end(), to) != ids.end()) {
        ids.erase(std::remove(ids.begin(), ids.end(), from), ids.end());
    } else {
        std::replace(ids.begin(), ids.end(), from, to);
        // A list that named `from` twice now names `to` twice: keep the first.
        ids.erase(std::remove(std::next(std::find(ids.begin(), ids.end(), to)), ids.end(), to), ids.end());
    }
    return true;
}

}  // namespace

Change merge_contacts(const Store& store, Id keep_id, Id remove_id) {
    const Contact* keep = store.contact(keep_id);
    const Contact* remove = store.contact(remove_id);
    if (!keep || !remove || keep_id == remove_id) return {};

    Contact merged = *keep;
    absorb_contact(merged, *remove);
    merged.introduced_by.reset();
    for (const std::optional<Id>& by : {keep->introduced_by, remove->introduced_by}) {
        if (by && *by != keep_id && *by != remove_id) {
            merged.introduced_by = by;
            break;
        }
    }

    Change change;
    change.label = "Merge " + contact_label(*remove) + " into " + contact_label(*keep);
    change.records.emplace_back(std::in_place_type<Contact>, std::move(merged));

    // Every reference to `remove`, in a fixed (id) order so the Change is reproducible.
    const auto repointed = [&](const auto& map, auto member) {
        using T = typename std::decay_t<decltype(map)>::mapped_type;
        std::vector<T> changed;
        for (const auto& [id, record] : map) {
            if (record.meta.deleted) continue;
            T copy = record;
            if (repoint(copy.*member, remove_id, keep_id)) changed.push_back(std::move(copy));
        }
        std::sort(changed.begin(), changed.end(), [](const T& a, const T& b) { return a.meta.id < b.meta.id; });
        for (T& record : changed) change.records.emplace_back(std::in_place_type<T>, std::move(record));
    };
    repointed(store.interactions(), &Interaction::participants);
    repointed(store.events(), &Event::attendees);
    repointed(store.opportunities(), &Opportunity::contacts);
    std::vector<Contact> introduced;
    for (const auto& [id, contact] : store.contacts()) {
        if (contact.meta.deleted || id == keep_id || id == remove_id) continue;
        if (contact.introduced_by == remove_id) {
            Contact copy = contact;
            copy.introduced_by = keep_id;
            introduced.push_back(std::move(copy));
        }
    }
    std::sort(introduced.begin(), introduced.end(),
              [](const Contact& a, const Contact& b) { return a.meta.id < b.meta.id; });
    for (Contact& contact : introduced) change.records.emplace_back(std::in_place_type<Contact>, std::move(contact));

    change.records.push_back(tombstone_of(Record(*remove)));
    return change;
}

}  // namespace ties
