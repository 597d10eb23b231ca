"""Reading the QR code on a chip ID card (CCCD / thẻ căn cước).

Ward offices scan the CCCD / thẻ căn cước QR with handheld scanners that type into the
focused field. The payload is ``personal ID|old CMND|name|birth date|sex|address|issue date``
(DOMAIN.md); newer cards add empty trailing fields. ``parse_cccd`` accepts 7 or more fields and
never shifts fields to make a short payload fit, because a silently shifted record (the birth
date saved as the sex, say) is worse than none. A scanner under a wrong keyboard layout or
input method garbles the text; the parser recognises the usual symptoms and says so, so the
user rescans instead of saving a mangled name.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from outreach.errors import OutreachError

__all__ = ["CCCD_FIELD_COUNT", "CccdParseError", "CccdRecord", "foreign_layout_signs", "parse_cccd"]

CCCD_FIELD_COUNT = 7
_EARLIEST_BIRTH = dt.date(1900, 1, 1)
_RESCAN_VI = (
    "Hãy kiểm tra cài đặt máy quét, tắt bộ gõ tiếng Việt (Unikey, EVKey…) hoặc chuyển bàn phím "
    "về tiếng Anh, rồi quét lại; nếu vẫn lỗi, hãy nhập tay."
)
_RESCAN_EN = (
    "Check the scanner settings, turn off the Vietnamese input method (Unikey, EVKey…) or switch "
    "the keyboard to English, and scan again; if it still fails, type the details in."
)


_LAYOUT_VI = (
    "Máy quét có vẻ đang gõ theo bố cục bàn phím không phải tiếng Việt: chữ có dấu bị mất hoặc bị "
    "thay (ví dụ “Nữ” thành “N”, tên mất dấu). Hãy đặt máy quét hoặc bàn phím của máy về đúng bố cục, "
    "hoặc chuyển máy quét sang chế độ USB-HID “Unicode”, rồi quét lại; nếu vẫn lỗi, hãy nhập tay."
)
_LAYOUT_EN = (
    "The scanner seems to type under a non-Vietnamese keyboard layout: letters with diacritics are "
    "dropped or replaced (e.g. “Nữ” becomes “N”, names lose their marks). Set the scanner or the "
    "computer's keyboard to the right layout, or switch the scanner to its USB-HID “Unicode” mode, "
    "and scan again; if it still fails, type the details in."
)


class CccdParseError(OutreachError, ValueError):
    """The scanned text is not a plausible ID-card QR payload; nothing should be saved.

    ``code`` names the first problem ("cccd_field_count", "cccd_garbled", …); the messages list
    all of them, so the user sees whether this is a wrong code or a scanner problem. Messages
    never repeat the scanned personal data (only lengths and odd characters), since error
    messages may reach logs; the scanned text itself is in the field the user is looking at.
    """

    code = "cccd_invalid"

    def __init__(self, message_vi: str, message_en: str, *, code: str, problems: list[str] | None = None,
                 keyboard_layout: bool = False) -> None:
        super().__init__(message_vi, message_en, code=code)
        self.problems = list(problems or [code])
        #: The payload shows the marks of a scanner typing under a non-Vietnamese keyboard layout.
        self.keyboard_layout = keyboard_layout


@dataclass(frozen=True)
class CccdRecord:
    """The fields of an ID-card QR code, checked and typed. ``sex`` is "Nam" or "Nữ"."""

    personal_id: str
    old_id: str | None
    full_name: str
    date_of_birth: dt.date
    sex: str
    address: str
    issue_date: dt.date

    def to_payload(self, trailing_empty_fields: int = 0) -> str:
        """The QR text for this record, as a card would carry it (used to make test data)."""
        fields = [
            self.personal_id,
            self.old_id or "",
            self.full_name,
            self.date_of_birth.strftime("%d%m%Y"),
            self.sex,
            self.address,
            self.issue_date.strftime("%d%m%Y"),
        ]
        return "|".join(fields + [""] * trailing_empty_fields)


# ------------------------------------------------------------------ parsing


def _is_latin_letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L") and "LATIN" in unicodedata.name(ch, "")


# A word of a name: Latin letters, optionally joined by hyphens, optionally opened by one letter
# and an apostrophe as in Ê Đê and Gia Rai names ("H'Hen Niê", "Y'Moan"). An apostrophe anywhere
# else ("Nguy'en") is the mark of a scanner typing under a foreign keyboard layout.
_LETTER = r"(?:[^\W\d_]|[\u0300-\u036f])"
_NAME_WORD = re.compile(rf"(?:{_LETTER}['’])?{_LETTER}+(?:-{_LETTER}+)*")
# Punctuation seen on printed addresses; "[", "]", ";", "?", "\" and the like are not among it.
_ADDRESS_PUNCTUATION = set(" ,./-–()'’&:#+_\"")


def _strange(text: str, allowed_punctuation: set[str]) -> list[str]:
    """Characters in ``text`` that no printed name or address would contain."""
    bad = []
    for ch in text:
        if _is_latin_letter(ch) or unicodedata.combining(ch) or ch in allowed_punctuation:
            continue
        if ch.isascii() and ch.isdigit():
            continue
        bad.append(ch)
    return bad


def _name_problem(name: str) -> str | None:
    """Why ``name`` looks garbled, or None if it looks like a person's name."""
    odd = [ch for ch in name if not (_is_latin_letter(ch) or unicodedata.combining(ch) or ch in " '’-")]
    if odd:
        return "".join(dict.fromkeys(odd))
    if not all(_NAME_WORD.fullmatch(word) for word in name.split(" ")):
        return "'" if any(q in name for q in "'’") else "-"
    return None


