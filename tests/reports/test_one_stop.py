"""Contribution to the ward's figures (issue 11): the leader imports the ward one-stop register of
received dossiers; the report shows the team's share of the ward's online intake. Worked out by hand.

Team filings (the volunteer's visits), dossier code, channel, status, visit day:
  A H01.1-A    online  submitted  Mon 16/11/2026
  B h01.1-b    online  completed  Tue 17/11 (typed in lower case with a space: the same code)
  C H01.1-C    counter submitted  Wed 18/11
  D H01.1-D    online  submitted  Thu 19/11 (not in the register)
  E H01.1-E    online  returned   Wed 18/11 (recorded by the team, not one of its submitted dossiers)
  F H01.1-F    online  submitted  Mon 09/11 (week 46: the office received it on 16/11)
  X H01.1-X    online  submitted  Wed 18/11 — deleted: never the team's
Register of 16–22/11 (REGISTER): A B E F X Z1 Z3 online, C at the counter, Z2 by post.
  ward online = A B E F X Z1 Z3 = 7; carrying a code the team recorded: A B E F = 4     → 4/7
  team online submitted dossiers of the covered days: A B D = 3; in the register: A B   → 2/3
"""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from outreach.errors import PermissionDenied
from outreach.model import Filing, Household, Visit
from outreach.model.ids import uuid7
from outreach.reports import write_coverage
from outreach.reports.csv_export import read_sections
from outreach.services.context import Actor
from outreach.services.coverage import Ratio, compute_coverage
from outreach.services.one_stop import OneStopRefused, import_one_stop, imported_periods
from outreach.services.periods import Scope, parse_period
from outreach.store.database import Store

W47 = parse_period("2026-W47")
AS_OF = dt.date(2026, 11, 23)
FROM, TO = dt.date(2026, 11, 16), dt.date(2026, 11, 22)
HEADER = ["STT", "Mã hồ sơ", "Tên thủ tục", "Ngày tiếp nhận", "Hình thức nộp hồ sơ"]
REGISTER = [
    ["1", "H01.1-A", "Đăng ký khai sinh", "16/11/2026", "Trực tuyến"],
    ["2", "H01.1-B", "1.004222", "17/11/2026 08:30", "Trực tuyến"],
    ["3", "H01.1-C", "Đăng ký thường trú", "18/11/2026", "Trực tiếp"],
    ["4", "H01.1-E", "Đăng ký thường trú", "18/11/2026", "Trực tuyến"],
    ["5", "H01.1-F", "Đăng ký khai sinh", "16/11/2026", "Trực tuyến"],
    ["6", "H01.1-X", "Đăng ký kết hôn", "2026-11-19", "trực tuyến"],
    ["7", "H01.1-Z1", "Đăng ký tạm trú", "20/11/2026", "Trực tuyến"],
    ["8", "H01.1-Z2", "Đăng ký tạm trú", "20/11/2026", "Bưu chính"],
    ["9", "H01.1-Z3", "Đăng ký tạm trú", "21/11/2026", "Trực tuyến"],
]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    return path


@pytest.fixture
def team_dossiers(store: Store, ward: dict[str, str]) -> dict[str, str]:
    w, vol, team = ward["ward"], ward["volunteer"], ward["team"]
    hid = uuid7()
    days = {"mon": dt.date(2026, 11, 16), "tue": dt.date(2026, 11, 17), "wed": dt.date(2026, 11, 18),
            "thu": dt.date(2026, 11, 19), "w46": dt.date(2026, 11, 9)}
    visits = {key: uuid7() for key in days}

    def filing(key: str, code: str, channel: str, status: str, deleted: bool = False) -> dict[str, object]:
        return {"ward_id": w, "visit_id": visits[key], "procedure_code": "1.004222", "status": status, "channel": channel,
                "dossier": {"portal": "dvcqg", "dossier_code": code}, "deleted": deleted}

    with store.write() as tx:
        tx.recorder.insert_many(Household, [{"id": hid, "ward_id": w, "group_id": ward["group_a"], "head_name": "Chủ hộ"}])
        tx.recorder.insert_many(Visit, [
            {"id": visits[key], "ward_id": w, "household_id": hid, "team_id": team, "volunteer_id": vol, "members_present": [vol],
             "started_at": dt.datetime.combine(day, dt.time(9)), "outcome": "helped"} for key, day in days.items()])
        tx.recorder.insert_many(Filing, [
            filing("mon", "H01.1-A", "online", "submitted"), filing("tue", "h01.1-b ", "online", "completed"),
            filing("wed", "H01.1-C", "counter", "submitted"), filing("thu", "H01.1-D", "online", "submitted"),
            filing("wed", "H01.1-E", "online", "returned"), filing("w46", "H01.1-F", "online", "submitted"),
            filing("wed", "H01.1-X", "online", "submitted", deleted=True),
        ])
    return ward


