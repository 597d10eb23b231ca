"""Time helpers. Domain datetimes are naive Vietnam local time (UTC+7, no DST).

A ward lives in a single time zone, and storing its wall time keeps "which ISO week was this
visit in" a plain SQL question on every device and on a server running in UTC.
"""

from __future__ import annotations

import datetime as dt

VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")


def now_local() -> dt.datetime:
    """Current Vietnam wall time, naive, to the second."""
    return dt.datetime.now(VIETNAM).replace(tzinfo=None, microsecond=0)


def today_local() -> dt.date:
    return now_local().date()


def iso_week_of(day: dt.date) -> str:
    """ISO week label such as "2026-W47"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def iso_week_bounds(label: str) -> tuple[dt.date, dt.date]:
    """Monday and the following Monday of an ISO week label (half-open interval)."""
    try:
        year_text, week_text = label.split("-W")
        monday = dt.date.fromisocalendar(int(year_text), int(week_text), 1)
    except ValueError as exc:
        raise ValueError(f"not an ISO week: {label!r} (expected e.g. 2026-W47)") from exc
    return monday, monday + dt.timedelta(days=7)


def format_date_vn(day: dt.date | None) -> str:
    """dd/mm/yyyy, as Vietnamese forms write dates."""
    return day.strftime("%d/%m/%Y") if day else ""
