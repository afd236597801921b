"""The two-stage process as a complaint handler drives it."""

from datetime import date

import pytest

from contact_hub.domain.complaints import (
    ComplaintDefinition,
    InvalidTransition,
    Stage,
    Status,
    acknowledge,
    assign_handler,
    close,
    extend,
    request_escalation,
    respond,
)

from .builders import (
    CALENDAR,
    DEFINITION,
    FAR_FUTURE,
    HANDLER_1,
    HANDLER_2,
    acknowledged,
    full_draft,
    received,
    responded,
    utc,
)


def test_stage1_chain_over_christmas_2026() -> None:
    # Received Mon 21 Dec 2026. Acknowledge by +5 WD: 22, 23, 24, [25 Christmas, 26-27
    # weekend, 28 Boxing Day substitute] 29, 30 -> Wed 30 Dec.
    complaint = received(utc(2026, 12, 21))
    assert complaint.current.acknowledge_by == date(2026, 12, 30)
    assert complaint.status is Status.RECEIVED
    # Acknowledged on 30 Dec: respond by +10 WD: 31 (1), [1 Jan], 4-8 Jan (2-6),
    # 11-14 Jan (7-10) -> Thu 14 Jan 2027.
    complaint = acknowledged(complaint, utc(2026, 12, 30))
    assert complaint.current.response_due_base == date(2027, 1, 14)
    assert complaint.current.response_due == date(2027, 1, 14)
    # The furthest extension is +10 WD: 15, 18-22, 25-28 Jan -> Thu 28 Jan 2027.
    complaint = extend(
        complaint,
        at=utc(2027, 1, 12),
        now=FAR_FUTURE,
        actor="h-amy",
        reason="Waiting for the contractor's damp survey",
        new_due=date(2027, 1, 28),
        calendar=CALENDAR,
    ).complaint
    assert complaint.current.response_due == date(2027, 1, 28)
    assert complaint.current.response_due_base == date(2027, 1, 14)


def test_stage2_chain_over_new_year_2028() -> None:
    complaint = responded(
        acknowledged(received(utc(2027, 11, 22)), utc(2027, 11, 23)), utc(2027, 12, 1)
    )
    # Escalation requested Mon 20 Dec 2027. Acknowledge by +5 WD: 21, 22, 23, 24,
    # [27, 28 Christmas and Boxing Day substitutes] 29 -> Wed 29 Dec 2027.
    complaint = request_escalation(
        complaint, at=utc(2027, 12, 20), now=FAR_FUTURE, actor="resident", calendar=CALENDAR
    ).complaint
    assert complaint.stage is Stage.TWO
    assert complaint.status is Status.ESCALATION_REQUESTED
    assert complaint.current.acknowledge_by == date(2027, 12, 29)
    # Acknowledged 29 Dec: +20 WD: 30, 31, [Mon 3 Jan 2028 New Year substitute],
    # 4-7 Jan (3-6), 10-14 (7-11), 17-21 (12-16), 24-27 (17-20) -> Thu 27 Jan 2028.
    complaint = acknowledged(complaint, utc(2027, 12, 29), handler=HANDLER_2)
    assert complaint.current.response_due_base == date(2028, 1, 27)
    # Extension of up to 20 WD: 28, 31 Jan, 1-4 Feb, 7-11, 14-18, 21-24 -> Thu 24 Feb 2028.
    with pytest.raises(InvalidTransition, match="24 Feb 2028"):
        extend(
            complaint,
            at=utc(2028, 1, 20),
            now=FAR_FUTURE,
            actor="h-ben",
            reason="survey",
            new_due=date(2028, 2, 25),
            calendar=CALENDAR,
        )
    complaint = extend(
        complaint,
        at=utc(2028, 1, 20),
        now=FAR_FUTURE,
        actor="h-ben",
        reason="survey",
        new_due=date(2028, 2, 24),
        calendar=CALENDAR,
    ).complaint
    assert complaint.current.response_due == date(2028, 2, 24)
    # Stage 1 dates are still there for the API to show.
    stage1 = complaint.stage_record(Stage.ONE)
    assert stage1 is not None and stage1.responded_at == utc(2027, 12, 1)


def test_receipt_on_saturday_evening_counts_from_saturday() -> None:
    # Sat 9 Jan 2027 at 21:00: day 0 is Saturday, so Mon 11 is day 1 and Fri 15 day 5.
    complaint = received(utc(2027, 1, 9, 21))
    assert complaint.current.acknowledge_by == date(2027, 1, 15)


