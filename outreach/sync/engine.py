"""One sync: push the outbox, pull the ward, check convergence (DESIGN.md §4.4–4.16).

Order and why: push first, so the pull that follows brings back the server's merge of our own
changes; pull until ``has_more`` is false; then, if anything moved and nothing is left unsent,
compare the ward digest of the last page with the local one and repair by re-pulling from zero
on a mismatch (a repair only ever merges, it never rolls back local data; the one exception is a
value that differs under the same stamp, which no write of ours made: the server's is taken).

Failure anywhere leaves a consistent state: an outbox entry is deleted only in the transaction
that records the server's answer naming it, and the cursor only advances with its page. A sync
with nothing to do is one request (a pull that answers "nothing new").

One sync at a time per profile: a thread lock for the app's own threads and an OS file lock for
a second process (the CLI while the app is open).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select

from outreach.model import NeedsAttention, OutboxEntry, SyncState
from outreach.model.base import table_of
from outreach.model.clock import is_valid_stamp, wall_ms_of
from outreach.model.codec import dumps_compact, encode_value, loads
from outreach.model.entities import SYNCED_ENTITIES
from outreach.store.database import Store
from outreach.store.device_token import trusted_role
from outreach.store.erasure_scrub import scrub_erased
from outreach.store.repoint import repoint_merged
from outreach.sync import scope_local
from outreach.sync.audit_upload import upload_audit
from outreach.sync.errors import (
    STOPPED_CODES,
    ClockAhead,
    DeviceRevoked,
    OutsideWard,
    ProtocolFailure,
    ServerClockBehind,
    SyncBusy,
    SyncError,
)
from outreach.sync.pull_apply import (
    DigestTracker,
    PageResult,
    PreparedPage,
    apply_pulled_page,
    prepare_page,
    refresh_deferred_search,
)
from outreach.sync.transport import EncodedJson, Transport
from outreach.timeutil import now_local
from outreach.wire import protocol
from outreach.wire.reasons import Reason

log = logging.getLogger(__name__)

_thread_locks: dict[Path, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


@contextmanager
def sync_lock(data_dir: Path) -> Iterator[None]:
    """Hold the profile's sync lock or raise SyncBusy at once (a second sync would only wait)."""
    key = data_dir.resolve()
    with _thread_locks_guard:
        lock = _thread_locks.setdefault(key, threading.Lock())
    if not lock.acquire(blocking=False):
        raise SyncBusy()
    handle = None
    try:
        try:
            import fcntl

            data_dir.mkdir(parents=True, exist_ok=True)
            handle = open(data_dir / "sync.lock", "a+")  # noqa: SIM115 - held for the whole sync
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise SyncBusy() from None
        except ImportError:  # Windows: the thread lock still serialises the app's own syncs
            pass
        yield
    finally:
        if handle is not None:
            handle.close()
        lock.release()


@dataclass
class SyncReport:
    pushed: int = 0
    rejected: int = 0
    held_back: int = 0
    pulled: int = 0
    pages: int = 0
    requests: int = 0
    duration_s: float = 0.0
    verified: bool | None = None
    repaired: bool = False
    flagged_visits: int = 0
    rejected_reasons: dict[str, int] = field(default_factory=dict)
    #: the device's role as the server answered it (every pull says it; None from an older server)
    role: str | None = None
    #: audit events the office acknowledged in this sync (``sync/audit_upload.py``)
    audit_uploaded: int = 0
    #: residents the office erased whose traces this sync scrubbed here (``store/erasure_scrub.py``)
    erasures_scrubbed: int = 0
    #: rows re-pointed from a merged-away household or resident to its survivor
    repointed: int = 0


_first, _second = itemgetter(0), itemgetter(1)


