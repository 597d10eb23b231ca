"""Client entry points: enrol this profile with a ward server, and run a sync.

The device token goes to the OS keyring only (``outreach.secrets``); ``profile.json`` keeps the
non-secret identity the server assigned (device id, ward, team, role, member).
"""

from __future__ import annotations

import datetime as dt
import platform
from dataclasses import dataclass

from sqlalchemy import select

from outreach import secrets
from outreach.model import SyncState
from outreach.store.database import Store
from outreach.model.clock import is_valid_stamp
from outreach.sync.engine import SyncEngine, SyncReport
from outreach.wire.enrolment_link import enrolment_link
from outreach.sync.errors import OTHER_WARD, EnrolmentFailed, NotEnrolled, ProtocolFailure
from outreach.sync.transport import HttpTransport, Transport


@dataclass(frozen=True)
class Enrolment:
    device_id: str
    ward_id: str
    team_id: str | None
    role: str
    member_id: str | None


def enroll(store: Store, server_url: str, code: str, *, ca_bundle: str | None = None, transport: Transport | None = None) -> Enrolment:
    """Exchange a one-time code for a device token; the profile joins the code's ward and team."""
    own = transport is None
    transport = transport or HttpTransport(server_url, None, ca_bundle=ca_bundle)
    try:
        reply = transport.post("/enroll", {"code": code.strip(), "label": platform.node()[:100]})
    finally:
        if own:
            transport.close()
    try:
        enrolment = Enrolment(reply["device_id"], reply["ward_id"], reply.get("team_id"), reply["role"], reply.get("member_id"))
        token = reply["token"]
    except (KeyError, TypeError):
        raise ProtocolFailure(200, "bad_enrol_reply") from None
    profile = store.profile
    if profile.ward_id and profile.ward_id != enrolment.ward_id:
        raise EnrolmentFailed(OTHER_WARD)
    secrets.set_device_token(profile.profile_id, token)
    profile.server_url = server_url.rstrip("/")
    profile.server_device_id = enrolment.device_id
    profile.ward_id, profile.team_id, profile.role = enrolment.ward_id, enrolment.team_id, enrolment.role
    if enrolment.member_id:
        profile.member_id = enrolment.member_id
    if ca_bundle is not None:
        profile.ca_bundle = ca_bundle
    profile.save()
    server_time = reply.get("server_time")
    with store.write() as tx:
        if isinstance(server_time, str) and is_valid_stamp(server_time):
            store.clock.observe(server_time)
        state = tx.session.get(SyncState, 1)
        if state is not None and state.last_error_code in ("revoked", "unknown_token"):
            state.last_error_code, state.last_error = None, None
    return enrolment


@dataclass(frozen=True)
class IssuedEnrolmentCode:
    """A one-time code a leader got for a team member's laptop, and the link its QR carries."""

    code: str
    expires_at: dt.datetime
    link: str


def issue_team_enrolment_code(store: Store, member_name: str = "", *, transport: Transport | None = None) -> IssuedEnrolmentCode:
    """Ask the server for a volunteer code for this leader's team (the server checks the role)."""
    own = transport is None
    transport = transport or transport_for(store)
    try:
        reply = transport.post("/enrolment-codes", {"member_name": member_name.strip()})
    finally:
        if own:
            transport.close()
    try:
        code, expires = reply["code"], dt.datetime.fromisoformat(reply["expires_at"])
    except (KeyError, TypeError, ValueError):
        raise ProtocolFailure(200, "bad_code_reply") from None
    return IssuedEnrolmentCode(code, expires, enrolment_link(store.profile.server_url, code))


def transport_for(store: Store) -> HttpTransport:
    profile = store.profile
    if not profile.server_url:
        raise NotEnrolled()
    token = secrets.get_device_token(profile.profile_id)
    if not token:
        raise NotEnrolled()
    return HttpTransport(profile.server_url, token, ca_bundle=profile.ca_bundle)


def run_sync(store: Store, *, verify: bool | None = None, transport: Transport | None = None) -> SyncReport:
    """One push + pull with the profile's server; raises a SyncError the user can act on."""
    own = transport is None
    transport = transport or transport_for(store)
    try:
        return SyncEngine(store, transport).sync(verify=verify)
    finally:
        if own:
            transport.close()


def sync_state(store: Store) -> SyncState | None:
    with store.read() as session:
        return session.scalar(select(SyncState).where(SyncState.id == 1))
