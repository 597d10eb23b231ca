"""``outreach-server migrate`` and ``status``: upgrades, refusing a newer schema, verifying a restore."""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Connection, select, text

from outreach.model import Ward
from outreach.model.codec import encode_value
from outreach.model.ids import uuid7
from outreach.server import admin
from outreach.server.cli import main
from outreach.server.db import VERSION_TABLE, ServerDb, head_revision, open_db
from outreach.server.pull import ward_digest
from outreach.wire import protocol
from tests.helpers.sync import PG_ADMIN_DSN, skip_without_postgres


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run ``outreach-server ARGS`` in-process; its stdout and stderr without the JSON log lines."""
    capsys.readouterr()
    logger = logging.getLogger("outreach.server")
    try:
        code = main(list(args))
    finally:  # the CLI points its log handler at this test's captured stderr: take it away again
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.propagate = True
    captured = capsys.readouterr()
    lines = [line for line in (captured.out + captured.err).splitlines(keepends=True) if not line.startswith('{"ts"')]
    return code, "".join(lines)


def test_migrate_check_then_apply(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    assert cli(capsys, "--db", url, "migrate", "--check") == (1, f"schema: empty (migration to {head_revision()} pending)\n")
    code, out = cli(capsys, "--db", url, "status")
    assert code == 1 and "run 'outreach-server migrate' first" in out
    assert cli(capsys, "--db", url, "migrate") == (0, f"schema migrated from empty to {head_revision()}\n")
    assert cli(capsys, "--db", url, "migrate", "--check") == (0, f"schema: {head_revision()} (up to date)\n")
    code, out = cli(capsys, "--db", url, "migrate")
    assert code == 0 and "nothing to do" in out


def _office(url: str) -> None:
    db = open_db(url)
    try:
        admin.seed_catalogue(db)
        ward = admin.add_ward(db, "Phường Ngọc Hà", "00004")
        admin.add_group(db, ward, "Tổ dân phố số 1")
        team = admin.add_team(db, ward, "Đội cơ động số 1")
        admin.issue_enrolment_code(db, team, "volunteer", "Phạm Quang Huy")
    finally:
        db.dispose()


def test_a_copied_database_reports_the_same_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    _office(url)
    code, original = cli(capsys, "--db", url, "status")
    assert code == 0
    assert "(up to date)" in original and "WRONG" not in original
    assert "Phường Ngọc Hà: residential_group 1, team 1, team_member 1, ward 1; digest " in original
    shutil.copy2(tmp_path / "office.db", tmp_path / "copy.db")  # WAL checkpointed when the engine closed
    assert cli(capsys, "--db", f"sqlite:///{tmp_path / 'copy.db'}", "status") == (0, original)


def test_a_database_from_a_newer_server_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    _office(url)
    db = open_db(url, migrate_schema=False)
    with db.engine.begin() as conn:
        conn.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = 's9999'"))
    db.dispose()
    for command in (["ward", "list"], ["migrate"], ["serve"]):
        code, out = cli(capsys, "--db", url, *command)
        assert code == 1 and "newer than this outreach-server" in out, (command, out)
    code, out = cli(capsys, "--db", url, "status")
    assert code == 1 and "written by a newer outreach-server" in out


def test_status_flags_a_rewound_sequence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    _office(url)
    db = open_db(url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE server_state SET last_seq = 1"))
    db.dispose()
    code, out = cli(capsys, "--db", url, "status")
    assert code == 0 and "allocator at 1  WRONG" in out


@pytest.mark.postgres
def test_pg_dump_and_restore_give_the_same_status_and_the_sequence_continues(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/deploy.md's backup and restore, as a test: pg_dump -Fc, pg_restore into a new database."""
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        skip_without_postgres("pg_dump/pg_restore are not installed (Debian: postgresql-client)")
    _office(pg_url)
    code, original = cli(capsys, "--db", pg_url, "status")
    assert code == 0 and "WRONG" not in original
    base, source_name = pg_url.rsplit("/", 1)
    libpq = base.replace("postgresql+psycopg://", "postgresql://")
    dump = tmp_path / "office.dump"
    subprocess.run(["pg_dump", "-Fc", "-f", str(dump), f"{libpq}/{source_name}"], check=True, timeout=120)
    restored = f"outreach_restore_{uuid7()[-8:]}"
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{restored}"')
    try:
        subprocess.run(["pg_restore", "--no-owner", "-d", f"{libpq}/{restored}", str(dump)], check=True, timeout=120)
        restored_url = f"{base}/{restored}"
        assert cli(capsys, "--db", restored_url, "status") == (0, original)
        last = int(original.split("last server_seq ", 1)[1].split(",", 1)[0])
        db = open_db(restored_url)
        try:
            admin.add_ward(db, "Phường sau khôi phục")
            with db.read() as conn:
                seq = conn.execute(text("SELECT server_seq FROM wards WHERE name = 'Phường sau khôi phục'")).scalar_one()
        finally:
            db.dispose()
        assert seq > last, "a restored server must not hand out server_seq numbers laptops already hold"
    finally:
        with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')


