// Search benchmark (not a test): how long the contact index takes to rebuild after a change, and
// how long a search takes while someone types (1, 2, 3 letters of many different words, two-word
// queries, filter-only queries), at 10,000 and 100,000 sample contacts; the same letters typed
// one after the other into a ContactSearch, which narrows the previous result as the list does;
// also the fuzzy picker and the duplicate finder. Medians over many different queries,
// std::chrono::steady_clock.
#include "core/duplicates.hpp"
#include "core/sample_data.hpp"
#include "core/search.hpp"
#include "core/utf8.hpp"
#include "bench_timing.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace ties;

namespace {

constexpr Millis kNow = 1'725'000'000'000;

using bench::median;
using bench::time_ms;
// Words people would type, in every script of the sample: names, companies, cities, tags.
const std::vector<std::string> kWords = {
    "ada", "grace", "maria", "anna", "lukasz", "zoe", "soren", "garcia", "müller", "dubois", "berlin", "london",
    "kraków", "paris", "rust", "design", "mentor", "investor", "analytical", "fjord", "helios", "engineer",
    "founder", "tokyo", "priya", "okafor", "chen", "yilmaz", "athens", "kyiv", "δημήτρης", "ελένη",
    "παπαδ", "анна", "иван", "ольга", "смирн", "example", "github", "podcast"};

const std::vector<std::string> kTwoWords = {"anna berlin", "rust mentor", "maria madrid", "design paris",
                                            "ada london", "engineer berlin", "founder investor", "анна kyiv",
                                            "δημήτρης athens", "zoe lyon", "garcia engineer", "müller münchen"};

std::string prefix(const std::string& word, std::size_t letters) {
    const std::u32string cps = decode_utf8(word);
    return encode_utf8(std::u32string_view(cps).substr(0, letters));
}

struct Row {
    std::size_t contacts = 0;
    double update_ms = 0;
    double letters_ms[3] = {0, 0, 0};
    double typed_ms[3] = {0, 0, 0};  // each letter after the one before, narrowing
    double two_words_ms = 0;
    double filters_ms = 0;
    double pick_ms = 0;
    std::size_t two_letter_hits = 0;  // median result count, for scale
};

Row run(std::size_t contacts, double* duplicates_ms, std::size_t* duplicate_pairs) {
    SampleSize size;
    size.contacts = contacts;
    size.interactions = contacts / 5;
    size.events = 40;
    size.opportunities = 40;
    Store store;
    for (Record& record : make_sample_data(2024, kNow, date_of(kNow), size).records) store.load(std::move(record));

    Row row;
    row.contacts = contacts;
    std::vector<double> updates;
    for (int i = 0; i < 3; ++i) {
        ContactIndex fresh;
        updates.push_back(time_ms([&] { fresh.update(store); }));
    }
    row.update_ms = median(updates);

    ContactIndex index;
    index.update(store);
    std::size_t sink = 0;
    for (const std::string& word : kWords) {  // warm up
        ContactQuery query;
        query.text = word;
        sink += index.search(query).size();
    }

    std::vector<double> hits;
    std::vector<double> keystrokes;  // every 1-, 2- and 3-letter prefix: what each key press costs
    for (std::size_t letters = 1; letters <= 3; ++letters) {
        std::vector<double> times;
        for (const std::string& word : kWords) {
            ContactQuery query;
            query.text = prefix(word, letters);
            std::size_t found = 0;
            times.push_back(time_ms([&] { found = index.search(query).size(); }));
            if (letters == 2) hits.push_back(static_cast<double>(found));
            sink += found;
        }
        row.letters_ms[letters - 1] = median(times);
        keystrokes.insert(keystrokes.end(), times.begin(), times.end());
    }
    bench::emit("native.search.keystroke.p" + std::to_string(contacts / 1000) + "k",
                "Search per keystroke (1-3 letter prefixes of " + std::to_string(kWords.size()) + " words), native, " +
                    std::to_string(contacts / 1000) + "k people",
                "ms", keystrokes);
    row.two_letter_hits = static_cast<std::size_t>(median(hits));

    std::vector<double> typed[3];
    for (const std::string& word : kWords) {
        ContactSearch search;  // as the list keeps it: the empty query first
        search.start(index, ContactQuery{});
        search.step();
        for (std::size_t letters = 1; letters <= 3; ++letters) {
            ContactQuery query;
            query.text = prefix(word, letters);
            typed[letters - 1].push_back(time_ms([&] {
                search.start(index, query);
                search.step();
            }));
            sink += search.result().size();
        }
    }
    for (std::size_t i = 0; i < 3; ++i) row.typed_ms[i] = median(typed[i]);

    std::vector<double> two;
    for (const std::string& text : kTwoWords) {
        ContactQuery query;
        query.text = text;
        two.push_back(time_ms([&] { sink += index.search(query).size(); }));
    }
    row.two_words_ms = median(two);

    std::vector<double> filters;
    const char* tags[] = {"rust", "design", "mentor", "investor", "former colleague", "friend"};
    for (int i = 0; i < 24; ++i) {
        ContactQuery query;
        query.tag = std::string(tags[i % 6]);
        if (i % 3 == 1) query.tier = static_cast<Tier>(1 + i % 6);
        if (i % 4 == 2) query.city = "Berlin";
        if (i % 5 == 3) query.include_archived = true;
        query.sort = static_cast<ContactSort>(i % 5);
        query.descending = i % 2 == 1;
        filters.push_back(time_ms([&] { sink += index.search(query).size(); }));
    }
    row.filters_ms = median(filters);

    std::vector<double> picks;
    for (const std::string& word : kWords) {
        for (std::size_t letters = 1; letters <= 3; ++letters) {
            const std::string query = prefix(word, letters);
            picks.push_back(time_ms([&] { sink += pick_contacts(store, query, 8).size(); }));
        }
    }
    row.pick_ms = median(picks);

    if (duplicates_ms) {
        std::vector<DuplicatePair> pairs;
        *duplicates_ms = time_ms([&] { pairs = find_duplicates(store); });
        *duplicate_pairs = pairs.size();
    }
    if (sink == 0) std::printf("(no results at all?)\n");
    return row;
}

}  // namespace

