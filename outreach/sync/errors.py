"""Typed sync failures the user (or the office) can act on, with Vietnamese and English text.

The engine turns every transport or server answer it cannot complete into one of these; the CLI
prints the message and exits non-zero, the UI shows it. Anything else escaping a sync is a bug.
A refusal the server gives a reason for is worded by ``outreach.wire.reasons``, the table the
server answers from, so the laptop says what the server meant.
"""

from __future__ import annotations

from outreach.errors import OutreachError
from outreach.wire.reasons import Reason, messages


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

    code = Reason.CLOCK_AHEAD

    def __init__(self, ahead_seconds: float | None = None, *, clock_now_right: bool = False) -> None:
        #: the computer's clock agrees with the server's now: only the unsent changes' stamps are
        #: still ahead, and re-stamping them (``restamp_outbox``) is the whole fix
        self.clock_now_right = clock_now_right
        detail_vi = f" (nhanh khoảng {ahead_seconds / 60:.0f} phút)" if ahead_seconds else ""
        detail_en = f" (about {ahead_seconds / 60:.0f} minutes ahead)" if ahead_seconds else ""
        super().__init__(
            "Đồng hồ của máy tính đang sai" + detail_vi + ". Hãy chỉnh lại ngày giờ của máy, rồi chạy "
            "'outreach sync --restamp' để gửi lại các thay đổi chưa gửi.",
            "The computer's clock is wrong" + detail_en + ". Fix the date and time, then run "
            "'outreach sync --restamp' to send the unsent changes again.",
        )


class ServerClockBehind(SyncError):
    """The server's own clock is behind (many laptops agree): the user calls the office."""

    code = Reason.SERVER_CLOCK_BEHIND

    def __init__(self) -> None:
        super().__init__(*messages(Reason.SERVER_CLOCK_BEHIND))


#: ``SyncState.last_error_code`` values after which this laptop does not ask the server again.
STOPPED_CODES = (Reason.REVOKED, Reason.UNKNOWN_TOKEN, Reason.RETIRED)


class DeviceRevoked(SyncError):
    """The office revoked this laptop (or never knew its token): syncing stops, data stays.

    ``retired``: the office retired it; what it had unsent was pushed just before (the server lets
    a retired laptop push, then stops it at its next request)."""

    code = "revoked"

    def __init__(self, reason: str = Reason.REVOKED) -> None:
        self.reason = reason
        known = reason if reason in (Reason.REVOKED, Reason.RETIRED) else Reason.UNKNOWN_TOKEN
        vi, en = messages(known)
        if known == Reason.RETIRED:
            super().__init__(vi, en, code=Reason.RETIRED)
            return
        super().__init__(
            vi + " Dữ liệu chưa gửi vẫn còn: dùng 'outreach export-unsent' để bàn giao, "
            "và 'outreach wipe' nếu văn phòng yêu cầu xoá.",
            en + " Unsent data is kept: use 'outreach export-unsent' to hand it over, and "
            "'outreach wipe' if the office asks for a local wipe.",
            code=reason,
        )


class DeviceLost(SyncError):
    """The server says this laptop was reported lost or stolen: it must destroy its data now.

    Raised by the transport; ``sync.client.run_sync`` wipes the profile and raises ``DeviceWiped``."""

    code = Reason.WIPE

    def __init__(self) -> None:
        super().__init__(*messages(Reason.WIPE), code=Reason.WIPE)


class DeviceWiped(DeviceRevoked):
    """This laptop destroyed its data because the office reported it lost (the key first)."""

    code = Reason.WIPE

    def __init__(self) -> None:
        self.reason = Reason.WIPE
        SyncError.__init__(self, *messages(Reason.WIPE), code=Reason.WIPE)


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
    code = Reason.UPGRADE_REQUIRED

    def __init__(self) -> None:
        super().__init__(*messages(Reason.UPGRADE_REQUIRED))


class OutsideWard(SyncError):
    code = Reason.OUTSIDE_WARD

    def __init__(self, change_ids: list[str] | None = None) -> None:
        self.change_ids = list(change_ids or [])
        super().__init__(*messages(Reason.OUTSIDE_WARD))


class LeaderOnly(SyncError):
    """The server refused because only a team leader's device may do this."""

    code = Reason.LEADER_ONLY

    def __init__(self) -> None:
        super().__init__(*messages(Reason.LEADER_ONLY))


#: ``EnrolmentFailed``'s reasons for what the laptop itself refuses: a code for another ward than
#: this profile's, plain http:// off this computer, an unencrypted profile and a real server (off
#: this computer, or a server on it whose ward is not demo data).
OTHER_WARD = "other_ward"
INSECURE_HTTP = "insecure_http"
UNENCRYPTED_PROFILE = "unencrypted_profile"


#: Enrolments the laptop refuses before asking the server, with their (vi, en) messages.
_LAPTOP_REFUSALS: dict[str, tuple[str, str]] = {
    OTHER_WARD: ("Hồ sơ này thuộc một phường khác; hãy dùng một hồ sơ mới.", "This profile belongs to another ward; use a new profile."),
    INSECURE_HTTP: ("Máy chủ dùng http:// (không mã hoá) qua mạng: mã đăng ký và dữ liệu cư dân sẽ đi qua mạng dưới dạng rõ. "
                    "Dùng địa chỉ https://, hoặc thêm --insecure nếu văn phòng phường yêu cầu rõ như vậy.",
                    "The server address is plain http:// over the network: the code and residents' data would travel "
                    "unencrypted. Use an https:// address, or add --insecure if the ward office explicitly says so."),
    UNENCRYPTED_PROFILE: ("Hồ sơ demo không mã hoá chỉ được đăng ký với phường demo của máy chủ demo trên chính máy này; "
                          "dữ liệu thật của phường cần một hồ sơ mã hoá (có kho khoá của hệ điều hành).",
                          "An unencrypted demo profile can only enrol into the demo ward of a demo server on this computer; "
                          "a ward's real data needs an encrypted profile (with the OS keyring)."),
}


class EnrolmentFailed(SyncError):
    code = "enrolment_failed"

    def __init__(self, reason: str) -> None:
        if reason in _LAPTOP_REFUSALS:  # the laptop's own checks, not server reasons
            vi, en = _LAPTOP_REFUSALS[reason]
        elif reason in (Reason.BAD_CODE, Reason.EXPIRED_CODE, Reason.ENROLMENT_UNCONFIRMED, Reason.DEMO_WARD_ONLY):
            vi, en = messages(reason)
        else:
            vi, en = f"Đăng ký thất bại ({reason}).", f"Enrolment failed ({reason})."
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
