"""Routing: decides whether a contact is an emergency, a complaint or a service request.

Pure and offline: standard library only, no I/O except reading the packaged safety advice.

The names below load when first used (PEP 562): importing `routing` (or `routing.types`, whose
package this is) does not compile the rules, so a command that never routes (`contact-hub
tokens create`, `db upgrade`) starts without them. The service builds its router at start-up
(`contact_hub.bootstrap`), so no contact waits for the rules to compile.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from routing.advice import SafetyAdvice, load_safety_advice
    from routing.router import Router, route
    from routing.types import Context, Decision, Message, OpenRequest, Reason

_WHERE = {
    "Context": "routing.types",
    "Decision": "routing.types",
    "Message": "routing.types",
    "OpenRequest": "routing.types",
    "Reason": "routing.types",
    "Router": "routing.router",
    "route": "routing.router",
    "SafetyAdvice": "routing.advice",
    "load_safety_advice": "routing.advice",
}

__all__ = [
    "Context",
    "Decision",
    "Message",
    "OpenRequest",
    "Reason",
    "Router",
    "SafetyAdvice",
    "load_safety_advice",
    "route",
]


def __getattr__(name: str) -> Any:
    """Each public name from its module, at its first use (then kept in this module)."""
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'routing' has no attribute {name!r}")
    value = getattr(import_module(where), name)
    globals()[name] = value
    return value
