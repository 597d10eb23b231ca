"""Import households from a residential-group leader's spreadsheet: map, preview, commit.

Three steps so that nothing half-imports:
1. ``preview_import`` reads the file, maps its columns (automatically from the Vietnamese headers
   in docs/import-format.md, or as the user maps them), and checks every row with the same
   validation as registering a household by hand (``households._validate_household``); rows at an
   address that already has a household, or repeated within the file, are flagged as duplicates.
2. The user looks at the preview (dialog or CLI summary) and the rejected-rows report.
3. ``commit_import`` writes all acceptable rows in ONE transaction with ``insert_many`` (rows,
   outbox entries and search index together), or nothing: a file with any invalid row is refused
   as a whole, so a leader never has to work out which half of the file got in.

Duplicate detection uses the same key as ``households.find_households_at_address`` (the folded
one-line address), but builds the key set of the ward once instead of one search per row: a
20,000-row file against a 20,000-household ward is then a dictionary look-up per row.
Residents are not imported: their personal data needs consent recorded in person.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from outreach.errors import FieldProblem, OutreachError, ValidationError
from outreach.model import Household, ResidentialGroup
from outreach.model.address import address_text
from outreach.services.context import Actor
from outreach.services.households import ADDRESS_PARTS, HouseholdInput, _validate_household
from outreach.spreadsheet_read import RawTable, first_number, read_spreadsheet
from outreach.store.database import Store
from outreach.vietnamese_fold import fold_key
from outreach.vocabulary import PriorityFlag


@dataclass(frozen=True)
class ImportField:
    key: str
    label_vi: str
    label_en: str
    aliases: tuple[str, ...] = ()


#: The columns a household list may have; ``aliases`` are folded header spellings seen in the
#: wards' own lists (hẻm/kiệt are the southern/central words for ngõ). docs/import-format.md.
IMPORT_FIELDS: tuple[ImportField, ...] = (
    ImportField("group", "Tổ dân phố", "Residential group", ("to", "tdp", "to dan pho", "so to", "thon", "to thon", "ten to")),
    ImportField("head_name", "Họ tên chủ hộ", "Head of household", ("chu ho", "ten chu ho", "ho ten chu ho", "ho va ten chu ho", "ho ten")),
    ImportField("house_number", "Số nhà", "House number", ("so nha", "nha so")),
    ImportField("alley", "Ngách", "Alley (ngách)", ("ngach",)),
    ImportField("lane", "Ngõ", "Lane (ngõ)", ("ngo", "hem", "kiet", "ngo hem")),
    ImportField("street", "Đường/Phố", "Street", ("duong", "pho", "duong pho", "ten duong", "duong/pho")),
    ImportField("hamlet", "Xóm/Ấp/Khu", "Hamlet", ("xom", "ap", "khu", "khu pho", "xom ap")),
    ImportField("extra", "Địa chỉ", "Address (free text)", ("dia chi", "dia chi khac", "ghi chu dia chi", "noi o")),
    ImportField("phone", "Điện thoại", "Phone", ("dien thoai", "sdt", "so dien thoai", "dt", "so dt")),
    ImportField(
        "elderly_alone",
        "Người cao tuổi sống một mình",
        "Elderly living alone",
        ("nguoi cao tuoi song mot minh", "cao tuoi song mot minh", "nct song mot minh", "cao tuoi neo don"),
    ),
    ImportField("disabled", "Người khuyết tật", "Disabled", ("khuyet tat", "nguoi khuyet tat", "nkt")),
    ImportField("policy_family", "Gia đình chính sách", "Policy family", ("gia dinh chinh sach", "chinh sach", "gdcs")),
    ImportField("poor_household", "Hộ nghèo", "Poor household", ("ho ngheo", "ngheo", "ho ngheo can ngheo")),
    ImportField("notes", "Ghi chú", "Notes", ("ghi chu",)),
)
FIELD_KEYS = tuple(f.key for f in IMPORT_FIELDS)
FLAG_FIELDS: tuple[PriorityFlag, ...] = tuple(PriorityFlag)
_ALIASES = {fold_key(alias): f.key for f in IMPORT_FIELDS for alias in (f.label_vi, f.key, *f.aliases)}
_YES = {"x", "co", "1", "yes", "y", "true", "dung", "v", "✓", "✔", "+"}
_NO = {"", "0", "khong", "no", "n", "false", "-"}

STATUS_OK = "ok"
STATUS_ERROR = "error"
STATUS_DUPLICATE = "duplicate"


class ImportRefused(OutreachError):
    code = "import_refused"


def guess_field(header: str) -> str | None:
    """The field a column header names, if it is one we know."""
    return _ALIASES.get(fold_key(header))


def auto_mapping(headers: list[str]) -> dict[int, str]:
    """Column index → field, from the headers; the first column naming a field wins."""
    mapping: dict[int, str] = {}
    for i, header in enumerate(headers):
        key = guess_field(header)
        if key and key not in mapping.values():
            mapping[i] = key
    return mapping


def _count_known(row: list[str]) -> int:
    return len({k for k in (guess_field(c) for c in row if c) if k})


def parse_mapping_spec(spec: str, headers: list[str]) -> dict[int, str]:
    """``"Tên chủ hộ=head_name;SĐT=phone"`` or a JSON file of {header: field} → column → field.

    Headers match folded ("sdt" matches "SĐT"); fields are the keys of ``IMPORT_FIELDS``.
    """
    path = Path(spec)
    pairs: dict[str, str]
    if path.suffix.lower() == ".json" and path.exists():
        pairs = json.loads(path.read_text(encoding="utf-8"))
    else:
        pairs = {}
        for part in spec.replace(",", ";").split(";"):
            if not part.strip():
                continue
            header, sep, key = part.partition("=")
            if not sep:
                raise ImportRefused(
                    f"Ánh xạ cột “{part}” phải có dạng Tên cột=trường.", f"Column mapping “{part}” must look like Header=field."
                )
            pairs[header.strip()] = key.strip()
    folded = {fold_key(h): i for i, h in enumerate(headers)}
    mapping: dict[int, str] = {}
    for header, key in pairs.items():
        if key not in FIELD_KEYS:
            raise ImportRefused(
                f"Không có trường “{key}”; các trường: {', '.join(FIELD_KEYS)}.",
                f"No field “{key}”; fields are: {', '.join(FIELD_KEYS)}.",
            )
        index = folded.get(fold_key(header))
        if index is None:
            raise ImportRefused(f"Tệp không có cột “{header}”.", f"The file has no column “{header}”.")
        mapping[index] = key
    return mapping


@dataclass(frozen=True)
class RowResult:
    row_number: int
    raw: list[str]
    household: HouseholdInput | None
    problems: list[FieldProblem] = field(default_factory=list)
    duplicate_of: list[str] = field(default_factory=list)  # existing household ids
    duplicate_of_row: int | None = None  # an earlier row of the same file

    @property
    def status(self) -> str:
        if self.problems:
            return STATUS_ERROR
        if self.duplicate_of or self.duplicate_of_row is not None:
            return STATUS_DUPLICATE
        return STATUS_OK

    def reason(self, language: str = "vi") -> str:
        """Why the row is not imported as is, in one line (the rejected-rows report's column)."""
        if self.problems:
            return " ".join(p.message(language) for p in self.problems)  # each message ends with "."
        if self.duplicate_of:
            return "Trùng địa chỉ với hộ đã có trong phường." if language != "en" else "Same address as a household already in the ward."
        if self.duplicate_of_row is not None:
            return (f"Trùng địa chỉ với dòng {self.duplicate_of_row} trong tệp." if language != "en"
                    else f"Same address as row {self.duplicate_of_row} of the file.")
        return ""


@dataclass(frozen=True)
class ImportPreview:
    source: Path
    encoding: str
    headers: list[str]
    mapping: dict[int, str]
    rows: list[RowResult]
    notices: list[str] = field(default_factory=list)
    default_group_id: str | None = None

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def errors(self) -> int:
        return self.count(STATUS_ERROR)

    @property
    def duplicates(self) -> int:
        return self.count(STATUS_DUPLICATE)

    @property
    def ready(self) -> int:
        return self.count(STATUS_OK)

    @property
    def can_commit(self) -> bool:
        return self.errors == 0 and len(self.rows) > 0

    def rejected(self, include_duplicates: bool = False) -> list[RowResult]:
        """Rows that will not be imported: errors, and duplicates unless they are included."""
        return [r for r in self.rows if r.status == STATUS_ERROR or (r.status == STATUS_DUPLICATE and not include_duplicates)]


@dataclass(frozen=True)
class ImportResult:
    imported: int
    skipped_duplicates: int
    household_ids: list[str]


# ---------------------------------------------------------------- groups, flags, keys


@dataclass
class _Groups:
    by_name: dict[str, str]
    by_number: dict[str, list[str]]

    @classmethod
    def load(cls, session: Session, ward_id: str | None) -> _Groups:
        stmt = select(ResidentialGroup.id, ResidentialGroup.name).where(ResidentialGroup.deleted.is_(False))
        if ward_id is not None:
            stmt = stmt.where(ResidentialGroup.ward_id == ward_id)
        by_name: dict[str, str] = {}
        by_number: dict[str, list[str]] = {}
        for gid, name in session.execute(stmt):
            by_name[fold_key(name)] = gid
            number = first_number(name)
            if number is not None:
                by_number.setdefault(number, []).append(gid)
        return cls(by_name, by_number)

    def resolve(self, text: str) -> str | None:
        """A group id from what leaders write: the full name, "Tổ 5", "TDP số 5" or just "5"."""
        if gid := self.by_name.get(fold_key(text)):
            return gid
        number = first_number(text)
        candidates = self.by_number.get(number, []) if number is not None else []
        return candidates[0] if len(candidates) == 1 else None


def _flag(value: str) -> bool | None:
    folded = fold_key(value) if value.strip() not in ("✓", "✔", "+", "-") else value.strip()
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    return None


def address_key(address: Mapping[str, str]) -> str:
    """The duplicate-detection key of an address, as ``find_households_at_address`` compares."""
    return fold_key(address_text(dict(address)))


def _existing_keys(session: Session, ward_id: str | None) -> dict[str, list[str]]:
    stmt = select(Household.id, Household.address).where(Household.deleted.is_(False))
    if ward_id is not None:
        stmt = stmt.where(Household.ward_id == ward_id)
    keys: dict[str, list[str]] = {}
    for hid, address in session.execute(stmt):
        key = address_key(address or {})
        if key:
            keys.setdefault(key, []).append(hid)
    return keys


# ---------------------------------------------------------------- preview


def _check_row(values: dict[str, str], groups: _Groups, default_group_id: str | None) -> tuple[HouseholdInput | None, list[FieldProblem]]:
    problems: list[FieldProblem] = []
    group_id = default_group_id
    group_text = values.get("group", "").strip()
    if group_text:
        group_id = groups.resolve(group_text)
        if group_id is None:
            problems.append(FieldProblem("group", "unknown_group", f"Không có tổ dân phố “{group_text}” trong phường.",
                                         f"There is no residential group “{group_text}” in the ward."))
    elif group_id is None:
        problems.append(FieldProblem("group", "required", "Cần ghi tổ dân phố.", "The residential group is required."))
    flags: dict[str, bool] = {}
    for name in FLAG_FIELDS:
        flag = _flag(values.get(name, ""))
        if flag is None:
            label = next(f.label_vi for f in IMPORT_FIELDS if f.key == name)
            problems.append(FieldProblem(name, "invalid_flag", f"Cột “{label}” chỉ ghi x (có) hoặc để trống (không).",
                                         f"Column “{name}” takes x (yes) or blank (no)."))
            flag = False
        flags[name] = flag
    phone = values.get("phone", "").strip()
    if phone.isdigit() and len(phone) in (9, 10) and not phone.startswith("0"):
        phone = "0" + phone  # Excel dropped the leading zero of a number typed as a number
    data = HouseholdInput(
        head_name=values.get("head_name", ""),
        address={part: values.get(part, "") for part in ADDRESS_PARTS},
        group_id=group_id,
        phone=phone or None,
        notes=values.get("notes", ""),
        **flags,
    )
    try:
        clean = _validate_household(data)
    except ValidationError as exc:
        problems.extend(exc.problems)
        return None, problems
    return (clean if not problems else None), problems


def preview_import(
    store: Store,
    actor: Actor,
    path: Path,
    *,
    mapping: dict[int, str] | None = None,
    mapping_spec: str | None = None,
    default_group_id: str | None = None,
    sheet: str | None = None,
    table: RawTable | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportPreview:
    """Read, map and check every row of ``path``; writes nothing.

    ``progress(done, total)`` is called every 1,000 rows (it may raise to cancel).
    """
    table = table or read_spreadsheet(path, _count_known, sheet)
    if mapping is None:
        mapping = parse_mapping_spec(mapping_spec, table.headers) if mapping_spec else auto_mapping(table.headers)
    mapped = set(mapping.values())
    missing = [k for k in ("head_name",) if k not in mapped]
    if not mapped & (set(ADDRESS_PARTS)):
        missing.append("address")
    if "group" not in mapped and default_group_id is None:
        missing.append("group")
    if missing:
        names_vi = {"head_name": "Họ tên chủ hộ", "address": "địa chỉ (Số nhà/Ngõ/Đường… hoặc Địa chỉ)", "group": "Tổ dân phố"}
        raise ImportRefused(
            f"Chưa xác định được cột: {', '.join(names_vi[m] for m in missing)}. Hãy đặt tên cột theo mẫu "
            "(docs/import-format.md) hoặc ánh xạ cột; thiếu cột tổ thì chọn tổ cho cả tệp.",
            f"Columns not identified: {', '.join(missing)}. Name the columns as in docs/import-format.md "
            "or map them; without a group column, choose the group for the whole file.",
            code="import_mapping",
        )
    results: list[RowResult] = []
    with store.read() as session:
        groups = _Groups.load(session, actor.ward_id)
        existing = _existing_keys(session, actor.ward_id)
    seen: dict[str, int] = {}
    total = len(table.rows)
    for i, (number, raw) in enumerate(zip(table.row_numbers, table.rows, strict=True)):
        values = {key: raw[col] for col, key in mapping.items() if col < len(raw)}
        household, problems = _check_row(values, groups, default_group_id)
        duplicate_of: list[str] = []
        duplicate_row = None
        if household is not None:
            key = address_key(household.address)
            duplicate_of = existing.get(key, [])
            if key in seen:
                duplicate_row = seen[key]
            else:
                seen[key] = number
        results.append(RowResult(number, raw, household, problems, list(duplicate_of), duplicate_row))
        if progress is not None and (i + 1) % 1000 == 0:
            progress(i + 1, total)
    return ImportPreview(path, table.encoding, table.headers, dict(mapping), results, list(table.notices), default_group_id)


# ---------------------------------------------------------------- commit


def _values(h: HouseholdInput, ward_id: str | None) -> dict[str, Any]:
    return {
        "ward_id": ward_id, "group_id": h.group_id, "address": h.address, "head_name": h.head_name, "phone": h.phone,
        "elderly_alone": h.elderly_alone, "disabled": h.disabled, "policy_family": h.policy_family,
        "poor_household": h.poor_household, "notes": h.notes,
    }


def commit_import(store: Store, actor: Actor, preview: ImportPreview, *, include_duplicates: bool = False) -> ImportResult:
    """Write the preview's acceptable rows in one transaction, or nothing.

    Refused when any row has an error. Duplicates are skipped unless ``include_duplicates``;
    addresses registered since the preview was made are caught again inside the transaction.
    """
    if not preview.can_commit:
        raise ImportRefused(
            f"Không nhập: {preview.errors} dòng có lỗi (xem báo cáo dòng bị từ chối). "
            "Sửa tệp rồi nhập lại; chưa có hộ nào được thêm.",
            f"Nothing imported: {preview.errors} rows have errors (see the rejected-rows report). "
            "Fix the file and import again; no household was added.",
        )
    with store.write() as tx:
        existing = _existing_keys(tx.session, actor.ward_id)
        rows: list[dict[str, Any]] = []
        skipped = 0
        for r in preview.rows:
            assert r.household is not None
            if not include_duplicates and (r.status == STATUS_DUPLICATE or address_key(r.household.address) in existing):
                skipped += 1
                continue
            rows.append(_values(r.household, actor.ward_id))
        ids = tx.recorder.insert_many(Household, rows)
    return ImportResult(len(ids), skipped, ids)
