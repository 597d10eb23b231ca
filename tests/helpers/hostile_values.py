"""Generated hostile values pushed through the real API (issue 15): the property both
tests/sync/test_sync_hostile_fuzz.py (the profile's examples) and benchmarks/hostile_values.py
(thousands) run.

Each example pushes one batch: a few changes of random entities whose fields hold generated
values — all of Unicode (NUL, lone surrogates, control and bidi characters), huge and non-finite
numbers, deep and odd JSON, wrong types, long strings, unknown fields — and one valid new
household. The property: the server never answers 5xx; a batch it can parse is answered change
by change and the valid household is applied; every later pull page (both layouts) parses as
strict JSON and every row it holds passes the field rules, so nothing bad was stored.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outreach.model import synced_fields
from outreach.model.clock import HybridLogicalClock, new_node_id
from outreach.model.entities import ENTITY_BY_NAME
from outreach.model.field_rules import ADDRESS_PARTS, values_problem
from outreach.model.ids import uuid7
from outreach.wire import protocol
from tests.helpers.sync import WardSetup

API = protocol.API_PREFIX
HEADERS = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)}
#: Entities a volunteer's device may send; "ward" is left out (another ward's id refuses the
#: whole request, 403, by design) and so is the office-only catalogue's create path.
ENTITIES = ("household", "resident", "visit", "filing", "team_member", "residential_group", "team", "week_lock", "procedure",
            "area_assignment", "outing", "target", "plan_entry", "office_day_off", "duplicate_pair")
#: A nesting that JSON parsers refuse outright: the whole request is refused (422 too_deep).
VERY_DEEP = 10_000


@dataclass(frozen=True)
class Deep:
    """A JSON array nested ``depth`` deep, spliced into the body as text (json.dumps of it
    would hit the client's own recursion limit)."""

    depth: int


_ALL_CHARACTERS = st.characters(exclude_categories=())  # every code point, surrogates included
_ODD_TEXTS = st.sampled_from(["\x00", "Nguyễn\x00Văn", "a\u202eb\u202c", "\ud800", "x\udfff", "\u2028\u2029", "\x1b[31mđỏ",
                              "=HYPERLINK(\"http://x\")", "\ufeff", "\x85\x9f", "e\u0301", "\t\n\r", "", " "])
_TEXTS = st.one_of(st.text(_ALL_CHARACTERS, max_size=40), _ODD_TEXTS,
                   st.sampled_from([201, 4_001, 60_000]).map(lambda n: "ả" * n))
_NUMBERS = st.one_of(st.integers(-10, 10), st.integers(), st.integers(-(2**70), 2**70),
                     st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([1e308, -0.0, 2**31, 2**63, -(2**31) - 1]))
_PLAUSIBLE = st.sampled_from(["2026-11-30", "2026-11-30T09:00:00", "9999-12-31", "0001-01-01", "1899-12-31T23:59:59",
                              "helped", "hacked", "pending", "corrected", "Nam", "Nữ", "001203004567", "0912345678", "dvcqg"])
_SCALARS = st.one_of(st.none(), st.booleans(), _NUMBERS, _TEXTS, _PLAUSIBLE)
_KEYS = st.one_of(st.sampled_from([*ADDRESS_PARTS, "portal", "dossier_code", "recorded_by", "purpose"]), _TEXTS)
_JSON = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)),
                     max_leaves=10)
#: mostly JSON of every kind; sometimes an array nested a few hundred deep; rarely one no parser takes
VALUES = st.integers(0, 299).flatmap(
    lambda pick: st.just(Deep(VERY_DEEP)) if pick == 0 else st.integers(2, 300).map(Deep) if pick < 15 else _JSON)
_DATES = st.one_of(_PLAUSIBLE, st.dates().map(str), st.datetimes().map(lambda d: d.isoformat()))


def typed_values(entity: str, name: str) -> st.SearchStrategy[Any]:
    """Values of the field's own wire type, hostile inside it (text with every character, any
    integer, any date, JSON of any shape): these pass the type check and meet the value rules."""
    column = ENTITY_BY_NAME[entity].__table__.columns.get(name)  # type: ignore[attr-defined]
    kind = type(column.type).__name__ if column is not None else ""
    if kind in ("String", "Text"):
        return _TEXTS
    if kind == "Integer":
        return st.one_of(st.integers(-(2**40), 2**40), st.sampled_from([0, 1, 2, 3, 5, 6, 99, -1, 2**31]))
    if kind in ("Date", "DateTime"):
        return _DATES
    if kind == "Boolean":
        return st.booleans()
    if kind == "JSON":
        return st.one_of(st.dictionaries(_KEYS, _JSON, max_size=4), st.lists(_JSON, max_size=4))
    return VALUES


@st.composite
def hostile_change(draw: st.DrawFn, ward_id: str, known_ids: list[str]) -> tuple[str, dict[str, Any]]:
    """(entity, {field: value}) of one generated change; ``ward_id`` kept right (a wrong one
    refuses the whole request by design)."""
    entity = draw(st.sampled_from(ENTITIES))
    names = sorted(set(synced_fields(ENTITY_BY_NAME[entity])) - {"ward_id"})
    fields = draw(st.lists(st.one_of(st.sampled_from(names), st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True)),
                           min_size=1, max_size=3, unique=True))
    values = {name: draw(st.one_of(typed_values(entity, name), typed_values(entity, name), VALUES)) for name in fields}
    if entity != "procedure":
        values["ward_id"] = ward_id
    # an edit of a household applied earlier (drawn as a number: the list grows between examples,
    # and hypothesis needs the same draws to replay an example)
    pick = draw(st.integers(0, 2**16)) if entity == "household" and draw(st.booleans()) else None
    row_id = known_ids[pick % len(known_ids)] if pick is not None and known_ids else uuid7()
    return entity, {"__id__": row_id, **values}