def test_receipt_just_after_midnight_bst_is_the_london_date() -> None:
    # 23:30 UTC on Wed 24 Jun 2026 is 00:30 BST on Thursday 25 Jun, so day 0 is Thursday:
    # Fri 26 (1), Mon 29 (2), Tue 30 (3), Wed 1 Jul (4), Thu 2 Jul (5). Counting the UTC
    # date (Wednesday) would wrongly give Wed 1 Jul.
    complaint = received(utc(2026, 6, 24, 23, 30))
    assert complaint.current.acknowledge_by == date(2026, 7, 2)


def test_stage2_must_have_a_different_handler() -> None:
    complaint = responded(
        acknowledged(received(utc(2026, 3, 2)), utc(2026, 3, 3)), utc(2026, 3, 10)
    )
    complaint = request_escalation(
        complaint, at=utc(2026, 3, 20), now=FAR_FUTURE, actor="resident", calendar=CALENDAR
    ).complaint
    with pytest.raises(InvalidTransition, match="Amy Patel handled stage 1"):
        acknowledged(complaint, utc(2026, 3, 23), handler=HANDLER_1)
    complaint = acknowledged(complaint, utc(2026, 3, 23), handler=HANDLER_2)
    with pytest.raises(InvalidTransition, match="different person"):
        assign_handler(
            complaint, handler=HANDLER_1, at=utc(2026, 3, 24), now=FAR_FUTURE, actor="mgr"
        )


def test_only_one_extension_per_stage_and_before_the_deadline() -> None:
    complaint = acknowledged(received(utc(2026, 3, 2)), utc(2026, 3, 3))
    # Ack Tue 3 Mar 2026 + 10 WD = Tue 17 Mar.
    assert complaint.current.response_due_base == date(2026, 3, 17)
    with pytest.raises(InvalidTransition, match="before the deadline passes"):
        extend(
            complaint,
            at=utc(2026, 3, 18),
            now=FAR_FUTURE,
            actor="h",
            reason="late",
            new_due=date(2026, 3, 24),
            calendar=CALENDAR,
        )
    once = extend(
        complaint,
        at=utc(2026, 3, 16),
        now=FAR_FUTURE,
        actor="h",
        reason="survey",
        new_due=date(2026, 3, 24),
        calendar=CALENDAR,
    ).complaint
    with pytest.raises(InvalidTransition, match="already been extended once"):
        extend(
            once,
            at=utc(2026, 3, 17),
            now=FAR_FUTURE,
            actor="h",
            reason="more",
            new_due=date(2026, 3, 25),
            calendar=CALENDAR,
        )


def test_extension_of_more_than_10_working_days_at_stage1_is_refused() -> None:
    complaint = acknowledged(received(utc(2026, 3, 2)), utc(2026, 3, 3))
    # 17 Mar + 10 WD = Tue 31 Mar 2026 (no bank holidays until Good Friday 3 Apr).
    with pytest.raises(InvalidTransition, match="at most 10 working days"):
        extend(
            complaint,
            at=utc(2026, 3, 10),
            now=FAR_FUTURE,
            actor="h",
            reason="survey",
            new_due=date(2026, 4, 1),
            calendar=CALENDAR,
        )
    assert extend(
        complaint,
        at=utc(2026, 3, 10),
        now=FAR_FUTURE,
        actor="h",
        reason="survey",
        new_due=date(2026, 3, 31),
        calendar=CALENDAR,
    ).complaint.current.response_due == date(2026, 3, 31)


def test_escalation_within_30_calendar_days_needs_no_reason() -> None:
    complaint = responded(
        acknowledged(received(utc(2026, 3, 2)), utc(2026, 3, 3)), utc(2026, 3, 10)
    )
    # Responded Tue 10 Mar: 30 calendar days later is Thu 9 Apr (Easter is not skipped).
    on_last_day = request_escalation(
        complaint, at=utc(2026, 4, 9, 22), now=FAR_FUTURE, actor="resident", calendar=CALENDAR
    ).complaint
    assert not on_last_day.current.requested_late
    acknowledged(on_last_day, utc(2026, 4, 10), handler=HANDLER_2)


