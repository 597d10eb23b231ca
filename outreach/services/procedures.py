"""The procedure catalogue in the local database, and the filings of procedures it lacks ("khác").

The catalogue ships in ``resources/procedures.json`` and the server can update it through pull.
Seeded rows carry the zero stamp, so any version the server sends wins the merge, and seeding
writes no outbox entries: a device never pushes the national catalogue back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from outreach.catalogue import OTHER_PROCEDURE_CODE, Catalogue, ProcedureInfo, channel_terms, load_catalogue
from outreach.model import Filing, Procedure, Visit, Ward, synced_fields
from outreach.model.clock import HLC_ZERO
from outreach.store.database import Store
from outreach.timeutil import today_local
from outreach.vietnamese_fold import fold

#: A procedure as the laptop's database holds it: the catalogue's own record (the database is
#: seeded from the catalogue and updated by the server, field for field).
ProcedureView = ProcedureInfo


def seed_catalogue(store: Store) -> int:
    """Insert catalogue procedures the database lacks; returns how many were added."""
    catalogue = load_catalogue()
    with store.write() as tx:
        present = set(tx.session.scalars(select(Procedure.id)))
        rows = []
        for info in catalogue.procedures:
            if info.code in present:
                continue
            row: dict[str, object] = {"id": info.code, "ward_id": None, "deleted": False, **info.stored_values()}
            row["clocks"] = dict.fromkeys(synced_fields(Procedure), HLC_ZERO)
            rows.append(row)
        if rows:
            tx.session.execute(insert(Procedure), rows)
        return len(rows)


def _view(p: Procedure) -> ProcedureView:
    """A stored row as the catalogue's record; fields a row from before migration 0004c lacks are empty."""
    papers = p.papers or {}
    return ProcedureView(
        p.id, p.name_vi, p.name_en, p.field_vi, p.field_en, p.online_level, p.essential,
        code_verified=p.id != OTHER_PROCEDURE_CODE, formality_id=p.formality_id or "", case_codes=tuple(p.case_codes or ()),
        short_name=p.short_name or "", executing_body=p.executing_body or "", channels=p.channels or {},
        province_overrides=p.province_overrides or {}, papers={k: tuple(v) for k, v in papers.items()},
        any_commune=bool(p.any_commune), effective_from=p.effective_from, repealed_from=p.repealed_from,
        replaced_by=p.replaced_by or "", active=p.active,
    )


def list_procedures(store: Store, query: str = "", *, active_only: bool = True, language: str = "vi",
                    on: dt.date | None = None) -> list[ProcedureView]:
    """The catalogue, by field and name; with a ``query``, the matches best first (``rank_procedures``).

    ``on``: only what a new filing that day may use (active and in force: not yet repealed) —
    the visit form's picker. Without it, ``active_only`` keeps the rows marked active."""
    with store.read() as session:
        stmt = select(Procedure).where(Procedure.deleted.is_(False)).order_by(Procedure.field_vi, Procedure.name_vi)
        if active_only:
            stmt = stmt.where(Procedure.active.is_(True))
        rows = session.scalars(stmt).all()
        views = [_view(p) for p in rows]
    if on is not None:
        views = [v for v in views if v.offered_on(on)]
    return rank_procedures(views, query, language) if query.strip() else views


def offered_procedures(store: Store) -> list[ProcedureView]:
    """What the visit form offers for a new filing today: retired procedures are left out."""
    return list_procedures(store, on=today_local())


@dataclass(frozen=True)
class FilingTerms:
    """What filing one procedure by one channel asks of the resident, in the ward's province
    (its overrides applied): the processing time in working days and the fee in đồng (None: not
    known), the papers to submit and to show. The visit form shows it, the visit service refuses
    "paid online" on a fee-free one, the receipt prints it as next steps — one source for all three."""

    code: str
    channel: str
    days: int | None
    fee_vnd: int | None
    papers_submit: tuple[str, ...] = ()
    papers_show: tuple[str, ...] = ()
    #: Whether the catalogue lists this channel for the procedure at all.
    offered: bool = True

    @property
    def fee_free(self) -> bool:
        """A known fee of 0 đ: nothing to pay, so nothing can have been paid online."""
        return self.fee_vnd == 0


def terms_of(code: str, channels: dict[str, Any] | None, overrides: dict[str, Any] | None, papers: dict[str, Any] | None,
             channel: str, province_code: str) -> FilingTerms:
    """The ``FilingTerms`` of a stored procedure's fields (``Procedure.channels`` and so on)."""
    terms = channel_terms(channels, overrides, channel, province_code)
    papers = papers or {}
    return FilingTerms(code, channel, terms.get("days"), terms.get("fee_vnd"), tuple(papers.get("submit") or ()),
                       tuple(papers.get("show") or ()), offered=channel in (channels or {}))


def terms_for(procedure: ProcedureView, channel: str, province_code: str) -> FilingTerms:
    """The ``FilingTerms`` of a procedure already loaded (the visit form's picker list), without
    another database read: the form updates them as the channel changes."""
    return terms_of(procedure.code, dict(procedure.channels), dict(procedure.province_overrides),
                    {k: list(v) for k, v in procedure.papers.items()}, channel, province_code)


