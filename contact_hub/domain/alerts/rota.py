"""The on-call rota: who answers an emergency at any moment, tier by tier.

Pure and standard-library only. Callers pass aware datetimes; handovers are wall-clock
times in the rota's zone (Europe/London), so a Monday 09:00 handover happens at 09:00
local time on both sides of the March and October clock changes. Internally every
comparison is done in UTC, because Python compares two datetimes that share a tzinfo
by wall clock and ignores `fold`, which is wrong inside the repeated October hour.

A gap never drops an alert: `OnCallNow.responder_for` falls through to the next tier
and finally to the fallback number (`ONCALL_FALLBACK_NUMBER`, passed in by the caller).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

LONDON = "Europe/London"
FALLBACK_NAME = "Fallback number"


@dataclass(frozen=True)
class Person:
    """Someone who can be paged. Every person has a mobile, so SMS and voice always work."""

    name: str
    mobile: str  # E.164, checked by the rota file loader
    slack_user_id: str | None = None


@dataclass(frozen=True)
class Rotation:
    """People taking turns on a tier, handing over weekly at a local wall-clock time.

    `first_handover` is the date people[0] starts; its weekday is the handover day.
    `ends_on`, if set, stops the rotation at the handover time on that date.
    """

    people: tuple[Person, ...]
    first_handover: date
    handover_time: time
    shift_weeks: int = 1
    ends_on: date | None = None

    def __post_init__(self) -> None:
        if not self.people:
            raise ValueError("a rotation needs at least one person")
        if self.shift_weeks < 1:
            raise ValueError("shift_weeks must be at least 1")
        if self.ends_on is not None and self.ends_on <= self.first_handover:
            raise ValueError("a rotation must end after its first handover")


@dataclass(frozen=True)
class Tier:
    """One level of the escalation chain, e.g. repairs on-call, second line, duty manager."""

    key: str
    name: str
    rotation: Rotation | None = None  # None: the tier is covered only by overrides


@dataclass(frozen=True)
class Override:
    """Cover: `person` holds `tier` from `starts` (inclusive) to `ends` (exclusive)."""

    tier: str
    person: Person
    starts: datetime
    ends: datetime
    reason: str = ""

    def __post_init__(self) -> None:
        if self.starts.tzinfo is None or self.ends.tzinfo is None:
            raise ValueError("override times must be timezone-aware")
        if self.ends <= self.starts:
            raise ValueError("an override must end after it starts")


@dataclass(frozen=True)
class Rota:
    """Tiers in escalation order, plus cover overrides (a later override wins an overlap)."""

    tiers: tuple[Tier, ...]
    overrides: tuple[Override, ...] = ()
    timezone: str = LONDON

    def __post_init__(self) -> None:
        keys = [tier.key for tier in self.tiers]
        if len(set(keys)) != len(keys):
            raise ValueError("tier keys must be unique")
        unknown = {o.tier for o in self.overrides} - set(keys)
        if unknown:
            raise ValueError(f"overrides name unknown tiers: {sorted(unknown)}")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class ShiftSource(StrEnum):
    ROTATION = "rotation"
    OVERRIDE = "override"
    GAP = "gap"


@dataclass(frozen=True)
class Shift:
    """Who holds one tier at one moment, and why."""

    tier: str
    person: Person | None
    source: ShiftSource


@dataclass(frozen=True)
class Responder:
    """Who actually gets paged for a tier, after any fall-through.

    `tier` is the tier this person is on call for (None for the fallback number);
    `covering_for` is the tier that was asked for when it had nobody on call.
    """

    tier: str | None
    name: str
    mobile: str
    slack_user_id: str | None = None
    covering_for: str | None = None

    @property
    def is_fallback(self) -> bool:
        return self.tier is None


@dataclass(frozen=True)
class Gap:
    """A period when a tier has nobody on call; times are in the rota's zone."""

    tier: str
    starts: datetime
    ends: datetime


@dataclass(frozen=True)
class OnCallNow:
    """Every tier's holder at `at`, plus the fallback number: what escalation pages from."""

    at: datetime
    shifts: tuple[Shift, ...]  # in escalation order
    fallback_number: str

    def responder_for(self, tier: str) -> Responder:
        """The holder of `tier`, else of the next tier down, else the fallback number.

        An unknown tier key goes straight to the fallback: paging someone beats nobody.
        """
        keys = [shift.tier for shift in self.shifts]
        start = keys.index(tier) if tier in keys else len(keys)
        for shift in self.shifts[start:]:
            if shift.person is not None:
                covering = tier if shift.tier != tier else None
                return _responder(shift.tier, shift.person, covering)
        return self.fallback(covering_for=tier)

    def fallback(self, covering_for: str | None = None) -> Responder:
        """The fallback number as a responder (it has no Slack user)."""
        return Responder(None, FALLBACK_NAME, self.fallback_number, None, covering_for)

    def page_order(self) -> list[Responder]:
        """Everyone to page, tier by tier, each person once, ending with the fallback."""
        order: list[Responder] = []
        seen: set[Person] = set()
        for shift in self.shifts:
            if shift.person is not None and shift.person not in seen:
                seen.add(shift.person)
                order.append(_responder(shift.tier, shift.person, None))
        order.append(self.fallback())
        return order


