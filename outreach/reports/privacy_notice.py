"""The one-page privacy notice handed to a resident (issue 14): what the ward keeps, why, how
long, the person's rights and whom to ask. In Vietnamese, like every document for a resident.

Its numbers come from the rules in data (``resources/privacy.json`` via ``privacy_rules``): the
response deadline of each right and the retention period, so the notice never disagrees with
what the office's register computes. ``notice_story`` is also the receipt's second page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from outreach.labels import EXPORT_LANGUAGE, label
from outreach.privacy_rules import PrivacyRules, privacy_rules
from outreach.reports.pdf_common import FONT, numbered_canvas, styles, write_atomically
from outreach.vocabulary import DataRight

MARGIN = 10 * mm
TITLE = "THÔNG BÁO VỀ XỬ LÝ DỮ LIỆU CÁ NHÂN"
KEPT = ("Họ và tên, ngày sinh, giới tính, số định danh cá nhân (hoặc số CMND cũ), số điện thoại, địa chỉ in trên thẻ căn cước, "
        "quan hệ với chủ hộ, mức định danh điện tử VNeID; các lần đội đến thăm và các hồ sơ dịch vụ công đã được hỗ trợ.")
NEVER_KEPT = "Không lưu ảnh thẻ căn cước, mật khẩu VNeID hay mã OTP. Đội hỗ trợ không bao giờ hỏi mật khẩu hay mã OTP."
PURPOSE = ("Hỗ trợ người dân thực hiện dịch vụ công trực tuyến tại nhà, theo dõi hồ sơ đến khi có kết quả, "
           "hẹn quay lại khi cần, và thống kê chung của phường (không nêu tên).")
LEGAL_BASIS = "Căn cứ Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định số 356/2025/NĐ-CP."


def notice_story(ward_name: str, *, team_name: str = "", team_phone: str = "", rules: PrivacyRules | None = None,
                 ward_code: str = "") -> list[Any]:
    """The notice's flowables (one A5 page)."""
    rules = rules or privacy_rules()
    st = styles()
    retention = rules.retention(ward_code)
    rights = [
        f"• <b>{label(right, EXPORT_LANGUAGE, of=DataRight)}</b>: trả lời trong {rules.respond_working_days[right]} ngày làm việc"
        for right in DataRight
    ]
    contact = f"{rules.office_who}. {rules.office_how}."
    if team_name:
        contact += f" Đội hỗ trợ: {team_name}" + (f", điện thoại {team_phone}" if team_phone else "") + "."
    return [
        Paragraph(TITLE, st.h2),
        Paragraph(ward_name, st.body),
        Spacer(1, 1.5 * mm),
        Paragraph("<b>1. Dữ liệu được lưu</b>", st.cell),
        Paragraph(KEPT + " " + NEVER_KEPT, st.small),
        Paragraph("<b>2. Mục đích</b>", st.cell),
        Paragraph(PURPOSE + " Dữ liệu chỉ được lưu khi bạn đồng ý, và bạn có thể rút lại sự đồng ý bất cứ lúc nào.", st.small),
        Paragraph("<b>3. Thời gian lưu</b>", st.cell),
        Paragraph(f"{rules.kept_for} Dữ liệu cá nhân của người không được đội thăm, hỗ trợ trong "
                  f"{retention.inactive_resident_years} năm sẽ được xoá; các lần thăm cũ hơn {retention.visit_detail_years} năm "
                  "chỉ còn số liệu thống kê.", st.small),
        Paragraph("<b>4. Quyền của bạn</b>", st.cell),
        Paragraph(f"Phường xác nhận đã tiếp nhận yêu cầu trong {rules.acknowledge_working_days} ngày làm việc, rồi giải quyết:", st.small),
        *[Paragraph(line, st.small) for line in rights],
        Paragraph("<b>5. Hỏi ở đâu</b>", st.cell),
        Paragraph(contact, st.small),
        Spacer(1, 1.5 * mm),
        Paragraph(LEGAL_BASIS, st.small),
    ]


def write_privacy_notice_pdf(path: Path, ward_name: str, *, team_name: str = "", team_phone: str = "",
                             rules: PrivacyRules | None = None, ward_code: str = "") -> Path:
    """The notice alone, one A5 page (to print beside the receipt or hand out)."""
    story = notice_story(ward_name, team_name=team_name, team_phone=team_phone, rules=rules, ward_code=ward_code)

    def furniture(canvas: Any, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.drawRightString(A5[0] - MARGIN, 6 * mm, f"Trang {page}/{total}")
        canvas.restoreState()

    def build(target: Path) -> None:
        doc = SimpleDocTemplate(str(target), pagesize=A5, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=9 * mm,
                                bottomMargin=11 * mm, title="Thông báo về xử lý dữ liệu cá nhân", author="Outreach")
        doc.build(story, canvasmaker=numbered_canvas(furniture))

    return write_atomically(path, build)
