"""Inline validation messages: a red line under each field, filled from a ``ValidationError``.

Services report problems per field name ("head_name", "address.street", "filings[0].status");
a form registers which widget shows which names, and any problem it has no place for is shown
in the form-wide line, so nothing the user must fix is ever hidden.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from outreach.errors import FieldProblem

ERROR_STYLE = "color: #b00020;"


def error_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    label.setObjectName("fieldError")
    return label


class FieldErrors:
    """Maps field names (or prefixes) to error labels and shows a problem list in them."""

    def __init__(self, general: QLabel) -> None:
        self._general = general
        self._labels: dict[str, QLabel] = {}

    def add(self, field: str, label: QLabel) -> None:
        self._labels[field] = label

    def clear(self) -> None:
        for label in [*self._labels.values(), self._general]:
            label.clear()
            label.setVisible(False)

    def _label_for(self, field: str) -> QLabel:
        if field in self._labels:
            return self._labels[field]
        for name, label in self._labels.items():
            if field.startswith(name + ".") or field.startswith(name + "["):
                return label
        return self._general

    def show(self, problems: list[FieldProblem], language: str) -> None:
        self.clear()
        texts: dict[int, tuple[QLabel, list[str]]] = {}
        for problem in problems:
            label = self._label_for(problem.field)
            texts.setdefault(id(label), (label, []))[1].append(problem.message(language))
        for label, lines in texts.values():
            label.setText("\n".join(lines))
            label.setVisible(True)

    def text_for(self, field: str) -> str:
        return self._label_for(field).text()
