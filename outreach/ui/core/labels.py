"""Translatable labels for the services' codes (outcomes, statuses, portals, roles).

Services speak in stable codes ("helped", "guided_only"); the UI shows words. Tables of labels are
marked with ``QT_TRANSLATE_NOOP`` so lupdate collects them, and translated when shown.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

CONTEXT = "Labels"

OUTCOME_LABELS = {
    "helped": QT_TRANSLATE_NOOP("Labels", "Helped"),
    "guided": QT_TRANSLATE_NOOP("Labels", "Guided"),
    "not_home": QT_TRANSLATE_NOOP("Labels", "Not at home"),
    "refused": QT_TRANSLATE_NOOP("Labels", "Declined"),
    "revisit_needed": QT_TRANSLATE_NOOP("Labels", "Revisit needed"),
}
FILING_STATUS_LABELS = {
    "prepared": QT_TRANSLATE_NOOP("Labels", "Papers prepared"),
    "submitted": QT_TRANSLATE_NOOP("Labels", "Submitted"),
    "guided_only": QT_TRANSLATE_NOOP("Labels", "Guided only"),
    "returned": QT_TRANSLATE_NOOP("Labels", "Returned for more papers"),
    "completed": QT_TRANSLATE_NOOP("Labels", "Completed"),
    "rejected": QT_TRANSLATE_NOOP("Labels", "Rejected"),
}
PORTAL_LABELS = {
    "dvcqg": QT_TRANSLATE_NOOP("Labels", "National public service portal"),
    "vneid": QT_TRANSLATE_NOOP("Labels", "VNeID app"),
    "bhxh": QT_TRANSLATE_NOOP("Labels", "Social insurance (VssID)"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other"),
}
REVIEW_LABELS = {
    "pending": QT_TRANSLATE_NOOP("Labels", "Waiting for review"),
    "approved": QT_TRANSLATE_NOOP("Labels", "Approved"),
    "flagged": QT_TRANSLATE_NOOP("Labels", "Flagged for correction"),
    "corrected": QT_TRANSLATE_NOOP("Labels", "Corrected"),
}
FOLLOW_UP_LABELS = {
    "overdue": QT_TRANSLATE_NOOP("Labels", "Overdue"),
    "due": QT_TRANSLATE_NOOP("Labels", "Due soon"),
    "flagged": QT_TRANSLATE_NOOP("Labels", "Returned by the leader"),
}
ROLE_LABELS = {
    "volunteer": QT_TRANSLATE_NOOP("Labels", "Volunteer"),
    "leader": QT_TRANSLATE_NOOP("Labels", "Team leader"),
}
ONLINE_LEVEL_LABELS = {
    "full": QT_TRANSLATE_NOOP("Labels", "Fully online"),
    "partial": QT_TRANSLATE_NOOP("Labels", "Partly online"),
    "counter": QT_TRANSLATE_NOOP("Labels", "At the counter"),
}
SEX_LABELS = {
    "Nam": QT_TRANSLATE_NOOP("Labels", "Male"),
    "Nữ": QT_TRANSLATE_NOOP("Labels", "Female"),
}


def label(table: dict[str, str], code: str | None) -> str:
    """The translated label of ``code`` in ``table``; unknown codes are shown as they are."""
    if code is None:
        return ""
    source = table.get(code)
    return QCoreApplication.translate(CONTEXT, source) if source else code


def format_date(day: dt.date | dt.datetime | None) -> str:
    """dd/mm/yyyy in both languages (how Vietnamese forms write dates)."""
    if day is None:
        return ""
    return day.strftime("%d/%m/%Y")


def format_datetime(moment: dt.datetime | None) -> str:
    return moment.strftime("%d/%m/%Y %H:%M") if moment else ""
