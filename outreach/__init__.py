"""Outreach: offline-first tool for ward mobile outreach teams.

The package is layered (see DESIGN.md §2): ``model`` and ``store`` at the bottom,
``services`` and ``sync`` above them, ``ui`` (the only Qt user) and ``server`` on top.
"""

__version__ = "0.1.0"
APP_NAME = "outreach"
