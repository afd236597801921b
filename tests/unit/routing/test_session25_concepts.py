"""Concepts from session 25 (false pages left on the tuned corpora: a rainwater pipe or an
aerial come away from a wall or roof; no lights in a porch or a garden; sewage named before
its clean-up; guttering hanging off; a smoke alarm dropped off the ceiling; a dripping tap
beside a light; the way a team handled a flood; the night named by a ceiling that came down;
and dangers missed: a hot plastic or electrical smell, an alarm going off since a time, the
only toilet blocked told in two sentences).
The sentences are written for these tests (none is a corpus record); each change test was
decided wrongly before its change, and the guards (the other side of each change) are decided
the same before and after."""

from __future__ import annotations

import pytest

from tests.unit.routing.concepts import route as _route
from tests.unit.routing.concepts import rules_cues as _rules_cues

# Not paged (each was paged before)
NOT_PAGED = [
    # a rainwater pipe or an aerial come away is not the structure failing
    "The downpipe at the back has come away from the wall, it splashes on the path when it "
    "rains. Can someone refix it?",
    # lights out in a porch or a garden are not a home without power
    "There are no lights in the porch, the bulb has gone again, can you send someone?",
    "No lights in the back garden any more, the outside lamp has stopped working.",
    # sewage named before its work is the event the work came after
    "I was promised a call back about the sewage clean up. Still nothing.",
    "The sewage clean up team left the gate open and the dog got out.",
    # a smoke alarm that dropped off the ceiling and snapped is not water escaping
    "The smoke alarm in the landing dropped off the ceiling and the base has snapped, please "
    "replace it.",
    # a dripping tap beside a light
    "Mum is 90, she's got a dripping tap in the bathroom and the kitchen light has stopped "
    "working, she's fine otherwise.",
    # what was handled, and the night named by it
    "Honestly the way your team handled the flood in our block was a shambles. I want a reply.",
    "Your out of hours line kept me on hold for an hour the night our ceiling came down. Poor.",
    # Romanian's emergency number asked for is no urgency ("what is the emergency number for
    # gas? I want it in my phone")
    "Buna ziua, care este numarul de urgenta pentru gaz? Vreau sa il am in telefon.",
    # a planned cut asked about ("which day will the heating be off?")
    "Saw the notice about the boiler works. Which day will the heating be off? Mum is 90 so "
    "I want to get a heater in.",
]

# Paged (each was not paged before)
PAGED = [
    # a hot plastic smell, a smell said to be electrical
    "The engineer said our consumer unit was unsafe and someone would come back. Nobody did. "
    "Now there's a hot plastic smell coming from it.",
    "Bit of a heads up, the bedroom smells electrical since I switched the heater on. Should I "
    "worry?",
    # a danger going on since, after a time gone by told of something else
    "I paid my rent twice this month can you look into it and also the fire alarm on our "
    "landing's been going off since about ten",
    # the only toilet, blocked: "we only have the one toilet"; "It's blocked" after it
    "The toilet is completely blocked and won't go down. We only have the one toilet, there "
    "are four of us.",
    "Third text about my only toilet. It's blocked again and I've got a toddler.",
]

def test_haitian_nan_is_in_not_a_grandmother() -> None:
    # "No heating in the flat since this morning, please send someone": no one vulnerable named
    decision = _route("Pa gen chofaj nan apatman an depi maten, tanpri voye yon moun")
    assert decision.category != "emergency"
    assert not decision.vulnerabilities


@pytest.mark.parametrize("text", ["My nan is 88 and she has no heating",
                                  "Nan has no heating and it is freezing",
                                  "me nan lives with us, boiler broke, no heat"])
def test_an_english_nan_is_still_elderly(text: str) -> None:
    decision = _route(text)
    assert decision.category == "emergency"
    assert "elderly" in decision.vulnerabilities


# Not paged before or after (guards)
NOT_PAGED_BEFORE_AND_AFTER = [
    "Our only toilet was blocked last month. It's fine now.",
    "Since the kitchen fire next door last year there's a faint smoky smell in our cupboard. "
    "No rush.",
    "Our TV aerial has come loose in the wind and is dangling off the chimney, the picture "
    "keeps going. Not urgent.",
]

