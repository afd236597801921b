"""Emergency escalation: open or join an alert, run one step per job, acknowledge, audit.

The shape is lesson 9 of reference/code-style-anchors.md: the alert row keeps a policy
snapshot, the step index, the due time of the next step and a fencing token. A step job
locks the row, runs only if its token is current, runs one step, stores a new token and
the next due time, and enqueues the next step only after commit. Acknowledging or
resolving clears the token, so every queued step job becomes a no-op. The periodic
`audit` re-arms any open alert whose next step is overdue (a lost or killed job).

Each page is its own row and job (SMS and calls through the outbox, Slack through the
Slack job), so Slack being down never holds up SMS or voice paging.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

import routing
from channels.base import ChannelRejected, ChannelUnavailable, InboundMessage
from channels.slack import AlertCard, PostedMessage, SlackAlerts, StatusChange
from contact_hub.clock import Clock
from contact_hub.domain import alert_messages as say
from contact_hub.domain import alerts as alert_rules
from contact_hub.domain import escalation as esc
from contact_hub.domain.alerts import Actor, AlertState, Incident, Via
from contact_hub.domain.escalation import NotifyKind
from contact_hub.queueing import Dispatcher, JobRequest
from contact_hub.services.oncall import OnCall
from contact_hub.services.outbox import NewMessage, Outbox
from contact_hub.storage import alert_repository as alerts
from contact_hub.storage import repository as repo
from contact_hub.storage.db import transaction

logger = logging.getLogger(__name__)

SLACK_KINDS = ("slack_post", "slack_reply", "slack_update")
SLACK_RETRY_SECONDS = (5, 15, 60, 120, 300, 600)
MAX_SLACK_ATTEMPTS = len(SLACK_RETRY_SECONDS) + 1


class AlertNotFound(LookupError):
    """No alert with that id."""


@dataclass(frozen=True)
class StateOutcome:
    """The result of an acknowledge or resolve request."""

    alert_id: int
    changed: bool
    state: str
    by: str | None


@dataclass(frozen=True)
class AuditReport:
    steps_rearmed: int = 0
    slack_requeued: int = 0


@dataclass(frozen=True)
class SlackConfig:
    client: SlackAlerts
    channel: str


@dataclass(frozen=True)
class VoicePage:
    """What a paging call should say, for the TwiML views."""

    alert_id: int
    script: str
    open: bool
    acknowledged_by: str | None


def step_job(alert_id: int, token: str, at: datetime | None = None) -> JobRequest:
    return JobRequest(
        func="contact_hub.jobs.escalation_step",
        args=(alert_id, token),
        job_id=f"escalate-{alert_id}-{token}",
        queue="critical",
        at=at,
    )


def slack_job(alert_id: int, suffix: str, at: datetime | None = None) -> JobRequest:
    return JobRequest(
        func="contact_hub.jobs.post_slack_alert",
        args=(alert_id,),
        job_id=f"slack-{alert_id}-{suffix}",
        queue="critical",
        at=at,
    )


def incident_for(contact: repo.Contact, decision: routing.Decision) -> Incident:
    """What and where. No address data yet: the customer stands in for the place (the
    UPRN/block/address fields are the seam for when we have it)."""
    return Incident(frozenset(decision.hazards), customer=str(contact.customer_id))


class EscalationService:
    """Alerts for emergencies, escalated up the on-call rota until acknowledged."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        dispatcher: Dispatcher,
        outbox: Outbox,
        oncall: OnCall,
        clock: Clock,
        *,
        organisation: str,
        slack: SlackConfig | None = None,
        policy: esc.EscalationPolicy = esc.DEFAULT_POLICY,
        audit_grace: timedelta = timedelta(seconds=60),
        stall_after: timedelta = timedelta(minutes=5),
    ) -> None:
        self.sessions = sessions
        self.dispatcher = dispatcher
        self.outbox = outbox
        self.oncall = oncall
        self.clock = clock
        self.organisation = organisation
        self.slack = slack
        self.policy = policy
        self.audit_grace = audit_grace
        self.stall_after = stall_after

    # --- opening and joining (in the routing transaction) ------------------------

    def on_routed(
        self, session: Session, contact: repo.Contact, decision: routing.Decision
    ) -> list[JobRequest]:
        """The routed handler: an emergency opens an alert or joins the open one."""
        if decision.category != "emergency":
            return []
        now = self.clock()
        incident = incident_for(contact, decision)
        candidates = alerts.alerts_to_join(session, now - alert_rules.GROUPING_WINDOW)
        match = alert_rules.find_open_alert([_domain(row) for row in candidates], incident, now)
        if match is not None:
            return self._join(session, int(match.id), contact, incident, now)
        return self._open(session, contact, incident, now)

    def _open(
        self, session: Session, contact: repo.Contact, incident: Incident, now: datetime
    ) -> list[JobRequest]:
        token = _token()
        code = alert_rules.new_ack_code(alerts.open_ack_codes(session))
        opened = esc.open_alert("new", contact_id=str(contact.id), incident=incident,
                                opened_at=now, ack_code=code, escalation_token=token,
                                policy=self.policy)
        row = alerts.Alert(
            state=opened.state.value, ack_code=code, opened_at=now, last_contact_at=now,
            policy_snapshot=dict(opened.policy_snapshot), incident=_incident_json(incident),
            first_contact_id=contact.id, step_index=0, next_step_at=now, escalation_token=token,
        )
        session.add(row)
        session.flush()
        session.add(alerts.AlertContact(alert_id=row.id, contact_id=contact.id, joined_at=now))
        self._event(session, row.id, "opened", detail={
            "contact_id": contact.id, "hazards": sorted(incident.hazards),
            "policy": opened.policy_snapshot.get("name")})
        logger.warning("alert opened alert_id=%s contact_id=%s", row.id, contact.id)
        return [step_job(row.id, token)]

    def _join(
        self, session: Session, alert_id: int, contact: repo.Contact, incident: Incident,
        now: datetime,
    ) -> list[JobRequest]:
        row = alerts.lock_alert(session, alert_id)
        assert row is not None
        joined = alert_rules.join(_domain(row), str(contact.id), incident, now)
        row.incident = _incident_json(joined.incident)
        row.last_contact_at = joined.last_contact_at
        session.add(alerts.AlertContact(alert_id=row.id, contact_id=contact.id, joined_at=now))
        self._event(session, row.id, "joined", detail={"contact_id": contact.id})
        logger.info("contact joined alert alert_id=%s contact_id=%s", row.id, contact.id)
        jobs = self._slack_action(session, row, "slack_update", f"join-{contact.id}", now)
        if row.state != AlertState.OPEN:
            jobs.extend(self._follow_up(session, [contact]))
        return jobs

    # --- one escalation step (a job) ------------------------------------------------

    def run_step(self, alert_id: int, token: str) -> None:
        """Run the alert's current step if `token` is still the live one. Safe to run twice."""
        jobs: list[JobRequest] = []
        with transaction(self.sessions) as session:
            row = alerts.lock_alert(session, alert_id)
            if row is None or not esc.is_current_job(_domain(row), token):
                logger.info("stale escalation job ignored alert_id=%s", alert_id)
                return
            now = self.clock()
            alert = _domain(row)
            result = esc.escalation_step(alert, now, self.oncall.at(now))
            new_token = _token()
            _store(row, esc.after_step(alert, result, new_token))
            jobs.extend(self._page(session, row, alert.step_index, result, now))
            due = result.next_step_due
            jobs.append(step_job(row.id, new_token, at=due if due and due > now else None))
        self.dispatcher.enqueue_all(jobs)

    def _page(
        self, session: Session, row: alerts.Alert, step: int, result: esc.StepResult,
        now: datetime,
    ) -> list[JobRequest]:
        jobs: list[JobRequest] = []
        paged: list[dict[str, Any]] = []
        for note in result.notifications:
            paged.append({"kind": note.kind.value, "tier": note.tier, "name": note.target.name})
            if note.kind is NotifyKind.SLACK_CHANNEL:
                kind = "slack_reply" if row.slack_ts or step > 0 else "slack_post"
                jobs.extend(self._slack_action(session, row, kind, f"step-{step}", now, note))
            elif note.target.mobile:
                jobs.extend(self._phone_page(session, row, step, note, now))
            else:
                paged[-1]["skipped"] = "no number (set ONCALL_FALLBACK_NUMBER)"
                logger.error("page skipped, no number alert_id=%s tier=%s", row.id, note.tier)
        if paged:
            self._event(session, row.id, "step", detail={"step": step, "paged": paged})
        return jobs

    def _phone_page(
        self, session: Session, row: alerts.Alert, step: int, note: esc.Notification,
        now: datetime,
    ) -> list[JobRequest]:
        digits = "".join(ch for ch in note.target.mobile if ch.isdigit())
        key = f"page-{row.id}-{step}-{note.kind.value}-{digits}"
        hazards, place = row.incident.get("hazards", []), _place(row)
        body = (say.page_sms(row.id, hazards, place, row.ack_code)
                if note.kind is NotifyKind.SMS else say.voice_script(row.id, hazards, place))
        outbound_id, job = self.outbox.queue(session, NewMessage(
            key=key, kind="alert_page", channel=note.kind.value, recipient=note.target.mobile,
            body=body, priority="critical"))
        self._notification(session, row.id, key, step, note.kind.value, now, note, outbound_id,
                           status="outbox")
        return [job] if job else []

    # --- Slack (a job per alert; rows claimed one by one) -------------------------------

    def _slack_action(
        self, session: Session, row: alerts.Alert, kind: str, suffix: str, now: datetime,
        note: esc.Notification | None = None,
    ) -> list[JobRequest]:
        if self.slack is None:
            return []
        key = f"alert-{row.id}-{kind}-{suffix}"
        if alerts.notification_by_outbound_key(session, key) is not None:
            return []
        notification = self._notification(session, row.id, key, row.step_index, kind, now, note)
        return [slack_job(row.id, str(notification.id))]

    def sync_slack(self, alert_id: int) -> None:
        """Work the alert's queued Slack actions in order (post, thread replies, updates)."""
        with self.sessions() as session:
            queued = [n.id for n in alerts.notifications_of(session, alert_id, SLACK_KINDS,
                                                            "queued")]
        for notification_id in queued:
            if not self._slack_one(alert_id, notification_id):
                return  # a transient failure: a retry job is scheduled; keep the order

    def _slack_one(self, alert_id: int, notification_id: int) -> bool:
        assert self.slack is not None
        with transaction(self.sessions) as session:
            if not alerts.claim_notification(session, notification_id, self.clock()):
                return True
            row = alerts.get_alert(session, alert_id)
            notification = session.get(alerts.AlertNotification, notification_id)
            assert row is not None and notification is not None
            kind, posted = notification.kind, _posted(row)
            card = self._card(session, row, notification.target_slack_user_id)
            if kind != "slack_post" and posted is None:
                # Nothing to update yet: the post (still to come) shows the latest state.
                notification.status = "superseded"
                return True
        try:
            if kind == "slack_post":
                result = self.slack.client.post_alert(self.slack.channel, card)
            elif kind == "slack_update":
                assert posted is not None
                result = self.slack.client.update_alert(posted, card)
            else:
                assert posted is not None
                result = self.slack.client.post_reply(posted, _reply_text(card))
        except ChannelUnavailable as error:
            self._slack_retry(alert_id, notification_id, error)
            return False
        except ChannelRejected as error:
            self._slack_done(alert_id, notification_id, "failed", error=str(error))
            return True
        self._slack_done(alert_id, notification_id, "sent",
                         posted=result if kind == "slack_post" else None)
        return True

    def _slack_retry(self, alert_id: int, notification_id: int, error: ChannelUnavailable) -> None:
        now = self.clock()
        with transaction(self.sessions) as session:
            notification = session.get(alerts.AlertNotification, notification_id)
            assert notification is not None
            attempts = notification.attempts
            if attempts >= MAX_SLACK_ATTEMPTS:
                notification.status, notification.error = "failed", str(error)
                self._event(session, alert_id, "slack_failed", detail={"code": error.code})
                logger.error("slack gave up alert_id=%s code=%s", alert_id, error.code)
                return
            notification.status, notification.error = "queued", str(error)
            notification.updated_at = now
        delay = error.retry_after or SLACK_RETRY_SECONDS[attempts - 1]
        at = now + timedelta(seconds=delay)
        logger.warning("slack unavailable, retrying alert_id=%s in=%ss code=%s",
                       alert_id, delay, error.code)
        self.dispatcher.enqueue_all([slack_job(alert_id, f"{notification_id}-r{attempts}", at)])

    def _slack_done(
        self, alert_id: int, notification_id: int, status: str, *, error: str | None = None,
        posted: PostedMessage | None = None,
    ) -> None:
        with transaction(self.sessions) as session:
            notification = session.get(alerts.AlertNotification, notification_id)
            assert notification is not None
            notification.status, notification.error = status, error
            notification.updated_at = self.clock()
            if posted is not None:
                row = alerts.lock_alert(session, alert_id)
                assert row is not None
                row.slack_channel, row.slack_ts = posted.channel, posted.ts
            if status == "failed":
                self._event(session, alert_id, "slack_failed", detail={"kind": notification.kind})
        logger.info("slack %s alert_id=%s notification_id=%s", status, alert_id, notification_id)

    def _card(self, session: Session, row: alerts.Alert, mention: str | None) -> AlertCard:
        contacts = alerts.contacts_of(session, row.id)
        first = contacts[0]
        customer = session.get(repo.Customer, first.customer_id)
        return AlertCard(
            alert_id=str(row.id), hazards=tuple(row.incident.get("hazards", [])),
            address=_place(row), resident_words=first.text, channel=first.channel,
            received_at=first.received_at, ack_code=row.ack_code,
            customer=" ".join(filter(None, [customer.display_name if customer else None,
                                            first.sender])),
            vulnerabilities=tuple((first.decision or {}).get("vulnerabilities", ())),
            paging_slack_user_id=mention, reports=len(contacts),
            acknowledged=_change(row.acknowledged_by, row.acknowledged_at, row.acknowledged_via),
            resolved=_change(row.resolved_by, row.resolved_at, row.resolved_via),
        )

    # --- acknowledge and resolve ----------------------------------------------------------

    def acknowledge(self, alert_id: int, by: Actor, via: Via) -> StateOutcome:
        """Stop paging; the resident is told an engineer is dealing with it."""
        return self._change_state(alert_id, by, via, alert_rules.acknowledge, "acknowledged")

    def resolve(self, alert_id: int, by: Actor, via: Via) -> StateOutcome:
        """Close the alert (stops paging too)."""
        return self._change_state(alert_id, by, via, alert_rules.resolve, "resolved")

    def _change_state(
        self, alert_id: int, by: Actor, via: Via, transition: Any, kind: str
    ) -> StateOutcome:
        jobs: list[JobRequest] = []
        with transaction(self.sessions) as session:
            row = alerts.lock_alert(session, alert_id)
            if row is None:
                raise AlertNotFound(alert_id)
            now = self.clock()
            before = _domain(row)
            after = transition(before, by, now, via)
            if after == before:
                return StateOutcome(row.id, False, row.state, row.acknowledged_by)
            _store(row, after)
            self._event(session, row.id, kind, actor=by.name, via=via.value,
                        detail=_actor_detail(by))
            jobs.extend(self._slack_action(session, row, "slack_update", kind, now))
            jobs.extend(self._follow_up(session, alerts.contacts_of(session, row.id)))
            outcome = StateOutcome(row.id, True, row.state, row.acknowledged_by)
        self.dispatcher.enqueue_all(jobs)
        logger.warning("alert %s alert_id=%s via=%s", kind, alert_id, via.value)
        return outcome

    def _follow_up(self, session: Session, contacts: Any) -> list[JobRequest]:
        """"An engineer has been told": once per contact, by SMS/WhatsApp where we can."""
        jobs: list[JobRequest] = []
        for contact in contacts:
            identity = session.get(repo.Identity, contact.identity_id)
            if identity is None or identity.kind != "phone":
                continue
            channel = "whatsapp" if contact.channel == "whatsapp" else "sms"
            if channel == "sms" and not identity.sms_capable:
                continue
            prefix = "whatsapp:" if channel == "whatsapp" else ""
            _, job = self.outbox.queue(session, NewMessage(
                key=f"alert-followup-{contact.id}", kind="emergency_follow_up", channel=channel,
                recipient=prefix + identity.value, contact_id=contact.id, priority="critical",
                body=say.resident_follow_up(contact.reference, self.organisation),
                suppressed_because="recipient opted out of texts (STOP)"
                if identity.opted_out_at else None))
            jobs.extend([job] if job else [])
        return jobs

    def slack_action(self, action: str, alert_id: str, user_id: str, user_name: str) -> None:
        """An Acknowledge or Resolve click on the Slack card."""
        if not alert_id.isdigit():
            logger.warning("slack click for an unknown alert id; ignored")
            return
        change = self.resolve if action == "resolve" else self.acknowledge
        try:
            change(int(alert_id), Actor(user_name, slack_user_id=user_id), Via.SLACK)
        except AlertNotFound:
            logger.warning("slack click for a missing alert alert_id=%s", alert_id)

    # --- acknowledging by SMS and by phone ------------------------------------------------

    def sms_acknowledgement(self, message: InboundMessage) -> str | None:
        """If `message` is "ACK code" from a rota number, acknowledge and return the reply.

        None means it is not an acknowledgement: record it as an ordinary contact.
        """
        code = alert_rules.parse_ack_reply(message.text) if message.channel.value == "sms" else None
        if code is None or not self.oncall.may_acknowledge(message.sender):
            return None
        with self.sessions() as session:
            row = alerts.open_alert_by_code(session, code)
            alert_id = row.id if row is not None else None
        if alert_id is None:
            return say.sms_unknown_code(code)
        actor = Actor(self.oncall.name_for(message.sender), phone=message.sender)
        outcome = self.acknowledge(alert_id, actor, Via.SMS)
        return say.sms_ack_reply(alert_id, outcome.changed, outcome.by)

    def voice_page(self, key: str) -> VoicePage | None:
        """The script for the paging call whose outbox key is `key`."""
        with self.sessions() as session:
            notification = alerts.notification_by_outbound_key(session, key)
            if notification is None or notification.kind != "voice":
                return None
            row = alerts.get_alert(session, notification.alert_id)
            assert row is not None
            script = say.voice_script(row.id, row.incident.get("hazards", []), _place(row))
            return VoicePage(row.id, script, row.state == "open", row.acknowledged_by)

    def voice_acknowledge(self, key: str) -> StateOutcome | None:
        """The person called pressed the acknowledge key."""
        with self.sessions() as session:
            notification = alerts.notification_by_outbound_key(session, key)
            if notification is None or notification.kind != "voice":
                return None
            alert_id = notification.alert_id
            actor = Actor(notification.target_name or "on-call", phone=notification.target_mobile)
        return self.acknowledge(alert_id, actor, Via.VOICE)

    def call_taken(self, contact_id: int, number: str) -> StateOutcome | None:
        """The on-call person at `number` took the emergency call that made `contact_id`:
        acknowledge its alert in their name, so nobody else is paged. None if no alert yet."""
        with self.sessions() as session:
            row = alerts.alert_for_contact(session, contact_id)
            alert_id = row.id if row is not None else None
        if alert_id is None:
            return None
        return self.acknowledge(alert_id, Actor(self.oncall.name_for(number), phone=number),
                                Via.VOICE)

    # --- the auditor (periodic) -------------------------------------------------------------

    def audit(self) -> AuditReport:
        """Re-arm open alerts whose next step is overdue; re-enqueue stalled Slack work."""
        now = self.clock()
        jobs: list[JobRequest] = []
        with transaction(self.sessions) as session:
            for row in alerts.overdue_alerts(session, now - self.audit_grace):
                assert row.next_step_at is not None
                pending = row.escalation_token is not None and self.dispatcher.is_pending(
                    step_job(row.id, row.escalation_token).job_id)
                if pending and row.next_step_at > now - self.stall_after:
                    continue  # its job is waiting or running; give it time
                row.escalation_token = _token()  # any stuck job is now stale
                self._event(session, row.id, "audit_rearmed", detail={
                    "step": row.step_index, "due": row.next_step_at.isoformat()})
                logger.error("escalation step overdue, re-armed alert_id=%s", row.id)
                jobs.append(step_job(row.id, row.escalation_token))
            stalled = alerts.stale_slack_alerts(session, now - self.audit_grace)
        jobs.extend(slack_job(alert_id, f"audit-{int(now.timestamp())}") for alert_id in stalled)
        self.dispatcher.enqueue_all(jobs)
        return AuditReport(len(jobs) - len(stalled), len(stalled))

    # --- helpers ------------------------------------------------------------------------------

    def _event(
        self, session: Session, alert_id: int, kind: str, *, actor: str = "system",
        via: str | None = None, detail: dict[str, Any] | None = None,
    ) -> None:
        session.add(alerts.AlertEvent(alert_id=alert_id, at=self.clock(), kind=kind,
                                      actor=actor, via=via, detail=detail or {}))

    def _notification(
        self, session: Session, alert_id: int, key: str, step: int, kind: str, now: datetime,
        note: esc.Notification | None = None, outbound_id: int | None = None,
        status: str = "queued",
    ) -> alerts.AlertNotification:
        target = note.target if note else None
        row = alerts.AlertNotification(
            key=key, alert_id=alert_id, step_index=step, kind=kind,
            tier=note.tier if note else None, target_name=target.name if target else None,
            target_mobile=target.mobile if target else None,
            target_slack_user_id=target.slack_user_id if target else None,
            outbound_id=outbound_id, status=status, attempts=0, created_at=now, updated_at=now)
        session.add(row)
        session.flush()
        return row


