"""Sync sub-commands: ``enroll``, ``sync``, ``sync-status``, ``needs-attention``, ``lost-values``,
``export-unsent``, ``wipe`` and ``demo`` (a local server + demo ward + this profile enrolled).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

from outreach.commands.common import language, open_demo_store, open_profile_store, say, terminal_safe
from outreach.errors import OutreachError
from outreach.store.profile import Profile, data_dir_of
from outreach.sync.engine import SyncReport

#: The demo server lives in this sub-folder of the demo profile.
DEMO_SERVER_FOLDER = "demo-server"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    enroll = sub.add_parser("enroll", help="enrol this computer with the ward server (one-time code)")
    enroll.add_argument("--server", required=True, help="server address, e.g. https://outreach.phuong.gov.vn")
    enroll.add_argument("--code", required=True, help="the one-time enrolment code shown by the office")
    enroll.add_argument("--ca-bundle", help="the ward's own CA certificate (PEM), if it uses one")
    enroll.add_argument("--insecure", action="store_true",
                        help="allow a plain http:// server on another computer (unencrypted; said on every start)")
    enroll.set_defaults(handler=enroll_command)

    sync = sub.add_parser("sync", help="send unsent changes and receive the ward's (push + pull)")
    sync.add_argument("--verify", action="store_true", help="always compare with the server's ward digest")
    sync.add_argument("--restamp", action="store_true", help="after fixing a wrong clock: re-stamp unsent changes first")
    sync.add_argument("--json", action="store_true", help="print the summary as JSON")
    sync.set_defaults(handler=sync_command)

    status = sub.add_parser("sync-status", help="last sync, unsent changes, needs attention")
    status.set_defaults(handler=status_command)

    attention = sub.add_parser("needs-attention", help="changes the server rejected")
    attention.add_argument("--discard", type=int, metavar="ID", help="drop one (the server's values come back)")
    attention.set_defaults(handler=attention_command)

    lost = sub.add_parser("lost-values", help="leader: values that lost a concurrent edit")
    lost.add_argument("--restore", type=int, metavar="ID", help="write this losing value back")
    lost.set_defaults(handler=lost_values_command)

    export = sub.add_parser("export-unsent", help="write unsent changes to an encrypted file for hand-over")
    export.add_argument("file", type=Path)
    export.add_argument("--passphrase-file", type=Path, help="read the passphrase from this file instead of asking")
    export.set_defaults(handler=export_command)

    read = sub.add_parser("read-unsent", help="office: decrypt a hand-over file written by export-unsent")
    read.add_argument("file", type=Path)
    read.add_argument("--passphrase-file", type=Path, help="read the passphrase from this file instead of asking")
    read.add_argument("--output", type=Path, help="write the decrypted JSON here (readable by you alone), not to the screen")
    read.set_defaults(handler=read_unsent_command)

    wipe = sub.add_parser("wipe", help="delete this profile's local data and keys (after revocation)")
    wipe.add_argument("--yes", action="store_true", help="confirm")
    wipe.add_argument("--force", action="store_true", help="even if there are unsent changes")
    wipe.set_defaults(handler=wipe_command)

    demo = sub.add_parser("demo", help="start a local demo server, enrol this profile, fill demo data, open the app")
    demo.add_argument("--households", type=int, default=300)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    demo.add_argument("--headless", action="store_true",
                      help="do not open the window (also chosen by itself where no window can open)")
    demo.add_argument("--stop", action="store_true", help="stop this profile's demo server and exit")
    demo.set_defaults(handler=demo_command)


def print_report(report: SyncReport, as_json: bool = False) -> None:
    if as_json:
        from dataclasses import asdict

        print(json.dumps(asdict(report), ensure_ascii=False))
        return
    print(
        say(
            f"Đã gửi {report.pushed}, đã nhận {report.pulled}, bị từ chối {report.rejected}, "
            f"{report.requests} yêu cầu, {report.duration_s:.2f} giây.",
            f"Pushed {report.pushed}, pulled {report.pulled}, rejected {report.rejected}, "
            f"{report.requests} requests, {report.duration_s:.2f} s.",
        )
    )
    if report.rejected:
        print(say("Có thay đổi cần xem lại: outreach needs-attention", "Some changes need attention: outreach needs-attention"))
    if report.flagged_visits:
        print(
            say(
                f"{report.flagged_visits} lần thăm được trưởng nhóm yêu cầu sửa.",
                f"{report.flagged_visits} visits were flagged for correction by your leader.",
            )
        )
    if report.verified is False:
        print(
            say(
                "Cảnh báo: dữ liệu chưa khớp hoàn toàn với máy chủ; lần đồng bộ sau sẽ kiểm tra lại.",
                "Warning: data does not fully match the server yet; the next sync checks again.",
            ),
            file=sys.stderr,
        )


def enroll_command(args: argparse.Namespace) -> int:
    from outreach.labels import label
    from outreach.sync.client import enroll
    from outreach.vocabulary import Role

    store = open_profile_store(args)
    try:
        result = enroll(store, args.server, args.code, ca_bundle=args.ca_bundle, insecure=args.insecure)
    finally:
        store.close()
    role = label(Role(result.role), language())
    print(say(f"Đã đăng ký máy này (vai trò: {role}). Chạy 'outreach sync' để nhận dữ liệu của phường.",
              f"This computer is enrolled (role: {role}). Run 'outreach sync' to receive the ward's data."))
    return 0


def sync_command(args: argparse.Namespace) -> int:
    from outreach.services.device import restamp_outbox
    from outreach.sync.client import run_sync

    store = open_profile_store(args, create=False)
    try:
        if args.restamp:
            count = restamp_outbox(store)
            print(say(f"Đã đóng dấu thời gian lại {count} thay đổi chưa gửi.", f"Re-stamped {count} unsent changes."))
        report = run_sync(store, verify=True if args.verify else None)
        trust = trust_line(store.profile)
    finally:
        store.close()
    if trust and not args.json:
        print(trust)
    print_report(report, args.json)
    return 0


def trust_line(profile: Profile) -> str | None:
    """Which certificates a sync with ``profile``'s https:// server trusts (None over http)."""
    from outreach.sync.transport import TrustStore

    if not (profile.server_url or "").lower().startswith("https://"):
        return None
    return say(*TrustStore.for_profile(profile.ca_bundle).describe())


