"""Ages and due dates behind the reach lists: one tested module, rules read from data.

The statutory numbers (card renewal ages, the two-year rule, VNeID level 2 from 14, birth
registration within 60 days, the social pension age) live in ``resources/reach-rules.json``
beside the procedure catalogue, so a change in law is a data change (DOMAIN.md). This module
only does the date arithmetic, the same way everywhere:

* a birthday that does not exist in a year (29 February in a common year) falls on 1 March, the
  day the person is a year older (the coverage report's VNeID count counts ages the same way);
* a chip card issued to a person at an age before a renewal age must be renewed on the day they
  reach it, unless it was issued within the ``grace_years`` before that day (on or after the
  birthday ``grace_years`` earlier): then it stays valid until the next renewal age; a card
  issued within the grace years before the last age (60: so at 58 or later) is valid for life;
* a missing date gives ``None`` ("unknown"), never a guess: a list leaves such people out.

A base module: no database, no Qt; imports only other base modules.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from outreach.resources import load_json

RULES_FILE = "reach-rules.json"


@dataclass(frozen=True)
class ReachRules:
    """The statutory numbers, as ``resources/reach-rules.json`` states them."""

    card_renewal_ages: tuple[int, ...]
    card_grace_years: int
    vneid_min_age: int
    old_cmnd_valid_until: dt.date
    child_id_under_age: int
    birth_registration_days: int
    social_pension_age: int
    social_pension_age_poor: int
    months_ahead: int
    priority_not_visited_months: int
    newborn_days: int
    #: list code -> the procedure (mã TTHC) a team helps with for it
    procedures: dict[str, str]


def rules_from(data: dict[str, Any]) -> ReachRules:
    """The rules of one parsed ``reach-rules.json`` (tests pass their own to change a number)."""
    card = data["card_renewal"]
    defaults = data["defaults"]
    pension = data["social_pension"]
    return ReachRules(
        card_renewal_ages=tuple(sorted(int(a) for a in card["ages"])),
        card_grace_years=int(card["grace_years"]),
        vneid_min_age=int(data["vneid_level2"]["min_age"]),
        old_cmnd_valid_until=dt.date.fromisoformat(data["old_cmnd"]["valid_until"]),
        child_id_under_age=int(data["child_personal_id"]["under_age"]),
        birth_registration_days=int(data["birth_registration"]["due_days"]),
        social_pension_age=int(pension["age"]),
        social_pension_age_poor=int(pension["poor_household_age"]),
        months_ahead=int(defaults["months_ahead"]),
        priority_not_visited_months=int(defaults["priority_not_visited_months"]),
        newborn_days=int(defaults["newborn_days"]),
        procedures={key: str(value["procedure"]) for key, value in data.items()
                    if isinstance(value, dict) and "procedure" in value},
    )


@functools.lru_cache(maxsize=1)
def load_rules() -> ReachRules:
    """The bundled rules (read once)."""
    return rules_from(load_json(RULES_FILE))


def birthday(born: dt.date, age: int) -> dt.date:
    """The day a person born on ``born`` reaches ``age`` (29 February → 1 March in a common year)."""
    year = born.year + age
    if born.month == 2 and born.day == 29 and not calendar.isleap(year):
        return dt.date(year, 3, 1)
    return born.replace(year=year)


def age_on(born: dt.date | None, day: dt.date) -> int | None:
    """Completed years on ``day`` (None when the date of birth is unknown)."""
    if born is None:
        return None
    years = day.year - born.year
    return years if birthday(born, years) <= day else years - 1


def born_by(day: dt.date, age: int) -> dt.date:
    """The latest date of birth of someone who is ``age`` or older on ``day``: a query bound
    (``date_of_birth <= born_by(day, 14)`` is "aged 14+ on day"), equal to ``age_on``'s rule."""
    year = day.year - age
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return day.replace(year=year)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` ``months`` later (or earlier), clamped to the month's last day (31/1 + 1 → 28/2)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def card_renewal_due(born: dt.date | None, issued: dt.date | None, rules: ReachRules | None = None) -> dt.date | None:
    """The day a chip card issued on ``issued`` to a person born ``born`` must be renewed.

    None when a date is missing, or when the card is valid for life (issued within the grace
    years before the last renewal age, or after it). Tell the two apart with ``card_for_life``.
    """
    if born is None or issued is None:
        return None
    rules = rules or load_rules()
    for age in rules.card_renewal_ages:
        turns = birthday(born, age)
        grace_from = birthday(born, age - rules.card_grace_years)
        if issued < grace_from:
            return turns
    return None


def card_for_life(born: dt.date | None, issued: dt.date | None, rules: ReachRules | None = None) -> bool:
    """Whether the card needs no more renewal (both dates known, no renewal age left)."""
    return born is not None and issued is not None and card_renewal_due(born, issued, rules) is None


def birth_registration_due(born: dt.date | None, rules: ReachRules | None = None) -> dt.date | None:
    """The last day to register a birth (within 60 days of it)."""
    if born is None:
        return None
    return born + dt.timedelta(days=(rules or load_rules()).birth_registration_days)


def social_pension_from(born: dt.date | None, poor_household: bool = False, rules: ReachRules | None = None) -> dt.date | None:
    """The day a person reaches the monthly social pension's age (lower in a poor household)."""
    if born is None:
        return None
    rules = rules or load_rules()
    return birthday(born, rules.social_pension_age_poor if poor_household else rules.social_pension_age)
