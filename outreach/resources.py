"""Finding the data files under the project's top-level ``resources/`` folder.

Everything that can change without a code release (procedure catalogue, administrative units,
translations) lives in ``resources/`` as data (DOMAIN.md). This module is the only place that
knows where that folder is, so the rest of the code never builds paths from ``__file__``:

* from a source checkout or an editable install, ``resources/`` sits at the repository root,
  one level above the ``outreach`` package;
* in a PyInstaller bundle, the spec copies it to ``resources/`` inside the unpacked bundle
  directory, which PyInstaller exposes as ``sys._MEIPASS``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["resource_path", "resources_root", "load_json"]


def resources_root() -> Path:
    """The ``resources/`` folder for the way the app is running (frozen or from source)."""
    bundle_dir = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle_dir:
        return Path(bundle_dir) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


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


def load_json(*parts: str) -> Any:
    """Parse the UTF-8 JSON resource ``resources/<parts...>`` (e.g. ``load_json("procedures.json")``).

    Raises ``FileNotFoundError`` or ``json.JSONDecodeError`` unchanged: a missing or broken
    bundled file is a packaging bug, and the caller decides how to report it.
    """
    with resource_path(*parts).open(encoding="utf-8") as handle:
        return json.load(handle)
