"""Switching language applies at once, keeps what is typed, and is remembered in the profile."""

from __future__ import annotations

from outreach.store.profile import Profile
from outreach.ui.main_window import PAGE_HOUSEHOLDS, PAGE_NEW_VISIT, PAGE_SETTINGS
from tests.helpers.ui import type_text


def test_switch_language_live(qtbot, window, store) -> None:
    assert window.nav.item(PAGE_HOUSEHOLDS).text() == "Hộ gia đình"
    form = window.show_page(PAGE_NEW_VISIT)
    type_text(form.notes, "Ghi chú đang gõ dở")
    settings = window.show_page(PAGE_SETTINGS)
    with qtbot.waitSignal(window.language_changed, timeout=5000):
        settings.language.setCurrentIndex(settings.language.findData("en"))
    assert window.nav.item(PAGE_HOUSEHOLDS).text() == "Households"
    assert window.current_page() == PAGE_SETTINGS
    assert window.pages[PAGE_NEW_VISIT].notes.toPlainText() == "Ghi chú đang gõ dở"  # carried across
    reloaded = Profile.load(store.profile.data_dir)
    assert reloaded is not None and reloaded.language == "en"  # remembered for the next start

    settings = window.pages[PAGE_SETTINGS]
    with qtbot.waitSignal(window.language_changed, timeout=5000):
        settings.language.setCurrentIndex(settings.language.findData("vi"))
    assert window.nav.item(PAGE_HOUSEHOLDS).text() == "Hộ gia đình"