def status_command(args: argparse.Namespace) -> int:
    from outreach.services.device import unsent_counts
    from outreach.sync.client import sync_state

    store = open_profile_store(args, create=False)
    try:
        state = sync_state(store)
        unsent, attention = unsent_counts(store)
        profile = store.profile
    finally:
        store.close()
    print(say(f"Máy chủ: {profile.server_url or 'chưa đăng ký'}", f"Server: {profile.server_url or 'not enrolled'}"))
    trust = trust_line(profile)
    if trust:
        print(trust)
    last_ok = state.last_success_at.isoformat(timespec="seconds") if state and state.last_success_at else "-"
    print(say(f"Lần đồng bộ thành công cuối: {last_ok}", f"Last successful sync: {last_ok}"))
    if state and state.last_error_code:
        print(say(f"Lỗi lần trước: {state.last_error_code}", f"Last error: {state.last_error_code}"))
    print(say(f"Chưa gửi: {unsent}; cần xem lại: {attention}", f"Unsent: {unsent}; needs attention: {attention}"))
    return 0


def attention_command(args: argparse.Namespace) -> int:
    from outreach.services.device import discard_attention, needs_attention

    store = open_profile_store(args, create=False, personal=True)
    try:
        if args.discard is not None:
            if not discard_attention(store, args.discard):
                raise OutreachError(f"Không có mục {args.discard}.", f"No item {args.discard}.")
            print(say("Đã bỏ; lần đồng bộ sau sẽ lấy lại dữ liệu của máy chủ.", "Discarded; the next sync restores the server's data."))
            return 0
        items = needs_attention(store)
    finally:
        store.close()
    if not items:
        print(say("Không có thay đổi nào bị từ chối.", "No rejected changes."))
    for item in items:
        print(
            terminal_safe(
                f"{item.id:>4}  {item.rejected_at}  {item.entity:<16} {item.entity_id}  {item.reason_code}  {', '.join(item.fields)}"
            )
        )
    return 0


