"""Who is on call: weekly London handovers across clock changes, cover, gaps, fall-through."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from contact_hub.domain.alerts.rota import (
    Override,
    Rota,
    Rotation,
    ShiftSource,
    Tier,
    gaps,
    on_call_at,
    page_order,
    shift_at,
)
from tests.unit.oncall.rotas import (
    BEN,
    CHLOE,
    FALLBACK,
    GRACE,
    MAREK,
    PRIYA,
    SAM,
    london,
    three_tier_rota,
    utc,
    weekly,
)

# (Monday before the change, handover on the Monday after it, as a UTC instant).
# 09:00 London is 08:00 UTC in summer time and 09:00 UTC in winter.
CLOCK_CHANGES = [
    pytest.param(date(2026, 3, 23), utc(2026, 3, 30, 8, 0), id="2026-spring-forward-29-march"),
    pytest.param(date(2026, 10, 19), utc(2026, 10, 26, 9, 0), id="2026-fall-back-25-october"),
    pytest.param(date(2027, 3, 22), utc(2027, 3, 29, 8, 0), id="2027-spring-forward-28-march"),
    pytest.param(date(2027, 10, 25), utc(2027, 11, 1, 9, 0), id="2027-fall-back-31-october"),
]


def holder(rota: Rota, tier: str, at_utc: object) -> object:
    return shift_at(rota, tier, at_utc).person  # type: ignore[arg-type]


@pytest.mark.parametrize(("first", "handover_utc"), CLOCK_CHANGES)
def test_handover_stays_at_nine_london_time_across_the_clock_change(first, handover_utc):
    rota = three_tier_rota(repairs=weekly(PRIYA, BEN, first=first))
    assert holder(rota, "repairs", handover_utc - timedelta(minutes=1)) == PRIYA
    assert holder(rota, "repairs", handover_utc) == BEN


@pytest.mark.parametrize(("first", "handover_utc"), CLOCK_CHANGES)
def test_shift_spanning_the_change_is_an_hour_shorter_or_longer(first, handover_utc):
    rota = three_tier_rota(repairs=weekly(PRIYA, BEN, first=first))
    first_handover_utc = london(first.year, first.month, first.day, 9, 0)
    length = handover_utc - first_handover_utc
    spring = handover_utc.month in (3, 4)
    assert length == timedelta(hours=167 if spring else 169)
    assert holder(rota, "repairs", first_handover_utc) == PRIYA


def test_every_monday_for_two_years_the_rota_hands_over_at_nine_local():
    rota = three_tier_rota()
    monday = date(2026, 1, 12)
    while monday < date(2028, 1, 1):
        nine = london(monday.year, monday.month, monday.day, 9, 0)
        before, at_nine = holder(rota, "repairs", nine - timedelta(minutes=1)), holder(
            rota, "repairs", nine
        )
        assert before != at_nine, f"no handover at 09:00 on {monday}"
        assert holder(rota, "repairs", nine + timedelta(days=7, minutes=-1)) == at_nine
        monday += timedelta(days=7)


def test_rotation_cycles_through_people_in_order():
    rota = three_tier_rota()
    week = [holder(rota, "repairs", london(2026, 1, 5 + 7 * n, 12, 0)) for n in range(4)]
    assert week == [PRIYA, BEN, CHLOE, PRIYA]


def test_two_week_shifts_hand_over_fortnightly():
    fortnightly = Rotation((PRIYA, BEN), date(2026, 1, 2), time(17, 0), shift_weeks=2)
    rota = Rota((Tier("second_line", "Second line", fortnightly),))
    assert holder(rota, "second_line", london(2026, 1, 9, 18, 0)) == PRIYA  # a week in
    assert holder(rota, "second_line", london(2026, 1, 16, 16, 59)) == PRIYA
    assert holder(rota, "second_line", london(2026, 1, 16, 17, 0)) == BEN
    assert holder(rota, "second_line", london(2026, 1, 30, 17, 0)) == PRIYA


def test_override_covers_a_tier_for_its_period_only():
    cover = Override("repairs", SAM, london(2026, 12, 24, 17, 0), london(2026, 12, 29, 9, 0))
    rota = three_tier_rota(overrides=(cover,))
    regular = holder(rota, "repairs", london(2026, 12, 24, 16, 59))
    assert regular != SAM
    shift = shift_at(rota, "repairs", london(2026, 12, 25, 3, 0))
    assert (shift.person, shift.source) == (SAM, ShiftSource.OVERRIDE)
    assert holder(rota, "repairs", london(2026, 12, 29, 9, 0)) != SAM
    assert holder(rota, "second_line", london(2026, 12, 25, 3, 0)) == MAREK


def test_later_override_wins_where_two_overlap():
    first = Override("repairs", SAM, london(2026, 5, 1, 9, 0), london(2026, 5, 8, 9, 0))
    swap = Override("repairs", CHLOE, london(2026, 5, 3, 9, 0), london(2026, 5, 4, 9, 0))
    rota = three_tier_rota(overrides=(first, swap))
    assert holder(rota, "repairs", london(2026, 5, 3, 12, 0)) == CHLOE
    assert holder(rota, "repairs", london(2026, 5, 5, 12, 0)) == SAM


def test_gap_report_names_each_uncovered_period_with_start_and_end():
    rota = three_tier_rota(
        repairs=weekly(PRIYA, BEN, first=date(2026, 1, 5), ends=date(2026, 10, 26)),
        overrides=(Override("repairs", SAM, london(2026, 10, 30, 17, 0),
                            london(2026, 11, 2, 9, 0)),),
    )
    found = gaps(rota, london(2026, 10, 22, 0, 0), london(2026, 11, 5, 0, 0))
    assert [(g.tier, g.starts, g.ends) for g in found] == [
        ("repairs", london(2026, 10, 26, 9, 0), london(2026, 10, 30, 17, 0)),
        ("repairs", london(2026, 11, 2, 9, 0), london(2026, 11, 5, 0, 0)),
    ]
    # The rotation ends at 09:00 London after the October change, i.e. 09:00 UTC.
    assert found[0].starts == utc(2026, 10, 26, 9, 0)


def test_no_gaps_in_a_fully_covered_fortnight():
    assert gaps(three_tier_rota(), london(2026, 3, 20, 0, 0), london(2026, 4, 3, 0, 0)) == []


def test_tier_with_only_overrides_is_a_gap_outside_them():
    rota = Rota((Tier("duty_manager", "Duty manager"),), overrides=(
        Override("duty_manager", GRACE, london(2026, 6, 1, 9, 0), london(2026, 6, 8, 9, 0)),))
    found = gaps(rota, london(2026, 6, 1, 0, 0), london(2026, 6, 15, 0, 0))
    assert [(g.starts, g.ends) for g in found] == [
        (london(2026, 6, 1, 0, 0), london(2026, 6, 1, 9, 0)),
        (london(2026, 6, 8, 9, 0), london(2026, 6, 15, 0, 0)),
    ]


def test_gap_in_repairs_falls_through_to_second_line():
    rota = three_tier_rota(repairs=weekly(PRIYA, first=date(2026, 1, 5), ends=date(2026, 2, 2)))
    now = on_call_at(rota, london(2026, 2, 10, 2, 0), fallback_number=FALLBACK)
    responder = now.responder_for("repairs")
    assert (responder.name, responder.tier, responder.covering_for) == (
        MAREK.name, "second_line", "repairs")


def test_nobody_on_any_tier_falls_back_to_the_fallback_number():
    rota = three_tier_rota(
        repairs=weekly(PRIYA, first=date(2027, 1, 4)),
        second_line=weekly(MAREK, first=date(2027, 1, 4)),
        duty_manager=weekly(GRACE, first=date(2027, 1, 4)),
    )
    now = on_call_at(rota, london(2026, 12, 25, 2, 0), fallback_number=FALLBACK)
    responder = now.responder_for("repairs")
    assert responder.is_fallback and responder.mobile == FALLBACK
    assert [r.mobile for r in now.page_order()] == [FALLBACK]


def test_page_order_goes_tier_by_tier_then_fallback():
    order = page_order(three_tier_rota(), london(2026, 7, 1, 2, 0), fallback_number=FALLBACK)
    assert [(r.tier, r.name) for r in order] == [
        ("repairs", BEN.name),  # week 25 since Mon 5 January: Priya, Ben, Chloe -> Ben
        ("second_line", MAREK.name),
        ("duty_manager", GRACE.name),
        (None, "Fallback number"),
    ]


def test_page_order_names_a_person_on_two_tiers_once():
    rota = three_tier_rota(second_line=weekly(GRACE, first=date(2026, 1, 5)))
    order = page_order(rota, london(2026, 7, 1, 2, 0), fallback_number=FALLBACK)
    assert [r.name for r in order].count(GRACE.name) == 1


def test_unknown_tier_pages_the_fallback_rather_than_nobody():
    now = on_call_at(three_tier_rota(), london(2026, 7, 1, 2, 0), fallback_number=FALLBACK)
    assert now.responder_for("gas_engineers").mobile == FALLBACK


def test_naive_times_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        on_call_at(three_tier_rota(), london(2026, 7, 1, 2, 0).replace(tzinfo=None),
                   fallback_number=FALLBACK)
