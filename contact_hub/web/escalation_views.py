"""The escalation blueprints, registered together by create_app."""

from __future__ import annotations

from contact_hub.web import alerts_api, paging_webhooks, slack_webhooks

ESCALATION_BLUEPRINTS = (alerts_api.bp, slack_webhooks.bp, paging_webhooks.bp)
