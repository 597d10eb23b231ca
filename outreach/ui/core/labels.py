"""The screens' labels for the services' codes: the shared ``outreach.labels``, in the UI's language.

Services speak in stable codes (``outreach.vocabulary``); the screens show words. The words come
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
agree; they no longer go through Qt Linguist. The table names and ``label(TABLE, code)`` stay the
call-site API the screens use; a table is now the code list itself.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from outreach import labels as shared
from outreach import vocabulary as codes
from outreach.ui.core.i18n import current_language

OUTCOME_LABELS = codes.Outcome
FILING_STATUS_LABELS = codes.FilingStatus
PORTAL_LABELS = codes.Portal
CHANNEL_LABELS = codes.Channel
REVIEW_LABELS = codes.ReviewStatus
FOLLOW_UP_LABELS = codes.FollowUpKind
ROLE_LABELS = codes.Role
ONLINE_LEVEL_LABELS = codes.OnlineLevel
PRIORITY_LABELS = codes.PriorityFlag
SEX_LABELS = codes.Sex
SCOPE_LABELS = codes.ScopeKind
PLACEHOLDER_LABELS = codes.Placeholder
RECORD_KIND_LABELS = codes.RecordKind
TARGET_METRIC_LABELS = codes.TargetMetric
DUPLICATE_REASON_LABELS = codes.DuplicateReason
DUPLICATE_DECISION_LABELS = codes.DuplicateDecision


def label(table: type[StrEnum], code: str | None) -> str:
    """The label of ``code`` of the list ``table`` in the UI's current language; unknown codes
    are shown as they are."""
    return shared.label(code, current_language(), of=table)


def name_text(name: str | None) -> str:
    """A report's name field in the UI's language (a real name, or a placeholder's label)."""
    return shared.name_text(name, current_language())


def scope_text(kind: str, name: str) -> str:
    """A report's scope as its heading says it, in the UI's language."""
    return shared.scope_text(kind, name, current_language())


def format_date(day: dt.date | dt.datetime | None) -> str:
    """dd/mm/yyyy in both languages (how Vietnamese forms write dates)."""
    if day is None:
        return ""
    return day.strftime("%d/%m/%Y")


def format_datetime(moment: dt.datetime | None) -> str:
    return moment.strftime("%d/%m/%Y %H:%M") if moment else ""


def format_time_span(start: dt.datetime | None, end: dt.datetime | None) -> str:
    """A visit's "08:30–09:10": how long the team stayed tells a leader more than its start alone.

    Visits recorded before the end was kept (``end`` None) show their start only; one that ran past
    midnight names the day it ended."""
    if start is None:
        return ""
    if end is None:
        return f"{start:%H:%M}"
    if end.date() != start.date():
        return f"{start:%H:%M}–{end:%d/%m %H:%M}"
    return f"{start:%H:%M}–{end:%H:%M}"
