// Files in and out of the page, besides downloads (storage.hpp): the files a person chooses or
// drops, imports run in a Web Worker with progress and cancel, and backup encryption through
// WebCrypto. Asynchronous browser work is started here and polled each frame.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ties::platform {

void pick_files();  // opens the browser's file chooser (call in answer to a click)

struct ChosenFile {
    std::string name;
    std::size_t size = 0;
};

struct Choice {
    std::vector<ChosenFile> files;
    std::string problem;  // a file too big or unreadable: say so
};

// A complete new choice (picked or dropped, every file read), once.
std::optional<Choice> take_choice();
std::string chosen_bytes(std::size_t index, std::size_t max = SIZE_MAX);  // a chosen file's bytes (or its start)
void forget_choice();

// The chosen files imported in a worker. status() is polled; result() once done.
void start_import(std::int64_t now);
struct ImportStatus {
    enum class State { None, Running, Done, Failed } state = State::None;
    double share = 0;
};
ImportStatus import_status();
struct ImportOutput {
    std::string payload;  // the records, in the codec's JSON (io::decode)
    std::string report;   // "error\t..." / "warning\t..." lines; for a failure, the reason
};
ImportOutput take_import_output();
void cancel_import();

// Backup encryption (WebCrypto); the output is an EncryptedBackup payload, or the plain backup.
void start_encrypt(std::string_view backup, std::string_view passphrase, std::uint32_t iterations);
void start_decrypt(std::uint32_t iterations, std::string_view salt, std::string_view iv, std::string_view sealed,
                   std::string_view passphrase);
struct CryptoOutput {
    enum class State { None, Running, Done, Failed } state = State::None;
    std::string bytes;
    std::string error;
};
CryptoOutput take_crypto();  // Running until finished; Done or Failed once, then None

}  // namespace ties::platform
