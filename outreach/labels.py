"""The words for every code of ``outreach.vocabulary``, in Vietnamese and English: one source.

The screens (through ``outreach.ui.core.labels``) and the exporters (``outreach.reports``) both
read these, so a status reads the same on the laptop and in the spreadsheet the ward office gets.
Before, the screens went through Qt Linguist and the exports had their own Vietnamese table, and
the two had drifted apart. Where they differed, one wording was chosen:

- ``not_home``: "Vắng nhà" (the exports' word, the usual term; the screens said "Không có nhà").
- ``prepared``: "Đã chuẩn bị giấy tờ" (the screens'; the exports said only "Đã chuẩn bị").
- ``returned``: "Bị trả lại, cần bổ sung" (the exports'; "trả lại hồ sơ" is the office's term).
- ``bhxh``: "Bảo hiểm xã hội (VssID)" (the screens'; it names the app residents actually use).
- ``counter``: "Trực tiếp tại quầy" (DOMAIN.md: "counter" = not online; the screens said "Tại
  quầy", the exports "Trực tiếp (hướng dẫn)", whose "(hướng dẫn)" described the team's help, not
  the level).
- priority flags: the exports' full nouns ("Người khuyết tật"), capitalised, in lists too.

A base module: no Qt, imports only other base modules.
"""

from __future__ import annotations

from enum import StrEnum

from outreach.vocabulary import (
    CODE_LISTS,
    AuditAction,
    AuditActorKind,
    AuditTarget,
    Channel,
    ConsoleRole,
    DataRight,
    DuplicateDecision,
    DuplicateReason,
    ErasureReason,
    FilingStatus,
    FollowUpKind,
    GroupKind,
    OnlineLevel,
    Outcome,
    PairStatus,
    Placeholder,
    PlanAdjustment,
    PlanMark,
    PlanReason,
    Portal,
    PriorityFlag,
    ReachList,
    RecordKind,
    RequestStatus,
    ReviewStatus,
    RevokeReason,
    Role,
    ScopeKind,
    Sex,
    TargetMetric,
)

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
#: The language of every exported document (coverage report, follow-up list, receipt), whatever the
#: profile's: a report goes to the ward office and the People's Committee and a receipt to a
#: resident, all Vietnamese; its headings are Vietnamese, so its scope and codes must be too (an
#: English profile exported "Phạm vi: Whole ward").
EXPORT_LANGUAGE = "vi"

