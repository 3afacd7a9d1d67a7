// Import matching: the import's own keys go into hash maps first (a file holds far fewer people
// than a store may), then one pass over the store collects who else holds each key; cards and
// store contacts sharing a key are weighed by judge_match (contact_keys.hpp), the rules
// duplicates.cpp uses too. Combining and merging reuse absorb_contact.
#include "core/import_plan.hpp"

#include "core/contact_keys.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace ties {
namespace {

// More holders of one key than this are a crowd (a shop's mailbox, a common name): only the
// first are compared, and an email held by a crowd is a shared mailbox.
constexpr std::size_t kMaxHolders = 16;

template <typename T>
using KeyMap = std::unordered_map<std::string, std::vector<T>>;

bool older(const Contact& a, const Contact& b) {
    return a.meta.created != b.meta.created ? a.meta.created < b.meta.created : a.meta.id < b.meta.id;
}

void add_unique(std::vector<Id>& ids, Id id) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

// Participants mapped through `target` (ids not in it stay), each once, in their order.
std::vector<Id> mapped(const std::vector<Id>& ids, const std::unordered_map<Id, Id, IdHash>& target) {
    std::vector<Id> out;
    out.reserve(ids.size());
    for (const Id id : ids) {
        const auto it = target.find(id);
        add_unique(out, it == target.end() ? id : it->second);
    }
    return out;
}

// What makes an interaction the same one again: day, time, kind, initiator, notes and people
// (without the people: the same touch, perhaps with fewer people, as when a history import
// brings a thread again after the person added someone from it).
std::string interaction_key(const Interaction& interaction, bool with_people = true) {
    std::string key;
    const auto add = [&key](std::uint64_t value) {
        for (int i = 0; i < 8; ++i) key.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
    };
    add(static_cast<std::uint64_t>(interaction.date.days));
    add(static_cast<std::uint64_t>(interaction.minute_of_day.value_or(-1)));
    add(static_cast<std::uint64_t>(interaction.kind));
    add(static_cast<std::uint64_t>(interaction.initiator));
    if (!with_people) return key + interaction.notes;
    std::vector<Id> people = interaction.participants;
    std::sort(people.begin(), people.end());
    people.erase(std::unique(people.begin(), people.end()), people.end());
    add(people.size());
    for (const Id id : people) {
        add(id.hi);
        add(id.lo);
    }
    key += interaction.notes;
    return key;
}


// Who holds each key of the import: its cards (ascending) and the store's live contacts.
struct Holders {
    KeyMap<std::size_t> cards;
    KeyMap<const Contact*> stored;