# --- mapping between the row and the pure domain Alert -----------------------------------


def _domain(row: alerts.Alert) -> alert_rules.Alert:
    return alert_rules.Alert(
        id=str(row.id), ack_code=row.ack_code, opened_at=row.opened_at,
        policy_snapshot=row.policy_snapshot, incident=_incident(row.incident),
        contact_ids=(), last_contact_at=row.last_contact_at, state=AlertState(row.state),
        step_index=row.step_index, next_step_due=row.next_step_at,
        escalation_token=row.escalation_token,
    )


def _store(row: alerts.Alert, alert: alert_rules.Alert) -> None:
    row.state = alert.state.value
    row.step_index = alert.step_index
    row.next_step_at = alert.next_step_due
    row.escalation_token = alert.escalation_token
    if alert.acknowledged and row.acknowledged_at is None:
        row.acknowledged_at = alert.acknowledged.at
        row.acknowledged_by = alert.acknowledged.by.name
        row.acknowledged_via = alert.acknowledged.via.value
    if alert.resolved and row.resolved_at is None:
        row.resolved_at = alert.resolved.at
        row.resolved_by = alert.resolved.by.name
        row.resolved_via = alert.resolved.via.value


def _incident(data: dict[str, Any]) -> Incident:
    return Incident(frozenset(data.get("hazards", ())), data.get("uprn"), data.get("block"),
                        data.get("address"), data.get("customer"))


def _incident_json(incident: Incident) -> dict[str, Any]:
    return {"hazards": sorted(incident.hazards), "uprn": incident.uprn, "block": incident.block,
            "address": incident.address, "customer": incident.customer}


def _place(row: alerts.Alert) -> str:
    incident = row.incident
    if incident.get("address"):
        return str(incident["address"])
    return f"address not held, resident #{incident.get('customer')}"


def _posted(row: alerts.Alert) -> PostedMessage | None:
    if row.slack_channel and row.slack_ts:
        return PostedMessage(row.slack_channel, row.slack_ts)
    return None


def _change(by: str | None, at: datetime | None, via: str | None) -> StatusChange | None:
    if by is None or at is None:
        return None
    return StatusChange(by_name=by, at=at, via=via or "api")


def _reply_text(card: AlertCard) -> str:
    return f"Still unacknowledged: paging the next on-call. Reply ACK {card.ack_code}."


def _actor_detail(by: Actor) -> dict[str, Any]:
    return {k: v for k, v in {"slack_user_id": by.slack_user_id, "phone": by.phone}.items() if v}


def _token() -> str:
    return uuid.uuid4().hex[:16]


