"""What the console writes to the office's append-only audit trail (``server.audit_trail``):
sign-ins, enrolment codes, revocations, wards and groups, catalogue edits, exports. Events name
the account by id and, for display, by its login (an office login, not a resident's data)."""

from __future__ import annotations

from typing import Any

from outreach.server import audit_trail
from outreach.server.accounts import Account
from outreach.server.db import ServerDb
from outreach.vocabulary import AuditAction, AuditActorKind, RecordKind


def note(db: ServerDb, account: Account, action: AuditAction, ward_id: str | None, *, what: str = "",
         target_kind: RecordKind | str | None = None, target_id: str | None = None, **detail: Any) -> None:
    """Append one console event; ``what`` says which change a ``console_change`` was."""
    with db.write() as conn:
        audit_trail.record(conn, actor_kind=AuditActorKind.CONSOLE_USER, actor_id=account.id, actor_name=account.login,
                           action=action, ward_id=ward_id, target_kind=target_kind, target_id=target_id,
                           detail={**({"what": what} if what else {}), **detail})
