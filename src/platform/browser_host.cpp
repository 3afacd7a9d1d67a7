#include "platform/browser_host.hpp"

#include "io/webdav.hpp"
#include "platform/browser.hpp"
#include "platform/js_string.hpp"

#include <emscripten.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>

// clang-format off
EM_JS(void, js_storage_status, (double* out), {
    const s = Module.tiesStorage.state;
    const modes = { starting: 0, writer: 1, reader: 2, memory: 3 };  // platform::StorageMode
    const base = out >> 3;
    HEAPF64[base] = modes[s.mode];
    HEAPF64[base + 1] = s.written;
    HEAPF64[base + 2] = s.committed;
    HEAPF64[base + 3] = s.syncing ? 1 : 0;
    HEAPF64[base + 4] = s.reloadNeeded ? 1 : 0;
    HEAPF64[base + 5] = s.cleared ? 1 : 0;
});
EM_JS(char*, js_storage_text, (int which), {
    const s = Module.tiesStorage.state;
    return Module.tiesPlatform.newString([s.reason, s.error, s.persisted][which] || "");
});
EM_JS(void, js_storage_written, (), { Module.tiesStorage.written(); });
EM_JS(void, js_storage_set_dirty, (int dirty), { Module.tiesStorage.setDirty(dirty); });
EM_JS(void, js_storage_reload_done, (), { Module.tiesStorage.state.reloadNeeded = false; });
EM_JS(void, js_storage_take_over, (), { Module.tiesStorage.takeOver(); });
EM_JS(void, js_storage_restore, (), { Module.tiesStorage.restore(); });
EM_JS(void, js_download, (const char* name, const char* bytes, double size, const char* mime), {
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
EM_JS(double, js_now_millis, (), { return Date.now(); });
EM_JS(int, js_take_online, (), { return Module.tiesPlatform.takeOnline() ? 1 : 0; });
EM_JS(void, js_local_today, (int* out), {
    const d = new Date();
    HEAP32[out >> 2] = d.getFullYear();
    HEAP32[(out >> 2) + 1] = d.getMonth() + 1;
    HEAP32[(out >> 2) + 2] = d.getDate();
});

EM_JS(void, js_pick_files, (), { Module.tiesFiles.pick(); });
EM_JS(int, js_ready, (), { return Module.tiesFiles.ready(); });
EM_JS(char*, js_problem, (), { return Module.tiesPlatform.newString(Module.tiesFiles.problem()); });
EM_JS(int, js_count, (), { return Module.tiesFiles.count(); });
EM_JS(char*, js_name, (int i), { return Module.tiesPlatform.newString(Module.tiesFiles.name(i)); });
EM_JS(double, js_size, (int i), { return Module.tiesFiles.size(i); });
EM_JS(double, js_copy, (int i, char* out, double max), { return Module.tiesFiles.copy(i, out, max); });
EM_JS(void, js_clear, (), { Module.tiesFiles.clear(); });
EM_JS(void, js_start_import, (double now, const char* me), { Module.tiesFiles.startImport(now, UTF8ToString(me)); });
EM_JS(int, js_history, (int i), { return Module.tiesFiles.history(i) ? 1 : 0; });
EM_JS(int, js_import_state, (), { return Module.tiesFiles.importState(); });
EM_JS(double, js_import_share, (), { return Module.tiesFiles.importShare(); });
EM_JS(char*, js_import_report, (), { return Module.tiesPlatform.newString(Module.tiesFiles.importReport()); });
EM_JS(double, js_import_payload_size, (), { return Module.tiesFiles.importPayloadSize(); });
EM_JS(void, js_import_payload, (char* out), { Module.tiesFiles.importPayload(out); });
EM_JS(void, js_end_import, (), { Module.tiesFiles.endImport(); });
EM_JS(void, js_cancel_import, (), { Module.tiesFiles.cancelImport(); });
EM_JS(int, js_encrypt, (const char* plain, double size, const char* pass, double iterations), {
    return Module.tiesFiles.encrypt(HEAPU8.slice(plain, plain + size), UTF8ToString(pass), iterations);
});
EM_JS(int, js_decrypt, (double iterations, const char* salt, const char* iv, const char* sealed, double size, const char* pass), {
    return Module.tiesFiles.decrypt(iterations, HEAPU8.slice(salt, salt + 16), HEAPU8.slice(iv, iv + 12),
                                    HEAPU8.slice(sealed, sealed + size), UTF8ToString(pass));
});
EM_JS(int, js_crypto_state, (int job), { return Module.tiesFiles.cryptoState(job); });
EM_JS(char*, js_crypto_error, (int job), { return Module.tiesPlatform.newString(Module.tiesFiles.cryptoError(job)); });
EM_JS(double, js_crypto_size, (int job), { return Module.tiesFiles.cryptoSize(job); });
EM_JS(void, js_crypto_take, (int job, char* out), { Module.tiesFiles.cryptoTake(job, out); });
// Sync: every text crosses as bytes (pointer, size), so passwords and binary salts arrive as they are.
EM_JS(int, js_sync_start, (int kind, const char* folder, double folder_size, const char* user, double user_size,
                           const char* password, double password_size, const char* path, double path_size,
                           const char* bytes, double bytes_size, const char* aad, double aad_size,
                           const char* passphrase, double passphrase_size, double iterations), {
    const take = (ptr, size) => HEAPU8.slice(ptr, ptr + size);
    return Module.tiesSync.start({
        kind, folder: new TextDecoder().decode(take(folder, folder_size)), user: take(user, user_size),
        password: take(password, password_size), path: take(path, path_size), bytes: take(bytes, bytes_size),
        aad: take(aad, aad_size), passphrase: take(passphrase, passphrase_size), iterations });
});
EM_JS(int, js_sync_done, (int job), { return Module.tiesSync.done(job); });
EM_JS(void, js_sync_result, (int job, double* out), {
    HEAPF64[out >> 3] = Module.tiesSync.failure(job);
    HEAPF64[(out >> 3) + 1] = Module.tiesSync.status(job);
    HEAPF64[(out >> 3) + 2] = Module.tiesSync.size(job);
});
EM_JS(char*, js_sync_detail, (int job), { return Module.tiesPlatform.newString(Module.tiesSync.detail(job)); });
EM_JS(char*, js_sync_date, (int job), { return Module.tiesPlatform.newString(Module.tiesSync.date(job)); });
EM_JS(void, js_sync_take, (int job, char* out), { Module.tiesSync.take(job, out); });
EM_JS(void, js_sync_remember_key, (int remember), { Module.tiesSync.rememberKey(remember !== 0); });
EM_JS(void, js_sync_forget_key, (), { Module.tiesSync.forgetKey(); });
// clang-format on

namespace ties::platform {
namespace {

// The numbers web/sync.js uses for operations (KIND) and failures (FAILURE).
static_assert(static_cast<int>(io::sync::OpKind::MakeFolder) == 5 && static_cast<int>(io::sync::OpKind::Open) == 9);
static_assert(static_cast<int>(io::sync::Failure::Cors) == 2 && static_cast<int>(io::sync::Failure::NoKey) == 9);

bool is_cryptography(io::sync::OpKind kind) {
    using io::sync::OpKind;
    return kind == OpKind::CreateKey || kind == OpKind::Unlock || kind == OpKind::Seal || kind == OpKind::Open;
}

JobState job_state(int code) {
    switch (code) {
        case 0: return JobState::Running;
        case 1: return JobState::Done;
        case 2: return JobState::Failed;
        default: return JobState::None;
    }
}

}  // namespace

std::int64_t BrowserHost::now_millis() { return static_cast<std::int64_t>(js_now_millis()); }

Date BrowserHost::today() {
    if (pinned_today_ > 0) return Date::from_ymd(pinned_today_ / 10000, pinned_today_ / 100 % 100, pinned_today_ % 100);
    int values[3] = {};
    js_local_today(values);
    return Date::from_ymd(values[0], values[1], values[2]);
}

double BrowserHost::seconds() { return emscripten_get_now() / 1000.0; }

StorageStatus BrowserHost::storage_status() {
    double v[6] = {};
    js_storage_status(v);
    StorageStatus status;
    status.mode = static_cast<StorageMode>(static_cast<int>(v[0]));
    status.written = static_cast<std::int64_t>(v[1]);
    status.committed = static_cast<std::int64_t>(v[2]);
    status.syncing = v[3] != 0;
    status.reload_needed = v[4] != 0;
    status.cleared = v[5] != 0;
    return status;
}

std::string BrowserHost::storage_reason() { return take_js_string(js_storage_text(0)); }
std::string BrowserHost::storage_error() { return take_js_string(js_storage_text(1)); }
std::string BrowserHost::storage_persisted() { return take_js_string(js_storage_text(2)); }
void BrowserHost::storage_written() { js_storage_written(); }
void BrowserHost::storage_set_dirty(bool dirty) { js_storage_set_dirty(dirty ? 1 : 0); }
void BrowserHost::storage_reload_done() { js_storage_reload_done(); }
void BrowserHost::storage_take_over() { js_storage_take_over(); }
void BrowserHost::storage_restore() { js_storage_restore(); }

void BrowserHost::download(std::string_view name, std::string_view bytes, std::string_view mime_type) {
    js_download(std::string(name).c_str(), bytes.data(), static_cast<double>(bytes.size()),
                std::string(mime_type).c_str());
}

void BrowserHost::open_url(std::string_view url) { platform::open_url(url); }
void BrowserHost::set_page_text(std::string_view outline) { platform::set_page_text(outline); }
std::string BrowserHost::load_preference(std::string_view key) { return platform::load_preference(key); }
void BrowserHost::save_preference(std::string_view key, std::string_view value) { platform::save_preference(key, value); }

void BrowserHost::pick_files() { js_pick_files(); }

std::optional<Choice> BrowserHost::take_choice() {
    const int generation = js_ready();
    if (generation == 0 || generation == seen_choice_) return std::nullopt;
    seen_choice_ = generation;
    Choice choice;
    choice.problem = take_js_string(js_problem());
    const int count = js_count();
    for (int i = 0; i < count; ++i)
        choice.files.push_back({take_js_string(js_name(i)), static_cast<std::size_t>(js_size(i)), js_history(i) != 0});
    return choice;
}

std::string BrowserHost::chosen_bytes(std::size_t index, std::size_t max) {
    const auto size = static_cast<std::size_t>(js_size(static_cast<int>(index)));
    std::string bytes(std::min(size, max), '\0');
    const auto copied = js_copy(static_cast<int>(index), bytes.data(), static_cast<double>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(copied));
    return bytes;
}

void BrowserHost::forget_choice() { js_clear(); }

void BrowserHost::start_import(std::int64_t now, const std::vector<std::string>& me) {
    std::string lines;
    for (const std::string& address : me) lines += address + "\n";
    js_start_import(static_cast<double>(now), lines.c_str());
}

ImportStatus BrowserHost::import_status() { return {job_state(js_import_state()), js_import_share()}; }

ImportOutput BrowserHost::take_import_output() {
    ImportOutput output;
    output.report = take_js_string(js_import_report());
    output.payload.resize(static_cast<std::size_t>(js_import_payload_size()));
    if (!output.payload.empty()) js_import_payload(output.payload.data());
    js_end_import();
    return output;
}

void BrowserHost::cancel_import() { js_cancel_import(); }

CryptoJob BrowserHost::start_encrypt(std::string_view backup, std::string_view passphrase, std::uint32_t iterations) {
    return js_encrypt(backup.data(), static_cast<double>(backup.size()), std::string(passphrase).c_str(), iterations);
}

CryptoJob BrowserHost::start_decrypt(std::uint32_t iterations, std::string_view salt, std::string_view iv,
                                     std::string_view sealed, std::string_view passphrase) {
    return js_decrypt(iterations, salt.data(), iv.data(), sealed.data(), static_cast<double>(sealed.size()),
                      std::string(passphrase).c_str());
}

CryptoOutput BrowserHost::take_crypto(CryptoJob job) {
    CryptoOutput output;
    output.state = job_state(js_crypto_state(job));
    if (output.state != JobState::Done && output.state != JobState::Failed) return output;
    output.error = take_js_string(js_crypto_error(job));
    output.bytes.resize(static_cast<std::size_t>(js_crypto_size(job)));
    js_crypto_take(job, output.bytes.data());  // also forgets the job
    return output;
}

SyncJob BrowserHost::start_sync(const SyncServer& server, const io::sync::Op& op) {
    const auto size = [](const std::string& text) { return static_cast<double>(text.size()); };
    const SyncJob job = js_sync_start(static_cast<int>(op.kind), server.folder_url.data(), size(server.folder_url),
                                      server.user.data(), size(server.user), server.password.data(), size(server.password),
                                      op.path.data(), size(op.path), op.bytes.data(), size(op.bytes), op.aad.data(),
                                      size(op.aad), op.passphrase.data(), size(op.passphrase), op.iterations);
    sync_jobs_[job] = {op.kind, server.folder_url + op.path};
    return job;
}

std::optional<io::sync::Outcome> BrowserHost::take_sync(SyncJob job) {
    const auto pending = sync_jobs_.find(job);
    if (pending == sync_jobs_.end() || js_sync_done(job) != 1) {
        if (pending != sync_jobs_.end()) return std::nullopt;  // still running
        io::sync::Outcome unknown;                            // taken already, or never started
        unknown.failure = io::sync::Failure::Server;
        unknown.detail = "no such sync job";
        return unknown;
    }
    const PendingSync started = std::move(pending->second);
    sync_jobs_.erase(pending);
    double result[3] = {};
    js_sync_result(job, result);
    const auto failure = static_cast<io::sync::Failure>(static_cast<int>(result[0]));
    const int status = static_cast<int>(result[1]);
    std::string detail = take_js_string(js_sync_detail(job));
    const std::string date = take_js_string(js_sync_date(job));
    std::string bytes(static_cast<std::size_t>(result[2]), '\0');
    js_sync_take(job, bytes.data());  // also forgets the job

    io::sync::Outcome outcome;
    if (failure != io::sync::Failure::None || is_cryptography(started.kind)) {  // no HTTP answer, or cryptography
        outcome.failure = failure;
        outcome.status = status;
        outcome.detail = std::move(detail);
        outcome.bytes = std::move(bytes);
    } else {
        outcome = io::webdav::outcome_of_http(started.kind, status, std::move(bytes), started.url);
    }
    if (const auto server_time = io::webdav::parse_http_date(date)) outcome.server_time = *server_time;
    return outcome;
}

void BrowserHost::sync_remember_key(bool remember) { js_sync_remember_key(remember ? 1 : 0); }
void BrowserHost::sync_forget_key() { js_sync_forget_key(); }
bool BrowserHost::came_online() { return js_take_online() != 0; }

}  // namespace ties::platform

// --- For the browser tests ------------------------------------------------------------------
// One sync operation through BrowserHost, as the session performs it, started from the page
// (tests/e2e/sync-transport.test.mjs): ties_sync_test_start returns the job, ties_sync_test_take
// its Outcome as JSON (malloc'ed; the caller frees it) once it ended, null before. ?test pages only.
namespace {

ties::platform::BrowserHost& test_host() {
    static ties::platform::BrowserHost host;
    return host;
}

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20) {
            out += "\\u00";
            out += kHex[byte >> 4];
            out += kHex[byte & 15];
        } else {
            out += c;
        }
    }
    out += '"';
}

