// libcurl's easy interface for the sync engine's WebDAV operations; see sync_curl.hpp. Redirects
// are not followed (a password is never sent on to another host), only http and https are
// allowed, and a server that stops answering is a Timeout, never a hang.
#include "app/sync_curl.hpp"

#include "io/webdav.hpp"

#include <curl/curl.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace ties::cli {
namespace {

using io::sync::Failure;
using io::sync::Op;
using io::sync::OpKind;
using io::sync::Outcome;

constexpr std::uint64_t kLargestAnswer = 1ull << 30;  // above RunOptions::max_file_bytes' default

constexpr const char* kPropfindBody =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<propfind xmlns=\"DAV:\"><prop><resourcetype/><getcontentlength/></prop></propfind>\n";

struct Answer {
    std::string body;
    Millis date = 0;
    bool too_big = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    Answer& answer = *static_cast<Answer*>(user);
    const std::size_t n = size * count;
    if (answer.body.size() + n > kLargestAnswer) {
        answer.too_big = true;
        return 0;  // curl stops with CURLE_WRITE_ERROR
    }
    answer.body.append(data, n);
    return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    Answer& answer = *static_cast<Answer*>(user);
    const std::size_t n = size * count;
    std::string_view line(data, n);
    constexpr std::string_view kDate = "date:";
    if (line.size() > kDate.size()) {
        bool is_date = true;
        for (std::size_t i = 0; i < kDate.size(); ++i) {
            const char c = line[i] >= 'A' && line[i] <= 'Z' ? static_cast<char>(line[i] - 'A' + 'a') : line[i];
            if (c != kDate[i]) is_date = false;
        }
        if (is_date) {
            std::string_view value = line.substr(kDate.size());
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
            while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
                value.remove_suffix(1);
            if (const std::optional<Millis> date = io::webdav::parse_http_date(value)) answer.date = *date;
        }
    }
    return n;
}

Failure failure_of(CURLcode code) {
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT: return Failure::Timeout;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_PARTIAL_FILE:
    case CURLE_WRITE_ERROR: return Failure::Server;
    default: return Failure::Unreachable;  // DNS, connection refused or reset, TLS
    }
}

const char* method_of(OpKind kind) {
    switch (kind) {
    case OpKind::Probe: return "OPTIONS";
    case OpKind::List: return "PROPFIND";
    case OpKind::Get: return "GET";
    case OpKind::Put: return "PUT";
    case OpKind::Delete: return "DELETE";
    case OpKind::MakeFolder: return "MKCOL";
    default: return nullptr;
    }
}

// The engine's sentences for a network failure speak to the app's user ("your edits are kept
// here"); the command-line tool says what it tried to reach and what to do instead.
std::optional<Problem> in_cli_words(std::optional<Problem> error, Failure failure, const std::string& last_detail,
                                    const std::string& url) {
    const std::string detail = last_detail.empty() ? "" : " (" + last_detail + ")";
    if (failure == Failure::Unreachable)
        return problem("The server did not answer at " + url + ": check the address and the network" + detail + ".");
    if (failure == Failure::Timeout)
        return problem("The server at " + url + " took too long to answer" + detail +
                       ". Try again later, or allow more time with --timeout SECONDS.");
    return error;
}

}  // namespace

CurlPerformer::CurlPerformer(SyncServer server) : server_(std::move(server)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    if (server_.folder_url.empty() || server_.folder_url.back() != '/') server_.folder_url += '/';
    curl_ = curl_easy_init();
}

