"""Architecture rules that code review alone would let slip (DESIGN.md §2)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "outreach"
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6")
# The PDF exporters may use Qt's QPdfWriter (DESIGN.md §2), and only they.
QT_ALLOWED = ("ui",)


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_qt_is_imported_only_inside_outreach_ui() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in QT_ALLOWED:
            continue
        for module in _imported_modules(path):
            if module.split(".")[0] in QT_MODULES:
                offenders.append(f"{relative}: {module}")
    assert offenders == []


def test_the_rule_checker_sees_qt_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport shiboken6\n")
    assert _imported_modules(sample) == {"PySide6.QtCore", "shiboken6"}


def test_lower_layers_do_not_import_upper_ones() -> None:
    rules = {"model": ("outreach.services", "outreach.ui", "outreach.server", "outreach.sync.transport"),
             "store": ("outreach.services", "outreach.ui", "outreach.server"),
             "services": ("outreach.ui", "outreach.server")}
    offenders = []
    for layer, forbidden in rules.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            for module in _imported_modules(path):
                if module.startswith(forbidden):
                    offenders.append(f"{path.relative_to(PACKAGE)}: {module}")
    assert offenders == []
