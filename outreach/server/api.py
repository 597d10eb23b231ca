"""The HTTP API under ``/api/v1`` (DESIGN.md §4.5–4.12): health, enrol, push, pull, lost values.

Every refusal is JSON ``{"reason": code, "message_vi", "message_en", ...}`` with a fixed status:
401 unknown/revoked token, 403 outside the device's ward (or leader-only), 413 too large,
422 malformed (reason says what), 426 unsupported protocol version. Push bodies are read by
hand (size-capped, gzip-aware) instead of through a Pydantic model: 500 changes of arbitrary
fields validate faster against the shared model's columns, with per-change answers.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import zlib
from collections.abc import Callable
from functools import partial
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import AfterValidator, BaseModel, Field
from sqlalchemy import select, update
from sqlalchemy.exc import DataError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from outreach import __version__
from outreach.model.codec import dumps_compact, loads
from outreach.model.field_rules import bad_characters
from outreach.server import audit_trail, auth
from outreach.server.admin import CodeRefused, issue_enrolment_code, server_clock
from outreach.server.clock_watch import ClockWatch
from outreach.server.db import ServerDb
from outreach.server.device_status import note_push
from outreach.server.inventory import note_held
from outreach.server.pull import pull_columns, pull_page
from outreach.server.push import RequestRefused, apply_push
from outreach.server.schema import LostValueRecord
from outreach.server.scope import scope_of
from outreach.vocabulary import Role
from outreach.wire import audit as wire_audit
from outreach.wire import protocol
from outreach.wire.reasons import Reason
from outreach.wire.reasons import messages as reason_messages

log = logging.getLogger("outreach.server.api")


class ApiError(Exception):
    def __init__(self, status: int, reason: str, detail: str = "", **extra: Any) -> None:
        super().__init__(reason)
        self.status, self.reason, self.detail, self.extra = status, reason, detail, extra


def error_response(status: int, reason: str, detail: str = "", **extra: Any) -> JSONResponse:
    vi, en = reason_messages(reason)
    body: dict[str, Any] = {"reason": reason, "message_vi": vi, "message_en": en, **extra}
    if detail:
        body["detail"] = detail
    return JSONResponse(body, status_code=status)


def _one_line_text(value: str) -> str:
    """Text a device sends outside a push (a label, a name, a code) holds no control characters:
    PostgreSQL cannot store a NUL (that was a 500) and a terminal would run an escape."""
    if bad_characters(value):
        raise ValueError("control characters are not allowed")
    return value


OneLineText = Annotated[str, AfterValidator(_one_line_text)]


class EnrolRequest(BaseModel):
    code: OneLineText = Field(min_length=1, max_length=40)
    label: OneLineText = Field(default="", max_length=200)
    #: Whether the laptop's profile database is encrypted: an unencrypted one may enrol only
    #: into a demo ward (required: a laptop that does not say is not trusted with residents).
    encrypted: bool


class ConfirmRequest(BaseModel):
    """Second phase of enrolment: the laptop stored this token and asks to activate it."""

    token: str = Field(min_length=1, max_length=200)


class CodeRequest(BaseModel):
    """A leader asks for a volunteer code for their own team (optionally naming the member)."""

    member_name: OneLineText = Field(default="", max_length=200)
    minutes: int = Field(default=auth.DEFAULT_CODE_MINUTES, ge=1, le=60)


_PUSH_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["changes"],
                    "properties": {
                        "changes": {
                            "type": "array",
                            "maxItems": protocol.MAX_BATCH_CHANGES,
                            "items": {
                                "type": "object",
                                "required": ["change_id", "entity", "entity_id"],
                                # {field: [value, stamp]}, or every field with one stamp (see "compact_changes")
                                "anyOf": [{"required": ["fields"]}, {"required": ["stamp", "values"]}],
                                "properties": {
                                    "change_id": {"type": "string", "maxLength": 36},
                                    "entity": {"type": "string"},
                                    "entity_id": {"type": "string", "maxLength": 36},
                                    "fields": {"type": "object", "additionalProperties": {"type": "array", "minItems": 2, "maxItems": 2}},
                                    "stamp": {"type": "string"},
                                    "values": {"type": "object"},
                                    "bases": {"type": "object"},
                                },
                            },
                        }
                    },
                }
            }
        },
    }
}


def _json_response(data: Any) -> Response:
    return Response(dumps_compact(data).encode(), media_type="application/json")


async def _read_body(request: Request, limit: int) -> Any:
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise ApiError(413, Reason.TOO_LARGE)
    size, chunks = 0, []
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, Reason.TOO_LARGE)
        chunks.append(chunk)
    body = b"".join(chunks)
    encoding = request.headers.get("content-encoding", "").strip().lower()
    if encoding == "gzip":
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            body = inflater.decompress(body, limit + 1)
        except zlib.error:
            raise ApiError(422, Reason.BAD_GZIP) from None
        if len(body) > limit or inflater.unconsumed_tail:
            raise ApiError(413, Reason.TOO_LARGE)
        if not inflater.eof:
            raise ApiError(422, Reason.BAD_GZIP, "truncated")
    elif encoding not in ("", "identity"):
        raise ApiError(422, Reason.BAD_ENCODING, "only gzip is accepted")
    try:
        return loads(body)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(422, Reason.BAD_JSON) from None
    except RecursionError:  # arrays or objects nested thousands deep
        raise ApiError(422, Reason.TOO_DEEP) from None


def _system_ms() -> int:
    return time.time_ns() // 1_000_000


def create_app(db: ServerDb, *, max_request_bytes: int = protocol.MAX_REQUEST_BYTES,
               wall_ms: Callable[[], int] = _system_ms, demo: bool = False) -> FastAPI:
    """The API over ``db``; ``wall_ms`` is the server's wall clock (a test sets it wrong);
    ``demo``: the local server of ``outreach demo``, whose one laptop pushes a whole synthetic
    ward (groups, other teams, their visits) and so writes as the office would."""
    app = FastAPI(title="Outreach central office API", version=__version__, docs_url=None, redoc_url=None)
    # level 1: a 10,000-row pull page compresses 10× in ~25 ms; level 9 took ~10× longer for ~25% less
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=1)
    app.state.db = db
    clock = server_clock(db, wall_ms)
    #: laptops' clocks against this server's: is it the server's that is wrong?
    app.state.clock_watch = ClockWatch(wall_ms)
    #: Failed enrolments per client address (``request.client``: the real client behind a local
    #: reverse proxy too, as uvicorn reads X-Forwarded-For from 127.0.0.1).
    app.state.enrol_attempts = auth.AttemptLimiter()

    def server_time() -> str:
        return clock.now()

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.reason, exc.detail, **exc.extra)

    @app.exception_handler(RequestRefused)
    async def _refused(_request: Request, exc: RequestRefused) -> JSONResponse:
        return error_response(exc.status, exc.reason, exc.detail, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [{"loc": [str(p) for p in e.get("loc", ())], "type": e.get("type")} for e in exc.errors()]
        return error_response(422, Reason.BAD_REQUEST, problems=problems)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> Response:
        """FastAPI's own refusals (a body it cannot parse: 400) answer with a reason like ours."""
        if exc.status_code == 400:
            return error_response(400, Reason.BAD_JSON, str(exc.detail))
        return await http_exception_handler(_request, exc)

    @app.exception_handler(DataError)
    async def _data_error(request: Request, exc: DataError) -> JSONResponse:
        """A value the database refuses (PostgreSQL: NUL in text, a number out of range) is the
        request's fault, not the server's: 422 with a reason, never a 500."""
        log.info("value refused by the database", extra={"event": "refused", "path": request.url.path, "reason": Reason.BAD_VALUE})
        return error_response(422, Reason.BAD_VALUE)

    @app.exception_handler(RecursionError)
    async def _too_deep(request: Request, _exc: RecursionError) -> JSONResponse:
        """A body nested thousands deep that FastAPI parses itself (enrolment, codes): 422, not a
        crash. The push body is read by ``_read_body``, which answers the same."""
        log.info("request nested too deep", extra={"event": "refused", "path": request.url.path, "reason": Reason.TOO_DEEP})
        return error_response(422, Reason.TOO_DEEP)

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error", exc_info=exc, extra={"event": "error", "path": request.url.path})
        return error_response(500, Reason.INTERNAL)

    @app.middleware("http")
    async def _log_requests(request: Request, call_next: Any) -> Any:
        started = time.perf_counter()
        response = await call_next(request)
        log.info(
            "request",
            extra={"event": "request", "method": request.method, "path": request.url.path, "status": response.status_code,
                   "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                   "device_id": getattr(request.state, "device_id", None)},
        )
        return response

    def check_protocol(x_outreach_protocol: str | None = Header(default=None, alias=protocol.PROTOCOL_HEADER)) -> None:
        try:
            version = int(x_outreach_protocol or "")
        except ValueError:
            version = -1
        if version not in protocol.SUPPORTED_VERSIONS:
            raise ApiError(426, Reason.UPGRADE_REQUIRED, supported=sorted(protocol.SUPPORTED_VERSIONS))

    def authenticated(request: Request, authorization: str | None, *, pushing: bool) -> auth.DeviceIdentity:
        if not authorization or not authorization.startswith("Bearer ") or len(authorization) > 200:
            raise ApiError(401, Reason.MISSING_TOKEN)
        try:
            with db.read() as conn:
                device = auth.authenticate(conn, authorization[len("Bearer "):].strip(), pushing=pushing)
        except auth.AuthFailure as exc:
            if exc.device_id is not None and exc.reason in (Reason.RETIRED, Reason.WIPE):
                with db.write() as conn:
                    auth.record_stop(conn, exc.device_id)
                log.info("revoked device stopped", extra={"event": "device_stopped", "device_id": exc.device_id,
                                                          "reason": exc.reason})
            raise ApiError(401, exc.reason) from None
        request.state.device_id = device.device_id
        laptop_ms = request.headers.get(protocol.CLOCK_HEADER, "")
        if laptop_ms.isdigit() and len(laptop_ms) <= 15:
            request.app.state.clock_watch.observe(device.device_id, int(laptop_ms))
        return device

    def device_of(
        request: Request, _p: None = Depends(check_protocol), authorization: str | None = Header(default=None)
    ) -> auth.DeviceIdentity:
        return authenticated(request, authorization, pushing=False)

    def pushing_device_of(
        request: Request, _p: None = Depends(check_protocol), authorization: str | None = Header(default=None)
    ) -> auth.DeviceIdentity:
        """A push: a retired laptop may still hand over what it has (``auth.revocation_refusal``)."""
        return authenticated(request, authorization, pushing=True)

    def blame_server_clock(outcomes: list[Any]) -> None:
        """When the laptops agree that this server's clock is behind, its clock_ahead answers
        say so (call the office), and the log says so for whoever runs the server."""
        held = [o for o in outcomes if o.reason == Reason.CLOCK_AHEAD]
        behind_ms = app.state.clock_watch.server_behind_ms() if held else None
        if behind_ms is None:
            return
        for outcome in held:
            outcome.reason = Reason.SERVER_CLOCK_BEHIND
        log.warning("the server's clock looks behind the laptops' clocks: check the server's date and time",
                    extra={"event": "server_clock_behind", "ahead_ms": behind_ms, "devices": len(held)})

    @app.get(f"{protocol.API_PREFIX}/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "protocol": protocol.PROTOCOL_VERSION, "supported": sorted(protocol.SUPPORTED_VERSIONS),
                "version": __version__, "server_time": server_time()}

    @app.post(f"{protocol.API_PREFIX}/enroll", dependencies=[Depends(check_protocol)])
    def enroll(body: EnrolRequest, request: Request) -> dict[str, Any]:
        address = request.client.host if request.client else "unknown"
        enrol_attempts: auth.AttemptLimiter = request.app.state.enrol_attempts
        wait = enrol_attempts.retry_after(address)
        if wait:
            log.info("enrolment throttled", extra={"event": "enrol_refused", "reason": Reason.TOO_MANY_ATTEMPTS, "client": address})
            raise ApiError(429, Reason.TOO_MANY_ATTEMPTS, retry_after=wait)
        try:
            with db.write() as conn:
                pending = auth.redeem_code(conn, body.code, body.label, encrypted=body.encrypted)
        except auth.AuthFailure as exc:
            if exc.reason != Reason.DEMO_WARD_ONLY:  # a right code for the wrong profile is no guess
                enrol_attempts.failed(address)
            log.info("enrolment refused", extra={"event": "enrol_refused", "reason": exc.reason, "client": address})
            raise ApiError(403 if exc.reason == Reason.DEMO_WARD_ONLY else 401, exc.reason) from None
        device = pending.device
        request.state.device_id = device.device_id
        log.info("device pending", extra={"event": "enrol_pending", "device_id": device.device_id, "ward_id": device.ward_id})
        return {"device_id": device.device_id, "token": pending.token, "ward_id": device.ward_id, "team_id": device.team_id,
                "role": device.role, "member_id": device.member_id, "demo": pending.demo, "pending": True,
                "server_time": server_time()}

    @app.post(f"{protocol.API_PREFIX}/enroll/confirm", dependencies=[Depends(check_protocol)])
    def confirm_enrolment(body: ConfirmRequest, request: Request) -> dict[str, Any]:
        """The laptop stored its token: the device becomes active and its code is spent."""
        with db.write() as conn:
            device = auth.confirm_device(conn, body.token)
        if isinstance(device, auth.AuthFailure):
            log.info("enrolment not confirmed", extra={"event": "enrol_refused", "reason": device.reason})
            raise ApiError(401, device.reason)
        request.state.device_id = device.device_id
        log.info("device enrolled", extra={"event": "enrolled", "device_id": device.device_id, "ward_id": device.ward_id})
        return {"device_id": device.device_id, "confirmed": True, "server_time": server_time()}

    @app.post(f"{protocol.API_PREFIX}/enrolment-codes")
    def issue_code(body: CodeRequest, device: auth.DeviceIdentity = Depends(device_of)) -> dict[str, Any]:
        """A team leader enrols a volunteer's laptop in the field, without the office console."""
        if device.role != Role.LEADER or device.team_id is None:
            raise ApiError(403, Reason.LEADER_ONLY)
        try:
            issued = issue_enrolment_code(db, device.team_id, Role.VOLUNTEER, body.member_name.strip() or None, body.minutes)
        except CodeRefused as exc:
            raise ApiError(429 if exc.reason == Reason.TOO_MANY_CODES else 422, exc.reason) from None
        log.info("enrolment code issued", extra={"event": "code_issued", "device_id": device.device_id})
        expires_utc = issued.expires_at.replace(tzinfo=dt.UTC)  # stored naive UTC
        return {"code": issued.code, "expires_at": expires_utc.isoformat(), "team_id": issued.team_id,
                "role": issued.role, "member_id": issued.member_id}

    @app.post(f"{protocol.API_PREFIX}/sync/push", openapi_extra=_PUSH_SCHEMA)
    async def push(request: Request, device: auth.DeviceIdentity = Depends(pushing_device_of)) -> Response:
        payload = await _read_body(request, max_request_bytes)
        result = await run_in_threadpool(partial(apply_push, now_ms=wall_ms(), office_rights=demo), db, device, payload)
        blame_server_clock(result.outcomes)
        counts = result.counts
        await run_in_threadpool(note_push, db, device.device_id, request.headers.get("user-agent"), counts.get("rejected", 0))
        log.info(
            "push",
            extra={
                "event": "push",
                "device_id": device.device_id,
                "applied": counts.get("applied", 0),
                "rejected": counts.get("rejected", 0),
                "retryable": counts.get("retryable", 0),
                "rows": result.rows_written,
            },
        )
        return _json_response({"results": [o.to_wire() for o in result.outcomes], "server_time": server_time(),
                               "server_time_ms": wall_ms(), protocol.COMPACT_CHANGES: True})

    @app.get(f"{protocol.API_PREFIX}/sync/pull")
    def pull(
        since: int = Query(default=0, ge=0, le=2**62),
        limit: int = Query(default=protocol.DEFAULT_PULL_LIMIT, ge=1, le=protocol.MAX_PULL_LIMIT),
        ward: str | None = Query(default=None, max_length=36),
        layout: Literal["rows", "columns"] = Query(default="rows"),
        device: auth.DeviceIdentity = Depends(device_of),
    ) -> Response:
        if ward is not None and ward != device.ward_id:
            raise ApiError(403, Reason.OUTSIDE_WARD)
        # who the device is, as enrolled: the laptop takes its role from here, not from its profile.json;
        # and what of the ward it is served (``area``: its team's groups, null for the whole ward)
        scope = scope_of(device)
        with db.read() as conn:
            area = scope.area_groups(conn)
        identity = {"role": device.role, "member_id": device.member_id, "team_id": device.team_id, "area": area}
        if layout == "columns":
            columns = pull_columns(db, device.ward_id, since, limit, scope)
            if not columns.has_more:
                note_held(db, device.device_id, device.ward_id, columns.next_cursor, scope)
            return Response(columns.to_json(server_time(), device=identity), media_type="application/json")
        page = pull_page(db, device.ward_id, since, limit, scope)
        if not page.has_more:  # the laptop now holds its scope up to here: the breach inventory's count
            note_held(db, device.device_id, device.ward_id, page.next_cursor, scope)
        return _json_response({"rows": page.rows, "next": page.next_cursor, "has_more": page.has_more,
                               "digest": page.digest, "server_time": server_time(), "device": identity})

    @app.post(f"{protocol.API_PREFIX}{wire_audit.PATH}")
    async def upload_audit(request: Request, device: auth.DeviceIdentity = Depends(device_of)) -> dict[str, Any]:
        """A laptop's audit events, stored once each, append-only (``wire/audit.py``)."""
        payload = await _read_body(request, max_request_bytes)
        try:
            events = wire_audit.parse_events(payload)
        except wire_audit.BadEvents as exc:
            raise ApiError(422, Reason.BAD_SHAPE, str(exc)) from None

        def store() -> int:
            with db.write() as conn:
                return audit_trail.receive(conn, device_id=device.device_id, ward_id=device.ward_id, member_id=device.member_id,
                                           events=events)

        stored = await run_in_threadpool(store)
        log.info("audit upload", extra={"event": "audit_upload", "device_id": device.device_id, "stored": stored})
        return {"acknowledged": [e.event_id for e in events], "stored": stored, "server_time": server_time()}

    @app.get(f"{protocol.API_PREFIX}/lost-values")
    def lost_values(include_resolved: bool = False, device: auth.DeviceIdentity = Depends(device_of)) -> Response:
        if device.role != Role.LEADER:
            raise ApiError(403, Reason.LEADER_ONLY)
        query = select(LostValueRecord).where(LostValueRecord.ward_id == device.ward_id).order_by(LostValueRecord.id)
        if not include_resolved:
            query = query.where(LostValueRecord.resolved_at.is_(None))
        with db.read() as conn:
            rows = [
                {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in dict(r).items()}
                for r in conn.execute(query).mappings()
            ]
        return _json_response({"lost_values": rows})

    @app.post(f"{protocol.API_PREFIX}/lost-values/{{lost_id}}/resolve")
    def resolve_lost_value(lost_id: int, device: auth.DeviceIdentity = Depends(device_of)) -> dict[str, Any]:
        if device.role != Role.LEADER:
            raise ApiError(403, Reason.LEADER_ONLY)
        with db.write() as conn:
            count = conn.execute(
                update(LostValueRecord)
                .where(LostValueRecord.id == lost_id, LostValueRecord.ward_id == device.ward_id)
                .values(resolved_at=auth.utcnow())
            ).rowcount
        if not count:
            raise ApiError(404, Reason.NOT_FOUND)
        return {"resolved": lost_id}

    return app
