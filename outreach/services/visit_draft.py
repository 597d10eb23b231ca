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

Why several drafts: a volunteer who starts house B before finishing house A must find A again
(as ODK Collect's "Drafts"). Each visit being typed is its own row of the drafts table, keyed
``visit:<random>``; the one draft older versions kept (``new-visit``) is simply one of them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from outreach.services.drafts import discard_draft, load_draft, load_drafts, save_draft
from outreach.services.visits import FilingInput, VisitInput, VisitView
from outreach.store.database import Store

#: The key of the one draft versions before several drafts kept (restored like any other).
LEGACY_DRAFT_ID = "new-visit"
DRAFT_KIND = "visit"
DRAFT_ID_PREFIX = "visit:"


def new_draft_id() -> str:
    """A fresh key for a visit begun now (random: two laptops' drafts never meet, drafts do not sync)."""
    return DRAFT_ID_PREFIX + uuid.uuid4().hex


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
    #: a procedure not in the catalogue ("khác"): its typed name and code
    other_name: str = ""
    other_code: str = ""
    channel: str | None = None
    electronic_result: bool | None = None

    def to_input(self) -> FilingInput:
        return FilingInput(self.procedure_code, self.resident_id, self.portal, self.dossier_code, self.status,
                           self.fee_paid_online, id=self.id, other_name=self.other_name, other_code=self.other_code,
                           channel=self.channel, electronic_result=self.electronic_result)

    def to_json(self) -> dict[str, Any]:
        """The row's JSON; the "khác" keys only when set, so a catalogued row is saved exactly
        as versions before them saved it (and they read it back)."""
        data = asdict(self)
        for key in ("other_name", "other_code"):
            if not data[key]:
                del data[key]
        return data

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
    #: the household as the drafts list names it (head — address), without the "Chosen:" words
    household_text: str = ""
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
    #: the filing row being typed, not yet added ("Add filing" not pressed): every field of it
    procedure_text: str = ""
    dossier: str = ""
    #: the procedure picked from the list for that row (None: only typed, not picked)
    pending_procedure: str | None = None
    #: the resident the row is for (None: the household)
    pending_for: str | None = None
    #: the row's portal and status codes (None: the form's first choice)
    pending_portal: str | None = None
    pending_status: str | None = None
    pending_fee: bool = False
    #: this draft's key in the drafts table (the row's id, not part of its JSON)
    draft_id: str | None = field(default=None, compare=False)

    def is_empty(self) -> bool:
        """Nothing worth keeping was typed (the defaults — time, outcome, members — do not count)."""
        return not (self.household_id or self.topics.strip() or self.notes.strip() or self.filings
                    or self.follow_up.strip() or self.dossier.strip() or self.procedure_text.strip())

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
            "household_text": self.household_text,
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
            "pending_procedure": self.pending_procedure,
            "pending_for": self.pending_for,
            "pending_portal": self.pending_portal,
            "pending_status": self.pending_status,
            "pending_fee": self.pending_fee,
        }

    @classmethod
    def from_json(cls, payload: Mapping[str, Any]) -> VisitDraft:
        """Read a saved draft; a missing or mistyped value falls back to the empty form's."""

        def text(key: str) -> str:
            value = payload.get(key)
            return value if isinstance(value, str) else ""

        def code(key: str) -> str | None:
            value = payload.get(key)
            return value if isinstance(value, str) and value else None

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
            household_text=text("household_text"),
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
            pending_procedure=code("pending_procedure"),
            pending_for=code("pending_for"),
            pending_portal=code("pending_portal"),
            pending_status=code("pending_status"),
            pending_fee=payload.get("pending_fee") is True,
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
                               f.status, f.fee_paid_online, f.id, f.other_name, f.other_code, f.channel, f.electronic_result)
                              for f in v.filings],
        )


@dataclass(frozen=True)
class DraftSummary:
    """A kept visit draft as the drafts list shows it."""

    draft_id: str
    #: "head — address" ("" : no household chosen yet)
    household: str
    started_at: dt.datetime | None
    updated_at: dt.datetime


def _of_stored(draft_id: str, payload: Mapping[str, Any]) -> VisitDraft:
    draft = VisitDraft.from_json(payload)
    draft.draft_id = draft_id
    return draft


def save_visit_draft(store: Store, draft: VisitDraft) -> None:
    """Keep ``draft`` under its key (an empty one removes that draft: nothing to offer back)."""
    assert draft.draft_id, "a kept draft has a key"
    if draft.is_empty():
        discard_draft(store, draft.draft_id)
    else:
        save_draft(store, draft.draft_id, DRAFT_KIND, draft.to_json())


def list_visit_drafts(store: Store) -> list[DraftSummary]:
    """The kept visit drafts, the most recently edited first."""
    summaries = []
    for row in load_drafts(store, DRAFT_KIND):
        draft = VisitDraft.from_json(row.payload)
        # older drafts have only the "Chosen: …" line; with no household that line says so in words
        household = draft.household_text or (draft.household_label if draft.household_id else "")
        summaries.append(DraftSummary(row.id, household, draft.started_at, row.updated_at))
    return summaries


def load_visit_draft(store: Store, draft_id: str | None = None) -> VisitDraft | None:
    """The draft ``draft_id``, or (None) the most recently edited one; None when there is none."""
    if draft_id is None:
        rows = load_drafts(store, DRAFT_KIND)
        return _of_stored(rows[0].id, rows[0].payload) if rows else None
    payload = load_draft(store, draft_id)
    return _of_stored(draft_id, payload) if payload else None


def discard_visit_draft(store: Store, draft_id: str) -> None:
    discard_draft(store, draft_id)
