"""A household's address as one line of text, the way Vietnamese addresses are written.

Addresses are stored as parts (house number, alley, lane, street, hamlet, extra: one JSON field,
DESIGN §4.14); lists, receipts, exports and the search index all show the same one-line form.
"""

from __future__ import annotations

from collections.abc import Mapping


def address_text(address: Mapping[str, object] | None) -> str:
    """A readable one-line address from the address parts, Vietnamese order."""
    if not address:
        return ""
    parts: list[str] = []
    number = str(address.get("house_number") or "").strip()
    if number:
        parts.append(f"Số {number}")
    alley = str(address.get("alley") or "").strip()
    if alley:
        parts.append(f"ngách {alley}")
    lane = str(address.get("lane") or "").strip()
    if lane:
        parts.append(f"ngõ {lane}")
    for key in ("street", "hamlet", "extra"):
        value = str(address.get(key) or "").strip()
        if value:
            parts.append(value)
    return ", ".join(parts)
