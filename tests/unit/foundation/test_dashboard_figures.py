"""Dashboard figures from plain rows: percentiles, weeks, Code timeliness, CSV rows."""

from __future__ import annotations

from datetime import date

from contact_hub.domain.workspace import dashboard as figures


def test_acknowledgement_median_and_90th_percentile_per_week_in_minutes():
    waits = [(date(2026, 11, 2), s * 60.0) for s in (1, 2, 3, 4, 5, 6, 7, 8, 9, 30)]
    figure = figures.weekly_acknowledgement(waits, date(2026, 11, 2), date(2026, 11, 15))
    assert figure.labels == ("w/c 2026-11-02", "w/c 2026-11-09")
    median, p90 = figure.series
    assert median.values == (5.0, None) and p90.values == (9.0, None)
    assert figure.rows()[1] == ["w/c 2026-11-02", "5", "9"]
    assert figure.rows()[2] == ["w/c 2026-11-09", "", ""]


def test_timeliness_counts_extensions_separately_by_stage_and_month():
    outcomes = [
        figures.StageOutcome(1, date(2026, 11, 10), date(2026, 11, 12), date(2026, 11, 12)),
        figures.StageOutcome(1, date(2026, 11, 20), date(2026, 11, 12), date(2026, 11, 26)),
        figures.StageOutcome(2, date(2026, 11, 20), date(2026, 11, 12), date(2026, 11, 12)),
    ]
    figure = figures.monthly_timeliness(outcomes, ["2026-10", "2026-11"])
    values = {s.name: s.values for s in figure.series}
    assert values["stage 1 without extensions"] == (None, 50.0)
    assert values["stage 1 with extensions"] == (None, 100.0)
    assert values["stage 2 with extensions"] == (None, 0.0)


def test_daily_counts_show_every_day_and_months_between_spans_the_year_end():
    figure = figures.daily_counts("k", "t", [(date(2026, 12, 30), "sms", 2)],
                                  date(2026, 12, 29), date(2026, 12, 31))
    assert figure.series[0].values == (0.0, 2.0, 0.0)
    assert figures.months_between(date(2026, 12, 5), date(2027, 2, 1)) == [
        "2026-12", "2027-01", "2027-02"]
