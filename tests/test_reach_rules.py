"""The ages and due dates behind the reach lists (outreach.reach_rules), at their boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from outreach.reach_rules import (
    add_months,
    age_on,
    birth_registration_due,
    birthday,
    born_by,
    card_for_life,
    card_renewal_due,
    load_rules,
    rules_from,
    social_pension_from,
)
from outreach.resources import load_json

D = dt.date


def test_rules_come_from_the_data_file() -> None:
    rules = load_rules()
    assert rules.card_renewal_ages == (14, 25, 40, 60)
    assert rules.card_grace_years == 2
    assert rules.vneid_min_age == 14
    assert rules.birth_registration_days == 60
    assert rules.social_pension_age == 75
    assert rules.procedures["vneid_level2"] == "3.000228"


@pytest.mark.parametrize("age", [14, 25, 40, 60])
def test_the_day_before_and_of_each_renewal_birthday(age: int) -> None:
    born = D(1990, 7, 15)
    turns = D(1990 + age, 7, 15)
    assert age_on(born, turns - dt.timedelta(days=1)) == age - 1
    assert age_on(born, turns) == age
    assert age_on(born, turns + dt.timedelta(days=1)) == age


def test_leap_day_births_have_their_birthday_on_1_march_in_common_years() -> None:
    born = D(2012, 2, 29)
    assert birthday(born, 14) == D(2026, 3, 1)
    assert birthday(born, 16) == D(2028, 2, 29)
    assert age_on(born, D(2026, 2, 28)) == 13
    assert age_on(born, D(2026, 3, 1)) == 14
    # the query bound agrees with age_on on both sides of the day
    assert not born <= born_by(D(2026, 2, 28), 14)
    assert born <= born_by(D(2026, 3, 1), 14)
    assert born_by(D(2028, 2, 29), 14) == D(2014, 2, 28)


@pytest.mark.parametrize("day", [D(2026, 2, 28), D(2026, 3, 1), D(2028, 2, 29), D(2026, 12, 31), D(2027, 1, 1)])
@pytest.mark.parametrize("born", [D(2012, 2, 29), D(2012, 2, 28), D(2012, 3, 1), D(2013, 1, 1), D(2012, 12, 31)])
def test_born_by_is_the_same_rule_as_age_on(day: dt.date, born: dt.date) -> None:
    assert (born <= born_by(day, 14)) == ((age_on(born, day) or 0) >= 14)


def test_missing_dates_are_unknown_not_guessed() -> None:
    assert age_on(None, D(2026, 1, 1)) is None
    assert card_renewal_due(None, D(2020, 1, 1)) is None
    assert card_renewal_due(D(1990, 1, 1), None) is None
    assert not card_for_life(D(1950, 1, 1), None)
    assert birth_registration_due(None) is None
    assert social_pension_from(None) is None


def test_card_renewal_due_at_the_next_age() -> None:
    born = D(2000, 5, 10)
    assert card_renewal_due(born, D(2021, 6, 1)) == D(2025, 5, 10)  # issued at 21: renew at 25
    assert card_renewal_due(born, D(2026, 1, 1)) == D(2040, 5, 10)  # issued at 25: renew at 40
    assert card_renewal_due(D(2016, 3, 3), D(2024, 9, 1)) == D(2030, 3, 3)  # a child's card (age 8): at 14


def test_two_year_rule_boundary() -> None:
    born = D(1986, 4, 20)  # turns 40 on 20/04/2026; the grace period starts on 20/04/2024 (age 38)
    assert card_renewal_due(born, D(2024, 4, 19)) == D(2026, 4, 20)  # the day before: renew at 40
    assert card_renewal_due(born, D(2024, 4, 20)) == D(2046, 4, 20)  # within two years: valid until 60
    assert card_renewal_due(born, D(2026, 4, 19)) == D(2046, 4, 20)


def test_a_card_issued_at_58_or_later_is_for_life() -> None:
    born = D(1968, 8, 1)
    assert card_renewal_due(born, D(2026, 7, 31)) == D(2028, 8, 1)  # at 57: renew at 60
    assert card_renewal_due(born, D(2026, 8, 1)) is None  # at 58: for life
    assert card_for_life(born, D(2026, 8, 1))
    assert card_for_life(born, D(2030, 1, 1))


def test_two_year_rule_for_a_leap_day_birth() -> None:
    born = D(2000, 2, 29)  # turns 25 on 01/03/2025; 23 on 01/03/2023
    assert card_renewal_due(born, D(2023, 2, 28)) == D(2025, 3, 1)
    assert card_renewal_due(born, D(2023, 3, 1)) == D(2040, 2, 29)


def test_a_change_in_law_is_a_data_change() -> None:
    data = load_json("reach-rules.json")
    data["card_renewal"]["grace_years"] = 1
    data["social_pension"]["age"] = 80
    rules = rules_from(data)
    born = D(1986, 4, 20)
    assert card_renewal_due(born, D(2024, 4, 20), rules) == D(2026, 4, 20)  # 2 years before: no longer enough
    assert social_pension_from(D(1950, 1, 1), rules=rules) == D(2030, 1, 1)


def test_birth_registration_and_social_pension() -> None:
    assert birth_registration_due(D(2026, 11, 1)) == D(2026, 12, 31)
    assert social_pension_from(D(1952, 2, 29)) == D(2027, 3, 1)
    assert social_pension_from(D(1956, 6, 1), poor_household=True) == D(2026, 6, 1)


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 12, 1), 3) == D(2027, 3, 1)
    assert add_months(D(2026, 3, 31), -1) == D(2026, 2, 28)