def lost_values_command(args: argparse.Namespace) -> int:
    from outreach.sync.client import transport_for
    from outreach.sync.lost_values import fetch_lost_values, restore_lost_value

    store = open_profile_store(args, create=False, personal=True)
    transport = transport_for(store)
    try:
        items = fetch_lost_values(transport)
        if args.restore is not None:
            chosen = [i for i in items if i.id == args.restore]
            if not chosen or not restore_lost_value(store, transport, chosen[0]):
                raise OutreachError(f"Không khôi phục được mục {args.restore}.", f"Could not restore item {args.restore}.")
            print(say("Đã khôi phục; giá trị sẽ được gửi ở lần đồng bộ sau.", "Restored; it is sent with the next sync."))
            return 0
    finally:
        transport.close()
        store.close()
    if not items:
        print(say("Không có giá trị nào bị ghi đè.", "No overwritten values."))
    for i in items:
        print(terminal_safe(f"{i.id:>4}  {i.recorded_at}  {i.entity}.{i.field}  {i.entity_id}: "
                            f"{json.dumps(i.value, ensure_ascii=False)} → {json.dumps(i.winning_value, ensure_ascii=False)}"))
    return 0


def export_command(args: argparse.Namespace) -> int:
    from outreach.services.device import export_unsent

    store = open_profile_store(args, create=False, personal=True)
    try:
        # hand-over after revocation is allowed for any role; export_unsent audits it first
        count = export_unsent(store, args.file, passphrase(args, confirm=True))
    finally:
        store.close()
    print(say(f"Đã ghi {count} thay đổi vào {args.file} (đã mã hoá; hãy báo mật khẩu cho văn phòng phường riêng).",
              f"Wrote {count} changes to {args.file} (encrypted; tell the ward office the passphrase separately)."))
    return 0


def passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    """The hand-over passphrase: the first line of ``--passphrase-file``, else typed (twice when
    it seals a file: a typo would lock the office out of the data)."""
    import getpass

    if args.passphrase_file is not None:
        try:
            text = args.passphrase_file.read_text(encoding="utf-8")
        except OSError as exc:
            raise OutreachError(f"Không đọc được {args.passphrase_file}: {exc.strerror}.",
                                f"Cannot read {args.passphrase_file}: {exc.strerror}.") from None
        return (text.splitlines() or [""])[0]
    typed = getpass.getpass(say("Mật khẩu bàn giao: ", "Hand-over passphrase: "))
    if confirm and getpass.getpass(say("Nhập lại mật khẩu: ", "Repeat the passphrase: ")) != typed:
        raise OutreachError("Hai lần nhập mật khẩu không khớp.", "The two passphrases differ.")
    return typed


def read_unsent_command(args: argparse.Namespace) -> int:
    from outreach.services.handover import read_handover, write_private

    data = read_handover(args.file, passphrase(args))
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if args.output is None:
        print(terminal_safe(text, keep_newlines=True))
        return 0
    write_private(args.output, text.encode("utf-8"))
    count = len(data.get("unsent", [])) + len(data.get("rejected", []))
    print(say(f"Đã giải mã {count} thay đổi vào {args.output}.", f"Decrypted {count} changes into {args.output}."))
    return 0


def wipe_command(args: argparse.Namespace) -> int:
    from outreach.services.device import unsent_counts, wipe_profile

    if not args.yes:
        raise OutreachError("Thêm --yes để xác nhận xoá dữ liệu trên máy này.", "Add --yes to confirm wiping this computer's data.")
    store = open_profile_store(args, create=False)
    unsent, attention = unsent_counts(store)
    if (unsent or attention) and not args.force:
        store.close()
        raise OutreachError(
            f"Còn {unsent + attention} thay đổi chưa gửi: xuất bằng 'outreach export-unsent FILE' trước, hoặc thêm --force.",
            f"{unsent + attention} changes are unsent: export them with 'outreach export-unsent FILE' first, or add --force.",
        )
    wipe_profile(store)
    print(say("Đã xoá dữ liệu và khoá của hồ sơ này.", "This profile's data and keys are wiped."))
    return 0


def demo_command(args: argparse.Namespace) -> int:
    data_dir = data_dir_of(args)
    if args.stop:
        return stop_demo(data_dir)
    return run_demo(args, data_dir)


