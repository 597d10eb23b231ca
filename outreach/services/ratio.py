"""A figure as numerator and denominator, shared by every figure of the reports.

Its own module so that the figure services (``coverage``, ``one_stop``) stand on it without
importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass


def share(part: int, whole: int) -> float | None:
    """part/whole as a fraction, or None when there is nothing to divide (shown as "–")."""
    return part / whole if whole else None


@dataclass(frozen=True)
class Ratio:
    """A figure as its numerator and denominator: a leader defends "22/400", not "5,5 %"."""

    part: int
    whole: int

    @property
    def share(self) -> float | None:
        return share(self.part, self.whole)

    def text(self) -> str:
        """ "22/400": how every screen and export writes the pair."""
        return f"{self.part}/{self.whole}"
