"""The Teams and areas page: a ward admin assigns a group to a team in a real browser, and a real
laptop of the ward has the group in that team's area after its next sync (the office write is an
ordinary stamped push); another ward's groups, teams and viewers are refused."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page
from sqlalchemy import select

from outreach.model import AreaAssignment, ResidentialGroup
from outreach.server import admin
from outreach.services.areas import group_areas
from outreach.sync.client import run_sync
from outreach.timeutil import today_local
from tests.console.conftest import Console, enrol_laptop, page_csrf
from tests.console.conftest import sign_in as sign_in_http
from tests.console.test_browser import CHROMIUM, chromium, page, sign_in  # noqa: F401  # (the browser fixtures)


def _group_of_ward_a(console: Console) -> str:
    with console.server.db.read() as conn:
        return str(conn.scalar(select(ResidentialGroup.id).where(ResidentialGroup.ward_id == console.ward_a)))


@pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_an_assignment_in_the_console_reaches_the_laptop(console: Console, page: Page, tmp_path: Path) -> None:  # noqa: F811
    group_id = _group_of_ward_a(console)
    admin.mark_demo_ward(console.server.db, console.ward_a)  # the fast test profile is unencrypted
    issued = admin.issue_enrolment_code(console.server.db, console.team_a, "leader", "Phạm Thu Hà")
    laptop, transport = enrol_laptop(console.server.url, issued.code, tmp_path)
    try:
        run_sync(laptop, transport=transport)
        assert [g.team_id for g in group_areas(laptop) if g.id == group_id] == [None]

        sign_in(page, console, "admin.a")
        page.goto(f"{console.url}/areas")
        section = f"section[data-ward='{console.ward_a}']"
        assert "Phạm Thu Hà" in page.inner_text(f"{section} tr[data-team='{console.team_a}']")  # its members
        page.select_option(f"{section} form.assign select[name=group_id]", group_id)
        page.select_option(f"{section} form.assign select[name=team_id]", console.team_a)
        page.click(f"{section} form.assign button")
        page.wait_for_url(f"{console.url}/areas")
        assert page.inner_text(f"{section} tr[data-team='{console.team_a}'] td.team-groups") == "Tổ dân phố số 1"
        assert today_local().strftime("%d/%m/%Y") in page.inner_text(f"{section} table.history")

        assert run_sync(laptop, transport=transport).rejected == 0
        areas = {g.id: g for g in group_areas(laptop)}
        assert areas[group_id].team_id == console.team_a and areas[group_id].team_name == "Đội cơ động số 1"
        with laptop.read() as session:
            step = session.execute(select(AreaAssignment.team_id, AreaAssignment.from_team_id, AreaAssignment.from_date)
                                   .where(AreaAssignment.group_id == group_id)).one()
        assert tuple(step) == (console.team_a, None, today_local())
        transport.close()
    finally:
        laptop.close()


def test_areas_of_another_ward_are_refused(console: Console) -> None:
    group_a = _group_of_ward_a(console)
    group_b = admin.add_group(console.server.db, console.ward_b, "Tổ Ba Đình 1")
    browser = sign_in_http(console, "admin.a")
    html = browser.get(f"{console.url}/areas", timeout=10).text
    assert "Phường Ngọc Hà" in html and "Phường Ba Đình" not in html and "Tổ Ba Đình 1" not in html
    token = page_csrf(browser, f"{console.url}/areas")
    day = today_local().strftime("%d/%m/%Y")
    for path, form in ((f"/areas/{console.ward_b}/assign", {"group_id": group_b, "team_id": console.team_b}),
                       (f"/areas/{console.ward_a}/assign", {"group_id": group_b, "team_id": console.team_a}),   # B's group by A's URL
                       (f"/areas/{console.ward_a}/assign", {"group_id": group_a, "team_id": console.team_b})):  # B's team
        answer = browser.post(f"{console.url}{path}", data={**form, "from_date": day, "csrf": token}, allow_redirects=False, timeout=10)
        assert answer.status_code == 403, (path, form)
    viewer = sign_in_http(console, "viewer.a")
    token = page_csrf(viewer, f"{console.url}/wards")
    answer = viewer.post(f"{console.url}/areas/{console.ward_a}/assign", data={"group_id": group_a, "team_id": console.team_a,
                                                                              "from_date": day, "csrf": token},
                         allow_redirects=False, timeout=10)
    assert answer.status_code == 403
    with console.server.db.read() as conn:
        assert conn.scalar(select(AreaAssignment.id)) is None
        assert conn.scalar(select(ResidentialGroup.team_id).where(ResidentialGroup.id == group_a)) is None


def test_a_backdated_assignment_keeps_the_later_one_current(console: Console) -> None:
    """The laptop's rule (areas.assignment_effect): an assignment dated before a later one is
    history only; the group's current team stays the later one's."""
    group_id = _group_of_ward_a(console)
    other = admin.add_team(console.server.db, console.ward_a, "Đội cơ động số 2")
    browser = sign_in_http(console, "admin.a")
    token = page_csrf(browser, f"{console.url}/areas")
    today = today_local()
    for team, day in ((console.team_a, today), (other, today - dt.timedelta(days=10))):
        form = {"group_id": group_id, "team_id": team, "from_date": day.strftime("%d/%m/%Y"), "csrf": token}
        assert browser.post(f"{console.url}/areas/{console.ward_a}/assign", data=form, allow_redirects=False, timeout=10).status_code == 303
    bad = {"group_id": group_id, "team_id": other, "from_date": "31/02/2026", "csrf": token}
    answer = browser.post(f"{console.url}/areas/{console.ward_a}/assign", data=bad, timeout=10)
    assert "Ngày không hợp lệ" in answer.text
    with console.server.db.read() as conn:
        assert conn.scalar(select(ResidentialGroup.team_id).where(ResidentialGroup.id == group_id)) == console.team_a
        steps = conn.execute(select(AreaAssignment.team_id, AreaAssignment.from_team_id).order_by(AreaAssignment.from_date)).all()
    assert [tuple(s) for s in steps] == [(other, None), (console.team_a, None)]
