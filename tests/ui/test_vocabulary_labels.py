"""One vocabulary: the screens and the exports say the same word for every code, in vi and en.

The screen side is read through ``outreach.ui.core.labels`` with the UI's translations applied
(what a screen shows); the export side is read back from a real CSV and XLSX written by the
exporters in the same language.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from outreach import labels as shared
from outreach.reports.csv_export import read_sections, write_coverage_csv
from outreach.reports.lists import write_follow_up_list
from outreach.reports.xlsx import write_coverage_xlsx
from outreach.services.coverage import (
    FollowUpContact,
    GroupCoverage,
    LevelFilings,
    OutcomeCount,
    PriorityCoverage,
    VolunteerVisits,
    compute_coverage,
)
from outreach.services.periods import parse_period
from outreach.store.database import Store
from outreach.vocabulary import (
    CODE_LISTS,
    FollowUpKind,
    OnlineLevel,
    Outcome,
    Placeholder,
    PriorityFlag,
)

LANGUAGES = ("vi", "en")


@pytest.fixture(params=LANGUAGES)
def ui_language(request, qapp):
    from outreach.ui.core.i18n import Translations

    Translations().apply(request.param)
    yield request.param
    Translations().apply("vi")


def _every_code_report(store: Store):
    """A real report, with every outcome, level, flag and placeholder name in its tables."""
    report = compute_coverage(store, parse_period("2026-W47"))
    return dataclasses.replace(
        report,
        outcomes=[OutcomeCount(o, 1) for o in Outcome],
        by_level=[LevelFilings(lv, 1, 0, 0) for lv in OnlineLevel],
        priority=[PriorityCoverage(f, 2, 1) for f in PriorityFlag],
        groups=[GroupCoverage(None, Placeholder.NO_GROUP, 3, 1, 0, 0)],
        volunteers=[VolunteerVisits("m", Placeholder.UNKNOWN_MEMBER, "", 1, 1, 0)],
    )


def _first_column(rows: list[list[str]]) -> list[str]:
    return [row[0] for row in rows[1:] if row and row[0] != "Tổng cộng"]


def test_every_code_has_both_labels() -> None:
    for codes in CODE_LISTS:
        for code in codes:
            assert code in shared.LABELS[codes], (codes, code)
            assert shared.label(code, "vi") and shared.label(code, "en"), (codes, code)


def test_screen_labels_are_the_shared_labels_for_every_code(ui_language: str) -> None:
    from outreach.ui.core import labels as ui_labels

    for codes in CODE_LISTS:
        for code in codes:
            assert ui_labels.label(codes, str(code)) == shared.label(code, ui_language)


def test_exports_write_what_the_screens_show(ui_language: str, store: Store, tmp_path: Path) -> None:
    from outreach.ui.core import labels as ui_labels

    report = _every_code_report(store)
    csv_path = write_coverage_csv(report, tmp_path / "r.csv", ui_language)
    xlsx_path = write_coverage_xlsx(report, tmp_path / "r.xlsx", ui_language)
    sections = read_sections(csv_path)
    workbook = openpyxl.load_workbook(xlsx_path)

    def xlsx_first_column(sheet: str) -> list[str]:
        values = [str(row[0].value) for row in workbook[sheet].iter_rows() if row[0].value is not None]
        return values

    expected = {
        ("Lần thăm theo kết quả", "Kết quả thăm"): [ui_labels.label(ui_labels.OUTCOME_LABELS, o) for o in Outcome],
        ("Hồ sơ theo mức độ trực tuyến", "Hồ sơ theo mức"): [ui_labels.label(ui_labels.ONLINE_LEVEL_LABELS, lv) for lv in OnlineLevel],
        ("Hộ ưu tiên được thăm", "Hộ ưu tiên"): [ui_labels.label(ui_labels.PRIORITY_LABELS, f) for f in PriorityFlag],
        ("Hộ được thăm theo tổ dân phố", "Theo tổ dân phố"): [ui_labels.name_text(Placeholder.NO_GROUP)],
        ("Lần thăm theo tình nguyện viên", "Theo tình nguyện viên"): [ui_labels.name_text(Placeholder.UNKNOWN_MEMBER)],
    }
    for (title, sheet), words in expected.items():
        assert _first_column(sections[title]) == words, title
        assert all(w in xlsx_first_column(sheet) for w in words), sheet
    heading = dict(row for row in read_sections_heading(csv_path))
    assert heading["Phạm vi"] == ui_labels.scope_text(report.scope.kind, report.scope_name)


def read_sections_heading(path: Path) -> list[tuple[str, str]]:
    import csv

    from outreach.reports.csv_export import ENCODING

    with path.open(encoding=ENCODING, newline="") as fh:
        rows = []
        for row in csv.reader(fh):
            if not row or not any(row):
                break
            rows.append((row[0], row[1]))
    return rows


def test_follow_up_list_writes_what_the_screens_show(ui_language: str, tmp_path: Path) -> None:
    from outreach.ui.core import labels as ui_labels

    rows = [FollowUpContact(f"v{i}", dt.date(2026, 11, 20), i % 2 == 0, "Chủ hộ", "Địa chỉ", "", "", "", o, None)
            for i, o in enumerate(Outcome)]
    path = write_follow_up_list(rows, tmp_path / "f.xlsx", ui_language)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    body = [[c.value for c in row] for row in sheet.iter_rows(min_row=2) if row[2].value == "Chủ hộ"]
    assert [r[7] for r in body] == [ui_labels.label(ui_labels.OUTCOME_LABELS, o) for o in Outcome]
    assert [r[1] for r in body] == [ui_labels.label(ui_labels.FOLLOW_UP_LABELS, FollowUpKind.OVERDUE if i % 2 == 0 else FollowUpKind.DUE)
                                    for i in range(len(body))]
