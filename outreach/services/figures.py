"""What every coverage figure stands on: a figure is a numerator over a denominator.

Shared by the ward-wide figures (services/coverage.py) and the team-area ones
(services/area_coverage.py), so both write "22/400" the same way and count the same dossiers
as submitted.
"""

from __future__ import annotations

from dataclasses import dataclass

from outreach.vocabulary import FilingStatus

#: Statuses of a dossier that went in: submitted (waiting) or completed (result given).
SUBMITTED_STATUSES = (FilingStatus.SUBMITTED, FilingStatus.COMPLETED)


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
