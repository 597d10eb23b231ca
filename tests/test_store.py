"""The encrypted local store: key handling, pragmas, migrations with backup, refusal of newer."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from sqlalchemy import select, text

from outreach import secrets
from outreach.errors import KeyringUnavailable, StoreError
from outreach.model import Household, OutboxEntry
from outreach.store import migrate as migrate_module
from outreach.store.database import Store, load_or_create_profile, open_store
from outreach.store.profile import Profile
from tests.conftest import keyring_ready


@pytest.fixture
def encrypted_store(data_dir: Path) -> Iterator[Store]:
    if not keyring_ready():
        pytest.skip("needs a Secret Service keyring (run under scripts/with-keyring)")
    store = open_store(load_or_create_profile(data_dir))
    yield store
    store.close()


def _add_household(store: Store, name: str = "Đặng Văn Đức") -> str:
    with store.write() as tx:
        return tx.recorder.create(Household, {"head_name": name, "address": {"street": "Lê Lợi"}}).id


def test_database_is_unreadable_without_the_key(encrypted_store: Store) -> None:
    _add_household(encrypted_store)
    path = encrypted_store.profile.database_path
    encrypted_store.close()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchall()
    assert b"SQLite format 3" not in path.read_bytes()[:16]
    assert "Đặng".encode() not in path.read_bytes()


def test_key_lives_only_in_the_keyring(encrypted_store: Store) -> None:
    _add_household(encrypted_store)
    key = secrets.get_db_key(encrypted_store.profile.profile_id)
    assert key and len(key) == 64
    encrypted_store.close()
    for file in encrypted_store.profile.data_dir.rglob("*"):
        if file.is_file():
            content = file.read_bytes()
            assert key.encode() not in content, file
            assert bytes.fromhex(key) not in content, file


def test_reopening_with_the_keyring_key_reads_the_data(encrypted_store: Store) -> None:
    hid = _add_household(encrypted_store)
    encrypted_store.close()
    reopened = open_store(load_or_create_profile(encrypted_store.profile.data_dir))
    try:
        with reopened.read() as session:
            assert session.get_one(Household, hid).head_name == "Đặng Văn Đức"
    finally:
        reopened.close()


def test_lost_key_is_a_clear_error_not_a_new_empty_database(encrypted_store: Store) -> None:
    _add_household(encrypted_store)
    profile = encrypted_store.profile
    encrypted_store.close()
    secrets.delete_profile_secrets(profile.profile_id)
    reloaded = Profile.load(profile.data_dir)
    assert reloaded is not None
    with pytest.raises(StoreError) as info:
        open_store(reloaded)
    assert "khoá" in info.value.message_vi


def test_pragmas(store: Store) -> None:
    with store.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_no_keyring_refuses_a_real_profile_and_allows_an_unencrypted_demo(tmp_path: Path) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(KeyringUnavailable) as info:
            load_or_create_profile(tmp_path / "real")
        assert "kho khoá" in info.value.message_vi
        assert not (tmp_path / "real").exists()
        demo = load_or_create_profile(tmp_path / "demo", demo=True)
        assert demo.demo and not demo.encrypted
        store = open_store(demo)
        try:
            _add_household(store)
        finally:
            store.close()
        rows = sqlite3.connect(demo.database_path).execute("SELECT head_name FROM households").fetchall()
        assert rows == [("Đặng Văn Đức",)]
    finally:
        keyring.set_keyring(previous)


def test_a_database_newer_than_the_app_is_refused(store: Store) -> None:
    profile = store.profile
    with store.write() as tx:
        tx.session.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    store.close()
    with pytest.raises(StoreError) as info:
        open_store(profile)
    assert info.value.code == "database_too_new"


def test_upgrade_backs_up_the_file_first_and_keeps_data(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hid = _add_household(store)
    profile = store.profile
    store.close()
    migrations = tmp_path / "migrations"
    shutil.copytree(migrate_module.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    current = migrate_module.head_revision()  # the new migration follows whatever is the head now
    (migrations / "versions" / "9999_test_column.py").write_text(
        'from alembic import op\nimport sqlalchemy as sa\n'
        f'revision = "9999_test"\ndown_revision = "{current}"\nbranch_labels = None\ndepends_on = None\n'
        'def upgrade():\n    op.add_column("households", sa.Column("test_extra", sa.Text()))\n'
        'def downgrade():\n    op.drop_column("households", "test_extra")\n'
    )
    monkeypatch.setattr(migrate_module, "MIGRATIONS_DIR", migrations)
    monkeypatch.setattr(migrate_module, "HEAD_REVISION", "9999_test")  # what the newer app would say
    migrate_module._script.cache_clear()
    try:
        upgraded = open_store(profile)
        try:
            with upgraded.read() as session:
                columns = [r[1] for r in session.execute(text("PRAGMA table_info(households)"))]
                assert "test_extra" in columns
                assert session.get(Household, hid) is not None
            backups = list((profile.data_dir / "backups").glob(f"outreach-{current}-*.db"))
            assert len(backups) == 1 and backups[0].stat().st_size > 0
        finally:
            upgraded.close()
    finally:
        migrate_module._script.cache_clear()


def test_write_commits_data_and_outbox_together_or_not_at_all(store: Store) -> None:
    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with store.write() as tx:
            tx.recorder.create(Household, {"head_name": "Nguyễn Văn A", "address": {"street": "Kim Mã"}})
            tx.session.flush()  # the row and its outbox entry are in the database now...
            raise Boom  # ...and a failure before commit must take both back
    with store.read() as session:
        assert session.scalars(select(Household)).all() == []
        assert session.scalars(select(OutboxEntry)).all() == []


def test_every_change_is_stamped_and_recorded(store: Store) -> None:
    hid = _add_household(store)
    with store.write() as tx:
        row = tx.session.get_one(Household, hid)
        before = dict(row.clocks)
        changed = tx.recorder.update(row, {"phone": "0912345678", "head_name": "Đặng Văn Đức"})
    assert changed == {"phone"}
    with store.read() as session:
        row = session.get_one(Household, hid)
        entries = session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)).all()
    assert row.clocks["phone"] > before["phone"] and row.clocks["head_name"] == before["head_name"]
    assert [e.entity for e in entries] == ["household", "household"]
    assert entries[1].fields == {"phone": ["0912345678", row.clocks["phone"]]}
    assert entries[1].bases == {"phone": before["phone"]}
    assert entries[0].change_id != entries[1].change_id


def test_clock_is_persisted_across_restarts(store: Store) -> None:
    _add_household(store)
    last = store.clock.last
    profile = store.profile
    store.close()
    reopened = open_store(profile)
    try:
        assert reopened.clock.last == last
        assert reopened.clock.now() > last
    finally:
        reopened.close()


def test_the_fast_path_head_is_alembics_head() -> None:
    """``migrate`` skips Alembic when a database is at HEAD_REVISION: it must be the real head."""
    assert migrate_module.HEAD_REVISION == migrate_module.head_revision()
