"""The fast paths of a long pull (DESIGN.md §4.6, §6) against the real server, SQLite and PostgreSQL.

- the ``columns`` page layout carries exactly what the ``rows`` layout does, fields kept for
  newer clients included;
- a pull of many pages (fetched one ahead, new rows inserted column by column, search index
  refreshed once at the end, digest kept page by page) leaves the laptop equal to one that
  pulled row by row, searchable and verified;
- a pull stopped after some pages keeps exactly those pages and their cursor; stopped before
  the deferred search refresh, the next start rebuilds the index; the next sync completes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import func, select, text

from outreach.model import Filing, Household, Resident, SyncState, Visit
from outreach.model.entities import SYNCED_ENTITIES
from outreach.model.ids import uuid7
from outreach.server.pull import pull_columns, pull_page
from outreach.services.households import search_households
from outreach.store import search_index
from outreach.store.database import Store, open_store
from outreach.sync import engine as sync_engine
from outreach.sync.client import run_sync
from outreach.sync.engine import SyncEngine, local_digest
from outreach.sync.errors import SyncError
from outreach.sync.transport import HttpTransport
from outreach.wire import protocol
from tests.helpers.faults import FaultyTransport
from tests.helpers.sync import WardSetup, enrol_fast, fast_store

API = protocol.API_PREFIX


def fill_ward(ward: WardSetup, template_root: Path, folder: Path, households: int = 40) -> Store:
    """A laptop that registered a small ward (varied values, some rows edited twice) and pushed it."""
    store = fast_store(template_root, folder)
    transport = enrol_fast(ward, store, role="leader")
    start = dt.datetime(2026, 3, 2, 8, 0)
    hh_rows, res_rows, visit_rows, filing_rows = [], [], [], []
    for i in range(households):
        hid = uuid7()
        hh_rows.append(
            {
                "id": hid,
                "ward_id": ward.ward_id,
                "head_name": ["Đặng Văn Đức", "Nguyễn Thị Ánh", 'Lê "Bé" Ba'][i % 3] + f" {i}",
                "address": {"house_number": str(i), "lane": "5", "street": "Đội Cấn"},
                "phone": None if i % 4 else f"09{i:08d}",
                "elderly_alone": i % 5 == 0,
                "notes": "ghi chú\nhai dòng" if i % 7 == 0 else "",
            }
        )
        for j in range(2):
            rid = uuid7()
            res_rows.append(
                {
                    "id": rid,
                    "ward_id": ward.ward_id,
                    "household_id": hid,
                    "full_name": f"Trần Văn {i}-{j}",
                    "date_of_birth": dt.date(1950 + i % 50, 1 + j, 1 + i % 28),
                    "personal_id": f"{i:06d}{j:06d}",
                    "vneid_level": (i + j) % 3,
                    "consent_given_at": start if j == 0 else None,
                    "consent_detail": {"purpose": "hỗ trợ"},
                }
            )
            vid = uuid7()
            visit_rows.append(
                {
                    "id": vid,
                    "ward_id": ward.ward_id,
                    "household_id": hid,
                    "team_id": ward.team_id,
                    "volunteer_id": store.profile.member_id,
                    "members_present": [rid],
                    "started_at": start + dt.timedelta(hours=i, minutes=j),
                    "outcome": "helped",
                    "topics": ["VNeID mức 2"] if j else [],
                    "follow_up_date": dt.date(2026, 3, 9) if i % 3 == 0 else None,
                    "satisfaction": None if i % 2 else 5,
                    "review_status": "flagged" if i % 6 == 0 else "pending",
                }
            )
            filing_rows.append(
                {
                    "ward_id": ward.ward_id,
                    "visit_id": vid,
                    "resident_id": rid,
                    "procedure_code": "1.001757",
                    "dossier": {"portal": "dvcqg", "dossier_code": f"H01-{i}-{j}"},
                    "status": "submitted",
                    "submitted_at": start,
                }
            )
    with store.write() as tx:
        tx.recorder.insert_many(Household, hh_rows)
        tx.recorder.insert_many(Resident, res_rows)
        tx.recorder.insert_many(Visit, visit_rows)
        tx.recorder.insert_many(Filing, filing_rows)
    with store.write() as tx:  # rows with two stamps (and a moved resident, a deleted household)
        for row in tx.session.scalars(select(Household).limit(5)):
            tx.recorder.update(row, {"notes": "đã sửa", "phone": "0987654321"})
        first = tx.session.scalars(select(Resident).limit(1)).one()
        tx.recorder.update(first, {"household_id": hh_rows[-1]["id"], "full_name": "Chuyển Hộ"})
        tx.recorder.delete(tx.session.get(Household, hh_rows[1]["id"]))  # type: ignore[arg-type]
    report = run_sync(store, transport=transport)
    assert report.rejected == 0
    transport.close()
    return store


def table_dump(store: Store) -> dict[str, Sequence[Any]]:
    with store.engine.connect() as conn:
        names = [e.__tablename__ for e in SYNCED_ENTITIES]  # type: ignore[attr-defined]  # Synced is a mixin: only its subclasses name a table
        dump: dict[str, Sequence[Any]] = {name: conn.execute(text(f"SELECT * FROM {name} ORDER BY id")).all() for name in names}
        dump["search"] = conn.execute(text(f"SELECT * FROM {search_index.FTS_TABLE} ORDER BY household_id")).all()
    return dump


def as_rows(page: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """A ``columns`` page as the ``rows`` layout would carry it."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for table in page["tables"]:
        names = table["columns"][3:]
        for row_id, seq, clocks, *values in table["rows"]:
            if isinstance(clocks, str):
                flat = dict.fromkeys(names, clocks)
            else:
                flat = {name: stamp for stamp, group in clocks.items() for name in group}
            rows[(table["entity"], row_id)] = {
                "entity": table["entity"],
                "id": row_id,
                "seq": seq,
                "fields": dict(zip(names, values, strict=True)),
                "clocks": flat,
            }
    for extra in page["extras"]:
        row = rows[(extra["entity"], extra["id"])]
        row["fields"].update(extra["fields"])
        row["clocks"].update(extra["clocks"])
    return rows


