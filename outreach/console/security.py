"""What stands between a browser and every console page: the session, CSRF, security headers.

``guard`` is a dependency of the console app itself, so it runs before every route, including
one added tomorrow: without a live session a request is sent to the sign-in page (except the
few ``PUBLIC`` paths), and every state-changing request must carry the CSRF token of its
session (before sign-in: of the browser's pre-session cookie) in its form. Both tokens are
compared in constant time. ``tests/console/test_security.py`` enumerates the app's routes.
"""

from __future__ import annotations

import hmac
import logging
import secrets

from starlette.requests import Request
from starlette.responses import Response

from outreach.console.messages import language_of
from outreach.server import accounts
from outreach.server.db import ServerDb

log = logging.getLogger("outreach.server.console")

SESSION_COOKIE = "outreach_console"
PRE_CSRF_COOKIE = "outreach_console_csrf"
LANG_COOKIE = "outreach_console_lang"
#: reachable without a session (sign-in, language, vendored scripts and styles)
PUBLIC = ("/login", "/lang", "/static/")
SAFE_METHODS = ("GET", "HEAD")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'; connect-src 'self'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


class NeedLogin(Exception):
    """No live session: answered with a redirect to the sign-in page."""


class CsrfRefused(Exception):
    """A form without its CSRF token, or with another one: 403."""


class TooLarge(Exception):
    """A form body over ``MAX_FORM_BYTES`` (said by its Content-Length, or missing): 413, unread."""


#: the largest form the console reads (a catalogue file of 5 MB and its multipart wrapping)
MAX_FORM_BYTES = 6 * 1024 * 1024


class Forbidden(Exception):
    """Outside the account's scope or role: 403 (the same page whatever exists there)."""


def is_public(path: str) -> bool:
    return any(path == p or (p.endswith("/") and path.startswith(p)) for p in PUBLIC)


def local_path(request: Request) -> str:
    """The path inside the console (``/console/laptops`` -> ``/laptops``)."""
    root = request.scope.get("root_path", "")
    path = request.url.path
    return path[len(root):] if root and path.startswith(root) else path


async def guard(request: Request) -> None:
    """Run before every console route (see the module's docstring)."""
    db: ServerDb = request.app.state.db
    request.state.lang = language_of(request.cookies.get(LANG_COOKIE))
    token = request.cookies.get(SESSION_COOKIE, "")
    session = accounts.session_of(db, token) if token else None
    request.state.session = session
    pre = request.cookies.get(PRE_CSRF_COOKIE, "")
    request.state.new_pre_csrf = None
    if session is None and not pre:
        pre = request.state.new_pre_csrf = secrets.token_urlsafe(32)
    request.state.csrf = session.csrf_token if session else pre
    if session is None and not is_public(local_path(request)):
        raise NeedLogin
    if request.method not in SAFE_METHODS:
        length = request.headers.get("content-length", "")
        if not length.isdigit() or int(length) > MAX_FORM_BYTES:
            raise TooLarge
        form = await request.form(max_files=1, max_fields=100)
        sent = form.get("csrf")
        if not isinstance(sent, str) or not sent or not hmac.compare_digest(sent, request.state.csrf) or request.state.new_pre_csrf:
            log.info("console form refused", extra={"event": "csrf_refused", "path": request.url.path})
            raise CsrfRefused


def set_cookie(request: Request, response: Response, name: str, value: str, *, max_age: int | None = None) -> None:
    """Every console cookie: HttpOnly, SameSite=Strict, Secure when served over TLS, console-only path."""
    response.set_cookie(name, value, max_age=max_age, path="/console", httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")


def finish(request: Request, response: Response) -> Response:
    """Security headers on every answer, and the pre-session CSRF cookie when one was made."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.url.scheme == "https":
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if not local_path(request).startswith("/static/"):
        response.headers.setdefault("Cache-Control", "no-store")
    new_pre = getattr(request.state, "new_pre_csrf", None)
    if new_pre:
        set_cookie(request, response, PRE_CSRF_COOKIE, new_pre)
    return response
