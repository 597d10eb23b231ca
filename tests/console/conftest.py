"""Fixtures of the console tests: a real server (sync API and console on one port, as
``outreach-server serve`` runs them) over a fresh SQLite file, two wards and their accounts."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from outreach.console.app import mount_console
from outreach.server import accounts, admin
from outreach.server.db import open_db
from outreach.store.database import Store
from outreach.sync.transport import HttpTransport
from tests.helpers.sync import LiveServer, enrol_raw, fast_store

PASSWORD = "correct horse battery"


@dataclass
class Console:
    server: LiveServer
    ward_a: str
    ward_b: str
    team_a: str
    team_b: str

    @property
    def url(self) -> str:
        return f"{self.server.url}/console"


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has a form with its CSRF token"
    return found.group(1)


def sign_in(console: Console, login: str, password: str = PASSWORD, session: requests.Session | None = None) -> requests.Session:
    """A browser-like session signed in as ``login`` (through the real sign-in form)."""
    browser = session or requests.Session()
    page = browser.get(f"{console.url}/login", timeout=10)
    answer = browser.post(f"{console.url}/login", data={"login": login, "password": password, "csrf": csrf_of(page.text)},
                          allow_redirects=False, timeout=10)
    assert answer.status_code == 303, answer.text
    return browser


def page_csrf(browser: requests.Session, url: str) -> str:
    return csrf_of(browser.get(url, timeout=10).text)


@dataclass(frozen=True)
class Template:
    """An office database made once per test session (catalogue, two wards, five accounts):
    each test gets its own copy, so seeding and argon2 hashing are paid once."""

    path: Path
    ids: tuple[str, str, str, str]


def _make_template(folder: Path) -> Template:
    path = folder / "template.db"
    db = open_db(f"sqlite:///{path}")
    try:
        admin.seed_catalogue(db)
        ward_a = admin.add_ward(db, "Phường Ngọc Hà", "00008", "01", "Hà Nội")
        ward_b = admin.add_ward(db, "Phường Ba Đình", "00004", "01", "Hà Nội")
        team_a = admin.add_team(db, ward_a, "Đội cơ động số 1")
        team_b = admin.add_team(db, ward_b, "Đội cơ động Ba Đình")
        admin.add_group(db, ward_a, "Tổ dân phố số 1")
        for login, role, ward, team in (("city", "city_admin", None, None), ("admin.a", "ward_admin", ward_a, None),
                                        ("viewer.a", "ward_viewer", ward_a, None), ("admin.b", "ward_admin", ward_b, None),
                                        ("leader.a", "team_leader", ward_a, team_a)):
            accounts.add_account(db, login, role, ward_id=ward, team_id=team, password=PASSWORD)
    finally:
        db.dispose()
    return Template(path, (ward_a, ward_b, team_a, team_b))


@pytest.fixture(scope="session")
def console_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return _make_template(tmp_path_factory.mktemp("console-template"))


def enrol_laptop(server_url: str, code: str, folder: Path) -> tuple[Store, HttpTransport]:
    """A fresh (unencrypted, so its ward must be a demo ward) laptop profile enrolled with
    ``code`` as a laptop does it: both phases, then its profile says who it is."""
    laptop = fast_store(folder / "template", folder / "laptop")
    reply = enrol_raw(HttpTransport(server_url, None, retries=False), code, encrypted=False)
    profile = laptop.profile
    profile.server_url, profile.server_device_id = server_url, reply["device_id"]
    profile.ward_id, profile.team_id = reply["ward_id"], reply["team_id"]
    profile.role, profile.member_id = reply["role"], reply["member_id"]
    profile.save()
    return laptop, HttpTransport(server_url, reply["token"], retries=False)


def make_console(template: Template, folder: Path, **server_options: object) -> Iterator[Console]:
    shutil.copy(template.path, folder / "office.db")
    db = open_db(f"sqlite:///{folder / 'office.db'}")
    server = LiveServer(db, extensions=[mount_console], **server_options)  # type: ignore[arg-type]
    try:
        yield Console(server, *template.ids)
    finally:
        server.stop()
        db.dispose()


@pytest.fixture
def console(console_template: Template, tmp_path: Path) -> Iterator[Console]:
    yield from make_console(console_template, tmp_path)
