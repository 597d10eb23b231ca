"""The visit form's procedure picker and the living catalogue (issue 11): a procedure the
catalogue lacks is recorded as "khác" by its typed name; a repealed one is not offered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from outreach.services.households import HouseholdInput, register_household
from outreach.services.procedures import other_filings
from outreach.services.visits import visits_of_household
from outreach.ui.main_window import PAGE_NEW_VISIT
from outreach.ui.screens.visit_form import ID_ROLE
from tests.helpers.ui import type_text, wait_idle


def _offered(form) -> list[str]:
    results = form.procedure_results
    return [results.item(i).data(ID_ROLE) for i in range(results.count())]


def test_a_procedure_not_in_the_list_is_recorded_by_its_name(qtbot, window, store, leader) -> None:
    household = register_household(store, leader, HouseholdInput("Trần Văn Bình", {"house_number": "4", "street": "Ngọc Hà"}))
    form = window.show_page(PAGE_NEW_VISIT)
    wait_idle(qtbot, window.ctx.runner)  # the procedure catalogue is loaded
    type_text(form.household_search, "tran van binh")
    QTest.keyClick(form.household_search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.household_id == household.id, timeout=5000)

    form.procedure.setFocus()
    type_text(form.procedure, "Cấp Phiếu lý lịch tư pháp")
    assert _offered(form) == ["KHAC"]  # nothing in the catalogue: the one choice is "another procedure"
    assert "Cấp Phiếu lý lịch tư pháp" in form.procedure_results.item(0).text()
    QTest.keyClick(form.procedure, Qt.Key.Key_Return)
    assert form._procedure is not None and form._procedure.code == "KHAC"
    assert form.procedure.text() == "Cấp Phiếu lý lịch tư pháp"  # the typed name stays: it is what is recorded
    form.add_filing()
    assert form.filings.rowCount() == 1

    with qtbot.waitSignal(form.saved, timeout=5000):
        form.save()
    [visit] = visits_of_household(store, household.id)
    assert [(f.procedure_code, f.procedure_name, f.other_name) for f in visit.filings] == [
        ("KHAC", "Cấp Phiếu lý lịch tư pháp", "Cấp Phiếu lý lịch tư pháp")]
    assert [o.other_name for o in other_filings(store)] == ["Cấp Phiếu lý lịch tư pháp"]


def test_a_repealed_procedure_is_not_offered_and_the_other_choice_comes_last(qtbot, window) -> None:
    form = window.show_page(PAGE_NEW_VISIT)
    wait_idle(qtbot, window.ctx.runner)
    form.procedure.setFocus()
    type_text(form.procedure, "lien thong khai sinh")
    offered = _offered(form)
    assert "2.000986" not in offered  # repealed from 2026-09-08, replaced by 3.000722
    assert offered[0] == "3.000722" and offered[-1] == "KHAC"


def test_a_drafts_other_procedure_row_round_trips() -> None:
    from outreach.services.visit_draft import FilingRow

    row = FilingRow("KHAC", "Cấp Phiếu lý lịch tư pháp", other_name="Cấp Phiếu lý lịch tư pháp", other_code="1.012200")
    restored = FilingRow.from_json(row.to_json())
    assert restored == row and restored is not None and restored.to_input().other_code == "1.012200"
