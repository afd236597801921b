"""Concepts from session 17. The sentences are written for these tests (none is a corpus
record); each change test was decided wrongly before its change, and the guards (the other
side of each change) are decided the same before and after."""

from __future__ import annotations

from pathlib import Path

import pytest

from routing import Message, Router
from routing.analysis import english_lookalikes, possible_words
from routing.router import POSSIBLE_CUE
from tools import english_lookalikes as lookalikes_tool

ROUTER = Router()
RULES = Router(use_model=False)

# Read as English, but a hazard named in another language: a resident switching languages.
SWITCHING = [
    "the kaloryfer is cold in the bedroom",
    "hello, there is dym in the stairwell",
    "hi there, the zamek on my door is broken",
    "can someone look at the tavan in the bathroom",
]
# English words spelled like another language's hazard word (tools.english_lookalikes).
LOOKALIKES = [
    "we won a prize for the best garden on the estate",
    "could you fix the lounge window handle, no rush, it gets windy",
    "the bedroom radiator needs bleeding please",
    "can I put a gazebo up in the back garden for the party?",
    "please can I book my annual gas safety check for a weekday",
]


@pytest.mark.parametrize("text", SWITCHING)
def test_a_hazard_named_in_another_language_is_asked_about_in_an_english_message(
        text: str) -> None:
    decision = ROUTER.route(Message(text, "sms"))
    assert decision.language == "en"
    assert decision.category != "emergency"
    assert decision.ask_safety_question
    assert any(r.cue == POSSIBLE_CUE for r in decision.reasons)


@pytest.mark.parametrize("text", LOOKALIKES)
def test_english_words_spelled_like_another_languages_hazard_word_are_not(text: str) -> None:
    decision = ROUTER.route(Message(text, "sms"))
    assert decision.language == "en"
    assert not any(r.cue == POSSIBLE_CUE for r in decision.reasons)


def test_every_listed_lookalike_is_still_matched_by_a_hazard_word() -> None:
    """A word no `possible` word matches any more is stale: regenerate the list."""
    words = english_lookalikes()
    assert {"gas", "radiator", "prize", "gazebo", "windy"} <= words
    assert [w for w in sorted(words) if possible_words(w) != [w]] == []


def test_the_shipped_lookalikes_are_what_the_tool_writes(tmp_path: Path) -> None:
    if not lookalikes_tool.DICTIONARY.exists():
        pytest.skip("no /usr/share/dict/british-english (Debian's wbritish): cannot regenerate")
    assert lookalikes_tool.main(["--check"]) == 0
    # The check fails on a list that is not current.
    stale = tmp_path / "stale.txt"
    stale.write_text("# an old list\ngas\n", "utf-8")
    assert lookalikes_tool.main(["--check", "--out", str(stale)]) == 1


