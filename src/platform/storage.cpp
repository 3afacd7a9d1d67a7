#include "platform/storage.hpp"

#include <emscripten.h>

#include <cstdlib>

// clang-format off
EM_JS(void, js_storage_status, (double* out), {
    const s = Module.tiesStorage.state;
    const modes = { starting: 0, writer: 1, reader: 2, memory: 3 };
    const base = out >> 3;
    HEAPF64[base] = modes[s.mode];
    HEAPF64[base + 1] = s.written;
    HEAPF64[base + 2] = s.committed;
    HEAPF64[base + 3] = s.syncing ? 1 : 0;
    HEAPF64[base + 4] = s.reloadNeeded ? 1 : 0;
});
EM_JS(char*, js_storage_text, (int which), {
    const s = Module.tiesStorage.state;
    return Module.tiesPlatform.newString([s.reason, s.error, s.persisted][which] || "");
});
EM_JS(void, js_storage_written, (), { Module.tiesStorage.written(); });
EM_JS(void, js_storage_set_dirty, (int dirty), { Module.tiesStorage.setDirty(dirty); });
EM_JS(void, js_storage_reload_done, (), { Module.tiesStorage.state.reloadNeeded = false; });
EM_JS(void, js_storage_take_over, (), { Module.tiesStorage.takeOver(); });
EM_JS(void, js_download, (const char* name, const char* bytes, int size, const char* mime), {
    const data = HEAPU8.slice(bytes, bytes + size);
    const url = URL.createObjectURL(new Blob([data], { type: UTF8ToString(mime) }));
    const link = document.createElement('a');
    link.href = url;
    link.download = UTF8ToString(name);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
});
EM_JS(void, js_random_seed, (unsigned* out), {
    const words = new Uint32Array(4);
    crypto.getRandomValues(words);
    for (let i = 0; i < 4; i++) HEAPU32[(out >> 2) + i] = words[i];
});
EM_JS(double, js_now_millis, (), { return Date.now(); });
EM_JS(void, js_local_today, (int* out), {
    const d = new Date();
    HEAP32[out >> 2] = d.getFullYear();
    HEAP32[(out >> 2) + 1] = d.getMonth() + 1;
    HEAP32[(out >> 2) + 2] = d.getDate();
});
// clang-format on

namespace ties::platform {
namespace {

std::string storage_text(int which) {
    char* text = js_storage_text(which);
    std::string result(text);
    std::free(text);
    return result;
}

}  // namespace

StorageStatus storage_status() {
    double v[5] = {};
    js_storage_status(v);
    StorageStatus status;
    status.mode = static_cast<StorageMode>(static_cast<int>(v[0]));
    status.written = static_cast<std::int64_t>(v[1]);
    status.committed = static_cast<std::int64_t>(v[2]);
    status.syncing = v[3] != 0;
    status.reload_needed = v[4] != 0;
    return status;
}

std::string storage_reason() { return storage_text(0); }
std::string storage_error() { return storage_text(1); }
std::string storage_persisted() { return storage_text(2); }

void storage_written() { js_storage_written(); }
void storage_set_dirty(bool dirty) { js_storage_set_dirty(dirty ? 1 : 0); }
void storage_reload_done() { js_storage_reload_done(); }
void storage_take_over() { js_storage_take_over(); }

void download(std::string_view filename, std::string_view bytes, std::string_view mime_type) {
    js_download(std::string(filename).c_str(), bytes.data(), static_cast<int>(bytes.size()),
                std::string(mime_type).c_str());
}

void random_seed(std::uint64_t& hi, std::uint64_t& lo) {
    unsigned words[4] = {};
    js_random_seed(words);
    hi = (std::uint64_t{words[0]} << 32) | words[1];
    lo = (std::uint64_t{words[2]} << 32) | words[3];
}

std::int64_t now_millis() { return static_cast<std::int64_t>(js_now_millis()); }

void local_today(int& year, int& month, int& day) {
    int values[3] = {};
    js_local_today(values);
    year = values[0];
    month = values[1];
    day = values[2];
}

}  // namespace ties::platform
