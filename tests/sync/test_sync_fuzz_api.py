"""A bounded schemathesis run over the OpenAPI schema of the real server (SQLite, loopback):
the hypothesis profile's number of examples per operation (40 for a developer, 200 in CI).

Requests are generated from the schema (valid and invalid), sent with a real device token and
the protocol header; the server must never answer 5xx, whatever arrives.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok

from outreach.sync.transport import HttpTransport
from outreach.wire import protocol
from tests.helpers.sync import LiveServer, enrol_raw, make_ward


@pytest.fixture(scope="module")
def device_token(sqlite_server: LiveServer) -> str:
    ward = make_ward(sqlite_server)
    transport = HttpTransport(sqlite_server.url, None, retries=False)
    token = str(enrol_raw(transport, ward.code())["token"])
    transport.close()
    return token


def test_api_never_answers_5xx(sqlite_server: LiveServer, device_token: str) -> None:
    schema = schemathesis.openapi.from_dict(sqlite_server.app.openapi())
    headers = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION), "Authorization": f"Bearer {device_token}"}
    results = list(schema.get_all_operations())
    operations = [result.ok() for result in results if isinstance(result, Ok)]
    assert len(operations) == len(results) >= 5  # every operation of the schema loaded
    for operation in operations:

        @given(case=operation.as_strategy())
        # Examples per operation: the profile's (tests/helpers/hypothesis_profiles.py).
        @settings(deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: schemathesis.Case) -> None:
            response = case.call(base_url=sqlite_server.url, headers=headers, timeout=30)
            case.validate_response(response, checks=[not_a_server_error])

        check()
