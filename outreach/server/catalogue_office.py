"""The office's procedure catalogue: add, edit, retire and import entries (issue 11).

The catalogue is synced data the office owns. Every change here is an ordinary stamped office
change (``admin.office_write_many``), so laptops get it through their normal pull, and an edit of
an existing code (a corrected name or level) reaches them like a new code does. Who changed what
is written to the server's log (event ``catalogue_change``: the person, the action, the code and
the fields).

UI-free on purpose: the CLI (``server/cli.py``) and the web console both drive these functions
and show their results and refusals (``RowRefused``) in their own way. An import is checked
whole before anything is written; one bad row refuses the file, with a reason per row, and a
good file is written in one push (one transaction).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from outreach.model import Procedure
from outreach.model.base import table_of
from outreach.model.field_rules import values_problem
from outreach.server.admin import AdminError, office_write_many
from outreach.server.catalogue_rows import CATALOGUE_FIELDS, ParsedRow, code_problem, read_catalogue_file
from outreach.server.db import ServerDb

log = logging.getLogger("outreach.server.catalogue")

__all__ = [
    "CatalogueRefused",
    "ImportResult",
    "RowRefused",
    "add_procedure",
    "edit_procedure",
    "import_catalogue",
    "list_catalogue",
    "retire_procedure",
]


@dataclass(frozen=True)
class RowRefused:
    """Why one entry (a file row, or the one entry of an add/edit) is refused."""

    row: str
    code: str
    reason: str


class CatalogueRefused(AdminError):
    """Nothing was written: ``rows`` says what is wrong with each refused entry."""

    def __init__(self, rows: list[RowRefused]) -> None:
        self.rows = rows
        super().__init__("; ".join(f"{r.row} {r.code}: {r.reason}".strip() for r in rows))


@dataclass(frozen=True)
class ImportResult:
    added: int
    edited: int
    unchanged: int


def _present(db: ServerDb, codes: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    table = table_of(Procedure)
    query = select(table)
    if codes is not None:
        query = query.where(table.c.id.in_(list(codes)))
    with db.read() as conn:
        return {row["id"]: dict(row) for row in conn.execute(query).mappings()}


def list_catalogue(db: ServerDb) -> list[dict[str, Any]]:
    """Every catalogue entry the server holds (retired ones too), by code."""
    return [row for _code, row in sorted(_present(db).items()) if not row["deleted"]]


def _problem(values: Mapping[str, Any]) -> str | None:
    broken = values_problem(Procedure, values)
    return broken.message_en if broken is not None else None


_Write = tuple[str, dict[str, Any], bool]  # (code, values, create)


def _plan(present: Mapping[str, Mapping[str, Any]], parsed: list[ParsedRow], mode: str) -> tuple[list[_Write], list[RowRefused], int]:
    """The writes ``parsed`` asks for, the refused rows, and how many rows change nothing.

    ``mode``: "add" (the code must be new), "edit" (it must exist) or "import" (either)."""
    writes: list[_Write] = []
    refused: list[RowRefused] = []
    unchanged = 0
    seen: set[str] = set()
    for row in parsed:
        if row.problem:
            refused.append(RowRefused(row.where, row.code, row.problem))
            continue
        if row.code in seen:
            refused.append(RowRefused(row.where, row.code, "the code appears twice in the file"))
            continue
        seen.add(row.code)
        old = present.get(row.code)
        exists = old is not None and not old["deleted"]
        if mode == "add" and exists:
            refused.append(RowRefused(row.where, row.code, "the code is already in the catalogue (use edit)"))
            continue
        if mode == "edit" and not exists:
            refused.append(RowRefused(row.where, row.code, "no such code in the catalogue (use add)"))
            continue
        if problem := _problem(row.values):
            refused.append(RowRefused(row.where, row.code, problem))
            continue
        if not exists:
            missing = [name for name in ("name_vi", "field_vi") if not row.values.get(name)]
            if missing:
                refused.append(RowRefused(row.where, row.code, f"a new entry needs {', '.join(missing)}"))
                continue
            values = {"ward_id": None, "active": True, **row.values}
            writes.append((row.code, values, True))
            continue
        assert old is not None
        changed = {name: value for name, value in row.values.items() if old.get(name) != value}
        if changed:
            writes.append((row.code, changed, False))
        else:
            unchanged += 1
    return writes, refused, unchanged


def _write(db: ServerDb, writes: list[_Write], action: str, by: str) -> None:
    if writes:
        office_write_many(db, Procedure, writes, None)
    for code, values, created in writes:
        log.info("catalogue change", extra={"event": "catalogue_change", "by": by, "action": "add" if created else action,
                                            "code": code, "fields": sorted(values)})


def _apply(db: ServerDb, parsed: list[ParsedRow], mode: str, by: str, action: str | None = None) -> ImportResult:
    present = _present(db, [row.code for row in parsed if row.code])
    writes, refused, unchanged = _plan(present, parsed, mode)
    if refused:
        raise CatalogueRefused(refused)
    _write(db, writes, action or mode, by)
    added = sum(1 for _c, _v, created in writes if created)
    return ImportResult(added, len(writes) - added, unchanged)


def _entry(code: str, values: Mapping[str, Any]) -> ParsedRow:
    unknown = sorted(set(values) - set(CATALOGUE_FIELDS))
    if unknown:
        return ParsedRow(code, code, {}, f"unknown field(s): {', '.join(unknown)}")
    return ParsedRow(code, code, dict(values))


def add_procedure(db: ServerDb, code: str, values: Mapping[str, Any], *, by: str) -> None:
    """A new catalogue entry ``code`` (it must not exist); ``values`` need at least name_vi
    and field_vi. ``CatalogueRefused`` says why not."""
    if problem := code_problem(code):
        raise CatalogueRefused([RowRefused("", code, problem)])
    _apply(db, [_entry(code, values)], "add", by)


def edit_procedure(db: ServerDb, code: str, values: Mapping[str, Any], *, by: str) -> bool:
    """Change fields of the existing entry ``code``; False when nothing differed."""
    return _apply(db, [_entry(code, values)], "edit", by).edited == 1


def retire_procedure(db: ServerDb, code: str, *, by: str, repealed_from: dt.date, replaced_by: str | None = None) -> None:
    """Repeal ``code`` from ``repealed_from`` on: no longer offered for new filings from that
    day; old filings (visits before it) stay valid and readable."""
    values: dict[str, Any] = {"repealed_from": repealed_from}
    if replaced_by:
        if replaced_by not in {c for c, row in _present(db, [replaced_by]).items() if not row["deleted"]}:
            raise CatalogueRefused([RowRefused("", code, f"the replacing code {replaced_by} is not in the catalogue")])
        values["replaced_by"] = replaced_by
    _apply(db, [_entry(code, values)], "edit", by, action="retire")


def import_catalogue(db: ServerDb, path: Path, *, by: str) -> ImportResult:
    """Add or edit every entry of ``path`` (the office's CSV/XLSX, or portal JSON records):
    all of it, or — when any row is refused — nothing (``CatalogueRefused``, a reason per row)."""
    return _apply(db, read_catalogue_file(path), "import", by)

