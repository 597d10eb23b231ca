"""Vietnamese words for stored codes (outcomes, online levels, priority flags, filing statuses).

Exports go to the ward office and are always in Vietnamese; the app's own screens translate the
same codes through Qt's translation files.
"""

from __future__ import annotations

OUTCOME_VI = {
    "helped": "Đã hỗ trợ",
    "guided": "Đã hướng dẫn",
    "not_home": "Vắng nhà",
    "refused": "Từ chối",
    "revisit_needed": "Cần quay lại",
}

LEVEL_VI = {
    "full": "Toàn trình",
    "partial": "Một phần",
    "counter": "Trực tiếp (hướng dẫn)",
    "unknown": "Không rõ",
}

PRIORITY_VI = {
    "elderly_alone": "Người cao tuổi sống một mình",
    "disabled": "Người khuyết tật",
    "policy_family": "Gia đình chính sách",
    "poor_household": "Hộ nghèo",
}

FILING_STATUS_VI = {
    "prepared": "Đã chuẩn bị",
    "submitted": "Đã nộp",
    "guided_only": "Chỉ hướng dẫn",
    "returned": "Bị trả lại, cần bổ sung",
    "completed": "Đã có kết quả",
    "rejected": "Bị từ chối",
}

PORTAL_VI = {
    "dvcqg": "Cổng Dịch vụ công quốc gia",
    "vneid": "Ứng dụng VNeID",
    "bhxh": "Cổng BHXH Việt Nam",
    "other": "Khác",
}
