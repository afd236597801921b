"""Who may do what on the staff pages. Pure: the pages ask, the rules answer.

Four roles: agents work the contact queues; complaint handlers also run complaint cases;
managers also see the dashboard and may decline complaints and edit the rota; admins may
do everything. Every refusal names what was needed and who has it, so a 403 page can say
why.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("agent", "handler", "manager", "admin")
ROLE_NAMES = {
    "agent": "contact-centre agent",
    "handler": "complaint handler",
    "manager": "manager",
    "admin": "administrator",
}


@dataclass(frozen=True)
class Permission:
    """One thing a person may do, and the roles that may do it."""

    name: str
    describes: str  # completes "You need permission to ..."
    roles: frozenset[str]


def _permission(name: str, describes: str, *roles: str) -> Permission:
    return Permission(name, describes, frozenset(roles))


WORK_CONTACTS = _permission(
    "work_contacts", "work the contact queues", "agent", "handler", "manager", "admin"
)
EDIT_RESIDENT = _permission(
    "edit_resident", "change a resident's record", "agent", "handler", "manager", "admin"
)
VIEW_COMPLAINTS = _permission(
    "view_complaints", "see complaint cases", "agent", "handler", "manager", "admin"
)
HANDLE_COMPLAINTS = _permission(
    "handle_complaints", "act on a complaint case", "handler", "manager", "admin"
)
# Refusing to consider a complaint shuts the resident out of the procedure (the API keeps
# it to admins too): a manager decides.
DECLINE_COMPLAINTS = _permission(
    "decline_complaints", "decline a complaint", "manager", "admin"
)
VIEW_ONCALL = _permission(
    "view_oncall", "see the on-call board", "agent", "handler", "manager", "admin"
)
ANSWER_ALERTS = _permission(
    "answer_alerts", "acknowledge or resolve an emergency alert",
    "agent", "handler", "manager", "admin",
)
EDIT_ROTA = _permission("edit_rota", "edit the on-call rota", "manager", "admin")
VIEW_DASHBOARD = _permission("view_dashboard", "see the managers' dashboard", "manager", "admin")
RELEASE_ANY = _permission(
    "release_any", "release a contact someone else holds", "manager", "admin"
)

START_PAGES = {"agent": "inbox", "handler": "complaints", "manager": "dashboard", "admin": "inbox"}


def allowed(role: str, permission: Permission) -> bool:
    """True when `role` may do what `permission` names."""
    return role in permission.roles


def refusal(role: str, permission: Permission) -> str:
    """Why `role` may not: what is needed and which roles have it (for the 403 page)."""
    names = [ROLE_NAMES[r] + "s" for r in ROLES if r in permission.roles]
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return (
        f"You need permission to {permission.describes}. You are signed in as a "
        f"{ROLE_NAMES.get(role, role)}; only {who} can do this."
    )
