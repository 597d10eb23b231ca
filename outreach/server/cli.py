"""``outreach-server``: the central office server and its admin commands.

    outreach-server [--db URL] init
    outreach-server migrate [--check] | status
    outreach-server ward add --name "Phường Ngọc Hà" [--code 00004]
    outreach-server team add --name "Đội cơ động số 1"
    outreach-server device enroll --team "Đội cơ động số 1" --role volunteer [--name ...] [--png code.png]
    outreach-server device list | device revoke DEVICE_ID --reason retired|lost | device inventory DEVICE_ID
    outreach-server catalogue [add|edit CODE --set FIELD=VALUE ... | retire CODE [--from DATE] | import FILE | list]
    outreach-server serve --host 0.0.0.0 --port 8443 [--tls-cert cert.pem --tls-key key.pem]

The database defaults to ``sqlite:///office.db`` (``$OUTREACH_SERVER_DB`` overrides); production
uses ``postgresql+psycopg://user@host/db``. Every command migrates the schema first (except
``status``, which only looks), and refuses a database migrated by a newer version.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from outreach import __version__
from outreach.server import admin, catalogue_office, maintenance
from outreach.server.db import DEFAULT_DB_URL, ServerDb, open_db
from outreach.server.logs import setup_logging
from outreach.server.retention import prune_received_changes
from outreach.timeutil import now_local
from outreach.vocabulary import RevokeReason
from outreach.wire.enrolment_link import enrolment_link

log = logging.getLogger("outreach.server.cli")
DEFAULT_PORT = 8765


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
    sub.add_parser("prune", help="forget the ids of applied changes no laptop can send again (older than 30 days, laptop synced since)")

    serve = sub.add_parser("serve", help="run the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument("--tls-cert", type=Path, help="certificate chain (PEM); with --tls-key serves HTTPS")
    serve.add_argument("--tls-key", type=Path)
    serve.add_argument("--demo", action="store_true",
                       help="a local demo server (127.0.0.1 only): every device writes as the office (one synthetic ward)")
    return parser


def _serve(args: argparse.Namespace, db: ServerDb) -> int:
    import uvicorn

    from outreach.server.api import create_app

    if bool(args.tls_cert) != bool(args.tls_key):
        print("--tls-cert and --tls-key go together", file=sys.stderr)
        return 1
    if args.demo and args.host not in ("127.0.0.1", "localhost", "::1"):
        print("--demo serves this computer only (--host 127.0.0.1)", file=sys.stderr)
        return 1
    app = create_app(db, demo=args.demo)
    pruned = prune_received_changes(db)
    log.info(
        "serving", extra={"event": "serve", "host": args.host, "port": args.port, "tls": bool(args.tls_cert), "pruned_change_ids": pruned}
    )
    uvicorn.run(app, host=args.host, port=args.port, access_log=False, log_level="warning",
                ssl_certfile=str(args.tls_cert) if args.tls_cert else None, ssl_keyfile=str(args.tls_key) if args.tls_key else None)
    return 0


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


def run(args: argparse.Namespace) -> int:
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
        elif args.command == "prune":
            print(f"{prune_received_changes(db)} change ids forgotten")
        elif args.command == "catalogue":
            return _catalogue(args, db)
        elif args.command == "serve":
            return _serve(args, db)
        return 0
    finally:
        db.dispose()


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


def _catalogue(args: argparse.Namespace, db: ServerDb) -> int:
    """``catalogue [add|edit|retire|import|list]``: the office's changes, each one laptops pull."""
    import datetime as dt

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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging(args.log_file)
    try:
        return run(args)
    except catalogue_office.CatalogueRefused as exc:
        print("nothing written; refused:", file=sys.stderr)
        for row in exc.rows:
            print(f"  {row.row} {row.code}: {row.reason}".replace("   ", " "), file=sys.stderr)
        return 1
    except (admin.AdminError, maintenance.SchemaTooNew) as exc:
        print(str(exc), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
