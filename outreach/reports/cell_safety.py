"""Stored text never becomes a spreadsheet formula (OWASP "CSV injection").

Names, addresses and notes come from many laptops and imported files; one that starts with
``=HYPERLINK(...)`` or ``@SUM(...)`` would run as a formula when the office opens an export in
Excel or LibreOffice. CSV has no cell types, so such text gets a leading apostrophe (the OWASP
rule: the characters ``= + - @``, tab and carriage return); XLSX cells are typed, so the same
text is stored as a string cell and shows exactly as stored.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import Cell, MergedCell

#: A cell whose text starts with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text: str) -> str:
    """``text`` as a CSV cell that no spreadsheet evaluates."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def set_xlsx_value(cell: Cell | MergedCell, value: Any) -> None:
    """Put ``value`` in ``cell``; text that looks like a formula stays text."""
    cell.value = value
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