def province_of(store: Store, ward_id: str | None) -> str:
    """``ward_province`` in its own read: what the visit form asks once, off the GUI thread."""
    with store.read() as session:
        return ward_province(session, ward_id)


def ward_province(session: Session, ward_id: str | None) -> str:
    """The province code of ``ward_id`` (a household's ward), or of the one ward a laptop holds
    when the row has none; "" when not known (no province override applies)."""
    stmt = select(Ward.province_code).where(Ward.deleted.is_(False))
    if ward_id:
        stmt = stmt.where(Ward.id == ward_id)
    return session.scalar(stmt.order_by(Ward.id).limit(1)) or ""


def filing_terms(store: Store, code: str, channel: str, ward_id: str | None = None) -> FilingTerms | None:
    """The terms of filing ``code`` by ``channel`` in the province of ``ward_id``, from the laptop's
    synced catalogue (offline); None for a code the catalogue lacks."""
    with store.read() as session:
        row = session.execute(select(Procedure.channels, Procedure.province_overrides, Procedure.papers)
                              .where(Procedure.id == code, Procedure.deleted.is_(False))).one_or_none()
        if row is None:
            return None
        return terms_of(code, row.channels, row.province_overrides, row.papers, channel, ward_province(session, ward_id))


def procedure_page(procedure: ProcedureView, catalogue: Catalogue | None = None) -> str | None:
    """The portal page of a procedure as the laptop holds it: its record (the row's formalityId,
    which the office may have set after the bundled file) or else a search by its code, under the
    catalogue's configurable base URL; None for one whose code is not confirmed ("khác")."""
    if not procedure.code_verified:
        return None
    return (catalogue or load_catalogue()).portal.procedure_page(procedure.code, procedure.formality_id)


def leaflet_procedures(store: Store, on: dt.date | None = None) -> list[ProcedureView]:
    """The procedures a leaflet carries: the essential ones of the laptop's synced catalogue (what
    the office publishes, not the bundled file), in force ``on`` (today), "khác" never."""
    day = on or today_local()
    return [p for p in list_procedures(store, on=day) if p.essential and p.code != OTHER_PROCEDURE_CODE]


def rank_procedures(procedures: Sequence[ProcedureView], query: str, language: str = "vi") -> list[ProcedureView]:
    """The procedures matching every folded word of ``query`` (in the code, either name or the
    field), best first — the first one is what Enter picks in the visit form, so it must be the
    procedure the volunteer means:

    0. the name is the query ("dang ky khai sinh");
    1. the query's words stand whole and in order in the name ("thuong tru" → "Đăng ký thường
       trú" before "Xóa đăng ký thường trú": fewer other words, then the earlier position wins);
    2. the name starts with what is being typed ("dang ky kh");
    3. the code starts with it ("1.0012");
    4. the rest, in catalogue order.

    Within a tier the name with fewer words the query did not ask for comes first, so a single
    procedure outranks the joint (liên thông) one that merely mentions it. Both languages' names
    count; ``language`` decides which name the prefix rule reads first.
    """
    words = fold(query).split()
    if not words:
        return list(procedures)
    phrase = " ".join(words)
    ranked: list[tuple[tuple[int, int, int], int, ProcedureView]] = []
    for order, p in enumerate(procedures):
        if not all(w in fold(f"{p.code} {p.name_vi} {p.name_en} {p.field_vi} {p.field_en}") for w in words):
            continue
        names = [fold(p.name_en), fold(p.name_vi)] if language == "en" else [fold(p.name_vi), fold(p.name_en)]
        rank = min(_name_rank(name, words, phrase) for name in names)
        if p.code.startswith(phrase):
            rank = min(rank, (3, 0, 0))
        ranked.append((rank, order, p))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [p for _rank, _order, p in ranked]


def _name_rank(name: str, words: list[str], phrase: str) -> tuple[int, int, int]:
    """(tier, words of the name not asked for, where the phrase starts) of one folded name."""
    name_words = name.split()
    extra = len(name_words) - len(words)
    if name == phrase:
        return (0, 0, 0)
    for start in range(len(name_words) - len(words) + 1):
        if name_words[start : start + len(words)] == words:
            return (1, extra, start)
    if name.startswith(phrase):
        return (2, extra, 0)
    return (4, extra, 0)


@dataclass(frozen=True)
class OtherFiling:
    """A filing of a procedure the catalogue lacks ("khác"), for the office to review (add the
    procedure to the catalogue, or correct the filing)."""

    filing_id: str
    visit_id: str | None
    visit_date: dt.date | None
    other_name: str
    other_code: str
    status: str


def other_filings(store: Store) -> list[OtherFiling]:
    """Every live "khác" filing, newest visit first: what the office is flagged to look at."""
    with store.read() as session:
        rows = session.execute(
            select(Filing.id, Filing.visit_id, Visit.started_at, Filing.dossier, Filing.status)
            .outerjoin(Visit, Visit.id == Filing.visit_id)
            .where(Filing.procedure_code == OTHER_PROCEDURE_CODE, Filing.deleted.is_(False))
            .order_by(Visit.started_at.desc(), Filing.id)
        ).all()
    return [OtherFiling(fid, visit_id, started.date() if started else None, (dossier or {}).get("other_name", ""),
                        (dossier or {}).get("other_code", ""), status) for fid, visit_id, started, dossier, status in rows]
