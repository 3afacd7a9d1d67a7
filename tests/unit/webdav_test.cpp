// WebDAV answers as real servers write them (Apache mod_dav, nginx dav-ext, Nextcloud's Sabre,
// lighttpd), and the one mapping from an HTTP answer to a sync Outcome.
#include "io/sync.hpp"
#include "io/webdav.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace ties;
using namespace ties::io;
using namespace ties::io::webdav;
using sync::Failure;
using sync::OpKind;

namespace {

std::string names(const Listing& listing) {
    std::string out;
    for (const sync::Entry& entry : listing.entries)
        out += (out.empty() ? "" : " ") + entry.name + (entry.folder ? "/" : ":" + std::to_string(entry.size));
    return out;
}

// Apache 2.4 mod_dav_fs answering a PROPFIND for resourcetype and getcontentlength: each response
// declares its own prefixes, live properties under lp1:, and a property a resource lacks comes
// back in a second propstat with 404.
const char* const kApache = R"(<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:" xmlns:ns0="DAV:">
<D:response xmlns:lp1="DAV:" xmlns:g0="DAV:">
<D:href>/dav/ties/devices/</D:href>
<D:propstat>
<D:prop>
<lp1:resourcetype><D:collection/></lp1:resourcetype>
</D:prop>
<D:status>HTTP/1.1 200 OK</D:status>
</D:propstat>
<D:propstat>
<D:prop>
<g0:getcontentlength/>
</D:prop>
<D:status>HTTP/1.1 404 Not Found</D:status>
</D:propstat>
</D:response>
<D:response xmlns:lp1="DAV:" xmlns:g0="DAV:">
<D:href>/dav/ties/devices/00000000000000aa1111111111111111/</D:href>
<D:propstat>
<D:prop>
<lp1:resourcetype><D:collection/></lp1:resourcetype>
</D:prop>
<D:status>HTTP/1.1 200 OK</D:status>
</D:propstat>
<D:propstat>
<D:prop>
<g0:getcontentlength/>
</D:prop>
<D:status>HTTP/1.1 404 Not Found</D:status>
</D:propstat>
</D:response>
<D:response xmlns:lp1="DAV:" xmlns:lp2="http://apache.org/dav/props/">
<D:href>/dav/ties/devices/notes%20and%20more.txt</D:href>
<D:propstat>
<D:prop>
<lp1:resourcetype/>
<lp1:getcontentlength>1234</lp1:getcontentlength>
<lp2:executable>F</lp2:executable>
</D:prop>
<D:status>HTTP/1.1 200 OK</D:status>
</D:propstat>
</D:response>
</D:multistatus>
)";

// nginx with the dav-ext module: one prefix for everything, empty resourcetype for files.
const char* const kNginx = R"(<?xml version="1.0" encoding="utf-8" ?>
<D:multistatus xmlns:D="DAV:">
<D:response>
<D:href>/sync/ties/devices/00000000000000aa1111111111111111/</D:href>
<D:propstat>
<D:prop>
<D:displayname>00000000000000aa1111111111111111</D:displayname>
<D:getlastmodified>Fri, 04 Dec 2026 04:00:00 GMT</D:getlastmodified>
<D:resourcetype><D:collection/></D:resourcetype>
<D:lockdiscovery/>
<D:supportedlock>
</D:supportedlock>
</D:prop>
<D:status>HTTP/1.1 200 OK</D:status>
</D:propstat>
</D:response>
<D:response>
<D:href>/sync/ties/devices/00000000000000aa1111111111111111/log-000000000001.ties</D:href>
<D:propstat>
<D:prop>
<D:displayname>log-000000000001.ties</D:displayname>
<D:getcontentlength>3120</D:getcontentlength>
<D:getlastmodified>Fri, 04 Dec 2026 04:00:00 GMT</D:getlastmodified>
<D:resourcetype></D:resourcetype>
<D:lockdiscovery/>
<D:supportedlock>
</D:supportedlock>
</D:prop>
<D:status>HTTP/1.1 200 OK</D:status>
</D:propstat>
</D:response>
<D:response>
<D:href>/sync/ties/devices/00000000000000aa1111111111111111/snapshot-000000000000.ties</D:href>
<D:propstat>
<D:prop>
<D:getcontentlength>99000</D:getcontentlength>
<D:resourcetype></D:resourcetype>
</D:prop>
<D:status>HTTP/1.1 200 OK</D:status>
</D:propstat>
</D:response>
</D:multistatus>
)";

