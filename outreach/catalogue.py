"""The procedure catalogue (mã TTHC, names, field, how far each can be done online, the fee and
time per channel, the papers to bring, when it is in force).

It is data in ``resources/procedures.json`` rather than code because procedures, their codes and
the portal's addresses change more often than the app is released, and the office edits the
synced catalogue (``outreach-server catalogue``; DOMAIN.md). The portal's addresses are settings
of the same file: a base URL and paths (``portal``), never written in code. Where the data comes
from is noted in ``resources/procedures-sources.md``. Because such a file arrives from outside, it is checked field by field
and a malformed one is refused with a message that says what is wrong, instead of failing later
in a report or a leaflet.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import quote

from outreach.errors import OutreachError
from outreach.resources import resource_path
from outreach.vocabulary import STORED_ONLINE_LEVELS

__all__ = [
    "CHANNELS",
    "ONLINE_LEVELS",
    "OTHER_PROCEDURE_CODE",
    "Catalogue",
    "CatalogueError",
    "ProcedureInfo",
    "channel_terms",
    "load_catalogue",
    "parse_catalogue",
]

RESOURCE = "procedures.json"
SUPPORTED_VERSION = 1
#: "full" = toàn trình (fully online), "partial" = một phần, "counter" = not online.
ONLINE_LEVELS = STORED_ONLINE_LEVELS
_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,19}$")  # fits Procedure.id / Filing.procedure_code
#: A procedure's channels (the portal's executionMethods ONLINE / POSTAL / DIRECT).
CHANNELS = ("online", "postal", "counter")
#: The catalogue entry "Thủ tục khác": a filing of a procedure the catalogue lacks, whose typed
#: name (and code, if known) the filing's dossier keeps (``other_name`` / ``other_code``).
OTHER_PROCEDURE_CODE = "KHAC"


class CatalogueError(OutreachError, ValueError):
    """The catalogue file is missing or malformed; the previous catalogue stays in use."""

    code = "catalogue_invalid"


@dataclass(frozen=True)
class ProcedureInfo:
    """One procedure as the catalogue describes it.

    ``code_verified`` is False for a placeholder code the portal's records have not confirmed:
    such a procedure can be recorded, but no portal link is printed for it.
    ``essential`` marks the procedures a leaflet carries. ``channels`` holds, per channel of
    ``CHANNELS``, {"days": working days, "fee_vnd": đồng}; ``province_overrides`` a province's
    changes to them (e.g. civil-status fees of 0 đ online); ``papers`` {"submit": [...], "show": [...]}.
    """

    code: str
    name_vi: str
    name_en: str
    field_vi: str
    field_en: str
    online_level: str
    essential: bool
    code_verified: bool = True
    note_vi: str = ""
    note_en: str = ""
    formality_id: str = ""
    case_codes: tuple[str, ...] = ()
    short_name: str = ""
    executing_body: str = ""
    channels: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    province_overrides: Mapping[str, Mapping[str, Mapping[str, int]]] = field(default_factory=dict)
    papers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    any_commune: bool = False
    effective_from: dt.date | None = None
    repealed_from: dt.date | None = None
    replaced_by: str = ""
    active: bool = True

    def name(self, language: str = "vi") -> str:
        return self.name_en if language == "en" else self.name_vi

    def field_name(self, language: str = "vi") -> str:
        return self.field_en if language == "en" else self.field_vi

    def offered_on(self, day: dt.date) -> bool:
        """Whether a new filing on ``day`` may use it: active and in force that day. A filing
        made before ``repealed_from`` stays valid after it (it was in force then)."""
        if not self.active:
            return False
        if self.effective_from is not None and day < self.effective_from:
            return False
        return self.repealed_from is None or day < self.repealed_from

    def stored_values(self) -> dict[str, Any]:
        """The synced Procedure fields of this entry: what the bundled catalogue seeds, on a
        laptop and on the server alike."""
        return {
            "name_vi": self.name_vi, "name_en": self.name_en, "field_vi": self.field_vi, "field_en": self.field_en,
            "online_level": self.online_level, "essential": self.essential, "active": self.active,
            "formality_id": self.formality_id or None, "case_codes": list(self.case_codes), "short_name": self.short_name,
            "executing_body": self.executing_body, "channels": {k: dict(v) for k, v in self.channels.items()},
            "province_overrides": {p: {k: dict(v) for k, v in c.items()} for p, c in self.province_overrides.items()},
            "papers": {k: list(v) for k, v in self.papers.items()}, "any_commune": self.any_commune,
            "effective_from": self.effective_from, "repealed_from": self.repealed_from, "replaced_by": self.replaced_by or None,
        }

    def channel(self, name: str, province_code: str = "") -> dict[str, int]:
        """{"days", "fee_vnd"} of channel ``name`` (what is known), with the province's overrides."""
        return channel_terms(self.channels, self.province_overrides, name, province_code)


