"""The privacy notice and the access export, read back (pdftotext, openpyxl) (issue 14)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from outreach.commands.cli import main as outreach_main
from outreach.labels import label
from outreach.model import Filing, Household, Resident, TeamMember, Visit
from outreach.privacy_rules import privacy_rules
from outreach.reports.privacy_notice import write_privacy_notice_pdf
from outreach.server import admin, audit_trail, data_requests
from outreach.server.db import open_db
from outreach.vocabulary import AuditAction, AuditActorKind, DataRight, RecordKind

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
                                     reason="poppler-utils (pdftotext, pdfinfo) not installed")


def _pdf_text(path: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout.split())


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@needs_pdftotext
def test_the_privacy_notice_is_one_page_with_the_rules_numbers(tmp_path: Path) -> None:
    path = write_privacy_notice_pdf(tmp_path / "thong-bao.pdf", "Phường Ngọc Hà", team_name="Đội cơ động số 1", team_phone="0243 123 456")
    assert _pages(path) == 1
    words = _pdf_text(path)
    rules = privacy_rules()
    for expected in ("THÔNG BÁO VỀ XỬ LÝ DỮ LIỆU CÁ NHÂN", "Phường Ngọc Hà", "Dữ liệu được lưu", "số định danh cá nhân", "Mục đích",
                     "Thời gian lưu", f"trong {rules.retention_default.inactive_resident_years} năm", "Quyền của bạn",
                     f"trong {rules.acknowledge_working_days} ngày làm việc", "Hỏi ở đâu", "Đội cơ động số 1", "0243 123 456",
                     "Không lưu ảnh thẻ căn cước", "91/2025/QH15", "356/2025/NĐ-CP"):
        assert expected in words, expected
    for right in DataRight:
        assert f"{label(right, 'vi', of=DataRight)}: trả lời trong {rules.respond_working_days[right]} ngày làm việc" in words


@needs_pdftotext
def test_the_access_export_holds_everything_about_one_person(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    db = open_db(url)
    try:
        admin.seed_catalogue(db)
        ward = admin.add_ward(db, "Phường Ngọc Hà", "00004")
        group = admin.add_group(db, ward, "Tổ dân phố số 3")
        team = admin.add_team(db, ward, "Đội cơ động số 1")
        admin.office_write(db, TeamMember, "m-huy", {"ward_id": ward, "team_id": team, "full_name": "Phạm Quang Huy", "role": "volunteer"},
                           ward, create=True)
        admin.office_write(db, Household, "h-1", {"ward_id": ward, "group_id": group, "head_name": "Trần Văn Bình",
                                                  "address": {"house_number": "12", "lane": "34", "street": "Đội Cấn"},
                                                  "phone": "0912000111", "elderly_alone": True}, ward, create=True)
        admin.office_write(db, Resident, "r-1", {"ward_id": ward, "household_id": "h-1", "full_name": "Trần Thị Hoa",
                                                 "date_of_birth": dt.date(1951, 4, 5), "sex": "Nữ", "personal_id": "001151000777",
                                                 "phone": "0912000222", "relation_to_head": "Vợ", "vneid_level": 2,
                                                 "consent_given_at": dt.datetime(2026, 10, 1, 9, 30),
                                                 "consent_detail": {"recorded_by": "m-huy", "purpose": "Hỗ trợ dịch vụ công"}},
                           ward, create=True)
        admin.office_write(db, Visit, "v-1", {"ward_id": ward, "household_id": "h-1", "team_id": team, "volunteer_id": "m-huy",
                                              "started_at": dt.datetime(2026, 11, 16, 9, 0), "outcome": "helped"}, ward, create=True)
        admin.office_write(db, Filing, "f-1", {"ward_id": ward, "visit_id": "v-1", "resident_id": "r-1", "procedure_code": "1.001193",
                                               "status": "submitted", "channel": "online",
                                               "dossier": {"portal": "dvcqg", "dossier_code": "H01.12-261116-0001"}}, ward, create=True)
        with db.write() as conn:
            audit_trail.record(conn, actor_kind=AuditActorKind.MEMBER, actor_id="m-huy", action=AuditAction.VIEW_PERSONAL_DATA,
                               ward_id=ward, target_kind=RecordKind.HOUSEHOLD, target_id="h-1", device_id="01a2-device-0001",
                               at=dt.datetime(2026, 11, 16, 2, 5))
        data_requests.add_request(db, ward, DataRight.ACCESS, "Trần Thị Hoa", resident_id="r-1", received_on=dt.date(2026, 11, 20))
    finally:
        db.dispose()

    assert outreach_main(["access-export", "--db", url, "--resident", "r-1", "--out-dir", str(tmp_path / "out"), "--by", "Cán bộ Lan"]) == 0
    pdf, xlsx = tmp_path / "out" / "du-lieu-ca-nhan-r-1.pdf", tmp_path / "out" / "du-lieu-ca-nhan-r-1.xlsx"
    words = _pdf_text(pdf)
    for expected in ("DỮ LIỆU CÁ NHÂN PHƯỜNG ĐANG LƯU VỀ BẠN", "Phường Ngọc Hà", "Trần Thị Hoa", "05/04/1951", "001151000777", "0912000222",
                     "Trần Văn Bình", "Số 12, ngõ 34", "Tổ dân phố số 3", "16/11/2026 09:00", "Đã hỗ trợ", "Phạm Quang Huy",
                     "Đăng ký khai sinh", "H01.12-261116-0001", "Nộp trực tuyến", "Lịch sử đồng ý", "01/10/2026 09:30",
                     "Hỗ trợ dịch vụ công", "Xem dữ liệu cá nhân", "16/11/2026 09:05", "Yêu cầu của bạn", "20/11/2026",
                     "Được biết, truy cập dữ liệu"):
        assert expected in words, expected
    book = load_workbook(xlsx)
    assert book.sheetnames[:2] == ["Thông tin cá nhân", "Hộ gia đình"]
    person = {row[0]: row[1] for row in book["Thông tin cá nhân"].iter_rows(min_row=2, values_only=True)}
    assert person["Họ và tên"] == "Trần Thị Hoa" and person["Số định danh cá nhân"] == "001151000777"
    accesses = list(book["Ai đã truy cập dữ liệu"].iter_rows(min_row=2, values_only=True))
    assert accesses[0][:3] == ("16/11/2026 09:05", "Xem dữ liệu cá nhân", "Phạm Quang Huy")
    # making the export is itself an access, recorded before the files were written
    db = open_db(url)
    try:
        with db.read() as conn:
            made = audit_trail.query(conn, resident_id="r-1", action=AuditAction.ACCESS_EXPORT, limit=5)
            assert conn.execute(text("SELECT count(*) FROM audit_events")).scalar_one() >= 2
    finally:
        db.dispose()
    assert [(m.actor_name, m.detail["files"], m.detail["password_protected"]) for m in made] == \
        [("Cán bộ Lan", [pdf.name, xlsx.name], False)]

    # protected with a password the office types: the workbook opens only with it, and the audit says so
    import io
    import zipfile

    import msoffcrypto
    import msoffcrypto.exceptions

    secret = tmp_path / "pw.txt"
    secret.write_text("mật-khẩu-phường-1\n", encoding="utf-8")
    assert outreach_main(["access-export", "--db", url, "--resident", "r-1", "--out-dir", str(tmp_path / "kin"), "--by", "Cán bộ Lan",
                          "--protect", "--password-file", str(secret)]) == 0
    sealed_path = tmp_path / "kin" / "du-lieu-ca-nhan-r-1.xlsx"
    with pytest.raises(zipfile.BadZipFile):
        load_workbook(sealed_path)
    with sealed_path.open("rb") as sealed:
        wrong = msoffcrypto.OfficeFile(sealed)
        wrong.load_key(password="sai-mat-khau")
        with pytest.raises(msoffcrypto.exceptions.InvalidKeyError):
            wrong.decrypt(io.BytesIO())
    plain = io.BytesIO()
    with sealed_path.open("rb") as sealed:
        opened = msoffcrypto.OfficeFile(sealed)
        opened.load_key(password="mật-khẩu-phường-1")
        opened.decrypt(plain)
    opened_book = load_workbook(plain)
    opened_person = {row[0]: row[1] for row in opened_book["Thông tin cá nhân"].iter_rows(min_row=2, values_only=True)}
    assert opened_person["Họ và tên"] == "Trần Thị Hoa"
    db = open_db(url)
    try:
        with db.read() as conn:
            made = audit_trail.query(conn, resident_id="r-1", action=AuditAction.ACCESS_EXPORT, limit=5)
    finally:
        db.dispose()
    assert sorted(m.detail["password_protected"] for m in made) == [False, True]
