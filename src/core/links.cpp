// Profile URLs from handles: see links.hpp.
#include "core/links.hpp"

#include "core/text.hpp"

namespace ties {
namespace {

bool is_url(std::string_view v) { return looks_like_url(v); }

std::string without_at(std::string_view v) {
    while (!v.empty() && v.front() == '@') v.remove_prefix(1);
    return std::string(v);
}

// A bare user name: letters, digits and . _ - only (so nothing can smuggle a path or a scheme).
bool is_plain_name(std::string_view v) {
    if (v.empty()) return false;
    for (char c : v)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return false;
    return true;
}

}  // namespace

std::optional<std::string> profile_url(const Handle& handle) {
    const std::string_view value = trim(handle.value);
    if (is_url(value)) return std::string(value);
    const std::string name = without_at(value);
    switch (handle.kind) {
        case HandleKind::X:
            if (is_plain_name(name)) return "https://x.com/" + name;
            break;
        case HandleKind::LinkedIn:
            if (is_plain_name(name)) return "https://www.linkedin.com/in/" + name;
            if (value.substr(0, 16) == "linkedin.com/in/" || value.substr(0, 20) == "www.linkedin.com/in/")
                return "https://" + std::string(value);
            break;
        case HandleKind::Mastodon: {
            const size_t at = name.find('@');  // user@host
            if (at != std::string::npos && is_plain_name(name.substr(0, at)) && looks_like_url("https://" + name.substr(at + 1)))
                return "https://" + name.substr(at + 1) + "/@" + name.substr(0, at);
            break;
        }
        case HandleKind::Bluesky:
            if (is_plain_name(name)) return "https://bsky.app/profile/" + name;
            break;
        case HandleKind::GitHub:
            if (is_plain_name(name)) return "https://github.com/" + name;
            break;
        case HandleKind::Website:
            if (!value.empty() && value.find(' ') == std::string_view::npos && looks_like_url("https://" + std::string(value)))
                return "https://" + std::string(value);
            break;
        case HandleKind::Other:
            break;
    }
    return std::nullopt;
}

}  // namespace ties
