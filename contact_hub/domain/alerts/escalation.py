"""Emergency escalation: the policy and the pure choice of the next step for an alert.

The shape follows Grafana OnCall (see reference/code-style-anchors.md, lessons 9-10):
an alert keeps a JSON snapshot of the policy taken when it opens, one job runs one step,
and a fencing token (`Alert.escalation_token`) makes stale or duplicate jobs no-ops.
Nothing here does I/O: the caller passes the clock (`now`) and who is on call.

Step times are fixed offsets from `opened_at`, so a late job never shifts the whole
chain; a job that runs after a long outage skips rounds it missed instead of replaying
every page at once. While an alert is open there is always a next step.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from contact_hub.domain.alerts.model import Alert, Incident
from contact_hub.domain.alerts.rota import OnCallNow, Responder

SNAPSHOT_VERSION = 1
FALLBACK = "fallback"  # a target "tier" meaning ONCALL_FALLBACK_NUMBER


class NotifyKind(StrEnum):
    SLACK_CHANNEL = "slack_channel"
    SMS = "sms"
    VOICE = "voice"


class PolicyError(ValueError):
    """A policy or snapshot is malformed; the message names the bad field."""


@dataclass(frozen=True)
class Notify:
    """One thing a step does: `kind` aimed at a tier's on-call person (or FALLBACK)."""

    kind: NotifyKind
    tier: str


@dataclass(frozen=True)
class PolicyStep:
    """Notifications sent `after` the start of a round, if still unacknowledged."""

    after: timedelta
    notify: tuple[Notify, ...]


@dataclass(frozen=True)
class EscalationPolicy:
    """Steps run in rounds: the first round, then `repeat` more, each `round_length` apart.

    After the last round, `keep_paging` is sent every `keep_paging_every` until someone
    acknowledges: the chain never just stops.
    """

    steps: tuple[PolicyStep, ...]
    repeat: int
    round_length: timedelta
    keep_paging: tuple[Notify, ...]
    keep_paging_every: timedelta
    name: str = "emergency"

    def __post_init__(self) -> None:
        _check_policy(self)

    @property
    def repeating_steps(self) -> int:
        """How many step indexes the rounds use; later indexes are keep-paging steps."""
        return len(self.steps) * (self.repeat + 1)


def _check_policy(policy: EscalationPolicy) -> None:
    offsets = [step.after for step in policy.steps]
    if not offsets or offsets[0] != timedelta(0):
        raise PolicyError("steps: the first step must be at 0 minutes (page at once)")
    if offsets != sorted(offsets) or any(not step.notify for step in policy.steps):
        raise PolicyError("steps: offsets must not decrease and every step must notify")
    if policy.round_length <= offsets[-1]:
        raise PolicyError("round_minutes: must be longer than the last step's offset")
    if not 0 <= policy.repeat <= 10:
        raise PolicyError("repeat: must be between 0 and 10")
    if not any(n.kind is not NotifyKind.SLACK_CHANNEL for n in policy.keep_paging):
        raise PolicyError("keep_paging.notify: must include an sms or voice page")
    if policy.keep_paging_every < timedelta(minutes=1):
        raise PolicyError("keep_paging.every_minutes: must be at least 1")


DEFAULT_POLICY = EscalationPolicy(
    steps=(
        PolicyStep(timedelta(0), (Notify(NotifyKind.SLACK_CHANNEL, "repairs"),
                                  Notify(NotifyKind.SMS, "repairs"))),
        PolicyStep(timedelta(minutes=5), (Notify(NotifyKind.VOICE, "repairs"),)),
        PolicyStep(timedelta(minutes=10), (Notify(NotifyKind.SMS, "second_line"),
                                           Notify(NotifyKind.VOICE, "second_line"))),
        PolicyStep(timedelta(minutes=15), (Notify(NotifyKind.SMS, "duty_manager"),
                                           Notify(NotifyKind.VOICE, "duty_manager"))),
    ),
    repeat=2,
    round_length=timedelta(minutes=20),
    keep_paging=(Notify(NotifyKind.SMS, "duty_manager"), Notify(NotifyKind.VOICE, "duty_manager"),
                 Notify(NotifyKind.SMS, FALLBACK), Notify(NotifyKind.VOICE, FALLBACK)),
    keep_paging_every=timedelta(minutes=10),
)
"""Slack + SMS to the primary at once, a call at 5 min, second line at 10, duty manager
at 15; two more rounds 20 minutes apart; then duty manager + fallback every 10 minutes."""


