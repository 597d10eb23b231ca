"""The Qt half of ``outreach --self-test`` (``outreach.commands.selftest`` runs it; only ``ui`` imports Qt).

What a bundle most often gets wrong is on this side: a missing platform plugin (the app dies
before any window), translations not copied (the app starts in English), the icon left out.
So it installs the Vietnamese translators the app installs, builds the real main window over
the self-test's store, renders it offscreen, and looks at the pixels.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QImage

from outreach.errors import SelfTestFailed
from outreach.ui.app import application, build_window
from outreach.ui.core.i18n import Translations, translations_dir

#: Source strings looked up in each catalogue: translated means that catalogue really loaded.
APP_PROBE = ("MainWindow", "Outreach — online public services at home")
QT_PROBE = ("QPlatformTheme", "Cancel")
#: If set, the rendered main window is saved there as PNG (a CI artifact when a bundle looks wrong).
SCREENSHOT_ENV = "OUTREACH_SELF_TEST_SCREENSHOT"
#: Qt messages that say nothing about the bundle (the offscreen platform cannot do size hints).
HARMLESS_QT_MESSAGES = ("This plugin does not support propagateSizeHints",)


def _qt_message(_mode: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Pass Qt's messages to stderr except known noise, so the self-test output stays readable."""
    if not message.startswith(HARMLESS_QT_MESSAGES):
        print(f"Qt: {message}", file=sys.stderr)


def check_translations(_store: Any) -> list[str]:
    qInstallMessageHandler(_qt_message)
    application()
    language = Translations().apply("vi")
    untranslated = [f"{context}/{source!r}" for context, source in (APP_PROBE, QT_PROBE)
                    if QCoreApplication.translate(context, source) == source]
    if language != "vi" or untranslated:
        raise SelfTestFailed(f"Vietnamese not loaded from {translations_dir()}: {', '.join(untranslated) or language}")
    return [f"vi (outreach_vi.qm, qtbase_vi.qm) from {translations_dir()}: "
            f"“{QCoreApplication.translate(*QT_PROBE)}” for “{QT_PROBE[1]}”"]


def check_main_window(store: Any) -> list[str]:
    app = application()
    translations = Translations()
    translations.apply("vi")
    window, runner = build_window(store, translations)
    try:
        window.show()
        for _ in range(5):
            app.processEvents()
        image = window.grab().toImage()
        title = window.windowTitle()
        colours = _distinct_colours(image)
        if image.isNull() or colours < 3:
            raise SelfTestFailed(f"the window rendered blank ({image.width()}×{image.height()}, {colours} colours)")
        if title == APP_PROBE[1]:
            raise SelfTestFailed(f"the window title is the English source “{title}”")
        if app.windowIcon().isNull():
            raise SelfTestFailed("the application icon did not load")
        screenshot = os.environ.get(SCREENSHOT_ENV)
        if screenshot:
            image.save(screenshot)
        screens = _visit_every_screen(window, app)
        return [f"platform {app.platformName()}, {image.width()}×{image.height()} px, {colours} colours, "
                f"icon set, title “{title}”", f"{screens} screens built"]
    finally:
        window.close()
        runner.shutdown(wait=True)
        window.deleteLater()
        runner.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()


def _visit_every_screen(window: Any, app: Any) -> int:
    """Build every screen: they are imported on first use, so a module left out of the bundle
    (QtCharts for Coverage, say) would otherwise only show when a user opens that screen."""
    from outreach.ui.main_window import PAGE_COUNT

    for key in range(PAGE_COUNT):
        window.show_page(key)
        app.processEvents()
    return len(window.pages)


def _distinct_colours(image: QImage, grid: int = 24) -> int:
    """Colours on a grid of sample points: a painted window has many, a blank one one or two."""
    if image.isNull():
        return 0
    seen = {
        image.pixel(x * (image.width() - 1) // grid, y * (image.height() - 1) // grid)
        for x in range(grid + 1)
        for y in range(grid + 1)
    }
    return len(seen)


UI_CHECKS: tuple[tuple[str, Callable[[Any], list[str]]], ...] = (
    ("translations", check_translations),
    ("main window", check_main_window),
)
