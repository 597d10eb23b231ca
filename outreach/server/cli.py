"""``outreach-server``: the central office server and its admin commands.

    outreach-server [--db URL] init
    outreach-server migrate [--check] | status
    outreach-server ward add --name "Phường Ngọc Hà" [--code 00004]
    outreach-server team add --name "Đội cơ động số 1"
    outreach-server device enroll --team "Đội cơ động số 1" --role volunteer [--name ...] [--png code.png]
    outreach-server device list | device revoke DEVICE_ID --reason retired|lost | device inventory DEVICE_ID
    outreach-server request add --right deletion --name NAME [--resident ID] | list [--open] | ack ID | close ID --outcome TEXT
    outreach-server erase RESIDENT_ID [--request ID] | erasure log --out FILE | erasure reapply [--log FILE]
    outreach-server retention preview|run [--ward W]
    outreach-server audit [--person MEMBER --resident ID --device ID --ward W --action A --from DAY --to DAY]
    outreach-server catalogue [add|edit CODE --set FIELD=VALUE ... | retire CODE [--from DATE] | import FILE | list]
    outreach-server user add LOGIN --role ward_admin --ward WARD [--team TEAM] [--name ...] | user list | user disable LOGIN
    outreach-server days-off add YYYY-MM-DD [--note TEXT] | remove YYYY-MM-DD | list   [--ward ID|NAME]
    outreach-server serve --host 0.0.0.0 --port 8443 [--tls-cert cert.pem --tls-key key.pem]

The database defaults to ``sqlite:///office.db`` (``$OUTREACH_SERVER_DB`` overrides); production
uses ``postgresql+psycopg://user@host/db``. Every command migrates the schema first (except
``status``, which only looks), and refuses a database migrated by a newer version.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from outreach import __version__
from outreach.server import accounts, admin, catalogue_office, maintenance
from outreach.server.data_requests import RequestRefused
from outreach.server.db import DEFAULT_DB_URL, ServerDb, open_db
from outreach.server.logs import setup_logging
from outreach.server.retention import prune_received_changes
from outreach.timeutil import VIETNAM, now_local
from outreach.vocabulary import DataRight, RevokeReason
from outreach.wire.enrolment_link import enrolment_link

if TYPE_CHECKING:
    from fastapi import FastAPI

log = logging.getLogger("outreach.server.cli")
DEFAULT_PORT = 8765

#: Adds routes to the app ``serve`` runs (the office console, ``outreach.console``, sits above the
#: server's layer and hands itself in this way: the server never imports it).
AppExtension = Callable[["FastAPI"], None]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="outreach-server", description="Outreach central office server (ward People's Committee).")
    parser.add_argument("--version", action="version", version=f"outreach-server {__version__}")
    parser.add_argument("--db", default=os.environ.get("OUTREACH_SERVER_DB", DEFAULT_DB_URL),
                        help="database URL (default: $OUTREACH_SERVER_DB or sqlite:///office.db)")
    parser.add_argument("--log-file", type=Path, help="also write JSON log lines to this file")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    sub.add_parser("init", help="create or upgrade the database and publish the procedure catalogue")
    migrate = sub.add_parser("migrate", help="upgrade the database schema to this version (every command also does it first)")
    migrate.add_argument("--check", action="store_true", help="only say whether a migration is pending (exit 1 if so)")
    sub.add_parser("status", help="schema, server_seq, devices, per-ward counts and digests (compare after a restore)")

    ward = sub.add_parser("ward", help="wards").add_subparsers(dest="sub", required=True)
    ward_add = ward.add_parser("add", help="add a ward")
    ward_add.add_argument("--name", required=True)
    ward_add.add_argument("--code", default="")
    ward_add.add_argument("--province-code", default="")
    ward_add.add_argument("--province-name", default="")
    ward_add.add_argument("--id", help="use this ward id (to match existing data)")
    ward.add_parser("list", help="list wards")
    ward_lock = ward.add_parser("lock", help="whether the ward's laptops ask a PIN (the app lock; on unless turned off)")
    ward_lock.add_argument("state", choices=["on", "off"])
    ward_lock.add_argument("--ward", help="ward id or name (optional on a one-ward server)")

    group = sub.add_parser("group", help="residential groups (tổ dân phố / thôn)").add_subparsers(dest="sub", required=True)
    group_add = group.add_parser("add", help="add a residential group")
    group_add.add_argument("--ward", help="ward id or name (optional on a one-ward server)")
    group_add.add_argument("--name", required=True)
    group_add.add_argument("--kind", choices=["to_dan_pho", "thon"], default="to_dan_pho")
    group_add.add_argument("--sort-order", type=int, default=0)

    team = sub.add_parser("team", help="outreach teams").add_subparsers(dest="sub", required=True)
    team_add = team.add_parser("add", help="add a team")
    team_add.add_argument("--ward", help="ward id or name (optional on a one-ward server)")
    team_add.add_argument("--name", required=True)
    team_add.add_argument("--phone")
    team_add.add_argument("--id", help="use this team id")
    team.add_parser("list", help="list teams")

    device = sub.add_parser("device", help="laptops").add_subparsers(dest="sub", required=True)
    enroll = device.add_parser("enroll", help="issue a one-time enrolment code for a laptop")
    enroll.add_argument("--team", required=True, help="team id or name")
    enroll.add_argument("--role", choices=["volunteer", "leader"], required=True)
    enroll.add_argument("--name", help="the person's full name (creates the team member)")
    enroll.add_argument("--minutes", type=int, default=15, help="validity of the code (default 15)")
    enroll.add_argument("--server-url", help="address laptops use, put into the QR code")
    enroll.add_argument("--png", type=Path, help="also write the QR code as a PNG file")
    enroll.add_argument("--no-qr", action="store_true", help="print the code only")
    device.add_parser("list", help="list enrolled laptops")
    revoke = device.add_parser("revoke", help="revoke a laptop: retired (it sends what it has, then stops) or lost (it destroys its data)")
    revoke.add_argument("device_id")
    revoke.add_argument("--reason", choices=list(RevokeReason), required=True,
                        help="retired: may push its unsent changes, then stops; lost: lost or stolen, wipes itself on its next contact")
    inventory = device.add_parser("inventory", help="what a laptop held at its last sync (for a breach notice)")
    inventory.add_argument("device_id")

    catalogue = sub.add_parser("catalogue", help="the procedure catalogue laptops pull (bare: publish new codes of the bundled one)")
    catalogue.add_argument("--by", default=os.environ.get("USER", "office"), help="who makes the change (written to the log)")
    cat_sub = catalogue.add_subparsers(dest="sub")
    cat_add = cat_sub.add_parser("add", help="add a procedure: CODE --set name_vi=... --set field_vi=... [--set FIELD=VALUE ...]")
    cat_add.add_argument("code")
    cat_add.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", help="a column of the catalogue sheet")
    cat_edit = cat_sub.add_parser("edit", help="change fields of a procedure: CODE --set FIELD=VALUE ...")
    cat_edit.add_argument("code")
    cat_edit.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", required=True)
    cat_retire = cat_sub.add_parser("retire", help="repeal a procedure from a date (old filings stay valid)")
    cat_retire.add_argument("code")
    cat_retire.add_argument("--from", dest="repealed_from", help="repealed from (YYYY-MM-DD; default today)")
    cat_retire.add_argument("--replaced-by", help="the code that replaces it")
    cat_import = cat_sub.add_parser("import", help="add/edit from the office's CSV/XLSX or portal JSON records (all or nothing)")
    cat_import.add_argument("file", type=Path)
    cat_sub.add_parser("list", help="list the catalogue the server holds")
    user = sub.add_parser("user", help="people accounts of the office console").add_subparsers(dest="sub", required=True)
    user_add = user.add_parser("add", help="add an account; its first password is printed once")
    user_add.add_argument("login")
    user_add.add_argument("--role", required=True, choices=["city_admin", "ward_admin", "ward_viewer", "team_leader"])
    user_add.add_argument("--ward", help="ward id or name (every role but city_admin)")
    user_add.add_argument("--team", help="team id or name (team_leader)")
    user_add.add_argument("--name", default="", help="the person's name, shown in the console")
    user.add_parser("list", help="list accounts")
    user_disable = user.add_parser("disable", help="disable an account (its sessions end at once)")
    user_disable.add_argument("login")
    trail = sub.add_parser("audit", help="the audit trail: who opened, exported or changed personal data (newest first)")
    trail.add_argument("--person", help="events by this team member (member id)")
    trail.add_argument("--resident", help="events about this resident (and their household)")
    trail.add_argument("--device", help="events of this laptop (device id)")
    trail.add_argument("--ward", help="ward id or name (default: every ward)")
    trail.add_argument("--action", help="one action code, e.g. view_personal_data")
    trail.add_argument("--from", dest="since", type=_day, help="from this day (dd/mm/yyyy or YYYY-MM-DD, Vietnam time)")
    trail.add_argument("--to", dest="until", type=_day, help="up to and including this day")
    trail.add_argument("--limit", type=int, default=200, help="at most this many events (default 200)")
    request = sub.add_parser("request", help="the data-subject request register (access, correction, deletion, ...)")
    req_sub = request.add_subparsers(dest="sub", required=True)
    req_add = req_sub.add_parser("add", help="register a request; prints its id and deadlines")
    req_add.add_argument("--ward", help="ward id or name (default: the only ward)")
    req_add.add_argument("--right", required=True, choices=[str(r) for r in DataRight])
    req_add.add_argument("--name", required=True, help="who asked")
    req_add.add_argument("--contact", default="", help="how to answer them (phone, address)")
    req_add.add_argument("--resident", help="the resident the request is about (id), when known")
    req_add.add_argument("--received", type=_day, help="the day it was received (default today)")
    req_add.add_argument("--handler", default="", help="who handles it")
    req_add.add_argument("--note", default="")
    req_list = req_sub.add_parser("list", help="the register, oldest deadline first (OVERDUE marked)")
    req_list.add_argument("--open", action="store_true", help="open requests only")
    req_list.add_argument("--ward", help="ward id or name")
    req_ack = req_sub.add_parser("ack", help="record that the person was told the request is being handled")
    req_ack.add_argument("request_id")
    req_ack.add_argument("--handler", default="")
    req_close = req_sub.add_parser("close", help="close a request with its outcome")
    req_close.add_argument("request_id")
    req_close.add_argument("--outcome", required=True, help="what was done (or why refused)")
    req_close.add_argument("--refused", action="store_true", help="the request was refused (reasons in --outcome)")
    req_close.add_argument("--handler", default="")
    erase = sub.add_parser("erase", help="erase one resident's personal fields everywhere (server, then laptops by sync)")
    erase.add_argument("resident_id")
    erase.add_argument("--request", help="the deletion request this answers (its record lists what cannot be erased)")
    erase.add_argument("--by", default=os.environ.get("USER", "office"), help="who erases (audit)")
    erasure = sub.add_parser("erasure", help="the erasure log: export it beside a dump, re-apply it after a restore")
    erasure_sub = erasure.add_subparsers(dest="sub", required=True)
    erasure_log = erasure_sub.add_parser("log", help="write the erasure log as JSON lines")
    erasure_log.add_argument("--out", type=Path, required=True)
    erasure_reapply = erasure_sub.add_parser("reapply", help="erase again every logged resident a restored copy holds")
    erasure_reapply.add_argument("--log", type=Path, help="an exported log (default: this database's own)")
    retention = sub.add_parser("retention", help="clear personal data kept longer than the ward's rule (resources/privacy.json)")
    retention.add_argument("sub", choices=["preview", "run"])
    retention.add_argument("--ward", help="ward id or name (default: every ward)")
    retention.add_argument("--today", type=_day, help=argparse.SUPPRESS)  # tests and what-if previews
    days_off = sub.add_parser("days-off", help="the office's extra days off (ngày nghỉ bù, closures) laptops count as non-working")
    days_off.add_argument("--by", default=os.environ.get("USER", "office"), help="who makes the change (written to the log)")
    days_off.add_argument("--ward", help="ward id or name (default: the only ward)")
    off_sub = days_off.add_subparsers(dest="sub", required=True)
    off_add = off_sub.add_parser("add", help="the office is closed on DATE (YYYY-MM-DD)")
    off_add.add_argument("day")
    off_add.add_argument("--note", default="", help="why (e.g. 'nghỉ bù Tết')")
    off_remove = off_sub.add_parser("remove", help="DATE is a working day again")
    off_remove.add_argument("day")
    off_sub.add_parser("list", help="the ward's office days off")
    sub.add_parser("prune", help="forget the ids of applied changes no laptop can send again (older than 30 days, laptop synced since)")

    dupes = sub.add_parser("duplicates", help="households and residents that may have been registered twice (the leaders' scan)")
    dupes.add_argument("--ward", help="ward id or name (default: the only ward)")
    serve = sub.add_parser("serve", help="run the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument("--tls-cert", type=Path, help="certificate chain (PEM); with --tls-key serves HTTPS")
    serve.add_argument("--tls-key", type=Path)
    serve.add_argument("--demo", action="store_true",
                       help="a local demo server (127.0.0.1 only): every device writes as the office (one synthetic ward)")
    return parser


def _serve(args: argparse.Namespace, db: ServerDb, extensions: Sequence[AppExtension]) -> int:
    import uvicorn

    from outreach.server.api import create_app

    if bool(args.tls_cert) != bool(args.tls_key):
        print("--tls-cert and --tls-key go together", file=sys.stderr)
        return 1
    if args.demo and args.host not in ("127.0.0.1", "localhost", "::1"):
        print("--demo serves this computer only (--host 127.0.0.1)", file=sys.stderr)
        return 1
    app = create_app(db, demo=args.demo)
    for extend in extensions:
        extend(app)
    pruned = prune_received_changes(db)
    log.info(
        "serving", extra={"event": "serve", "host": args.host, "port": args.port, "tls": bool(args.tls_cert), "pruned_change_ids": pruned}
    )
    uvicorn.run(app, host=args.host, port=args.port, access_log=False, log_level="warning",
                ssl_certfile=str(args.tls_cert) if args.tls_cert else None, ssl_keyfile=str(args.tls_key) if args.tls_key else None)
    return 0


def _duplicates(args: argparse.Namespace, db: ServerDb) -> None:
    """One line per pair nobody has decided about: kind, score, how sure, why, the two ids."""
    from outreach.labels import label
    from outreach.server.duplicates import scan_ward
    from outreach.vocabulary import DuplicateDecision, DuplicateReason

    households, residents = scan_ward(db, admin.find_ward(db, args.ward)["id"])
    for c in households + residents:
        why = ", ".join(label(r, of=DuplicateReason) for r in c.reasons)
        print(f"{c.kind:<9} {c.score:>3}  {label(c.decision, of=DuplicateDecision):<22} {c.first_id}  {c.second_id}  {why}")
    print(f"{len(households)} household pairs, {len(residents)} resident pairs")


def _migrate(args: argparse.Namespace, db: ServerDb) -> int:
    state = maintenance.schema_state(db.engine)
    if args.check:
        print(f"schema: {state.describe()}")
        return 0 if state.up_to_date else 1
    before, after = maintenance.migrate_schema(db.engine)
    if before.up_to_date:
        print(f"schema: {after.describe()}; nothing to do")
    else:
        print(f"schema migrated from {before.current or 'empty'} to {after.current}")
    return 0


def _status(db: ServerDb) -> int:
    state = maintenance.schema_state(db.engine)
    if not state.up_to_date:
        print(f"schema: {state.describe()}; run 'outreach-server migrate' first")
        return 1
    for line in maintenance.status_lines(maintenance.server_status(db)):
        print(line)
    return 0


def run(args: argparse.Namespace, extensions: Sequence[AppExtension] = ()) -> int:
    db = open_db(args.db, migrate_schema=False)
    try:
        if args.command == "migrate":
            return _migrate(args, db)
        if args.command == "status":  # looks only: a restored copy is inspected as it is
            return _status(db)
        maintenance.migrate_schema(db.engine)
        if args.command == "init":
            added = admin.seed_catalogue(db)
            print(f"database ready; {added} procedures published")
        elif args.command == "ward" and args.sub == "add":
            ward_id = admin.add_ward(db, args.name, args.code, args.province_code, args.province_name, ward_id=args.id)
            print(ward_id)
        elif args.command == "ward" and args.sub == "lock":
            admin.set_app_lock(db, args.ward, args.state == "on")
            print(f"app lock {args.state}: laptops learn it at their next sync")
        elif args.command == "ward" and args.sub == "list":
            for ward in _rows(db, "wards"):
                print(f"{ward['id']}  {ward['code']:<6} {ward['name']}")
        elif args.command == "group":
            print(admin.add_group(db, args.ward, args.name, args.kind, args.sort_order))
        elif args.command == "team" and args.sub == "add":
            print(admin.add_team(db, args.ward, args.name, args.phone, team_id=args.id))
        elif args.command == "team" and args.sub == "list":
            for team in _rows(db, "teams"):
                print(f"{team['id']}  {team['name']}")
        elif args.command == "device" and args.sub == "enroll":
            return _enroll(args, db)
        elif args.command == "device" and args.sub == "list":
            for d in admin.list_devices(db):
                state = (f"revoked {d['revoked_at']:%Y-%m-%d %H:%M} ({d['revoke_reason'] or 'retired'})" if d["revoked_at"]
                         else "active")
                print(
                    f"{d['id']}  {d['role']:<9} team={d['team_id']}  enrolled {d['enrolled_at']:%Y-%m-%d %H:%M} UTC  {state}  {d['label']}"
                )
        elif args.command == "device" and args.sub == "revoke":
            if not admin.revoke_device(db, args.device_id, args.reason):
                print(f"no device {args.device_id} to revoke as {args.reason}", file=sys.stderr)
                return 1
            then = ("it destroys its data on its next contact" if args.reason == RevokeReason.LOST
                    else "it may send its unsent changes, then stops")
            print(f"revoked {args.device_id} ({args.reason}): {then}")
        elif args.command == "device" and args.sub == "inventory":
            from outreach.server.inventory import inventory, inventory_lines

            print("\n".join(inventory_lines(inventory(db, args.device_id))))
        elif args.command == "audit":
            return _audit(args, db)
        elif args.command == "retention":
            return _retention(args, db)
        elif args.command == "request":
            return _request(args, db)
        elif args.command == "erase":
            from outreach.server.erasure import erase_resident

            done = erase_resident(db, args.resident_id, request_id=args.request, by=args.by)
            head = "; household head cleared" if done.household_cleared else ""
            print(f"erased {done.resident_id}: {done.lost_values_removed} kept losing value(s) and {done.extra_fields_removed} "
                  f"extra field(s) removed{head}; laptops scrub it at their next sync")
        elif args.command == "erasure" and args.sub == "log":
            from outreach.server.erasure import write_log

            print(f"{write_log(db, args.out)} erasure(s) written to {args.out}")
        elif args.command == "erasure" and args.sub == "reapply":
            from outreach.server.erasure import read_log, reapply

            again = reapply(db, read_log(args.log) if args.log else None)
            print(f"{again} resident(s) erased again")
        elif args.command == "duplicates":
            _duplicates(args, db)
        elif args.command == "prune":
            print(f"{prune_received_changes(db)} change ids forgotten")
        elif args.command == "catalogue":
            return _catalogue(args, db)
        elif args.command == "days-off":
            return _days_off(args, db)
        elif args.command == "serve":
            return _serve(args, db, extensions)
        elif args.command == "user":
            return _user(args, db)
        return 0
    finally:
        db.dispose()


def _day(text: str) -> dt.date:
    """A day typed on the command line: dd/mm/yyyy (as the app writes dates) or ISO."""
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"{text!r}: expected dd/mm/yyyy")


def _utc_start(day: dt.date) -> dt.datetime:
    """The first instant of a Vietnamese day, in UTC as the server stores times."""
    return dt.datetime.combine(day, dt.time(), VIETNAM).astimezone(dt.UTC).replace(tzinfo=None)


def _audit(args: argparse.Namespace, db: ServerDb) -> int:
    from outreach.server import audit_trail

    wards = [str(admin.find_ward(db, args.ward)["id"])] if args.ward else None
    with db.read() as conn:
        rows = audit_trail.query(conn, ward_ids=wards, actor=args.person, resident_id=args.resident, device_id=args.device,
                                 since=_utc_start(args.since) if args.since else None,
                                 until=_utc_start(args.until + dt.timedelta(days=1)) if args.until else None,
                                 action=args.action, limit=args.limit)
    for r in rows:
        when = r.at.replace(tzinfo=dt.UTC).astimezone(VIETNAM)
        target = f"{r.target_kind}:{r.target_id}" if r.target_id else "-"
        who = r.actor_id or r.actor_kind
        print(f"{when:%d/%m/%Y %H:%M:%S}  {r.action:<22} {who:<36} {target:<50} device={r.device_id or '-'}  {r.actor_name}".rstrip())
    print(f"{len(rows)} event(s)", file=sys.stderr)
    return 0


def _retention(args: argparse.Namespace, db: ServerDb) -> int:
    from outreach.server import data_retention

    wards = [admin.find_ward(db, args.ward)] if args.ward else _rows(db, "wards")
    for ward in wards:
        act = data_retention.run if args.sub == "run" else data_retention.preview
        plan = act(db, str(ward["id"]), today=args.today)
        verb = "cleared" if args.sub == "run" else "would clear"
        print(f"{ward['name']}: {verb} {len(plan.residents)} resident(s) inactive for {plan.rule.inactive_resident_years} years, "
              f"the notes of {len(plan.visits)} visit(s) and the dossier codes of {len(plan.filings)} filing(s) older than "
              f"{plan.rule.visit_detail_years} years")
        if args.sub == "preview":
            for rid in plan.residents:
                print(f"  resident {rid}")
    return 0


def _request(args: argparse.Namespace, db: ServerDb) -> int:
    from outreach.server import data_requests

    if args.sub == "add":
        ward = admin.find_ward(db, args.ward)
        row = data_requests.add_request(db, str(ward["id"]), args.right, args.name, requester_contact=args.contact,
                                        resident_id=args.resident, received_on=args.received, handler=args.handler, note=args.note)
        print(row.id)
        print(f"acknowledge by {row.acknowledge_by:%d/%m/%Y}, respond by {row.respond_by:%d/%m/%Y}")
    elif args.sub == "list":
        wards = [str(admin.find_ward(db, args.ward)["id"])] if args.ward else None
        today = now_local().date()
        for r in data_requests.list_requests(db, ward_ids=wards, open_only=args.open):
            flag = "  OVERDUE" if r.overdue(today) else ""
            print(f"{r.id}  {r.right:<11} {r.status:<12} received {r.received_on:%d/%m/%Y}  ack by {r.acknowledge_by:%d/%m/%Y}  "
                  f"respond by {r.respond_by:%d/%m/%Y}  {r.requester_name}{flag}")
    elif args.sub == "ack":
        row = data_requests.acknowledge_request(db, args.request_id, handler=args.handler)
        print(f"{row.id} acknowledged {row.acknowledged_on:%d/%m/%Y}")
    elif args.sub == "close":
        row = data_requests.close_request(db, args.request_id, args.outcome, handler=args.handler, refused=args.refused)
        print(f"{row.id} {row.status} {row.closed_on:%d/%m/%Y}")
        for item in row.residual:
            print(f"  not erasable by the app: {item}")
    return 0


def _rows(db: ServerDb, table: str) -> list[dict[str, object]]:
    from outreach.model import Base

    t = Base.metadata.tables[table]
    with db.read() as conn:
        return [dict(r) for r in conn.execute(t.select().where(t.c.deleted.is_(False)).order_by(t.c.name)).mappings()]


def _enroll(args: argparse.Namespace, db: ServerDb) -> int:
    issued = admin.issue_enrolment_code(db, args.team, args.role, args.name, args.minutes)
    payload = enrolment_link(args.server_url, issued.code)
    print(f"Mã đăng ký / enrolment code: {issued.code}")
    print(f"Hết hạn / expires: {issued.expires_at:%Y-%m-%d %H:%M} UTC (one use)")
    if args.server_url:
        print(f"Trên máy tính / on the laptop: outreach enroll --server {args.server_url} --code {issued.code}")
    if not args.no_qr:
        from outreach.qr_image import qr_terminal_text

        print(qr_terminal_text(payload), end="")
    if args.png:
        from outreach.qr_image import qr_png_bytes

        args.png.write_bytes(qr_png_bytes(payload))
        print(f"QR: {args.png}")
    return 0


def _user(args: argparse.Namespace, db: ServerDb) -> int:
    """``user add|list|disable``: the console's people accounts."""
    if args.sub == "add":
        team = admin.find_team(db, args.team) if args.team else None
        ward_id = admin.find_ward(db, args.ward)["id"] if args.ward else (team["ward_id"] if team else None)
        if ward_id is None and args.role != "city_admin":
            ward_id = admin.find_ward(db, None)["id"]  # the usual one-ward server
        account, password = accounts.add_account(db, args.login, args.role, ward_id=ward_id, team_id=team["id"] if team else None,
                                                 display_name=args.name)
        print(f"added {account.login} ({account.role})")
        print(f"Mật khẩu / password (shown once; change it on the console's account page): {password}")
    elif args.sub == "list":
        for a in accounts.list_accounts(db):
            print(f"{a.login:<24} {a.role:<12} ward={a.ward_id or '*'} team={a.team_id or '-'}{'  disabled' if a.disabled else ''}")
    elif args.sub == "disable":
        if not accounts.disable_account(db, args.login):
            print(f"no enabled account {args.login!r}", file=sys.stderr)
            return 1
        print(f"disabled {args.login}")
    return 0


