"""A visit being typed survives kill -9: the next start offers to restore it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from outreach.services.context import Actor
from outreach.services.drafts import save_draft
from outreach.services.households import HouseholdInput, register_household
from outreach.services.visit_draft import LEGACY_DRAFT_ID, VisitDraft, list_visit_drafts, load_visit_draft
from outreach.ui.dialogs.ask import click_choice
from outreach.ui.main_window import PAGE_NEW_VISIT
from tests.helpers.ui import wait_idle

#: Run as a module from the repository root, so the child imports ``tests.helpers`` like the suite does.
ROOT = Path(__file__).resolve().parents[2]
CHILD = "tests.ui.draft_child"


def _kill_child_once(store: Any, *args: str, saved: Callable[[], bool]) -> None:
    """Run the typing child until ``saved()`` holds after one of its draft writes, then kill -9 it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, "-m", CHILD, str(store.profile.data_dir), *args], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    try:
        for line in child.stdout:  # type: ignore[union-attr]
            if line.startswith("DRAFT-SAVED") and saved():
                break
        else:
            raise AssertionError(f"the child never saved the full draft (exit code {child.poll()})")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        child.stdout.close()  # type: ignore[union-attr]
    assert child.returncode == -signal.SIGKILL


def test_restore_draft_after_sigkill(qtbot, make_window, store) -> None:
    def full() -> bool:
        draft = load_visit_draft(store)
        return draft is not None and draft.follow_up == "15/01/2099"

    _kill_child_once(store, saved=full)

    window = make_window()
    window.offer_draft()  # what app.run does right after showing the window
    qtbot.waitUntil(lambda: window.pages.get(PAGE_NEW_VISIT) is not None and window.pages[PAGE_NEW_VISIT].question is not None,
                    timeout=5000)
    form = window.pages[PAGE_NEW_VISIT]
    assert window.current_page() == PAGE_NEW_VISIT
    click_choice(form.question, "Khôi phục")
    assert form.topics.text() == "VNeID mức 2"
    assert form.notes.toPlainText() == "Bà cần quay lại nộp hồ sơ khai sinh"
    assert form.follow_up.text() == "15/01/2099"


def test_two_visits_begun_both_survive_sigkill_and_each_reopens(qtbot, make_window, store) -> None:
    def both() -> bool:
        kept = [load_visit_draft(store, d.draft_id) for d in list_visit_drafts(store)]
        return sorted((d.follow_up, d.notes) for d in kept if d is not None) == [
            ("", "Nhà thứ hai"), ("15/01/2099", "Bà cần quay lại nộp hồ sơ khai sinh")]

    _kill_child_once(store, "two", saved=both)

    window = make_window()
    window.offer_draft()
    qtbot.waitUntil(lambda: window.pages.get(PAGE_NEW_VISIT) is not None and window.pages[PAGE_NEW_VISIT].question is not None,
                    timeout=5000)
    form = window.pages[PAGE_NEW_VISIT]
    click_choice(form.question, "Khôi phục")  # the most recently edited one (both were typed within seconds)
    seen = [(form.follow_up.text(), form.notes.toPlainText())]
    qtbot.waitUntil(lambda: form.drafts_button.text() == "Bản nháp (2)", timeout=5000)
    form.drafts_button.click()
    qtbot.waitUntil(lambda: form.drafts_dialog is not None and form.drafts_dialog.table.rowCount() == 2, timeout=5000)
    dialog = form.drafts_dialog
    other = next(d.draft_id for d in dialog.drafts if d.draft_id != form.draft().draft_id)
    dialog.select_draft(other)
    dialog.open_button.click()
    qtbot.waitUntil(lambda: form.draft().draft_id == other, timeout=5000)
    seen.append((form.follow_up.text(), form.notes.toPlainText()))
    assert sorted(seen) == [("", "Nhà thứ hai"), ("15/01/2099", "Bà cần quay lại nộp hồ sơ khai sinh")]


