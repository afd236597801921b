"""Escalation step choice: who is paged when, with a clock the test controls."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from contact_hub.domain.alerts.escalation import (
    DEFAULT_POLICY,
    FALLBACK,
    EscalationPolicy,
    Notify,
    NotifyKind,
    PolicyError,
    PolicyStep,
    from_snapshot,
    next_step,
    to_snapshot,
    unknown_tiers,
)
from contact_hub.domain.alerts.rota import Rota, on_call_at
from tests.unit.oncall.rotas import BEN, GRACE, MAREK, london, three_tier_rota, weekly
from tests.unit.oncall.rotas import FALLBACK as FALLBACK_NUMBER

OPENED = london(2026, 7, 1, 2, 0)  # a Wednesday night; Ben has repairs that week
SMS, VOICE, SLACK = NotifyKind.SMS, NotifyKind.VOICE, NotifyKind.SLACK_CHANNEL


@dataclass
class Page:
    minute: float
    kind: NotifyKind
    name: str


def run_escalation(
    rota: Rota, *, until_minutes: int, delays: dict[int, int] | None = None,
    snapshot: dict | None = None,
) -> list[Page]:
    """Play the worker: run each step job when due (plus any delay), as RQ would."""
    snapshot = snapshot or to_snapshot(DEFAULT_POLICY)
    delays = delays or {}
    pages: list[Page] = []
    index, due = 0, OPENED
    while due <= OPENED + timedelta(minutes=until_minutes):
        now = due + timedelta(minutes=delays.get(index, 0))
        on_call = on_call_at(rota, now, fallback_number=FALLBACK_NUMBER)
        result = next_step(snapshot, index, OPENED, now, on_call)
        minute = (now - OPENED) / timedelta(minutes=1)
        pages += [Page(minute, n.kind, n.target.name) for n in result.notifications]
        assert result.next_step_due is not None and result.next_step_due >= now
        index, due = result.next_step_index, result.next_step_due
    return pages


def at_minute(pages: list[Page], minute: float) -> set[tuple[NotifyKind, str]]:
    return {(p.kind, p.name) for p in pages if p.minute == minute}


def test_first_round_pages_primary_then_second_line_then_duty_manager():
    pages = run_escalation(three_tier_rota(), until_minutes=19)
    assert at_minute(pages, 0) == {(SLACK, BEN.name), (SMS, BEN.name)}
    assert at_minute(pages, 5) == {(VOICE, BEN.name)}
    assert at_minute(pages, 10) == {(SMS, MAREK.name), (VOICE, MAREK.name)}
    assert at_minute(pages, 15) == {(SMS, GRACE.name), (VOICE, GRACE.name)}
    assert sorted({p.minute for p in pages}) == [0, 5, 10, 15]


def test_rounds_repeat_twice_then_duty_manager_and_fallback_every_ten_minutes():
    pages = run_escalation(three_tier_rota(), until_minutes=90)
    assert at_minute(pages, 20) == at_minute(pages, 0)
    assert at_minute(pages, 55) == at_minute(pages, 15)
    keep = {(SMS, GRACE.name), (VOICE, GRACE.name), (SMS, "Fallback number"),
            (VOICE, "Fallback number")}
    assert [at_minute(pages, m) == keep for m in (60, 70, 80, 90)] == [True] * 4


def test_unacknowledged_alert_is_still_paging_a_day_later():
    pages = run_escalation(three_tier_rota(), until_minutes=24 * 60)
    assert max(p.minute for p in pages) == 24 * 60
    assert {p.name for p in pages if p.minute > 23 * 60} == {GRACE.name, "Fallback number"}


def test_primary_gap_falls_through_so_the_first_page_still_goes_out():
    rota = three_tier_rota(repairs=weekly(BEN, first=date(2026, 1, 5), ends=date(2026, 6, 1)))
    on_call = on_call_at(rota, OPENED, fallback_number=FALLBACK_NUMBER)
    result = next_step(to_snapshot(DEFAULT_POLICY), 0, OPENED, OPENED, on_call)
    sms = [n for n in result.notifications if n.kind is SMS]
    assert [(n.target.name, n.tier, n.target.covering_for) for n in sms] == [
        (MAREK.name, "repairs", "repairs")]


def test_a_number_is_paged_once_per_step_even_when_two_tiers_fall_to_it():
    rota = three_tier_rota(repairs=weekly(BEN, first=date(2027, 1, 4)))  # repairs not started
    step = PolicyStep(timedelta(0), (Notify(SMS, "repairs"), Notify(SMS, "second_line")))
    policy = EscalationPolicy((step,), 0, timedelta(minutes=10), (Notify(SMS, FALLBACK),),
                              timedelta(minutes=10))
    on_call = on_call_at(rota, OPENED, fallback_number=FALLBACK_NUMBER)
    result = next_step(to_snapshot(policy), 0, OPENED, OPENED, on_call)
    assert [n.target.name for n in result.notifications] == [MAREK.name]


def test_job_that_runs_early_pages_nobody_and_keeps_its_step():
    on_call = on_call_at(three_tier_rota(), OPENED, fallback_number=FALLBACK_NUMBER)
    early = OPENED + timedelta(minutes=3)
    result = next_step(to_snapshot(DEFAULT_POLICY), 1, OPENED, early, on_call)
    assert result.notifications == ()
    assert (result.next_step_index, result.next_step_due) == (1, OPENED + timedelta(minutes=5))


def test_after_a_two_hour_outage_the_chain_catches_up_without_replaying_every_page():
    pages = run_escalation(three_tier_rota(), until_minutes=135, delays={1: 120})
    burst = [p for p in pages if p.minute == 125]
    names = {p.name for p in burst}
    assert {BEN.name, MAREK.name, GRACE.name, "Fallback number"} <= names
    assert len(burst) <= 12  # replaying every missed step would send over 30 pages at once
    assert at_minute(pages, 130)  # back on the ten-minute rhythm


def test_late_job_does_not_push_the_rest_of_the_chain_later():
    pages = run_escalation(three_tier_rota(), until_minutes=19, delays={1: 3})
    assert sorted({p.minute for p in pages}) == [0, 8, 10, 15]


def test_policy_in_the_snapshot_is_the_one_followed():
    quick = EscalationPolicy(
        (PolicyStep(timedelta(0), (Notify(SMS, "repairs"),)),
         PolicyStep(timedelta(minutes=2), (Notify(VOICE, "duty_manager"),))),
        0, timedelta(minutes=3), (Notify(VOICE, FALLBACK),), timedelta(minutes=1))
    pages = run_escalation(three_tier_rota(), until_minutes=5, snapshot=to_snapshot(quick))
    assert [(p.minute, p.kind, p.name) for p in pages] == [
        (0, SMS, BEN.name), (2, VOICE, GRACE.name), (3, VOICE, "Fallback number"),
        (4, VOICE, "Fallback number"), (5, VOICE, "Fallback number")]


def test_snapshot_is_plain_json_and_round_trips():
    snapshot = json.loads(json.dumps(to_snapshot(DEFAULT_POLICY)))
    assert from_snapshot(snapshot) == DEFAULT_POLICY
    assert snapshot["steps"][1] == {"after_minutes": 5, "notify": [{"kind": "voice",
                                                                   "tier": "repairs"}]}


def test_corrupt_snapshot_names_the_field():
    snapshot = to_snapshot(DEFAULT_POLICY)
    snapshot["steps"][2]["notify"][0]["kind"] = "pigeon"
    with pytest.raises(PolicyError, match=r"steps\[2\]\.notify\[0\]\.kind"):
        from_snapshot(snapshot)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"steps": (PolicyStep(timedelta(minutes=5), (Notify(SMS, "repairs"),)),)}, "at 0"),
        ({"keep_paging": (Notify(SLACK, "repairs"),)}, "sms or voice"),
        ({"round_length": timedelta(minutes=15)}, "longer than the last step"),
        ({"repeat": 50}, "between 0 and 10"),
    ],
    ids=["first-step-waits", "keep-paging-only-slack", "round-too-short", "endless-repeats"],
)
def test_policies_that_could_delay_or_drop_pages_are_refused(change, message):
    fields = {"steps": DEFAULT_POLICY.steps, "repeat": 2, "round_length": timedelta(minutes=20),
              "keep_paging": DEFAULT_POLICY.keep_paging,
              "keep_paging_every": timedelta(minutes=10)} | change
    with pytest.raises(PolicyError, match=message):
        EscalationPolicy(**fields)


def test_policy_tiers_missing_from_the_rota_are_reported():
    assert unknown_tiers(DEFAULT_POLICY, ["repairs", "duty_manager"]) == {"second_line"}

