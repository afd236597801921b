"""The composition root: the one place that builds and wires dependencies.

Nothing is created at import time; `build(settings)` makes the engine, Redis client,
transports and services for one process (web, worker or CLI).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from redis import Redis
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from werkzeug.datastructures import MultiDict

import routing
from channels import twilio_sms, twilio_voice
from channels.base import Transport
from channels.dry_run import DryRunTransport
from channels.entra_sign_in import EntraSignIn
from channels.ews_config import EwsConfig
from channels.graph_api import GraphApi
from channels.graph_mail_transport import GraphMailTransport
from channels.ivr_menus import load_menu
from channels.local_mailbox import LocalMailbox
from channels.meta_transport import MetaConfig, MetaTransport
from channels.repairs_system import CHANNEL as REPAIRS_SYSTEM
from channels.repairs_system import RepairsSystemTransport
from channels.slack import SlackAlerts, SlackTransport, slack_breaker
from channels.twilio_calls import TwilioCallTransport
from channels.twilio_transport import TwilioSmsTransport
from contact_hub.bank_holidays import england_and_wales_calendar, parse_closure_days
from contact_hub.clock import Clock, system_clock
from contact_hub.domain.access.entra import parse_role_map
from contact_hub.domain.opening_hours import parse_opening_hours
from contact_hub.domain.privacy.retention import RetentionPolicy
from contact_hub.domain.repairs import parse_standards
from contact_hub.domain.reports.contact_kpis import parse_targets
from contact_hub.domain.reports.independence import IndependenceRule, parse_triggers
from contact_hub.domain.working_days import WorkingCalendar
from contact_hub.queueing import Dispatcher
from contact_hub.services.access.audit import AccessAudit
from contact_hub.services.access.entra import EntraStaffSignIn
from contact_hub.services.access.staff_users import SignInThrottle, StaffUsers
from contact_hub.services.access.tokens import TokenService
from contact_hub.services.complaints import ComplaintService
from contact_hub.services.complaints import monitor as complaint_notices
from contact_hub.services.complaints.monitor import ComplaintMonitor
from contact_hub.services.contacts.customers import CustomerRecords
from contact_hub.services.contacts.identity_links import IdentityLinks
from contact_hub.services.contacts.inbound import InboundService
from contact_hub.services.contacts.queries import ContactQueries
from contact_hub.services.contacts.reclassify import Reclassifier
from contact_hub.services.contacts.routing import ContactRouting
from contact_hub.services.contacts.spill import Spill
from contact_hub.services.contacts.voice import (
    OpeningCalendar,
    RotaSource,
    VoiceConfig,
    VoiceService,
)
from contact_hub.services.email.ews_sync import EwsSync
from contact_hub.services.email.intake import EmailIntake, GraphMailbox, MailSource
from contact_hub.services.email.local import LocalMailSync
from contact_hub.services.email.outbound import email_details
from contact_hub.services.email.subscription import EmailSubscription
from contact_hub.services.email.waits import ProviderWaits
from contact_hub.services.escalation.oncall import OnCall
from contact_hub.services.escalation.queries import AlertQueries
from contact_hub.services.escalation.records import AlertLog
from contact_hub.services.escalation.service import EscalationService
from contact_hub.services.escalation.slack import SLACK_KINDS, AlertCards, SlackConfig
from contact_hub.services.hazards import monitor as hazard_notices
from contact_hub.services.hazards.cases import HazardCases, HazardScope
from contact_hub.services.hazards.monitor import HazardMonitor
from contact_hub.services.health import HealthQueries
from contact_hub.services.homes.matching import Whereabouts
from contact_hub.services.homes.register import HomesRegister
from contact_hub.services.media.keeper import MediaKeeper, MediaLimits
from contact_hub.services.media.scanning import CommandScan
from contact_hub.services.media.sources import (
    Credential,
    MediaSource,
    StagedUploads,
    WebLinks,
    WhatsAppCloudMedia,
)
from contact_hub.services.outbox import Delivery, Outbox
from contact_hub.services.privacy import (
    Erasure,
    LegalHolds,
    Privacy,
    RetentionJob,
    SubjectAccess,
)
from contact_hub.services.repairs import monitor as repair_notices
from contact_hub.services.repairs.monitor import RepairMonitor
from contact_hub.services.repairs.requests import RepairRequests
from contact_hub.services.repairs.work_orders import KIND as WORK_ORDER
from contact_hub.services.repairs.work_orders import WorkOrderDelivery, WorkOrders
from contact_hub.services.reports.annual import AnnualReports
from contact_hub.services.reports.contacts import ContactKpis
from contact_hub.services.reports.learning import ComplaintLearning
from contact_hub.services.reports.quarterly import QuarterlyReports
from contact_hub.services.reports.satisfaction import SatisfactionSurveys
from contact_hub.services.safety.queries import SafetyQuestionQueries
from contact_hub.services.safety.questions import SafetyQuestions
from contact_hub.services.sweeper import Sweeper
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.services.webform.intake import WebFormIntake, WebFormLimits
from contact_hub.services.workspace.agent_work import AgentWork
from contact_hub.services.workspace.queries import WorkspaceQueries
from contact_hub.settings import Settings
from contact_hub.storage.db import DatabaseFaults, make_engine, make_session_factory
from contact_hub.storage.media.files import DirectoryStore, FileStore

if TYPE_CHECKING:  # exchangelib loads only where EWS is configured (build_ews)
    from channels.ews import EwsMailbox


@dataclass(frozen=True)
class Queries:
    """The read side: each feature's query service opens its own read session and returns
    frozen dataclasses, which the API, the pages and jobs render."""

    contacts: ContactQueries
    alerts: AlertQueries
    health: HealthQueries  # what /readyz and /metrics report
    safety: SafetyQuestionQueries  # questions waiting for an answer ("check now")
    workspace: WorkspaceQueries  # the staff pages' views


def build_queries(engine: Engine, sessions: sessionmaker[Session], clock: Clock) -> Queries:
    return Queries(
        contacts=ContactQueries(sessions), alerts=AlertQueries(sessions),
        health=HealthQueries(engine, sessions), safety=SafetyQuestionQueries(sessions, clock),
        workspace=WorkspaceQueries(sessions),
    )


@dataclass
class Container:
    """Everything a process needs, built once."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    uow: UnitsOfWork  # one transaction per use case, its jobs enqueued after commit
    redis: Redis
    dispatcher: Dispatcher
    clock: Clock
    router: routing.Router
    outbox: Outbox
    inbound: InboundService
    sweeper: Sweeper
    tokens: TokenService
    reclassifier: Reclassifier
    agent_work: AgentWork
    customers: CustomerRecords
    identity_links: IdentityLinks  # one resident across channels: link and unlink
    voice: VoiceService
    escalation: EscalationService
    oncall: OnCall
    complaints: ComplaintService
    complaint_monitor: ComplaintMonitor
    email: EmailIntake  # email in over Microsoft Graph or Exchange (EWS)
    access_audit: AccessAudit  # who read which resident's record
    privacy: Privacy  # retention, legal holds, subject access, erasure
    staff: StaffUsers  # people who sign in to the workspace pages
    homes: HomesRegister  # the property register (properties, tenancies, households)
    hazards: HazardCases  # Awaab's Law hazard cases
    hazard_monitor: HazardMonitor
    repairs: RepairRequests  # repair requests against the landlord's service standards
    repair_monitor: RepairMonitor
    work_orders: WorkOrders  # to the repairs system, and its status updates back
    spill: Spill  # webhook requests kept while the database is down
    media: MediaKeeper  # residents' photos and files, kept in the file store
    webform: WebFormIntake  # the public web form at /contact
    reports: AnnualReports  # the annual complaints report and its written parts
    learning: ComplaintLearning  # categories, causes, lessons, improvements on a case
    contact_kpis: ContactKpis  # contacts by channel, resolution, response, acknowledgement
    surveys: SatisfactionSurveys  # the question after a resolved contact, and its answer
    quarterly: QuarterlyReports  # trends by quarter, emailed to the governing body's list
    safety: SafetyQuestions  # "is anyone in danger?" when the router is unsure
    queries: Queries  # read models for the API and the workspace pages
    # Recovery jobs every worker runs on a timer (the sweeper, escalation audit, reminders).
    periodic: list[Callable[[], object]] = field(default_factory=list)
    email_subscription: EmailSubscription | None = None  # None unless Graph is configured
    ews_sync: EwsSync | None = None  # None unless EMAIL_BACKEND=ews
    # Which errors mean the database is down (the web's 503 and the Twilio spill).
    database_faults: DatabaseFaults = field(default_factory=DatabaseFaults)
    # The local mailbox (`try email`), outside production with no email backend.
    local_mail: LocalMailSync | None = None
    entra: EntraStaffSignIn | None = None  # None unless ENTRA_* are set (Microsoft sign-in)

    def close(self) -> None:
        self.dispatcher.close()
        self.engine.dispose()
        self.redis.close()


