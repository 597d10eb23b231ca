"""Coverage report and lists as CSV: UTF-8 with a byte-order mark.

Excel opens a CSV in the machine's legacy code page unless the file starts with a BOM, which
turns "Tổ dân phố" into mojibake on a Vietnamese Windows; ``utf-8-sig`` writes that BOM.
All tables go in one file, each as a section: a title row, a header row, the rows, a blank row.
Numbers are written plainly (shares as fractions with a dot, 0.6667) so scripts can read them;
the header says "(tỷ lệ)" where a column is a share.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from outreach.labels import DEFAULT_LANGUAGE
from outreach.reports.cell_safety import csv_text
from outreach.reports.tables import Percent, coverage_tables, notes_lines, report_heading
from outreach.services.coverage import CoverageReport

ENCODING = "utf-8-sig"


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_text(value)
    if isinstance(value, Percent):
        return f"{float(value):.4f}"
    if isinstance(value, float):
        return f"{value:.2f}"
    return value


def write_coverage_csv(report: CoverageReport, path: Path, language: str = DEFAULT_LANGUAGE) -> Path:
    """Write the report's tables as CSV sections; codes are labelled in ``language``."""
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding=ENCODING, newline="") as fh:
        writer = csv.writer(fh)
        for label, value in report_heading(report, language):
            writer.writerow([label, value])
        writer.writerow([])
        for table in coverage_tables(report, language):
            writer.writerow([f"## {table.title}"])
            writer.writerow(table.headers)
            for row in table.all_rows():
                writer.writerow([_cell(v) for v in row])
            writer.writerow([])
        writer.writerow(["## Ghi chú"])
        for line in notes_lines(report):
            writer.writerow([line])
    tmp.replace(path)
    return path


def write_rows_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    """One plain table (a list export, a rejected-rows report) as a BOM-prefixed CSV."""
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding=ENCODING, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(list(headers))
        for row in rows:
            writer.writerow([_cell(v) for v in row])
    tmp.replace(path)
    return path


def read_sections(path: Path) -> dict[str, list[list[str]]]:
    """Read back a coverage CSV: section title → [header, rows…] (for tests and scripts)."""
    sections: dict[str, list[list[str]]] = {}
    current: list[list[str]] | None = None
    with path.open(encoding=ENCODING, newline="") as fh:
        for row in csv.reader(fh):
            if row and row[0].startswith("## "):
                current = sections.setdefault(row[0][3:], [])
            elif not row or not any(row):
                current = None
            elif current is not None:
                current.append(row)
    return sections
