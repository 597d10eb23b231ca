"""The household search index: an FTS5 table of folded text, kept in step by the write path.

Each household has one index row with three columns, weighted when ranking:
``names`` (head and residents), ``address`` and ``numbers`` (phones, personal IDs). Text is
folded (case, diacritics, đ → d) before indexing and before querying, so "dang van duc" finds
"Đặng Văn Đức". Every token of a query must match as a prefix ("ngo 12" finds "Ngõ 12",
"Ngõ 123"), so results narrow as the user types. Ranking is FTS5's bm25.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from outreach.model import Household, Resident
from outreach.model.address import address_text
from outreach.vietnamese_fold import fold, fold_tokens

FTS_TABLE = "household_search"
CREATE_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "household_id UNINDEXED, names, address, numbers, "
    "tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')"
)
#: bm25 weights for (household_id, names, address, numbers): a name hit outranks an address hit.
_RANK = f"bm25({FTS_TABLE}, 0.0, 10.0, 4.0, 6.0)"


#: Bit of SQLite's ``user_version`` header field (unused otherwise; Alembic keeps its own
#: table) set while the index may lag behind the data: a long pull refreshes the index once at
#: its end rather than with every page, and marks it stale in each page's transaction meanwhile.
#: Transactional like any write, so a crash before the final refresh leaves the mark set, and
#: the next start rebuilds the index (``rebuild_if_stale``).
_STALE_BIT = 1


def _user_version(session: Session) -> int:
    return int(session.execute(text("PRAGMA user_version")).scalar() or 0)


def mark_stale(session: Session) -> None:
    version = _user_version(session)
    if not version & _STALE_BIT:
        session.execute(text(f"PRAGMA user_version = {version | _STALE_BIT}"))


def clear_stale(session: Session) -> None:
    version = _user_version(session)
    if version & _STALE_BIT:
        session.execute(text(f"PRAGMA user_version = {version & ~_STALE_BIT}"))


def is_stale(session: Session) -> bool:
    return bool(_user_version(session) & _STALE_BIT)


def rebuild_if_stale(session: Session) -> bool:
    """Rebuild the whole index if a deferred refresh never ran (same transaction); True if so."""
    if not is_stale(session):
        return False
    rebuild_all(session)
    clear_stale(session)
    return True


def refresh_households(session: Session, household_ids: Iterable[str], *, known_absent: bool = False) -> None:
    """Rebuild the index rows of these households from their current data (same transaction).

    ``known_absent``: none of them has an index row yet (after ``DELETE FROM`` the whole table).
    """
    ids = sorted({h for h in household_ids if h})
    if ids and not known_absent:
        # household_id is not indexed by FTS5: one pass over the index for all of them, not one per chunk
        session.execute(
            text(f"DELETE FROM {FTS_TABLE} WHERE household_id IN (SELECT value FROM json_each(:ids))"),
            {"ids": _json_list(ids)},
        )
    if len(ids) >= _BULK_REFRESH:
        _insert_rows(session, _bulk_rows(session, ids))
        return
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        households = session.execute(
            select(Household.id, Household.head_name, Household.address, Household.phone).where(
                Household.id.in_(chunk), Household.deleted.is_(False)
            )
        ).all()
        if not households:
            continue
        residents: dict[str | None, list[tuple[str, str | None, str | None]]] = {}
        for hid, name, phone, pid in session.execute(
            select(Resident.household_id, Resident.full_name, Resident.phone, Resident.personal_id).where(
                Resident.household_id.in_(chunk), Resident.deleted.is_(False)
            )
        ):
            residents.setdefault(hid, []).append((name, phone, pid))
        rows = []
        for hid, head, address, phone in households:
            names = [head] + [r[0] for r in residents.get(hid, [])]
            numbers = [phone] + [n for r in residents.get(hid, []) for n in (r[1], r[2])]
            rows.append(
                {
                    "hid": hid,
                    "names": fold(" ".join(n for n in names if n)),
                    "address": fold(address_text(address)),
                    "numbers": " ".join(n for n in numbers if n),
                }
            )
        session.execute(
            text(f"INSERT INTO {FTS_TABLE} (household_id, names, address, numbers) VALUES (:hid, :names, :address, :numbers)"),
            rows,
        )


#: From this many households on, the index rows are computed from one pass over the households
#: and residents tables instead of look-ups by id (the end of a first pull: all 20,000).
_BULK_REFRESH = 2_000


def _bulk_rows(session: Session, ids: list[str]) -> list[tuple[str, str, str, str]]:
    """The index rows of ``ids`` (sorted), as ``refresh_households`` computes them chunk by chunk:
    same order of households (by id) and of residents within one (as stored)."""
    wanted = set(ids)
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    residents: dict[str, list[tuple[str, str | None, str | None]]] = {}
    # a plain scan (rowid order, like the index look-ups of the chunked path within one household)
    for hid, name, phone, pid in cursor.execute("SELECT household_id, full_name, phone, personal_id FROM residents WHERE deleted = 0"):
        if hid in wanted:
            residents.setdefault(hid, []).append((name, phone, pid))
    rows = []
    for hid, head, address, phone in cursor.execute(
        "SELECT id, head_name, address, phone FROM households WHERE deleted = 0 ORDER BY id"
    ).fetchall():
        if hid not in wanted:
            continue
        members = residents.get(hid, [])
        names = [head] + [r[0] for r in members]
        numbers = [phone] + [n for r in members for n in (r[1], r[2])]
        rows.append(
            (
                hid,
                fold(" ".join(n for n in names if n)),
                fold(address_text(json.loads(address) if address is not None else None)),
                " ".join(n for n in numbers if n),
            )
        )
    return rows


def _insert_rows(session: Session, rows: list[tuple[str, str, str, str]]) -> None:
    if rows:
        session.connection().exec_driver_sql(
            f"INSERT INTO {FTS_TABLE} (household_id, names, address, numbers) VALUES (?, ?, ?, ?)", rows
        )


def rebuild_all(session: Session) -> int:
    """Rebuild the whole index (after a bulk import or a repair); returns households indexed."""
    session.execute(text(f"DELETE FROM {FTS_TABLE}"))
    ids = list(session.scalars(select(Household.id).where(Household.deleted.is_(False))))
    refresh_households(session, ids, known_absent=True)
    return len(ids)


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH expression for what the user typed, or None if nothing searchable.

    Every folded token becomes a quoted prefix term, so FTS5 syntax characters typed by a user
    (quotes, stars, parentheses) can never break or widen the query.
    """
    tokens = fold_tokens(query)
    if not tokens:
        return None
    return " ".join(f'"{t}"*' for t in tokens[:12])


