"""The convergence check sees values, against a real server (SQLite and PostgreSQL): a value
changed in the laptop's database outside the write path (a hand edit: no outbox entry, same
clocks) no longer passes ``sync --verify``; the check finds it and repairs the row from the
server. The server's running digest stays equal to a recount of its rows."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, update

from outreach.model import Household, Resident
from outreach.server.digests import recount_ward_digests
from outreach.server.pull import ward_digest
from outreach.store.database import Store
from outreach.sync.client import run_sync
from tests.helpers.sync import WardSetup, enrol_fast, fast_store


def test_a_hand_edited_value_is_found_by_verify_and_repaired(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    author = fast_store(template_root, tmp_path / "author")
    transport = enrol_fast(ward_setup, author)
    with author.write() as tx:
        household = tx.recorder.create(Household, {"ward_id": ward_setup.ward_id, "head_name": "Lý Thị Thu",
                                                   "address": {"house_number": "4", "street": "Hàng Bông"}})
        tx.recorder.create(Resident, {"household_id": household.id, "ward_id": ward_setup.ward_id, "full_name": "Lý Văn Nam"})
    run_sync(author, transport=transport)

    laptop = fast_store(template_root, tmp_path / "laptop")
    other = enrol_fast(ward_setup, laptop)
    assert run_sync(laptop, transport=other, verify=True).verified is True
    with laptop.write() as tx:  # outside the write path: no outbox entry, the clocks unchanged
        tx.session.execute(update(Household).where(Household.id == household.id).values(head_name="Ai đó đã sửa"))
    report = run_sync(laptop, transport=other, verify=True)
    assert report.repaired is True and report.verified is True
    with laptop.read() as session:
        assert session.scalar(select(Household.head_name).where(Household.id == household.id)) == "Lý Thị Thu"
    assert run_sync(laptop, transport=other, verify=True).repaired is False  # settled

    # the author's edit after that: the running sums on the server still equal a recount
    with author.write() as tx:
        row = tx.session.get(Household, household.id)
        assert row is not None
        tx.recorder.update(row, {"head_name": "Lý Thị Thu Hà", "address": {"house_number": "4A", "street": "Hàng Bông"}})
    run_sync(author, transport=transport)
    assert run_sync(laptop, transport=other, verify=True).verified is True
    with ward_setup.server.db.write() as conn:
        running = ward_digest(conn, ward_setup.ward_id)
        recount_ward_digests(conn)
        assert ward_digest(conn, ward_setup.ward_id) == running
    for store in (author, laptop):
        store.close()


def test_a_first_pull_checks_values_without_a_second_pass(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    """A fresh laptop's long pull keeps the digest page by page (values included): it matches
    the server's without a repair."""
    author = fast_store(template_root, tmp_path / "author")
    transport = enrol_fast(ward_setup, author)
    with author.write() as tx:
        for i in range(150):  # enough rows for the column-wise paths on both sides
            tx.recorder.create(Household, {"ward_id": ward_setup.ward_id, "head_name": f"Hộ {i}",
                                           "address": {"house_number": str(i), "street": "Phố Huế"}})
    run_sync(author, transport=transport)
    fresh: Store = fast_store(template_root, tmp_path / "fresh")
    from outreach.sync.engine import SyncEngine

    report = SyncEngine(fresh, enrol_fast(ward_setup, fresh), pull_limit=40).sync(verify=True)
    assert report.pages > 1 and report.verified is True and report.repaired is False
    for store in (author, fresh):
        store.close()
