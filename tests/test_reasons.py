"""Server refusal reasons: one table, both messages for each, and every reason the server can
send is one the laptop knows (so its errors and the sync-problems dialog can word it)."""

from __future__ import annotations

import ast
from pathlib import Path

from outreach.wire.reasons import MESSAGES, Reason, message, messages

SERVER = Path(__file__).resolve().parents[1] / "outreach" / "server"
#: Calls whose ``reason`` argument goes on the wire, and where that argument sits.
REASON_ARG = {"ApiError": 1, "RequestRefused": 1, "error_response": 1, "AuthFailure": 0, "Outcome": 2}


def test_every_reason_has_both_messages() -> None:
    for reason in Reason:
        vi, en = MESSAGES[reason]
        assert vi.strip() and en.strip() and vi != en, reason
        assert message(reason, "vi") == vi and message(reason, "en") == en


def test_an_unknown_reason_still_reads_as_a_refusal() -> None:
    vi, en = messages("from_a_newer_server")
    assert "from_a_newer_server" in vi and "from_a_newer_server" in en


def test_the_server_sends_only_reasons_of_the_table() -> None:
    """Every refusal the server builds names its reason as a ``Reason`` member, not a bare string."""
    seen: set[str] = set()
    for path in SERVER.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            index = REASON_ARG.get(name)
            if index is None or len(node.args) <= index:
                continue
            arg = node.args[index]
            if isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name) and arg.value.id == "Reason":
                assert arg.attr in Reason.__members__, f"{path.name}:{node.lineno}"
                seen.add(arg.attr)
            else:
                assert not isinstance(arg, ast.Constant), f"{path.name}:{node.lineno}: bare reason {arg.value!r}"
    assert {"LEADER_ONLY", "OUTSIDE_WARD", "BAD_VALUE", "REVOKED", "BAD_CODE"} <= seen


def test_reasons_are_plain_strings_on_the_wire() -> None:
    import json

    assert json.dumps({"reason": Reason.LEADER_ONLY}) == '{"reason": "leader_only"}'
    assert Reason("leader_only") is Reason.LEADER_ONLY


def test_codes_read_back_from_sqlite_equal_the_members(tmp_path: Path) -> None:
    """StrEnum members are stored as their plain strings and compare equal when read back."""
    import sqlite3

    from outreach.model.codec import encode_value
    from outreach.vocabulary import Outcome, Role

    conn = sqlite3.connect(tmp_path / "codes.db")
    conn.execute("create table t (outcome text, role text)")
    conn.execute("insert into t values (?, ?)", (Outcome.NOT_HOME, Role.LEADER))
    outcome, role = conn.execute("select outcome, role from t").fetchone()
    assert (outcome, role) == (Outcome.NOT_HOME, Role.LEADER) and type(outcome) is str
    assert type(encode_value(Role.LEADER)) is str and encode_value(Role.LEADER) == "leader"
