"""Concepts from session 34, found by fresh48's first run and by guard sentences. Set aside:
"ill" and "unwell" said not to be ("I'm not ill", "nobody ill"), which are no vulnerability; a
butter, putty or palette knife, which is a tool; the gas supply asked to be "restored" or
"reconnected immediately", which is no gas escaping; a day told as "on the night of 9 June" (as a
date alone was); "it was your pipe ... that burst" (whose thing failed, the landlord's or a
neighbour's, told in the past); "they turned their water off" (upstairs stopping a leak, not a
home without water); an alarm's light "blinking every 45 seconds" (the sign it works, as its
chirp every 40 seconds was); "no power to the kitchen" (one room, as one socket or one room
already was; not a list of rooms); scaffolding asked "when it's coming down" in the sentence
after (not water coming down onto a light); with a danger effect's new `unless_here` (only
the effect's own words, not its sentence): "works fine everywhere except" one radiator, a base
"gone soft and rotten", "someone is going to fall down those stairs", a lock that "stuck for a
minute but" let him out. Tried and taken back out: "stuck indoors", "stuck in
unless ..." and "stuck for a minute but" as no one trapped (the guards below).
The sentences are written for these tests (none is a corpus record); each change test was
decided wrongly before its change, and the guards (the other side of each change) are decided
the same before and after."""

from __future__ import annotations

from tests.unit.routing.concepts import concept_tests

# Paged by the rules, with the rules' cue that pages each. No change this session pages more, so
# the list holds one plain danger as a guard (paged before and after), not a change test.
PAGED = [
    ("the lift is stuck between floors with my dad inside", "hazard:"),
]

# Not paged (each was paged before)
NOT_PAGED = [
    "boiler broke Monday, no heating or hot water, I'm 52 and not ill so I can manage but please "
    "chase the part, it's been 5 days",
    "need a new butter knife drawer in the kitchen, the runners have gone",
    # a day named as "the night of" a date, like a date on its own ("On 2 October ...")
    "Subject: Complaint about your out of hours line\n\nOn the night of 9 June my front door lock "
    "snapped and the door would not lock. Your out of hours line told me to wedge a chair "
    "against it. A locksmith came on the Monday and said it should have been an emergency "
    "call-out. I want an explanation.",
    "On the morning of the 2nd of October the kitchen ceiling came down. I have photos for the "
    "insurance, who do I send them to?",
    # the flat above turning its own water off to stop a leak
    "leak from upstairs stopped after they turned their water off, but I've got a wet carpet and "
    "I'm fed up",
    # a carbon monoxide alarm's slow blink, the sign it is working
    "my carbon monoxide alarm has a red light blinking every 45 seconds, no sound from it, is it "
    "meant to do that?",
    # one room without power
    "you took my fuse box out for an upgrade and I've had no power to the kitchen for 3 days, no "
    "warning, not good enough",
    # scaffolding asked when it is coming down, in the sentence after it
    "The scaffold next door has been up 3 months. I'd like to know when it's coming down as it "
    "blocks the light to my kitchen.",
    "The scaffolding at number 8 has been up since March. When is it coming down, it's blocking "
    "all the light in my front room",
    # (`unless_here`: only the effect's own words are set aside) the heating fine "everywhere
    # except" one radiator; a cupboard base "gone soft and rotten" after a mended leak; a person
    # who may fall on dark stairs; a lock that "stuck for a minute but" let him out
    "Our heating works fine everywhere except the radiator in the baby's room, which only gets "
    "lukewarm. Could someone look at it before the baby comes?",
    "the leak under my sink is fixed now but the cupboard base underneath has gone soft and "
    "rotten. can it be replaced?",
    "the hall light on the 4th floor has been out a month, pitch black at night, someone is "
    "going to fall down those stairs",
    "Dad's front door lock stuck for a minute this morning but he got out ok after wiggling the "
    "handle. He's 90, can someone change it before it jams for good?",
    # whose thing it was that failed
    "I've had a letter recharging me for the damage to the flat below but it was your pipe under "
    "the floor that burst, not anything I did. Please withdraw it.",
    "my toddler locked the bathroom door, we opened it with a butter knife, can you fit a lock "
    "that opens from outside?",
    "the gas was capped a week ago after the leak was fixed and we still have no cooker. I want "
    "the gas reconnected immediately",
]

# Still paged, after the changes
PAGED_GUARDS = [
    # trapped now, whoever they are and whatever else the sentence says
    "my mum is housebound and she's stuck in the lift at Marsh Court, she can't get out",
    "I'm stuck in the lift between floors 3 and 4, please help",
    # the vulnerability still counts where it is said to be there
    "no heating since yesterday, my son is ill and it's freezing in here",
    # a knife that threatens is still a threat
    "my neighbour is outside my door with a knife shouting he'll kill me",
    # gas escaping is still gas, with the supply named after it
    "can smell gas really strongly in the kitchen, please come immediately",
    "nobody ill yet but the carbon monoxide alarm is going off and won't stop",
    # an alarm sounding, whatever its light does
    "the CO alarm is beeping non stop and the red light is flashing, I feel dizzy",
    "CO alarm going off, light flashing every second, we're outside now",
    # a home without power, for a vulnerable household
    "no power in the flat at all since 6pm, my son is on oxygen",
    "no power to the whole flat and my mum is 88",
    # water coming down through a light, whatever else the sentence asks
    "water is coming down through the light in the hall and I don't know when it is coming down "
    "next, it keeps dripping onto the light",
    # a neighbour household's water that is off is still no water for them
    "the old couple next door, their water is off since yesterday and they are both in their "
    "90s, can someone come",
    # told as whose it was, or with a date, but going on now
    "it was the pipe under the sink that burst and water is pouring everywhere now, help",
    "On the 2nd of October the kitchen ceiling came down and it's still open to the loft, water "
    "dripping through",
    # stuck now, for however short a time
    "we've been stuck for a few minutes now in the lift, please help",
    # (the end-of-session review) "stuck indoors" and "stuck for a minute but" were set aside as
    # a lift that is out and a lock that let them out, and taken back out: the same words tell a
    # resident trapped at home
    "my nan's front door has jammed so she's stuck indoors, she's 95 and can't get out",
    "the lock stuck for a minute but now it's completely jammed and I can't get out of my flat, "
    "I'm in a wheelchair",
    # the rest of the sentence still counts where only some words are set aside
    "the top step has broken away and someone is going to fall down the stairs",
    "water is pouring out of the boiler everywhere except the hall and it's near the sockets",
    "the leak under the bath was fixed last week but the floor by the bath has gone soft and "
    "rotten, can it be replaced?",
    # rooms listed are the whole home
    "no power to the kitchen, lounge or bedrooms since 5pm, my baby is 3 weeks old",
    # a burst told as "it was the pipe ... that burst" may be now
    "it was the pipe under the sink that burst, I can't find the stopcock and it's all over the "
    "floor",
]

# Still not paged, after the changes
NOT_PAGED_GUARDS = [
    "I'm not ill, I just want to know when the gas safety check is",
]


(test_dangers_told_in_new_words_are_paged_by_the_rules, test_routine_mentions_are_not_paged,
 test_the_guards_are_paged, test_the_guards_are_not_paged) = concept_tests(
    PAGED, NOT_PAGED,
    PAGED_GUARDS, NOT_PAGED_GUARDS)
