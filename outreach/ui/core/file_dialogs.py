"""The one save dialog of every export, and the "open folder" offer when the file is written.

Why not ``QFileDialog.getSaveFileName``: the platform's native dialog (GTK's, KDE's, or none at
all on a bare window manager) shows its own words — "Look in", "File name", "Save" stayed English
on a Vietnamese ward laptop — and opens wherever the process was started. Qt's own dialog is
translated by our ``qtbase_vi.ts`` (contexts ``QFileDialog``, ``QFileSystemModel``,
``QAbstractFileIconProvider``) and opens in the user's Documents folder with a sensible file
name. Like ``ask``, both open window-modally and call back; no nested event loop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from outreach.ui.dialogs.ask import Choice, ask


def documents_folder() -> Path:
    """The user's Documents folder (XDG on Linux, "Documents" on Windows and macOS), or the home
    folder when there is none: where a ward leader looks for a report afterwards."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if location and Path(location).is_dir():
        return Path(location)
    return Path.home()


def _suffix(name_filter: str) -> str:
    """"Excel (*.xlsx)" → "xlsx": the extension added when the user types a bare name."""
    inside = name_filter[name_filter.find("(") + 1:name_filter.rfind(")")] if "(" in name_filter else name_filter
    first = inside.split()[0] if inside.split() else ""
    return first[2:] if first.startswith("*.") else ""


def save_file_dialog(
    parent: QWidget | None,
    title: str,
    default_name: str,
    name_filters: Sequence[str],
    on_chosen: Callable[[Path], object],
) -> QFileDialog:
    """Ask where to save ``default_name`` (in Documents), then call ``on_chosen(path)``.

    ``name_filters`` like ``["Excel (*.xlsx)", "CSV (*.csv)"]``; the one matching the default
    name's extension is selected, and its extension is added to a name typed without one. Qt
    asks before replacing an existing file. Returns the open dialog (tests reach it)."""
    dialog = QFileDialog(parent, title, str(documents_folder()))
    dialog.setObjectName("saveFileDialog")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.resize(900, 540)  # the name, size, type and date columns readable; inside 1366×768
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilters(list(name_filters))
    wanted = Path(default_name).suffix.lstrip(".")
    chosen = next((f for f in name_filters if _suffix(f) == wanted), name_filters[0] if name_filters else "")
    if chosen:
        dialog.selectNameFilter(chosen)
    dialog.setDefaultSuffix(_suffix(chosen) or wanted)
    dialog.filterSelected.connect(lambda f: dialog.setDefaultSuffix(_suffix(f)))
    dialog.selectFile(default_name)
    dialog.fileSelected.connect(lambda path: on_chosen(Path(path)))
    dialog.open()
    return dialog


def open_file_dialog(
    parent: QWidget | None, title: str, name_filters: Sequence[str], on_chosen: Callable[[Path], object],
) -> QFileDialog:
    """Ask which existing file to open (from Documents), then call ``on_chosen(path)``: Qt's
    translated dialog, window-modal, like ``save_file_dialog``. Returns the open dialog."""
    dialog = QFileDialog(parent, title, str(documents_folder()))
    dialog.setObjectName("openFileDialog")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.resize(900, 540)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilters(list(name_filters))
    dialog.fileSelected.connect(lambda path: on_chosen(Path(path)))
    dialog.open()
    return dialog


def open_folder(path: Path) -> bool:
    """Show the folder holding ``path`` in the desktop's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def offer_open_folder(parent: QWidget | None, path: Path, text: str) -> QMessageBox:
    """Say that ``path`` was written (``text``) and offer "Open folder" to find it at once."""

    def answered(key: str | None) -> None:
        if key == "open":
            open_folder(path)

    return ask(parent, QCoreApplication.translate("FileDialogs", "Export finished"), text,
               [Choice("open", QCoreApplication.translate("FileDialogs", "Open folder")),
                Choice("close", QCoreApplication.translate("FileDialogs", "Close"), QMessageBox.ButtonRole.RejectRole, True)],
               answered, informative=str(path), icon=QMessageBox.Icon.Information)
