"""The end-to-end walk skips where no X tools are installed, but fails when CI requires it."""

from __future__ import annotations

import pytest

from tests.e2e import xsession


def test_missing_x_tools_skip_locally_and_fail_when_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xsession, "TOOLS", ("no-such-x-server-binary",))
    monkeypatch.delenv("OUTREACH_REQUIRE_XVFB", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no-such-x-server-binary not installed"):
        with xsession.x_session():
            pass
    monkeypatch.setenv("OUTREACH_REQUIRE_XVFB", "1")
    with pytest.raises(pytest.fail.Exception, match="OUTREACH_REQUIRE_XVFB=1 but no-such-x-server-binary not installed"):
        with xsession.x_session():
            pass