// Nextcloud (Sabre/DAV): lowercase d:, other namespaces declared for its own properties
// (oc:size must not be taken for a content length), one line, an encoded space in the folder.
const char* const kNextcloud =
    R"(<?xml version="1.0"?>)"
    "\n"
    R"(<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">)"
    R"(<d:response><d:href>/remote.php/dav/files/ada/Ties%20Sync/ties/</d:href><d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype><oc:size>4567</oc:size></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat><d:propstat><d:prop><d:getcontentlength/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>)"
    R"(<d:response><d:href>/remote.php/dav/files/ada/Ties%20Sync/ties/vault.json</d:href><d:propstat><d:prop><d:resourcetype/><d:getcontentlength>311</d:getcontentlength><oc:size>311</oc:size></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>)"
    R"(<d:response><d:href>/remote.php/dav/files/ada/Ties%20Sync/ties/devices/</d:href><d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype><oc:size>4256</oc:size></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat><d:propstat><d:prop><d:getcontentlength/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>)"
    R"(</d:multistatus>)";

// lighttpd's mod_webdav: hrefs as full URLs.
const char* const kLighttpd = R"(<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:" xmlns:ns0="urn:uuid:c2f41010-65b3-11d1-a29f-00aa00c14882/">
<D:response>
<D:href>http://127.0.0.1:8081/webdav/ties/</D:href>
<D:propstat>
<D:prop>
<D:resourcetype><D:collection/></D:resourcetype>
</D:prop>
<D:status>HTTP/1.1 200 OK</D:status>
</D:propstat>
</D:response>
<D:response>
<D:href>http://127.0.0.1:8081/webdav/ties/vault.json</D:href>
<D:propstat>
<D:prop>
<D:resourcetype/>
<D:getcontentlength>311</D:getcontentlength>
</D:prop>
<D:status>HTTP/1.1 200 OK</D:status>
</D:propstat>
</D:response>
</D:multistatus>
)";

}  // namespace

TEST_CASE("parse_multistatus reads Apache mod_dav's listing") {
    const Listing listing = parse_multistatus(kApache, "/dav/ties/devices/");
    REQUIRE(listing.ok());
    CHECK(names(listing) == "00000000000000aa1111111111111111/ notes and more.txt:1234");
    // The folder may be given as the URL that was listed, and without its last slash.
    CHECK(names(parse_multistatus(kApache, "https://dav.example.org/dav/ties/devices")) == names(listing));
}

TEST_CASE("parse_multistatus reads nginx dav-ext's listing") {
    const Listing listing = parse_multistatus(kNginx, "http://127.0.0.1:8088/sync/ties/devices/00000000000000aa1111111111111111/");
    REQUIRE(listing.ok());
    CHECK(names(listing) == "log-000000000001.ties:3120 snapshot-000000000000.ties:99000");
}

TEST_CASE("parse_multistatus reads Nextcloud's listing") {
    // The person may type the folder with the space encoded or not.
    for (const char* folder : {"https://cloud.example.org/remote.php/dav/files/ada/Ties%20Sync/ties/",
                               "https://cloud.example.org/remote.php/dav/files/ada/Ties Sync/ties/"}) {
        const Listing listing = parse_multistatus(kNextcloud, folder);
        REQUIRE(listing.ok());
        CHECK(names(listing) == "vault.json:311 devices/");
    }
}

