"""Dialogs opened from the screens: each edits or confirms one thing and returns plain data."""
