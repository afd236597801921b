"""The danger-by-effect layer: a hazard object near an active danger effect, or a person at risk."""

from __future__ import annotations

import re

import pytest

from routing import Message, route
from routing import lexicon as lx
from routing.danger import phrase_regex


def _decide(text: str) -> tuple[str, tuple[str, ...], list[str]]:
    decision = route(Message(text))
    return decision.category, decision.hazards, [r.cue for r in decision.reasons]


@pytest.mark.parametrize(
    ("text", "hazard", "family"),
    [
        ("loud bang from the boiler and now a weird whiff in the hall", "gas", "bang or explosion"),
        ("the boiler cupboard reeks and something is going whoosh", "gas", "smell or fumes"),
        ("hissing from behind the cooker", "gas", "hissing"),
        ("the gas ring won't go off", "gas", "will not turn off"),
        ("the oven knob just spins and the oven is on full", "gas", "will not turn off"),
        ("radiator valve snapped and hot water is shooting out", "water", "water escaping"),
        ("tank in the airing cupboard is gushing", "water", "water escaping"),
        ("water seeping through the bedroom ceiling onto the bed", "water",
         "water through a ceiling or onto electrics"),
        ("the plug socket crackles and there's a brown mark on it", "electrical",
         "sparks, burning or heat"),
        ("extractor fan is too hot to touch", "electrical", "sparks, burning or heat"),
        ("kitchen ceiling is bowing down in the middle", "structural",
         "collapse or failing structure"),
        ("bricks on the chimney are crumbling into the yard", "structural",
         "collapse or failing structure"),
        ("back door has been booted in", "security", "door or window broken in"),
        ("the lift has stopped with my wife inside it", "lift", "stuck or trapped"),
        ("my daughter's foot is trapped under the bath panel", "welfare", "stuck or trapped"),
        ("the drain outside is backing up with sewage", "sewage", "sewage overflowing"),
        ("lift doors opened and it was not there", "lift", "lift fall"),
        ("mum is lying on the floor in the kitchen", "welfare", "person hurt or fallen"),
        ("grandad is unresponsive in his chair", "welfare", "person in danger"),
        ("dad's not picked up his phone since sunday and he's 80", "welfare",
         "person not seen or not answering"),
        ("my brother says he wants to end it tonight", "welfare", "threat to self or others"),
        ("the drain cover by the garages is missing and there's a deep hole", "structural",
         "open hole or missing cover"),
        ("dad's hoist stopped halfway and we can't get him down", "lift", "stuck or trapped"),
        ("window pane is loose, the glass will fall on the path", "structural",
         "collapse or failing structure"),
        ("back door smashed. wont lock. scared.", "security", "home cannot be secured"),
        ("the handrail on the stairs has come away from the wall and needs to be made safe",
         "structural", "collapse or failing structure"),
        ("the roofer drilled through the asbestos board in the loft, dust on the landing",
         "structural", "asbestos disturbed"),
        ("there's a bulge in the bathroom ceiling and it has started to crack", "structural",
         "collapse or failing structure"),
        ("a lump of brickwork is dangling above the car park", "structural",
         "collapse or failing structure"),
    ],
)
def test_each_effect_family_makes_an_emergency_with_a_reason(
    text: str, hazard: str, family: str
) -> None:
    category, hazards, cues = _decide(text)
    assert category == "emergency", cues
    assert hazard in hazards
    by_effect = [cue for cue in cues if "(by effect)" in cue]
    if by_effect:  # a named hazard cue may already explain it; if the layer did, say which
        assert by_effect[0] == f"hazard:{hazard}:{family} (by effect)"


def test_reason_words_show_the_object_and_the_effect() -> None:
    decision = route(Message("the radiator valve snapped and water is shooting out"))
    assert decision.category == "emergency"
    words = [r.words for r in decision.reasons if "(by effect)" in r.cue]
    assert words == ["radiator valve snapped"]


@pytest.mark.parametrize(
    "text",
    [
        # scope rules still apply
        "there's no smell from the boiler at all, just want a service",
        "what should I do if the hob won't turn off?",
        "last month the boiler banged but your engineer fixed it, please send the job sheet",
        "the lift was stuck earlier but the engineer has been and it is working again",
        "could you send me advice on what to do in a power cut",
        # shared words, no active danger
        "when is my gas safety check due",
        "could I book the annual boiler service please",
        "small leak under the kitchen sink, got a bucket under it",
        "condensation running down the bedroom window every morning",
        "the fire door closer on our flat is slamming",
        "front door lock is a bit sticky",
        "my neighbour plays loud music late at night",
        "the radiator in the spare room needs bleeding",
        "kitchen drawer has come off its runners",
        "the wall has a hairline crack, been there for ages",
        "the bath panel has come loose",
        "can i get a spare key fob, mine's snapped",
        "hard-wired smoke alarm is chirping, needs a new battery",
        "the hot tap drips nonstop, needs a washer",
        "my neighbour lives on the ground floor, can i get her phone number",
        "the boiler is making a whistling noise but heating and water are fine",
        "could you lag the pipes so they don't freeze and burst",
    ],
)
def test_near_misses_stay_non_emergencies(text: str) -> None:
    category, _, cues = _decide(text)
    assert category != "emergency", cues


def test_a_denied_effect_is_noted_as_ignored() -> None:
    _, _, cues = _decide("the boiler is not hissing any more, can you check the pressure")
    assert not any(cue.startswith("hazard:") for cue in cues)


def test_vocabulary_is_plain_data_that_compiles() -> None:
    assert {"gas", "water", "electrical", "structural", "security", "sewage", "lift",
            "person"} <= lx.DANGER_OBJECTS.keys()
    for effect in lx.DANGER_EFFECTS:
        assert effect.words
        assert set(effect.hazards) <= lx.DANGER_OBJECTS.keys(), effect.name
        assert effect.needs_object == bool(effect.hazards), effect.name
        pattern = re.compile(phrase_regex(effect.words))
        assert all(pattern.search(w.replace("*", "").replace("_", "x")) for w in effect.words)


def test_phrase_syntax() -> None:
    pattern = re.compile(phrase_regex(("crackl*", "found _ on the floor")))
    assert pattern.search("it crackles")
    assert pattern.search("found nan on the floor")
    assert not pattern.search("found on the floor")
