"""The procedure catalogue resource and the resource-path helper."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from outreach import resources
from outreach.catalogue import ONLINE_LEVELS, CatalogueError, load_catalogue, parse_catalogue
from outreach.store.database import Store

# Every code of the DOMAIN.md table ("1.014063 / 1.014064" is two procedures).
DOMAIN_CODES = {
    "1.001193": "full", "1.000894": "partial", "1.000656": "full", "1.004873": "full",
    "2.000635": "full", "1.004859": "full", "2.000986": "full", "1.004222": "full",
    "1.004194": "full", "1.003677": "full", "2.001159": "full", "1.003197": "full",
    "1.012566": "full", "1.014063": "partial", "1.014064": "partial", "3.000228": "counter",
    "2.000815": "counter", "2.000884": "counter", "2.000908": "full", "1.001776": "partial",
    "1.001731": "partial", "1.011607": "counter", "1.002759": "full", "1.012575": "full",
}
PORTAL = "https://dichvucong.gov.vn/"


def _raw() -> dict[str, Any]:
    return copy.deepcopy(resources.load_json("procedures.json"))


def test_every_domain_procedure_is_in_the_catalogue_with_its_level() -> None:
    catalogue = load_catalogue()
    for code, level in DOMAIN_CODES.items():
        info = catalogue.get(code)
        assert info is not None, code
        assert info.online_level == level, code
        assert info.code_verified, code


def test_the_2026_changes_are_in_the_catalogue() -> None:
    """DOMAIN.md "What changed in 2026": the placeholder LT-KHAITU is gone (its real code is
    2.002913); 2.000986 is repealed and replaced by 3.000722; 1.011607 is repealed from 2027."""
    catalogue = load_catalogue()
    assert "LT-KHAITU" not in catalogue
    assert all(p.code_verified for p in catalogue if p.code != "KHAC")
    old, new = catalogue.get("2.000986"), catalogue.get("3.000722")
    assert old is not None and new is not None and catalogue.get("2.002913") is not None
    assert (old.repealed_from, old.replaced_by, old.essential) == (dt.date(2026, 9, 8), "3.000722", False)
    assert new.essential and new.offered_on(dt.date(2026, 11, 16)) and not old.offered_on(dt.date(2026, 11, 16))
    assert catalogue.get("1.011607").repealed_from == dt.date(2027, 1, 1)  # type: ignore[union-attr]
    # Hải Phòng (31): civil-status fees are 0 đ online (NQ 23/2026/NQ-HĐND)
    assert catalogue.get("1.001193").channel("online", "31")["fee_vnd"] == 0  # type: ignore[union-attr]
    assert len(catalogue) == len(DOMAIN_CODES) + 4  # 3.000722, 2.002913, the passport 1.001456 and "Thủ tục khác"


def test_other_procedure_entry_has_no_link() -> None:
    catalogue = load_catalogue()
    other = catalogue.get("KHAC")
    assert other is not None and not other.code_verified and not other.essential
    assert catalogue.procedure_url("KHAC") is None  # no link to a page that does not exist


def test_portal_urls_are_built_from_the_base_url() -> None:
    catalogue = load_catalogue()
    # a procedure whose portal record id the catalogue holds opens its record; others a search by code
    assert catalogue.procedure_url("1.001193") == PORTAL + "tim-kiem-thu-tuc-hanh-chinh?formalityId=019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7"
    assert catalogue.procedure_url("9.999999") == PORTAL + "tim-kiem-thu-tuc-hanh-chinh?keyword=9.999999"
    assert catalogue.dossier_lookup_url == PORTAL + "tra-cuu-ho-so"
    moved = parse_catalogue(_mutated(lambda d: d["portal"].update(base_url="https://dvc.example.gov.vn/")))
    assert moved.procedure_url("1.004222") == "https://dvc.example.gov.vn/tim-kiem-thu-tuc-hanh-chinh?keyword=1.004222"


def test_entries_are_complete_and_in_vietnamese() -> None:
    catalogue = load_catalogue()
    assert catalogue.get("1.001193").name_vi == "Đăng ký khai sinh"  # type: ignore[union-attr]
    assert catalogue.get("1.014063").name_vi == "Cấp đổi thẻ căn cước"  # type: ignore[union-attr]
    assert catalogue.get("1.014064").name_vi == "Cấp lại thẻ căn cước"  # type: ignore[union-attr]
    for info in catalogue:
        assert info.online_level in ONLINE_LEVELS
        assert info.name_vi and info.name_en and info.field_vi and info.field_en
        assert info.name("en") == info.name_en and info.field_name() == info.field_vi


#: A code as the national portal publishes it (mã TTHC): a digit, a dot, six digits. A placeholder
#: such as the former ``LT-KHAITU`` does not match.
PORTAL_CODE = re.compile(r"^[123]\.[0-9]{6}$")


def test_the_25_essential_procedures_are_complete() -> None:
    """The leaflet's 25 (Đề án 06 services the residents ask for, with checked codes): each has a
    portal code, names, field, level, executing body, a processing time on every channel it
    lists (the channels agree with the level) and the papers to bring; the passport is one."""
    catalogue = load_catalogue()
    essential = catalogue.essential()
    assert len(essential) == 25 and len({p.code for p in essential}) == 25
    assert {"1.001193", "1.000894", "1.000656", "1.004222", "1.004194", "1.014063", "3.000228",
            "1.002759", "1.001776", "1.001456", "3.000722", "2.002913"} <= {p.code for p in essential}
    today = dt.date(2026, 12, 1)
    for info in essential:
        assert PORTAL_CODE.match(info.code) and info.code_verified, info.code
        assert info.name_vi and info.name_en and info.field_vi and info.field_en and info.executing_body, info.code
        assert info.online_level in ONLINE_LEVELS and info.offered_on(today), info.code
        assert info.channels and all("days" in terms for terms in info.channels.values()), info.code
        assert ("online" in info.channels) == (info.online_level != "counter"), info.code
        assert info.papers.get("submit") or info.papers.get("show"), info.code
        assert catalogue.procedure_url(info.code), info.code
    assert not {"2.000986", "1.011607", "KHAC"} & {p.code for p in essential}  # repealed / repealing / not a procedure


def test_bundled_catalogue_is_cached() -> None:
    assert load_catalogue() is load_catalogue()


# ------------------------------------------------------------------ malformed files


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "procedures.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_json_syntax_error_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as info:
        load_catalogue(_write(tmp_path, '{"version": 1,\n"portal": }'))
    assert "dòng 2" in info.value.message_vi and "line 2" in info.value.message_en


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as info:
        load_catalogue(tmp_path / "nope.json")
    assert "Không tìm thấy" in info.value.message_vi


def _mutated(change: Any) -> dict[str, Any]:
    data = _raw()
    change(data)
    return data


@pytest.mark.parametrize(
    "change, fragment",
    [
        (lambda d: d.update(version=2), "version 2 is not supported"),
        (lambda d: d.pop("portal"), "portal section is missing"),
        (lambda d: d["portal"].update(procedure_search_path="/search"), "{code} placeholder"),
        (lambda d: d["portal"].update(procedure_path="/record"), "{formality_id} placeholder"),
        (lambda d: d["portal"].update(base_url="http://x.invalid/"), "https://"),
        (lambda d: d["portal"].update(dossier_lookup_path="tra-cuu"), "must start with /"),
        (lambda d: d["procedures"][3].update(channels={"online": {"fee_vnd": -1}}), "whole numbers of at least 0"),
        (lambda d: d["procedures"][3].update(channels={"phone": {}}), "channel “phone”"),
        (lambda d: d["procedures"][3].update(repealed_from="1/1/2027"), "YYYY-MM-DD"),
        (lambda d: d["procedures"][3].update(province_overrides={"HP": {}}), "2-digit province code"),
        (lambda d: d.update(procedures=[]), "procedure list is empty"),
        (lambda d: d["procedures"][3].pop("name_vi"), "“name_vi” must be a non-empty string"),
        (lambda d: d["procedures"][3].update(online_level="online"), "must be one of full, partial, counter"),
        (lambda d: d["procedures"][3].update(essential="yes"), "“essential” must be true or false"),
        (lambda d: d["procedures"][3].update(code=d["procedures"][0]["code"]), "appears twice"),
        (lambda d: d["procedures"][3].update(code="1.00 1193"), "code is not valid"),
        (lambda d: d["procedures"].append(7), "procedures[28]"),
    ],
)
def test_malformed_catalogue_rejected_with_the_reason(change: Any, fragment: str) -> None:
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(_mutated(change))
    assert fragment in info.value.message_en
    assert info.value.message_vi.startswith("Tệp danh mục thủ tục không hợp lệ")


def test_not_an_object_rejected() -> None:
    with pytest.raises(CatalogueError):
        parse_catalogue([1, 2])


# ------------------------------------------------------------------ resource paths


def test_resource_path_from_source_tree() -> None:
    path = resources.resource_path("procedures.json")
    assert path == Path(__file__).resolve().parents[1] / "resources" / "procedures.json"
    assert path.is_file()


def test_resource_path_when_frozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("admin_units.json") == tmp_path / "resources" / "admin_units.json"


@pytest.mark.parametrize("parts", [(), ("..", "pyproject.toml"), ("/etc/passwd",)])
def test_resource_path_stays_inside_resources(parts: tuple[str, ...]) -> None:
    with pytest.raises(ValueError):
        resources.resource_path(*parts)


# -- the procedure picker's first hit (what Enter picks in the visit form) ------------------------

#: The 20 most common things volunteers type, and the procedure each one means.
COMMON_QUERIES = [
    ("khai sinh", "1.001193"), ("thuong tru", "1.004222"), ("tam tru", "1.004194"), ("ket hon", "1.000894"),
    ("khai tu", "1.000656"), ("cap doi can cuoc", "1.014063"), ("cap lai can cuoc", "1.014064"), ("vneid", "3.000228"),
    ("dinh danh dien tu", "3.000228"), ("tam vang", "1.003677"), ("luu tru", "2.001159"), ("tinh trang hon nhan", "1.004873"),
    ("chung thuc chu ky", "2.000884"), ("bao hiem y te", "1.002759"), ("ho ngheo", "1.011607"), ("tro cap xa hoi", "1.001776"),
    ("mai tang", "1.001731"), ("xoa thuong tru", "1.003197"), ("cai chinh ho tich", "1.004859"), ("dang ky kh", "1.001193"),
]


@pytest.mark.parametrize(("query", "code"), COMMON_QUERIES)
def test_the_first_hit_of_a_common_query_is_the_procedure_meant(query: str, code: str) -> None:
    from outreach.services.procedures import rank_procedures

    assert rank_procedures(list(load_catalogue()), query)[0].code == code


def test_the_single_procedure_outranks_the_joint_one_and_the_opposite_one(store: Store) -> None:
    """Before: "thuong tru" + Enter picked "Xóa đăng ký thường trú", "khai sinh" the joint procedure."""
    from outreach.services.procedures import list_procedures, seed_catalogue

    seed_catalogue(store)
    assert [p.code for p in list_procedures(store, "thuong tru")][:2] == ["1.004222", "1.003197"]
    assert [p.code for p in list_procedures(store, "khai sinh")][:2] == ["1.001193", "2.000986"]
    assert [p.code for p in list_procedures(store, "residence", language="en")][0] == "1.004222"
    assert len(list_procedures(store)) == len(load_catalogue())  # no query: the whole catalogue
