"""The ward one-stop system's register of received dossiers, and the team's contribution to it.

A ward's reform index counts the dossiers its one-stop office (bộ phận một cửa) received online.
The leader imports the one-stop system's export for a period (CSV/XLSX: dossier code,
procedure, date received, channel); the coverage report then says how many of the ward's
online dossiers carry a dossier code the team recorded — the team's share of the ward's
online intake, a figure the ward can defend because both sides of it are the ward's own records.

The imported rows stay on the leader's laptop (local tables ``one_stop_dossiers`` and
``one_stop_imports``, never synced): the register lists every dossier the ward received, not
the team's work, and sending it to every volunteer's laptop would spread other residents'
dossier records for a figure only the leader reports. A file is checked whole first: any bad
row refuses the file with a reason per row and nothing is imported; a good file replaces what
was imported before for the days of its period, in one transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Column, MetaData, String, Table, and_, delete, func, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from outreach.errors import OutreachError
from outreach.model import Filing, Visit
from outreach.model.local import OneStopDossier, OneStopImport
from outreach.services.context import Actor, require_leader
from outreach.services.figures import Ratio
from outreach.services.periods import Period
from outreach.spreadsheet_read import RawTable, read_spreadsheet
from outreach.store.database import Store
from outreach.timeutil import format_date_vn, now_local
from outreach.vietnamese_fold import fold
from outreach.vocabulary import Channel, FilingStatus

#: The columns of an export, each recognised by words of its folded header, checked in this
#: order ("Hình thức nộp hồ sơ" names the channel, not the dossier; "Ngày tiếp nhận hồ sơ" the date).
COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("channel", ("hinh thuc", "kenh", "channel")),
    ("date", ("ngay", "date", "received")),
    ("procedure", ("thu tuc", "tthc", "procedure")),
    ("dossier_code", ("ho so", "dossier", "ma hs", "so hs")),
)
#: What the one-stop systems write in the channel column, folded.
CHANNEL_WORDS: dict[str, Channel] = {
    "truc tuyen": Channel.ONLINE, "online": Channel.ONLINE, "dvc": Channel.ONLINE, "qua mang": Channel.ONLINE,
    "truc tiep": Channel.COUNTER, "tai quay": Channel.COUNTER, "counter": Channel.COUNTER, "direct": Channel.COUNTER,
    "buu chinh": Channel.POSTAL, "postal": Channel.POSTAL,
}
CODE_MAX = 60
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
PROCEDURE_MAX = 300
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def dossier_key(code: str) -> str:
    """A dossier code as both sides are compared: no spaces, upper case ("h01.1-2611 " = "H01.1-2611").
    The filings' side is compared in SQL (``upper(replace(code, ' ', ''))``): only spaces go and
    only ASCII letters change case, which is all a portal's dossier code holds."""
    return re.sub(r"\s+", "", code).translate(_ASCII_UPPER)


def parse_day(text: str) -> dt.date | None:
    """dd/mm/yyyy (also with '.' or '-', and a time after it) or yyyy-mm-dd; None if neither."""
    text = text.strip()
    for pattern, order in ((_YMD, (0, 1, 2)), (_DMY, (2, 1, 0))):
        m = pattern.match(text)
        if m:
            parts = [int(g) for g in m.groups()]
            try:
                return dt.date(parts[order[0]], parts[order[1]], parts[order[2]])
            except ValueError:
                return None
    return None


def channel_of(text: str) -> Channel | None:
    folded = fold(text).strip()
    for words, channel in CHANNEL_WORDS.items():
        if words in folded:
            return channel
    return None


@dataclass(frozen=True)
class RowRefused:
    """Why one row of the file is refused: ``row`` is the spreadsheet's own row number."""

    row: int
    reason_vi: str
    reason_en: str


class OneStopRefused(OutreachError):
    """Nothing was imported: the file (``rows`` empty) or these rows are wrong."""

    code = "one_stop_refused"

    def __init__(self, message_vi: str, message_en: str, rows: list[RowRefused] | None = None) -> None:
        self.rows = rows or []
        if self.rows:
            message_vi += " " + "; ".join(f"dòng {r.row}: {r.reason_vi}" for r in self.rows[:20])
            message_en += " " + "; ".join(f"row {r.row}: {r.reason_en}" for r in self.rows[:20])
        super().__init__(message_vi, message_en)


