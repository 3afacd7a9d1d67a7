#include "platform/files.hpp"

#include <emscripten.h>

#include <cstdlib>

// clang-format off
EM_JS(void, js_pick_files, (), { Module.tiesFiles.pick(); });
EM_JS(int, js_ready, (), { return Module.tiesFiles.ready(); });
EM_JS(char*, js_problem, (), { return Module.tiesPlatform.newString(Module.tiesFiles.problem()); });
EM_JS(int, js_count, (), { return Module.tiesFiles.count(); });
EM_JS(char*, js_name, (int i), { return Module.tiesPlatform.newString(Module.tiesFiles.name(i)); });
EM_JS(double, js_size, (int i), { return Module.tiesFiles.size(i); });
EM_JS(double, js_copy, (int i, char* out, double max), { return Module.tiesFiles.copy(i, out, max); });
EM_JS(void, js_clear, (), { Module.tiesFiles.clear(); });
EM_JS(void, js_start_import, (double now), { Module.tiesFiles.startImport(now); });
EM_JS(int, js_import_state, (), { return Module.tiesFiles.importState(); });
EM_JS(double, js_import_share, (), { return Module.tiesFiles.importShare(); });
EM_JS(char*, js_import_report, (), { return Module.tiesPlatform.newString(Module.tiesFiles.importReport()); });
EM_JS(double, js_import_payload_size, (), { return Module.tiesFiles.importPayloadSize(); });
EM_JS(void, js_import_payload, (char* out), { Module.tiesFiles.importPayload(out); });
EM_JS(void, js_end_import, (), { Module.tiesFiles.endImport(); });
EM_JS(void, js_cancel_import, (), { Module.tiesFiles.cancelImport(); });
EM_JS(void, js_encrypt, (const char* plain, double size, const char* pass, double iterations), {
    Module.tiesFiles.encrypt(HEAPU8.slice(plain, plain + size), UTF8ToString(pass), iterations);
});
EM_JS(void, js_decrypt, (double iterations, const char* salt, const char* iv, const char* sealed, double size, const char* pass), {
    Module.tiesFiles.decrypt(iterations, HEAPU8.slice(salt, salt + 16), HEAPU8.slice(iv, iv + 12),
                             HEAPU8.slice(sealed, sealed + size), UTF8ToString(pass));
});
EM_JS(int, js_crypto_state, (), { return Module.tiesFiles.cryptoState(); });
EM_JS(char*, js_crypto_error, (), { return Module.tiesPlatform.newString(Module.tiesFiles.cryptoError()); });
EM_JS(double, js_crypto_size, (), { return Module.tiesFiles.cryptoSize(); });
EM_JS(void, js_crypto_take, (char* out), { Module.tiesFiles.cryptoTake(out); });
// clang-format on

namespace ties::platform {
namespace {

std::string adopt(char* text) {
    std::string result(text ? text : "");
    std::free(text);
    return result;
}

int g_seen_choice = 0;

}  // namespace

void pick_files() { js_pick_files(); }

std::optional<Choice> take_choice() {
    const int generation = js_ready();
    if (generation == 0 || generation == g_seen_choice) return std::nullopt;
    g_seen_choice = generation;
    Choice choice;
    choice.problem = adopt(js_problem());
    const int count = js_count();
    for (int i = 0; i < count; ++i)
        choice.files.push_back({adopt(js_name(i)), static_cast<std::size_t>(js_size(i))});
    return choice;
}

std::string chosen_bytes(std::size_t index, std::size_t max) {
    const auto size = static_cast<std::size_t>(js_size(static_cast<int>(index)));
    std::string bytes(std::min(size, max), '\0');
    const auto copied = js_copy(static_cast<int>(index), bytes.data(), static_cast<double>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(copied));
    return bytes;
}

void forget_choice() { js_clear(); }

void start_import(std::int64_t now) { js_start_import(static_cast<double>(now)); }

ImportStatus import_status() {
    ImportStatus status;
    switch (js_import_state()) {
        case 0: status.state = ImportStatus::State::Running; break;
        case 1: status.state = ImportStatus::State::Done; break;
        case 2: status.state = ImportStatus::State::Failed; break;
        default: break;
    }
    status.share = js_import_share();
    return status;
}

ImportOutput take_import_output() {
    ImportOutput output;
    output.report = adopt(js_import_report());
    output.payload.resize(static_cast<std::size_t>(js_import_payload_size()));
    if (!output.payload.empty()) js_import_payload(output.payload.data());
    js_end_import();
    return output;
}

void cancel_import() { js_cancel_import(); }

void start_encrypt(std::string_view backup, std::string_view passphrase, std::uint32_t iterations) {
    js_encrypt(backup.data(), static_cast<double>(backup.size()), std::string(passphrase).c_str(), iterations);
}

void start_decrypt(std::uint32_t iterations, std::string_view salt, std::string_view iv, std::string_view sealed,
                   std::string_view passphrase) {
    js_decrypt(iterations, salt.data(), iv.data(), sealed.data(), static_cast<double>(sealed.size()),
               std::string(passphrase).c_str());
}

CryptoOutput take_crypto() {
    CryptoOutput output;
    switch (js_crypto_state()) {
        case 0: output.state = CryptoOutput::State::Running; return output;
        case 1: output.state = CryptoOutput::State::Done; break;
        case 2: output.state = CryptoOutput::State::Failed; break;
        default: return output;
    }
    output.error = adopt(js_crypto_error());
    output.bytes.resize(static_cast<std::size_t>(js_crypto_size()));
    js_crypto_take(output.bytes.data());  // also forgets the job
    return output;
}

}  // namespace ties::platform
