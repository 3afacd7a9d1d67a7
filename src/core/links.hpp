// Where a handle points: "@ada" on X is https://x.com/ada, "@ada@hachyderm.io" on Mastodon is
// https://hachyderm.io/@ada. Only http(s) URLs come out, so a pasted "javascript:" never opens.
#pragma once

#include "core/model.hpp"

#include <optional>
#include <string>

namespace ties {

std::optional<std::string> profile_url(const Handle& handle);

}  // namespace ties
