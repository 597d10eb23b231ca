"""One bad value must not stop a ward (issue 15): against the real server on SQLite and PostgreSQL.

A pushed change whose value breaks its field's rule (outcome "hacked", satisfaction 99, NaN in
an address, NUL in a name, year 9999, a 3.5 MB note, ...) is answered ``rejected`` with reason
``bad_value`` and the field, the rest of its batch applies, the server never answers 5xx, and
every later pull (both layouts, and a fresh laptop's first sync) works.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import func, select, text

from outreach.model import Household, OutboxEntry, Visit
from outreach.model.clock import HybridLogicalClock, new_node_id
from outreach.model.ids import uuid7
from outreach.server import push as server_push
from outreach.services.device import needs_attention
from outreach.sync.client import run_sync
from outreach.sync.transport import HttpTransport
from outreach.wire import protocol
from tests.helpers.sync import WardSetup, enrol_fast, enrol_raw, fast_store

API = protocol.API_PREFIX
HEADERS = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)}


#: bad text the user can fix has its own reason; every other broken rule answers bad_value
TEXT_REASONS = {("visit", "notes"): "value_too_long", ("household", "head_name"): "bad_character",
                ("household", "notes"): "bad_character"}


def raw_enrol_member(ward: WardSetup, role: str = "volunteer") -> tuple[str, str]:
    """A device's token and its team-member id (a volunteer's device records visits in its own name)."""
    transport = HttpTransport(ward.server.url, None, retries=False)
    try:
        reply = enrol_raw(transport, ward.code(role))
        return str(reply["token"]), str(reply["member_id"])
    finally:
        transport.close()


def raw_enrol(ward: WardSetup, role: str = "volunteer") -> str:
    return raw_enrol_member(ward, role)[0]


def push_raw(ward: WardSetup, token: str, data: bytes) -> requests.Response:
    headers = {**HEADERS, "Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    return requests.post(f"{ward.server.url}{API}/sync/push", data=data, headers=headers, timeout=60)


def push(ward: WardSetup, token: str, changes: list[dict[str, Any]]) -> requests.Response:
    # allow_nan: the request carries the literal NaN / Infinity a crafted client would send
    return push_raw(ward, token, json.dumps({"changes": changes}, allow_nan=True).encode())


def pull_all(ward: WardSetup, token: str, layout: str) -> int:
    """Every page of the ward in ``layout``; the number of rows (asserting each page is 200)."""
    since, rows = 0, 0
    while True:
        params: dict[str, str | int] = {"since": since, "layout": layout}
        reply = requests.get(f"{ward.server.url}{API}/sync/pull", params=params,
                             headers={**HEADERS, "Authorization": f"Bearer {token}"}, timeout=60)
        assert reply.status_code == 200, reply.text[:300]
        page = json.loads(reply.content, parse_constant=_refuse_constant)
        rows += len(page["rows"]) if layout == "rows" else sum(len(t["rows"]) for t in page["tables"])
        since = page["next"]
        if not page["has_more"]:
            return rows


def _refuse_constant(name: str) -> Any:
    raise AssertionError(f"a pull page holds {name}")


def household(ward_id: str, stamp: str, **fields: Any) -> dict[str, Any]:
    values = {"ward_id": ward_id, "deleted": False, "head_name": "Nguyễn Văn An", "address": {"street": "Đội Cấn"}, **fields}
    return {"change_id": uuid7(), "entity": "household", "entity_id": uuid7(), "fields": {k: [v, stamp] for k, v in values.items()}}


def visit(ward_id: str, stamp: str, **fields: Any) -> dict[str, Any]:
    values = {"ward_id": ward_id, "deleted": False, "outcome": "helped", **fields}
    return {"change_id": uuid7(), "entity": "visit", "entity_id": uuid7(), "fields": {k: [v, stamp] for k, v in values.items()}}


def resident(ward_id: str, stamp: str, **fields: Any) -> dict[str, Any]:
    values = {"ward_id": ward_id, "deleted": False, "full_name": "Trần Thị Bình", **fields}
    return {"change_id": uuid7(), "entity": "resident", "entity_id": uuid7(), "fields": {k: [v, stamp] for k, v in values.items()}}


def count(ward: WardSetup, entity: type[Any]) -> int:
    table = entity.__table__
    with ward.server.db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table).where(table.c.ward_id == ward.ward_id)).scalar_one())


def test_each_bad_value_is_rejected_alone_and_the_rest_applies(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    token, member = raw_enrol_member(ward_setup)
    clock = HybridLogicalClock(new_node_id())
    ward = ward_setup.ward_id
    bad = {
        ("visit", "outcome"): visit(ward, clock.now(), outcome="hacked"),
        ("visit", "satisfaction"): visit(ward, clock.now(), satisfaction=99),
        ("visit", "started_at"): visit(ward, clock.now(), started_at="9999-01-01T10:00:00"),
        ("visit", "notes"): visit(ward, clock.now(), notes="x" * 3_500_000),
        ("visit", "topics"): visit(ward, clock.now(), topics=[float("nan")]),
        ("resident", "personal_id"): resident(ward, clock.now(), personal_id="00120300A456"),
        ("resident", "vneid_level"): resident(ward, clock.now(), vneid_level=7),
        ("resident", "sex"): resident(ward, clock.now(), sex="robot"),
        ("household", "address"): household(ward, clock.now(), address={"street": {"deep": [1, {"x": None}]}}),
        ("household", "head_name"): household(ward, clock.now(), head_name="Nguyễn\x00Văn An"),
        ("household", "notes"): household(ward, clock.now(), notes="bell\x07"),
        ("household", "phone"): household(ward, clock.now(), phone="09x2345678"),
        ("household", "extra_field_from_newer_client"): household(ward, clock.now(), extra_field_from_newer_client=float("inf")),
    }
    # NaN inside a JSON field: the number that used to poison every later pull
    bad[("household", "address.nan")] = household(ward, clock.now(), address={"street": float("nan")})
    good = [household(ward, clock.now()), visit(ward, clock.now(), satisfaction=5, notes="Đã hướng dẫn\n\tnộp hồ sơ", volunteer_id=member)]
    reply = push(ward_setup, token, [*bad.values(), *good])
    assert reply.status_code == 200, reply.text[:500]
    results = {r["change_id"]: r for r in reply.json()["results"]}
    for (entity, field), change in bad.items():
        answer = results[change["change_id"]]
        assert answer["status"] == "rejected", (entity, field, answer)
        assert answer["reason"] == TEXT_REASONS.get((entity, field), "bad_value"), (entity, field, answer)
        assert answer["field"] == field.split(".")[0], (entity, field, answer)
    assert [results[c["change_id"]]["status"] for c in good] == ["applied", "applied"]
    assert count(ward_setup, Household) == 1 and count(ward_setup, Visit) == 1
    assert pull_all(ward_setup, token, "rows") == pull_all(ward_setup, token, "columns") >= 2
    laptop = fast_store(template_root, tmp_path / "fresh")
    report = run_sync(laptop, transport=enrol_fast(ward_setup, laptop))
    assert report is not None
    with laptop.read() as session:
        assert session.scalar(select(func.count()).select_from(Household)) == 1
    laptop.close()


def test_rejected_bulk_rows_do_not_stop_the_rest(ward_setup: WardSetup) -> None:
    """A first push of many whole rows (the server's bulk path) with a few bad ones among them."""
    token = raw_enrol(ward_setup)
    clock = HybridLogicalClock(new_node_id())
    stamp = clock.now()
    changes = [household(ward_setup.ward_id, stamp, phone=None, notes="") for _ in range(100)]
    full = set(changes[0]["fields"])
    for change in changes:  # whole rows: every field of the entity, as a laptop's first push
        for name in Household.__table__.columns.keys():
            if name not in ("id", "clocks", "server_seq") and name not in full:
                change["fields"][name] = [{"group_id": None, "elderly_alone": False, "disabled": False, "policy_family": False,
                                           "poor_household": False, "merged_into": None}[name], stamp]
    changes[10]["fields"]["head_name"][0] = "NUL\x00"
    changes[20]["fields"]["address"][0] = {"street": float("nan")}
    changes[30]["fields"]["notes"][0] = "y" * 10_000
    reply = push(ward_setup, token, changes)
    assert reply.status_code == 200, reply.text[:500]
    statuses = [r["status"] for r in reply.json()["results"]]
    assert [i for i, s in enumerate(statuses) if s != "applied"] == [10, 20, 30]
    assert count(ward_setup, Household) == 97
    assert pull_all(ward_setup, token, "columns") == pull_all(ward_setup, token, "rows") >= 97


def test_deeply_nested_bodies_answer_422(ward_setup: WardSetup) -> None:
    token = raw_enrol(ward_setup)
    deep = b"[" * 10_000 + b"]" * 10_000
    answer = push_raw(ward_setup, token, b'{"changes": ' + deep + b"}")
    assert answer.status_code == 422, answer.text[:300]
    enrol = requests.post(f"{ward_setup.server.url}{API}/enroll", data=b'{"code": ' + deep + b"}",
                          headers={**HEADERS, "Content-Type": "application/json"}, timeout=10)
    assert enrol.status_code in (400, 422) and enrol.json()["reason"] in ("bad_json", "too_deep"), enrol.text[:300]
    # a deep value inside a well-formed change: that change alone is refused
    clock = HybridLogicalClock(new_node_id())
    change = household(ward_setup.ward_id, clock.now())
    body = json.dumps({"changes": [change]}).replace('"address": [{"street": "\\u0110\\u1ed9i C\\u1ea5n"}',
                                                     '"address": [' + "[" * 5_000 + "]" * 5_000)
    assert body.count("[[[") > 0
    answer = push_raw(ward_setup, token, body.encode())
    assert answer.status_code in (200, 422), answer.text[:300]
    if answer.status_code == 200:
        assert answer.json()["results"][0]["status"] == "rejected"
    assert count(ward_setup, Household) == 0


def test_a_stored_bad_row_does_not_poison_pulls(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    """Rows written straight into the server database (an older server, a hand edit): NaN in a
    JSON column, a NUL in text (SQLite stores it; PostgreSQL cannot). Pulls skip or clean them."""
    token = raw_enrol(ward_setup)
    clock = HybridLogicalClock(new_node_id())
    changes = [household(ward_setup.ward_id, clock.now()) for _ in range(3)]
    assert push(ward_setup, token, changes).status_code == 200
    poisoned, nul = changes[0]["entity_id"], changes[1]["entity_id"]
    postgres = ward_setup.server.db.is_postgres
    with ward_setup.server.db.write() as conn:
        # PostgreSQL's json type refuses NaN and text refuses NUL: there a stored row can only
        # hold the JSON escape of NUL (which json_build_array and jsonb refuse)
        bad_address = '{"street": "\\u0000x"}' if postgres else '{"street": NaN}'
        conn.execute(text("UPDATE households SET address = :a WHERE id = :id"), {"a": bad_address, "id": poisoned})
        if not postgres:
            conn.execute(text("UPDATE households SET head_name = :n WHERE id = :id"), {"n": "A\x00B", "id": nul})
    assert pull_all(ward_setup, token, "columns") == pull_all(ward_setup, token, "rows") > 3
    laptop = fast_store(template_root, tmp_path / "fresh")
    run_sync(laptop, transport=enrol_fast(ward_setup, laptop))
    with laptop.read() as session:
        names = set(session.scalars(select(Household.head_name)))
        addresses = list(session.scalars(select(Household.address)))
    assert len(addresses) == 3 and ("AB" in names or postgres)
    assert all("\x00" not in name for name in names)
    assert all(isinstance(a, dict) for a in addresses)
    laptop.close()


@pytest.mark.parametrize("notes", [3_900])
def test_pull_pages_are_cut_by_bytes(ward_setup: WardSetup, notes: int, template_root: Path, tmp_path: Path) -> None:
    """Big rows: a page stays within the byte budget (at least one row per page)."""
    token, member = raw_enrol_member(ward_setup)
    clock = HybridLogicalClock(new_node_id())
    note = "ghi chú dài " * (notes // 12)
    for _ in range(3):
        batch = [visit(ward_setup.ward_id, clock.now(), notes=note, review_note="", volunteer_id=member) for _ in range(250)]
        reply = push(ward_setup, token, batch)
        assert reply.status_code == 200 and {r["status"] for r in reply.json()["results"]} == {"applied"}
    for layout in ("rows", "columns"):
        since, pages, rows = 0, 0, 0
        while True:
            reply = requests.get(f"{ward_setup.server.url}{API}/sync/pull", params={"since": since, "layout": layout, "limit": 10_000},
                                 headers={**HEADERS, "Authorization": f"Bearer {token}", "Accept-Encoding": "identity"}, timeout=60)
            assert reply.status_code == 200
            assert len(reply.content) <= protocol.MAX_PULL_PAGE_BYTES + 64 * 1024, (layout, len(reply.content))
            page = reply.json()
            rows += len(page["rows"]) if layout == "rows" else sum(len(t["rows"]) for t in page["tables"])
            pages += 1
            since = page["next"]
            if not page["has_more"]:
                break
        assert rows >= 750 and pages >= 2, (layout, rows, pages)
    laptop = fast_store(template_root, tmp_path / "fresh")  # a fresh laptop's first pull: page by page
    # (a leader's: a volunteer's laptop is served its own, its team's and its area's visits only)
    report = run_sync(laptop, transport=enrol_fast(ward_setup, laptop, role="leader"))
    assert report.pages >= 2 and report.pulled >= 750
    laptop.close()


def _household_values(ward_id: str, name: str) -> dict[str, Any]:
    return {"ward_id": ward_id, "head_name": name, "address": {"street": "Đội Cấn"}}


def test_an_old_outbox_entry_with_nul_does_not_block_the_queue(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    """A laptop that recorded a NUL before this release (its outbox holds it): the server
    answers that change rejected (PostgreSQL cannot store it; SQLite no longer takes it), the
    changes around it apply, and the laptop's queue empties."""
    laptop = fast_store(template_root, tmp_path / "laptop")
    transport = enrol_fast(ward_setup, laptop)
    with laptop.write() as tx:
        tx.recorder.create(Household, _household_values(ward_setup.ward_id, "Trước"))
        poisoned = tx.recorder.create(Household, _household_values(ward_setup.ward_id, "Tạm"))
        tx.recorder.create(Household, _household_values(ward_setup.ward_id, "Sau"))
    with laptop.write() as tx:  # the entry as an older laptop recorded it, NUL and all
        entry = tx.session.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == poisoned.id)).one()
        entry.fields = {**entry.fields, "head_name": ["Nguyễn\x00Văn An", entry.fields["head_name"][1]]}
    report = run_sync(laptop, transport=transport)
    assert report.rejected == 1 and report.rejected_reasons == {"bad_character": 1}
    with laptop.read() as session:
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == 0
    assert [item.reason_code for item in needs_attention(laptop)] == ["bad_character"]
    with ward_setup.server.db.read() as conn:
        names = set(conn.scalars(select(Household.__table__.c.head_name).where(Household.__table__.c.ward_id == ward_setup.ward_id)))
    assert names == {"Trước", "Sau"}
    laptop.close()


@pytest.mark.postgres
def test_a_value_the_database_refuses_is_rejected_alone(pg_server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second door: a value the field rules let through (here the rules are switched off)
    and PostgreSQL refuses (NUL in text) is answered rejected, alone; the batch applies."""
    from tests.helpers.sync import make_ward

    ward = make_ward(pg_server)
    token = raw_enrol(ward)
    clock = HybridLogicalClock(new_node_id())
    monkeypatch.setattr(server_push, "field_problem", lambda *_args: None)
    changes = [household(ward.ward_id, clock.now()), household(ward.ward_id, clock.now(), head_name="A\x00B"),
               household(ward.ward_id, clock.now())]
    reply = push(ward, token, changes)
    assert reply.status_code == 200, reply.text[:300]
    assert [(r["status"], r.get("reason")) for r in reply.json()["results"]] == [
        ("applied", None), ("rejected", "bad_value"), ("applied", None)]
    assert count(ward, Household) == 2
    assert pull_all(ward, token, "columns") == pull_all(ward, token, "rows")


def test_the_office_writes_through_the_same_rules(ward_setup: WardSetup) -> None:
    """The office's own writes (outreach-server) are changes like a laptop's: a team phone typed
    with spaces is stored as its digits, a refused value says which field and why."""
    from outreach.model import Team
    from outreach.server import admin

    team_id = admin.add_team(ward_setup.server.db, ward_setup.ward_id, "Đội 2", contact_phone="024 3825 1234")
    with ward_setup.server.db.read() as conn:
        assert conn.scalar(select(Team.__table__.c.contact_phone).where(Team.__table__.c.id == team_id)) == "02438251234"
    with pytest.raises(admin.AdminError, match="team_member.role"):
        admin.office_write(ward_setup.server.db, admin.TeamMember, uuid7(), {"ward_id": ward_setup.ward_id, "role": "admin"},
                           ward_setup.ward_id, create=True)


def test_hostile_text_in_enrolment_bodies_is_refused_not_a_500(ward_setup: WardSetup) -> None:
    """The other doors that take text: an enrolment's label and code, a leader's code request."""
    url = f"{ward_setup.server.url}{API}"
    for body in ({"code": ward_setup.code(), "label": "máy\x00của Huy", "encrypted": True}, {"code": "AB\x00CD", "encrypted": True},
                 {"code": "\ud800", "encrypted": True}):
        reply = requests.post(f"{url}/enroll", data=json.dumps(body).encode(), headers={**HEADERS, "Content-Type": "application/json"},
                              timeout=10)
        assert reply.status_code in (400, 401, 422) and "reason" in reply.json(), reply.text[:300]
    leader = raw_enrol(ward_setup, "leader")
    reply = requests.post(f"{url}/enrolment-codes", data=json.dumps({"member_name": "Huy\x00", "minutes": 10}).encode(),
                          headers={**HEADERS, "Authorization": f"Bearer {leader}", "Content-Type": "application/json"}, timeout=10)
    assert reply.status_code == 422 and reply.json()["reason"] == "bad_request", reply.text[:300]


def test_a_reference_no_database_driver_can_encode_is_rejected_not_a_500(ward_setup: WardSetup) -> None:
    """A visit naming its household by a lone surrogate: the write-rights rules look referenced
    rows up before the field rules refuse the value, and PostgreSQL's driver cannot encode it."""
    token, member = raw_enrol_member(ward_setup)
    clock = HybridLogicalClock(new_node_id())
    odd = visit(ward_setup.ward_id, clock.now(), volunteer_id=member, household_id="\ud800")
    good = household(ward_setup.ward_id, clock.now())
    reply = push(ward_setup, token, [odd, good])
    assert reply.status_code == 200, reply.text[:500]
    assert [(r["status"], r.get("reason")) for r in reply.json()["results"]] == [("rejected", "bad_character"), ("applied", None)]
