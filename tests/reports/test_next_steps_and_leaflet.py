"""The receipt's next steps and the leaflet, both from the laptop's synced catalogue (the
procedures table), read back from the PDFs with pdftotext and zbarimg.

Expected dates are counted by hand here: 2026's National Day holiday is Mon 31/8 (the day
substituted from Sat 22/8), Tue 1/9 and Wed 2/9, so a dossier submitted on Fri 28/8 starts
counting on Thu 3/9."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import update

from outreach.catalogue import load_catalogue
from outreach.model import Procedure
from outreach.reports.leaflet import write_leaflet_pdf
from outreach.reports.receipt import write_receipt_pdf
from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, register_household
from outreach.services.procedures import leaflet_procedures, seed_catalogue
from outreach.services.receipts import visit_receipt
from outreach.services.visits import FilingInput, VisitInput, record_visit
from outreach.store.database import Store

from .test_qr_materials import decode_qr_codes

needs_tools = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg") and shutil.which("pdftotext")),
    reason="needs poppler-utils and zbar-tools",
)
FRIDAY = dt.datetime(2026, 8, 28, 9, 0)
PORTAL = "https://dichvucong.gov.vn"


def pdftotext(pdf: Path) -> str:
    """The PDF's text with every run of white space (line breaks of wrapped lines) as one space."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(text.split())


def _visit(store: Store, volunteer: Actor, ward: dict[str, str]) -> str:
    seed_catalogue(store)
    household = register_household(
        store, volunteer, HouseholdInput("Nguyễn Thị Lan", {"house_number": "3", "street": "Đội Cấn"}, group_id=ward["group_a"])).id
    submitted = FRIDAY + dt.timedelta(hours=1)
    return record_visit(store, volunteer, VisitInput(household, FRIDAY, filings=[
        # permanent residence, 7 working days: Thu 3/9 … Fri 11/9
        FilingInput("1.004222", dossier_code="H01.12-260828-0001", status="submitted", channel="online",
                    fee_paid_online=True, submitted_at=submitted),
        # temporary residence, prepared for the counter: everything still to bring, 15.000 đ
        FilingInput("1.004194", status="prepared", channel="counter"),
        # the birth registration is done: no next step
        FilingInput("1.001193", dossier_code="H01.12-260828-0003", status="completed", channel="online",
                    submitted_at=submitted, electronic_result=True),
    ])).id


@needs_tools
def test_the_receipt_prints_next_steps_with_the_expected_result_date(
    store: Store, volunteer: Actor, ward: dict[str, str], tmp_path: Path
) -> None:
    receipt = visit_receipt(store, volunteer, _visit(store, volunteer, ward))
    steps = {f.procedure_code: f.next_step for f in receipt.filings}
    assert steps["1.001193"] is None
    permanent, temporary = steps["1.004222"], steps["1.004194"]
    assert permanent is not None and permanent.expected_on == dt.date(2026, 9, 11) and permanent.fee_vnd == 10000
    assert temporary is not None and temporary.expected_on is None and (temporary.fee_vnd, temporary.days) == (15000, 3)
    path = write_receipt_pdf(receipt, tmp_path / "phieu.pdf")
    text = pdftotext(path)
    assert "Việc tiếp theo (Nộp trực tuyến) — lệ phí: 10.000 đ" in text
    assert "Thời hạn: 7 ngày làm việc · dự kiến có kết quả: 11/09/2026" in text
    assert "Việc tiếp theo (Nộp trực tiếp) — lệ phí: 15.000 đ" in text
    assert "Có kết quả trong 3 ngày làm việc kể từ ngày nộp hồ sơ" in text
    assert "Giấy tờ cần mang:" in text and "Giấy tờ chứng minh chỗ ở hợp pháp (hợp đồng thuê, cho ở nhờ...)" in text
    assert "Mang theo khi nhận kết quả:" in text
    assert text.count("Việc tiếp theo") == 2  # none for the completed filing
    # one look-up QR per filing with a dossier code
    lookup = load_catalogue().dossier_lookup_url
    assert decode_qr_codes(path, tmp_path) == [lookup, lookup]


@needs_tools
def test_the_leaflet_prints_every_essential_procedure_of_the_synced_catalogue(store: Store, tmp_path: Path) -> None:
    seed_catalogue(store)
    procedures = leaflet_procedures(store, dt.date(2026, 12, 1))
    assert len(procedures) == 25
    path = write_leaflet_pdf(tmp_path / "to-roi.pdf", procedures, ward_name="Phường Ngọc Hà", team_phone="0912345678")
    expected = [f"{PORTAL}/tim-kiem-thu-tuc-hanh-chinh?keyword={p.code}" for p in procedures if p.code != "1.001193"]
    expected += [f"{PORTAL}/tim-kiem-thu-tuc-hanh-chinh?formalityId=019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7", f"{PORTAL}/tra-cuu-ho-so"]
    decoded = decode_qr_codes(path, tmp_path)
    assert len(decoded) == 26 and Counter(decoded) == Counter(expected)
    assert len(PdfReader(path).pages) == 1
    text = pdftotext(path)
    assert all(p.code in text for p in procedures) and "THỦ TỤC HÀNH CHÍNH THIẾT YẾU" in text

    # the office changes the catalogue (as a pull writes it): the leaflet follows the database
    with store.write() as tx:
        tx.session.execute(update(Procedure).where(Procedure.id == "1.012575").values(essential=False))
        tx.session.execute(update(Procedure).where(Procedure.id == "1.004194").values(formality_id="0190aaaa-1111-7222-8333-944455556666"))
    procedures = leaflet_procedures(store, dt.date(2026, 12, 1))
    assert len(procedures) == 24 and "1.012575" not in {p.code for p in procedures}
    again = write_leaflet_pdf(tmp_path / "to-roi-2.pdf", procedures)
    decoded = decode_qr_codes(again, tmp_path)
    assert len(decoded) == 25
    assert f"{PORTAL}/tim-kiem-thu-tuc-hanh-chinh?formalityId=0190aaaa-1111-7222-8333-944455556666" in decoded
    assert f"{PORTAL}/tim-kiem-thu-tuc-hanh-chinh?keyword=1.012575" not in decoded
    assert "1.012575" not in pdftotext(again)
