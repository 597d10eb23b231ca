"""Core sub-commands: ``demo-data`` and ``households search``."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from outreach.commands.common import open_demo_store, open_profile_store, say, terminal_safe


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo_data = sub.add_parser("demo-data", help="fill a demo profile with a synthetic ward")
    demo_data.add_argument("--households", type=int, required=True, help="number of households (20000 = large ward)")
    demo_data.add_argument("--seed", type=int, default=1)
    demo_data.set_defaults(handler=demo_data_command)

    households = sub.add_parser("households", help="household commands")
    hsub = households.add_subparsers(dest="households_command", metavar="SUBCOMMAND", required=True)
    search = hsub.add_parser("search", help="search households (diacritic-insensitive, prefix)")
    search.add_argument("text")
    search.add_argument("--json", action="store_true", help="print JSON instead of a table")
    search.add_argument("--limit", type=int, default=20)
    search.set_defaults(handler=households_search_command)


def demo_data_command(args: argparse.Namespace) -> int:
    from outreach.services import demo_data

    store = open_demo_store(args, args.households)
    try:
        summary = demo_data.generate(store, args.households, seed=args.seed)
    finally:
        store.close()
    print(
        say(
            f"Đã tạo {summary.ward_name}: {summary.groups} tổ dân phố, {summary.households} hộ, "
            f"{summary.residents} nhân khẩu, {summary.visits} lần thăm, {summary.filings} hồ sơ.",
            f"Created {summary.ward_name}: {summary.groups} groups, {summary.households} households, "
            f"{summary.residents} residents, {summary.visits} visits, {summary.filings} filings.",
        )
    )
    return 0


def households_search_command(args: argparse.Namespace) -> int:
    from outreach.services.households import search_households

    store = open_profile_store(args, create=False, personal=True)
    try:
        results = search_households(store, args.text, limit=args.limit)
    finally:
        store.close()
    if args.json:
        print(terminal_safe(json.dumps([asdict(r) for r in results], ensure_ascii=False, default=str, indent=2), keep_newlines=True))
        return 0
    if not results:
        print(say("Không tìm thấy hộ nào.", "No households found."))
        return 0
    for r in results:
        print(terminal_safe(f"{r.head_name:<28} {r.address_text:<45} {r.group_name:<18} {r.phone or ''}"))
    return 0
