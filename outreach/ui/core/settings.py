"""The desktop app's own settings, declared in one registry (after Vorta's ``store/settings.py``).

Only UI state lives in QSettings (window geometry, last screen, splitter sizes). What belongs to
the profile — language, role, server address — lives in the profile file, so the CLI and the app
agree. Each entry has a key, a default, a type and a translatable label.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QSettings

ORGANISATION = "Outreach"
APPLICATION = "Outreach"


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    type: type
    label: str  # English source; translate with QCoreApplication.translate("Settings", label)


WINDOW_GEOMETRY = Setting("window/geometry", QByteArray(), QByteArray, str(QT_TRANSLATE_NOOP("Settings", "Window size and position")))
WINDOW_STATE = Setting("window/state", QByteArray(), QByteArray, str(QT_TRANSLATE_NOOP("Settings", "Window layout")))
LAST_PAGE = Setting("window/last_page", 0, int, str(QT_TRANSLATE_NOOP("Settings", "Last screen shown")))
HOUSEHOLD_SPLITTER = Setting(
    "households/splitter", QByteArray(), QByteArray, str(QT_TRANSLATE_NOOP("Settings", "Households list and detail sizes"))
)

REGISTRY: tuple[Setting, ...] = (WINDOW_GEOMETRY, WINDOW_STATE, LAST_PAGE, HOUSEHOLD_SPLITTER)


class UiSettings:
    """Typed access to the registry, stored per profile folder (so tests and demos stay apart)."""

    def __init__(self, data_dir: Path) -> None:
        self._qs = QSettings(str(data_dir / "ui-settings.ini"), QSettings.Format.IniFormat)

    def get(self, setting: Setting) -> Any:
        value = self._qs.value(setting.key, setting.default)
        if value is None:
            return setting.default
        if setting.type is int:
            try:
                return int(str(value))
            except (TypeError, ValueError):
                return setting.default
        if setting.type is QByteArray and not isinstance(value, QByteArray):
            return setting.default
        return value

    def set(self, setting: Setting, value: Any) -> None:
        self._qs.setValue(setting.key, value)

    def sync(self) -> None:
        self._qs.sync()
