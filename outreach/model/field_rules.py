"""What every synced field may hold: one definition for the laptop's write path and the server.

Types and column lengths alone let through values that poison a ward: a NaN inside a JSON field
breaks every later pull page, a NUL in text makes PostgreSQL refuse the whole push (and the
laptop's outbox never moves again), an outcome "hacked" or a satisfaction of 99 reaches every
laptop of the ward. The rules here are the *value* rules of each field, read by

- the server (``server/push.py``) for every pushed change: a change that breaks one is answered
  ``rejected`` with reason ``bad_value``, the field and what is wrong; the rest of the batch applies;
- the laptop's write path (``store/outbox.ChangeRecorder``), before a change is recorded: typed
  text is cleaned (``clean_text``: NUL and other control characters dropped), anything else that
  breaks a rule is refused with a ``ValidationError``, so the laptop never records what the
  server cannot store.

The module lives in ``model/`` because both sides stand on it (services may not import
``wire/``); it reads the column types of ``model.entities`` and the code lists of
``vocabulary``. Rules take decoded values (``date``/``datetime`` objects) and, for dates, the
wire's ISO text as well (the server's bulk path checks wire values a column at a time).

Limits (documented in docs/server.md): a ``String(n)`` column holds at most ``n`` characters;
multi-line text (``Text`` columns: notes) at most ``TEXT_MAX_LENGTH`` characters; dates lie in
the years ``YEAR_MIN``..``YEAR_MAX``; integers fit PostgreSQL's 32-bit ``integer``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, Text

from outreach.errors import FieldProblem, ValidationError
from outreach.model.base import Synced, table_of
from outreach.model.entities import RESIDENT_IDENTIFYING_FIELDS, SYNCED_ENTITIES
from outreach.vocabulary import (
    STORED_ONLINE_LEVELS,
    Channel,
    FilingStatus,
    GroupKind,
    Outcome,
    PairStatus,
    PlanAdjustment,
    PlanMark,
    Portal,
    RecordKind,
    ReviewStatus,
    Role,
    Sex,
    TargetMetric,
)

#: Multi-line text (a visit's or household's notes, a review note): what a form can hold. A
#: 3.5 MB note made a 210 MB pull page; 4,000 characters is a long page of handwriting.
TEXT_MAX_LENGTH = 4_000
YEAR_MIN, YEAR_MAX = 1900, 2100
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
#: The parts of a household's address (DESIGN §4.14), each one line of text.
ADDRESS_PARTS = ("house_number", "alley", "lane", "street", "hamlet", "extra")
ADDRESS_PART_MAX = 200
#: A household's notes: shorter than a visit's (the household form's limit).
HOUSEHOLD_NOTES_MAX = 2_000
_SHORTER_TEXT = {("household", "notes"): HOUSEHOLD_NOTES_MAX}
#: A value a newer client sends for a field this server does not know (kept verbatim): bounded.
EXTRA_MAX_CHARS = 4_000
EXTRA_MAX_DEPTH = 4

# C0 and C1 control characters (but tab, newline and carriage return in multi-line text: a
# pasted Windows line end), DEL, and lone surrogates (no UTF-8 encoder writes them, PostgreSQL
# cannot store them).
_BAD_MULTI_LINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_BAD_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_DIGITS = {12: re.compile("[0-9]{12}"), 9: re.compile("[0-9]{9}")}
_PHONE = re.compile(r"\+?[0-9]{0,19}")


@dataclass(frozen=True)
class RuleBroken:
    """Why one field's value is refused: ``code`` for programs, messages for people."""

    field: str
    code: str
    message_vi: str
    message_en: str

    def problem(self) -> FieldProblem:
        return FieldProblem(self.field, self.code, self.message_vi, self.message_en)


#: A field's rule: the value -> None, or (code, Vietnamese, English) of what is wrong.
Rule = Callable[[Any], "tuple[str, str, str] | None"]


def _text_problem(value: str, max_length: int | None, multi_line: bool) -> tuple[str, str, str] | None:
    if max_length is not None and len(value) > max_length:
        return ("too_long", f"dài quá {max_length} ký tự ({len(value)})", f"longer than {max_length} characters ({len(value)})")
    if (_BAD_MULTI_LINE if multi_line else _BAD_ONE_LINE).search(value):
        return ("control_char", "chứa ký tự điều khiển hoặc ký tự không hợp lệ",
                "contains a control character or an invalid character")
    return None


