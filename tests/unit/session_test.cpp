// The app's session, natively, through a fake browser: what the save indicator says at each
// step (Saved, Saving…, Not saved and why, Read-only, Not kept), syncs that fail and recover, a
// full disk, compaction that deletes the old generation only once the new one is durable, a
// second tab that follows and then takes over, intents that must not change the store, the
// backup reminder and encrypted backups. Before, all of this was reachable only in Chromium.
#include "app/session.hpp"

#include "fake_host.hpp"
#include "io/envelope.hpp"
#include "io/exports.hpp"
#include "io/storage.hpp"
#include "io_fixtures.hpp"
#include "sync_fixtures.hpp"

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

    // Each device seeds its ids apart (the page seeds them from the browser's random source).
    explicit Tab(const fs::path& folder, StorageMode mode = StorageMode::Writer, std::string reason = "",
                 std::uint64_t seed = 7)
        : session(host, folder, IdGenerator(seed, seed)) {
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

TEST_CASE("session: storage emptied behind the app is said, edits go on, and everything goes back only when asked") {
    TempFolder temp;
    Tab tab(temp / "data");
    tab.edit(1);
    tab.host.sync();
    tab.tick();
    REQUIRE(tab.state() == State::Saved);
    // web/storage.js saw the browser close the database: the site's data was cleared.
    tab.host.status.cleared = true;
    tab.host.sync_error = "this browser's storage for Ties was emptied outside the app";
    tab.tick();
    CHECK(tab.state() == State::Cleared);
    CHECK(tab.detail().find("emptied outside the app") != std::string::npos);
    tab.edit(2);  // kept in the tab's folder, which storage.js no longer copies to the browser
    CHECK(people(tab.session.store()) == 2);
    tab.tick();
    CHECK(tab.state() == State::Cleared);  // not "Saved", whatever the folder holds
    CHECK(tab.host.restores == 0);         // nothing goes back unasked

    ui::UiIntents keep;
    keep.restore_storage = true;
    tab.ask(std::move(keep));
    CHECK(tab.host.restores == 1);
    tab.host.sync_error.clear();
    tab.host.sync();
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
    reader.tick();  // the refused change is said, not dropped in silence
    CHECK(reader.detail().find("A change made in this tab was not saved") != std::string::npos);

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
    CHECK(reader.detail().find("not saved") == std::string::npos);
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

TEST_CASE("session: an export asked by the UI is ties export's file, downloaded; a link opens in the browser; page text reaches the page") {
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

    ui::UiIntents text;  // a page's text for screen readers reaches the page
    text.page_text = "# Your network map, as a list\n- Ada";
    tab.ask(std::move(text));
    CHECK(tab.host.page_text == "# Your network map, as a list\n- Ada");

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

// --- Sync through the session: an in-memory WebDAV server and a stand-in cipher per device ---

namespace {

struct SyncedTab : Tab {
    test::TestCipher cipher;
    explicit SyncedTab(const fs::path& folder, test::MemoryServer& server, StorageMode mode = StorageMode::Writer)
        : Tab(folder, mode, "", std::hash<std::string>{}(folder.string())) {
        host.perform = [this, &server](const platform::SyncServer&, const io::sync::Op& op) {
            using io::sync::OpKind;
            if (op.kind == OpKind::CreateKey || op.kind == OpKind::Unlock || op.kind == OpKind::Seal ||
                op.kind == OpKind::Open)
                return cipher.perform(op);
            return server.perform(op);
        };
        host.now = server.clock;
    }
    void set_up(const std::string& passphrase, bool remember = true, bool create_folder = false) {
        ui::UiIntents intents;
        intents.sync.set_up = ui::SyncSetup{"https://dav.example/ties", "me", "app-password", passphrase, remember,
                                            create_folder};
        ask(std::move(intents));
        settle();
    }
    void sync_now() {
        ui::UiIntents intents;
        intents.sync.sync_now = true;
        ask(std::move(intents));
        settle();
    }
    // Ticks until sync has nothing running (the fake host answers every operation at once).
    void settle() {
        for (int i = 0; i < 1000 && (i < 2 || session.sync_view().state == ui::SyncView::State::Busy); ++i) tick();
    }
    // What the page does in the frame after an edit, then `seconds` of idle time.
    void wait(double seconds) {
        settle();
        host.clock += seconds;
        settle();
    }
};

const Contact* person(const Store& store, std::uint64_t n) {
    for (const auto& [id, c] : store.contacts())
        if (!c.meta.deleted && c.meta.id == test::full_contact(n).meta.id) return &c;
    return nullptr;
}

}  // namespace

TEST_CASE("session sync: set up on two devices, an edit reaches the other as one undoable step") {
    TempFolder temp;
    test::MemoryServer server;
    server.folders.insert("ties/");  // the folder the person made for Ties (the URL points at it)
    SyncedTab laptop(temp / "laptop", server);
    SyncedTab phone(temp / "phone", server);
    CHECK(laptop.session.sync_view().state == ui::SyncView::State::Off);
    CHECK(server.operations == 0);  // nothing is sent anywhere unless sync is set up

    laptop.edit(1);
    laptop.set_up("correct horse battery");
    REQUIRE(laptop.session.sync_view().state == ui::SyncView::State::Idle);
    CHECK(laptop.session.sync_view().last_sync > 0);

    phone.set_up("correct horse battery");
    REQUIRE(phone.session.sync_view().state == ui::SyncView::State::Idle);
    REQUIRE(person(phone.session.store(), 1) != nullptr);

    // An edit on the laptop goes up a few seconds later by itself, without "Sync now".
    laptop.edit(2);
    laptop.wait(1);
    const std::size_t before = server.operations;
    laptop.wait(app::SyncDriver::kAfterEditSeconds);
    CHECK(server.operations > before);
    phone.sync_now();
    REQUIRE(person(phone.session.store(), 2) != nullptr);
    CHECK(phone.session.sync_view().history.front().words.find("1 new record") != std::string::npos);

    // The pull is one step of the timeline: undo takes the laptop's person away again here.
    ui::UiIntents undo;
    undo.undo = true;
    phone.ask(std::move(undo));
    CHECK(person(phone.session.store(), 2) == nullptr);
    CHECK(person(phone.session.store(), 1) != nullptr);
}

TEST_CASE("session sync: the pulled state and the settings survive a reload; without 'remember' it asks again") {
    TempFolder temp;
    test::MemoryServer server;
    server.folders.insert("ties/");
    {
        SyncedTab laptop(temp / "laptop", server);
        laptop.edit(1);
        laptop.set_up("pass phrase one", /*remember=*/true);
        REQUIRE(laptop.session.sync_view().state == ui::SyncView::State::Idle);
        SyncedTab phone(temp / "phone", server);
        phone.set_up("pass phrase one", /*remember=*/false);
        REQUIRE(phone.session.sync_view().state == ui::SyncView::State::Idle);
        CHECK(phone.host.preferences["sync.password"].empty());  // not kept without the tick
        CHECK(phone.host.key_remembered == false);
        // Remembered with the sync state, in the store's own storage; never a second copy among
        // the preferences (localStorage, which a browser writes late and keeps elsewhere).
        CHECK(laptop.host.preferences["sync.password"].empty());
        CHECK(laptop.host.preferences["sync.user"] == "me");  // fills the form if sync is turned on again
        CHECK(laptop.host.key_remembered);
    }
    SyncedTab laptop(temp / "laptop", server);
    laptop.session.open();  // as the page does; preferences lost, as a killed browser may lose them
    laptop.settle();
    CHECK(laptop.session.sync_view().state == ui::SyncView::State::Idle);
    CHECK(laptop.session.sync_view().folder_url.rfind("https://dav.example/ties", 0) == 0);

    SyncedTab phone(temp / "phone", server);
    phone.session.open();
    phone.settle();
    CHECK(phone.session.sync_view().state == ui::SyncView::State::Locked);
    const std::size_t before = server.operations;
    phone.sync_now();
    CHECK(server.operations == before);  // a locked device sends nothing
    phone.set_up("pass phrase one", false);  // typing them again unlocks the same vault
    CHECK(phone.session.sync_view().state == ui::SyncView::State::Idle);
    CHECK(person(phone.session.store(), 1) != nullptr);
}

TEST_CASE("session sync: a state of version 1 takes its settings from the preferences, then keeps them itself") {
    TempFolder temp;
    test::MemoryServer server;
    server.folders.insert("ties/");
    std::optional<std::string> key;  // the key the browser remembers (the fake host does not)
    {
        SyncedTab laptop(temp / "laptop", server);
        laptop.edit(1);
        laptop.set_up("pass phrase one");
        REQUIRE(laptop.session.sync_view().state == ui::SyncView::State::Idle);
        key = laptop.cipher.key;
    }
    // Rewrite the device's sync state as version 1 wrote it: without the settings.
    const auto is_state = [](const fs::directory_entry& e) { return e.path().filename().string().rfind("sync-", 0) == 0; };
    fs::path state_path;
    for (const auto& entry : fs::directory_iterator(temp / "laptop"))
        if (is_state(entry)) state_path = entry.path();
    REQUIRE_FALSE(state_path.empty());
    io::sync::StateRead read = io::sync::decode_state(io::read_file(state_path).bytes);
    REQUIRE(read.ok());
    read.state.folder_url.clear();
    read.state.user.clear();
    read.state.remember = false;
    read.state.password.clear();
    const std::string encoded = io::sync::encode_state(read.state);
    const io::Unwrapped inner = io::unwrap(encoded);
    REQUIRE(inner.ok());
    std::string v1(inner.payload.substr(0, inner.payload.size() - 7));  // no url, user, remember (4), password
    v1[0] = 1;
    fs::remove(state_path);
    REQUIRE_FALSE(io::write_new_file(state_path, io::wrap(io::FileKind::SyncState, v1, io::kBinaryPayload)));

    SyncedTab laptop(temp / "laptop", server);
    laptop.host.preferences = {{"sync.url", "https://dav.example/ties/"}, {"sync.user", "me"},
                               {"sync.remember", "1"}, {"sync.password", "app-password"}};
    laptop.cipher.key = key;
    laptop.session.open();
    laptop.settle();
    REQUIRE(laptop.session.sync_view().state == ui::SyncView::State::Idle);
    laptop.edit(2);
    laptop.sync_now();  // the next save of the state is of version 2, with the settings
    REQUIRE(laptop.session.sync_view().state == ui::SyncView::State::Idle);

    SyncedTab later(temp / "laptop", server);
    later.cipher.key = key;
    later.session.open();  // no preferences at all now
    later.settle();
    INFO(later.session.sync_view().problem);
    CHECK(later.session.sync_view().state == ui::SyncView::State::Idle);
    CHECK(later.session.sync_view().user == "me");
}

TEST_CASE("session sync: offline work waits, retries later, and goes up as soon as the network is back") {
    TempFolder temp;
    test::MemoryServer server;
    server.folders.insert("ties/");
    SyncedTab laptop(temp / "laptop", server);
    laptop.set_up("offline phrase");
    REQUIRE(laptop.session.sync_view().state == ui::SyncView::State::Idle);

    bool offline = true;
    server.fault = [&](const io::sync::Op&) {
        return test::MemoryServer::Fault{offline ? io::sync::Failure::Unreachable : io::sync::Failure::None, false};
    };
    laptop.edit(3);
    laptop.wait(app::SyncDriver::kAfterEditSeconds + 1);
    const ui::SyncView down = laptop.session.sync_view();
    CHECK(down.state == ui::SyncView::State::Problem);
    CHECK_FALSE(down.problem.empty());
    CHECK(person(laptop.session.store(), 3) != nullptr);  // the edit is kept here meanwhile
    // It retries by itself, waiting longer each time.
    const double first_wait = laptop.session.seconds_until_due();
    CHECK(first_wait == doctest::Approx(app::SyncDriver::kFirstRetrySeconds).epsilon(0.2));
    laptop.wait(first_wait + 0.1);
    CHECK(laptop.session.seconds_until_due() > first_wait * 1.5);

    offline = false;
    laptop.host.online_again = true;  // the browser's 'online' event
    laptop.settle();
    CHECK(laptop.session.sync_view().state == ui::SyncView::State::Idle);

    SyncedTab phone(temp / "phone", server);
    phone.set_up("offline phrase");
    CHECK(person(phone.session.store(), 3) != nullptr);
}

TEST_CASE("session sync: a wrong passphrase and a missing folder are said, and nothing is set up") {
    TempFolder temp;
    test::MemoryServer server;
    server.folders.insert("ties/");
    {
        SyncedTab laptop(temp / "laptop", server);
        laptop.set_up("the right one");
    }
    SyncedTab phone(temp / "phone", server);
    phone.edit(4);
    phone.set_up("the wrong one");
    const ui::SyncView view = phone.session.sync_view();
    CHECK(view.state == ui::SyncView::State::Problem);
    CHECK(view.problem.find("passphrase") != std::string::npos);
    CHECK(phone.host.preferences["sync.url"].empty());
    CHECK(person(phone.session.store(), 4) != nullptr);

    test::MemoryServer empty;
    empty.folders.clear();  // no folder at that URL
    SyncedTab other(temp / "other", empty);
    other.set_up("a phrase");
    CHECK(other.session.sync_view().folder_missing);
    other.set_up("a phrase", true, /*create_folder=*/true);
    CHECK(other.session.sync_view().state == ui::SyncView::State::Idle);
}

TEST_CASE("session sync: a read-only tab never syncs; turning sync off forgets it on this device only") {
    TempFolder temp;
    test::MemoryServer server;
    server.folders.insert("ties/");
    SyncedTab laptop(temp / "laptop", server);
    laptop.edit(5);
    laptop.set_up("phrase");
    REQUIRE(laptop.session.sync_view().state == ui::SyncView::State::Idle);

    SyncedTab reader(temp / "laptop", server, StorageMode::Reader);
    const std::size_t before = server.operations;
    reader.host.preferences = laptop.host.preferences;
    reader.session.open();
    reader.sync_now();
    reader.wait(app::SyncDriver::kPeriodSeconds + 1);
    CHECK(server.operations == before);
    CHECK(reader.session.sync_view().other_tab);

    ui::UiIntents off;
    off.sync.turn_off = true;
    laptop.ask(std::move(off));
    CHECK(laptop.session.sync_view().state == ui::SyncView::State::Off);
    CHECK(laptop.host.preferences["sync.password"].empty());
    CHECK(laptop.host.key_forgotten);  // not only the kept copy: the key in memory too
    CHECK(count_prefix(files_in(temp / "laptop"), "sync-") == 0);
    CHECK(person(laptop.session.store(), 5) != nullptr);  // the data stays
    CHECK_FALSE(server.files.empty());                     // and so does the vault on the server
}

TEST_CASE("session sync: a record edited on two devices keeps the losing version, which can be restored") {
    TempFolder temp;
    test::MemoryServer server;
    server.folders.insert("ties/");
    SyncedTab laptop(temp / "laptop", server);
    laptop.edit(6, "first notes");
    laptop.set_up("phrase");
    SyncedTab phone(temp / "phone", server);
    phone.set_up("phrase");
    REQUIRE(person(phone.session.store(), 6) != nullptr);

    // Both edit the same person before either syncs.
    const Contact on_phone = *person(phone.session.store(), 6);
    Contact edited = on_phone;
    edited.notes = "phone's notes";
    ui::UiIntents a;
    a.change = save_contact(edited);
    phone.ask(std::move(a));
    laptop.host.now = phone.host.now + 60'000;  // a minute later
    Contact edited2 = *person(laptop.session.store(), 6);
    edited2.notes = "laptop's notes";
    ui::UiIntents b;
    b.change = save_contact(edited2);
    laptop.ask(std::move(b));

    phone.sync_now();
    laptop.sync_now();
    phone.sync_now();
    CHECK(person(laptop.session.store(), 6)->notes == "laptop's notes");  // the newer edit wins
    CHECK(person(phone.session.store(), 6)->notes == "laptop's notes");
    // The device that met both versions (the laptop: the phone's had gone up first) keeps the one
    // that lost, where the person can restore it.
    const ui::SyncView view = laptop.session.sync_view();
    REQUIRE(view.kept != nullptr);
    REQUIRE(view.kept->size() == 1);
    CHECK(std::get<Contact>((*view.kept)[0].record).notes == "phone's notes");
    CHECK(laptop.session.sync_view().history.front().words.find("1 conflict kept") != std::string::npos);

    ui::UiIntents restore;
    restore.sync.restore_kept = 0;
    laptop.ask(std::move(restore));
    CHECK(person(laptop.session.store(), 6)->notes == "phone's notes");
    CHECK(laptop.session.sync_view().kept->empty());
    laptop.sync_now();
    phone.sync_now();
    CHECK(person(phone.session.store(), 6)->notes == "phone's notes");  // the restored one wins everywhere
}
