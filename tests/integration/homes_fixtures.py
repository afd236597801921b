"""What the tests of work on a home share (hazard cases, repairs, work orders): the example
property register and two of its residents, an agent's token once it is imported, texts
in by the real webhook, a page of a list, and what reached (fake) Slack."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from contact_hub.services.homes.console import run_homes_import
from tests.helpers import sms_form

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "homes.csv"
DOT, SAM = "+447400123456", "+447400123457"  # household members in the example register


def agent_with_register(container) -> dict[str, str]:
    """Import the example register; an agent's bearer header."""
    run_homes_import(container.uow, EXAMPLE)
    return {"Authorization": "Bearer " + container.tokens.create("agent", "Amira")}


def slack_to(settings, fake_slack, **channel: str) -> Any:
    """Settings posting to the fake Slack, on the channel given (e.g. repairs_slack_channel)."""
    return settings.with_overrides(slack_bot_token=fake_slack.token,
                                   slack_api_base_url=fake_slack.base_url, **channel)


def sms(client, twilio, body: str, sid: str, sender: str = DOT) -> None:
    form = sms_form(body, sender=sender, sid=sid)
    assert twilio.post(client, "/webhooks/twilio/sms", form).status_code == 200


def listed(client, agent, path: str, query: str = "") -> list[dict]:
    """The items of one page of an /api/v1 list."""
    response = client.get(f"{path}{query}", headers=agent)
    assert response.status_code == 200, response.json
    return response.json["items"]


def posted(fake_slack) -> list[str]:
    return [str(call.params["text"]) for call in fake_slack.calls_to("chat.postMessage")]