def _saved_today(household_id: str, member_id: str) -> dict[str, object]:
    """A draft exactly as the laptops save it today (the JSON in the drafts table)."""
    return {
        "household_id": household_id,
        "household_label": "Đã chọn: Vũ Thị Nga — 5 Đội Cấn",
        "started_at": "2026-11-18T09:30:00",
        "outcome": "guided",
        "topics": "VNeID mức 2, Hộ tịch",
        "notes": "Hẹn nộp hồ sơ",
        "follow_up": "15/01/20",  # half-typed: kept as typed
        "satisfaction": 4,
        "members_present": [member_id],
        "filings": [{"procedure_code": "1.001193", "procedure_name": "Đăng ký khai sinh", "resident_id": None,
                     "resident_name": "", "portal": "vneid", "dossier_code": "H01.22-241118-0001",
                     "status": "submitted", "fee_paid_online": True, "id": None, "channel": "online",
                     "electronic_result": None}],
        "procedure_text": "1.00",
        "dossier": "H02",
    }


#: the keys drafts gained with several drafts (the list's household words, the whole filing row
#: not yet added), at the values a draft saved before them reads as
NEWER_KEYS = {"household_text": "", "pending_procedure": None, "pending_for": None, "pending_portal": None,
              "pending_status": None, "pending_fee": False}


def test_a_draft_in_todays_saved_format_round_trips_unchanged() -> None:
    payload = _saved_today("0193-household", "0193-member")
    draft = VisitDraft.from_json(payload)
    assert draft.to_json() == {**payload, **NEWER_KEYS}
    assert draft.started_at is not None and draft.started_at.hour == 9 and draft.filings[0].fee_paid_online


def test_a_draft_saved_in_todays_format_is_restored_into_the_form(qtbot, make_window, store, ward) -> None:
    h = register_household(store, Actor(ward["leader"], "Lê Thị Hạnh", "leader", ward["ward"], ward["team"]),
                           HouseholdInput("Vũ Thị Nga", {"house_number": "5", "street": "Đội Cấn"}))
    save_draft(store, LEGACY_DRAFT_ID, "visit", _saved_today(h.id, ward["volunteer"]))
    window = make_window()
    window.offer_draft()
    qtbot.waitUntil(lambda: window.pages.get(PAGE_NEW_VISIT) is not None and window.pages[PAGE_NEW_VISIT].question is not None,
                    timeout=5000)
    form = window.pages[PAGE_NEW_VISIT]
    wait_idle(qtbot, window.ctx.runner)  # the team is listed
    click_choice(form.question, "Khôi phục")
    assert form.household_id == h.id and form.household_chosen.text() == "Đã chọn: Vũ Thị Nga — 5 Đội Cấn"
    assert form.started_at.dateTime().toPython().isoformat() == "2026-11-18T09:30:00"
    assert form.outcome.currentData() == "guided" and form.satisfaction.currentData() == 4
    assert (form.topics.text(), form.notes.toPlainText(), form.follow_up.text()) == ("VNeID mức 2, Hộ tịch", "Hẹn nộp hồ sơ", "15/01/20")
    assert form.members_present() == [ward["volunteer"]]
    assert [(r.procedure_code, r.portal, r.status, r.fee_paid_online) for r in form.filings.rows] == [
        ("1.001193", "vneid", "submitted", True)]
    assert (form.procedure.text(), form.dossier.text()) == ("1.00", "H02")
    saved = form.draft().to_json()
    old = _saved_today(h.id, ward["volunteer"])
    assert {key: saved[key] for key in old} == old  # saved back as it was (plus the newer keys)


def test_a_draft_from_before_members_were_recorded_ticks_this_computers_user(qtbot, make_window, store, ward) -> None:
    old = {k: v for k, v in _saved_today("", ward["volunteer"]).items() if k not in ("members_present", "household_id")}
    window = make_window()
    form = window.show_page(PAGE_NEW_VISIT)
    wait_idle(qtbot, window.ctx.runner)
    form.restore_draft(VisitDraft.from_json(old))
    assert form.members_present() == [ward["leader"]] and form.notes.toPlainText() == "Hẹn nộp hồ sơ"
