"""What the read-only services take: a laptop's ``Store`` or the office server's database (the
console's ``ServerReader``). Its own module so every service can name it without importing
another service (coverage reads areas; areas cannot import coverage back)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from sqlalchemy.orm import Session


class ReadSource(Protocol):
    """Where the figures are read from: a laptop's ``Store``, or the office server's database
    (the console's ``ServerReader``): anything that opens a read session over the synced tables.
    One implementation of every figure, so the console and the laptop cannot disagree."""

    def read(self) -> AbstractContextManager[Session]: ...
