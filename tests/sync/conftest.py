"""Fixtures of the sync tests: real servers on 127.0.0.1 (SQLite, and the local PostgreSQL in a
fresh database per session, dropped afterwards), a fresh ward per test, enrolled profiles.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from outreach.model.ids import uuid7
from outreach.server import admin
from outreach.server.db import open_db
from outreach.store.database import Store
from outreach.sync.client import enroll
from tests.helpers.sync import PG_ADMIN_DSN, LiveServer, WardSetup, make_ward, pg_available, skip_without_postgres


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    if not pg_available():
        skip_without_postgres(f"PostgreSQL does not answer at {PG_ADMIN_DSN}")
    name = f"outreach_sync_{os.getpid()}_{uuid7()[-8:]}"
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_DSN.rsplit("/", 1)[0]
    try:
        yield f"postgresql+psycopg://{base.split('://', 1)[1]}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    path = tmp_path_factory.mktemp("server") / "office.db"
    db = open_db(f"sqlite:///{path}")
    admin.seed_catalogue(db)
    server = LiveServer(db)
    yield server
    server.stop()
    db.dispose()


@pytest.fixture(scope="session")
def pg_server(pg_url: str) -> Iterator[LiveServer]:
    db = open_db(pg_url)
    admin.seed_catalogue(db)
    server = LiveServer(db)
    yield server
    server.stop()
    db.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server(request: pytest.FixtureRequest) -> LiveServer:
    return request.getfixturevalue("sqlite_server" if request.param == "sqlite" else "pg_server")


@pytest.fixture
def ward_setup(server: LiveServer) -> WardSetup:
    return make_ward(server)


@pytest.fixture(scope="session")
def template_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("template")


@pytest.fixture
def enrolled_store(ward_setup: WardSetup, store: Store) -> Store:
    """The standard encrypted test profile, enrolled (token in the real keyring)."""
    enroll(store, ward_setup.server.url, ward_setup.code())
    return store
