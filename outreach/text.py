"""Vietnamese text folding for search.

Search must ignore case and diacritics ("nguyen van thanh" finds "Nguyễn Văn Thành"). NFD
decomposition separates most marks, but đ/Đ is a letter of its own that Unicode does not
decompose, so it is mapped to d explicitly (DOMAIN.md, "Search in Vietnamese"). The original
text is always kept for display; only the folded form goes into the search index.
"""

from __future__ import annotations

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics (including đ → d)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.lower()


def fold_tokens(text: str) -> list[str]:
    """Fold ``text`` and split it into alphanumeric tokens, the unit of search matching."""
    return [t for t in _NON_WORD.split(fold(text)) if t]


def fold_key(text: str) -> str:
    """A normalised key for duplicate detection: folded tokens joined by single spaces."""
    return " ".join(fold_tokens(text))
