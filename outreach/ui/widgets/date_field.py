"""A date typed as dd/mm/yyyy (the way Vietnamese forms write it), which may be left empty.

``QDateEdit`` cannot be empty and is slow to type into; a line edit with a mask-free parser
accepts "1/2/1990", "01/02/1990" and "01021990" alike.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtWidgets import QLineEdit, QWidget

_PATTERNS = (re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$"), re.compile(r"^(\d{2})(\d{2})(\d{4})$"))


def parse_date_vn(text: str) -> dt.date | None:
    """The date in ``text`` (dd/mm/yyyy and variants), or None if empty; ValueError if invalid."""
    text = text.strip()
    if not text:
        return None
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
    raise ValueError(text)


class DateField(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.setMaxLength(10)

    def date(self) -> dt.date | None:
        """The date, or None when empty; raises ValueError when the text is not a date."""
        return parse_date_vn(self.text())

    def set_date(self, day: dt.date | None) -> None:
        self.setText(day.strftime("%d/%m/%Y") if day else "")