    void add_card(const std::string& key, std::size_t card) { cards[key].push_back(card); }
    // Registers the store contact when the import has this key.
    void offer(const std::string& key, const Contact& contact) {
        if (const auto it = stored.find(key); it != stored.end()) it->second.push_back(&contact);
    }
};

bool better(const MatchVerdict& a, const MatchVerdict& b) {
    return a.evidence != b.evidence ? a.evidence > b.evidence : a.score > b.score;
}

// Emails held by people whose names differ, among the cards and the store.
SharedMailboxes find_mailboxes(const Holders& emails, const std::vector<PersonKeys>& keys,
                               const std::function<const PersonKeys&(const Contact*)>& stored_keys) {
    SharedMailboxes mailboxes;
    std::vector<const PersonKeys*> holders;
    for (const auto& [email, cards] : emails.cards) {
        holders.clear();
        for (const std::size_t card : cards) holders.push_back(&keys[card]);
        if (const auto it = emails.stored.find(email); it != emails.stored.end())
            for (const Contact* contact : it->second) holders.push_back(&stored_keys(contact));
        bool shared = holders.size() > kMaxHolders;
        for (std::size_t a = 0; a < holders.size() && !shared; ++a) {
            for (std::size_t b = a + 1; b < holders.size() && !shared; ++b) shared = !names_compatible(*holders[a], *holders[b]);
        }
        if (shared) mailboxes.insert(email);
    }
    return mailboxes;
}

template <typename F>
void for_each_key(const PersonKeys& keys, F&& f) {
    for (const std::string& key : keys.emails) f(0, key);
    for (const std::string& key : keys.profiles) f(1, key);
    for (const std::string& key : keys.phones) f(2, key);
    if (!keys.name.empty()) f(3, keys.name);
}

// The cards a match list decides: root[i] is the card that card i ends up as (itself, or the
// first card of those combined with it); store[r] the contact a root merges into, if any.
struct Resolution {
    std::vector<std::size_t> root;
    std::vector<const ImportMatch*> store;
    std::size_t left_apart = 0;
};

Resolution resolve(const Store& store, const ImportPlan& plan, const std::vector<bool>& merge) {
    Resolution r;
    const std::size_t n = plan.contacts.size();
    r.root.resize(n);
    r.store.assign(n, nullptr);
    std::vector<const ImportMatch*> link(n, nullptr);
    for (std::size_t m = 0; m < plan.matches.size(); ++m) {
        const ImportMatch& match = plan.matches[m];
        if (match.incoming >= n) continue;
        const bool ticked = m < merge.size() ? static_cast<bool>(merge[m]) : match.strong;
        const bool valid = match.in_file() ? match.card < match.incoming : store.contact(match.existing) != nullptr;
        if (!ticked || !valid) {
            ++r.left_apart;
            continue;
        }
        link[match.incoming] = &match;
    }
    for (std::size_t i = 0; i < n; ++i) {
        r.root[i] = link[i] && link[i]->in_file() ? r.root[link[i]->card] : i;
        if (link[i] && !link[i]->in_file()) r.store[i] = link[i];
    }
    return r;
}

// Whether a card that matches nobody becomes a person: always, except in a history plan.
bool adds(const ImportPlan& plan, const std::vector<bool>& add, std::size_t card) {
    return !plan.history || (card < add.size() && add[card]);
}

void count_people(const ImportPlan& plan, const Resolution& r, ImportSummary& summary, const std::vector<bool>& add) {
    const std::size_t n = plan.contacts.size();
    summary.cards = n;
    summary.left_apart = r.left_apart;
    std::vector<std::size_t> size(n, 0);
    for (std::size_t i = 0; i < n; ++i) ++size[r.root[i]];
    for (std::size_t i = 0; i < n; ++i) {
        if (size[i] == 0) continue;
        if (r.store[i]) {
            ++summary.merged;
        } else {
            ++(adds(plan, add, i) ? summary.added : summary.offered);
            summary.new_people.push_back(i);
        }
        if (size[i] > 1) {
            summary.combined += size[i] - 1;
            summary.groups.emplace_back(contact_label(plan.contacts[i]), size[i]);
        }
    }
}

std::string count_words(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

ImportPlan plan_import(const Store& store, std::vector<Contact> contacts, std::vector<Interaction> interactions) {
    ImportPlan plan;
    plan.contacts = std::move(contacts);
    plan.interactions = std::move(interactions);
    const std::size_t n = plan.contacts.size();

    // --- The import's keys, then one pass over the store for who else holds them. ---
    std::vector<PersonKeys> keys;
    keys.reserve(n);
    Holders holders[4];  // emails, profiles, phones, names
    for (std::size_t i = 0; i < n; ++i) {
        keys.push_back(person_keys(plan.contacts[i]));
        for_each_key(keys[i], [&](int kind, const std::string& key) {
            std::vector<std::size_t>& cards = holders[kind].cards[key];
            if (cards.empty() || cards.back() != i) cards.push_back(i);
        });
    }
    for (Holders& h : holders) {
        for (const auto& entry : h.cards) h.stored.try_emplace(entry.first);
    }
    std::string key;
    for (const auto& [id, contact] : store.contacts()) {
        if (contact.meta.deleted) continue;
        for (const ContactPoint& email : contact.emails) {
            key = normalise_email(email.value);
            holders[0].offer(key, contact);
        }
        for (const Handle& handle : contact.handles) {
            if (!identifies_person(handle.kind)) continue;
            key = handle_key(handle);
            holders[1].offer(key, contact);
        }
        for (const ContactPoint& phone : contact.phones) {
            key = phone_key(phone.value);
            if (!key.empty()) holders[2].offer(key, contact);
        }
        if (!holders[3].cards.empty()) holders[3].offer(person_name(contact), contact);
    }
    std::unordered_map<const Contact*, PersonKeys> stored_keys;
    const auto keys_of_stored = [&stored_keys](const Contact* contact) -> const PersonKeys& {
        auto it = stored_keys.find(contact);
        if (it == stored_keys.end()) it = stored_keys.emplace(contact, person_keys(*contact)).first;
        return it->second;
    };
    const SharedMailboxes mailboxes = find_mailboxes(holders[0], keys, keys_of_stored);

    // --- Within the import: each card against the earlier cards sharing a key. ---
    std::vector<std::optional<ImportMatch>> found(n);
    std::vector<std::size_t> root(n);  // the card a card joins by default (strong matches)
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < n; ++i) {
        root[i] = i;
        candidates.clear();
        for_each_key(keys[i], [&](int kind, const std::string& k) {
            const std::vector<std::size_t>& cards = holders[kind].cards.at(k);
            for (std::size_t c = 0; c < cards.size() && c < kMaxHolders && cards[c] < i; ++c) candidates.push_back(cards[c]);
        });
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        MatchVerdict best;
        std::size_t best_card = 0;
        for (const std::size_t j : candidates) {
            MatchVerdict verdict = judge_match(plan.contacts[i], keys[i], plan.contacts[j], keys[j], mailboxes);
            if (better(verdict, best)) {
                best = std::move(verdict);
                best_card = j;
            }
        }
        if (best.evidence == Evidence::None) continue;
        const std::size_t into = root[best_card];
        if (best.evidence == Evidence::Strong) root[i] = into;
        found[i] = ImportMatch{i, into, Id{}, best.evidence == Evidence::Strong, std::move(best.reason)};
    }

    // --- Against the store: each person of the import (a root and the cards joined to it). ---
    std::vector<Contact> combined(n);
    std::vector<bool> has_members(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        if (root[i] == i) continue;
        if (!has_members[root[i]]) combined[root[i]] = plan.contacts[root[i]];
        has_members[root[i]] = true;
        absorb_contact(combined[root[i]], plan.contacts[i]);
    }
    std::vector<const Contact*> stored;
    for (std::size_t r = 0; r < n; ++r) {
        if (root[r] != r) continue;
        const Contact& person = has_members[r] ? combined[r] : plan.contacts[r];
        const PersonKeys person_keys_ = has_members[r] ? person_keys(person) : PersonKeys{};
        const PersonKeys& pk = has_members[r] ? person_keys_ : keys[r];
        stored.clear();
        std::size_t same_name = 0;
        for_each_key(pk, [&](int kind, const std::string& k) {
            const auto it = holders[kind].stored.find(k);
            if (it == holders[kind].stored.end()) return;
            if (kind == 3) same_name = it->second.size();
            for (std::size_t c = 0; c < it->second.size() && c < kMaxHolders; ++c) stored.push_back(it->second[c]);
        });
        std::sort(stored.begin(), stored.end(), [](const Contact* a, const Contact* b) { return older(*a, *b); });
        stored.erase(std::unique(stored.begin(), stored.end()), stored.end());
        MatchVerdict best;
        const Contact* best_contact = nullptr;
        for (const Contact* contact : stored) {
            MatchVerdict verdict = judge_match(person, pk, *contact, keys_of_stored(contact), mailboxes);
            if (verdict.evidence == Evidence::Weak && verdict.score == kSameNameOnlyScore) {
                // The same name and nothing else: the file imported again when every detail is
                // the same; a question when one contact has the name; nothing when several do.
                if (same_details(person, *contact)) verdict = {Evidence::Strong, 60, "same name and the same details"};
                else if (same_name > 1) verdict = {};
            }
            if (better(verdict, best)) {
                best = std::move(verdict);
                best_contact = contact;
            }
        }
        if (!best_contact) continue;
        if (found[r]) {  // a weak question within the file: the store's answer wins when as good
            const MatchVerdict in_file{found[r]->strong ? Evidence::Strong : Evidence::Weak, 0, {}};
            if (best.evidence < in_file.evidence) continue;
        }
        found[r] = ImportMatch{r, ImportMatch::kStore, best_contact->meta.id, best.evidence == Evidence::Strong,
                               std::move(best.reason)};
    }
    for (std::optional<ImportMatch>& match : found) {
        if (match) plan.matches.push_back(std::move(*match));
    }
    return plan;
}

std::vector<bool> default_merges(const ImportPlan& plan) {
    std::vector<bool> merge;
    merge.reserve(plan.matches.size());
    for (const ImportMatch& match : plan.matches) merge.push_back(match.strong);
    return merge;
}

ImportSummary summarise_import(const Store& store, const ImportPlan& plan, const std::vector<bool>& merge,
                               const std::vector<bool>& add) {
    ImportSummary summary;
    count_people(plan, resolve(store, plan, merge), summary, add);
    return summary;
}

namespace {

// "6 new people, 1 merged with someone you have, 4 entries for John Doe combined into one, …"
std::string describe_people(const ImportSummary& s) {
    std::string text = count_words(s.added, "new person", "new people");
    if (s.merged > 0) text += ", " + (s.merged == 1 ? std::string("1 merged with someone you have") : std::to_string(s.merged) + " merged with people you have");
    constexpr std::size_t kNamed = 3;
    for (std::size_t g = 0; g < s.groups.size() && g < kNamed; ++g)
        text += ", " + std::to_string(s.groups[g].second) + " entries for " + s.groups[g].first + " combined into one";
    if (s.groups.size() > kNamed) {
        std::size_t cards = 0;
        for (std::size_t g = kNamed; g < s.groups.size(); ++g) cards += s.groups[g].second;
        text += ", " + std::to_string(cards) + " more entries combined into " +
                count_words(s.groups.size() - kNamed, "person", "people");
    }
    if (s.left_apart > 0) text += ", " + count_words(s.left_apart, "possible match", "possible matches") + " left apart";
    return text;
}

}  // namespace

std::string describe_import(const ImportSummary& s) {
    return count_words(s.cards, "entry", "entries") + ": " + describe_people(s);
}

std::string describe_import_done(const ImportSummary& s, const std::string& source) {
    return "Imported " + count_words(s.cards, "entry", "entries") + " from " + source + ": " + describe_people(s) + "; " +
           count_words(s.interactions_added, "conversation", "conversations") + ". Undo takes it all back.";
}

std::string describe_history_done(const ImportSummary& s) {
    std::string text = "Added " + count_words(s.interactions_added, "touch", "touches") + " with " +
                       count_words(s.merged, "person you have", "people you have");
    if (s.added > 0) text += " and " + count_words(s.added, "new person", "new people");
    if (s.interactions_known > 0) text += "; " + std::to_string(s.interactions_known) + " were there already";
    if (s.offered > 0) {
        text += "; " + count_words(s.offered, "person", "people") + " you don't have left out";
        if (s.interactions_offered > 0)
            text += ", with " + count_words(s.interactions_offered, "touch", "touches") + " only with them";
    }
    return text + ". Undo takes it all back.";
}

Change import_change(const Store& store, const ImportPlan& plan, const std::vector<bool>& merge, std::string label,
                     ImportSummary* summary, const std::vector<bool>& add) {
    const Resolution resolution = resolve(store, plan, merge);
    ImportSummary counts;
    count_people(plan, resolution, counts, add);

    std::unordered_map<Id, Id, IdHash> target;  // card id -> the contact it ends up as
    std::vector<Contact> added;
    std::unordered_map<std::size_t, std::size_t> added_at;  // root card -> index into added
    std::vector<Id> existing_order;
    std::unordered_map<Id, Contact, IdHash> existing;  // merged values of matched contacts
    std::unordered_map<Id, std::optional<Id>, IdHash> introduced;  // existing id -> a card's introduced_by
    for (std::size_t i = 0; i < plan.contacts.size(); ++i) {
        const Contact& card = plan.contacts[i];
        const std::size_t r = resolution.root[i];
        if (const ImportMatch* match = resolution.store[r]) {
            target[card.meta.id] = match->existing;
            const auto [it, inserted] = existing.try_emplace(match->existing, *store.contact(match->existing));
            if (inserted) existing_order.push_back(match->existing);
            absorb_contact(it->second, card);
            if (card.introduced_by) introduced.try_emplace(match->existing, card.introduced_by);
        } else if (!adds(plan, add, r)) {
            continue;  // offered, not added: its touches leave it out
        } else if (r == i) {
            target[card.meta.id] = card.meta.id;
            added_at[i] = added.size();
            added.push_back(card);
        } else {
            Contact& person = added[added_at.at(r)];
            target[card.meta.id] = person.meta.id;
            absorb_contact(person, card);
            if (!person.introduced_by) person.introduced_by = card.introduced_by;
        }
    }
    const auto remap = [&target](std::optional<Id>& by, Id self) {
        if (!by) return;
        if (const auto it = target.find(*by); it != target.end()) by = it->second;
        if (*by == self) by.reset();
    };

    Change change{std::move(label), {}};
    change.records.reserve(added.size() + existing_order.size() + plan.interactions.size());
    for (Contact& contact : added) {
        remap(contact.introduced_by, contact.meta.id);
        change.records.emplace_back(std::in_place_type<Contact>, std::move(contact));
    }
    for (const Id id : existing_order) {
        Contact& merged = existing.at(id);
        if (!merged.introduced_by) {
            if (const auto it = introduced.find(id); it != introduced.end()) {
                merged.introduced_by = it->second;
                remap(merged.introduced_by, id);
            }
        }
        if (merged == *store.contact(id)) continue;
        change.records.emplace_back(std::in_place_type<Contact>, std::move(merged));
        ++counts.updated;
    }

    // Interactions, minus those the store already has.
    std::vector<Interaction> interactions;
    interactions.reserve(plan.interactions.size());
    std::unordered_set<std::string> keys;
    std::unordered_set<std::int32_t> days;
    for (const Interaction& incoming : plan.interactions) {
        Interaction interaction = incoming;
        if (plan.history) {
            std::erase_if(interaction.participants, [&target](Id id) { return !target.count(id); });
            if (interaction.participants.empty()) {
                ++counts.interactions_offered;
                continue;
            }
        }
        interaction.participants = mapped(interaction.participants, target);
        keys.insert(interaction_key(interaction));
        days.insert(interaction.date.days);
        interactions.push_back(std::move(interaction));
    }
    std::unordered_set<std::string> known;
    // History: the store's touches by key without people, to widen one rather than add its twin.
    std::unordered_map<std::string, std::vector<const Interaction*>> same_touch;
    if (!interactions.empty()) {
        for (const auto& [id, interaction] : store.interactions()) {
            if (interaction.meta.deleted || !days.count(interaction.date.days)) continue;
            std::string key = interaction_key(interaction);
            if (keys.count(key)) known.insert(std::move(key));
            else if (plan.history) same_touch[interaction_key(interaction, false)].push_back(&interaction);
        }
    }
    const auto within = [](const std::vector<Id>& few, const std::vector<Id>& many) {
        return std::all_of(few.begin(), few.end(), [&many](Id id) { return std::find(many.begin(), many.end(), id) != many.end(); });
    };
    for (Interaction& interaction : interactions) {
        if (!known.empty() && known.count(interaction_key(interaction))) {
            ++counts.interactions_known;
            continue;
        }
        if (const auto found = same_touch.find(interaction_key(interaction, false)); found != same_touch.end()) {
            const auto narrower = std::find_if(found->second.begin(), found->second.end(), [&](const Interaction* stored) {
                return within(stored->participants, interaction.participants);
            });
            if (narrower != found->second.end()) {
                Interaction widened = **narrower;  // the same touch, now with the people added too
                for (const Id& id : interaction.participants) add_unique(widened.participants, id);
                found->second.erase(narrower);
                change.records.emplace_back(std::in_place_type<Interaction>, std::move(widened));
                ++counts.interactions_known;
                continue;
            }
        }
        change.records.emplace_back(std::in_place_type<Interaction>, std::move(interaction));
        ++counts.interactions_added;
    }
    if (summary) *summary = counts;
    return change;
}

std::vector<OfferedPerson> offered_people(const ImportPlan& plan, const ImportSummary& summary) {
    std::vector<OfferedPerson> offered;
    std::unordered_map<Id, std::size_t, IdHash> at;  // card id -> its place in `offered`
    for (const std::size_t card : summary.new_people) {
        at[plan.contacts[card].meta.id] = offered.size();
        offered.push_back({card, 0, Date{}});
    }
    for (const Interaction& i : plan.interactions)
        for (const Id& person : i.participants)
            if (const auto found = at.find(person); found != at.end()) {
                OfferedPerson& o = offered[found->second];
                ++o.touches;
                o.last = std::max(o.last, i.date);
            }
    std::stable_sort(offered.begin(), offered.end(), [](const OfferedPerson& a, const OfferedPerson& b) {
        return a.touches != b.touches ? a.touches > b.touches : b.last < a.last;
    });
    return offered;
}

}  // namespace ties