@contextmanager
def _office_db(url: str) -> Iterator[ServerDb]:
    """The server database at ``url`` as it is (no migration)."""
    db = open_db(url, migrate_schema=False)
    try:
        yield db
    finally:
        db.dispose()


def _rewind(url: str, revision: str, *statements: str) -> None:
    """Put a database at head back to what ``revision`` left: ``statements`` undo the later
    migrations' changes, then the version table says ``revision``."""
    with _office_db(url) as db, db.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
        conn.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = '{revision}'"))


def _columns(conn: Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(text(f"PRAGMA table_info({table})"))}


def test_migration_s0003_adds_card_address_and_visit_end_to_an_older_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A server database made before s0003 (no residents.card_address, no visits.ended_at) gets both."""
    url = f"sqlite:///{tmp_path / 'office.db'}"
    assert cli(capsys, "--db", url, "migrate")[0] == 0
    _rewind(url, "s0002", "ALTER TABLE residents DROP COLUMN card_address", "ALTER TABLE visits DROP COLUMN ended_at")
    assert cli(capsys, "--db", url, "migrate") == (0, f"schema migrated from s0002 to {head_revision()}\n")
    with _office_db(url) as db, db.engine.connect() as conn:
        residents, visits = _columns(conn, "residents"), _columns(conn, "visits")
    assert "card_address" in residents and "ended_at" in visits


def test_migration_s0004_adds_two_phase_enrolment_and_demo_wards_to_an_older_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A server database made before s0004 gets devices.pending/code_hash and demo_wards; a device
    enrolled before it stays active (it confirmed the old, single-phase way)."""
    url = f"sqlite:///{tmp_path / 'office.db'}"
    assert cli(capsys, "--db", url, "migrate")[0] == 0
    with _office_db(url) as db:
        ward_id = admin.add_ward(db, "Phường Kim Mã", code="00007")
    _rewind(url, "s0003",  # with one enrolled device
            f"UPDATE ward_digests SET hash_sum = '{'0' * 32}'",  # sums of the older rule
            "DROP TABLE demo_wards",
            "ALTER TABLE devices DROP COLUMN pending",
            "ALTER TABLE devices DROP COLUMN code_hash",
            "INSERT INTO devices (id, token_hash, ward_id, role, label, enrolled_at) "
            "VALUES ('d1', 'h1', 'w1', 'volunteer', '', '2026-11-30 10:00:00')")
    assert cli(capsys, "--db", url, "migrate") == (0, f"schema migrated from s0003 to {head_revision()}\n")
    with _office_db(url) as db, db.engine.connect() as conn:
        devices = _columns(conn, "devices")
        pending = conn.execute(text("SELECT pending FROM devices WHERE id = 'd1'")).scalar_one()
        demo = conn.execute(text("SELECT count(*) FROM demo_wards")).scalar_one()
        stored = ward_digest(conn, ward_id)
        ward = conn.execute(select(Ward.__table__).where(Ward.__table__.c.id == ward_id)).mappings().one()
    assert {"pending", "code_hash"} <= devices and not pending and demo == 0
    expected = protocol.WardDigest()  # recounted with the values in each row's hash
    expected.add("ward", ward_id, ward["clocks"], {f: encode_value(ward[f]) for f in ward["clocks"]})
    assert expected.matches(stored)


