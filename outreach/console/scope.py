"""What an account may see and change: every query of a page goes through these.

A city admin sees every ward; a ward admin, a ward viewer and a team leader one ward (a leader's
laptops and enrolments: their team's only). Only admins change things; a viewer reads. A ward
outside the scope is refused with 403 whether it exists or not (no probing by URL or by form)."""

from __future__ import annotations

from sqlalchemy import select

from outreach.console.security import Forbidden
from outreach.model import Team, Ward
from outreach.server.accounts import Account
from outreach.server.db import ServerDb
from outreach.vocabulary import ConsoleRole

ADMINS = (ConsoleRole.CITY_ADMIN, ConsoleRole.WARD_ADMIN)


def sees_all_wards(account: Account) -> bool:
    return account.role == ConsoleRole.CITY_ADMIN


def visible_wards(db: ServerDb, account: Account) -> list[dict[str, str]]:
    """The wards the account sees, by name: ``id``, ``name``, ``code``."""
    query = select(Ward.id, Ward.name, Ward.code).where(Ward.deleted.is_(False)).order_by(Ward.name)
    if not sees_all_wards(account):
        query = query.where(Ward.id == account.ward_id)
    with db.read() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def check_ward(account: Account, ward_id: str | None) -> str:
    """``ward_id`` if the account sees it, else ``Forbidden``."""
    if not ward_id or (not sees_all_wards(account) and ward_id != account.ward_id):
        raise Forbidden
    return ward_id


def check_admin(account: Account, ward_id: str | None) -> str:
    """``ward_id`` if the account may change it (an admin of it), else ``Forbidden``."""
    if account.role not in ADMINS:
        raise Forbidden
    return check_ward(account, ward_id)


def check_team(db: ServerDb, account: Account, team_id: str | None) -> dict[str, str]:
    """The team (``id``, ``ward_id``, ``name``) if the account may enrol laptops into it."""
    with db.read() as conn:
        row = conn.execute(select(Team.id, Team.ward_id, Team.name).where(Team.id == (team_id or ""), Team.deleted.is_(False))).first()
    if row is None:
        raise Forbidden
    if account.role == ConsoleRole.TEAM_LEADER:
        if row.id != account.team_id:
            raise Forbidden
    else:
        check_admin(account, row.ward_id)
    return dict(row._mapping)