int main(int argc, char** argv) {
    bench::parse_options(argc, argv);
    std::printf("Search benchmark: median ms over %zu words typed as 1/2/3-letter prefixes, %zu two-word queries,\n"
                "24 filter-only queries (tag, tier, city, sorts), and pick_contacts (limit 8) on all prefixes.\n\n",
                kWords.size(), kTwoWords.size());
    std::printf("%9s | %9s | %8s | %9s | %9s | %9s | %12s | %9s | %13s | %s\n", "contacts", "update", "1 letter",
                "2 letters", "3 letters", "two words", "filters only", "pick", "2-letter hits",
                "typed 1/2/3 (narrowing)");
    std::printf("----------+-----------+----------+-----------+-----------+-----------+--------------+-----------+---------------+------------------------\n");
    double duplicates_ms = 0;
    std::size_t pairs = 0;
    for (const std::size_t contacts : {std::size_t{10'000}, std::size_t{100'000}}) {
        const Row r = run(contacts, contacts == 100'000 ? &duplicates_ms : nullptr, &pairs);
        std::printf("%9zu | %9.2f | %8.3f | %9.3f | %9.3f | %9.3f | %12.3f | %9.3f | %13zu | %.3f / %.3f / %.3f\n",
                    r.contacts, r.update_ms, r.letters_ms[0], r.letters_ms[1], r.letters_ms[2], r.two_words_ms,
                    r.filters_ms, r.pick_ms, r.two_letter_hits, r.typed_ms[0], r.typed_ms[1], r.typed_ms[2]);
    }
    std::printf("\nfind_duplicates at 100000 contacts: %.1f ms (%zu pairs)\n", duplicates_ms, pairs);
    return 0;
}
