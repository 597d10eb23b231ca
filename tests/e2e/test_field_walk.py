"""The volunteer's and the leader's daily walk on a real X server at 1366×768 (issue 10).

Xvfb + openbox + the real app (``python -m outreach``, Qt's xcb platform) over seeded demo
profiles, driven with xdotool as a user would: typed text, keys, clicks on the rectangles the
app reports (``OUTREACH_GEOMETRY_REPORT``). Every screen and dialog on the way must show its
primary actions whole inside the screen; the results are read back from the profile's database
and the exported PDF. Screen grabs stay in the test's tmp folder and in /tmp/e2e-shots/.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.seed import HEAD, HEAD_TYPED, seeded_profile
from tests.e2e.xsession import RunningApp, XSession, assert_on_screen, keep_shots, start_app, wait_for, x_session

#: slow: about 12 s a walk, two app starts on a real X server. The timing group keeps these walks
#: off the worker that runs the GUI-latency test (tests/ui/test_never_frozen.py) at the same time.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("timing")]

DOSSIER = "000.00.31.H26-261201-0042"
FLAG_NOTE = "Thieu so dinh danh cua chu ho"


@pytest.fixture
def xs() -> Any:
    with x_session() as session:
        yield session


def rows(db: Path, sql: str, *args: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
        return conn.execute(sql, args).fetchall()


def latest(app: RunningApp, name: str, accept: Any, timeout: float = 20) -> dict[str, Any]:
    """The next report of ``name`` for which ``accept(report)`` holds (reports come at every idle)."""
    return wait_for(lambda: (r if accept(r := app.next_report(name, timeout)) else None), timeout, f"{name} as wanted")


def close(app: RunningApp) -> None:
    """SIGTERM ends the app (a user's close is not part of the walk)."""
    if app.process.poll() is None:
        app.process.terminate()
        app.process.wait(timeout=15)


@pytest.mark.parametrize(("language", "scale"), [("vi", None), ("en", None), ("vi", "1.25")], ids=["vi", "en", "vi-125%"])
def test_volunteer_finds_a_household_without_diacritics_and_saves_a_visit_with_a_filing(xs: XSession, tmp_path: Path,
                                                                                        language: str, scale: str | None) -> None:
    seeded = seeded_profile(tmp_path / "volunteer", "volunteer", language)
    reports = tmp_path / "volunteer-shots"
    app = start_app(xs, seeded.data_dir, reports, scale)
    try:
        households = app.next_report("householdsView", timeout=30)
        assert_on_screen(households)
        assert households["focus"] == "householdSearch"
        xs.type(HEAD_TYPED)
        found = latest(app, "householdsView", lambda r: r["labels"].get("detailTitle") == HEAD)
        assert_on_screen(found)
        xs.click(found, "newVisitHere")
        form = latest(app, "visitForm", lambda r: HEAD in r["labels"].get("householdChosen", ""))
        assert_on_screen(form)
        xs.click(form, "procedure")
        xs.type("khai sinh")
        xs.key("Return")
        xs.click(form, "dossier")
        xs.type(DOSSIER)
        xs.click(form, "addFiling")  # "Thêm hồ sơ", then save
        xs.key("ctrl+s")
        db = seeded.data_dir / "outreach.db"
        saved = wait_for(lambda: rows(db, "SELECT f.procedure_code, f.dossier FROM visits v JOIN filings f ON f.visit_id = v.id "
                                          "WHERE v.household_id = ? AND NOT v.deleted AND NOT f.deleted", seeded.household_id),
                         20, "the visit and its filing in the profile's database")
        assert len(saved) == 1
        assert json.loads(saved[0][1])["dossier_code"] == DOSSIER
        xs.key("ctrl+1")
        after = latest(app, "householdsView", lambda r: r["labels"].get("detailTitle") == HEAD)
        assert_on_screen(after)
    finally:
        close(app)
        keep_shots(reports, f"volunteer-{language}" + ("-125" if scale else ""))


@pytest.mark.parametrize("language", ["en", "vi"])
def test_leader_approves_flags_computes_coverage_and_exports_a_pdf(xs: XSession, tmp_path: Path, language: str) -> None:
    seeded = seeded_profile(tmp_path / "leader", "leader", language)
    db = seeded.data_dir / "outreach.db"
    reports = tmp_path / "leader-shots"
    pdf = tmp_path / "coverage.pdf"
    started = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    app = start_app(xs, seeded.data_dir, reports)
    try:
        assert_on_screen(app.next_report("householdsView", timeout=30))
        xs.key("ctrl+5")
        log = latest(app, "weeklyLogView", lambda r: bool(r["labels"].get("weekCounts")))
        assert_on_screen(log)
        xs.click(log, "approve")
        approved = wait_for(lambda: rows(db, "SELECT id FROM visits WHERE review_status = 'approved' AND reviewed_at >= ?", started),
                            20, "one visit approved")
        assert len(approved) == 1
        xs.click(log, "weeklyLogTable", offset=(30, 36))  # the first row (below the header): the approved one...
        xs.key("Down")  # ...then the next
        xs.click(log, "flag")
        flag = app.next_report("flagDialog")
        assert_on_screen(flag)
        xs.type(FLAG_NOTE)
        xs.click(flag, next(name for name, w in flag["widgets"].items() if w.get("role") == "AcceptRole"))
        flagged = wait_for(lambda: rows(db, "SELECT id FROM visits WHERE review_status = 'flagged' AND review_note = ?", FLAG_NOTE),
                           20, "one visit flagged with the leader's note")
        assert len(flagged) == 1 and flagged[0] != approved[0]

        xs.key("ctrl+6")
        coverage = latest(app, "coverageView", lambda r: r["labels"].get("figure_visits", "–") not in ("–", ""), timeout=30)
        assert_on_screen(coverage)
        xs.click(coverage, "exportPdf")
        chooser = app.next_report("saveFileDialog")
        assert_on_screen(chooser)
        xs.key("ctrl+a")
        xs.type(str(pdf))
        xs.key("Return")
        wait_for(lambda: pdf.is_file() and pdf.stat().st_size > 0 and pdf.read_bytes().rstrip().endswith(b"%%EOF"), 30, "the PDF")
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        # the figures on screen are the PDF's: the ward's households and the visits of the week
        total = rows(db, "SELECT count(*) FROM households WHERE NOT deleted")[0][0]
        assert coverage["labels"]["figure_coverage"].endswith(f"/{total})")
        for figure in (str(total), coverage["labels"]["figure_visits"]):
            assert re.search(rf"^\s*\S.*\s{re.escape(figure)}$", text, re.MULTILINE), f"{figure} not in the PDF: {text[:2000]}"
        done = app.next_report("question")  # "Export finished", offering "Open folder"
        assert_on_screen(done)
        assert set(done["widgets"]) == {"choice-open", "choice-close"}
        xs.answer_with_enter(done)  # its default button: Close
        xs.key("ctrl+4")
        assert_on_screen(app.next_report("followUpsView"))
    finally:
        close(app)
        keep_shots(reports, f"leader-{language}")


def test_on_a_full_hd_screen_the_window_opens_centred_not_maximized(tmp_path: Path) -> None:
    seeded = seeded_profile(tmp_path / "volunteer", "volunteer", "vi", households=5)
    reports = tmp_path / "full-hd-shots"
    with x_session((1920, 1080)) as session:
        app = start_app(session, seeded.data_dir, reports)
        try:
            households = app.next_report("householdsView", timeout=30)
            assert_on_screen(households)
            x, y, w, h = households["window"]
            assert (w, h) < (1920, 1080) and w <= 1300  # the preferred 1280 wide plus the frame
            assert abs((x + w / 2) - 960) <= 20
        finally:
            close(app)
            keep_shots(reports, "full-hd-vi")
