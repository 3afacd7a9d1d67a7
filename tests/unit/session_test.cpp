// The app's session, natively, through a fake browser: what the save indicator says at each
// step (Saved, Saving…, Not saved and why, Read-only, Not kept), syncs that fail and recover, a
// full disk, compaction that deletes the old generation only once the new one is durable, a
// second tab that follows and then takes over, intents that must not change the store, the
// backup reminder and encrypted backups. Before, all of this was reachable only in Chromium.
#include "app/session.hpp"

#include "fake_host.hpp"
#include "io/envelope.hpp"
#include "io/exports.hpp"
#include "io_fixtures.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <set>

using namespace ties;
using ties::test::FakeHost;
using ties::test::TempFolder;
using State = ui::SaveIndicator::State;
using platform::StorageMode;

namespace fs = std::filesystem;

namespace {

struct Tab {
    FakeHost host;
    ui::ImportUi import;
    app::Session session;

    explicit Tab(const fs::path& folder, StorageMode mode = StorageMode::Writer, std::string reason = "")
        : session(host, folder, IdGenerator(7, 7)) {
        host.status.mode = mode;  // web/storage.js decides the mode, and says why, before main()
        host.reason = std::move(reason);
        session.open();
    }

    bool edit(std::uint64_t n, const std::string& notes = "") {
        Contact c = test::full_contact(n);
        if (!notes.empty()) c.notes = notes;
        ui::UiIntents intents;
        intents.change = save_contact(c);
        return session.apply(std::move(intents), import);
    }
    bool ask(ui::UiIntents intents) { return session.apply(std::move(intents), import); }
    bool tick() { return session.tick(import); }
    State state() const { return session.indicator().state; }
    std::string detail() const { return session.indicator().detail; }
};

std::set<std::string> files_in(const fs::path& folder) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
    return names;
}

std::size_t count_prefix(const std::set<std::string>& names, const std::string& prefix) {
    std::size_t n = 0;
    for (const std::string& name : names) n += name.rfind(prefix, 0) == 0;
    return n;
}

// Every write into `folder` fails from now on (to the app a full disk looks the same), until
// free_disk(folder) puts the folder back, empty.
void fill_disk(const fs::path& folder) {
    fs::remove_all(folder);
    test::write_bytes(folder, "a file where the folder was: every write fails");
}

void free_disk(const fs::path& folder) {
    fs::remove(folder);
    fs::create_directories(folder);
}

std::size_t people(const Store& store) {
    std::size_t n = 0;
    for (const auto& [id, c] : store.contacts()) n += !c.meta.deleted;
    return n;
}

}  // namespace

TEST_CASE("session: an edit is Saving… until IndexedDB has it, then Saved, and it is there on reopening") {
    TempFolder temp;
    const fs::path folder = temp / "data";
    {
        Tab tab(folder);
        tab.tick();
        CHECK(tab.state() == State::Saved);
        CHECK(tab.edit(1));
        CHECK(tab.host.status.written == 1);  // one journal written: the browser is asked to sync
        tab.tick();
        CHECK(tab.state() == State::Saving);
        CHECK_FALSE(tab.host.dirty);  // written to the folder: closing the tab need not warn
        tab.host.status.syncing = true;
        CHECK(tab.state() == State::Saving);
        tab.host.sync();
        CHECK(tab.tick());  // the indicator changed: the frame is drawn
        CHECK(tab.state() == State::Saved);
        CHECK_FALSE(tab.tick());  // nothing changed since
    }
    Tab again(folder);
    CHECK(people(again.session.store()) == 1);
    CHECK(again.session.load_warnings().empty());
}

TEST_CASE("session: a sync that fails says why, keeps the edit, and recovers by itself") {
    TempFolder temp;
    Tab tab(temp / "data");
    tab.edit(1);
    tab.host.status.syncing = true;
    tab.tick();
    CHECK(tab.state() == State::Saving);
    tab.host.sync(false);  // IndexedDB refused (quota), or the sync timed out and web/storage.js says so
    tab.tick();
    CHECK(tab.state() == State::NotSaved);
    CHECK(tab.detail().find("storage is full") != std::string::npos);
    CHECK(people(tab.session.store()) == 1);
    tab.edit(2);  // edits go on being written to the folder meanwhile
    CHECK(tab.host.status.written == 2);
    tab.host.sync();  // the next sync covers both
    tab.tick();
    CHECK(tab.state() == State::Saved);
    Tab reopened(temp / "data");
    CHECK(people(reopened.session.store()) == 2);
}

