"""The ``outreach`` command: the desktop app by default, headless sub-commands for scripts.

User-facing failures (``OutreachError``) print one line in the user's language and exit 1;
anything else is a bug: one line pointing at the log file, the traceback goes to the log only,
exit 2. Scripts can rely on exit code 0 meaning success.
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from outreach import __version__
from outreach.commands import core, privacy, procedures, reports, sync
from outreach.commands.common import language, say
from outreach.errors import OutreachError
from outreach.store.profile import data_dir_of, make_private

log = logging.getLogger("outreach")

#: Each module adds its sub-commands with ``register(subparsers)``; one module per area, so
#: the CLI grows without this file becoming the place where everything meets.
COMMAND_MODULES = (core, sync, reports, procedures, privacy)


def _setup_logging(data_dir: Path) -> Path:
    """Log to ``<data-dir>/logs/outreach.log``; logs never contain secrets or personal data."""
    folder = data_dir / "logs"
    make_private(folder)
    path = folder / "outreach.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    if os.name == "posix":
        path.chmod(0o600)  # a log made before the private umask
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="outreach",
        description="Outreach — hỗ trợ dịch vụ công trực tuyến tại nhà (ward outreach teams).",
    )
    parser.add_argument("--version", action="version", version=f"outreach {__version__}")
    parser.add_argument("--data-dir", type=Path, help="profile folder (default: $OUTREACH_DATA_DIR or the user data folder)")
    parser.add_argument("--demo", action="store_true", help="create the profile as a demo profile (synthetic data only)")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation on a throw-away profile (store, search, window offscreen), then exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from outreach.ui.app import run

    return run(args)


#: Files Outreach creates (profile, database, logs, backups, hand-over exports) are the user's
#: alone: they hold residents' personal data or describe the device. On Windows the profile sits
#: in the user's own AppData, which only that user can read.
PRIVATE_UMASK = 0o077


def main(argv: Sequence[str] | None = None) -> int:
    previous_umask = os.umask(PRIVATE_UMASK)
    try:
        return _main(argv)
    finally:
        os.umask(previous_umask)


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:  # before logging: it must not touch the user's profile folder
        from outreach.commands.selftest import run_self_test

        return run_self_test(args.data_dir)
    data_dir = data_dir_of(args)
    make_private(data_dir)
    log_path = _setup_logging(data_dir)
    handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", _run_gui)
    try:
        return handler(args)
    except OutreachError as exc:
        log.info("user error %s: %s", exc.code, exc.message_en)
        print(exc.message(language()), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``outreach households search … | head``): a normal end. Point
        # stdout at /dev/null so the interpreter's final flush does not fail a second time.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception:
        log.exception("unexpected error in %s", getattr(args, "command", None) or "gui")
        print(
            say(f"Lỗi không mong muốn; chi tiết ghi tại {log_path}", f"Unexpected error; details in {log_path}"),
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