@dataclass(frozen=True)
class OneStopRow:
    dossier_code: str
    procedure: str
    received_on: dt.date
    channel: Channel


@dataclass(frozen=True)
class ImportSummary:
    period_from: dt.date
    period_to: dt.date
    rows: int
    online: int
    #: rows the file replaced: imported before for days of this period
    replaced: int


def _columns(table: RawTable) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        folded = fold(header)
        for name, words in COLUMNS:
            if name not in found and any(w in folded for w in words):
                found[name] = index
                break
    return found


def _looks_like_header(row: list[str]) -> int:
    return sum(1 for cell in row if any(w in fold(cell) for _name, words in COLUMNS for w in words))


def read_one_stop_file(path: Path, period_from: dt.date, period_to: dt.date) -> list[OneStopRow]:
    """The rows of an export for ``period_from``..``period_to``; ``OneStopRefused`` (a reason per
    bad row, or for the whole file) when any row is wrong."""
    if period_to < period_from:
        raise OneStopRefused(f"Kỳ nhập không hợp lệ: {format_date_vn(period_from)} sau {format_date_vn(period_to)}.",
                             f"The period is wrong: {period_from.isoformat()} is after {period_to.isoformat()}.")
    table = read_spreadsheet(path, _looks_like_header)
    columns = _columns(table)
    missing = [name for name, _words in COLUMNS if name not in columns]
    if missing:
        names_vi = {"dossier_code": "mã hồ sơ", "procedure": "thủ tục", "date": "ngày tiếp nhận", "channel": "hình thức nộp"}
        raise OneStopRefused(
            "Tệp thiếu cột: " + ", ".join(names_vi[m] for m in missing) + ". Không nhập gì.",
            "The file lacks the column(s): " + ", ".join(missing) + ". Nothing was imported.")
    rows: list[OneStopRow] = []
    refused: list[RowRefused] = []
    seen: dict[str, int] = {}
    for number, cells in zip(table.row_numbers, table.rows, strict=True):
        code = dossier_key(cells[columns["dossier_code"]])
        procedure = cells[columns["procedure"]].strip()
        day = parse_day(cells[columns["date"]])
        channel = channel_of(cells[columns["channel"]])
        problems: list[tuple[str, str]] = []
        if not code:
            problems.append(("thiếu mã hồ sơ", "no dossier code"))
        elif len(code) > CODE_MAX:
            problems.append((f"mã hồ sơ dài quá {CODE_MAX} ký tự", f"dossier code longer than {CODE_MAX} characters"))
        elif code in seen:
            problems.append((f"mã hồ sơ trùng dòng {seen[code]}", f"dossier code repeats row {seen[code]}"))
        if not procedure:
            problems.append(("thiếu thủ tục", "no procedure"))
        elif len(procedure) > PROCEDURE_MAX:
            problems.append((f"tên thủ tục dài quá {PROCEDURE_MAX} ký tự", f"procedure longer than {PROCEDURE_MAX} characters"))
        if day is None:
            problems.append((f"ngày “{cells[columns['date']]}” không đọc được (dd/mm/yyyy)",
                             f"date “{cells[columns['date']]}” unreadable (dd/mm/yyyy)"))
        elif not period_from <= day <= period_to:
            problems.append((f"ngày {format_date_vn(day)} ngoài kỳ nhập", f"date {day.isoformat()} outside the period"))
        if channel is None:
            problems.append((f"hình thức nộp “{cells[columns['channel']]}” không rõ (trực tuyến / trực tiếp / bưu chính)",
                             f"channel “{cells[columns['channel']]}” unknown (online / counter / postal)"))
        if code and code not in seen:
            seen[code] = number
        if problems:
            refused.append(RowRefused(number, ", ".join(p[0] for p in problems), ", ".join(p[1] for p in problems)))
        elif day is not None and channel is not None:
            rows.append(OneStopRow(code, procedure, day, channel))
    if refused:
        raise OneStopRefused(f"{len(refused)} dòng không hợp lệ, không nhập gì.", f"{len(refused)} rows are wrong; nothing was imported.",
                             refused)
    return rows


