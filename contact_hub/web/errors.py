"""Errors become clear JSON (or TwiML-safe) 4xx answers at the edge; never a bare 500."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from typing import Protocol

from flask import Flask, Response, jsonify, make_response, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from channels.base import PayloadInvalid, SignatureInvalid, VerificationNotConfigured
from contact_hub.domain.errors import Conflict, DomainError, Invalid, NotFound
from contact_hub.web.pages import errors as pages
from contact_hub.web.pages.access import Forbidden

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
OUTAGE_LOG_EVERY_SECONDS = 10.0


class DatabaseFaults(Protocol):
    """How the database fails (storage.db.DatabaseFaults, given by the app factory)."""

    @property
    def raised(self) -> tuple[type[Exception], ...]: ...

    def unavailable(self, error: BaseException) -> bool: ...


class ApiError(Exception):
    """An error with an HTTP status and a message safe to show the caller."""

    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or {400: "bad_request", 404: "not_found", 409: "conflict"}.get(
            status, "error"
        )


def _body(status: int, code: str, message: str) -> tuple[Response, int]:
    """A staff page's error page, else the API's JSON error."""
    if pages.is_page_request():
        html, status = pages.render(status, message)
        return make_response(html, status), status
    return jsonify({"error": {"code": code, "message": message}}), status


Answer = tuple[Response, int]


def register(app: Flask, faults: DatabaseFaults) -> None:
    """Install the handlers on `app`; `faults` says which errors mean the database is down."""

    app.register_error_handler(Forbidden, pages.forbidden)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> Answer:
        return _body(400, "csrf_failed", pages.csrf_message())

    @app.errorhandler(ApiError)
    def api_error(error: ApiError) -> Answer:
        return _body(error.status, error.code, error.message)

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError) -> Answer:
        status = {NotFound: 404, Invalid: 400, Conflict: 409}.get(type(error), 400)
        code = {404: "not_found", 409: "conflict"}.get(status, "bad_request")
        return _body(status, code, str(error))

    @app.errorhandler(SignatureInvalid)
    def bad_signature(error: SignatureInvalid) -> Answer:
        # The log says why (a setting missing here, or a bad signature); the caller only
        # learns that it was refused. The messages name settings and headers, never values.
        if isinstance(error, VerificationNotConfigured):
            logger.error("webhook refused, cannot verify: %s path=%s", error, request.path)
        else:
            logger.warning("webhook refused, bad signature: %s path=%s", error, request.path)
        return _body(403, "invalid_signature", "request signature is missing or invalid")

    @app.errorhandler(PayloadInvalid)
    def bad_payload(error: PayloadInvalid) -> Answer:
        return _body(400, "invalid_payload", str(error))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Answer:
        status = error.code or 500
        code = (error.name or "error").lower().replace(" ", "_")
        response, status = _body(status, code, error.description or "")
        for name, value in error.get_headers():  # Allow, WWW-Authenticate, Retry-After
            if name.lower() != "content-type":
                response.headers[name] = value
        return response, status

    _register_unexpected(app, _OutageLog(), faults)


def _register_unexpected(app: Flask, outage_log: _OutageLog, faults: DatabaseFaults) -> None:
    """A lost database is a 503 with one log line; anything else a logged incident."""

    def database_error(error: Exception) -> tuple[Response, int]:
        if not faults.unavailable(error):
            return unexpected(error)
        outage_log.note(error)
        response, status = _body(503, "database_unavailable",
                                 "the database is unavailable; please retry shortly")
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response, status

    for kind in faults.raised:
        app.register_error_handler(kind, database_error)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Answer:
        incident = uuid.uuid4().hex[:12]
        logger.error(
            "unhandled error incident=%s path=%s", incident, request.path, exc_info=error
        )
        if pages.is_page_request():
            return _body(500, "internal_error",
                         f"Nothing you did caused this. Incident {incident} has been logged; "
                         "try again, and tell support if it persists.")
        return _body(500, "internal_error", f"unexpected error; incident {incident}")


class _OutageLog:
    """One line per outage (then one every few seconds with a count), not a traceback per
    request: a database outage under load would otherwise bury everything else."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.last_line = -OUTAGE_LOG_EVERY_SECONDS
        self.unlogged = 0

    def note(self, error: Exception) -> None:
        cause = type(getattr(error, "orig", None) or error).__name__
        with self.lock:
            now = time.monotonic()
            if now - self.last_line < OUTAGE_LOG_EVERY_SECONDS:
                self.unlogged += 1
                return
            since, self.unlogged, self.last_line = self.unlogged, 0, now
        logger.error("database unavailable, answering 503 error=%s path=%s more_since_last=%s",
                     cause, request.path, since)
