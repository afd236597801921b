"""The managers' dashboard: charts from real queries, their numbers as a table and as CSV
from the same figure."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape

from tests.helpers import sms_form
from tests.workspace_helpers import signed_in


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
