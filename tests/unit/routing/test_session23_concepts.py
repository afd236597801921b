"""Concepts from session 23 (false pages left on the tuned corpora: a danger told in the past,
then said to be over now, of a thing and not of the people; a drip said to be kept from the
electrics; an event's name that names the work after it, or an event named as what came
before; a dripping tap; a fire alarm set off by a fault; which number to ring, asked for the
future; windows streaming with water; a power cut rung in to 105; a loss named in a claim for
its ended span; a ceiling boarded since by whoever did it; the leak a repair was for; and a
danger told as now before an older mend). The sentences are written for these tests (none is
a corpus record); each change test was decided wrongly before its change, and the guards (the
other side of each change) are decided the same before and after."""

from __future__ import annotations

import pytest

from tests.unit.routing.concepts import route as _route

# Not paged (each was paged before): a danger told in the past, then "over now"
NOT_PAGED = [
    "Rang out of hours Sunday night with no heating after the boiler packed up, two little ones "
    "in the house. You sent the wrong engineer twice. Sorted now but it took them 3 days. I want "
    "an answer.",
    "On 2 March I smelled gas and the engineer capped the pipe. For three weeks I had no heating "
    "or cooking. I'm 74 and my arthritis is much worse in the cold. Everything is safe and "
    "working now. I would like an explanation.",
    # ... or "no problems since"
    "Subject: CO alarm in March - complaint\n\nIn March our carbon monoxide alarm went off in "
    "the night and we had both had headaches for days before. The engineer found the flue had "
    "come apart. A new boiler went in a week later and there have been no problems since. I "
    "want an investigation into the service that missed it.",
    # ... or "safe to use"
    "Our carbon monoxide alarm went off on Tuesday night. The gas engineer replaced the flue "
    "seal and the boiler is safe to use. Can I get a second alarm for upstairs?",
    # a drip kept from the electrics: caught, well away from them, or a bath or sink plug
    "still dripping in the loft into the tray, well away from any wiring, never comes through "
    "the ceiling, 3 months waiting now",
    "kitchen tap dripping and the sink plug is missing, no rush",
    # an event's name that names the work or help after it
    "hi its about the flood works, your builders left the back gate open and the dog got out",
    "Subject: Flood - 6 weeks on\n\nHi Sam, the dehumidifiers have gone and the electrician "
    "signed off the sockets. When can the plasterer start?",
    "the flood clean up crew threw away my daughter's school bag by mistake, can you help",
    "Subject: Flood recovery grant\n\nHow do I apply? We lost the sofa and the beds.",
    # a dripping tap, however long it drips; a fire alarm set off by a fault
    "bathroom tap dripping nonstop, can someone change the washer",
    "the communal fire alarm went off twice last night due to a sensor fault, can someone fix "
    "the panel",
    # which number to ring for a danger, asked for the future
    "Who do I ring for a gas leak at night? Just want the number saved in my phone.",
    # an event named as what came before ("after the kids got stuck"); windows streaming with
    # water (condensation)
    "hi did the lift company ever send the report after the kids got stuck on friday? the "
    "tenants group wants to know",
    "bedroom windows are streaming with water every morning and the sills are going black, can "
    "someone advise",
    # a power cut the network has been told of; a loss over an ended span, named in a claim; a
    # fallen ceiling boarded since, said of who did it
    "morning, the power went off again in the whole street this morning, i rang the 105 and they "
    "said it'll be back by 2, does the door entry reset itself?",
    "I want compensation for the 3 days we had no heating with a baby.",
    "calling for my neighbour at number 9 shes not good on the phone she had the ceiling come "
    "down in her back bedroom last month and you boarded it up but nobody has come back since "
    "and she keeps getting letters saying the job is done",
    # the leak a repair was for
    "can the hole in the landing ceiling, where your plumber cut in to find the leak, be filled "
    "now? its been dry for a month",
]

