"""Finding the data files under the project's top-level ``resources/`` folder.

Everything that can change without a code release (procedure catalogue, administrative units,
translations) lives in ``resources/`` as data (DOMAIN.md). This module is the only place that
knows where that folder is, so the rest of the code never builds paths from ``__file__``:

* in a PyInstaller bundle (``sys.frozen``), ``build.spec`` copies it to ``resources/`` inside the
  bundle directory, which PyInstaller exposes as ``sys._MEIPASS``;
* from a wheel (``pip install .``), ``setup.py`` has copied it into the package as
  ``outreach/_resources``;
* from a source checkout or an editable install, ``resources/`` sits at the repository root,
  one level above the ``outreach`` package.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["resource_path", "resources_root", "package_path", "running_from", "load_json"]


#: Where ``setup.py`` puts the resources inside an installed package.
INSTALLED_DIR = "_resources"


def resources_root() -> Path:
    """The ``resources/`` folder for the way the app is running (frozen, installed or from source)."""
    bundle_dir = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle_dir:
        return Path(bundle_dir) / "resources"
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / INSTALLED_DIR
    if installed.is_dir():
        return installed
    return package_dir.parent / "resources"


def running_from() -> str:
    """How the app is running, for ``--self-test`` and bug reports: bundle, installed or source."""
    if getattr(sys, "frozen", False):
        return "bundle"
    return "installed" if (Path(__file__).resolve().parent / INSTALLED_DIR).is_dir() else "source"


def resource_path(*parts: str) -> Path:
    """Path of ``resources/<parts...>``; it need not exist (callers may probe for optional files).

    Parts that would leave the folder (absolute paths, ``..``) are refused, because resource
    names can come from server-sent data and must never reach other files.
    """
    root = resources_root()
    path = root.joinpath(*parts)
    if not parts or any(Path(p).is_absolute() or ".." in Path(p).parts for p in parts):
        raise ValueError(f"not a resource name: {parts!r}")
    return path


def package_path(*parts: str) -> Path:
    """Path of a data file shipped inside the ``outreach`` package (e.g. Alembic's migrations).

    Alembic reads migration scripts as files, so they ship as package data (``pyproject.toml``)
    and as plain files in the bundle (``build.spec`` puts them under ``outreach/`` there).
    """
    bundle_dir = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle_dir:
        return Path(bundle_dir, "outreach", *parts)
    return Path(__file__).resolve().parent.joinpath(*parts)


def load_json(*parts: str) -> Any:
    """Parse the UTF-8 JSON resource ``resources/<parts...>`` (e.g. ``load_json("procedures.json")``).

    Raises ``FileNotFoundError`` or ``json.JSONDecodeError`` unchanged: a missing or broken
    bundled file is a packaging bug, and the caller decides how to report it.
    """
    with resource_path(*parts).open(encoding="utf-8") as handle:
        return json.load(handle)
