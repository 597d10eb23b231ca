"""Non-blocking questions to the user (duplicate found, doubtful ID digits, restore a draft).

Why not ``QMessageBox.exec()``: a nested event loop would stall tests and make the flow hard to
follow. ``ask`` opens the box window-modally and calls ``on_answer(key)`` when a button is
clicked (``None`` for Esc/close); the box is returned so callers (and tests) can reach it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


@dataclass(frozen=True)
class Choice:
    key: str
    text: str
    role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.AcceptRole
    default: bool = False


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    choices: Sequence[Choice],
    on_answer: Callable[[str | None], None],
    *,
    informative: str = "",
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    buttons: dict[QAbstractButton, str] = {}
    escape: QAbstractButton | None = None
    for choice in choices:
        button = box.addButton(choice.text, choice.role)
        button.setObjectName(f"choice-{choice.key}")  # scripted runs (tests/e2e) find it by its key
        buttons[button] = choice.key
        if choice.default:
            box.setDefaultButton(button)
        if choice.role in (QMessageBox.ButtonRole.RejectRole, QMessageBox.ButtonRole.NoRole):
            escape = button
    if escape is not None:
        box.setEscapeButton(escape)
    answered: list[bool] = []

    def clicked(button: QAbstractButton) -> None:
        answered.append(True)
        on_answer(buttons.get(button))

    def finished(_result: int) -> None:
        if not answered:
            on_answer(None)

    box.buttonClicked.connect(clicked)
    box.finished.connect(finished)
    box.setObjectName("question")
    box.open()
    return box


def click_choice(box: QMessageBox, text: str) -> None:
    """Click the button whose text is ``text`` (used by tests and scripted flows)."""
    for button in box.buttons():
        if button.text().replace("&", "") == text.replace("&", ""):
            button.click()
            return
    raise LookupError(f"no button {text!r} in {[b.text() for b in box.buttons()]}")
