"""The figures a ward reports upward (issue 11), on a hand-built ward; every answer worked out by hand.

Procedures (levels from the shipped catalogue) and the fees and times the test writes into the
catalogue in the database (the figures read them from there, ``procedure_terms.catalogue_terms``):
  1.001193 birth registration (full)      fee-free online and at the counter, 3 working days
  1.004222 permanent residence (full)     50,000 đ online and by post, 100,000 đ at the counter, 5 days
  1.000894 marriage registration (partial) no fee data, no processing time
  3.000228 VNeID level 2 (counter only)   free at the counter, no processing time

Filings of week 2026-W47 (16–22/11/2026), channel, dossier code?, status:
  a 1.001193 online  code submitted                 (visit Mon 16/11)
  b 1.001193 online  code completed, result electronic
  c 1.004222 online  code submitted, paid online    (visit Tue 17/11)
  d 1.004222 online  code completed, not paid, result not electronic
  e 1.004222 counter code submitted, not paid       (visit Wed 18/11)
  f 1.000894 online  code submitted
  g 3.000228 counter no code, guided only
  h 1.004222 online  code returned
  i 1.001193 online  no code, prepared
  j 1.004222 postal  code completed, not paid, electronic result not recorded
  k 1.004222 online  code submitted, paid online — deleted: never counted
Waiting dossiers of other periods: l 1.001193 online submitted Mon 09/11/2026; m 1.001193 submitted
Fri 13/02/2026 (just before Tết); n 1.004222 submitted Fri 28/08/2026 (just before 2/9).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from outreach.model import Filing, Household, OfficeDayOff, Procedure, Resident, Visit
from outreach.model.clock import HybridLogicalClock
from outreach.model.ids import office_day_off_id, uuid7
from outreach.reports import write_coverage
from outreach.reports.csv_export import read_sections
from outreach.services.coverage import Ratio, compute_coverage, waiting_dossiers
from outreach.services.periods import Scope, parse_period
from outreach.services.procedure_terms import ProcedureTerms, terms_of
from outreach.services.procedures import seed_catalogue
from outreach.services.working_days import add_working_days
from outreach.store.database import Store
from outreach.timeutil import VIETNAM

W47 = parse_period("2026-W47")
AS_OF = dt.date(2026, 11, 20)  # a Friday
#: The catalogue's channel data of the four procedures (no province overrides).
CHANNELS: dict[str, dict[str, dict[str, int]]] = {
    "1.001193": {"online": {"days": 3, "fee_vnd": 0}, "counter": {"days": 3, "fee_vnd": 0}},
    "1.004222": {"online": {"days": 5, "fee_vnd": 50_000}, "postal": {"days": 5, "fee_vnd": 50_000},
                 "counter": {"days": 5, "fee_vnd": 100_000}},
    "1.000894": {},
    "3.000228": {"counter": {"fee_vnd": 0}},
}


def set_catalogue(store: Store, code: str, channels: dict[str, dict[str, int]], overrides: dict[str, object] | None = None) -> None:
    """Write one procedure's channels and province overrides, as a pull of the office's edit would."""
    with store.write() as tx:
        tx.recorder.update(tx.session.get_one(Procedure, code), {"channels": channels, "province_overrides": overrides or {}})


def _at(when: dt.datetime) -> HybridLogicalClock:
    """A device clock standing at ``when`` (Vietnam time): the stamps say when a field changed."""
    ms = int(when.replace(tzinfo=VIETNAM).timestamp() * 1000)
    return HybridLogicalClock("0123456789abcdef", wall=lambda: ms)


@pytest.fixture
def figures_ward(store: Store, ward: dict[str, str]) -> Iterator[dict[str, str]]:
    seed_catalogue(store)
    for code, channels in CHANNELS.items():
        set_catalogue(store, code, channels)
    ids = dict(ward)
    w, vol, team = ward["ward"], ward["volunteer"], ward["team"]
    households = [{"id": uuid7(), "ward_id": w, "group_id": ward["group_a"], "head_name": f"Chủ hộ {i}"} for i in range(3)]
    h = [row["id"] for row in households]

    def visit(key: str, at: dt.datetime, deleted: bool = False) -> dict[str, object]:
        ids[key] = uuid7()
        return {"id": ids[key], "ward_id": w, "household_id": h[0], "team_id": team, "volunteer_id": vol,
                "members_present": [vol], "started_at": at, "outcome": "helped", "deleted": deleted}

    def filing(visit_key: str, code: str, channel: str | None, status: str, dossier_code: str = "", *, fee: bool = False,
               electronic: bool | None = None, submitted: dt.datetime | None = None, deleted: bool = False) -> dict[str, object]:
        return {"ward_id": w, "visit_id": ids[visit_key], "procedure_code": code, "status": status, "channel": channel,
                "dossier": {"portal": "dvcqg", "dossier_code": dossier_code}, "fee_paid_online": fee,
                "electronic_result": electronic, "submitted_at": submitted, "deleted": deleted}

    original = store.clock
    store.clock = _at(dt.datetime(2026, 10, 1, 9))
    with store.write() as tx:
        rec = tx.recorder
        rec.insert_many(Household, households)
        rec.insert_many(Visit, [
            visit("mon", dt.datetime(2026, 11, 16, 9)), visit("tue", dt.datetime(2026, 11, 17, 9)),
            visit("wed", dt.datetime(2026, 11, 18, 9)), visit("w46", dt.datetime(2026, 11, 9, 9)),
            visit("tet", dt.datetime(2026, 2, 13, 9)), visit("sep", dt.datetime(2026, 8, 28, 9)),
        ])
        rec.insert_many(Filing, [
            filing("mon", "1.001193", "online", "submitted", "A"),
            filing("mon", "1.001193", "online", "completed", "B", electronic=True),
            filing("tue", "1.004222", "online", "submitted", "C", fee=True),
            filing("tue", "1.004222", "online", "completed", "D", electronic=False),
            filing("wed", "1.004222", "counter", "submitted", "E"),
            filing("wed", "1.000894", "online", "submitted", "F"),
            filing("wed", "3.000228", "counter", "guided_only"),
            filing("wed", "1.004222", "online", "returned", "H"),
            filing("wed", "1.001193", "online", "prepared"),
            filing("wed", "1.004222", "postal", "completed", "J"),
            filing("wed", "1.004222", "online", "submitted", "K", fee=True, deleted=True),
            filing("w46", "1.001193", "online", "submitted", "L"),
            filing("tet", "1.001193", "online", "submitted", "M", submitted=dt.datetime(2026, 2, 13, 16)),
            filing("sep", "1.004222", "online", "submitted", "N", submitted=dt.datetime(2026, 8, 28, 10)),
        ])

    # Residents, period W47's last day Sunday 22/11/2026: aged 14+ means born on or before 22/11/2012.
    def resident(key: str, born: dt.date | None, level: int, deleted: bool = False, house: int = 0) -> dict[str, object]:
        ids[key] = uuid7()
        return {"id": ids[key], "ward_id": w, "household_id": h[house], "full_name": key, "date_of_birth": born,
                "vneid_level": level, "deleted": deleted}

    with store.write() as tx:  # recorded on 01/10/2026
        tx.recorder.insert_many(Resident, [
            resident("r1", dt.date(1950, 1, 1), 1),     # raised to 2 on 18/11 (in the period)
            resident("r2", dt.date(2012, 11, 22), 0),   # 14 on the last day: counted
            resident("r3", dt.date(2012, 11, 23), 2),   # 13 on the last day: not counted
            resident("r5", dt.date(1990, 5, 5), 1),
            resident("r6", dt.date(1985, 3, 3), 1),     # raised to 2 on 10/11 (the week before)
            resident("r7", None, 2),                    # no date of birth: not counted
            resident("r8", dt.date(1970, 7, 7), 2, deleted=True),
            resident("r9", dt.date(1960, 6, 6), 1, house=1),  # raised to 2 on 18/11, but household 1 was not visited
        ])
    store.clock = _at(dt.datetime(2026, 11, 10, 10))
    with store.write() as tx:
        tx.recorder.update(tx.session.get_one(Resident, ids["r6"]), {"vneid_level": 2})
    store.clock = _at(dt.datetime(2026, 11, 17, 10))
    with store.write() as tx:  # recorded at level 2 in the period: already level 2, not brought to it
        tx.recorder.insert_many(Resident, [resident("r4", dt.date(1980, 1, 1), 2)])
    store.clock = _at(dt.datetime(2026, 11, 18, 15))
    with store.write() as tx:
        tx.recorder.update(tx.session.get_one(Resident, ids["r1"]), {"vneid_level": 2})
        tx.recorder.update(tx.session.get_one(Resident, ids["r9"]), {"vneid_level": 2})
    store.clock = original
    yield ids


def test_working_days_skip_weekends_tet_2_9_and_office_days_off() -> None:
    # Tết 2026: Mon 16 – Fri 20/02 are public holidays. From Fri 13/02, 3 working days: Mon 23 (1),
    # Tue 24 (2), Wed 25 (3); with the office's extra day off on Mon 23/02, Thu 26/02.
    assert add_working_days(dt.date(2026, 2, 13), 3) == dt.date(2026, 2, 25)
    assert add_working_days(dt.date(2026, 2, 13), 3, {dt.date(2026, 2, 23)}) == dt.date(2026, 2, 26)
    # 2/9 2026: Mon 31/08 (substitute day), Tue 1 and Wed 2/09 off. From Fri 28/08, 5 working days:
    # Thu 3 (1), Fri 4 (2), Mon 7 (3), Tue 8 (4), Wed 9/09 (5).
    assert add_working_days(dt.date(2026, 8, 28), 5) == dt.date(2026, 9, 9)
    # an ordinary week: Fri 06/11 + 1 working day is Mon 09/11; 0 days is the same day
    assert add_working_days(dt.date(2026, 11, 6), 1) == dt.date(2026, 11, 9)
    assert add_working_days(dt.date(2026, 11, 6), 0) == dt.date(2026, 11, 6)


def test_dossier_figures_of_the_hand_built_ward(store: Store, figures_ward: dict[str, str]) -> None:
    r = compute_coverage(store, W47, as_of=AS_OF)
    d = r.dossiers
    # submitted dossiers (code, submitted/completed): a b c d e f j = 7; online among them a b c d f = 5
    assert d.online == Ratio(5, 7)
    # h is the one returned online dossier: 1 / (5 + 1)
    assert d.online_returned == Ratio(1, 6)
    # fully online: a b c d (f's procedure is partial) of the 5 online dossiers
    assert d.full_online == Ratio(4, 5)
    # fee carriers among submitted dossiers: c d (online 50,000 đ), e (counter), j (postal) = 4; a and b are
    # fee-free, f has no fee data (left out, counted apart); paid online: c
    assert d.online_payment == Ratio(1, 4) and d.payment_unknown == 1
    # completed: b d j; result electronic: b
    assert d.electronic_result == Ratio(1, 3)


def test_due_and_overdue_dossiers_count_vietnamese_working_days(store: Store, figures_ward: dict[str, str]) -> None:
    r = compute_coverage(store, W47, as_of=AS_OF)
    due = r.due_dossiers
    # waiting (code, status submitted, any period): a c e f l m n = 7; f has no processing time.
    # a: Mon 16/11 + 3 = Thu 19/11 (overdue on Fri 20/11); l: Mon 09/11 + 3 = Thu 12/11 (overdue);
    # m: 25/02 and n: 09/09 (overdue); c: Tue 17/11 + 5 = 18, 19, 20, 23, (24/11 Vietnam Culture Day
    # off) 25/11 (due); e: Wed 18/11 + 5 = 19, 20, 23, 25, 26/11 (due, within 7 days of 20/11).
    assert (due.waiting, due.without_time, due.overdue, due.due) == (7, 1, 4, 2)
    assert (due.overdue_ratio, due.due_ratio) == (Ratio(4, 6), Ratio(2, 6))
    # the same dossiers through a team's and a volunteer's visits (read through the visits)
    for scope in (Scope("team", figures_ward["team"]), Scope("volunteer", figures_ward["volunteer"])):
        assert compute_coverage(store, W47, scope, as_of=AS_OF).due_dossiers == due
    assert compute_coverage(store, W47, Scope("volunteer", figures_ward["leader"]), as_of=AS_OF).due_dossiers.waiting == 0

    overdue = waiting_dossiers(store, as_of=AS_OF)
    assert [(o.dossier_code, o.expected_on) for o in overdue] == [
        ("M", dt.date(2026, 2, 25)), ("N", dt.date(2026, 9, 9)), ("L", dt.date(2026, 11, 12)), ("A", dt.date(2026, 11, 19))]
    assert overdue[0].household_head == "Chủ hộ 0" and overdue[0].procedure_name == "Đăng ký khai sinh"
    with store.write() as tx:  # the office's extra day off on Mon 23/02 (as a pull brings it)
        tx.recorder.create(OfficeDayOff, {"ward_id": figures_ward["ward"], "day": dt.date(2026, 2, 23), "note": "nghỉ bù Tết"},
                           id=office_day_off_id(figures_ward["ward"], dt.date(2026, 2, 23)))
    everything = {o.dossier_code: o.expected_on for o in waiting_dossiers(store, as_of=AS_OF, overdue_only=False)}
    assert everything == {"M": dt.date(2026, 2, 26), "N": dt.date(2026, 9, 9), "L": dt.date(2026, 11, 12),
                          "A": dt.date(2026, 11, 19), "C": dt.date(2026, 11, 25), "E": dt.date(2026, 11, 26), "F": None}
    # without the catalogue's processing times nothing is due: every waiting dossier is "without time"
    for code in CHANNELS:
        set_catalogue(store, code, {})
    bare = compute_coverage(store, W47, as_of=AS_OF).due_dossiers
    assert (bare.waiting, bare.without_time, bare.overdue, bare.due) == (7, 7, 0, 0)


def test_vneid_level_2_counts_residents_aged_14_and_the_changes_of_the_period(store: Store, figures_ward: dict[str, str]) -> None:
    v = compute_coverage(store, W47, as_of=AS_OF).vneid
    # aged 14+ on 22/11/2026: r1 r2 r4 r5 r6 r9 (r3 is 13, r7 has no birth date, r8 is deleted)
    assert v.aged_14_plus == 6
    assert dict(v.by_level) == {0: 1, 1: 1, 2: 4}  # r2; r5; r1 r4 r6 r9
    assert v.level2 == Ratio(4, 6)
    # brought to level 2 in W47 in the households visited: r1 only (r6 the week before, r4 recorded
    # at level 2, r9's household had no visit in the period)
    assert v.brought_to_level2 == 1
    assert compute_coverage(store, parse_period("2026-W46"), as_of=AS_OF).vneid.brought_to_level2 == 1  # r6


def test_exports_carry_every_figure_as_numerator_over_denominator_with_method_notes(
    store: Store, figures_ward: dict[str, str], tmp_path: Path
) -> None:
    report = compute_coverage(store, W47, as_of=AS_OF)
    expected = {
        "Hồ sơ nộp trực tuyến có sự hỗ trợ của đội / hồ sơ đã nộp": "5/7",
        "Hồ sơ trực tuyến bị trả lại": "1/6",
        "Tỷ lệ hồ sơ trực tuyến toàn trình": "4/5",
        "Hồ sơ thanh toán phí trực tuyến / hồ sơ có phí": "1/4",
        "Hồ sơ nhận kết quả điện tử / hồ sơ đã có kết quả": "1/3",
        "Hồ sơ quá hạn trả kết quả (tính đến 20/11/2026)": "4/6",
        "Người từ 14 tuổi có tài khoản VNeID mức 2": "4/6",
        "Người được nâng lên VNeID mức 2 trong kỳ / người từ 14 tuổi": "1/6",
    }
    wb = load_workbook(write_coverage(report, tmp_path / "r.xlsx"))
    rows = {row[0]: row for row in wb["Chỉ số"].iter_rows(min_row=5, values_only=True) if row[0]}
    for name, text in expected.items():
        part, whole = map(int, text.split("/"))
        assert rows[name][1:4] == (text, part, whole)
    notes = [c.value for c in wb["Tổng quan"]["A"] if isinstance(c.value, str)]
    assert any("Thanh toán trực tuyến = hồ sơ đã nộp có nộp phí trực tuyến" in n for n in notes)
    assert any("1 hồ sơ đã nộp chưa có dữ liệu phí" in n for n in notes)

    sections = read_sections(write_coverage(report, tmp_path / "r.csv"))
    csv_rows = {row[0]: row[1] for row in sections["Chỉ số báo cáo (tử số/mẫu số)"][1:]}
    assert {name: csv_rows[name] for name in expected} == expected
    assert any("ngày làm việc" in row[0] for row in sections["Ghi chú"])

    pdf = write_coverage(report, tmp_path / "r.pdf")
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    for name, value in expected.items():
        assert f"{value}" in text and name.split(" (")[0][:30] in text
    assert "Tỷ lệ hồ sơ trực tuyến toàn trình = hồ sơ nộp trực tuyến" in text


def test_a_provinces_zero_fee_in_the_catalogue_changes_the_online_payment_denominator(
    store: Store, figures_ward: dict[str, str]
) -> None:
    # The ward is in province 01 (Hà Nội). Another province's 0 đ online fee changes nothing:
    set_catalogue(store, "1.004222", CHANNELS["1.004222"], {"31": {"online": {"fee_vnd": 0}}})
    assert compute_coverage(store, W47, as_of=AS_OF).dossiers.online_payment == Ratio(1, 4)
    # Hà Nội's 0 đ online fee takes c and d (online) out of the fee dossiers: e (counter) and j
    # (postal) remain, neither paid online; c's "paid online" no longer counts.
    set_catalogue(store, "1.004222", CHANNELS["1.004222"], {"01": {"online": {"fee_vnd": 0}}})
    assert compute_coverage(store, W47, as_of=AS_OF).dossiers.online_payment == Ratio(0, 2)
    # and the national online fee set to 0 does the same for every province
    fee_free_online = {**CHANNELS["1.004222"], "online": {"days": 5, "fee_vnd": 0}}
    set_catalogue(store, "1.004222", fee_free_online)
    assert compute_coverage(store, W47, as_of=AS_OF).dossiers.online_payment == Ratio(0, 2)


def test_terms_of_a_procedure_take_the_provinces_overrides_and_the_longest_time() -> None:
    channels = {"online": {"days": 3, "fee_vnd": 20_000}, "counter": {"days": 5, "fee_vnd": 30_000}, "postal": {}}
    overrides = {"01": {"online": {"fee_vnd": 0}, "postal": {"days": 7}}}
    assert terms_of(channels, overrides, "01") == ProcedureTerms({"online": 0, "counter": 30_000}, 7)
    assert terms_of(channels, overrides, "31") == ProcedureTerms({"online": 20_000, "counter": 30_000}, 5)
    assert terms_of(None, None, "") == ProcedureTerms({}, None)


def test_terms_without_fee_data_leave_a_dossier_out_of_online_payment() -> None:
    assert ProcedureTerms({"online": 0}).carries_fee("online") is False
    assert ProcedureTerms({"online": 20_000}).carries_fee("online") is True
    assert ProcedureTerms({"online": 20_000}).carries_fee("counter") is None
    assert ProcedureTerms({"online": 20_000}).carries_fee(None) is None
