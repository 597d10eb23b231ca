"""The console's page text: every key a template asks for is in the catalogue, in both
languages, and the pages' dates are dd/mm/yyyy."""

from __future__ import annotations

import datetime as dt
import re

from outreach.console.messages import MESSAGES, text
from outreach.console.pages_catalogue import FORM_FIELDS
from outreach.console.pages_laptops import REVOKE_REASONS
from outreach.console.rendering import TEMPLATES, _date


def test_every_key_the_templates_use_has_both_languages() -> None:
    used = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"\bt\('([a-z_]+)'", template.read_text(encoding="utf-8")))
    prefixes = {key for key in used if key.endswith("_")}  # t('reason_' ~ r): one key per code, checked below
    assert used and used - prefixes <= set(MESSAGES), sorted(used - prefixes - set(MESSAGES))
    assert prefixes == {"reason_", "what_", "f_"}
    assert {f"reason_{r}" for r in REVOKE_REASONS} | {f"f_{f}" for f in FORM_FIELDS} <= set(MESSAGES)
    for key, (vi, en) in MESSAGES.items():
        assert vi.strip() and en.strip(), key
        assert re.findall(r"\{(\w+)\}", vi) == re.findall(r"\{(\w+)\}", en), key  # the same placeholders


def test_vietnamese_is_the_default_and_dates_read_day_first() -> None:
    assert text("sign_in") == "Đăng nhập" and text("sign_in", "en") == "Sign in"
    assert _date(dt.date(2026, 12, 1)) == "01/12/2026"
    assert _date(dt.datetime(2026, 12, 1, 17, 30)) == "02/12/2026 00:30"  # stored UTC, shown in Vietnam time