# Paged (each was only asked before): a danger told as now, then a mend in a later sentence with
# a time gone by of its own (it may be before the danger)
PAGED = [
    "I can smell gas in the kitchen. The cooker was fixed in March.",
    "There's a smell of gas by the boiler. It was serviced and fixed last year.",
    "Water coming through the light. The leak was fixed in June.",
    # "the same leak" is back, not an earlier one
    "There's the same leak through the light. It was fixed in March.",
]

# Not paged, before and after (guards): the danger told in the past too
NOT_PAGED_BEFORE_AND_AFTER = [
    "There was a smell of gas by the boiler in January. It was fixed in February. Can I have a "
    "new carbon monoxide alarm?",
    "I had a flood from the washing machine last month. Your plumber fixed it on the Tuesday. "
    "Will I be charged?",
]

# Paged, before and after (guards): "fine now" of the people, of one thing while another goes
# on, asked rather than said, or before a danger told after it; or someone feels ill.
PAGED_BEFORE_AND_AFTER = [
    "Water was pouring through the bathroom ceiling on Saturday night. My daughter is fine now. "
    "It's still dripping on the floor.",
    "The ceiling came down on Sunday. It's all fine now, but tonight there's water pouring "
    "through the light in the hall.",
    "There was a flood in the kitchen on Monday. Everything's fine now. The electrics are still "
    "tripping every time I switch the kettle on.",
    "We had water coming through the bathroom light last night. The leak is fixed now but the "
    "light is still flickering and buzzing.",
    "Our carbon monoxide alarm went off yesterday. Everything is fine now. My husband still has "
    "a headache and feels sick.",
    "I accept the immediate danger is over, the water came through the light on Sunday, but the "
    "ceiling has not been painted and I want compensation",
    # water on the electrics, whatever else is far from them
    "Water is dripping from the ceiling onto the light in the hall and it's flickering, nowhere "
    "near the bath plug",
    "Drip coming through the bedroom ceiling right next to the light fitting. Nothing electrical "
    "near the other drip in the hall.",
    "the flood repair didn't hold, water is pouring through the kitchen ceiling again right now",
    "the fire alarm went off because of a fault and now there's smoke coming out of the panel",
    "water is pouring out of the tap and it won't turn off, the tap is dripping everywhere",
    "Who do I ring for a gas leak? I can smell gas in the hall right now",
    "Water came through the light last night, its dry now but the light keeps flickering",
    "I'm ringing after my mum got stuck in the lift, she's still in there and panicking",
    "The fuse board was smoking on Monday. Everything has been fine since, but now it's smoking "
    "again and smells of burning.",
    "There was a gas smell by the meter last week, no problems since? Can you check",
    "The carbon monoxide alarm went off last night. The engineer said the boiler is safe to use "
    "but my son still has a headache and feels sick.",
    "The CO alarm is going off now. Is the boiler safe to use?",
    "water is streaming through the ceiling onto the bedroom windows sill and the light",
    "the power's gone off in the whole street and my dad's oxygen machine has stopped, I rang the "
    "105",
    "I want compensation for the 3 days with no heating, and it's still off now with a baby in "
    "the house",
    "you boarded it up on Monday but tonight the ceiling has come down again in the box room",
    "no power in my flat, I rang the 105 and they said it's not them, it's just my flat, my son "
    "is on a ventilator",
    "no electric in the flat since 6, I rang the 105 and they said its only us, can you send an "
    "electrician, I've got a 2 month old",
    "they cut into the ceiling to find the leak and now water is dripping through the light "
    "fitting",
]


@pytest.mark.parametrize("text", NOT_PAGED)
def test_dangers_said_over_now_are_not_paged(text: str) -> None:
    assert _route(text).category != "emergency"


@pytest.mark.parametrize("text", PAGED_BEFORE_AND_AFTER)
def test_the_guards_are_paged(text: str) -> None:
    assert _route(text).category == "emergency"


@pytest.mark.parametrize("text", PAGED)
def test_dangers_now_before_an_older_mend_are_paged(text: str) -> None:
    assert _route(text).category == "emergency"


@pytest.mark.parametrize("text", NOT_PAGED_BEFORE_AND_AFTER)
def test_the_guards_are_not_paged(text: str) -> None:
    assert _route(text).category != "emergency"
