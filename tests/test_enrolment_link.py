"""The enrolment link in QR codes: what the server prints is what the app reads back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outreach.wire.enrolment_link import NotAnEnrolmentLink, enrolment_link, parse_enrolment_link

codes = st.text(alphabet="ABCDEFGHJKMNPQRSTUVWXYZ23456789-", min_size=1, max_size=20).filter(lambda c: c.strip("-"))


@given(code=codes, server=st.sampled_from([None, "https://outreach.phuong.example.vn", "http://127.0.0.1:8765/base"]))
def test_round_trip(code: str, server: str | None) -> None:
    link = parse_enrolment_link(enrolment_link(server, code))
    assert (link.code, link.server_url) == (code, server)


def test_scanner_whitespace_is_ignored() -> None:
    link = parse_enrolment_link("  outreach://enroll?code=AB12-CD34&server=https%3A%2F%2Fx.vn\r\n")
    assert (link.code, link.server_url) == ("AB12-CD34", "https://x.vn")


@pytest.mark.parametrize("text", [
    "AB12-CD34",  # a bare code: the field keeps it as typed
    "https://outreach.example.vn/enroll?code=X",
    "outreach://enroll?server=https://x.vn",
    "outreach://enroll?code=",
    "outreach://enroll?code=A&code=B",
    "outreach://enroll?code=A&server=javascript:alert(1)",
    "outreach://other?code=A",
])
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises(NotAnEnrolmentLink):
        parse_enrolment_link(text)
