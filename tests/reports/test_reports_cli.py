"""``outreach export …`` and ``outreach import households`` run as real processes on a demo ward."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from outreach.timeutil import iso_week_of, today_local
from tests.helpers.xlsx import active_sheet

from .test_qr_materials import decode_qr_codes


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "outreach.commands.cli", *args],
        capture_output=True, text=True, timeout=300, env={**os.environ, "OUTREACH_LANG": "vi", **(env or {})},
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("cli") / "demo"
    made = run("--data-dir", str(data_dir), "demo-data", "--households", "80", "--seed", "3")
    assert made.returncode == 0, made.stderr
    return data_dir


def test_export_coverage_in_each_format(demo: Path, tmp_path: Path) -> None:
    week = iso_week_of(today_local())
    for fmt in ("xlsx", "csv", "pdf"):
        out = tmp_path / f"bao-cao.{fmt}"
        result = run("--data-dir", str(demo), "export", "coverage", "--period", week, "--format", fmt, "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert out.exists() and "Đã xuất báo cáo" in result.stdout
    assert load_workbook(tmp_path / "bao-cao.xlsx")["Tổng quan"]["A1"].value == "Tổng quan"
    assert (tmp_path / "bao-cao.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "Phường" in PdfReader(tmp_path / "bao-cao.pdf").pages[0].extract_text()

    month = run("--data-dir", str(demo), "export", "coverage", "--period", "2026-11", "--scope", "ward", "-o", str(tmp_path / "m.pdf"))
    assert month.returncode == 0, month.stderr


def test_bad_period_or_scope_is_one_line_and_exit_1(demo: Path, tmp_path: Path) -> None:
    bad = run("--data-dir", str(demo), "export", "coverage", "--period", "tuần trước", "-o", str(tmp_path / "x.xlsx"))
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and "2026-W47" in bad.stderr
    missing = run(
        "--data-dir", str(demo), "export", "coverage", "--period", "2026-W47", "--scope", "team:khong-co", "-o", str(tmp_path / "x.xlsx")
    )
    assert missing.returncode == 1 and "Không tìm thấy phạm vi" in missing.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_leaflet_and_receipt(demo: Path, tmp_path: Path) -> None:
    leaflet = run("--data-dir", str(demo), "export", "leaflet", "-o", str(tmp_path / "to-roi.pdf"))
    assert leaflet.returncode == 0, leaflet.stderr
    assert "Mã TTHC" in PdfReader(tmp_path / "to-roi.pdf").pages[0].extract_text() and "(25 thủ tục)" in leaflet.stdout
    if shutil.which("pdftoppm") and shutil.which("zbarimg"):  # the demo ward's 25 essential procedures, each its own QR
        decoded = decode_qr_codes(tmp_path / "to-roi.pdf", tmp_path)
        assert len(decoded) == 26 and len(set(decoded)) == 26 and "https://dichvucong.gov.vn/tra-cuu-ho-so" in decoded
    missing = run("--data-dir", str(demo), "export", "receipt", "khong-co", "-o", str(tmp_path / "p.pdf"))
    assert missing.returncode == 1 and "Không tìm thấy lần thăm" in missing.stderr


def test_follow_up_list_needs_a_leader(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "hen.xlsx"
    ok = run("--data-dir", str(demo), "export", "follow-ups", "-o", str(out))
    assert ok.returncode == 0, ok.stderr
    assert active_sheet(out)["C1"].value == "Chủ hộ"
    profile = demo / "profile.json"
    data = json.loads(profile.read_text(encoding="utf-8"))
    try:
        profile.write_text(json.dumps({**data, "role": "volunteer"}), encoding="utf-8")
        refused = run("--data-dir", str(demo), "export", "follow-ups", "-o", str(tmp_path / "hen2.xlsx"))
        assert refused.returncode == 1 and "Chỉ đội trưởng" in refused.stderr
        assert not (tmp_path / "hen2.xlsx").exists()
    finally:
        profile.write_text(json.dumps(data), encoding="utf-8")


def test_import_households(demo: Path, tmp_path: Path) -> None:
    good = tmp_path / "to.csv"
    good.write_text("Tổ dân phố,Họ tên chủ hộ,Số nhà,Đường/Phố\nTổ dân phố số 1,Đinh Văn Lực,901,Phố Mới\n", encoding="utf-8-sig")
    report = tmp_path / "tu-choi.csv"
    dry = run("--data-dir", str(demo), "import", "households", str(good), "--dry-run")
    assert dry.returncode == 0 and "1 hợp lệ" in dry.stdout
    done = run("--data-dir", str(demo), "import", "households", str(good), "--rejected-report", str(report))
    assert done.returncode == 0, done.stderr
    assert "Đã nhập 1 hộ" in done.stdout
    again = run("--data-dir", str(demo), "import", "households", str(good))
    assert again.returncode == 0 and "bỏ qua 1" in again.stdout

    bad = tmp_path / "loi.csv"
    bad.write_text("Tổ dân phố,Họ tên chủ hộ,Số nhà,Đường/Phố\nTổ 99,,1,Phố Mới\n", encoding="utf-8")
    refused = run("--data-dir", str(demo), "import", "households", str(bad), "--rejected-report", str(report))
    assert refused.returncode == 1 and "chưa có hộ nào được thêm" in refused.stderr
    assert "dòng 2" in refused.stderr
    assert "Tổ 99" in report.read_text(encoding="utf-8-sig")


def test_import_one_stop_register(demo: Path, tmp_path: Path) -> None:
    """``outreach import one-stop``: a good export is imported for its period; one bad row refuses
    the file with the row's reason and imports nothing (exit 1)."""
    header = "Mã hồ sơ,Thủ tục,Ngày tiếp nhận,Hình thức nộp\n"
    good = tmp_path / "mot-cua.csv"
    good.write_text(header + "H01.1-CLI1,1.001193,02/11/2026,Trực tuyến\nH01.1-CLI2,1.004222,03/11/2026,Trực tiếp\n", encoding="utf-8")
    done = run("--data-dir", str(demo), "import", "one-stop", str(good), "--from", "01/11/2026", "--to", "2026-11-30")
    assert done.returncode == 0, done.stderr
    assert "Đã nhập 2 hồ sơ (1 trực tuyến)" in done.stdout and "01/11/2026 – 30/11/2026" in done.stdout
    bad = tmp_path / "sai.csv"
    bad.write_text(header + "H01.1-CLI3,1.001193,02/12/2026,Trực tuyến\n", encoding="utf-8")
    refused = run("--data-dir", str(demo), "import", "one-stop", str(bad), "--from", "01/11/2026", "--to", "30/11/2026")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "Không nhập gì: 1 dòng" in refused.stderr and "dòng 2: ngày 02/12/2026 ngoài kỳ nhập" in refused.stderr


