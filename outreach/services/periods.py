"""Report periods and scopes, parsed from what a leader types or an office script passes.

A period is a half-open date interval [start, end) so that "visits in November" is one indexed
range condition on ``visits.started_at`` and weeks, months and custom ranges share every query.
A scope says whose work is counted: the whole ward, one residential group, one team or one
volunteer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from outreach.errors import OutreachError
from outreach.timeutil import format_date_vn, iso_week_bounds, iso_week_of
from outreach.vocabulary import ScopeKind

PERIOD_WEEK = "week"
PERIOD_MONTH = "month"
PERIOD_RANGE = "range"

SCOPE_WARD = ScopeKind.WARD
SCOPE_GROUP = ScopeKind.GROUP
SCOPE_TEAM = ScopeKind.TEAM
SCOPE_VOLUNTEER = ScopeKind.VOLUNTEER
SCOPE_KINDS: tuple[ScopeKind, ...] = tuple(ScopeKind)

_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")
#: A longer custom range would make the weekly trend and the tables meaningless, and is a typo
#: more often than a wish (2026-11-01..2062-11-30).
MAX_RANGE_DAYS = 366 * 2


class PeriodError(OutreachError, ValueError):
    code = "invalid_period"


@dataclass(frozen=True)
class Period:
    """[start, end) in Vietnam local dates, with the label it was parsed from."""

    kind: str
    label: str
    start: dt.date
    end: dt.date  # exclusive

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    @property
    def start_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time())

    @property
    def end_at(self) -> dt.datetime:
        return dt.datetime.combine(self.end, dt.time())

    def title(self, language: str = "vi") -> str:
        """How a printed report names the period: "Tuần 47/2026 (16/11/2026 – 22/11/2026)"."""
        span = f"{format_date_vn(self.start)} – {format_date_vn(self.last_day)}"
        if self.kind == PERIOD_WEEK:
            year, week = self.label.split("-W")
            return f"{'Week' if language == 'en' else 'Tuần'} {int(week)}/{year} ({span})"
        if self.kind == PERIOD_MONTH:
            return f"{'Month' if language == 'en' else 'Tháng'} {self.start.month:02d}/{self.start.year} ({span})"
        return span


def week_period(label: str) -> Period:
    start, end = iso_week_bounds(label)
    return Period(PERIOD_WEEK, iso_week_of(start), start, end)


def month_period(year: int, month: int) -> Period:
    start = dt.date(year, month, 1)
    end = dt.date(year + (month == 12), month % 12 + 1, 1)
    return Period(PERIOD_MONTH, f"{year}-{month:02d}", start, end)


def range_period(first: dt.date, last: dt.date) -> Period:
    """A custom range, both ends inclusive as people say them."""
    if last < first:
        raise PeriodError(
            "Ngày kết thúc phải sau ngày bắt đầu.", "The end date must not be before the start date."
        )
    if (last - first).days > MAX_RANGE_DAYS:
        raise PeriodError(
            "Khoảng thời gian dài quá 2 năm; hãy chọn khoảng ngắn hơn.",
            "The range is longer than 2 years; choose a shorter one.",
        )
    return Period(PERIOD_RANGE, f"{first.isoformat()}..{last.isoformat()}", first, last + dt.timedelta(days=1))


def parse_period(text: str) -> Period:
    """``2026-W47`` (ISO week), ``2026-11`` (month) or ``2026-11-01..2026-11-30`` (inclusive)."""
    value = text.strip()
    try:
        if m := _WEEK.match(value):
            return week_period(f"{int(m.group(1))}-W{int(m.group(2)):02d}")
        if m := _MONTH.match(value):
            return month_period(int(m.group(1)), int(m.group(2)))
        if m := _RANGE.match(value):
            return range_period(dt.date.fromisoformat(m.group(1)), dt.date.fromisoformat(m.group(2)))
    except PeriodError:
        raise
    except ValueError:
        pass
    raise PeriodError(
        f"Không hiểu kỳ báo cáo “{text}”: dùng 2026-W47 (tuần), 2026-11 (tháng) hoặc 2026-11-01..2026-11-30.",
        f"Cannot read the period “{text}”: use 2026-W47 (week), 2026-11 (month) or 2026-11-01..2026-11-30.",
    )


@dataclass(frozen=True)
class Scope:
    """Whose work a report counts; ``id`` is the group, team or member id (None for the ward)."""

    kind: str = SCOPE_WARD
    id: str | None = None

    def __str__(self) -> str:
        return self.kind if self.id is None else f"{self.kind}:{self.id}"


WARD = Scope()


def parse_scope(text: str) -> Scope:
    """``ward``, ``group:ID``, ``team:ID`` or ``volunteer:ID``."""
    value = text.strip()
    kind, _, ident = value.partition(":")
    kind = kind.strip().lower()
    ident = ident.strip()
    if kind == SCOPE_WARD and not ident:
        return WARD
    if kind in SCOPE_KINDS and kind != SCOPE_WARD and ident:
        return Scope(kind, ident)
    raise PeriodError(
        f"Không hiểu phạm vi “{text}”: dùng ward, group:ID, team:ID hoặc volunteer:ID.",
        f"Cannot read the scope “{text}”: use ward, group:ID, team:ID or volunteer:ID.",
        code="invalid_scope",
    )
