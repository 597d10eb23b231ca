"""Clock errors the user can fix, against a real server (SQLite and PostgreSQL).

A server whose own clock is behind must not tell correct laptops that *their* clock is wrong:
when many devices are ahead by the same amount it says "call the office" instead (and logs it).
Re-stamping after a laptop's clock was fixed must not fill the leader's lost-values list.
"""

from __future__ import annotations

import io
import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from outreach.model import Household
from outreach.server import admin
from outreach.server.clock_watch import ClockWatch
from outreach.server.db import open_db
from outreach.server.logs import JsonFormatter
from outreach.server.schema import LostValueRecord
from outreach.services.device import restamp_outbox
from outreach.store.database import Store
from outreach.sync.client import run_sync
from outreach.sync.errors import ClockAhead, ServerClockBehind
from outreach.wire import protocol
from tests.helpers.sync import LiveServer, WardSetup, enrol_fast, fast_store, make_ward

HOURS_3 = 3 * 3600 * 1000


class _ServerWall:
    """The server's wall clock, set wrong (then right) by the test."""

    def __init__(self) -> None:
        self.offset_ms = 0

    def __call__(self) -> int:
        return time.time_ns() // 1_000_000 + self.offset_ms


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def wrong_clock_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[LiveServer, _ServerWall]]:
    """A server of its own (its clock watch starts empty), its wall clock injectable."""
    url = f"sqlite:///{tmp_path / 'office.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    db = open_db(url)
    admin.seed_catalogue(db)
    wall = _ServerWall()
    server = LiveServer(db, wall_ms=wall)
    yield server, wall
    server.stop()
    db.dispose()


@pytest.fixture
def server_log() -> Iterator[io.StringIO]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("outreach.server")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield out
    logger.removeHandler(handler)
    logger.setLevel(old_level)


def _households(ward: WardSetup) -> int:
    with ward.server.db.read() as conn:
        query = select(func.count()).select_from(Household.__table__).where(Household.ward_id == ward.ward_id)
        return int(conn.execute(query).scalar_one())


def test_a_server_clock_behind_is_blamed_not_the_laptops(
    wrong_clock_server: tuple[LiveServer, _ServerWall], template_root: Path, tmp_path: Path, server_log: io.StringIO
) -> None:
    server, wall = wrong_clock_server
    ward = make_ward(server)
    wall.offset_ms = -HOURS_3  # the server's clock is 3 hours behind; the laptops' are right
    laptops: list[tuple[Store, object]] = []
    for i in range(3):
        store = fast_store(template_root, tmp_path / f"laptop-{i}")
        laptops.append((store, enrol_fast(ward, store)))
    errors = []
    for i, (store, transport) in enumerate(laptops):
        with store.write() as tx:
            tx.recorder.create(Household, {"ward_id": ward.ward_id, "head_name": f"Hộ số {i}"})
        with pytest.raises((ClockAhead, ServerClockBehind)) as caught:
            run_sync(store, transport=transport)  # type: ignore[arg-type]
        errors.append(type(caught.value))
    # one or two laptops ahead could be their own clocks; three agreeing ones are not
    assert errors[:2] == [ClockAhead, ClockAhead] and errors[2] is ServerClockBehind
    with pytest.raises(ServerClockBehind) as again:
        run_sync(laptops[0][0], transport=laptops[0][1])  # type: ignore[arg-type]
    assert "văn phòng phường" in again.value.message_vi and "do not change this computer's clock" in again.value.message_en
    assert _households(ward) == 0
    logged = [json.loads(line) for line in server_log.getvalue().splitlines()]
    behind = [r for r in logged if r.get("event") == "server_clock_behind"]
    assert behind and behind[0]["level"] == "warning" and abs(behind[0]["ahead_ms"] - HOURS_3) < 60_000

    wall.offset_ms = 0  # the office fixes the server's clock: the unsent changes go, no restamp
    for store, transport in laptops:
        assert run_sync(store, transport=transport).pushed == 1  # type: ignore[arg-type]
        store.close()
    assert _households(ward) == 3


def test_few_laptops_ahead_among_many_right_ones_are_their_own_clocks() -> None:
    now = [1_800_000_000_000]
    watch = ClockWatch(lambda: now[0])
    for device in ("a", "b", "c"):
        watch.observe(device, now[0] + HOURS_3)
    assert watch.server_behind_ms() == HOURS_3
    for device in ("d", "e", "f"):
        watch.observe(device, now[0] + 1_000)
    assert watch.server_behind_ms() is None  # half the laptops are right: it is theirs, not the server's
    watch.observe("b", now[0] + HOURS_3 + 40 * 60_000)  # ahead, but not by the same amount
    watch.observe("g", now[0] + 2 * HOURS_3)
    assert watch.server_behind_ms() is None
    now[0] += 2 * 3600 * 1000  # an hour-old observation no longer counts
    for device in ("x", "y", "z"):
        watch.observe(device, now[0] + protocol.MAX_CLOCK_AHEAD_MS + 60_000)
    assert watch.server_behind_ms() == protocol.MAX_CLOCK_AHEAD_MS + 60_000


def test_restamp_leaves_no_spurious_lost_values(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    store = fast_store(template_root, tmp_path / "p")
    transport = enrol_fast(ward_setup, store, "leader")
    with store.write() as tx:
        household = tx.recorder.create(Household, {"ward_id": ward_setup.ward_id, "head_name": "Nguyễn Văn Tư"})
    run_sync(store, transport=transport)
    real_wall = store.clock._wall
    store.clock._wall = lambda: real_wall() + HOURS_3  # the laptop's clock runs 3 hours fast
    for name, phone in (("Nguyễn Văn Tứ", "0912000001"), ("Nguyễn Văn Tú", "0912000002")):  # the second saw the first
        with store.write() as tx:
            row = tx.session.get(Household, household.id)
            assert row is not None
            tx.recorder.update(row, {"head_name": name, "phone": phone})
    with pytest.raises(ClockAhead):
        run_sync(store, transport=transport)
    store.clock._wall = real_wall  # the user fixes the clock, then re-stamps
    assert restamp_outbox(store) == 2
    assert run_sync(store, transport=transport).pushed == 2
    with ward_setup.server.db.read() as conn:
        lost = conn.execute(select(LostValueRecord.field, LostValueRecord.value)
                            .where(LostValueRecord.ward_id == ward_setup.ward_id)).all()
        head = conn.execute(select(Household.__table__.c.head_name).where(Household.__table__.c.id == household.id)).scalar_one()
    assert lost == [] and head == "Nguyễn Văn Tú"
    store.close()
