"""Pull pages that a bad stored row cannot break (issue 15).

The push door now refuses what a ward cannot store (``model/field_rules.py``), but a row may
already hold such a value: written by an older server, restored from a backup, edited by hand.
One NaN in a JSON column made SQLite's ``json()`` fail, so every pull of the ward answered 500
from then on, for every laptop. Here a page is written so that cannot happen:

- rows are read with their JSON columns as the stored *text* and parsed leniently
  (``json.loads``, which takes NaN), so a malformed value costs that value, not the page;
- every value is cleaned the way the laptop cleans typed text (``field_rules.clean_text``:
  NUL and other control characters dropped, tab, newline and CR kept) and non-finite numbers become
  null, so the laptop never receives what it could not record itself;
- each cleaned or dropped value is logged (entity, id, field) for the office to repair.

The ``columns`` layout keeps its fast path (the database writes each row's JSON); its text is
scanned for the escapes of control characters, and a row that has one, or a table whose SQL
fails, is written here instead.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import JSON, Connection, String, select, text, type_coerce

from outreach.model import Synced, synced_fields
from outreach.model.base import table_of
from outreach.model.codec import dumps_compact, encode_value
from outreach.model.field_rules import clean_text
from outreach.model.rowio import field_defaults

log = logging.getLogger("outreach.server.pull")

#: In a row's JSON text: the escape of a control character other than tab, newline and CR,
#: a raw C1 control, or a number JSON cannot hold. A false alarm (an escaped backslash before
#: "b") only sends that row through the careful path.
_SUSPECT = re.compile(r"\\u00[01][0-9a-fA-F]|\\u007[fF]|\\[bf]|[\x80-\x9f]|NaN|Infinity|9e999")


def clean(value: Any) -> tuple[Any, bool]:
    """(``value`` cleaned for the wire, whether anything changed): text without the characters
    the field rules refuse, non-finite numbers as null, inside lists and objects too."""
    if isinstance(value, str):
        cleaned = clean_text(value, multi_line=True)
        return cleaned, cleaned != value
    if isinstance(value, float):
        return (value, False) if math.isfinite(value) else (None, True)
    if isinstance(value, list):
        items = [clean(item) for item in value]
        return [item for item, _ in items], any(changed for _, changed in items)
    if isinstance(value, dict):
        pairs = [(clean(key), clean(item)) for key, item in value.items()]
        return ({key: item for (key, _), (item, _) in pairs},
                any(k_changed or v_changed for (_, k_changed), (_, v_changed) in pairs))
    return value, False


def _report(entity: type[Synced], row_id: str, field: str, what: str) -> None:
    log.warning("bad stored value served cleaned", extra={"event": "bad_stored_value", "entity": entity.entity_name,
                                                         "entity_id": row_id, "field": field, "what": what})


def _parse_json(entity: type[Synced], row_id: str, name: str, stored: Any, default: Any) -> Any:
    if stored is None or not isinstance(stored, str):
        return stored
    try:
        return json.loads(stored)
    except (ValueError, RecursionError):
        _report(entity, row_id, name, "malformed JSON, sent as the field's default")
        return default


SafeRow = tuple[int, str, dict[str, str], dict[str, Any]]


def safe_rows(conn: Connection, entity: type[Synced], ward_id: str, since: int, upto: int, *,
              only: tuple[str, ...] | None = None, where: str = "", params: Mapping[str, Any] | None = None) -> list[SafeRow]:
    """``(seq, id, clocks {field: stamp}, wire fields)`` of the entity's ward rows with
    ``since < seq <= upto`` in seq order, every value readable and clean whatever is stored.
    ``only``, ``where`` and ``params``: a device's scope (``server/scope.py``) serves only
    these fields (and their clocks) of the rows that meet this SQL condition."""
    table = table_of(entity)
    names = synced_fields(entity) if only is None else only
    json_names = {n for n in names if isinstance(table.columns[n].type, JSON)}
    columns = [table.c.server_seq, table.c.id, type_coerce(table.c.clocks, String).label("clocks"),
               *(type_coerce(table.c[n], String).label(n) if n in json_names else table.c[n] for n in names)]
    query = select(*columns).where(table.c.server_seq > since, table.c.server_seq <= upto)
    query = query.where(table.c.ward_id == ward_id) if entity.ward_scoped else query.where(
        (table.c.ward_id.is_(None)) | (table.c.ward_id == ward_id))
    if where:
        query = query.where(text(where))
    defaults = field_defaults(entity)
    served = set(names)
    out = []
    for rec in conn.execute(query.order_by(table.c.server_seq), dict(params or {})).mappings():
        row_id = rec["id"]
        grouped = _parse_json(entity, row_id, "clocks", rec["clocks"], {}) or {}
        clocks = {f: stamp for stamp, group in grouped.items() for f in group if f in served} if isinstance(grouped, dict) else {}
        fields: dict[str, Any] = {}
        for name in names:
            value = rec[name]
            if name in json_names:
                value = _parse_json(entity, row_id, name, value, defaults[name])
            try:
                value, changed = clean(encode_value(value))
            except RecursionError:  # nested deeper than Python walks: the field's default instead
                value, changed = defaults[name], True
            if changed:
                _report(entity, row_id, name, "control characters, a non-finite number or deep nesting removed")
            fields[name] = value
        out.append((int(rec["server_seq"]), row_id, clocks, fields))
    return out


def suspect(row_text: str) -> bool:
    """Whether a row's JSON text (as the database wrote it) may hold what ``clean`` removes."""
    return _SUSPECT.search(row_text) is not None


def clean_row_text(entity: type[Synced], row_text: str) -> str:
    """A ``columns``-layout row text with its values cleaned (``clean``), logged if changed."""
    try:
        row = json.loads(row_text)
        cleaned, changed = clean(row)
    except (ValueError, RecursionError):  # the database wrote it; a value nested too deep for Python
        return row_text
    if not changed:
        return row_text
    _report(entity, str(row[0]), "*", "control characters or a non-finite number removed")
    return dumps_compact(cleaned)