TEST_CASE("session: a full disk says Not saved, loses nothing, retries after a pause and saves everything") {
    TempFolder temp;
    const fs::path folder = temp / "data";
    Tab tab(folder);
    tab.edit(1);
    tab.host.sync();
    fill_disk(folder);
    tab.edit(2, "written while the disk was full");
    tab.tick();
    CHECK(tab.state() == State::NotSaved);
    CHECK(tab.detail().rfind("could not write journal-", 0) == 0);
    CHECK(tab.host.dirty);  // closing the tab now would lose it: the page warns
    CHECK(people(tab.session.store()) == 2);  // the edit is in the app all the same
    // A sleeping page wakes for the retry: nothing else would, the disk says nothing when freed.
    CHECK(tab.session.seconds_until_due() == doctest::Approx(app::Session::kSaveRetrySeconds));

    const std::int64_t written = tab.host.status.written;
    free_disk(folder);
    tab.tick();  // too soon: no retry before the pause
    CHECK(tab.host.status.written == written);
    CHECK(tab.state() == State::NotSaved);
    tab.host.clock += app::Session::kSaveRetrySeconds;
    tab.tick();
    CHECK(tab.host.status.written == written + 1);
    CHECK_FALSE(tab.host.dirty);
    CHECK(tab.session.seconds_until_due() == std::numeric_limits<double>::infinity());  // nothing left to retry
    tab.host.sync();
    tab.tick();
    CHECK(tab.state() == State::Saved);

    Tab reopened(folder);
    REQUIRE(reopened.session.store().contact(test::fixed_id(2)) != nullptr);
    CHECK(reopened.session.store().contact(test::fixed_id(2))->notes == "written while the disk was full");
}

TEST_CASE("session: flush writes what a failed save left pending (the tab is being hidden or closed)") {
    TempFolder temp;
    const fs::path folder = temp / "data";
    Tab tab(folder);
    fill_disk(folder);
    tab.edit(1);
    CHECK(tab.host.dirty == false);  // reported on the next tick or flush
    tab.session.flush();
    CHECK(tab.host.dirty);
    free_disk(folder);
    tab.session.flush();  // no pause here: the tab may be gone by then
    CHECK_FALSE(tab.host.dirty);
    Tab reopened(folder);
    CHECK(people(reopened.session.store()) == 1);
}

TEST_CASE("session: compaction waits for every write to be durable, and old files go only after the snapshot is") {
    TempFolder temp;
    const fs::path folder = temp / "data";
    Tab tab(folder);
    tab.session.set_compaction_threshold(3);
    for (std::uint64_t n = 1; n <= 3; ++n) tab.edit(n);
    CHECK(count_prefix(files_in(folder), "journal-00000000-") == 3);

    tab.tick();  // three journals, but not yet synced: no compaction
    CHECK(count_prefix(files_in(folder), "snapshot-") == 0);
    tab.host.sync();
    tab.tick();  // all durable: the snapshot of the next generation is written
    CHECK(count_prefix(files_in(folder), "snapshot-00000001") == 1);
    CHECK(count_prefix(files_in(folder), "journal-00000000-") == 3);  // kept: the snapshot is not durable yet
    CHECK(tab.state() == State::Saving);

    tab.tick();
    tab.tick();  // still not synced: the old generation stays, whatever happens meanwhile
    CHECK(count_prefix(files_in(folder), "journal-00000000-") == 3);
    tab.host.sync();
    tab.tick();  // the snapshot is durable: now the old journals go (and their deletion is synced)
    CHECK(count_prefix(files_in(folder), "journal-00000000-") == 0);
    CHECK(tab.host.status.written > tab.host.status.committed);
    tab.host.sync();
    tab.tick();
    CHECK(tab.state() == State::Saved);
    Tab reopened(folder);
    CHECK(people(reopened.session.store()) == 3);
}

