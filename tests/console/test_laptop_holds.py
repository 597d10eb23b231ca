"""The Laptops page says what each laptop holds (the breach inventory, counted at its last
completed pull) and revokes one as lost; another ward's admin cannot read that inventory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page
from sqlalchemy import insert, select

from outreach.server import accounts, admin
from outreach.server.schema import Device
from outreach.services.households import HouseholdInput, register_household
from outreach.sync.client import run_sync
from tests.console.conftest import Console, enrol_laptop
from tests.console.conftest import sign_in as sign_in_http
from tests.console.test_browser import CHROMIUM, chromium, page, sign_in  # noqa: F401  # (the browser fixtures)
from tests.sync.test_sync_basic import actor_of


@pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_what_a_laptop_holds_and_its_revocation_as_lost(console: Console, page: Page, tmp_path: Path) -> None:  # noqa: F811
    admin.mark_demo_ward(console.server.db, console.ward_a)  # the fast test profile is unencrypted
    issued = admin.issue_enrolment_code(console.server.db, console.team_a, "volunteer", "Đỗ Minh Khoa")
    laptop, transport = enrol_laptop(console.server.url, issued.code, tmp_path)
    device_id = laptop.profile.server_device_id
    try:
        actor = actor_of(laptop)
        for number, head in (("7", "Lê Văn Cường"), ("9", "Vũ Thị Lan")):
            register_household(laptop, actor, HouseholdInput(head, {"house_number": number, "street": "Hàng Bông"}))
        assert run_sync(laptop, transport=transport).rejected == 0
        transport.close()
    finally:
        laptop.close()

    sign_in(page, console, "admin.a")
    page.goto(f"{console.url}/laptops")
    row = f"tr[data-device='{device_id}']"
    assert page.inner_text(f"{row} td.holds") == "2 hộ, 0 người"  # households, no residents added
    page.click(f"{row} a")
    page.wait_for_url(f"{console.url}/laptops/{device_id}")
    assert page.inner_text("#inv-households") == "2" and page.inner_text("#inv-residents") == "0"
    assert "Lê Văn Cường" not in page.content()  # counts only, nobody named

    page.goto(f"{console.url}/laptops")
    page.locator(f"{row} form.revoke select").select_option("lost")
    page.locator(f"{row} form.revoke button").click()
    page.wait_for_url(f"{console.url}/laptops")
    assert "Bị mất hoặc bị đánh cắp" in page.inner_text(row)
    with console.server.db.read() as conn:
        assert conn.scalar(select(Device.revoke_reason).where(Device.id == device_id)) == "lost"
    page.goto(f"{console.url}/laptops/{device_id}")
    assert "Bị mất hoặc bị đánh cắp" in page.inner_text("#inv-state")
    assert page.inner_text("#inv-households") == "2"  # what it held is kept after the revocation


def test_another_wards_laptop_inventory_is_refused(console: Console) -> None:
    with console.server.db.write() as conn:  # a laptop of ward B, as if enrolled
        conn.execute(insert(Device).values(id="dev-b", token_hash="0" * 64, ward_id=console.ward_b, team_id=console.team_b,
                                           role="volunteer", label="", enrolled_at=accounts.utcnow(), pending=False))
    assert sign_in_http(console, "admin.a").get(f"{console.url}/laptops/dev-b", timeout=10).status_code == 403
    assert sign_in_http(console, "leader.a").get(f"{console.url}/laptops/dev-b", timeout=10).status_code == 403
    answer = sign_in_http(console, "admin.b").get(f"{console.url}/laptops/dev-b", timeout=10)
    assert answer.status_code == 200 and 'id="inv-nothing"' in answer.text  # never pulled: it holds nothing from here