TEST_CASE("parse_multistatus reads lighttpd's full-URL hrefs") {
    const Listing listing = parse_multistatus(kLighttpd, "http://127.0.0.1:8081/webdav/ties/");
    REQUIRE(listing.ok());
    CHECK(names(listing) == "vault.json:311");
}

TEST_CASE("parse_multistatus: namespaces, prefixes and the default namespace") {
    SUBCASE("DAV: as the default namespace, no prefixes") {
        const Listing listing = parse_multistatus(
            R"(<multistatus xmlns="DAV:"><response><href>/f/</href><propstat><prop><resourcetype><collection/></resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat></response>)"
            R"(<response><href>/f/a</href><propstat><prop><getcontentlength>7</getcontentlength></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>)",
            "/f/");
        REQUIRE(listing.ok());
        CHECK(names(listing) == "a:7");
    }
    SUBCASE("a prefix nobody declared is taken for DAV:") {
        CHECK(names(parse_multistatus(
                  R"(<D:multistatus><D:response><D:href>/f/b/</D:href><D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype></D:prop></D:propstat></D:response></D:multistatus>)",
                  "/f/")) == "b/");
    }
    SUBCASE("elements of another namespace are not WebDAV's, whatever their name") {
        CHECK(names(parse_multistatus(
                  R"(<a:multistatus xmlns:a="DAV:" xmlns:x="urn:other"><a:response><a:href>/f/c</a:href><a:propstat><a:prop><a:resourcetype><x:collection/></a:resourcetype><x:getcontentlength>9</x:getcontentlength><a:getcontentlength>3</a:getcontentlength></a:prop><a:status>HTTP/1.1 200 OK</a:status></a:propstat></a:response></a:multistatus>)",
                  "/f/")) == "c:3");
        CHECK_FALSE(parse_multistatus(R"(<x:multistatus xmlns:x="urn:other"></x:multistatus>)", "/f/").ok());
    }
    SUBCASE("a prefix redeclared inside an element means the inner namespace there only") {
        CHECK(names(parse_multistatus(
                  R"(<D:multistatus xmlns:D="DAV:"><D:response><D:href>/f/d</D:href><D:propstat><D:prop xmlns:D="urn:not-dav"><D:getcontentlength>5</D:getcontentlength></D:prop></D:propstat></D:response>)"
                  R"(<D:response><D:href>/f/e</D:href><D:propstat><D:prop><D:getcontentlength>6</D:getcontentlength></D:prop></D:propstat></D:response></D:multistatus>)",
                  "/f/")) == "d:0 e:6");
    }
}

TEST_CASE("parse_multistatus: hrefs") {
    const auto listing_of = [](const std::string& hrefs) {
        return names(parse_multistatus("<D:multistatus xmlns:D='DAV:'>" + hrefs + "</D:multistatus>", "/a b/"));
    };
    const auto file = [](const std::string& href) {
        return "<D:response><D:href>" + href + "</D:href></D:response>";
    };
    CHECK(listing_of(file("/a%20b/") + file("/a%20b/x%2By%C3%A9")) == "x+y\xc3\xa9:0");
    CHECK(listing_of(file("/a b/") + file("/a b/plain")) == "plain:0");
    CHECK(listing_of(file("x.ties") + file("./y.ties")) == "x.ties:0 y.ties:0");  // relative to the folder
    CHECK(listing_of(file("https://h/a%20b/z?version=2")) == "z:0");
    CHECK(listing_of(file("/a%20b//double")) == "double:0");
    CHECK(listing_of(file("/a%20b/50%") + file("/a%20b/%zz")) == "50%:0 %zz:0");  // broken escapes stay
    CHECK(listing_of(file("/a%20b/amp&amp;lt&lt;&#x41;&#66;")) == "amp&lt<AB:0");
    CHECK(listing_of(file("  /a%20b/spaced\n ")) == "spaced:0");
    CHECK(listing_of(file("<![CDATA[/a%20b/in&cdata]]>")) == "in&cdata:0");
    // Deeper entries (a server ignoring Depth: 1) and others' are not the folder's children.
    CHECK(listing_of(file("/a%20b/sub/deeper") + file("/elsewhere/x") + file("/a%20b/kept")) == "kept:0");
}

