// What a WebDAV server's answers mean to sync, shared by every performer of io/sync_ops.hpp (the
// page's fetch through browser_host.cpp, the command-line tool's libcurl): one reading of a
// PROPFIND listing, one mapping of an HTTP status to an Outcome, one reading of the Date header.
// No I/O here.
#pragma once

#include "core/date.hpp"
#include "core/problem.hpp"
#include "io/sync_ops.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ties::io::webdav {

struct Listing {
    std::optional<Problem> error;  // "the server's answer is not a WebDAV listing", "... cut short"
    bool ok() const { return !error; }
    std::vector<sync::Entry> entries;  // the folder's children, in the server's order
};

// Reads a PROPFIND (Depth: 1) multistatus answer (RFC 4918) as Apache mod_dav, nginx dav-ext,
// Nextcloud/Sabre and lighttpd write it: DAV: elements under any prefix or as the default
// namespace (elements in other namespaces are ignored), hrefs as full URLs, absolute paths or
// paths relative to the folder, percent-encoded or not. `folder` is the URL or the path that was
// listed; the entry for it is left out (when no href matches it, as behind a proxy that rewrites
// paths, a first collection above every other entry is taken for it). Sizes come from
// getcontentlength, folders from resourcetype/collection, each only from a propstat whose status
// is 2xx. Not recursive: any depth of nesting costs no stack.
Listing parse_multistatus(std::string_view xml, std::string_view folder);

// The Outcome of an HTTP answer to an operation: 2xx ok (Get: `body` becomes the bytes; List:
// 207 with a listing of `folder`, parsed); MKCOL's 405 (the folder exists) ok; 401 Unauthorized;
// 403 Forbidden; 404, and 409 for Put and MakeFolder (a missing parent folder), Missing; 408
// Timeout; 0 (no answer) Unreachable; anything else Server, with "HTTP 507 Insufficient Storage"
// and the like in `detail`.
sync::Outcome outcome_of_http(sync::OpKind kind, int status, std::string body, std::string_view folder = {});

// An HTTP date (RFC 7231 7.1.1.1): the IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", and the
// obsolete RFC 850 and asctime forms a recipient must accept. nullopt for anything else.
std::optional<Millis> parse_http_date(std::string_view text);

// The path of a URL ("https://h:8080/dav/a%20b/?x" -> "/dav/a%20b/"); a path is returned as it is.
std::string_view path_of_url(std::string_view url);

}  // namespace ties::io::webdav