# Paged before and after (the other side of each change)
PAGED_BEFORE_AND_AFTER = [
    # a wall or a ceiling coming away is still the structure failing
    "The wall in the bedroom is coming away and bulging out, bits keep falling off.",
    "The kitchen ceiling is hanging down in the middle and plaster is falling on the floor.",
    # no lights in the home is still a loss of power
    "We have no lights in the flat at all and the fuse box won't reset, I have a baby.",
    "No lights in the kitchen or the lounge, the whole flat has gone dark.",
    # sewage itself, not named before its work, is still now ("in sewage" is no event's name)
    "I'm standing in sewage in my kitchen, it came up the sink",
    "The kids' bedroom carpet is soaked in sewage from the toilet.",
    "There's still sewage all over the bathroom floor and the clean up team haven't come.",
    # a door kicked in beside a gutter; a leak nobody has dealt with; gas beside who came
    "The guttering is hanging off and the back door was kicked in last night, it won't lock.",
    "Has anyone dealt with the gas leak yet? It's been 3 hours.",
    "The man who came about the gas leak left an hour ago and I can still smell gas.",
    "It's the second night the ceiling has leaked and water is pouring through the light now.",
    "The heating has been off since Tuesday and my husband has COPD.",
    # a Romanian gas smell with urgency, and one told after ringing the emergency number
    "Miroase puternic a gaz in bucatarie, va rog urgent!",
    "Am sunat la numarul de urgenta dar miroase a gaz in toata casa acum",
]


@pytest.mark.parametrize("text", NOT_PAGED)
def test_past_or_harmless_mentions_are_not_paged(text: str) -> None:
    assert _route(text).category != "emergency"


@pytest.mark.parametrize("text", PAGED_BEFORE_AND_AFTER)
def test_the_guards_are_paged(text: str) -> None:
    assert _route(text).category == "emergency"


@pytest.mark.parametrize("text", PAGED)
def test_dangers_told_in_new_words_are_paged_by_the_rules(text: str) -> None:
    # by the rules' own cues (their floor), not only by the learned model's words
    decision = _route(text)
    assert decision.category == "emergency"
    assert _rules_cues(decision, "hazard:")


# Other languages' emergencies the retrain with multilingual31 had left to the model's question
# (paged by their phrases now): no electricity with a sick father (Czech); someone tried to break
# the door in and it will not close (Panjabi in Shahmukhi); water pouring from the ceiling
# (Tigrinya)
OTHER_LANGUAGES_PAGED = [
    "Dobrý den, v celém domě nejde elektřina a doma mám nemocného tátu.",
    "کسے نے رات نوں بوہا توڑن دی کوشش کیتی، ہن بوہا بند نئیں ہوندا",
    "ሰላም ካብ ጣሪያ ማይ ብብዝሒ ይፈስስ ኣሎ",
]


@pytest.mark.parametrize("text", OTHER_LANGUAGES_PAGED)
def test_other_languages_dangers_are_paged_by_their_phrases(text: str) -> None:
    decision = _route(text)
    assert decision.category == "emergency"
    assert _rules_cues(decision, "hazard:")


def test_guttering_hanging_off_is_not_a_door_broken_in() -> None:
    # (the learned model may still page this one on its words; the rules' security cue is gone)
    decision = _route("Gutter come loose and hanging off at the side after the wind, nowhere "
                      "near the front door.")
    assert not _rules_cues(decision, "hazard:security")


def test_a_window_a_falling_gutter_smashed_is_still_broken_in() -> None:
    decision = _route("The gutter came down in the wind and smashed the kitchen window, there's "
                      "a big hole in it now")
    assert _rules_cues(decision, "hazard:security")


@pytest.mark.parametrize("text", NOT_PAGED_BEFORE_AND_AFTER)
def test_the_guards_are_not_paged(text: str) -> None:
    assert _route(text).category != "emergency"