def test_columns_layout_carries_what_rows_layout_does(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    store = fill_ward(ward_setup, template_root, tmp_path / "source", households=12)
    store.close()
    # a field this server does not know, from a newer client: kept, and served in both layouts
    # (a leader's: the whole ward, as pull_page/pull_columns serve it; a volunteer's scope: test_sync_scope.py)
    token = enrol_fast(ward_setup, fast_store(template_root, tmp_path / "newer"), role="leader").session.headers["Authorization"]
    with ward_setup.server.db.read() as conn:
        target = conn.execute(select(Household.id).where(Household.ward_id == ward_setup.ward_id).limit(1)).scalar_one()
    stamp = f"{int(dt.datetime.now().timestamp() * 1000):013d}-0000-00000000000000aa"
    answer = requests.post(
        f"{ward_setup.server.url}{API}/sync/push",
        headers={"Authorization": token, protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)},
        json={"changes": [{"change_id": uuid7(), "entity": "household", "entity_id": target, "fields": {"zalo": ["z1", stamp]}}]},
        timeout=10,
    )
    assert answer.json()["results"][0]["status"] == "applied"
    db, since, pages = ward_setup.server.db, 0, 0
    while True:
        rows_page, columns_page = pull_page(db, ward_setup.ward_id, since, 25), pull_columns(db, ward_setup.ward_id, since, 25)
        wire = json.loads(columns_page.to_json("t"))
        assert (wire["next"], wire["has_more"], wire["digest"]) == (rows_page.next_cursor, rows_page.has_more, rows_page.digest)
        assert as_rows(wire) == {(r["entity"], r["id"]): r for r in rows_page.rows}
        assert any(isinstance(r[2], str) for t in wire["tables"] for r in t["rows"])  # the one-stamp short form is used
        pages += 1
        since = rows_page.next_cursor
        if not rows_page.has_more:
            break
    assert pages >= 5
    # and over HTTP, asked for by name
    reply = requests.get(
        f"{ward_setup.server.url}{API}/sync/pull",
        params={"layout": "columns", "limit": "10000"},
        headers={"Authorization": token, protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)},
        timeout=10,
    ).json()
    assert reply["layout"] == "columns" and reply["has_more"] is False and reply["extras"][0]["fields"] == {"zalo": "z1"}


