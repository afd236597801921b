"""Logging is configured once per process; log lines carry ids, never message text,
phone numbers or secrets."""

from __future__ import annotations

import logging.config

_configured = False


def configure(level: str = "INFO") -> None:
    global _configured
    if _configured:
        return
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {
                "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
            },
            "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
            "root": {"level": level, "handlers": ["stderr"]},
            # The twilio client logs request bodies (phone numbers, message text) at INFO.
            "loggers": {
                "twilio": {"level": "WARNING"},
                "twilio.http_client": {"level": "WARNING"},
                "werkzeug": {"level": "WARNING"},
            },
        }
    )
    _configured = True
