"""The hypothesis profiles of the suite: how many examples each property and state-machine test runs.

- ``dev`` (default): 40, so a developer's ``scripts/test`` stays within a few minutes on 2 cores;
- ``ci`` (``HYPOTHESIS_PROFILE=ci``, or ``CI=true`` as CI runs): 200, the full proof;
- ``benchmarks/sync_model_check.py`` runs the sync model ≥ 1,000 times, outside pytest.

Tests take the count from the loaded profile (``settings().max_examples``), not a number of their
own. Both profiles drop time-based health checks and deadlines: a 2-core machine shared with a
server under test would fail them on load, not on bugs.
"""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import HealthCheck, settings

DEV_EXAMPLES = 40
CI_EXAMPLES = 200


def register() -> None:
    settings.register_profile("dev", max_examples=DEV_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    settings.register_profile("ci", settings.get_profile("dev"), max_examples=CI_EXAMPLES)


def profile_name(environ: Mapping[str, str]) -> str:
    """``HYPOTHESIS_PROFILE`` if set, else ``ci`` under CI (``CI=true``), else ``dev``."""
    return environ.get("HYPOTHESIS_PROFILE") or ("ci" if environ.get("CI") == "true" else "dev")
