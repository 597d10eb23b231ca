"""Enrolment codes are bearer secrets: wrong guesses are throttled per address, a code lives a
week at most, and a team holds a bounded number of unused codes."""

from __future__ import annotations

import subprocess
import sys

import pytest
import requests
from sqlalchemy import func, select

from outreach.model import TeamMember
from outreach.server import admin, auth
from outreach.wire import protocol
from tests.helpers.sync import WardSetup, enrol_fast, fast_store

HEADERS = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)}


def _enrol(ward: WardSetup, code: str) -> requests.Response:
    return requests.post(f"{ward.server.url}{protocol.API_PREFIX}/enroll", json={"code": code, "label": "t", "encrypted": True},
                         headers=HEADERS, timeout=10)


def test_wrong_codes_are_throttled_per_address_and_the_window_passes(ward_setup: WardSetup) -> None:
    now = [1000.0]
    ward_setup.server.app.state.enrol_attempts = auth.AttemptLimiter(clock=lambda: now[0])
    for _ in range(auth.MAX_FAILED_ATTEMPTS):
        assert _enrol(ward_setup, "AAAAA-BBBBB").status_code == 401
    good = ward_setup.code()
    throttled = _enrol(ward_setup, good)  # even a right code waits: a guesser cannot tell
    assert throttled.status_code == 429
    body = throttled.json()
    assert body["reason"] == "too_many_attempts" and 1 <= body["retry_after"] <= auth.ATTEMPT_WINDOW_S and body["message_vi"]
    now[0] += auth.ATTEMPT_WINDOW_S + 1
    assert _enrol(ward_setup, good).status_code == 200


def test_a_code_lives_a_week_at_most(ward_setup: WardSetup) -> None:
    with pytest.raises(admin.AdminError, match="7 days"):
        admin.issue_enrolment_code(ward_setup.server.db, ward_setup.team_id, "volunteer", "Ai đó", minutes=10_000_000)
    with ward_setup.server.db.read() as conn:  # refused before the named member was made
        assert conn.execute(select(func.count()).select_from(TeamMember).where(TeamMember.full_name == "Ai đó")).scalar_one() == 0
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "outreach.server.cli",
            "--db",
            ward_setup.server.db.engine.url.render_as_string(hide_password=False),
            "device",
            "enroll",
            "--team",
            ward_setup.team_id,
            "--role",
            "volunteer",
            "--minutes",
            "10000000",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert cli.returncode == 1 and "7 days" in cli.stderr


def test_a_team_holds_a_bounded_number_of_unused_codes(ward_setup: WardSetup, template_root, tmp_path) -> None:
    leader = fast_store(template_root, tmp_path / "leader")
    transport = enrol_fast(ward_setup, leader, "leader")
    with ward_setup.server.db.read() as conn:
        open_codes = conn.execute(select(func.count()).select_from(auth.EnrolmentCode).where(
            auth.EnrolmentCode.team_id == ward_setup.team_id, auth.EnrolmentCode.used_at.is_(None))).scalar_one()
    for _ in range(auth.MAX_OPEN_CODES_PER_TEAM - open_codes):
        transport.post("/enrolment-codes", {})
    refused = requests.post(f"{ward_setup.server.url}{protocol.API_PREFIX}/enrolment-codes", json={},
                            headers={**HEADERS, "Authorization": transport.session.headers["Authorization"]}, timeout=10)
    assert refused.status_code == 429 and refused.json()["reason"] == "too_many_codes"
    leader.close()
