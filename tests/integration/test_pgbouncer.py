"""The intake and the workers through PgBouncer in transaction mode (Debian's pgbouncer
package), as docs/scaling.md recommends for many web and worker processes: every webhook
answered has its row, and every contact is routed, with connections shared between
transactions (so nothing may rely on a session's state, such as a prepared statement)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from contact_hub import jobs
from contact_hub.app import create_app
from contact_hub.bootstrap import build
from contact_hub.storage import repository as repo
from tests.integration.fault_checks import post_text

PGBOUNCER = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
THREADS, EACH = 8, 15


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def bouncer_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A PgBouncer of this test's own (transaction pooling, 4 server connections) in
    front of the test database; its URL."""
    if database_url.startswith("sqlite"):
        pytest.skip("PgBouncer pools PostgreSQL connections")
    if not os.path.exists(PGBOUNCER):
        pytest.skip("pgbouncer is not installed (apt-get install pgbouncer)")
    port = _free_port()
    folder = tmp_path / "pgbouncer"
    folder.mkdir()
    (folder / "users.txt").write_text('"postgres" ""\n')
    (folder / "pgbouncer.ini").write_text(
        "[databases]\n* = host=127.0.0.1 port=5432\n[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
        f"auth_type = trust\nauth_file = {folder / 'users.txt'}\npool_mode = transaction\n"
        "default_pool_size = 4\nmax_client_conn = 200\n"
        f"logfile = {folder / 'pgbouncer.log'}\n")
    user: list[str] = []
    if os.geteuid() == 0:  # pgbouncer refuses to run as root
        user = ["-u", "postgres"]
        shutil.chown(folder, "postgres")
        for parent in (tmp_path, *tmp_path.parents):
            if parent == Path("/"):
                break
            os.chmod(parent, os.stat(parent).st_mode | 0o711)  # postgres may reach it
    process = subprocess.Popen([PGBOUNCER, *user, str(folder / "pgbouncer.ini")])
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "pgbouncer did not start"
                time.sleep(0.05)
        yield database_url.replace("127.0.0.1:5432", f"127.0.0.1:{port}")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_webhooks_and_workers_through_pgbouncer_in_transaction_mode(
    settings, clock, container, bouncer_url
):
    pooled = build(settings.with_overrides(database_url=bouncer_url), clock=clock)
    jobs.install(pooled)
    app = create_app(container=pooled)
    failures: list[BaseException] = []

    def post_many(first: int) -> None:
        client = app.test_client()
        try:
            for n in range(first, first + EACH):
                post_text(client, n, emergency=n % 10 == 0)
        except BaseException as error:  # reported below, with the thread's own failure
            failures.append(error)

    threads = [threading.Thread(target=post_many, args=(t * EACH,)) for t in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures[:3]
    while pooled.inbound.hand_off():
        pass
    with container.sessions() as session:  # routed through the pooler, counted directly
        waiting = list(session.scalars(select(repo.Contact.id).where(
            repo.Contact.status != "routed")))
    for contact_id in waiting:
        for _ in range(6):  # past psycopg's prepare threshold on the same statements
            pooled.inbound.process(contact_id)
    with container.sessions() as session:
        total = session.scalar(select(func.count()).select_from(repo.Contact))
        routed = session.scalar(select(func.count()).select_from(repo.Contact).where(
            repo.Contact.status == "routed"))
    pooled.close()
    jobs.install(container)
    assert (total, routed) == (THREADS * EACH, THREADS * EACH)
