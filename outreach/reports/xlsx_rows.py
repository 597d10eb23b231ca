"""A plain list (rejected import rows, the follow-up list) as a one-sheet workbook.

Same conventions as the coverage workbook: bold frozen header, numbers as numbers, column widths
that fit, so a leader can sort and filter straight away.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from outreach.reports.cell_safety import set_xlsx_value
from outreach.reports.xlsx import number_format
from outreach.reports.xlsx_protect import write_protected_xlsx


def write_rows_xlsx(path: Path, title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]], *,
                    password: str | None = None) -> Path:
    """Write the sheet to ``path``; with ``password`` as an encrypted workbook (``xlsx_protect``)."""
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new Workbook starts with one plain worksheet (the stubs allow None)
    ws.title = title[:31]
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F1")
    widths = [len(str(h)) for h in headers]
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            set_xlsx_value(ws.cell(row=number, column=column), value)
        for i, value in enumerate(row):
            if i < len(widths):
                widths[i] = max(widths[i], len(str(value)) if value is not None else 0)
    for r in ws.iter_rows(min_row=2):
        for cell in r:
            fmt = number_format(cell.value)
            if fmt:
                cell.number_format = fmt
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)
    ws.freeze_panes = "A2"
    if password is not None:
        plain = io.BytesIO()
        wb.save(plain)
        return write_protected_xlsx(plain.getvalue(), path, password)
    tmp = path.with_name(path.name + ".part")
    wb.save(tmp)
    tmp.replace(path)
    return path