def build_entra(
    settings: Settings, uow: UnitsOfWork, redis: Redis, clock: Clock
) -> EntraStaffSignIn | None:
    """Microsoft Entra ID sign-in for staff, when configured."""
    if not settings.entra_enabled:
        return None
    authority = EntraSignIn(
        tenant_id=settings.entra_tenant_id or "", client_id=settings.entra_client_id or "",
        client_secret=settings.entra_client_secret or "",
        login_base_url=settings.entra_login_base_url,
    )
    return EntraStaffSignIn(uow, redis, clock, authority,
                            parse_role_map(settings.entra_role_map or ""),
                            settings.entra_create_accounts)


def build(settings: Settings, *, clock: Clock = system_clock) -> Container:
    """Wire a container from validated settings (REDIS_URL must be resolved by now)."""
    if not settings.redis_url:
        raise ValueError("build() needs a Redis URL; the launcher starts the embedded one")
    engine = make_engine(settings.effective_database_url)
    sessions = make_session_factory(engine)
    redis = Redis.from_url(settings.redis_url, socket_timeout=5, socket_connect_timeout=2)
    dispatcher = Dispatcher(redis)
    uow = UnitsOfWork(sessions, dispatcher)
    router = routing.Router(routing.load_safety_advice(settings.safety_advice_file))
    graph = build_graph(settings)
    ews = build_ews(settings)
    transport_name, transports = build_transports(settings, clock, graph, ews)
    outbox = Outbox(uow, transports, transport_name, clock, {"email": email_details},
                    deliveries=build_deliveries(clock))
    oncall = OnCall(
        settings.oncall_rota_file, settings.oncall_fallback_number, clock,
        settings.paging_paths, settings.out_of_hours_number,
    )
    escalation = build_escalation(settings, uow, outbox, oncall, clock)
    complaints, complaint_monitor = build_complaints(settings, uow, outbox, clock)
    work_orders = WorkOrders(uow, outbox, clock, settings.repairs_system_url)
    hazards, hazard_monitor = build_hazards(settings, uow, outbox, clock, work_orders)
    repairs, repair_monitor = build_repairs(settings, uow, outbox, clock, work_orders)
    media = build_media(settings, uow, clock, graph)
    surveys = SatisfactionSurveys(
        uow, outbox, clock, organisation=settings.organisation_name,
        delay=timedelta(minutes=settings.survey_delay_minutes),
        min_gap=timedelta(days=settings.survey_min_days))
    # Placing the contact comes first: the alert, complaint and hazard case use its property.
    # The media job comes last: a photo never delays an alert; the survey follows a complaint.
    handlers = [Whereabouts(clock).on_routed, escalation.on_routed, complaints.on_routed,
                hazards.on_routed, repairs.on_routed, media.on_routed, surveys.on_routed]
    # A settled safety question re-applies its contact's routing as an emergency: everything
    # above, and no question again (the one thing the inbound routing adds, last).
    safety = SafetyQuestions(
        uow, outbox,
        ContactRouting(router, outbox, clock, settings.organisation_name, list(handlers),
                       oncall.paging),
        clock,
        organisation=settings.organisation_name,
        wait=timedelta(minutes=settings.safety_question_minutes),
        grace=timedelta(seconds=settings.stale_after_seconds),
    )
    contact_routing = ContactRouting(router, outbox, clock, settings.organisation_name,
                                     [*handlers, safety.on_routed], oncall.paging)
    inbound = InboundService(uow, dispatcher, outbox, contact_routing, clock, safety=safety,
                             acknowledgements=escalation.sms_acknowledgement,
                             batch_size=settings.routing_batch_size)
    sweeper = Sweeper(
        uow,
        clock,
        stale_after=timedelta(seconds=settings.stale_after_seconds),
        max_attempts=settings.max_processing_attempts,
        transports=outbox.transports,
        status_changed=outbox.status_changed,
        sending_after=timedelta(seconds=max(
            settings.stale_after_seconds,
            3 * max(settings.twilio_http_timeout, settings.meta_http_timeout))),
    )
    local = (LocalMailbox(settings.local_mailbox_directory)
             if settings.local_mailbox_enabled else None)
    source: MailSource | None = graph or ews or local
    waits = ProviderWaits(redis, clock)  # a throttled poll or sync waits as it was asked
    email = EmailIntake(uow, inbound, source, clock, sweeper.stale_after, waits)
    ews_sync = EwsSync(uow, email, ews, clock, waits) if ews is not None else None
    local_mail = LocalMailSync(email, local) if local is not None else None
    subscription = build_subscription(settings, uow, graph, clock)
    voice = build_voice(settings, uow, inbound, clock, escalation)
    privacy = build_privacy(settings, uow, redis, clock)
    reports = build_reports(settings, uow, clock)
    quarterly = QuarterlyReports(uow, reports, outbox, clock,
                                 settings.quarterly_report_recipients, settings.public_base_url)
    spill = build_spill(settings, redis, clock, inbound, voice)
    periodic: list[Callable[[], object]] = [
        escalation.audit, escalation.remind, sweeper.sweep, complaint_monitor.check,
        hazard_monitor.check, repair_monitor.check, email.sweep, privacy.retention.tick,
        spill.replay, media.sweep,
        surveys.ask_due, quarterly.send_due, safety.check,
    ]
    if graph is not None:  # the catch-up poll works even without a public URL
        periodic.append(email.catch_up)
    if subscription is not None:
        periodic.append(subscription.keep_alive)
    if ews_sync is not None:
        periodic.append(ews_sync.tick)
    return Container(
        settings=settings,
        engine=engine,
        sessions=sessions,
        uow=uow,
        redis=redis,
        dispatcher=dispatcher,
        clock=clock,
        router=router,
        outbox=outbox,
        inbound=inbound,
        sweeper=sweeper,
        tokens=TokenService(uow, clock),
        # The same handlers as routing: a corrected contact is followed up the same way.
        reclassifier=Reclassifier(uow, contact_routing.handlers, clock),
        agent_work=AgentWork(uow, outbox, clock),
        customers=CustomerRecords(uow, clock),
        identity_links=IdentityLinks(uow, clock),
        voice=voice,
        escalation=escalation,
        oncall=oncall,
        complaints=complaints,
        complaint_monitor=complaint_monitor,
        periodic=periodic,
        email=email,
        access_audit=AccessAudit(uow, clock),
        privacy=privacy,
        staff=StaffUsers(uow, clock, SignInThrottle(redis)),
        entra=build_entra(settings, uow, redis, clock),
        homes=HomesRegister(uow, clock),
        hazards=hazards,
        hazard_monitor=hazard_monitor,
        repairs=repairs,
        repair_monitor=repair_monitor,
        work_orders=work_orders,
        email_subscription=subscription,
        spill=spill,
        ews_sync=ews_sync,
        local_mail=local_mail,
        media=media,
        webform=WebFormIntake(inbound, media.store, redis, clock, WebFormLimits(
            settings.web_form_per_hour, settings.web_form_max_files, settings.media_max_bytes)),
        reports=reports,
        quarterly=quarterly,
        contact_kpis=ContactKpis(uow, clock, parse_targets(settings.first_response_targets)),
        surveys=surveys,
        learning=ComplaintLearning(
            uow, outbox, clock, complaints.calendar, settings.complaints_homes,
            settings.complaint_vocabulary(),
            IndependenceRule(parse_triggers(settings.independent_investigation_triggers)),
            organisation=settings.organisation_name,
        ),
        safety=safety,
        queries=build_queries(engine, sessions, clock),
    )