TEST_CASE("session: a large compaction goes in slices over several ticks while edits go on") {
    TempFolder temp;
    const fs::path folder = temp / "data";
    Tab tab(folder);
    tab.session.set_compaction_threshold(3);
    Change many{"Add many", {}};
    for (std::uint64_t n = 1; n <= 3000; ++n) many.records.push_back(test::full_contact(n));
    ui::UiIntents add;
    add.change = std::move(many);
    REQUIRE(tab.ask(std::move(add)));
    tab.edit(1, "second");
    tab.edit(2, "third");
    tab.host.sync();
    tab.host.clock_step = 0.004;  // every clock read is 4 ms later: a slice has time for two steps
    int ticks = 0;
    while (count_prefix(files_in(folder), "snapshot-") == 0 && ticks < 1000) {
        tab.tick();
        ++ticks;
        if (count_prefix(files_in(folder), "snapshot-") == 0)
            CHECK(tab.session.seconds_until_due() == 0);  // the page must not sleep between slices
        if (ticks == 2) tab.edit(3001, "made while it compacts");
        tab.host.sync();
    }
    CHECK(ticks > 3);
    CHECK(ticks < 1000);
    CHECK(tab.session.seconds_until_due() == std::numeric_limits<double>::infinity());
    CHECK(count_prefix(files_in(folder), "journal-00000001-") == 1);  // the edit made meanwhile
    for (int i = 0; i < 3; ++i) {
        tab.tick();
        tab.host.sync();
    }
    CHECK(count_prefix(files_in(folder), "journal-00000000-") == 0);
    CHECK(tab.state() == State::Saved);
    Tab reopened(folder);
    CHECK(people(reopened.session.store()) == 3001);
    REQUIRE(reopened.session.store().contact(test::fixed_id(3001)) != nullptr);
    CHECK(reopened.session.store().contact(test::fixed_id(3001))->notes == "made while it compacts");
    CHECK(reopened.session.store().contact(test::fixed_id(2))->notes == "third");
}

TEST_CASE("session: a large store opens in slices, and nothing is done with it until it is complete") {
    TempFolder temp;
    const fs::path folder = temp / "data";
    {
        Tab writer(folder);
        Change many{"Add many", {}};
        for (std::uint64_t n = 1; n <= 3000; ++n) many.records.push_back(test::full_contact(n));
        ui::UiIntents add;
        add.change = std::move(many);
        REQUIRE(writer.ask(std::move(add)));
        writer.session.set_compaction_threshold(1);
        writer.host.sync();
        writer.tick();  // compacted: one snapshot of 3000 people
        writer.host.sync();
        writer.tick();
    }
    REQUIRE(count_prefix(files_in(folder), "snapshot-") == 1);

    FakeHost host;
    host.status.mode = StorageMode::Writer;
    host.clock_step = 0.01;  // each clock read 10 ms later: the first slice ends after 25 reads
    app::Session session(host, folder, IdGenerator(8, 8));
    session.set_load_step(100);  // and then one step of 100 records a frame
    session.open();
    CHECK(session.loading());
    ui::ImportUi import;
    ui::UiIntents early;
    early.change = save_contact(test::full_contact(9999));
    CHECK_FALSE(session.apply(std::move(early), import));  // nothing is drawn yet, so nothing is asked
    double progress = session.load_progress();
    int frames = 0;
    while (session.loading() && frames < 1000) {
        CHECK(session.tick(import));  // every frame until then draws the progress
        CHECK(session.load_progress() >= progress);
        progress = session.load_progress();
        ++frames;
    }
    CHECK(frames > 10);
    CHECK_FALSE(session.loading());
    CHECK(people(session.store()) == 3000);
    CHECK(session.store().contact(test::fixed_id(9999)) == nullptr);
    CHECK(session.load_warnings().empty());
}

