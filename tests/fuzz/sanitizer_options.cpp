// Linked into every fuzz target (tests/fuzz/*_fuzz.cpp): the sanitizers' defaults, so a target run
// by hand behaves as in tests/run. UBSan stops at the first report (a crash for libFuzzer, which
// keeps the input), except those listed in ubsan.supp.
extern "C" const char* __ubsan_default_options() {
    return "halt_on_error=1:print_stacktrace=1:suppressions=" TIES_UBSAN_SUPPRESSIONS;
}
