"""The `contact-hub` command line."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from channels.local_mailbox import LocalMailbox
from channels.phone import normalise_phone
from contact_hub import local_secrets, logconfig, tryout
from contact_hub.bootstrap import build, build_ews, build_graph, build_privacy, build_reports
from contact_hub.clock import system_clock
from contact_hub.domain.access.roles import ROLES
from contact_hub.domain.errors import DomainError
from contact_hub.launcher import serve
from contact_hub.queueing import ALL_QUEUES, WORKER_ORDER
from contact_hub.services.access.staff_users import StaffUsers
from contact_hub.services.access.tokens import TokenService
from contact_hub.services.contacts import queries
from contact_hub.services.email.check import check_ews_mailbox, check_mailbox
from contact_hub.services.escalation.oncall import OnCall, report_gaps
from contact_hub.services.homes.console import run_homes_import
from contact_hub.services.privacy import Privacy
from contact_hub.services.reports.text import report_csv, report_json
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.settings import Settings, SettingsError
from contact_hub.storage.db import make_engine, make_session_factory, upgrade
from contact_hub.supervisor import Supervisor
from contact_hub.worker import run_worker


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except SettingsError as error:
        print(f"contact-hub: configuration error: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="contact-hub", description="Contact Hub: multi-channel contact centre service"
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="run web, worker and scheduler together")
    serve.add_argument("--port", type=int, default=None, help="default: $PORT or 5000")
    serve.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    serve.set_defaults(handler=_serve)

    worker = commands.add_parser("worker", help="run an RQ worker (critical, default, low)")
    worker.add_argument("--burst", action="store_true", help="exit when the queues are empty")
    worker.add_argument("--queues", type=_queue_list, default=WORKER_ORDER,
                        help="comma-separated, in priority order (default: %(default)s)")
    worker.set_defaults(handler=_worker)

    commands.add_parser(
        "supervise", help="run the workers (main queues and Slack's) and restart any that dies"
    ).set_defaults(handler=_supervise)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(required=True, metavar="ACTION")
    db_commands.add_parser("upgrade", help="apply migrations").set_defaults(handler=_db_upgrade)

    tokens = commands.add_parser("tokens", help="API tokens")
    token_commands = tokens.add_subparsers(required=True, metavar="ACTION")
    create = token_commands.add_parser("create", help="create a token (printed last)")
    create.add_argument("--role", required=True, choices=ROLES,
                        help="agent; manager (also sees on-call mobiles); admin (everything)")
    create.add_argument("--name", default=None, help="who holds it (shown in audit trails)")
    create.add_argument("--expires-in-days", type=int, default=None, metavar="N",
                        help="stop working after N days (default: until revoked)")
    create.set_defaults(handler=_tokens_create)
    token_commands.add_parser(
        "list", help="every token, without its secret"
    ).set_defaults(handler=_tokens_list)
    revoke = token_commands.add_parser("revoke", help="revoke a token at once")
    revoke.add_argument("id", type=int, help="the token's id (from `tokens list`)")
    revoke.set_defaults(handler=_tokens_revoke)

    users = commands.add_parser("users", help="people who sign in to the workspace pages")
    user_commands = users.add_subparsers(required=True, metavar="ACTION")
    add_user = user_commands.add_parser("create", help="create a person (asks for a password)")
    add_user.add_argument("--email", required=True)
    add_user.add_argument("--name", required=True)
    add_user.add_argument("--role", required=True, choices=ROLES)
    add_user.add_argument("--password-stdin", action="store_true",
                          help="read the password from the first line of stdin")
    add_user.set_defaults(handler=_users_create)

    trying = commands.add_parser(
        "try", help="be a resident: send the running service a signed webhook (email: a "
                    "message in its local mailbox) and see the reply"
    )
    trying.add_argument("channel", choices=("sms", "whatsapp", "call", "messenger", "email"))
    trying.add_argument("text", help="what the resident writes (or says, on a call)")
    trying.add_argument("--from", dest="sender", default="+447700900123",
                        help="the resident's number, Messenger id or email address "
                             "(default: an Ofcom drama number, +447700900123; for email, "
                             "resident@example.com)")
    trying.add_argument("--url", default=None,
                        help="the service (default: PUBLIC_BASE_URL, else http://127.0.0.1:PORT)")
    trying.add_argument("--press", default=None, choices=tuple("0123456789"),
                        help="on a call: press this key at the menu instead of speaking")
    trying.add_argument("--wait", type=float, default=15.0,
                        help="seconds to wait for the replies (default 15)")
    trying.set_defaults(handler=_try)

    imports = commands.add_parser("import", help="load data from other systems")
    import_commands = imports.add_subparsers(required=True, metavar="WHAT")
    homes = import_commands.add_parser(
        "homes", help="properties, tenancies and household members from a CSV file "
                      "(see docs/homes.md)")
    homes.add_argument("file", type=Path, help="CSV, one row per household member")
    homes.add_argument("--dry-run", action="store_true",
                       help="check and count, but write nothing")
    homes.set_defaults(handler=_import_homes)

    classify = commands.add_parser("classify", help="classify JSON lines from stdin")
    classify.set_defaults(handler=_classify)

    commands.add_parser("sweep", help="re-enqueue stalled work once").set_defaults(handler=_sweep)

    oncall = commands.add_parser("oncall", help="the on-call rota")
    oncall_commands = oncall.add_subparsers(required=True, metavar="ACTION")
    check = oncall_commands.add_parser("check", help="list gaps in the next days (exit 1 if any)")
    check.add_argument("--days", type=int, default=14)
    check.set_defaults(handler=_oncall_check)

    email = commands.add_parser("email", help="email over Microsoft Graph or Exchange (EWS)")
    email_commands = email.add_subparsers(required=True, metavar="ACTION")
    email_commands.add_parser(
        "check", help="check the GRAPH_* or EWS_* settings: sign-in and mailbox (exit 1 on "
        "failure)"
    ).set_defaults(handler=_email_check)
    _privacy_commands(commands)
    report = commands.add_parser("report", help="reports for the board and the public")
    report_commands = report.add_subparsers(required=True, metavar="WHICH")
    annual = report_commands.add_parser(
        "annual", help="the annual complaints performance and service improvement report "
        "with the self-assessment (format from --out: .pdf, .csv or .json)")
    annual.add_argument("--year", type=int, required=True,
                        help="the reporting year starting 1 April (2026 = 2026/27)")
    annual.add_argument("--out", type=Path, required=True, metavar="FILE")
    annual.set_defaults(handler=_report_annual)
    rebuild = report_commands.add_parser(
        "rebuild-facts", help="rewrite every complaint's report facts from its case "
        "(after an upgrade or a restore; safe to run again)")
    rebuild.set_defaults(handler=_report_rebuild_facts)
    return parser


def _privacy_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    privacy = commands.add_parser("privacy", help="retention, subject access, erasure, holds")
    actions = privacy.add_subparsers(required=True, metavar="ACTION")
    retention = actions.add_parser("retention", help="anonymise what the retention rules say "
                                   "has expired (see docs/privacy.md)")
    retention.add_argument("--dry-run", action="store_true",
                           help="print what would go and why; change nothing")
    retention.set_defaults(handler=_privacy_retention)
    export = actions.add_parser("export", help="subject access bundle: data.json and "
                                "summary.pdf")
    export.add_argument("--customer", type=int, required=True, metavar="ID")
    export.add_argument("--out", type=Path, default=Path("."), metavar="DIR")
    export.set_defaults(handler=_privacy_export)
    erase = actions.add_parser("erase", help="anonymise a person where the law allows")
    erase.add_argument("--customer", type=int, required=True, metavar="ID")
    erase.add_argument("--reason", default="", help="e.g. the request's reference")
    erase.set_defaults(handler=_privacy_erase)
    hold = actions.add_parser("hold", help="keep everything about a person (legal hold)")
    hold.add_argument("--customer", type=int, required=True, metavar="ID")
    hold.add_argument("--reason", required=True)
    hold.set_defaults(handler=_privacy_hold)
    release = actions.add_parser("release", help="end a legal hold")
    release.add_argument("--hold", type=int, required=True, metavar="HOLD_ID")
    release.set_defaults(handler=_privacy_release)


def _settings() -> Settings:
    settings = Settings.from_env()
    logconfig.configure(settings.log_level)
    return settings


def _db_upgrade(_args: argparse.Namespace) -> int:
    settings = _settings()
    upgrade(settings.effective_database_url)
    print("database is up to date")
    return 0


def _token_service() -> tuple[TokenService, Engine]:
    settings = _settings()
    if settings.database_url is None:
        upgrade(settings.effective_database_url)  # embedded SQLite: make sure it exists
    engine = make_engine(settings.effective_database_url)
    return TokenService(UnitsOfWork(make_session_factory(engine)), system_clock), engine


def _tokens_create(args: argparse.Namespace) -> int:
    tokens, engine = _token_service()
    try:
        token, info = tokens.issue(args.role, args.name, args.expires_in_days)
    except DomainError as error:
        print(f"contact-hub: {error}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    until = f", expires {info.expires_at:%Y-%m-%d %H:%M} UTC" if info.expires_at else ""
    print(f"Created {args.role} token {info.id}{until}. It is shown only once:",
          file=sys.stderr)
    print(token)
    return 0


def _users_create(args: argparse.Namespace) -> int:
    settings = _settings()
    if settings.database_url is None:
        upgrade(settings.effective_database_url)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password (at least 12 characters): ")
        if getpass.getpass("The same password again: ") != password:
            print("contact-hub: the passwords did not match; nobody was created", file=sys.stderr)
            return 1
    engine = make_engine(settings.effective_database_url)
    try:
        staff = StaffUsers(UnitsOfWork(make_session_factory(engine)), system_clock)
        member = staff.create(args.email, args.name, args.role, password)
    except DomainError as error:
        print(f"contact-hub: {error}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"Created {member.name} <{member.email}> as {member.role}; they can sign in at /login")
    return 0


def _try(args: argparse.Namespace) -> int:
    settings = _settings()
    base_url = (args.url or settings.public_base_url or f"http://127.0.0.1:{settings.port}")
    local = local_secrets.load(settings.home) or {}
    try:
        if args.channel == "email":
            exchange = tryout.EmailResident(_local_mailbox(settings), _email_sender(args.sender)) \
                .send(args.text)
        elif args.channel == "messenger":
            secret = settings.meta_app_secret or local.get("meta_app_secret")
            sender = args.sender if args.sender.isdigit() else "7" + "0" * 15
            exchange = tryout.MetaResident(base_url, _needed(secret, "META_APP_SECRET", settings),
                                           sender).message(args.text)
        else:
            token = settings.twilio_auth_token or local.get("twilio_auth_token")
            sender = normalise_phone(args.sender).e164 or args.sender  # as Twilio sends it
            resident = tryout.TwilioResident(
                base_url, _needed(token, "TWILIO_AUTH_TOKEN", settings), sender)
            exchange = (resident.call(args.text, args.press) if args.channel == "call"
                        else resident.text(args.text, whatsapp=args.channel == "whatsapp"))
    except tryout.TryError as error:
        print(f"contact-hub try: {error}", file=sys.stderr)
        return 1
    engine = make_engine(settings.effective_database_url)
    contacts = queries.ContactQueries(make_session_factory(engine))

    def read() -> queries.ContactRecord | None:
        return contacts.contact_for_provider_ids(exchange.channel, exchange.provider_ids)

    detail = tryout.wait_for(read, args.wait)
    engine.dispose()
    print("\n".join(tryout.report(exchange, detail, base_url)))
    return 0


def _local_mailbox(settings: Settings) -> LocalMailbox:
    if not settings.local_mailbox_enabled:
        raise tryout.TryError(
            "email here comes from the configured mailbox (EMAIL_BACKEND and its settings, "
            "or production): send a real email to it instead")
    return LocalMailbox(settings.local_mailbox_directory)


def _email_sender(sender: str) -> str:
    """The resident's address (`--from`); a phone number (the default) is not one."""
    return sender if "@" in sender else "resident@example.com"