def test_follow_up_list_protected_with_a_password_reads_back_only_with_it(demo: Path, tmp_path: Path) -> None:
    import io
    import zipfile

    import msoffcrypto
    import msoffcrypto.exceptions

    from outreach.services.audit import EXPORT_PERSONAL_DATA, entries
    from outreach.store.database import open_store
    from outreach.store.profile import Profile

    out, secret = tmp_path / "hen-mat-khau.xlsx", tmp_path / "pw.txt"
    secret.write_text("mật-khẩu-đội-1\n", encoding="utf-8")
    done = run("--data-dir", str(demo), "export", "follow-ups", "-o", str(out), "--protect", "--password-file", str(secret))
    assert done.returncode == 0, done.stderr
    assert "có mật khẩu" in done.stdout

    with pytest.raises(zipfile.BadZipFile):  # not a workbook without the password
        load_workbook(out)
    with out.open("rb") as sealed:
        wrong = msoffcrypto.OfficeFile(sealed)
        wrong.load_key(password="sai-mat-khau")
        with pytest.raises(msoffcrypto.exceptions.InvalidKeyError):
            wrong.decrypt(io.BytesIO())
    plain = io.BytesIO()
    with out.open("rb") as sealed:
        opened = msoffcrypto.OfficeFile(sealed)
        opened.load_key(password="mật-khẩu-đội-1")
        opened.decrypt(plain)
    sheet = load_workbook(plain).active
    assert sheet is not None and sheet["C1"].value == "Chủ hộ" and sheet.max_row > 1

    profile = Profile.load(demo)
    assert profile is not None
    store = open_store(profile, create=False)
    try:
        exports = [e for e in entries(store) if e.action == EXPORT_PERSONAL_DATA and e.detail["destination"] == str(out)]
    finally:
        store.close()
    assert len(exports) == 1 and exports[0].detail["password_protected"] is True

    csv = run("--data-dir", str(demo), "export", "follow-ups", "-o", str(tmp_path / "hen.csv"), "--protect", "--password-file", str(secret))
    assert csv.returncode == 1 and "Chỉ tệp Excel" in csv.stderr and not (tmp_path / "hen.csv").exists()
    secret.write_text("ngắn\n", encoding="utf-8")
    short = run("--data-dir", str(demo), "export", "follow-ups", "-o", str(tmp_path / "h2.xlsx"), "--protect",
                "--password-file", str(secret))
    assert short.returncode == 1 and "ít nhất 8" in short.stderr and not (tmp_path / "h2.xlsx").exists()