TEST_CASE("session: a second tab is Read-only, changes nothing, follows the writer's saves, and takes over") {
    TempFolder temp;
    const fs::path folder = temp / "data";
    Tab writer(folder);
    writer.edit(1);
    Tab reader(folder, StorageMode::Reader, "Ties is open in another tab.");
    reader.tick();
    CHECK(reader.state() == State::ReadOnly);
    CHECK(reader.detail() == "Ties is open in another tab.");
    CHECK_FALSE(reader.session.writable());

    const std::set<std::string> before = files_in(folder);
    const std::uint64_t version = reader.session.store().version();
    CHECK_FALSE(reader.edit(5));
    ui::UiIntents undo;
    undo.undo = true;
    CHECK_FALSE(reader.ask(undo));
    CHECK(reader.session.store().version() == version);
    CHECK(files_in(folder) == before);

    writer.edit(2);  // the writer saves; web/storage.js tells the reader to reload
    reader.host.status.reload_needed = true;
    CHECK(reader.tick());
    CHECK(reader.host.reloads_done == 1);
    CHECK(people(reader.session.store()) == 2);

    ui::UiIntents take_over;
    take_over.take_over = true;
    reader.ask(take_over);
    CHECK(reader.host.take_overs == 1);
    writer.session.flush();  // the writer hands over (ties_flush), then the reader reloads as the writer
    reader.host.status.mode = StorageMode::Writer;
    reader.host.status.reload_needed = true;
    reader.tick();
    CHECK(reader.session.writable());
    CHECK(reader.edit(3));
    CHECK(reader.host.status.written >= 1);
    Tab reopened(folder);
    CHECK(people(reopened.session.store()) == 3);
}

TEST_CASE("session: without IndexedDB the app works in memory and says nothing is kept") {
    TempFolder temp;
    const fs::path folder = temp / "data";
    Tab tab(folder, StorageMode::Memory, "This browser does not let Ties keep data (a private window?).");
    CHECK(tab.edit(1));
    tab.tick();
    CHECK(tab.state() == State::InMemory);
    CHECK(tab.detail().find("private window") != std::string::npos);
    CHECK(people(tab.session.store()) == 1);
    CHECK(tab.host.status.written == 0);
    CHECK(count_prefix(files_in(folder), "journal-") == 0);
}

TEST_CASE("session: undo and redo are saved like edits; an empty undo changes nothing") {
    TempFolder temp;
    const fs::path folder = temp / "data";
    Tab tab(folder);
    ui::UiIntents undo;
    undo.undo = true;
    CHECK_FALSE(tab.ask(undo));  // nothing to undo
    CHECK(tab.host.status.written == 0);
    tab.edit(1);
    CHECK(tab.ask(undo));
    CHECK(people(tab.session.store()) == 0);
    {
        Tab reopened(folder);
        CHECK(people(reopened.session.store()) == 0);
    }
    ui::UiIntents redo;
    redo.redo = true;
    CHECK(tab.ask(redo));
    Tab reopened(folder);
    CHECK(people(reopened.session.store()) == 1);
}