TEST_CASE("parse_multistatus: a proxy that rewrites paths") {
    // The folder was listed as /dav/ties/ but the server behind the proxy names it /ties/: the
    // first collection, above every other entry, is the folder itself.
    const Listing listing = parse_multistatus(
        R"(<d:multistatus xmlns:d="DAV:"><d:response><d:href>/ties/</d:href><d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>)"
        R"(<d:response><d:href>/ties/vault.json</d:href><d:propstat><d:prop><d:getcontentlength>2</d:getcontentlength></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>)",
        "https://example.org/dav/ties/");
    REQUIRE(listing.ok());
    CHECK(names(listing) == "vault.json:2");
}

TEST_CASE("parse_multistatus: statuses") {
    // A response with a status of its own and no propstat (a child that vanished) is left out;
    // properties from a failed propstat are ignored.
    const Listing listing = parse_multistatus(
        R"(<D:multistatus xmlns:D="DAV:">)"
        R"(<D:response><D:href>/f/gone</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>)"
        R"(<D:response><D:href>/f/locked</D:href><D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype><D:getcontentlength>8</D:getcontentlength></D:prop><D:status>HTTP/1.1 403 Forbidden</D:status></D:propstat></D:response>)"
        R"(<D:response><D:href>/f/ok</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response>)"
        R"(</D:multistatus>)",
        "/f/");
    REQUIRE(listing.ok());
    CHECK(names(listing) == "locked:0 ok:0");
}

TEST_CASE("parse_multistatus: comments, declarations, attributes") {
    const Listing listing = parse_multistatus(
        "\xEF\xBB\xBF<?xml version='1.0'?>\n<!DOCTYPE multistatus [ <!ENTITY e 'x'> ]>\n<!-- a <comment> -->"
        R"(<D:multistatus xmlns:D = 'DAV:' note="a > b"><D:response><D:href>/f/q</D:href><D:propstat>)"
        R"(<D:prop><D:getcontentlength >  12 </D:getcontentlength><D:resourcetype/></D:prop></D:propstat></D:response></D:multistatus>)",
        "/f/");
    REQUIRE(listing.ok());
    CHECK(names(listing) == "q:12");
}

TEST_CASE("parse_multistatus: an empty folder") {
    const Listing listing = parse_multistatus(
        R"(<D:multistatus xmlns:D="DAV:"><D:response><D:href>/f/</D:href><D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>)",
        "/f/");
    REQUIRE(listing.ok());
    CHECK(listing.entries.empty());
}

TEST_CASE("parse_multistatus refuses what is not a whole listing") {
    const std::string not_webdav = "the server's answer is not a WebDAV listing";
    CHECK(to_string(parse_multistatus("", "/").error) == not_webdav);
    CHECK(to_string(parse_multistatus("<!DOCTYPE html><html><body>It works!</body></html>", "/").error) == not_webdav);
    CHECK(to_string(parse_multistatus("{\"files\": []}", "/").error) == not_webdav);
    CHECK(to_string(parse_multistatus("<D:error xmlns:D='DAV:'/>", "/").error) == not_webdav);
    // Cut short anywhere: refused, never a shorter list of files.
    const std::string whole = kNginx;
    const std::string root_end = "</D:multistatus>";
    for (std::size_t size = whole.find("<D:multistatus"); size < whole.rfind(root_end) + root_end.size(); ++size) {
        INFO("cut at " << size);
        CHECK_FALSE(parse_multistatus(whole.substr(0, size), "/sync/ties/devices/00000000000000aa1111111111111111/").ok());
    }
    CHECK(to_string(parse_multistatus("<D:multistatus xmlns:D='DAV:'><D:response><D:href>/x", "/").error) ==
          "the server's WebDAV listing is broken: the listing was cut short");
    CHECK(to_string(parse_multistatus("<D:multistatus xmlns:D='DAV:'><D:response x=1>", "/").error) ==
          "the server's WebDAV listing is broken: a tag is malformed or not closed");
    std::string deep = "<D:multistatus xmlns:D='DAV:'>";
    for (int i = 0; i < 300; ++i) deep += "<D:x>";
    CHECK(to_string(parse_multistatus(deep, "/").error) ==
          "the server's WebDAV listing is broken: elements are nested too deeply");
}

