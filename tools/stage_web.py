"""Stages the served folder of the web app: our page, the app, icons, manifest, service worker.

Runs after each link. The build id is a hash of every staged file, so any change gives a new
service-worker cache; the service worker gets each file's SHA-256 and refuses to cache a file
from another build.
"""
import argparse
import hashlib
import importlib.util
import json
import shutil
from pathlib import Path


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
    write_if_changed(out / "index.html", page)

    files = [{"url": name, "sha256": sha256(out / name)} for name in ["index.html", *assets]]
    worker = (args.source / "web" / "sw.js").read_text()
    worker = worker.replace("__TIES_BUILD__", build_id).replace("__TIES_FILES__", json.dumps(files, indent=2))
    write_if_changed(out / "sw.js", worker)
    (out / "build.json").write_text(json.dumps({"build": build_id, "files": files}, indent=2) + "\n")
    print(f"staged build {build_id} in {out}")


if __name__ == "__main__":
    main()
