// Mail benchmark (not a test): how fast the mbox reader goes through a mailbox natively, and that
// its memory stays bounded whatever the size. A pool of 32 MB of messages shaped like a Gmail
// Takeout export (long Received/DKIM/ARC headers, HTML parts, base64 attachments, threads) is made
// once with a fixed seed, then fed to the reader in 4 MB slices over and over until the asked
// size has gone through (1 GB by default, 256 MB with --quick), as the import worker feeds it.
// Prints MB/s, messages/s and the process's peak resident memory before and after reading. Then
// the whole history import (io/history_import: the reader, the thread/day folding, the cards and
// touches) over the same bytes, as the worker and `ties import` run it.
#include "io/history_import.hpp"
#include "io/mbox.hpp"
#include "bench_timing.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>

using namespace ties;

namespace {

long peak_rss_kb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// Messages one after another, each with its own Message-ID (n), from a fixed seed.
class MailMaker {
public:
    explicit MailMaker(std::uint64_t seed) : rng(seed), b64line(76, 'A') {
        for (char& c : b64line) c = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[rng() % 64];
    }
    void append(std::string& out, std::size_t n);

private:
    std::mt19937_64 rng;
    std::string b64line;
};

void MailMaker::append(std::string& out, std::size_t n) {
    const char* names[] = {"Ada Okafor", "Bj\xc3\xb6rn Lindqvist", "=?UTF-8?Q?In=C3=A8s_Dubois?=", "\"Chen, Jun\"",
                           "Giulia Rossi", "Hiro Nakamura"};
    {
        const int person = static_cast<int>(rng() % 5000);
        const int day = 1 + static_cast<int>(rng() % 28);
        const bool mine = rng() % 3 == 0;
        char from[160], to[160], date[80];
        std::snprintf(from, sizeof from, "%s <person%d@example.org>", names[rng() % 6], person);
        std::snprintf(to, sizeof to, "Me <me@example.com>, %s <person%d@example.org>", names[rng() % 6],
                      static_cast<int>(rng() % 5000));
        std::snprintf(date, sizeof date, "Thu, %d Nov 2026 %02d:%02d:%02d +0100", day, static_cast<int>(rng() % 24),
                      static_cast<int>(rng() % 60), static_cast<int>(rng() % 60));
        out += "From 17840" + std::to_string(n) + "@xxx Thu Nov 05 10:00:00 +0000 2026\n";
        out += "X-GM-THRID: 17840" + std::to_string(n / 3) + "\nX-Gmail-Labels: Inbox,Category Personal\n";
        for (int hop = 0; hop < 4; ++hop)
            out += "Received: from mail-hop" + std::to_string(hop) + ".example.net (mail-hop.example.net [203.0.113." +
                   std::to_string(hop) + "])\n        by mx.example.com with ESMTPS id x" + std::to_string(n) +
                   "\n        for <me@example.com>; " + date + "\n";
        out += "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=20230601;\n        h=to:subject:message-id:date:from:mime-version;\n        bh=" +
               b64line.substr(0, 44) + ";\n        b=" + b64line + "\n         " + b64line + "\n         " + b64line + "\n";
        out += std::string("From: ") + (mine ? "Me <me@example.com>" : from) + "\nTo: " + (mine ? from : to) + "\n";
        out += std::string("Date: ") + date + "\nMessage-ID: <m" + std::to_string(n) + "@example.org>\n";
        if (n % 3) out += "In-Reply-To: <m" + std::to_string(n - 1) + "@example.org>\nReferences: <m" + std::to_string(n - n % 3) +
                          "@example.org> <m" + std::to_string(n - 1) + "@example.org>\n";
        if (n % 7 == 0) out += "List-Id: <news.example.org>\nPrecedence: list\n";
        out += "Subject: =?UTF-8?Q?Re:_caf=C3=A9_next_week?=\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n";
        out += "--b1\nContent-Type: text/plain; charset=UTF-8\n\nHello,\n\nFrom what I heard, next week works.\n>From the archive: an escaped line.\n\n";
        const int lines = n % 5 == 0 ? 400 : 20;  // every fifth message carries an attachment of ~30 KB
        out += "--b1\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n";
        for (int i = 0; i < lines; ++i) out += b64line + "\n";
        out += "--b1--\n\n";
    }
}

std::string make_pool(std::size_t bytes, std::uint64_t seed) {
    MailMaker maker(seed);
    std::string out;
    out.reserve(bytes + 64 * 1024);
    for (std::size_t n = 0; out.size() < bytes; ++n) maker.append(out, n);
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    bench::parse_options(argc, argv);
    const std::size_t total = (bench::options().quick ? 256ull : 1024ull) << 20;
    const std::string pool = make_pool(32u << 20, 7);
    const long before_kb = peak_rss_kb();
    constexpr std::size_t kSlice = 4u << 20;
    std::size_t messages = 0, automated = 0, fed = 0;
    io::mail::MboxReader reader([&](io::mail::Message&& m) {
        ++messages;
        if (!m.automated.empty()) ++automated;
    });
    const double ms = bench::time_ms([&] {
        while (fed < total) {
            for (std::size_t at = 0; at < pool.size() && fed < total; at += kSlice) {
                const std::string_view slice = std::string_view(pool).substr(at, kSlice);
                reader.feed(slice);
                fed += slice.size();
            }
        }
        reader.finish();
    });
    const long after_kb = peak_rss_kb();
    const double mb = static_cast<double>(fed) / (1 << 20);
    std::printf("mbox reader: %.0f MB in %.0f ms: %.0f MB/s, %.0f messages/s (%zu messages, %zu automated, %zu skipped)\n",
                mb, ms, mb / (ms / 1000), static_cast<double>(messages) / (ms / 1000), messages, automated, reader.skipped());
    std::printf("peak resident memory: %.1f MB with the 32 MB pool made, %.1f MB after reading %.0f MB\n",
                static_cast<double>(before_kb) / 1024.0, static_cast<double>(after_kb) / 1024.0, mb);
    bench::emit("mbox_mb_per_s", "mbox reader, MB/s", "MB/s", {mb / (ms / 1000)});

    // The whole history import over a mailbox of the same size whose every message is new (the
    // pool above repeats): made on the fly as the import reads it, so the file never exists.
    // Making it costs time too: it is measured alone first and subtracted.
    const auto generated = [total](MailMaker& maker, std::string& buffer, std::size_t& next, std::size_t& made,
                                   char* out, std::size_t max) -> std::size_t {
        while (buffer.size() < max && made < total) {
            const std::size_t before = buffer.size();
            maker.append(buffer, next++);
            made += buffer.size() - before;
        }
        const std::size_t n = std::min(max, buffer.size());
        std::copy_n(buffer.data(), n, out);
        buffer.erase(0, n);
        return n;
    };
    double make_ms = 0;
    {
        MailMaker maker(7);
        std::string buffer, slice(kSlice, '\0');
        std::size_t next = 0, made = 0;
        make_ms = bench::time_ms([&] {
            while (generated(maker, buffer, next, made, slice.data(), kSlice) > 0) {
            }
        });
    }
    MailMaker maker(7);
    std::string buffer;
    std::size_t next = 0, made = 0, position = 0;
    io::HistorySource source;
    source.name = "All mail.mbox";
    source.size = total;
    source.read = [&](std::uint64_t offset, char* out, std::size_t max) {
        if (offset != position) {  // the import reads the head first, then from the start again
            maker = MailMaker(7);
            buffer.clear();
            next = made = position = 0;
        }
        const std::size_t n = generated(maker, buffer, next, made, out, max);
        position += n;
        return n;
    };
    IdGenerator ids(1, 2);
    io::ImportContext context{"All mail.mbox", &ids, 1'800'000'000'000, {}};  // 2027-01-15: after the mail
    io::HistoryOptions options;
    options.me = {"me@example.com"};
    options.now = context.now;
    io::HistoryReport report;
    io::Imported imported;
    const double import_ms =
        bench::time_ms([&] { imported = io::import_history({source}, context, options, &report); }) - make_ms;
    const long import_kb = peak_rss_kb();
    std::printf("history import: %.0f MB of new messages in %.0f ms (making them took %.0f ms more): %.0f MB/s; %s\n",
                mb, import_ms, make_ms, mb / (import_ms / 1000), report.summary().c_str());
    std::printf("peak resident memory after the history import: %.1f MB (%zu cards, %zu touches kept)\n",
                static_cast<double>(import_kb) / 1024.0, imported.contacts.size(), imported.interactions.size());
    bench::emit("history_import_mb_per_s", "history import of an mbox, MB/s", "MB/s", {mb / (import_ms / 1000)});
    return 0;
}
