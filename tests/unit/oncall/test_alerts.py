"""Alert state: acknowledgement stops paging, fencing tokens, grouping, SMS ack codes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from contact_hub.domain.alerts.escalation import (
    after_step,
    escalation_step,
    is_current_job,
    open_alert,
)
from contact_hub.domain.alerts.model import (
    ACK_CODE_ALPHABET,
    ACK_CODE_LENGTH,
    Actor,
    Alert,
    AlertState,
    Incident,
    Via,
    acknowledge,
    find_open_alert,
    join,
    matches_open_alert,
    new_ack_code,
    parse_ack_reply,
    parse_resolve_reply,
    reminder_due,
    resolve,
)
from contact_hub.domain.alerts.rota import on_call_at
from tests.unit.oncall.rotas import FALLBACK, london, three_tier_rota

OPENED = london(2026, 10, 25, 1, 30)  # inside the repeated hour of the October change
GAS_AT_FLAT_3 = Incident(frozenset({"gas"}), uprn="100023336956", block="BLK-ELM-COURT",
                         address="Flat 3, Elm Court, 12 Example Road")
PRIYA = Actor("Priya Shah", slack_user_id="U04PSHAH01")
BEN_BY_SMS = Actor("Ben Okafor", phone="+447700900102")


def new_alert(**changes: object) -> Alert:
    alert = open_alert("ALR-1", contact_id="C-1", incident=GAS_AT_FLAT_3, opened_at=OPENED,
                       ack_code="K7Q2", escalation_token="job-0")
    return alert if not changes else join(alert, **changes)  # type: ignore[arg-type]


def on_call(minutes: int = 0):
    return on_call_at(three_tier_rota(), OPENED + timedelta(minutes=minutes),
                      fallback_number=FALLBACK)


def test_new_alert_pages_at_once():
    alert = new_alert()
    result = escalation_step(alert, OPENED, on_call())
    assert alert.next_step_due == OPENED and result.notifications


def test_acknowledged_alert_pages_nobody_and_schedules_nothing():
    alert = acknowledge(new_alert(), PRIYA, OPENED + timedelta(minutes=3), Via.SLACK)
    result = escalation_step(alert, OPENED + timedelta(minutes=5), on_call(5))
    assert result.notifications == () and result.next_step_due is None


def test_acknowledgement_records_who_when_and_how():
    at = OPENED + timedelta(minutes=7)
    alert = acknowledge(new_alert(), BEN_BY_SMS, at, Via.SMS)
    assert alert.state is AlertState.ACKNOWLEDGED and alert.acknowledged is not None
    assert (alert.acknowledged.by, alert.acknowledged.at, alert.acknowledged.via) == (
        BEN_BY_SMS, at, Via.SMS)


def test_first_acknowledgement_stands_when_two_people_press_the_button():
    first = acknowledge(new_alert(), PRIYA, OPENED + timedelta(minutes=1), Via.SLACK)
    second = acknowledge(first, BEN_BY_SMS, OPENED + timedelta(minutes=2), Via.SMS)
    assert second.acknowledged is not None and second.acknowledged.by == PRIYA


def test_resolving_an_unacknowledged_alert_stops_paging_too():
    alert = resolve(new_alert(), PRIYA, OPENED + timedelta(minutes=4), Via.API)
    assert alert.state is AlertState.RESOLVED and alert.acknowledged is None
    assert escalation_step(alert, OPENED + timedelta(minutes=5), on_call(5)).notifications == ()


def test_resolve_after_acknowledge_keeps_both_records_and_cannot_be_acknowledged_again():
    acked = acknowledge(new_alert(), PRIYA, OPENED + timedelta(minutes=2), Via.SLACK)
    done = resolve(acked, BEN_BY_SMS, OPENED + timedelta(minutes=50), Via.SLACK)
    assert done.acknowledged is not None and done.acknowledged.by == PRIYA
    assert done.resolved is not None and done.resolved.by == BEN_BY_SMS
    assert acknowledge(done, BEN_BY_SMS, OPENED + timedelta(hours=1), Via.SMS) == done
    assert resolve(done, PRIYA, OPENED + timedelta(hours=2), Via.API) == done


def test_stale_step_job_is_fenced_off_once_the_next_job_is_scheduled():
    alert = new_alert()
    result = escalation_step(alert, OPENED, on_call())
    alert = after_step(alert, result, next_token="job-1")
    assert (alert.step_index, alert.next_step_due) == (1, OPENED + timedelta(minutes=5))
    assert is_current_job(alert, "job-1") and not is_current_job(alert, "job-0")


def test_acknowledging_fences_off_the_queued_step_job():
    alert = after_step(new_alert(), escalation_step(new_alert(), OPENED, on_call()), "job-1")
    acked = acknowledge(alert, PRIYA, OPENED + timedelta(minutes=2), Via.SLACK)
    assert not is_current_job(acked, "job-1")
    assert after_step(acked, escalation_step(acked, OPENED, on_call()), "job-2") == acked


# --- grouping ------------------------------------------------------------------------


def test_second_report_of_gas_in_the_same_block_joins_the_alert():
    flat_9 = Incident(frozenset({"Gas"}), block="BLK-ELM-COURT", address="Flat 9, Elm Court")
    assert matches_open_alert(new_alert(), flat_9, OPENED + timedelta(minutes=40))


def test_same_address_written_differently_joins():
    typed = Incident(frozenset({"gas"}), address="flat 3 elm court, 12 example road.")
    assert matches_open_alert(new_alert(), typed, OPENED + timedelta(minutes=5))


@pytest.mark.parametrize(
    ("incident", "minutes"),
    [
        (Incident(frozenset({"fire"}), block="BLK-ELM-COURT"), 10),
        (Incident(frozenset({"gas"}), block="BLK-OAK-HOUSE"), 10),
        (Incident(frozenset({"gas"}), uprn="100023336956"), 121),
        (Incident(frozenset(), uprn="100023336956"), 10),
        (Incident(frozenset({"gas"})), 10),
    ],
    ids=["different-hazard", "different-block", "after-the-window", "no-hazard", "no-place"],
)
def test_reports_that_might_be_a_new_emergency_page_again(incident, minutes):
    assert not matches_open_alert(new_alert(), incident, OPENED + timedelta(minutes=minutes))


def test_resolved_alert_takes_no_new_reports():
    done = resolve(new_alert(), PRIYA, OPENED + timedelta(minutes=30), Via.SLACK)
    assert not matches_open_alert(done, GAS_AT_FLAT_3, OPENED + timedelta(minutes=40))


def test_acknowledged_alert_still_gathers_reports_of_the_same_incident():
    acked = acknowledge(new_alert(), PRIYA, OPENED + timedelta(minutes=3), Via.SLACK)
    assert matches_open_alert(acked, GAS_AT_FLAT_3, OPENED + timedelta(minutes=30))


def test_window_runs_from_the_latest_report():
    later = new_alert(contact_id="C-2", incident=GAS_AT_FLAT_3, at=OPENED + timedelta(minutes=100))
    assert matches_open_alert(later, GAS_AT_FLAT_3, OPENED + timedelta(minutes=210))
    assert later.contact_ids == ("C-1", "C-2")


def test_joining_the_same_contact_twice_changes_nothing():
    once = new_alert(contact_id="C-2", incident=GAS_AT_FLAT_3, at=OPENED + timedelta(minutes=5))
    assert join(once, "C-2", GAS_AT_FLAT_3, OPENED + timedelta(minutes=9)) == once


def test_find_open_alert_picks_the_most_recent_match():
    older = new_alert()
    newer = open_alert("ALR-2", contact_id="C-5", incident=GAS_AT_FLAT_3,
                       opened_at=OPENED + timedelta(minutes=20), ack_code="M3XP",
                       escalation_token="job-a")
    found = find_open_alert([older, newer], GAS_AT_FLAT_3, OPENED + timedelta(minutes=25))
    assert found is newer
    assert find_open_alert([older], Incident(frozenset({"fire"})), OPENED) is None


# --- acknowledgement codes -----------------------------------------------------------


def test_ack_codes_avoid_characters_that_are_easy_to_misread():
    assert not set("0O1IL") & set(ACK_CODE_ALPHABET)
    codes = {new_ack_code(()) for _ in range(200)}
    assert all(len(c) == ACK_CODE_LENGTH and set(c) <= set(ACK_CODE_ALPHABET) for c in codes)


def test_ack_code_is_never_one_already_in_use():
    draws = iter([0, 0, 0, 0, 0, 0, 0, 1])  # first draw gives "2222", then "2223"
    code = new_ack_code({"2222"}, randbelow=lambda _: next(draws))
    assert code == "2223"


@pytest.mark.parametrize(
    ("reply", "code"),
    [
        ("ACK K7Q2", "K7Q2"), ("ack k7q2", "K7Q2"), ("K7Q2", "K7Q2"), ("  Ack: k7q2. ", "K7Q2"),
        ("ACK-K7Q2", "K7Q2"), ("Acknowledged K7Q2", "K7Q2"), ("ACK K7Q2 on my way", "K7Q2"),
        ("ACK", None), ("OK", None), ("K7Q2 on my way", None), ("ACK thanks", None),
        ("ACK K7Q20", None), ("KOQ2", None), ("STOP", None), ("", None),
    ],
)
def test_sms_acknowledgement_reply_parsing(reply, code):
    assert parse_ack_reply(reply) == code


@pytest.mark.parametrize(
    ("reply", "code"),
    [
        ("RESOLVED K7Q2", "K7Q2"), ("resolve k7q2", "K7Q2"), ("Done K7Q2 all safe now", "K7Q2"),
        ("fixed: k7q2", "K7Q2"), ("SAFE K7Q2", "K7Q2"),
        ("K7Q2", None),  # a bare code only ever acknowledges
        ("ACK K7Q2", None), ("RESOLVED", None), ("done with the bins", None),
        ("K7Q2 resolved", None), ("RESOLVED K7Q20", None),
    ],
)
def test_sms_resolve_reply_parsing(reply, code):
    assert parse_resolve_reply(reply) == code


def test_reminders_fall_due_every_interval_after_the_acknowledgement_only_while_unresolved():
    every = timedelta(hours=2)
    acked = acknowledge(new_alert(), PRIYA, OPENED + timedelta(minutes=3), Via.SLACK)
    at = OPENED + timedelta(minutes=3)
    assert reminder_due(new_alert(), at + timedelta(days=1), every) == 0  # still paging
    assert reminder_due(acked, at + timedelta(minutes=119), every) == 0
    assert reminder_due(acked, at + every, every) == 1
    assert reminder_due(acked, at + timedelta(hours=7), every) == 3  # the caller sends one
    assert reminder_due(acked, at - timedelta(minutes=1), every) == 0  # clock skew
    assert reminder_due(acked, at + timedelta(days=1), timedelta(0)) == 0  # turned off
    done = resolve(acked, BEN_BY_SMS, at + timedelta(hours=3), Via.SMS)
    assert reminder_due(done, at + timedelta(hours=9), every) == 0