class _Pending:
    """An outbox entry as a push reads it: its JSON columns kept as the stored text, which goes
    into the request as it is (no decoding and re-encoding of 15,000 changes); ``fields`` is
    decoded only when needed (a rejected change, a clock check)."""

    __slots__ = ("seq", "change_id", "entity", "entity_id", "fields_text", "bases_text", "_fields")

    def __init__(self, seq: int, change_id: str, entity: str, entity_id: str, fields_text: str, bases_text: str | None) -> None:
        self.seq, self.change_id, self.entity, self.entity_id = seq, change_id, entity, entity_id
        self.fields_text, self.bases_text = fields_text, bases_text
        self._fields: Any = None

    @property
    def fields(self) -> Any:
        if self._fields is None:
            self._fields = loads(self.fields_text)
        return self._fields

    def wire(self) -> str:
        """The change as JSON in the full form, ``"fields": {f: [v, s]}`` as stored (the compact
        form of a whole batch is built by ``_push_body``)."""
        bases = self.bases_text if self.bases_text not in (None, "null") else "{}"
        return (f'{{"change_id":{dumps_compact(self.change_id)},"entity":{dumps_compact(self.entity)},'
                f'"entity_id":{dumps_compact(self.entity_id)},"fields":{self.fields_text},"bases":{bases}}}')


def _push_body(batch: list[_Pending], *, compact: bool = False, compress: bool = False) -> EncodedJson:
    """A push request body. ``compact``: a change whose every field carries the same stamp (a
    row created whole) goes as ``"stamp": s, "values": {...}`` instead of ``"fields": {f: [v,
    s]}``, for servers that say they take it: half the bytes, and twice as quick to decode."""
    if compact and batch:
        # every entry's fields decoded by one loads, the body encoded by one dumps
        decoded = loads("[" + ",".join(f"{e.fields_text},{e.bases_text or 'null'}" for e in batch) + "]")
        changes = []
        for index, entry in enumerate(batch):
            fields, bases = decoded[2 * index], decoded[2 * index + 1]
            entry._fields = fields
            change: dict[str, Any] = {"change_id": entry.change_id, "entity": entry.entity, "entity_id": entry.entity_id}
            try:
                pairs = fields.values()
                stamps = set(map(_second, pairs)) if set(map(len, pairs)) == {2} else ()
            except (AttributeError, TypeError, KeyError, IndexError):  # not {field: [value, stamp]}: sent as stored
                stamps = ()
            if len(stamps) == 1:
                change["stamp"] = stamps.pop()
                change["values"] = dict(zip(fields, map(_first, pairs), strict=True))
            else:
                change["fields"] = fields
            change["bases"] = bases if bases is not None else {}
            changes.append(change)
        return EncodedJson.of(dumps_compact({"changes": changes}), compress=compress)
    return EncodedJson.of('{"changes":[' + ",".join(entry.wire() for entry in batch) + "]}", compress=compress)


def local_digest(store: Store) -> protocol.WardDigest:
    """The ward digest of the local tables: ids, clocks and the clocked fields' values, read
    with the model's column types (Core, not the ORM) and hashed as the server hashes them."""
    digest = protocol.WardDigest()
    with store.read() as session:
        conn = session.connection()
        for entity in SYNCED_ENTITIES:
            if entity.entity_name in protocol.DIGEST_EXCLUDED:
                continue
            name = entity.entity_name
            for rec in conn.execute(select(table_of(entity))).mappings():
                clocks: dict[str, str] = dict(rec["clocks"] or {})
                digest.add(name, rec["id"], clocks, {field: encode_value(rec[field]) for field in clocks if field in rec})
    return digest


class _PageFetcher:
    """Fetches and prepares the pages of a long pull one ahead, in a thread, while the engine
    writes the previous one: the server's work, the transfer, the JSON decoding and the checks
    and conversions of page N+1 (``prepare_page``) overlap the local database writes of page N,
    which run without the GIL. At most two pages wait in memory.

    Requests stay strictly sequential (one thread, one connection); a failure is handed over in
    order, after the pages fetched before it."""

    _DONE = object()

    def __init__(self, fetch: Any, first_cursor: int, prepare: Any) -> None:
        self._fetch = fetch
        self._prepare = prepare
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(first_cursor,), name="sync-pull-fetch", daemon=True)
        self._thread.start()

    def _put(self, item: Any) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self, cursor: int) -> None:
        try:
            while not self._stop.is_set():
                reply = self._fetch(cursor)
                cursor = max(cursor, reply["next"])
                if not self._put((self._prepare(reply, cursor), reply)) or not reply.get("has_more"):
                    break
            self._put(self._DONE)
        except BaseException as exc:  # handed to the applying thread, raised there
            self._put(exc)

    def __iter__(self) -> Iterator[tuple[PreparedPage, dict[str, Any]]]:
        while True:
            item = self._queue.get()
            if item is self._DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


