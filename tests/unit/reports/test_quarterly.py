"""Quarterly trends over the seeded 2026/27 year, checked by hand (seeded_year.py)."""

from __future__ import annotations

from datetime import date

from contact_hub.domain.reports.quarterly import Quarter, quarter_containing, quarterly_trends

from .seeded_year import CALENDAR, HOMES, SURVEYS, VOCABULARY, seeded_year


def test_quarters_of_the_tsm_year() -> None:
    assert (Quarter(2026, 1).start, Quarter(2026, 1).end) == (date(2026, 4, 1), date(2026, 6, 30))
    assert (Quarter(2026, 4).start, Quarter(2026, 4).end) == (date(2027, 1, 1), date(2027, 3, 31))
    assert quarter_containing(date(2027, 2, 1)) == Quarter(2026, 4)
    assert quarter_containing(date(2026, 10, 1)) == Quarter(2026, 3)
    assert Quarter(2026, 3).name == "2026/27 Q3 Oct-Dec"


def test_trends_by_quarter() -> None:
    trends = quarterly_trends(seeded_year(), year=2026, upto=4, homes=HOMES, calendar=CALENDAR,
                              vocabulary=VOCABULARY, surveys=SURVEYS)
    rows = trends["quarters"]
    # Stage 1 received: Q1 A, B; Q2 H; Q3 E; Q4 F, G (D declined). Stage 2: Q2 B; Q4 E.
    assert [r["stage1_received"] for r in rows] == [2, 1, 1, 2]
    assert [r["stage2_received"] for r in rows] == [0, 1, 0, 1]
    # Stage 1 answered in time: Q1 A; Q2 B (extension); Q3 none; Q4 E. Stage 2: B late (Q2).
    assert [r["stage1_in_time_percent"] for r in rows] == [100.0, 100.0, None, 100.0]
    assert [r["stage2_in_time_percent"] for r in rows] == [None, 0.0, None, None]
    assert rows[0]["categories"] == {"Repairs": 1, "Damp and mould": 1}
    assert rows[3]["categories"] == {"Not yet classified": 1, "Communication": 1, "Repairs": 1}
    assert [r["complaint_satisfaction_percent"] for r in rows] == [100.0, 0.0, None, None]
    assert [r["contact_satisfaction_percent"] for r in rows] == [100.0, 100.0, None, 0.0]
