"""The console's FastAPI app, mounted under ``/console`` of the server's app on the same port.

``mount_console`` is the server's ``AppExtension`` for the console (``outreach.server.cli``
calls it for ``serve``; ``outreach.console.cli`` hands it in): the server package never imports
this one. Every route below sits behind ``security.guard`` (an app-wide dependency)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from outreach.console import (
    pages_areas,
    pages_audit,
    pages_catalogue,
    pages_coverage,
    pages_laptops,
    pages_login,
    pages_overview,
    pages_requests,
    pages_wards,
)
from outreach.console.messages import language_of
from outreach.console.operations import add_operations
from outreach.console.rendering import PREFIX, render
from outreach.console.security import CsrfRefused, Forbidden, NeedLogin, TooLarge, finish, guard
from outreach.server.auth import AttemptLimiter
from outreach.server.db import ServerDb

STATIC = Path(__file__).parent / "static"


def create_console(db: ServerDb, server_app: FastAPI | None = None) -> FastAPI:
    """The console over ``db``; ``server_app`` is the sync API's app (its clock watch)."""
    console = FastAPI(title="Outreach office console", docs_url=None, redoc_url=None, openapi_url=None,
                      dependencies=[Depends(guard)])
    console.state.db = db
    console.state.server_app = server_app
    #: failed sign-ins per client address (beside each account's own lock-out)
    console.state.login_attempts = AttemptLimiter(limit=20, window_s=300)

    @console.middleware("http")
    async def _headers(request: Request, call_next: Any) -> Response:
        return finish(request, await call_next(request))

    def _error(request: Request, status: int, title: str, body: str) -> Response:
        if not hasattr(request.state, "lang"):
            request.state.lang = language_of(None)
        if not hasattr(request.state, "csrf"):
            request.state.csrf = ""
        return render(request, "error.html", status_code=status, title_key=title, body_key=body)

    @console.exception_handler(NeedLogin)
    async def _need_login(_request: Request, _exc: NeedLogin) -> Response:
        return RedirectResponse(f"{PREFIX}/login", status_code=303)

    @console.exception_handler(Forbidden)
    async def _forbidden(request: Request, _exc: Forbidden) -> Response:
        return _error(request, 403, "forbidden_title", "forbidden_text")

    @console.exception_handler(TooLarge)
    async def _too_large(request: Request, _exc: TooLarge) -> Response:
        return _error(request, 413, "bad_input_title", "back")

    @console.exception_handler(CsrfRefused)
    async def _csrf(request: Request, _exc: CsrfRefused) -> Response:
        return _error(request, 403, "csrf_title", "csrf_text")

    @console.exception_handler(RequestValidationError)
    async def _invalid(request: Request, _exc: RequestValidationError) -> Response:
        return _error(request, 422, "bad_input_title", "back")

    @console.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, "not_found_title" if exc.status_code == 404 else "bad_input_title", "back")

    for module in (pages_login, pages_overview, pages_laptops, pages_wards, pages_areas, pages_requests, pages_catalogue, pages_coverage,
                   pages_audit):
        console.include_router(module.router)
    console.mount("/static", StaticFiles(directory=STATIC), name="static")
    return console


def mount_console(app: FastAPI) -> None:
    """Serve the console under ``/console`` of the sync API's ``app`` (same port, same database),
    with ``/metrics`` and ``/health`` beside it."""
    add_operations(app)
    app.mount(PREFIX, create_console(app.state.db, app))
