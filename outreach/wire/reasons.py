"""Why the server refused something: every reason code with its Vietnamese and English message.

One table for both sides of the contract. The server puts ``reason`` and the two messages in
every refusal (``server/api.py``) and in each rejected change's answer (``server/push.py``); the
laptop turns the same codes into its typed errors (``sync/errors.py``, ``sync/transport.py``) and
shows a refused change's reason in the sync-problems dialog. Before, the server, the client
errors and the dialog each had their own wording of the same refusal.

``Reason`` is a ``StrEnum``: a member is the string sent on the wire, so the format is unchanged.
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Every reason code the server sends (a whole request's refusal or one change's)."""

    # a whole request
    UPGRADE_REQUIRED = "upgrade_required"
    MISSING_TOKEN = "missing_token"
    UNKNOWN_TOKEN = "unknown_token"
    REVOKED = "revoked"
    RETIRED = "retired"
    WIPE = "wipe"
    BAD_CODE = "bad_code"
    EXPIRED_CODE = "expired_code"
    CODE_LIFETIME = "code_lifetime"
    TOO_MANY_CODES = "too_many_codes"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    DEMO_WARD_ONLY = "demo_ward_only"
    ENROLMENT_UNCONFIRMED = "enrolment_unconfirmed"
    TOO_LARGE = "too_large"
    TOO_MANY_CHANGES = "too_many_changes"
    BAD_GZIP = "bad_gzip"
    BAD_ENCODING = "bad_encoding"
    BAD_JSON = "bad_json"
    TOO_DEEP = "too_deep"
    BAD_REQUEST = "bad_request"
    BAD_SHAPE = "bad_shape"
    BAD_ID = "bad_id"
    DUPLICATE_CHANGE_ID = "duplicate_change_id"
    NOT_FOUND = "not_found"
    INTERNAL = "internal"
    # a whole request or one change
    OUTSIDE_WARD = "outside_ward"
    LEADER_ONLY = "leader_only"
    CLOCK_AHEAD = "clock_ahead"
    SERVER_CLOCK_BEHIND = "server_clock_behind"
    # one change
    UNKNOWN_ENTITY = "unknown_entity"
    UNKNOWN_FIELD = "unknown_field"
    NOT_PERMITTED = "not_permitted"
    BAD_STAMP = "bad_stamp"
    BAD_VALUE = "bad_value"
    VALUE_TOO_LONG = "value_too_long"
    BAD_CHARACTER = "bad_character"
    MISSING_WARD = "missing_ward"
    WEEK_LOCKED = "week_locked"
    WEEK_NOT_ENDED = "week_not_ended"
    ERASED = "erased"


