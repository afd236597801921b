"""The `contact-hub` command line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import timedelta

from contact_hub import logconfig
from contact_hub.bootstrap import build, build_graph
from contact_hub.clock import system_clock
from contact_hub.launcher import serve
from contact_hub.queueing import ALL_QUEUES
from contact_hub.services.email_check import check_mailbox
from contact_hub.services.oncall import OnCall, report_gaps
from contact_hub.services.tokens import TokenService
from contact_hub.settings import Settings, SettingsError
from contact_hub.storage.db import make_engine, make_session_factory, upgrade
from contact_hub.supervisor import Supervisor
from contact_hub.worker import run_worker
from routing.jsonl import classify_lines


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
    worker.add_argument("--queues", type=_queue_list, default=ALL_QUEUES,
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
    create.add_argument("--role", required=True, choices=("agent", "admin"))
    create.add_argument("--name", default=None)
    create.set_defaults(handler=_tokens_create)

    classify = commands.add_parser("classify", help="classify JSON lines from stdin")
    classify.set_defaults(handler=_classify)

    commands.add_parser("sweep", help="re-enqueue stalled work once").set_defaults(handler=_sweep)

    oncall = commands.add_parser("oncall", help="the on-call rota")
    oncall_commands = oncall.add_subparsers(required=True, metavar="ACTION")
    check = oncall_commands.add_parser("check", help="list gaps in the next days (exit 1 if any)")
    check.add_argument("--days", type=int, default=14)
    check.set_defaults(handler=_oncall_check)

    email = commands.add_parser("email", help="email over Microsoft Graph")
    email_commands = email.add_subparsers(required=True, metavar="ACTION")
    email_commands.add_parser(
        "check", help="check the GRAPH_* settings: token and mailbox (exit 1 on failure)"
    ).set_defaults(handler=_email_check)
    return parser


def _settings() -> Settings:
    settings = Settings.from_env()
    logconfig.configure(settings.log_level)
    return settings


def _db_upgrade(_args: argparse.Namespace) -> int:
    settings = _settings()
    upgrade(settings.effective_database_url)
    print("database is up to date")
    return 0


def _tokens_create(args: argparse.Namespace) -> int:
    settings = _settings()
    if settings.database_url is None:
        upgrade(settings.effective_database_url)  # embedded SQLite: make sure it exists
    engine = make_engine(settings.effective_database_url)
    token = TokenService(make_session_factory(engine), system_clock).create(args.role, args.name)
    engine.dispose()
    print(f"Created a {args.role} token. It is shown only once:", file=sys.stderr)
    print(token)
    return 0


def _classify(_args: argparse.Namespace) -> int:
    for line in classify_lines(sys.stdin):
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    return 0


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
    graph = build_graph(settings)
    if graph is None:
        print("email over Microsoft Graph is off: no GRAPH_* settings")
        return 1
    results = check_mailbox(graph, system_clock())
    for step, passed, detail in results:
        print(f"{step}: {'ok' if passed else 'FAILED'} - {detail}")
    return 0 if all(passed for _, passed, _ in results) else 1


def _sweep(_args: argparse.Namespace) -> int:
    report = build(_settings()).sweeper.sweep()
    print(report)
    return 0


def _serve(args: argparse.Namespace) -> int:
    settings = _settings()
    port = args.port if args.port is not None else settings.port
    return serve(settings, host=args.host, port=port)
