"""Typed sync failures the user (or the office) can act on, with Vietnamese and English text.

The engine turns every transport or server answer it cannot complete into one of these; the CLI
prints the message and exits non-zero, the UI shows it. Anything else escaping a sync is a bug.
"""

from __future__ import annotations

from outreach.errors import OutreachError


class SyncError(OutreachError):
    """Base of sync failures; a failed sync never loses or duplicates local data."""

    code = "sync"


class NetworkDown(SyncError):
    code = "network_down"

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "Không kết nối được máy chủ của phường. Dữ liệu vẫn an toàn trên máy; hãy thử lại khi có mạng."
            + (f" ({detail})" if detail else ""),
            "Cannot reach the ward server. Your data is safe on this computer; try again when online."
            + (f" ({detail})" if detail else ""),
        )


class ServerUnavailable(SyncError):
    """The server answered with an error (5xx) even after retries, or an unreadable answer."""

    code = "server_error"

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            f"Máy chủ của phường đang gặp lỗi; hãy thử lại sau. ({detail})",
            f"The ward server reported an error; try again later. ({detail})",
        )


class ClockAhead(SyncError):
    """The computer's clock is ahead of the server's by more than the allowed skew."""

    code = "clock_ahead"

    def __init__(self, ahead_seconds: float | None = None) -> None:
        detail_vi = f" (nhanh khoảng {ahead_seconds / 60:.0f} phút)" if ahead_seconds else ""
        detail_en = f" (about {ahead_seconds / 60:.0f} minutes ahead)" if ahead_seconds else ""
        super().__init__(
            "Đồng hồ của máy tính đang sai" + detail_vi + ". Hãy chỉnh lại ngày giờ của máy, rồi chạy "
            "'outreach sync --restamp' để gửi lại các thay đổi chưa gửi.",
            "The computer's clock is wrong" + detail_en + ". Fix the date and time, then run "
            "'outreach sync --restamp' to send the unsent changes again.",
        )


class DeviceRevoked(SyncError):
    """The office revoked this laptop (or never knew its token): syncing stops, data stays."""

    code = "revoked"

    def __init__(self, reason: str = "revoked") -> None:
        self.reason = reason
        if reason == "revoked":
            vi = "Máy này đã bị văn phòng phường thu hồi quyền đồng bộ."
            en = "The ward office has revoked this computer's access."
        else:
            vi = "Máy chủ không nhận ra máy này (mã thiết bị không hợp lệ)."
            en = "The server does not recognise this computer (unknown device token)."
        super().__init__(
            vi + " Dữ liệu chưa gửi vẫn còn: dùng 'outreach export-unsent' để bàn giao, "
            "và 'outreach wipe' nếu văn phòng yêu cầu xoá.",
            en + " Unsent data is kept: use 'outreach export-unsent' to hand it over, and "
            "'outreach wipe' if the office asks for a local wipe.",
            code=reason,
        )


class NotEnrolled(SyncError):
    code = "not_enrolled"

    def __init__(self) -> None:
        super().__init__(
            "Máy này chưa được đăng ký với máy chủ phường: chạy 'outreach enroll --server URL --code MÃ'.",
            "This computer is not enrolled with a ward server: run 'outreach enroll --server URL --code CODE'.",
        )


class TlsFailure(SyncError):
    code = "tls"

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "Không xác minh được chứng chỉ bảo mật (TLS) của máy chủ. Kiểm tra địa chỉ máy chủ và "
            f"chứng chỉ CA của phường. ({detail})",
            "The server's TLS certificate could not be verified. Check the server address and the "
            f"ward's CA certificate. ({detail})",
        )


class UpgradeRequired(SyncError):
    code = "upgrade_required"

    def __init__(self) -> None:
        super().__init__(
            "Phiên bản Outreach trên máy này quá cũ hoặc quá mới so với máy chủ; hãy cập nhật ứng dụng.",
            "This version of Outreach does not match the server's protocol; update the application.",
        )


class OutsideWard(SyncError):
    code = "outside_ward"

    def __init__(self, change_ids: list[str] | None = None) -> None:
        self.change_ids = list(change_ids or [])
        super().__init__(
            "Máy này chỉ được đọc và ghi dữ liệu của phường mình.",
            "This computer may only read and write its own ward's data.",
        )


class LeaderOnly(SyncError):
    """The server refused because only a team leader's device may do this."""

    code = "leader_only"

    def __init__(self) -> None:
        super().__init__("Chỉ máy của trưởng nhóm mới làm được việc này.",
                         "Only a team leader's computer can do this.")


class EnrolmentFailed(SyncError):
    code = "enrolment_failed"

    def __init__(self, reason: str) -> None:
        texts = {
            "bad_code": ("Mã đăng ký không đúng hoặc đã được dùng.", "The enrolment code is wrong or already used."),
            "expired_code": ("Mã đăng ký đã hết hạn; xin văn phòng phường cấp mã mới.", "The enrolment code has expired; ask the ward office for a new one."),
            "other_ward": ("Hồ sơ này thuộc một phường khác; hãy dùng một hồ sơ mới.", "This profile belongs to another ward; use a new profile."),
            "insecure_http": ("Máy chủ dùng http:// (không mã hoá) qua mạng: mã đăng ký và dữ liệu cư dân sẽ đi qua mạng dưới dạng rõ. "
                              "Dùng địa chỉ https://, hoặc thêm --insecure nếu văn phòng phường yêu cầu rõ như vậy.",
                              "The server address is plain http:// over the network: the code and residents' data would travel "
                              "unencrypted. Use an https:// address, or add --insecure if the ward office explicitly says so."),
            "unencrypted_profile": ("Hồ sơ demo không mã hoá chỉ được đăng ký với máy chủ demo trên chính máy này; "
                                    "dữ liệu thật của phường cần một hồ sơ mã hoá (có kho khoá của hệ điều hành).",
                                    "An unencrypted demo profile can only enrol with a demo server on this computer; "
                                    "a ward's real data needs an encrypted profile (with the OS keyring)."),
        }
        vi, en = texts.get(reason, (f"Đăng ký thất bại ({reason}).", f"Enrolment failed ({reason})."))
        self.reason = reason
        super().__init__(vi, en, code=reason)


class SyncBusy(SyncError):
    code = "sync_busy"

    def __init__(self) -> None:
        super().__init__(
            "Một lần đồng bộ khác đang chạy; hãy đợi nó xong.",
            "Another sync is already running; wait for it to finish.",
        )


class ProtocolFailure(SyncError):
    """The server refused a request as malformed: a bug on one side, reported with its reason."""

    code = "protocol"

    def __init__(self, status: int, reason: str) -> None:
        self.status = status
        self.reason = reason
        super().__init__(
            f"Máy chủ từ chối yêu cầu đồng bộ ({status} {reason}).",
            f"The server refused the sync request ({status} {reason}).",
        )
