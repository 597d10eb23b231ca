"""Vietnamese text folding for search.

Search must ignore case and diacritics ("nguyen van thanh" finds "Nguyễn Văn Thành"). NFD
decomposition separates most marks, but đ/Đ is a letter of its own that Unicode does not
decompose, so it is mapped to d explicitly (DOMAIN.md, "Search in Vietnamese"). The original
text is always kept for display; only the folded form goes into the search index.
"""

from __future__ import annotations

import re
import unicodedata

_D_LETTERS = (("đ", "d"), ("Đ", "d"), ("ð", "d"), ("Ð", "d"))
_NON_WORD = re.compile(r"[^0-9a-z]+")
#: Anything besides ASCII and the combining marks of the Combining Diacritical Marks block
#: (every Vietnamese tone and vowel mark after NFD). Without such a character, dropping the
#: marks is dropping every non-ASCII character, which ``encode`` does in C.
_NOT_ASCII_OR_MARK = re.compile(
    "[^\x00-\x7f" + "".join(ch for ch in map(chr, range(0x300, 0x370)) if unicodedata.combining(ch)) + "]"
)


def fold(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics (including đ → d)."""
    for letter, plain in _D_LETTERS:
        text = text.replace(letter, plain)
    decomposed = unicodedata.normalize("NFD", text)
    if decomposed.isascii():
        return decomposed.lower()
    if _NOT_ASCII_OR_MARK.search(decomposed) is None:  # the common case, ~5× faster
        return decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def fold_tokens(text: str) -> list[str]:
    """Fold ``text`` and split it into alphanumeric tokens, the unit of search matching."""
    return [t for t in _NON_WORD.split(fold(text)) if t]


def fold_key(text: str) -> str:
    """A normalised key for duplicate detection: folded tokens joined by single spaces."""
    return " ".join(fold_tokens(text))