def build_media(
    settings: Settings, uow: UnitsOfWork, clock: Clock,
    graph: GraphMailbox | None = None,
) -> MediaKeeper:
    """The media job: sources for every channel's links, the file store, the scan hook."""
    store = build_file_store(settings)
    credentials = []
    if settings.twilio_account_sid and settings.twilio_auth_token:
        credentials.append(Credential(  # Twilio media links may require the account's auth
            settings.twilio_api_base_url.rstrip("/") + "/",
            basic=(settings.twilio_account_sid, settings.twilio_auth_token)))
    if graph is not None:  # email attachments at Graph: `{attachment}/$value` with its token
        api = graph.api
        credentials.append(Credential(
            settings.graph_api_base_url.rstrip("/") + "/",
            headers=lambda: {"Authorization": f"Bearer {api.token()}"}, suffix="/$value"))
    sources: list[MediaSource] = [StagedUploads(store)]
    if settings.whatsapp_cloud_enabled and settings.whatsapp_cloud_token:
        sources.append(WhatsAppCloudMedia(settings.meta_graph_base_url,
                                          settings.whatsapp_cloud_token,
                                          settings.meta_http_timeout))
    sources.append(WebLinks(settings.meta_http_timeout, credentials, settings.media_link_hosts))
    scan = CommandScan(settings.media_scan_command) if settings.media_scan_command else None
    limits = MediaLimits(settings.media_max_bytes, settings.media_max_attempts)
    return MediaKeeper(uow, store, sources, clock, limits, scan)