def _catalogue(args: argparse.Namespace, db: ServerDb) -> int:
    """``catalogue [add|edit|retire|import|list]``: the office's changes, each one laptops pull."""
    from outreach.server.catalogue_rows import parse_cells

    if args.sub is None:
        print(f"{admin.seed_catalogue(db)} procedures published")
    elif args.sub in ("add", "edit"):
        cells = {}
        for option in args.set:
            name, sep, value = option.partition("=")
            if not sep:
                print(f"--set {option!r}: expected FIELD=VALUE", file=sys.stderr)
                return 1
            cells[name.strip().lower()] = value
        parsed = parse_cells("", args.code, cells)
        if parsed.problem:
            raise catalogue_office.CatalogueRefused([catalogue_office.RowRefused("", parsed.code, parsed.problem)])
        if args.sub == "add":
            catalogue_office.add_procedure(db, parsed.code, parsed.values, by=args.by)
            print(f"added {parsed.code}")
        else:
            changed = catalogue_office.edit_procedure(db, parsed.code, parsed.values, by=args.by)
            print(f"edited {parsed.code}" if changed else f"{parsed.code}: nothing differed")
    elif args.sub == "retire":
        try:
            since = dt.date.fromisoformat(args.repealed_from) if args.repealed_from else now_local().date()
        except ValueError:
            print(f"--from {args.repealed_from!r}: expected YYYY-MM-DD", file=sys.stderr)
            return 1
        catalogue_office.retire_procedure(db, args.code, by=args.by, repealed_from=since, replaced_by=args.replaced_by)
        print(f"retired {args.code} from {since.isoformat()}")
    elif args.sub == "import":
        result = catalogue_office.import_catalogue(db, args.file, by=args.by)
        print(f"{result.added} added, {result.edited} edited, {result.unchanged} unchanged")
    elif args.sub == "list":
        for row in catalogue_office.list_catalogue(db):
            repealed = f"  repealed from {row['repealed_from']}" if row["repealed_from"] else ""
            print(f"{row['id']:<10} {row['online_level']:<8} {row['name_vi']}{repealed}")
    return 0


