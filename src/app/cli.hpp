// The command-line tool's commands as a function of arguments and streams, so the doctest unit
// tests run them exactly as `ties` does (src/app/ties_cli.cpp is only main()). Native only: it
// reads and writes files with POSIX calls, encrypts with OpenSSL and syncs with libcurl (sync_curl.hpp).
#pragma once

#include "core/date.hpp"

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace ties::cli {

// What a run depends on besides its arguments: the clock, the local date and a random seed for
// new ids. Tests fix them; the tool takes them from the system.
struct Environment {
    Millis now = 0;
    Date today;
    std::int32_t offset_minutes = 0;  // the local time zone's offset from UTC (the day of a touch) ...
    std::function<std::int32_t(Millis)> offset_at;  // ... or, when set, at each moment (summer time)
    std::uint64_t seed_hi = 0;
    std::uint64_t seed_lo = 0;
};
Environment system_environment();  // the clock, today's local date, 128 bits from std::random_device

// Exit codes: 0 done, 1 failed (a damaged or unreadable file, a wrong passphrase), 2 usage error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

// `args` are the arguments after the program's name. Results go to `out` (an export without -o
// writes the file there), messages to `err`.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const Environment& env);

std::string usage();  // the text of `ties --help`

}  // namespace ties::cli
