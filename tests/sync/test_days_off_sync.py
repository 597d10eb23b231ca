"""The office's extra days off (issue 11) reach a laptop through a real sync and move its dossiers'
expected result dates; a laptop cannot set one; ``outreach-server days-off`` adds, lists, removes."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import pytest

from outreach.model import Filing, Household, OfficeDayOff, Visit
from outreach.model.ids import office_day_off_id, uuid7
from outreach.server import catalogue_office, cli, days_off
from outreach.server.db import open_db
from outreach.services.coverage import compute_coverage, waiting_dossiers
from outreach.services.periods import parse_period
from outreach.store.database import Store
from outreach.sync.client import run_sync
from tests.helpers.sync import WardSetup, enrol_fast, fast_store

MONDAY = dt.date(2026, 11, 16)


def _waiting_dossier(store: Store, ward_id: str, code: str) -> None:
    """A dossier of ``code`` submitted online on Mon 16/11/2026 by the laptop's volunteer, still waiting."""
    hid, vid, me = uuid7(), uuid7(), store.profile.member_id
    with store.write() as tx:
        tx.recorder.insert_many(Household, [{"id": hid, "ward_id": ward_id, "head_name": "Đỗ Văn Tâm"}])
        tx.recorder.insert_many(Visit, [{"id": vid, "ward_id": ward_id, "household_id": hid,
                                         "started_at": dt.datetime.combine(MONDAY, dt.time(9)),
                                         "volunteer_id": me, "team_id": store.profile.team_id, "members_present": [me]}])
        tx.recorder.insert_many(Filing, [{"ward_id": ward_id, "visit_id": vid, "procedure_code": code, "status": "submitted",
                                          "channel": "online", "dossier": {"portal": "dvcqg", "dossier_code": "H01.1-DAYOFF"}}])


def _expected_on(store: Store) -> dt.date | None:
    [dossier] = waiting_dossiers(store, as_of=MONDAY, overdue_only=False)
    return dossier.expected_on


def test_a_day_off_set_on_the_server_moves_the_laptops_expected_result_date(
    ward_setup: WardSetup, template_root: Path, tmp_path: Path
) -> None:
    db, ward = ward_setup.server.db, ward_setup.ward_id  # the session's server holds several wards
    code = f"9.{uuid7()[-6:]}"  # the catalogue is shared by the session's server: a code of our own
    catalogue_office.add_procedure(db, code, {"name_vi": "Thủ tục thử ngày nghỉ", "field_vi": "Thử",
                                              "channels": {"online": {"days": 3, "fee_vnd": 0}}}, by="test")
    laptop = fast_store(template_root, tmp_path / "laptop")
    try:
        link = enrol_fast(ward_setup, laptop)
        assert run_sync(laptop, transport=link).verified is True
        _waiting_dossier(laptop, ward_setup.ward_id, code)
        assert run_sync(laptop, transport=link).rejected == 0
        # Mon 16/11 + 3 working days: Tue 17, Wed 18, Thu 19/11
        assert _expected_on(laptop) == dt.date(2026, 11, 19)

        assert days_off.add_day_off(db, dt.date(2026, 11, 18), "Trụ sở đóng cửa", ward=ward, by="Nguyễn Văn An") is True
        assert days_off.add_day_off(db, dt.date(2026, 11, 18), "Trụ sở đóng cửa", ward=ward, by="Nguyễn Văn An") is False
        assert run_sync(laptop, transport=link).verified is True
        # Wed 18/11 is no longer a working day: Tue 17, Thu 19, Fri 20/11 — one working day later
        assert _expected_on(laptop) == dt.date(2026, 11, 20)
        due = compute_coverage(laptop, parse_period("2026-W47"), as_of=dt.date(2026, 11, 20)).due_dossiers
        assert (due.overdue, due.due) == (0, 1)  # expected on the report day: due, not yet overdue

        assert days_off.remove_day_off(db, dt.date(2026, 11, 18), ward=ward, by="Nguyễn Văn An") is True
        assert run_sync(laptop, transport=link).verified is True
        assert _expected_on(laptop) == dt.date(2026, 11, 19)
        due = compute_coverage(laptop, parse_period("2026-W47"), as_of=dt.date(2026, 11, 20)).due_dossiers
        assert due.overdue == 1

        # a laptop cannot set the office's days off: the server refuses the change
        with laptop.write() as tx:
            tx.recorder.create(OfficeDayOff, {"ward_id": ward_setup.ward_id, "day": dt.date(2026, 11, 17), "note": "tự nghỉ"},
                               id=office_day_off_id(ward_setup.ward_id, dt.date(2026, 11, 17)))
        report = run_sync(laptop, transport=link)
        assert (report.rejected, report.rejected_reasons) == (1, {"not_permitted": 1})
        assert days_off.list_days_off(db, ward=ward_setup.ward_id) == []
    finally:
        laptop.close()


def test_the_cli_adds_lists_and_removes_days_off_and_logs_who(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url, log_file = f"sqlite:///{tmp_path / 'office.db'}", tmp_path / "server.log"
    assert cli.main(["--db", url, "ward", "add", "--name", "Phường Ngọc Hà"]) == 0
    run = ["--db", url, "--log-file", str(log_file), "days-off", "--by", "Lê Thị Hoa"]
    try:
        assert cli.main([*run, "add", "2026-02-23", "--note", "nghỉ bù Tết"]) == 0
        assert cli.main([*run, "add", "2026-12-31"]) == 0
        assert cli.main([*run, "remove", "2026-12-31"]) == 0
        assert cli.main([*run, "remove", "2026-12-30"]) == 0  # not a day off: said, nothing written
    finally:
        for handler in list(logging.getLogger("outreach.server").handlers):  # close the log file cli.main opened
            handler.close()
            logging.getLogger("outreach.server").removeHandler(handler)
    capsys.readouterr()
    assert cli.main(["--db", url, "days-off", "list"]) == 0
    assert capsys.readouterr().out.splitlines() == ["2026-02-23  nghỉ bù Tết"]
    lines = [json.loads(line) for line in log_file.read_text(encoding="utf-8").splitlines()]
    logged = [(e["by"], e["action"], e["day"]) for e in lines if e.get("event") == "days_off_change"]
    assert logged == [("Lê Thị Hoa", "add", "2026-02-23"), ("Lê Thị Hoa", "add", "2026-12-31"), ("Lê Thị Hoa", "remove", "2026-12-31")]
    assert cli.main(["--db", url, "days-off", "add", "23/02/2026"]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err
    db = open_db(url)
    try:
        assert [d.day for d in days_off.list_days_off(db)] == [dt.date(2026, 2, 23)]
    finally:
        db.dispose()
