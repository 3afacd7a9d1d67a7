// Import matching: the import's own keys go into hash maps first (a file holds far fewer people
// than a store may), then one pass over the store finds who already has each key. Combining and
// merging reuse contact_keys.hpp, the rules duplicates.cpp merges by.
#include "core/import_plan.hpp"

#include "core/contact_keys.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace ties {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
constexpr std::size_t kAmbiguous = kNone - 1;  // a name held by several people of the import

struct Keys {
    std::vector<std::string> emails;
    std::vector<std::string> handles;  // handle_key: kind byte + normalised value
    std::string name;                  // name_key
};

Keys keys_of(const Contact& contact) {
    Keys keys;
    for (const ContactPoint& email : contact.emails) {
        std::string key = normalise_email(email.value);
        if (!key.empty()) keys.emails.push_back(std::move(key));
    }
    for (const Handle& handle : contact.handles) {
        std::string key = handle_key(handle);
        if (!key.empty()) keys.handles.push_back(std::move(key));
    }
    keys.name = name_key(contact);
    return keys;
}

bool share_any(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (const std::string& x : a) {
        if (std::find(b.begin(), b.end(), x) != b.end()) return true;
    }
    return false;
}

// Two records that a shared name alone must not join: both have emails and share none, or both
// have a handle of one kind and none of that kind agree.
bool disagree(const Keys& a, const Keys& b) {
    if (!a.emails.empty() && !b.emails.empty() && !share_any(a.emails, b.emails)) return true;
    for (const std::string& x : a.handles) {
        const auto kind_of_x = [&x](const std::string& y) { return y[0] == x[0]; };
        if (std::none_of(b.handles.begin(), b.handles.end(), kind_of_x)) continue;
        bool shared = false;
        for (const std::string& mine : a.handles) {
            shared = shared || (kind_of_x(mine) && std::find(b.handles.begin(), b.handles.end(), mine) != b.handles.end());
        }
        if (!shared) return true;
    }
    return false;
}

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

// What makes an interaction the same one again: day, time, kind, initiator, notes and people.
std::string interaction_key(const Interaction& interaction) {
    std::string key;
    const auto add = [&key](std::uint64_t value) {
        for (int i = 0; i < 8; ++i) key.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
    };
    add(static_cast<std::uint64_t>(interaction.date.days));
    add(static_cast<std::uint64_t>(interaction.minute_of_day.value_or(-1)));
    add(static_cast<std::uint64_t>(interaction.kind));
    add(static_cast<std::uint64_t>(interaction.initiator));
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

}  // namespace

