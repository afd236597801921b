"""The worker supervisor (`contact-hub supervise`, and `serve`): a worker that dies for any
reason is started again; stopping stops them all."""

from __future__ import annotations

import os
import signal
import sys
import time

from contact_hub.supervisor import WORKER_QUEUES, Supervisor, worker_command

SLEEPER = [sys.executable, "-c", "import time; time.sleep(120)"]


def _wait_for(check, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError("timed out")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _two_running(supervisor: Supervisor, without: int | None = None) -> list[int] | None:
    """Both children's pids, when two run and `without` is not one of them. Read once: a child
    killed a moment ago can be running at one read and gone at the next (three reads once saw
    two pids, then the killed one gone, then only the other, before its restart)."""
    pids = supervisor.pids()
    return pids if len(pids) == 2 and without not in pids else None


def test_a_worker_that_dies_is_started_again_and_stop_stops_all():
    supervisor = Supervisor(env=dict(os.environ), commands=[SLEEPER, SLEEPER])
    supervisor.start()
    try:
        first, other = _wait_for(lambda: _two_running(supervisor))
        os.kill(first, signal.SIGKILL)  # the OOM killer, a segfault...

        pids = _wait_for(lambda: _two_running(supervisor, without=first))
        assert other in pids and supervisor.restarts == 1
    finally:
        supervisor.stop()
    assert supervisor.pids() == []
    assert not any(_alive(pid) for pid in pids)


def test_by_default_it_runs_a_main_worker_and_a_slack_worker():
    assert WORKER_QUEUES == (("critical", "default", "low"), ("slack",))
    assert worker_command(("slack",))[-3:] == ["worker", "--queues", "slack"]
    commands = [child.command for child in Supervisor(env={}).children]
    assert [c[-1] for c in commands] == ["critical,default,low", "slack"]
