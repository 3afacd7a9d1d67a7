// Timing shared by the native benchmarks: one run's wall-clock time, and the median of several
// (the median, not the mean, so one run disturbed by a noisy 2-core machine does not move it).
// With --json a benchmark also prints each figure as one machine-readable line for the suite
// (tests/bench/run): `@bench {"key":…,"label":…,"unit":…,"samples":[…]}`; --quick asks for the
// smaller sizes only.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace ties::bench {

template <typename F>
double time_ms(F&& run) {
    const auto start = std::chrono::steady_clock::now();
    run();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

inline double median(std::vector<double> values) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// The samples of the latest median_ms, for emit().
inline std::vector<double>& last_samples() {
    static std::vector<double> samples;
    return samples;
}

template <typename F>
double median_ms(int runs, F&& run) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) times.push_back(time_ms(run));
    last_samples() = times;
    return median(std::move(times));
}

struct Options {
    bool json = false;   // --json: print @bench lines
    bool quick = false;  // --quick: skip the largest sizes
};

inline Options& options() {
    static Options opts;
    return opts;
}

inline void parse_options(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--json") options().json = true;
        if (arg == "--quick") options().quick = true;
    }
}

inline std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
    return out + "\"";
}

// One figure for the suite: `key` names it for its target (tests/bench/run), `samples` are the
// individual runs (the suite takes the median and the spread itself).
inline void emit(std::string_view key, std::string_view label, std::string_view unit, const std::vector<double>& samples) {
    if (!options().json) return;
    std::string line = "@bench {\"key\":" + json_string(key) + ",\"label\":" + json_string(label) +
                       ",\"unit\":" + json_string(unit) + ",\"samples\":[";
    for (std::size_t i = 0; i < samples.size(); ++i) {
        char number[32];
        std::snprintf(number, sizeof number, "%s%.6g", i ? "," : "", samples[i]);
        line += number;
    }
    std::printf("%s]}\n", line.c_str());
    std::fflush(stdout);
}

}  // namespace ties::bench
