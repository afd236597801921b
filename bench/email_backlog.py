"""Email backlog benchmark: a mailbox already holding N messages when the service starts
(after an outage) is taken in completely, for both backends against their local fakes.

    .venv/bin/python bench/email_backlog.py [--backends ews,graph] [--sizes 1000,10000]
        [--baseline TREE]   # TREE: `git worktree add --detach TREE <commit>` of the code
                            # to compare with (its .venv a link to ours); ratios printed

For each backend and size, a fresh child process: the fake (Graph or EWS) runs in a
process of its own with N messages delivered (so its memory is not ours), the service is
built on a fresh PostgreSQL database and Redis, the inbox is synced (EWS: SyncFolderItems
page by page; Graph: the catch-up poll page by page) and the fetch jobs run: every message
fetched and parsed, stored as a contact (its routing job enqueued). Reported: messages per
second over the whole take-in, the contacts made, and the child's peak resident memory
(ru_maxrss), which should stay flat whatever N is. About 2% of the messages are
emergencies (gas). The fetches run `--workers` at once (as that many RQ worker processes
would); `--route` then also routes every contact and sends every acknowledgement through
the fake (slow: ~40 database round trips a contact). Needs PostgreSQL at 127.0.0.1:5432
and Redis at 127.0.0.1:6379.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ingest import fresh_database  # noqa: E402

REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1")
MAILBOX = "housing@magna.example"
CHUNK = 200  # fetches handed to the worker threads at a time
START = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
ROUTINE = (
    "The kitchen tap has been dripping for a week, could someone look at it?",
    "My bathroom extractor fan stopped working.",
    "There is black mould on the bedroom wall behind the wardrobe.",
    "The light in the communal hallway of block C is out.",
    "I would like to complain about how long my repair has taken.",
)
EMERGENCY = "I can smell gas in the hallway outside my flat, it is getting stronger."


def mail(number: int) -> tuple[str, str, str, datetime]:
    """(sender, subject, text, received) of the n-th backlog message."""
    text = EMERGENCY if number % 50 == 7 else ROUTINE[number % len(ROUTINE)]
    received = START + timedelta(seconds=number)
    return f"resident{number}@example.com", f"Repair request {number}", text, received


# --- the fake, in its own process -----------------------------------------------------------


def serve_fake(backend: str, count: int) -> None:
    from email.message import EmailMessage

    from tests.fakes.ews_server import FakeEws
    from tests.fakes.graph_server import FakeGraph

    if backend == "ews":
        ews = FakeEws(mailbox=MAILBOX, keep_requests=False).start()
        for number in range(count):
            sender, subject, text, received = mail(number)
            message = EmailMessage()
            message["From"], message["To"], message["Subject"] = sender, MAILBOX, subject
            message["Message-ID"] = f"<backlog-{number}@example.com>"
            message.set_content(text)
            ews.deliver(bytes(message), received)
        print(json.dumps({"url": ews.url, "username": ews.username,
                          "password": ews.password}), flush=True)
    else:
        graph = FakeGraph(mailbox=MAILBOX).start()
        for number in range(count):
            sender, subject, text, received = mail(number)
            graph.deliver({
                "id": f"AAMk{number:08d}=", "internetMessageId": f"<backlog-{number}@example.com>",
                "subject": subject, "conversationId": f"conv-{number}",
                "receivedDateTime": received.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "body": {"contentType": "text", "content": text},
                "from": {"emailAddress": {"address": sender}}, "internetMessageHeaders": [],
                "attachments": [],
            })
        print(json.dumps({"api": graph.api_url, "login": graph.login_url,
                          "ca": graph.ca_file}), flush=True)
    sys.stdin.read()  # until the bench closes our stdin


# --- one measurement, in its own process ----------------------------------------------------


def measure(backend: str, count: int, route: bool = False, workers: int = 4) -> dict[str, object]:
    from rq.serializers import JSONSerializer
    from sqlalchemy import func, select

    from contact_hub import jobs
    from contact_hub.bootstrap import build
    from contact_hub.clock import FrozenClock
    from contact_hub.queueing import ALL_QUEUES
    from contact_hub.settings import Settings
    from contact_hub.storage import models
    from contact_hub.storage.email.models import EmailNotification
    from contact_hub.worker import Worker

    fake = subprocess.Popen(
        [sys.executable, __file__, "--serve-fake", backend, str(count)], cwd=ROOT,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert fake.stdout is not None
    where = json.loads(fake.stdout.readline())
    database = fresh_database(f"contact_hub_bench_email_{backend}")
    settings = Settings(environment="test", home=Path("/tmp"), database_url=database,
                        redis_url=REDIS, organisation_name="Magna Housing")
    if backend == "ews":
        settings = settings.with_overrides(
            email_backend="ews", ews_server=where["url"], ews_mailbox=MAILBOX,
            ews_username=where["username"], ews_password=where["password"],
            ews_auth_type="basic")
    else:
        os.environ["REQUESTS_CA_BUNDLE"] = where["ca"]
        settings = settings.with_overrides(
            graph_tenant_id="tenant", graph_client_id="client", graph_client_secret="secret",
            graph_mailbox=MAILBOX, graph_client_state="state", graph_api_base_url=where["api"],
            graph_login_base_url=where["login"])
    clock = FrozenClock(START + timedelta(seconds=count + 60))  # the service starts after
    container = build(settings, clock=clock)
    container.redis.flushdb()
    jobs.install(container)
    worker = Worker([container.dispatcher.queues[name] for name in ALL_QUEUES],
                          connection=container.redis, serializer=JSONSerializer)
    try:
        started = time.perf_counter()
        stored = 0
        if container.ews_sync is not None:
            stored = container.ews_sync.sync(max_pages=10_000)
        else:
            stored = container.email.catch_up(max_pages=10_000)
        synced = time.perf_counter() - started
        # Taking in: every fetch job (each message fetched, parsed, stored as a contact).
        fetches = container.dispatcher.queues["default"]
        with container.sessions() as session:
            row_ids = list(session.scalars(select(EmailNotification.id)
                                           .order_by(EmailNotification.id)))
        # The jobs `record` enqueued: a page of messages each (one per message before).
        take_in, work = _jobs(container.email, row_ids)
        # As `workers` RQ worker processes would: each fetch mostly waits on Exchange and
        # the database, so they overlap.
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for start in range(0, len(work), CHUNK):  # never every future at once
                list(pool.map(take_in, work[start : start + CHUNK]))
        fetches.empty()  # their jobs, done above in this process
        elapsed = time.perf_counter() - started
        routed_seconds = None
        if route:  # then the whole path: routed, alerts raised, replies sent by email
            worker.work(burst=True, logging_level="ERROR")
            routed_seconds = round(time.perf_counter() - started, 1)
        with container.sessions() as session:
            contacts = session.scalar(select(func.count()).select_from(models.Contact))
            received = session.scalar(select(func.count()).select_from(EmailNotification)
                                      .where(EmailNotification.status == "received"))
            emergencies = session.scalar(select(func.count()).select_from(models.Contact)
                                         .where(models.Contact.category == "emergency"))
            sent = session.scalar(select(func.count()).select_from(models.OutboundMessage)
                                  .where(models.OutboundMessage.status == "sent"))
    finally:
        container.close()
        assert fake.stdin is not None
        fake.stdin.close()
        fake.wait(timeout=30)
    return {
        "backend": backend, "messages": count, "workers": workers, "stored": stored,
        "contacts": contacts,
        "received": received, "emergencies": emergencies, "replies_sent": sent,
        "sync_seconds": round(synced, 2), "seconds": round(elapsed, 1),
        "messages_per_second": round(count / elapsed, 1),
        "routed_and_replied_seconds": routed_seconds,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _jobs(email: Any, row_ids: list[int]) -> tuple[Callable[[int], None], list[int]]:
    """The intake's jobs over these rows: pages when the code has them, else one a row
    (the code before pages, measured as the baseline)."""
    page_of = getattr(intake_module(), "page_of", None)
    if page_of is None:
        return email.fetch, row_ids
    return email.fetch_page, sorted({page_of(row_id) for row_id in row_ids})


def intake_module() -> Any:
    from contact_hub.services.email import intake

    return intake


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default="ews,graph")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--serve-fake", nargs=2, metavar=("BACKEND", "COUNT"))
    parser.add_argument("--one", nargs=2, metavar=("BACKEND", "COUNT"))
    parser.add_argument("--workers", type=int, default=4, help="fetches at once")
    parser.add_argument("--baseline", default=None, metavar="TREE",
                        help="also measure the code in TREE (a git worktree of the commit "
                             "to compare with), alternating with this one, and print ratios")
    parser.add_argument("--route", action="store_true",
                        help="also route every contact and send every reply (slow)")
    args = parser.parse_args()
    if args.serve_fake:
        serve_fake(args.serve_fake[0], int(args.serve_fake[1]))
        return
    if args.one:
        result = measure(args.one[0], int(args.one[1]), args.route, args.workers)
        print(json.dumps(result), flush=True)
        return
    print(f"{'code':8} {'backend':8} {'messages':>8} {'contacts':>8} {'seconds':>8} "
          f"{'msgs/s':>8} {'peak MB':>8}")
    trees = [("this", ROOT)] + ([("baseline", Path(args.baseline))] if args.baseline else [])
    for backend in args.backends.split(","):
        for size in args.sizes.split(","):
            rates: dict[str, float] = {}
            for label, tree in trees:
                result = _run_one(tree, backend, size, args)
                rates[label] = float(result["messages_per_second"])
                print(f"{label:8} {backend:8} {result['messages']:>8} {result['contacts']:>8} "
                      f"{result['seconds']:>8} {result['messages_per_second']:>8} "
                      f"{result['peak_rss_mb']:>8}   {json.dumps(result)}", flush=True)
            if "baseline" in rates:
                print(f"ratio    {backend:8} {size:>8}  this/baseline = "
                      f"{rates['this'] / rates['baseline']:.2f}  load {os.getloadavg()[0]:.1f}",
                      flush=True)


def _run_one(tree: Path, backend: str, size: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, str(tree / "bench" / "email_backlog.py"), "--one", backend, size,
               "--workers", str(args.workers)]
    run = subprocess.run(command + (["--route"] if args.route else []), cwd=tree,
                         stdout=subprocess.PIPE, text=True, check=True)
    return dict(json.loads(run.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    main()
