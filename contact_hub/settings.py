"""Settings: the one place that reads the environment.

`Settings.from_env()` validates everything at start and raises `SettingsError` naming
the bad variable, so a misconfigured deployment fails before it accepts a request.
Secrets are kept out of `repr()` so they never reach a log line.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from contact_hub.bank_holidays import parse_closure_days
from contact_hub.domain.access.entra import parse_role_map
from contact_hub.domain.alerts.paging import PagingPaths
from contact_hub.domain.errors import Invalid
from contact_hub.domain.opening_hours import OpeningHoursError, parse_opening_hours
from contact_hub.domain.repairs import parse_standards
from contact_hub.domain.reports.categories import (
    DEFAULT_CATEGORIES,
    DEFAULT_SERVICE_AREAS,
    ComplaintVocabulary,
    Vocabulary,
    parse_vocabulary,
)
from contact_hub.domain.reports.contact_kpis import parse_targets
from contact_hub.domain.reports.independence import parse_triggers
from routing.types import HAZARDS

ENVIRONMENTS = ("development", "test", "production")
# Starts a resident-facing sentence ("Your housing team: thanks, ..."), so capitalised.
DEFAULT_ORGANISATION = "Your housing team"
DEFAULT_TWILIO_API = "https://api.twilio.com"
DEFAULT_SLACK_API = "https://slack.com/api/"
DEFAULT_META_GRAPH = "https://graph.facebook.com/v21.0"
DEFAULT_GRAPH_API = "https://graph.microsoft.com/v1.0"
DEFAULT_GRAPH_LOGIN = "https://login.microsoftonline.com"
# Email over Microsoft Graph needs all of these, or none (then email is off).
# The Building Safety Act 2022: a relevant complaint's record is kept at least 7 years.
BSA_MINIMUM_YEARS = 7
GRAPH_REQUIRED = (
    "GRAPH_TENANT_ID", "GRAPH_CLIENT_ID", "GRAPH_CLIENT_SECRET", "GRAPH_MAILBOX",
    "GRAPH_CLIENT_STATE",
)
EMAIL_BACKENDS = ("graph", "ews")
EWS_AUTH_TYPES = ("ntlm", "basic", "oauth")


class SettingsError(ValueError):
    """A configuration value is missing or malformed; the message names the variable."""


def _secret() -> Any:
    return field(default=None, repr=False)


@dataclass(frozen=True)
class Settings:
    """Typed, validated configuration. Build with `from_env` or `replace` in tests."""

    environment: str = "development"
    home: Path = Path("instance")
    database_url: str | None = None
    redis_url: str | None = None
    public_base_url: str | None = None
    port: int = 5000
    behind_proxy: bool = False
    log_level: str = "INFO"
    max_request_bytes: int = 256 * 1024
    organisation_name: str = DEFAULT_ORGANISATION
    metrics_token: str | None = _secret()  # when set, /metrics wants it as a bearer token

    twilio_account_sid: str | None = None
    twilio_auth_token: str | None = _secret()
    twilio_api_base_url: str = DEFAULT_TWILIO_API
    twilio_from_number: str | None = None
    twilio_http_timeout: float = 10.0

    slack_bot_token: str | None = _secret()
    slack_signing_secret: str | None = _secret()
    slack_api_base_url: str = DEFAULT_SLACK_API
    slack_emergency_channel: str | None = None
    slack_http_timeout: int = 3

    meta_app_secret: str | None = _secret()
    meta_verify_token: str | None = _secret()
    meta_page_access_token: str | None = _secret()
    meta_graph_base_url: str = DEFAULT_META_GRAPH
    meta_whatsapp_phone_number_id: str | None = None
    meta_whatsapp_token: str | None = _secret()  # default: the page access token
    meta_http_timeout: float = 10.0

    graph_tenant_id: str | None = None
    graph_client_id: str | None = None
    graph_client_secret: str | None = _secret()
    graph_mailbox: str | None = None
    graph_client_state: str | None = _secret()
    graph_api_base_url: str = DEFAULT_GRAPH_API
    graph_login_base_url: str = DEFAULT_GRAPH_LOGIN
    graph_client_certificate_file: str | None = None  # a PEM private key + certificate
    graph_client_certificate_thumbprint: str | None = None

    email_backend: str = "graph"  # graph (Microsoft 365) | ews (Exchange Server)
    ews_server: str | None = None  # host name, or the full EWS URL
    ews_mailbox: str | None = None
    ews_username: str | None = None
    ews_password: str | None = _secret()
    ews_auth_type: str = "ntlm"
    ews_client_id: str | None = None
    ews_client_secret: str | None = _secret()
    ews_tenant_id: str | None = None
    ews_autodiscover: bool = False
    ews_access_type: str = "delegate"
    ews_max_wait_seconds: float = 10.0

    oncall_rota_file: str | None = None
    oncall_fallback_number: str | None = None
    allow_no_oncall: bool = False  # production starts without a rota or fallback only if set
    out_of_hours_number: str | None = None  # told to residents when nobody can be paged
    alert_reminder_minutes: int = 120  # 0: no reminders for acknowledged, unresolved alerts
    # Reports of one hazard from one building or home within this many minutes join one alert.
    incident_grouping_minutes: int = 120
    safety_advice_file: str | None = None
    # How long a resident has to answer the safety question before it escalates.
    safety_question_minutes: int = 10

    complaints_homes: int = 0
    complaints_slack_channel: str | None = None
    # Awaab's Law: which hazards open hazard cases ("all": every emergency hazard).
    hazard_cases_significant: tuple[str, ...] = ("damp_and_mould",)
    hazard_cases_emergency: tuple[str, ...] = ("all",)
    hazards_slack_channel: str | None = None  # default: COMPLAINTS_SLACK_CHANNEL
    # Repair service standards: "emergency=24h,urgent=5wd,routine=20wd" over the defaults.
    repair_targets: str = ""
    repairs_slack_channel: str | None = None  # default: the hazards channel
    # The repairs system that takes work orders (signed JSON) and posts status updates.
    repairs_system_url: str | None = None
    repairs_system_secret: str | None = _secret()
    repairs_system_timeout: float = 10.0
    # Learning (issue 20): "code=Label,..." lists (empty: the defaults) and which triggers
    # flag a complaint for independent investigation ("all", "none" or a list).
    complaint_categories: str = ""
    complaint_service_areas: str = ""
    independent_investigation_triggers: str = ""
    first_response_targets: str = ""  # "sms=60,email=1440" minutes, over the defaults
    survey_delay_minutes: int = 60  # after a contact is resolved; 0 = at once
    survey_min_days: int = 30  # a resident is asked at most once in this many days
    quarterly_report_recipients: tuple[str, ...] = ()  # emails of the governing body's list
    closure_days: str = ""
    opening_hours: str = "mon-fri 08:00-18:00"
    ivr_menu_dir: str | None = None
    advisor_numbers: tuple[str, ...] = ()

    sweep_interval_seconds: int = 15
    stale_after_seconds: int = 20
    max_processing_attempts: int = 5
    # Ordinary contacts a routing job takes at once (one transaction; 1: one job each).
    routing_batch_size: int = 20

    # Retention (UK GDPR storage limitation); see docs/privacy.md for why these defaults.
    retention_contact_years: int = 6
    retention_complaint_years: int = 6
    retention_bsa_complaint_years: int = 7  # Building Safety Act: at least 7
    retention_hazard_years: int = 6
    retention_tenancy_years: int = 6  # household members after they left (no policy period)
    retention_interval_hours: int = 24  # how often workers apply it; 0: only by hand
    secret_key: str | None = _secret()  # signs staff sessions; default: a file under `home`
    # Staff sign-in with Microsoft Entra ID (OpenID Connect), beside passwords: all or none.
    entra_tenant_id: str | None = None
    entra_client_id: str | None = None
    entra_client_secret: str | None = _secret()
    entra_login_base_url: str = DEFAULT_GRAPH_LOGIN
    entra_role_map: str | None = None  # APP_ROLE_OR_GROUP_ID=ROLE,...
    entra_create_accounts: bool = True  # first sign-in of an entitled person makes the account
    session_idle_minutes: int = 30
    workspace_refresh_seconds: int = 10

    # Residents' media (services/media): a directory under `home` unless a bucket is set.
    media_dir: str | None = None  # default: CONTACT_HUB_HOME/media
    media_max_bytes: int = 10 * 1024 * 1024
    media_max_attempts: int = 5
    media_scan_command: str | None = None  # e.g. "clamdscan --no-summary -"
    # Hosts (and their subdomains) media links are downloaded from, besides the Twilio and
    # Graph API hosts: Meta's CDNs for Messenger and Instagram attachments.
    media_link_hosts: tuple[str, ...] = ("fbsbx.com", "fbcdn.net", "cdninstagram.com")
    media_s3_bucket: str | None = None
    media_s3_prefix: str = ""
    media_s3_endpoint_url: str | None = None  # an S3-compatible service (MinIO, Ceph...)
    media_s3_region: str | None = None
    media_s3_access_key_id: str | None = None  # default: boto3's own credential chain
    media_s3_secret_access_key: str | None = _secret()
    # The public web form at /contact.
    web_form_max_files: int = 5
    web_form_per_hour: int = 10  # sends per client address per hour

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read and validate settings from `environ` (default: `os.environ`)."""
        env = os.environ if environ is None else environ
        reader = _Reader(env)
        settings = cls(
            environment=reader.choice("CONTACT_HUB_ENV", ENVIRONMENTS, "development"),
            home=Path(reader.text("CONTACT_HUB_HOME") or "instance"),
            database_url=reader.text("DATABASE_URL"),
            redis_url=reader.url("REDIS_URL", schemes=("redis", "rediss", "unix")),
            public_base_url=reader.url("PUBLIC_BASE_URL", schemes=("http", "https")),
            port=reader.integer("PORT", 5000, minimum=1, maximum=65535),
            behind_proxy=reader.boolean("BEHIND_PROXY", False),
            log_level=reader.choice("LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR"), "INFO"),
            max_request_bytes=reader.integer("MAX_REQUEST_BYTES", 256 * 1024, minimum=1024),
            organisation_name=reader.text("ORGANISATION_NAME") or DEFAULT_ORGANISATION,
            metrics_token=reader.text("METRICS_TOKEN"),
            twilio_account_sid=reader.text("TWILIO_ACCOUNT_SID"),
            twilio_auth_token=reader.text("TWILIO_AUTH_TOKEN"),
            twilio_api_base_url=reader.url("TWILIO_API_BASE_URL", schemes=("http", "https"))
            or DEFAULT_TWILIO_API,
            twilio_from_number=reader.text("TWILIO_FROM_NUMBER"),
            twilio_http_timeout=reader.number("TWILIO_HTTP_TIMEOUT", 10.0, minimum=0.1),
            slack_bot_token=reader.text("SLACK_BOT_TOKEN"),
            slack_signing_secret=reader.text("SLACK_SIGNING_SECRET"),
            slack_api_base_url=reader.url("SLACK_API_BASE_URL", schemes=("http", "https"))
            or DEFAULT_SLACK_API,
            slack_emergency_channel=reader.text("SLACK_EMERGENCY_CHANNEL"),
            slack_http_timeout=reader.integer("SLACK_HTTP_TIMEOUT", 3, minimum=1, maximum=30),
            meta_app_secret=reader.text("META_APP_SECRET"),
            meta_verify_token=reader.text("META_VERIFY_TOKEN"),
            meta_page_access_token=reader.text("META_PAGE_ACCESS_TOKEN"),
            meta_graph_base_url=reader.url("META_GRAPH_BASE_URL", schemes=("http", "https"))
            or DEFAULT_META_GRAPH,
            meta_whatsapp_phone_number_id=reader.text("META_WHATSAPP_PHONE_NUMBER_ID"),
            meta_whatsapp_token=reader.text("META_WHATSAPP_TOKEN"),
            meta_http_timeout=reader.number("META_HTTP_TIMEOUT", 10.0, minimum=0.1),
            graph_tenant_id=reader.text("GRAPH_TENANT_ID"),
            graph_client_id=reader.text("GRAPH_CLIENT_ID"),
            graph_client_secret=reader.text("GRAPH_CLIENT_SECRET"),
            graph_mailbox=reader.text("GRAPH_MAILBOX"),
            graph_client_state=reader.text("GRAPH_CLIENT_STATE"),
            graph_api_base_url=reader.url("GRAPH_API_BASE_URL", schemes=("http", "https"))
            or DEFAULT_GRAPH_API,
            graph_login_base_url=reader.url("GRAPH_LOGIN_BASE_URL", schemes=("https",))
            or DEFAULT_GRAPH_LOGIN,
            graph_client_certificate_file=reader.text("GRAPH_CLIENT_CERTIFICATE_FILE"),
            graph_client_certificate_thumbprint=reader.text("GRAPH_CLIENT_CERTIFICATE_THUMBPRINT"),
            email_backend=reader.choice("EMAIL_BACKEND", EMAIL_BACKENDS, "graph"),
            ews_server=reader.text("EWS_SERVER"),
            ews_mailbox=reader.text("EWS_MAILBOX"),
            ews_username=reader.text("EWS_USERNAME"),
            ews_password=reader.text("EWS_PASSWORD"),
            ews_auth_type=reader.choice("EWS_AUTH_TYPE", EWS_AUTH_TYPES, "ntlm"),
            ews_client_id=reader.text("EWS_CLIENT_ID"),
            ews_client_secret=reader.text("EWS_CLIENT_SECRET"),
            ews_tenant_id=reader.text("EWS_TENANT_ID"),
            ews_autodiscover=reader.boolean("EWS_AUTODISCOVER", False),
            ews_access_type=reader.choice("EWS_ACCESS_TYPE", ("delegate", "impersonation"),
                                          "delegate"),
            ews_max_wait_seconds=reader.number("EWS_MAX_WAIT_SECONDS", 10.0, minimum=0.0),
            oncall_rota_file=reader.text("ONCALL_ROTA_FILE"),
            oncall_fallback_number=reader.text("ONCALL_FALLBACK_NUMBER"),
            allow_no_oncall=reader.boolean("ALLOW_NO_ONCALL", False),
            out_of_hours_number=reader.text("OUT_OF_HOURS_NUMBER"),
            alert_reminder_minutes=reader.integer("ALERT_REMINDER_MINUTES", 120, minimum=0,
                                                  maximum=7 * 24 * 60),
            incident_grouping_minutes=reader.integer("INCIDENT_GROUPING_MINUTES", 120, minimum=0,
                                                     maximum=24 * 60),
            safety_advice_file=reader.text("SAFETY_ADVICE_FILE"),
            safety_question_minutes=reader.integer("SAFETY_QUESTION_MINUTES", 10, minimum=1,
                                                   maximum=60),
            complaints_homes=reader.integer("COMPLAINTS_HOMES", 0, minimum=0),
            complaints_slack_channel=reader.text("COMPLAINTS_SLACK_CHANNEL"),
            hazard_cases_significant=_hazard_list(reader, "HAZARD_CASES_SIGNIFICANT",
                                                  ("damp_and_mould",)),
            hazard_cases_emergency=_hazard_list(reader, "HAZARD_CASES_EMERGENCY", ("all",)),
            hazards_slack_channel=reader.text("HAZARDS_SLACK_CHANNEL"),
            repair_targets=reader.text("REPAIR_TARGETS") or "",
            repairs_slack_channel=reader.text("REPAIRS_SLACK_CHANNEL"),
            repairs_system_url=reader.url("REPAIRS_SYSTEM_URL", schemes=("https", "http")),
            repairs_system_secret=reader.text("REPAIRS_SYSTEM_SECRET"),
            repairs_system_timeout=reader.number("REPAIRS_SYSTEM_TIMEOUT", 10.0, minimum=0.1),
            complaint_categories=reader.text("COMPLAINT_CATEGORIES") or "",
            complaint_service_areas=reader.text("COMPLAINT_SERVICE_AREAS") or "",
            independent_investigation_triggers=reader.text("INDEPENDENT_INVESTIGATION_TRIGGERS")
            or "",
            first_response_targets=reader.text("FIRST_RESPONSE_TARGETS") or "",
            survey_delay_minutes=reader.integer("SURVEY_DELAY_MINUTES", 60, minimum=0,
                                                maximum=7 * 24 * 60),
            survey_min_days=reader.integer("SURVEY_MIN_DAYS", 30, minimum=1, maximum=366),
            quarterly_report_recipients=reader.csv("QUARTERLY_REPORT_RECIPIENTS"),
            closure_days=reader.text("CLOSURE_DAYS") or "",
            opening_hours=reader.text("OPENING_HOURS") or "mon-fri 08:00-18:00",
            ivr_menu_dir=reader.text("IVR_MENU_DIR"),
            advisor_numbers=reader.csv("ADVISOR_NUMBERS"),
            sweep_interval_seconds=reader.integer("SWEEP_INTERVAL_SECONDS", 15, minimum=1,
                                                  maximum=30),
            stale_after_seconds=reader.integer("STALE_AFTER_SECONDS", 20, minimum=1, maximum=30),
            max_processing_attempts=reader.integer("MAX_PROCESSING_ATTEMPTS", 5, minimum=1),
            routing_batch_size=reader.integer("ROUTING_BATCH_SIZE", 20, minimum=1, maximum=200),
            retention_contact_years=reader.integer("RETENTION_CONTACT_YEARS", 6, minimum=1,
                                                   maximum=100),
            retention_complaint_years=reader.integer("RETENTION_COMPLAINT_YEARS", 6, minimum=1,
                                                     maximum=100),
            retention_bsa_complaint_years=reader.integer(
                "RETENTION_BSA_COMPLAINT_YEARS", 7, minimum=BSA_MINIMUM_YEARS, maximum=100),
            retention_hazard_years=reader.integer("RETENTION_HAZARD_YEARS", 6, minimum=1,
                                                  maximum=100),
            retention_tenancy_years=reader.integer("RETENTION_TENANCY_YEARS", 6, minimum=1,
                                                   maximum=100),
            retention_interval_hours=reader.integer("RETENTION_INTERVAL_HOURS", 24, minimum=0,
                                                    maximum=24 * 31),
            secret_key=reader.text("SECRET_KEY"),
            entra_tenant_id=reader.text("ENTRA_TENANT_ID"),
            entra_client_id=reader.text("ENTRA_CLIENT_ID"),
            entra_client_secret=reader.text("ENTRA_CLIENT_SECRET"),
            entra_login_base_url=reader.url("ENTRA_LOGIN_BASE_URL", schemes=("https",))
            or DEFAULT_GRAPH_LOGIN,
            entra_role_map=reader.text("ENTRA_ROLE_MAP"),
            entra_create_accounts=reader.boolean("ENTRA_CREATE_ACCOUNTS", True),
            session_idle_minutes=reader.integer("SESSION_IDLE_MINUTES", 30, minimum=1,
                                                maximum=24 * 60),
            workspace_refresh_seconds=reader.integer("WORKSPACE_REFRESH_SECONDS", 10, minimum=1,
                                                     maximum=600),
            media_dir=reader.text("MEDIA_DIR"),
            media_max_bytes=reader.integer("MEDIA_MAX_BYTES", 10 * 1024 * 1024, minimum=1024,
                                           maximum=100 * 1024 * 1024),
            media_max_attempts=reader.integer("MEDIA_MAX_ATTEMPTS", 5, minimum=1, maximum=50),
            media_scan_command=reader.text("MEDIA_SCAN_COMMAND"),
            media_link_hosts=reader.csv("MEDIA_LINK_HOSTS")
            or ("fbsbx.com", "fbcdn.net", "cdninstagram.com"),
            media_s3_bucket=reader.text("MEDIA_S3_BUCKET"),
            media_s3_prefix=reader.text("MEDIA_S3_PREFIX") or "",
            media_s3_endpoint_url=reader.url("MEDIA_S3_ENDPOINT_URL", schemes=("http", "https")),
            media_s3_region=reader.text("MEDIA_S3_REGION"),
            media_s3_access_key_id=reader.text("MEDIA_S3_ACCESS_KEY_ID"),
            media_s3_secret_access_key=reader.text("MEDIA_S3_SECRET_ACCESS_KEY"),
            web_form_max_files=reader.integer("WEB_FORM_MAX_FILES", 5, minimum=0, maximum=10),
            web_form_per_hour=reader.integer("WEB_FORM_PER_HOUR", 10, minimum=1, maximum=10_000),
        )
        settings.validate()
        return settings

    def complaint_vocabulary(self) -> ComplaintVocabulary:
        """The configured complaint categories and service areas (the defaults if unset)."""
        categories = (parse_vocabulary(self.complaint_categories, "COMPLAINT_CATEGORIES")
                      if self.complaint_categories.strip() else DEFAULT_CATEGORIES)
        areas = (parse_vocabulary(self.complaint_service_areas, "COMPLAINT_SERVICE_AREAS")
                 if self.complaint_service_areas.strip() else DEFAULT_SERVICE_AREAS)
        return ComplaintVocabulary(Vocabulary(categories), Vocabulary(areas))

    def _validate_reports(self) -> None:
        """The learning and reporting settings (issue 20)."""
        try:
            self.complaint_vocabulary()
            parse_triggers(self.independent_investigation_triggers)
            parse_targets(self.first_response_targets)
        except ValueError as error:
            raise SettingsError(str(error)) from None
        try:
            parse_standards(self.repair_targets)
        except ValueError as error:
            raise SettingsError(f"REPAIR_TARGETS: {error}") from None
        if self.repairs_system_url and not self.repairs_system_secret:
            raise SettingsError("REPAIRS_SYSTEM_SECRET: required when REPAIRS_SYSTEM_URL is "
                                "set (work orders are signed)")
        for address in self.quarterly_report_recipients:
            if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", address):
                raise SettingsError(f"QUARTERLY_REPORT_RECIPIENTS: {address!r} is not an email")

    def validate(self) -> None:
        """Check cross-field rules; raise `SettingsError` naming the variable at fault."""
        if self.metrics_token is not None and len(self.metrics_token) < 16:
            raise SettingsError("METRICS_TOKEN: at least 16 characters (a random secret)")
        if self.database_url is not None and "://" not in self.database_url:
            raise SettingsError("DATABASE_URL: expected a URL such as postgresql://host/db")
        if self.secret_key is not None and len(self.secret_key) < 32:
            raise SettingsError("SECRET_KEY: at least 32 characters (it signs staff sessions)")
        if self.twilio_account_sid and not self.twilio_account_sid.startswith("AC"):
            raise SettingsError("TWILIO_ACCOUNT_SID: a Twilio account SID starts with 'AC'")
        if self.twilio_account_sid and not self.twilio_auth_token:
            raise SettingsError("TWILIO_AUTH_TOKEN: required when TWILIO_ACCOUNT_SID is set")
        if self.twilio_account_sid and not self.twilio_from_number:
            raise SettingsError("TWILIO_FROM_NUMBER: required when TWILIO_ACCOUNT_SID is set")
        self._validate_meta()
        self._validate_graph()
        self._validate_entra()
        self._validate_media()
        self._validate_graph_certificate()
        self._validate_ews()
        try:
            parse_opening_hours(self.opening_hours)
        except OpeningHoursError as error:
            raise SettingsError(f"OPENING_HOURS: {error}") from None
        try:
            parse_closure_days(self.closure_days)
        except ValueError as error:
            raise SettingsError(f"CLOSURE_DAYS: {error}") from None
        self._validate_reports()
        if self.retention_bsa_complaint_years < BSA_MINIMUM_YEARS:
            raise SettingsError(
                f"RETENTION_BSA_COMPLAINT_YEARS: the Building Safety Act requires at least "
                f"{BSA_MINIMUM_YEARS} years, got {self.retention_bsa_complaint_years}"
            )
        if self.environment == "production":
            self._validate_production()

    def _validate_production(self) -> None:
        """Production needs real stores, a public URL and someone to page."""
        for name, value in (
            ("DATABASE_URL", self.database_url),
            ("REDIS_URL", self.redis_url),
            ("PUBLIC_BASE_URL", self.public_base_url),
            ("SECRET_KEY", self.secret_key),
        ):
            if not value:
                raise SettingsError(f"{name}: required when CONTACT_HUB_ENV=production")
        if not (self.oncall_rota_file or self.oncall_fallback_number or self.allow_no_oncall):
            raise SettingsError(
                "ONCALL_ROTA_FILE or ONCALL_FALLBACK_NUMBER: required when "
                "CONTACT_HUB_ENV=production, or emergencies would page nobody "
                "(set ALLOW_NO_ONCALL=true to start anyway)"
            )

    def _validate_meta(self) -> None:
        number_id = self.meta_whatsapp_phone_number_id
        if number_id and not number_id.isdigit():
            raise SettingsError(
                "META_WHATSAPP_PHONE_NUMBER_ID: the WhatsApp phone number id is all digits"
            )
        if number_id and not self.whatsapp_cloud_token:
            raise SettingsError(
                "META_WHATSAPP_TOKEN: required (or META_PAGE_ACCESS_TOKEN) when "
                "META_WHATSAPP_PHONE_NUMBER_ID is set"
            )

    def _validate_media(self) -> None:
        if self.media_s3_bucket and importlib.util.find_spec("boto3") is None:
            raise SettingsError(
                "MEDIA_S3_BUCKET: keeping media in a bucket needs boto3 "
                "(pip install 'contact-hub[s3]'), or unset it to use MEDIA_DIR"
            )
        if bool(self.media_s3_access_key_id) != bool(self.media_s3_secret_access_key):
            raise SettingsError(
                "MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY: set both or neither"
            )

    @property
    def media_directory(self) -> Path:
        """Where media is kept when no bucket is configured."""
        return Path(self.media_dir) if self.media_dir else self.home / "media"

    @property
    def whatsapp_cloud_token(self) -> str | None:
        """The WhatsApp Cloud API token: its own, else the page access token."""
        return self.meta_whatsapp_token or self.meta_page_access_token

    @property
    def whatsapp_cloud_enabled(self) -> bool:
        """WhatsApp goes through Meta's Cloud API (not Twilio) once its number id is set."""
        return bool(self.meta_whatsapp_phone_number_id and self.whatsapp_cloud_token)

    @property
    def entra_enabled(self) -> bool:
        """Staff may sign in with Microsoft Entra ID (every ENTRA_* setting it needs is set)."""
        return bool(self.entra_tenant_id and self.entra_client_id and self.entra_client_secret
                    and self.entra_role_map)

    def _validate_entra(self) -> None:
        """Entra sign-in is all or nothing, for one tenant, with a valid role map."""
        values = {"ENTRA_TENANT_ID": self.entra_tenant_id, "ENTRA_CLIENT_ID": self.entra_client_id,
                  "ENTRA_CLIENT_SECRET": self.entra_client_secret,
                  "ENTRA_ROLE_MAP": self.entra_role_map}
        missing = [name for name, value in values.items() if not value]
        if len(missing) == len(values):
            return
        if missing:
            raise SettingsError(
                f"{', '.join(missing)}: required when any ENTRA_* setting is set (Microsoft "
                "sign-in needs ENTRA_TENANT_ID, ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET and "
                "ENTRA_ROLE_MAP)")
        if (self.entra_tenant_id or "").lower() in ("common", "organizations", "consumers"):
            raise SettingsError("ENTRA_TENANT_ID: your organisation's tenant id (a GUID), not "
                                f"{self.entra_tenant_id!r}: only your own staff may sign in")
        try:
            parse_role_map(self.entra_role_map or "")
        except Invalid as error:
            raise SettingsError(str(error)) from None

    def _validate_graph(self) -> None:
        """Email over Graph is all or nothing: a partial set names what is missing."""
        values = dict(zip(GRAPH_REQUIRED, self._graph_values(), strict=True))
        missing = [name for name, value in values.items() if not value]
        if len(missing) in (0, len(GRAPH_REQUIRED)):
            if not missing and "@" not in (self.graph_mailbox or ""):
                raise SettingsError("GRAPH_MAILBOX: expected the shared mailbox's address")
            if not missing and len(self.graph_client_state or "") > 128:
                raise SettingsError("GRAPH_CLIENT_STATE: at most 128 characters (Graph's limit)")
            return
        raise SettingsError(
            f"{', '.join(missing)}: required when any GRAPH_* setting is set (email over "
            "Microsoft Graph needs GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET, "
            "GRAPH_MAILBOX and GRAPH_CLIENT_STATE)"
        )

    def _graph_values(self) -> tuple[str | None, ...]:
        secret = self.graph_client_secret or (
            "certificate" if self.graph_client_certificate_file else None
        )
        return (
            self.graph_tenant_id, self.graph_client_id, secret,
            self.graph_mailbox, self.graph_client_state,
        )

    def _validate_graph_certificate(self) -> None:
        if self.graph_client_certificate_file and not self.graph_client_certificate_thumbprint:
            raise SettingsError(
                "GRAPH_CLIENT_CERTIFICATE_THUMBPRINT: required with GRAPH_CLIENT_CERTIFICATE_FILE "
                "(the certificate's SHA-1 thumbprint as Entra shows it)"
            )

    def _validate_ews(self) -> None:
        """EMAIL_BACKEND=ews needs the mailbox, where the server is and how to sign in;
        EWS_* settings without it are a mistake worth naming."""
        given = [name for name, value in (
            ("EWS_SERVER", self.ews_server), ("EWS_MAILBOX", self.ews_mailbox),
            ("EWS_USERNAME", self.ews_username), ("EWS_PASSWORD", self.ews_password),
        ) if value]
        if self.email_backend != "ews":
            if given:
                raise SettingsError(
                    f"EMAIL_BACKEND: set it to ews to use {', '.join(given)} (it is graph)"
                )
            return
        needed = [("EWS_MAILBOX", self.ews_mailbox)]
        if not self.ews_autodiscover:
            needed.append(("EWS_SERVER", self.ews_server))
        if self.ews_auth_type == "oauth":
            needed += [("EWS_CLIENT_ID", self.ews_client_id),
                       ("EWS_CLIENT_SECRET", self.ews_client_secret),
                       ("EWS_TENANT_ID", self.ews_tenant_id)]
        else:
            needed += [("EWS_USERNAME", self.ews_username), ("EWS_PASSWORD", self.ews_password)]
        missing = [name for name, value in needed if not value]
        if missing:
            raise SettingsError(
                f"{', '.join(missing)}: required when EMAIL_BACKEND=ews "
                f"(EWS_AUTH_TYPE={self.ews_auth_type})"
            )
        if "@" not in (self.ews_mailbox or ""):
            raise SettingsError("EWS_MAILBOX: expected the shared mailbox's address")
        server = self.ews_server or ""
        if "://" in server and not server.startswith(("https://", "http://")):
            raise SettingsError("EWS_SERVER: a host name or an http(s) URL to EWS")

    @property
    def graph_email_enabled(self) -> bool:
        """Email in and out through Microsoft Graph (validated all-or-nothing)."""
        return self.email_backend == "graph" and all(self._graph_values())

    @property
    def ews_email_enabled(self) -> bool:
        """Email in and out through Exchange Web Services (validated when chosen)."""
        return self.email_backend == "ews"

    @property
    def local_mailbox_enabled(self) -> bool:
        """Outside production, with no email backend configured, email comes from the
        local mailbox under `home` (`contact-hub try email` writes to it)."""
        return (self.environment != "production" and not self.graph_email_enabled
                and not self.ews_email_enabled)

    @property
    def local_mailbox_directory(self) -> Path:
        return self.home / "mailbox"

    @property
    def embedded(self) -> bool:
        """True when no external database or Redis is configured (the all-in-one mode)."""
        return self.database_url is None or self.redis_url is None

    @property
    def effective_database_url(self) -> str:
        """The configured database, or a SQLite file under `home`."""
        if self.database_url:
            return normalise_database_url(self.database_url)
        return f"sqlite:///{(self.home / 'contact_hub.db').resolve()}"

    @property
    def secure_cookies(self) -> bool:
        """Staff session cookies are Secure, and HSTS is sent, when the service is https."""
        return (self.public_base_url or "").startswith("https://")

    @property
    def paging_paths(self) -> PagingPaths:
        """What can page on-call staff; a dry run stores pages (except in production,
        where a page that is not sent reaches nobody)."""
        if self.twilio_sending_enabled:
            delivery = "twilio"
        else:
            delivery = "none" if self.environment == "production" else "dry_run"
        return PagingPaths(
            slack=bool(self.slack_bot_token and self.slack_emergency_channel),
            phone_delivery=delivery,
            rota=bool(self.oncall_rota_file),
            fallback_number=bool(self.oncall_fallback_number),
        )

    @property
    def twilio_sending_enabled(self) -> bool:
        """Real SMS sending needs the account SID, auth token and a from number."""
        return bool(self.twilio_account_sid and self.twilio_auth_token and self.twilio_from_number)

    def with_overrides(self, **changes: Any) -> Settings:
        """A copy with some fields changed (tests and the embedded launcher use this)."""
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise SettingsError(f"unknown settings: {', '.join(sorted(unknown))}")
        updated = replace(self, **changes)
        updated.validate()
        return updated


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL whatever scheme spelling the platform gives us."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class _Reader:
    """Reads typed values from an environment mapping with clear errors."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env

    def text(self, name: str) -> str | None:
        value = self.env.get(name, "").strip()
        return value or None

    def url(self, name: str, *, schemes: tuple[str, ...]) -> str | None:
        value = self.text(name)
        if value is None:
            return None
        parsed = urlparse(value)
        if parsed.scheme not in schemes or not (parsed.netloc or parsed.path):
            raise SettingsError(f"{name}: expected a {'/'.join(schemes)} URL, got {value!r}")
        return value

    def integer(self, name: str, default: int, *, minimum: int, maximum: int | None = None) -> int:
        value = self.text(name)
        if value is None:
            return default
        try:
            number = int(value)
        except ValueError:
            raise SettingsError(f"{name}: must be a whole number, got {value!r}") from None
        if number < minimum or (maximum is not None and number > maximum):
            bounds = f"at least {minimum}" + (f" and at most {maximum}" if maximum else "")
            raise SettingsError(f"{name}: must be {bounds}, got {number}")
        return number

    def number(self, name: str, default: float, *, minimum: float) -> float:
        value = self.text(name)
        if value is None:
            return default
        try:
            number = float(value)
        except ValueError:
            raise SettingsError(f"{name}: must be a number, got {value!r}") from None
        if number < minimum:
            raise SettingsError(f"{name}: must be at least {minimum}, got {number}")
        return number

    def boolean(self, name: str, default: bool) -> bool:
        value = self.text(name)
        if value is None:
            return default
        lowered = value.lower()
        if lowered in ("1", "true", "yes", "on"):
            return True
        if lowered in ("0", "false", "no", "off"):
            return False
        raise SettingsError(f"{name}: must be true or false, got {value!r}")

    def csv(self, name: str) -> tuple[str, ...]:
        value = self.text(name)
        return tuple(part.strip() for part in value.split(",") if part.strip()) if value else ()

    def choice(self, name: str, options: tuple[str, ...], default: str) -> str:
        value = self.text(name)
        if value is None:
            return default
        if value not in options:
            raise SettingsError(f"{name}: must be one of {', '.join(options)}, got {value!r}")
        return value


def _hazard_list(reader: _Reader, name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """Hazard names, comma-separated (e.g. `damp_and_mould,excess_cold`); emergency hazards
    must be the router's names, or `all`."""
    value = reader.csv(name)
    if not value:
        return default
    known = (*HAZARDS, "all") if name == "HAZARD_CASES_EMERGENCY" else None
    for hazard in value:
        if not re.fullmatch(r"[a-z][a-z_]{1,39}", hazard) or (known and hazard not in known):
            allowed = ", ".join(known) if known else "lower-case names such as damp_and_mould"
            raise SettingsError(f"{name}: {hazard!r} is not a hazard ({allowed})")
    return value