def bad_characters(value: str, *, multi_line: bool = False) -> bool:
    """Whether ``value`` holds a character the rules refuse (see ``clean_text``)."""
    return (_BAD_MULTI_LINE if multi_line else _BAD_ONE_LINE).search(value) is not None


def clean_text(value: str, *, multi_line: bool = False) -> str:
    """``value`` without the characters the rules refuse (NUL, other control characters but tab,
    newline and CR in multi-line text, lone surrogates): what typed or pasted text becomes before
    the laptop records it. In one-line text a tab or line break becomes a space."""
    bad = _BAD_MULTI_LINE if multi_line else _BAD_ONE_LINE
    if not bad.search(value):
        return value
    if not multi_line:
        value = re.sub("[\t\n\r]+", " ", value)
    return bad.sub("", value)


def _text(max_length: int | None, multi_line: bool = False) -> Rule:
    def rule(value: Any) -> tuple[str, str, str] | None:
        if not isinstance(value, str):
            return ("bad_type", "không phải văn bản", "not text")
        return _text_problem(value, max_length, multi_line)
    return rule


def _member_of(codes: Iterable[str], *, blank: bool = False) -> Rule:
    allowed = frozenset(str(c) for c in codes) | ({""} if blank else set())
    shown = ", ".join(sorted(allowed - {""}))

    def rule(value: Any) -> tuple[str, str, str] | None:
        if value in allowed and isinstance(value, str):
            return None
        return ("not_member", f"không phải một trong: {shown}", f"not one of: {shown}")
    return rule


def _int_range(low: int, high: int) -> Rule:
    def rule(value: Any) -> tuple[str, str, str] | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return ("bad_type", "không phải số nguyên", "not an integer")
        if low <= value <= high:
            return None
        return ("out_of_range", f"phải từ {low} đến {high}", f"must be from {low} to {high}")
    return rule


def _year(value: Any) -> int | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    if isinstance(value, str) and len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return None


def _date_rule(value: Any) -> tuple[str, str, str] | None:
    year = _year(value)
    if year is None:
        return ("bad_type", "không phải ngày tháng", "not a date")
    if YEAR_MIN <= year <= YEAR_MAX:
        return None
    return ("out_of_range", f"năm phải từ {YEAR_MIN} đến {YEAR_MAX}", f"the year must be from {YEAR_MIN} to {YEAR_MAX}")


def _digits(count: int) -> Rule:
    pattern = _DIGITS[count]

    def rule(value: Any) -> tuple[str, str, str] | None:
        if isinstance(value, str) and (value == "" or pattern.fullmatch(value)):
            return None
        return ("bad_format", f"phải gồm đúng {count} chữ số", f"must be exactly {count} digits")
    return rule


def _phone(value: Any) -> tuple[str, str, str] | None:
    if isinstance(value, str) and _PHONE.fullmatch(value):
        return None
    return ("bad_format", "số điện thoại chỉ gồm chữ số", "a phone number holds digits only")


def _shape_problem(vi: str, en: str) -> tuple[str, str, str]:
    return ("bad_shape", vi, en)


def _object_of(parts: Mapping[str, Rule]) -> Rule:
    """A JSON object whose keys are among ``parts``, each value null or passing its rule."""
    names = ", ".join(parts)

    def rule(value: Any) -> tuple[str, str, str] | None:
        if type(value) is not dict:
            return _shape_problem("không đúng khuôn dạng (cần một đối tượng)", "not an object")
        for key, part in value.items():
            check = parts.get(key)
            if check is None:
                return _shape_problem(f"có mục lạ (chỉ nhận: {names})", f"unknown key (expected {names})")
            if part is not None and (problem := check(part)) is not None:
                return problem[0], f"{key}: {problem[1]}", f"{key}: {problem[2]}"
        return None
    return rule


