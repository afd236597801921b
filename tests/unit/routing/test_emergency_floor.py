"""No change to the rules, the phrases or a retrained model lowers a tuned emergency.

tests/fixtures/emergency_floor.json pins, for every emergency in the tuned corpora, whether the
router pages it, asks the safety question or neither (`python -m tools.emergency_floor --write`
rewrites it, so a deliberate drop shows in the commit's diff).
"""

from __future__ import annotations

import json

from tools.emergency_floor import ASKED, FLOOR, MISSED, PAGED, dropped, outcomes, tuned_emergencies


def test_no_pinned_emergency_is_treated_worse_than_when_it_was_pinned() -> None:
    pinned = json.loads(FLOOR.read_text("utf-8"))
    assert dropped(pinned, outcomes()) == []


def test_the_floor_covers_every_tuned_emergency_and_pages_nearly_all() -> None:
    pinned = json.loads(FLOOR.read_text("utf-8"))
    ids = {str(r["id"]) for r in tuned_emergencies()}
    assert set(pinned) == ids
    states = list(pinned.values())
    assert states.count(PAGED) >= 0.98 * len(states)
    assert states.count(MISSED) <= 0.002 * len(states)


def test_a_drop_is_named_with_what_it_was_and_what_it_is() -> None:
    pinned = {"a-1": PAGED, "a-2": ASKED, "a-3": ASKED, "a-4": MISSED, "a-5": PAGED}
    now = {"a-1": ASKED, "a-2": PAGED, "a-3": MISSED, "a-4": MISSED}
    assert dropped(pinned, now) == ["a-1: paged -> asked", "a-3: asked -> missed",
                                    "a-5: paged -> missed"]
