// The import module that runs in a Web Worker (web/import_worker.js): the same importers as the
// native tool, off the page's thread, so a big file shows progress and can be cancelled. Input:
// the files in /in (/in/0, /in/1, ... and their names, one per line, in /in/names). Output:
// /out/payload.json (the imported records, in the codec's format) and /out/report.txt.
#include "core/id.hpp"
#include "io/codec.hpp"
#include "io/import_files.hpp"

#include <emscripten.h>

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

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void ties_import(int count, double now) {
    std::vector<ties::io::NamedFile> files;
    std::istringstream names(read_file("/in/names"));
    for (int i = 0; i < count; ++i) {
        ties::io::NamedFile file;
        std::getline(names, file.name);
        file.bytes = read_file("/in/" + std::to_string(i));
        files.push_back(std::move(file));
    }
    unsigned seed[4] = {};
    random_words(seed);
    ties::IdGenerator ids((std::uint64_t{seed[0]} << 32) | seed[1], (std::uint64_t{seed[2]} << 32) | seed[3]);
    double last = -1;
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
    const ties::io::Imported result = ties::io::import_files(files, context);

    ties::io::Payload payload;
    for (const ties::Contact& c : result.contacts) payload.records.emplace_back(c);
    for (const ties::Interaction& i : result.interactions) payload.records.emplace_back(i);
    std::ofstream(("/out/payload.json"), std::ios::binary) << ties::io::encode(payload);

    // The report: "error<TAB>message" and "warning<TAB>message" lines (see platform/files.cpp).
    std::string report;
    if (result.error) report += "error\t" + one_line(result.error->to_string()) + "\n";
    for (const ties::Problem& warning : result.warnings)
        report += "warning\t" + one_line(warning.to_string()) + "\n";
    std::ofstream("/out/report.txt", std::ios::binary) << report;
}
