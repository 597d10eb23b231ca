"""The catalogue's fees and processing times as the figures read them: one place, from the database.

Online payment and due/overdue dossiers depend on what the office's catalogue says of each
procedure (the synced ``procedures`` table: ``channels`` {online/postal/counter: {days,
fee_vnd}} and ``province_overrides``). Every place a figure is computed (the Coverage screen,
``outreach export coverage``, the XLSX/CSV/PDF exports, Follow-ups' overdue list) gets its terms
from ``catalogue_terms`` here, inside the figures' own read, so no caller can pass a catalogue of
its own and two screens can never disagree about the same dossier.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from outreach.model import Procedure, Ward
from outreach.vocabulary import Channel


@dataclass(frozen=True)
class ProcedureTerms:
    """What the catalogue says of one procedure that the figures need: its fee per channel (in
    đồng; a channel missing: no fee data) and its processing time in working days (None: none
    known)."""

    fees: Mapping[str, int] = field(default_factory=dict)
    processing_days: int | None = None

    def carries_fee(self, channel: str | None) -> bool | None:
        """Whether a dossier filed by ``channel`` pays a fee (None: not known)."""
        if channel is None or channel not in self.fees:
            return None
        return self.fees[channel] > 0


def terms_from_records(records: Iterable[Mapping[str, Any]]) -> dict[str, ProcedureTerms]:
    """Terms from records ``{"code", "fees": {channel: đồng}, "processing_days"}``; records
    without those keys give terms with no fee data and no processing time."""
    terms: dict[str, ProcedureTerms] = {}
    for entry in records:
        fees = entry.get("fees") or {}
        days = entry.get("processing_days")
        terms[str(entry["code"])] = ProcedureTerms(
            {str(k): int(v) for k, v in fees.items() if v is not None}, int(days) if days is not None else None
        )
    return terms


def terms_of(channels: Mapping[str, Any] | None, overrides: Mapping[str, Any] | None, province_code: str) -> ProcedureTerms:
    """One procedure's terms in a province: each channel's data with the province's overrides on
    top (a province's resolution setting the online fee to 0 đ wins over the national fee).

    The processing time is the longest the catalogue gives over the channels: the waiting-dossier
    figures read a covering index that does not hold the dossier's channel, and with the longest
    time a dossier is called overdue only when it is late whatever channel it went by."""
    fees: dict[str, int] = {}
    days: list[int] = []
    local = (overrides or {}).get(province_code, {}) if province_code else {}
    for channel in Channel:
        merged = dict((channels or {}).get(channel, {}) or {})
        merged.update((local or {}).get(channel, {}) or {})
        if merged.get("fee_vnd") is not None:
            fees[str(channel)] = int(merged["fee_vnd"])
        if merged.get("days") is not None:
            days.append(int(merged["days"]))
    return ProcedureTerms(fees, max(days) if days else None)


def ward_province(session: Session, ward_id: str | None) -> str:
    """The province code of ``ward_id`` (or of the only ward a laptop holds); "" when unknown or
    when several wards of different provinces are in scope (then no override applies)."""
    stmt = select(Ward.province_code).where(Ward.deleted.is_(False))
    if ward_id is not None:
        stmt = stmt.where(Ward.id == ward_id)
    provinces = {p for p in session.scalars(stmt) if p}
    return provinces.pop() if len(provinces) == 1 else ""


def catalogue_terms(session: Session, ward_id: str | None) -> dict[str, ProcedureTerms]:
    """The terms of every procedure the database holds (retired ones too: old dossiers still
    wait on them), for the ward's province."""
    province = ward_province(session, ward_id)
    rows = session.execute(
        select(Procedure.id, Procedure.channels, Procedure.province_overrides).where(Procedure.deleted.is_(False))
    ).all()
    return {code: terms_of(channels, overrides, province) for code, channels, overrides in rows}
