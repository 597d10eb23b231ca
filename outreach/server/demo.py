"""The local office server of ``outreach demo``: the door through which the laptop's demo command
reaches the server package (started in the background, a demo ward and team made, a one-time
enrolment code issued; stopped by ``outreach demo --stop``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from outreach.server import accounts, admin
from outreach.server.background import SERVER_ENTRY, BackgroundServer, ensure_server, stop_server
from outreach.server.db import ServerDb, open_db


@dataclass(frozen=True)
class DemoWard:
    """Where the demo ward's identity comes from: its administrative code and names."""

    code: str
    name: str
    province_code: str
    province_name: str


@dataclass(frozen=True)
class DemoServer:
    server: BackgroundServer
    #: A one-time leader code for this profile; None when the profile is already enrolled there.
    enrolment_code: str | None
    #: The office console's demo sign-in (login, password): synthetic data, this computer only.
    console_login: tuple[str, str] | None = None


TEAM_NAME = "Đội cơ động số 1"
CONSOLE_LOGIN_FILE = "console-login.json"
DEMO_CONSOLE_LOGIN = "demo"
DEMO_LEADER_NAME = "Lê Thị Hạnh"


def start_demo_server(folder: Path, port: int, ward: DemoWard, *, enrolled_url: str | None,
                      ward_id: str | None, team_id: str | None, has_member: bool, entry: str = SERVER_ENTRY) -> DemoServer:
    """Start (or reuse) the demo server in ``folder`` and make sure the profile's ward and team
    exist on it; unless the profile is already enrolled with that server, issue a leader code.

    A profile keeps its ward and team ids across demo runs, so a server folder that was deleted
    is re-created with the same ids and the profile's data syncs into it again. ``entry`` is the
    server's command line to run (``outreach.console.cli`` also serves the office console)."""
    server = ensure_server(folder, port, entry=entry)
    db = open_db(server.db_url)
    try:
        login = _console_login(db, folder)
    finally:
        db.dispose()
    if enrolled_url == server.url:
        return DemoServer(server, None, login)
    db = open_db(server.db_url)
    try:
        if ward_id:
            try:
                admin.find_ward(db, ward_id)
            except admin.AdminError:
                admin.add_ward(db, "Phường demo", ward_id=ward_id)
        else:
            try:
                ward_id = admin.find_ward(db, None)["id"]
            except admin.AdminError:
                ward_id = admin.add_ward(db, ward.name, ward.code, ward.province_code, ward.province_name)
        admin.mark_demo_ward(db, ward_id)  # the demo profile is unencrypted: only demo data may reach it
        team_id = team_id or admin.add_team(db, ward_id, TEAM_NAME)
        try:
            admin.find_team(db, team_id)
        except admin.AdminError:
            admin.add_team(db, ward_id, TEAM_NAME, team_id=team_id)
        issued = admin.issue_enrolment_code(db, team_id, "leader", None if has_member else DEMO_LEADER_NAME)
    finally:
        db.dispose()
    return DemoServer(server, issued.code, login)


def _console_login(db: ServerDb, folder: Path) -> tuple[str, str]:
    """The demo's console account (a city admin of this synthetic server), made once; its
    password is kept beside the demo database so every ``outreach demo`` can print it."""
    path = folder / CONSOLE_LOGIN_FILE
    if path.exists():
        saved = json.loads(path.read_text())
        if any(a.login == saved["login"] and not a.disabled for a in accounts.list_accounts(db)):
            return saved["login"], saved["password"]
    login = DEMO_CONSOLE_LOGIN
    taken = {a.login for a in accounts.list_accounts(db)}
    while login in taken:
        login += "1"
    _account, password = accounts.add_account(db, login, "city_admin", display_name="Demo")
    path.write_text(json.dumps({"login": login, "password": password}))
    path.chmod(0o600)
    return login, password


def stop_demo_server(folder: Path) -> int | None:
    """Stop the demo server kept in ``folder``; its pid, or None if none was running."""
    return stop_server(folder)
