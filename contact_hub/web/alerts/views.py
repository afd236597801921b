"""The escalation blueprints, registered together by create_app."""

from __future__ import annotations

from contact_hub.web.alerts import api as alerts_api
from contact_hub.web.webhooks import paging as paging_webhooks
from contact_hub.web.webhooks import slack as slack_webhooks

ESCALATION_BLUEPRINTS = (alerts_api.bp, slack_webhooks.bp, paging_webhooks.bp)