def channel_terms(channels: Mapping[str, Mapping[str, int]] | None, overrides: Mapping[str, Mapping[str, Mapping[str, int]]] | None,
                  name: str, province_code: str = "") -> dict[str, int]:
    """{"days", "fee_vnd"} of channel ``name`` as a procedure's ``channels`` give them, with the
    province's overrides applied (a key missing: not known). One rule for the catalogue file and
    the stored rows alike, so the visit form, the service's checks and the receipt agree."""
    merged = dict((channels or {}).get(name, {}))
    merged.update(((overrides or {}).get(province_code) or {}).get(name, {}))
    return merged


@dataclass(frozen=True)
class PortalSettings:
    """Where the national portal is: a base URL and the paths of its pages (settings in the
    catalogue file, so a moved portal is a data change, not a release). A procedure's page is
    addressed by its record id (formalityId) when the catalogue has it, else by a search for
    its code."""

    base_url: str
    procedure_path: str
    procedure_search_path: str
    dossier_lookup_path: str

    def procedure_page(self, code: str, formality_id: str = "") -> str:
        if formality_id:
            return self.base_url + self.procedure_path.replace("{formality_id}", quote(formality_id, safe=""))
        return self.base_url + self.procedure_search_path.replace("{code}", quote(code, safe=""))

    @property
    def dossier_lookup_url(self) -> str:
        return self.base_url + self.dossier_lookup_path


@dataclass(frozen=True)
class Catalogue:
    """The parsed catalogue: procedures in file order, look-up by code, portal addresses."""

    version: int
    procedures: tuple[ProcedureInfo, ...]
    portal: PortalSettings

    @functools.cached_property
    def by_code(self) -> Mapping[str, ProcedureInfo]:
        return MappingProxyType({p.code: p for p in self.procedures})

    def __contains__(self, code: object) -> bool:
        return code in self.by_code

    def __iter__(self) -> Iterator[ProcedureInfo]:
        return iter(self.procedures)

    def __len__(self) -> int:
        return len(self.procedures)

    def get(self, code: str) -> ProcedureInfo | None:
        return self.by_code.get(code)

    def essential(self) -> list[ProcedureInfo]:
        """The procedures a leaflet should carry, in catalogue order."""
        return [p for p in self.procedures if p.essential]

    @property
    def dossier_lookup_url(self) -> str:
        return self.portal.dossier_lookup_url

    def procedure_url(self, code: str) -> str | None:
        """The portal page of ``code``, or None when the catalogue marks the code unverified
        (a link built from a placeholder code would lead residents to an error page).

        Codes not in this catalogue (e.g. stored by a newer catalogue) still get a link (a search).
        """
        info = self.by_code.get(code)
        if info is not None and not info.code_verified:
            return None
        return self.portal.procedure_page(code, info.formality_id if info is not None else "")


