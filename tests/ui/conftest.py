"""Fixtures for the desktop app's tests: a main window over the fresh per-test profile.

Every test gets the parent conftest's new encrypted store, with the ward fixture's leader (or
volunteer) as the profile's identity and the procedure catalogue seeded, and the Vietnamese
translations installed (the app's default language).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from outreach.server.db import open_db
from outreach.services.procedures import seed_catalogue
from outreach.store.database import Store
from tests.helpers.sync import LiveServer, WardSetup, make_ward

# The offscreen platform plugin warns that it cannot propagate size hints; it is harmless.
QT_LOG_IGNORE = ("This plugin does not support propagateSizeHints",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(*QT_LOG_IGNORE))


def set_identity(store: Store, ward: dict[str, str], role: str) -> None:
    profile = store.profile
    profile.ward_id, profile.team_id = ward["ward"], ward["team"]
    profile.member_id = ward[role]
    profile.member_name = "Lê Thị Hạnh" if role == "leader" else "Phạm Quang Huy"
    profile.role = role
    profile.save()


@pytest.fixture
def make_window(qtbot, store: Store, ward: dict[str, str]) -> Iterator[Callable[..., object]]:
    """``make_window(role="leader", language="vi")`` → a shown MainWindow; closed at the end."""
    from outreach.ui.app import application, build_window
    from outreach.ui.core.i18n import Translations

    application()
    seed_catalogue(store)
    made: list[tuple[object, object]] = []

    def make(role: str = "leader", language: str = "vi") -> object:
        set_identity(store, ward, role)
        translations = Translations()
        translations.apply(language)
        window, runner = build_window(store, translations)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        made.append((window, runner))
        return window

    yield make
    for window, runner in made:
        window.close()  # type: ignore[attr-defined]
        runner.shutdown(wait=True)  # type: ignore[attr-defined]
        runner.deleteLater()  # type: ignore[attr-defined]
    qtbot.wait(1)  # deferred deletes run while the QApplication is alive

    Translations().apply("vi")


@pytest.fixture
def window(make_window: Callable[..., object]) -> object:
    return make_window()



@pytest.fixture(autouse=True)
def _collect_qt_garbage(qtbot) -> Iterator[None]:
    """Collect each test's Python wrappers of Qt objects while the QApplication is alive.

    Left to the interpreter's final garbage collection, PySide6 wrappers of already-deleted
    widgets were freed after Qt shut down, which crashed the process at exit.
    """
    yield
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture
def live_ward(tmp_path: Path) -> Iterator[WardSetup]:
    """A real Outreach server on 127.0.0.1 (SQLite) with one ward and team, for sync from the UI."""
    db = open_db(f"sqlite:///{tmp_path / 'office.db'}")
    server = LiveServer(db)
    yield make_ward(server)
    server.stop()
    db.dispose()
