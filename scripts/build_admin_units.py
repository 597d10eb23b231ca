#!/usr/bin/env python3
"""Build ``resources/admin_units.json`` from the ``vietnamadminunits`` package (MIT licence).

Why a generated file rather than a run-time dependency: the desktop app must work offline and
frozen, and only needs codes and names, not the package's 7 MB database with geometry and
search keys. The output is committed; rerun this script when the package publishes a correction::

    python scripts/build_admin_units.py            # writes resources/admin_units.json
    python scripts/build_admin_units.py --check    # fails if the committed file is stale

Contents:

* ``provinces``: the 34 provinces/cities in force since 1 July 2025 (2-digit codes), each with
  its communes/wards/special zones (5-digit codes) as compact ``[code, name, type]`` rows;
* ``id_province_codes``: the 63 *pre-2025* provinces as the 3-digit prefixes of the 12-digit
  personal ID ("0" + the old 2-digit province code, 001 Hà Nội … 096 Cà Mau). Personal IDs keep
  the code of the province where the birth was registered, so the old list stays valid.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from importlib import metadata, resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "resources" / "admin_units.json"

PROVINCE_KINDS = ("Thành phố", "Tỉnh")
COMMUNE_KINDS = ("Phường", "Xã", "Đặc khu")
EXPECTED_PROVINCES = 34
EXPECTED_COMMUNES = 3321
EXPECTED_ID_CODES = 63


def _dataset() -> Path:
    path = Path(str(resources.files("vietnamadminunits") / "data" / "dataset.db"))
    if not path.exists():
        raise SystemExit(f"vietnamadminunits data not found at {path}")
    return path


def _split_kind(full_name: str, kinds: tuple[str, ...]) -> tuple[str, str]:
    """("Phường", "Ba Đình") from "Phường Ba Đình".

    The package's separate ``wardType`` column disagrees with the full name for a handful of
    units (e.g. "Phường Việt Hòa" typed "Xã"); the full name is what the official list prints,
    so the type is taken from it.
    """
    for kind in kinds:
        if full_name.startswith(kind + " "):
            return kind, full_name[len(kind) + 1 :]
    raise SystemExit(f"unexpected unit name without a known type: {full_name!r}")


def build() -> dict[str, object]:
    conn = sqlite3.connect(f"file:{_dataset()}?mode=ro", uri=True)
    try:
        province_rows = conn.execute(
            "SELECT DISTINCT provinceCode, province FROM admin_units ORDER BY provinceCode"
        ).fetchall()
        commune_rows = conn.execute(
            "SELECT provinceCode, wardCode, ward FROM admin_units ORDER BY provinceCode, wardCode"
        ).fetchall()
        legacy_rows = conn.execute(
            "SELECT DISTINCT provinceCode, provinceShort FROM admin_units_legacy ORDER BY provinceCode"
        ).fetchall()
    finally:
        conn.close()

    communes: dict[str, list[list[str]]] = {}
    for province_code, code, full_name in commune_rows:
        kind, name = _split_kind(full_name, COMMUNE_KINDS)
        communes.setdefault(province_code, []).append([code, name, kind])

    provinces = []
    for code, full_name in province_rows:
        kind, name = _split_kind(full_name, PROVINCE_KINDS)
        provinces.append({"code": code, "name": name, "type": kind, "communes": communes.get(code, [])})

    id_codes = {"0" + code: name for code, name in legacy_rows}

    # Sanity checks: a silent change in the package must not reach the app.
    n_communes = sum(len(p["communes"]) for p in provinces)
    codes = [c[0] for p in provinces for c in p["communes"]]
    assert len(provinces) == EXPECTED_PROVINCES, len(provinces)
    assert n_communes == EXPECTED_COMMUNES, n_communes
    assert len(set(codes)) == len(codes), "duplicate commune codes"
    assert all(len(p["code"]) == 2 and p["code"].isdigit() for p in provinces)
    assert all(len(c) == 5 and c.isdigit() for c in codes)
    assert len(id_codes) == EXPECTED_ID_CODES, len(id_codes)
    assert id_codes["001"] == "Hà Nội" and id_codes["096"] == "Cà Mau"

    return {
        "version": 1,
        "effective_from": "2025-07-01",
        "source": f"vietnamadminunits {metadata.version('vietnamadminunits')} (MIT licence)",
        "provinces": provinces,
        "id_province_codes": id_codes,
    }


def render(data: dict[str, object]) -> str:
    """Compact JSON with one province per line, so a correction shows as a readable diff."""
    head = {k: v for k, v in data.items() if k not in ("provinces", "id_province_codes")}
    lines = ["{"]
    for key, value in head.items():
        lines.append(f"{json.dumps(key)}:{json.dumps(value, ensure_ascii=False)},")
    lines.append('"provinces":[')
    provinces = data["provinces"]
    assert isinstance(provinces, list)
    for i, province in enumerate(provinces):
        comma = "," if i < len(provinces) - 1 else ""
        lines.append(json.dumps(province, ensure_ascii=False, separators=(",", ":")) + comma)
    lines.append("],")
    lines.append('"id_province_codes":' + json.dumps(data["id_province_codes"], ensure_ascii=False, separators=(",", ":")))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="fail if the output file is out of date")
    args = parser.parse_args(argv)
    text = render(build())
    json.loads(text)  # the hand-rolled layout must still be valid JSON
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run scripts/build_admin_units.py", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text.encode('utf-8')) / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