def _days_off(args: argparse.Namespace, db: ServerDb) -> int:
    """``days-off add|remove|list``: the office's extra days off, each change laptops pull."""
    import datetime as dt

    from outreach.server import days_off

    if args.sub == "list":
        for off in days_off.list_days_off(db, ward=args.ward):
            print(f"{off.day.isoformat()}  {off.note}".rstrip())
        return 0
    try:
        day = dt.date.fromisoformat(args.day)
    except ValueError:
        print(f"{args.day!r}: expected YYYY-MM-DD", file=sys.stderr)
        return 1
    if args.sub == "add":
        added = days_off.add_day_off(db, day, args.note, ward=args.ward, by=args.by)
        print(f"{day.isoformat()} is an office day off" if added else f"{day.isoformat()}: already an office day off")
    else:
        removed = days_off.remove_day_off(db, day, ward=args.ward, by=args.by)
        print(f"{day.isoformat()} is a working day again" if removed else f"{day.isoformat()}: not an office day off")
    return 0


def main(argv: Sequence[str] | None = None, extensions: Sequence[AppExtension] = ()) -> int:
    """The command line; ``extensions`` add routes to what ``serve`` runs (see ``AppExtension``)."""
    args = build_parser().parse_args(argv)
    setup_logging(args.log_file)
    try:
        return run(args, extensions)
    except catalogue_office.CatalogueRefused as exc:
        print("nothing written; refused:", file=sys.stderr)
        for row in exc.rows:
            print(f"  {row.row} {row.code}: {row.reason}".replace("   ", " "), file=sys.stderr)
        return 1
    except (admin.AdminError, accounts.AccountError, maintenance.SchemaTooNew, RequestRefused) as exc:
        print(str(exc), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
