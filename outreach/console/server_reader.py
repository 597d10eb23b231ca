"""The office server's database as a read source for the laptop's services (coverage).

The server's entity tables are the laptop's (one model), so ``services.coverage`` runs over
them unchanged: the console shows the laptop's figures, computed by the same code."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session, sessionmaker

from outreach.server.db import ServerDb


class ServerReader:
    """``read()`` opens one snapshot session on the server's database (``ReadSource``)."""

    def __init__(self, db: ServerDb) -> None:
        self._sessions = sessionmaker(db.read_engine, expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session