def build_file_store(settings: Settings) -> FileStore:
    """The bucket when MEDIA_S3_BUCKET is set, else the media directory."""
    if not settings.media_s3_bucket:
        return DirectoryStore(settings.media_directory)
    # boto3 is an optional extra: imported only when a bucket is configured.
    from contact_hub.storage.media.s3_files import BucketStore

    return BucketStore.connect(
        settings.media_s3_bucket, settings.media_s3_prefix,
        endpoint_url=settings.media_s3_endpoint_url, region=settings.media_s3_region,
        access_key_id=settings.media_s3_access_key_id,
        secret_access_key=settings.media_s3_secret_access_key,
        timeout=settings.meta_http_timeout,
    )


def build_spill(
    settings: Settings, redis: Redis, clock: Clock, inbound: InboundService, voice: VoiceService
) -> Spill:
    """The spill of SMS and voice webhook requests, and how each kind is stored on replay
    (as its webhook would have; an emergency's advice then goes by text with its reference)."""

    def option(query: Mapping[str, str]) -> str | None:
        return twilio_voice.routing_hint(query.get("option"))

    def sms(form: MultiDict[str, str], _query: Mapping[str, str], at: datetime) -> None:
        inbound.receive(twilio_sms.parse_sms(form, at), answer_inline=False)

    def emergency(form: MultiDict[str, str], _query: Mapping[str, str], at: datetime) -> None:
        voice.record_spilled_emergency(twilio_voice.parse_emergency_selection(form, received_at=at))

    def recording(form: MultiDict[str, str], query: Mapping[str, str], at: datetime) -> None:
        message = twilio_voice.parse_recording(form, option=option(query), received_at=at)
        if message is not None:
            voice.record_voicemail(message)

    def transcription(form: MultiDict[str, str], query: Mapping[str, str], at: datetime) -> None:
        message = twilio_voice.parse_transcription(form, option=option(query), received_at=at)
        voice.transcription(message, twilio_voice.recording_id(form))

    def status(form: MultiDict[str, str], _query: Mapping[str, str], _at: datetime) -> None:
        voice.call_status(twilio_voice.parse_call_status(form))

    return Spill(redis, settings.twilio_auth_token, clock, {
        "sms": sms, "voice_emergency": emergency, "voice_recording": recording,
        # The Record action's own request carries the same recording as its status callback.
        "voice_recorded": recording, "voice_transcription": transcription,
        "voice_status": status,
    })


