"""Catalogue: list and search (diacritics ignored), add, edit, retire and import procedures
through ``server.catalogue_office`` — the same functions as ``outreach-server catalogue``, so a
form field is read exactly as a sheet cell or a ``--set`` option is (``parse_cells``).

The catalogue is the whole server's (laptops of every ward pull it): only a city admin (the
office's administrator on a one-ward server) changes it; everyone else reads it."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from outreach.console.audit import note
from outreach.console.rendering import PREFIX, render
from outreach.console.scope import sees_all_wards
from outreach.console.security import Forbidden
from outreach.server import catalogue_office
from outreach.server.catalogue_rows import parse_cells
from outreach.server.db import ServerDb
from outreach.vietnamese_fold import fold
from outreach.vocabulary import STORED_ONLINE_LEVELS, AuditAction, OnlineLevel, RecordKind

router = APIRouter()
#: the fields the form edits (the rest: by import or the command line)
FORM_FIELDS = ("name_vi", "name_en", "short_name", "field_vi", "field_en", "executing_body", "online_level")
MAX_SHOWN = 300
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
IMPORT_SUFFIXES = (".xlsx", ".csv", ".json")


def _editor(request: Request) -> Any:
    account = request.state.session.account
    if not sees_all_wards(account):
        raise Forbidden
    return account


def matching(rows: list[dict[str, Any]], q: str) -> list[dict[str, Any]]:
    """Entries whose code or Vietnamese/English name holds every word of ``q`` (diacritics ignored)."""
    words = fold(q).split()
    if not words:
        return rows
    return [r for r in rows if all(w in fold(" ".join([r["id"], r["name_vi"] or "", r["name_en"] or ""])) for w in words)]


def _entries(db: ServerDb) -> list[dict[str, Any]]:
    """The catalogue with its online levels as codes (the page shows their words)."""
    rows = catalogue_office.list_catalogue(db)
    return [{**r, "online_level": OnlineLevel(r["online_level"]) if r["online_level"] else None} for r in rows]


def _page(request: Request, q: str = "", **extra: Any) -> Response:
    db: ServerDb = request.app.state.db
    rows = matching(_entries(db), q)
    return render(request, "catalogue.html", rows=rows[:MAX_SHOWN], total=len(rows), q=q,
                  may_edit=sees_all_wards(request.state.session.account), levels=[OnlineLevel(v) for v in STORED_ONLINE_LEVELS],
                  problems=extra.pop("problems", []), message=extra.pop("message", ""), **extra)


@router.get("/catalogue")
def catalogue(request: Request, q: str = "") -> Response:
    return _page(request, q[:100])


@router.get("/catalogue/{code}")
def procedure(request: Request, code: str) -> Response:
    db: ServerDb = request.app.state.db
    row = next((r for r in _entries(db) if r["id"] == code), None)
    if row is None:
        return render(request, "error.html", status_code=404, title_key="not_found_title", body_key="back")
    return render(request, "procedure.html", row=row, fields=FORM_FIELDS, may_edit=sees_all_wards(request.state.session.account),
                  levels=[OnlineLevel(v) for v in STORED_ONLINE_LEVELS], problems=[])


def _refused(request: Request, exc: catalogue_office.CatalogueRefused) -> Response:
    problems = [f"{r.row} {r.code}: {r.reason}".strip() for r in exc.rows]
    return _page(request, problems=problems)


async def _cells(request: Request) -> dict[str, str]:
    form = await request.form()
    return {name: str(form.get(name, "")) for name in FORM_FIELDS}


@router.post("/catalogue")
async def add(request: Request, code: str = Form(max_length=20)) -> Response:
    account = _editor(request)
    db: ServerDb = request.app.state.db
    parsed = parse_cells("", code, await _cells(request))
    try:
        if parsed.problem:
            raise catalogue_office.CatalogueRefused([catalogue_office.RowRefused("", parsed.code, parsed.problem)])
        catalogue_office.add_procedure(db, parsed.code, parsed.values, by=account.login)
    except catalogue_office.CatalogueRefused as exc:
        return _refused(request, exc)
    note(db, account, AuditAction.CONSOLE_CHANGE, None, what="catalogue_add", target_kind=RecordKind.PROCEDURE, target_id=parsed.code)
    return RedirectResponse(f"{PREFIX}/catalogue/{parsed.code}", status_code=303)


@router.post("/catalogue/{code}")
async def edit(request: Request, code: str) -> Response:
    account = _editor(request)
    db: ServerDb = request.app.state.db
    parsed = parse_cells("", code, await _cells(request))
    try:
        if parsed.problem:
            raise catalogue_office.CatalogueRefused([catalogue_office.RowRefused("", parsed.code, parsed.problem)])
        changed = catalogue_office.edit_procedure(db, parsed.code, parsed.values, by=account.login)
    except catalogue_office.CatalogueRefused as exc:
        return _refused(request, exc)
    if changed:
        note(db, account, AuditAction.CONSOLE_CHANGE, None, what="catalogue_edit", target_kind=RecordKind.PROCEDURE, target_id=code,
             fields=sorted(parsed.values))
    return RedirectResponse(f"{PREFIX}/catalogue/{code}", status_code=303)


@router.post("/catalogue/{code}/retire")
def retire(request: Request, code: str, repealed_from: str = Form(max_length=10),
           replaced_by: str = Form(default="", max_length=20)) -> Response:
    account = _editor(request)
    db: ServerDb = request.app.state.db
    try:
        since = dt.datetime.strptime(repealed_from.strip(), "%d/%m/%Y").date()
    except ValueError:
        return _page(request, problems=[f"{code}: dd/mm/yyyy"])
    try:
        catalogue_office.retire_procedure(db, code, by=account.login, repealed_from=since, replaced_by=replaced_by.strip() or None)
    except catalogue_office.CatalogueRefused as exc:
        return _refused(request, exc)
    note(db, account, AuditAction.CONSOLE_CHANGE, None, what="catalogue_retire", target_kind=RecordKind.PROCEDURE, target_id=code,
         repealed_from=since.isoformat())
    return RedirectResponse(f"{PREFIX}/catalogue/{code}", status_code=303)


@router.post("/catalogue-import")
async def import_file(request: Request, file: UploadFile) -> Response:
    """All or nothing, as ``outreach-server catalogue import``: a refused row writes nothing."""
    account = _editor(request)
    db: ServerDb = request.app.state.db
    suffix = Path(file.filename or "").suffix.lower()
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    if suffix not in IMPORT_SUFFIXES or len(data) > MAX_UPLOAD_BYTES:
        return _page(request, problems=[f"{file.filename}: .xlsx, .csv, .json ≤ 5 MB"])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"catalogue{suffix}"
        path.write_bytes(data)
        try:
            result = catalogue_office.import_catalogue(db, path, by=account.login)
        except catalogue_office.CatalogueRefused as exc:
            return _refused(request, exc)
    note(db, account, AuditAction.CONSOLE_CHANGE, None, what="catalogue_import", added=result.added, edited=result.edited)
    return _page(request, message_done=(result.added, result.edited, result.unchanged))
