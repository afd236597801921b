"""Who may do what, for a person on the staff pages and an API token alike. Pure: the
pages and the API ask, these rules answer, with the same `allowed` check.

Four roles, least privilege first (each may do everything the one before it may):
- agent: works the contact queues, reads and replies to contacts and residents' records,
  logs complaints and reads cases, answers emergency alerts; sees the on-call rota with
  mobile numbers masked;
- handler (complaint handler): also acts on complaint cases, as the complaints policy's
  "dedicated complaints handlers" do (acknowledge, extend, respond, escalate, close,
  remedies, learning);
- manager: also sees the dashboard and reports, declines complaints (which shuts the
  resident out of the procedure, so a manager decides), assigns handlers, edits the rota,
  releases contacts others hold and sees on-call mobile numbers (to phone someone when
  paging fails);
- admin: also manages API tokens, reads the access audit, registers homes and buildings,
  records Ombudsman decisions and the governing body's response, and runs subject access,
  erasure, legal holds and retention.

Every refusal names what was needed and who has it, so a 403 can say why.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ANSWER_ALERTS", "ASSIGN_HANDLERS", "DECLINE_COMPLAINTS", "EDIT_RESIDENT", "EDIT_ROTA",
    "GOVERN", "HANDLE_COMPLAINTS", "MANAGE_ACCESS", "PERMISSIONS", "Permission",
    "PREPARE_REPORTS", "PRIVACY", "RECORD_COMPLAINTS", "REGISTER_HOMES", "RELEASE_ANY",
    "ROLES", "ROLE_NAMES", "SEE_ONCALL_NUMBERS", "START_PAGES", "VIEW_COMPLAINTS",
    "VIEW_DASHBOARD", "VIEW_ONCALL", "WORK_CONTACTS", "allowed", "at_least", "permissions_of",
    "refusal",
]

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


_EVERYONE = ROLES
_HANDLERS = ("handler", "manager", "admin")
_MANAGERS = ("manager", "admin")

WORK_CONTACTS = _permission("work_contacts", "work the contact queues", *_EVERYONE)
EDIT_RESIDENT = _permission("edit_resident", "change a resident's record", *_EVERYONE)
VIEW_COMPLAINTS = _permission("view_complaints", "see complaint cases", *_EVERYONE)
RECORD_COMPLAINTS = _permission("record_complaints", "log a complaint", *_EVERYONE)
HANDLE_COMPLAINTS = _permission(
    "handle_complaints", "act on a complaint case", *_HANDLERS
)
# Refusing to consider a complaint shuts the resident out of the procedure: a manager decides.
DECLINE_COMPLAINTS = _permission("decline_complaints", "decline a complaint", *_MANAGERS)
ASSIGN_HANDLERS = _permission(
    "assign_handlers", "choose who handles a complaint", *_MANAGERS
)
VIEW_ONCALL = _permission("view_oncall", "see the on-call board", *_EVERYONE)
ANSWER_ALERTS = _permission(
    "answer_alerts", "acknowledge or resolve an emergency alert", *_EVERYONE
)
SEE_ONCALL_NUMBERS = _permission(
    "see_oncall_numbers", "see on-call staff's mobile numbers", *_MANAGERS
)
EDIT_ROTA = _permission("edit_rota", "edit the on-call rota", *_MANAGERS)
VIEW_DASHBOARD = _permission(
    "view_dashboard", "see the managers' dashboard and reports", *_MANAGERS
)
PREPARE_REPORTS = _permission(
    "prepare_reports", "prepare the annual report's self-assessment", *_MANAGERS
)
RELEASE_ANY = _permission(
    "release_any", "release a contact someone else holds", *_MANAGERS
)
GOVERN = _permission(
    "govern", "record the governing body's response or an Ombudsman decision", "admin"
)
REGISTER_HOMES = _permission(
    "register_homes", "register homes, tenancies and buildings", "admin"
)
MANAGE_ACCESS = _permission(
    "manage_access", "manage API tokens and read the access audit", "admin"
)
PRIVACY = _permission(
    "privacy", "export or erase a resident's data, hold it or review retention", "admin"
)

PERMISSIONS = (
    WORK_CONTACTS, EDIT_RESIDENT, VIEW_COMPLAINTS, RECORD_COMPLAINTS, HANDLE_COMPLAINTS,
    DECLINE_COMPLAINTS, ASSIGN_HANDLERS, VIEW_ONCALL, ANSWER_ALERTS, SEE_ONCALL_NUMBERS,
    EDIT_ROTA, VIEW_DASHBOARD, PREPARE_REPORTS, RELEASE_ANY, GOVERN, REGISTER_HOMES,
    MANAGE_ACCESS, PRIVACY,
)

START_PAGES = {"agent": "inbox", "handler": "complaints", "manager": "dashboard", "admin": "inbox"}


def allowed(role: str, permission: Permission) -> bool:
    """True when `role` may do what `permission` names (the one check pages and API use)."""
    return role in permission.roles


def permissions_of(role: str) -> frozenset[str]:
    """The names of everything `role` may do."""
    return frozenset(p.name for p in PERMISSIONS if allowed(role, p))


def at_least(role: str) -> Permission:
    """What `role` and every role above it may do: for a route kept at a plain role level."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    above = ROLES[ROLES.index(role):]
    return _permission(f"at_least_{role}", f"use what {ROLE_NAMES[role]}s use", *above)


def refusal(role: str, permission: Permission, signed_in: bool = True) -> str:
    """Why `role` may not: what is needed and which roles have it (for a 403)."""
    names = [ROLE_NAMES[r] + "s" for r in ROLES if r in permission.roles]
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    name = ROLE_NAMES.get(role, role)
    article = "an" if name[:1] in "aeiou" else "a"
    holder = "You are signed in as" if signed_in else "This token is for"
    return (
        f"You need permission to {permission.describes}. {holder} {article} {name}; only "
        f"{who} can do this."
    )