def build_privacy(
    settings: Settings, uow: UnitsOfWork, redis: Redis | None, clock: Clock
) -> Privacy:
    """Retention by the RETENTION_* settings, holds, subject access and erasure (without
    Redis, as in the CLI, retention runs only when asked)."""
    policy = RetentionPolicy(
        contact_years=settings.retention_contact_years,
        complaint_years=settings.retention_complaint_years,
        bsa_complaint_years=settings.retention_bsa_complaint_years,
        hazard_years=settings.retention_hazard_years,
        tenancy_years=settings.retention_tenancy_years,
    )
    interval = timedelta(hours=settings.retention_interval_hours)
    return Privacy(
        retention=RetentionJob(uow, redis, clock, policy, interval),
        holds=LegalHolds(uow, clock),
        access=SubjectAccess(uow, clock, settings.organisation_name,
                             build_file_store(settings)),
        erasure=Erasure(uow, clock, policy),
    )


def build_reports(settings: Settings, uow: UnitsOfWork, clock: Clock) -> AnnualReports:
    """The annual report (no Redis needed: the CLI prints it from the database alone)."""
    year = clock().year
    # Reports go back to 2024/25 (the Code's first statutory year); deadlines run on.
    calendar = england_and_wales_calendar(range(min(2024, year - 3), year + 4),
                                          settings.closure_days)
    return AnnualReports(uow, clock, calendar, settings.complaints_homes,
                         settings.complaint_vocabulary(), settings.organisation_name)


