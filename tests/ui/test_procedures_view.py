"""Procedures & QR: the QR of a procedure opens its portal page as the laptop's synced row gives
it (a record id the office set after the bundled file), decoded back with zbarimg."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import update

from outreach.model import Procedure
from outreach.store.database import Store
from outreach.ui.main_window import PAGE_PROCEDURES
from outreach.ui.screens.procedures_view import CODE_ROLE
from tests.helpers.ui import wait_idle

RECORD = "0190aaaa-1111-7222-8333-944455556666"


def _select(qtbot, view, code: str) -> None:
    [row] = [i for i in range(view.list.count()) if view.list.item(i).data(CODE_ROLE) == code]
    with qtbot.waitSignal(view.qr_shown, timeout=5000, check_params_cb=lambda shown: shown == code):
        view.list.setCurrentRow(row)


@pytest.mark.skipif(not shutil.which("zbarimg"), reason="needs zbar-tools")
def test_the_qr_follows_the_synced_record_id(qtbot, make_window, store: Store, tmp_path: Path) -> None:
    window = make_window()
    with store.write() as tx:  # as a pull from the office writes it
        tx.session.execute(update(Procedure).where(Procedure.id == "1.004194").values(formality_id=RECORD))
    view = window.show_page(PAGE_PROCEDURES)
    wait_idle(qtbot, window.ctx.runner)
    _select(qtbot, view, "1.004194")
    expected = f"https://dichvucong.gov.vn/tim-kiem-thu-tuc-hanh-chinh?formalityId={RECORD}"
    assert view.url.text() == expected
    image = tmp_path / "qr.png"
    assert view.qr.pixmap().save(str(image))
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True).stdout
    assert decoded.split() == [expected]
    _select(qtbot, view, "1.004222")  # no record id: a search by the code
    assert view.url.text() == "https://dichvucong.gov.vn/tim-kiem-thu-tuc-hanh-chinh?keyword=1.004222"
