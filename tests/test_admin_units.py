"""The administrative-unit resource: 34 provinces, their communes, personal-ID province codes."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from outreach import admin_units
from outreach.admin_units import AdminUnitsError, load_admin_units
from outreach.resources import resource_path

ROOT = Path(__file__).resolve().parents[1]


def test_thirty_four_provinces_with_two_digit_codes() -> None:
    provinces = admin_units.provinces()
    assert len(provinces) == 34
    assert len({p.code for p in provinces}) == 34
    assert all(len(p.code) == 2 and p.code.isdigit() for p in provinces)
    assert [p.code for p in provinces] == sorted(p.code for p in provinces)


def test_well_known_provinces() -> None:
    hanoi = admin_units.province("01")
    hcm = admin_units.province("79")
    assert hanoi is not None and hanoi.name == "Hà Nội" and hanoi.full_name == "Thành phố Hà Nội"
    assert hcm is not None and hcm.name == "Hồ Chí Minh" and hcm.full_name == "Thành phố Hồ Chí Minh"
    assert admin_units.province("02") is None  # Hà Giang merged into Tuyên Quang in 2025


def test_communes() -> None:
    everything = load_admin_units().all_communes
    assert len(everything) > 3000  # 3,321 since 1 July 2025
    assert all(len(c.code) == 5 and c.code.isdigit() for c in everything)
    assert len({c.code for c in everything}) == len(everything)
    assert {c.kind for c in everything} == {"Phường", "Xã", "Đặc khu"}
    assert sum(len(admin_units.communes(p.code)) for p in admin_units.provinces()) == len(everything)
    hcm = admin_units.communes("79")
    assert all(c.province_code == "79" for c in hcm)
    assert any(c.full_name == "Phường Bến Thành" for c in hcm)


def test_commune_lookup_and_search() -> None:
    found = admin_units.find_communes("ben thanh", "79")
    assert [c.full_name for c in found] == ["Phường Bến Thành"]
    assert admin_units.commune(found[0].code) == found[0]
    assert admin_units.commune("99999") is None
    with pytest.raises(KeyError):
        admin_units.communes("02")


def test_sixty_three_personal_id_province_codes() -> None:
    codes = admin_units.id_province_codes()
    assert len(codes) == 63
    assert codes["001"] == "Hà Nội"
    assert codes["079"] == "Hồ Chí Minh"
    assert codes["096"] == "Cà Mau"
    assert "003" not in codes and "005" not in codes
    assert all(len(k) == 3 and k.startswith("0") for k in codes)


def test_file_is_compact_and_cached() -> None:
    assert resource_path("admin_units.json").stat().st_size < 500_000
    assert load_admin_units() is load_admin_units()


def test_malformed_file_rejected(tmp_path: Path) -> None:
    data = json.loads(resource_path("admin_units.json").read_text(encoding="utf-8"))
    data["provinces"][0]["communes"][0][0] = "123"
    path = tmp_path / "units.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(AdminUnitsError) as info:
        load_admin_units(path)
    assert "5 chữ số" in info.value.message_vi
    path.write_text("{", encoding="utf-8")
    with pytest.raises(AdminUnitsError):
        load_admin_units(path)


@pytest.mark.skipif(
    importlib.util.find_spec("vietnamadminunits") is None,
    reason="vietnamadminunits is not installed; it is only needed to regenerate admin_units.json",
)
def test_committed_file_matches_the_package_data() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_admin_units.py"), "--check"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
