"""``outreach --self-test``: prove that this installation (or bundle) can really work, then exit.

CI runs it on the PyInstaller bundle, and the office can run it on a laptop after installing:
packaging breaks in ways unit tests never see (a missing Qt plugin, Alembic scripts left out of
the bundle, no keyring backend found, a translation file not copied). So it goes through the
same code the app uses, on a throw-away profile in a new temporary folder:

resources found → SQLCipher loads → keyring answers → profile created and migrated to head →
a household and a visit written through the services → found again by a diacritic-free search →
the encrypted store reopened with its key → the main window rendered offscreen in Vietnamese.

Each check prints one ``ok`` line saying what it saw; the first failure prints ``FAIL`` with the
reason (traceback on stderr) and the command exits 1. The profile folder and its keyring entry
are removed at the end either way. Output is English: it is read by CI logs and support staff.
Without a keyring the profile falls back to an unencrypted demo database and says so on a
``WARN`` line; ``OUTREACH_REQUIRE_KEYRING=1`` turns that into a failure (CI sets it).
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from outreach import __version__
from outreach.errors import SelfTestFailed

if TYPE_CHECKING:
    from outreach.services.context import Actor
    from outreach.store.database import Store

#: Written by the self-test; the search must find it from the folded query below.
HEAD_NAME = "Đặng Thị Hồng Nhung"
SEARCH_QUERY = "dang thi hong"
REQUIRE_KEYRING_ENV = "OUTREACH_REQUIRE_KEYRING"
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass
class SelfTest:
    """Runs named checks in order, printing one line per check; stops at the first failure."""

    out: TextIO = sys.stdout
    passed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @contextmanager
    def check(self, name: str) -> Iterator[list[str]]:
        """``with test.check("name") as detail: ...; detail.append("what was seen")``."""
        detail: list[str] = []
        try:
            yield detail
        except Exception as exc:
            reason = str(exc) if isinstance(exc, SelfTestFailed) else f"{type(exc).__name__}: {exc}"
            print(f"FAIL {name}: {reason}", file=self.out, flush=True)
            if not isinstance(exc, SelfTestFailed):
                traceback.print_exc(file=sys.stderr)
            raise SelfTestFailed(name) from exc
        self.passed.append(name)
        print(f"ok   {name}: {'; '.join(detail)}" if detail else f"ok   {name}", file=self.out, flush=True)

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        print(f"WARN {message}", file=self.out, flush=True)


def run_self_test(parent: Path | None = None, out: TextIO = sys.stdout) -> int:
    """Run every check on a throw-away profile under ``parent`` (default: the temp folder)."""
    from outreach.resources import running_from

    started = time.perf_counter()
    test = SelfTest(out)
    print(f"outreach {__version__} self-test ({running_from()}; Python {platform.python_version()}, "
          f"{platform.system()} {platform.machine()})", file=out, flush=True)
    if parent is not None:
        parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="outreach-self-test-", dir=parent))
    store: Store | None = None
    profile_id: str | None = None
    try:
        check_resources(test)
        check_sqlcipher(test)
        encrypted = check_keyring(test)
        store = open_profile(test, folder / "profile", encrypted)
        profile_id = store.profile.profile_id if store.profile.encrypted else None
        household_id = write_household_and_visit(test, store)
        search_finds(test, store, household_id)
        store.close()
        store = reopen(test, store, household_id)
        render_window(test, store)
    except SelfTestFailed as failed:
        print(f"self-test FAILED at “{failed}” after {len(test.passed)} checks passed", file=out, flush=True)
        return 1
    finally:
        if store is not None:
            store.close()
        cleanup(folder, profile_id, out)
    seconds = time.perf_counter() - started
    warned = f", {len(test.warnings)} warning(s)" if test.warnings else ""
    print(f"self-test passed: {len(test.passed)} checks in {seconds:.1f} s{warned}", file=out, flush=True)
    return 0


# ---------------------------------------------------------------- the checks


def check_resources(test: SelfTest) -> None:
    from outreach.admin_units import load_admin_units
    from outreach.catalogue import load_catalogue
    from outreach.resources import resource_path, resources_root
    from outreach.store.migrate import MIGRATIONS_DIR

    with test.check("resources") as seen:
        catalogue = load_catalogue()
        units = load_admin_units()
        needed = [resource_path("translations", f"{base}_vi.qm") for base in ("outreach", "qtbase")]
        needed += [resource_path("icons", "outreach.png"), MIGRATIONS_DIR / "env.py"]
        missing = [str(p) for p in needed if not p.is_file()]
        if missing:
            raise SelfTestFailed(f"missing {', '.join(missing)}")
        seen.append(f"{resources_root()}")
        seen.append(f"{len(catalogue.procedures)} procedures, {len(units.provinces)} provinces and "
                    f"{len(units.all_communes)} communes, translations, icon")


def check_sqlcipher(test: SelfTest) -> None:
    with test.check("SQLCipher") as seen:
        import sqlcipher3

        conn = sqlcipher3.connect(":memory:")
        try:
            conn.execute("PRAGMA key = \"x'" + "00" * 32 + "'\"")
            row = conn.execute("PRAGMA cipher_version").fetchone()
            fts = conn.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')").fetchone()
        finally:
            conn.close()
        if not row or not row[0]:
            raise SelfTestFailed("the sqlcipher3 module loaded a plain SQLite (no cipher_version)")
        if not fts or not fts[0]:
            raise SelfTestFailed("SQLCipher was built without FTS5 (household search needs it)")
        seen.append(f"cipher {row[0]}, FTS5")


def check_keyring(test: SelfTest) -> bool:
    """True if a real keyring answers (the profile will be encrypted)."""
    from outreach import secrets

    available = secrets.is_available()
    if not available and os.environ.get(REQUIRE_KEYRING_ENV) == "1":
        with test.check("keyring"):
            raise SelfTestFailed(f"no usable keyring backend ({secrets.backend_name()}) and {REQUIRE_KEYRING_ENV}=1")
    if not available:
        test.warn(
            f"no usable keyring ({secrets.backend_name()}): the throw-away profile is an UNENCRYPTED demo "
            "profile, so SQLCipher is checked above but not with a stored key"
        )
        return False
    with test.check("keyring") as seen:
        seen.append(secrets.backend_name())
    return True


def open_profile(test: SelfTest, data_dir: Path, encrypted: bool) -> Store:
    from outreach.store.database import load_or_create_profile, open_store
    from outreach.store.migrate import current_revision, head_revision

    with test.check("profile created") as seen:
        profile = load_or_create_profile(data_dir, demo=True)
        if profile.encrypted != encrypted:
            raise SelfTestFailed(f"profile encrypted={profile.encrypted}, expected {encrypted}")
        store = open_store(profile)
        seen.append(f"{data_dir} ({'encrypted with SQLCipher, key in the keyring' if encrypted else 'unencrypted demo'})")
    with test.check("migration") as seen:
        revision = current_revision(store.engine)
        if revision != head_revision():
            raise SelfTestFailed(f"database at {revision}, head is {head_revision()}")
        with store.engine.connect() as conn:
            tables = conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE type = 'table'").scalar_one()
        seen.append(f"new database migrated to head {revision} ({tables} tables)")
    return store


def write_household_and_visit(test: SelfTest, store: Store) -> str:
    from sqlalchemy import func, select

    from outreach.model import OutboxEntry
    from outreach.services.households import HouseholdInput, register_household
    from outreach.services.procedures import seed_catalogue
    from outreach.services.visits import FilingInput, VisitInput, record_visit
    from outreach.timeutil import now_local

    with test.check("write") as seen:
        procedures = seed_catalogue(store)
        actor, group_id = _make_ward(store)
        household = register_household(
            store,
            actor,
            HouseholdInput(
                head_name=HEAD_NAME,
                address={"house_number": "12", "lane": "Ngõ 5", "street": "Đội Cấn"},
                group_id=group_id,
                phone="0912345678",
                elderly_alone=True,
            ),
        )
        code = next(iter(_procedure_codes(store)))
        started = now_local().replace(microsecond=0) - dt.timedelta(minutes=30)
        visit = record_visit(
            store,
            actor,
            VisitInput(
                household_id=household.id,
                started_at=started,
                outcome="helped",
                filings=[FilingInput(procedure_code=code, status="prepared")],
            ),
        )
        with store.read() as session:
            outbox = session.scalar(select(func.count()).select_from(OutboxEntry)) or 0
        if not outbox:
            raise SelfTestFailed("the writes left nothing in the outbox")
        seen.append(
            f"{procedures} procedures seeded; household “{household.head_name}” and a visit with "
            f"{len(visit.filings)} filing (procedure {code}) saved through the services; {outbox} outbox entries"
        )
    return household.id


def _make_ward(store: Store) -> tuple[Actor, str]:
    """A ward, group, team and leader, as enrolment and the first pull would leave them;
    returns the leader as the acting user and the group's id."""
    from outreach.model import ResidentialGroup, Team, TeamMember, Ward
    from outreach.model.ids import uuid7
    from outreach.services.context import Actor

    ward, group, team, leader = uuid7(), uuid7(), uuid7(), uuid7()
    with store.write() as tx:
        rec = tx.recorder
        rec.create(
            Ward, {"ward_id": ward, "code": "00004", "name": "Phường Ngọc Hà", "province_code": "01", "province_name": "Hà Nội"}, id=ward
        )
        rec.create(ResidentialGroup, {"ward_id": ward, "name": "Tổ dân phố số 1", "sort_order": 1}, id=group)
        rec.create(Team, {"ward_id": ward, "name": "Đội cơ động số 1"}, id=team)
        rec.create(TeamMember, {"ward_id": ward, "team_id": team, "full_name": "Lê Thị Hạnh", "role": "leader"}, id=leader)
    profile = store.profile
    profile.ward_id, profile.team_id, profile.member_id = ward, team, leader
    profile.member_name, profile.role = "Lê Thị Hạnh", "leader"
    profile.save()
    return Actor.from_profile(profile), group


