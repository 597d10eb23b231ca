"""Loading the app's translations and Qt's own, and switching language at run time.

Source strings are English; Vietnamese is the default language. Qt ships no ``qtbase_vi.qm``,
so ``resources/translations/qtbase_vi.ts`` carries our Vietnamese for Qt's standard buttons,
message boxes and text-field menus; it is built to ``.qm`` with the app's files by
``scripts/build_translations`` (pyside6-lrelease) and loaded here like Qt's own would be.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from outreach.resources import resource_path
from outreach.ui.core.qtcompat import incref

log = logging.getLogger(__name__)

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
#: The .qm base names loaded for a language, app strings last so they win on a clash.
CATALOGUES = ("qtbase", "outreach")


def translations_dir() -> str:
    return str(resource_path("translations"))


class _AppTranslator(QTranslator):
    """The app's translator, which also looks in the empty context when a context misses.

    lupdate cannot see the class behind an aliased ``tr = self.tr`` and files such strings under
    the empty context, while at run time they are looked up under the class name; this fallback
    keeps them translated (the aliases should still be replaced by direct ``self.tr`` calls).
    """

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:  # noqa: D102
        found = super().translate(context, source, disambiguation, n)
        if not found and context:
            found = super().translate("", source, disambiguation, n)
        if found:
            return found
        # None is Qt's "no translation here" (an empty string would count as a translation).
        # PySide6 6.12 drops a reference to the None a Python override returns; give it one
        # (an extra reference to None is harmless, a missing one aborts the interpreter).
        incref(None)
        return None


#: The language last applied: what ``outreach.ui.core.labels`` shows codes in. Module-level for
#: the same reason as ``_installed``: the installed translators are the process's language.
_current_language = DEFAULT_LANGUAGE


def current_language() -> str:
    """The language the UI shows now ("vi" or "en")."""
    return _current_language


#: Translators currently installed on the application. Module-level because the application is
#: one per process: whichever ``Translations`` applies a language replaces all of them.
_installed: list[QTranslator] = []


class Translations:
    """Installs the translators of one language, replacing any installed before."""

    def __init__(self) -> None:
        self.language = DEFAULT_LANGUAGE

    def apply(self, language: str) -> str:
        """Install the translators for ``language`` ("vi" or "en"); returns the language used."""
        language = language if language in LANGUAGES else DEFAULT_LANGUAGE
        app = QCoreApplication.instance()
        assert app is not None, "create the QApplication first"
        for translator in _installed:
            app.removeTranslator(translator)
            translator.deleteLater()
        _installed.clear()
        for base in CATALOGUES:
            translator = _AppTranslator(app) if base == "outreach" else QTranslator(app)
            if translator.load(f"{base}_{language}", translations_dir()):
                app.installTranslator(translator)
                _installed.append(translator)
            elif language != "en":  # English is the source language: an empty file is fine
                log.warning("translation %s_%s.qm missing in %s", base, language, translations_dir())
        locale = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam) if language == "vi" else QLocale(
            QLocale.Language.English, QLocale.Country.UnitedKingdom
        )
        QLocale.setDefault(locale)
        global _current_language
        _current_language = language
        self.language = language
        return language
