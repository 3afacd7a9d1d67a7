// The browser's implementation of platform::Host (host.hpp): web/storage.js for the data folder,
// web/files.js for chosen files, the import worker and WebCrypto, web/sync.js for sync's
// operations, and a few browser calls.
#pragma once

#include "platform/host.hpp"

#include <unordered_map>

namespace ties::platform {

class BrowserHost final : public Host {
public:
    // `pinned_today` (YYYYMMDD, from ?test&today=) fixes the date for tests; 0 follows the clock.
    explicit BrowserHost(int pinned_today = 0) : pinned_today_(pinned_today) {}

    std::int64_t now_millis() override;
    Date today() override;
    double seconds() override;

    StorageStatus storage_status() override;
    std::string storage_reason() override;
    std::string storage_error() override;
    std::string storage_persisted() override;
    void storage_written() override;
    void storage_set_dirty(bool dirty) override;
    void storage_reload_done() override;
    void storage_take_over() override;
    void storage_restore() override;

    void download(std::string_view name, std::string_view bytes, std::string_view mime_type) override;
    void open_url(std::string_view url) override;
    void set_page_text(std::string_view outline) override;
    std::string load_preference(std::string_view key) override;
    void save_preference(std::string_view key, std::string_view value) override;

    void pick_files() override;
    std::optional<Choice> take_choice() override;
    std::string chosen_bytes(std::size_t index, std::size_t max) override;
    void forget_choice() override;

    void start_import(std::int64_t now, const std::vector<std::string>& me) override;
    ImportStatus import_status() override;
    ImportOutput take_import_output() override;
    void cancel_import() override;

    CryptoJob start_encrypt(std::string_view backup, std::string_view passphrase, std::uint32_t iterations) override;
    CryptoJob start_decrypt(std::uint32_t iterations, std::string_view salt, std::string_view iv,
                            std::string_view sealed, std::string_view passphrase) override;
    CryptoOutput take_crypto(CryptoJob job) override;
    SyncJob start_sync(const SyncServer& server, const io::sync::Op& op) override;
    std::optional<io::sync::Outcome> take_sync(SyncJob job) override;
    void sync_remember_key(bool remember) override;
    void sync_forget_key() override;
    bool came_online() override;

private:
    int pinned_today_ = 0;
    int seen_choice_ = 0;  // the generation of the last choice taken
    // Sync jobs started and not yet taken: what their HTTP answer is read against.
    struct PendingSync {
        io::sync::OpKind kind = io::sync::OpKind::Get;
        std::string url;  // folder_url + path: the folder a List names
    };
    std::unordered_map<SyncJob, PendingSync> sync_jobs_;
};

}  // namespace ties::platform
