"""Load the on-call rota (`ONCALL_ROTA_FILE`) from YAML or TOML into domain types.

The format, by example (see examples/oncall-rota.yaml and .toml)::

    rota:
      timezone: Europe/London            # optional; handovers are wall-clock times here
      people:                            # optional: people named in more than one place
        priya: {name: Priya Shah, slack: U04PRIYA01, mobile: "+447700900101"}
      tiers:                             # in escalation order
        - key: repairs
          name: Repairs on-call
          handover: {day: monday, time: "09:00"}
          starts: 2026-01-05             # first handover; rotation[0] takes that shift
          shift_weeks: 1                 # optional
          ends: 2027-01-04               # optional
          rotation: [priya, {name: Ben Okafor, mobile: "+447700900102"}]
      overrides:
        - {tier: repairs, person: priya, from: "2026-12-24 17:00", until: "2026-12-27 09:00"}

Every error names the file and the field, e.g.
`rota.yaml: rota.tiers[1].rotation[0].mobile: not an E.164 number`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
import yaml

from contact_hub.domain.alerts.rota import LONDON, Override, Person, Rota, Rotation, Tier

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_E164 = re.compile(r"\+[1-9][0-9]{6,14}")
_SLACK_USER = re.compile(r"[UW][A-Z0-9]{6,}")
_KEY = re.compile(r"[a-z][a-z0-9_]*")


class RotaFileError(ValueError):
    """The rota file is unreadable or invalid; `field` is the dotted path to the problem."""

    def __init__(self, field: str, problem: str, source: str = "") -> None:
        self.field, self.problem, self.source = field, problem, source
        prefix = f"{source}: " if source else ""
        super().__init__(f"{prefix}{field}: {problem}")


def load_rota(path: str | Path) -> Rota:
    """Read a rota from a .yaml/.yml or .toml file, chosen by extension.

    Raises:
        RotaFileError: the file cannot be read or parsed, or a field is invalid.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = _decode(text, path.suffix.lower())
    except (OSError, UnicodeDecodeError, yaml.YAMLError, tomllib.TOMLDecodeError) as err:
        raise RotaFileError("rota", f"cannot read the file: {err}", str(path)) from err
    except RotaFileError as err:
        raise RotaFileError(err.field, err.problem, str(path)) from None
    return parse_rota(data, source=str(path))


def _decode(text: str, suffix: str) -> Any:
    if suffix in (".yaml", ".yml"):
        return yaml.safe_load(text)
    if suffix == ".toml":
        return tomllib.loads(text)
    raise RotaFileError("rota", f"unknown file type {suffix!r}: use .yaml, .yml or .toml")


def parse_rota(data: Any, source: str = "") -> Rota:
    """Validate already-decoded data (a mapping with a `rota` key) into a Rota."""
    try:
        return _Reader(_mapping(data, "(file)", {"rota"}).get("rota"))()
    except RotaFileError as err:
        raise RotaFileError(err.field, err.problem, source) from None


class _Reader:
    """Walks the `rota` mapping; each method takes the value and its dotted path."""

    def __init__(self, raw: Any) -> None:
        self.raw = _mapping(raw, "rota", {"timezone", "people", "tiers", "overrides"})
        self.zone = _zone(self.raw.get("timezone", LONDON), "rota.timezone")
        people = _mapping(self.raw.get("people", {}), "rota.people", None)
        self.people = {
            str(key): self.person(value, f"rota.people.{key}") for key, value in people.items()
        }

    def __call__(self) -> Rota:
        tiers = tuple(
            self.tier(value, f"rota.tiers[{i}]")
            for i, value in enumerate(_list(self.raw.get("tiers"), "rota.tiers", need=True))
        )
        _unique([t.key for t in tiers], "rota.tiers", "key")
        overrides = tuple(
            self.override(value, f"rota.overrides[{i}]", {t.key for t in tiers})
            for i, value in enumerate(_list(self.raw.get("overrides", []), "rota.overrides"))
        )
        return Rota(tiers=tiers, overrides=overrides, timezone=self.zone.key)

    def tier(self, raw: Any, at: str) -> Tier:
        fields = {"key", "name", "handover", "starts", "ends", "shift_weeks", "rotation"}
        value = _mapping(raw, at, fields)
        key = _text(value.get("key"), f"{at}.key")
        if not _KEY.fullmatch(key):
            raise RotaFileError(f"{at}.key", "use lower-case letters, digits and _ (repairs)")
        name = _text(value.get("name", key), f"{at}.name")
        if "rotation" not in value:
            return Tier(key, name, None)  # covered only by overrides
        return Tier(key, name, self.rotation(value, at))

    def rotation(self, value: Mapping[str, Any], at: str) -> Rotation:
        people = tuple(
            self.person_ref(raw, f"{at}.rotation[{i}]")
            for i, raw in enumerate(_list(value.get("rotation"), f"{at}.rotation", need=True))
        )
        handover = _mapping(value.get("handover"), f"{at}.handover", {"day", "time"})
        day = _text(handover.get("day"), f"{at}.handover.day").lower()
        if day not in DAYS:
            raise RotaFileError(f"{at}.handover.day", f"{day!r} is not a day of the week")
        starts = _date(value.get("starts"), f"{at}.starts")
        if DAYS[starts.weekday()] != day:
            problem = f"{starts} is a {DAYS[starts.weekday()]}, but handover.day is {day}"
            raise RotaFileError(f"{at}.starts", problem)
        ends = _date(value["ends"], f"{at}.ends") if value.get("ends") is not None else None
        if ends is not None and ends <= starts:
            raise RotaFileError(f"{at}.ends", "must be after starts")
        weeks = value.get("shift_weeks", 1)
        if not isinstance(weeks, int) or isinstance(weeks, bool) or weeks < 1:
            raise RotaFileError(f"{at}.shift_weeks", "must be a whole number of weeks, 1 or more")
        clock = _time(handover.get("time"), f"{at}.handover.time")
        return Rotation(people, starts, clock, weeks, ends)

    def override(self, raw: Any, at: str, tiers: set[str]) -> Override:
        value = _mapping(raw, at, {"tier", "person", "from", "until", "reason"})
        tier = _text(value.get("tier"), f"{at}.tier")
        if tier not in tiers:
            raise RotaFileError(f"{at}.tier", f"no tier {tier!r} in rota.tiers")
        person = self.person_ref(value.get("person"), f"{at}.person")
        starts = _datetime(value.get("from"), f"{at}.from", self.zone)
        ends = _datetime(value.get("until"), f"{at}.until", self.zone)
        if ends <= starts:
            raise RotaFileError(f"{at}.until", "must be after from")
        return Override(tier, person, starts, ends, str(value.get("reason", "")))

    def person_ref(self, raw: Any, at: str) -> Person:
        """A person given inline, or by their key in rota.people."""
        if isinstance(raw, str):
            if raw not in self.people:
                raise RotaFileError(at, f"unknown person {raw!r} (not in rota.people)")
            return self.people[raw]
        return self.person(raw, at)

    def person(self, raw: Any, at: str) -> Person:
        value = _mapping(raw, at, {"name", "slack", "mobile"})
        slack = value.get("slack")
        if slack is not None and not (isinstance(slack, str) and _SLACK_USER.fullmatch(slack)):
            raise RotaFileError(f"{at}.slack", "not a Slack user id (like U04ABCDE12)")
        name = _text(value.get("name"), f"{at}.name")
        return Person(name, _mobile(value.get("mobile"), f"{at}.mobile"), slack)


