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
    Channel,
    FilingStatus,
    FollowUpKind,
    GroupKind,
    OnlineLevel,
    Outcome,
    Placeholder,
    Portal,
    PriorityFlag,
    RecordKind,
    ReviewStatus,
    RevokeReason,
    Role,
    ScopeKind,
    Sex,
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
