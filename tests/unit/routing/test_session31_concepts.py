"""Concepts from session 31, found by fresh45's first run and by guard sentences. A fault "since
last night" goes on (the weather said "on the radio" made it history); a wish to have a danger
"made safe tonight" is no making safe; residents who "stopped flushing" are no sewage that
stopped. Set aside: a month written short before an event ("the Feb flood") and the event named
again with "the" in a later sentence told in the past; "weeks ago" on its own; a day written
short ("last Sat"); a carbon monoxide alarm's test button; heaters "dropped off" (no heating
off); workers who never "came back when they said" and advice to ring back "if it's still
there" (no danger back or still there); a ceiling drip the next sentence says is "nowhere near any
lights or sockets"; a smoke alarm beside a light fitting
(no smoke); a shower's pull cord that snapped (no pipe); drains rodded or jetted before the sewage
word; "he did fix it"; water or sewage outside said not to have come into the home ("nothing
came through to mine", "It hasn't come into the house"); the brown marks a dried stain left; a
drip "away from anything electrical".
The sentences are written for these tests (none is a corpus record); each change test was
decided wrongly before its change, and the guards (the other side of each change) are decided
the same before and after."""

from __future__ import annotations

from tests.unit.routing.concepts import concept_tests

# Paged by the rules, with the rules' cue that pages each (each was not paged before)
PAGED = [
    # a fault since last night goes on, whatever the radio said
    ("hello it's Mary I'm ninety one I live at flat two the boiler's gone off since last night "
     "there's no heating it's freezing it said minus three on the radio I've got bad lungs can "
     "someone come", "hazard:loss_of_essential_service:no heating"),
    ("this is Mr Khan flat nine the heating's gone off since yesterday no heat at all and they "
     "said on the radio it's going to snow my wife is poorly",
     "hazard:loss_of_essential_service:no heating"),
    # a wish, not a making safe
    ("the ceiling light is sparking and buzzing, I need it made safe tonight please",
     "hazard:electrical:sparking"),
    # people who stopped flushing, not sewage that stopped
    ("sewage is coming up through the bath and onto the floor, we've stopped flushing the "
     "toilet", "hazard:sewage:sewage"),
]

# Not paged (each was paged before)
NOT_PAGED = [
    "Got a bill for the carpet from the Feb flood. The flood was caused by your tank in the "
    "loft.",
    "The sparking socket in the lounge was weeks ago, the electrician said it needed a new "
    "backbox and nobody's been back about it",
    "Burst pipe flooded the kitchen last Sat, your plumber took 8 hours to come, I want to "
    "complain",
    "I pushed the test button on the CO alarm and it beeped loudly, is that normal?",
    "The painter splashed emulsion on the light fitting and the smoke alarm, please send someone "
    "to clean it",
    "the smoke alarm by the kitchen light fitting needs a new battery",
    "The pull cord for the shower has snapped, the shower works from the switch on the landing",
    "The drainage team rodded the sewage on Monday but left the manhole cover cracked",
    "My neighbour's kitchen flooded on Sunday but nothing came through to mine, can you check my "
    "ceiling anyway",
    "Sewage overflowing from the manhole in the car park again. It hasn't come into the house.",
    "The stain is dry now, just brown marks round the light, can it be painted",
    "slow drip from the loft hatch into a bucket, away from anything electrical, please book a "
    "roofer",
    "complaint about the engineer who came for the gas smell on Friday, he did fix it but left "
    "mud all over the carpet",
    # heaters delivered, not heating off; workers who never came back, not a danger back; a
    # condition, not a danger still there
    "The boiler's fixed now. It was off for three days in the snow and the heaters you dropped "
    "off only came on day two, I want to complain about the wait",
    "The leak's fixed and the sparky finally put my sockets back on this morning but I lost a "
    "freezer full of food because nobody came back when they said",
    "When I smelled gas on Saturday night your call centre told me to 'call back tomorrow if "
    "it's still there'. Cadent came and fixed a loose joint, all safe now, but that advice was "
    "dangerous and I want it looked into",
    # a drip said in the next sentence to be away from the electrics
    "There's a slow drip coming from the corner of the back bedroom ceiling by the window. It's "
    "nowhere near any lights or sockets and I've got a tray under it, can a roofer come",
]

# Still paged, after the changes
PAGED_GUARDS = [
    "the plumber did not come into my flat and now water is pouring through the kitchen light",
    "water pouring down the stairwell, it hasn't come into my flat yet but it's right at the door",
    "water pouring through my bathroom ceiling near the light. It hasn't got into the flat below.",
    "we had a flood in January. The flood is back, water pouring in under the back door",
    "I pressed the test button and now the carbon monoxide alarm won't stop going off and my "
    "head hurts",
    "the light fitting is smoking and the smoke alarm is going off",
    "smoke coming out of the light fitting in the hall",
    "the gas man did fix it last week but I can smell gas again now",
    "sewage coming up the toilet, nothing in my flat works",
    # a resident clearing it up is no mend, and "coming back up" goes on
    "I cleared the sewage out of the bath, it's coming back up every time next door flushes",
    "I unblocked the toilet myself but the sewage is coming back up into the bath",
    "my socket is scorched and sparking, I reported it weeks ago and now it's smoking",
    "the heating's off and my baby is 2 weeks old, it's freezing",
    "the leak was fixed on monday but it came back this morning and it's dripping on the light",
    "gas engineer said the leak was fixed but the smell has come back tonight",
    "I smelled gas last night and they said to ring back if it's still there. It's still there "
    "now and stronger",
    "Water dripping through the bathroom ceiling. Not near the lights but it's right over the "
    "extractor fan.",
]

# Still not paged, after the changes
NOT_PAGED_GUARDS = [
    "the boiler was serviced last week and the engineer said all fine",
    "A letter says I have to pay for the window after the police broke in to check on me",
    "The March fire door inspection is due, can you book it",
]


(test_dangers_told_in_new_words_are_paged_by_the_rules, test_routine_mentions_are_not_paged,
 test_the_guards_are_paged, test_the_guards_are_not_paged) = concept_tests(
    PAGED, NOT_PAGED, PAGED_GUARDS, NOT_PAGED_GUARDS)
