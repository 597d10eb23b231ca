"""The console in a real browser (Playwright driving Debian's Chromium) against a real server on
127.0.0.1, with a real laptop profile syncing to it: sign in, create a ward from the unit list,
enrol a laptop from the QR the page shows (decoded with zbarimg), see its sync on the overview,
revoke it, edit a procedure and see it on the laptop after its next sync, export the coverage
PDF and read it back (pdftotext)."""

from __future__ import annotations

import base64
import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from sqlalchemy import select

from outreach import __version__
from outreach.model import Procedure, Ward
from outreach.server import admin
from outreach.server.schema import Device
from outreach.services.households import HouseholdInput, register_household
from outreach.services.visits import FilingInput, VisitInput, record_visit
from outreach.sync.client import run_sync
from outreach.timeutil import now_local
from outreach.wire.enrolment_link import parse_enrolment_link
from tests.console.conftest import PASSWORD, Console, enrol_laptop
from tests.sync.test_sync_basic import actor_of

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="Debian's chromium is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in(page: Page, console: Console, login: str) -> None:
    page.goto(f"{console.url}/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", PASSWORD)
    page.click("#sign-in")
    page.wait_for_url(f"{console.url}/")


def decode_qr(png: bytes, folder: Path) -> str:
    path = folder / "qr.png"
    path.write_bytes(png)
    out = subprocess.run(["zbarimg", "--quiet", "--raw", str(path)], capture_output=True, text=True, check=True).stdout
    return out.strip()


def test_a_ward_a_laptop_its_sync_and_its_revocation(console: Console, page: Page, tmp_path: Path) -> None:
    sign_in(page, console, "city")
    # a ward from the administrative units, never typed
    page.goto(f"{console.url}/wards")
    page.select_option("select[name=province]", "01")
    page.fill("input[name=q]", "cua nam")
    page.click("#find-units")
    page.click("#unit-matches button[value='00082']")
    page.wait_for_url(f"{console.url}/wards")
    with console.server.db.read() as conn:
        ward_id, name = conn.execute(select(Ward.id, Ward.name).where(Ward.code == "00082")).one()
    assert name == "Phường Cửa Nam"
    section = f"section[data-ward='{ward_id}']"
    page.fill(f"{section} form[action$='/teams'] input[name=name]", "Đội Cửa Nam")
    page.click(f"{section} form[action$='/teams'] button")
    assert "Đội Cửa Nam" in page.inner_text(section)

    # enrol: the code as text and as a QR, with its expiry
    page.goto(f"{console.url}/laptops")
    page.select_option("select[name=team_id]", label="Đội Cửa Nam — Phường Cửa Nam")
    page.fill("input[name=member_name]", "Trần Thị Bích")
    page.click("#issue-code")
    code = page.inner_text("#enrol-code").strip()
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", page.inner_text("#enrol-expires").strip())
    src = page.get_attribute("#enrol-qr", "src") or ""
    link = parse_enrolment_link(decode_qr(base64.b64decode(src.split(",", 1)[1]), tmp_path))
    assert link.code == code and link.server_url == console.server.url

    # a real laptop enrols with what the QR says and syncs
    admin.mark_demo_ward(console.server.db, ward_id)  # the fast test profile is unencrypted
    laptop, transport = enrol_laptop(link.server_url or "", link.code, tmp_path)
    device_id = laptop.profile.server_device_id
    try:
        run_sync(laptop, transport=transport)
        # this week: a household visited, a dossier submitted online
        actor = actor_of(laptop)
        household = register_household(laptop, actor, HouseholdInput("Lê Văn Cường", {"house_number": "7", "street": "Hàng Bông"}))
        now = now_local().replace(second=0, microsecond=0)
        started = max(now - dt.timedelta(minutes=5), now.replace(hour=0, minute=0) - dt.timedelta(days=now.weekday()))
        record_visit(laptop, actor, VisitInput(household.id, started, filings=[
            FilingInput("1.001193", dossier_code="H01.1-0001", status="submitted", channel="online")]))
        assert run_sync(laptop, transport=transport).rejected == 0

        # its sync shows on the overview (the city's table): a visit, a household, a dossier online, one laptop, a last sync
        page.goto(f"{console.url}/")
        row = page.locator("#wards-table tr", has_text="Phường Cửa Nam")
        cells = row.locator("td").all_inner_texts()
        assert cells[1:6] == ["1", "1/1", "1/1", "0/0", "1"] and re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", cells[6]), cells

        # edit a procedure in the console; the laptop has it after its next sync
        code_of_procedure = "1.001193"
        page.goto(f"{console.url}/catalogue?q={code_of_procedure}")
        page.click(f"text={code_of_procedure}")
        page.fill("#f-name_vi", "Đăng ký khai sinh (sửa tại văn phòng)")
        page.click("#save-procedure")
        page.wait_for_url(f"{console.url}/catalogue/{code_of_procedure}")
        run_sync(laptop, transport=transport)
        with laptop.read() as session:
            held = session.scalar(select(Procedure.name_vi).where(Procedure.id == code_of_procedure))
        assert held == "Đăng ký khai sinh (sửa tại văn phòng)"

        # the laptops page says what its last push said: its app version, nothing refused
        page.goto(f"{console.url}/laptops")
        cells = page.locator(f"tr[data-device='{device_id}'] td").all_inner_texts()
        assert cells[0] == "Trần Thị Bích" and cells[4] == __version__ and cells[6] == "Đã nhận hết", cells

        # revoke it, as lost: the server refuses it from now on
        page.goto(f"{console.url}/laptops")
        form = page.locator(f"tr[data-device='{device_id}'] form.revoke")
        form.locator("select").select_option("lost")
        form.locator("button").click()
        page.wait_for_url(f"{console.url}/laptops")
        with console.server.db.read() as conn:
            assert conn.scalar(select(Device.revoked_at).where(Device.id == device_id)) is not None
        assert "Đã thu hồi" in page.inner_text(f"tr[data-device='{device_id}']")
        transport.close()
    finally:
        laptop.close()

    # the audit page lists what was done, newest first
    page.goto(f"{console.url}/audit")
    table = page.inner_text("#audit-table")
    for words in ("Thu hồi máy", "Thay đổi trên trang quản trị", "Đăng nhập trang quản trị"):
        assert words in table


def test_the_coverage_pdf_export_reads_back(console: Console, page: Page, tmp_path: Path) -> None:
    sign_in(page, console, "admin.a")
    page.goto(f"{console.url}/coverage")
    with page.expect_download() as download_info:
        page.click("#export-pdf")
    target = tmp_path / "coverage.pdf"
    download_info.value.save_as(target)
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "Phường Ngọc Hà" in text and "Ba Đình" not in text


def test_the_catalogue_list_follows_the_typing(console: Console, page: Page) -> None:
    """htmx (vendored, under the strict CSP) replaces the list in place: no page load."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    sign_in(page, console, "viewer.a")
    page.goto(f"{console.url}/catalogue")
    everything = page.inner_text("#catalogue-results p")
    page.evaluate("window.samePage = true")
    page.fill("#catalogue-search input[name=q]", "khai sinh")
    expect(page.locator("#catalogue-results p")).not_to_have_text(everything)
    rows = page.locator("#catalogue-table tbody tr").all_inner_texts()
    assert rows and all("khai sinh" in row.lower() for row in rows)
    assert page.evaluate("window.samePage") is True  # replaced in place, not reloaded
    assert errors == []  # nothing the CSP refused
