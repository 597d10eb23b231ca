"""The fast push paths against the real server (SQLite and PostgreSQL): whole new rows applied a
column at a time, and the compact ``stamp``/``values`` form of a change, leave the server exactly
as change-by-change application does — answers, rows, clocks, change ids and digests — with bad
values, later edits of the same rows and retries mixed in.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select

from outreach.model import Filing, Household, Visit
from outreach.model.codec import encode_value
from outreach.model.ids import uuid7
from outreach.server import push as server_push
from outreach.server.pull import ward_digest
from outreach.store.database import Store
from outreach.sync.engine import SyncEngine, _push_body
from outreach.wire import protocol
from tests.helpers.sync import WardSetup, enrol_fast, fast_store, make_ward

API = protocol.API_PREFIX


def record(store: Store, ward: WardSetup, visits: int) -> None:
    start = dt.datetime(2026, 3, 2, 8, 0)
    visit_rows, filing_rows = [], []
    for i in range(visits):
        vid = uuid7()
        visit_rows.append(
            {
                "id": vid,
                "ward_id": ward.ward_id,
                "household_id": uuid7(),
                "team_id": ward.team_id,
                "volunteer_id": store.profile.member_id,
                "members_present": [],
                "started_at": start + dt.timedelta(minutes=i),
                "outcome": "helped",
                "topics": ["VNeID mức 2"],
                "notes": "ghi chú" if i % 3 else "",
                "follow_up_date": dt.date(2026, 3, 9) if i % 4 == 0 else None,
            }
        )
        filing_rows.append(
            {
                "ward_id": ward.ward_id,
                "visit_id": vid,
                "resident_id": uuid7(),
                "procedure_code": "1.001757",
                "dossier": {"portal": "dvcqg", "dossier_code": f"H01-{i}"},
                "status": "submitted",
                "submitted_at": start,
            }
        )
    with store.write() as tx:
        tx.recorder.insert_many(Visit, visit_rows)
        tx.recorder.insert_many(Filing, filing_rows)
        tx.recorder.create(Household, {"ward_id": ward.ward_id, "head_name": "Một mình"})
    with store.write() as tx:  # edits of rows created in the same batch
        for visit in tx.session.scalars(select(Visit).limit(3)):
            tx.recorder.update(visit, {"notes": "đã sửa", "satisfaction": 4})


def batches(store: Store, transport: Any, *, compact: bool) -> list[dict[str, Any]]:
    engine = SyncEngine(store, transport)
    bodies, after = [], 0
    while batch := engine._next_batch(after):
        bodies.append(json.loads(_push_body(batch, compact=compact).data))
        after = batch[-1].seq
    return bodies


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def server_state(ward: WardSetup, rename: dict[str, str]) -> dict[str, Any]:
    """The ward's rows (ids and id values mapped back through ``rename``), and whether its
    running digest equals the digest of its rows."""

    def back(value: Any) -> Any:
        return UUID.sub(lambda m: rename.get(m.group(0), m.group(0)), value) if isinstance(value, str) else value

    state: dict[str, Any] = {}
    with ward.server.db.read() as conn:
        for entity in (Visit, Filing, Household):
            table = entity.__table__
            rows = conn.execute(select(table).where(table.c.ward_id == ward.ward_id)).mappings().all()
            state[entity.__tablename__] = sorted(
                (
                    back(r["id"]),
                    {k: back(json.dumps(v, sort_keys=True, default=str)) for k, v in r.items() if k not in ("id", "server_seq", "ward_id")},
                )
                for r in rows
            )
            digest = protocol.WardDigest()
            for r in rows:
                digest.add(entity.entity_name, r["id"], r["clocks"], {f: encode_value(r[f]) for f in r["clocks"]})
            stored = ward_digest(conn, ward.ward_id)
            state[f"{entity.__tablename__}_digest_ok"] = stored["counts"].get(entity.entity_name, 0) == len(rows)
        state["digest_ok"] = stored["hash"] == _digest_of_ward(conn, ward.ward_id).hash_hex
    return state


def _digest_of_ward(conn: Any, ward_id: str) -> protocol.WardDigest:
    from outreach.model.entities import SYNCED_ENTITIES

    digest = protocol.WardDigest()
    for entity in SYNCED_ENTITIES:
        if entity.entity_name in protocol.DIGEST_EXCLUDED:
            continue
        table = entity.__table__  # type: ignore[attr-defined]
        for r in conn.execute(select(table).where(table.c.ward_id == ward_id)).mappings():
            clocks = r["clocks"] or {}
            digest.add(entity.entity_name, r["id"], clocks, {f: encode_value(r[f]) for f in clocks})
    return digest


@pytest.mark.parametrize("compact", [False, True])
def test_bulk_push_equals_change_by_change(
    server: Any, template_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compact: bool
) -> None:
    ward, other = make_ward(server), make_ward(server, "Phường đối chứng")
    store = fast_store(template_root, tmp_path / "laptop")
    transport = enrol_fast(ward, store)
    other_store = fast_store(template_root, tmp_path / "other")
    other_transport = enrol_fast(other, other_store)
    record(store, ward, 180)
    record(store, ward, 180)
    bodies = batches(store, transport, compact=compact)
    assert sum(len(b["changes"]) for b in bodies) == 2 * (180 * 2 + 1) + 3 and len(bodies) == 2  # (the second edits change nothing)
    assert compact == any("values" in c for b in bodies for c in b["changes"])
    bad = next(c for c in bodies[0]["changes"] if c["entity"] == "filing")
    if compact:
        bad["values"]["status"] = 5
    else:
        bad["fields"]["status"][0] = 5
    bodies.append(bodies[0])  # a retry of a batch already applied

    # the same requests, change by change, as another laptop of another ward: every id renamed
    text_bodies = [json.dumps(b) for b in bodies]
    # (the visits are the other laptop's member's: a device records visits in its own name only)
    rename: dict[str, str] = {ward.ward_id: other.ward_id, ward.team_id: other.team_id}
    rename[str(store.profile.member_id)] = str(other_store.profile.member_id)
    for found in UUID.findall("".join(text_bodies)):
        rename.setdefault(found, uuid7())
    other_bodies = [UUID.sub(lambda m: rename[m.group(0)], t) for t in text_bodies]

    def push_all(target: WardSetup, token: str, texts: list[str]) -> list[Any]:
        answers = []
        for body in texts:
            reply = requests.post(
                f"{target.server.url}{API}/sync/push",
                data=body.encode(),
                timeout=30,
                headers={
                    "Authorization": token,
                    protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION),
                    "Content-Type": "application/json",
                },
            )
            assert reply.status_code == 200, reply.text
            assert reply.json()[protocol.COMPACT_CHANGES] is True
            answers.append([(r["status"], r.get("reason")) for r in reply.json()["results"]])
        return answers

    in_bulk: list[int] = []
    real = server_push._apply_new_rows

    def counting(*args: Any, **kwargs: Any) -> int:
        in_bulk.append(real(*args, **kwargs))
        return in_bulk[-1]

    with monkeypatch.context() as patch:
        patch.setattr(server_push, "_apply_new_rows", counting)
        fast = push_all(ward, str(transport.session.headers["Authorization"]), text_bodies)
    if server.db.is_postgres:
        assert sum(in_bulk) == 0  # (the column-wise path is SQLite's; PostgreSQL goes change by change)
    else:
        # batch 1 (500): visits 180 + 136 and filings 179 (column-wise; the bad one, refused by
        # its field's rule, change by change); batch 2: visits 44 (too few), filings 180
        # (column-wise); the retry: change by change
        assert in_bulk == [495, 180, 0]
    with monkeypatch.context() as patch:
        patch.setattr(server_push, "_BULK_MIN", 10**9)
        slow = push_all(other, str(other_transport.session.headers["Authorization"]), other_bodies)
    assert fast == slow
    # the bad visit is refused, so is the later edit of it (no such row); the retry answers the same
    # the bad filing is refused, and again when the batch is retried; everything else applies
    assert [r for answer in fast for r in answer if r[0] != "applied"] == [("rejected", "bad_value")] * 2
    back = {new: old for old, new in rename.items()}
    fast_state, slow_state = server_state(ward, {}), server_state(other, back)
    assert fast_state == slow_state
    assert fast_state["digest_ok"] and fast_state["visits_digest_ok"] and fast_state["filings_digest_ok"]
    transport.close()
    other_transport.close()
    store.close()
    other_store.close()


def test_a_server_without_the_compact_form_gets_the_full_one(
    ward_setup: WardSetup, template_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older server refuses a change without ``fields`` as malformed: the batch is sent again
    in the full form, and so is every later batch of that sync."""
    real = server_push._structure
    refused: list[int] = []

    def older_server(payload: Any) -> Any:
        for index, change in enumerate(payload.get("changes") or []):
            if isinstance(change, dict) and "fields" not in change:
                refused.append(index)
                raise server_push.RequestRefused(422, "bad_shape", f"changes[{index}].fields missing or of the wrong type")
        return real(payload)

    monkeypatch.setattr(server_push, "_structure", older_server)
    store = fast_store(template_root, tmp_path / "laptop")
    transport = enrol_fast(ward_setup, store)
    record(store, ward_setup, 300)
    report = SyncEngine(store, transport).sync()
    assert report.pushed == 300 * 2 + 1 + 3 and report.rejected == 0
    assert refused == [0]  # one refusal, then the full form only
    transport.close()
    store.close()