def _shown(chars: str) -> str:
    """Characters quoted for a message; the replacement character and controls shown as codes."""
    return " ".join(
        f"U+{ord(ch):04X}" if ch == "\ufffd" or unicodedata.category(ch).startswith("C") else f"“{ch}”"
        for ch in chars
    )


#: Vowel letters once diacritics are folded away: every Vietnamese syllable (and every word of a
#: minority name written in Latin letters) has one, so a word without any lost its vowel.
_VOWELS = frozenset("aeiouy")
_SUBSTITUTES = "?\ufffd"


def _fold_letters(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if ch.isalpha() and not unicodedata.combining(ch)).lower()


def _vowelless_words(name: str) -> bool:
    """A name word of two or more letters with no vowel ("Trn", "Vn"): its marked vowel was dropped.
    One-letter words are initials ("Nguyễn Văn A")."""
    return any(len(w) >= 2 and not (set(w) & _VOWELS) for w in map(_fold_letters, name.split()))


def foreign_layout_signs(text: str) -> list[str]:
    """The signs, in ``text`` as a scanner typed it, of a scanner on a non-Vietnamese keyboard layout.

    A keyboard-wedge scanner sends key presses; under a US (or other) layout it has no key for
    "ữ", "ễ", "ầ", so it drops those letters or types "?" or a plain look-alike instead, while
    digits, "|" and "Nam" come through intact. So: "Nữ" arrives as "N", "N?" or "Nu"
    (``sex_mark_lost``); name words lose their vowel, "Trần" → "Trn" (``vowelless_word``); "?" or
    U+FFFD stand in a word (``substitute``); or name and address carry no diacritic at all, which
    no real card does (``no_marks``, the weakest sign: it alone does not make a card invalid).
    Pure and cheap, for the parser's hint, the scan field's caution and the command line.
    """
    fields = [f.strip() for f in unicodedata.normalize("NFC", text.lstrip("\ufeff").strip()).split("|")]
    if len(fields) < 6:
        return []
    name, sex, address = fields[2], fields[4], fields[5]
    signs: list[str] = []
    folded_sex = sex.casefold()
    if folded_sex not in ("nam", "nữ") and folded_sex[:1] == "n" and len(folded_sex) <= 3 and not folded_sex.startswith("na"):
        signs.append("sex_mark_lost")
    if _vowelless_words(name):
        signs.append("vowelless_word")
    if re.search(rf"\w[{_SUBSTITUTES}]|[{_SUBSTITUTES}]\w", name + " " + address):
        signs.append("substitute")
    letters = [ch for ch in name + address if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isascii() for ch in letters):
        signs.append("no_marks")
    return signs


def _parse_date(text: str) -> dt.date | None:
    if not re.fullmatch(r"[0-9]{8}", text):
        return None
    try:
        return dt.date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        return None


def _fail(problems: list[tuple[str, str, str]], *, hint: bool, layout: bool = False) -> CccdParseError:
    """The error for ``problems``; ``layout``: the keyboard-layout hint (it names the cause), else
    with ``hint`` the general rescan advice (input method, scanner settings)."""
    vi = "Mã QR không phải mã hợp lệ trên thẻ căn cước: " + "; ".join(p[1] for p in problems) + "."
    en = "The QR code is not a valid ID-card code: " + "; ".join(p[2] for p in problems) + "."
    if layout:
        vi += " " + _LAYOUT_VI
        en += " " + _LAYOUT_EN
    elif hint:
        vi += " " + _RESCAN_VI
        en += " " + _RESCAN_EN
    return CccdParseError(vi, en, code=problems[0][0], problems=list(dict.fromkeys(p[0] for p in problems)),
                          keyboard_layout=layout)


