"""Catalogue entries read from what the office has: its own CSV/XLSX, or the national portal's
JSON records (DOMAIN.md: ``executionMethods``, ``executionCases``, ``profileComponents``).

Every source becomes ``ParsedRow``s: a code, the Procedure field values the row gives (a blank
cell gives nothing, so an edit leaves that field as it is), or the reason the row cannot be read.
Rows are parsed here and judged by ``catalogue_office`` (against the catalogue the server holds
and the fields' value rules). The spreadsheet reader is the shared one, with its row and zip-bomb
limits (``outreach/spreadsheet_read.py``). The same text-cell parser reads the CLI's
``--set FIELD=VALUE``, so a cell and an option mean the same.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from outreach.errors import OutreachError
from outreach.model.field_rules import PROCEDURE_CHANNELS
from outreach.spreadsheet_read import MAX_ROWS, read_spreadsheet

_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,19}$")  # fits Procedure.id / Filing.procedure_code
_TRUE = {"1", "x", "true", "yes", "có", "co", "c"}
_FALSE = {"0", "false", "no", "không", "khong", "k"}


@dataclass(frozen=True)
class ParsedRow:
    """One entry of a source: ``where`` names it for the office ("row 7", "record 2")."""

    where: str
    code: str
    values: dict[str, Any] = field(default_factory=dict)
    problem: str = ""


def code_problem(code: str) -> str | None:
    return None if _CODE.match(code) else "the code must be 1–20 letters, digits, dots or dashes (mã TTHC)"


def _bool(text: str) -> bool:
    folded = text.strip().lower()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise ValueError(f"“{text}” is not yes/no (1/0, x, có/không)")


def _date(text: str) -> dt.date:
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"“{text}” is not a date (2027-01-01 or 01/01/2027)")


def _int(text: str) -> int:
    digits = text.strip().replace(".", "").replace(",", "").replace(" ", "")  # "50.000" đồng
    if not digits.isdigit():
        raise ValueError(f"“{text}” is not a whole number")
    return int(digits)


def _list(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg})") from exc


def _plain(text: str) -> str:
    return text.strip()


#: Columns (and ``--set`` names) that are one Procedure field each, and how a cell is read.
_SIMPLE: dict[str, Callable[[str], Any]] = {
    "formality_id": _plain, "name_vi": _plain, "name_en": _plain, "short_name": _plain, "field_vi": _plain,
    "field_en": _plain, "executing_body": _plain, "online_level": _plain, "replaced_by": _plain,
    "essential": _bool, "active": _bool, "any_commune": _bool,
    "effective_from": _date, "repealed_from": _date,
    "case_codes": _list, "province_overrides": _json,
}
#: Columns that together make one JSON field.
_PAPERS = {"papers_submit": "submit", "papers_show": "show"}
_CHANNEL_PARTS = {f"{channel}_{part}": (channel, key) for channel in PROCEDURE_CHANNELS
                  for part, key in (("days", "days"), ("fee_vnd", "fee_vnd"))}
#: Every column the office's sheet may have (besides ``code``), in the order docs/server.md lists.
COLUMNS: tuple[str, ...] = (*_SIMPLE, *_PAPERS, *_CHANNEL_PARTS)
#: The Procedure fields an entry may set.
CATALOGUE_FIELDS: tuple[str, ...] = (*_SIMPLE, "papers", "channels")


def parse_cells(where: str, code: str, cells: Mapping[str, str]) -> ParsedRow:
    """The entry one sheet row (or the CLI's ``--set`` options) gives: header -> cell text."""
    code = code.strip()
    if not code:
        return ParsedRow(where, code, problem="the code (mã TTHC) is missing")
    if problem := code_problem(code):
        return ParsedRow(where, code, problem=problem)
    values: dict[str, Any] = {}
    papers: dict[str, list[str]] = {}
    channels: dict[str, dict[str, int]] = {}
    for name, text in cells.items():
        if not text.strip():
            continue
        try:
            if name in _SIMPLE:
                values[name] = _SIMPLE[name](text)
            elif name in _PAPERS:
                papers[_PAPERS[name]] = _list(text)
            elif name in _CHANNEL_PARTS:
                channel, key = _CHANNEL_PARTS[name]
                channels.setdefault(channel, {})[key] = _int(text)
            elif name != "code":
                return ParsedRow(where, code, problem=f"unknown column “{name}”")
        except ValueError as exc:
            return ParsedRow(where, code, problem=f"{name}: {exc}")
    if papers:
        values["papers"] = papers
    if channels:
        values["channels"] = channels
    return ParsedRow(where, code, values)


def _header_score(row: list[str]) -> int:
    return sum(1 for cell in row if cell.strip().lower() in ("code", *COLUMNS))


def read_sheet(path: Path) -> list[ParsedRow]:
    """The rows of the office's CSV/XLSX: a ``code`` column and any of ``COLUMNS``."""
    table = read_spreadsheet(path, _header_score)
    headers = [h.strip().lower() for h in table.headers]
    if "code" not in headers:
        return [ParsedRow("header", "", problem="the sheet has no “code” column")]
    rows = []
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        cells = dict(zip(headers, row, strict=False))
        if not any(c.strip() for c in row):
            continue
        rows.append(parse_cells(f"row {number}", cells.get("code", ""), cells))
    return rows


_METHOD_CHANNEL = {"ONLINE": "online", "POSTAL": "postal", "DIRECT": "counter"}
#: The portal's case groups: "* Giấy tờ phải nộp:" and "* Giấy tờ phải xuất trình:".
_GROUP = (("xuất trình", "show"), ("xuat trinh", "show"), ("nộp", "submit"), ("nop", "submit"))


def _portal_record(where: str, record: Any) -> ParsedRow:
    """One portal record (optionally wrapped as the API answers: {"code": "OK", "data": {...}})."""
    if isinstance(record, dict) and isinstance(record.get("data"), dict):
        record = record["data"]
    if not isinstance(record, dict):
        return ParsedRow(where, "", problem="not a JSON object")
    code = str(record.get("code") or "").strip()
    if not code:
        return ParsedRow(where, "", problem="the record has no code")
    if problem := code_problem(code):
        return ParsedRow(where, code, problem=problem)
    values: dict[str, Any] = {}
    try:
        if isinstance(record.get("id"), str):
            values["formality_id"] = record["id"]
        if isinstance(record.get("name"), str) and record["name"].strip():
            values["name_vi"] = record["name"].strip()
        if isinstance(record.get("executingAgencies"), str) and record["executingAgencies"].strip():
            values["executing_body"] = record["executingAgencies"].strip()
        if isinstance(record.get("isNonTerritorial"), bool):
            values["any_commune"] = record["isNonTerritorial"]
        cases = [c.get("code") for c in record.get("cases") or [] if isinstance(c, dict) and isinstance(c.get("code"), str)]
        if cases:
            values["case_codes"] = cases
        channels: dict[str, dict[str, int]] = {}
        for method in record.get("executionMethods") or []:
            channel = _METHOD_CHANNEL.get(str(method.get("submissionMethod")))
            if channel is None:
                continue
            entry: dict[str, int] = {}
            time = method.get("processingTime")
            # only working days are a processing time the app can count; "OTHER" says nothing
            if isinstance(time, int) and not isinstance(time, bool) and method.get("processingTimeUnit") in ("WORKING_DAY", "DAY"):
                entry["days"] = time
            fees: list[Any] = [f.get("value") for f in method.get("fees") or [] if isinstance(f, dict)]
            if fees:
                if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0 for v in fees):
                    raise ValueError(f"executionMethods {channel}: a fee is not a number of đồng")
                entry["fee_vnd"] = int(sum(float(v) for v in fees))
            channels[channel] = entry
        if channels:
            values["channels"] = channels
        papers: dict[str, list[str]] = {}
        for group in record.get("executionCases") or []:
            title = str(group.get("name") or "").lower()
            kind = next((k for marker, k in _GROUP if marker in title), None)
            if kind is None:
                continue  # "* Lưu ý:" (notes) and the like are not papers
            names = [str(p.get("name")).strip() for p in group.get("profileComponents") or []
                     if isinstance(p, dict) and str(p.get("name") or "").strip()]
            papers.setdefault(kind, []).extend(names)
        if papers:
            values["papers"] = papers
    except (AttributeError, TypeError) as exc:
        return ParsedRow(where, code, problem=f"not the portal's record shape ({exc})")
    except ValueError as exc:
        return ParsedRow(where, code, problem=str(exc))
    return ParsedRow(where, code, values)


def read_portal_json(path: Path) -> list[ParsedRow]:
    """Portal records: one record, a list of them, or the API's {"data": ...} answer."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [ParsedRow(path.name, "", problem=f"not readable JSON ({exc})")]
    records = data if isinstance(data, list) else [data]
    if len(records) > MAX_ROWS:
        return [ParsedRow(path.name, "", problem=f"more than {MAX_ROWS} records")]
    return [_portal_record(f"record {i + 1}", record) for i, record in enumerate(records)]


def read_catalogue_file(path: Path) -> list[ParsedRow]:
    """The entries of ``path``: .json (portal records) or the office's .csv/.xlsx."""
    if path.suffix.lower() == ".json":
        return read_portal_json(path)
    try:
        return read_sheet(path)
    except OutreachError as exc:  # unreadable, wrong encoding, too many rows, a zip bomb
        return [ParsedRow(path.name, "", problem=exc.message_en)]
