"""How the suite decides what to prove: the hypothesis profile per environment, and PostgreSQL
tests that fail rather than skip when CI requires the server."""

from __future__ import annotations

import pytest
from hypothesis import settings

from tests.helpers.hypothesis_profiles import CI_EXAMPLES, DEV_EXAMPLES, profile_name
from tests.helpers.sync import skip_without_postgres


def test_a_developer_runs_the_dev_profile_and_ci_the_full_one() -> None:
    assert profile_name({}) == "dev"
    assert profile_name({"CI": "true"}) == "ci"
    assert profile_name({"CI": "true", "HYPOTHESIS_PROFILE": "dev"}) == "dev"
    assert profile_name({"HYPOTHESIS_PROFILE": "ci"}) == "ci"
    assert settings.get_profile("dev").max_examples == DEV_EXAMPLES < settings.get_profile("ci").max_examples == CI_EXAMPLES
    assert settings.get_profile("ci").deadline is None


def test_a_missing_postgres_skips_locally_and_fails_when_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OUTREACH_REQUIRE_POSTGRES", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no server"):
        skip_without_postgres("no server")
    monkeypatch.setenv("OUTREACH_REQUIRE_POSTGRES", "1")
    with pytest.raises(pytest.fail.Exception, match="OUTREACH_REQUIRE_POSTGRES=1 but no server"):
        skip_without_postgres("no server")