def test_the_teams_share_of_the_wards_online_intake(store: Store, team_dossiers: dict[str, str], leader: Actor, tmp_path: Path) -> None:
    before = compute_coverage(store, W47, as_of=AS_OF).one_stop
    assert (before.days_covered, before.team_share, before.team_found) == (0, Ratio(0, 0), Ratio(0, 0))

    summary = import_one_stop(store, leader, write_csv(tmp_path / "mot-cua.csv", REGISTER), FROM, TO)
    assert (summary.rows, summary.online, summary.replaced) == (9, 7, 0)
    o = compute_coverage(store, W47, as_of=AS_OF).one_stop
    assert (o.days, o.days_covered, o.ward_online, o.with_team_code) == (7, 7, 7, 4)
    assert (o.team_share, o.team_found) == (Ratio(4, 7), Ratio(2, 3))
    # the volunteer's own scope is the same; the leader recorded nothing: 0 of the ward's 7
    assert compute_coverage(store, W47, Scope("volunteer", team_dossiers["volunteer"]), as_of=AS_OF).one_stop == o
    mine = compute_coverage(store, W47, Scope("volunteer", team_dossiers["leader"]), as_of=AS_OF).one_stop
    assert (mine.team_share, mine.team_found) == (Ratio(0, 7), Ratio(0, 0))
    # a month knows only the imported week: 7 of its 30 days
    month = compute_coverage(store, parse_period("2026-11"), as_of=AS_OF).one_stop
    assert (month.days, month.days_covered, month.team_share) == (30, 7, Ratio(4, 7))

    # a new export of the same period replaces the old rows: without A and F, 2 of 5 online
    again = import_one_stop(store, leader, write_csv(tmp_path / "lan-2.csv", [r for r in REGISTER if r[1] not in ("H01.1-A", "H01.1-F")]),
                            FROM, TO)
    assert (again.rows, again.replaced) == (7, 9)
    o = compute_coverage(store, W47, as_of=AS_OF).one_stop
    assert (o.team_share, o.team_found) == (Ratio(2, 5), Ratio(1, 3))
    assert [p[:3] for p in imported_periods(store)] == [(FROM, TO, 7)]


def test_the_exports_carry_the_contribution_figures_and_their_method(
    store: Store, team_dossiers: dict[str, str], leader: Actor, tmp_path: Path
) -> None:
    import_one_stop(store, leader, write_csv(tmp_path / "mot-cua.csv", REGISTER), FROM, TO)
    share_name = "Hồ sơ trực tuyến của phường có mã do đội ghi nhận / hồ sơ trực tuyến phường tiếp nhận"
    found_name = "Hồ sơ trực tuyến của đội có trong sổ một cửa / hồ sơ trực tuyến của đội"
    report = compute_coverage(store, parse_period("2026-11"), as_of=AS_OF)
    wb = load_workbook(write_coverage(report, tmp_path / "r.xlsx"))
    rows = {row[0]: row for row in wb["Chỉ số"].iter_rows(min_row=5, values_only=True) if row[0]}
    assert rows[share_name][1:4] == ("4/7", 4, 7) and rows[found_name][1:4] == ("2/3", 2, 3)
    notes = [c.value for c in wb["Tổng quan"]["A"] if isinstance(c.value, str)]
    assert any("Sổ tiếp nhận hồ sơ một cửa đã nhập cho 7/30 ngày của kỳ" in n for n in notes)
    assert any("Đóng góp vào số liệu của phường" in n for n in notes)
    sections = read_sections(write_coverage(report, tmp_path / "r.csv"))
    csv_rows = {row[0]: row[1] for row in sections["Chỉ số báo cáo (tử số/mẫu số)"][1:]}
    assert (csv_rows[share_name], csv_rows[found_name]) == ("4/7", "2/3")
    pdf = write_coverage(report, tmp_path / "r.pdf")
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "4/7" in text and "Hồ sơ trực tuyến của phường có mã do đội" in text and "7/30 ngày của kỳ" in text