def build_complaints(
    settings: Settings,
    uow: UnitsOfWork,
    outbox: Outbox,
    clock: Clock,
) -> tuple[ComplaintService, ComplaintMonitor]:
    """Complaint cases and their monitor, on a working calendar around the current year."""
    year = clock().year
    # Back-dated complaints and 12-month limits need past years; deadlines need next ones.
    calendar = england_and_wales_calendar(range(year - 3, year + 4), settings.closure_days)
    service = ComplaintService(
        uow, outbox, clock, calendar, settings.complaints_homes,
        organisation=settings.organisation_name,
    )
    channel = settings.complaints_slack_channel if settings.slack_bot_token else None
    monitor = ComplaintMonitor(uow, clock, calendar, outbox, channel)
    return service, monitor


def build_hazards(
    settings: Settings,
    uow: UnitsOfWork,
    outbox: Outbox,
    clock: Clock,
    work_orders: WorkOrders | None = None,
) -> tuple[HazardCases, HazardMonitor]:
    """Awaab's Law hazard cases and their monitor (notices to HAZARDS_SLACK_CHANNEL, else
    the complaints channel)."""
    calendar = _clock_calendar(settings, clock)
    scope = HazardScope(frozenset(settings.hazard_cases_significant),
                        frozenset(settings.hazard_cases_emergency))
    cases = HazardCases(uow, outbox, clock, calendar, settings.organisation_name, scope,
                        work_orders)
    channel = settings.hazards_slack_channel or settings.complaints_slack_channel
    slack_channel = channel if settings.slack_bot_token else None
    return cases, HazardMonitor(uow, clock, calendar, outbox, slack_channel)


def build_repairs(
    settings: Settings,
    uow: UnitsOfWork,
    outbox: Outbox,
    clock: Clock,
    work_orders: WorkOrders,
) -> tuple[RepairRequests, RepairMonitor]:
    """Repair requests against REPAIR_TARGETS, and their monitor (notices to
    REPAIRS_SLACK_CHANNEL, else the hazards channel, else the complaints channel)."""
    calendar = _clock_calendar(settings, clock)
    repairs = RepairRequests(uow, clock, calendar, parse_standards(settings.repair_targets),
                             work_orders)
    channel = (settings.repairs_slack_channel or settings.hazards_slack_channel
               or settings.complaints_slack_channel)
    slack_channel = channel if settings.slack_bot_token else None
    return repairs, RepairMonitor(uow, clock, calendar, outbox, slack_channel)


def _clock_calendar(settings: Settings, clock: Clock) -> WorkingCalendar:
    """Working days for clocks that start now: last year's reports to a few years ahead."""
    year = clock().year
    return england_and_wales_calendar(range(year - 1, year + 4), settings.closure_days)


def build_escalation(
    settings: Settings,
    uow: UnitsOfWork,
    outbox: Outbox,
    oncall: OnCall,
    clock: Clock,
) -> EscalationService:
    """Emergency alerts; Slack only when SLACK_BOT_TOKEN and SLACK_EMERGENCY_CHANNEL are set."""
    slack = None
    if settings.slack_bot_token and settings.slack_emergency_channel:
        slack = SlackConfig(settings.slack_emergency_channel)
    return EscalationService(
        uow, outbox, oncall, clock,
        organisation=settings.organisation_name, slack=slack,
        remind_every=timedelta(minutes=settings.alert_reminder_minutes),
        grouping_window=timedelta(minutes=settings.incident_grouping_minutes),
        step_grace=timedelta(seconds=settings.stale_after_seconds),
    )


