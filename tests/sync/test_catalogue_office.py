"""The office's catalogue service and CLI (issue 11): imports from the office's CSV and from a
record of the national portal's shape, all or nothing, with a reason per refused row; who changed
what in the server's log."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from outreach.server import catalogue_office, cli
from outreach.server.db import ServerDb, open_db

PORTAL_RECORD = {
    "code": "OK",
    "data": {
        "id": "019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7",
        "code": "1.001193",
        "name": "Thủ tục đăng ký khai sinh",
        "executionMethods": [
            {"submissionMethod": "ONLINE", "processingTime": 1, "processingTimeUnit": "WORKING_DAY",
             "fees": [{"type": "FEE", "value": 0}]},
            {"submissionMethod": "DIRECT", "processingTime": 1, "processingTimeUnit": "WORKING_DAY",
             "fees": [{"type": "FEE", "value": 8000}]},
            {"submissionMethod": "POSTAL", "processingTime": 2, "processingTimeUnit": "OTHER", "fees": []},
        ],
        "executionCases": [
            {"name": "* Giấy tờ phải nộp:", "profileComponents": [{"name": "Tờ khai đăng ký khai sinh", "code": "A"},
                                                                  {"name": "Giấy chứng sinh", "code": "B"}]},
            {"name": "* Giấy tờ phải xuất trình:", "profileComponents": [{"name": "Giấy tờ tùy thân", "code": "C"}]},
            {"name": "* Lưu ý:", "profileComponents": [{"name": "Không phải giấy tờ", "code": "D"}]},
        ],
        "cases": [{"code": "1.001193.01"}, {"code": "1.001193.02"}],
        "executingAgencies": "Ủy ban nhân dân cấp xã",
        "isNonTerritorial": True,
    },
}


@pytest.fixture
def office(tmp_path: Path) -> Iterator[ServerDb]:
    db = open_db(f"sqlite:///{tmp_path / 'office.db'}")
    yield db
    db.dispose()


def _entry(db: ServerDb, code: str) -> dict[str, object]:
    return next(row for row in catalogue_office.list_catalogue(db) if row["id"] == code)


def test_a_portal_record_imports_channels_papers_and_ids(office: ServerDb, tmp_path: Path) -> None:
    catalogue_office.add_procedure(office, "1.001193", {"name_vi": "Đăng ký khai sinh", "field_vi": "Hộ tịch"}, by="test")
    path = tmp_path / "record.json"
    path.write_text(json.dumps(PORTAL_RECORD, ensure_ascii=False), encoding="utf-8")
    result = catalogue_office.import_catalogue(office, path, by="Nguyễn Văn An")
    assert (result.added, result.edited) == (0, 1)
    row = _entry(office, "1.001193")
    assert row["formality_id"] == "019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7"
    assert row["name_vi"] == "Thủ tục đăng ký khai sinh"
    assert row["case_codes"] == ["1.001193.01", "1.001193.02"]
    # "OTHER" is not a time the app can count: the postal channel keeps only what it says (no fee, no days)
    assert row["channels"] == {"online": {"days": 1, "fee_vnd": 0}, "counter": {"days": 1, "fee_vnd": 8000}, "postal": {}}
    assert row["papers"] == {"submit": ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"], "show": ["Giấy tờ tùy thân"]}
    assert (row["executing_body"], row["any_commune"], row["field_vi"]) == ("Ủy ban nhân dân cấp xã", True, "Hộ tịch")
    assert catalogue_office.import_catalogue(office, path, by="Nguyễn Văn An").unchanged == 1


def test_a_csv_adds_and_edits_in_one_go(office: ServerDb, tmp_path: Path) -> None:
    catalogue_office.add_procedure(office, "2.001157", {"name_vi": "Cấp phiếu lý lịch tư pháp", "field_vi": "Lý lịch tư pháp"}, by="test")
    path = tmp_path / "catalogue.csv"
    path.write_text(
        "code,name_vi,field_vi,online_level,essential,online_days,online_fee_vnd,papers_show,repealed_from\n"
        "2.001157,,,full,có,10,100.000,Thẻ căn cước,\n"
        "1.012575,Đăng ký xe lần đầu,Công an xã,full,x,2,,Thẻ căn cước;Giấy tờ xe,01/01/2027\n",
        encoding="utf-8")
    result = catalogue_office.import_catalogue(office, path, by="Nguyễn Văn An")
    assert (result.added, result.edited) == (1, 1)
    edited = _entry(office, "2.001157")
    assert (edited["name_vi"], edited["online_level"], edited["essential"]) == ("Cấp phiếu lý lịch tư pháp", "full", True)
    assert edited["channels"] == {"online": {"days": 10, "fee_vnd": 100_000}}
    added = _entry(office, "1.012575")
    assert added["papers"] == {"show": ["Thẻ căn cước", "Giấy tờ xe"]}
    assert str(added["repealed_from"]) == "2027-01-01"


def test_bad_rows_are_refused_each_with_a_reason_and_nothing_is_written(office: ServerDb, tmp_path: Path) -> None:
    path = tmp_path / "catalogue.csv"
    path.write_text(
        "code,name_vi,field_vi,online_level,online_days\n"
        "1.000001,Thủ tục tốt,Hộ tịch,full,3\n"
        "1.000002,Mức lạ,Hộ tịch,fully,3\n"
        "1.000003,Ngày lạ,Hộ tịch,full,ba ngày\n"
        ",Không mã,Hộ tịch,full,3\n"
        "1.000005,,Hộ tịch,full,3\n"
        "1.000001,Trùng mã,Hộ tịch,full,3\n",
        encoding="utf-8")
    with pytest.raises(catalogue_office.CatalogueRefused) as refused:
        catalogue_office.import_catalogue(office, path, by="test")
    reasons = {row.row: row.reason for row in refused.value.rows}
    assert set(reasons) == {"row 3", "row 4", "row 5", "row 6", "row 7"}
    assert "online_level" in reasons["row 3"] and "online_days" in reasons["row 4"]
    assert "code" in reasons["row 5"] and "name_vi" in reasons["row 6"] and "twice" in reasons["row 7"]
    assert catalogue_office.list_catalogue(office) == []  # not even the good first row


def test_the_cli_edits_retires_and_logs_who(office: ServerDb, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url, log_file = str(office.engine.url), tmp_path / "server.log"
    catalogue_office.add_procedure(office, "1.001776", {"name_vi": "Trợ cấp xã hội hàng tháng", "field_vi": "Bảo trợ xã hội"}, by="test")
    try:
        assert cli.main(["--db", url, "--log-file", str(log_file), "catalogue", "--by", "Lê Thị Hoa", "edit", "1.001776",
                         "--set", "short_name=Trợ cấp xã hội", "--set", "counter_days=15"]) == 0
        assert cli.main(["--db", url, "--log-file", str(log_file), "catalogue", "--by", "Lê Thị Hoa", "retire", "1.001776",
                         "--from", "2027-01-01"]) == 0
    finally:
        for handler in list(logging.getLogger("outreach.server").handlers):  # close the log file cli.main opened
            handler.close()
            logging.getLogger("outreach.server").removeHandler(handler)
    row = _entry(office, "1.001776")
    assert (row["short_name"], row["channels"], str(row["repealed_from"])) == ("Trợ cấp xã hội", {"counter": {"days": 15}}, "2027-01-01")
    lines = [json.loads(line) for line in log_file.read_text(encoding="utf-8").splitlines()]
    logged = [(e["by"], e["action"], e["code"], e["fields"]) for e in lines if e.get("event") == "catalogue_change"]
    assert logged == [("Lê Thị Hoa", "edit", "1.001776", ["channels", "short_name"]),
                      ("Lê Thị Hoa", "retire", "1.001776", ["repealed_from"])]
    assert cli.main(["--db", url, "catalogue", "edit", "1.001776", "--set", "online_level=fast"]) == 1
    assert "online_level" in capsys.readouterr().err


def test_an_xlsx_with_a_title_line_imports(office: ServerDb, tmp_path: Path) -> None:
    from openpyxl import Workbook

    from tests.helpers.xlsx import active_sheet

    book = Workbook()
    sheet = active_sheet(book)
    sheet.append(["Danh mục thủ tục của phường (cập nhật 12/2026)"])  # offices put a title above the header
    sheet.append(["code", "name_vi", "field_vi", "online_level", "counter_days", "counter_fee_vnd", "any_commune"])
    sheet.append(["2.000815", "Chứng thực bản sao từ bản chính", "Chứng thực", "counter", 1, 2000, "x"])
    path = tmp_path / "catalogue.xlsx"
    book.save(path)
    assert catalogue_office.import_catalogue(office, path, by="test").added == 1
    row = _entry(office, "2.000815")
    assert (row["channels"], row["any_commune"], row["active"]) == ({"counter": {"days": 1, "fee_vnd": 2000}}, True, True)


def test_an_unreadable_file_is_refused_with_its_reason(office: ServerDb, tmp_path: Path) -> None:
    path = tmp_path / "records.json"
    path.write_text('[{"code": "1.001193", "executionMethods": "ONLINE"}, {"name": "không mã"}]', encoding="utf-8")
    with pytest.raises(catalogue_office.CatalogueRefused) as refused:
        catalogue_office.import_catalogue(office, path, by="test")
    assert [(r.row, r.code) for r in refused.value.rows] == [("record 1", "1.001193"), ("record 2", "")]
    assert catalogue_office.list_catalogue(office) == []


def test_an_upgraded_server_fills_only_the_new_fields_it_never_had(office: ServerDb) -> None:
    """A server from before s0005c holds 2.000986 and 1.001193 without the new fields; the office
    has since set 1.001193's channels itself. Publishing the bundled catalogue fills the gaps only."""
    from sqlalchemy import update

    from outreach.model import Procedure
    from outreach.model.base import table_of
    from outreach.server import admin

    admin.seed_catalogue(office)
    catalogue_office.edit_procedure(office, "1.001193", {"channels": {"counter": {"days": 3}}}, by="office")
    table = table_of(Procedure)
    with office.write() as conn:  # as s0005c leaves an old row: the new columns empty
        conn.execute(update(table).where(table.c.id == "2.000986").values(repealed_from=None, replaced_by=None, effective_from=None))
        conn.execute(update(table).where(table.c.id == "1.001193").values(formality_id=None))
    assert admin.seed_catalogue(office) == 2
    repealed, birth = _entry(office, "2.000986"), _entry(office, "1.001193")
    assert (str(repealed["repealed_from"]), repealed["replaced_by"]) == ("2026-09-08", "3.000722")
    assert birth["formality_id"] == "019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7"
    assert birth["channels"] == {"counter": {"days": 3}}  # the office's edit stays
    assert admin.seed_catalogue(office) == 0