def test_bad_rows_are_refused_each_with_a_reason_and_nothing_is_imported(
    store: Store, team_dossiers: dict[str, str], leader: Actor, tmp_path: Path
) -> None:
    import_one_stop(store, leader, write_csv(tmp_path / "good.csv", REGISTER), FROM, TO)
    bad = [
        ["1", "H01.1-N1", "Đăng ký khai sinh", "16/11/2026", "Trực tuyến"],  # good
        ["2", "", "Đăng ký khai sinh", "16/11/2026", "Trực tuyến"],
        ["3", "H01.1-N3", "Đăng ký khai sinh", "31/02/2026", "Trực tuyến"],
        ["4", "H01.1-N4", "Đăng ký khai sinh", "23/11/2026", "Trực tuyến"],
        ["5", "H01.1-N5", "Đăng ký khai sinh", "17/11/2026", "Fax"],
        ["6", "h01.1-n1", "", "17/11/2026", "Trực tuyến"],
    ]
    with pytest.raises(OneStopRefused) as refused:
        import_one_stop(store, leader, write_csv(tmp_path / "bad.csv", bad), FROM, TO)
    reasons = {r.row: r.reason_en for r in refused.value.rows}
    assert sorted(reasons) == [3, 4, 5, 6, 7]  # spreadsheet rows: the header is row 1
    assert reasons[3] == "no dossier code"
    assert "unreadable" in reasons[4] and "outside the period" in reasons[5] and "channel “Fax” unknown" in reasons[6]
    assert reasons[7] == "dossier code repeats row 2, no procedure"
    # nothing of it imported: the first import's figures stand
    assert compute_coverage(store, W47, as_of=AS_OF).one_stop.team_share == Ratio(4, 7)

    with pytest.raises(OneStopRefused, match="lacks the column"):
        no_channel = write_csv(tmp_path / "cols.csv", [["1", "H01", "16/11/2026"]], ["STT", "Mã hồ sơ", "Ngày"])
        import_one_stop(store, leader, no_channel, FROM, TO)
    with pytest.raises(OneStopRefused, match="period is wrong"):
        import_one_stop(store, leader, write_csv(tmp_path / "p.csv", REGISTER), TO, FROM)


def test_an_xlsx_export_with_a_title_line_and_real_dates_imports_for_a_leader_only(
    store: Store, team_dossiers: dict[str, str], leader: Actor, volunteer: Actor, tmp_path: Path
) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["SỔ THEO DÕI HỒ SƠ TIẾP NHẬN - PHƯỜNG NGỌC HÀ"])
    ws.append(HEADER)
    for row in REGISTER:
        day, month, year = (int(x) for x in row[3].split()[0].split("/")) if "/" in row[3] else (19, 11, 2026)
        ws.append([int(row[0]), row[1], row[2], dt.datetime(year, month, day), row[4]])
    path = tmp_path / "mot-cua.xlsx"
    wb.save(path)
    with pytest.raises(PermissionDenied):
        import_one_stop(store, volunteer, path, FROM, TO)
    assert import_one_stop(store, leader, path, FROM, TO).online == 7
    assert compute_coverage(store, W47, as_of=AS_OF).one_stop.team_share == Ratio(4, 7)
