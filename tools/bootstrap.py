"""Installs what Ties needs and builds it; shared by serve.py and tests/run.

A fresh Debian 12 machine has none of the toolchain, so every entry point calls ensure_*()
first. Each step is idempotent and cheap when its work is already done: packages are checked
with dpkg before apt runs, Dear ImGui's tarball is cached and verified by SHA-256, CMake
rebuilds incrementally. When a step cannot run (no root, no network), it says what to do by hand.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPS = ROOT / ".deps"
BUILD = ROOT / "build"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ties"

# Dear ImGui comes from Debian's source archive (the binary package lacks imgui.cpp).
IMGUI_VERSION = "1.90.1"
IMGUI_DEBIAN_VERSION = "1.90.1+ds-1"
IMGUI_SUITE = "trixie"
IMGUI_TARBALL = "imgui_1.90.1+ds.orig.tar.xz"
IMGUI_SHA256 = "ecce377df0f90b292f15dcbd83d438bddc162b2388c881132bde18c787572a1c"
IMGUI_DIR = DEPS / f"imgui-{IMGUI_VERSION}"

BUILD_PACKAGES = [
    "cmake", "make", "g++", "python3-fonttools", "xz-utils", "debian-archive-keyring",
    "emscripten", "libcereal-dev", "rapidjson-dev", "doctest-dev",
    "fonts-inter", "fonts-fork-awesome", "fonts-dejavu-core",
    "libssl-dev",  # the command-line tool's encrypted backups (PBKDF2, AES-GCM)
    "libcurl4-openssl-dev",  # the command-line tool's sync (`ties sync`): WebDAV over HTTP(S)
]
FUZZ_PACKAGES = ["clang-14", "libclang-rt-14-dev"]  # libFuzzer and the sanitizers' runtimes
TEST_PACKAGES = ["chromium", "fonts-noto-core", *FUZZ_PACKAGES,
                 "apache2", "apache2-utils",  # tests/servers/webdav_server.py: a private WebDAV server (mod_dav, htpasswd)
                 # tests/servers/nginx_dav_server.py: the same against nginx (dav + dav-ext modules), a server
                 # that ignores If-Match, so the sync tests show nothing depends on it (issue 13).
                 "nginx", "libnginx-mod-http-dav-ext",
                 "python3-networkx"]  # tests/graph: NetworkX reads the GraphML export (issue 16)


def say(msg: str) -> None:
    print(f"[ties] {msg}", flush=True)


def fail(msg: str) -> "None":
    print(f"[ties] error: {msg}", file=sys.stderr, flush=True)
    sys.exit(1)


def run(cmd: list[str], **kw) -> None:
    result = subprocess.run(cmd, **kw)
    if result.returncode != 0:
        fail(f"command failed ({result.returncode}): {' '.join(cmd)}")


def missing_packages(names: list[str]) -> list[str]:
    missing = []
    for name in names:
        probe = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name],
                               capture_output=True, text=True)
        if "install ok installed" not in probe.stdout:
            missing.append(name)
    return missing


def ensure_packages(names: list[str]) -> None:
    missing = missing_packages(names)
    if not missing:
        return
    by_hand = "sudo apt-get update && sudo apt-get install -y --no-install-recommends " + " ".join(missing)
    if os.geteuid() != 0:
        fail(f"missing Debian packages: {' '.join(missing)}.\n"
             f"  Installing them needs root. Run this, then try again:\n    {by_hand}")
    say(f"installing Debian packages: {' '.join(missing)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    steps = [["apt-get", "update"],
             ["apt-get", "install", "-y", "--no-install-recommends", *missing]]
    for step in steps:
        if subprocess.run(step, env=env).returncode != 0:
            fail(f"'{' '.join(step)}' failed (is the network or the Debian mirror reachable?).\n"
                 f"  Install the packages by hand, then try again:\n    {by_hand}")


def ensure_node() -> None:
    if shutil.which("node") and shutil.which("npm"):
        return
    ensure_packages(["nodejs", "npm"])


def debian_mirror() -> str:
    """The Debian mirror this machine already uses, so no new host is contacted."""
    candidates = [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*"))]
    for path in candidates:
        try:
            text = path.read_text(errors="replace")
        except OSError:
            continue
        for match in re.finditer(r"(https?://\S+/debian)/?(\s|$)", text):
            if "security" not in match.group(1):
                return match.group(1)
    return "http://deb.debian.org/debian"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def download_imgui_tarball() -> Path:
    tarball = CACHE / IMGUI_TARBALL
    if tarball.exists() and sha256_of(tarball) == IMGUI_SHA256:
        return tarball
    say(f"fetching Dear ImGui {IMGUI_DEBIAN_VERSION} sources from Debian's source archive")
    apt_dir = CACHE / "apt-src"
    (apt_dir / "lists" / "partial").mkdir(parents=True, exist_ok=True)
    (apt_dir / "cache" / "archives" / "partial").mkdir(parents=True, exist_ok=True)
    download = apt_dir / "download"
    shutil.rmtree(download, ignore_errors=True)
    download.mkdir()
    sources = apt_dir / "sources.list"
    sources.write_text(f"deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] "
                       f"{debian_mirror()} {IMGUI_SUITE} main\n")
    options = [f"-oDir::Etc::SourceList={sources}", "-oDir::Etc::SourceParts=/dev/null",
               f"-oDir::State::Lists={apt_dir / 'lists'}", f"-oDir::Cache={apt_dir / 'cache'}",
               "-oDebug::NoLocking=1", "-qq"]
    by_hand = (f"download {IMGUI_TARBALL} (Debian source package imgui {IMGUI_DEBIAN_VERSION}) "
               f"and place it at {tarball}")
    for step in (["apt-get", *options, "update"],
                 ["apt-get", *options, "source", "--download-only", f"imgui={IMGUI_DEBIAN_VERSION}"]):
        if subprocess.run(step, cwd=download).returncode != 0:
            fail(f"could not fetch Dear ImGui's sources ('{' '.join(step[:1] + step[-2:])}' failed).\n"
                 f"  With network access try again, or {by_hand}")
    fetched = download / IMGUI_TARBALL
    if not fetched.exists():
        fail(f"apt-get did not produce {IMGUI_TARBALL}; {by_hand}")
    actual = sha256_of(fetched)
    if actual != IMGUI_SHA256:
        fail(f"{IMGUI_TARBALL} has SHA-256 {actual}, expected {IMGUI_SHA256}; refusing to use it")
    CACHE.mkdir(parents=True, exist_ok=True)
    shutil.move(str(fetched), tarball)
    shutil.rmtree(download, ignore_errors=True)
    return tarball


def ensure_imgui() -> Path:
    stamp = IMGUI_DIR / ".ties-sha256"
    if stamp.exists() and stamp.read_text().strip() == IMGUI_SHA256:
        return IMGUI_DIR
    tarball = download_imgui_tarball()
    shutil.rmtree(IMGUI_DIR, ignore_errors=True)
    DEPS.mkdir(exist_ok=True)
    with tarfile.open(tarball) as tar:
        tar.extractall(DEPS, filter="data") if hasattr(tarfile, "data_filter") else tar.extractall(DEPS)
    if not (IMGUI_DIR / "imgui.cpp").exists():
        fail(f"unpacked {IMGUI_TARBALL} but {IMGUI_DIR}/imgui.cpp is missing")
    stamp.write_text(IMGUI_SHA256 + "\n")
    return IMGUI_DIR


def emscripten_env() -> dict[str, str]:
    # Debian's emcc needs acorn from /usr/share/nodejs, which NodeSource's node does not search.
    paths = [p for p in os.environ.get("NODE_PATH", "").split(":") if p]
    if "/usr/share/nodejs" not in paths:
        paths.append("/usr/share/nodejs")
    return dict(os.environ, NODE_PATH=":".join(paths))


def cmake_build(build_dir: Path, configure: list[str], env: dict[str, str] | None = None,
                target: str | None = None) -> None:
    # A configure that failed halfway leaves a cache but no Makefile: configure again then.
    if not (build_dir / "CMakeCache.txt").exists() or not (build_dir / "Makefile").exists():
        run([*configure, "-S", str(ROOT), "-B", str(build_dir)], env=env)
    cmd = ["cmake", "--build", str(build_dir), "-j", str(os.cpu_count() or 2)]
    if target:
        cmd += ["--target", target]
    run(cmd, env=env)


def build_web() -> Path:
    """Builds the release web app; returns the folder of files to serve."""
    ensure_packages(BUILD_PACKAGES)
    ensure_node()
    imgui = ensure_imgui()
    build_dir = BUILD / "web"
    say("building the web app (release)")
    cmake_build(build_dir, ["emcmake", "cmake", "-DCMAKE_BUILD_TYPE=Release", f"-DIMGUI_DIR={imgui}"],
                env=emscripten_env())
    return build_dir / "dist"


def build_native() -> Path:
    """Builds the core library and its unit tests natively, with sanitizers."""
    ensure_packages(BUILD_PACKAGES)
    build_dir = BUILD / "native"
    say("building the native core and unit tests")
    cmake_build(build_dir, ["cmake", "-DCMAKE_BUILD_TYPE=Debug", "-DTIES_SANITIZE=ON"])
    return build_dir


def build_bench() -> Path:
    """Builds the native benchmarks with optimisation and without sanitizers."""
    ensure_packages(BUILD_PACKAGES)
    build_dir = BUILD / "bench"
    say("building the benchmarks (native, release)")
    for target in ("storage_bench", "search_bench", "today_bench", "map_bench", "import_bench", "sync_bench", "mail_bench",
                   "make_backup"):
        cmake_build(build_dir, ["cmake", "-DCMAKE_BUILD_TYPE=Release"], target=target)
    return build_dir


def build_fuzz() -> Path:
    """Builds the libFuzzer targets (tests/fuzz/*_fuzz.cpp) with clang, ASan and UBSan in
    build/fuzz; tests/run runs each for a while."""
    ensure_packages(BUILD_PACKAGES + FUZZ_PACKAGES)
    build_dir = BUILD / "fuzz"
    say("building the fuzz targets (clang-14, libFuzzer + ASan + UBSan)")
    cmake_build(build_dir, ["cmake", "-DTIES_FUZZ=ON", "-DCMAKE_BUILD_TYPE=RelWithDebInfo"],
                env=dict(os.environ, CC="clang-14", CXX="clang++-14"), target="fuzz")
    return build_dir


def build_bench_web() -> Path:
    """Builds the browser storage benchmark (wasm, release) in its own build folder, so the web
    app's build is untouched; returns the folder that tests/bench/browser/run.mjs serves."""
    ensure_packages(BUILD_PACKAGES + TEST_PACKAGES)
    ensure_node()
    imgui = ensure_imgui()  # not linked into the benchmark, but the Emscripten configure needs it
    build_dir = BUILD / "bench-web"
    say("building the browser storage benchmark (wasm, release)")
    cmake_build(build_dir, ["emcmake", "cmake", "-DCMAKE_BUILD_TYPE=Release", f"-DIMGUI_DIR={imgui}"],
                env=emscripten_env(), target="storage_bench_web")
    say("run it with: node tests/bench/browser/run.mjs")
    return build_dir / "bench-web"


if __name__ == "__main__":
    commands = {"web": build_web, "native": build_native, "bench": build_bench, "bench-web": build_bench_web,
                "fuzz": build_fuzz,
                "test-deps": lambda: (ensure_packages(BUILD_PACKAGES + TEST_PACKAGES), ensure_node())}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        fail(f"usage: {sys.argv[0]} {'|'.join(commands)}")
    commands[sys.argv[1]]()
