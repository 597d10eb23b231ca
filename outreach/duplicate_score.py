"""Scoring candidate duplicate households and residents: the pure part of the duplicate scan.

Two teams working offline, or a volunteer who typed an address differently, register one family
twice (issue 17). The scan runs on a leader's laptop (``services/duplicates.py``) and on the
office server (``server/duplicates.py``), which may not import services, so the scoring lives
here, in a base module both stand on: plain records in, scored pairs out.

How a pair is scored (the reasons are ``DuplicateReason`` codes, the verdict a ``DuplicateDecision``):

- the same 12-digit personal ID (a household: shared by one of its residents) is *certain*;
- addresses are compared as parsed parts, not as text: folded (diacritics, đ → d), abbreviations
  read as their word ("P." / "Phường", "ng." / "ngõ", "hẻm" / "kiệt" are lanes too), house,
  lane and alley numbers compared as numbers with their letter ("Số 012A" = "12a") and their
  slashes ("12/3"), and the street's remaining words as a set;
- a folded name with the date of birth, a phone (national form), the head's folded name.

Pairs are found through blocking keys (an address signature with a street word, a personal ID,
a name with its birth date or phone, a phone): only records that share a key are compared, so a scan of a
20,000-household ward compares thousands of pairs, not 200 million. A block larger than
``MAX_BLOCK`` (a shared office phone, "Nguyễn Văn An" with no date) says nothing and is skipped.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import combinations
from typing import NamedTuple, TypeVar

from outreach.validation import normalize_phone
from outreach.vietnamese_fold import fold
from outreach.vocabulary import DuplicateDecision, DuplicateReason, RecordKind

#: A block with more members than this is not informative (and would make the scan quadratic).
MAX_BLOCK = 60
#: Points per reason; a personal ID alone decides.
POINTS: dict[DuplicateReason, int] = {
    DuplicateReason.SAME_PERSONAL_ID: 100,
    #: not offered alone: several households sharing one house is common (and legitimate)
    DuplicateReason.SAME_ADDRESS: 45,
    DuplicateReason.SAME_HEAD_NAME: 35,
    DuplicateReason.SAME_PHONE: 35,
    DuplicateReason.SAME_NAME_AND_BIRTH: 80,
    DuplicateReason.SAME_NAME: 20,
}
#: At or above: likely the same; at or above ``POSSIBLE_AT``: worth a look; below: not offered.
LIKELY_AT = 80
POSSIBLE_AT = 50

_LANE_WORDS = frozenset({"ngo", "ng", "hem", "kiet", "h"})
_ALLEY_WORDS = frozenset({"ngach", "ngh"})
_HOUSE_WORDS = frozenset({"so", "sn", "nha", "can"})
#: Words that name a kind of place, not the place ("Phường", "P.", "Đường", "Tổ 5" keeps its 5).
_FILLER = frozenset({
    "duong", "d", "pho", "phuong", "p", "quan", "q", "thanh", "tp", "huyen", "xa", "thi", "tran", "tt",
    "to", "dan", "tdp", "thon", "xom", "ap", "khu", "kp", "khom", "so", "sn", "nha", "can",
})
_NUMBER = re.compile(r"[0-9]+[a-z]?(?:/[0-9]+[a-z]?)*")
_TOKEN = re.compile(r"[0-9a-z/]+")
_PART = re.compile(r"([0-9]+)([a-z]?)")
_STUCK = re.compile(r"([a-z]+)([0-9].*)")
_LABEL_WORDS = _LANE_WORDS | _ALLEY_WORDS | _HOUSE_WORDS
_NAME_SPLIT = re.compile(r"[^0-9a-z]+")

Number = tuple[tuple[int, str], ...]


def _number(token: str) -> Number:
    """A house/lane number as numbers: "012A/3" -> ((12, "a"), (3, "")), so 012a = 12A."""
    parts = []
    for piece in token.split("/"):
        match = _PART.fullmatch(piece)
        if match:
            parts.append((int(match.group(1)), match.group(2)))
    return tuple(parts)


@dataclass(frozen=True)
class ParsedAddress:
    """An address reduced to what identifies it: its numbers by role and its street's words."""

    house: Number = ()
    lane: Number = ()
    alley: Number = ()
    #: numbers that follow no label after the house number (a group's "Tổ 5", a "khu 3")
    other: tuple[Number, ...] = ()
    words: frozenset[str] = frozenset()

    def signature(self) -> tuple[Number, Number, Number] | None:
        """The blocking key: the numbers (None without a house number: nothing to block on)."""
        return (self.house, self.lane, self.alley) if self.house else None


