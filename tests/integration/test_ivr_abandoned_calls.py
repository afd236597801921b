"""Abandoned IVR calls (issue 20, contact KPIs): a caller who hangs up before choosing an
option or leaving a message is counted from Twilio's signed status callback; one who got
somewhere is not, whatever order the callbacks come in."""

from __future__ import annotations

from sqlalchemy import select

from contact_hub.storage.reports.models import IvrCall
from tests.integration.test_agent_queues import bearer
from tests.integration.test_voice import (  # noqa: F401 - the voice settings fixtures
    VOICE,
    call_form,
    recording_form,
    rota_file,
    say,
    settings,
)

DAY = "from=2026-11-23&to=2026-11-23"


def _sid(n: int) -> str:
    return "CA" + str(n) * 32


def _ended(client, twilio, n: int, status: str = "completed", **extra: str) -> None:
    form = call_form(call_sid=_sid(n), CallStatus=status, **{"CallDuration": "12", **extra})
    say(client, twilio, f"{VOICE}/status", form)


def _calls(container) -> dict[str, IvrCall]:
    with container.sessions() as session:
        return {row.call_sid: row for row in session.scalars(select(IvrCall))}


def test_calls_ended_before_the_caller_got_anywhere_are_abandoned(client, twilio, container):
    # 1: heard the safety advice and the menu, hung up.
    say(client, twilio, VOICE, call_form(call_sid=_sid(1)))
    _ended(client, twilio, 1)
    _ended(client, twilio, 1)  # Twilio retried the callback: still one call
    # 2: asked for an advisor, was put through, then hung up.
    say(client, twilio, f"{VOICE}/menu?attempt=1", call_form(call_sid=_sid(2),
                                                              SpeechResult="advisor"))
    _ended(client, twilio, 2)
    # 3: the emergency option (its contact shows the caller got through).
    say(client, twilio, f"{VOICE}/menu?attempt=1", call_form(call_sid=_sid(3), Digits="1"))
    say(client, twilio, f"{VOICE}/emergency", call_form(call_sid=_sid(3)))
    _ended(client, twilio, 3)
    # 4: said nothing, was offered a message, left one; its recording callback came after
    # the call's end.
    say(client, twilio, f"{VOICE}/menu?attempt=2", call_form(call_sid=_sid(4)))
    _ended(client, twilio, 4)
    say(client, twilio, f"{VOICE}/recording?option=no_choice",
        recording_form(None, CallSid=_sid(4), RecordingSid="RE" + "4" * 32,
                       RecordingStatus="completed"))
    # 5: hung up while the call was still ringing us.
    _ended(client, twilio, 5, status="canceled", CallDuration="0")
    # Not an end: in progress and ringing callbacks change nothing.
    _ended(client, twilio, 6, status="ringing")

    calls = _calls(container)
    assert sorted(calls) == [_sid(n) for n in range(1, 6)]
    assert {sid: call.progress for sid, call in calls.items()} == {
        _sid(1): None, _sid(2): "menu", _sid(3): "emergency", _sid(4): "message",
        _sid(5): None}
    assert (calls[_sid(5)].status, calls[_sid(1)].duration_seconds) == ("canceled", 12)

    manager = bearer(container, "Mo", "manager")
    kpis = client.get(f"/api/v1/reports/contacts?{DAY}", headers=manager).json
    assert kpis["calls"]["ivr_calls_ended"] == 5
    assert kpis["calls"]["abandoned_in_menu"] == 2
    assert kpis["calls"]["abandoned_ratio"] == 0.4
    assert kpis["calls"]["abandoned_by_status"] == {"canceled": 1, "completed": 1}
    assert kpis["calls"]["emergency_calls_ended"] == 1
    assert "contact_hub_ivr_abandoned_ratio 0.4" in client.get("/metrics").get_data(
        as_text=True)


def test_an_unsigned_status_callback_counts_nothing(client, twilio, container):
    form = call_form(call_sid=_sid(7), CallStatus="completed")
    headers = twilio.headers(f"{VOICE}/status", {**form, "CallStatus": "in-progress"})
    assert client.post(f"{VOICE}/status", data=form, headers=headers).status_code == 403
    assert _calls(container) == {}
