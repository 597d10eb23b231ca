"""Procedures & QR: the procedure catalogue, and the portal QR code of the selected procedure.

A volunteer shows the QR to a resident, who scans it with their phone to open the procedure's
page on the national portal. The image is made by ``outreach.qr_image.qr_png_bytes`` on the runner
(QR encoding is pure Python and takes a few ms) and shown with ``QPixmap``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from outreach.qr_image import qr_png_bytes
from outreach.services.changes import Changes
from outreach.services.procedures import ProcedureView, list_procedures, procedure_page
from outreach.ui.core.context import UiContext
from outreach.ui.core.labels import ONLINE_LEVEL_LABELS, label

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
QR_BOX_SIZE = 6


def procedure_qr(procedure: ProcedureView) -> tuple[str | None, bytes | None]:
    """Background work: the procedure's portal address (from its synced row: the office may have
    set its record id since the bundled file) and its QR as PNG (None if unverified)."""
    url = procedure_page(procedure)
    return url, (qr_png_bytes(url, box_size=QR_BOX_SIZE) if url else None)


class ProceduresView(QWidget):
    qr_shown = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._procedures: list[ProcedureView] = []
        self.setObjectName("proceduresView")
        self.search = QLineEdit()
        self.search.setObjectName("procedureSearch")
        self.search.setPlaceholderText(self.tr("Filter by name or code"))
        self.search.setClearButtonEnabled(True)
        caption = QLabel(self.tr("&Filter:"))
        caption.setBuddy(self.search)
        self.list = QListWidget()
        self.list.setObjectName("procedureList")
        self.list.setSpacing(3)
        self.list.setAlternatingRowColors(True)
        self.list.currentItemChanged.connect(self._current_changed)
        self.search.textChanged.connect(self._filter)

        self.name = QLabel()
        self.name.setObjectName("procedureName")
        self.name.setWordWrap(True)
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.name.setFont(font)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.qr = QLabel()
        self.qr.setObjectName("procedureQr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(240, 240)
        self.url = QLabel()
        self.url.setObjectName("procedureUrl")
        self.url.setWordWrap(True)
        self.url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hint = QLabel(
            self.tr("The resident scans this code with their phone camera to open the procedure on the national public service portal.")
        )
        hint.setWordWrap(True)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.search, 1)
        ll.addLayout(row)
        ll.addWidget(self.list, 1)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(self.name)
        rl.addWidget(self.facts)
        rl.addWidget(self.qr, 1)
        rl.addWidget(self.url)
        rl.addWidget(hint)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.setFocusProxy(self.search)
        ctx.runner.query(list_procedures, ctx.store, on_done=self._loaded)

    def apply_changes(self, changes: Changes, _initiator: object | None) -> None:
        """A sync brought a new catalogue: list it (the search text stays)."""
        if changes.catalogue:
            self._ctx.runner.query(list_procedures, self._ctx.store, on_done=self._loaded)

    def _name(self, p: ProcedureView) -> str:
        return p.name_en if self._ctx.language == "en" else p.name_vi

    def _loaded(self, procedures: list[ProcedureView]) -> None:
        self._procedures = procedures
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        from outreach.vietnamese_fold import fold

        words = fold(text).split()
        self.list.clear()
        for p in self._procedures:
            if all(w in fold(f"{p.code} {p.name_vi} {p.name_en} {p.field_vi}") for w in words):
                field = p.field_en if self._ctx.language == "en" else p.field_vi
                item = QListWidgetItem(f"{self._name(p)}\n{p.code} · {field}")
                item.setData(CODE_ROLE, p.code)
                self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def _current_changed(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        code = item.data(CODE_ROLE)
        p = next(p for p in self._procedures if p.code == code)
        self.name.setText(self._name(p))
        field = p.field_en if self._ctx.language == "en" else p.field_vi
        self.facts.setText(self.tr("Code %1 · %2 · %3").replace("%1", p.code).replace("%2", field)
                           .replace("%3", label(ONLINE_LEVEL_LABELS, p.online_level)))
        self._ctx.runner.query(procedure_qr, p, on_done=lambda r: self._qr_ready(code, *r))

    def _qr_ready(self, code: str, url: str | None, png: bytes | None) -> None:
        current = self.list.currentItem()
        if current is None or current.data(CODE_ROLE) != code:
            return
        if png is None:
            self.qr.clear()
            self.qr.setText(self.tr("This procedure's code is not confirmed yet, so no QR code is shown."))
            self.url.clear()
        else:
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            self.qr.setPixmap(pixmap)
            self.url.setText(url or "")
        self.qr_shown.emit(code)