def _address_line(address: Mapping[str, object]) -> str:
    """The parts as one line with their labels (what ``model.address.address_text`` writes;
    rebuilt here because a base module may not import ``model``)."""
    labels = (("house_number", "so"), ("alley", "ngach"), ("lane", "ngo"), ("street", ""), ("hamlet", ""), ("extra", ""))
    pieces = []
    for key, word in labels:
        value = str(address.get(key) or "").strip()
        if value:
            pieces.append(f"{word} {value}" if word else value)
    return " , ".join(pieces)


def parse_address(address: Mapping[str, object] | str) -> ParsedAddress:
    """Parse address parts (or one line of text) into numbers by role and street words.

    A number right after "ngõ"/"hẻm"/"kiệt" is the lane, after "ngách" the alley, after "số"
    (or the first unlabelled number) the house. A word stuck to its number ("ngo45") is split.
    """
    return parse_folded(fold(address if isinstance(address, str) else _address_line(address)))


_gc_lock = threading.Lock()
_gc_pausers = 0
_gc_was_enabled = False


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while a scan builds its ~500,000 small objects.

    Measured beside a thread ticking every 20 ms (the GUI's timer stands in): a scan of the
    large ward made it 0.75 s late, and 0.09 s with the collector paused. Each generation-2
    collection walks every object of the process holding the GIL, and the scan's allocations
    trigger several. The objects it makes are freed by reference counting when it returns;
    the collector (process-wide) is enabled again when the last of concurrent scans ends."""
    global _gc_pausers, _gc_was_enabled
    with _gc_lock:
        if _gc_pausers == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pausers += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausers -= 1
            if _gc_pausers == 0 and _gc_was_enabled:
                gc.enable()


#: Items handled between two ``let_others_run`` calls.
YIELD_EVERY = 500


def let_others_run(index: int) -> None:
    """Every ``YIELD_EVERY`` items, hand the GIL to a waiting thread. The scan runs on the
    runner beside the GUI thread; on a loaded 2-core laptop a thread holding the GIL can be
    descheduled by the OS while it holds it, and the GUI's 50 ms timer then came 0.4–0.7 s late.
    ``sleep(0)`` releases the GIL on the spot (a few microseconds when nobody waits)."""
    if index % YIELD_EVERY == 0:
        time.sleep(0)


#: Texts folded per call of ``fold_many``: a call holds the GIL throughout (the scan runs beside
#: the GUI thread), so a few milliseconds each, not one call over a megabyte.
FOLD_CHUNK = 2_000


def fold_many(texts: Sequence[str]) -> list[str]:
    """``fold`` of each text, in one call per ``FOLD_CHUNK`` texts over their joined text (a scan
    folds 80,000 short texts: a few dozen Unicode normalisations instead of 80,000)."""
    folded: list[str] = []
    for start in range(0, len(texts), FOLD_CHUNK):
        time.sleep(0)  # see let_others_run
        chunk = texts[start:start + FOLD_CHUNK]
        folded.extend(fold("\n".join(t.replace("\n", " ") for t in chunk)).split("\n"))
    assert len(folded) == len(texts)
    return folded


def parse_folded(folded: str) -> ParsedAddress:
    """``parse_address`` of an address line already folded."""
    tokens: list[str] = []
    for token in _TOKEN.findall(folded.replace("-", " ")):
        split = _STUCK.fullmatch(token)
        if split and split.group(1) in _LABEL_WORDS:
            tokens.extend(split.groups())
        else:
            tokens.append(token)
    house: Number = ()
    lane: Number = ()
    alley: Number = ()
    other: list[Number] = []
    words: set[str] = set()
    role: str | None = None
    for token in tokens:
        if token in _LANE_WORDS:
            role = "lane"
            continue
        if token in _ALLEY_WORDS:
            role = "alley"
            continue
        if token in _HOUSE_WORDS:
            role = "house"
            continue
        if _NUMBER.fullmatch(token):
            number = _number(token)
            if role == "lane" and not lane:
                lane = number
            elif role == "alley" and not alley:
                alley = number
            elif (role == "house" or role is None) and not house:
                house = number
            else:
                other.append(number)
        elif token.strip("/") and token not in _FILLER:
            words.add(token.strip("/"))
        role = None
    return ParsedAddress(house, lane, alley, tuple(other), frozenset(words))


def same_address(a: ParsedAddress, b: ParsedAddress) -> bool:
    """The same place: the same house, lane and alley numbers, and street words that agree
    (one's words within the other's: "Lê Lợi" and "Lê Lợi, Bến Thành" agree)."""
    if not a.house or a.signature() != b.signature():
        return False
    if not a.words or not b.words:
        return True
    return a.words <= b.words or b.words <= a.words


def phone_key(phone: str | None) -> str:
    """A phone number's comparable form ("" when it holds too few digits to mean anything)."""
    digits = normalize_phone(phone or "")
    return digits if len(digits) >= 9 else ""


class HouseholdRecord(NamedTuple):
    """What the scorer reads of a household (and of its residents' personal IDs); a named
    tuple, as a scan makes 80,000 of them (four times quicker to build than a dataclass)."""

    id: str
    address: Mapping[str, object]
    head_name: str = ""
    phone: str | None = None
    personal_ids: frozenset[str] = frozenset()


class ResidentRecord(NamedTuple):
    """What the scorer reads of a resident."""

    id: str
    household_id: str | None
    full_name: str
    date_of_birth: dt.date | None = None
    personal_id: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Candidate:
    """A pair that may be one family (or one person) registered twice; ids in sorted order."""

    kind: RecordKind
    first_id: str
    second_id: str
    score: int
    decision: DuplicateDecision
    reasons: tuple[DuplicateReason, ...] = field(default=())

    @property
    def pair(self) -> tuple[str, str]:
        return (self.first_id, self.second_id)


def decide(reasons: Iterable[DuplicateReason]) -> tuple[int, DuplicateDecision | None]:
    """The score of a set of reasons and its verdict (None: not worth offering)."""
    found = set(reasons)
    if DuplicateReason.SAME_PERSONAL_ID in found:
        return 100, DuplicateDecision.CERTAIN
    score = min(99, sum(POINTS[r] for r in found))
    if score >= LIKELY_AT:
        return score, DuplicateDecision.LIKELY
    if score >= POSSIBLE_AT:
        return score, DuplicateDecision.POSSIBLE
    return score, None


@dataclass(frozen=True)
class _PreparedHousehold:
    record: HouseholdRecord
    address: ParsedAddress
    head: str
    phone: str


def _prepare_household(record: HouseholdRecord) -> _PreparedHousehold:
    return _prepare_households([record])[0]


def _folded_key(folded: str) -> str:
    """``fold_key`` of a text already folded."""
    return " ".join(t for t in _NAME_SPLIT.split(folded) if t)


def _prepare_households(records: Sequence[HouseholdRecord]) -> list[_PreparedHousehold]:
    addresses = fold_many([_address_line(r.address) for r in records])
    heads = fold_many([r.head_name for r in records])
    prepared = []
    for index, (r, a, h) in enumerate(zip(records, addresses, heads, strict=True)):
        let_others_run(index)
        prepared.append(_PreparedHousehold(r, parse_folded(a), _folded_key(h), phone_key(r.phone)))
    return prepared


def household_reasons(a: HouseholdRecord, b: HouseholdRecord) -> tuple[DuplicateReason, ...]:
    """Why two households may be one (possibly nothing)."""
    return _household_reasons(_prepare_household(a), _prepare_household(b))


def _household_reasons(a: _PreparedHousehold, b: _PreparedHousehold) -> tuple[DuplicateReason, ...]:
    reasons = []
    if a.record.personal_ids & b.record.personal_ids:
        reasons.append(DuplicateReason.SAME_PERSONAL_ID)
    if same_address(a.address, b.address):
        reasons.append(DuplicateReason.SAME_ADDRESS)
    if a.head and a.head == b.head:
        reasons.append(DuplicateReason.SAME_HEAD_NAME)
    if a.phone and a.phone == b.phone:
        reasons.append(DuplicateReason.SAME_PHONE)
    return tuple(reasons)


def resident_reasons(a: ResidentRecord, b: ResidentRecord) -> tuple[DuplicateReason, ...]:
    """Why two residents may be one person (possibly nothing)."""
    first, second = _prepare_residents([a, b])
    return _resident_reasons(first, second)


@dataclass(frozen=True)
class _PreparedResident:
    record: ResidentRecord
    name: str
    phone: str


def _prepare_residents(records: Sequence[ResidentRecord]) -> list[_PreparedResident]:
    names = fold_many([r.full_name for r in records])
    prepared = []
    for index, (r, n) in enumerate(zip(records, names, strict=True)):
        let_others_run(index)
        prepared.append(_PreparedResident(r, _folded_key(n), phone_key(r.phone)))
    return prepared


def _resident_reasons(a: _PreparedResident, b: _PreparedResident) -> tuple[DuplicateReason, ...]:
    reasons = []
    if a.record.personal_id and a.record.personal_id == b.record.personal_id:
        reasons.append(DuplicateReason.SAME_PERSONAL_ID)
    same_name = bool(a.name) and a.name == b.name
    if same_name and a.record.date_of_birth is not None and a.record.date_of_birth == b.record.date_of_birth:
        reasons.append(DuplicateReason.SAME_NAME_AND_BIRTH)
    elif same_name:
        reasons.append(DuplicateReason.SAME_NAME)
    if a.phone and a.phone == b.phone:
        reasons.append(DuplicateReason.SAME_PHONE)
    return tuple(reasons)


T = TypeVar("T")


def _pairs(items: Sequence[T], keys_of: Callable[[T], Iterable[Hashable]]) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of ``items`` sharing a blocking key (blocks over
    ``MAX_BLOCK`` skipped)."""
    blocks: dict[Hashable, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        let_others_run(index)
        for key in dict.fromkeys(keys_of(item)):
            blocks[key].append(index)  # in index order, so each pair below comes out (i < j)
    pairs: set[tuple[int, int]] = set()
    for count, members in enumerate(blocks.values()):
        let_others_run(count)
        if 1 < len(members) <= MAX_BLOCK:
            pairs.update(combinations(members, 2))
    return pairs


def _candidate(kind: RecordKind, a: str, b: str, score: int, decision: DuplicateDecision,
               reasons: tuple[DuplicateReason, ...]) -> Candidate:
    first, second = (a, b) if a < b else (b, a)
    return Candidate(kind, first, second, score, decision, reasons)


def _household_keys(item: _PreparedHousehold) -> Iterable[Hashable]:
    for pid in item.record.personal_ids:
        yield ("pid", pid)
    signature = item.address.signature()
    if signature is not None:  # with each street word: "Số 5" alone is in every street
        for word in item.address.words or {""}:
            yield ("addr", signature, word)
    # no block of the head's name: it counts only with an address or a phone, whose blocks find
    # the pair anyway (and "Nguyễn Văn Hùng" heads sixty households of a ward)
    if item.phone:
        yield ("phone", item.phone)


def household_candidates(records: Iterable[HouseholdRecord],
                         skip: Callable[[str, str], bool] = lambda a, b: False) -> list[Candidate]:
    """Scored household pairs worth offering, best first; ``skip(first, second)`` drops pairs
    already decided ("not the same" marks)."""
    items = _prepare_households(list(records))
    found = []
    for count, (i, j) in enumerate(_pairs(items, _household_keys)):
        let_others_run(count)
        a, b = items[i], items[j]
        reasons = _household_reasons(a, b)
        score, decision = decide(reasons)
        if decision is not None:
            candidate = _candidate(RecordKind.HOUSEHOLD, a.record.id, b.record.id, score, decision, reasons)
            if not skip(*candidate.pair):
                found.append(candidate)
    return sorted(found, key=lambda c: (-c.score, c.pair))


def _resident_keys(item: _PreparedResident) -> Iterable[Hashable]:
    if item.record.personal_id:
        yield ("pid", item.record.personal_id)
    if item.name and item.record.date_of_birth is not None:
        yield ("name_dob", item.name, item.record.date_of_birth)
    if item.name and item.phone:
        yield ("name_phone", item.name, item.phone)


def resident_candidates(records: Iterable[ResidentRecord],
                        skip: Callable[[str, str], bool] = lambda a, b: False) -> list[Candidate]:
    """Scored resident pairs worth offering, best first (see ``household_candidates``)."""
    items = _prepare_residents(list(records))
    found = []
    for count, (i, j) in enumerate(_pairs(items, _resident_keys)):
        let_others_run(count)
        a, b = items[i], items[j]
        reasons = _resident_reasons(a, b)
        score, decision = decide(reasons)
        if decision is not None:
            candidate = _candidate(RecordKind.RESIDENT, a.record.id, b.record.id, score, decision, reasons)
            if not skip(*candidate.pair):
                found.append(candidate)
    return sorted(found, key=lambda c: (-c.score, c.pair))