def _list_of(item: Rule, max_items: int) -> Rule:
    def rule(value: Any) -> tuple[str, str, str] | None:
        if type(value) is not list:
            return _shape_problem("không đúng khuôn dạng (cần một danh sách)", "not a list")
        if len(value) > max_items:
            return ("too_long", f"quá {max_items} mục", f"more than {max_items} items")
        for element in value:
            if (problem := item(element)) is not None:
                return problem
        return None
    return rule


def _map_of(key: re.Pattern[str], key_shown: str, value: Rule, max_items: int) -> Rule:
    """A JSON object whose keys all match ``key`` and whose values pass ``value``."""
    def rule(found: Any) -> tuple[str, str, str] | None:
        if type(found) is not dict:
            return _shape_problem("không đúng khuôn dạng (cần một đối tượng)", "not an object")
        if len(found) > max_items:
            return ("too_long", f"quá {max_items} mục", f"more than {max_items} items")
        for name, part in found.items():
            if not key.fullmatch(name):
                return _shape_problem(f"mục “{name[:20]}” không phải {key_shown}", f"key “{name[:20]}” is not {key_shown}")
            if (problem := value(part)) is not None:
                return problem[0], f"{name}: {problem[1]}", f"{name}: {problem[2]}"
        return None
    return rule


_UUID = re.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _uuid(value: Any) -> tuple[str, str, str] | None:
    if isinstance(value, str) and (value == "" or _UUID.fullmatch(value)):
        return None
    return ("bad_format", "không phải mã UUID của Cổng dịch vụ công", "not a portal UUID")


#: A procedure's channels, as the portal names them in ``executionMethods`` (DOMAIN.md).
PROCEDURE_CHANNELS = ("online", "postal", "counter")
#: Processing time in working days, and a fee in đồng: bounds no real procedure comes near.
MAX_PROCESSING_DAYS = 365
MAX_FEE_VND = 1_000_000_000
#: What one channel of a procedure holds: {"days": working days, "fee_vnd": đồng}.
_CHANNEL = _object_of({"days": _int_range(0, MAX_PROCESSING_DAYS), "fee_vnd": _int_range(0, MAX_FEE_VND)})
_CHANNELS = _object_of(dict.fromkeys(PROCEDURE_CHANNELS, _CHANNEL))
PAPER_MAX = 300
#: An outing's plan: a ward has a few dozen groups; a team walks a handful of streets a day.
MAX_PLANNED_GROUPS, MAX_PLANNED_STREETS = 200, 100
#: A target counts households or dossiers of one ward: a million is beyond any.
MAX_TARGET_VALUE = 1_000_000


#: The most rows one merge re-points per entity (a household's visits over years: a few hundred).
MERGE_MOVED_MAX = 5_000
#: The survivor's fields a merge may set (and so remembers for its undo), per kind.
MERGE_FIELDS = {
    "household": ("group_id", "address", "head_name", "phone", "elderly_alone", "disabled", "policy_family",
                  "poor_household", "notes"),
    "resident": ("household_id", "full_name", "date_of_birth", "sex", "personal_id", "old_id", "card_address",
                 "relation_to_head", "phone", "vneid_level", "consent_given_at", "consent_withdrawn_at", "consent_detail"),
}


def _merge_previous_problem(value: Any) -> tuple[str, str, str] | None:
    """A merge's remembered values: an object of (wire-encoded) field values of the survivor,
    each checked by extra_problem's plain-JSON rule (defined below; looked up when called)."""
    if type(value) is not dict:
        return _shape_problem("không đúng khuôn dạng (cần một đối tượng)", "not an object")
    known = set(MERGE_FIELDS["household"]) | set(MERGE_FIELDS["resident"])
    for key in value:
        if key not in known:
            return _shape_problem("có mục lạ (không phải một trường được gộp)", "unknown key (not a merged field)")
    problem = extra_problem(value)
    return None if problem is None else ("bad_value", problem, problem)


def _column_rule(column: Any) -> Rule | None:
    """The rule a column's type gives: lengths for text, ranges for integers and dates."""
    kind = column.type
    if isinstance(kind, Boolean):
        return None
    if isinstance(kind, (Date, DateTime)):
        return _date_rule
    if isinstance(kind, Integer):
        return _int_range(INT_MIN, INT_MAX)
    if isinstance(kind, (String, Text)):
        length = TEXT_MAX_LENGTH if isinstance(kind, Text) else kind.length
        return _text(length, multi_line=isinstance(kind, Text))
    if isinstance(kind, JSON):
        return lambda value: _shape_problem("trường này chưa có quy tắc", "no rule for this JSON field")
    return None


