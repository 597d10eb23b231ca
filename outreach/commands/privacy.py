"""Personal-data documents (issue 14).

    outreach export privacy-notice -o FILE.pdf        the one-page notice (also the receipt's page 2)
    outreach access-export --db URL --resident ID --out-dir DIR [--by NAME] [--protect [--password-file F]]
        at the ward office: everything held about one resident, as a PDF for the person and an
        XLSX, read from the office database (the console builds on the same two functions)

Exit codes: 0 done; 1 a user-facing problem (message on stderr, nothing written).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from outreach.commands.common import open_profile_store, say
from outreach.commands.reports import export_password


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    access = sub.add_parser("access-export", help="(office) everything held about one resident: PDF for the person + XLSX; audited")
    access.add_argument("--db", default=os.environ.get("OUTREACH_SERVER_DB", "sqlite:///office.db"),
                        help="the office database URL (default: $OUTREACH_SERVER_DB or sqlite:///office.db)")
    access.add_argument("--resident", required=True, help="the resident's id")
    access.add_argument("--out-dir", type=Path, required=True)
    access.add_argument("--by", default=os.environ.get("USER", "office"), help="who makes the export (audit)")
    access.add_argument("--protect", action="store_true", help="encrypt the .xlsx with a password (asked twice)")
    access.add_argument("--password-file", type=Path, help="with --protect: read the password from the first line of this file")
    access.set_defaults(handler=access_export_command)
    notice = sub.add_parser("privacy-notice", help="the one-page privacy notice (A5 PDF) for residents")
    notice.add_argument("-o", "--output", type=Path, required=True)
    notice.set_defaults(handler=privacy_notice_command)


def access_export_command(args: argparse.Namespace) -> int:
    from outreach.reports.access_export import write_access_pdf, write_access_xlsx

    try:  # the desktop bundle leaves the server out: this runs where the office server is installed
        from outreach.server.access_data import gather, record_access_export
        from outreach.server.admin import AdminError
        from outreach.server.db import open_db
    except ImportError:
        print(say("Lệnh này chạy trên máy chủ của văn phòng phường (cài đặt có outreach-server).",
                  "This command runs on the ward office's server (an installation with outreach-server)."), file=sys.stderr)
        return 1

    stem = f"du-lieu-ca-nhan-{args.resident[-12:]}"
    pdf, xlsx = args.out_dir / f"{stem}.pdf", args.out_dir / f"{stem}.xlsx"
    # the password is asked (and checked) before anything is read or audited
    password = export_password(argparse.Namespace(output=xlsx, password_file=args.password_file)) if args.protect else None
    db = open_db(args.db)
    try:
        try:
            record = gather(db, args.resident)
        except AdminError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        args.out_dir.mkdir(parents=True, exist_ok=True)
        record_access_export(db, record, by=args.by, files=[pdf.name, xlsx.name],  # before writing, like every export
                             password_protected=password is not None)
        write_access_pdf(record, pdf)
        write_access_xlsx(record, xlsx, password=password)
    finally:
        db.dispose()
    protected = say(" (tệp Excel có mật khẩu)", " (the workbook is password-protected)") if password is not None else ""
    print(say(f"Đã xuất dữ liệu của người dân → {pdf}, {xlsx}{protected}", f"Access export written → {pdf}, {xlsx}{protected}"))
    return 0


def privacy_notice_command(args: argparse.Namespace) -> int:
    from outreach.model import Team, Ward
    from outreach.reports.privacy_notice import write_privacy_notice_pdf
    from outreach.services.context import Actor

    ward_name = ward_code = team_name = team_phone = ""
    store = open_profile_store(args, create=False)
    try:
        actor = Actor.from_profile(store.profile)
        with store.read() as session:
            if actor.ward_id:
                ward = session.get(Ward, actor.ward_id)
                ward_name, ward_code = (ward.name, ward.code) if ward else ("", "")
            if actor.team_id:
                team = session.get(Team, actor.team_id)
                team_name, team_phone = (team.name, team.contact_phone or "") if team else ("", "")
    finally:
        store.close()
    write_privacy_notice_pdf(args.output, ward_name, team_name=team_name, team_phone=team_phone, ward_code=ward_code)
    print(say(f"Đã tạo thông báo về dữ liệu cá nhân → {args.output}", f"Privacy notice written → {args.output}"))
    return 0
