"""The on-call rota as the running service sees it: loaded from ONCALL_ROTA_FILE and
re-read when the file changes, so an operator's edit takes effect without a restart.

A missing or broken rota file never stops paging: it is logged and reported by
/readyz, and every page falls through to ONCALL_FALLBACK_NUMBER.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TextIO

from channels.phone import normalise_phone
from contact_hub.clock import Clock
from contact_hub.domain.alerts.paging import PagingPaths, problems
from contact_hub.domain.alerts.rota import (
    FALLBACK_NAME,
    Gap,
    OnCallNow,
    Person,
    Rota,
    gaps,
    on_call_at,
)
from contact_hub.domain.contacts.replies import Paging
from contact_hub.rota_file import RotaFileError, load_rota

logger = logging.getLogger(__name__)

GAP_HORIZON = timedelta(days=14)
EMPTY_ROTA = Rota(tiers=())


@dataclass(frozen=True)
class RotaStatus:
    """For /readyz and `contact-hub oncall check`: a warning, never a reason to stop."""

    state: str  # ok | gaps | no_rota | invalid | no_fallback
    detail: str
    gaps: tuple[Gap, ...] = ()


class OnCall:
    """Who is on call, from the rota file (cached by modification time)."""

    def __init__(
        self,
        rota_file: str | None,
        fallback_number: str | None,
        clock: Clock,
        paths: PagingPaths | None = None,
        out_of_hours_number: str | None = None,
    ) -> None:
        self.rota_file = rota_file
        self.fallback_number = fallback_number or ""
        self.clock = clock
        self.paths = paths or PagingPaths(
            slack=False, phone_delivery="dry_run", rota=bool(rota_file),
            fallback_number=bool(fallback_number),
        )
        self.out_of_hours_number = out_of_hours_number
        self._cached: tuple[float, Rota] | None = None
        self.error: str | None = None

    def rota(self) -> Rota:
        """The current rota; an empty one (all pages to the fallback) if it cannot be read."""
        if not self.rota_file:
            return EMPTY_ROTA
        try:
            mtime = os.stat(self.rota_file).st_mtime
            if self._cached is None or self._cached[0] != mtime:
                self._cached = (mtime, load_rota(self.rota_file))
            self.error = None
            return self._cached[1]
        except (OSError, RotaFileError) as error:
            self.error = str(error)
            logger.error("on-call rota unreadable error=%s", type(error).__name__)
            return self._cached[1] if self._cached else EMPTY_ROTA

    def at(self, moment: datetime | None = None) -> OnCallNow:
        """Every tier's holder at `moment` (default now)."""
        return on_call_at(self.rota(), moment or self.clock(),
                          fallback_number=self.fallback_number)

    def paging(self, moment: datetime | None = None) -> Paging:
        """Whether an emergency raised at `moment` (default now) reaches a person, for the
        words a resident is sent."""
        reachable = self.paths.anyone_reachable(self._someone_on_call(moment))
        return Paging(reachable, self.out_of_hours_number)

    def paging_problems(self) -> list[str]:
        """Every emergency path that cannot page anyone now (start-up, /readyz)."""
        return problems(self.paths, self._someone_on_call(None))

    def _someone_on_call(self, moment: datetime | None) -> bool:
        return any(s.person is not None and s.person.mobile for s in self.at(moment).shifts)

    def gaps(self, horizon: timedelta = GAP_HORIZON) -> list[Gap]:
        now = self.clock()
        return gaps(self.rota(), now, now + horizon)

    def may_acknowledge(self, number: str) -> bool:
        """Only people on the rota (any tier, any override) or the fallback may acknowledge."""
        # Twilio sends E.164; the rota may use Ofcom drama ranges libphonenumber rejects.
        normalised = normalise_phone(number).e164 or number.strip()
        if not normalised:
            return False
        rota = self.rota()
        numbers = {p.mobile for t in rota.tiers if t.rotation for p in t.rotation.people}
        numbers |= {o.person.mobile for o in rota.overrides}
        if self.fallback_number:
            numbers.add(self.fallback_number)
        return normalised in numbers

    def name_for(self, number: str) -> str:
        """The rota name for a mobile number (for "acknowledged by")."""
        normalised = normalise_phone(number).e164 or number.strip()
        person = self.person(mobile=normalised)
        if person is not None:
            return person.name
        return FALLBACK_NAME if normalised == self.fallback_number else normalised

    def person(self, *, mobile: str | None = None, slack_user_id: str | None = None,
               name: str | None = None) -> Person | None:
        """The rota's person with this mobile (E.164), Slack user id or name, if any."""
        rota = self.rota()
        people = [p for t in rota.tiers if t.rotation for p in t.rotation.people]
        people += [o.person for o in rota.overrides]
        for person in people:
            if (mobile and person.mobile == mobile) or (
                    slack_user_id and person.slack_user_id == slack_user_id):
                return person
        return next((p for p in people if name and p.name == name), None)

    def status(self) -> RotaStatus:
        found = tuple(self.gaps())
        if not self.fallback_number:
            return RotaStatus("no_fallback", "ONCALL_FALLBACK_NUMBER is not set", found)
        if not self.rota_file:
            return RotaStatus("no_rota", "ONCALL_ROTA_FILE is not set; pages go to the fallback")
        if self.error:
            return RotaStatus("invalid", f"rota file unreadable: {self.error}", found)
        if found:
            return RotaStatus("gaps", f"{len(found)} gap(s) in the next 14 days", found)
        return RotaStatus("ok", "every tier is covered for the next 14 days")


def report_gaps(oncall: OnCall, horizon: timedelta, out: TextIO) -> int:
    """Print every gap in the next `horizon` (London times); 1 if there are gaps or problems."""
    found = oncall.gaps(horizon)
    status = oncall.status()
    if oncall.error:
        print(f"rota file problem: {oncall.error}", file=out)
    if not oncall.fallback_number:
        print("ONCALL_FALLBACK_NUMBER is not set: a gap would page nobody", file=out)
    for gap in found:
        starts, ends = gap.starts.strftime("%a %d %b %H:%M"), gap.ends.strftime("%a %d %b %H:%M")
        print(f"gap: {gap.tier} has nobody on call from {starts} to {ends} "
              f"(pages fall through to the next tier, then the fallback number)", file=out)
    if not found:
        print(f"no gaps in the next {horizon.days} days", file=out)
    return 0 if status.state in ("ok", "no_rota") and not found else 1