# fresh26's first run (session 17).
PAGED = [
    # "is back in" is no "back in October" (a real miss: a gas smell back, told with old news)
    "hiya, thanks for the new gate last week. also the gas smell is back in the hall cupboard, "
    "same as in the spring",
    # Guards: a danger going on beside the words the changes read.
    "no heating since last week and my mum is 90, she is freezing",
    "front door won't lock after the break in last night",
    "the smoke from next door is coming into our flat, the fire started an hour ago",
    "Subject: Complaint - gas smell still not fixed\n\nI have rung three times. I can still "
    "smell gas in the kitchen.",
    "Subject: Re: Gas leak 3 Nov\n\nThe leak was fixed that day, but I can smell gas again "
    "tonight",
    "the pan caught fire after dinner and the kitchen is full of smoke",
    "there was a flood after the storm and water is still pouring through the ceiling",
    "the smell from the fire in march is still there and water is pouring through the ceiling",
    # a danger elsewhere that reaches the resident's own home
    "the flat next door is on fire, it's privately rented not one of yours, but the smoke is "
    "coming into our hallway and we can't get out",
    # a room full of haze
    "came home and the landing is full of a weird haze, can't find where it's from",
    # fresh27: a door that has never locked, or does not secure the home (a real miss)
    "the new door you fitted does not even secure my home, I have to wedge a chair against it",
    "the back door has never locked properly since you fitted it, I'm on my own with the kids",
    # fresh28: water in a light's shade (real miss); stuck in bed "until it is fixed"
    "not urgent, but the hall light has got water in it and keeps flickering when it rains",
    "my mum's hoist has broken with her in bed, she can't get up and will be stuck there until "
    "it is fixed, she is 88",
    # "seriously" alone insists; a laugh alone is no joke
    "the ceiling is bulging and cracking, seriously, can someone come now",
    "lol the ceiling is literally falling in, bits on the floor, please come",
]
# The rules name no emergency in these (the model may still ask).
NOT_PAGED_BY_RULES = [
    # a reply's subject is not continued by "it has not come back"
    "Subject: Re: Sewage in the garden\n\nHi, it hasn't come back, thanks. The manhole "
    "cover is rocking though, could someone reseat it?",
    # a car or van broken into, a shed's door, "a fire hazard"
    "my brother's van got broken into on the estate last night, can you fix the car park light",
    "the shed door won't lock, the garden tools are in there",
    "my nan says her new mattress is a fire hazard lol, can we get a bulky waste collection",
    # a loss of heating told wholly in the past; a repeat to be prevented
    "we had no heating for a week last winter with the baby and I'm still waiting for the loft "
    "insulation you promised",
    "we had sewage come up in the garden last year, can you fit something to stop it happening "
    "again",
    # a fire or flood something came after; a recharge billed for it; an old fire's smell
    "the insurance pays for water damage after the flood at number 4, is my carpet covered",
    "I got a recharge letter for the burst pipe in the loft, can I pay it in instalments",
    "the smell from the fire in the flat below back in may is still in our curtains",
    "the smell of smoke from the fire at no.16 last month still comes through the loft",
    # fresh27: a drip nowhere near electrics; an old fire on record; an all-clear from staff
    "we had a leak from the flat above, it is only a drip into a bucket and nowhere near any "
    "electrics",
    "my insurer wants to know whether there's any record of a kitchen fire at my address",
    "Subject: Insurance query - old kitchen fire\n\nCan you send me a letter for my insurer?",
    "Notes from the estate walkabout: broken bench, graffiti by the garages, two lamp posts "
    "out. No urgent safety issues found.",
    # fresh27: the police investigating a burglary gone by; a path "poorly lit"
    "We are investigating a burglary at 3 Oak Walk on 12 October. Could you tell us when your "
    "contractor replaced the rear door?",
    # fresh28: "on fire with notifications"; a kitchen cupboard door dropped on its hinge; a
    # front door that locks with a hard slam; a back door boarded after a break-in last month
    "my phone is on fire with notifications from the residents group, is the meeting tonight?",
    "one of the kitchen wall cupboard doors has dropped on its hinge and won't close properly",
    "my front door has not closed properly since october, I can lock it but I have to really "
    "slam it, still waiting for the new door",
    # a window still boarded up and secure
    "the lounge window is still boarded up from the break-in on the 3rd. The board is solid "
    "and the flat is secure. When is the glazier coming?",
]
# Set aside, and the resident asked the safety question.
ASKED = [
    # a danger named only in a complaint's subject line
    "Subject: Complaint - gas leak handling\n\nDear team, I want to complain about how long "
    "your engineer took on 3 March. He arrived 9 hours after I rang. I expect an apology.",
    # fresh27: the next sentence only says the home is not the landlord's
    "FYI smelt gas by the post office this morning, they've called it in. Not one of your "
    "homes.",
    # fresh27: a complaint's story, told in the past beside who someone is
    "Subject: Complaint - lift at Harbour View\n\nDear Complaints Team,\n\nOn 2 December my "
    "father, who is 84, was stuck in the lift at Harbour View for two hours and ten minutes. "
    "When he pressed the alarm it went through to a call centre that did not know which "
    "building he was in. He is home and well, but very shaken. I want to know why it took so "
    "long to get him out and what you are doing about the call centre.",
    # a laugh and "seriously though"
    "the bathroom floor's going to give way under all the toys lol 🤣 seriously though can we "
    "get a toy box shelf",
]
# Set aside, and the message says the same hazard is over now: not asked.
SETTLED = [
    "Subject: Re: Burst pipe - 2 Jan\n\nThanks, the leak was fixed that evening and it is dry "
    "now. Could someone repaint the stain?",
]


@pytest.mark.parametrize("text", PAGED)
def test_pages(text: str) -> None:
    assert ROUTER.route(Message(text, "email")).category == "emergency"


@pytest.mark.parametrize("text", NOT_PAGED_BY_RULES)
def test_the_rules_do_not_page(text: str) -> None:
    assert RULES.route(Message(text, "email")).category != "emergency"


@pytest.mark.parametrize("text", ASKED)
def test_set_aside_and_asked(text: str) -> None:
    decision = ROUTER.route(Message(text, "email"))
    assert decision.category != "emergency"
    assert decision.ask_safety_question
    assert any(r.cue.startswith(("ignored:story:", "ignored:joke:", "ignored:elsewhere:"))
               for r in decision.reasons)


@pytest.mark.parametrize("text", SETTLED)
def test_a_quoted_danger_the_message_says_is_over_is_not_asked_about(text: str) -> None:
    decision = ROUTER.route(Message(text, "email"))
    assert decision.category != "emergency"
    assert not decision.ask_safety_question


def test_mice_in_the_ceiling_do_not_let_the_model_page() -> None:
    decision = ROUTER.route(Message("can hear rats in the kitchen ceiling at night, horrible",
                                    "sms"))
    assert decision.category != "emergency"
    assert decision.ask_safety_question


def test_a_data_breach_is_a_complaint() -> None:
    text = "the letter you sent me has someone else's name and address on it, that's a data breach"
    assert RULES.route(Message(text, "sms")).category == "complaint"


def test_no_children_is_no_child() -> None:
    text = "the bedroom window won't lock, it's on the 4th floor and no children live here"
    assert "child" not in RULES.route(Message(text, "sms")).vulnerabilities


def test_thanks_for_all_your_help_does_not_continue_a_quoted_flood() -> None:
    text = ("Subject: Re: Flood at flat 4\n\nHi Jess, thanks for all your help. The walls read "
            "dry now, so the dehumidifier can be collected.")
    assert RULES.route(Message(text, "email")).category != "emergency"


def test_overflowing_gutters_do_not_let_the_model_page() -> None:
    text = "the gutters at the front overflow every time it rains, water splashes by the front door"
    assert ROUTER.route(Message(text, "sms")).category != "emergency"


def test_a_path_poorly_lit_names_no_one_poorly() -> None:
    text = "the front path is uneven and poorly lit, could someone look at it"
    assert RULES.route(Message(text, "sms")).vulnerabilities == ()


def test_lightbulbs_gone_in_a_corridor_do_not_let_the_model_page() -> None:
    text = ("Two lightbulbs have gone in the communal corridor on the second floor. The rest of "
            "the lights work so it's not dark, just dimmer.")
    assert ROUTER.route(Message(text, "sms")).category != "emergency"
