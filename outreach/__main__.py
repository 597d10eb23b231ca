"""``python -m outreach`` and the PyInstaller bundle's entry point (``build.spec``)."""

import sys

from outreach.commands.cli import main

if __name__ == "__main__":
    sys.exit(main())