def _mobile(raw: Any, at: str) -> str:
    """An E.164 number; a YAML number or a national format gets a hint how to write it."""
    if raw is None:
        raise RotaFileError(at, "missing; every person needs a mobile for SMS and calls")
    text = str(raw)
    if isinstance(raw, str) and _E164.fullmatch(text) and _possible(text):
        return text
    hint = ""
    if isinstance(raw, int):
        hint = f' (write it in quotes: "+{text}")'
    elif _possible(text, "GB"):
        e164 = phonenumbers.format_number(
            phonenumbers.parse(text, "GB"), phonenumbers.PhoneNumberFormat.E164
        )
        hint = f' (write it as "{e164}")'
    return _fail(at, f"not an E.164 number{hint}")


def _possible(text: str, region: str | None = None) -> bool:
    # "Possible", not "valid": Ofcom's drama numbers (07700 900xxx) are invalid to
    # libphonenumber but are what examples and tests must use.
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(text, region))
    except phonenumbers.NumberParseException:
        return False


def _zone(raw: Any, at: str) -> ZoneInfo:
    try:
        return ZoneInfo(_text(raw, at))
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise RotaFileError(at, f"{raw!r} is not a time zone (like Europe/London)") from err


def _date(raw: Any, at: str) -> date:
    if isinstance(raw, date) and not isinstance(raw, datetime):
        return raw
    try:
        return date.fromisoformat(_text(raw, at))
    except ValueError as err:
        raise RotaFileError(at, f"{raw!r} is not a date like 2026-01-05") from err


def _time(raw: Any, at: str) -> time:
    if isinstance(raw, time):
        return raw
    if isinstance(raw, int) and not isinstance(raw, bool):  # YAML 1.1 reads 17:00 as 1020
        return _fail(at, 'put the time in quotes, like "17:00"')
    try:
        return time.fromisoformat(_text(raw, at))
    except ValueError as err:
        raise RotaFileError(at, f"{raw!r} is not a time like 09:00") from err


def _datetime(raw: Any, at: str, zone: ZoneInfo) -> datetime:
    """A date and time; without an offset it is wall-clock time in the rota's zone."""
    if isinstance(raw, datetime):
        moment = raw
    elif isinstance(raw, date):
        return _fail(at, "give a time as well, like 2026-12-24 17:00")
    else:
        try:
            moment = datetime.fromisoformat(_text(raw, at))
        except ValueError as err:
            raise RotaFileError(at, f"{raw!r} is not a date and time") from err
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def _text(raw: Any, at: str) -> str:
    if raw is None:
        return _fail(at, "missing")
    if not isinstance(raw, str) or not raw.strip():
        return _fail(at, f"expected text, got {raw!r}")
    return raw.strip()


def _mapping(raw: Any, at: str, allowed: set[str] | None) -> Mapping[str, Any]:
    if raw is None:
        return _fail(at, "missing")
    if not isinstance(raw, Mapping):
        return _fail(at, f"expected a mapping, got {type(raw).__name__}")
    unknown = sorted(str(k) for k in raw if allowed is not None and k not in allowed)
    if unknown:
        expected = ", ".join(sorted(allowed or ()))
        return _fail(f"{at}.{unknown[0]}", f"unknown field (expected one of: {expected})")
    return raw


def _list(raw: Any, at: str, need: bool = False) -> list[Any]:
    if not isinstance(raw, list):
        return _fail(at, "missing" if raw is None else "expected a list")
    if need and not raw:
        return _fail(at, "must not be empty")
    return raw


def _unique(keys: list[str], at: str, name: str) -> None:
    for i, key in enumerate(keys):
        if key in keys[:i]:
            raise RotaFileError(f"{at}[{i}].{name}", f"duplicate {name} {key!r}")


def _fail(at: str, problem: str) -> NoReturn:
    raise RotaFileError(at, problem)
