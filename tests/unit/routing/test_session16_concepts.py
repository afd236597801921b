"""Concepts from fresh23's and fresh24's first runs (session 16). The sentences are written for
these tests (none is a corpus record); each change test was decided wrongly before its change,
and the guards (the other side of each change) are decided the same before and after."""

from __future__ import annotations

import pytest

from routing import Message, Router

ROUTER = Router()
RULES = Router(use_model=False)

PAGED = [
    # A failed attempt is no end: "can't put it out" is not "put it out".
    "the chip pan's on fire and I can't put it out",
    "small fire in the bedroom bin, we couldn't put it out so we're all outside",
    # Carbon monoxide's symptoms now, after the alarm stopped with the windows open.
    "CO alarm went off half an hour ago. Opened the windows and it stopped but my wife has "
    "got a pounding headache and feels sick",
    # People all right are no end to a danger in the home.
    "got a proper shock off the bathroom light switch, my arm went numb. I'm ok now",
    "ceiling above the cooker is sagging and dripping, we're all fine now, just frightened",
    "fire in the loft, we're all out and safe now",
    # A room or thing still burning.
    "the garage is still burning, fire brigade on the way",
    # An age in years (normalised from "yrs") for a cold home.
    "no heat no hot water. flat 2 Elm House. 88 yrs. cold.",
    # The sentence's subject, however far from its effect.
    "The chimney on our bungalow (Rose Cottage, Mill Lane, Little Hadham) has got a wide "
    "crack down it after last night's gales and is now leaning towards the road",
    # Guards: sparks from a socket; a relative's home reported by a third party is still ours.
    "sparks keep coming out of the plug socket behind the telly",
    "my mum's flat is flooding from the flat above, water through her light, she's 84",
    "a tree has come down and is leaning on the roof, the tiles are cracking",
    # Guards for the second round: a danger not cleared; gas in the home beside a leak outside.
    "sewage is coming up through the bath and nobody has cleared it",
    "the drain outside the back door is blocked and sewage is coming up, it has not been "
    "cleared",
    "there's a gas leak in the road outside and we can smell it in the house",
    # fresh25's first run: a fix claimed "but" the gas detector now sounds; an answer "no
    # mate", not a negation; rain pooling round a block's lighting panel.
    "the engineer said the gas leak was fixed but the alarm he fitted is now beeping and says "
    "GAS on the screen",
    "damp? no mate the walls are soaking wet and the plug sockets have got water in them",
    "Rain is pouring down the stairwell and pooling round the landlord's lighting panel on the "
    "4th floor, it keeps tripping",
    # Guard: a reply's subject with "it's back" in the body is not set aside.
    "Subject: Re: Gas smell\n\nit's back, can someone come",
    # Out of a burning home is not the fire's end ("we're all out" read as the fire out before).
    "the kitchen is on fire, we're all out now",
]
NOT_PAGED = [
    # Someone who fell or was trapped being all right is its end.
    "I had a fall in the garden last month but I'm fine now, could I have a grab rail by the "
    "back step?",
    "thanks for getting my dad out of the lift on sunday, he's fine now",
    # A time in years is not an age.
    "I have been a tenant for 80 years almost and never had a problem",
    # A person leaning on a handrail, with the rail far from "leaning".
    "the handrail on the steps up to 22 Mill Lane flats is a little loose but holds fine "
    "when leaning on it, could it be tightened?",
    # An electrician ("a sparky") and the Sparks youth group.
    "my brother-in-law is a sparky, can he put a new light in the hall for me?",
    'is "Sparks" club on at the community centre this week?',
    # A fence panel, not a person.
    "the fence panel's collapsed again in the wind, could someone come and look",
    # Second round: a neighbour burning garden waste; a gas main outside that is nothing to do
    # with the homes; a crack the surveyor says is not moving; heating back and warm again; a
    # sewage back-up cleared that night.
    "the man at 9 is burning garden waste in his back garden every sunday and the smoke comes "
    "in, I want to complain as nothing has been done",
    "Cadent have dug up the road for a gas leak in the main, it's nothing to do with the "
    "houses and our gas is fine",
    "the surveyor says the crack's not moving, so when will I get the report?",
    "I'm 80 and the oil boiler was off for a week with no heating, it is now all working and I "
    "am warm again, but I want the heater costs paid back",
    "the toilet backed up with sewage on friday, it was cleared the same night but the floor "
    "is ruined and the cleaners you promised never turned up",
    # Replaced there and then; out of a stuck lift.
    "when I rang about the sparking socket the electrician came out and replaced it there and "
    "then, it just took two hours to get through",
    "just to say thanks to the lady on the phone when the lift got stuck with me in it on "
    "sunday, i'm out now and fine",
    # fresh25's first run: "on fire" as a figure of speech; an inside door that will not close,
    # "not a big deal"; an adviser's job title; flood damage; a burglary's victim; weeks gone by;
    # times gone by; a time with a point in it ("7.15am") is not a sentence's end.
    "the lads are on fire at darts this season haha, can I pay my rent online?",
    "the downstairs bathroom door won't close fully since it swelled, not a big deal",
    "I'm a domestic abuse support worker helping Ms Ali, she needs to end her tenancy, what's "
    "the process?",
    "the £75 you offered for the flood damage is nowhere near enough, I want this escalated",
    "I'm not paying for the new locks, I was the victim of a burglary!",
    "I had a gas smell three weeks ago and the engineer capped the cooker, but nobody has come "
    "back to fit the new valve",
    "My dad has been stuck in the lift at Kestrel House twice this year, when will it be "
    "replaced?",
    "The gas safety man turned up at 7.15am and banged on the door and left a card saying I "
    "refused access",
    # A door that shuts with effort: the learned model alone does not page on it (asked).
    "the back door isn't closing right, I have to lift it and push hard before it will lock",
]
# Dissatisfaction the rules now name (the learned model may weigh these differently).
COMPLAINTS = [
    "Please deal with this under your complaints procedure: the service charge went up by "
    "£600 with no consultation at all.",
    "the plumber you sent smoked in my kitchen the whole time he was here, bang out of order",
    "I rang about a strange smell and your advisor laughed and said it was nothing",
    "you keep writing to my dad even though it's on his file that he is blind",
    "your office gave out my new phone number to my ex-partner",
]
NOT_COMPLAINTS = [
    # Guard: a lift out of order is a repair.
    "the lift in block B is out of order, can someone come?",
]
# A complaint about the complaints process (a stage 1 response) retelling water in the past
# tense: the letter's story, so asked, not paged.
STAGE_ONE = (
    "Subject: Unhappy with your stage 1 response\n\nI got your stage 1 letter about the leak "
    "from the flat above in August. It says you attended within target. You did not: I "
    "reported it on 2 August and nobody came until the 20th. Water was coming through my "
    "bathroom ceiling the whole time and I had to put buckets down. I want the decision "
    "reconsidered and my flooring paid for.\n\nThanks, Ama"
)
# A reply whose subject names a danger the body says is over: set aside, and asked.
REPLIES = [
    "Subject: Re: Flood at 3 Mill Court - thank you\n\nThe dehumidifiers have gone and it's "
    "all dry now, thanks to everyone who helped.",
    "Subject: Re: Break-in at 5 Ash Grove\n\nThe new locks are great. Can I get a spare key "
    "cut for my carer?",
]
# A danger in a home said not to be the landlord's: set aside, and the resident is asked.
ELSEWHERE = [
    "my son's flat (private landlord) had a fire in the kitchen last night, he's staying with "
    "us for now, do I need to tell you?",
    "my friend rents privately over in Leigh and she can smell gas, who should she ring?",
]


