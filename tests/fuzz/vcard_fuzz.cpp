// libFuzzer target for the vCard reader: any bytes are imported, the contacts exported as 4.0 and
// 3.0 and imported again. Crashes, sanitizer reports and timeouts are the findings; the checks
// below are what must hold for any input.
#include "memory_budget.hpp"

#include "io/vcard.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

void check(bool ok) {
    if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ties::fuzz::MemoryBudget budget(size);
    using namespace ties;
    using namespace ties::io;
    IdGenerator ids(1, 2);
    int calls = 0;
    const ImportContext context{"fuzz.vcf", &ids, 1'710'000'000'000, [&](double share) {
                                    check(share >= 0.0 && share <= 1.0);
                                    return ++calls < 3;  // also exercise cancelling
                                }};
    const Imported first = import_vcard(std::string_view(reinterpret_cast<const char*>(data), size), context);
    check(!first.error || (first.contacts.empty() && first.warnings.empty()));
    for (const VcardVersion version : {VcardVersion::V4, VcardVersion::V3}) {
        const std::string text = export_vcard(first.contacts, version);
        const Imported second = import_vcard(text, context);
        // What we write we can read: every card comes back, unless the reader was cancelled.
        check(first.contacts.empty() || second.cancelled || !second.error);
    }
    return 0;
}
