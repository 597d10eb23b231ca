"""Jinja2 pages of the console: autoescaped always (a resident called ``<script>`` is text),
with the page-text catalogue, the code labels and dates as dd/mm/yyyy."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from outreach.console.messages import text
from outreach.labels import label, name_text
from outreach.reports.pdf_common import format_share
from outreach.timeutil import VIETNAM

TEMPLATES = Path(__file__).parent / "templates"
PREFIX = "/console"


def _date(value: dt.date | dt.datetime | None) -> str:
    """dd/mm/yyyy; a stored (naive UTC) datetime is shown in Vietnam time with hh:mm."""
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        local = value.replace(tzinfo=dt.UTC).astimezone(VIETNAM) if value.tzinfo is None else value.astimezone(VIETNAM)
        return local.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


def parse_day(text: str) -> dt.date | None:
    """A form's dd/mm/yyyy date (the console's only date format); None when it is not one."""
    try:
        return dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


def _percent(value: float | None, language: str) -> str:
    """66,7 % in Vietnamese (the exports' own format), 66.7 % in English."""
    if language == "en":
        return "–" if value is None else f"{value * 100:.1f} %"
    return format_share(value)


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["date"] = _date
    return env


ENV = _environment()


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The page ``template`` in the request's language, with the session's CSRF token."""
    lang = request.state.lang
    session = getattr(request.state, "session", None)
    page = ENV.get_template(template).render(
        t=lambda key, **values: text(key, lang, **values), label=lambda code: label(code, lang) if isinstance(code, StrEnum) else str(code),
        name=lambda value: name_text(value, lang), percent=lambda value: _percent(value, lang), lang=lang, prefix=PREFIX,
        session=session, account=session.account if session else None, csrf=request.state.csrf, path=request.url.path,
        **context)
    return HTMLResponse(page, status_code=status_code)
