"""The ``outreach`` command: the desktop app by default, headless sub-commands for scripts.

User-facing failures (``OutreachError``) print one line in the user's language and exit 1;
anything else is a bug: one line pointing at the log file, the traceback goes to the log only,
exit 2. Scripts can rely on exit code 0 meaning success.
"""

from __future__ import annotations

import argparse
import json
import logging
import logging.handlers
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from outreach import __version__
from outreach.errors import OutreachError, StoreError

log = logging.getLogger("outreach")


def _language() -> str:
    lang = os.environ.get("OUTREACH_LANG") or os.environ.get("LANGUAGE") or os.environ.get("LANG") or "vi"
    return "en" if lang.lower().startswith("en") else "vi"


def _setup_logging(data_dir: Path) -> Path:
    """Log to ``<data-dir>/logs/outreach.log``; logs never contain secrets or personal data."""
    folder = data_dir / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "outreach.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def _say(vi: str, en: str) -> str:
    return en if _language() == "en" else vi


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="outreach",
        description="Outreach — hỗ trợ dịch vụ công trực tuyến tại nhà (ward outreach teams).",
    )
    parser.add_argument("--version", action="version", version=f"outreach {__version__}")
    parser.add_argument("--data-dir", type=Path, help="profile folder (default: $OUTREACH_DATA_DIR or the user data folder)")
    parser.add_argument("--demo", action="store_true", help="create the profile as a demo profile (synthetic data only)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo_data = sub.add_parser("demo-data", help="fill a demo profile with a synthetic ward")
    demo_data.add_argument("--households", type=int, required=True, help="number of households (20000 = large ward)")
    demo_data.add_argument("--seed", type=int, default=1)
    demo_data.set_defaults(handler=_cmd_demo_data)

    households = sub.add_parser("households", help="household commands")
    hsub = households.add_subparsers(dest="households_command", metavar="SUBCOMMAND", required=True)
    search = hsub.add_parser("search", help="search households (diacritic-insensitive, prefix)")
    search.add_argument("text")
    search.add_argument("--json", action="store_true", help="print JSON instead of a table")
    search.add_argument("--limit", type=int, default=20)
    search.set_defaults(handler=_cmd_households_search)
    return parser


def _data_dir(args: argparse.Namespace) -> Path:
    from outreach.store.profile import default_data_dir

    return args.data_dir.expanduser() if args.data_dir else default_data_dir()


def _open(args: argparse.Namespace, *, demo: bool = False, create: bool = True):  # type: ignore[no-untyped-def]
    from outreach.store.database import load_or_create_profile, open_store

    profile = load_or_create_profile(_data_dir(args), demo=demo or args.demo)
    if not profile.encrypted:
        print(
            _say(
                "Lưu ý: hồ sơ demo này KHÔNG được mã hoá (không có kho khoá của hệ điều hành); chỉ dùng dữ liệu giả.",
                "Note: this demo profile is NOT encrypted (no OS keyring); use synthetic data only.",
            ),
            file=sys.stderr,
        )
    return open_store(profile, create=create)


def _cmd_demo_data(args: argparse.Namespace) -> int:
    from outreach.services import demo_data
    from outreach.store.profile import Profile

    existing = Profile.load(_data_dir(args))
    if existing is not None and not existing.demo:
        raise StoreError(
            "Chỉ được tạo dữ liệu demo trong hồ sơ demo hoặc thư mục mới, không trộn vào dữ liệu thật.",
            "Demo data can only go into a demo profile or a new folder, never into real data.",
        )
    if args.households < 1:
        raise OutreachError("Số hộ phải lớn hơn 0.", "The number of households must be at least 1.")
    store = _open(args, demo=True)
    try:
        summary = demo_data.generate(store, args.households, seed=args.seed)
    finally:
        store.close()
    print(
        _say(
            f"Đã tạo {summary.ward_name}: {summary.groups} tổ dân phố, {summary.households} hộ, "
            f"{summary.residents} nhân khẩu, {summary.visits} lần thăm, {summary.filings} hồ sơ.",
            f"Created {summary.ward_name}: {summary.groups} groups, {summary.households} households, "
            f"{summary.residents} residents, {summary.visits} visits, {summary.filings} filings.",
        )
    )
    return 0


def _cmd_households_search(args: argparse.Namespace) -> int:
    from outreach.services.households import search_households

    store = _open(args, create=False)
    try:
        results = search_households(store, args.text, limit=args.limit)
    finally:
        store.close()
    if args.json:
        print(json.dumps([asdict(r) for r in results], ensure_ascii=False, default=str, indent=2))
        return 0
    if not results:
        print(_say("Không tìm thấy hộ nào.", "No households found."))
        return 0
    for r in results:
        print(f"{r.head_name:<28} {r.address_text:<45} {r.group_name:<18} {r.phone or ''}")
    return 0


def _run_gui(args: argparse.Namespace) -> int:
    try:
        from outreach.ui.app import run
    except ImportError as exc:  # the desktop UI module is absent in this build
        raise OutreachError(
            "Giao diện chưa có trong bản này; dùng các lệnh con (outreach --help).",
            "The desktop UI is not in this build; use the sub-commands (outreach --help).",
        ) from exc
    return run(args)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    log_path = _setup_logging(_data_dir(args))
    handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", _run_gui)
    try:
        return handler(args)
    except OutreachError as exc:
        log.info("user error %s: %s", exc.code, exc.message_en)
        print(exc.message(_language()), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception:
        log.exception("unexpected error in %s", getattr(args, "command", None) or "gui")
        print(
            _say(f"Lỗi không mong muốn; chi tiết ghi tại {log_path}", f"Unexpected error; details in {log_path}"),
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
