"""Who a Microsoft Entra ID sign-in makes someone here. Pure.

The directory decides: the organisation gives people an app role (or puts them in a
group) and `ENTRA_ROLE_MAP` says which of our roles each one means. Someone with none of
them is not entitled to the workspace and is refused, whatever else the directory says.
Someone with several gets the highest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from contact_hub.domain.access.roles import ROLES
from contact_hub.domain.errors import Invalid


@dataclass(frozen=True)
class EntraIdentity:
    """The claims of a validated ID token that matter here."""

    tenant_id: str
    object_id: str
    email: str
    name: str
    app_roles: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """What the staff account remembers: "<tenant id>:<object id>" (never reused)."""
        return f"{self.tenant_id}:{self.object_id}"


def parse_role_map(text: str) -> dict[str, str]:
    """`ContactHub.Agent=agent,0b1c…-group-id=manager` as {app role or group id: our role}."""
    mapping: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, sep, role = (s.strip() for s in part.partition("="))
        if not sep or not name or role not in ROLES:
            raise Invalid(
                f"ENTRA_ROLE_MAP: expected APP_ROLE_OR_GROUP_ID=ROLE pairs with ROLE one of "
                f"{', '.join(ROLES)}, got {part!r}"
            )
        mapping[name] = role
    if not mapping:
        raise Invalid("ENTRA_ROLE_MAP: name at least one app role or group id")
    return mapping


def role_for(identity: EntraIdentity, role_map: Mapping[str, str]) -> str | None:
    """Our highest role among the person's app roles and groups, or None (not entitled)."""
    found = [role_map[name] for name in _names(identity.app_roles, identity.groups)
             if name in role_map]
    return max(found, key=ROLES.index) if found else None


def _names(*lists: Iterable[str]) -> list[str]:
    return [name for names in lists for name in names]
