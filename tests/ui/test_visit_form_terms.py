"""The visit form shows, for the procedure being added, the papers to bring and the fee and
processing time of the chosen channel, from the laptop's synced catalogue with the ward's
province overrides, updating as the procedure or the channel changes; a fee-free one cannot be
ticked "paid online". Screenshots at 1366x768 in Vietnamese and English go to
``OUTREACH_SCREENSHOTS`` when it is set."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import update

from outreach.model import Ward
from outreach.store.database import Store
from outreach.ui.main_window import PAGE_NEW_VISIT
from tests.helpers.ui import wait_idle

WINDOW_SIZE = (1366, 676)  # a 1366x768 screen less the title bar and the desktop's panel


def _form(qtbot: Any, make_window: Any, language: str = "vi") -> tuple[Any, Any]:
    window = make_window(language=language)
    window.showNormal()
    window.resize(*WINDOW_SIZE)
    form = window.show_page(PAGE_NEW_VISIT)
    wait_idle(qtbot, window.ctx.runner)  # the catalogue and the ward's province are loaded
    return window, form


def _shot(widget: Any, name: str) -> None:
    folder = os.environ.get("OUTREACH_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _channel(form: Any, channel: str) -> None:
    form.channel.setCurrentIndex(form.channel.findData(channel))


def test_terms_follow_the_procedure_and_the_channel(qtbot, make_window) -> None:
    window, form = _form(qtbot, make_window)
    assert not form.terms.isVisible()
    form._pick_procedure("1.004222")  # permanent residence: 10.000 đ online, 20.000 đ at the counter
    qtbot.waitUntil(form.terms.isVisible, timeout=2000)
    text = form.terms.text()
    assert "trực tuyến" in text and "lệ phí: 10.000 đ" in text and "thời hạn giải quyết: 7 ngày làm việc" in text
    assert "Tờ khai thay đổi thông tin cư trú (mẫu CT01)" in text and "Giấy tờ chứng minh chỗ ở hợp pháp" in text
    assert form.fee.isEnabled()
    _channel(form, "counter")
    assert "20.000 đ" in form.terms.text() and "10.000 đ" not in form.terms.text()
    _shot(window, "visit-form-terms-vi")
    # birth registration is free: "paid online" is cleared, disabled and explained
    form.fee.setChecked(True)
    form._pick_procedure("1.001193")
    assert "lệ phí: không thu phí" in form.terms.text() and "Giấy chứng sinh" in form.terms.text()
    assert not form.fee.isEnabled() and not form.fee.isChecked() and "miễn phí" in form.fee.toolTip()
    _shot(window, "visit-form-terms-fee-free-vi")
    # a counter-only procedure by the online channel is said not to be filed that way
    form._pick_procedure("2.000815")
    _channel(form, "online")
    assert "không nộp theo hình thức này" in form.terms.text()
    _channel(form, "counter")
    assert "2.000 đ" in form.terms.text() and "trong ngày" not in form.terms.text() and "1 ngày làm việc" in form.terms.text()
    # typing another procedure clears what was shown; so does adding the filing
    form.procedure.setText("")
    form._procedure_text_edited("dang ky")
    assert not form.terms.isVisible() and form.fee.isEnabled()
    form._pick_procedure("1.004194")
    form.add_filing()
    assert not form.terms.isVisible()


def test_the_province_override_applies_offline(qtbot, make_window, store: Store, ward: dict[str, str]) -> None:
    """Hải Phòng (31) sets civil-status fees to 0 đ online: marriage online is free there."""
    with store.write() as tx:
        tx.session.execute(update(Ward).where(Ward.id == ward["ward"]).values(province_code="31"))
    _window, form = _form(qtbot, make_window)
    form._pick_procedure("1.000894")
    assert "lệ phí: không thu phí" in form.terms.text() and not form.fee.isEnabled()
    _channel(form, "counter")
    assert "lệ phí: chưa rõ" in form.terms.text() and form.fee.isEnabled()  # a provincial fee the catalogue lacks


def test_terms_in_english(qtbot, make_window) -> None:
    window, form = _form(qtbot, make_window, "en")
    form._pick_procedure("1.001456")  # passport: 200.000 đ, 8 working days
    text = form.terms.text()
    assert "Online" in text and "200.000 đ" in text and "8 working days" in text and "Papers to submit" in text
    _shot(window, "visit-form-terms-en")