@pytest.mark.parametrize("text", PAGED)
def test_pages(text: str) -> None:
    # By the rules themselves (the model may page some of these on its own).
    assert RULES.route(Message(text, "sms")).category == "emergency", text
    assert ROUTER.route(Message(text, "sms")).category == "emergency", text


@pytest.mark.parametrize("text", NOT_PAGED)
def test_does_not_page(text: str) -> None:
    decision = ROUTER.route(Message(text, "sms"))
    assert decision.category != "emergency", (text, decision.reasons)


@pytest.mark.parametrize("text", ELSEWHERE)
def test_a_danger_elsewhere_is_asked_about(text: str) -> None:
    decision = ROUTER.route(Message(text, "sms"))
    assert decision.category != "emergency" and decision.ask_safety_question, text
    assert any(r.cue.startswith("ignored:elsewhere:") for r in decision.reasons)


def test_a_stage_one_dispute_retelling_water_in_the_past_is_a_complaint_and_asked() -> None:
    decision = ROUTER.route(Message(STAGE_ONE, "email"))
    assert decision.category == "complaint" and decision.ask_safety_question


@pytest.mark.parametrize("text", COMPLAINTS)
def test_the_rules_name_a_complaint(text: str) -> None:
    decision = RULES.route(Message(text, "sms"))
    assert decision.category == "complaint", (text, decision.reasons)


@pytest.mark.parametrize("text", NOT_COMPLAINTS)
def test_the_rules_do_not_name_a_complaint(text: str) -> None:
    assert RULES.route(Message(text, "sms")).category != "complaint", text


@pytest.mark.parametrize("text", REPLIES)
def test_a_danger_only_in_a_reply_subject_is_asked_about(text: str) -> None:
    decision = ROUTER.route(Message(text, "email"))
    assert decision.category != "emergency" and decision.ask_safety_question, text
