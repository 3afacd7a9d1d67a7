"""What tests/servers/webdav_server.py (Apache) and nginx_dav_server.py (nginx) share: the command
line, the temporary folder and its ownership when run as root, and the lifecycle (wait until the
server answers, print "ready URL", stay in the foreground until SIGTERM, SIGINT or the parent's
death, then stop the server and remove the temporary folder).
"""
from __future__ import annotations

import argparse
import ctypes
import http.client
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGTERM) -> None:
    """Linux: have the kernel send `sig` to this process when its parent exits."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    except OSError:
        pass


def parse_args(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--root", required=True, help="the folder served at /dav/ (created when missing)")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--origin", help="the allowed origin; default: reflect the request's Origin")
    parser.add_argument("--no-cors", action="store_true", help="send no CORS headers")
    return parser.parse_args()


def make_folders(name: str, root_arg: str, prefix: str) -> tuple[Path, Path, str | None] | None:
    """Creates the served folder and a temporary folder (with an empty `empty/` in it). As root
    the server's workers run as www-data: both folders become theirs, and every folder above them
    must be searchable by others. Returns (root, work, user to run as or None), or None after
    saying why not."""
    root = Path(root_arg).resolve()
    root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=prefix))
    (work / "empty").mkdir()
    run_as = None
    if os.geteuid() == 0:  # the server's children must not run as root: they run as www-data
        run_as = "www-data"
        entry = pwd.getpwnam(run_as)
        for path in [work, root, *root.rglob("*")]:
            os.chown(path, entry.pw_uid, entry.pw_gid)
        for parent in [*root.parents, *work.parents]:  # www-data must be able to walk down to them
            if not os.stat(parent).st_mode & 0o001:
                print(f"{name}: {run_as} cannot reach {root} or {work}: {parent} is not searchable by "
                      f"others (chmod o+x {parent})", file=sys.stderr)
                shutil.rmtree(work, ignore_errors=True)
                return None
    return root, work, run_as


def wait_until_ready(port: int, server: subprocess.Popen, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return False
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("OPTIONS", "/dav/")
            conn.getresponse().read()
            conn.close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def serve(name: str, server_name: str, command: list[str], port: int, work: Path, error_log: Path) -> int:
    """Runs `command` (a server that stays in the foreground and stops on SIGTERM) until SIGTERM,
    SIGINT or this process's parent dies; removes `work` afterwards. Returns the exit code."""
    stopping = False

    def stop(signum, frame):  # noqa: ARG001
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server = subprocess.Popen(command, stdin=subprocess.DEVNULL, preexec_fn=die_with_parent)
    code = 0
    try:
        if not wait_until_ready(port, server, 15):
            log = error_log.read_text(errors="replace") if error_log.exists() else ""
            print(f"{name}: {server_name} did not start on 127.0.0.1:{port}\n{log[-2000:]}", file=sys.stderr)
            code = 1
        else:
            print(f"ready http://127.0.0.1:{port}/dav/", flush=True)
            while not stopping and server.poll() is None:
                time.sleep(0.2)
            if server.poll() is not None and not stopping:
                print(f"{name}: {server_name} stopped on its own; see {error_log}", file=sys.stderr)
                code = 1
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)  # both stop their children on SIGTERM
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(work, ignore_errors=True)
    return code
