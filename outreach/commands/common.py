"""Helpers shared by the sub-command modules: profile selection, language, opening the store."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from outreach.store.database import Store


def language() -> str:
    """The CLI's language: ``OUTREACH_LANG``, else the locale; Vietnamese unless it says English."""
    lang = os.environ.get("OUTREACH_LANG") or os.environ.get("LANGUAGE") or os.environ.get("LANG") or "vi"
    return "en" if lang.lower().startswith("en") else "vi"


def say(vi: str, en: str) -> str:
    return en if language() == "en" else vi


def open_profile_store(args: argparse.Namespace, *, demo: bool = False, create: bool = True) -> Store:
    """Open the selected profile's store, warning on stderr if it is an unencrypted demo."""
    from outreach.store.database import load_or_create_profile, open_store
    from outreach.store.profile import data_dir_of

    profile = load_or_create_profile(data_dir_of(args), demo=demo or getattr(args, "demo", False))
    if not profile.encrypted:
        print(
            say(
                "Lưu ý: hồ sơ demo này KHÔNG được mã hoá (không có kho khoá của hệ điều hành); chỉ dùng dữ liệu giả.",
                "Note: this demo profile is NOT encrypted (no OS keyring); use synthetic data only.",
            ),
            file=sys.stderr,
        )
    return open_store(profile, create=create)
