"""Which certificates a sync trusts, against a real HTTPS server on 127.0.0.1 whose certificate a
throw-away "ward CA" signed: the profile decides, not REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE left in
the environment for some other program, and ``outreach sync`` / ``sync-status`` say which."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from outreach.commands.cli import main as outreach_main
from outreach.server import admin
from outreach.server.db import open_db
from outreach.store.database import Store
from outreach.sync.client import enroll, run_sync
from outreach.sync.errors import TlsFailure
from outreach.sync.transport import CA_ENVIRONMENT
from tests.helpers.sync import LiveServer, WardSetup, make_ward
from tests.helpers.tls import TlsFiles, make_ca_and_server_cert


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return make_ca_and_server_cert(tmp_path_factory.mktemp("ward-ca"))


@pytest.fixture(scope="module")
def other_ca(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid CA that did not sign the server: a bundle set for some other program."""
    return make_ca_and_server_cert(tmp_path_factory.mktemp("other-ca"), "Some other CA").ca_pem


@pytest.fixture(scope="module")
def https_server(tmp_path_factory: pytest.TempPathFactory, tls_files: TlsFiles) -> Iterator[LiveServer]:
    db = open_db(f"sqlite:///{tmp_path_factory.mktemp('tls-server') / 'office.db'}")
    admin.seed_catalogue(db)
    server = LiveServer(db, tls=tls_files)
    yield server
    server.stop()
    db.dispose()


@pytest.fixture
def https_ward(https_server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> WardSetup:
    for variable in CA_ENVIRONMENT:  # each test sets its own
        monkeypatch.delenv(variable, raising=False)
    return make_ward(https_server)


@pytest.mark.parametrize("variable", ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"])
def test_the_wards_ca_wins_over_a_bundle_in_the_environment(
    variable: str, https_ward: WardSetup, store: Store, tls_files: TlsFiles, other_ca: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(variable, str(other_ca))
    monkeypatch.setenv("OUTREACH_LANG", "en")
    enroll(store, https_ward.server.url, https_ward.code(), ca_bundle=str(tls_files.ca_pem))
    assert run_sync(store).pulled > 0
    store.close()

    assert outreach_main(["--data-dir", str(store.profile.data_dir), "sync-status"]) == 0
    status = capsys.readouterr().out
    assert f"Trust store: the ward's own CA ({tls_files.ca_pem})" in status
    assert f"ignored {variable}={other_ca} from the environment" in status
    assert outreach_main(["--data-dir", str(store.profile.data_dir), "sync"]) == 0
    assert f"Trust store: the ward's own CA ({tls_files.ca_pem})" in capsys.readouterr().out


def test_a_bundle_in_the_environment_does_not_widen_the_default_trust(
    https_ward: WardSetup, store: Store, tls_files: TlsFiles, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A profile without a ward CA trusts the default bundle only: the environment naming the
    server's CA must not make a certificate the profile would refuse acceptable."""
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tls_files.ca_pem))
    with pytest.raises(TlsFailure):
        enroll(store, https_ward.server.url, https_ward.code())
    assert not store.profile.server_url
