"""The managers' dashboard: charts from real queries, their numbers as a table and as CSV
from the same figure."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta
from html import unescape

from contact_hub.services.workspace import queries
from tests.helpers import sms_form
from tests.workspace_helpers import signed_in

NOW = datetime(2026, 11, 23, 15, tzinfo=UTC)


def test_contacts_per_day_by_channel_agree_in_chart_table_and_csv(
    client, container, twilio, run_jobs, clock
):
    for n, body in enumerate(("My tap drips", "The fence is down", "No hot water today")):
        assert twilio.post(client, "/webhooks/twilio/sms", sms_form(
            body, sid=f"SMd{n}", sender=f"+44740010000{n}")).status_code == 200
    run_jobs()
    signed_in(client, container, "manager")

    html = client.get("/dashboard").get_data(as_text=True)
    assert "Contacts per day by channel, last 30 days" in html
    assert "vendor/chartjs/chart.umd.min.js" in html
    figure = json.loads(unescape(re.search(
        r'<canvas id="chart-by-channel"[^>]*data-figure="([^"]+)"', html).group(1)))
    assert figure["series"] == ["sms"] and figure["values"][0][-1] == 3
    assert len(figure["labels"]) == 30 and figure["labels"][-1] == "2026-11-23"

    rows = list(csv.reader(io.StringIO(client.get("/dashboard/by-channel.csv").get_data(
        as_text=True))))
    assert rows[0] == ["label", "sms"] and rows[-1] == ["2026-11-23", "3"] and len(rows) == 31
    assert "<th scope=\"row\">2026-11-23</th><td class=\"num\">3</td>" in html

    ninety = client.get("/dashboard/by-channel.csv?days=90").get_data(as_text=True)
    assert len(list(csv.reader(io.StringIO(ninety)))) == 91


def test_every_chart_has_its_csv_and_a_bad_period_is_a_404(client, container):
    signed_in(client, container, "manager")
    html = client.get("/dashboard").get_data(as_text=True)
    keys = re.findall(r'<canvas id="chart-([a-z-]+)"', html)
    assert keys == ["queues", "oldest-wait", "by-channel", "by-category", "acknowledgement",
                    "timeliness", "satisfaction"]
    for key in keys:
        answer = client.get(f"/dashboard/{key}.csv")
        assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert client.get("/dashboard?days=7").status_code == 404
    assert client.get("/dashboard/nothing.csv").status_code == 404


def test_past_days_come_from_the_cache_and_agree_with_the_database(
    client, container, twilio, run_jobs, clock
):
    for n, days_ago in enumerate((3, 3, 1, 0)):
        clock.now = NOW - timedelta(days=days_ago)
        assert twilio.post(client, "/webhooks/twilio/sms", sms_form(
            f"My tap drips {n}", sid=f"SMc{n}", sender=f"+44740010001{n}")).status_code == 200
    run_jobs()
    clock.now = NOW
    with container.sessions() as session:
        fresh = queries.dashboard_figures(session, NOW, 30)
        first = queries.dashboard_figures(session, NOW, 30, container.redis)
        assert container.redis.keys("dashboard:contacts-by-day:*")
        again = queries.dashboard_figures(session, NOW, 30, container.redis)
    assert first == fresh and again == fresh
    by_channel = next(f for f in fresh if f.key == "by-channel")
    assert by_channel.series[0].values[-4:] == (2.0, 0.0, 1.0, 1.0)
    # A contact today is counted at once, whatever the cache holds for the days before.
    assert twilio.post(client, "/webhooks/twilio/sms", sms_form(
        "Gate is stuck", sid="SMc9", sender="+447400100019")).status_code == 200
    run_jobs()
    with container.sessions() as session:
        later = queries.dashboard_figures(session, NOW, 30, container.redis)
    assert next(f for f in later if f.key == "by-channel").series[0].values[-1] == 2.0