def body_of(changes: list[dict[str, Any]]) -> bytes:
    """The request body, NaN/Infinity literals and deep arrays included as a crafted client
    would send them."""
    deep: dict[str, int] = {}

    def placeholder(value: Any) -> Any:
        if isinstance(value, Deep):
            token = f"deep-{uuid.uuid4().hex}"
            deep[token] = value.depth
            return token
        if isinstance(value, list):
            return [placeholder(v) for v in value]
        if isinstance(value, dict):
            return {k: placeholder(v) for k, v in value.items()}
        return value

    text = json.dumps({"changes": placeholder(changes)}, allow_nan=True)
    for token, depth in deep.items():
        text = text.replace(f'"{token}"', "[" * depth + "]" * depth)
    return text.encode()


def _refuse_constant(name: str) -> Any:
    raise AssertionError(f"a pull page holds the literal {name}")


class HostileRun:
    """One ward under attack: pushes batches, pulls after each, counts what happened."""

    def __init__(self, ward: WardSetup, token: str) -> None:
        self.ward, self.token = ward, token
        self.clock = HybridLogicalClock(new_node_id())
        self.cursors = {"rows": 0, "columns": 0}
        self.known_ids: list[str] = []
        self.counts: Counter[str] = Counter()

    def headers(self) -> dict[str, str]:
        return {**HEADERS, "Authorization": f"Bearer {self.token}"}

    def push(self, generated: list[tuple[str, dict[str, Any]]]) -> None:
        changes = []
        for entity, values in generated:
            entity_id = values.pop("__id__")
            stamp = self.clock.now()
            changes.append({"change_id": uuid7(), "entity": entity, "entity_id": entity_id,
                            "fields": {name: [value, stamp] for name, value in values.items()}})
        valid_id = uuid7()
        valid = {"change_id": uuid7(), "entity": "household", "entity_id": valid_id,
                 "fields": {k: [v, self.clock.now()] for k, v in
                            {"ward_id": self.ward.ward_id, "head_name": "Hộ hợp lệ", "address": {"street": "Kim Mã"}}.items()}}
        changes.insert(len(changes) // 2, valid)
        body = body_of(changes)
        reply = requests.post(f"{self.ward.server.url}{API}/sync/push", data=body,
                              headers={**self.headers(), "Content-Type": "application/json"}, timeout=120)
        assert reply.status_code < 500, reply.text[:500]
        self.counts[f"http_{reply.status_code}"] += 1
        if reply.status_code != 200:  # refused whole: only a body nested deeper than any parser takes
            assert reply.status_code == 422 and reply.json()["reason"] == "too_deep", reply.text[:500]
            assert f"[{'[' * 1000}" in body.decode()
            return
        results = {r["change_id"]: r for r in reply.json()["results"]}
        assert results[valid["change_id"]]["status"] == protocol.APPLIED, results[valid["change_id"]]
        self.known_ids.append(valid_id)
        for change in changes:
            answer = results[change["change_id"]]
            self.counts[answer["status"]] += 1
            if answer["status"] == protocol.REJECTED:
                self.counts[f"reason_{answer.get('reason')}"] += 1

    def pull(self) -> None:
        """Every new page in both layouts: strict JSON, every row within the field rules."""
        for layout in ("rows", "columns"):
            while True:
                params: dict[str, str | int] = {"since": self.cursors[layout], "layout": layout}
                reply = requests.get(f"{self.ward.server.url}{API}/sync/pull", params=params, headers=self.headers(), timeout=120)
                assert reply.status_code == 200, reply.text[:500]
                page = json.loads(reply.content, parse_constant=_refuse_constant)
                for entity_name, fields in _page_rows(page, layout):
                    broken = values_problem(ENTITY_BY_NAME[entity_name], fields)
                    assert broken is None, (entity_name, broken)
                    self.counts[f"pulled_{layout}"] += 1
                self.cursors[layout] = page["next"]
                if not page["has_more"]:
                    break


def _page_rows(page: dict[str, Any], layout: str) -> list[tuple[str, dict[str, Any]]]:
    if layout == "rows":
        return [(row["entity"], row["fields"]) for row in page["rows"]]
    out: list[tuple[str, dict[str, Any]]] = []
    for table in page["tables"]:
        names = table["columns"][3:]
        out.extend((table["entity"], dict(zip(names, row[3:], strict=True))) for row in table["rows"])
    return out


def run_hostile(ward: WardSetup, token: str, examples: int) -> Counter[str]:
    """``examples`` generated batches against ``ward``'s server; the counts of what happened."""
    run = HostileRun(ward, token)

    @given(data=st.data())
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
    def example(data: st.DataObject) -> None:
        generated = data.draw(st.lists(hostile_change(ward.ward_id, run.known_ids), min_size=1, max_size=5))
        run.push(generated)
        run.pull()
        run.counts["examples"] += 1

    example()
    return run.counts
