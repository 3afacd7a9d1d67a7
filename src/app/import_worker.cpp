// The import module that runs in a Web Worker (web/import_worker.js): the same importers as the
// native tool, off the page's thread, so a big file shows progress and can be cancelled. Input:
// the files in /in (/in/0, /in/1, ... and their names, one per line, in /in/names). Output:
// /out/payload.json (the imported records, in the codec's format) and /out/report.txt.
// Mailboxes and calendars (ties_import_history) are not copied in: they stay Files in the worker
// (self.tiesHistory), read 4 MB at a time with FileReaderSync, so memory stays bounded.
#include "core/forms.hpp"
#include "core/id.hpp"
#include "io/codec.hpp"
#include "io/history_import.hpp"
#include "io/import_files.hpp"

#include <emscripten.h>
#include <emscripten/heap.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

// clang-format off
EM_JS(void, post_progress, (double share), { self.postMessage({ type: 'progress', share }); });
EM_JS(void, random_words, (unsigned* out), {
    const words = new Uint32Array(4);
    self.crypto.getRandomValues(words);
    for (let i = 0; i < 4; i++) HEAPU32[(out >> 2) + i] = words[i];
});
// Copies up to `max` bytes of history file `index` from `offset` to `out`; 0 at the end or when
// the file cannot be read any more (moved, changed).
EM_JS(double, read_slice, (int index, double offset, char* out, double max), {
    try {
        const file = self.tiesHistory[index];
        const bytes = new Uint8Array(new FileReaderSync().readAsArrayBuffer(file.slice(offset, offset + max)));
        HEAPU8.set(bytes, out);
        return bytes.length;
    } catch (e) {
        return 0;
    }
});
EM_JS(double, file_size, (int index), { return self.tiesHistory[index].size; });
// The person's time zone's offset east of UTC, in minutes, at a moment (the browser knows its rules).
EM_JS(int, offset_at, (double utc), { return -new Date(utc).getTimezoneOffset(); });
// clang-format on

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// One message per line: newlines inside a message become spaces.
std::string one_line(std::string text) {
    for (char& c : text)
        if (c == '\n' || c == '\r') c = ' ';
    return text;
}

ties::IdGenerator random_ids() {
    unsigned seed[4] = {};
    random_words(seed);
    return ties::IdGenerator((std::uint64_t{seed[0]} << 32) | seed[1], (std::uint64_t{seed[2]} << 32) | seed[3]);
}

ties::io::ImportContext context_of(ties::IdGenerator& ids, double now, double& last) {
    ties::io::ImportContext context;
    context.ids = &ids;
    context.now = static_cast<ties::Millis>(now);
    context.progress = [&last](double share) {
        if (share - last >= 0.01 || share >= 1.0) {
            post_progress(share);
            last = share;
        }
        return true;  // the page cancels by terminating the worker
    };
    return context;
}

// The records to /out/payload.json and the report ("error<TAB>message", "warning<TAB>message",
// and for history "history<TAB>key<TAB>value" lines; see app/import_flow.cpp) to /out/report.txt.
void write_output(const ties::io::Imported& result, std::string report) {
    ties::io::Payload payload;
    for (const ties::Contact& c : result.contacts) payload.records.emplace_back(c);
    for (const ties::Interaction& i : result.interactions) payload.records.emplace_back(i);
    std::ofstream(("/out/payload.json"), std::ios::binary) << ties::io::encode(payload);
    if (result.error) report += "error\t" + one_line(result.error->to_string()) + "\n";
    for (const ties::Problem& warning : result.warnings)
        report += "warning\t" + one_line(warning.to_string()) + "\n";
    std::ofstream("/out/report.txt", std::ios::binary) << report;
}

std::vector<std::string> file_names(int count) {
    std::vector<std::string> out;
    std::istringstream names(read_file("/in/names"));
    for (int i = 0; i < count; ++i) std::getline(names, out.emplace_back());
    return out;
}

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void ties_import(int count, double now) {
    std::vector<ties::io::NamedFile> files;
    const std::vector<std::string> names = file_names(count);
    for (int i = 0; i < count; ++i)
        files.push_back({names[static_cast<std::size_t>(i)], read_file("/in/" + std::to_string(i))});
    ties::IdGenerator ids = random_ids();
    double last = -1;
    write_output(ties::io::import_files(files, context_of(ids, now, last)), "");
}

// Mailboxes and calendars (self.tiesHistory), for the person whose addresses /in/me lists (none:
// guessed), in their time zone (minutes east of UTC).
extern "C" EMSCRIPTEN_KEEPALIVE void ties_import_history(int count, double now, int offset_minutes) {
    const std::vector<std::string> names = file_names(count);
    std::vector<ties::io::HistorySource> sources;
    for (int i = 0; i < count; ++i) {
        ties::io::HistorySource source;
        source.name = names[static_cast<std::size_t>(i)];
        source.size = static_cast<std::uint64_t>(file_size(i));
        source.read = [i](std::uint64_t offset, char* out, std::size_t max) {
            return static_cast<std::size_t>(read_slice(i, static_cast<double>(offset), out, static_cast<double>(max)));
        };
        sources.push_back(std::move(source));
    }
    ties::io::HistoryOptions options;
    options.me = ties::read_own_addresses(read_file("/in/me"));
    options.offset_minutes = offset_minutes;
    options.offset_at = [](ties::Millis utc) { return offset_at(static_cast<double>(utc)); };
    options.now = static_cast<ties::Millis>(now);
    options.since = options.now - ties::io::kHistoryWindow;
    ties::IdGenerator ids = random_ids();
    double last = -1;
    ties::io::HistoryReport report;
    const ties::io::Imported result = ties::io::import_history(sources, context_of(ids, now, last), options, &report);
    std::string lines = "history\tsummary\t" + one_line(report.summary()) + "\n";
    lines += "history\tme\t" + ties::join_addresses(report.me) + "\n";
    if (report.me_guessed && !report.me.empty())
        lines += "history\tguessed\t" + std::to_string(report.me_seen) + "\t" + std::to_string(report.sample) + "\n";
    // The worker's memory at the end (wasm memory only grows, so this is its peak), for the tests.
    lines += "history\tmemory\t" + std::to_string(emscripten_get_heap_size()) + "\n";
    write_output(result, lines);
}
