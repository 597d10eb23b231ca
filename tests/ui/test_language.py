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


def test_english_coverage_screen_shows_no_vietnamese_scope_labels(qtbot, make_window, store, leader) -> None:
    """The scope picker, the heading and the group table of the English screen are English, also
    for names that are no real names (the ward as a whole, households in no group)."""
    from outreach.services.households import HouseholdInput, register_household
    from outreach.services.visits import VisitInput, record_visit
    from outreach.timeutil import now_local
    from outreach.ui.main_window import PAGE_COVERAGE
    from tests.helpers.ui import wait_idle

    household = register_household(store, leader, HouseholdInput("Nguyễn Văn Tâm", {"house_number": "3", "street": "Kim Mã"}))
    record_visit(store, leader, VisitInput(household.id, now_local().replace(second=0)))
    window = make_window(role="leader", language="en")
    view = window.show_page(PAGE_COVERAGE)
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: view.report is not None, timeout=10_000)
    scopes = [view.scope.itemText(i) for i in range(view.scope.count())]
    assert scopes[0] == "Whole ward"
    groups = view.models["groups"]
    names = [str(groups.index(r, 0).data()) for r in range(groups.rowCount())]
    assert "(no group)" in names
    shown = " ".join(scopes + names + [view._scope_text(view.report)])
    for vietnamese in ("Toàn phường", "không thuộc tổ", "không rõ", "Tình nguyện viên"):
        assert vietnamese not in shown
