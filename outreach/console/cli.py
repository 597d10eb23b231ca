"""``outreach-server`` with the office console: the server's command line, whose ``serve``
also serves the console under ``/console/`` (the server package cannot import the console, a
layer above it, so the console hands itself in as an ``AppExtension``)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from outreach.console.app import mount_console
from outreach.server import cli as server_cli


def main(argv: Sequence[str] | None = None) -> int:
    return server_cli.main(argv, extensions=[mount_console])


if __name__ == "__main__":
    sys.exit(main())
