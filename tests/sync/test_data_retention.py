"""Retention on a hand-built ward (issue 14): clears what the rule says and nothing else, and the
laptops follow through sync."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from outreach.model import Filing, Household, Resident, Visit
from outreach.model.base import table_of
from outreach.model.entities import ERASED_NAME
from outreach.model.ids import uuid7
from outreach.server import admin, audit_trail, data_requests, data_retention
from outreach.sync.client import run_sync
from outreach.vocabulary import DataRight
from tests.helpers.sync import WardSetup, enrol_fast, fast_store, make_ward

#: A day more than five years after every row these tests write (the default rule: 5 and 5).
LATER = dt.date(2033, 6, 1)


def _household(ward: WardSetup, head: str, visit_at: dt.datetime | None, notes: str = "") -> dict[str, str]:
    ids = {"h": uuid7(), "r": uuid7(), "v": uuid7(), "f": uuid7()}
    db, w = ward.server.db, ward.ward_id
    admin.office_write(db, Household, ids["h"], {"ward_id": w, "head_name": head}, w, create=True)
    admin.office_write(db, Resident, ids["r"], {"ward_id": w, "household_id": ids["h"], "full_name": head, "phone": "0912345678",
                                                "relation_to_head": "Chủ hộ"}, w, create=True)
    if visit_at is not None:
        admin.office_write(db, Visit, ids["v"], {"ward_id": w, "household_id": ids["h"], "team_id": ward.team_id, "started_at": visit_at,
                                                 "outcome": "helped", "notes": notes}, w, create=True)
        admin.office_write(db, Filing, ids["f"], {"ward_id": w, "visit_id": ids["v"], "resident_id": ids["r"], "procedure_code": "1.001193",
                                                  "status": "submitted", "dossier": {"portal": "dvcqg", "dossier_code": "H01-0001"}},
                           w, create=True)
    return ids


def _row(ward: WardSetup, entity: type, row_id: str) -> dict[str, object]:
    table = table_of(entity)
    with ward.server.db.read() as conn:
        return dict(conn.execute(select(table).where(table.c.id == row_id)).mappings().one())


def test_retention_clears_the_inactive_and_the_old_details_only(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    old = _household(ward_setup, "Lê Văn Cũ", dt.datetime(2026, 1, 10, 9), notes="Bà cụ hay quên giấy tờ")
    recent = _household(ward_setup, "Lê Thị Mới", dt.datetime(2029, 3, 1, 9), notes="Hẹn tuần sau")
    asked = _household(ward_setup, "Lê Văn Hỏi", None)
    data_requests.add_request(ward_setup.server.db, ward_setup.ward_id, DataRight.ACCESS, "Lê Văn Hỏi", resident_id=asked["r"])
    other = make_ward(ward_setup.server, "Phường Kim Mã")
    elsewhere = _household(other, "Lê Văn Khác", dt.datetime(2026, 1, 10, 9), notes="khác")

    laptop = fast_store(template_root, tmp_path / "l")
    transport = enrol_fast(ward_setup, laptop, role="leader")  # the households are in no team's area: a leader holds them
    try:
        run_sync(laptop, transport=transport)
        plan = data_retention.preview(ward_setup.server.db, ward_setup.ward_id, today=LATER)
        assert (plan.residents, plan.visits, plan.filings) == ([old["r"]], [old["v"]], [old["f"]])
        assert _row(ward_setup, Resident, old["r"])["full_name"] == "Lê Văn Cũ"  # a preview writes nothing
        assert data_retention.preview(ward_setup.server.db, ward_setup.ward_id, today=dt.date(2027, 1, 1)).residents == []

        data_retention.run(ward_setup.server.db, ward_setup.ward_id, today=LATER)
        gone, old_visit = _row(ward_setup, Resident, old["r"]), _row(ward_setup, Visit, old["v"])
        old_filing = _row(ward_setup, Filing, old["f"])
        assert (gone["full_name"], gone["phone"]) == (ERASED_NAME, None) and gone["erased_at"] is not None
        assert (old_visit["notes"], old_visit["outcome"], old_visit["started_at"]) == ("", "helped", dt.datetime(2026, 1, 10, 9))
        assert old_filing["dossier"] == {"portal": "dvcqg", "dossier_code": ""} and old_filing["procedure_code"] == "1.001193"
        for kept in (recent, asked):
            assert _row(ward_setup, Resident, kept["r"])["phone"] == "0912345678"
        assert _row(ward_setup, Visit, recent["v"])["notes"] == "Hẹn tuần sau"
        assert _row(other, Resident, elsewhere["r"])["full_name"] == "Lê Văn Khác"  # another ward is its own
        assert _row(other, Visit, elsewhere["v"])["notes"] == "khác"
        with ward_setup.server.db.read() as conn:
            runs = audit_trail.query(conn, ward_ids=[ward_setup.ward_id], action="retention_run", limit=5)
        assert [(r.actor_kind, r.detail["residents_erased"], r.detail["visits_cleared"]) for r in runs] == [("system", 1, 1)]
        assert data_retention.preview(ward_setup.server.db, ward_setup.ward_id, today=LATER).residents == []

        report = run_sync(laptop, transport=transport)  # the laptop follows
        assert report.erasures_scrubbed == 1
        with laptop.read() as s:
            assert s.get_one(Resident, old["r"]).full_name == ERASED_NAME and s.get_one(Visit, old["v"]).notes == ""
            assert s.get_one(Resident, recent["r"]).full_name == "Lê Thị Mới"
    finally:
        laptop.close()
        transport.close()


def test_the_retention_command_previews_then_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from outreach.server.db import open_db
    from tests.sync.test_server_maintenance import cli

    url = f"sqlite:///{tmp_path / 'office.db'}"
    db = open_db(url)
    try:
        ward = admin.add_ward(db, "Phường Ngọc Hà", "00004")
        admin.office_write(db, Household, "h-1", {"ward_id": ward, "head_name": "Lê Văn Cũ"}, ward, create=True)
        admin.office_write(db, Resident, "r-1", {"ward_id": ward, "household_id": "h-1", "full_name": "Lê Văn Cũ"}, ward, create=True)
    finally:
        db.dispose()
    code, out = cli(capsys, "--db", url, "retention", "preview", "--today", "01/06/2033")
    assert code == 0 and "would clear 1 resident(s) inactive for 5 years" in out and "resident r-1" in out
    code, out = cli(capsys, "--db", url, "retention", "run", "--today", "01/06/2033")
    assert code == 0 and "cleared 1 resident(s)" in out
    assert "would clear 0 resident(s)" in cli(capsys, "--db", url, "retention", "preview", "--today", "01/06/2033")[1]