TEST_CASE("session: the backup reminder, a plain backup, and an encrypted one from its own job") {
    TempFolder temp;
    Tab tab(temp / "data");
    CHECK_FALSE(tab.session.backup_due());  // nobody to lose yet
    tab.edit(1);
    CHECK(tab.session.backup_due());

    ui::UiIntents backup;
    backup.export_backup = true;
    CHECK_FALSE(tab.ask(backup));  // a download changes nothing in the store
    REQUIRE(tab.host.downloads.size() == 1);
    CHECK(tab.host.downloads[0].name == "ties-backup-2025-12-03.ties");
    CHECK(io::unwrap(tab.host.downloads[0].bytes).kind == io::FileKind::Backup);
    CHECK(tab.host.preferences["last_backup"] == "2025-12-03");
    CHECK_FALSE(tab.session.backup_due());
    tab.host.day.days += app::Session::kBackupReminderDays;
    CHECK(tab.session.backup_due());

    ui::UiIntents encrypted;
    encrypted.export_encrypted = "correct horse battery staple";
    tab.ask(encrypted);
    tab.ask(encrypted);  // a second click while the first is running starts nothing
    REQUIRE(tab.host.jobs.size() == 1);
    FakeHost::Job& job = tab.host.jobs.begin()->second;
    CHECK(job.passphrase == "correct horse battery staple");
    CHECK(io::unwrap(job.input).kind == io::FileKind::Backup);
    tab.tick();
    CHECK(tab.host.downloads.size() == 1);  // still running
    job.output = {platform::JobState::Done, "sealed bytes", {}};
    CHECK(tab.tick());
    REQUIRE(tab.host.downloads.size() == 2);
    CHECK(io::unwrap(tab.host.downloads[1].bytes).kind == io::FileKind::EncryptedBackup);
    CHECK(tab.host.preferences["last_backup"] == tab.host.day.iso());

    tab.ask(encrypted);  // a failed encryption downloads nothing and changes nothing
    REQUIRE(tab.host.jobs.size() == 1);
    tab.host.jobs.begin()->second.output = {platform::JobState::Failed, {}, "OperationError"};
    const std::uint64_t version = tab.session.store().version();
    tab.tick();
    CHECK(tab.host.downloads.size() == 2);
    CHECK(tab.session.store().version() == version);
    CHECK(tab.host.jobs.empty());
}

TEST_CASE("session: a damaged file is named in a warning, the rest loads, and the warning can be dismissed") {
    TempFolder temp;
    const fs::path folder = temp / "data";
    {
        Tab tab(folder);
        tab.edit(1);
        tab.edit(2);
    }
    const std::set<std::string> names = files_in(folder);
    REQUIRE(names.size() == 2);
    test::write_bytes(folder / *names.rbegin(), "TIES but not really");
    Tab tab(folder);
    REQUIRE(tab.session.load_warnings().size() == 1);
    CHECK(tab.session.load_warnings()[0].rfind(*names.rbegin() + ": ", 0) == 0);
    CHECK(people(tab.session.store()) == 1);
    ui::UiIntents dismiss;
    dismiss.dismiss_warnings = true;
    tab.ask(dismiss);
    CHECK(tab.session.load_warnings().empty());
}

TEST_CASE("session: an export asked by the UI is ties export's file, downloaded; a link opens in the browser") {
    TempFolder temp;
    Tab tab(temp / "data");
    tab.edit(1);
    ui::UiIntents intents;
    intents.export_file = io::ExportFormat::Vcard4;
    intents.open_url = "https://www.linkedin.com/in/ada";
    CHECK_FALSE(tab.ask(std::move(intents)));
    REQUIRE(tab.host.downloads.size() == 1);
    const io::ExportFile expected = io::export_file(tab.session.store(), io::ExportFormat::Vcard4, tab.host.day, tab.host.now);
    CHECK(tab.host.downloads[0].name == expected.name);
    CHECK(tab.host.downloads[0].bytes == expected.bytes);
    CHECK(tab.host.downloads[0].mime_type == "text/vcard");
    CHECK(tab.host.urls == std::vector<std::string>{"https://www.linkedin.com/in/ada"});

    ui::UiIntents calendar;  // nothing planned: refused, nothing downloaded
    calendar.export_file = io::ExportFormat::Calendar;
    Tab empty(temp / "other");
    empty.ask(std::move(calendar));
    CHECK(empty.host.downloads.empty());
}

TEST_CASE("session: an idle tab asks the browser for no strings; a change in storage is seen at once") {
    TempFolder temp;
    Tab tab(temp / "data");
    tab.tick();
    const int reads = tab.host.text_reads;
    for (int frame = 0; frame < 50; ++frame) CHECK_FALSE(tab.tick());
    CHECK(tab.host.text_reads == reads);
    tab.host.clock += 1.0;  // once a second all the same (the browser's answer on persistence may come late)
    tab.host.persisted = "denied";
    CHECK(tab.tick());
    CHECK(tab.session.indicator().persisted == "denied");
    tab.edit(1);
    tab.host.status.syncing = true;
    tab.host.sync(false);  // the numbers moved: the error is read in the same frame
    tab.tick();
    CHECK(tab.state() == State::NotSaved);
}
