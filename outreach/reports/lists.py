"""Lists with personal data (the follow-up list with names and phones) written to a file.

Only ever called with rows from ``coverage.export_follow_up_contacts``, which checked the
leader role and wrote the audit event before handing the rows over.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from outreach.errors import OutreachError
from outreach.reports.csv_export import write_rows_csv
from outreach.reports.labels import OUTCOME_VI
from outreach.reports.xlsx_rows import write_rows_xlsx
from outreach.services.coverage import FollowUpContact
from outreach.timeutil import format_date_vn

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


def write_follow_up_list(rows: Sequence[FollowUpContact], path: Path) -> Path:
    table = [
        [
            format_date_vn(r.follow_up_date),
            "Quá hạn" if r.overdue else "Đến hạn",
            r.head_name,
            r.address,
            r.phone,
            r.group_name,
            r.volunteer_name,
            OUTCOME_VI.get(r.outcome, r.outcome),
            format_date_vn(r.visited_on),
        ]
        for r in rows
    ]
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return write_rows_xlsx(path, "Hẹn quay lại", FOLLOW_UP_HEADERS, table)
    if suffix == ".csv":
        return write_rows_csv(path, FOLLOW_UP_HEADERS, table)
    raise OutreachError(
        "Danh sách hẹn chỉ xuất ra .xlsx hoặc .csv.", "The follow-up list exports to .xlsx or .csv only.", code="unsupported_format"
    )
