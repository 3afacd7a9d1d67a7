// Import benchmark (not a test): how long importing a large address book takes, so the import
// screen can promise a number. One section per format, each on data generated in memory with a
// fixed seed (the same bytes every run): median ms of a few runs, std::chrono::steady_clock.
#include "core/import_plan.hpp"
#include "core/sample_data.hpp"
#include "io/backup.hpp"
#include "io/csv_import.hpp"
#include "io/vcard.hpp"
#include "io/x_archive.hpp"
#include "bench_timing.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

using namespace ties;
using namespace ties::io;

namespace {

constexpr Millis kNow = 1'718'150'400'000;

using bench::median_ms;
// --- vCard -----------------------------------------------------------------------------------------

// Cards as phones and Gmail write them: 3.0, item groups with labels, a social profile, a folded
// note, categories; every tenth with a 6 KB photo, every fifth an Android-style 2.1 card in
// quoted-printable UTF-8.
std::string make_vcards(int count, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    const char* given[] = {"Ada", "Björn", "Chidi", "Dolores", "Emre", "Fatima", "Giulia", "Hiro", "Inès", "Jun"};
    const char* family[] = {"Okafor", "Lindqvist", "Nakamura", "Ødegaard", "Öztürk", "García", "Chen", "Dubois"};
    const char* companies[] = {"Northwind Traders", "Tiny Robots", "Acme, Inc.", "Université Exemple"};
    std::string photo;
    for (int i = 0; i < 80; ++i) photo += "\r\n /9j/4AAQSkZJRgABAQAASABIAAD/4QBMRXhpZgAATU0AKgAAAAgAAYdpAAQAAAABAAAAGgAA";
    std::string out;
    for (int i = 0; i < count; ++i) {
        const std::string g = given[rng() % 10];
        const std::string f = family[rng() % 8];
        const std::string n = std::to_string(i);
        if (i % 5 == 4) {
            out += "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=96zt=C3=BCrk" + n +
                   ";Emre;;;\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Emre=20=C3=96zt=C3=BCrk" + n +
                   "\r\nTEL;CELL:+90 555 123 " + n + "\r\nEMAIL;HOME:emre" + n +
                   "@example.com.tr\r\nNOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C4=B0stanbul meetup=0A=C3=87ay & simit, "
                   "uzun bir not sat=C4=\r\n=B1r=C4=B1\r\nEND:VCARD\r\n";
            continue;
        }
        out += "BEGIN:VCARD\r\nVERSION:3.0\r\nN:" + f + ";" + g + ";;;\r\nFN:" + g + " " + f + " " + n + "\r\nORG:" +
               companies[rng() % 4] + ";Sales;\r\nTITLE:Head of Partnerships\r\nitem1.EMAIL;type=INTERNET;type=pref:" + g +
               "." + n + "@example.org\r\nEMAIL;type=INTERNET;type=WORK:p" + n +
               "@work.example\r\nTEL;type=CELL;type=VOICE;type=pref:+1 555 01" + n +
               "\r\nitem2.ADR;type=HOME:;;1 Main St;Springfield;OR;97477;USA\r\nitem3.URL:https://github.com/user" + n +
               "\r\nitem3.X-ABLabel:GitHub\r\nX-SOCIALPROFILE;type=twitter;x-user=user" + n + ":x-apple:user" + n +
               "\r\nBDAY:19" + std::to_string(50 + rng() % 50) + "-0" + std::to_string(1 + rng() % 9) + "-1" +
               std::to_string(rng() % 10) +
               "\r\nNOTE:Met at the F5 Expo keynote. Talked about weak ties\\, Gladwell and \r\n coffee meetups.\\nFollow "
               "up in spring.\r\nCATEGORIES:Conference,Partners\r\n";
        if (i % 10 == 0) out += "PHOTO;ENCODING=b;TYPE=JPEG:" + photo.substr(3) + "\r\n";
        out += "END:VCARD\r\n";
    }
    return out;
}

void bench_vcard() {
    constexpr int kCards = 10'000;
    const std::string bytes = make_vcards(kCards, 42);
    std::size_t imported = 0;
    std::vector<Contact> contacts;
    const double import_ms = median_ms(5, [&] {
        IdGenerator ids(1, 2);
        Imported r = import_vcard(bytes, ImportContext{"bench.vcf", &ids, kNow, {}});
        imported = r.contacts.size();
        contacts = std::move(r.contacts);
    });
    bench::emit("native.import.vcard_10k", "Import 10,000 vCards, native", "ms", bench::last_samples());
    std::string exported;
    const double export_ms = median_ms(5, [&] { exported = export_vcard(contacts, VcardVersion::V4); });
    std::printf("vCard: %d cards, %.1f MB: import %.1f ms (%zu contacts, %.0f MB/s); export 4.0 %.1f ms (%.1f MB)\n", kCards,
                static_cast<double>(bytes.size()) / 1e6, import_ms, imported,
                static_cast<double>(bytes.size()) / 1e3 / import_ms, export_ms, static_cast<double>(exported.size()) / 1e6);
}

// --- CSV: LinkedIn ---------------------------------------------------------------------------------

// Connections.csv as LinkedIn writes it: BOM, the "Notes:" preamble, quoted commas and quotes, a
// multi-line position now and then, email mostly empty.
std::string make_linkedin(int count, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    const char* given[] = {"Ada", "Björn", "Chidi", "Dolores", "Emre", "Fatima", "Giulia", "Hiro", "Inès", "Jun"};
    const char* family[] = {"Okafor", "Lindqvist", "Nakamura", "Ødegaard", "Öztürk", "García", "O'Neil", "Dubois"};
    const char* companies[] = {"Northwind Traders", "\"Fjord Analytics, AB\"", "Contoso", "", "Tiny Robots"};
    const char* positions[] = {"Head of Partnerships", "\"Founder & CEO, \"\"Tiny Robots\"\"\"", "Data Engineer",
                               "\"Recruiter\nTech & Product\""};
    const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::string out = "\xEF\xBB\xBFNotes:\n\"When exporting your connection data, you may notice that some of the email "
                      "addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
    for (int i = 0; i < count; ++i) {
        const std::string g = given[rng() % 10];
        const std::string f = family[rng() % 8];
        const std::string n = std::to_string(i);
        out += g + "," + f + ",https://www.linkedin.com/in/" + g + "-" + n + "," + (rng() % 4 == 0 ? "p" + n + "@example.org" : "") +
               "," + companies[rng() % 5] + "," + positions[rng() % 4] + "," + std::to_string(1 + rng() % 28) + " " +
               months[rng() % 12] + " " + std::to_string(2005 + rng() % 20) + "\n";
    }
    return out;
}

void bench_linkedin() {
    constexpr int kRows = 10'000;
    const std::string bytes = make_linkedin(kRows, 7);
    std::size_t imported = 0;
    std::vector<Contact> contacts;
    const double import_ms = median_ms(5, [&] {
        IdGenerator ids(1, 2);
        Imported r = import_csv(bytes, ImportContext{"Connections.csv", &ids, kNow, {}});
        imported = r.contacts.size();
        contacts = std::move(r.contacts);
    });
    bench::emit("native.import.csv_10k", "Import 10,000 LinkedIn CSV rows, native", "ms", bench::last_samples());
    std::string exported;
    const double export_ms = median_ms(5, [&] { exported = export_csv(contacts); });
    std::printf("LinkedIn CSV: %d rows, %.1f MB: import %.1f ms (%zu contacts, %.0f MB/s); export_csv %.1f ms (%.1f MB)\n",
                kRows, static_cast<double>(bytes.size()) / 1e6, import_ms, imported,
                static_cast<double>(bytes.size()) / 1e3 / import_ms, export_ms, static_cast<double>(exported.size()) / 1e6);
}

// --- X archive ------------------------------------------------------------------------------------

// 5,000 followed and 5,000 followers (half of them mutual), 50,000 tweets of which a third reply
// to or mention someone followed.
void bench_x_archive() {
    constexpr int kFollows = 5'000;
    constexpr int kTweets = 50'000;
    std::mt19937_64 rng(9);
    std::string following = "window.YTD.following.part0 = [\n";
    std::string follower = "window.YTD.follower.part0 = [\n";
    for (int i = 0; i < kFollows; ++i) {
        const std::string a = std::to_string(100000 + i);
        const std::string b = std::to_string(100000 + i + kFollows / 2);
        following += std::string(i > 0 ? ",\n" : "") + "  {\"following\" : {\"accountId\" : \"" + a +
                     "\", \"userLink\" : \"https://twitter.com/intent/user?user_id=" + a + "\"}}";
        follower += std::string(i > 0 ? ",\n" : "") + "  {\"follower\" : {\"accountId\" : \"" + b +
                    "\", \"userLink\" : \"https://twitter.com/intent/user?user_id=" + b + "\"}}";
    }
    following += "\n]";
    follower += "\n]";
    std::string tweets = "window.YTD.tweets.part0 = [\n";
    for (int i = 0; i < kTweets; ++i) {
        const std::string id = std::to_string(100000 + (i % 3 == 0 ? static_cast<int>(rng() % kFollows) : 900000 + i));
        tweets += std::string(i > 0 ? ",\n" : "") +
                  "  {\"tweet\" : {\"id_str\" : \"17" + std::to_string(i) +
                  "\", \"created_at\" : \"Wed Mar 13 10:00:00 +0000 2024\", \"full_text\" : \"@user" + id +
                  " great talk today &amp; thanks for the slides, see you at the next meetup\", "
                  "\"in_reply_to_user_id_str\" : \"" + id + "\", \"in_reply_to_screen_name\" : \"user" + id +
                  "\", \"entities\" : {\"hashtags\" : [], \"user_mentions\" : [{\"screen_name\" : \"user" + id +
                  "\", \"name\" : \"User " + id + "\", \"id_str\" : \"" + id + "\", \"indices\" : [\"0\", \"11\"]}]}}}";
    }
    tweets += "\n]";
    const std::vector<NamedFile> files = {{"account.js", "window.YTD.account.part0 = [{\"account\":{\"accountId\":\"1\"}}]"},
                                          {"following.js", following}, {"follower.js", follower}, {"tweets.js", tweets}};
    const double bytes = static_cast<double>(following.size() + follower.size() + tweets.size());
    std::size_t contacts = 0;
    std::size_t interactions = 0;
    const double import_ms = median_ms(5, [&] {
        IdGenerator ids(1, 2);
        const Imported r = import_x_archive(files, ImportContext{"archive.zip", &ids, kNow, {}});
        contacts = r.contacts.size();
        interactions = r.interactions.size();
    });
    std::printf("X archive: %d follows each way, %d tweets, %.1f MB: import %.1f ms (%zu contacts, %zu interactions, %.0f MB/s)\n",
                kFollows, kTweets, bytes / 1e6, import_ms, contacts, interactions, bytes / 1e3 / import_ms);
}

// --- Backup: export and re-import -------------------------------------------------------------------

// What `ties export/import/merge` and the browser's backup download and merge cost on a large
// store: the sample network at 10,000 people and 100,000 interactions.
void bench_backup(std::size_t people, std::size_t interactions, const char* key, const char* size_label) {
    Store store;
    const Change sample = make_sample_data(11, kNow, date_of(kNow), SampleSize{people, interactions, people / 50, people / 40});
    for (const Record& record : sample.records) store.load(record);
    const int runs = people >= 100'000 ? 3 : 5;
    std::string bytes;
    const double write_ms = median_ms(runs, [&] { bytes = backup_bytes(store); });
    bench::emit(std::string("native.backup.write.") + key, std::string("Write a backup of ") + size_label + ", native", "ms",
                bench::last_samples());
    Store read;
    const double read_ms = median_ms(runs, [&] {
        BackupRead result = read_backup(bytes);
        if (!result.ok()) std::printf("read_backup failed: %s\n", to_string(result.error).c_str());
        read = std::move(result.store);
    });
    bench::emit(std::string("native.backup.read.") + key, std::string("Read a backup of ") + size_label + ", native", "ms",
                bench::last_samples());
    // merge_into a copy of the same store (every record compared, nothing changes) and into an
    // empty one (every record added); the copies are made outside the timing.
    const auto time_merge = [&](const Store& base, std::size_t& changed) {
        std::vector<double> times;
        for (int i = 0; i < runs; ++i) {
            Store target = base;
            times.push_back(bench::time_ms([&] { changed = merge_into(target, read); }));
        }
        return bench::median(std::move(times));
    };
    std::size_t same_changed = 0, empty_changed = 0;
    const double same_ms = time_merge(store, same_changed);
    const double empty_ms = time_merge(Store{}, empty_changed);
    std::printf("Backup: %zu records, %.1f MB: backup_bytes %.0f ms, read_backup %.0f ms; merge_into an equal store %.0f ms "
                "(%zu changed), into an empty one %.0f ms (%zu added)\n",
                store.record_count(), static_cast<double>(bytes.size()) / 1e6, write_ms, read_ms, same_ms, same_changed,
                empty_ms, empty_changed);
}

// Matching an import against a large store (`ties import`, the app's import preview): 10,000
// people, half of them already in a store of 100,000 contacts (same emails, other ids).
void bench_matching() {
    Store store;
    for (const Record& record : make_sample_data(12, kNow, date_of(kNow), SampleSize{100'000, 0, 0, 0}).records)
        store.load(record);
    std::vector<Contact> incoming;
    IdGenerator ids(3, 4);
    for (const auto& [id, contact] : store.contacts()) {
        if (incoming.size() == 5'000) break;
        Contact again = contact;
        again.meta.id = ids.next();
        incoming.push_back(std::move(again));
    }
    for (int i = 0; i < 5'000; ++i) {
        Contact fresh;
        fresh.meta.id = ids.next();
        fresh.display_name = "Newcomer " + std::to_string(i);
        fresh.emails = {{"newcomer" + std::to_string(i) + "@example.org", {}}};
        incoming.push_back(std::move(fresh));
    }
    std::size_t matches = 0, records = 0;
    const double ms = median_ms(5, [&] {
        const ImportPlan plan = plan_import(store, incoming, {});
        matches = plan.matches.size();
        records = import_change(store, plan, {}, "Import").records.size();
    });
    std::printf("Import matching: 10,000 people against 100,000 contacts: plan_import + import_change %.0f ms "
                "(%zu matched, %zu records written)\n", ms, matches, records);
}

}  // namespace

int main(int argc, char** argv) {
    bench::parse_options(argc, argv);
    bench_vcard();
    bench_linkedin();
    if (!bench::options().quick) bench_x_archive();
    bench_backup(10'000, 100'000, "p10k", "10k people / 100k interactions");
    if (!bench::options().quick) bench_backup(100'000, 1'000'000, "p100k", "100k people / 1M interactions");
    if (!bench::options().quick) bench_matching();
    return 0;
}