def test_migration_s0005f_adds_the_filing_channel_and_keeps_the_laptop_only_indexes_off_the_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A server database made before s0005f gets filings.channel and filings.electronic_result; the
    laptops' coverage indexes (built by s0001 from the model) are not kept on the server."""
    url = f"sqlite:///{tmp_path / 'office.db'}"
    assert cli(capsys, "--db", url, "migrate")[0] == 0
    _rewind(url, "s0004", "ALTER TABLE filings DROP COLUMN channel", "ALTER TABLE filings DROP COLUMN electronic_result",
            "CREATE INDEX ix_residents_vneid_age ON residents (deleted, date_of_birth, vneid_level)")
    assert cli(capsys, "--db", url, "migrate") == (0, f"schema migrated from s0004 to {head_revision()}\n")
    with _office_db(url) as db, db.engine.connect() as conn:
        filings = _columns(conn, "filings")
        indexes = {row[0] for row in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))}
    assert {"channel", "electronic_result"} <= filings
    assert not {"ix_residents_vneid_age", "ix_filings_waiting"} & indexes


def test_migration_s0006p_adds_the_area_outing_and_target_tables_to_an_older_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A server database made before s0006p gets residential_groups.team_id, visits.outing_id and
    the three tables (with the server's pull index, without the laptops' query indexes); one made
    after it (s0001 built them from the model) is left as it is."""
    url = f"sqlite:///{tmp_path / 'office.db'}"
    assert cli(capsys, "--db", url, "migrate")[0] == 0
    with _office_db(url) as db, db.engine.connect() as conn:
        fresh = {row[0] for row in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))}
    _rewind(url, "s0005f", "DROP TABLE area_assignments", "DROP TABLE outings", "DROP TABLE targets",
            "DROP INDEX IF EXISTS ix_visits_outing_id", "ALTER TABLE residential_groups DROP COLUMN team_id",
            "ALTER TABLE visits DROP COLUMN outing_id")
    assert cli(capsys, "--db", url, "migrate") == (0, f"schema migrated from s0005f to {head_revision()}\n")
    with _office_db(url) as db, db.engine.connect() as conn:
        groups, visits = _columns(conn, "residential_groups"), _columns(conn, "visits")
        tables = {row[0] for row in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))}
        indexes = {row[0] for row in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))}
    assert "team_id" in groups and "outing_id" in visits
    assert {"area_assignments", "outings", "targets"} <= tables
    assert {"ix_srv_outings_ward_seq", "ix_outings_server_seq"} <= indexes and "ix_outings_team_id" not in indexes
    assert indexes == fresh


PLAN_INDEXES = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'plan_entries' AND sql IS NOT NULL"


def test_migration_s0006r_adds_the_card_issue_date_and_the_plan_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A server database made before s0006r gets residents.card_issued_on and plan_entries with the
    server's pull index only (the laptops' day-plan index stays off the server, fresh or migrated)."""
    url = f"sqlite:///{tmp_path / 'office.db'}"
    assert cli(capsys, "--db", url, "migrate")[0] == 0
    with _office_db(url) as db, db.engine.connect() as conn:
        fresh = {row[0] for row in conn.execute(text(PLAN_INDEXES))}
    assert fresh == {"ix_plan_entries_server_seq", "ix_srv_plan_entries_ward_seq"}
    _rewind(url, "s0006p", "ALTER TABLE residents DROP COLUMN card_issued_on", "DROP TABLE plan_entries")
    assert cli(capsys, "--db", url, "migrate") == (0, f"schema migrated from s0006p to {head_revision()}\n")
    with _office_db(url) as db, db.engine.connect() as conn:
        residents, plan = _columns(conn, "residents"), _columns(conn, "plan_entries")
        indexes = {row[0] for row in conn.execute(text(PLAN_INDEXES))}
    assert "card_issued_on" in residents
    assert {"team_id", "plan_date", "household_id", "adjustment", "mark", "clocks", "server_seq"} <= plan
    assert indexes == fresh


