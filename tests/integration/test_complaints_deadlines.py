"""Code deadlines in working days, driven through the API across Easter, Christmas and
New Year in 2025, 2026 and 2027 (expected dates counted by hand in the comments)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.helpers import MOBILE

HANDLER_1 = {"id": "h-ayesha", "name": "Ayesha Khan"}
HANDLER_2 = {"id": "h-tom", "name": "Tom Reid"}


@pytest.fixture
def agent(container) -> dict[str, str]:
    return {"Authorization": "Bearer " + container.tokens.create("handler", "Priya (agent)")}


def at(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


class Handler:
    """Drives one case through the API, checking every call succeeds unless told."""

    def __init__(self, client: Any, headers: dict[str, str]) -> None:
        self.client, self.headers = client, headers

    def record(self, **body: Any) -> str:
        response = self.client.post("/api/v1/complaints", headers=self.headers, json={
            "resident": {"name": "Mrs Jones", "phone": MOBILE}, "channel": "phone",
            "text": "My repair keeps being cancelled", **body})
        assert response.status_code == 201, response.get_json()
        return str(response.get_json()["reference"])

    def act(self, reference: str, action: str, status: int = 200, **body: Any) -> dict[str, Any]:
        response = self.client.post(
            f"/api/v1/complaints/{reference}/{action}", headers=self.headers, json=body
        )
        assert response.status_code == status, response.get_json()
        return dict(response.get_json())

    def acknowledge(self, reference: str, handler: dict[str, str] = HANDLER_1,
                    **body: Any) -> dict[str, Any]:
        return self.act(reference, "acknowledge", handler=handler, understanding="Cancelled repair",
                        outcomes_sought=["repair done"], **body)

    def respond(self, reference: str, **body: Any) -> dict[str, Any]:
        return self.act(reference, "respond", decision="upheld", reasons="We let you down",
                        remedies=[], outstanding_actions=[], **body)

    def stages(self, reference: str) -> list[dict[str, Any]]:
        response = self.client.get(f"/api/v1/complaints/{reference}", headers=self.headers)
        return list(response.get_json()["stages"])


@pytest.fixture
def handler(client, agent) -> Handler:
    return Handler(client, agent)


def test_easter_2025_and_the_early_may_bank_holiday(handler, clock):
    clock.now = at(2025, 4, 17)  # Maundy Thursday
    reference = handler.record()
    # 22, 23, 24, 25 Apr, [Good Friday 18, weekend, Easter Monday 21], 28 Apr.
    assert handler.stages(reference)[0]["acknowledge_by"] == "2025-04-28"

    handler.acknowledge(reference)
    # 10 working days from 17 Apr, skipping Easter and Mon 5 May: Tue 6 May 2025.
    [stage1] = handler.stages(reference)
    assert stage1["response_due_base"] == "2025-05-06"
    assert stage1["response_due"] == "2025-05-06"
    assert stage1["acknowledged_at"].startswith("2025-04-17")


def test_christmas_and_new_year_2025_recorded_afterwards_with_back_dated_times(handler, clock):
    clock.now = at(2026, 1, 20)
    reference = handler.record(received_at="2025-12-22T16:00:00+00:00")
    # 23, 24, [25, 26 Christmas, weekend], 29, 30, 31 Dec 2025.
    assert handler.stages(reference)[0]["acknowledge_by"] == "2025-12-31"

    handler.acknowledge(reference, at="2025-12-24T11:00:00Z")
    # 29, 30, 31 Dec, [1 Jan], 2, 5, 6, 7, 8, 9, 12 Jan 2026.
    assert handler.stages(reference)[0]["response_due"] == "2026-01-12"

    handler.respond(reference, at="2026-01-12T17:00:00Z")
    [stage1] = handler.stages(reference)
    assert stage1["responded_at"].startswith("2026-01-12")


def test_easter_2026(handler, clock):
    clock.now = at(2026, 4, 1)
    reference = handler.record()
    # 2 Apr, [Good Friday 3, weekend, Easter Monday 6], 7, 8, 9, 10 Apr 2026.
    assert handler.stages(reference)[0]["acknowledge_by"] == "2026-04-10"


def test_christmas_2026_with_boxing_day_substituted_and_an_extension_into_2027(handler, clock):
    clock.now = at(2026, 12, 21)
    reference = handler.record()
    # 22, 23, 24, [25, weekend, Mon 28 substitute for Boxing Day], 29, 30 Dec 2026.
    assert handler.stages(reference)[0]["acknowledge_by"] == "2026-12-30"

    clock.now = at(2026, 12, 30)
    handler.acknowledge(reference)
    # 31 Dec, [1 Jan], 4..8, 11..14 Jan 2027.
    assert handler.stages(reference)[0]["response_due"] == "2027-01-14"

    clock.now = at(2027, 1, 13)
    too_far = handler.act(reference, "extend", status=409, reason="Waiting for a surveyor",
                          new_due="2027-01-29")
    assert "no later than 28 Jan 2027" in too_far["error"]["message"]
    handler.act(reference, "extend", reason="Waiting for a surveyor", new_due="2027-01-28")
    [stage1] = handler.stages(reference)
    assert stage1["response_due_base"] == "2027-01-14"
    assert stage1["response_due"] == "2027-01-28"
    again = handler.act(reference, "extend", status=409, reason="More", new_due="2027-01-27")
    assert "already been extended" in again["error"]["message"]


def test_stage_2_over_easter_2027(handler, clock):
    clock.now = at(2027, 3, 1)
    reference = handler.record()
    handler.acknowledge(reference)
    clock.now = at(2027, 3, 10)
    handler.respond(reference)

    clock.now = at(2027, 3, 25)
    handler.act(reference, "escalate")
    # [Good Friday 26, weekend, Easter Monday 29], 30, 31 Mar, 1, 2, 5 Apr 2027.
    assert handler.stages(reference)[1]["acknowledge_by"] == "2027-04-05"

    handler.acknowledge(reference, handler=HANDLER_2)
    # 20 working days from Thu 25 Mar skipping Easter: Mon 26 Apr 2027.
    [_, stage2] = handler.stages(reference)
    assert stage2["response_due_base"] == "2027-04-26"
    assert stage2["response_due"] == "2027-04-26"


def test_christmas_2027_both_weekend_holidays_substituted_into_2028(handler, clock):
    clock.now = at(2027, 12, 23)
    reference = handler.record()
    # 24, [25-26 weekend, Mon 27 and Tue 28 substitutes], 29, 30, 31 Dec,
    # [1-2 Jan weekend, Mon 3 Jan substitute], Tue 4 Jan 2028.
    assert handler.stages(reference)[0]["acknowledge_by"] == "2028-01-04"


def test_an_action_cannot_be_recorded_before_the_last_thing_on_the_timeline(handler, clock):
    clock.now = at(2026, 1, 20)
    reference = handler.record(received_at="2026-01-05T09:00:00Z")
    handler.acknowledge(reference, at="2026-01-07T09:00:00Z")

    refused = handler.respond(reference, status=409, at="2026-01-06T09:00:00Z")

    assert "before the last recorded event" in refused["error"]["message"]
