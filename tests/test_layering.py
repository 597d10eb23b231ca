"""The layering of docs/architecture.md, held by tests: each rule fails when an import breaks it.

Layers, bottom up (an arrow may only point down):

    base modules (errors, resources, timeutil, vietnamese_fold, vocabulary, ...)
    model  ->  store  ->  services  ->  reports  ->  ui  ->  commands
    model  ->  wire  (the contract the laptop's sync engine and the office server share)
    wire + store  ->  sync (the laptop's engine);   wire + model + store helpers  ->  server
    server + services + reports  ->  console (the office's web pages, mounted by ``serve``)

Imports are read from the source with ``ast`` (top-level and inside functions alike: a lazy
import is still an arrow).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "outreach"
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6")

#: Modules directly under ``outreach/`` that everything may use: they import only each other.
BASE = ("outreach.errors", "outreach.resources", "outreach.timeutil", "outreach.vietnamese_fold",
        "outreach.vocabulary", "outreach.labels", "outreach.admin_units", "outreach.catalogue",
        "outreach.validation", "outreach.secrets", "outreach.cccd", "outreach.qr_image", "outreach.spreadsheet_read",
        "outreach.reach_rules", "outreach.working_days", "outreach.privacy_rules", "outreach.duplicate_score")

#: layer -> the packages it must never import.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "outreach.model": ("outreach.store", "outreach.wire", "outreach.sync", "outreach.services", "outreach.reports",
                       "outreach.ui", "outreach.server", "outreach.commands"),
    "outreach.wire": ("outreach.store", "outreach.sync", "outreach.services", "outreach.reports", "outreach.ui",
                      "outreach.server", "outreach.commands"),
    "outreach.store": ("outreach.sync", "outreach.services", "outreach.reports", "outreach.ui", "outreach.server",
                       "outreach.commands"),
    "outreach.services": ("outreach.sync", "outreach.reports", "outreach.ui", "outreach.server", "outreach.commands"),
    "outreach.reports": ("outreach.sync", "outreach.ui", "outreach.server", "outreach.commands"),
    "outreach.sync": ("outreach.services", "outreach.reports", "outreach.ui", "outreach.server", "outreach.commands"),
    "outreach.ui": ("outreach.server", "outreach.commands"),
    "outreach.server": ("outreach.sync", "outreach.services", "outreach.reports", "outreach.ui", "outreach.commands"),
    # the office console: the server side's top layer (pages over server, services and reports)
    "outreach.console": ("outreach.sync", "outreach.ui", "outreach.commands"),
}
# Nothing below the console imports it (the server hands ``serve`` extensions in instead).
FORBIDDEN = {layer: rule if layer == "outreach.console" else (*rule, "outreach.console") for layer, rule in FORBIDDEN.items()}
#: Base modules may import other base modules and nothing of a layer.
BASE_FORBIDDEN = tuple(sorted({p for rule in FORBIDDEN.values() for p in rule} | {"outreach.model", "outreach.wire"}))


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, package: str | None = None) -> set[str]:
    """Every module ``path`` imports (absolute; relative imports resolved against its package).

    ``from outreach.ui import sync_hook`` names the module ``outreach.ui.sync_hook`` when that is a
    module, so importing a sibling through its package is seen as the arrow it is."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    if package is None:
        package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.add(module)
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                if _is_module(candidate):
                    names.add(candidate)
    return names


def _is_module(dotted: str) -> bool:
    if not dotted.startswith("outreach."):
        return False
    relative = Path(*dotted.split(".")[1:])
    return (PACKAGE / relative).with_suffix(".py").exists() or (PACKAGE / relative / "__init__.py").exists()


def source_files() -> Iterable[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def violations(graph: dict[str, set[str]]) -> list[str]:
    found = []
    for module, imports in sorted(graph.items()):
        if module in BASE:
            rule = BASE_FORBIDDEN
        else:
            rule = next((bad for layer, bad in FORBIDDEN.items() if _within(module, layer)), ())
        found += [f"{module} -> {target}" for target in sorted(imports) if any(_within(target, p) for p in rule)]
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each a cycle of imports.

    A package's ``__init__`` importing one of its own modules is not counted: Python loads the
    package first by design."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def edges(node: str) -> list[str]:
        return [t for t in graph.get(node, ()) if t in graph and t != node and not _within(node, t)]

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges(node):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return {module_name(path): {m for m in imported_modules(path) if m.startswith("outreach")} for path in source_files()}


def test_qt_is_imported_only_inside_outreach_ui() -> None:
    offenders = [f"{module_name(path)}: {module}" for path in source_files() if not _within(module_name(path), "outreach.ui")
                 for module in imported_modules(path) if module.split(".")[0] in QT_MODULES]
    assert offenders == []


def test_arrows_point_down_only(graph: dict[str, set[str]]) -> None:
    assert violations(graph) == []


def test_no_module_imports_itself_back(graph: dict[str, set[str]]) -> None:
    assert cycles(graph) == []


def test_every_module_is_in_a_layer_or_the_base(graph: dict[str, set[str]]) -> None:
    """A new top-level module must be placed on purpose (added to BASE, or moved into a layer)."""
    top = {"outreach", "outreach.__main__", "outreach.cli", "outreach.commands"}
    unplaced = [m for m in graph if m not in BASE and m not in top
                and not any(_within(m, layer) for layer in (*FORBIDDEN, "outreach.commands"))]
    assert unplaced == []


# -- the checker itself ---------------------------------------------------------------------------

def test_the_checker_sees_every_kind_of_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport shiboken6\n"
                      "def late():\n    from outreach.server import admin\n")
    sample.write_text(sample.read_text() + "from . import database\nfrom ..model import clock\n")
    assert imported_modules(sample, package="outreach.store") == {
        "PySide6.QtCore", "shiboken6", "outreach.server", "outreach.server.admin",
        "outreach.store", "outreach.store.database", "outreach.model", "outreach.model.clock"}


def test_an_upward_import_is_a_violation() -> None:
    graph = {"outreach.store.database": {"outreach.sync.engine"}, "outreach.model.base": {"outreach.store"},
             "outreach.ui.app": {"outreach.commands.common"}, "outreach.server.push": {"outreach.sync.engine"},
             "outreach.errors": {"outreach.model"}, "outreach.services.visits": {"outreach.store.database"},
             "outreach.server.cli": {"outreach.console.app"}, "outreach.console.app": {"outreach.services.coverage"}}
    assert violations(graph) == ["outreach.errors -> outreach.model", "outreach.model.base -> outreach.store",
                                 "outreach.server.cli -> outreach.console.app", "outreach.server.push -> outreach.sync.engine",
                                 "outreach.store.database -> outreach.sync.engine", "outreach.ui.app -> outreach.commands.common"]


def test_a_cycle_is_found() -> None:
    graph = {"outreach.a": {"outreach.b"}, "outreach.b": {"outreach.c"}, "outreach.c": {"outreach.a"},
             "outreach.d": {"outreach.a"}, "outreach.pkg": {"outreach.pkg.x"}, "outreach.pkg.x": {"outreach.pkg"}}
    assert cycles(graph) == [["outreach.a", "outreach.b", "outreach.c"]]
