"""Report, export and import sub-commands for the ward office's scripts.

    outreach export coverage --period 2026-W47 [--scope ward|group:ID|team:ID|volunteer:ID]
                             [--format xlsx|csv|pdf] -o FILE
    outreach export follow-ups -o FILE.xlsx|.csv [--scope ...] [--protect [--password-file F]]  (leaders; audited)
    outreach export leaflet -o FILE.pdf
    outreach export receipt VISIT_ID -o FILE.pdf
    outreach export route-sheet [--team ID|NAME] [--date dd/mm/yyyy] -o FILE.pdf   (audited)
    outreach export reach-list LIST [--months N] [--team ID|NAME] -o FILE.xlsx|.csv  (leaders; audited)
    outreach import households FILE.xlsx|FILE.csv [--mapping ...] [--group ID|NAME]
                             [--rejected-report FILE] [--include-duplicates] [--dry-run]
    outreach import one-stop FILE.xlsx|FILE.csv --from DATE --to DATE   (leaders: the ward one-stop
                             register of received dossiers, for the contribution figures)

Exit codes: 0 done; 1 a user-facing problem (message on stderr, nothing written or imported).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from outreach.commands.common import open_profile_store, say
from outreach.errors import OutreachError
from outreach.labels import EXPORT_LANGUAGE

if TYPE_CHECKING:
    from outreach.services.context import Actor
    from outreach.store.database import Store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser("export", help="export reports, lists and printed materials")
    esub = export.add_subparsers(dest="export_command", metavar="WHAT", required=True)

    coverage = esub.add_parser("coverage", help="coverage report (aggregates, no personal data)")
    coverage.add_argument("--period", required=True, help="2026-W47 | 2026-11 | 2026-11-01..2026-11-30")
    coverage.add_argument("--scope", default="ward", help="ward | group:ID | team:ID | volunteer:ID (default: ward)")
    coverage.add_argument("--format", choices=("xlsx", "csv", "pdf"), help="default: from the file extension")
    coverage.add_argument("-o", "--output", type=Path, required=True)
    coverage.set_defaults(handler=export_coverage_command)

    follow = esub.add_parser("follow-ups", help="open follow-ups with names and phones (leaders only; audited)")
    follow.add_argument("--scope", default="ward")
    follow.add_argument("-o", "--output", type=Path, required=True, help=".xlsx or .csv")
    follow.add_argument("--protect", action="store_true", help="encrypt the .xlsx with a password (asked twice)")
    follow.add_argument("--password-file", type=Path, help="with --protect: read the password from the first line of this file")
    follow.set_defaults(handler=export_follow_ups_command)

    leaflet = esub.add_parser("leaflet", help="A4 leaflet of essential procedures with QR codes")
    leaflet.add_argument("-o", "--output", type=Path, required=True)
    leaflet.set_defaults(handler=export_leaflet_command)

    receipt = esub.add_parser("receipt", help="visit receipt (A5 PDF) with dossier look-up QR codes")
    receipt.add_argument("visit_id")
    receipt.add_argument("-o", "--output", type=Path, required=True)
    receipt.set_defaults(handler=export_receipt_command)

    route = esub.add_parser("route-sheet", help="the team's day plan as an A4 route sheet (PDF), in walking order")
    route.add_argument("--team", help="team id or name (default: the profile's team, or the first team for a leader)")
    route.add_argument("--date", help="dd/mm/yyyy or yyyy-mm-dd (default: today)")
    route.add_argument("-o", "--output", type=Path, required=True)
    route.set_defaults(handler=export_route_sheet_command)

    reach = esub.add_parser("reach-list", help="a list of the people to reach (leaders only; audited)")
    reach.add_argument("list", choices=[str(code) for code in _reach_lists()])
    reach.add_argument("--months", type=int, help="months ahead (or, for priority households, without a visit)")
    reach.add_argument("--team", help="limit to the team's area (id or name)")
    reach.add_argument("-o", "--output", type=Path, required=True, help=".xlsx or .csv")
    reach.set_defaults(handler=export_reach_list_command)

    imp = sub.add_parser("import", help="import data from spreadsheets")
    isub = imp.add_subparsers(dest="import_command", metavar="WHAT", required=True)
    households = isub.add_parser("households", help="households from a group leader's .xlsx/.csv (see docs/import-format.md)")
    households.add_argument("file", type=Path)
    households.add_argument("--mapping", help='column mapping "Header=field;..." or a .json file {"Header": "field"}')
    households.add_argument("--group", help="residential group (id or name) for rows without one")
    households.add_argument("--sheet", help="worksheet name (default: the first)")
    households.add_argument("--rejected-report", type=Path, help="write rows not imported, with reasons (.xlsx or .csv)")
    households.add_argument("--include-duplicates", action="store_true", help="also import rows at an address that already has a household")
    households.add_argument("--dry-run", action="store_true", help="check and report only; import nothing")
    households.set_defaults(handler=import_households_command)
    one_stop = isub.add_parser("one-stop", help="the ward one-stop system's export of received dossiers for a period (leaders)")
    one_stop.add_argument("file", type=Path)
    one_stop.add_argument("--from", dest="period_from", required=True, help="first day (dd/mm/yyyy or YYYY-MM-DD)")
    one_stop.add_argument("--to", dest="period_to", required=True, help="last day (dd/mm/yyyy or YYYY-MM-DD)")
    one_stop.set_defaults(handler=import_one_stop_command)


def _actor(store: Store) -> Actor:
    from outreach.services.context import Actor

    return Actor.from_profile(store.profile)


def export_coverage_command(args: argparse.Namespace) -> int:
    from outreach.labels import scope_text
    from outreach.reports import format_of, write_coverage
    from outreach.services.coverage import compute_coverage, record_aggregate_export
    from outreach.services.periods import parse_period, parse_scope

    period = parse_period(args.period)
    scope = parse_scope(args.scope)
    fmt = format_of(args.output, args.format)
    store = open_profile_store(args, create=False)
    try:
        actor = _actor(store)
        report = compute_coverage(store, period, scope, ward_id=actor.ward_id)
        write_coverage(report, args.output, fmt, EXPORT_LANGUAGE)
        record_aggregate_export(store, actor, report, str(args.output))
    finally:
        store.close()
    scope_vi, scope_en = (scope_text(report.scope.kind, report.scope_name, lang) for lang in ("vi", "en"))
    reached = f"{report.households_visited}/{report.households_total}"
    print(
        say(
            f"Đã xuất báo cáo {report.period.title()} ({scope_vi}): {reached} hộ, "
            f"{report.visits_total} lần thăm, {report.filings.filings} hồ sơ → {args.output}",
            f"Exported the report for {report.period.title('en')} ({scope_en}): {reached} households, "
            f"{report.visits_total} visits, {report.filings.filings} filings → {args.output}",
        )
    )
    return 0


def export_follow_ups_command(args: argparse.Namespace) -> int:
    from outreach.reports.lists import write_follow_up_list
    from outreach.services.coverage import export_follow_up_contacts
    from outreach.services.periods import parse_scope

    scope = parse_scope(args.scope)
    if args.output.suffix.lower() not in (".xlsx", ".csv"):
        raise OutreachError("Danh sách hẹn chỉ xuất ra .xlsx hoặc .csv.", "The follow-up list exports to .xlsx or .csv only.")
    password = export_password(args) if args.protect else None
    store = open_profile_store(args, create=False, personal=True)
    try:
        rows = export_follow_up_contacts(store, _actor(store), str(args.output), scope, password_protected=password is not None)
        write_follow_up_list(rows, args.output, EXPORT_LANGUAGE, password=password)
    finally:
        store.close()
    protected = say(", có mật khẩu", ", password-protected") if password is not None else ""
    print(
        say(
            f"Đã xuất {len(rows)} hẹn quay lại → {args.output}{protected} (đã ghi nhật ký xuất dữ liệu cá nhân)",
            f"Exported {len(rows)} follow-ups → {args.output}{protected} (recorded in the personal-data audit log)",
        )
    )
    return 0


def export_password(args: argparse.Namespace) -> str:
    """The password of a protected export: the first line of ``--password-file``, else typed twice;
    checked before anything is read or audited."""
    import getpass

    from outreach.reports.lists import check_protectable
    from outreach.reports.xlsx_protect import check_export_password

    check_protectable(args.output)
    if args.password_file is not None:
        try:
            password = (args.password_file.read_text(encoding="utf-8").splitlines() or [""])[0]
        except OSError as exc:
            raise OutreachError(f"Không đọc được {args.password_file}: {exc.strerror}.",
                                f"Cannot read {args.password_file}: {exc.strerror}.") from None
    else:
        password = getpass.getpass(say("Mật khẩu của tệp: ", "The file's password: "))
        if getpass.getpass(say("Nhập lại mật khẩu: ", "Repeat the password: ")) != password:
            raise OutreachError("Hai lần nhập mật khẩu không khớp.", "The two passwords differ.")
    check_export_password(password)
    return password


def export_leaflet_command(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from outreach.model import Team, Ward
    from outreach.reports.leaflet import write_leaflet_pdf
    from outreach.services.procedures import leaflet_procedures

    ward_name = team_phone = ""
    store = open_profile_store(args, create=False)
    try:
        actor = _actor(store)
        procedures = leaflet_procedures(store)
        with store.read() as session:
            if actor.ward_id:
                ward_name = session.scalar(select(Ward.name).where(Ward.id == actor.ward_id)) or ""
            if actor.team_id:
                team_phone = session.scalar(select(Team.contact_phone).where(Team.id == actor.team_id)) or ""
    finally:
        store.close()
    write_leaflet_pdf(args.output, procedures, ward_name=ward_name, team_phone=team_phone)
    print(say(f"Đã tạo tờ rơi ({len(procedures)} thủ tục) → {args.output}",
              f"Leaflet written ({len(procedures)} procedures) → {args.output}"))
    return 0


def export_receipt_command(args: argparse.Namespace) -> int:
    from outreach.reports.receipt import write_receipt_pdf
    from outreach.services.receipts import visit_receipt

    store = open_profile_store(args, create=False, personal=True)
    try:
        receipt = visit_receipt(store, _actor(store), args.visit_id, str(args.output))
    finally:
        store.close()
    write_receipt_pdf(receipt, args.output, language=EXPORT_LANGUAGE)
    print(say(f"Đã tạo phiếu hỗ trợ ({len(receipt.filings)} hồ sơ) → {args.output}",
              f"Receipt written ({len(receipt.filings)} filings) → {args.output}"))
    return 0


def _reach_lists() -> tuple[str, ...]:
    from outreach.vocabulary import ReachList

    return tuple(ReachList)


def _day(text: str | None) -> dt.date | None:
    """A date as the user types it: dd/mm/yyyy (the forms' way) or ISO."""
    if not text:
        return None
    from outreach.errors import OutreachError

    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise OutreachError(f"Ngày “{text}” không đúng dạng ngày/tháng/năm.", f"“{text}” is not a date (dd/mm/yyyy).", code="bad_date")


def _team_id(store: Store, actor: Actor, text: str | None) -> str:
    """The team named by id or name; without one, the profile's team, or a leader's first team."""
    from outreach.errors import NotFound
    from outreach.services.day_plan import team_choices
    from outreach.vietnamese_fold import fold_key

    teams = team_choices(store, actor.ward_id)
    if text:
        for tid, name in teams:
            if text == tid or fold_key(text) == fold_key(name):
                return tid
        raise NotFound(f"Không có đội “{text}”.", f"No team “{text}”.")
    if actor.team_id:
        return actor.team_id
    if actor.is_leader and teams:
        return teams[0][0]
    raise NotFound("Máy này chưa thuộc đội nào: hãy chọn --team.", "This laptop belongs to no team: give --team.")


def export_route_sheet_command(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from outreach.model import Ward
    from outreach.reports.route_sheet import write_route_sheet_pdf
    from outreach.services.day_plan import route_sheet_plan
    from outreach.timeutil import format_date_vn

    day = _day(args.date)
    store = open_profile_store(args, create=False)
    try:
        actor = _actor(store)
        team_id = _team_id(store, actor, args.team)
        plan = route_sheet_plan(store, actor, team_id, day, str(args.output))
        with store.read() as session:
            ward_name = session.scalar(select(Ward.name).where(Ward.id == actor.ward_id)) or "" if actor.ward_id else ""
    finally:
        store.close()
    write_route_sheet_pdf(plan, args.output, ward_name=ward_name)
    when = format_date_vn(plan.day)
    print(say(f"Đã tạo lộ trình {plan.team_name} ngày {when} ({len(plan.lines)} hộ) → {args.output}",
              f"Route sheet of {plan.team_name} for {when} ({len(plan.lines)} households) → {args.output}"))
    return 0


def export_reach_list_command(args: argparse.Namespace) -> int:
    from outreach.labels import label
    from outreach.reports.lists import write_reach_list
    from outreach.services.areas import groups_of_team
    from outreach.services.reach_lists import export_reach_list
    from outreach.timeutil import today_local
    from outreach.vocabulary import ReachList

    if args.output.suffix.lower() not in (".xlsx", ".csv"):
        from outreach.errors import OutreachError

        raise OutreachError("Danh sách chỉ xuất ra .xlsx hoặc .csv.", "A list exports to .xlsx or .csv only.", code="unsupported_format")
    code = ReachList(args.list)
    store = open_profile_store(args, create=False)
    try:
        actor = _actor(store)
        groups = None
        if args.team:
            team_id = _team_id(store, actor, args.team)
            with store.read() as session:
                groups = groups_of_team(session, team_id, today_local(), actor.ward_id)
            if not groups:
                from outreach.errors import NotFound

                raise NotFound("Đội này chưa được giao địa bàn.", "This team has no area yet.")
        rows = export_reach_list(store, actor, code, str(args.output), months=args.months, group_ids=groups)
        write_reach_list(rows, args.output, EXPORT_LANGUAGE)
    finally:
        store.close()
    print(say(f"Đã xuất {len(rows)} dòng “{label(code, 'vi')}” → {args.output} (đã ghi nhật ký xuất dữ liệu cá nhân)",
              f"Exported {len(rows)} rows of “{label(code, 'en')}” → {args.output} (recorded in the personal-data audit log)"))
    return 0


def _group_id(store: Store, text: str | None) -> str | None:
    if not text:
        return None
    from outreach.errors import NotFound
    from outreach.services.households import list_groups
    from outreach.vietnamese_fold import fold_key

    groups = list_groups(store)
    for gid, name in groups:
        if text in (gid, name) or fold_key(text) == fold_key(name):
            return gid
    raise NotFound(f"Không có tổ dân phố “{text}”.", f"There is no residential group “{text}”.")


def import_households_command(args: argparse.Namespace) -> int:
    from outreach.reports.import_report import write_rejected_report
    from outreach.services.household_import import commit_import, preview_import

    store = open_profile_store(args, create=False)
    try:
        actor = _actor(store)
        preview = preview_import(
            store, actor, args.file, mapping_spec=args.mapping, default_group_id=_group_id(store, args.group), sheet=args.sheet
        )
        for notice in preview.notices:
            print(notice, file=sys.stderr)
        print(
            say(
                f"{len(preview.rows)} dòng: {preview.ready} hợp lệ, {preview.errors} có lỗi, {preview.duplicates} trùng địa chỉ.",
                f"{len(preview.rows)} rows: {preview.ready} valid, {preview.errors} with errors, {preview.duplicates} duplicate addresses.",
            )
        )
        if args.rejected_report:
            written = write_rejected_report(preview, args.rejected_report, include_duplicates=args.include_duplicates)
            print(
                say(f"Báo cáo {written} dòng không nhập → {args.rejected_report}", f"{written} rows not imported → {args.rejected_report}")
            )
        for row in preview.rejected(args.include_duplicates)[:20]:
            print(say(f"  dòng {row.row_number}: {row.reason()}", f"  row {row.row_number}: {row.reason('en')}"), file=sys.stderr)
        if args.dry_run:
            return 0 if preview.can_commit else 1
        result = commit_import(store, actor, preview, include_duplicates=args.include_duplicates)
    finally:
        store.close()
    print(
        say(
            f"Đã nhập {result.imported} hộ; bỏ qua {result.skipped_duplicates} hộ trùng địa chỉ.",
            f"Imported {result.imported} households; skipped {result.skipped_duplicates} duplicate addresses.",
        )
    )
    return 0


def import_one_stop_command(args: argparse.Namespace) -> int:
    from outreach.errors import OutreachError
    from outreach.services.one_stop import OneStopRefused, import_one_stop, parse_day

    days = [parse_day(text) for text in (args.period_from, args.period_to)]
    if days[0] is None or days[1] is None:
        raise OutreachError("Ngày của kỳ nhập phải dạng dd/mm/yyyy.", "The period's dates must be dd/mm/yyyy or YYYY-MM-DD.")
    store = open_profile_store(args, create=False)
    try:
        try:
            result = import_one_stop(store, _actor(store), args.file, days[0], days[1])
        except OneStopRefused as exc:
            if not exc.rows:  # the file as a whole (a missing column, a wrong period)
                raise
            print(say(f"Không nhập gì: {len(exc.rows)} dòng không hợp lệ.", f"Nothing imported: {len(exc.rows)} rows are wrong."),
                  file=sys.stderr)
            for row in exc.rows:
                print(say(f"  dòng {row.row}: {row.reason_vi}", f"  row {row.row}: {row.reason_en}"), file=sys.stderr)
            return 1
    finally:
        store.close()
    print(
        say(
            f"Đã nhập {result.rows} hồ sơ ({result.online} trực tuyến) của sổ một cửa "
            f"{result.period_from:%d/%m/%Y} – {result.period_to:%d/%m/%Y}; thay {result.replaced} hồ sơ đã nhập trước.",
            f"Imported {result.rows} dossiers ({result.online} online) of the one-stop register "
            f"{result.period_from:%d/%m/%Y} – {result.period_to:%d/%m/%Y}; replaced {result.replaced} imported before.",
        )
    )
    return 0
