"""Start (or reuse) an ``outreach-server --demo`` on 127.0.0.1 in the background, for ``outreach demo``.

The server is a separate process (its own session, so closing the app's terminal does not
kill it mid-write), recorded in ``server.json`` next to its database; a later demo reuses it
when that process still answers on its port with the same database.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from outreach.wire.protocol import API_PREFIX

STATE_FILE = "server.json"
#: the module run as ``python -m``: the server's own command line, or one that extends its
#: ``serve`` (``outreach.console.cli``, which adds the office console)
SERVER_ENTRY = "outreach.server.cli"


@dataclass(frozen=True)
class BackgroundServer:
    url: str
    pid: int
    db_url: str
    reused: bool


def _healthy(url: str) -> bool:
    try:
        return requests.get(f"{url}{API_PREFIX}/health", timeout=1).status_code == 200
    except requests.RequestException:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs; a zombie (exited, not yet reaped by its new parent) does not."""
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rpartition(")")[2].split()[0] != "Z"
    except (OSError, IndexError):
        return True  # no /proc (macOS, Windows): the signal answered


def ensure_server(folder: Path, port: int = 0, timeout_s: float = 30.0, entry: str = SERVER_ENTRY) -> BackgroundServer:
    folder.mkdir(parents=True, exist_ok=True)
    db_url = f"sqlite:///{folder / 'office.db'}"
    state_path = folder / STATE_FILE
    if state_path.exists():
        state = json.loads(state_path.read_text())
        if state.get("db_url") == db_url and process_alive(state["pid"]) and _healthy(state["url"]):
            return BackgroundServer(state["url"], state["pid"], db_url, True)
    # the schema and catalogue first, in the foreground, so errors show here and not in a log
    subprocess.run([sys.executable, "-m", entry, "--db", db_url, "init"], check=True, capture_output=True)
    port = port or _free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(folder / "server.log", "ab")  # noqa: SIM115 - handed to the child process
    process = subprocess.Popen(
        [sys.executable, "-m", entry, "--db", db_url, "serve", "--host", "127.0.0.1", "--port", str(port), "--demo"],
        stdout=log, stderr=log, stdin=subprocess.DEVNULL, start_new_session=True,
    )
    log.close()
    deadline = time.monotonic() + timeout_s
    while not _healthy(url):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the demo server did not start; see {folder / 'server.log'}")
        time.sleep(0.1)
    state_path.write_text(json.dumps({"url": url, "pid": process.pid, "db_url": db_url}))
    return BackgroundServer(url, process.pid, db_url, False)


def stop_server(folder: Path, timeout_s: float = 15.0) -> int | None:
    """Stop the background server recorded in ``folder``; its pid, or None if none was running.

    SIGTERM lets uvicorn finish the request in hand and close the database; a server that is
    still there after ``timeout_s`` is killed. The state file goes either way."""
    state_path = folder / STATE_FILE
    if not state_path.exists():
        return None
    pid = int(json.loads(state_path.read_text())["pid"])
    state_path.unlink()
    if not process_alive(pid):
        return None
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while process_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if process_alive(pid):
        os.kill(pid, signal.SIGKILL)
    return pid
