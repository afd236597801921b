"""Webhook secrets for trying the service on one machine.

With nothing configured, `contact-hub serve` makes a local Twilio auth token, Meta app
secret and Meta verify token, keeps them in CONTACT_HUB_HOME/local-secrets.json (readable
by this user only) and verifies webhooks with them exactly as in production, so that
`contact-hub try` can sign its requests with the same values. Never in production: there a
missing secret stays missing and its webhooks are refused.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from contact_hub.settings import Settings

FILE_NAME = "local-secrets.json"
# Settings field -> how it is generated (a Twilio auth token is 32 hex characters).
_GENERATED = {
    "twilio_auth_token": lambda: secrets.token_hex(16),
    "meta_app_secret": lambda: secrets.token_hex(16),
    "meta_verify_token": lambda: secrets.token_urlsafe(18),
}


def path_for(home: Path) -> Path:
    return home / FILE_NAME


def load(home: Path) -> dict[str, str] | None:
    """The stored local secrets, or None if `serve` has not made any here yet."""
    try:
        stored = json.loads(path_for(home).read_text())
    except (OSError, ValueError):
        return None
    return {k: v for k, v in stored.items() if k in _GENERATED and isinstance(v, str)}


def load_or_create(home: Path) -> dict[str, str]:
    """The local secrets, made on first use (created once, even by two processes)."""
    found = load(home)
    if found is not None and set(found) == set(_GENERATED):
        return found
    made = {**{name: make() for name, make in _GENERATED.items()}, **(found or {})}
    home.mkdir(parents=True, exist_ok=True)
    target = path_for(home)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump(made, handle)
    os.replace(partial, target)
    return load(home) or made


def apply(settings: Settings) -> tuple[Settings, list[str]]:
    """`settings` with every unset webhook secret filled from the local file (outside
    production), and the names of the settings that were filled."""
    if settings.environment == "production":
        return settings, []
    missing = [name for name in _GENERATED if not getattr(settings, name)]
    if not missing:
        return settings, []
    local = load_or_create(settings.home)
    return settings.with_overrides(**{name: local[name] for name in missing}), missing