#: code list -> code -> (Vietnamese, English).
LABELS: dict[type[StrEnum], dict[str, tuple[str, str]]] = {
    Outcome: {
        Outcome.HELPED: ("Đã hỗ trợ", "Helped"),
        Outcome.GUIDED: ("Đã hướng dẫn", "Guided"),
        Outcome.NOT_HOME: ("Vắng nhà", "Not at home"),
        Outcome.REFUSED: ("Từ chối", "Declined"),
        Outcome.REVISIT_NEEDED: ("Cần quay lại", "Revisit needed"),
    },
    FilingStatus: {
        FilingStatus.PREPARED: ("Đã chuẩn bị giấy tờ", "Papers prepared"),
        FilingStatus.SUBMITTED: ("Đã nộp", "Submitted"),
        FilingStatus.GUIDED_ONLY: ("Chỉ hướng dẫn", "Guided only"),
        FilingStatus.RETURNED: ("Bị trả lại, cần bổ sung", "Returned for more papers"),
        FilingStatus.COMPLETED: ("Đã có kết quả", "Completed"),
        FilingStatus.REJECTED: ("Bị từ chối", "Rejected"),
    },
    Channel: {
        Channel.ONLINE: ("Nộp trực tuyến", "Online"),
        Channel.POSTAL: ("Qua bưu chính", "By post"),
        Channel.COUNTER: ("Nộp trực tiếp", "At the counter"),
    },
    Portal: {
        Portal.DVCQG: ("Cổng Dịch vụ công quốc gia", "National public service portal"),
        Portal.VNEID: ("Ứng dụng VNeID", "VNeID app"),
        Portal.BHXH: ("Bảo hiểm xã hội (VssID)", "Social insurance (VssID)"),
        Portal.OTHER: ("Khác", "Other"),
    },
    Role: {
        Role.VOLUNTEER: ("Tình nguyện viên", "Volunteer"),
        Role.LEADER: ("Đội trưởng", "Team leader"),
    },
    RevokeReason: {
        RevokeReason.RETIRED: ("Ngừng sử dụng", "Retired"),
        RevokeReason.LOST: ("Bị mất hoặc bị đánh cắp", "Lost or stolen"),
    },
    ReviewStatus: {
        ReviewStatus.PENDING: ("Chờ duyệt", "Waiting for review"),
        ReviewStatus.APPROVED: ("Đã duyệt", "Approved"),
        ReviewStatus.FLAGGED: ("Cần sửa", "Flagged for correction"),
        ReviewStatus.CORRECTED: ("Đã sửa", "Corrected"),
    },
    OnlineLevel: {
        OnlineLevel.FULL: ("Toàn trình", "Fully online"),
        OnlineLevel.PARTIAL: ("Một phần", "Partly online"),
        OnlineLevel.COUNTER: ("Trực tiếp tại quầy", "At the counter"),
        OnlineLevel.UNKNOWN: ("Không rõ", "Unknown"),
    },
    PriorityFlag: {
        PriorityFlag.ELDERLY_ALONE: ("Người cao tuổi sống một mình", "Elderly living alone"),
        PriorityFlag.DISABLED: ("Người khuyết tật", "Person with a disability"),
        PriorityFlag.POLICY_FAMILY: ("Gia đình chính sách", "Policy family"),
        PriorityFlag.POOR_HOUSEHOLD: ("Hộ nghèo", "Poor household"),
    },
    FollowUpKind: {
        FollowUpKind.OVERDUE: ("Quá hạn", "Overdue"),
        FollowUpKind.DUE: ("Sắp đến hạn", "Due soon"),
        FollowUpKind.FLAGGED: ("Đội trưởng trả lại", "Returned by the leader"),
    },
    Sex: {
        Sex.MALE: ("Nam", "Male"),
        Sex.FEMALE: ("Nữ", "Female"),
    },
    GroupKind: {
        GroupKind.TO_DAN_PHO: ("Tổ dân phố", "Residential group"),
        GroupKind.THON: ("Thôn", "Village"),
    },
    ScopeKind: {
        ScopeKind.WARD: ("Phường", "Ward"),
        ScopeKind.GROUP: ("Tổ dân phố", "Residential group"),
        ScopeKind.TEAM: ("Đội", "Team"),
        ScopeKind.VOLUNTEER: ("Tình nguyện viên", "Volunteer"),
    },
    Placeholder: {
        Placeholder.NO_GROUP: ("(không thuộc tổ nào)", "(no group)"),
        Placeholder.UNKNOWN_MEMBER: ("(không rõ)", "(unknown)"),
        Placeholder.WHOLE_WARD: ("Toàn phường", "Whole ward"),
    },
    RecordKind: {
        RecordKind.WARD: ("Phường", "Ward"),
        RecordKind.RESIDENTIAL_GROUP: ("Tổ dân phố", "Residential group"),
        RecordKind.TEAM: ("Đội", "Team"),
        RecordKind.TEAM_MEMBER: ("Thành viên đội", "Team member"),
        RecordKind.HOUSEHOLD: ("Hộ gia đình", "Household"),
        RecordKind.RESIDENT: ("Nhân khẩu", "Resident"),
        RecordKind.VISIT: ("Lần thăm hộ", "Visit"),
        RecordKind.FILING: ("Hồ sơ", "Filing"),
        RecordKind.PROCEDURE: ("Thủ tục", "Procedure"),
        RecordKind.WEEK_LOCK: ("Khoá tuần", "Week lock"),
        RecordKind.AREA_ASSIGNMENT: ("Giao địa bàn", "Area assignment"),
        RecordKind.OUTING: ("Buổi đi cơ sở", "Outing"),
        RecordKind.TARGET: ("Chỉ tiêu", "Target"),
        RecordKind.PLAN_ENTRY: ("Kế hoạch trong ngày", "Day plan entry"),
        RecordKind.OFFICE_DAY_OFF: ("Ngày nghỉ của cơ quan", "Office day off"),
        RecordKind.DUPLICATE_PAIR: ("Cặp hồ sơ trùng", "Duplicate pair"),
    },
    TargetMetric: {
        TargetMetric.HOUSEHOLDS_REACHED: ("Số hộ được thăm", "Households reached"),
        TargetMetric.PRIORITY_HOUSEHOLDS_REACHED: ("Số hộ ưu tiên được thăm", "Priority households reached"),
        TargetMetric.DOSSIERS_ONLINE: ("Số hồ sơ nộp trực tuyến", "Dossiers filed online"),
    },
    PlanAdjustment: {
        PlanAdjustment.ADDED: ("Đội trưởng thêm", "Added by the leader"),
        PlanAdjustment.DROPPED: ("Đội trưởng bỏ", "Dropped by the leader"),
    },
    PlanMark: {
        PlanMark.DONE: ("Đã đến", "Done"),
        PlanMark.NOT_HOME: ("Vắng nhà", "Not at home"),
    },
    PlanReason: {
        PlanReason.FLAGGED: ("Đội trưởng trả lại", "Returned by the leader"),
        PlanReason.FOLLOW_UP_OVERDUE: ("Hẹn quay lại quá hạn", "Revisit overdue"),
        PlanReason.FOLLOW_UP_DUE: ("Hẹn quay lại hôm nay", "Revisit due"),
        PlanReason.DOSSIER_OVERDUE: ("Hồ sơ quá hạn trả kết quả", "Dossier result overdue"),
        PlanReason.PRIORITY: ("Hộ ưu tiên chưa đến kỳ này", "Priority household not reached"),
        PlanReason.REACH_LIST: ("Trong danh sách cần tiếp cận", "On a reach list"),
        PlanReason.ADDED: ("Đội trưởng thêm", "Added by the leader"),
    },
    ReachList: {
        ReachList.NO_VNEID_LEVEL2: ("Từ 14 tuổi chưa có VNeID mức 2", "Aged 14+ without VNeID level 2"),
        ReachList.CARD_RENEWAL: ("Thẻ căn cước đến hạn cấp đổi", "ID card due for renewal"),
        ReachList.OLD_CMND_ONLY: ("Chỉ có CMND 9 số", "Only the old 9-digit CMND"),
        ReachList.CHILD_WITHOUT_ID: ("Trẻ dưới 6 tuổi chưa có số định danh", "Child under 6 without a personal ID"),
        ReachList.NEWBORN: ("Trẻ mới sinh cần đăng ký khai sinh", "Newborn: birth registration due"),
        ReachList.SOCIAL_PENSION: ("Sắp đến tuổi hưởng trợ cấp hưu trí xã hội", "Reaching social pension age"),
        ReachList.PRIORITY_NOT_VISITED: ("Hộ ưu tiên lâu chưa thăm", "Priority household not visited"),
    },
    ConsoleRole: {
        ConsoleRole.CITY_ADMIN: ("Quản trị thành phố", "City administrator"),
        ConsoleRole.WARD_ADMIN: ("Quản trị phường", "Ward administrator"),
        ConsoleRole.WARD_VIEWER: ("Lãnh đạo phường (chỉ xem)", "Ward viewer (read-only)"),
        ConsoleRole.TEAM_LEADER: ("Đội trưởng", "Team leader"),
    },
    AuditAction: {
        AuditAction.EXPORT_PERSONAL_DATA: ("Xuất dữ liệu cá nhân", "Exported personal data"),
        AuditAction.EXPORT_AGGREGATE: ("Xuất số liệu tổng hợp", "Exported aggregate figures"),
        AuditAction.VIEW_PERSONAL_DATA: ("Xem dữ liệu cá nhân", "Viewed personal data"),
        AuditAction.EXPORT_VISIT_RECEIPT: ("In biên nhận lần thăm", "Printed a visit receipt"),
        AuditAction.EXPORT_UNSENT: ("Xuất thay đổi chưa gửi để bàn giao", "Exported unsent changes for hand-over"),
        AuditAction.CONSENT_GIVEN: ("Ghi nhận đồng ý", "Consent given"),
        AuditAction.CONSENT_WITHDRAWN: ("Rút lại đồng ý", "Consent withdrawn"),
        AuditAction.REVIEW_APPROVE: ("Duyệt lần thăm", "Approved a visit"),
        AuditAction.REVIEW_FLAG: ("Trả lại lần thăm", "Flagged a visit"),
        AuditAction.REVIEW_LOCK: ("Khoá tuần", "Locked a week"),
        AuditAction.REQUEST_ADDED: ("Tiếp nhận yêu cầu của chủ thể dữ liệu", "Data-subject request received"),
        AuditAction.REQUEST_CLOSED: ("Đóng yêu cầu của chủ thể dữ liệu", "Data-subject request closed"),
        AuditAction.ACCESS_EXPORT: ("Cung cấp dữ liệu cho chủ thể", "Access export made"),
        AuditAction.ERASURE: ("Xoá dữ liệu cá nhân", "Personal data erased"),
        AuditAction.RETENTION_RUN: ("Xoá dữ liệu hết thời hạn lưu trữ", "Retention run"),
        AuditAction.DEVICE_ENROLLED: ("Đăng ký máy", "Laptop enrolled"),
        AuditAction.DEVICE_REVOKED: ("Thu hồi máy", "Laptop revoked"),
        AuditAction.CONSOLE_LOGIN: ("Đăng nhập trang quản trị", "Console login"),
        AuditAction.CONSOLE_CHANGE: ("Thay đổi trên trang quản trị", "Console change"),
    },
    AuditActorKind: {
        AuditActorKind.MEMBER: ("Thành viên đội", "Team member"),
        AuditActorKind.DEVICE: ("Máy tính", "Laptop"),
        AuditActorKind.OFFICE: ("Văn phòng phường", "Ward office"),
        AuditActorKind.CONSOLE_USER: ("Người dùng trang quản trị", "Console user"),
        AuditActorKind.SYSTEM: ("Hệ thống", "System"),
    },
    AuditTarget: {
        AuditTarget.DEVICE: ("Máy tính", "Laptop"),
        AuditTarget.DATA_REQUEST: ("Yêu cầu của chủ thể dữ liệu", "Data-subject request"),
        AuditTarget.WARD_DATA: ("Dữ liệu của phường", "Ward data"),
    },
    DataRight: {
        DataRight.ACCESS: ("Được biết, truy cập dữ liệu", "Access"),
        DataRight.CORRECTION: ("Chỉnh sửa dữ liệu", "Correction"),
        DataRight.DELETION: ("Xoá dữ liệu", "Deletion"),
        DataRight.WITHDRAWAL: ("Rút lại sự đồng ý", "Withdrawal of consent"),
        DataRight.RESTRICTION: ("Hạn chế xử lý dữ liệu", "Restriction of processing"),
        DataRight.OBJECTION: ("Phản đối xử lý dữ liệu", "Objection to processing"),
    },
    RequestStatus: {
        RequestStatus.RECEIVED: ("Đã tiếp nhận", "Received"),
        RequestStatus.ACKNOWLEDGED: ("Đã phản hồi tiếp nhận", "Acknowledged"),
        RequestStatus.DONE: ("Đã giải quyết", "Done"),
        RequestStatus.REFUSED: ("Từ chối có lý do", "Refused with reasons"),
    },
    ErasureReason: {
        ErasureReason.REQUEST: ("Theo yêu cầu của chủ thể dữ liệu", "At the data subject's request"),
        ErasureReason.RETENTION: ("Hết thời hạn lưu trữ", "Retention period over"),
    },
    DuplicateReason: {
        DuplicateReason.SAME_PERSONAL_ID: ("Trùng số định danh cá nhân", "Same personal ID"),
        DuplicateReason.SAME_ADDRESS: ("Trùng địa chỉ", "Same address"),
        DuplicateReason.SAME_HEAD_NAME: ("Trùng tên chủ hộ", "Same head of household"),
        DuplicateReason.SAME_PHONE: ("Trùng số điện thoại", "Same phone"),
        DuplicateReason.SAME_NAME_AND_BIRTH: ("Trùng họ tên và ngày sinh", "Same name and date of birth"),
        DuplicateReason.SAME_NAME: ("Trùng họ tên", "Same name"),
    },
    DuplicateDecision: {
        DuplicateDecision.CERTAIN: ("Chắc chắn trùng", "Certainly the same"),
        DuplicateDecision.LIKELY: ("Nhiều khả năng trùng", "Likely the same"),
        DuplicateDecision.POSSIBLE: ("Có thể trùng", "Possibly the same"),
    },
    PairStatus: {
        PairStatus.NOT_SAME: ("Không phải một", "Not the same"),
        PairStatus.MERGED: ("Đã gộp", "Merged"),
        PairStatus.UNDONE: ("Đã hoàn tác gộp", "Merge undone"),
    },
}

