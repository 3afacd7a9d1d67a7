// `ties`, the native command-line tool: the commands live in cli.cpp, where the unit tests run
// them too; this is only the entry point.
#include "app/cli.hpp"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    const std::vector<std::string> args(argv + 1, argv + argc);
    const int code = ties::cli::run(args, std::cout, std::cerr, ties::cli::system_environment());
    std::cout.flush();
    return code;
}
