"""Concepts from fresh17's false alarms and fresh18's first run (session 14). The sentences are
written for these tests (none is a corpus record); each was decided wrongly before its change,
and the dangers beside the false alarms still page."""

from __future__ import annotations

import pytest

from routing import Message, Router

ROUTER = Router()
RULES = Router(use_model=False)


@pytest.mark.parametrize("text", [
    # Smoke from a barbecue or a bonfire outside, and a toaster's smoke, now over.
    "smoke pouring into my garden from the bonfire next door, can you have a word",
    "smoke in the kitchen but it was the toaster, can I have a fire blanket?",
    # A tap that hisses and splutters has air in its pipe.
    "the bath tap hisses then splutters when I first turn it on, is that an airlock?",
    # Taken down on purpose; the resident's own shed.
    "the aerial had to come down for the roofers, who puts it back up?",
    "my shed roof collapsed in the wind, it's my own shed, can I get a skip?",
    # Furniture, not a person.
    "the camping chair collapsed under my husband lol, he's fine. anyway the gate is broken",
    # What the fitters smashed was in the garden; the meter reader was the one smoking.
    "the new windows are great but the fitters smashed two of my flower pots",
    "the man who came to read the meter was smoking a cigarette in my hall",
])
def test_no_longer_paged(text: str) -> None:
    for router in (RULES, ROUTER):
        assert router.route(Message(text)).category != "emergency", text


@pytest.mark.parametrize("text", [
    "smoke is pouring out of next door's kitchen window and their alarm is going",
    "the kitchen is full of smoke and I can't see where it's coming from",
    "there's a hissing noise from the gas pipe behind the cooker",
    "the bedroom ceiling has come down and there's water everywhere",
    "my mum has collapsed in the bathroom and isn't answering",
    "the electric meter is smoking and there's a burning smell in the hall",
    "someone smashed my bedroom window last night and I can't secure it",
])
def test_the_dangers_beside_them_still_page(text: str) -> None:
    for router in (RULES, ROUTER):
        assert router.route(Message(text)).category == "emergency", text


@pytest.mark.parametrize("text", [
    # fresh18's first run: a repair in scare quotes that has failed again is not resolved.
    "the pipe your plumber 'fixed' on Monday has now burst and the kitchen is a paddling pool",
    # A door that "won't close anymore" is the fault going on, not its end.
    "the door from the bin room into our stairwell is scorched and won't close anymore",
    # A wheelchair user stranded by a lift with no way down to a hospital appointment.
    "I'm in a wheelchair on the 9th floor, the lift is broken and there's no way I can get "
    "down for my chemo in the morning",
])
def test_fresh18_dangers_now_paged(text: str) -> None:
    assert ROUTER.route(Message(text)).category == "emergency", text


@pytest.mark.parametrize("text", [
    # Asking about flood boards in advance; a neighbour's barbecue; a private house's wood
    # burner; a fireplace with no gas to it; a contractor who found nobody in.
    "do you give out flood boards or sandbags before winter? nothing is wrong now",
    "there's smoke coming in my window every evening but it's just my neighbour's barbecue, "
    "can you ask him to move it",
    "smoke from the chimney of the private house behind us comes over our washing line",
    "We've a toddler and a newborn. The lounge has an old gas fire but there's no gas to it "
    "now, can I take the surround off?",
    "hi it's the window fitter, no answer at the door, I've left a card, please rebook",
    # A shower head's holes blocked with limescale; history in a complaint letter.
    "the shower head is full of limescale and half the holes are gone, can I have a new one",
    "Ms Hall first reported water coming through her ceiling in March and it took four "
    "visits to fix, we want compensation for the redecoration",
])
def test_fresh18_false_alarms_no_longer_paged(text: str) -> None:
    assert ROUTER.route(Message(text)).category != "emergency", text


def test_waiting_told_with_sarcasm_is_a_complaint() -> None:
    decision = RULES.route(Message("Day 63 of waiting for the fence panel. Starting to think "
                                   "you're hoping we'll just give up"))
    assert decision.category == "complaint"


def test_asking_that_nobody_calls_is_not_a_complaint_that_nobody_came() -> None:
    decision = RULES.route(Message("I'm in hospital for a week, please make sure nobody comes "
                                   "for the gas service on Tuesday and rebook it"))
    assert not any(r.cue == "dissatisfaction:nobody came or called" for r in decision.reasons)


@pytest.mark.parametrize("text", [
    # fresh19's first run: a leak, gas or a fire told with a time gone by anywhere in its
    # sentence is history (a broken door or a fallen ceiling stays until mended).
    "The fire in the flat below mine (flat 3, Rose Court) was last November. Nobody has paid "
    "for the smoke damage to my sofa.",
    "This is about the gas leak in Feb. Cadent were quick. You took 3 weeks to fix the cooker",
])
def test_retold_dangers_are_history(text: str) -> None:
    assert ROUTER.route(Message(text)).category != "emergency", text


@pytest.mark.parametrize("text", [
    # A fire in an old home years ago, with a feeling that goes on; a fire at the flats over
    # the road; a charge that "kicked in"; a window boarded since it was reported.
    "there was a fire in my last flat two years ago and I'm still quite anxious, can I have "
    "an extra smoke alarm?",
    "there was a fire at the block across the road on Sunday, can the window cleaner come "
    "early? there's soot on our sills",
    "money is tight since the service charge increase kicked in, can I pay fortnightly?",
    "I reported the broken kitchen window in June and it's still boarded, when is the glazier "
    "coming?",
])
def test_history_elsewhere_and_false_friends_are_not_paged(text: str) -> None:
    assert ROUTER.route(Message(text)).category != "emergency", text


@pytest.mark.parametrize("text", [
    "We had the gas leak in Feb fixed but I can smell gas again in the kitchen now",
    "the flood from the tank last December was sorted but water is pouring through the "
    "ceiling again tonight",
    # A time gone by in a sentence told in the present is not the danger's.
    "the boiler was serviced in March and there's a smell of gas in the kitchen",
    "the pipe was replaced in May and water is pouring out of the joint",
    # A ceiling stays down until mended: something in its sentence says it goes on.
    "the ceiling fell in last month and nobody has come, there's a hole and bits still falling",
])
def test_dangers_that_go_on_after_a_time_gone_by_still_page(text: str) -> None:
    assert ROUTER.route(Message(text)).category == "emergency", text


def test_a_power_cut_across_the_street_is_the_network_operators() -> None:
    decision = RULES.route(Message("power cut on our whole road, the street lights are out too, "
                                   "is that you?"))
    assert decision.category != "emergency"
    assert any(r.cue == "ignored:area outage:loss_of_essential_service" for r in decision.reasons)


@pytest.mark.parametrize("text", [
    # Someone on powered medical equipment: the area's power cut is still theirs to escalate.
    "power cut on the whole street and my son's ventilator battery is running low",
    # The home alone without power, the street fine: a fault in the home.
    "no electric at all in the flat, the whole street has lights, my mum is 88",
])
def test_a_power_cut_that_is_dangerous_still_pages(text: str) -> None:
    assert RULES.route(Message(text)).category == "emergency", text