def build_deliveries(clock: Clock) -> dict[str, Delivery]:
    """What each kind of staff message adds to the outbox's send: an alert's Slack card
    read as the alert is now, complaint and hazard notices keeping their status."""
    cards = AlertCards(clock, AlertLog(clock))
    return {
        **dict.fromkeys(SLACK_KINDS, cards),
        complaint_notices.NOTICE_KIND: complaint_notices.notice_delivery(clock),
        hazard_notices.NOTICE_KIND: hazard_notices.notice_delivery(clock),
        repair_notices.NOTICE_KIND: repair_notices.notice_delivery(clock),
        WORK_ORDER: WorkOrderDelivery(clock),
    }


def build_voice(
    settings: Settings, uow: UnitsOfWork, inbound: InboundService, clock: Clock,
    escalation: EscalationService | None = None,
) -> VoiceService:
    """The freephone IVR; a bad menu edit (IVR_MENU_DIR) stops start-up here."""
    menu_dir = Path(settings.ivr_menu_dir) if settings.ivr_menu_dir else None
    hours = parse_opening_hours(settings.opening_hours, parse_closure_days(settings.closure_days))
    return VoiceService(
        uow,
        inbound,
        clock,
        menu=load_menu(menu_dir),
        calendar=OpeningCalendar(hours),
        rota=RotaSource(settings.oncall_rota_file),
        config=VoiceConfig(settings.oncall_fallback_number, settings.advisor_numbers),
        escalation=escalation,
    )


def build_graph(settings: Settings) -> GraphMailbox | None:
    """The Graph client for the shared mailbox, when every GRAPH_* setting is given."""
    if not settings.graph_email_enabled:
        return None
    assert settings.graph_tenant_id and settings.graph_client_id and settings.graph_mailbox
    certificate = None
    if settings.graph_client_certificate_file:
        assert settings.graph_client_certificate_thumbprint
        pem = Path(settings.graph_client_certificate_file).read_text()
        certificate = (pem, settings.graph_client_certificate_thumbprint)
    api = GraphApi(
        tenant_id=settings.graph_tenant_id,
        client_id=settings.graph_client_id,
        client_secret=settings.graph_client_secret,
        mailbox=settings.graph_mailbox,
        api_base_url=settings.graph_api_base_url,
        login_base_url=settings.graph_login_base_url,
        certificate=certificate,
    )
    return GraphMailbox(api, settings.graph_mailbox.lower())


def build_ews(settings: Settings) -> EwsMailbox | None:
    """The Exchange (EWS) client for the shared mailbox, when EMAIL_BACKEND=ews. Nothing
    is contacted until first use."""
    if not settings.ews_email_enabled:
        return None
    assert settings.ews_mailbox
    from channels.ews import EwsMailbox  # exchangelib loads only where EWS is configured

    return EwsMailbox(EwsConfig(
        mailbox=settings.ews_mailbox,
        server=settings.ews_server,
        username=settings.ews_username,
        password=settings.ews_password,
        auth_type=settings.ews_auth_type,
        client_id=settings.ews_client_id,
        client_secret=settings.ews_client_secret,
        tenant_id=settings.ews_tenant_id,
        autodiscover=settings.ews_autodiscover,
        access_type=settings.ews_access_type,
        login_base_url=settings.graph_login_base_url,
        max_wait=settings.ews_max_wait_seconds,
    ))


def build_subscription(
    settings: Settings, uow: UnitsOfWork, graph: GraphMailbox | None, clock: Clock
) -> EmailSubscription | None:
    """Upkeep of the inbox subscription (it needs the public URL Graph posts to)."""
    url = _public(settings, "/webhooks/graph")
    if graph is None or url is None or not settings.graph_client_state:
        return None
    return EmailSubscription(uow, graph, url, settings.graph_client_state, clock)