def _fail(where: str, problem_vi: str, problem_en: str) -> CatalogueError:
    return CatalogueError(
        f"Tệp danh mục thủ tục không hợp lệ ({where}): {problem_vi}",
        f"The procedure catalogue is malformed ({where}): {problem_en}",
    )


def _string(obj: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = obj.get(key, None if required else "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise _fail(where, f"trường “{key}” phải là chuỗi không rỗng", f"field “{key}” must be a non-empty string")
    return value.strip()


def _bool(obj: Mapping[str, Any], key: str, where: str, default: bool | None = None) -> bool:
    value = obj.get(key, default)
    if not isinstance(value, bool):
        raise _fail(where, f"trường “{key}” phải là true hoặc false", f"field “{key}” must be true or false")
    return value


def _url(value: str, where: str) -> str:
    if not value.startswith("https://"):
        raise _fail(where, "địa chỉ phải bắt đầu bằng https://", "addresses must start with https://")
    return value


def _path(value: str, where: str) -> str:
    if not value.startswith("/"):
        raise _fail(where, "đường dẫn phải bắt đầu bằng /", "a path must start with /")
    return value


def _object(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _fail(where, "không phải đối tượng JSON", "not a JSON object")
    return value


def _strings(obj: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = obj.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, f"trường “{key}” phải là danh sách chuỗi", f"field “{key}” must be a list of strings")
    return tuple(v.strip() for v in value)


def _date(obj: Mapping[str, Any], key: str, where: str) -> dt.date | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _fail(where, f"trường “{key}” phải là ngày YYYY-MM-DD", f"field “{key}” must be a YYYY-MM-DD date")


def _channels(value: Any, where: str) -> Mapping[str, Mapping[str, int]]:
    """{"online" | "postal" | "counter": {"days": n, "fee_vnd": n}}, whole non-negative numbers."""
    out: dict[str, dict[str, int]] = {}
    for name, entry in _object(value, where).items():
        if name not in CHANNELS:
            shown = ", ".join(CHANNELS)
            raise _fail(where, f"kênh “{name}” phải là một trong {shown}", f"channel “{name}” must be one of {shown}")
        parts = _object(entry, f"{where}.{name}")
        if not set(parts) <= {"days", "fee_vnd"} or not all(type(v) is int and v >= 0 for v in parts.values()):
            raise _fail(f"{where}.{name}", "chỉ nhận days và fee_vnd là số nguyên không âm",
                        "only days and fee_vnd, as whole numbers of at least 0")
        out[name] = dict(parts)
    return out


def _overrides(value: Any, where: str) -> Mapping[str, Mapping[str, Mapping[str, int]]]:
    out = {}
    for province, channels in _object(value, where).items():
        if not re.fullmatch("[0-9]{2}", province):
            raise _fail(where, f"“{province}” không phải mã tỉnh 2 chữ số", f"“{province}” is not a 2-digit province code")
        out[province] = _channels(channels, f"{where}.{province}")
    return out


def parse_catalogue(data: Any) -> Catalogue:
    """Check decoded catalogue JSON and build a ``Catalogue``; ``CatalogueError`` if malformed."""
    if not isinstance(data, dict):
        raise _fail("gốc/root", "không phải đối tượng JSON", "not a JSON object")
    version = data.get("version")
    if version != SUPPORTED_VERSION:
        raise _fail(
            "version",
            f"phiên bản {version!r} không được hỗ trợ (cần {SUPPORTED_VERSION}); hãy cập nhật ứng dụng",
            f"version {version!r} is not supported (expected {SUPPORTED_VERSION}); update the app",
        )
    portal = data.get("portal")
    if not isinstance(portal, dict):
        raise _fail("portal", "thiếu thông tin cổng dịch vụ công", "the portal section is missing")
    base = _url(_string(portal, "base_url", "portal"), "portal.base_url").rstrip("/")
    paths = {key: _path(_string(portal, key, "portal"), f"portal.{key}")
             for key in ("procedure_path", "procedure_search_path", "dossier_lookup_path")}
    for key, slot in (("procedure_path", "{formality_id}"), ("procedure_search_path", "{code}")):
        if slot not in paths[key]:
            raise _fail(f"portal.{key}", f"thiếu chỗ điền {slot}", f"the {slot} placeholder is missing")
    settings = PortalSettings(base, paths["procedure_path"], paths["procedure_search_path"], paths["dossier_lookup_path"])
    rows = data.get("procedures")
    if not isinstance(rows, list) or not rows:
        raise _fail("procedures", "danh sách thủ tục trống hoặc sai kiểu", "the procedure list is empty or not a list")
    procedures: list[ProcedureInfo] = []
    seen: set[str] = set()
    for index, row in enumerate(rows):
        where = f"procedures[{index}]"
        if not isinstance(row, dict):
            raise _fail(where, "không phải đối tượng JSON", "not a JSON object")
        code = _string(row, "code", where)
        where = f"{where} {code}"
        if not _CODE.match(code):
            raise _fail(where, "mã thủ tục không hợp lệ", "the procedure code is not valid")
        if code in seen:
            raise _fail(where, "mã thủ tục bị trùng", "the procedure code appears twice")
        seen.add(code)
        level = _string(row, "online_level", where)
        if level not in ONLINE_LEVELS:
            raise _fail(
                where,
                f"mức trực tuyến “{level}” phải là một trong {', '.join(ONLINE_LEVELS)}",
                f"online level “{level}” must be one of {', '.join(ONLINE_LEVELS)}",
            )
        procedures.append(
            ProcedureInfo(
                code=code,
                name_vi=_string(row, "name_vi", where),
                name_en=_string(row, "name_en", where),
                field_vi=_string(row, "field_vi", where),
                field_en=_string(row, "field_en", where),
                online_level=level,
                essential=_bool(row, "essential", where),
                code_verified=_bool(row, "code_verified", where, default=True),
                note_vi=_string(row, "note_vi", where, required=False),
                note_en=_string(row, "note_en", where, required=False),
                formality_id=_string(row, "formality_id", where, required=False),
                case_codes=_strings(row, "case_codes", where),
                short_name=_string(row, "short_name", where, required=False),
                executing_body=_string(row, "executing_body", where, required=False),
                channels=_channels(row.get("channels", {}), f"{where} channels"),
                province_overrides=_overrides(row.get("province_overrides", {}), f"{where} province_overrides"),
                papers={kind: _strings(row.get("papers", {}), kind, f"{where} papers")
                        for kind in ("submit", "show") if kind in _object(row.get("papers", {}), f"{where} papers")},
                any_commune=_bool(row, "any_commune", where, default=False),
                effective_from=_date(row, "effective_from", where),
                repealed_from=_date(row, "repealed_from", where),
                replaced_by=_string(row, "replaced_by", where, required=False),
                active=_bool(row, "active", where, default=True),
            )
        )
    return Catalogue(version, tuple(procedures), settings)


def _read(path: Path) -> Catalogue:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CatalogueError(
            f"Không tìm thấy tệp danh mục thủ tục: {path}",
            f"The procedure catalogue file is missing: {path}",
        ) from exc
    except UnicodeDecodeError as exc:
        raise _fail(path.name, "không phải văn bản UTF-8", "not UTF-8 text") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(
            path.name,
            f"lỗi cú pháp JSON ở dòng {exc.lineno}, cột {exc.colno}",
            f"JSON syntax error at line {exc.lineno}, column {exc.colno}",
        ) from exc
    return parse_catalogue(data)


@functools.cache
def _bundled() -> Catalogue:
    return _read(resource_path(RESOURCE))


def load_catalogue(path: Path | None = None) -> Catalogue:
    """The bundled catalogue (read once, then cached), or the file at ``path`` (read every time,
    e.g. a newer catalogue received from the server)."""
    return _read(path) if path is not None else _bundled()
