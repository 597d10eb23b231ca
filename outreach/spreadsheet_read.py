"""Read a residential-group leader's spreadsheet (XLSX or CSV) into plain rows of text.

The files come from many hands: Excel workbooks with a title line above the header, CSVs saved
by Excel as UTF-8 (with BOM), as "Unicode text" (UTF-16, tab-separated), or in the Windows
Vietnamese code page (CP1258, which also decomposes tone marks), and old files typed with the
TCVN3 (ABC) fonts. We detect what can be decoded with certainty, normalise to NFC, and refuse the
rest with a message that tells the leader how to re-save the file — never import mojibake.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from outreach.errors import OutreachError

MAX_ROWS = 50_000
HEADER_SCAN_ROWS = 10
#: The most a workbook may expand to (the sizes its zip directory declares, which the zip reader
#: holds each member to): a 50,000-row sheet is a few tens of MB of XML; a zip bomb of a few KB
#: declaring hundreds of MB is refused before anything is read.
MAX_XLSX_UNCOMPRESSED_BYTES = 200_000_000

# Letters that only Vietnamese text has (after NFC): their presence tells a correct decoding.
_VIETNAMESE = set("ăâđêôơưĂÂĐÊÔƠƯ") | {
    ch for ch in unicodedata.normalize("NFC", "".join(
        base + mark for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY" for mark in "\u0300\u0301\u0303\u0309\u0323"
    ))
}
# Characters TCVN3 (ABC) text shows when read as a Windows code page: its letters live at
# byte values that Windows maps to symbols (¨ © ª « ¬ ® µ ¸ ¹ ¼ ½ ¾ Æ Ç …).
_TCVN3_MARKERS = set("¨©ª«¬®µ¸¹º»¼½¾ÆÇÈÊËÌÍÎÏÑÒÓÔÕÖ×ØÙÚÛÜÝÞßçèéêëìíîïñòóôõö÷øùúûüýþ")
_ODD_SYMBOLS = set("€‚ƒ„…†‡ˆ‰‹Œ‘’“”•–—˜™›œŸ¤¦§¯°±²³´¶·¹")


class SpreadsheetError(OutreachError):
    """The file cannot be read as a table; nothing was imported."""

    code = "import_unreadable"
    #: how many sheet rows were read before the file was refused (for a too-large file)
    rows_read: int | None = None


def _too_many_rows(count_vi: str, count_en: str) -> SpreadsheetError:
    return SpreadsheetError(
        f"Tệp có {count_vi} dòng, quá giới hạn {MAX_ROWS} dòng một lần nhập; hãy chia nhỏ tệp.",
        f"The file has {count_en} rows, over the limit of {MAX_ROWS} per import; split the file.",
        code="import_too_large",
    )


@dataclass(frozen=True)
class RawTable:
    """The header and data rows of a sheet, as text; ``row_numbers`` are the spreadsheet's own
    (1-based, counting the title and header lines) so reports point at the row the leader sees."""

    headers: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    encoding: str = ""
    notices: list[str] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value)).strip()


def _pick_header(rows: list[list[str]], looks_like_header: Callable[[list[str]], int]) -> int:
    """Index of the header row: the first of the opening rows that names ≥ 2 known columns,
    else the first non-empty row (leaders often put a title line above the header)."""
    best = None
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if looks_like_header(row) >= 2:
            return i
        if best is None and sum(1 for c in row if c) >= 2:
            best = i
    return best if best is not None else 0


def _table(all_rows: list[list[str]], looks_like_header: Callable[[list[str]], int], encoding: str, notices: list[str]) -> RawTable:
    if not any(any(c for c in r) for r in all_rows):
        raise SpreadsheetError("Tệp không có dữ liệu.", "The file has no data.", code="import_empty")
    h = _pick_header(all_rows, looks_like_header)
    headers = all_rows[h]
    width = max(len(headers), *(len(r) for r in all_rows[h + 1 :])) if len(all_rows) > h + 1 else len(headers)
    headers = headers + [""] * (width - len(headers))
    rows: list[list[str]] = []
    numbers: list[int] = []
    for i, row in enumerate(all_rows[h + 1 :], start=h + 2):
        if not any(row):
            continue
        rows.append(row + [""] * (width - len(row)))
        numbers.append(i)
    if len(rows) > MAX_ROWS:
        raise _too_many_rows(str(len(rows)), str(len(rows)))
    return RawTable([c.strip() for c in headers], rows, numbers, encoding, notices)


def _unreadable_xlsx(path: Path) -> SpreadsheetError:
    return SpreadsheetError(
        f"Không đọc được tệp Excel {path.name}: tệp hỏng hoặc không phải .xlsx (tệp .xls cũ hãy lưu lại dạng .xlsx).",
        f"Cannot read the Excel file {path.name}: damaged or not .xlsx (save an old .xls as .xlsx).",
    )


def _check_expanded_size(path: Path) -> None:
    """Refuse a workbook whose parts would expand past ``MAX_XLSX_UNCOMPRESSED_BYTES`` (a zip
    bomb: a 15 MB file was read whole, 838 MB and 191 s, before the row limit refused it), and a
    file that is not a zip at all (a renamed .xls or text file), with the same clear message."""
    try:
        with zipfile.ZipFile(path) as archive:
            declared = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise _unreadable_xlsx(path) from exc
    if declared > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise SpreadsheetError(
            f"Tệp Excel {path.name} khi giải nén quá lớn ({declared // 1_000_000} MB, tối đa "
            f"{MAX_XLSX_UNCOMPRESSED_BYTES // 1_000_000} MB); hãy chia nhỏ tệp hoặc lưu lại dạng CSV.",
            f"The Excel file {path.name} expands to too much data ({declared // 1_000_000} MB, at most "
            f"{MAX_XLSX_UNCOMPRESSED_BYTES // 1_000_000} MB); split it or save it as CSV.",
            code="import_too_large",
        )


def read_xlsx(path: Path, looks_like_header: Callable[[list[str]], int], sheet: str | None = None) -> RawTable:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _check_expanded_size(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise _unreadable_xlsx(path) from exc
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise SpreadsheetError(f"Không có trang tính “{sheet}” trong tệp.", f"The workbook has no sheet “{sheet}”.")
        ws = wb[sheet] if sheet else wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        try:
            all_rows = _stream_rows(rows)
        finally:
            # a read stopped early (too many rows) leaves the sheet's generator holding its open
            # XML part: close it here, or the garbage collector closes it later with a
            # ResourceWarning in whatever runs then
            close = getattr(rows, "close", None)
            if close is not None:
                close()
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError) as exc:  # a part damaged inside the zip
        raise _unreadable_xlsx(path) from exc
    finally:
        wb.close()
    return _table(all_rows, looks_like_header, "xlsx", [])


def _stream_rows(rows: Iterable[Iterable[Any]]) -> list[list[str]]:
    """The sheet's rows as text, read one at a time and refused as soon as there are more
    non-empty rows than an import takes (the limit plus the title and header lines), so a
    million-row sheet stops after the first 50,000 instead of being read whole."""
    out: list[list[str]] = []
    filled = 0
    for row in rows:
        cells = [_text(v) for v in row]
        out.append(cells)
        if any(cells):
            filled += 1
            if filled > MAX_ROWS + HEADER_SCAN_ROWS:
                error = _too_many_rows(f"hơn {MAX_ROWS}", f"more than {MAX_ROWS}")
                error.rows_read = len(out)
                raise error
    return out


def _score(text: str) -> tuple[int, int]:
    """(Vietnamese letters, odd symbols) in ``text``."""
    return sum(1 for ch in text if ch in _VIETNAMESE), sum(1 for ch in text if ch in _ODD_SYMBOLS)


def decode_text(data: bytes, name: str = "") -> tuple[str, str, list[str]]:
    """Decode a CSV's bytes: (text, encoding, notices). Raises ``SpreadsheetError`` with advice
    when the encoding cannot be told with confidence."""
    notices: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig", notices
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16", notices
    sample = data[:4000]
    if sample and sample.count(0) > len(sample) // 4:
        # UTF-16 without a BOM: ASCII characters have a zero byte beside them
        encoding = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(encoding), encoding, notices
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8", notices
    except UnicodeDecodeError:
        pass
    text = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    vietnamese, odd = _score(text)
    tcvn3 = sum(1 for ch in text if ch in _TCVN3_MARKERS)
    ascii_letters = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    if tcvn3 > vietnamese and ascii_letters > 2 * tcvn3:  # words of Latin letters with odd ones inside
        raise SpreadsheetError(
            f"Tệp {name} có vẻ được gõ bằng bảng mã TCVN3 (ABC) cũ. Hãy chuyển sang Unicode "
            "(ví dụ bằng Unikey Toolkit) rồi lưu lại dạng “CSV UTF-8”, hoặc gửi tệp .xlsx.",
            f"The file {name} looks like old TCVN3 (ABC) text. Convert it to Unicode (e.g. with "
            "Unikey Toolkit) and save it as “CSV UTF-8”, or send the .xlsx file.",
            code="import_encoding",
        )
    if vietnamese > 0 and odd * 20 <= vietnamese and "\ufffd" not in text:
        notices.append(
            "Tệp được lưu theo bảng mã Windows-1258 (tiếng Việt); đã chuyển sang Unicode. Hãy kiểm tra lại dấu ở bản xem trước."
        )
        return text, "cp1258", notices
    raise SpreadsheetError(
        f"Không nhận ra bảng mã của tệp {name}: tệp không phải UTF-8. Trong Excel hãy chọn "
        "Lưu thành → “CSV UTF-8 (phân tách bằng dấu phẩy)”, hoặc gửi tệp .xlsx.",
        f"Cannot tell the encoding of {name}: it is not UTF-8. In Excel use Save As → "
        "“CSV UTF-8 (Comma delimited)”, or send the .xlsx file.",
        code="import_encoding",
    )


def read_csv(path: Path, looks_like_header: Callable[[list[str]], int]) -> RawTable:
    text, encoding, notices = decode_text(path.read_bytes(), path.name)
    sample = text[:8000]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    all_rows = [[_text(c) for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    return _table(all_rows, looks_like_header, encoding, notices)


def read_spreadsheet(path: Path, looks_like_header: Callable[[list[str]], int] = lambda row: 0, sheet: str | None = None) -> RawTable:
    """The table in ``path`` (.xlsx/.xlsm, or .csv/.txt)."""
    if not path.exists():
        raise SpreadsheetError(f"Không tìm thấy tệp {path}.", f"File not found: {path}.", code="not_found")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, looks_like_header, sheet)
    if suffix in (".csv", ".txt", ".tsv"):
        return read_csv(path, looks_like_header)
    raise SpreadsheetError(
        f"Chỉ nhập được tệp .xlsx hoặc .csv (tệp đã chọn: {path.name}).",
        f"Only .xlsx or .csv files can be imported (chosen: {path.name}).",
        code="unsupported_format",
    )


def first_number(text: str) -> str | None:
    m = re.search(r"\d+", text)
    return str(int(m.group())) if m else None


__all__ = ["MAX_ROWS", "RawTable", "SpreadsheetError", "decode_text", "first_number", "read_spreadsheet"]
