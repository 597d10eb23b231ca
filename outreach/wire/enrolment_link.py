"""The enrolment link a QR code carries: ``outreach://enroll?code=…&server=…``.

One format for every place that makes or reads it: the server's ``device enroll`` command
(terminal QR, PNG), the leader's "enrol a team member's laptop" screen, and the enrolment field
of a new laptop, where a USB scanner types the link and both fields fill themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

SCHEME = "outreach"
ACTION = "enroll"


class NotAnEnrolmentLink(ValueError):
    """The text is not an enrolment link (it may be a bare code, which is fine)."""


@dataclass(frozen=True)
class EnrolmentLink:
    code: str
    server_url: str | None


def enrolment_link(server_url: str | None, code: str) -> str:
    """The text to put in a QR code for ``code`` (and the server, when known)."""
    query = {"code": code}
    if server_url:
        query["server"] = server_url
    return f"{SCHEME}://{ACTION}?" + urlencode(query)


def parse_enrolment_link(text: str) -> EnrolmentLink:
    """Read a scanned link back; raises ``NotAnEnrolmentLink`` for anything else."""
    parts = urlsplit(text.strip())
    if parts.scheme.lower() != SCHEME or parts.netloc.lower() != ACTION:
        raise NotAnEnrolmentLink(f"not an {SCHEME}://{ACTION} link")
    query = parse_qs(parts.query)
    codes = query.get("code", [])
    if len(codes) != 1 or not codes[0].strip():
        raise NotAnEnrolmentLink("the link holds no enrolment code")
    servers = query.get("server", [])
    server = servers[0].strip() if servers else None
    if server and urlsplit(server).scheme not in ("http", "https"):
        raise NotAnEnrolmentLink("the link's server address is not http(s)")
    return EnrolmentLink(codes[0].strip(), server or None)