@dataclass(frozen=True)
class SearchHit:
    household_id: str
    rank: float


#: Above this many matches a query is "still being typed" (one or two letters, a common
#: family name): ranking every match with bm25 costs ~4 µs each (~70 ms for 18,000), so the
#: first names-column matches are shown instead, and ranking resumes once the query narrows.
RANK_LIMIT = 400


def search(session: Session, query: str, limit: int = 50, offset: int = 0) -> list[SearchHit]:
    """Ranked hits for ``query``; the cost stays bounded however broad the prefix is."""
    expression = match_expression(query)
    if expression is None:
        return []
    # One pass over at most RANK_LIMIT + 1 matches, scored as they come; sorted here.
    scored = session.execute(
        text(f"SELECT household_id, {_RANK}, names FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q LIMIT {RANK_LIMIT + 1}"),
        {"q": expression},
    ).all()
    if len(scored) <= RANK_LIMIT:
        phrase = " ".join(fold_tokens(query))
        ranked = sorted(scored, key=lambda row: (_name_fit(row[2], phrase), row[1], row[0]))
        return [SearchHit(hid, rank) for hid, rank, _names in ranked[offset : offset + limit]]
    # broad: names first (what volunteers type most), then other columns, each in index order
    wanted = offset + limit
    names = [
        r[0]
        for r in session.execute(
            text(f"SELECT household_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q LIMIT :n"),
            {"q": f"names : ({expression})", "n": wanted},
        )
    ]
    hits = [SearchHit(hid, 0.0) for hid in names]
    if len(hits) < wanted:
        seen = set(names)
        for (hid,) in session.execute(
            text(f"SELECT household_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q LIMIT :n"),
            {"q": expression, "n": wanted + len(seen)},
        ):
            if hid not in seen:
                hits.append(SearchHit(hid, 1.0))
                if len(hits) == wanted:
                    break
    return hits[offset:wanted]


def _name_fit(names: str, phrase: str) -> int:
    """How a household's names meet the typed words in order: bm25 alone scores "Ngô Thanh Vân"
    (with a resident called Nguyễn) like "Nguyễn Văn An" for "nguyen van", but a volunteer who
    types a name means the head of household whose name starts that way.

    0: the head's name (first in ``names``) starts with the phrase; 1: some person's name
    contains it as consecutive word prefixes; 2: the words are spread over names or columns.
    """
    if names.startswith(phrase):
        return 0
    return 1 if f" {phrase}" in f" {names}" else 2


def count(session: Session, query: str) -> int:
    expression = match_expression(query)
    if expression is None:
        return 0
    return session.execute(
        text(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q"), {"q": expression}
    ).scalar_one()


def _json_list(items: list[str]) -> str:
    import json

    return json.dumps(items)
