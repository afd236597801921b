"""The freephone line: what to say next in a call, and what a call leaves behind.

The TwiML comes from the pure IVR in `channels.ivr`; this service supplies what it needs
at the moment of the request (opening hours with bank holidays, who is on call now, the
menu) and records what the call produces through the inbound service:

- choosing the emergency option is an emergency contact, stored before anyone is rung,
  with the numbers to ring (the dial plan) kept on it so every tier of one call follows
  the same list even if the rota file changes mid-call;
- a voicemail is a contact keyed on its RecordingSid. Unless it was left on the
  emergency option it waits in ``awaiting_transcript`` and is routed on the transcript
  (so a "repair" message about a gas leak is escalated); a failed transcription releases
  it at once and the sweeper releases it if the transcript never comes.

Recording an emergency never stops the on-call team being rung: if the database fails,
the failure is logged and the caller is still put through.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

import routing
from channels import ivr
from channels.base import Channel, InboundMessage
from channels.ivr_menus import IvrMenu, OptionAction, choose_option
from channels.twilio_voice import EMERGENCY_SUFFIX, CallStatusUpdate
from contact_hub.bank_holidays import england_and_wales_bank_holidays
from contact_hub.clock import Clock
from contact_hub.domain.alerts.rota import Rota, page_order
from contact_hub.domain.contacts.types import IVR_EMERGENCY, Category
from contact_hub.domain.opening_hours import OpeningHours
from contact_hub.rota_file import RotaFileError, load_rota
from contact_hub.services.contacts.inbound import InboundService
from contact_hub.services.escalation.service import EscalationService
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage import repository as repo
from contact_hub.storage.reports import repository as rrepo

logger = logging.getLogger(__name__)

DIAL_PLAN_EVENT = "ivr_dial_plan"
DIAL_ATTEMPT_EVENT = "ivr_dial_attempt"
CALL_ENDED_EVENT = "call_ended"
FINAL_CALL_STATUSES = frozenset({"completed", "busy", "failed", "no-answer", "canceled"})


class RotaSource:
    """The on-call rota file, reloaded when it changes; a bad edit keeps the last good one.

    A missing or unset file means nobody is named, so calls go to the fallback number.
    """

    def __init__(self, path: str | None) -> None:
        self.path = Path(path) if path else None
        self._loaded: tuple[float, Rota] | None = None

    def current(self) -> Rota | None:
        """The rota as the file says now, or None when there is no usable file."""
        if self.path is None:
            return None
        try:
            mtime = self.path.stat().st_mtime
        except OSError:
            logger.warning("on-call rota file missing path=%s; using the fallback", self.path)
            return None
        if self._loaded is None or self._loaded[0] != mtime:
            try:
                self._loaded = (mtime, load_rota(self.path))
            except RotaFileError as error:
                # A bad edit must not stop emergency calls: keep ringing the last good rota.
                # Log where the file is wrong, not its values (staff phone numbers).
                logger.error("on-call rota file invalid, keeping the last good one field=%s",
                             error.field)
                return self._loaded[1] if self._loaded else None
        return self._loaded[1]

    def mobiles(self, at: datetime) -> tuple[str, ...]:
        """Whoever is on call at `at`, in page order (the fallback number is added later)."""
        rota = self.current()
        if rota is None:
            return ()
        responders = page_order(rota, at, fallback_number="")
        return tuple(r.mobile for r in responders if not r.is_fallback and r.mobile)


class OpeningCalendar:
    """Opening hours plus England and Wales bank holidays, computed per year on demand."""

    def __init__(self, hours: OpeningHours) -> None:
        self.hours = hours
        self._years: dict[int, OpeningHours] = {}

    def is_open(self, at: datetime) -> bool:
        """True when advisors are in at `at` (weekly hours, closures, bank holidays)."""
        year = at.year
        if year not in self._years:
            # Neighbouring years too: the local date can differ from the UTC one at New Year.
            holidays: frozenset[date] = england_and_wales_bank_holidays(range(year - 1, year + 2))
            self._years[year] = self.hours.with_closed_dates(holidays)
        return self._years[year].is_open(at)


@dataclass(frozen=True)
class VoiceConfig:
    """Settings the IVR uses on every call."""

    oncall_fallback_number: str | None
    advisor_numbers: tuple[str, ...]


class VoiceService:
    """Answers each step of a call and records the contacts a call produces."""

    def __init__(
        self,
        uow: UnitsOfWork,
        inbound: InboundService,
        clock: Clock,
        menu: IvrMenu,
        calendar: OpeningCalendar,
        rota: RotaSource,
        config: VoiceConfig,
        escalation: EscalationService | None = None,
    ) -> None:
        self.uow = uow
        self.inbound = inbound
        self.clock = clock
        self.menu = menu
        self.calendar = calendar
        self.rota = rota
        self.config = config
        self.escalation = escalation

    def context(self, base_url: str) -> ivr.IvrContext:
        """What the pure IVR needs for a request arriving now."""
        return ivr.IvrContext(
            base_url=base_url,
            menu=self.menu,
            open_now=self.calendar.is_open(self.clock()),
            oncall_fallback_number=self.config.oncall_fallback_number,
            advisor_numbers=self.config.advisor_numbers,
        )

    # --- the call itself ----------------------------------------------------------------

    def greeting(self, base_url: str) -> str:
        """A new call: safety advice, then the menu."""
        return ivr.greeting(self.context(base_url))

    def menu_choice(self, base_url: str, form: Mapping[str, Any], attempt: int) -> str:
        """The caller pressed or said something (or nothing) at the menu; the router hears
        what they said too, so a danger described in their own words is an emergency."""
        speech = str(form.get("SpeechResult") or "").strip()
        # The rules alone, like the webhook's preview: the learned model runs in the worker.
        danger = bool(speech) and self.inbound.router.route(
            routing.Message(text=speech, channel="voice"), preview=True
        ).category == Category.EMERGENCY
        digits = str(form.get("Digits") or "").strip()
        option = choose_option(self.menu.options, digits or None, speech or None)
        emergency = (danger and not digits) or (
            option is not None and option.action is OptionAction.EMERGENCY)
        if (speech or digits) and not emergency:
            # An emergency is never held up by bookkeeping: its own contact, stored by
            # /emergency, shows the caller got through (see call_status).
            self._note_call(str(form.get("CallSid") or ""), progress="menu")
        return ivr.menu_choice(self.context(base_url), form, attempt, danger_heard=danger)

    def emergency(self, base_url: str, selection: InboundMessage) -> str:
        """The emergency option: record the emergency contact, then ring the first tier."""
        plan = self._record_emergency(selection)
        return ivr.emergency_start(self.context(base_url), plan, caller=selection.sender or None)

    def emergency_unrecorded(self, base_url: str, selection: InboundMessage) -> str:
        """The emergency option while the database is down (the request is spilled, to be
        stored later): ring the rota as it is now."""
        tiers = list(self.rota.mobiles(self.clock()))
        return ivr.emergency_start(self.context(base_url), tiers, caller=selection.sender or None)

    def record_spilled_emergency(self, selection: InboundMessage) -> None:
        """Store an emergency call's contact from the spill (see services/spill.py)."""
        self.inbound.receive(replace(selection, routing_hint=IVR_EMERGENCY))

    def emergency_dial_status(
        self, base_url: str, call_sid: str, form: Mapping[str, Any], tier: int
    ) -> str:
        """A tier was rung: finish if someone took the call, else ring the next tier."""
        status = form.get("DialCallStatus")
        plan = self._dial_plan(call_sid, tier, status)
        return ivr.emergency_dial_status(
            self.context(base_url),
            plan,
            tier,
            status,
            form.get("DialBridged"),
            caller=form.get("From"),
        )

    def oncall_screen(self, base_url: str, tier: int) -> str:
        """Heard by the on-call person who answered: press 1 to take the call."""
        return ivr.oncall_screen(self.context(base_url), tier)

    def oncall_screen_result(self, base_url: str, form: Mapping[str, Any]) -> str:
        """The on-call person's key press: join the calls (and acknowledge the call's alert
        in their name), or hang up their leg."""
        if str(form.get("Digits") or "").strip() == ivr.ACCEPT_KEY:
            self._call_taken(form)
        return ivr.oncall_screen_result(self.context(base_url), form)

    def advisor_dial_status(self, base_url: str, form: Mapping[str, Any]) -> str:
        """Advisors were rung: finish, or take a message if nobody answered."""
        return ivr.advisor_dial_status(self.context(base_url), form)

    # --- what a call leaves behind ------------------------------------------------------

    def voicemail_recorded(
        self, base_url: str, form: Mapping[str, Any], message: InboundMessage | None
    ) -> str:
        """The Record action: store the voicemail, then thank the caller."""
        if message is not None:
            self.record_voicemail(message)
        return ivr.message_recorded(self.context(base_url), form)

    def record_voicemail(self, message: InboundMessage) -> None:
        """Store a voicemail once (keyed on its RecordingSid); a repeat changes nothing."""
        self._note_call(message.thread_key or "", progress="message")
        message = self._router_hint(message)
        self.inbound.receive(message, await_transcript=message.routing_hint != IVR_EMERGENCY)

    def transcription(self, message: InboundMessage | None, recording_sid: str) -> None:
        """A transcript arrived (or failed): the voicemail is routed on whatever we have."""
        if message is None:
            self.inbound.transcript_unavailable(Channel.VOICE, recording_sid)
        else:
            self.inbound.record_transcript(self._router_hint(message))

    def call_status(self, update: CallStatusUpdate) -> None:
        """The number's status callback: note how the call ended (for the abandoned-calls
        KPI), and how an emergency call ended (once)."""
        logger.info("call status call_sid=%s status=%s", update.call_sid, update.status)
        if update.status not in FINAL_CALL_STATUSES:
            return
        with self.uow.transaction() as uow:
            session = uow.session
            call = rrepo.ivr_call(session, update.call_sid)
            if call.ended_at is None:  # a repeated callback changes nothing
                call.ended_at, call.status = self.clock(), update.status
                call.duration_seconds = update.duration_s
            contact = self._emergency_contact(session, update.call_sid)
            if contact is not None and call.progressed_at is None:
                call.progressed_at, call.progress = contact.received_at, "emergency"
            if contact is None or _has_event(session, contact.id, CALL_ENDED_EVENT):
                return
            detail = {"status": update.status, "duration_s": update.duration_s}
            self._event(session, contact.id, CALL_ENDED_EVENT, detail)

    # --- helpers ------------------------------------------------------------------------

    def _note_call(self, call_sid: str, progress: str) -> None:
        """The caller got somewhere (a menu choice, a message): the call is not abandoned.
        Bookkeeping only: never in the way of the call itself."""
        if not call_sid:
            return
        try:
            with self.uow.transaction() as uow:
                call = rrepo.ivr_call(uow.session, call_sid)
                if call.progressed_at is None:
                    call.progressed_at, call.progress = self.clock(), progress
        except Exception:
            logger.exception("could not note the IVR call's progress call=%s", call_sid)

    def _router_hint(self, message: InboundMessage) -> InboundMessage:
        """The menu's emergency option (whatever its key) is the router's "emergency"."""
        if message.routing_hint == self.menu.emergency_option().key:
            return replace(message, routing_hint=IVR_EMERGENCY)
        return message

    def _call_taken(self, form: Mapping[str, Any]) -> None:
        """Acknowledge the alert for the screened call's emergency contact. Never stops the
        calls being joined: on any failure the alert keeps paging, which is the safe side."""
        # The screened leg is the Dial's child call: its parent is the caller's call.
        call_sid = str(form.get("ParentCallSid") or form.get("CallSid") or "")
        number = str(form.get("To") or form.get("Called") or "")
        if self.escalation is None or not call_sid or not number:
            return
        try:
            with self.uow() as uow:
                contact = self._emergency_contact(uow.session, call_sid)
                contact_id = contact.id if contact is not None else None
            outcome = (self.escalation.call_taken(contact_id, number)
                       if contact_id is not None else None)
        except Exception:
            logger.exception("could not acknowledge a taken emergency call call=%s", call_sid)
            return
        if outcome is None:
            logger.warning("emergency call taken before its alert opened call=%s", call_sid)

    def _record_emergency(self, selection: InboundMessage) -> list[str]:
        selection = replace(selection, routing_hint=IVR_EMERGENCY)
        try:
            intake = self.inbound.receive(selection)
            with self.uow() as uow:
                assert intake.contact_id is not None
                plan = _stored_plan(uow.session, intake.contact_id)
                if plan is None:
                    plan = list(self.rota.mobiles(self.clock()))
                    self._event(uow.session, intake.contact_id, DIAL_PLAN_EVENT, {"tiers": plan})
                    uow.commit()
                return plan
        except DBAPIError:
            raise  # the database is down: the webhook spills the request and rings anyway
        except Exception:
            # The caller is on the line: ring the on-call team even if storing failed.
            logger.exception("could not record an emergency call call=%s", selection.thread_key)
            return list(self.rota.mobiles(self.clock()))

    def _dial_plan(self, call_sid: str, tier: int, status: Any) -> list[str]:
        """The numbers this call's emergency rings, as fixed when it started."""
        try:
            with self.uow() as uow:
                session = uow.session
                contact = self._emergency_contact(session, call_sid)
                plan = _stored_plan(session, contact.id) if contact else None
                if contact is not None:
                    detail = {"tier": tier, "dial_call_status": str(status or "")}
                    if not _has_event(session, contact.id, DIAL_ATTEMPT_EVENT, detail):
                        self._event(session, contact.id, DIAL_ATTEMPT_EVENT, detail)
                        uow.commit()
        except DBAPIError:  # the database is down: keep ringing down the rota
            plan = None
        if plan is None:  # never recorded (database trouble at the start): use the rota now
            logger.warning("no dial plan for call=%s; using the rota now", call_sid)
            return list(self.rota.mobiles(self.clock()))
        return plan

    def _emergency_contact(self, session: Session, call_sid: str) -> repo.Contact | None:
        provider_id = f"{call_sid}{EMERGENCY_SUFFIX}"
        return repo.contact_by_provider_id(session, Channel.VOICE.value, provider_id)

    def _event(self, session: Session, contact_id: int, kind: str, detail: dict[str, Any]) -> None:
        event = repo.ContactEvent(contact_id=contact_id, at=self.clock(), kind=kind, detail=detail)
        session.add(event)


def _stored_plan(session: Session, contact_id: int) -> list[str] | None:
    for event in repo.contact_events(session, contact_id):
        if event.kind == DIAL_PLAN_EVENT:
            return [str(number) for number in event.detail.get("tiers", [])]
    return None


def _has_event(
    session: Session, contact_id: int, kind: str, detail: Mapping[str, Any] | None = None
) -> bool:
    return any(
        event.kind == kind and (detail is None or event.detail == dict(detail))
        for event in repo.contact_events(session, contact_id)
    )
