"""RQ entry points: thin, importable, JSON arguments (ids only), one service call each.

The worker installs its container with `install(container)`; a plain `rq worker` that
imports this module builds one from the environment on first use.
"""

from __future__ import annotations

from contact_hub.bootstrap import Container, build
from contact_hub.settings import Settings

_container: Container | None = None


def install(container: Container) -> None:
    """Use `container` for jobs run in this process (set by `contact-hub worker`)."""
    global _container
    _container = container


def container() -> Container:
    global _container
    if _container is None:
        _container = build(Settings.from_env())
    return _container


def process_inbound(contact_id: int) -> None:
    """Route a received contact, queue its follow-ups and send its acknowledgement."""
    container().inbound.process_and_acknowledge(contact_id)


def route_batch(batch: str, contact_ids: list[int]) -> None:
    """Route the ordinary contacts handed to this batch together and acknowledge them."""
    container().inbound.route_batch(batch, contact_ids)


def send_outbound(outbound_id: int) -> None:
    """Send one outbox row through its transport."""
    container().outbox.send(outbound_id)


def fetch_email(notification_id: int) -> None:
    """Fetch a stored email (from Graph or Exchange) and receive it as a contact."""
    container().email.fetch(notification_id)


def fetch_email_page(page: int) -> None:
    """Fetch a page of stored emails at once and receive them as contacts."""
    container().email.fetch_page(page)


def keep_media(contact_id: int) -> None:
    """Download a contact's photos and files into the file store."""
    container().media.keep(contact_id)


def sweep() -> None:
    """Re-enqueue stalled work (also run on a timer by every worker)."""
    container().sweeper.sweep()


def escalation_step(alert_id: int, token: str) -> None:
    """Run one escalation step of an alert, if `token` is still the live one."""
    container().escalation.run_step(alert_id, token)


def post_slack_alert(alert_id: int) -> None:
    """Post, thread or update the alert's Slack card (queued actions, in order)."""
    container().escalation.sync_slack(alert_id)


def slack_interaction(action: str, alert_id: str, user_id: str, user_name: str) -> None:
    """An Acknowledge/Resolve button click from Slack."""
    container().escalation.slack_action(action, alert_id, user_id, user_name)


def escalation_audit() -> None:
    """Re-arm overdue escalation steps (also run on a timer by every worker)."""
    container().escalation.audit()


def send_complaint_notice(notice_id: int) -> None:
    """Post one complaint reminder or breach alert to Slack (at most once)."""
    container().complaint_monitor.send(notice_id)


def send_hazard_notice(notice_id: int) -> None:
    """Post one hazard-case reminder or missed-clock alert to Slack (at most once)."""
    container().hazard_monitor.send(notice_id)


def safety_question_timeout(question_id: int) -> None:
    """Escalate a safety question still unanswered at its deadline (once)."""
    container().safety.time_out(question_id)


def check_complaint_deadlines() -> None:
    """Record due complaint reminders and breaches (also run on a timer by every worker)."""
    container().complaint_monitor.check()
