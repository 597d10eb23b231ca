"""``outreach-server``: the central office server (its commands arrive with the sync work)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from outreach import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="outreach-server",
        description="Outreach central office server (ward People's Committee).",
    )
    parser.add_argument("--version", action="version", version=f"outreach-server {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    build_parser().print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