#: reason -> (Vietnamese, English).
MESSAGES: dict[Reason, tuple[str, str]] = {
    Reason.UPGRADE_REQUIRED: ("Phiên bản Outreach của máy này không tương thích với máy chủ; hãy cập nhật ứng dụng.",
                              "This Outreach version does not speak the server's protocol; update the application."),
    Reason.MISSING_TOKEN: ("Thiếu mã thiết bị.", "Missing device token."),
    Reason.UNKNOWN_TOKEN: ("Máy chủ không nhận ra máy này (mã thiết bị không hợp lệ).",
                           "The server does not recognise this computer (unknown device token)."),
    Reason.REVOKED: ("Máy này đã bị văn phòng phường thu hồi quyền đồng bộ.",
                     "The ward office has revoked this computer's access."),
    Reason.RETIRED: ("Máy này đã được văn phòng phường cho ngừng sử dụng: các thay đổi chưa gửi đã được gửi lên, từ nay "
                     "máy không đồng bộ nữa.",
                     "The ward office has retired this computer: its unsent changes were sent, and it syncs no more."),
    Reason.WIPE: ("Máy này được báo là bị mất hoặc bị đánh cắp: dữ liệu của phường trên máy đã bị xoá.",
                  "This computer was reported lost or stolen: the ward's data on it has been destroyed."),
    Reason.BAD_CODE: ("Mã đăng ký không đúng hoặc đã được dùng.", "The enrolment code is wrong or already used."),
    Reason.EXPIRED_CODE: ("Mã đăng ký đã hết hạn; xin văn phòng phường cấp mã mới.",
                          "The enrolment code has expired; ask the ward office for a new one."),
    Reason.CODE_LIFETIME: ("Mã đăng ký chỉ có hiệu lực từ 1 phút đến 7 ngày.", "An enrolment code is valid for 1 minute to 7 days."),
    Reason.TOO_MANY_CODES: ("Đội đã có quá nhiều mã đăng ký chưa dùng; hãy dùng hết hoặc chờ chúng hết hạn.",
                            "The team already has too many unused enrolment codes; use them or let them expire first."),
    Reason.TOO_MANY_ATTEMPTS: ("Nhập sai mã đăng ký quá nhiều lần; hãy đợi một phút rồi thử lại.",
                               "Too many wrong enrolment codes; wait a minute and try again."),
    Reason.DEMO_WARD_ONLY: ("Hồ sơ demo không mã hoá chỉ được đăng ký vào phường demo; dữ liệu thật của phường cần "
                            "một hồ sơ mã hoá (có kho khoá của hệ điều hành).",
                            "An unencrypted demo profile can only enrol into a demo ward; a ward's real data needs an "
                            "encrypted profile (with the OS keyring)."),
    Reason.ENROLMENT_UNCONFIRMED: ("Việc đăng ký máy này chưa hoàn tất; hãy đăng ký lại với cùng mã.",
                                   "This computer's enrolment was not completed; enrol again with the same code."),
    Reason.TOO_LARGE: ("Yêu cầu quá lớn.", "The request is too large."),
    Reason.TOO_MANY_CHANGES: ("Quá nhiều thay đổi trong một yêu cầu.", "Too many changes in one request."),
    Reason.BAD_GZIP: ("Dữ liệu nén gửi lên bị hỏng.", "The compressed request body is damaged."),
    Reason.BAD_ENCODING: ("Máy chủ chỉ nhận dữ liệu nén gzip.", "The server accepts only gzip-compressed bodies."),
    Reason.BAD_JSON: ("Dữ liệu gửi lên không phải JSON hợp lệ.", "The request body is not valid JSON."),
    Reason.TOO_DEEP: ("Dữ liệu gửi lên lồng nhau quá nhiều tầng.", "The request body is nested too deeply."),
    Reason.BAD_REQUEST: ("Yêu cầu không hợp lệ.", "Invalid request."),
    Reason.BAD_SHAPE: ("Dữ liệu gửi lên không đúng khuôn dạng đồng bộ.", "The request does not have the sync format."),
    Reason.BAD_ID: ("Mã bản ghi hoặc mã thay đổi không hợp lệ.", "A record or change id is invalid."),
    Reason.DUPLICATE_CHANGE_ID: ("Một mã thay đổi bị lặp lại trong cùng yêu cầu.", "A change id is repeated in one request."),
    Reason.NOT_FOUND: ("Không tìm thấy.", "Not found."),
    Reason.INTERNAL: ("Lỗi máy chủ.", "Server error."),
    Reason.OUTSIDE_WARD: ("Chỉ được đọc và ghi dữ liệu của phường mình.", "Only your own ward's data can be read and written."),
    Reason.LEADER_ONLY: ("Chỉ đội trưởng được làm việc này.", "Only a team leader can do this."),
    Reason.CLOCK_AHEAD: ("Đồng hồ của máy tính đang nhanh hơn giờ của máy chủ.", "The computer's clock is ahead of the server's."),
    Reason.SERVER_CLOCK_BEHIND: ("Đồng hồ của máy chủ phường đang chậm, không phải đồng hồ của máy này: đừng chỉnh giờ máy; "
                                 "hãy báo văn phòng phường. Các thay đổi vẫn được giữ trên máy và sẽ gửi khi máy chủ đúng giờ.",
                                 "The ward server's clock is behind, not this computer's: do not change this computer's clock; "
                                 "call the ward office. Your changes stay on this computer and are sent once the server's time is right."),
    Reason.UNKNOWN_ENTITY: ("Loại bản ghi mà máy chủ này chưa biết", "A kind of record this server does not know"),
    Reason.UNKNOWN_FIELD: ("Trường thông tin mà phiên bản máy chủ này chưa biết", "A field this server version does not know"),
    Reason.ERASED: ("Dữ liệu cá nhân của người này đã được xoá theo yêu cầu; thay đổi này không được lưu.",
                    "This person's personal data was erased on request; the change was not kept."),
    Reason.NOT_PERMITTED: ("Máy này không có quyền sửa mục này: chỉ văn phòng phường, đội trưởng của đội hoặc người đã ghi mục đó "
                           "mới được sửa",
                           "This computer may not change this: only the ward office, the team's leader or whoever recorded it may"),
    Reason.BAD_STAMP: ("Dấu thời gian của thay đổi không hợp lệ", "The change's time stamp is invalid"),
    Reason.BAD_VALUE: ("Giá trị máy chủ không chấp nhận", "A value the server does not accept"),
    Reason.VALUE_TOO_LONG: ("Nội dung dài hơn mức máy chủ cho phép", "A text longer than the server allows"),
    Reason.BAD_CHARACTER: ("Nội dung có ký tự điều khiển hoặc ký tự không hợp lệ",
                           "The text holds a control character or an invalid character"),
    Reason.MISSING_WARD: ("Bản ghi không thuộc phường nào", "The record has no ward"),
    Reason.WEEK_LOCKED: ("Tuần của lần thăm hộ này đã được đội trưởng duyệt và khoá; cần đội trưởng mở khoá trước khi sửa",
                         "The visit's week was approved and locked by the team leader; a leader must unlock it before edits"),
    Reason.WEEK_NOT_ENDED: ("Chỉ được khoá một tuần khi tuần đó đã kết thúc", "A week can be locked only after it has ended"),
}

assert set(MESSAGES) == set(Reason), "every reason has its messages"


def messages(reason: str) -> tuple[str, str]:
    """(Vietnamese, English) for ``reason``; a code this side does not know (from a newer
    server) still reads as a refusal, naming the code."""
    try:
        return MESSAGES[Reason(reason)]
    except ValueError:
        return f"Yêu cầu không hợp lệ ({reason}).", f"Invalid request ({reason})."


def message(reason: str, language: str) -> str:
    """The message for ``reason`` in ``language`` ("en", else Vietnamese)."""
    vi, en = messages(reason)
    return en if language == "en" else vi
