"""Import households from a group leader's spreadsheet: pick the file, map its columns, check
every row, then import all of it or nothing.

Reading the file, checking rows and writing run on the task runner; the dialog only shows plain
results. "Import" stays disabled while any row has an error, so the leader fixes the file (the
rejected-rows report lists each row and why) rather than importing half of it.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from outreach.model.address import address_text
from outreach.services.changes import Changes
from outreach.services.household_import import (
    IMPORT_FIELDS,
    STATUS_DUPLICATE,
    STATUS_ERROR,
    ImportPreview,
    ImportResult,
    auto_mapping,
    commit_import,
    preview_import,
)
from outreach.services.households import list_groups
from outreach.spreadsheet_read import RawTable, read_spreadsheet
from outreach.ui.core.context import UiContext
from outreach.ui.core.file_dialogs import offer_open_folder, save_file_dialog
from outreach.ui.models.report_models import RowsModel

ROW_COLOURS = {STATUS_ERROR: "#fde2e1", STATUS_DUPLICATE: "#fff1d6"}


def _read(path: Path) -> tuple[RawTable, dict[int, str]]:
    from outreach.services.household_import import _count_known

    table = read_spreadsheet(path, _count_known)
    return table, auto_mapping(table.headers)


class ImportDialog(QDialog):
    """``previewed`` after each check; ``imported(count)`` after a successful commit."""

    loaded = Signal()
    previewed = Signal()
    imported = Signal(int)
    failed = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import households"))
        self.resize(980, 640)
        self._ctx = ctx
        self._runner, self._store, self._actor = ctx.runner, ctx.store, ctx.actor
        self.table: RawTable | None = None
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        self.import_result: ImportResult | None = None
        # the "saved, open folder?" box after saving the rejected rows (tests reach it)
        self.saved_box: QMessageBox | None = None

        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        choose = QPushButton(self.tr("Choose file…"))
        choose.clicked.connect(self._choose_file)
        self.group = QComboBox()
        self.group.addItem(self.tr("(from the file's group column)"), None)
        for gid, name in list_groups(self._store):
            self.group.addItem(name, gid)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(choose)
        form = QFormLayout()
        form.addRow(self.tr("Spreadsheet (.xlsx or .csv):"), file_row)
        form.addRow(self.tr("Group for rows without one:"), self.group)
        help_text = QLabel(self.tr("Columns are recognised by their Vietnamese headers (see docs/import-format.md); "
                                   "check the mapping below and change it where needed."))
        help_text.setWordWrap(True)

        self.mapping = QTableWidget(2, 0)
        self.mapping.setVerticalHeaderLabels([self.tr("Column in the file"), self.tr("Means")])
        self.mapping.setMaximumHeight(96)
        self.check_button = QPushButton(self.tr("Check rows"))
        self.check_button.clicked.connect(self.check)
        self.check_button.setEnabled(False)

        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.rows_model = RowsModel(self)
        self.rows_view = QTableView()
        self.rows_view.setModel(self.rows_model)
        self.rows_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows_view.verticalHeader().setVisible(False)
        self.rows_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.rows_view.horizontalHeader().setStretchLastSection(True)

        self.include_duplicates = QCheckBox(self.tr("Also import rows at an address that already has a household"))
        self.report_button = QPushButton(self.tr("Save rejected rows…"))
        self.report_button.clicked.connect(lambda: self._ask_report())
        self.report_button.setEnabled(False)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setDefault(True)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.commit)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.include_duplicates)
        buttons.addStretch(1)
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(help_text)
        layout.addWidget(self.mapping)
        layout.addWidget(self.check_button)
        layout.addWidget(self.summary)
        layout.addWidget(self.rows_view, 1)
        layout.addLayout(buttons)

    # ---------------------------------------------------------------- file and mapping

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the household list"), "", self.tr("Spreadsheets (*.xlsx *.csv *.txt)"))
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        """Read ``path`` in the background, then show its columns with the guessed mapping."""
        self.path = path
        self.file_edit.setText(str(path))
        self.preview = None
        self._set_busy(self.tr("Reading the file…"))
        self._runner.query(_read, path, on_done=self._show_columns, on_error=self._on_error)

    def _show_columns(self, loaded: tuple[RawTable, dict[int, str]]) -> None:
        self.table, guessed = loaded
        headers = self.table.headers
        self.mapping.setColumnCount(len(headers))
        for col, header in enumerate(headers):
            self.mapping.setCellWidget(0, col, QLabel(header or self.tr("(no header)")))
            combo = QComboBox()
            combo.addItem(self.tr("(ignore)"), None)
            for f in IMPORT_FIELDS:
                combo.addItem(f.label_vi, f.key)
            if col in guessed:
                combo.setCurrentIndex(combo.findData(guessed[col]))
            self.mapping.setCellWidget(1, col, combo)
        self.mapping.resizeColumnsToContents()
        notes = " ".join(self.table.notices)
        self.summary.setText(self.tr("%1 rows read.").replace("%1", str(len(self.table.rows))) + (" " + notes if notes else ""))
        self.check_button.setEnabled(True)
        self.loaded.emit()

    def current_mapping(self) -> dict[int, str]:
        mapping: dict[int, str] = {}
        for col in range(self.mapping.columnCount()):
            combo = self.mapping.cellWidget(1, col)
            if isinstance(combo, QComboBox) and combo.currentData():
                mapping[col] = combo.currentData()
        return mapping

    def set_mapping(self, column: int, field: str | None) -> None:
        combo = self.mapping.cellWidget(1, column)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(field))

    # ---------------------------------------------------------------- preview and commit

    def check(self) -> None:
        """Validate every row with the mapping shown (in the background)."""
        if self.table is None or self.path is None:
            return
        self._set_busy(self.tr("Checking rows…"))
        check = partial(preview_import, mapping=self.current_mapping(), default_group_id=self.group.currentData(), table=self.table)
        self._runner.query(check, self._store, self._actor, self.path, on_done=self._show_preview, on_error=self._on_error)

    def _show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        statuses = {"ok": self.tr("Ready"), STATUS_ERROR: self.tr("Error"), STATUS_DUPLICATE: self.tr("Duplicate")}
        rows: list[list[Any]] = []
        colours: dict[int, str] = {}
        for i, r in enumerate(preview.rows):
            h = r.household
            head = h.head_name if h else next((r.raw[c] for c, k in preview.mapping.items() if k == "head_name" and c < len(r.raw)), "")
            rows.append([r.row_number, statuses[r.status], head, address_text(h.address) if h else "", r.reason()])
            if r.status in ROW_COLOURS:
                colours[i] = ROW_COLOURS[r.status]
        self.rows_model.set_rows([self.tr("Row"), self.tr("Status"), self.tr("Head of household"), self.tr("Address"), self.tr("Problem")],
                                 rows, row_colours=colours)
        self.rows_view.resizeColumnsToContents()
        self.summary.setText(
            self.tr("%1 rows: %2 ready, %3 with errors, %4 duplicates.")
            .replace("%1", str(len(preview.rows))).replace("%2", str(preview.ready))
            .replace("%3", str(preview.errors)).replace("%4", str(preview.duplicates))
            + ("" if preview.can_commit else " " + self.tr("Fix the rows with errors in the file, then choose it again."))
        )
        self.check_button.setEnabled(True)
        self.import_button.setEnabled(preview.can_commit)
        self.report_button.setEnabled(bool(preview.errors or preview.duplicates))
        self.previewed.emit()

    def commit(self) -> None:
        """Import every acceptable row in one transaction (the serial writer), or nothing."""
        if self.preview is None or not self.preview.can_commit:
            return
        self._set_busy(self.tr("Importing…"))
        self.import_button.setEnabled(False)
        write = partial(commit_import, include_duplicates=self.include_duplicates.isChecked())
        self._runner.mutate(write, self._store, self._actor, self.preview, changes=Changes(households=True),
                            on_done=self._done, on_error=self._on_error)

    def _done(self, result: ImportResult) -> None:
        self.import_result = result
        self.summary.setText(self.tr("Imported %1 households; %2 duplicates skipped.")
                             .replace("%1", str(result.imported)).replace("%2", str(result.skipped_duplicates)))
        self.imported.emit(result.imported)

    def _ask_report(self) -> QFileDialog:
        name = f"dong-bi-tu-choi-{self.path.stem}.xlsx" if self.path is not None else "dong-bi-tu-choi.xlsx"
        return save_file_dialog(self, self.tr("Save rejected rows"), name, ["Excel (*.xlsx)", "CSV (*.csv)"], self.save_rejected)

    def save_rejected(self, path: Path) -> None:
        from outreach.reports.import_report import write_rejected_report

        if self.preview is None:
            return
        report = partial(write_rejected_report, include_duplicates=self.include_duplicates.isChecked())
        self._runner.query(
            report,
            self.preview,
            path,
            on_done=lambda n: self._rejected_saved(n, path),
            on_error=self._on_error,
        )

    def _rejected_saved(self, rows: int, path: Path) -> None:
        self.summary.setText(self.tr("%1 rows saved to %2").replace("%1", str(rows)).replace("%2", str(path)))
        self.saved_box = offer_open_folder(self, path, self.tr("%1 rows saved to %2").replace("%1", str(rows)).replace("%2", path.name))

    def _set_busy(self, text: str) -> None:
        self.summary.setText(text)
        self.check_button.setEnabled(False)
        self.import_button.setEnabled(False)

    def _on_error(self, exc: BaseException) -> None:
        from outreach.ui.core.errors import error_text, show_error

        language = self._ctx.language
        self.summary.setText(error_text(exc, language))
        self.check_button.setEnabled(self.table is not None)
        self.failed.emit(error_text(exc, language))
        show_error(self, exc, language)
