"""Emergency escalation: open or join an alert, run one step per job, acknowledge, audit.

The shape is lesson 9 of reference/code-style-anchors.md: the alert row keeps a policy
snapshot, the step index, the due time of the next step and a fencing token. A step job
locks the row, runs only if its token is current, runs one step, stores a new token and
the next due time, and enqueues the next step only after commit. Acknowledging or
resolving clears the token, so every queued step job becomes a no-op. The periodic
`audit` re-arms any open alert whose next step is overdue (a lost or killed job).

Each page is its own outbox row and job (SMS and calls on the critical queue, Slack card
actions on Slack's own queue, in order per alert: see slack.py), so Slack being down never
holds up SMS or voice paging.
Translating between the alert row and the domain `Alert` is in alert_records.py.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

import routing
from channels.base import InboundMessage
from contact_hub import job_names
from contact_hub.clock import Clock
from contact_hub.domain.alerts import escalation as esc
from contact_hub.domain.alerts import messages as say
from contact_hub.domain.alerts import model as alert_rules
from contact_hub.domain.alerts.escalation import NotifyKind
from contact_hub.domain.alerts.model import Actor, AlertState, Incident, Via
from contact_hub.domain.alerts.rota import Responder
from contact_hub.domain.contacts.types import Category, Contact
from contact_hub.queueing import JobRequest
from contact_hub.services.contacts.routing import (
    reply_address,
    reply_blocked_because,
    reply_channel,
)
from contact_hub.services.escalation import records
from contact_hub.services.escalation.oncall import OnCall
from contact_hub.services.escalation.slack import AlertSlack, SlackConfig
from contact_hub.services.outbox import NewMessage, Outbox
from contact_hub.services.unit_of_work import UnitOfWork, UnitsOfWork
from contact_hub.services.workspace.agent_work import mark_resolved
from contact_hub.storage import repository as repo
from contact_hub.storage.alerts import repository as alerts

logger = logging.getLogger(__name__)


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


@dataclass(frozen=True)
class VoicePage:
    """What a paging call should say, for the TwiML views."""

    alert_id: int
    script: str
    open: bool
    acknowledged_by: str | None


DEFAULT_REMINDER = timedelta(hours=2)


def step_job(alert_id: int, token: str, at: datetime | None = None) -> JobRequest:
    """The job that runs the alert's current step if `token` is still the live one."""
    return JobRequest(
        func=job_names.ESCALATION_STEP,
        args=(alert_id, token),
        job_id=f"escalate-{alert_id}-{token}",
        queue="critical",
        at=at,
    )


def incident_for(contact: repo.Contact, decision: routing.Decision) -> Incident:
    """What and where: the contact's property from the register when it is known
    (services/homes/matching.py placed it), and the customer in any case."""
    home = contact.home
    if home is None:
        return Incident(frozenset(decision.hazards), customer=str(contact.customer_id))
    address = ", ".join(p for p in (home.address_line_1, home.address_line_2, home.town,
                                    home.postcode) if p)
    return Incident(frozenset(decision.hazards), uprn=home.uprn, block=home.building_id,
                    address=address, customer=str(contact.customer_id))