def _require_server_package() -> None:
    if getattr(sys, "frozen", False) or importlib.util.find_spec("uvicorn") is None:
        # The desktop bundle leaves the server out (build.spec); so does an install without [server].
        raise OutreachError(
            "Bản demo cần máy chủ Outreach, không có trong bản cài đặt này. "
            "Dùng 'outreach demo-data --households 300' để có dữ liệu demo không cần máy chủ.",
            "The demo needs the Outreach server, which is not part of this installation. "
            "Use 'outreach demo-data --households 300' for demo data without a server.",
        )


def stop_demo(data_dir: Path) -> int:
    _require_server_package()
    from outreach.server.demo import stop_demo_server

    pid = stop_demo_server(data_dir / DEMO_SERVER_FOLDER)
    if pid is None:
        print(say("Không có máy chủ demo nào đang chạy cho hồ sơ này.", "No demo server is running for this profile."))
    else:
        print(say(f"Đã dừng máy chủ demo (pid {pid}).", f"The demo server (pid {pid}) is stopped."))
    return 0


def run_demo(args: argparse.Namespace, data_dir: Path) -> int:
    """The newcomer's path: local server + demo ward + this profile enrolled + demo data + app.

    It works on any box: without a keyring the demo profile is unencrypted (synthetic data only,
    said on every start) and keeps its token beside its database; without a usable display it
    stays headless and says how to open the window. The server's address and pid are printed as
    soon as it runs, so a demo that fails later still says what it left running."""
    _require_server_package()
    from sqlalchemy import func, select

    from outreach.model import Household, TeamMember, Ward
    from outreach.server.demo import DemoWard, start_demo_server
    from outreach.services import demo_data
    from outreach.sync.client import enroll, run_sync

    store = open_demo_store(args, args.households)
    try:
        demo = start_demo_server(data_dir / DEMO_SERVER_FOLDER, args.port, DemoWard(*demo_data.demo_ward_identity()),
                                 enrolled_url=store.profile.server_url, ward_id=store.profile.ward_id,
                                 team_id=store.profile.team_id, has_member=bool(store.profile.member_id),
                                 entry="outreach.console.cli")
        server = demo.server
        if server.reused:
            print(say(f"Dùng lại máy chủ demo đang chạy: {server.url} (pid {server.pid})",
                      f"Reusing the running demo server: {server.url} (pid {server.pid})"), flush=True)
        else:
            print(say(f"Máy chủ demo: {server.url} (pid {server.pid}); dừng bằng 'outreach --data-dir {data_dir} demo --stop'",
                      f"Demo server: {server.url} (pid {server.pid}); stop it with 'outreach --data-dir {data_dir} demo --stop'"),
                  flush=True)
        if demo.console_login is not None:
            login, password = demo.console_login
            print(say(f"Trang quản trị văn phòng: {server.url}/console/ (đăng nhập: {login} / {password})",
                      f"Office console: {server.url}/console/ (sign in: {login} / {password})"), flush=True)
        if demo.enrolment_code is not None:
            enroll(store, server.url, demo.enrolment_code)
        run_sync(store)
        with store.read() as session:
            households = session.scalar(select(func.count()).select_from(Household)) or 0
            ward = session.get(Ward, store.profile.ward_id)
            member = session.get(TeamMember, store.profile.member_id) if store.profile.member_id else None
        if households == 0:
            print(say(f"Đang tạo {args.households} hộ demo…", f"Generating {args.households} demo households…"), flush=True)
            identity = (member.id, member.full_name, member.role) if member is not None else None
            demo_data.generate(
                store, args.households, seed=args.seed, ward_id=store.profile.ward_id, team_id=store.profile.team_id, member=identity
            )
        report = run_sync(store)
        print_report(report)
        ward_name = ward.name if ward is not None else ""
    finally:
        store.close()
    if not args.headless:
        from outreach.ui.app import run
        from outreach.ui.display import NoDisplay

        try:
            return int(run(args))
        except NoDisplay as exc:
            print(exc.message(language()), file=sys.stderr)
    print(say(f"Hồ sơ demo sẵn sàng: {ward_name}, dữ liệu tại {data_dir}. Máy chủ chạy nền tại {server.url} (pid {server.pid}).\n"
              f"Mở cửa sổ (trên máy có màn hình): outreach --data-dir {data_dir}",
              f"Demo profile ready: {ward_name}, data in {data_dir}. Server running in the background at {server.url} (pid {server.pid}).\n"
              f"Open the window (on a machine with a display): outreach --data-dir {data_dir}"))
    return 0