CurlPerformer::~CurlPerformer() {
    if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

std::string CurlPerformer::url_of(const std::string& path) const { return server_.folder_url + path; }

Outcome CurlPerformer::perform(const Op& op) {
    if (is_cryptography(op.kind)) return cipher_.perform(op);
    return perform_http(op);
}

Outcome CurlPerformer::perform_http(const Op& op) {
    Outcome failed;
    const char* method = method_of(op.kind);
    CURL* curl = static_cast<CURL*>(curl_);
    if (!curl || !method) {
        failed.failure = Failure::Server;
        failed.detail = curl ? "not a WebDAV operation" : "libcurl could not start";
        return failed;
    }
    curl_easy_reset(curl);  // keeps the open connection
    const std::string url = url_of(op.path);
    Answer answer;
    char error_text[CURL_ERROR_SIZE] = {};
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip before a PUT
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, server_.connect_seconds);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, server_.stall_seconds);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &answer);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "ties-cli");
    if (!server_.user.empty()) {
        curl_easy_setopt(curl, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
        curl_easy_setopt(curl, CURLOPT_USERNAME, server_.user.c_str());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, server_.password.c_str());
    }
    switch (op.kind) {
    case OpKind::Get: curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L); break;
    case OpKind::List:
        headers = curl_slist_append(headers, "Depth: 1");
        headers = curl_slist_append(headers, "Content-Type: application/xml; charset=utf-8");
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, kPropfindBody);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(std::string_view(kPropfindBody).size()));
        break;
    case OpKind::Put:
        headers = curl_slist_append(headers, "Content-Type: application/octet-stream");
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, op.bytes.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(op.bytes.size()));
        break;
    default: curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method); break;
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_off_t sent_after = 0;  // microseconds until the request could go out; 0 when it never could
    curl_easy_getinfo(curl, CURLINFO_PRETRANSFER_TIME_T, &sent_after);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);  // error_text ends here
    if (code != CURLE_OK) {
        failed.failure = answer.too_big ? Failure::Server : failure_of(code);
        failed.status = static_cast<int>(status);
        if (answer.too_big) {
            failed.detail = "the server's answer is larger than 1 GiB";
        } else if (code == CURLE_OPERATION_TIMEDOUT) {
            failed.detail = sent_after == 0
                                ? "no connection within " + std::to_string(server_.connect_seconds) + " s"
                                : "no answer within " + std::to_string(server_.stall_seconds) + " s";
        } else {
            failed.detail = std::string(curl_easy_strerror(code)) + (error_text[0] ? std::string(": ") + error_text : "");
        }
        failed.server_time = answer.date;
        return failed;
    }
    Outcome outcome = io::webdav::outcome_of_http(op.kind, static_cast<int>(status), std::move(answer.body), url);
    outcome.server_time = answer.date;
    return outcome;
}

Joined join_vault(CurlPerformer& performer, const io::sync::SetupOptions& options, bool allow_create) {
    Joined joined;
    io::sync::SetupRun run(options);
    std::string last_detail;  // of the operation that failed, for in_cli_words
    while (!run.finished()) {
        Outcome outcome = performer.perform(run.op());
        last_detail = outcome.detail;
        run.done(std::move(outcome));
        if (run.created() && !allow_create && !run.finished()) {
            joined.no_vault = true;
            joined.error = problem("There is no Ties vault in " + performer.url_of("") +
                                   " yet: set sync up there first (in the app, or with 'ties sync push --new-vault').");
            return joined;
        }
    }
    joined.created = run.created();
    if (!run.ok()) {
        joined.error = in_cli_words(run.error(), run.failure(), last_detail, performer.url_of(""));
        if (run.folder_missing()) {
            joined.error = problem("The folder " + performer.url_of("") + " does not exist on the server." +
                                   (allow_create ? "" : " Check the address."));
        }
        return joined;
    }
    joined.state = run.state();
    return joined;
}

Synced sync_store(CurlPerformer& performer, io::sync::SyncState state, Store& store, const io::sync::RunOptions& options) {
    io::sync::SyncRun run(std::move(state), options);
    std::string last_detail;
    io::sync::run_to_end(run, store, [&](const io::sync::Op& op) {
        Outcome outcome = performer.perform(op);
        last_detail = outcome.detail;
        return outcome;
    });
    Synced synced;
    synced.error = in_cli_words(run.error(), run.failure(), last_detail, performer.url_of(""));
    synced.state = std::move(run.state());
    synced.report = run.report();
    return synced;
}

}  // namespace ties::cli