class _Acknowledger:
    """Records push answers in a thread of its own, in order, several per transaction when they
    arrive faster than one commit: deleting 500 outbox entries and committing costs the laptop
    about as long as the server takes to apply the next batch."""

    _STOP = object()

    def __init__(self, record: Any) -> None:
        self._record = record
        self._queue: queue.Queue[Any] = queue.Queue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="sync-push-ack", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        stop = False
        while not stop:
            answers = [self._queue.get()]
            while True:
                try:
                    answers.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            if answers[-1] is self._STOP:
                answers.pop()
                stop = True
            if answers and self._error is None:
                try:
                    self._record(answers)
                except BaseException as exc:  # an entry stays in the outbox and is sent again next time
                    self._error = exc

    def put(self, batch: list[_Pending], applied: list[int], rejected: Mapping[str, tuple[str, str]], server_time: Any) -> None:
        self._queue.put((batch, applied, rejected, server_time))

    def failed(self) -> bool:
        return self._error is not None

    def close(self) -> None:
        self._queue.put(self._STOP)
        self._thread.join()

    def raise_failure(self) -> None:
        if self._error is not None:
            raise self._error


class SyncEngine:
    def __init__(self, store: Store, transport: Transport, *, batch_changes: int = protocol.MAX_BATCH_CHANGES,
                 batch_bytes: int = protocol.MAX_BATCH_BYTES, pull_limit: int = protocol.MAX_PULL_LIMIT) -> None:
        self.store = store
        self.transport = transport
        self.batch_changes = batch_changes
        self.batch_bytes = batch_bytes
        self.pull_limit = pull_limit
        #: the last push was held back because the server's own clock is behind (server_clock_behind)
        self._server_clock_behind = False
        #: the last clock_ahead answer came while this computer's clock agreed with the server's
        self._clock_now_right = False

    # ------------------------------------------------------------------ public

    def sync(self, *, verify: bool | None = None) -> SyncReport:
        """Push, pull, verify; raises a SyncError the user can act on (state stays consistent)."""
        with sync_lock(self.store.profile.data_dir):
            report = SyncReport()
            started = time.perf_counter()
            requests_before = self.transport.requests_made
            self._record_attempt()
            try:
                self._server_clock_behind = self._clock_now_right = False
                clock_ahead_ms = self._push(report)
                report.audit_uploaded = upload_audit(self.store, self.transport)
                self._pull(report)
                if self._repoint(report):  # rows naming a merged-away household: sent in this sync
                    again = self._push(report)
                    clock_ahead_ms = again if again is not None else clock_ahead_ms
                    self._pull(report)
                self._settle_scope(report)
                report.erasures_scrubbed = scrub_erased(self.store)
                should_verify = verify if verify is not None else bool(report.pushed or report.pulled)
                if should_verify:
                    self._verify(report)
                if self._server_clock_behind:
                    raise ServerClockBehind()
                if clock_ahead_ms is not None:
                    raise ClockAhead(clock_ahead_ms / 1000 if clock_ahead_ms > 0 else None, clock_now_right=self._clock_now_right)
            except SyncError as exc:
                self._record_outcome(exc)
                raise
            finally:
                report.requests = self.transport.requests_made - requests_before
                report.duration_s = time.perf_counter() - started
            self._record_outcome(None)
            return report

    # ------------------------------------------------------------------ push

    def _next_batch(self, after_seq: int) -> list[_Pending]:
        with self.store.read() as session:
            cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                entries = [
                    _Pending(*row)
                    for row in cursor.execute(
                        "SELECT seq, change_id, entity, entity_id, fields, bases FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
                        (after_seq, self.batch_changes),
                    ).fetchall()
                ]
            finally:
                cursor.close()
        batch: list[_Pending] = []
        size = 0
        for entry in entries:
            entry_size = len(entry.fields_text) + 200
            if batch and size + entry_size > self.batch_bytes:
                break
            batch.append(entry)
            size += entry_size
        return batch

    def _push(self, report: SyncReport) -> int | None:
        """Send the outbox in order; returns how far ahead the clock is when changes were held back.

        One request at a time, in outbox order. While the server applies a batch, the next one
        is read and encoded in a helper thread, and the answer to the previous one is written
        (acknowledged entries deleted, rejected ones set aside) in another, in answer order: the
        laptop's work hides behind the server's. An entry still leaves the outbox only in the
        transaction that records the answer naming it; if that write fails, the entry stays
        and is sent again next time (the server acknowledges a change it has seen, once)."""
        after_seq = 0
        clock_ahead_ms: int | None = None
        batch = self._next_batch(after_seq)
        if not batch:
            return clock_ahead_ms
        # Changes go in the compact form from the start; a server older than that form refuses
        # the batch as malformed, and it is sent again in the full form (and so is the rest).
        self._compact_changes = True
        confirmed = False
        acks = _Acknowledger(self._acknowledge)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-push-read") as reader:
            try:
                body = _push_body(batch, compact=True, compress=True)
                while True:
                    upcoming = reader.submit(self._prepared_batch, batch[-1].seq)
                    try:
                        reply = self.transport.post("/sync/push", body)
                    except ProtocolFailure as exc:
                        if confirmed or not self._compact_changes or exc.status != 422 or exc.reason != Reason.BAD_SHAPE:
                            raise
                        upcoming.result()
                        self._compact_changes = False
                        body = _push_body(batch, compress=True)
                        continue
                    except OutsideWard as exc:
                        batch_ids = {e.change_id for e in batch}
                        if not exc.change_ids or not set(exc.change_ids) <= batch_ids:
                            raise
                        # set the offending changes aside (never block the queue) and send the rest again
                        upcoming.result()
                        self._set_aside(batch, {cid: ("outside_ward", "") for cid in exc.change_ids})
                        report.rejected += len(exc.change_ids)
                        report.rejected_reasons[Reason.OUTSIDE_WARD] = report.rejected_reasons.get(Reason.OUTSIDE_WARD, 0) + len(
                            exc.change_ids
                        )
                        batch, body = self._prepared_batch(after_seq)
                        if not batch:
                            break
                        continue
                    results = reply.get("results") if isinstance(reply, dict) else None
                    if not isinstance(results, list):
                        raise ProtocolFailure(200, "bad_push_reply")
                    confirmed = confirmed or reply.get(protocol.COMPACT_CHANGES) is True
                    by_id = {e.change_id: e for e in batch}
                    applied: list[int] = []
                    rejected: dict[str, tuple[str, str]] = {}
                    for result in results:
                        if not isinstance(result, dict) or result.get("change_id") not in by_id:
                            continue
                        status, reason = result.get("status"), str(result.get("reason") or "")
                        if status == protocol.APPLIED:
                            applied.append(by_id[result["change_id"]].seq)
                        elif status == protocol.REJECTED:
                            rejected[result["change_id"]] = (reason or "rejected", "")
                        else:
                            report.held_back += 1
                            self._server_clock_behind = self._server_clock_behind or reason == Reason.SERVER_CLOCK_BEHIND
                            if reason == Reason.CLOCK_AHEAD:
                                clock_ahead_ms = max(clock_ahead_ms or 0, self._ahead_ms(by_id[result["change_id"]], reply))
                                self._clock_now_right = self._clock_looks_right(reply)
                    acks.put(batch, applied, rejected, reply.get("server_time"))
                    report.pushed += len(applied)
                    report.rejected += len(rejected)
                    for reason, _ in rejected.values():
                        report.rejected_reasons[reason] = report.rejected_reasons.get(reason, 0) + 1
                    after_seq = batch[-1].seq
                    batch, body = upcoming.result()
                    if not batch:
                        break
                    if acks.failed():
                        break  # the laptop cannot record answers: stop sending, report below
            finally:
                acks.close()  # every answer recorded before returning
        acks.raise_failure()
        return clock_ahead_ms

    def _prepared_batch(self, after_seq: int) -> tuple[list[_Pending], EncodedJson]:
        """The next batch and its request body, gzipped (run in a helper thread)."""
        batch = self._next_batch(after_seq)
        return batch, _push_body(batch, compact=self._compact_changes, compress=True)

    def _acknowledge(self, answers: list[tuple[list[_Pending], list[int], Mapping[str, tuple[str, str]], Any]]) -> None:
        """Record the server's answers to one or more batches: one local transaction."""
        with self.store.write() as tx:
            cursor = tx.session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                for batch, applied, rejected, server_time in answers:
                    if applied:
                        cursor.execute("DELETE FROM outbox WHERE seq IN (SELECT value FROM json_each(?))", (dumps_compact(applied),))
                    self._move_to_attention(tx.session, batch, rejected)
                    if isinstance(server_time, str) and is_valid_stamp(server_time):
                        self.store.clock.observe(server_time)
            finally:
                cursor.close()

    def _clock_looks_right(self, reply: Mapping[str, Any]) -> bool:
        """Whether this computer's wall clock is within half the allowed skew of the server's."""
        server_ms = reply.get("server_time_ms")
        return isinstance(server_ms, int) and abs(self.store.clock.wall_ms() - server_ms) <= protocol.MAX_CLOCK_AHEAD_MS // 2

    @staticmethod
    def _ahead_ms(entry: _Pending, reply: Mapping[str, Any]) -> int:
        server_ms = reply.get("server_time_ms")
        stamps = [pair[1] for pair in entry.fields.values() if isinstance(pair, list) and len(pair) == 2 and is_valid_stamp(pair[1])]
        if not isinstance(server_ms, int) or not stamps:
            return 0
        return max(wall_ms_of(s) for s in stamps) - server_ms

    def _set_aside(self, batch: list[_Pending], rejected: Mapping[str, tuple[str, str]]) -> None:
        with self.store.write() as tx:
            self._move_to_attention(tx.session, batch, rejected)

    @staticmethod
    def _move_to_attention(session: Any, batch: list[_Pending], rejected: Mapping[str, tuple[str, str]]) -> None:
        if not rejected:
            return
        now = now_local()
        present = set(session.scalars(select(NeedsAttention.change_id).where(NeedsAttention.change_id.in_(list(rejected)))))
        for entry in batch:
            if entry.change_id not in rejected:
                continue
            reason_code, reason = rejected[entry.change_id]
            if entry.change_id not in present:
                session.add(NeedsAttention(change_id=entry.change_id, entity=entry.entity, entity_id=entry.entity_id,
                                           fields=entry.fields, reason_code=reason_code, reason=reason, rejected_at=now))
            session.execute(delete(OutboxEntry).where(OutboxEntry.seq == entry.seq))

    # ------------------------------------------------------------------ pull

    def _cursor(self) -> int:
        with self.store.read() as session:
            return session.scalar(select(SyncState.cursor).where(SyncState.id == 1)) or 0

    def _fetch_page(self, cursor: int) -> dict[str, Any]:
        reply = self.transport.get("/sync/pull", {"since": cursor, "limit": self.pull_limit, "layout": "columns"})
        if not isinstance(reply, dict) or not isinstance(reply.get("next"), int) or not (
            isinstance(reply.get("rows"), list) or (reply.get("layout") == "columns" and isinstance(reply.get("tables"), list))
        ):
            raise ProtocolFailure(200, "bad_pull_reply")
        return reply

    def _applied(self, report: SyncReport, result: PageResult) -> None:
        report.pages += 1
        report.pulled += result.rows_changed
        report.flagged_visits += result.flagged_visits

    def _pull(self, report: SyncReport, since: int | None = None, *, repair: bool = False) -> dict[str, Any] | None:
        """Pull until the server has nothing more; returns the digest of the last page.

        ``repair``: the convergence check failed, so on the same stamp the server's value
        replaces a different local one (changed outside the write path).

        A pull of one page (every sync but the first few) applies it like any write. A longer one
        holds one write connection with a larger page cache, fetches the next page while it
        applies the current one, and refreshes the search index once at the end (each page
        marks it stale in its own transaction until then, see ``pull_apply``)."""
        cursor = self._cursor() if since is None else since
        self._tracker = None
        reply = self._fetch_page(cursor)
        device = reply.get("device")
        if isinstance(device, dict) and isinstance(device.get("role"), str):
            report.role = device["role"]
        self._served_area = scope_local.area_of(reply)
        following = max(cursor, reply["next"])
        if not reply.get("has_more"):
            self._applied(report, apply_pulled_page(self.store, reply, following, server_wins_ties=repair))
            self._last_digest = reply.get("digest")
            return self._last_digest
        tracker = DigestTracker() if cursor == 0 else None
        deferred: set[str] = set()
        fetcher: _PageFetcher | None = None
        prepare = partial(prepare_page, dialect=self.store.engine.dialect, member_id=self.store.profile.member_id,
                          digest=tracker is not None)
        with self.store.bulk_connection() as conn:
            try:
                self._applied(report, apply_pulled_page(self.store, prepare(reply, following), bind=conn,
                                                        deferred_search=deferred, tracker=tracker, server_wins_ties=repair))
                fetcher = _PageFetcher(self._fetch_page, following, prepare)
                for page, reply in fetcher:  # noqa: B007 - the last reply (read below) carries the ward digest
                    self._applied(report, apply_pulled_page(self.store, page, bind=conn, deferred_search=deferred, tracker=tracker,
                                                            server_wins_ties=repair))
            finally:
                if fetcher is not None:
                    fetcher.close()
                if deferred:
                    refresh_deferred_search(self.store, deferred, bind=conn, tracker=tracker)
        if tracker is not None and tracker.valid:
            self._tracker = tracker
        self._last_digest = reply.get("digest")
        return self._last_digest

    # ------------------------------------------------------------------ merges

    def _repoint(self, report: SyncReport) -> bool:
        """Re-point what still names a merged-away household or resident (``store/repoint.py``);
        True when that recorded changes to push."""
        role = report.role or trusted_role(self.store.profile)
        with self.store.write() as tx:
            done = repoint_merged(tx.session, tx.recorder, leader=role == "leader", member_id=self.store.profile.member_id)
        report.repointed += done.residents + done.visits + done.filings + done.revived
        return done.any

    # ------------------------------------------------------------------ scope

    def _settle_scope(self, report: SyncReport) -> None:
        """Make the tables match the part of the ward the server serves (``scope_local``): drop
        what left the area; when the area grew, pull again from zero for the rows that joined."""
        served = getattr(self, "_served_area", scope_local.UNKNOWN)
        if isinstance(served, scope_local.Unknown):
            return
        if served is not None:
            scope_local.drop_outside(self.store, served, self.store.profile.team_id, self.store.profile.member_id)
        held = scope_local.held_area(self.store)
        if scope_local.grew(held, served):
            log.info("the team's area grew: pulling its rows again")
            self._pull(report, since=0)
        if held != served or self._held_unknown():
            scope_local.remember(self.store, served)

    def _held_unknown(self) -> bool:
        with self.store.read() as session:
            return session.scalar(select(SyncState.served_area).where(SyncState.id == 1)) is None

    # ------------------------------------------------------------------ verify

    def _quiet(self) -> bool:
        with self.store.read() as session:
            unsent = session.scalar(select(func.count()).select_from(OutboxEntry)) or 0
            attention = session.scalar(select(func.count()).select_from(NeedsAttention)) or 0
        return unsent == 0 and attention == 0

    def _verify(self, report: SyncReport) -> None:
        wire = getattr(self, "_last_digest", None)
        if not isinstance(wire, dict) or not self._quiet():
            return
        tracker = getattr(self, "_tracker", None)
        if tracker is not None and tracker.holds(self.store.writes_committed):
            # a first pull kept the digest page by page, and nothing else wrote since: no re-read
            mine = tracker.digest
        else:
            mine = local_digest(self.store)
        if mine.matches(wire):
            report.verified = True
            return
        log.warning("ward digest mismatch; repairing by a full re-pull")
        report.repaired = True
        wire = self._pull(report, since=0, repair=True)
        report.verified = bool(isinstance(wire, dict) and self._quiet() and local_digest(self.store).matches(wire))
        if not report.verified:
            log.warning("ward digest still differs after the repair pull (a sync during edits will settle it)")

    # ------------------------------------------------------------------ bookkeeping

    def _record_attempt(self) -> None:
        with self.store.write() as tx:
            state = tx.session.get(SyncState, 1)
            if state is None:
                state = SyncState(id=1, cursor=0)
                tx.session.add(state)
            if state.last_error_code in STOPPED_CODES:
                raise DeviceRevoked(state.last_error_code)
            state.last_attempt_at = now_local()

    def _record_outcome(self, error: SyncError | None) -> None:
        try:
            with self.store.write() as tx:
                state = tx.session.get(SyncState, 1)
                if state is None:
                    return
                if error is None:
                    state.last_success_at = now_local()
                    state.last_error_code = None
                    state.last_error = None
                else:
                    state.last_error_code = error.code
                    state.last_error = error.message_en[:500]
        except Exception:  # recording the outcome must never hide the sync's own error
            log.exception("could not record the sync outcome")

