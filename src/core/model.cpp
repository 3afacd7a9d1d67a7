// Record helpers shared by the store, storage and UI: metadata access across record kinds,
// tombstones, and the user-facing names of every enum (kept here so all screens agree).
#include "core/model.hpp"

#include <type_traits>

namespace ties {
namespace {

std::string_view trim(std::string_view text) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

}  // namespace

const RecordMeta& meta_of(const Record& record) {
    return std::visit([](const auto& r) -> const RecordMeta& { return r.meta; }, record);
}

RecordMeta& meta_of(Record& record) {
    return std::visit([](auto& r) -> RecordMeta& { return r.meta; }, record);
}

Record tombstone_of(const Record& record) {
    return std::visit(
        [](const auto& r) -> Record {
            std::decay_t<decltype(r)> tombstone{};
            tombstone.meta = r.meta;
            tombstone.meta.deleted = true;
            return tombstone;
        },
        record);
}

Cadence default_cadence(Tier tier) {
    switch (tier) {
        case Tier::None: return {};
        case Tier::Inner: return {7, 14};
        case Tier::Close: return {21, 35};
        case Tier::Friends: return {60, 90};
        case Tier::Meaningful: return {182, 270};
        case Tier::Acquaintances: return {365, 540};
        case Tier::Recognisable: return {};
    }
    return {};
}

std::array<Cadence, kTierCount> default_cadences() {
    std::array<Cadence, kTierCount> cadences{};
    for (int tier = 0; tier < kTierCount; ++tier) cadences[tier] = default_cadence(static_cast<Tier>(tier));
    return cadences;
}

std::string contact_label(const Contact& contact) {
    if (const auto name = trim(contact.display_name); !name.empty()) return std::string(name);
    const std::string full = std::string(trim(contact.given_name)) + " " + std::string(trim(contact.family_name));
    if (const auto name = trim(full); !name.empty()) return std::string(name);
    if (const auto name = trim(contact.nickname); !name.empty()) return std::string(name);
    for (const std::string& email : contact.emails) {
        if (const auto address = trim(email); !address.empty()) return std::string(address);
    }
    return "(no name)";
}

std::string_view to_string(Tier tier) {
    switch (tier) {
        case Tier::None: return "Not set";
        case Tier::Inner: return "Inner circle (5)";
        case Tier::Close: return "Close (15)";
        case Tier::Friends: return "Friends (50)";
        case Tier::Meaningful: return "Meaningful (150)";
        case Tier::Acquaintances: return "Acquaintances (500)";
        case Tier::Recognisable: return "Recognisable (1500)";
    }
    return "Unknown tier";
}

std::string_view to_string(HandleKind kind) {
    switch (kind) {
        case HandleKind::X: return "X";
        case HandleKind::LinkedIn: return "LinkedIn";
        case HandleKind::Mastodon: return "Mastodon";
        case HandleKind::Bluesky: return "Bluesky";
        case HandleKind::GitHub: return "GitHub";
        case HandleKind::Website: return "Website";
        case HandleKind::Other: return "Other";
    }
    return "Other";
}

std::string_view to_string(InteractionKind kind) {
    switch (kind) {
        case InteractionKind::OnlineConversation: return "Online conversation";
        case InteractionKind::DirectMessage: return "Direct message";
        case InteractionKind::Email: return "Email";
        case InteractionKind::Call: return "Call";
        case InteractionKind::VideoCall: return "Video call";
        case InteractionKind::Coffee: return "Coffee";
        case InteractionKind::MealOrDrinks: return "Meal or drinks";
        case InteractionKind::Meetup: return "Meetup or event";
        case InteractionKind::IntroductionMade: return "Introduction made";
        case InteractionKind::HelpGiven: return "Help given";
        case InteractionKind::HelpReceived: return "Help received";
        case InteractionKind::Note: return "Note";
    }
    return "Interaction";
}

std::string_view to_string(Initiator initiator) {
    switch (initiator) {
        case Initiator::Unknown: return "Unknown";
        case Initiator::Me: return "Me";
        case Initiator::Them: return "Them";
    }
    return "Unknown";
}

std::string_view to_string(EventKind kind) {
    switch (kind) {
        case EventKind::Tweetup: return "Tweetup";
        case EventKind::Meetup: return "Meetup";
        case EventKind::Conference: return "Conference";
        case EventKind::Other: return "Other";
    }
    return "Other";
}

std::string_view to_string(OpportunityKind kind) {
    switch (kind) {
        case OpportunityKind::Job: return "Job";
        case OpportunityKind::Client: return "Client";
        case OpportunityKind::Partnership: return "Partnership";
        case OpportunityKind::Speaking: return "Speaking";
        case OpportunityKind::Investment: return "Investment";
        case OpportunityKind::Other: return "Other";
    }
    return "Other";
}

std::string_view to_string(OpportunityStatus status) {
    switch (status) {
        case OpportunityStatus::Open: return "Open";
        case OpportunityStatus::Won: return "Won";
        case OpportunityStatus::Lost: return "Lost";
    }
    return "Open";
}

}  // namespace ties