def build_transports(
    settings: Settings,
    clock: Clock = system_clock,
    graph: GraphMailbox | None = None,
    ews: EwsMailbox | None = None,
) -> tuple[str, Mapping[str, Transport]]:
    """Twilio, Meta and email (Graph or EWS) where configured; the dry-run outbox
    transport for the rest; Slack (alert cards, staff notices) when SLACK_BOT_TOKEN is set;
    work orders to the repairs system when REPAIRS_SYSTEM_URL is set."""
    name, transports = _twilio_transports(settings)
    return name, {
        **transports,
        **_meta_transports(settings, clock),
        **_email_transports(settings, graph, ews),
        **_slack_transports(settings),
        **_repairs_transports(settings, clock),
    }


def _repairs_transports(settings: Settings, clock: Clock) -> dict[str, Transport]:
    if not (settings.repairs_system_url and settings.repairs_system_secret):
        return {}
    return {REPAIRS_SYSTEM: RepairsSystemTransport(
        settings.repairs_system_url, settings.repairs_system_secret,
        settings.repairs_system_timeout, clock)}


def _slack_transports(settings: Settings) -> dict[str, Transport]:
    """Slack by its Web API, behind one circuit breaker for the process (Slack's health)."""
    if not settings.slack_bot_token:
        return {}
    client = SlackAlerts(settings.slack_bot_token, base_url=settings.slack_api_base_url,
                         timeout_seconds=settings.slack_http_timeout, breaker=slack_breaker())
    return {"slack": SlackTransport(client)}


def _email_transports(
    settings: Settings, graph: GraphMailbox | None, ews: EwsMailbox | None
) -> dict[str, Transport]:
    """Email by Graph or Exchange when configured; dry-run email only while everything is
    dry run (with live SMS but no mailbox, emails are kept for a person to send)."""
    if graph is not None:
        return {"email": GraphMailTransport(graph.api)}
    if ews is not None:
        from channels.ews import EwsMailTransport

        return {"email": EwsMailTransport(ews)}
    return {} if settings.twilio_sending_enabled else {"email": DryRunTransport()}


def _meta_transports(settings: Settings, clock: Clock) -> dict[str, Transport]:
    """Messenger and Instagram by the Graph API with a page token, else dry run; WhatsApp
    by Meta's Cloud API once its phone number id is set (else it stays on Twilio)."""
    meta = MetaTransport(
        MetaConfig(
            graph_base_url=settings.meta_graph_base_url,
            page_access_token=settings.meta_page_access_token,
            whatsapp_phone_number_id=settings.meta_whatsapp_phone_number_id,
            whatsapp_token=settings.whatsapp_cloud_token,
            timeout=settings.meta_http_timeout,
        ),
        clock,
    )
    page: Transport = meta if settings.meta_page_access_token else DryRunTransport()
    chosen = {"messenger": page, "instagram": page}
    if settings.whatsapp_cloud_enabled:
        chosen["whatsapp"] = meta
    return chosen


def _twilio_transports(settings: Settings) -> tuple[str, Mapping[str, Transport]]:
    """Twilio when it is configured, else the dry-run outbox transport."""
    if not settings.twilio_sending_enabled:
        dry = DryRunTransport()
        return "dry_run", {"sms": dry, "whatsapp": dry, "voice": dry}
    assert settings.twilio_account_sid and settings.twilio_auth_token
    assert settings.twilio_from_number
    callback = None
    if settings.public_base_url:
        callback = settings.public_base_url.rstrip("/") + "/webhooks/twilio/sms/status"
    twilio = TwilioSmsTransport(
        account_sid=settings.twilio_account_sid,
        auth_token=settings.twilio_auth_token,
        from_number=settings.twilio_from_number,
        api_base_url=settings.twilio_api_base_url,
        timeout=settings.twilio_http_timeout,
        status_callback=callback,
    )
    calls = TwilioCallTransport(
        account_sid=settings.twilio_account_sid,
        auth_token=settings.twilio_auth_token,
        from_number=settings.twilio_from_number,
        api_base_url=settings.twilio_api_base_url,
        timeout=settings.twilio_http_timeout,
        script_base_url=_public(settings, "/webhooks/twilio/voice/page"),
    )
    return "twilio", {"sms": twilio, "whatsapp": twilio, "voice": calls}


def _public(settings: Settings, path: str) -> str | None:
    return settings.public_base_url.rstrip("/") + path if settings.public_base_url else None
