"""Vietnamese working days: when a dossier's result is due.

A procedure's processing time is set in working days (ngày làm việc): Saturdays, Sundays and
public holidays do not count. The public holidays come from the maintained ``holidays`` library
(Tết, Hùng Kings' day, 30/4, 1/5, 2/9 and the substitute days the government announces), not a
list typed here that would go stale; on top of them an office sets its own extra days off (a
longer Tết schedule, a day the ward office is closed), passed in as ``extra_days_off``.

The count starts on the working day after the dossier was submitted (the day of receipt is not
counted), so a 3-working-day procedure submitted on a Friday is due on the Wednesday after.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection

import holidays

SATURDAY = 5
_ONE_DAY = dt.timedelta(days=1)


@functools.lru_cache(maxsize=16)
def public_holidays(year: int) -> frozenset[dt.date]:
    """Vietnam's public holidays (and official substitute days off) of ``year``."""
    return frozenset(holidays.country_holidays("VN", years=year))


def is_working_day(day: dt.date, extra_days_off: Collection[dt.date] = ()) -> bool:
    return day.weekday() < SATURDAY and day not in public_holidays(day.year) and day not in extra_days_off


def add_working_days(start: dt.date, days: int, extra_days_off: Collection[dt.date] = ()) -> dt.date:
    """The ``days``-th working day after ``start`` (``start`` itself not counted); ``start`` for 0."""
    day = start
    left = days
    year, holidays_of_year = 0, frozenset[dt.date]()
    while left > 0:
        day += _ONE_DAY
        if day.year != year:  # the year's holidays once, not a cache look-up per day (Follow-ups ask thousands)
            year, holidays_of_year = day.year, public_holidays(day.year)
        if day.weekday() < SATURDAY and day not in holidays_of_year and day not in extra_days_off:
            left -= 1
    return day