std::string hex_of(std::string_view bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        out += kHex[byte >> 4];
        out += kHex[byte & 15];
    }
    return out;
}

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE int ties_sync_test_start(int kind, const char* folder, const char* user,
                                                         const char* password, const char* path, int path_size,
                                                         const char* bytes, int bytes_size, const char* aad,
                                                         int aad_size, const char* passphrase, int iterations) {
    if (!ties::platform::page_options().test) return -1;
    const auto view = [](const char* data, int size) { return std::string(data, static_cast<std::size_t>(size)); };
    ties::platform::SyncServer server{folder, user, password};
    ties::io::sync::Op op;
    op.kind = static_cast<ties::io::sync::OpKind>(kind);
    op.path = view(path, path_size);
    op.bytes = view(bytes, bytes_size);
    op.aad = view(aad, aad_size);
    op.passphrase = passphrase;
    op.iterations = static_cast<std::uint32_t>(iterations);
    return test_host().start_sync(server, op);
}

extern "C" EMSCRIPTEN_KEEPALIVE char* ties_sync_test_take(int job) {
    if (!ties::platform::page_options().test) return nullptr;
    const std::optional<ties::io::sync::Outcome> outcome = test_host().take_sync(job);
    if (!outcome) return nullptr;
    std::string json = "{\"failure\":" + std::to_string(static_cast<int>(outcome->failure)) +
                       ",\"status\":" + std::to_string(outcome->status) + ",\"detail\":";
    append_json_string(json, outcome->detail);
    json += ",\"bytes\":\"" + hex_of(outcome->bytes) + "\",\"server_time\":" + std::to_string(outcome->server_time) +
            ",\"entries\":[";
    for (std::size_t i = 0; i < outcome->entries.size(); ++i) {
        const ties::io::sync::Entry& entry = outcome->entries[i];
        json += i ? ",{\"name\":" : "{\"name\":";
        append_json_string(json, entry.name);
        json += ",\"folder\":" + std::string(entry.folder ? "true" : "false") + ",\"size\":" + std::to_string(entry.size) + "}";
    }
    json += "]}";
    char* out = static_cast<char*>(std::malloc(json.size() + 1));
    std::copy(json.begin(), json.end(), out);
    out[json.size()] = '\0';
    return out;
}
