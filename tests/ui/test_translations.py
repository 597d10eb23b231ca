"""Translations: the committed .qm match the .ts, the .ts match the sources, and every string the
main screens show in Vietnamese is translated."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCharts import QBarSeries, QChartView
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QTableView, QWidget

from outreach.services.households import HouseholdInput, register_household
from outreach.services.visits import VisitInput, record_visit
from outreach.timeutil import now_local
from outreach.ui.main_window import PAGE_COUNT, PAGE_COVERAGE, PAGE_HOUSEHOLDS, PAGE_WEEKLY_LOG
from tests.helpers.ui import wait_idle

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
BIN = ROOT / ".venv" / "bin"
CATALOGUES = ("outreach_vi", "outreach_en", "qtbase_vi")


def _tool(name: str) -> str:
    path = BIN / name
    found = str(path) if path.exists() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} not installed")
    return found


def _messages(ts: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(context, source) → (translation, type) of a .ts file."""
    out = {}
    for context in ET.parse(ts).getroot().findall("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            translation = message.find("translation")
            assert translation is not None
            out[(name, message.findtext("source") or "")] = (translation.text or "", translation.get("type"))
    return out


@pytest.mark.parametrize("name", CATALOGUES)
def test_committed_qm_is_built_from_the_ts(tmp_path: Path, name: str) -> None:
    built = tmp_path / f"{name}.qm"
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(TRANSLATIONS / f"{name}.ts"), "-qm", str(built)], check=True)
    assert built.read_bytes() == (TRANSLATIONS / f"{name}.qm").read_bytes(), "run scripts/build_translations and commit"


def test_ts_files_hold_every_string_of_the_sources(tmp_path: Path) -> None:
    """lupdate over outreach/ui adds nothing: no string was added to the code but not translated."""
    copy = tmp_path / "outreach_vi.ts"
    shutil.copy(TRANSLATIONS / "outreach_vi.ts", copy)
    sources = sorted(str(p) for p in (ROOT / "outreach" / "ui").rglob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources, "-ts", str(copy)],
                   check=True, capture_output=True)
    committed, fresh = _messages(TRANSLATIONS / "outreach_vi.ts"), _messages(copy)
    assert sorted(set(fresh) - set(committed)) == [], "new strings: run scripts/build_translations and translate them"
    unfinished = [key for key, (text, kind) in fresh.items() if kind == "unfinished" or not text.strip()]
    assert unfinished == [], "untranslated in outreach_vi.ts"


# ------------------------------------------------------------------ shown strings

#: Words that are the same in Vietnamese (names of apps, IDs, shortcut keys).
ALLOWED_ASCII = {"outreach", "vneid", "vssid", "cccd", "cmnd", "ctrl", "english", "enter", "excel", "pdf", "csv"}
_WORD = re.compile(r"[A-Za-z]{3,}")


def _english_sources() -> set[str]:
    return {source.replace("&", "") for (_context, source) in _messages(TRANSLATIONS / "outreach_vi.ts")}


def _english_words() -> set[str]:
    """Every word of the English source strings: an ASCII text made of these is English.

    (A plain ASCII test would flag Vietnamese words without diacritics, like "Cho" or "Xem".)
    """
    return {w.lower() for text in _english_sources() for w in _WORD.findall(text)} - ALLOWED_ASCII


def _shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every string a user can read in ``root`` and its visible children."""
    texts: list[tuple[str, str]] = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisibleTo(root) and w is not root:
            continue
        where = f"{type(w).__name__}:{w.objectName()}"
        if isinstance(w, QLabel):
            texts.append((where, w.text()))
        if isinstance(w, QAbstractButton):
            texts.append((where, w.text()))
        if isinstance(w, QGroupBox):
            texts.append((where, w.title()))
        if isinstance(w, QLineEdit):
            texts.append((where + ".placeholder", w.placeholderText()))
        if isinstance(w, QComboBox):
            texts.extend((where + ".item", w.itemText(i)) for i in range(w.count()))
        if isinstance(w, QTableView) and w.model() is not None:
            from PySide6.QtCore import Qt

            model = w.model()
            texts.extend((where + ".header", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                         for c in range(model.columnCount()))
        if isinstance(w, QChartView) and w.chart() is not None:
            chart = w.chart()
            texts.append((where + ".chart", chart.title()))
            texts.extend((where + ".axis", axis.titleText()) for axis in chart.axes())
            for series in chart.series():
                texts.append((where + ".series", series.name()))
                if isinstance(series, QBarSeries):
                    texts.extend((where + ".bars", bar_set.label()) for bar_set in series.barSets())
        texts.append((where + ".tooltip", w.toolTip()))
        if w.isWindow():
            texts.append((where + ".title", w.windowTitle()))
    return [(where, t.strip()) for where, t in texts if t and t.strip()]


def _untranslated(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    english, words = _english_sources(), _english_words()
    bad = []
    for where, text in texts:
        plain = text.replace("&", "")
        if "/" in plain or "://" in plain:
            continue  # paths and addresses
        found = {w.lower() for w in _WORD.findall(plain)}
        if plain in english and found - ALLOWED_ASCII:
            bad.append((where, text))  # shown exactly as its English source: not translated
        elif plain.isascii() and found & words:
            bad.append((where, text))  # English words that never went through the translator
    return bad


def test_main_screens_show_only_vietnamese(qtbot, make_window, store, leader) -> None:
    household = register_household(store, leader, HouseholdInput("Nguyễn Văn Tâm", {"house_number": "3", "street": "Kim Mã"}))
    record_visit(store, leader, VisitInput(household.id, now_local().replace(second=0)))
    window = make_window(role="leader", language="vi")
    shown: list[tuple[str, str]] = []
    for page in range(PAGE_COUNT):
        widget = window.show_page(page)
        wait_idle(qtbot, window.ctx.runner)
        if page == PAGE_COVERAGE:
            qtbot.waitUntil(lambda w=widget: w.report is not None, timeout=10_000)  # charts drawn
        shown += _shown_texts(window)
    households = window.show_page(PAGE_HOUSEHOLDS)
    for open_dialog in (households.register_household, lambda: households.add_resident(household.id), window.start_scan):
        dialog = open_dialog()
        wait_idle(qtbot, window.ctx.runner)
        shown += _shown_texts(dialog)
        dialog.reject()
    weekly = window.show_page(PAGE_WEEKLY_LOG)
    qtbot.waitUntil(lambda: weekly.log is not None, timeout=5000)
    assert shown, "nothing collected"
    assert _untranslated(shown) == []


def test_the_checker_catches_english(qtbot) -> None:
    label = QLabel("Households")
    qtbot.addWidget(label)
    assert _untranslated(_shown_texts(label)) == [("QLabel:", "Households")]


def test_the_checker_reads_charts(qtbot) -> None:
    from PySide6.QtCharts import QBarSet, QChart

    chart = QChart()
    chart.setTitle("Last 12 weeks: visits and filings")
    series = QBarSeries()
    series.append(QBarSet("Visited"))
    chart.addSeries(series)
    view = QChartView(chart)
    qtbot.addWidget(view)
    found = {text for _where, text in _untranslated(_shown_texts(view))}
    assert {"Last 12 weeks: visits and filings", "Visited"} <= found