# --- snapshot (the JSON the alert row keeps) ---------------------------------------


def to_snapshot(policy: EscalationPolicy) -> dict[str, Any]:
    """The policy as a JSON-able dict, stored on the alert when it opens."""
    return {
        "version": SNAPSHOT_VERSION,
        "name": policy.name,
        "steps": [
            {"after_minutes": _minutes(s.after), "notify": _notify_dicts(s.notify)}
            for s in policy.steps
        ],
        "repeat": policy.repeat,
        "round_minutes": _minutes(policy.round_length),
        "keep_paging": {
            "every_minutes": _minutes(policy.keep_paging_every),
            "notify": _notify_dicts(policy.keep_paging),
        },
    }


def from_snapshot(snapshot: Mapping[str, Any]) -> EscalationPolicy:
    """Rebuild a policy from `to_snapshot` output; raises PolicyError naming the field."""
    try:
        if snapshot["version"] != SNAPSHOT_VERSION:
            raise PolicyError(f"version: unsupported snapshot version {snapshot['version']!r}")
        steps = tuple(
            PolicyStep(timedelta(minutes=s["after_minutes"]), _notifies(s["notify"], f"steps[{i}]"))
            for i, s in enumerate(snapshot["steps"])
        )
        keep = snapshot["keep_paging"]
        return EscalationPolicy(
            steps=steps,
            repeat=int(snapshot["repeat"]),
            round_length=timedelta(minutes=snapshot["round_minutes"]),
            keep_paging=_notifies(keep["notify"], "keep_paging"),
            keep_paging_every=timedelta(minutes=keep["every_minutes"]),
            name=str(snapshot.get("name", "emergency")),
        )
    except (KeyError, TypeError) as err:
        raise PolicyError(f"snapshot is missing or mistypes a field: {err}") from err


def unknown_tiers(policy: EscalationPolicy, tier_keys: Iterable[str]) -> set[str]:
    """Tiers the policy names that the rota lacks (check at start-up; pages still fall back)."""
    named = {n.tier for s in policy.steps for n in s.notify} | {n.tier for n in policy.keep_paging}
    return named - set(tier_keys) - {FALLBACK}


def _minutes(delta: timedelta) -> int | float:
    minutes = delta / timedelta(minutes=1)
    return int(minutes) if minutes.is_integer() else minutes


def _notify_dicts(notify: Iterable[Notify]) -> list[dict[str, str]]:
    return [{"kind": n.kind.value, "tier": n.tier} for n in notify]


def _notifies(raw: Iterable[Mapping[str, str]], where: str) -> tuple[Notify, ...]:
    found = []
    for j, item in enumerate(raw):
        try:
            found.append(Notify(NotifyKind(item["kind"]), str(item["tier"])))
        except ValueError as err:
            raise PolicyError(f"{where}.notify[{j}].kind: {item['kind']!r} is not a kind") from err
    return tuple(found)


# --- step choice -----------------------------------------------------------------


@dataclass(frozen=True)
class Notification:
    """Page `target` by `kind`; `tier` is what the policy asked for (may have fallen through).

    For SLACK_CHANNEL the target is the person to mention in the channel post.
    """

    kind: NotifyKind
    target: Responder
    tier: str


@dataclass(frozen=True)
class StepResult:
    """What one escalation job should do, and when the next one is due.

    `next_step_due` is None only when the alert is no longer open; otherwise it is
    never earlier than `now`, so it can go straight to `enqueue_at`.
    """

    notifications: tuple[Notification, ...]
    next_step_index: int
    next_step_due: datetime | None
    is_repeat: bool = False  # a later round: post to Slack threads, don't re-post


def step_due_at(policy: EscalationPolicy, opened_at: datetime, step_index: int) -> datetime:
    """When step `step_index` is due: a fixed offset from the alert opening."""
    if step_index < policy.repeating_steps:
        round_number, position = divmod(step_index, len(policy.steps))
        return opened_at + round_number * policy.round_length + policy.steps[position].after
    keep_start = opened_at + (policy.repeat + 1) * policy.round_length
    return keep_start + (step_index - policy.repeating_steps) * policy.keep_paging_every


