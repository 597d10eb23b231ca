"""The procedure catalogue (mã TTHC, names, field, how far each can be done online).

It is data in ``resources/procedures.json`` rather than code because procedures, their codes and
the portal's addresses change more often than the app is released, and the server can send a
newer file (DOMAIN.md). Because such a file arrives from outside, it is checked field by field
and a malformed one is refused with a message that says what is wrong, instead of failing later
in a report or a leaflet.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import quote

from outreach.errors import OutreachError
from outreach.resources import resource_path
from outreach.vocabulary import STORED_ONLINE_LEVELS

__all__ = [
    "ONLINE_LEVELS",
    "Catalogue",
    "CatalogueError",
    "ProcedureInfo",
    "load_catalogue",
    "parse_catalogue",
]

RESOURCE = "procedures.json"
SUPPORTED_VERSION = 1
#: "full" = toàn trình (fully online), "partial" = một phần, "counter" = not online.
ONLINE_LEVELS = STORED_ONLINE_LEVELS
_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,19}$")  # fits Procedure.id / Filing.procedure_code


class CatalogueError(OutreachError, ValueError):
    """The catalogue file is missing or malformed; the previous catalogue stays in use."""

    code = "catalogue_invalid"


@dataclass(frozen=True)
class ProcedureInfo:
    """One procedure as the catalogue describes it.

    ``code_verified`` is False for a placeholder code the portal's records have not confirmed:
    such a procedure can be recorded, but no portal link is printed for it.
    ``essential`` marks the procedures a leaflet carries.
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

    def name(self, language: str = "vi") -> str:
        return self.name_en if language == "en" else self.name_vi

    def field_name(self, language: str = "vi") -> str:
        return self.field_en if language == "en" else self.field_vi


@dataclass(frozen=True)
class Catalogue:
    """The parsed catalogue: procedures in file order, look-up by code, portal addresses."""

    version: int
    procedures: tuple[ProcedureInfo, ...]
    procedure_url_template: str
    dossier_lookup_url: str

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

    def procedure_url(self, code: str) -> str | None:
        """The portal page of ``code``, or None when the catalogue marks the code unverified
        (a link built from a placeholder code would lead residents to an error page).

        Codes not in this catalogue (e.g. stored by a newer catalogue) still get a link.
        """
        info = self.by_code.get(code)
        if info is not None and not info.code_verified:
            return None
        return self.procedure_url_template.replace("{code}", quote(code, safe=""))


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
    template = _url(_string(portal, "procedure_url_template", "portal"), "portal.procedure_url_template")
    if "{code}" not in template:
        raise _fail("portal.procedure_url_template", "thiếu chỗ điền {code}", "the {code} placeholder is missing")
    lookup = _url(_string(portal, "dossier_lookup_url", "portal"), "portal.dossier_lookup_url")
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
            )
        )
    return Catalogue(version, tuple(procedures), template, lookup)


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
