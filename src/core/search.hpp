// Finding people fast: text folded for matching (case, accents: "zoe" finds "Zoë"), and a
// contact index that answers a search with filters and a sort order without touching the store
// again. It is rebuilt only when the store changes (Store::version()), never per frame. A
// ContactSearch keeps its last result between keystrokes, so a query that only grows filters that
// result instead of the whole index, and it works in slices, so a list of 100,000 contacts keeps
// drawing while a search runs.
#pragma once

#include "core/store.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ties {

// Lowercases and strips diacritics for Latin (incl. Latin-1 Supplement and Extended-A:
// "Ødegaard" -> "odegaard", "Straße" -> "strasse"), lowercases Greek (dropping tonos) and
// Cyrillic; other code points pass through lowercased where simple. Output is UTF-8.
std::string fold_for_search(std::string_view text);

// LastContact: the most neglected first (never in touch counts as longest ago). Circle: the inner
// circle first; people without a circle last in either direction.
enum class ContactSort { Name, Company, City, RecentlyAdded, RecentlyUpdated, LastContact, Circle };

struct ContactQuery {
    std::string text;                 // words; every word must match some field (AND)
    std::optional<std::string> tag;   // exact tag (folded compare)
    std::optional<Tier> tier;
    std::optional<std::string> city;      // folded equality
    std::optional<std::string> company;   // folded equality
    bool include_archived = false;
    ContactSort sort = ContactSort::Name;
    bool descending = false;
};

class ContactSearch;

class ContactIndex {
public:
    // Rebuilds from the store if its version (or `today`) changed since the last call (else does
    // nothing). Records dated after `today` are planned, not contact: the last contact ignores them.
    void update(const Store& store, Date today = Date{std::numeric_limits<std::int32_t>::max()});
    std::uint64_t version() const { return version_; }

    // Live contacts matching `query`, sorted; ties broken by id so the order is stable.
    std::vector<Id> search(const ContactQuery& query) const;

    // Distinct values for filter menus, sorted for display, with how many live contacts have each.
    struct Facet { std::string value; std::size_t count; };
    const std::vector<Facet>& tags() const { return tags_; }
    const std::vector<Facet>& cities() const { return cities_; }
    const std::vector<Facet>& companies() const { return companies_; }

    std::size_t size() const { return entries_.size(); }  // live contacts

    // The last day in touch with a live contact (an interaction other than a note, or an event
    // attended, up to today), from the same pass as the index; nullopt when never.
    std::optional<Date> last_contact(Id id) const;

    // pick_contacts() over the index: the same ranking, but labels are folded once per store
    // change instead of once per query (at 100,000 contacts: a few ms instead of ~90). A contact
    // whose other fields contain the query ranks below every name match.
    std::vector<Id> pick(std::string_view query, std::size_t limit) const;

private:
    friend class ContactSearch;

    // One live contact, compact: its folded text is a range of text_ (fields joined by '\n':
    // names, nickname, company, title, city, region, country, emails, phones, handles, tags, how
    // met, notes), its tags a range of entry_tags_; company, city and tags are ids into the sorted
    // folded value lists below, so filters and sorts compare integers.
    struct Entry {
        Id id;
        std::uint32_t text_begin = 0, text_end = 0;
        std::uint32_t tags_begin = 0, tags_end = 0;
        std::uint32_t name_rank = 0;  // equal folded labels share a rank
        std::uint32_t company = 0, city = 0;
        Tier tier = Tier::None;
        bool archived = false;
        Millis created = 0, updated = 0;
        std::int32_t last_contact = kNever;  // days since 1970
    };
    static constexpr std::int32_t kNever = std::numeric_limits<std::int32_t>::min();
    static constexpr std::size_t kSortCount = 7;  // ContactSort values
    static std::uint64_t sort_key(const Entry& entry, ContactSort sort);

    std::uint64_t version_ = ~std::uint64_t{0};
    std::uint64_t generation_ = 0;  // counts rebuilds (a new day rebuilds with the same version)
    Date today_;
    std::vector<Entry> entries_;  // in text_ order
    RecordMap<std::uint32_t> by_id_;  // contact id -> entry
    std::string text_;
    std::string labels_;                       // folded contact labels, back to back
    std::vector<std::uint32_t> label_starts_;  // by entry, plus the end
    std::vector<std::uint32_t> entry_tags_;
    std::vector<std::string> tag_keys_, city_keys_, company_keys_;  // folded, sorted
    // Per sort: entry indices by key then id; entries from heads_ on (no company / no city) stay
    // last whichever the direction.
    std::array<std::vector<std::uint32_t>, kSortCount> orders_;
    std::array<std::size_t, kSortCount> heads_{};
    std::vector<Facet> tags_, cities_, companies_;
};

// A search over a ContactIndex that lives across frames. start() aims it at a query; step() works
// on it for about `budget` bytes of text, so the caller decides how much a frame may spend; when
// done(), result() is exactly ContactIndex::search(query). Until then result() keeps the last
// complete result (and result_query() what it answered), for the list to show meanwhile.
// A query narrows the last complete one when the index and the filters are the same and every
// word of the last query lies inside a word of the new one ("an" -> "anna", "anna" -> "anna b"):
// then every new match was an old match, and only those are checked again.
class ContactSearch {
public:
    // Cheap when nothing changed (same index version, same query).
    void start(const ContactIndex& index, const ContactQuery& query);
    // True when the result is complete. A budget of 0 still makes progress.
    bool step(std::size_t budget = std::numeric_limits<std::size_t>::max());
    bool done() const { return phase_ == Phase::Done; }

    const std::vector<Id>& result() const { return result_; }
    // Moves the result out; the next search then starts from scratch.
    std::vector<Id> take_result();
    const ContactQuery& result_query() const { return result_query_; }
    // Whether the search in progress (or the last one) filters an earlier result.
    bool narrowing() const { return narrowing_; }

private:
    enum class Phase { Match, Emit, Done };
    bool match(std::size_t& budget);
    bool emit(std::size_t& budget);
    void finish();

    const ContactIndex* index_ = nullptr;
    std::uint64_t generation_ = 0;
    Phase phase_ = Phase::Done;
    bool started_ = false;
    bool narrowing_ = false;
    ContactQuery query_;              // what is searched now
    std::vector<std::string> words_;  // its folded words, the longest first
    std::vector<std::string> check_;  // the words a narrowing must check (the others held already)
    std::uint32_t tag_ = 0, city_ = 0, company_ = 0;  // filter value ids (kNone: no filter)
    std::vector<std::uint64_t> matched_;   // entries matching so far, one bit each
    std::vector<std::uint64_t> previous_;  // the matches of the last complete search
    std::size_t entry_ = 0, pos_ = 0;      // where matching goes on
    std::size_t cursor_ = 0;               // where emitting goes on
    bool tail_ = false;                     // emitting the entries without a key (kept last)
    std::vector<Id> building_;

    std::vector<Id> result_;
    ContactQuery result_query_;
    std::vector<std::string> result_words_;
    const ContactIndex* result_index_ = nullptr;
    std::uint64_t result_generation_ = 0;
    bool has_result_ = false;
};

// Fuzzy search over contact labels for pickers and the command palette: the best `limit`
// live, non-archived contacts for `query` (see fuzzy.hpp; folded text), best first.
std::vector<Id> pick_contacts(const Store& store, std::string_view query, std::size_t limit);

}  // namespace ties
