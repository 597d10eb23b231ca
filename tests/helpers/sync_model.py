"""Property-based model of several laptops syncing through a real server with faults (DESIGN.md §4).

Devices create, edit and delete households, add residents to them, and two leaders merge
households (issue 17: overlapping pairs, cycles), with clocks skewed, and sync in random order while
requests are dropped before the server commits, answers lost after it commits, requests
duplicated, 500s, timeouts and truncated answers. After healing (no faults, every outbox drained):
every device equals the server, every acknowledged change is on the server exactly once, and
every field holds the value with the highest HLC stamp ever written to it (the merges' and the
laptops' after-pull re-points included), no live resident is left on a merged-away household,
and every chain of merges ends at a household that is not merged away (cycles broken alike).

The machine lives here, not in a test module, because two runners share it: the tests in
``tests/sync/test_sync_model.py`` (example count from the hypothesis profile) and
``benchmarks/sync_model_check.py`` (≥ 1,000 examples).
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule, run_state_machine_as_test
from sqlalchemy import func, select

from outreach.model import Household, NeedsAttention, OutboxEntry, Resident, ResidentialGroup
from outreach.model.codec import encode_value
from outreach.server import admin
from outreach.server.schema import ReceivedChange
from outreach.services import duplicates
from outreach.services.context import Actor
from outreach.store.database import Store
from outreach.sync import engine
from outreach.sync.client import run_sync
from outreach.sync.errors import SyncError
from outreach.vocabulary import RecordKind
from tests.helpers.faults import FAULTS, FaultyTransport
from tests.helpers.sync import LiveServer, enrol_fast, fast_store, make_ward

FIELDS = ("head_name", "phone", "notes", "address", "elderly_alone", "deleted")
NAMES = st.sampled_from(["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Đặng Văn Đức"])
VALUES = {
    "head_name": NAMES,
    "phone": st.one_of(st.none(), st.sampled_from(["0912345678", "0987654321", "0345678901"])),
    "notes": st.text(alphabet="abcđêơư ", max_size=12),
    "address": st.fixed_dictionaries(
        {"street": st.sampled_from(["Đội Cấn", "Kim Mã"]), "house_number": st.sampled_from(["1", "12", "12A"])}
    ),
    "elderly_alone": st.booleans(),
    "deleted": st.booleans(),
}
N_DEVICES = 3
#: Devices 0 and 1 are leaders (they merge), device 2 a volunteer.
LEADERS = (0, 1)
#: What the final checks compare: the edited fields and the merge's tombstone link.
CHECKED = (*FIELDS, "merged_into")
STATS: dict[str, int] = {}


class Environment:
    """What the state machine runs against; set by the test (or the benchmark) before running."""

    server: LiveServer
    template_root: Path
    work: Path
    counter = itertools.count()


ENV = Environment()


class SyncModel(RuleBasedStateMachine):
    @initialize()
    def setup(self) -> None:
        self.ward = make_ward(ENV.server)
        # the volunteers' households lie in their team's area: each laptop holds them whole
        # (a household outside it is a directory row there: tests/sync/test_sync_scope.py)
        with ENV.server.db.read() as conn:
            self.group_id = conn.scalar(select(ResidentialGroup.id).where(ResidentialGroup.ward_id == self.ward.ward_id))
        admin.office_write(ENV.server.db, ResidentialGroup, str(self.group_id), {"team_id": self.ward.team_id},
                           self.ward.ward_id, create=False)
        self.stores: list[Store] = []
        self.transports: list[FaultyTransport] = []
        self.skews = [0] * N_DEVICES
        for i in range(N_DEVICES):
            store = fast_store(ENV.template_root, ENV.work / f"m{next(ENV.counter)}")
            inner = enrol_fast(self.ward, store, "leader" if i in LEADERS else "volunteer")
            self.stores.append(store)
            self.transports.append(FaultyTransport(inner))
            real = store.clock._wall
            store.clock._wall = lambda real=real, i=i: real() + self.skews[i]  # type: ignore[misc]
        #: every stamped write ever made: (household id, field) -> list of (stamp, wire value)
        self.writes: dict[tuple[str, str], list[tuple[str, Any]]] = {}
        self.acknowledged: set[str] = set()
        self.known_ids: list[str] = []
        # the laptops' after-pull re-points are stamped writes too: note them as they are made
        self._repoint = engine.repoint_merged
        engine.repoint_merged = self._noting_repoint

    def _noting_repoint(self, session: Any, recorder: Any, **options: Any) -> Any:
        before = session.scalar(select(func.max(OutboxEntry.seq))) or 0
        done = self._repoint(session, recorder, **options)
        session.flush()
        self._note_entries(session.scalars(select(OutboxEntry).where(OutboxEntry.seq > before)))
        return done

    def teardown(self) -> None:
        if hasattr(self, "_repoint"):
            engine.repoint_merged = self._repoint
        for store, transport in zip(getattr(self, "stores", []), getattr(self, "transports", []), strict=False):
            transport.close()
            store.close()

    def _note_new_outbox(self, store: Store, before: int) -> None:
        with store.read() as session:
            self._note_entries(session.scalars(select(OutboxEntry).where(OutboxEntry.seq > before)))

    def _note_entries(self, entries: Any) -> None:
        for entry in entries:
            if entry.entity != "household":
                continue
            for name, (value, stamp) in entry.fields.items():
                if name in CHECKED:
                    self.writes.setdefault((entry.entity_id, name), []).append((stamp, value))

    def _max_seq(self, store: Store) -> int:
        with store.read() as session:
            return session.scalar(select(func.max(OutboxEntry.seq))) or 0

    @rule(device=st.integers(0, N_DEVICES - 1), name=NAMES)
    def create(self, device: int, name: str) -> None:
        store = self.stores[device]
        before = self._max_seq(store)
        with store.write() as tx:
            row = tx.recorder.create(Household, {"ward_id": self.ward.ward_id, "group_id": self.group_id, "head_name": name})
        self.known_ids.append(row.id)
        self._note_new_outbox(store, before)

    @precondition(lambda self: bool(self.known_ids))
    @rule(device=st.integers(0, N_DEVICES - 1), pick=st.integers(0, 10_000), field=st.sampled_from(FIELDS), data=st.data())
    def edit(self, device: int, pick: int, field: str, data: st.DataObject) -> None:
        store = self.stores[device]
        household_id = self.known_ids[pick % len(self.known_ids)]
        value = data.draw(VALUES[field])
        before = self._max_seq(store)
        with store.write() as tx:
            row = tx.session.get(Household, household_id)
            if row is None:
                return  # this laptop has not pulled it yet
            tx.recorder.update(row, {field: value})
        self._note_new_outbox(store, before)

    @precondition(lambda self: bool(self.known_ids))
    @rule(device=st.integers(0, N_DEVICES - 1), pick=st.integers(0, 10_000), name=NAMES)
    def add_resident(self, device: int, pick: int, name: str) -> None:
        store = self.stores[device]
        household_id = self.known_ids[pick % len(self.known_ids)]
        with store.write() as tx:
            row = tx.session.get(Household, household_id)
            if row is None or row.deleted:
                return  # not pulled yet, or gone on this laptop
            tx.recorder.create(Resident, {"ward_id": self.ward.ward_id, "household_id": household_id, "full_name": name})

    @rule(name=NAMES, twice=st.booleans(), merge_now=st.booleans())
    def register_twice(self, name: str, twice: bool, merge_now: bool) -> None:
        """The same family registered on both leaders' laptops, offline from each other (or
        twice on one, which that leader may merge at once): what the duplicate scan finds and a
        leader merges (the ``merge`` rule merges any two a leader holds, later)."""
        for device in (LEADERS if not twice else (LEADERS[0], LEADERS[0])):
            self.create(device, name)
        if twice and merge_now:
            store = self.stores[LEADERS[0]]
            survivor, merged = self.known_ids[-2:]
            p = store.profile
            before = self._max_seq(store)
            duplicates.merge(store, Actor(p.member_id, "", "leader", p.ward_id, p.team_id), RecordKind.HOUSEHOLD, survivor, merged)
            self._note_new_outbox(store, before)
            STATS["merges"] = STATS.get("merges", 0) + 1

    @precondition(lambda self: len(self.known_ids) >= 2)
    @rule(device=st.sampled_from(LEADERS), keep=st.integers(0, 10_000), other=st.integers(0, 10_000))
    def merge(self, device: int, keep: int, other: int) -> None:
        """A leader merges two of the households it holds live (any two: overlapping pairs, and
        the same pair both ways on two laptops, make chains and cycles)."""
        store = self.stores[device]
        STATS["merge_attempts"] = STATS.get("merge_attempts", 0) + 1
        with store.read() as session:
            live = sorted(session.scalars(select(Household.id).where(Household.deleted.is_(False))))
        if len(live) < 2:
            return
        survivor = live[keep % len(live)]
        merged = live[(keep + 1 + other % (len(live) - 1)) % len(live)]  # never the survivor
        p = store.profile
        before = self._max_seq(store)
        duplicates.merge(store, Actor(p.member_id, "", "leader", p.ward_id, p.team_id), RecordKind.HOUSEHOLD, survivor, merged)
        self._note_new_outbox(store, before)
        STATS["merges"] = STATS.get("merges", 0) + 1

    @rule(device=st.integers(0, N_DEVICES - 1), skew_s=st.sampled_from([0, -86_400, -3_600, -5, 5, 120, 480]))
    def skew_clock(self, device: int, skew_s: int) -> None:
        self.skews[device] = skew_s * 1000  # up to 8 minutes ahead: still accepted by the server

    @rule(device=st.integers(0, N_DEVICES - 1), faults=st.lists(st.sampled_from(FAULTS), max_size=4))
    def sync(self, device: int, faults: list[str]) -> None:
        store, transport = self.stores[device], self.transports[device]
        transport.faults = list(faults)
        with store.read() as session:
            before = set(session.scalars(select(OutboxEntry.change_id)))
        try:
            run_sync(store, transport=transport, verify=True)
            STATS["syncs_ok"] = STATS.get("syncs_ok", 0) + 1
        except SyncError:
            STATS["syncs_failed"] = STATS.get("syncs_failed", 0) + 1
        with store.read() as session:
            after = set(session.scalars(select(OutboxEntry.change_id)))
            rejected = set(session.scalars(select(NeedsAttention.change_id)))
        assert not rejected, "no change of this model is invalid"
        self.acknowledged |= before - after
        for fault, count in transport.injected.items():
            STATS[f"fault_{fault}"] = STATS.get(f"fault_{fault}", 0) + count
        transport.injected.clear()

    # ------------------------------------------------------------------ healing and the final check

    def heal_and_check(self) -> None:
        self.skews = [0] * N_DEVICES
        for _round in range(3):
            for store, transport in zip(self.stores, self.transports, strict=True):
                transport.faults = []
                run_sync(store, transport=transport, verify=True)
        if self.acknowledged:
            with ENV.server.db.read() as conn:
                present = set(conn.scalars(select(ReceivedChange.change_id).where(ReceivedChange.change_id.in_(list(self.acknowledged)))))
            assert present == self.acknowledged, "an acknowledged change is missing on the server"
        server_rows = self._server_state()
        for store in self.stores:
            with store.read() as session:
                assert session.scalar(select(func.count()).select_from(OutboxEntry)) == 0
            assert self._local_state(store) == server_rows, "a device differs from the server"
        for (household_id, field), writes in self.writes.items():
            stamp, value = max(writes, key=lambda w: w[0])
            row = server_rows.get(household_id)
            assert row is not None
            assert row[field] == (value, stamp), f"{field} of {household_id} is not the highest-stamped write"
        with ENV.server.db.read() as conn:
            seqs = [s for (s,) in conn.execute(select(Household.server_seq).where(Household.ward_id == self.ward.ward_id))]
        assert len(seqs) == len(set(seqs))
        residents = self._server_residents()
        for store in self.stores:
            assert self._local_residents(store) == residents, "a device's residents differ from the server's"
        self._check_merges(server_rows, residents)
        STATS["examples"] = STATS.get("examples", 0) + 1
        STATS["writes"] = STATS.get("writes", 0) + sum(len(w) for w in self.writes.values())

    def _check_merges(self, households: dict[str, dict[str, Any]], residents: dict[str, tuple[Any, bool]]) -> None:
        """After healing: no live resident on a merged-away household, no unresolved chain."""
        merged_away = {hid for hid, row in households.items() if row["deleted"][0] and row["merged_into"][0] is not None}
        for household_id, deleted in residents.values():
            assert deleted or household_id not in merged_away, "a live resident stayed on a merged-away household"
        for start in merged_away:
            seen, current = set(), start
            while current in merged_away:
                assert current not in seen, "a cycle of merges was left unbroken"
                seen.add(current)
                current = households[current]["merged_into"][0]
        STATS["merged_away"] = STATS.get("merged_away", 0) + len(merged_away)

    def _server_state(self) -> dict[str, dict[str, Any]]:
        table = Household.__table__
        with ENV.server.db.read() as conn:
            rows = conn.execute(select(table).where(table.c.ward_id == self.ward.ward_id)).mappings()
            return {r["id"]: {f: (encode_value(r[f]), (r["clocks"] or {}).get(f)) for f in CHECKED} for r in rows}

    def _local_state(self, store: Store) -> dict[str, dict[str, Any]]:
        table = Household.__table__
        with store.read() as session:
            rows = session.execute(select(table)).mappings()
            return {r["id"]: {f: (encode_value(r[f]), (r["clocks"] or {}).get(f)) for f in CHECKED} for r in rows}

    def _server_residents(self) -> dict[str, tuple[Any, bool]]:
        table = Resident.__table__
        with ENV.server.db.read() as conn:
            rows = conn.execute(select(table.c.id, table.c.household_id, table.c.deleted).where(table.c.ward_id == self.ward.ward_id))
            return {rid: (hid, bool(deleted)) for rid, hid, deleted in rows}

    def _local_residents(self, store: Store) -> dict[str, tuple[Any, bool]]:
        with store.read() as session:
            return {rid: (hid, bool(deleted)) for rid, hid, deleted in session.execute(
                select(Resident.id, Resident.household_id, Resident.deleted))}


class HealedSyncModel(SyncModel):
    def teardown(self) -> None:
        try:
            if hasattr(self, "stores"):
                self.heal_and_check()
        finally:
            super().teardown()


def run_model(server: LiveServer, template_root: Path, work: Path, examples: int, steps: int = 14) -> dict[str, int]:
    """Run ``examples`` healed-and-checked examples of ``steps`` rules each; returns the counts.

    ``database=None``: every run explores afresh instead of replaying a local example database,
    so a developer's runs and CI's prove the same thing.
    """
    ENV.server, ENV.template_root, ENV.work = server, template_root, work
    STATS.clear()
    started = time.perf_counter()
    run_state_machine_as_test(
        HealedSyncModel, settings=settings(max_examples=examples, stateful_step_count=steps, deadline=None, database=None)
    )
    STATS["seconds"] = round(time.perf_counter() - started)
    return dict(STATS)
