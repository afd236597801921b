"""Keeps the worker processes running: `contact-hub supervise` (the Procfile's worker) and
`contact-hub serve` both use it.

Two workers by default: one for the main queues (critical, default, low) and one for
Slack's queue, so a Slack that hangs never takes the capacity SMS and voice pages need. A
worker that exits for any reason other than being told to stop is started again: at once
the first time, then after a back-off (1 s doubling to 30 s) while it keeps dying within a
minute. Each worker runs in a process group of its own; when one dies, what is left of its
group (RQ's scheduler child) is killed before the new one starts.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import FrameType

from contact_hub.queueing import QUEUE_NAMES, SLACK_QUEUE

logger = logging.getLogger(__name__)

WORKER_QUEUES: tuple[tuple[str, ...], ...] = (QUEUE_NAMES, (SLACK_QUEUE,))
CHECK_SECONDS = 0.5
BACKOFF = (1.0, 30.0)
HEALTHY_AFTER = 60.0  # a worker that ran this long starts again at once if it dies
STOP_TIMEOUT = 15.0


def worker_command(queues: Sequence[str]) -> list[str]:
    return [sys.executable, "-m", "contact_hub", "worker", "--queues", ",".join(queues)]


@dataclass
class _Child:
    command: list[str]
    process: subprocess.Popen[bytes] | None = None
    started: float = 0.0
    wait: float = 0.0
    restart_at: float | None = None
    restarts: int = field(default=0)


class Supervisor:
    """Runs `commands` (one process each) and restarts any that exits."""

    def __init__(
        self,
        env: Mapping[str, str] | None = None,
        commands: Sequence[list[str]] | None = None,
    ) -> None:
        self.env = dict(os.environ if env is None else env)
        self.children = [_Child(list(c)) for c in
                         (commands or [worker_command(q) for q in WORKER_QUEUES])]
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._watch, name="supervisor", daemon=True)

    def start(self) -> None:
        for child in self.children:
            self._spawn(child)
        self.thread.start()

    def run(self) -> int:
        """Supervise until SIGTERM or SIGINT (the `contact-hub supervise` command)."""
        def stop(_signum: int, _frame: FrameType | None) -> None:
            self.stopping.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.start()
        self.stopping.wait()
        self.stop()
        return 0

    @property
    def restarts(self) -> int:
        return sum(child.restarts for child in self.children)

    def pids(self) -> list[int]:
        return [c.process.pid for c in self.children if c.process and c.process.poll() is None]

    def _spawn(self, child: _Child) -> None:
        child.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            child.command, env=self.env, start_new_session=True)
        child.started, child.restart_at = time.monotonic(), None

    def _watch(self) -> None:
        while not self.stopping.wait(CHECK_SECONDS):
            for child in self.children:
                self._check(child)

    def _check(self, child: _Child) -> None:
        now = time.monotonic()
        if child.restart_at is not None:
            if now >= child.restart_at and not self.stopping.is_set():
                child.restarts += 1
                self._spawn(child)
            return
        if child.process is None or child.process.poll() is None:
            return
        _kill_group(child.process.pid)  # its RQ scheduler child, if it outlived it
        quick = now - child.started < HEALTHY_AFTER
        child.wait = min(max(child.wait * 2, BACKOFF[0]), BACKOFF[1]) if quick else 0.0
        logger.error("worker exited code=%s; restarting in %.0f s queues=%s",
                     child.process.returncode, child.wait, child.command[-1])
        child.restart_at = now + (child.wait if child.restarts else 0.0)

    def stop(self) -> None:
        """SIGTERM every worker (a warm shutdown: the job in hand finishes), then SIGKILL
        whatever has not stopped within STOP_TIMEOUT."""
        self.stopping.set()
        running = [c.process for c in self.children if c.process is not None]
        for process in running:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        for process in running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
            _kill_group(process.pid)


    def kill(self) -> None:
        """Stop at once (a second Ctrl-C in `serve`); the sweeper recovers their work."""
        self.stopping.set()
        for child in self.children:
            if child.process is not None:
                _kill_group(child.process.pid)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
