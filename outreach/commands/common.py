"""Helpers shared by the sub-command modules: profile selection, language, opening the store."""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import TYPE_CHECKING

from outreach.errors import OutreachError, StoreError

if TYPE_CHECKING:
    from outreach.store.database import Store


def language() -> str:
    """The CLI's language: ``OUTREACH_LANG``, else the locale; Vietnamese unless it says English."""
    lang = os.environ.get("OUTREACH_LANG") or os.environ.get("LANGUAGE") or os.environ.get("LANG") or "vi"
    return "en" if lang.lower().startswith("en") else "vi"


def say(vi: str, en: str) -> str:
    return en if language() == "en" else vi


#: Characters a terminal acts on instead of showing: C0/C1 controls (ESC starts colour, cursor and
#: title sequences; C1 CSI does the same on some terminals) and the bidirectional overrides and
#: isolates that make text read backwards.
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every character a terminal would act on written as ``\\uXXXX``.

    Stored names come from many laptops and imported spreadsheets, so they may carry escape
    sequences; the CLI never prints one raw. The ``\\uXXXX`` form is also a valid JSON escape of
    the same character, so JSON output made safe this way still parses to the stored value
    (``keep_newlines`` for JSON, whose own newlines are layout: inside its strings they are escaped)."""
    return _TERMINAL_UNSAFE.sub(lambda m: m.group() if keep_newlines and m.group() == "\n" else f"\\u{ord(m.group()):04x}", text)


def open_demo_store(args: argparse.Namespace, households: int) -> Store:
    """Open (or create) the selected folder as a demo profile for ``households`` synthetic ones;
    refuses a real profile, so demo data never mixes with real residents."""
    from outreach.store.profile import Profile, data_dir_of

    existing = Profile.load(data_dir_of(args))
    if existing is not None and not existing.demo:
        raise StoreError(
            "Chỉ dùng dữ liệu demo trong hồ sơ demo hoặc thư mục mới, không trộn vào hồ sơ thật.",
            "Demo data only goes into a demo profile or a new folder, never into a real profile.",
        )
    if households < 1:
        raise OutreachError("Số hộ phải lớn hơn 0.", "The number of households must be at least 1.")
    return open_profile_store(args, demo=True)


def open_profile_store(args: argparse.Namespace, *, demo: bool = False, create: bool = True, personal: bool = False) -> Store:
    """Open the selected profile's store, warning on stderr if it is an unencrypted demo.

    ``personal``: the command shows or writes residents' personal data, so it asks the app
    lock's PIN first, as the window does (``require_pin``)."""
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
    if profile.insecure_http:
        print(
            say(
                f"Cảnh báo: máy này đồng bộ với {profile.server_url} qua http:// KHÔNG mã hoá.",
                f"Warning: this computer syncs with {profile.server_url} over UNENCRYPTED http://.",
            ),
            file=sys.stderr,
        )
    store = open_store(profile, create=create)
    if personal:
        try:
            require_pin(store)
        except BaseException:
            store.close()
            raise
    return store


def _read_pin(prompt: str) -> str:
    """A PIN from the terminal without echo; from a pipe (scripts, tests), its next line."""
    import getpass

    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    print(prompt, end="", file=sys.stderr, flush=True)
    return sys.stdin.readline().rstrip("\r\n")


def require_pin(store: Store) -> None:
    """Ask the app lock's PIN (``store.app_lock``) when this laptop locks: a command that shows
    personal data is refused without it, with the same growing waits as the window. A profile
    whose PIN was never chosen chooses it here (typed twice), as the window's first start does."""
    from outreach.store import app_lock

    if not app_lock.lock_required(store):
        return
    profile = store.profile
    if not app_lock.has_pin(profile):
        pin = _read_pin(say("Chọn mã PIN cho Outreach (4–12 chữ số): ", "Choose a PIN for Outreach (4–12 digits): "))
        app_lock.set_pin(profile, pin, _read_pin(say("Nhập lại mã PIN: ", "The same PIN again: ")))
        return
    wait = app_lock.wait_left(profile)
    if wait > 0:
        seconds = int(wait + 0.999)
        raise OutreachError(f"Nhập sai mã PIN quá nhiều lần: hãy thử lại sau {seconds} giây.",
                            f"Too many wrong PINs: try again in {seconds} s.", code="pin_wait")
    attempt = app_lock.check_pin(profile, _read_pin(say("Mã PIN của Outreach: ", "Outreach PIN: ")))
    if attempt.ok:
        return
    seconds = int(attempt.wait_s + 0.999)
    raise OutreachError("Mã PIN không đúng." + (f" Hãy thử lại sau {seconds} giây." if seconds else ""),
                        "Wrong PIN." + (f" Try again in {seconds} s." if seconds else ""), code="wrong_pin")
