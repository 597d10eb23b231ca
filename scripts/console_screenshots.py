#!/usr/bin/env python3
"""Screenshots of every office-console page, in Vietnamese and English, at 1366×768 and 1920×1080.

Usage: .venv/bin/python scripts/console_screenshots.py [OUT_DIR] [--households N]

Runs the README's ``outreach demo`` (headless, a throw-away folder: a demo server with a
synthetic ward and the console), signs in with the demo login it prints, and saves
``OUT_DIR/<lang>-<width>-<nn>-<page>.png`` (default OUT_DIR: /tmp/shots-console) with
Playwright driving Debian's Chromium (/usr/bin/chromium); stops the demo server afterwards.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

SIZES = ((1366, 768), (1920, 1080))


def _demo(data_dir: Path, households: int) -> tuple[str, str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
    done = subprocess.run([sys.executable, "-m", "outreach", "--data-dir", str(data_dir), "demo", "--headless", "--households",
                           str(households)], capture_output=True, text=True, env=env, timeout=600, check=True)
    found = re.search(r"(?:Office console|Trang quản trị văn phòng): (\S+) \((?:sign in|đăng nhập): (\S+) / (\S+)\)", done.stdout)
    if not found:
        raise SystemExit(f"the demo did not print the console's address:\n{done.stdout}\n{done.stderr}")
    return found.group(1), found.group(2), found.group(3)


def _pages(page: Page, url: str) -> list[tuple[str, str]]:
    """(name, path) of every page to shoot; the enrolment page is reached through its form."""
    page.goto(f"{url}catalogue")
    code = page.locator("#catalogue-table a").first.inner_text()
    return [("overview", ""), ("laptops", "laptops"), ("wards", "wards?province=01&q=hoan+kiem"), ("catalogue", "catalogue?q=khai+sinh"),
            ("procedure", f"catalogue/{code}"), ("coverage-city", "coverage"), ("audit", "audit")]


def _shoot_registers(page: Page, url: str, stem: Path, saved: list[Path]) -> None:
    """Teams and areas, the request register (one synthetic request made through its form the
    first time, so the table is not empty) and the first laptop's inventory page."""
    page.goto(f"{url}areas")
    saved.append(stem.with_name(f"{stem.name}-10-areas.png"))
    page.screenshot(path=str(saved[-1]), full_page=True)
    page.goto(f"{url}requests")
    if page.locator("#requests-table tr[data-request]").count() == 0:
        page.select_option("#add-request select[name=right]", "correction")
        page.fill("#add-request input[name=requester_name]", "Nguyễn Văn Mẫu")
        page.fill("#add-request input[name=requester_contact]", "0900 000 000")
        page.click("#add-request-button")
        page.wait_for_url(f"{url}requests")
    saved.append(stem.with_name(f"{stem.name}-11-requests.png"))
    page.screenshot(path=str(saved[-1]), full_page=True)
    page.goto(f"{url}laptops")
    page.locator("#laptops-table tr[data-device] a").first.click()
    page.wait_for_selector("#inventory")
    saved.append(stem.with_name(f"{stem.name}-12-laptop-holds.png"))
    page.screenshot(path=str(saved[-1]), full_page=True)


def shoot(out: Path, households: int) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "demo"
        try:
            url, login, password = _demo(data_dir, households)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
                for lang in ("vi", "en"):
                    for width, height in SIZES:
                        context = browser.new_context(viewport={"width": width, "height": height})
                        page = context.new_page()
                        page.goto(f"{url}login")
                        if lang == "en":
                            page.click("#switch-language")
                        saved.append(out / f"{lang}-{width}-00-login.png")
                        page.screenshot(path=str(saved[-1]), full_page=True)
                        page.fill("input[name=login]", login)
                        page.fill("input[name=password]", password)
                        page.click("#sign-in")
                        page.wait_for_url(url)
                        for number, (name, path) in enumerate(_pages(page, url), start=1):
                            page.goto(f"{url}{path}")
                            saved.append(out / f"{lang}-{width}-{number:02d}-{name}.png")
                            page.screenshot(path=str(saved[-1]), full_page=True)
                        page.goto(f"{url}coverage")
                        ward = page.locator("select[name=ward] option").nth(1).get_attribute("value")
                        page.goto(f"{url}coverage?ward={ward}")
                        saved.append(out / f"{lang}-{width}-08-coverage-ward.png")
                        page.screenshot(path=str(saved[-1]), full_page=True)
                        page.goto(f"{url}laptops")
                        page.click("#issue-code")
                        saved.append(out / f"{lang}-{width}-09-enrol-code.png")
                        page.screenshot(path=str(saved[-1]), full_page=True)
                        _shoot_registers(page, url, out / f"{lang}-{width}", saved)
                        context.close()
                browser.close()
        finally:
            subprocess.run([sys.executable, "-m", "outreach", "--data-dir", str(data_dir), "demo", "--stop"], capture_output=True,
                           check=False)
    return saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=Path("/tmp/shots-console"))
    parser.add_argument("--households", type=int, default=300)
    args = parser.parse_args()
    for path in shoot(args.out, args.households):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
