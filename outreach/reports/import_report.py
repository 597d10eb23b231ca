"""The rejected-rows report of a household import.

The leader gets their own columns back, plus "Dòng" (the row number in their file) and the
reason, fixes those rows and imports just that file again.
"""

from __future__ import annotations

from pathlib import Path

from outreach.reports.csv_export import write_rows_csv
from outreach.reports.xlsx_rows import write_rows_xlsx
from outreach.services.household_import import ImportPreview

REPORT_ROW = "Dòng"
REPORT_REASON = "Lý do không nhập"


def write_rejected_report(preview: ImportPreview, path: Path, *, include_duplicates: bool = False) -> int:
    """Write the rows that are not imported, with the reason, as .xlsx or .csv (by extension);
    returns how many rows were written."""
    rejected = preview.rejected(include_duplicates)
    headers = [REPORT_ROW, *preview.headers, REPORT_REASON]
    rows = [[r.row_number, *r.raw, r.reason()] for r in rejected]
    if path.suffix.lower() == ".xlsx":
        write_rows_xlsx(path, "Dòng bị từ chối", headers, rows)
    else:
        write_rows_csv(path, headers, rows)
    return len(rows)
