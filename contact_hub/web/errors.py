"""Errors become clear JSON (or TwiML-safe) 4xx answers at the edge; never a bare 500."""

from __future__ import annotations

import logging
import uuid

from flask import Flask, Response, jsonify, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from channels.base import PayloadInvalid, SignatureInvalid, VerificationNotConfigured
from contact_hub.domain.errors import Conflict, DomainError, Invalid, NotFound
from contact_hub.web.pages import errors as pages
from contact_hub.web.pages.access import Forbidden

logger = logging.getLogger(__name__)


class ApiError(Exception):
    """An error with an HTTP status and a message safe to show the caller."""

    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or {400: "bad_request", 404: "not_found", 409: "conflict"}.get(
            status, "error"
        )


def _body(status: int, code: str, message: str) -> tuple[Response, int] | tuple[str, int]:
    if pages.is_page_request():
        return pages.render(status, message)
    return jsonify({"error": {"code": code, "message": message}}), status


Answer = tuple[Response, int] | tuple[str, int]


def register(app: Flask) -> None:
    """Install the handlers on `app`."""

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
        return _body(status, code, error.description or "")

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Answer:
        incident = uuid.uuid4().hex[:12]
        logger.error(
            "unhandled error incident=%s path=%s", incident, request.path, exc_info=error
        )
        if pages.is_page_request():
            return pages.render(500, f"Nothing you did caused this. Incident {incident} has "
                                     "been logged; try again, and tell support if it persists.")
        return _body(500, "internal_error", f"unexpected error; incident {incident}")