def test_late_escalation_is_logged_but_needs_a_reason_to_accept() -> None:
    complaint = responded(
        acknowledged(received(utc(2026, 3, 2)), utc(2026, 3, 3)), utc(2026, 3, 10)
    )
    late = request_escalation(
        complaint, at=utc(2026, 4, 10), now=FAR_FUTURE, actor="resident", calendar=CALENDAR
    ).complaint
    assert late.current.requested_late
    with pytest.raises(InvalidTransition, match="ended on 09 Apr 2026"):
        acknowledged(late, utc(2026, 4, 13), handler=HANDLER_2)
    accepted = acknowledge(
        late,
        at=utc(2026, 4, 13),
        now=FAR_FUTURE,
        actor="h-ben",
        handler=HANDLER_2,
        definition=DEFINITION,
        calendar=CALENDAR,
        late_acceptance_reason="Resident was in hospital",
    ).complaint
    assert accepted.current.late_acceptance_reason == "Resident was in hospital"


def test_actions_cannot_be_in_the_future_or_before_the_last_event() -> None:
    complaint = received(utc(2026, 3, 2))
    with pytest.raises(InvalidTransition, match="in the future"):
        acknowledge(
            complaint,
            at=utc(2026, 3, 4),
            now=utc(2026, 3, 3),
            actor="h",
            handler=HANDLER_1,
            definition=DEFINITION,
            calendar=CALENDAR,
        )
    with pytest.raises(InvalidTransition, match="before the last recorded event"):
        acknowledged(complaint, utc(2026, 3, 1))


def test_back_dated_acknowledgement_is_recorded_with_both_times() -> None:
    complaint = received(utc(2026, 3, 2))
    result = acknowledge(
        complaint,
        at=utc(2026, 3, 3),
        now=utc(2026, 3, 5),
        actor="h-amy",
        handler=HANDLER_1,
        definition=DEFINITION,
        calendar=CALENDAR,
    )
    (event,) = result.events
    assert (event.kind, event.at, event.recorded_at) == (
        "acknowledged",
        utc(2026, 3, 3),
        utc(2026, 3, 5),
    )
    assert result.complaint.timeline[-1] == event
    assert [e.kind for e in result.complaint.timeline] == ["received", "acknowledged"]


def test_cannot_respond_before_acknowledging_or_twice() -> None:
    complaint = received(utc(2026, 3, 2))
    with pytest.raises(InvalidTransition, match="once the stage has been acknowledged"):
        respond(complaint, at=utc(2026, 3, 3), now=FAR_FUTURE, actor="h", draft=full_draft())
    done = responded(acknowledged(complaint, utc(2026, 3, 3)), utc(2026, 3, 4))
    with pytest.raises(InvalidTransition):
        respond(done, at=utc(2026, 3, 5), now=FAR_FUTURE, actor="h", draft=full_draft())


def test_acknowledgement_needs_the_outcomes_sought() -> None:
    with pytest.raises(InvalidTransition, match="outcomes the resident is seeking"):
        acknowledge(
            received(utc(2026, 3, 2)),
            at=utc(2026, 3, 3),
            now=FAR_FUTURE,
            actor="h",
            handler=HANDLER_1,
            definition=ComplaintDefinition("Leak not fixed", ()),
            calendar=CALENDAR,
        )


def test_closing_after_stage1_still_allows_escalation_in_the_window() -> None:
    complaint = responded(
        acknowledged(received(utc(2026, 3, 2)), utc(2026, 3, 3)), utc(2026, 3, 10)
    )
    closed = close(
        complaint, at=utc(2026, 3, 11), now=FAR_FUTURE, actor="h", reason="Resident satisfied"
    ).complaint
    assert closed.status is Status.CLOSED and not closed.is_open
    reopened = request_escalation(
        closed, at=utc(2026, 3, 20), now=FAR_FUTURE, actor="resident", calendar=CALENDAR
    ).complaint
    assert reopened.status is Status.ESCALATION_REQUESTED
    assert reopened.closed_reason is None


def test_cannot_close_an_unanswered_complaint() -> None:
    with pytest.raises(InvalidTransition, match="only a complaint with a response"):
        close(received(utc(2026, 3, 2)), at=utc(2026, 3, 3), now=FAR_FUTURE, actor="h", reason="x")


def test_there_is_no_stage_3() -> None:
    complaint = responded(
        acknowledged(received(utc(2026, 3, 2)), utc(2026, 3, 3)), utc(2026, 3, 10)
    )
    complaint = request_escalation(
        complaint, at=utc(2026, 3, 11), now=FAR_FUTURE, actor="resident", calendar=CALENDAR
    ).complaint
    complaint = responded(acknowledged(complaint, utc(2026, 3, 12), HANDLER_2), utc(2026, 3, 20))
    with pytest.raises(InvalidTransition, match="stage 1 response"):
        request_escalation(
            complaint, at=utc(2026, 3, 23), now=FAR_FUTURE, actor="resident", calendar=CALENDAR
        )