TEST_CASE("parse_multistatus forgives a stray end tag and an element left open inside another") {
    const Listing listing = parse_multistatus(
        R"(<D:multistatus xmlns:D="DAV:"></D:stray><D:response><D:href>/f/a</D:href><D:propstat><D:prop><D:getcontentlength>4</D:getcontentlength><D:unclosed></D:prop></D:propstat></D:response></D:multistatus>)",
        "/f/");
    REQUIRE(listing.ok());
    CHECK(names(listing) == "a:4");
}

TEST_CASE("outcome_of_http maps every answer once for every performer") {
    CHECK(outcome_of_http(OpKind::Get, 200, "body").ok());
    CHECK(outcome_of_http(OpKind::Get, 200, "body").bytes == "body");
    CHECK(outcome_of_http(OpKind::Get, 200, "body").status == 200);
    CHECK(outcome_of_http(OpKind::Put, 201, "").ok());
    CHECK(outcome_of_http(OpKind::Put, 204, "").ok());
    CHECK(outcome_of_http(OpKind::Put, 200, "ignored").bytes.empty());
    CHECK(outcome_of_http(OpKind::Delete, 204, "").ok());
    CHECK(outcome_of_http(OpKind::Probe, 200, "").ok());
    CHECK(outcome_of_http(OpKind::MakeFolder, 201, "").ok());
    CHECK(outcome_of_http(OpKind::MakeFolder, 405, "").ok());  // it exists already
    CHECK(outcome_of_http(OpKind::Put, 405, "").failure == Failure::Server);

    CHECK(outcome_of_http(OpKind::Get, 401, "").failure == Failure::Unauthorized);
    CHECK(outcome_of_http(OpKind::Probe, 401, "").detail == "HTTP 401 Unauthorized: wrong user name or password");
    CHECK(outcome_of_http(OpKind::Put, 403, "").failure == Failure::Forbidden);
    CHECK(outcome_of_http(OpKind::Get, 404, "").failure == Failure::Missing);
    CHECK(outcome_of_http(OpKind::List, 404, "").failure == Failure::Missing);
    CHECK(outcome_of_http(OpKind::Delete, 404, "").failure == Failure::Missing);
    CHECK(outcome_of_http(OpKind::Put, 409, "").failure == Failure::Missing);
    CHECK(outcome_of_http(OpKind::MakeFolder, 409, "").failure == Failure::Missing);
    CHECK(outcome_of_http(OpKind::Delete, 409, "").failure == Failure::Server);
    CHECK(outcome_of_http(OpKind::Get, 408, "").failure == Failure::Timeout);
    CHECK(outcome_of_http(OpKind::Get, 0, "").failure == Failure::Unreachable);
    const sync::Outcome full = outcome_of_http(OpKind::Put, 507, "<html>quota</html>");
    CHECK(full.failure == Failure::Server);
    CHECK(full.status == 507);
    CHECK(full.detail == "HTTP 507 Insufficient Storage");
    CHECK(full.bytes.empty());
    CHECK(outcome_of_http(OpKind::Get, 599, "").detail == "HTTP 599");
    CHECK(outcome_of_http(OpKind::Get, 301, "").failure == Failure::Server);
    CHECK(outcome_of_http(OpKind::Get, 301, "").detail == "HTTP 301 Moved Permanently");
}

