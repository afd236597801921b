"""Routing: decides whether a contact is an emergency, a complaint or a service request.

Pure and offline: standard library only, no I/O except reading the packaged safety advice.
"""

from routing.advice import SafetyAdvice, load_safety_advice
from routing.router import Router, route
from routing.types import Context, Decision, Message, OpenRequest, Reason

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