_ID = _text(36)
#: Rules beyond the column's own (its type and length), per entity and field.
_SPECIAL: dict[tuple[str, str], Rule] = {
    ("residential_group", "kind"): _member_of(GroupKind),
    ("team", "contact_phone"): _phone,
    ("team_member", "role"): _member_of(Role),
    ("team_member", "phone"): _phone,
    ("household", "phone"): _phone,
    ("household", "notes"): _text(HOUSEHOLD_NOTES_MAX, multi_line=True),
    ("household", "address"): _object_of(dict.fromkeys(ADDRESS_PARTS, _text(ADDRESS_PART_MAX))),
    ("resident", "sex"): _member_of(Sex, blank=True),
    ("resident", "personal_id"): _digits(12),
    ("resident", "old_id"): _digits(9),
    ("resident", "phone"): _phone,
    ("resident", "vneid_level"): _int_range(0, 2),
    ("resident", "consent_detail"): _object_of({"recorded_by": _ID, "purpose": _text(300), "withdrawn_recorded_by": _ID}),
    ("visit", "outcome"): _member_of(Outcome),
    ("visit", "review_status"): _member_of(ReviewStatus),
    ("visit", "satisfaction"): _int_range(1, 5),
    ("visit", "members_present"): _list_of(_ID, 50),
    ("visit", "topics"): _list_of(_text(100), 30),
    ("filing", "status"): _member_of(FilingStatus),
    ("filing", "channel"): _member_of(Channel),
    #: other_name / other_code: a procedure not in the catalogue (filed under code "KHAC").
    ("filing", "dossier"): _object_of({"portal": _member_of(Portal, blank=True), "dossier_code": _text(40),
                                       "other_name": _text(300), "other_code": _text(20)}),
    ("duplicate_pair", "kind"): _member_of((RecordKind.HOUSEHOLD, RecordKind.RESIDENT)),
    ("duplicate_pair", "status"): _member_of(PairStatus),
    #: what a merge re-pointed, per entity (undo re-points it back); the survivor's old values
    ("duplicate_pair", "moved"): _object_of(dict.fromkeys(("resident", "visit", "filing"), _list_of(_ID, MERGE_MOVED_MAX))),
    ("duplicate_pair", "previous"): _merge_previous_problem,
    ("procedure", "online_level"): _member_of(STORED_ONLINE_LEVELS),
    ("procedure", "formality_id"): _uuid,
    ("procedure", "case_codes"): _list_of(_text(60), 50),
    ("procedure", "channels"): _CHANNELS,
    ("procedure", "province_overrides"): _map_of(re.compile("[0-9]{2}"), "mã tỉnh 2 chữ số / a 2-digit province code",
                                                 _CHANNELS, 34),
    ("plan_entry", "adjustment"): _member_of(PlanAdjustment, blank=True),
    ("plan_entry", "mark"): _member_of(PlanMark, blank=True),
    #: an office day off: a real date (the column's own rule), a one-line note (its length)
    ("office_day_off", "day"): _date_rule,
    ("office_day_off", "note"): _text(200),
    ("procedure", "papers"): _object_of({"submit": _list_of(_text(PAPER_MAX), 50), "show": _list_of(_text(PAPER_MAX), 50)}),
    # -- areas, outings, targets (issue 12)
    ("outing", "members"): _list_of(_ID, 50),
    ("outing", "planned"): _object_of({"groups": _list_of(_ID, MAX_PLANNED_GROUPS),
                                       "streets": _list_of(_text(ADDRESS_PART_MAX), MAX_PLANNED_STREETS)}),
    ("target", "metric"): _member_of(TargetMetric),
    ("target", "value"): _int_range(0, MAX_TARGET_VALUE),
}


