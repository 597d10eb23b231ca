"""Packaging: ``outreach --self-test`` passes from the checkout and from an installed package.

An editable install finds everything in the checkout, so it cannot show that a *built* package
carries the files the app reads as files (resources, Alembic scripts). The second test builds
the package the way a wheel is built (setuptools' ``build_py``, including ``setup.py``'s copy of
``resources/``) from a copy of the sources, and runs the self-test from that build only.
The PyInstaller bundle is checked by ``.ci/run``'s ``bundle`` stage with the same command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECKS = ("resources", "SQLCipher", "profile created", "migration", "write", "search", "reopen", "translations", "main window")


def self_test(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "outreach", "--self-test", *args],
        capture_output=True, text=True, timeout=300, cwd=cwd, env={**os.environ, **(env or {})},
    )


def assert_passed(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for name in CHECKS:
        assert any(line.startswith(f"ok   {name}: ") for line in lines), f"no ok line for {name}:\n{result.stdout}"
    assert lines[-1].startswith("self-test passed: ")
    return lines


def test_self_test_from_the_checkout(tmp_path: Path) -> None:
    result = self_test("--data-dir", str(tmp_path / "parent"), cwd=tmp_path)
    lines = assert_passed(result)
    assert "(source;" in lines[0]
    assert list((tmp_path / "parent").iterdir()) == [], "the throw-away profile was left behind"


@pytest.mark.slow
def test_self_test_from_a_built_package(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.ts")
    shutil.copytree(ROOT / "outreach", source / "outreach", ignore=ignore)
    shutil.copytree(ROOT / "resources", source / "resources", ignore=ignore)
    lib = tmp_path / "lib"
    build = subprocess.run([sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(lib)],
                           cwd=source, capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    installed = lib / "outreach"
    for data in ("_resources/procedures.json", "_resources/admin_units.json", "_resources/translations/outreach_vi.qm",
                 "_resources/translations/qtbase_vi.qm", "_resources/icons/outreach.png", "store/migrations/env.py",
                 "store/migrations/script.py.mako", "store/migrations/versions", "server/migrations/env.py",
                 "server/migrations/versions"):
        assert (installed / data).exists(), f"{data} is not in the built package"
    assert not list(installed.rglob("*.ts")), "translation sources do not belong in the package"

    run_dir = tmp_path / "elsewhere"  # not the checkout, so nothing can be found by accident
    run_dir.mkdir()
    result = self_test(cwd=run_dir, env={"PYTHONPATH": str(lib)})
    lines = assert_passed(result)
    assert "(installed;" in lines[0]
    assert f"ok   resources: {installed / '_resources'}" in result.stdout


def test_demo_says_the_server_is_not_in_the_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    import logging

    from outreach.commands.cli import main

    monkeypatch.setattr(sys, "frozen", True, raising=False)  # as in the PyInstaller bundle
    monkeypatch.setenv("OUTREACH_LANG", "en")
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        assert main(["--data-dir", str(tmp_path / "p"), "demo", "--headless"]) == 1
    finally:  # main() logs to the profile folder: close that file again
        for handler in set(root.handlers) - set(before):
            root.removeHandler(handler)
            handler.close()
    assert "The demo needs the Outreach server, which is not part of this installation" in capsys.readouterr().err
    assert not (tmp_path / "p" / "demo-server").exists()