def _procedure_codes(store: Store) -> list[str]:
    from outreach.catalogue import OTHER_PROCEDURE_CODE
    from outreach.services.procedures import offered_procedures

    codes = [p.code for p in offered_procedures(store) if p.code != OTHER_PROCEDURE_CODE]  # what a visit may file today
    if not codes:
        raise SelfTestFailed("the procedure catalogue is empty")
    return codes


def search_finds(test: SelfTest, store: Store, household_id: str) -> None:
    from outreach.services.households import search_households

    with test.check("search") as seen:
        hits = search_households(store, SEARCH_QUERY)
        if household_id not in [h.id for h in hits]:
            raise SelfTestFailed(f"“{SEARCH_QUERY}” did not find “{HEAD_NAME}” ({len(hits)} hits)")
        seen.append(f"“{SEARCH_QUERY}” finds “{HEAD_NAME}”")


def reopen(test: SelfTest, closed: Store, household_id: str) -> Store:
    from outreach.services.households import get_household
    from outreach.store.database import open_store
    from outreach.store.profile import Profile

    with test.check("reopen") as seen:
        profile = Profile.load(closed.profile.data_dir)
        assert profile is not None
        with profile.database_path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if profile.encrypted and header == SQLITE_HEADER:
            raise SelfTestFailed("the database file is readable as plain SQLite although the profile is encrypted")
        store = open_store(profile, create=False)
        get_household(store, household_id)
        seen.append(
            "database file is "
            + ("encrypted on disk" if profile.encrypted else "plain SQLite (demo)")
            + "; reopened and the household read back"
        )
    return store


def render_window(test: SelfTest, store: Store) -> None:
    """The Qt part lives in ``outreach.ui.selftest`` (only ``ui`` imports Qt)."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # never a real window, even on a desktop
    from outreach.ui.selftest import UI_CHECKS

    for name, run in UI_CHECKS:
        with test.check(name) as seen:
            seen.extend(run(store))


def cleanup(folder: Path, profile_id: str | None, out: TextIO) -> None:
    """Remove the throw-away profile: its key from the keyring (if it has one), then its files."""
    problems: list[str] = []
    if profile_id is not None:
        try:
            from outreach import secrets

            secrets.delete_profile_secrets(profile_id)
        except Exception as exc:  # noqa: BLE001 — reported, the self-test verdict stands
            problems.append(f"keyring entry not removed ({exc})")
    shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        problems.append(f"folder {folder} not removed")
    if problems:
        print(f"WARN cleanup: {'; '.join(problems)}", file=out, flush=True)


__all__ = ["run_self_test", "SelfTest", "SelfTestFailed"]
