"""The visit receipt: every QR, rendered by pdftoppm and read by zbarimg, decodes to the
catalogue's address (the leaflet's QR codes: test_next_steps_and_leaflet.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from outreach.catalogue import load_catalogue
from outreach.reports.receipt import write_receipt_pdf
from outreach.services import audit
from outreach.services.context import Actor
from outreach.services.receipts import EXPORT_VISIT_RECEIPT, visit_receipt
from outreach.store.database import Store

from .conftest import SmallWard

needs_tools = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg")), reason="needs poppler-utils and zbar-tools"
)


def decode_qr_codes(pdf: Path, tmp_path: Path) -> list[str]:
    """Render each page at 150 dpi and decode every QR code on it."""
    prefix = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(prefix)], check=True)
    decoded: list[str] = []
    for image in sorted(tmp_path.glob(f"{pdf.stem}*.png")):
        result = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)], capture_output=True, text=True)
        assert result.returncode in (0, 4), result.stderr  # 4: no code on this page
        decoded += [line for line in result.stdout.splitlines() if line]
    return decoded


@needs_tools
def test_receipt_lists_filings_with_dossier_codes_and_lookup_qr(
    store: Store, small_ward: SmallWard, volunteer: Actor, tmp_path: Path
) -> None:
    catalogue = load_catalogue()
    path = tmp_path / "phieu.pdf"
    receipt = visit_receipt(store, volunteer, small_ward["v1"], destination=str(path))
    assert [f.dossier_code for f in receipt.filings] == ["H01.12-261116-0001", ""] or sorted(f.dossier_code for f in receipt.filings) == [
        "",
        "H01.12-261116-0001",
    ]
    write_receipt_pdf(receipt, path)
    reader = PdfReader(path)
    assert reader.pages[0].mediabox.width == pytest.approx(419.53, abs=0.5)  # A5
    text = "\n".join(p.extract_text() for p in reader.pages)
    for expected in ("Chủ hộ h1", "Đội cơ động số 1", "16/11/2026", "H01.12-261116-0001", "Đăng ký khai sinh", "Phường Ngọc Hà"):
        assert expected in text
    # the privacy notice goes with every receipt, on its own last page (issue 14)
    notice = reader.pages[-1].extract_text()
    assert "THÔNG BÁO VỀ XỬ LÝ DỮ LIỆU CÁ NHÂN" in notice and "Quyền của bạn" in notice and "Đội cơ động số 1" in notice
    assert "THÔNG BÁO" not in reader.pages[0].extract_text()
    # one QR per filing that has a dossier code; the guided-only VNeID filing has none
    assert decode_qr_codes(path, tmp_path) == [catalogue.dossier_lookup_url]
    events = [e for e in audit.entries(store) if e.action == EXPORT_VISIT_RECEIPT]
    assert len(events) == 1 and events[0].actor_id == volunteer.member_id