def import_one_stop(
    store: Store, actor: Actor, path: Path, period_from: dt.date, period_to: dt.date,
    progress: Callable[[int, int], None] | None = None,
) -> ImportSummary:
    """Import the one-stop export ``path`` for the period (leaders only): all of it or nothing.
    It replaces the rows imported before for days of the period."""
    require_leader(actor, "nhập sổ tiếp nhận hồ sơ một cửa", "import the one-stop register")
    if progress:
        progress(0, 2)
    rows = read_one_stop_file(path, period_from, period_to)
    if progress:
        progress(1, 2)
    in_period = OneStopDossier.received_on.between(period_from, period_to)
    with store.write() as tx:
        session = tx.session
        replaced = session.scalar(select(func.count()).select_from(OneStopDossier).where(in_period)) or 0
        session.execute(delete(OneStopDossier).where(in_period))
        session.execute(delete(OneStopImport).where(OneStopImport.period_from >= period_from, OneStopImport.period_to <= period_to))
        if rows:
            session.execute(insert(OneStopDossier), [
                {"dossier_code": r.dossier_code, "procedure": r.procedure, "received_on": r.received_on, "channel": r.channel}
                for r in rows])
        session.add(OneStopImport(period_from=period_from, period_to=period_to, file_name=path.name[:260], rows=len(rows),
                                  imported_at=now_local().replace(tzinfo=None), imported_by=actor.member_id))
    if progress:
        progress(2, 2)
    online = sum(1 for r in rows if r.channel == Channel.ONLINE)
    return ImportSummary(period_from, period_to, len(rows), online, int(replaced))


# ---------------------------------------------------------------- the figures


@dataclass(frozen=True)
class OneStopFigures:
    """The team's part in the ward's online intake over the days of the report period that an
    imported export covers (``days_covered`` of ``days``)."""

    @property
    def team_share(self) -> Ratio:
        """The ward's online dossiers carrying a code the team recorded / the ward's online dossiers."""
        return Ratio(self.with_team_code, self.ward_online)

    @property
    def team_found(self) -> Ratio:
        """The team's online dossiers found in the register / the team's online dossiers."""
        return Ratio(self.team_in_register, self.team_online)

    days: int
    days_covered: int
    #: the ward's online dossiers in the covered days (the register's rows, channel online)
    ward_online: int = 0
    #: of them, those whose dossier code the team (the scope) recorded on a filing
    with_team_code: int = 0
    #: the scope's online submitted dossiers of the covered days, and those found in the register
    team_online: int = 0
    team_in_register: int = 0


def _covered_days(session: Session, first: dt.date, last: dt.date) -> list[dt.date]:
    spans = session.execute(select(OneStopImport.period_from, OneStopImport.period_to)
                            .where(OneStopImport.period_from <= last, OneStopImport.period_to >= first)).all()
    days: set[dt.date] = set()
    for start, end in spans:
        day = max(start, first)
        while day <= min(end, last):
            days.add(day)
            day += dt.timedelta(days=1)
    return sorted(days)


#: Visit ids per ``IN (...)`` when the matched dossiers' visits are checked against the scope.
_IN_CHUNK = 500
#: The register's codes of the report period, for one query (a temporary table of the
#: connection, like the coverage report's work tables: concurrent reports never share it).
_register_keys = Table("outreach_one_stop_keys", MetaData(), Column("code", String, primary_key=True), prefixes=["TEMPORARY"])


