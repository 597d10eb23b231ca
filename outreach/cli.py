"""The ``outreach.cli:main`` entry point of earlier installs and scripts; the command lives in
``outreach.commands.cli``."""

from outreach.commands.cli import main

__all__ = ["main"]
