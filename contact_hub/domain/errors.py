"""Errors services raise about the request, which the web edge turns into 4xx answers."""

from __future__ import annotations


class DomainError(Exception):
    """Base: a message safe to show the caller."""


class NotFound(DomainError):
    """The thing asked for does not exist (404)."""


class Invalid(DomainError):
    """The request is malformed or breaks a rule of its own (400)."""


class Conflict(DomainError):
    """The request is valid but not allowed in the current state (409)."""
