"""The New visit form's draft: what was typed, as one dataclass, and how it is kept on disk.

Why a dataclass here and not widget code: the form's fields were listed six times over in the
screen (save as JSON, restore, reset, empty check, load a saved visit, build the input), and a
field added to one list but not another was silently lost on a crash. The fields are now listed
once, here; the screen only copies them to and from its widgets.

Why text fields stay text: a draft keeps what was *typed*, also a half-typed date ("15/01/2")
or topics not yet split, so restoring shows exactly what the volunteer left.

The JSON is the format drafts have always had on the laptops (``to_json`` writes it,
``from_json`` reads it and tolerates missing, extra and mistyped keys), so a draft saved by an
older version restores after an update.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from outreach.services.drafts import discard_draft, load_draft, save_draft
from outreach.services.visits import FilingInput, VisitInput, VisitView
from outreach.store.database import Store

#: The New visit form's one draft (the form is a single page, so it has one draft at a time).
DRAFT_ID = "new-visit"
DRAFT_KIND = "visit"


@dataclass
class FilingRow:
    """A filing as the form lists it: the service's input plus the names it shows."""

    procedure_code: str
    procedure_name: str
    resident_id: str | None = None
    resident_name: str = ""
    portal: str = "dvcqg"
    dossier_code: str = ""
    status: str = "prepared"
    fee_paid_online: bool = False
    id: str | None = None

    def to_input(self) -> FilingInput:
        return FilingInput(self.procedure_code, self.resident_id, self.portal, self.dossier_code, self.status,
                           self.fee_paid_online, id=self.id)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FilingRow | None:
        """The row, or None for one without a procedure (nothing to restore)."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if not isinstance(values.get("procedure_code"), str):
            return None
        values.setdefault("procedure_name", "")
        return cls(**values)


@dataclass
class VisitDraft:
    """Everything the New visit form holds, as typed."""

    household_id: str | None = None
    #: the "Chosen: …" line, shown again before the household is read back
    household_label: str = ""
    started_at: dt.datetime | None = None
    outcome: str | None = None
    #: as typed, comma-separated
    topics: str = ""
    notes: str = ""
    #: as typed (dd/mm/yyyy), possibly incomplete
    follow_up: str = ""
    satisfaction: int | None = None
    #: ids of the members ticked; None in a draft saved before members were recorded (the form
    #: then ticks this computer's user, as for a new visit)
    members_present: list[str] | None = None
    filings: list[FilingRow] = field(default_factory=list)
    #: the filing row being typed, not yet added
    procedure_text: str = ""
    dossier: str = ""

    def is_empty(self) -> bool:
        """Nothing worth keeping was typed (the defaults — time, outcome, members — do not count)."""
        return not (self.household_id or self.topics.strip() or self.notes.strip() or self.filings
                    or self.follow_up.strip() or self.dossier.strip())

    def to_input(self, follow_up_date: dt.date | None) -> VisitInput:
        """The visit to save; ``follow_up_date`` is ``follow_up`` parsed by the form (it owns the format)."""
        assert self.started_at is not None, "the form always has a start time"
        return VisitInput(
            household_id=self.household_id or "",
            started_at=self.started_at.replace(second=0, microsecond=0, tzinfo=None),
            outcome=self.outcome or "",
            members_present=list(self.members_present or []),
            topics=[t.strip() for t in self.topics.split(",") if t.strip()],
            notes=self.notes,
            follow_up_date=follow_up_date,
            satisfaction=self.satisfaction,
            filings=[r.to_input() for r in self.filings],
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "household_id": self.household_id,
            "household_label": self.household_label,
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "outcome": self.outcome,
            "topics": self.topics,
            "notes": self.notes,
            "follow_up": self.follow_up,
            "satisfaction": self.satisfaction,
            "members_present": None if self.members_present is None else list(self.members_present),
            "filings": [r.to_json() for r in self.filings],
            "procedure_text": self.procedure_text,
            "dossier": self.dossier,
        }

    @classmethod
    def from_json(cls, payload: Mapping[str, Any]) -> VisitDraft:
        """Read a saved draft; a missing or mistyped value falls back to the empty form's."""

        def text(key: str) -> str:
            value = payload.get(key)
            return value if isinstance(value, str) else ""

        started: dt.datetime | None = None
        if isinstance(payload.get("started_at"), str):
            try:
                started = dt.datetime.fromisoformat(payload["started_at"])
            except ValueError:
                started = None
        satisfaction = payload.get("satisfaction")
        members = payload.get("members_present")
        filings = payload.get("filings")
        rows = [FilingRow.from_json(f) for f in filings if isinstance(f, Mapping)] if isinstance(filings, list) else []
        return cls(
            household_id=payload.get("household_id") if isinstance(payload.get("household_id"), str) else None,
            household_label=text("household_label"),
            started_at=started,
            outcome=payload.get("outcome") if isinstance(payload.get("outcome"), str) else None,
            topics=text("topics"),
            notes=text("notes"),
            follow_up=text("follow_up"),
            satisfaction=satisfaction if isinstance(satisfaction, int) and not isinstance(satisfaction, bool) else None,
            members_present=[m for m in members if isinstance(m, str)] if isinstance(members, list) else None,
            filings=[r for r in rows if r is not None],
            procedure_text=text("procedure_text"),
            dossier=text("dossier"),
        )

    @classmethod
    def of_visit(cls, v: VisitView, household_label: str) -> VisitDraft:
        """A saved visit as the form shows it for editing (its filings keep their ids)."""
        return cls(
            household_id=v.household_id,
            household_label=household_label,
            started_at=v.started_at,
            outcome=v.outcome,
            topics=", ".join(v.topics),
            notes=v.notes,
            follow_up=v.follow_up_date.strftime("%d/%m/%Y") if v.follow_up_date else "",
            satisfaction=v.satisfaction,
            members_present=list(v.members_present),
            filings=[FilingRow(f.procedure_code, f.procedure_name, f.resident_id, "", f.portal, f.dossier_code,
                               f.status, f.fee_paid_online, f.id) for f in v.filings],
        )


def save_visit_draft(store: Store, draft: VisitDraft) -> None:
    """Keep ``draft`` (an empty one removes the draft: nothing to offer back)."""
    if draft.is_empty():
        discard_draft(store, DRAFT_ID)
    else:
        save_draft(store, DRAFT_ID, DRAFT_KIND, draft.to_json())


def load_visit_draft(store: Store) -> VisitDraft | None:
    payload = load_draft(store, DRAFT_ID)
    return VisitDraft.from_json(payload) if payload else None


def discard_visit_draft(store: Store) -> None:
    discard_draft(store, DRAFT_ID)
