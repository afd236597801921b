"""IVR menu options become the choices the router understands (one mapping)."""

from __future__ import annotations

import pytest

from channels.twilio_voice import router_choice
from routing.types import IVR_CHOICES


@pytest.mark.parametrize(("hint", "choice"), [
    ("emergency", "emergency"), ("repair", "repair"), ("complaint", "complaint"),
    ("rent", "tenancy"), ("tenancy", "tenancy"), ("other", "other"),
    ("garden_waste", "other"),  # a landlord's own option
    ("no_choice", None), (None, None),
])
def test_menu_options_map_to_router_choices(hint, choice):
    assert router_choice(hint) == choice


@pytest.mark.parametrize("hint", ["emergency", "repair", "complaint", "rent", "other", "x"])
def test_every_mapped_choice_is_one_the_router_accepts(hint):
    assert router_choice(hint) in IVR_CHOICES
