"""Everything the ward holds about one person, as plain values (issue 14, the right of access).

The office server gathers it (``server/access_data.py``) and the exporters render it
(``reports/access_export.py``: a PDF for the person, an XLSX); neither imports the other, so
the record lives here, below both. Values are codes and raw values: the exporters put the words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SubjectRecord:
    resident_id: str
    ward_name: str
    generated_at: dt.datetime
    #: the resident's row: full_name, date_of_birth, sex, personal_id, old_id, card_address,
    #: relation_to_head, phone, vneid_level, consent_given_at, consent_withdrawn_at, erased_at
    resident: dict[str, Any]
    #: the household's row: head_name, address (text), phone, group name, priority flags, notes
    household: dict[str, Any]
    #: the household's visits: started_at, outcome, team, volunteer, review status
    visits: list[dict[str, Any]] = field(default_factory=list)
    #: the person's filings: procedure code and name, status, channel, dossier code, submitted_at
    filings: list[dict[str, Any]] = field(default_factory=list)
    #: consent history: given / withdrawn, when, purpose, who recorded it
    consent: list[dict[str, Any]] = field(default_factory=list)
    #: who opened, exported or changed the record: at, action, actor, device
    accesses: list[dict[str, Any]] = field(default_factory=list)
    #: the person's data-subject requests: right, received, status, outcome
    requests: list[dict[str, Any]] = field(default_factory=list)
