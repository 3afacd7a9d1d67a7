#include "core/links.hpp"

#include <doctest/doctest.h>

using namespace ties;

TEST_CASE("profile_url builds the address of each kind of handle") {
    CHECK(profile_url({HandleKind::X, "@ada"}) == "https://x.com/ada");
    CHECK(profile_url({HandleKind::LinkedIn, "ada-lovelace"}) == "https://www.linkedin.com/in/ada-lovelace");
    CHECK(profile_url({HandleKind::LinkedIn, "linkedin.com/in/ada"}) == "https://linkedin.com/in/ada");
    CHECK(profile_url({HandleKind::Mastodon, "@ada@hachyderm.io"}) == "https://hachyderm.io/@ada");
    CHECK(profile_url({HandleKind::Bluesky, "ada.bsky.social"}) == "https://bsky.app/profile/ada.bsky.social");
    CHECK(profile_url({HandleKind::GitHub, "ada"}) == "https://github.com/ada");
    CHECK(profile_url({HandleKind::Website, "ada.dev"}) == "https://ada.dev");
    CHECK(profile_url({HandleKind::Other, "https://example.org/ada"}) == "https://example.org/ada");
}

TEST_CASE("profile_url never returns anything but http(s), nor a smuggled path") {
    CHECK_FALSE(profile_url({HandleKind::Website, "javascript:alert(1)"}).has_value());
    CHECK_FALSE(profile_url({HandleKind::X, "ada/../../evil"}).has_value());
    CHECK_FALSE(profile_url({HandleKind::X, ""}).has_value());
    CHECK_FALSE(profile_url({HandleKind::Mastodon, "@ada"}).has_value());
    CHECK_FALSE(profile_url({HandleKind::Other, "ada"}).has_value());
    CHECK_FALSE(profile_url({HandleKind::Website, "not a site"}).has_value());
}
