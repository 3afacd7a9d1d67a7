#include "core/problem.hpp"

namespace ties {

std::string Problem::to_string() const {
    std::string out = file;
    if (line > 0) out += (out.empty() ? "line " : ", line ") + std::to_string(line);
    if (!out.empty()) out += ": ";
    return out + text;
}

}  // namespace ties
