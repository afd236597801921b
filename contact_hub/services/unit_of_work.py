"""The unit of work: one database transaction, its repositories, and what follows it.

A use case opens one, changes rows through its session and repositories, says which jobs
follow (`enqueue`) and what else must wait for the commit (`after_commit`), and commits:

    with self.uow() as uow:
        contact = uow.contacts.get(contact_id)
        ...
        uow.enqueue(process_job(contact.id))
        uow.commit()

Jobs and after-commit work run only once the commit has succeeded, in the order given: a
job is never enqueued for a row that was rolled back, and a commit that fails enqueues
nothing. Leaving the block without `commit()` (or by an exception) rolls back and drops
them. Services take a `UnitsOfWork` (the factory) instead of a `sessionmaker`; its
`transaction()` is the same unit of work committed on leaving the block normally.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from contact_hub.queueing import Dispatcher, JobRequest
from contact_hub.storage.contacts import ContactRepository


class UnitOfWork:
    """One session and the work to do once it commits."""

    def __init__(self, session: Session, dispatcher: Dispatcher | None) -> None:
        self.session = session
        self.dispatcher = dispatcher
        self.contacts = ContactRepository(session)
        self._jobs: list[JobRequest] = []
        self._after: list[Callable[[], object]] = []

    def __enter__(self) -> UnitOfWork:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            self.rollback()  # what was not committed is undone, and its jobs dropped
        finally:
            self.session.close()

    def enqueue(self, *jobs: JobRequest | None) -> None:
        """Enqueue these jobs once the transaction commits (None: nothing to enqueue)."""
        self._jobs.extend(job for job in jobs if job is not None)

    def enqueue_all(self, jobs: Iterable[JobRequest | None]) -> None:
        self.enqueue(*jobs)

    def take_jobs(self) -> list[JobRequest]:
        """Take back the jobs collected so far, to decide how each goes before commit
        (the routing job sends a contact's acknowledgement after the commit itself)."""
        jobs, self._jobs = self._jobs, []
        return jobs

    def after_commit(self, work: Callable[[], object]) -> None:
        """Run `work` once the transaction commits (after its jobs are enqueued)."""
        self._after.append(work)

    def flush(self) -> None:
        self.session.flush()

    def commit(self) -> None:
        """Commit, then enqueue the jobs and run the work that waited for it. May be
        called again for a next transaction on the same session."""
        self.session.commit()
        jobs, self._jobs = self._jobs, []
        after, self._after = self._after, []
        if jobs:
            if self.dispatcher is None:
                raise RuntimeError("jobs to enqueue, but this process has no Redis")
            self.dispatcher.enqueue_all(jobs)
        for work in after:
            work()

    def rollback(self) -> None:
        """Undo the transaction and forget the jobs and work that waited for it."""
        self._jobs.clear()
        self._after.clear()
        self.session.rollback()


class UnitsOfWork:
    """Makes a `UnitOfWork` per use case (built once, in bootstrap)."""

    def __init__(
        self, sessions: sessionmaker[Session], dispatcher: Dispatcher | None = None
    ) -> None:
        """`dispatcher` None: a process without Redis (some CLI commands), whose use cases
        enqueue nothing."""
        self.sessions = sessions
        self._dispatcher = dispatcher
        # The webhook's one autocommitted INSERT needs no session (services/contacts/inbound).
        self.engine: Engine = sessions.kw["bind"]

    @property
    def dispatcher(self) -> Dispatcher:
        """The job queues (for a service that asks whether a job is still pending)."""
        if self._dispatcher is None:
            raise RuntimeError("this process has no Redis")
        return self._dispatcher

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(self.sessions(), self._dispatcher)

    @contextmanager
    def transaction(self) -> Iterator[UnitOfWork]:
        """A unit of work that commits whenever the block is left normally (a `return`
        inside it too), then enqueues; an exception rolls it back and enqueues nothing.
        For use cases with several ways out that all keep what they did."""
        with self() as uow:
            yield uow
            uow.commit()