def test_migration_s0006b_creates_the_office_days_off_table_on_an_older_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A server database made before s0006b gets office_days_off with the server's pull index and
    without the laptops' ward_id index; a database made after it (s0001 builds the table) keeps it."""
    url = f"sqlite:///{tmp_path / 'office.db'}"
    assert cli(capsys, "--db", url, "migrate")[0] == 0
    with _office_db(url) as db, db.engine.connect() as conn:
        indexes = {row[0] for row in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))}
    assert "ix_srv_office_days_off_ward_seq" in indexes and "ix_office_days_off_ward_id" not in indexes
    assert not {"ix_households_coverage", "ix_visits_report", "ix_visits_open_follow_ups", "ix_filings_report"} & indexes
    _rewind(url, "s0006k", "DROP TABLE office_days_off")
    assert cli(capsys, "--db", url, "migrate") == (0, f"schema migrated from s0006k to {head_revision()}\n")
    with _office_db(url) as db, db.engine.connect() as conn:
        columns = _columns(conn, "office_days_off")
        indexes = {row[0] for row in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))}
    assert {"id", "ward_id", "day", "note", "deleted", "clocks", "server_seq"} <= columns
    assert {"ix_srv_office_days_off_ward_seq", "ix_office_days_off_server_seq"} <= indexes
    assert "ix_office_days_off_ward_id" not in indexes


def test_migration_s0006d_adds_merged_into_and_the_duplicate_pairs_table_to_an_older_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A server database made before s0006d (issue 17) gets households/residents.merged_into and
    duplicate_pairs; one made after it already has them (s0001 builds from the model) and the
    migration leaves it alone."""
    url = f"sqlite:///{tmp_path / 'office.db'}"
    assert cli(capsys, "--db", url, "migrate")[0] == 0
    _rewind(url, "s0005f", "ALTER TABLE households DROP COLUMN merged_into", "ALTER TABLE residents DROP COLUMN merged_into",
            "DROP TABLE duplicate_pairs")
    assert cli(capsys, "--db", url, "migrate") == (0, f"schema migrated from s0005f to {head_revision()}\n")
    with _office_db(url) as db, db.engine.connect() as conn:
        assert "merged_into" in _columns(conn, "households") and "merged_into" in _columns(conn, "residents")
        assert {"kind", "first_id", "second_id", "status", "moved", "previous"} <= _columns(conn, "duplicate_pairs")
    _rewind(url, "s0005f")  # nothing dropped: the columns and the table are there already
    assert cli(capsys, "--db", url, "migrate") == (0, f"schema migrated from s0005f to {head_revision()}\n")


def test_migration_s0006w_adds_revoke_reasons_and_the_breach_inventory_to_an_older_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A server database made before s0006w gets the devices' revoke reason, stop time and the held
    inventory; a device revoked before it keeps being refused (``revoked``, no reason)."""
    url = f"sqlite:///{tmp_path / 'office.db'}"
    assert cli(capsys, "--db", url, "migrate")[0] == 0
    _rewind(url, "s0005f", "ALTER TABLE wards DROP COLUMN app_lock",
            *(f"ALTER TABLE devices DROP COLUMN {name}" for name in ("revoke_reason", "stopped_at", "held_seq",
                                                                                    "held_at", "held")),
            "INSERT INTO devices (id, token_hash, ward_id, role, label, enrolled_at, revoked_at, pending) "
            "VALUES ('d1', 'h1', 'w1', 'volunteer', '', '2026-11-30 10:00:00', '2026-11-30 11:00:00', 0)")
    assert cli(capsys, "--db", url, "migrate") == (0, f"schema migrated from s0005f to {head_revision()}\n")
    with _office_db(url) as db, db.engine.connect() as conn:
        assert {"revoke_reason", "stopped_at", "held_seq", "held_at", "held"} <= _columns(conn, "devices")
        assert "app_lock" in _columns(conn, "wards")
        assert conn.execute(text("SELECT revoke_reason FROM devices WHERE id = 'd1'")).scalar_one() is None
