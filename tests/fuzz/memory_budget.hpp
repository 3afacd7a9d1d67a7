// Memory that grows with the input, not beyond it. libFuzzer's -malloc_limit_mb caps one allocation
// and -rss_limit_mb the process; neither says "a file of 2 KB must not take 500 MB". A target opens a
// MemoryBudget at the top of LLVMFuzzerTestOneInput: through the sanitizer's malloc and free hooks it
// follows the bytes live on the heap during that call and aborts (a crash, so libFuzzer keeps the
// input) when their peak exceeds kFixedBytes + kBytesPerInputByte × the input's size. The budget's
// numbers and the worst ratio seen in runs are in README.md ("Fuzzing"). Setting
// TIES_FUZZ_MEMORY_REPORT=1 prints the worst peak per input byte when the run ends, to re-measure.
#pragma once

#include <sanitizer/allocator_interface.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>

namespace ties::fuzz {

class MemoryBudget {
public:
    // What any input may use (the parsers' tables, a store's indexes, the temporary folder's paths),
    // and what each byte of input may add: one byte of CSV can be one row, which is one person.
    static constexpr std::size_t kFixedBytes = std::size_t{1} << 20;
    static constexpr std::size_t kBytesPerInputByte = 2048;

    explicit MemoryBudget(std::size_t input_size) : input_size_(input_size) {
        install();
        live() = 0;
        peak() = 0;
        active() = true;
    }
    ~MemoryBudget() {
        active() = false;
        if (peak() > worst_peak()) worst_peak() = peak();
        const double per_byte = static_cast<double>(peak()) / static_cast<double>(input_size_ > 0 ? input_size_ : 1);
        if (input_size_ >= 256 && per_byte > worst_per_byte()) worst_per_byte() = per_byte;
        if (peak() > kFixedBytes + kBytesPerInputByte * input_size_) {
            std::fprintf(stderr, "memory budget exceeded: %zu bytes live at the peak for %zu bytes of input\n",
                         peak(), input_size_);
            std::abort();
        }
    }
    MemoryBudget(const MemoryBudget&) = delete;
    MemoryBudget& operator=(const MemoryBudget&) = delete;

private:
    static bool& active() { static bool value = false; return value; }
    static long long& live() { static long long value = 0; return value; }
    static std::size_t& peak() { static std::size_t value = 0; return value; }
    static std::size_t& worst_peak() { static std::size_t value = 0; return value; }
    static double& worst_per_byte() { static double value = 0; return value; }

    static void on_malloc(const volatile void*, std::size_t size) {
        if (!active()) return;
        live() += static_cast<long long>(size);
        if (live() > 0 && static_cast<std::size_t>(live()) > peak()) peak() = static_cast<std::size_t>(live());
    }
    // Frees of memory allocated before the call make live negative for a while; the peak is what the
    // call added on top of what it found.
    static void on_free(const volatile void* pointer) {
        if (!active() || pointer == nullptr) return;
        const void* p = const_cast<const void*>(pointer);
        if (__sanitizer_get_ownership(p)) live() -= static_cast<long long>(__sanitizer_get_allocated_size(p));
    }
    static void report() {
        std::fprintf(stderr, "memory budget: worst peak %zu bytes; worst peak per input byte (inputs of 256 bytes or more) %.0f\n",
                     worst_peak(), worst_per_byte());
    }
    static void install() {
        static const bool installed = [] {
            __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
            if (const char* value = std::getenv("TIES_FUZZ_MEMORY_REPORT"); value != nullptr && *value == '1')
                std::atexit(report);
            return true;
        }();
        (void)installed;
    }

    std::size_t input_size_;
};

}  // namespace ties::fuzz