ImportPlan plan_import(const Store& store, std::vector<Contact> contacts, std::vector<Interaction> interactions) {
    ImportPlan plan;

    // --- Within the import: combine records of one person. ---
    std::vector<Keys> kept_keys;
    std::unordered_map<std::string, std::size_t> by_email, by_handle, by_name;
    std::unordered_map<Id, Id, IdHash> folded;  // combined incoming id -> the id it joined
    const auto register_keys = [&](const Keys& keys, std::size_t at) {
        for (const std::string& key : keys.emails) by_email.try_emplace(key, at);
        for (const std::string& key : keys.handles) by_handle.try_emplace(key, at);
    };
    for (Contact& contact : contacts) {
        Keys keys = keys_of(contact);
        std::size_t into = kNone;
        for (const std::string& key : keys.emails) {
            if (const auto it = by_email.find(key); it != by_email.end()) {
                into = it->second;
                break;
            }
        }
        for (std::size_t i = 0; into == kNone && i < keys.handles.size(); ++i) {
            if (const auto it = by_handle.find(keys.handles[i]); it != by_handle.end()) into = it->second;
        }
        const auto name = keys.name.empty() ? by_name.end() : by_name.find(keys.name);
        if (into == kNone && name != by_name.end() && name->second != kAmbiguous &&
            !disagree(kept_keys[name->second], keys)) {
            into = name->second;
        }
        if (into != kNone) {
            Contact& keep = plan.contacts[into];
            absorb_contact(keep, contact);
            if (!keep.introduced_by) keep.introduced_by = contact.introduced_by;
            folded.emplace(contact.meta.id, keep.meta.id);
            register_keys(keys, into);
            Keys& merged = kept_keys[into];
            for (std::string& key : keys.emails) {
                if (std::find(merged.emails.begin(), merged.emails.end(), key) == merged.emails.end())
                    merged.emails.push_back(std::move(key));
            }
            for (std::string& key : keys.handles) {
                if (std::find(merged.handles.begin(), merged.handles.end(), key) == merged.handles.end())
                    merged.handles.push_back(std::move(key));
            }
            ++plan.combined;
            continue;
        }
        const std::size_t at = plan.contacts.size();
        register_keys(keys, at);
        if (!keys.name.empty()) {
            if (name != by_name.end()) name->second = kAmbiguous;  // two people of one name
            else by_name.emplace(keys.name, at);
        }
        kept_keys.push_back(std::move(keys));
        plan.contacts.push_back(std::move(contact));
    }
    for (Contact& contact : plan.contacts) {
        if (contact.introduced_by) {
            if (const auto it = folded.find(*contact.introduced_by); it != folded.end()) contact.introduced_by = it->second;
            if (contact.introduced_by == contact.meta.id) contact.introduced_by.reset();
        }
    }
    plan.interactions = std::move(interactions);
    if (!folded.empty()) {
        for (Interaction& interaction : plan.interactions) interaction.participants = mapped(interaction.participants, folded);
    }

    // --- Against the store: one pass for emails and handles, looking up only the import's keys;
    // a second for names, only when someone of the import is still unmatched. ---
    std::unordered_map<std::string, const Contact*> email_owner, handle_owner;
    for (const Keys& keys : kept_keys) {
        for (const std::string& key : keys.emails) email_owner.try_emplace(key, nullptr);
        for (const std::string& key : keys.handles) handle_owner.try_emplace(key, nullptr);
    }
    const auto claim = [](const Contact*& owner, const Contact& contact) {
        if (owner == nullptr || older(contact, *owner)) owner = &contact;
    };
    std::string key;
    if (!email_owner.empty() || !handle_owner.empty()) {
        for (const auto& [id, contact] : store.contacts()) {
            if (contact.meta.deleted) continue;
            for (const ContactPoint& email : contact.emails) {
                key = normalise_email(email.value);
                if (const auto it = email_owner.find(key); it != email_owner.end()) claim(it->second, contact);
            }
            for (const Handle& handle : contact.handles) {
                key = handle_key(handle);
                if (const auto it = handle_owner.find(key); it != handle_owner.end()) claim(it->second, contact);
            }
        }
    }
    std::vector<std::optional<ImportMatch>> found(plan.contacts.size());
    struct NameOwner {
        const Contact* contact = nullptr;
        std::size_t count = 0;
    };
    std::unordered_map<std::string, NameOwner> name_owner;
    for (std::size_t i = 0; i < plan.contacts.size(); ++i) {
        const Keys& keys = kept_keys[i];
        for (const std::string& email : keys.emails) {
            if (const Contact* owner = email_owner.at(email)) {
                found[i] = ImportMatch{i, owner->meta.id, "same email " + email};
                break;
            }
        }
        for (std::size_t h = 0; !found[i] && h < keys.handles.size(); ++h) {
            if (const Contact* owner = handle_owner.at(keys.handles[h]))
                found[i] = ImportMatch{i, owner->meta.id, handle_reason(static_cast<HandleKind>(keys.handles[h][0] - '0'))};
        }
        if (!found[i] && !keys.name.empty()) name_owner.try_emplace(keys.name);
    }
    if (!name_owner.empty()) {
        for (const auto& [id, contact] : store.contacts()) {
            if (contact.meta.deleted) continue;
            if (const auto it = name_owner.find(name_key(contact)); it != name_owner.end()) {
                if (it->second.count++ == 0) it->second.contact = &contact;
            }
        }
        for (std::size_t i = 0; i < plan.contacts.size(); ++i) {
            if (found[i] || kept_keys[i].name.empty()) continue;
            const NameOwner& named = name_owner.at(kept_keys[i].name);
            if (named.count == 1 && !disagree(keys_of(*named.contact), kept_keys[i]))
                found[i] = ImportMatch{i, named.contact->meta.id, "same name"};
        }
    }
    for (std::optional<ImportMatch>& match : found) {
        if (match) plan.matches.push_back(std::move(*match));
    }
    return plan;
}

Change import_change(const Store& store, const ImportPlan& plan, const std::vector<bool>& merge, std::string label,
                     ImportSummary* summary) {
    ImportSummary counts;
    std::vector<const ImportMatch*> match_of(plan.contacts.size(), nullptr);
    for (std::size_t m = 0; m < plan.matches.size(); ++m) {
        const ImportMatch& match = plan.matches[m];
        if (match.incoming >= plan.contacts.size() || !store.contact(match.existing)) continue;
        if (m < merge.size() && !merge[m]) continue;
        match_of[match.incoming] = &match;
    }

    std::unordered_map<Id, Id, IdHash> target;  // incoming id -> the contact it ends up as
    std::vector<Contact> added;
    std::vector<Id> existing_order;
    std::unordered_map<Id, Contact, IdHash> existing;  // merged values of matched contacts
    std::unordered_map<Id, std::optional<Id>, IdHash> introduced;  // existing id -> incoming introduced_by
    for (std::size_t i = 0; i < plan.contacts.size(); ++i) {
        const Contact& incoming = plan.contacts[i];
        if (const ImportMatch* match = match_of[i]) {
            target[incoming.meta.id] = match->existing;
            const auto [it, inserted] = existing.try_emplace(match->existing, *store.contact(match->existing));
            if (inserted) existing_order.push_back(match->existing);
            absorb_contact(it->second, incoming);
            if (incoming.introduced_by) introduced.try_emplace(match->existing, incoming.introduced_by);
            ++counts.merged;
        } else {
            target[incoming.meta.id] = incoming.meta.id;
            added.push_back(incoming);
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
    counts.added = added.size();
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
        interaction.participants = mapped(interaction.participants, target);
        keys.insert(interaction_key(interaction));
        days.insert(interaction.date.days);
        interactions.push_back(std::move(interaction));
    }
    std::unordered_set<std::string> known;
    if (!interactions.empty()) {
        for (const auto& [id, interaction] : store.interactions()) {
            if (interaction.meta.deleted || !days.count(interaction.date.days)) continue;
            std::string key = interaction_key(interaction);
            if (keys.count(key)) known.insert(std::move(key));
        }
    }
    for (Interaction& interaction : interactions) {
        if (!known.empty() && known.count(interaction_key(interaction))) {
            ++counts.interactions_known;
            continue;
        }
        change.records.emplace_back(std::in_place_type<Interaction>, std::move(interaction));
        ++counts.interactions_added;
    }
    if (summary) *summary = counts;
    return change;
}

}  // namespace ties