class EscalationService:
    """Alerts for emergencies, escalated up the on-call rota until acknowledged."""

    def __init__(
        self,
        uow: UnitsOfWork,
        outbox: Outbox,
        oncall: OnCall,
        clock: Clock,
        *,
        organisation: str,
        slack: SlackConfig | None = None,
        policy: esc.EscalationPolicy = esc.DEFAULT_POLICY,
        audit_grace: timedelta = timedelta(seconds=60),
        step_grace: timedelta | None = None,
        stall_after: timedelta = timedelta(minutes=5),
        remind_every: timedelta = DEFAULT_REMINDER,
        grouping_window: timedelta = alert_rules.GROUPING_WINDOW,
    ) -> None:
        self.uow = uow
        self.dispatcher = uow.dispatcher  # is a step's job still pending? (the audit)
        self.outbox = outbox
        self.oncall = oncall
        self.clock = clock
        self.organisation = organisation
        self.log = records.AlertLog(clock)
        self.slack = AlertSlack(outbox, self.log, slack)
        self.policy = policy
        # A step this overdue whose job is not pending (lost, or orphaned by a dead worker)
        # is re-armed: the first page after a crash waits one sweep, not minutes.
        self.step_grace = audit_grace if step_grace is None else step_grace
        self.stall_after = stall_after
        self.remind_every = remind_every  # 0: no reminders
        self.grouping_window = grouping_window  # 0: every report opens its own alert

    # --- opening and joining (in the routing transaction) ------------------------

    def on_routed(
        self, uow: UnitOfWork, contact: Contact, decision: routing.Decision
    ) -> None:
        """The routed handler: an emergency opens an alert or joins the open one."""
        if decision.category != Category.EMERGENCY:
            return
        now = self.clock()
        row = uow.contacts.row_of(contact)
        incident = incident_for(row, decision)
        match = None
        if self.grouping_window > timedelta(0):
            candidates = alerts.alerts_to_join(uow.session, now - self.grouping_window)
            open_alerts = [records.to_domain(alert) for alert in candidates]
            match = alert_rules.find_open_alert(open_alerts, incident, now, self.grouping_window)
        if match is not None:
            uow.enqueue_all(self._join(uow.session, int(match.id), row, incident, now))
        else:
            uow.enqueue_all(self._open(uow.session, row, incident, now))

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
            policy_snapshot=dict(opened.policy_snapshot), incident=records.incident_json(incident),
            first_contact_id=contact.id, step_index=0, next_step_at=now, escalation_token=token,
        )
        session.add(row)
        session.flush()
        session.add(alerts.AlertContact(alert_id=row.id, contact_id=contact.id, joined_at=now))
        self.log.event(session, row.id, "opened", detail={
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
        joined = alert_rules.join(records.to_domain(row), str(contact.id), incident, now)
        row.incident = records.incident_json(joined.incident)
        row.last_contact_at = joined.last_contact_at
        session.add(alerts.AlertContact(alert_id=row.id, contact_id=contact.id, joined_at=now))
        self.log.event(session, row.id, "joined", detail={"contact_id": contact.id})
        logger.info("contact joined alert alert_id=%s contact_id=%s", row.id, contact.id)
        jobs = self.slack.queue(session, row, "slack_update", f"join-{contact.id}", now)
        if row.state != AlertState.OPEN:
            jobs.extend(self._follow_up(session, [contact]))
        return jobs

    # --- one escalation step (a job) ------------------------------------------------

    def run_step(self, alert_id: int, token: str) -> None:
        """Run the alert's current step if `token` is still the live one. Safe to run twice."""
        with self.uow() as uow:
            session = uow.session
            row = alerts.lock_alert(session, alert_id)
            if row is None or not esc.is_current_job(records.to_domain(row), token):
                logger.info("stale escalation job ignored alert_id=%s", alert_id)
                return
            now = self.clock()
            alert = records.to_domain(row)
            result = esc.escalation_step(alert, now, self.oncall.at(now))
            new_token = _token()
            records.store(row, esc.after_step(alert, result, new_token))
            uow.enqueue_all(self._page(session, row, alert.step_index, result, now))
            due = result.next_step_due
            uow.enqueue(step_job(row.id, new_token, at=due if due and due > now else None))
            uow.commit()

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
                jobs.extend(self.slack.queue(session, row, kind, f"step-{step}", now, note))
            elif note.target.mobile:
                jobs.extend(self._phone_page(session, row, step, note, now))
            else:
                paged[-1]["skipped"] = "no number (set ONCALL_FALLBACK_NUMBER)"
                logger.error("page skipped, no number alert_id=%s tier=%s", row.id, note.tier)
        if paged:
            self.log.event(session, row.id, "step", detail={"step": step, "paged": paged})
        return jobs

    def _phone_page(
        self, session: Session, row: alerts.Alert, step: int, note: esc.Notification,
        now: datetime,
    ) -> list[JobRequest]:
        digits = "".join(ch for ch in note.target.mobile if ch.isdigit())
        key = f"page-{row.id}-{step}-{note.kind.value}-{digits}"
        hazards, place = row.incident.get("hazards", []), records.place(row)
        caller = records.caller_of(session, row.id)
        body = (say.page_sms(row.id, hazards, place, row.ack_code, caller)
                if note.kind is NotifyKind.SMS
                else say.voice_script(row.id, hazards, place, caller))
        outbound_id, job = self.outbox.queue(session, NewMessage(
            key=key, kind="alert_page", channel=note.kind.value, recipient=note.target.mobile,
            body=body, priority="critical"))
        self.log.notification(session, row.id, key, step, note.kind.value, now, note, outbound_id,
                           status="outbox")
        return [job] if job else []

    def sync_slack(self, alert_id: int) -> None:
        """Send the alert's queued Slack actions in order (Slack jobs queued before the
        outbox carried Slack; the outbox's send jobs do it now)."""
        self.slack.sync(alert_id)

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
        with self.uow() as uow:
            session = uow.session
            row = alerts.lock_alert(session, alert_id)
            if row is None:
                raise AlertNotFound(alert_id)
            now = self.clock()
            before = records.to_domain(row)
            after = transition(before, by, now, via)
            if after == before:
                return StateOutcome(row.id, False, row.state, row.acknowledged_by)
            records.store(row, after)
            self.log.event(session, row.id, kind, actor=by.name, via=via.value,
                        detail=records.actor_detail(by))
            uow.enqueue_all(self.slack.queue(session, row, "slack_update", kind, now))
            contacts = alerts.contacts_of(session, row.id)
            uow.enqueue_all(self._follow_up(session, contacts))
            if kind == "resolved":
                _resolve_contacts(session, contacts, by.name, now, row.id)
            outcome = StateOutcome(row.id, True, row.state, row.acknowledged_by)
            uow.commit()
        logger.warning("alert %s alert_id=%s via=%s", kind, alert_id, via.value)
        return outcome

    def _follow_up(self, session: Session, contacts: Any) -> list[JobRequest]:
        """"An engineer has been told": once per contact, on the channel the resident used
        (a caller by text), as its acknowledgement went; held, with the reason, where
        nothing may be sent (opted out, a landline)."""
        jobs: list[JobRequest] = []
        for contact in contacts:
            identity = session.get(repo.Identity, contact.identity_id)
            if identity is None:
                continue
            _, job = self.outbox.queue(session, NewMessage(
                key=f"alert-followup-{contact.id}", kind="emergency_follow_up",
                channel=reply_channel(contact), recipient=reply_address(contact, identity),
                contact_id=contact.id, priority="critical",
                body=say.resident_follow_up(contact.reference, self.organisation),
                suppressed_because=reply_blocked_because(identity)))
            jobs.extend([job] if job else [])
        return jobs

    def slack_action(self, action: str, alert_id: str, user_id: str, user_name: str) -> None:
        """An Acknowledge or Resolve click on the Slack card."""
        # ASCII digits within the database's integer range ("²".isdigit() is true too).
        if not (alert_id.isascii() and alert_id.isdigit() and 0 < int(alert_id) < 2**31):
            logger.warning("slack click for an unknown alert id; ignored")
            return
        change = self.resolve if action == "resolve" else self.acknowledge
        try:
            change(int(alert_id), Actor(user_name, slack_user_id=user_id), Via.SLACK)
        except AlertNotFound:
            logger.warning("slack click for a missing alert alert_id=%s", alert_id)

    # --- acknowledging by SMS and by phone ------------------------------------------------

    def sms_acknowledgement(self, message: InboundMessage) -> str | None:
        """If `message` is "ACK code" or "RESOLVED code" from a rota number, act on it and
        return the reply.

        None means it is neither: record it as an ordinary contact.
        """
        if message.channel.value != "sms":
            return None
        resolving = alert_rules.parse_resolve_reply(message.text)
        code = resolving or alert_rules.parse_ack_reply(message.text)
        if code is None or not self.oncall.may_acknowledge(message.sender):
            return None
        with self.uow() as uow:
            row = alerts.open_alert_by_code(uow.session, code)
            alert_id = row.id if row is not None else None
        if alert_id is None:
            return say.sms_unknown_code(code)
        actor = Actor(self.oncall.name_for(message.sender), phone=message.sender)
        if resolving:
            return say.sms_resolve_reply(alert_id, self.resolve(alert_id, actor, Via.SMS).changed)
        outcome = self.acknowledge(alert_id, actor, Via.SMS)
        return say.sms_ack_reply(alert_id, outcome.changed, outcome.by)

    def voice_page(self, key: str) -> VoicePage | None:
        """The script for the paging call whose outbox key is `key`."""
        with self.uow() as uow:
            session = uow.session
            notification = alerts.notification_by_outbound_key(session, key)
            if notification is None or notification.kind != "voice":
                return None
            row = alerts.get_alert(session, notification.alert_id)
            assert row is not None
            script = say.voice_script(row.id, row.incident.get("hazards", []), records.place(row),
                                      records.caller_of(session, row.id))
            return VoicePage(row.id, script, row.state == "open", row.acknowledged_by)

    def voice_acknowledge(self, key: str) -> StateOutcome | None:
        """The person called pressed the acknowledge key."""
        with self.uow() as uow:
            notification = alerts.notification_by_outbound_key(uow.session, key)
            if notification is None or notification.kind != "voice":
                return None
            alert_id = notification.alert_id
            actor = Actor(notification.target_name or "on-call", phone=notification.target_mobile)
        return self.acknowledge(alert_id, actor, Via.VOICE)

    def call_taken(self, contact_id: int, number: str) -> StateOutcome | None:
        """The on-call person at `number` took the emergency call that made `contact_id`:
        acknowledge its alert in their name, so nobody else is paged. None if no alert yet."""
        with self.uow() as uow:
            row = alerts.alert_for_contact(uow.session, contact_id)
            alert_id = row.id if row is not None else None
        if alert_id is None:
            return None
        return self.acknowledge(alert_id, Actor(self.oncall.name_for(number), phone=number),
                                Via.VOICE)

    # --- the auditor (periodic) -------------------------------------------------------------

    def audit(self) -> AuditReport:
        """Re-arm open alerts whose next step is overdue (the sweeper re-enqueues stalled
        Slack card actions, with the rest of the outbox)."""
        now = self.clock()
        rearmed = 0
        with self.uow() as uow:
            session = uow.session
            for row in alerts.overdue_alerts(session, now - self.step_grace):
                assert row.next_step_at is not None
                pending = row.escalation_token is not None and self.dispatcher.is_pending(
                    step_job(row.id, row.escalation_token).job_id)
                if pending and row.next_step_at > now - self.stall_after:
                    continue  # its job is waiting or running; give it time
                row.escalation_token = _token()  # any stuck job is now stale
                self.log.event(session, row.id, "audit_rearmed", detail={
                    "step": row.step_index, "due": row.next_step_at.isoformat()})
                logger.error("escalation step overdue, re-armed alert_id=%s", row.id)
                uow.enqueue(step_job(row.id, row.escalation_token))
                rearmed += 1
            for notification in alerts.slack_actions_outside_outbox(session):
                uow.enqueue_all(self.slack.adopt(session, notification))
            uow.commit()
        return AuditReport(rearmed)

    # --- reminders while acknowledged but not resolved (periodic) --------------------------

    def remind(self) -> int:
        """Remind whoever acknowledged an alert still unresolved, every `remind_every`
        after the acknowledgement: a thread note on the Slack card that mentions them and
        an SMS to their mobile. Each reminder goes once (`reminders_sent`, under the row
        lock); a worker that was down sends the latest one, not a burst. Returns how many
        alerts were reminded."""
        if self.remind_every <= timedelta(0):
            return 0
        now = self.clock()
        reminded = 0
        with self.uow() as uow:
            for row in alerts.acknowledged_unresolved(uow.session, now - self.remind_every):
                due = alert_rules.reminder_due(records.to_domain(row), now, self.remind_every)
                if due <= row.reminders_sent:
                    continue
                row.reminders_sent = due
                uow.enqueue_all(self._remind(uow.session, row, due, now))
                reminded += 1
            uow.commit()
        return reminded

    def _remind(
        self, session: Session, row: alerts.Alert, number: int, now: datetime
    ) -> list[JobRequest]:
        assert row.acknowledged_at is not None and row.acknowledged_by is not None
        who = self._acknowledger(session, row)
        note = esc.Notification(NotifyKind.SLACK_CHANNEL, who, "acknowledged")
        jobs = self.slack.queue(session, row, "slack_reminder", str(number), now, note)
        minutes = int((now - row.acknowledged_at).total_seconds() // 60)
        if who.mobile:
            key = f"remind-{row.id}-{number}"
            outbound_id, job = self.outbox.queue(session, NewMessage(
                key=key, kind="alert_reminder", channel="sms", recipient=who.mobile,
                body=say.reminder_sms(row.id, row.incident.get("hazards", []),
                                      records.place(row), row.ack_code, minutes),
                priority="critical"))
            self.log.notification(session, row.id, key, row.step_index, "sms", now, note,
                                  outbound_id, status="outbox")
            jobs.extend([job] if job else [])
        self.log.event(session, row.id, "reminded", detail={
            "reminder": number, "to": who.name, "sms": bool(who.mobile),
            "minutes_since_acknowledged": minutes})
        logger.warning("acknowledged alert still unresolved, reminded alert_id=%s", row.id)
        return jobs

    def _acknowledger(self, session: Session, row: alerts.Alert) -> Responder:
        """Who acknowledged `row`, with the mobile and Slack id to remind them on: as they
        acknowledged (their phone, their Slack user) or else from the rota by name."""
        acknowledged = next((e for e in alerts.events_of(session, row.id)
                             if e.kind == "acknowledged"), None)
        detail = acknowledged.detail if acknowledged is not None else {}
        phone, slack_user_id = detail.get("phone"), detail.get("slack_user_id")
        person = self.oncall.person(mobile=phone, slack_user_id=slack_user_id,
                                    name=row.acknowledged_by)
        return Responder(
            tier=None, name=str(row.acknowledged_by),
            mobile=phone or (person.mobile if person else ""),
            slack_user_id=slack_user_id or (person.slack_user_id if person else None))


def _token() -> str:
    return uuid.uuid4().hex[:16]


def _resolve_contacts(
    session: Session, contacts: Any, by: str, now: datetime, alert_id: int
) -> None:
    """A resolved alert takes its contacts out of the agents' emergencies queue."""
    for contact in contacts:
        mark_resolved(session, contact, by, now, {"alert_id": alert_id})