def parse_cccd(text: str) -> CccdRecord:
    """Parse the text a scanner typed from a CCCD / thẻ căn cước QR code.

    Accepts 7 ``|``-separated fields followed by any number of *empty* fields, with a trailing
    CR/LF. Raises ``CccdParseError`` (with Vietnamese and English messages) for fewer than 7
    fields, non-empty extra fields, a personal ID that is not 12 digits, an old ID that is not
    9 digits, an impossible date, an unknown sex, an empty name, or text garbled by a scanner.
    """
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff").strip())
    controls = "".join(dict.fromkeys(ch for ch in text if unicodedata.category(ch) == "Cc"))
    if controls:
        raise _fail(
            [(
                "cccd_garbled",
                f"dữ liệu quét có ký tự điều khiển ({_shown(controls)}), có thể đã quét hai lần "
                "hoặc máy quét gửi thêm phím",
                f"the scanned text contains control characters ({_shown(controls)}); it may have "
                "been scanned twice or the scanner sent extra keys",
            )],
            hint=True,
        )
    fields = [f.strip() for f in text.split("|")]
    if len(fields) < CCCD_FIELD_COUNT:
        raise _fail(
            [(
                "cccd_field_count",
                f"chỉ có {len(fields)} trường, cần ít nhất {CCCD_FIELD_COUNT} (số định danh | số CMND cũ "
                "| họ tên | ngày sinh | giới tính | nơi thường trú | ngày cấp)",
                f"it has only {len(fields)} fields, at least {CCCD_FIELD_COUNT} are needed (personal ID "
                "| old ID | name | date of birth | sex | permanent address | issue date)",
            )],
            hint=False,
        )
    extras = [i + 1 for i, f in enumerate(fields) if i >= CCCD_FIELD_COUNT and f]
    if extras:
        raise _fail(
            [(
                "cccd_extra_fields",
                f"có dữ liệu ở trường thứ {', '.join(map(str, extras))}, sau 7 trường quen thuộc; "
                "định dạng này chưa được hỗ trợ",
                f"field(s) {', '.join(map(str, extras))} after the usual 7 are not empty; this "
                "layout is not supported",
            )],
            hint=False,
        )
    pid, old_id, name, dob_text, sex_text, address, issued_text = fields[:CCCD_FIELD_COUNT]
    name = " ".join(name.split())
    problems: list[tuple[str, str, str]] = []
    garbled = False

    if not re.fullmatch(r"[0-9]{12}", pid):
        problems.append((
            "cccd_personal_id",
            f"số định danh cá nhân phải gồm đúng 12 chữ số (đọc được {len(pid)} ký tự)",
            f"the personal ID must be exactly 12 digits (read {len(pid)} characters)",
        ))
    if old_id and not re.fullmatch(r"[0-9]{9}", old_id):
        problems.append((
            "cccd_old_id",
            f"số CMND cũ phải gồm đúng 9 chữ số (đọc được {len(old_id)} ký tự)",
            f"the old ID number must be exactly 9 digits (read {len(old_id)} characters)",
        ))
    if not name:
        problems.append(("cccd_name_missing", "thiếu họ và tên", "the name is missing"))
    elif (odd := _name_problem(name)) is not None:
        garbled = True
        problems.append((
            "cccd_garbled",
            f"họ tên chứa ký tự lạ ({_shown(odd)}), dấu hiệu máy quét gõ sai bộ gõ",
            f"the name contains unexpected characters ({_shown(odd)}), a sign the scanner "
            "typed under the wrong keyboard layout",
        ))
    elif _vowelless_words(name):
        garbled = True
        problems.append((
            "cccd_garbled",
            "họ tên có chữ không có nguyên âm, dấu hiệu máy quét đã bỏ mất các chữ có dấu",
            "a word of the name has no vowel, a sign the scanner dropped the letters with diacritics",
        ))
    dob = _parse_date(dob_text)
    if dob is None:
        problems.append((
            "cccd_date_of_birth",
            "ngày sinh không phải ngày hợp lệ dạng ngày-tháng-năm (ddMMyyyy)",
            "the date of birth is not a valid ddMMyyyy date",
        ))
    elif dob < _EARLIEST_BIRTH:
        problems.append(("cccd_date_of_birth", "ngày sinh trước năm 1900", "the date of birth is before 1900"))
    sex = {"nam": "Nam", "nữ": "Nữ"}.get(sex_text.casefold())
    if sex is None:
        garbled = garbled or bool(sex_text)
        problems.append((
            "cccd_sex",
            "giới tính phải là Nam hoặc Nữ",
            "the sex must be Nam or Nữ",
        ))
    odd_address = "".join(dict.fromkeys(_strange(address, _ADDRESS_PUNCTUATION)))
    if odd_address:
        garbled = True
        problems.append((
            "cccd_garbled",
            f"địa chỉ chứa ký tự lạ ({_shown(odd_address)})",
            f"the address contains unexpected characters ({_shown(odd_address)})",
        ))
    issued = _parse_date(issued_text)
    if issued is None:
        problems.append((
            "cccd_issue_date",
            "ngày cấp không phải ngày hợp lệ dạng ngày-tháng-năm (ddMMyyyy)",
            "the issue date is not a valid ddMMyyyy date",
        ))
    elif dob is not None and issued < dob:
        problems.append((
            "cccd_issue_date",
            "ngày cấp thẻ trước ngày sinh",
            "the issue date is before the date of birth",
        ))
    if problems:
        signs = set(foreign_layout_signs(text)) - {"no_marks"}
        raise _fail(problems, hint=garbled or len(problems) > 1, layout=bool(signs))
    assert dob is not None and issued is not None and sex is not None
    return CccdRecord(
        personal_id=pid,
        old_id=old_id or None,
        full_name=name,
        date_of_birth=dob,
        sex=sex,
        address=" ".join(address.split()),
        issue_date=issued,
    )