def next_step(
    snapshot: Mapping[str, Any],
    step_index: int,
    opened_at: datetime,
    now: datetime,
    on_call: OnCallNow,
) -> StepResult:
    """Choose the notifications for `step_index` and schedule the step after it.

    A job that runs before its step is due (a duplicate, clock skew) pages nobody and
    reschedules the same step. Callers must not call this for an alert that is not
    open; `escalation_step` does that check.
    """
    policy = from_snapshot(snapshot)
    due = step_due_at(policy, opened_at, step_index)
    if due > now:
        return StepResult((), step_index, due)
    following = _next_index(policy, opened_at, step_index, now)
    return StepResult(
        notifications=_resolve(_step_notifies(policy, step_index), on_call),
        next_step_index=following,
        next_step_due=max(step_due_at(policy, opened_at, following), now),
        is_repeat=step_index >= len(policy.steps),
    )


def _step_notifies(policy: EscalationPolicy, step_index: int) -> tuple[Notify, ...]:
    if step_index < policy.repeating_steps:
        return policy.steps[step_index % len(policy.steps)].notify
    return policy.keep_paging


def _next_index(policy: EscalationPolicy, opened_at: datetime, index: int, now: datetime) -> int:
    """The step after `index`, skipping whole rounds that are already overdue.

    Skipped rounds page the same tiers as the round we jump to, so nobody is missed;
    each step inside the current round still runs, so every tier is reached.
    """
    following = index + 1
    size = len(policy.steps)
    if following < policy.repeating_steps:
        position = following % size
        first_due = opened_at + policy.steps[position].after
        latest_round = (now - first_due) // policy.round_length if now >= first_due else 0
        return max(following, min(latest_round, policy.repeat) * size + position)
    keep_start = step_due_at(policy, opened_at, policy.repeating_steps)
    if now < keep_start:
        return following
    latest = policy.repeating_steps + (now - keep_start) // policy.keep_paging_every
    return max(following, latest)


def _resolve(notify: Iterable[Notify], on_call: OnCallNow) -> tuple[Notification, ...]:
    """Turn tiers into people, falling through gaps; page each number once per kind."""
    found: list[Notification] = []
    seen: set[tuple[NotifyKind, str]] = set()
    for n in notify:
        target = on_call.fallback() if n.tier == FALLBACK else on_call.responder_for(n.tier)
        key = (n.kind, "" if n.kind is NotifyKind.SLACK_CHANNEL else target.mobile)
        if key not in seen:
            seen.add(key)
            found.append(Notification(n.kind, target, n.tier))
    return tuple(found)


# --- steps for an alert ---------------------------------------------------------------


def open_alert(
    alert_id: str, *, contact_id: str, incident: Incident, opened_at: datetime,
    ack_code: str, escalation_token: str, policy: EscalationPolicy = DEFAULT_POLICY,
) -> Alert:
    """A new open alert with the policy snapshotted and step 0 due at once."""
    return Alert(
        id=alert_id, ack_code=ack_code, opened_at=opened_at, policy_snapshot=to_snapshot(policy),
        incident=incident, contact_ids=(contact_id,), last_contact_at=opened_at,
        next_step_due=opened_at, escalation_token=escalation_token,
    )


def is_current_job(alert: Alert, token: str) -> bool:
    """True if a step job holding `token` may run: the alert is open and the token current."""
    return alert.is_paging and alert.escalation_token == token


def escalation_step(alert: Alert, now: datetime, on_call: OnCallNow) -> StepResult:
    """The next step for this alert; pages nobody and stops once it is not open."""
    if not alert.is_paging:
        return StepResult((), alert.step_index, None)
    return next_step(alert.policy_snapshot, alert.step_index, alert.opened_at, now, on_call)


def after_step(alert: Alert, result: StepResult, next_token: str) -> Alert:
    """Record a step's outcome and the token of the job that will run the next one."""
    if not alert.is_paging or result.next_step_due is None:
        return alert
    return replace(alert, step_index=result.next_step_index,
                   next_step_due=result.next_step_due, escalation_token=next_token)
