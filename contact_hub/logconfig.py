"""Logging is configured once per process; log lines carry ids, never message text,
phone numbers or secrets (where a line needs a number, `domain.redact.mask_phone`)."""

from __future__ import annotations

import logging.config
import re
import sys
from typing import Any

from werkzeug.serving import WSGIRequestHandler

# Libraries that log what residents said or where to: kept quiet whatever LOG_LEVEL says.
QUIET_LOGGERS = {
    "twilio": "WARNING",  # request bodies (phone numbers, message text) at INFO
    "twilio.http_client": "WARNING",
    "slack_sdk": "WARNING",  # request bodies (the alert card: words, address) at DEBUG
    "werkzeug": "WARNING",  # `serve`'s access log (see PathOnlyRequestHandler)
}
_QUERY = re.compile(r"\?[^\s\"']*")

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
            "handlers": {"stderr": {"class": "contact_hub.logconfig.StderrHandler",
                                    "formatter": "plain"}},
            "root": {"level": level, "handlers": ["stderr"]},
            "loggers": {name: {"level": quiet} for name, quiet in QUIET_LOGGERS.items()},
        }
    )
    _configured = True


class StderrHandler(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is when a line is logged, not the one there was at
    configuration (a CLI command run inside a test would otherwise keep writing to that
    test's closed capture, and every later log line would fail)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def without_query(text: str) -> str:
    """A request line or URL with its query string cut (`?customer=+44…` -> `?…`)."""
    return _QUERY.sub("?…", text)


class PathOnlyRequestHandler(WSGIRequestHandler):
    """`serve`'s request log without query strings: they carry phone numbers
    (`?customer=+44…`) and Meta's `hub.verify_token`."""

    def log(self, type: str, message: str, *args: Any) -> None:  # noqa: A002 - werkzeug's
        super().log(type, message, *(without_query(a) if isinstance(a, str) else a
                                     for a in args))