TEST_CASE("a redirect is worded as one, not as a server problem that goes away by itself") {
    // Neither performer follows redirects (web/sync.js reports any as status 300): the words must
    // tell the person to change the address, since the next sync will meet the same redirect.
    const std::string redirect = sync::explain(Failure::Server, outcome_of_http(OpKind::Probe, 301, ""), "checking");
    CHECK(redirect.find("sends this address elsewhere (a redirect)") != std::string::npos);
    CHECK(redirect.find("tries again") == std::string::npos);
    CHECK(redirect.find("(HTTP 301 Moved Permanently)") != std::string::npos);
    sync::Outcome hidden;  // the browser's opaque redirect
    hidden.failure = Failure::Server;
    hidden.status = 300;
    CHECK(sync::explain(Failure::Server, hidden, "checking").find("(a redirect)") != std::string::npos);
    const std::string broken = sync::explain(Failure::Server, outcome_of_http(OpKind::Put, 502, ""), "pushing");
    CHECK(broken == "While pushing: The server had a problem. The next sync tries again. (HTTP 502 Bad Gateway)");
}

TEST_CASE("outcome_of_http reads a listing") {
    const sync::Outcome listed = outcome_of_http(OpKind::List, 207, kNginx, "/sync/ties/devices/00000000000000aa1111111111111111/");
    REQUIRE(listed.ok());
    CHECK(listed.entries.size() == 2);
    CHECK(listed.bytes.empty());
    const sync::Outcome html = outcome_of_http(OpKind::List, 200, "<html><body>Index of /</body></html>", "/");
    CHECK(html.failure == Failure::Server);
    CHECK(html.detail == "the server's answer is not a WebDAV listing");
    const sync::Outcome no_content = outcome_of_http(OpKind::List, 204, "", "/");
    CHECK(no_content.failure == Failure::Server);
    CHECK(no_content.detail.find("HTTP 204 No Content") != std::string::npos);
}

TEST_CASE("parse_http_date reads the three forms RFC 7231 names") {
    const Millis expected = 784111777000;  // 1994-11-06 08:49:37 UTC
    CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == expected);
    CHECK(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT") == expected);
    CHECK(parse_http_date("Sun Nov  6 08:49:37 1994") == expected);
    CHECK(parse_http_date(" Fri, 04 Dec 2026 04:23:12 GMT\r\n") == 1796358192000);
    CHECK(parse_http_date("Thu, 29 Feb 2024 23:59:59 GMT") == 1709251199000);
    CHECK(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT") == 0);
    CHECK(parse_http_date("Wednesday, 01-Jan-20 00:00:00 GMT") == 1577836800000);
    CHECK(parse_http_date("Wed Jan 31 12:00:00 2024") == 1706702400000);
    for (const char* bad : {"", "yesterday", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 6 Nov 1994 08:49:37 GMT",
                            "Sun, 31 Apr 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
                            "Sun, 06 Nov 1994 24:00:00 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT",
                            "Sun, 06 Nov 1994 08:49:37 GMT extra", "Sun, 06 Nov 19x4 08:49:37 GMT",
                            "Caturday, 06-Nov-94 08:49:37 GMT", "Sun Nov 6 08:49:37 1994", "1994-11-06T08:49:37Z"})
        CHECK_MESSAGE(!parse_http_date(bad), bad);
}

TEST_CASE("path_of_url") {
    CHECK(path_of_url("https://h:8080/dav/a%20b/?x=1") == "/dav/a%20b/");
    CHECK(path_of_url("http://h") == "/");
    CHECK(path_of_url("/dav/x#frag") == "/dav/x");
    CHECK(path_of_url("relative/x") == "relative/x");
}
