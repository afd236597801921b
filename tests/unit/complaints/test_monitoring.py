"""Reminders before deadlines and breaches after them, as a periodic job would see them."""

from datetime import date

from contact_hub.domain.complaints import (
    DeadlineKind,
    OutstandingAction,
    add_outstanding_action,
    breaches,
    due_reminders,
    flag_unreasonable_behaviour,
    work_list,
)

from .builders import CALENDAR, FAR_FUTURE, acknowledged, received, utc

# Received Mon 21 Dec 2026: acknowledge by Wed 30 Dec 2026 (see test_lifecycle).
CHRISTMAS = received(utc(2026, 12, 21))


def test_no_reminder_three_working_days_out() -> None:
    # Wed 23 Dec: 24 (1), 29 (2), 30 (3) working days left.
    assert due_reminders(CHRISTMAS, now=utc(2026, 12, 23, 9), calendar=CALENDAR) == ()


def test_reminder_two_working_days_before_counts_over_bank_holidays() -> None:
    # Thu 24 Dec: 25 and 28 are bank holidays, so 29 (1), 30 (2) -> the 2-day reminder.
    (reminder,) = due_reminders(CHRISTMAS, now=utc(2026, 12, 24, 9), calendar=CALENDAR)
    assert reminder.deadline.kind is DeadlineKind.ACKNOWLEDGEMENT
    assert reminder.deadline.due_on == date(2026, 12, 30)
    assert reminder.working_days_left == 2
    # Still the same reminder (same key) on Boxing Day substitute Mon 28 Dec, so it is sent once.
    (again,) = due_reminders(CHRISTMAS, now=utc(2026, 12, 28, 9), calendar=CALENDAR)
    assert again.key == reminder.key


def test_on_the_day_reminder_has_its_own_key() -> None:
    (early,) = due_reminders(CHRISTMAS, now=utc(2026, 12, 24, 9), calendar=CALENDAR)
    (on_day,) = due_reminders(CHRISTMAS, now=utc(2026, 12, 30, 16), calendar=CALENDAR)
    assert on_day.working_days_left == 0 and on_day.key != early.key
    assert breaches(CHRISTMAS, now=utc(2026, 12, 30, 23), calendar=CALENDAR) == ()


def test_breach_the_day_after_counts_working_days_overdue() -> None:
    (breach,) = breaches(CHRISTMAS, now=utc(2027, 1, 4, 9), calendar=CALENDAR)
    # Due Wed 30 Dec; Thu 31 (1), [Fri 1 Jan New Year's Day], Mon 4 Jan (2).
    assert breach.deadline.kind is DeadlineKind.ACKNOWLEDGEMENT
    assert breach.working_days_overdue == 2
    assert due_reminders(CHRISTMAS, now=utc(2027, 1, 4, 9), calendar=CALENDAR) == ()


def test_acknowledging_moves_the_watch_to_the_response() -> None:
    complaint = acknowledged(CHRISTMAS, utc(2026, 12, 29))
    # Response due 29 Dec + 10 WD = Wed 13 Jan 2027; 15 Jan is after it.
    (breach,) = breaches(complaint, now=utc(2027, 1, 15, 9), calendar=CALENDAR)
    assert breach.deadline.kind is DeadlineKind.RESPONSE
    assert breach.deadline.due_on == date(2027, 1, 13)


def test_flagged_complaints_are_still_chased_and_the_flag_is_reviewed() -> None:
    flagged = flag_unreasonable_behaviour(
        CHRISTMAS,
        reason="Fourth complaint about the same fence, already answered",
        review_on=date(2027, 1, 29),
        at=utc(2026, 12, 22),
        now=FAR_FUTURE,
        actor="mgr",
    ).complaint
    kinds = {b.deadline.kind for b in breaches(flagged, now=utc(2027, 2, 1), calendar=CALENDAR)}
    assert kinds == {DeadlineKind.ACKNOWLEDGEMENT, DeadlineKind.BEHAVIOUR_REVIEW}


def test_overdue_outstanding_actions_are_breaches() -> None:
    action = OutstandingAction("a1", "Replace fence panel", "Estates", date(2027, 1, 8))
    complaint = add_outstanding_action(
        acknowledged(CHRISTMAS, utc(2026, 12, 22)),
        action=action,
        at=utc(2026, 12, 22),
        now=FAR_FUTURE,
        actor="h",
    ).complaint
    # On Mon 11 Jan the action (due Fri 8 Jan) is overdue, and so is the response
    # (22 Dec + 10 WD: 23, 24, 29, 30, 31 Dec, 4-8 Jan -> also Fri 8 Jan).
    missed = breaches(complaint, now=utc(2027, 1, 11), calendar=CALENDAR)
    assert {(b.deadline.kind, b.deadline.subject_id) for b in missed} == {
        (DeadlineKind.OUTSTANDING_ACTION, "a1"),
        (DeadlineKind.RESPONSE, ""),
    }


def test_safety_complaints_come_first_in_the_work_list() -> None:
    ordinary = received(utc(2026, 12, 14))
    safety = received(utc(2026, 12, 21), concerns_health_and_safety=True)
    _, missed = work_list([ordinary, safety], now=utc(2027, 1, 11), calendar=CALENDAR)
    assert [b.deadline.priority for b in missed] == [True, False]
