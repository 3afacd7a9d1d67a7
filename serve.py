#!/usr/bin/env python3
"""Builds Ties and serves it: `python3 serve.py [--host H] [--port P] [--no-build] [--dist DIR]`.

Installs what the build lacks (see tools/bootstrap.py), builds the release web app and serves
only the files of the build output, with the right MIME types and no caching surprises (the
service worker does the offline caching). Loopback only unless --host says otherwise.
Every answer carries the build's Content-Security-Policy, which tools/stage_web.py wrote next to
the page (content-security-policy.txt: the same policy as the page's <meta>, plus frame-ancestors).
"""
from __future__ import annotations

import argparse
import http.server
import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent / "tools"))
import bootstrap  # noqa: E402
from stage_web import POLICY_FILE  # noqa: E402

MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".data": "application/octet-stream",
}


def resolve(root: Path, url_path: str) -> Path | None:
    """The file under `root` that `url_path` names, or None. Never leaves `root`."""
    path = unquote(urlsplit(url_path).path)
    if "\0" in path:
        return None
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if any(p == ".." or "\\" in p for p in parts):
        return None
    candidate = root.joinpath(*parts) if parts else root
    if candidate.is_dir():
        candidate = candidate / "index.html"
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if real != root and root not in real.parents:
        return None
    return real if real.is_file() and real.suffix in MIME_TYPES else None


def make_handler(root: Path):
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "Ties"
        sys_version = ""

        def do_GET(self) -> None:
            self.send_file(head_only=False)

        def do_HEAD(self) -> None:
            self.send_file(head_only=True)

        def send_file(self, head_only: bool) -> None:
            path = resolve(root, self.path)
            if path is None:
                self.send_error(404, "Not found")
                return
            body = path.read_bytes()
            # Read with each answer: a rebuild while serving changes the page's script hashes.
            try:
                policy = (root / POLICY_FILE).read_text().strip()
            except OSError:
                self.send_error(500, f"{POLICY_FILE} is missing from the build")
                return
            self.send_response(200)
            self.send_header("Content-Type", MIME_TYPES[path.suffix])
            self.send_header("Content-Length", str(len(body)))
            # Always revalidate: a page must never mix files of two builds from the HTTP cache.
            self.send_header("Cache-Control", "no-cache")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Content-Security-Policy", policy)
            self.end_headers()
            if not head_only:
                self.wfile.write(body)

        def log_message(self, fmt: str, *args) -> None:
            if os.environ.get("TIES_SERVE_QUIET") != "1":
                super().log_message(fmt, *args)

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description="Build Ties and serve it locally.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    parser.add_argument("--no-build", action="store_true", help="serve the existing build as it is")
    parser.add_argument("--dist", type=Path, metavar="DIR",
                        help="serve this build output instead of build/web/dist (implies --no-build)")
    args = parser.parse_args()

    dist = args.dist if args.dist else bootstrap.BUILD / "web" / "dist"
    if not args.no_build and not args.dist:
        dist = bootstrap.build_web()
    if not (dist / "index.html").exists():
        bootstrap.fail(f"no build in {dist}; run without --no-build")
    if not (dist / POLICY_FILE).exists():
        bootstrap.fail(f"{dist} has no {POLICY_FILE} (an older build); run without --no-build")

    try:
        server = http.server.ThreadingHTTPServer((args.host, args.port), make_handler(dist.resolve()))
    except OSError as error:
        bootstrap.fail(f"cannot listen on {args.host}:{args.port}: {error.strerror}. Try --port with another number.")
    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"Ties is served at http://{shown}:{port}/  (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
