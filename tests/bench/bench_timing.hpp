// Timing shared by the native benchmarks: one run's wall-clock time, and the median of several
// (the median, not the mean, so one run disturbed by a noisy 2-core machine does not move it).
#pragma once

#include <algorithm>
#include <chrono>
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

template <typename F>
double median_ms(int runs, F&& run) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) times.push_back(time_ms(run));
    return median(std::move(times));
}

}  // namespace ties::bench
