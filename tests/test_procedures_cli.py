"""``outreach procedures list [--json]``: the catalogue the laptop holds, run as a real process."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import run


def test_procedures_list_shows_ids_fees_and_papers(tmp_path: Path) -> None:
    data_dir = tmp_path / "demo"
    assert run("--data-dir", str(data_dir), "demo-data", "--households", "5").returncode == 0
    listed = run("--data-dir", str(data_dir), "procedures", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = {row["code"]: row for row in json.loads(listed.stdout)}
    birth = rows["1.001193"]
    assert birth["formality_id"] == "019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7" and birth["online_level"] == "full"
    assert birth["channels"]["online"] == {"days": 1, "fee_vnd": 0} and birth["province_overrides"]["31"]["online"]["fee_vnd"] == 0
    assert birth["papers"]["submit"] and birth["papers"]["show"]
    assert rows["2.000986"]["repealed_from"] == "2026-09-08" and "LT-KHAITU" not in rows and "KHAC" in rows
    table = run("--data-dir", str(data_dir), "procedures", "list")
    assert table.returncode == 0 and "1.001193" in table.stdout and "bãi bỏ từ 08/09/2026" in table.stdout
    others = run("--data-dir", str(data_dir), "procedures", "others", "--json")
    assert others.returncode == 0 and json.loads(others.stdout) == []
