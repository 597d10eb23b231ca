"""Sign-in, sign-out and the language switch (the only pages reachable without a session).

The log says who signed in by account id and why a sign-in was refused, never the login typed
or the password; the client address is kept only in the in-memory throttle."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from outreach.console.audit import note
from outreach.console.messages import language_of
from outreach.console.rendering import PREFIX, render
from outreach.console.security import LANG_COOKIE, SESSION_COOKIE, set_cookie
from outreach.server import accounts
from outreach.server.auth import AttemptLimiter
from outreach.server.db import ServerDb
from outreach.vocabulary import AuditAction

log = logging.getLogger("outreach.server.console")
router = APIRouter()


@router.get("/login")
def login_page(request: Request) -> Response:
    if request.state.session is not None:
        return RedirectResponse(f"{PREFIX}/", status_code=303)
    return render(request, "login.html", error=None)


@router.post("/login")
def login(request: Request, login: str = Form(max_length=200), password: str = Form(max_length=500)) -> Response:
    db: ServerDb = request.app.state.db
    limiter: AttemptLimiter = request.app.state.login_attempts
    address = request.client.host if request.client else "unknown"
    if limiter.retry_after(address):
        log.warning("console sign-in throttled", extra={"event": "console_login_refused", "reason": "throttled"})
        return render(request, "login.html", status_code=429, error="login_throttled")
    result = accounts.check_login(db, login, password)
    if result.account is None:
        limiter.failed(address)
        if result.locked_now:
            log.warning("console account locked after repeated failures", extra={"event": "console_locked"})
        log.info("console sign-in refused", extra={"event": "console_login_refused", "reason": result.refusal})
        return render(request, "login.html", status_code=401, error=f"login_{result.refusal}")
    token = accounts.open_session(db, result.account.id)
    note(db, result.account, AuditAction.CONSOLE_LOGIN, result.account.ward_id)
    log.info("console sign-in", extra={"event": "console_login", "account_id": result.account.id})
    response = RedirectResponse(f"{PREFIX}/", status_code=303)
    set_cookie(request, response, SESSION_COOKIE, token)
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    db: ServerDb = request.app.state.db
    accounts.close_session(db, request.cookies.get(SESSION_COOKIE, ""))
    log.info("console sign-out", extra={"event": "console_logout", "account_id": request.state.session.account.id})
    response = RedirectResponse(f"{PREFIX}/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/console")
    return response


@router.post("/lang")
def switch_language(request: Request, to: str = Form(max_length=5), back: str = Form(default="/console/", max_length=200)) -> Response:
    """Switch the pages' language; back to the page it was asked from (a console path only)."""
    target = back if back.startswith(f"{PREFIX}/") and "//" not in back and "\\" not in back else f"{PREFIX}/"
    response = RedirectResponse(target, status_code=303)
    set_cookie(request, response, LANG_COOKIE, language_of(to), max_age=365 * 24 * 3600)
    return response


@router.get("/account")
def account_page(request: Request, changed: str = "") -> Response:
    return render(request, "account.html", error=None, request_changed=changed == "1")


@router.post("/account/password")
def change_password(request: Request, current: str = Form(max_length=500), new: str = Form(max_length=500),
                    again: str = Form(max_length=500)) -> Response:
    """A new password; every session of the account ends, and this browser gets a fresh one."""
    db: ServerDb = request.app.state.db
    account = request.state.session.account
    refusal = "password_mismatch" if new != again else accounts.change_password(db, account.id, current, new)
    if refusal:
        return render(request, "account.html", status_code=422, request_changed=False,
                      error=refusal if refusal == "password_mismatch" else f"password_{refusal}")
    note(db, account, AuditAction.CONSOLE_CHANGE, account.ward_id, what="password_changed")
    log.info("console password changed", extra={"event": "console_password", "account_id": account.id})
    response = RedirectResponse(f"{PREFIX}/account?changed=1", status_code=303)
    set_cookie(request, response, SESSION_COOKIE, accounts.open_session(db, account.id))
    return response