assert set(LABELS) == set(CODE_LISTS), "every code list has its labels"


def _index(language: str) -> int:
    return 1 if language == "en" else 0


def label(code: StrEnum | str | None, language: str = DEFAULT_LANGUAGE, of: type[StrEnum] | None = None) -> str:
    """The word for ``code`` in ``language`` ("vi" or "en"; anything else reads as Vietnamese).

    A member says which list it is from; a plain string (as read from the database) names its
    list with ``of``. ``None`` is "", and a code no list knows is shown as it is (data from a newer
    laptop must still show)."""
    if code is None:
        return ""
    kind = of if of is not None else (type(code) if isinstance(code, StrEnum) else None)
    if kind is None:
        raise TypeError(f"say which code list {code!r} is from (of=...)")
    words = LABELS[kind].get(code)
    return words[_index(language)] if words else str(code)


def name_text(name: str | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A name field of a report: the real name as it is, a ``Placeholder`` in ``language``."""
    if isinstance(name, Placeholder):
        return label(name, language)
    return name or ""


def scope_text(kind: str, name: str, language: str = DEFAULT_LANGUAGE) -> str:
    """How a heading names a report's scope: "Toàn phường", "Tổ dân phố số 3", "Tình nguyện viên An".

    ``name`` is the group's, team's or volunteer's own name (groups and teams carry their kind in
    their name already; a person's name needs the word)."""
    if kind == ScopeKind.WARD:
        return label(Placeholder.WHOLE_WARD, language)
    if kind == ScopeKind.VOLUNTEER:
        return f"{label(ScopeKind.VOLUNTEER, language)} {name_text(name, language)}"
    return name_text(name, language)


def fee_text(fee_vnd: int | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A procedure's fee as the form and the receipt write it after "lệ phí:": "10.000 đ",
    "không thu phí" for 0 đ, "chưa rõ" when the catalogue does not know it (a provincial fee):
    never a guessed number."""
    if fee_vnd is None:
        return ("chưa rõ", "not known")[_index(language)]
    if fee_vnd == 0:
        return ("không thu phí", "free of charge")[_index(language)]
    digits = f"{fee_vnd:,}".replace(",", ".")
    return f"{digits} đ"


def days_text(days: int | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A processing time in working days: "7 ngày làm việc", "trong ngày" for 0, "chưa rõ" unknown."""
    if days is None:
        return ("chưa rõ", "not known")[_index(language)]
    if days == 0:
        return ("trong ngày", "the same day")[_index(language)]
    unit = ("ngày làm việc", "working day" if days == 1 else "working days")[_index(language)]
    return f"{days} {unit}"
