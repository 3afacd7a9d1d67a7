// libFuzzer target for the mbox reader: any bytes are read whole and again in slices whose sizes
// come from the input; both readings must hand over the same messages, each with a sender and a
// date, and the reader's counts must agree with what it handed over.
#include "memory_budget.hpp"

#include "io/mbox.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace {

void check(bool ok) {
    if (!ok) __builtin_trap();
}

struct Reading {
    std::vector<ties::io::mail::Message> messages;
    std::size_t skipped = 0;
    bool failed = false;
};

Reading read(std::string_view bytes, std::size_t slice) {
    using namespace ties::io::mail;
    Reading out;
    MboxReader reader([&](Message&& m) {
        check(!m.from.email.empty() && m.from.email.find('@') != std::string::npos);
        out.messages.push_back(std::move(m));
    });
    for (std::size_t at = 0; at < bytes.size(); at += slice) reader.feed(bytes.substr(at, slice));
    reader.finish();
    check(reader.messages() == out.messages.size());
    out.skipped = reader.skipped();
    out.failed = reader.error().has_value();
    check(!out.failed || !reader.error()->text.empty());
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ties::fuzz::MemoryBudget budget(size);
    if (size == 0) return 0;
    const std::size_t slice = 1 + data[0] % 61;
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    const Reading whole = read(bytes, bytes.size() + 1);
    const Reading sliced = read(bytes, slice);
    check(whole.failed == sliced.failed && whole.skipped == sliced.skipped);
    check(whole.messages.size() == sliced.messages.size());
    for (std::size_t i = 0; i < whole.messages.size(); ++i) {
        check(whole.messages[i].from == sliced.messages[i].from);
        check(whole.messages[i].to == sliced.messages[i].to);
        check(whole.messages[i].date == sliced.messages[i].date);
        check(whole.messages[i].thread == sliced.messages[i].thread);
        check(whole.messages[i].line == sliced.messages[i].line);
    }
    return 0;
}
