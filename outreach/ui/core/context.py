"""What every screen needs, passed in explicitly (no global ``mw`` singleton, unlike Anki)."""

from __future__ import annotations

from dataclasses import dataclass

from outreach.services.context import Actor
from outreach.store.database import Store
from outreach.ui.core.i18n import Translations
from outreach.ui.core.tasks import TaskRunner


@dataclass
class UiContext:
    runner: TaskRunner
    store: Store
    actor: Actor
    translations: Translations

    @property
    def language(self) -> str:
        """"vi" or "en": also picks the message of an ``OutreachError`` (services carry both)."""
        return self.translations.language
