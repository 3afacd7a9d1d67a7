"""Stages the served folder of the web app: our page, the app, icons, manifest, service worker.

Runs after each link. The build id is a hash of every staged file, so any change gives a new
service-worker cache; the service worker gets each file's SHA-256 and refuses to cache a file
from another build.

It also writes the page's Content-Security-Policy, the one definition of it: into the page as a
<meta> (so any static host enforces it) and into content-security-policy.txt, which serve.py
sends as a header with every file (the header can also say frame-ancestors, which a <meta> cannot).
"""
import argparse
import base64
import hashlib
import importlib.util
import json
import re
import shutil
from pathlib import Path

# Where sync may connect, exactly what Settings → Sync accepts (src/ui/sync_ui.cpp check_fields):
# an https:// folder on any host, or http:// only to 127.0.0.1 or localhost. CSP cannot name an IPv6
# literal, so the form refuses http://[::1] too.
SYNC_SOURCES = ("https:", "http://127.0.0.1:*", "http://localhost:*")
POLICY_FILE = "content-security-policy.txt"
INLINE = re.compile(r"<(script|style)(\s[^>]*)?>(.*?)</\1>", re.DOTALL | re.IGNORECASE)


def inline_hashes(page: str, tag: str) -> list[str]:
    """CSP hash sources of the page's inline <script> (or <style>) blocks, as the browser hashes them."""
    hashes = []
    for match in INLINE.finditer(page):
        if match.group(1).lower() != tag or "src=" in (match.group(2) or "").lower():
            continue
        digest = base64.b64encode(hashlib.sha256(match.group(3).encode()).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return hashes


def content_security_policy(page: str) -> tuple[str, str]:
    """(the policy for the page's <meta>, the same plus what only a header can carry).

    Nothing from another origin runs or loads; inline code runs only when its hash is listed;
    'wasm-unsafe-eval' because compiling WebAssembly needs it (without it Chromium refuses
    WebAssembly.instantiate); workers (the import worker, the service worker) come from 'self'.
    """
    directives = [
        "default-src 'none'",
        " ".join(["script-src 'self' 'wasm-unsafe-eval'", *inline_hashes(page, "script")]),
        " ".join(["style-src", *(inline_hashes(page, "style") or ["'none'"])]),
        "img-src 'self'",
        " ".join(["connect-src 'self'", *SYNC_SOURCES]),
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
    meta = "; ".join(directives)
    return meta, meta + "; frame-ancestors 'none'"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", type=Path, required=True, help="folder with ties.js and ties.wasm")
    parser.add_argument("--source", type=Path, required=True, help="the repository")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    app_files = ("ties.js", "ties.wasm", "ties_import.js", "ties_import.wasm")
    for name in app_files:
        shutil.copyfile(args.app / name, out / name)
    for name in ("manifest.webmanifest", "import_worker.js"):
        shutil.copyfile(args.source / "web" / name, out / name)
    spec = importlib.util.spec_from_file_location("icon", args.source / "assets" / "icon.py")
    icon = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(icon)
    assets = [*app_files, "import_worker.js", "manifest.webmanifest", *icon.write_all(out)]

    shell = (args.source / "shell.html").read_text()
    build = hashlib.sha256()
    for name in assets:
        build.update(name.encode() + b"\0" + sha256(out / name).encode())
    build.update(shell.encode())
    build_id = build.hexdigest()[:12]

    page = shell.replace("{{BUILD}}", build_id).replace("{{WASM_BYTES}}", str((out / "ties.wasm").stat().st_size))
    meta_policy, header_policy = content_security_policy(page)
    assert "{{CONTENT_SECURITY_POLICY}}" in page, "shell.html lost its Content-Security-Policy <meta>"
    assert '"' not in meta_policy and "&" not in meta_policy
    page = page.replace("{{CONTENT_SECURITY_POLICY}}", meta_policy)
    write_if_changed(out / "index.html", page)
    write_if_changed(out / POLICY_FILE, header_policy + "\n")

    files = [{"url": name, "sha256": sha256(out / name)} for name in ["index.html", *assets]]
    worker = (args.source / "web" / "sw.js").read_text()
    worker = worker.replace("__TIES_BUILD__", build_id).replace("__TIES_FILES__", json.dumps(files, indent=2))
    write_if_changed(out / "sw.js", worker)
    (out / "build.json").write_text(json.dumps({"build": build_id, "files": files}, indent=2) + "\n")
    print(f"staged build {build_id} in {out}")


if __name__ == "__main__":
    main()