def _responder(tier: str, person: Person, covering_for: str | None) -> Responder:
    return Responder(tier, person.name, person.mobile, person.slack_user_id, covering_for)


def on_call_at(rota: Rota, at: datetime, *, fallback_number: str) -> OnCallNow:
    """Who holds each tier at `at` (an aware datetime), in escalation order."""
    _require_aware(at)
    shifts = tuple(shift_at(rota, tier.key, at) for tier in rota.tiers)
    return OnCallNow(at, shifts, fallback_number)


def page_order(rota: Rota, at: datetime, *, fallback_number: str) -> list[Responder]:
    """The ordered people to page for an alert at `at`, ending with the fallback number."""
    return on_call_at(rota, at, fallback_number=fallback_number).page_order()


def shift_at(rota: Rota, tier_key: str, at: datetime) -> Shift:
    """Who holds one tier at `at`: an override first, else the rotation, else a gap."""
    moment = at.astimezone(UTC)
    for override in reversed(rota.overrides):  # the most recently added cover wins
        if override.tier == tier_key and override.starts <= moment < override.ends:
            return Shift(tier_key, override.person, ShiftSource.OVERRIDE)
    rotation = _tier(rota, tier_key).rotation
    person = _rotation_person(rotation, moment, rota.zone) if rotation else None
    if person is None:
        return Shift(tier_key, None, ShiftSource.GAP)
    return Shift(tier_key, person, ShiftSource.ROTATION)


def gaps(rota: Rota, start: datetime, end: datetime) -> list[Gap]:
    """Every period in [start, end) when a tier has nobody on call, tier by tier."""
    _require_aware(start)
    _require_aware(end)
    found: list[Gap] = []
    for tier in rota.tiers:
        found.extend(_tier_gaps(rota, tier, start.astimezone(UTC), end.astimezone(UTC)))
    return found


def _tier_gaps(rota: Rota, tier: Tier, start: datetime, end: datetime) -> list[Gap]:
    points = sorted(_change_points(rota, tier, start, end))
    zone = rota.zone
    found: list[Gap] = []
    # The holder is constant between consecutive change points, so test each segment once.
    for here, following in zip(points, [*points[1:], end], strict=True):
        if shift_at(rota, tier.key, here).person is not None:
            continue
        if found and found[-1].ends == here.astimezone(zone):  # extend the previous gap
            found[-1] = Gap(tier.key, found[-1].starts, following.astimezone(zone))
        else:
            found.append(Gap(tier.key, here.astimezone(zone), following.astimezone(zone)))
    return found


def _change_points(rota: Rota, tier: Tier, start: datetime, end: datetime) -> set[datetime]:
    """Instants in [start, end) where the tier's holder may change (a superset is fine)."""
    points = {start}
    candidates: list[datetime] = []
    for override in rota.overrides:
        if override.tier == tier.key:
            candidates += [override.starts.astimezone(UTC), override.ends.astimezone(UTC)]
    if tier.rotation is not None:
        candidates += _handovers(tier.rotation, start, end, rota.zone)
    points.update(p for p in candidates if start < p < end)
    return points


def _handovers(
    rotation: Rotation, start: datetime, end: datetime, zone: ZoneInfo
) -> list[datetime]:
    """Weekly handover instants from just before `start` to `end`, plus the rotation's end."""
    found = []
    day = _last_handover_day(rotation, start, zone)
    while (moment := _handover(rotation, day, zone)) < end:
        found.append(moment)
        day += timedelta(days=7)
    if rotation.ends_on is not None:
        found.append(_handover(rotation, rotation.ends_on, zone))
    return found


def _rotation_person(rotation: Rotation, moment: datetime, zone: ZoneInfo) -> Person | None:
    if moment < _handover(rotation, rotation.first_handover, zone):
        return None
    if rotation.ends_on is not None and moment >= _handover(rotation, rotation.ends_on, zone):
        return None
    weeks = (_last_handover_day(rotation, moment, zone) - rotation.first_handover).days // 7
    shift_number = weeks // rotation.shift_weeks
    return rotation.people[shift_number % len(rotation.people)]


def _last_handover_day(rotation: Rotation, moment: datetime, zone: ZoneInfo) -> date:
    """The local date of the latest weekly handover at or before `moment`."""
    local_day = moment.astimezone(zone).date()
    back = (local_day.weekday() - rotation.first_handover.weekday()) % 7
    day = local_day - timedelta(days=back)
    if _handover(rotation, day, zone) > moment:
        day -= timedelta(days=7)
    return day


def _handover(rotation: Rotation, day: date, zone: ZoneInfo) -> datetime:
    """The handover on `day` as a UTC instant (wall-clock time in the rota's zone).

    A wall-clock time skipped by the March change resolves with the pre-change offset
    (fold=0), i.e. one hour later in local terms; real handovers are never at 01:xx.
    """
    return datetime.combine(day, rotation.handover_time, tzinfo=zone).astimezone(UTC)


def _tier(rota: Rota, key: str) -> Tier:
    for tier in rota.tiers:
        if tier.key == key:
            return tier
    raise KeyError(f"no tier {key!r} in the rota")


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("rota times must be timezone-aware")
