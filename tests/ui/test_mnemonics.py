"""Keyboard use: on each screen, every Alt+letter reaches one control, in both languages, and is
a plain letter (Alt+ổ needs the Vietnamese input method, Alt+o does not).

Two labels or buttons sharing a mnemonic make Alt+letter cycle between them, which a volunteer
typing fast at a resident's home cannot rely on.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QWidget

from outreach.ui.main_window import PAGE_COUNT
from tests.helpers.ui import wait_idle

_MNEMONIC = re.compile(r"&(?!&)(\w)")


def mnemonics(root: QWidget) -> dict[str, list[str]]:
    """Mnemonic letter → the texts that carry it, among the visible controls under ``root``."""
    found: dict[str, list[str]] = defaultdict(list)
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or isinstance(widget, QGroupBox):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
        match = _MNEMONIC.search(text or "")
        if match:
            found[match.group(1).lower()].append(text)
    return found


def clashes(root: QWidget) -> dict[str, list[str]]:
    """Letters shared by several controls, and letters no keyboard types with Alt ("ổ", "Đ")."""
    return {letter: texts for letter, texts in mnemonics(root).items() if len(texts) > 1 or not letter.isascii()}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_each_screen_has_distinct_mnemonics(qtbot, make_window, language: str) -> None:
    window = make_window(role="leader", language=language)
    found = {}
    for page in range(PAGE_COUNT):
        widget = window.show_page(page)
        wait_idle(qtbot, window.ctx.runner)
        if clashes(widget):
            found[type(widget).__name__] = clashes(widget)
    assert found == {}


def test_the_check_sees_a_clash(qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    label = QLabel("&Name:")
    label.setBuddy(QLineEdit())
    layout.addWidget(label)
    layout.addWidget(label.buddy())
    layout.addWidget(QPushButton("&New"))
    layout.addWidget(QPushButton("C&ổng"))
    assert clashes(root) == {"n": ["&Name:", "&New"], "ổ": ["C&ổng"]}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_each_dialog_has_distinct_mnemonics(qtbot, make_window, store, leader, language: str) -> None:
    from outreach.services.households import HouseholdInput, register_household
    from outreach.ui.dialogs.import_dialog import ImportDialog
    from outreach.ui.dialogs.team_enrolment_dialog import TeamEnrolmentDialog
    from outreach.ui.main_window import PAGE_HOUSEHOLDS

    household = register_household(store, leader, HouseholdInput("Nguyễn Văn Tâm", {"house_number": "3", "street": "Kim Mã"}))
    window = make_window(role="leader", language=language)
    households = window.show_page(PAGE_HOUSEHOLDS)
    ctx = window.ctx
    openers = {
        "register household": households.register_household,
        "add resident": lambda: households.add_resident(household.id),
        "scan": window.start_scan,
        "import": lambda: ImportDialog(ctx, window),
        "team enrolment": lambda: TeamEnrolmentDialog(ctx, window),
    }
    found = {}
    for name, open_dialog in openers.items():
        dialog = open_dialog()
        dialog.show()
        wait_idle(qtbot, ctx.runner)
        if clashes(dialog):
            found[name] = clashes(dialog)
        dialog.reject()
    assert found == {}