def one_stop_figures(
    session: Session, period: Period,
    visit_conditions: Callable[[dt.datetime | None, dt.datetime | None], list[ColumnElement[bool]]],
) -> OneStopFigures:
    """The contribution figures of ``period`` (definitions in ``OneStopFigures``; formulas in
    docs/figures.md). ``visit_conditions(start, end)`` are the report's own conditions of the
    scope's visits (``None, None``: at any time), so a team's or a group's figures count the
    dossiers of its visits only; the register is the ward's in every scope.

    A ward dossier counts as the team's when the team recorded its code on any filing, whatever
    the visit's date (the office may receive a dossier days after the visit). Without an import
    covering the period, every count is 0 and ``days_covered`` says why.

    Cost on a large ward (40,000 filings): the filings' codes are read from the covering index
    ix_filings_report (no filing row), and only the visits of the codes the register holds are
    looked up for the scope; the team's own online dossiers come from the covered days' visits."""
    first, last = period.start, period.last_day
    days = (last - first).days + 1
    covered = _covered_days(session, first, last)
    if not covered:
        return OneStopFigures(days, 0)
    covered_set = set(covered)
    register = {
        code for code, day in session.execute(
            select(OneStopDossier.dossier_code, OneStopDossier.received_on)
            .where(OneStopDossier.received_on.between(covered[0], covered[-1]), OneStopDossier.channel == Channel.ONLINE))
        if day in covered_set
    }
    code_text = Filing.dossier["dossier_code"].as_string()
    # the filings whose code is in the register, matched in SQL against a temporary table of the
    # register's codes (only the matches come back), then the scope's visits of those
    visits_of: dict[str, set[str]] = {}
    connection = session.connection()
    _register_keys.drop(connection, checkfirst=True)
    _register_keys.create(connection)
    try:
        if register:
            session.execute(_register_keys.insert(), [{"code": code} for code in register])
        key = _register_keys.c.code
        for code, visit_id in session.execute(
            select(key, Filing.visit_id).join(_register_keys, key == func.upper(func.replace(code_text, " ", "")))
            .where(Filing.deleted.is_(False))
        ):
            if visit_id:
                visits_of.setdefault(code, set()).add(visit_id)
    finally:
        _register_keys.drop(connection, checkfirst=True)
    wanted = sorted({v for ids in visits_of.values() for v in ids})
    in_scope: set[str] = set()
    for i in range(0, len(wanted), _IN_CHUNK):
        chunk = wanted[i:i + _IN_CHUNK]
        in_scope.update(session.scalars(select(Visit.id).where(Visit.id.in_(chunk), *visit_conditions(None, None))))
    with_team_code = sum(1 for ids in visits_of.values() if ids & in_scope)
    start = dt.datetime.combine(covered[0], dt.time())
    end = dt.datetime.combine(covered[-1] + dt.timedelta(days=1), dt.time())
    team_online = {
        dossier_key(code or "") for code, started in session.execute(
            select(code_text, Visit.started_at).join(Filing, and_(Filing.visit_id == Visit.id, Filing.deleted.is_(False)))
            # ``status || ''``: read from the covered days' visits (ix_visits_report, then each
            # one's filings through ix_filings_report), not from every waiting dossier of the ward
            .where(*visit_conditions(start, end), Filing.status.concat("").in_((FilingStatus.SUBMITTED, FilingStatus.COMPLETED)),
                   Filing.channel == Channel.ONLINE, func.coalesce(code_text, "") != ""))
        if isinstance(started, dt.datetime) and started.date() in covered_set
    }
    return OneStopFigures(
        days, len(covered),
        ward_online=len(register),
        with_team_code=with_team_code,
        team_online=len(team_online),
        team_in_register=sum(1 for code in team_online if code in register),
    )


def imported_periods(store: Store) -> list[tuple[dt.date, dt.date, int, str]]:
    """(from, to, rows, file) of every import kept, latest period first."""
    with store.read() as session:
        return [tuple(r) for r in session.execute(  # type: ignore[misc]
            select(OneStopImport.period_from, OneStopImport.period_to, OneStopImport.rows, OneStopImport.file_name)
            .order_by(OneStopImport.period_from.desc()))]


__all__ = [
    "ImportSummary", "OneStopFigures", "OneStopRefused", "OneStopRow", "RowRefused", "dossier_key", "import_one_stop",
    "one_stop_figures", "parse_day", "read_one_stop_file",
]
