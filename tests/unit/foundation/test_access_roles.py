"""The one role model and the Entra ID role mapping (pure)."""

from __future__ import annotations

import pytest

from contact_hub.domain.access import roles
from contact_hub.domain.access.entra import EntraIdentity, parse_role_map, role_for
from contact_hub.domain.errors import Invalid

MAP = parse_role_map("ContactHub.Agent=agent, ContactHub.Handler=handler,"
                     "0b1c2d3e-group=manager,ContactHub.Admin=admin")


def person(*app_roles: str, groups: tuple[str, ...] = ()) -> EntraIdentity:
    return EntraIdentity("tenant", "oid", "p@magna.example", "P", app_roles, groups)


def test_each_role_may_do_all_the_one_below_it_may_and_more():
    granted = [roles.permissions_of(role) for role in roles.ROLES]
    assert all(lower < higher for lower, higher in zip(granted, granted[1:], strict=False))
    assert "handle_complaints" not in granted[0] and "handle_complaints" in granted[1]
    assert "decline_complaints" in granted[2] and "privacy" not in granted[2]
    assert granted[3] == frozenset(p.name for p in roles.PERMISSIONS)


def test_a_refusal_speaks_to_a_person_or_to_a_token():
    assert roles.refusal("admin", roles.EDIT_ROTA).endswith("only managers and administrators "
                                                           "can do this.")
    assert "You are signed in as an administrator" in roles.refusal("admin", roles.PRIVACY)
    assert "This token is for a complaint handler" in roles.refusal(
        "handler", roles.DECLINE_COMPLAINTS, signed_in=False)


def test_the_highest_mapped_role_wins_and_nothing_mapped_is_no_entry():
    assert role_for(person("ContactHub.Agent"), MAP) == "agent"
    assert role_for(person("ContactHub.Agent", groups=("0b1c2d3e-group",)), MAP) == "manager"
    assert role_for(person("ContactHub.Admin", "ContactHub.Handler"), MAP) == "admin"
    assert role_for(person("Payroll.Reader", groups=("other",)), MAP) is None
    assert role_for(person(), MAP) is None


@pytest.mark.parametrize("text", ["", "ContactHub.Agent", "=agent", "X=boss", " , "])
def test_a_bad_role_map_is_refused_with_what_is_expected(text):
    with pytest.raises(Invalid, match="ENTRA_ROLE_MAP"):
        parse_role_map(text)
