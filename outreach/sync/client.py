"""Client entry points: enrol this profile with a ward server, and run a sync.

The device token goes to the OS keyring (``outreach.store.device_token``; only an unencrypted demo
profile keeps it in a private file); ``profile.json`` keeps the non-secret identity the server
assigned (device id, ward, team, role, member).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import platform
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import select

from outreach.model import SyncState, TeamMember
from outreach.model.clock import is_valid_stamp
from outreach.store.database import Store
from outreach.store.device_token import load_device_role, load_device_token, save_device_role, save_device_token
from outreach.store.wipe import wipe_store
from outreach.sync.engine import SyncEngine, SyncReport
from outreach.sync.errors import (
    INSECURE_HTTP,
    OTHER_WARD,
    STOPPED_CODES,
    UNENCRYPTED_PROFILE,
    DeviceLost,
    DeviceWiped,
    EnrolmentFailed,
    NotEnrolled,
    ProtocolFailure,
)
from outreach.sync.transport import HttpTransport, Transport
from outreach.vocabulary import Role
from outreach.wire.enrolment_link import enrolment_link


@dataclass(frozen=True)
class Enrolment:
    device_id: str
    ward_id: str
    team_id: str | None
    role: str
    member_id: str | None


def enroll(store: Store, server_url: str, code: str, *, ca_bundle: str | None = None, transport: Transport | None = None,
           insecure: bool = False) -> Enrolment:
    """Exchange a one-time code for a device token; the profile joins the code's ward and team.

    An unencrypted (demo) profile enrols only with a server on this computer, into a ward that
    server says is demo data: its database and token are plain files, fit for synthetic data and
    never for a ward's residents. Plain
    ``http://`` to another computer needs ``insecure`` (remembered in the profile, which every
    start then points out): the token and residents' data would cross the network in clear."""
    if not store.profile.encrypted and not is_loopback_url(server_url):
        raise EnrolmentFailed(UNENCRYPTED_PROFILE)
    plain_http = urlsplit(server_url.strip()).scheme.lower() == "http" and not is_loopback_url(server_url)
    if plain_http and not insecure:
        raise EnrolmentFailed(INSECURE_HTTP)
    profile = store.profile
    own = transport is None
    transport = transport or HttpTransport(server_url, None, ca_bundle=ca_bundle)
    try:
        reply = transport.post("/enroll", {"code": code.strip(), "label": platform.node()[:100], "encrypted": profile.encrypted})
        try:
            enrolment = Enrolment(reply["device_id"], reply["ward_id"], reply.get("team_id"), reply["role"], reply.get("member_id"))
            token = reply["token"]
        except (KeyError, TypeError):
            raise ProtocolFailure(200, "bad_enrol_reply") from None
        # The server refuses too; the laptop does not trust a server's word that it is careful.
        if not profile.encrypted and reply.get("demo") is not True:
            raise EnrolmentFailed(UNENCRYPTED_PROFILE)
        if profile.ward_id and profile.ward_id != enrolment.ward_id:
            raise EnrolmentFailed(OTHER_WARD)
        # Two phases: the code is spent only once the token is safely stored. A keyring that
        # fails here leaves a pending device that expires, and the same code works again.
        save_device_token(profile, token)
        save_device_role(profile, enrolment.role)
        transport.post("/enroll/confirm", {"token": token})
    finally:
        if own:
            transport.close()
    profile.server_url = server_url.rstrip("/")
    profile.server_device_id = enrolment.device_id
    profile.ward_id, profile.team_id, profile.role = enrolment.ward_id, enrolment.team_id, enrolment.role
    if enrolment.member_id:
        profile.member_id = enrolment.member_id
    if ca_bundle is not None:
        profile.ca_bundle = ca_bundle
    profile.insecure_http = plain_http
    profile.save()
    server_time = reply.get("server_time")
    with store.write() as tx:
        if isinstance(server_time, str) and is_valid_stamp(server_time):
            store.clock.observe(server_time)
        state = tx.session.get(SyncState, 1)
        if state is not None and state.last_error_code in STOPPED_CODES:
            state.last_error_code, state.last_error = None, None
    return enrolment


def is_loopback_url(url: str) -> bool:
    """Whether ``url`` names this computer (127.0.0.0/8, ::1 or localhost)."""
    host = (urlsplit(url.strip()).hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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
    token = load_device_token(profile)
    if not token:
        raise NotEnrolled()
    return HttpTransport(profile.server_url, token, ca_bundle=profile.ca_bundle, wall_ms=store.clock.wall_ms)


def run_sync(store: Store, *, verify: bool | None = None, transport: Transport | None = None) -> SyncReport:
    """One push + pull with the profile's server; raises a SyncError the user can act on.

    A laptop the office reported lost destroys its data here (``store.wipe``) and raises
    ``DeviceWiped``: ``store`` is then unusable."""
    own = transport is None
    transport = transport or transport_for(store)
    try:
        report = SyncEngine(store, transport).sync(verify=verify)
    except DeviceLost:
        # reported lost or stolen: the key goes first, then the database, backups and exports
        wipe_store(store, with_exports=True)
        raise DeviceWiped() from None
    finally:
        if own:
            transport.close()
    _adopt_member_name(store)
    if report.role is not None:
        adopt_role(store, report.role)
    return report


def adopt_role(store: Store, role: str) -> None:
    """Keep the role the server answered (it knows the device's role; an edited profile.json
    does not change it): with the token, and in profile.json for display only."""
    if role not in tuple(Role):
        return
    profile = store.profile
    if load_device_role(profile) != role:
        save_device_role(profile, role)
    if profile.role != role:
        profile.role = role
        profile.save()


def _adopt_member_name(store: Store) -> None:
    """Name this computer's team member once their row has arrived: an enrolment code carries the
    member's id, and the name comes with the team on the first pull."""
    profile = store.profile
    if not profile.member_id or profile.member_name:
        return
    with store.read() as session:
        name = session.scalar(select(TeamMember.full_name).where(TeamMember.id == profile.member_id))
    if name:
        profile.member_name = name
        profile.save()


def sync_state(store: Store) -> SyncState | None:
    with store.read() as session:
        return session.scalar(select(SyncState).where(SyncState.id == 1))
