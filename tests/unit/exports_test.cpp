// The one export path (io/exports.hpp): the order of contacts, file names, and the same bytes
// as `ties export` for the same store, so the browser's buttons and the tool cannot drift apart.
#include "io/exports.hpp"

#include "app/cli.hpp"
#include "core/sample_data.hpp"
#include "io/backup.hpp"
#include "io_fixtures.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace ties;

namespace {

constexpr Millis kNow = 1'773'100'000'000;  // 2026-03-09, UTC
const Date kToday = Date::from_ymd(2026, 3, 10);  // pinned apart from kNow: the plan's day is today

Contact named(std::uint64_t n, std::string name, bool deleted = false) {
    Contact c;
    c.meta = test::fixed_meta(n);
    c.meta.deleted = deleted;
    c.display_name = std::move(name);
    return c;
}

// Names that sort differently raw and folded, two of them equal once folded, and one deleted.
void load_tricky_names(Store& store) {
    for (Contact c : {named(3, "Zoë"), named(1, "émile"), named(4, "adam"), named(2, "Émile"), named(5, "Aaron", true)})
        store.load(c);
}

// The sample network (so the plan has touches) and the tricky names.
Store export_store() {
    Store store;
    for (const Record& r : make_sample_data(7, kNow - 1000, kToday).records) store.load(r);
    load_tricky_names(store);
    return store;
}

std::string cli_export(const std::string& backup, const std::string& format) {
    cli::Environment env;
    env.now = kNow;
    env.today = kToday;
    std::ostringstream out, err;
    const int code = cli::run({"export", backup, "--format", format}, out, err, env);
    INFO(err.str());
    CHECK(code == cli::kExitOk);
    return out.str();
}

}  // namespace

TEST_CASE("exports: live contacts by folded name, then id") {
    Store store;
    load_tricky_names(store);
    std::vector<std::string> order;
    std::vector<Id> ids;
    for (const Contact& c : io::contacts_for_export(store)) {
        order.push_back(c.display_name);
        ids.push_back(c.meta.id);
    }
    // Raw bytes would put "Zoë" before "adam" and both "Émile"s last; the deleted Aaron is gone.
    CHECK(order == std::vector<std::string>{"adam", "émile", "Émile", "Zoë"});
    CHECK(ids[1] == test::fixed_id(1));
    CHECK(ids[2] == test::fixed_id(2));
}

TEST_CASE("exports: names, types, and a calendar with nothing planned refused") {
    const Store store = export_store();
    const io::ExportFile v4 = io::export_file(store, io::ExportFormat::Vcard4, kToday, kNow);
    CHECK(v4.ok());
    CHECK(v4.name == "ties-contacts-2026-03-10.vcf");
    CHECK(v4.mime_type == "text/vcard");
    CHECK(io::export_file(store, io::ExportFormat::Vcard3, kToday, kNow).name == "ties-contacts-2026-03-10-v3.vcf");
    CHECK(io::export_file(store, io::ExportFormat::Csv, kToday, kNow).mime_type == "text/csv");
    const io::ExportFile ics = io::export_file(store, io::ExportFormat::Calendar, kToday, kNow);
    CHECK(ics.ok());
    CHECK(ics.name == "ties-plan-2026-03-10.ics");
    CHECK(ics.mime_type == "text/calendar");

    Store few;
    few.load(named(1, "Ada"));
    const io::ExportFile none = io::export_file(few, io::ExportFormat::Calendar, kToday, kNow);
    CHECK(!none.ok());
    CHECK(to_string(none.error) == "nothing to put in a calendar: no touches planned and no follow-ups due as of 2026-03-10");

    CHECK(io::export_format_named("vcf3") == io::ExportFormat::Vcard3);
    CHECK(!io::export_format_named("json"));
}

TEST_CASE("exports: the same bytes as `ties export` for every format") {
    test::TempFolder dir;
    const Store store = export_store();
    const std::string backup = (dir / "people.ties").string();
    test::write_bytes(backup, io::backup_bytes(store));
    const std::pair<const char*, io::ExportFormat> formats[] = {{"vcf", io::ExportFormat::Vcard4},
                                                                {"vcf3", io::ExportFormat::Vcard3},
                                                                {"csv", io::ExportFormat::Csv},
                                                                {"ics", io::ExportFormat::Calendar}};
    for (const auto& [name, format] : formats) {
        CAPTURE(name);
        const io::ExportFile file = io::export_file(store, format, kToday, kNow);
        REQUIRE(file.ok());
        CHECK(file.bytes == cli_export(backup, name));
    }
    // A queue the caller already has gives the same calendar.
    const TodayQueue queue = build_today(store, NetworkStats::build(store, kToday), kToday);
    CHECK(io::export_file(store, io::ExportFormat::Calendar, kToday, kNow, &queue).bytes ==
          io::export_file(store, io::ExportFormat::Calendar, kToday, kNow).bytes);
}