def _needed(secret: str | None, name: str, settings: Settings) -> str:
    if not secret:
        raise tryout.TryError(
            f"{name} is not set here and `contact-hub serve` has made no local secrets in "
            f"{local_secrets.path_for(settings.home)}: start `contact-hub serve` first (with "
            f"the same CONTACT_HUB_HOME), or set {name} to the service's value"
        )
    return secret


def _tokens_list(_args: argparse.Namespace) -> int:
    tokens, engine = _token_service()
    try:
        listed = tokens.list()
    finally:
        engine.dispose()
    print(f"{'id':>5}  {'role':<8} {'state':<8} {'created (UTC)':<16}  {'expires (UTC)':<16}  name")
    for info in listed:
        expires = f"{info.expires_at:%Y-%m-%d %H:%M}" if info.expires_at else "never"
        print(f"{info.id:>5}  {info.role:<8} {info.state:<8} {info.created_at:%Y-%m-%d %H:%M}  "
              f"{expires:<16}  {info.name or ''}")
    return 0


def _tokens_revoke(args: argparse.Namespace) -> int:
    tokens, engine = _token_service()
    try:
        info = tokens.revoke(args.id)
    except DomainError as error:
        print(f"contact-hub: {error}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"token {info.id} ({info.role}, {info.name or 'unnamed'}) is revoked")
    return 0


def _import_homes(args: argparse.Namespace) -> int:
    settings = _settings()
    if settings.database_url is None:
        upgrade(settings.effective_database_url)  # embedded SQLite: make sure it exists
    engine = make_engine(settings.effective_database_url)
    try:
        return run_homes_import(UnitsOfWork(make_session_factory(engine)), args.file,
                                args.dry_run)
    finally:
        engine.dispose()


def _classify(_args: argparse.Namespace) -> int:
    from routing import jsonl  # here: the commands that never route start without the rules

    return jsonl.main()


def _worker(args: argparse.Namespace) -> int:
    settings = _settings()
    if not settings.redis_url:
        raise SettingsError("REDIS_URL: required for `contact-hub worker` (serve embeds one)")
    return 0 if run_worker(build(settings), burst=args.burst, queues=args.queues) else 1


def _supervise(_args: argparse.Namespace) -> int:
    settings = _settings()
    if not settings.redis_url:
        raise SettingsError("REDIS_URL: required for `contact-hub supervise` (serve embeds one)")
    return Supervisor().run()


def _queue_list(value: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in value.split(",") if name.strip())
    unknown = [name for name in names if name not in ALL_QUEUES]
    if not names or unknown:
        raise argparse.ArgumentTypeError(f"queues are {', '.join(ALL_QUEUES)}")
    return names


def _oncall_check(args: argparse.Namespace) -> int:
    settings = _settings()
    oncall = OnCall(settings.oncall_rota_file, settings.oncall_fallback_number, system_clock)
    return report_gaps(oncall, timedelta(days=args.days), sys.stdout)


def _email_check(_args: argparse.Namespace) -> int:
    settings = _settings()
    graph, ews = build_graph(settings), build_ews(settings)
    if graph is not None:
        results = check_mailbox(graph, system_clock())
    elif ews is not None:
        results = check_ews_mailbox(ews)
    else:
        print("email is off: no GRAPH_* settings, and EMAIL_BACKEND is not ews")
        return 1
    for step, passed, detail in results:
        print(f"{step}: {'ok' if passed else 'FAILED'} - {detail}")
    return 0 if all(passed for _, passed, _ in results) else 1


def _sweep(_args: argparse.Namespace) -> int:
    report = build(_settings()).sweeper.sweep()
    print(report)
    return 0


def _privacy(args: argparse.Namespace, use: Callable[[Privacy, str], int]) -> int:
    """Run one privacy use case as `cli (user)`; a refusal is printed, exit status 1."""
    settings = _settings()
    if settings.database_url is None:
        upgrade(settings.effective_database_url)  # embedded SQLite: make sure it exists
    engine = make_engine(settings.effective_database_url)
    # No Redis here: retention runs only when asked, and privacy enqueues nothing.
    privacy = build_privacy(settings, UnitsOfWork(make_session_factory(engine)), None,
                            system_clock)
    try:
        return use(privacy, f"cli ({getpass.getuser()})")
    except DomainError as error:
        print(f"contact-hub: {error}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()


def _privacy_retention(args: argparse.Namespace) -> int:
    def use(privacy: Privacy, _actor: str) -> int:
        plan = privacy.retention.plan() if args.dry_run else privacy.retention.run()
        for line in plan.lines():
            print(line)
        verb = "would anonymise" if args.dry_run else "anonymised"
        print(f"{verb}: {json.dumps(plan.counts())}; held back: {len(plan.held)}")
        return 0

    return _privacy(args, use)


def _privacy_export(args: argparse.Namespace) -> int:
    def use(privacy: Privacy, actor: str) -> int:
        folder = privacy.access.export(args.customer, actor).write(args.out)
        print(f"subject access bundle written to {folder}")
        return 0

    return _privacy(args, use)


def _privacy_erase(args: argparse.Namespace) -> int:
    def use(privacy: Privacy, actor: str) -> int:
        report = privacy.erasure.erase(args.customer, actor, args.reason)
        print(json.dumps(report.to_dict(), indent=2))
        return 0

    return _privacy(args, use)


def _privacy_hold(args: argparse.Namespace) -> int:
    def use(privacy: Privacy, actor: str) -> int:
        hold = privacy.holds.place(args.customer, args.reason, actor)
        print(f"legal hold {hold.id} set on customer {hold.customer_id}")
        return 0

    return _privacy(args, use)


def _privacy_release(args: argparse.Namespace) -> int:
    def use(privacy: Privacy, actor: str) -> int:
        hold = privacy.holds.release(args.hold, actor)
        print(f"legal hold {hold.id} released")
        return 0

    return _privacy(args, use)


def _report_annual(args: argparse.Namespace) -> int:
    """Write the year's report to --out in the format its suffix names."""
    from contact_hub.services.reports.pdf import render_pdf  # fpdf2 loads only to print one

    renderers: dict[str, Callable[[dict[str, Any]], str | bytes]] = {
        ".pdf": render_pdf, ".csv": report_csv, ".json": report_json}
    render = renderers.get(args.out.suffix.lower())
    if render is None:
        print(f"contact-hub: --out must end in {', '.join(renderers)}", file=sys.stderr)
        return 2
    settings = _settings()
    if settings.database_url is None:
        upgrade(settings.effective_database_url)  # embedded SQLite: make sure it exists
    engine = make_engine(settings.effective_database_url)
    try:
        report = build_reports(
            settings, UnitsOfWork(make_session_factory(engine)), system_clock).annual(args.year)
    except DomainError as error:
        print(f"contact-hub: {error}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    body = render(report)
    args.out.write_bytes(body if isinstance(body, bytes) else body.encode())
    print(f"annual report {args.year}/{(args.year + 1) % 100:02d} written to {args.out}")
    return 0


def _report_rebuild_facts(args: argparse.Namespace) -> int:
    """Rewrite the report facts of every complaint from its stored case."""
    settings = _settings()
    if settings.database_url is None:
        upgrade(settings.effective_database_url)
    engine = make_engine(settings.effective_database_url)
    try:
        checked, changed = build_reports(
            settings, UnitsOfWork(make_session_factory(engine)), system_clock).rebuild_facts()
    finally:
        engine.dispose()
    print(f"report facts: {checked} complaints checked, {changed} rewritten")
    return 0


def _serve(args: argparse.Namespace) -> int:
    settings = _settings()
    port = args.port if args.port is not None else settings.port
    code = serve(settings, host=args.host, port=port)
    # Everything is stopped by now; the interpreter's own teardown (seconds of garbage
    # collection over the router's tables) would only delay the prompt.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
