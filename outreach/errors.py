"""Typed errors the user can act on, each carrying a Vietnamese and an English message.

Following qutebrowser's split between environment errors and bugs: anything raised as an
``OutreachError`` is something the user (or the office) can fix, and the UI and CLI show its
message in the chosen language without a traceback. Any other exception is a bug: it is logged
with context and reported, never dressed up as a user error.

Messages live here rather than in Qt's translation files because services run without Qt
(CLI, server, tests); the UI chooses ``message_vi`` or ``message_en`` by its language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol


class OutreachError(Exception):
    """Base of every error a user can act on."""

    code: str = "error"

    def __init__(self, message_vi: str, message_en: str, *, code: str | None = None) -> None:
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en
        if code is not None:
            self.code = code

    def message(self, language: str = "vi") -> str:
        """The message in ``language`` ("vi" or "en"); Vietnamese is the default."""
        return self.message_en if language == "en" else self.message_vi


@dataclass(frozen=True)
class FieldNote:
    """Something to tell the user about one input field, in both languages."""

    field: str
    code: str
    message_vi: str
    message_en: str

    def message(self, language: str = "vi") -> str:
        return self.message_en if language == "en" else self.message_vi


class FieldProblem(FieldNote):
    """A problem that blocks saving: the form shows it next to the field."""


class ValidationError(OutreachError, ValueError):
    """Input that must be corrected before anything is saved; nothing was written."""

    code = "validation"

    def __init__(self, problems: list[FieldProblem]) -> None:
        if not problems:
            raise ValueError("ValidationError needs at least one problem")
        self.problems = list(problems)
        first = problems[0]
        vi = "; ".join(p.message_vi for p in problems)
        en = "; ".join(p.message_en for p in problems)
        super().__init__(vi, en, code=first.code)

    def for_field(self, name: str) -> list[FieldProblem]:
        return [p for p in self.problems if p.field == name]


class FieldWarning(FieldNote):
    """A doubt about one field that the user may override (e.g. personal ID digits disagree with
    the birth year): unlike a ``FieldProblem`` it does not block saving, it asks for confirmation."""


class Identified(Protocol):
    """A record view with an id (household summary, resident view): what ``existing`` holds."""

    @property
    def id(self) -> str: ...


class NeedsConfirmation(OutreachError):
    """The input is plausible but doubtful: saving needs ``confirm=True``; nothing was written.

    ``warnings`` say what is doubtful; ``existing`` carries the record(s) the input may
    duplicate, so the UI can offer to open the existing one instead.
    """

    code = "needs_confirmation"

    def __init__(self, warnings: list[FieldWarning], existing: Sequence[Identified] | None = None) -> None:
        self.warnings = list(warnings)
        self.existing = list(existing or [])
        super().__init__(
            "; ".join(w.message_vi for w in warnings),
            "; ".join(w.message_en for w in warnings),
            code=warnings[0].code if warnings else "needs_confirmation",
        )


class NotFound(OutreachError):
    code = "not_found"


class PermissionDenied(OutreachError):
    code = "permission_denied"


class WeekLocked(OutreachError):
    code = "week_locked"


class StoreError(OutreachError):
    """The local database cannot be opened or used (locked, newer than the app, wrong key)."""

    code = "store"


class KeyringUnavailable(OutreachError):
    """No OS keyring backend: secrets cannot be kept safely, so we refuse to continue."""

    code = "keyring_unavailable"


@dataclass
class Problems:
    """Collects field problems so a form reports all of them at once, not one per save."""

    items: list[FieldProblem] = field(default_factory=list)

    def add(self, field_name: str, code: str, vi: str, en: str) -> None:
        self.items.append(FieldProblem(field_name, code, vi, en))

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(self.items)


class SelfTestFailed(Exception):
    """A check of ``outreach --self-test`` saw something wrong; the message says what.

    Here rather than in the command so that its Qt half (``outreach.ui.selftest``) can raise it
    without importing ``commands``."""
