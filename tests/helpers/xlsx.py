"""Reading back the workbooks the exports write (openpyxl's stubs type ``active`` as maybe-None,
maybe-chartsheet; a workbook the app wrote always has a plain worksheet there)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet


def active_sheet(workbook: Workbook | Path) -> Worksheet:
    """The active worksheet of ``workbook`` (a path is opened first)."""
    wb = load_workbook(workbook) if isinstance(workbook, Path) else workbook
    ws = wb.active
    assert isinstance(ws, Worksheet), f"the active sheet is {type(ws).__name__}, not a worksheet"
    return ws


def sheet(workbook: Workbook, title: str) -> Worksheet:
    """The worksheet called ``title``."""
    ws = workbook[title]
    assert isinstance(ws, Worksheet), f"{title!r} is {type(ws).__name__}, not a worksheet"
    return ws