def _build() -> dict[str, dict[str, Rule]]:
    rules: dict[str, dict[str, Rule]] = {}
    for entity in SYNCED_ENTITIES:
        table = table_of(entity)
        per_field: dict[str, Rule] = {}
        for column in table.columns:
            if column.name in ("id", "clocks", "server_seq"):
                continue
            rule = _SPECIAL.get((entity.entity_name, column.name)) or _column_rule(column)
            if rule is not None:
                per_field[column.name] = rule
        rules[entity.entity_name] = per_field
    return rules


_RULES = _build()
#: entity -> {text field: multi-line?}; and the JSON fields holding text (cleaned like it)
_TEXT_FIELDS: dict[str, dict[str, bool]] = {
    entity.entity_name: {c.name: isinstance(c.type, Text) for c in table_of(entity).columns
                         if isinstance(c.type, (String, Text)) and c.name != "id"}
    for entity in SYNCED_ENTITIES
}
_JSON_TEXT_FIELDS = frozenset({"address", "consent_detail", "topics", "dossier"})


def field_problem(entity: type[Synced], name: str, value: Any) -> RuleBroken | None:
    """What is wrong with ``value`` for ``entity.name`` (None: nothing; null is the column's
    nullability, which the codec checks)."""
    if value is None:
        return None
    rule = _RULES[entity.entity_name].get(name)
    if rule is None:
        return None
    found = rule(value)
    if found is None:
        return None
    code, vi, en = found
    label = f"{entity.entity_name}.{name}"
    return RuleBroken(name, code, f"{label}: {vi}", f"{label}: {en}")


def values_problem(entity: type[Synced], values: Mapping[str, Any]) -> RuleBroken | None:
    """The first broken rule among ``values`` (field order as given), or None."""
    rules = _RULES[entity.entity_name]
    for name, value in values.items():
        if value is not None and name in rules and rules[name](value) is not None:
            return field_problem(entity, name, value)
    return None


def column_problems(entity: type[Synced], name: str, column: list[Any]) -> set[int]:
    """Indexes of the values of one field's ``column`` that break its rule: the server's bulk
    path checks 20,000 new rows a column at a time, and a column of plain text (no rule of its
    own beyond the column's) costs one length scan and one regex over the joined column
    instead of a call per value."""
    rule = _RULES[entity.entity_name].get(name)
    if rule is None:
        return set()
    multi_line = _TEXT_FIELDS[entity.entity_name].get(name)
    if multi_line is not None and (entity.entity_name, name) not in _SPECIAL:
        present = [v for v in column if v is not None]
        limit = max_length(entity, name)
        if (all(type(v) is str for v in present) and (limit is None or not present or max(map(len, present)) <= limit)
                and not (_BAD_MULTI_LINE if multi_line else _BAD_ONE_LINE).search("".join(present))):
            return set()
    return {i for i, v in enumerate(column) if v is not None and rule(v) is not None}


def check_values(entity: type[Synced], values: Mapping[str, Any]) -> None:
    """Raise ``ValidationError`` naming every field of ``values`` that breaks its rule."""
    problems = [p.problem() for name, value in values.items() if (p := field_problem(entity, name, value)) is not None]
    if problems:
        raise ValidationError(problems)