def test_long_pull_equals_row_by_row_and_survives_interruptions(
    ward_setup: WardSetup, template_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_ward(ward_setup, template_root, tmp_path / "source").close()
    # enrolled first: each enrolment adds its member to the ward, and all must pull the same ward
    # (leaders' laptops: the whole ward, whose page ends nth_page_end computes)
    reference, laptop, broken = (fast_store(template_root, tmp_path / name) for name in ("reference", "laptop", "broken"))
    ref_transport, transport, inner = (enrol_fast(ward_setup, store, role="leader") for store in (reference, laptop, broken))

    # reference: one page, row by row (no column-wise batches)
    with monkeypatch.context() as patch:
        patch.setattr("outreach.sync.pull_apply._COLUMNWISE_MIN", 10**9)
        report = SyncEngine(reference, ref_transport, pull_limit=10_000).sync()
        ref_transport.close()
    assert report.pages == 1 and report.verified is True

    report = SyncEngine(laptop, transport, pull_limit=37).sync()
    assert report.pages > 5 and report.verified is True
    assert table_dump(laptop) == table_dump(reference)
    assert not search_index_is_stale(laptop)
    assert "Đặng Văn Đức 0" in [h.head_name for h in search_households(laptop, "dang van duc 0")]
    transport.close()
    laptop.close()

    # stopped by the network after three pages: those pages and their cursor stay, nothing else
    faulty = FaultyTransport(inner, ["ok", "ok", "ok", "drop_before"])
    with pytest.raises(SyncError):
        SyncEngine(broken, faulty, pull_limit=37).sync()
    with broken.read() as session:
        cursor = session.scalar(select(SyncState.cursor))
        rows = sum(session.execute(select(func.count()).select_from(e)).scalar_one() for e in SYNCED_ENTITIES)
    assert rows == 3 * 37 + procedures_locally(broken)
    assert cursor == nth_page_end(ward_setup, 3, 37)
    assert not search_index_is_stale(broken)  # the pages it did apply are searchable

    # stopped between the last page and the deferred search refresh (a crash): marked stale,
    # rebuilt when the profile opens again, and the next sync completes and verifies
    def crash(*_args: Any, **_kwargs: Any) -> None:
        raise KeyboardInterrupt("power cut")

    with monkeypatch.context() as patch:
        patch.setattr(sync_engine, "refresh_deferred_search", crash)
        with pytest.raises(KeyboardInterrupt):
            SyncEngine(broken, inner, pull_limit=37).sync()
    assert search_index_is_stale(broken)
    profile = broken.profile
    broken.close()
    reopened = open_store(profile)
    assert not search_index_is_stale(reopened)
    assert "Đặng Văn Đức 0" in [h.head_name for h in search_households(reopened, "dang van duc 0")]
    report = SyncEngine(reopened, inner, pull_limit=37).sync(verify=True)
    assert report.verified is True and local_digest(reopened).matches(report_digest(ward_setup))
    assert table_dump(reopened) == table_dump(reference)
    inner.close()
    reopened.close()
    reference.close()


def search_index_is_stale(store: Store) -> bool:
    with store.read() as session:
        return search_index.is_stale(session)


def procedures_locally(store: Store) -> int:
    """Rows a fresh profile has before any pull (the catalogue seeded from the app's resources)."""
    return 0


def nth_page_end(ward: WardSetup, pages: int, limit: int) -> int:
    since = 0
    for _ in range(pages):
        since = pull_page(ward.server.db, ward.ward_id, since, limit).next_cursor
    return since


def report_digest(ward: WardSetup) -> dict[str, Any]:
    from outreach.server.pull import ward_digest

    with ward.server.db.read() as conn:
        return ward_digest(conn, ward.ward_id)


def test_http_transport_asks_for_the_columns_layout(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    store = fast_store(template_root, tmp_path / "p")
    transport = enrol_fast(ward_setup, store)
    seen: list[dict[str, Any]] = []
    real_get = HttpTransport.get

    def spy(self: HttpTransport, path: str, params: dict[str, Any]) -> Any:
        seen.append(dict(params))
        return real_get(self, path, params)

    transport.get = spy.__get__(transport)  # type: ignore[method-assign]
    run_sync(store, transport=transport)
    assert seen and all(p.get("layout") == "columns" for p in seen)
    transport.close()
    store.close()
