"""Hand-over files are sealed with a passphrase: the unsent changes of a real encrypted profile
written by ``outreach export-unsent`` hold no resident's name in clear, are the user's alone
(0600), and ``outreach read-unsent`` opens them with the passphrase and refuses a wrong one."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from outreach.commands.cli import main as outreach_main
from outreach.model import Household, Resident
from outreach.services.device import export_unsent
from outreach.services.handover import HandoverError, read_handover
from outreach.store import app_lock
from outreach.store.database import Store

NAME = "Nguyễn Thị Hoà"
PASSPHRASE = "ba con mèo đen"


def _unsent_household(store: Store) -> None:
    with store.write() as tx:
        household = tx.recorder.create(Household, {"head_name": NAME, "address": {"street": "Kim Mã"}})
        tx.recorder.create(Resident, {"household_id": household.id, "full_name": NAME, "personal_id": "001204012345"})


def test_export_unsent_is_encrypted_private_and_opens_with_the_passphrase(store: Store, tmp_path: Path) -> None:
    _unsent_household(store)
    target = tmp_path / "ban-giao.handover"
    assert export_unsent(store, target, PASSPHRASE) == 2
    sealed = target.read_bytes()
    for secret in (NAME, "001204012345", "head_name", "personal_id"):
        assert secret.encode() not in sealed and json.dumps(secret).encode() not in sealed
    assert target.stat().st_mode & 0o777 == 0o600
    data = read_handover(target, PASSPHRASE)
    household, resident = data["unsent"]
    assert household["fields"]["head_name"][0] == NAME and resident["fields"]["personal_id"][0] == "001204012345"

    with pytest.raises(HandoverError, match="Wrong hand-over passphrase") as wrong:
        read_handover(target, PASSPHRASE + "!")
    assert "Sai mật khẩu" in wrong.value.message_vi
    damaged = tmp_path / "damaged.handover"
    damaged.write_bytes(sealed[:-20] + b"AAAAAAAAAAAAAAAAAAA\n")
    with pytest.raises(HandoverError):
        read_handover(damaged, PASSPHRASE)


def test_a_short_passphrase_writes_nothing(store: Store, tmp_path: Path) -> None:
    _unsent_household(store)
    with pytest.raises(HandoverError, match="at least 8"):
        export_unsent(store, tmp_path / "x.handover", "1234567")
    assert not (tmp_path / "x.handover").exists()


def test_the_cli_exports_and_the_office_reads(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OUTREACH_LANG", "en")
    _unsent_household(store)
    if app_lock.lock_required(store):  # export-unsent shows personal data: it asks the app lock's PIN
        app_lock.set_pin(store.profile, "2718", "2718")
        monkeypatch.setattr(sys, "stdin", io.StringIO("2718\n"))
    store.close()
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    target, plain = tmp_path / "out.handover", tmp_path / "office" / "plain.json"
    data_dir = str(store.profile.data_dir)
    assert outreach_main(["--data-dir", data_dir, "export-unsent", str(target), "--passphrase-file", str(secret)]) == 0
    assert "encrypted" in capsys.readouterr().out and NAME.encode() not in target.read_bytes()
    assert outreach_main(["read-unsent", str(target), "--passphrase-file", str(secret), "--output", str(plain)]) == 0
    assert json.loads(plain.read_text(encoding="utf-8"))["unsent"][0]["fields"]["head_name"][0] == NAME
    assert plain.stat().st_mode & 0o777 == 0o600
    secret.write_text("not the passphrase\n", encoding="utf-8")
    assert outreach_main(["read-unsent", str(target), "--passphrase-file", str(secret)]) != 0
    assert "Wrong hand-over passphrase" in capsys.readouterr().err
