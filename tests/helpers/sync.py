"""Helpers for the sync tests: real servers on 127.0.0.1: uvicorn in a background thread, on SQLite and
on the local PostgreSQL (a fresh database per test session, dropped afterwards).

Each test gets its own ward on a shared server (so tests cannot see each other's data), and
helpers to make client profiles enrolled in it. Client profiles for fast tests are unencrypted
copies of one migrated template database; ``enrolled_store`` makes real encrypted ones.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import psycopg
import pytest
import uvicorn
from sqlalchemy import select

from outreach.model import ResidentialGroup
from outreach.server import admin
from outreach.server.api import create_app
from outreach.server.auth import AttemptLimiter
from outreach.server.db import ServerDb, open_db
from outreach.store.database import Store, open_store
from outreach.store.profile import Profile
from outreach.sync.client import run_sync
from outreach.sync.engine import SyncReport
from outreach.sync.transport import HttpTransport
from tests.helpers.tls import TlsFiles

PG_ADMIN_DSN = os.environ.get("OUTREACH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def wait_until(predicate: Any, timeout: float = 20.0, what: str = "condition") -> None:
    """Poll ``predicate`` until true or the deadline passes (never a bare sleep as sync)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.01)


class LiveServer:
    """The real API served by uvicorn on a free loopback port, in a daemon thread."""

    def __init__(self, db: ServerDb, *, tls: TlsFiles | None = None, extensions: Sequence[Callable[[Any], None]] = (),
                 **app_options: Any) -> None:
        self.db = db
        self.app = create_app(db, **app_options)
        for extend in extensions:  # e.g. the office console (outreach.console.app.mount_console), as ``serve`` does
            extend(self.app)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        config = uvicorn.Config(self.app, log_level="warning", access_log=False, lifespan="off", timeout_keep_alive=30,
                                ssl_certfile=str(tls.cert_pem) if tls else None, ssl_keyfile=str(tls.key_pem) if tls else None)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        wait_until(lambda: self.server.started, what="uvicorn start")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def pg_available() -> bool:
    try:
        with psycopg.connect(PG_ADMIN_DSN, connect_timeout=2):
            return True
    except psycopg.Error:
        return False


def skip_without_postgres(reason: str) -> NoReturn:
    """Skip a PostgreSQL test, or fail it when ``OUTREACH_REQUIRE_POSTGRES=1`` (set by .ci/run).

    A developer without the server still gets a green SQLite run; CI must not turn the whole
    PostgreSQL half into quiet skips (as ``OUTREACH_REQUIRE_KEYRING`` does for the keyring).
    """
    if os.environ.get("OUTREACH_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"OUTREACH_REQUIRE_POSTGRES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@dataclass
class WardSetup:
    """A fresh ward on a live server with one team, and a way to enrol laptops into it."""

    server: LiveServer
    ward_id: str
    team_id: str
    stores: list[Store] = field(default_factory=list)

    def code(self, role: str = "volunteer", name: str | None = "Phạm Quang Huy", minutes: int = 15) -> str:
        return admin.issue_enrolment_code(self.server.db, self.team_id, role, name, minutes).code


@contextmanager
def scratch_server(postgres_url: str | None = None) -> Iterator[tuple[LiveServer, Path]]:
    """A live server with the catalogue seeded, on ``postgres_url`` (an empty database) or a new
    SQLite file, and a temporary work folder beside it: what the long benchmarks run against."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db = open_db(postgres_url or f"sqlite:///{work / 'office.db'}")
        admin.seed_catalogue(db)
        server = LiveServer(db)
        try:
            yield server, work
        finally:
            server.stop()
            db.dispose()


def make_ward(server: LiveServer, name: str = "Phường Ngọc Hà") -> WardSetup:
    # The servers live for the whole session: a test starts with a clean window of wrong
    # enrolment codes (the API fuzz test alone sends hundreds from 127.0.0.1).
    server.app.state.enrol_attempts = AttemptLimiter()
    ward_id = admin.add_ward(server.db, name, code="00004", province_code="01", province_name="Thành phố Hà Nội")
    team_id = admin.add_team(server.db, ward_id, f"Đội cơ động {ward_id[-6:]}")
    admin.add_group(server.db, ward_id, "Tổ dân phố số 1", sort_order=1)
    return WardSetup(server, ward_id, team_id)


def area_group(ward: WardSetup) -> str:
    """The ward's first group, put into its team's area by the office: a volunteer's laptop of
    the team holds its households whole (least data: ``server/scope.py``)."""
    with ward.server.db.read() as conn:
        group_id = str(conn.execute(select(ResidentialGroup.id).where(ResidentialGroup.ward_id == ward.ward_id)
                                    .order_by(ResidentialGroup.sort_order).limit(1)).scalar_one())
    admin.office_write(ward.server.db, ResidentialGroup, group_id, {"team_id": ward.team_id}, ward.ward_id, create=False)
    return group_id


_TEMPLATE: dict[str, Path] = {}


def template_db(root: Path) -> Path:
    """One migrated, unencrypted client database, copied for each fast test profile."""
    if "path" not in _TEMPLATE:
        folder = root / "template"
        profile = Profile(data_dir=folder, encrypted=False, demo=True)
        profile.save()
        open_store(profile).close()
        _TEMPLATE["path"] = folder / "outreach.db"
    return _TEMPLATE["path"]


def fast_store(template_root: Path, folder: Path) -> Store:
    """A fresh unencrypted client profile (no keyring, no migration run): for model tests."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy(template_db(template_root), folder / "outreach.db")
    profile = Profile(data_dir=folder, encrypted=False, demo=True)
    profile.save()
    return open_store(profile)


def enrol_raw(transport: HttpTransport, code: str, *, encrypted: bool = True, label: str = "test") -> dict[str, Any]:
    """Both phases of enrolment as a laptop sends them (enrol, then confirm the token); the
    first phase's answer, whose token now works."""
    reply: dict[str, Any] = transport.post("/enroll", {"code": code, "label": label, "encrypted": encrypted})
    transport.post("/enroll/confirm", {"token": reply["token"]})
    return reply


def enrol_fast(ward: WardSetup, store: Store, role: str = "volunteer") -> HttpTransport:
    """Enrol ``store`` without the keyring; returns a transport holding its token.

    These profiles are unencrypted copies holding synthetic data, so their ward is marked demo
    data on the server: the server lets an unencrypted profile into a demo ward only."""
    if not store.profile.encrypted:
        admin.mark_demo_ward(ward.server.db, ward.ward_id)
    transport = HttpTransport(ward.server.url, None, retries=False)
    reply = enrol_raw(transport, ward.code(role), encrypted=store.profile.encrypted)
    profile = store.profile
    profile.server_url, profile.server_device_id = ward.server.url, reply["device_id"]
    profile.ward_id, profile.team_id, profile.role, profile.member_id = (
        reply["ward_id"],
        reply["team_id"],
        reply["role"],
        reply["member_id"],
    )
    profile.save()
    transport.close()
    return HttpTransport(ward.server.url, reply["token"], retries=False)


@contextmanager
def fresh_laptop(ward: WardSetup, template_root: Path, folder: Path) -> Iterator[tuple[Store, SyncReport]]:
    """A new laptop of ``ward``: enrolled (``enrol_fast``), its first sync done; yields the store
    and that sync's report, and closes the store afterwards."""
    laptop = fast_store(template_root, folder)
    try:
        yield laptop, run_sync(laptop, transport=enrol_fast(ward, laptop))
    finally:
        laptop.close()
