"""The ward's personal-data rules, as data (``resources/privacy.json``): request deadlines,
retention per ward, whom to ask, what the app cannot erase (issue 14).

Deadlines are counted in Vietnamese working days (``outreach.working_days``): Decree 356/2025
asks the controller to acknowledge a request within 2 working days; the time to fulfil it
differs by right and is kept in the file, so the office changes a number without a release.
A base module: the server (request register, retention) and the reports (privacy notice) read it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from outreach.resources import load_json
from outreach.vocabulary import DataRight
from outreach.working_days import add_working_days


@dataclass(frozen=True)
class RetentionRule:
    """Personal fields of a resident with no visit (and no open request) for
    ``inactive_resident_years`` are erased; visits older than ``visit_detail_years`` keep only
    their statistics (date, outcome, team, filings' procedure and date)."""

    inactive_resident_years: int
    visit_detail_years: int


@dataclass(frozen=True)
class PrivacyRules:
    acknowledge_working_days: int
    respond_working_days: dict[DataRight, int]
    office_who: str
    office_how: str
    kept_for: str
    not_erasable: tuple[str, ...]
    retention_default: RetentionRule
    retention_by_ward: dict[str, RetentionRule]

    def deadlines(self, right: DataRight | str, received: dt.date) -> tuple[dt.date, dt.date]:
        """(acknowledge by, respond by) for a request of ``right`` received on ``received``."""
        right = DataRight(right)
        return (add_working_days(received, self.acknowledge_working_days),
                add_working_days(received, self.respond_working_days[right]))

    def retention(self, ward_code: str) -> RetentionRule:
        """The ward's rule (by its 5-digit code), or the default."""
        return self.retention_by_ward.get(ward_code, self.retention_default)


def _retention(data: dict[str, Any]) -> RetentionRule:
    return RetentionRule(int(data["inactive_resident_years"]), int(data["visit_detail_years"]))


def parse_rules(data: dict[str, Any]) -> PrivacyRules:
    """Rules from the file's JSON; a right missing from ``respond_working_days`` is an error
    (a request of that right would have no deadline)."""
    respond = {DataRight(k): int(v) for k, v in data["respond_working_days"].items()}
    missing = set(DataRight) - set(respond)
    if missing:
        raise ValueError(f"privacy.json: no deadline for {', '.join(sorted(missing))}")
    retention = data.get("retention", {})
    return PrivacyRules(
        acknowledge_working_days=int(data["acknowledge_working_days"]),
        respond_working_days=respond,
        office_who=str(data["office_contact"]["who"]),
        office_how=str(data["office_contact"]["how"]),
        kept_for=str(data["kept_for"]),
        not_erasable=tuple(str(x) for x in data.get("not_erasable_by_the_app", ())),
        retention_default=_retention(retention.get("default", {"inactive_resident_years": 5, "visit_detail_years": 5})),
        retention_by_ward={str(code): _retention(rule) for code, rule in retention.get("wards", {}).items()},
    )


@functools.lru_cache(maxsize=1)
def privacy_rules() -> PrivacyRules:
    """The bundled rules (read once)."""
    return parse_rules(load_json("privacy.json"))
