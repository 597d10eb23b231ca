"""``outreach procedures list [--json]`` and ``outreach procedures others [--json]``: the
catalogue this laptop holds (as last pulled from the office), and the "khác" filings of
procedures it lacks, which the office reviews."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from outreach.commands.common import language, open_profile_store, say, terminal_safe


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    procedures = sub.add_parser("procedures", help="the procedure catalogue this laptop holds")
    psub = procedures.add_subparsers(dest="procedures_command", metavar="SUBCOMMAND", required=True)
    listing = psub.add_parser("list", help="code, portal id, name, online level, fees and papers of every procedure")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(handler=procedures_list_command)
    others = psub.add_parser("others", help="filings of procedures not in the catalogue (“khác”), for the office")
    others.add_argument("--json", action="store_true", help="print JSON instead of a table")
    others.set_defaults(handler=procedures_others_command)


def _print_json(data: Any) -> None:
    print(terminal_safe(json.dumps(data, ensure_ascii=False, default=str, indent=2), keep_newlines=True))


def procedures_list_command(args: argparse.Namespace) -> int:
    from outreach.services.procedures import list_procedures

    store = open_profile_store(args, create=False)
    try:
        procedures = list_procedures(store, active_only=False)
    finally:
        store.close()
    if args.json:
        _print_json([
            {"code": p.code, "formality_id": p.formality_id, "name_vi": p.name_vi, "name_en": p.name_en,
             "short_name": p.short_name, "field_vi": p.field_vi, "online_level": p.online_level, "essential": p.essential,
             "channels": p.channels, "province_overrides": p.province_overrides, "papers": {k: list(v) for k, v in p.papers.items()},
             "any_commune": p.any_commune, "effective_from": p.effective_from, "repealed_from": p.repealed_from,
             "replaced_by": p.replaced_by, "active": p.active}
            for p in procedures
        ])
        return 0
    lang = language()
    for p in procedures:
        fees = ", ".join(f"{channel} {entry['fee_vnd']:,} đ".replace(",", ".")
                         for channel, entry in p.channels.items() if "fee_vnd" in entry)
        papers = sum(len(v) for v in p.papers.values())
        repealed = say(f"  bãi bỏ từ {p.repealed_from:%d/%m/%Y}", f"  repealed from {p.repealed_from}") if p.repealed_from else ""
        print(terminal_safe(f"{p.code:<10} {p.online_level:<8} {p.name(lang)}{repealed}"))
        detail = [part for part in (p.formality_id, fees, say(f"{papers} giấy tờ", f"{papers} papers") if papers else "") if part]
        if detail:
            print(terminal_safe(f"{'':<19} {' · '.join(detail)}"))
    return 0


def procedures_others_command(args: argparse.Namespace) -> int:
    from outreach.services.procedures import other_filings

    store = open_profile_store(args, create=False)
    try:
        rows = other_filings(store)
    finally:
        store.close()
    if args.json:
        _print_json([asdict(r) for r in rows])
        return 0
    if not rows:
        print(say("Không có hồ sơ thủ tục khác.", "No filings of other procedures."))
        return 0
    for r in rows:
        day = f"{r.visit_date:%d/%m/%Y}" if r.visit_date else ""
        print(terminal_safe(f"{day:<10} {r.other_code or '-':<12} {r.other_name}  ({r.status})"))
    return 0