def checked(entity: type[Synced], values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` cleaned (``clean_values``) and checked (``check_values``): what the laptop's
    write path records. Raises ``ValidationError`` when a value breaks its rule even clean."""
    cleaned = clean_values(entity, values)
    check_values(entity, cleaned)
    return cleaned


def checked_rows(entity: type[Synced], rows: Sequence[Mapping[str, Any]]) -> Sequence[Mapping[str, Any]]:
    """``checked`` for many new rows (an import, a demo ward), a column at a time: rows whose
    values all pass come back as given; only a column with a problem is cleaned value by value."""
    out: list[dict[str, Any]] | None = None
    names = set().union(*(row.keys() for row in rows)) if rows else set()
    for name in sorted(names & _RULES[entity.entity_name].keys()):
        column = [row.get(name) for row in rows]
        bad = column_problems(entity, name, column)
        if not bad:
            continue
        if out is None:
            out = [dict(row) for row in rows]
        problems = []
        for index in sorted(bad):
            value = clean_values(entity, {name: column[index]})[name]
            out[index][name] = value
            if (broken := field_problem(entity, name, value)) is not None:
                problems.append(broken.problem())
        if problems:
            raise ValidationError(problems)
    return rows if out is None else out


def clean_values(entity: type[Synced], values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` with every text field (and the text inside an address) cleaned of the
    characters the rules refuse (``clean_text``); everything else as given."""
    rules_text = _TEXT_FIELDS[entity.entity_name]
    cleaned = dict(values)
    for name, value in values.items():
        multi_line = rules_text.get(name)
        if multi_line is not None and isinstance(value, str):
            cleaned[name] = clean_text(value, multi_line=multi_line)
        elif type(value) is dict and name in _JSON_TEXT_FIELDS:
            cleaned[name] = {k: clean_text(v) if isinstance(v, str) else v for k, v in value.items()}
        elif type(value) is list and name in _JSON_TEXT_FIELDS:
            cleaned[name] = [clean_text(v) if isinstance(v, str) else v for v in value]
    return cleaned


def extra_problem(value: Any) -> str | None:
    """What is wrong with a value kept for a field this server does not know (a newer
    client's): it travels to every laptop verbatim, so it must be plain JSON — finite numbers,
    clean text, at most ``EXTRA_MAX_DEPTH`` levels and ``EXTRA_MAX_CHARS`` characters of text."""
    budget = [EXTRA_MAX_CHARS]

    def walk(item: Any, depth: int) -> str | None:
        if item is None or isinstance(item, (bool, int)):
            if isinstance(item, int) and not isinstance(item, bool) and not -(2**63) <= item < 2**63:  # what any JSON reader holds
                return "integer out of range"
            return None
        if isinstance(item, float):
            return None if math.isfinite(item) else "not a finite number"
        if isinstance(item, str):
            budget[0] -= len(item)
            if budget[0] < 0:
                return f"longer than {EXTRA_MAX_CHARS} characters"
            return "contains a control character" if _BAD_MULTI_LINE.search(item) else None
        if depth >= EXTRA_MAX_DEPTH:
            return f"nested deeper than {EXTRA_MAX_DEPTH} levels"
        if isinstance(item, list):
            return next((p for p in (walk(v, depth + 1) for v in item) if p), None)
        if isinstance(item, dict):
            return next((p for k, v in item.items() if (p := walk(k, depth + 1) or walk(v, depth + 1))), None)
        return "not a JSON value"

    return walk(value, 0)


def max_length(entity: type[Synced], name: str) -> int | None:
    """The most characters a text field holds (what a form limits its input to)."""
    if (entity.entity_name, name) in _SHORTER_TEXT:
        return _SHORTER_TEXT[(entity.entity_name, name)]
    kind = table_of(entity).columns[name].type
    return TEXT_MAX_LENGTH if isinstance(kind, Text) else getattr(kind, "length", None)


# -- least data on each laptop (issue 14) ----------------------------------------------------

#: (A resident's identifying fields, ``entities.RESIDENT_IDENTIFYING_FIELDS``, are what
#: withdrawing consent clears and what a volunteer's laptop never holds outside its area; sex,
#: VNeID level and relation stay for the statistics.)
#: The personal fields of each synced entity: a volunteer's laptop holds them only for the
#: households of its team's current area (``server/scope.py`` serves them, ``sync/scope_local.py``
#: drops them when a group leaves the area). One definition, read by both sides.
PERSONAL_FIELDS: Mapping[str, frozenset[str]] = {
    "resident": frozenset((*RESIDENT_IDENTIFYING_FIELDS, "consent_detail")),
    "household": frozenset(("phone",)),
}
#: What a volunteer's laptop holds of a household outside its area: enough to find it and to warn
#: of a duplicate by address (address, head's name, group), nothing about the people in it (no
#: phone, notes or the vulnerability flags). Its residents are not sent at all (``server/scope.py``).
#: ``merged_into`` too: a laptop must know a directory household was merged away (issue 17), or it
#: would show the tombstone as a household and could not re-point what names it.
HOUSEHOLD_DIRECTORY_FIELDS = ("ward_id", "deleted", "group_id", "address", "head_name", "merged_into")


def personal_fields_of(entity_name: str) -> frozenset[str]:
    """The personal fields of an entity (empty for entities that hold none)."""
    return PERSONAL_FIELDS.get(entity_name, frozenset())
