"""``outreach-server user add|list|disable``: the first admin's password is printed once and
works; the entry point is the console's (``serve`` there also serves ``/console``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from outreach.console.cli import main
from outreach.server import accounts
from outreach.server.db import open_db


def test_user_add_prints_a_password_that_signs_in(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    assert main(["--db", url, "ward", "add", "--name", "Phường Ngọc Hà", "--code", "00008"]) == 0
    capsys.readouterr()
    assert main(["--db", url, "user", "add", "Chu.Tich", "--role", "ward_viewer", "--name", "Nguyễn Văn An"]) == 0
    out = capsys.readouterr().out
    password = out.strip().splitlines()[-1].rsplit(": ", 1)[1]
    assert len(password) >= accounts.MIN_PASSWORD_LENGTH
    db = open_db(url)
    try:
        result = accounts.check_login(db, "chu.tich", password)
        assert result.account is not None and result.account.role == "ward_viewer" and result.account.ward_id is not None
        assert accounts.check_login(db, "chu.tich", password + "x").account is None
    finally:
        db.dispose()
    assert main(["--db", url, "user", "list"]) == 0
    assert "chu.tich" in capsys.readouterr().out
    assert main(["--db", url, "user", "add", "chu.tich", "--role", "city_admin"]) == 1  # the login is taken
    assert "taken" in capsys.readouterr().err
    assert main(["--db", url, "user", "disable", "chu.tich"]) == 0
    db = open_db(url)
    try:
        assert accounts.check_login(db, "chu.tich", password).refusal == "disabled"
    finally:
        db.dispose()
