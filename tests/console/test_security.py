"""The console's security, against a real server on 127.0.0.1: every route behind the sign-in,
CSRF on every form, lock-out, session expiry, cookie flags, headers, escaping, ward scope."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import requests
from fastapi.routing import APIRoute
from sqlalchemy import insert, select, update
from starlette.routing import Mount

from outreach.server import accounts, admin, data_requests
from outreach.server.schema import ConsoleAccount, ConsoleSession, Device
from tests.console.conftest import PASSWORD, Console, Template, csrf_of, make_console, page_csrf, sign_in
from tests.helpers.tls import make_ca_and_server_cert

PUBLIC_ROUTES = {"/login", "/lang"}


def console_routes(console: Console) -> list[tuple[str, str]]:
    """Every (method, path) of the mounted console app, path parameters filled in."""
    mount = next(r for r in console.server.app.routes if isinstance(r, Mount) and r.path == "/console")
    found = []

    def walk(routes: list[Any]) -> None:
        for route in routes:
            if isinstance(route, APIRoute):
                found.extend([(method, re.sub(r"\{[^}]+\}", "x", route.path)) for method in sorted(route.methods or ())])
            elif hasattr(route, "original_router"):  # FastAPI's include_router keeps the router whole
                walk(route.original_router.routes)

    walk(mount.routes)
    return found


def test_every_console_route_without_a_session_goes_to_the_sign_in(console: Console) -> None:
    routes = console_routes(console)
    assert len(routes) >= 8 and ("GET", "/laptops") in routes  # the enumeration sees the pages
    for method, path in routes:
        if path in PUBLIC_ROUTES:
            continue
        answer = requests.request(method, f"{console.url}{path}", data={"csrf": "x"}, allow_redirects=False, timeout=10)
        assert answer.status_code == 303, (method, path, answer.status_code)
        assert answer.headers["location"] == "/console/login", (method, path)


def test_sign_in_and_out(console: Console) -> None:
    browser = sign_in(console, "admin.a")
    overview = browser.get(f"{console.url}/", timeout=10)
    assert overview.status_code == 200 and "Phường Ngọc Hà" in overview.text
    browser.post(f"{console.url}/logout", data={"csrf": csrf_of(overview.text)}, timeout=10)
    assert browser.get(f"{console.url}/", allow_redirects=False, timeout=10).status_code == 303
    with console.server.db.read() as conn:
        assert conn.scalar(select(ConsoleSession.token_hash)) is None  # signed out on the server, not just the cookie


def test_a_form_without_or_with_a_wrong_csrf_token_is_refused(console: Console) -> None:
    browser = sign_in(console, "admin.a")
    url = f"{console.url}/wards/{console.ward_a}/groups"
    assert browser.post(url, data={"name": "Tổ 9"}, allow_redirects=False, timeout=10).status_code == 403
    assert browser.post(url, data={"name": "Tổ 9", "csrf": "forged"}, allow_redirects=False, timeout=10).status_code == 403
    assert "Tổ 9" not in browser.get(f"{console.url}/wards", timeout=10).text
    right = page_csrf(browser, f"{console.url}/wards")
    assert browser.post(url, data={"name": "Tổ 9", "csrf": right}, allow_redirects=False, timeout=10).status_code == 303
    assert "Tổ 9" in browser.get(f"{console.url}/wards", timeout=10).text
    # the sign-in form too: another browser's token does not open it
    stranger = requests.Session()
    stranger.get(f"{console.url}/login", timeout=10)
    answer = stranger.post(f"{console.url}/login", data={"login": "admin.a", "password": PASSWORD, "csrf": right},
                           allow_redirects=False, timeout=10)
    assert answer.status_code == 403


def test_repeated_failures_lock_the_account(console: Console, caplog: pytest.LogCaptureFixture) -> None:
    browser = requests.Session()
    for _ in range(accounts.MAX_FAILED_LOGINS):
        token = page_csrf(browser, f"{console.url}/login")
        answer = browser.post(f"{console.url}/login", data={"login": "admin.a", "password": "wrong-password", "csrf": token},
                              allow_redirects=False, timeout=10)
        assert answer.status_code == 401
    token = page_csrf(browser, f"{console.url}/login")
    answer = browser.post(f"{console.url}/login", data={"login": "admin.a", "password": PASSWORD, "csrf": token},
                          allow_redirects=False, timeout=10)
    assert answer.status_code == 401 and "15" in answer.text  # locked: even the right password waits
    with console.server.db.read() as conn:
        locked_until = conn.scalar(select(ConsoleAccount.locked_until).where(ConsoleAccount.login == "admin.a"))
    assert locked_until is not None
    # after the lock, the right password opens it again
    later = locked_until + dt.timedelta(seconds=1)
    assert accounts.check_login(console.server.db, "admin.a", PASSWORD, now=later).account is not None


def test_the_lock_out_is_logged_without_the_login(console: Console, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("INFO", logger="outreach.server.console"):
        for _ in range(accounts.MAX_FAILED_LOGINS):
            accounts_result = accounts.check_login(console.server.db, "admin.a", "nope-nope-nope")
        assert accounts_result.locked_now
        browser = requests.Session()
        token = page_csrf(browser, f"{console.url}/login")
        browser.post(f"{console.url}/login", data={"login": "admin.a", "password": "x", "csrf": token}, timeout=10)
    events = [(r.__dict__.get("event"), r.__dict__.get("reason")) for r in caplog.records]
    assert ("console_login_refused", "locked") in events
    assert not any("admin.a" in r.getMessage() or "admin.a" in str(r.__dict__) for r in caplog.records)


def test_sessions_expire_when_idle_and_absolutely(console: Console) -> None:
    browser = sign_in(console, "admin.a")
    assert browser.get(f"{console.url}/", allow_redirects=False, timeout=10).status_code == 200
    with console.server.db.write() as conn:  # the browser was idle longer than allowed
        conn.execute(update(ConsoleSession).values(last_seen_at=accounts.utcnow() - dt.timedelta(minutes=accounts.IDLE_MINUTES + 1)))
    assert browser.get(f"{console.url}/", allow_redirects=False, timeout=10).status_code == 303
    browser = sign_in(console, "admin.a")
    with console.server.db.write() as conn:  # busy all day, but signed in too long ago
        conn.execute(update(ConsoleSession).values(created_at=accounts.utcnow() - dt.timedelta(hours=accounts.ABSOLUTE_HOURS, minutes=1)))
    assert browser.get(f"{console.url}/", allow_redirects=False, timeout=10).status_code == 303
    browser = sign_in(console, "admin.a")
    assert accounts.disable_account(console.server.db, "admin.a")  # disabling ends the session at once
    assert browser.get(f"{console.url}/", allow_redirects=False, timeout=10).status_code == 303


def test_cookie_flags_and_security_headers(console: Console) -> None:
    browser = requests.Session()
    page = browser.get(f"{console.url}/login", timeout=10)
    answer = browser.post(f"{console.url}/login", data={"login": "admin.a", "password": PASSWORD, "csrf": csrf_of(page.text)},
                          allow_redirects=False, timeout=10)
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/console" in cookie
    assert "secure" not in cookie  # plain HTTP on the LAN: a Secure cookie would never come back
    headers = browser.get(f"{console.url}/", timeout=10).headers
    assert "default-src 'none'" in headers["content-security-policy"] and "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
    assert headers["cache-control"] == "no-store" and headers["referrer-policy"] == "no-referrer"


def test_over_tls_the_cookie_is_secure(console_template: Template, tmp_path: Path) -> None:
    tls = make_ca_and_server_cert(tmp_path)
    for console in make_console(console_template, tmp_path, tls=tls):
        browser = requests.Session()
        browser.verify, browser.trust_env = str(tls.ca_pem), False
        page = browser.get(f"{console.url}/login", timeout=10)
        answer = browser.post(f"{console.url}/login", data={"login": "admin.a", "password": PASSWORD, "csrf": csrf_of(page.text)},
                              allow_redirects=False, timeout=10)
        assert "secure" in answer.headers["set-cookie"].lower()
        assert "max-age" in answer.headers.get("strict-transport-security", "")
        browser.close()  # the server stops without waiting for an idle keep-alive connection


def test_a_hostile_name_is_shown_as_text(console: Console) -> None:
    hostile = "<script>alert(1)</script>"
    admin.add_group(console.server.db, console.ward_a, hostile)
    issued = admin.issue_enrolment_code(console.server.db, console.team_a, "volunteer", hostile)
    with console.server.db.write() as conn:  # the laptop of that member, as if enrolled
        conn.execute(insert(Device).values(id="dev-a", token_hash="1" * 64, ward_id=console.ward_a, team_id=console.team_a,
                                                      member_id=issued.member_id, role="volunteer", label="", enrolled_at=accounts.utcnow(),
                                                      pending=False))
    data_requests.add_request(console.server.db, console.ward_a, "access", hostile, requester_contact=hostile)
    browser = sign_in(console, "admin.a")
    for page in ("/wards", "/laptops", "/areas", "/requests", "/laptops/dev-a"):
        html = browser.get(f"{console.url}{page}", timeout=10).text
        assert hostile not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html, page


def test_a_ward_admin_gets_403_on_another_ward_by_url_and_by_form(console: Console) -> None:
    admin.issue_enrolment_code(console.server.db, console.team_b, "volunteer", "Nguyễn Văn B")
    browser = sign_in(console, "admin.a")
    token = page_csrf(browser, f"{console.url}/wards")
    assert "Phường Ba Đình" not in browser.get(f"{console.url}/wards", timeout=10).text
    assert "Phường Ba Đình" not in browser.get(f"{console.url}/", timeout=10).text
    for path, form in ((f"/wards/{console.ward_b}/groups", {"name": "Tổ lạ"}), (f"/wards/{console.ward_b}/teams", {"name": "Đội lạ"}),
                       ("/laptops/enrol", {"team_id": console.team_b, "role": "volunteer"}), ("/wards", {"commune_code": "00001"})):
        answer = browser.post(f"{console.url}{path}", data={**form, "csrf": token}, allow_redirects=False, timeout=10)
        assert answer.status_code == 403, path
    with console.server.db.write() as conn:  # a laptop of ward B, as if enrolled
        conn.execute(insert(Device).values(id="dev-b", token_hash="0" * 64, ward_id=console.ward_b, team_id=console.team_b,
                                                      role="volunteer", label="", enrolled_at=accounts.utcnow(), pending=False))
    answer = browser.post(f"{console.url}/laptops/dev-b/revoke", data={"reason": "lost", "csrf": token}, allow_redirects=False, timeout=10)
    assert answer.status_code == 403
    with console.server.db.read() as conn:
        assert conn.scalar(select(Device.revoked_at).where(Device.id == "dev-b")) is None
    # the city admin sees both; the viewer of ward A may look but not change
    city = sign_in(console, "city")
    assert "Phường Ba Đình" in city.get(f"{console.url}/", timeout=10).text
    viewer = sign_in(console, "viewer.a")
    token = page_csrf(viewer, f"{console.url}/wards")
    answer = viewer.post(f"{console.url}/wards/{console.ward_a}/groups", data={"name": "Tổ 10", "csrf": token}, allow_redirects=False,
                         timeout=10)
    assert answer.status_code == 403


def test_changing_the_password_ends_the_other_sessions(console: Console) -> None:
    elsewhere = sign_in(console, "admin.a")
    browser = sign_in(console, "admin.a")
    token = page_csrf(browser, f"{console.url}/account")
    new = "a much longer passphrase"
    wrong = browser.post(f"{console.url}/account/password", data={"current": "not it", "new": new, "again": new, "csrf": token}, timeout=10)
    assert wrong.status_code == 422
    done = browser.post(f"{console.url}/account/password", data={"current": PASSWORD, "new": new, "again": new, "csrf": token},
                        timeout=10)
    assert done.status_code == 200 and "Đã đổi mật khẩu" in done.text  # this browser goes on with a fresh session
    assert elsewhere.get(f"{console.url}/", allow_redirects=False, timeout=10).status_code == 303
    assert accounts.check_login(console.server.db, "admin.a", new).account is not None


def test_a_team_leader_sees_and_enrols_for_their_team_only(console: Console) -> None:
    db = console.server.db
    other_team = admin.add_team(db, console.ward_a, "Đội cơ động số 2")
    with db.write() as conn:  # a laptop of each team of ward A, as if enrolled
        for device, team in (("dev-own", console.team_a), ("dev-other", other_team)):
            conn.execute(insert(Device).values(id=device, token_hash=device.ljust(64, "0"), ward_id=console.ward_a, team_id=team,
                                               role="volunteer", label=device, enrolled_at=accounts.utcnow(), pending=False))
    leader = sign_in(console, "leader.a")
    page = leader.get(f"{console.url}/laptops", timeout=10).text
    assert "dev-own" in page and "dev-other" not in page and 'value="leader"' not in page
    token = csrf_of(page)
    for form in ({"team_id": other_team, "role": "volunteer"}, {"team_id": console.team_a, "role": "leader"}):
        answer = leader.post(f"{console.url}/laptops/enrol", data={**form, "csrf": token}, allow_redirects=False, timeout=10)
        assert answer.status_code == 403, form
    answer = leader.post(f"{console.url}/laptops/enrol", data={"team_id": console.team_a, "role": "volunteer", "csrf": token}, timeout=10)
    assert answer.status_code == 200 and 'id="enrol-code"' in answer.text
    answer = leader.post(f"{console.url}/laptops/dev-own/revoke", data={"reason": "lost", "csrf": token}, allow_redirects=False, timeout=10)
    assert answer.status_code == 403
    with db.read() as conn:
        assert conn.scalar(select(Device.revoked_at).where(Device.id == "dev-own")) is None  # revoking is the office's


def test_an_oversized_form_is_refused_unread(console: Console) -> None:
    from outreach.console.security import MAX_FORM_BYTES

    browser = sign_in(console, "city")
    token = page_csrf(browser, f"{console.url}/catalogue")
    answer = browser.post(f"{console.url}/catalogue-import", data={"csrf": token},
                          files={"file": ("big.csv", b"x" * (MAX_FORM_BYTES + 1))}, allow_redirects=False, timeout=30)
    assert answer.status_code == 413
