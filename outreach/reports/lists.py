"""Lists with personal data (the follow-up list with names and phones, the reach lists) written
to a file.

Only ever called with rows from ``coverage.export_follow_up_contacts`` or
``reach_lists.export_reach_list``, which checked the leader role and wrote the audit event
before handing the rows over.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from outreach.errors import OutreachError
from outreach.labels import DEFAULT_LANGUAGE, label, name_text
from outreach.reports.csv_export import write_rows_csv
from outreach.reports.xlsx_rows import write_rows_xlsx
from outreach.services.coverage import FollowUpContact
from outreach.services.reach_lists import ReachRow
from outreach.timeutil import format_date_vn
from outreach.vocabulary import FollowUpKind, Outcome, ReachList

FOLLOW_UP_HEADERS = [
    "Ngày hẹn",
    "Tình trạng",
    "Chủ hộ",
    "Địa chỉ",
    "Điện thoại",
    "Tổ dân phố",
    "Người thăm",
    "Kết quả lần thăm",
    "Ngày thăm",
]


def write_follow_up_list(rows: Sequence[FollowUpContact], path: Path, language: str = DEFAULT_LANGUAGE, *,
                         password: str | None = None) -> Path:
    """Write the list to .xlsx or .csv; its states and outcomes are labelled in ``language``.
    With ``password`` (the leader typed one) the workbook is encrypted; a CSV cannot be."""
    if password is not None:
        check_protectable(path)
    table = [
        [format_date_vn(r.follow_up_date), label(FollowUpKind.OVERDUE if r.overdue else FollowUpKind.DUE, language), r.head_name, r.address,
         r.phone, name_text(r.group_name, language), name_text(r.volunteer_name, language),
         label(r.outcome, language, of=Outcome), format_date_vn(r.visited_on)]
        for r in rows
    ]
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return write_rows_xlsx(path, "Hẹn quay lại", FOLLOW_UP_HEADERS, table, password=password)
    if suffix == ".csv":
        return write_rows_csv(path, FOLLOW_UP_HEADERS, table)
    raise OutreachError(
        "Danh sách hẹn chỉ xuất ra .xlsx hoặc .csv.", "The follow-up list exports to .xlsx or .csv only.", code="unsupported_format"
    )


REACH_HEADERS = ["Danh sách", "Họ và tên", "Ngày sinh", "Ngày cần lưu ý", "Chủ hộ", "Địa chỉ", "Tổ dân phố"]


def write_reach_list(rows: Sequence[ReachRow], path: Path, language: str = DEFAULT_LANGUAGE) -> Path:
    """Write a reach list to .xlsx or .csv (its list named in ``language``)."""
    table = [
        [label(r.list_code, language, of=ReachList), r.name, format_date_vn(r.date_of_birth), format_date_vn(r.key_date),
         r.head_name, r.address_line, r.group_name]
        for r in rows
    ]
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return write_rows_xlsx(path, "Danh sách cần tiếp cận", REACH_HEADERS, table)
    if suffix == ".csv":
        return write_rows_csv(path, REACH_HEADERS, table)
    raise OutreachError(
        "Danh sách chỉ xuất ra .xlsx hoặc .csv.", "A list exports to .xlsx or .csv only.", code="unsupported_format"
    )


def check_protectable(path: Path) -> None:
    """Only a workbook can carry a password: refuse a protected CSV before anything is written."""
    if path.suffix.lower() != ".xlsx":
        raise OutreachError("Chỉ tệp Excel (.xlsx) mới đặt được mật khẩu.", "Only an Excel file (.xlsx) can be protected with a password.",
                            code="unsupported_format")
