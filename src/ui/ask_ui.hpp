// The Ask section (issue 16): ask the right people for help. Choose whom (a cluster of the map, a
// tag, a city, a circle, or the people whose company, title or past help fits), write the question
// once, see who it reaches and how (e-mail, X, Mastodon, LinkedIn, the copied list), what the
// week's budget leaves and who was asked too recently; "Ask" logs it on each person, then the page
// opens the mail drafts in BCC batches and each compose page. Below, your asks: answers marked in
// a click, and an answer that led somewhere turned into an opportunity linked to them.
//
// The audience and its plan are computed when the choice, the store or the day changes, not per
// frame (at 10,000 people they scan everyone and every ask).
#pragma once

#include "core/ask.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace ties::ui {

struct UiView;
struct UiIntents;

enum class AudienceKind : std::uint8_t { Cluster, Tag, City, Circle, Fit };

struct AskUi {
    AudienceKind kind = AudienceKind::Tag;
    std::string cluster, tag, city, fit;  // the chosen cluster by its label
    Tier circle = Tier::Friends;
    std::string subject, question;
    bool include_recent = false;
    std::unordered_set<Id, IdHash> left_out;  // people un-ticked in the audience

    // The audience as last computed, and what from.
    struct Key {
        std::uint64_t version = 0;
        Date today;
        AudienceKind kind{};
        std::string value;
        bool include_recent = false;
        bool operator==(const Key&) const = default;
    };
    std::optional<Key> key;
    std::vector<Fit> audience;  // with why each fits (empty `why` for tag, city, circle, cluster)
    AskPlan plan;

    // What the page lists, each from the store as of its version (a scan of every record or person,
    // not made per frame; the tags and cities only while their chooser is shown).
    std::optional<std::uint64_t> lists_version, tags_version, cities_version;
    std::vector<AskRecord> asks;
    std::vector<std::string> tags, cities;

    std::optional<Id> sent;       // the ask just made: how to send it is shown
    std::uint64_t sent_version = 0;  // the store's version when it was made (before it was applied)
    std::optional<Id> open_ask;   // the ask opened in "Your asks"
};

void draw_ask(AskUi& ui, const UiView& view, UiIntents& out);

}  // namespace ties::ui
