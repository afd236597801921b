"""Concepts from session 29. A sweep of dangers told as side remarks found a GP saying the mould is
"making him ill" only asked: a doctor saying it makes someone ill is a serious risk to health.
Found in session 28's review: a person's back ("break his back on these stairs") is no supply
"back on", so it does not set a danger aside as resolved. Found by guard sentences (a danger
begun in the past, then ended or going on): a door "boarded the same night" was made secure, and
a fitting "replaced yesterday" is mended. By fresh33: the reports a danger came after ("after
three weeks of me reporting a leak") do not make it a report now. By fresh43: a heater named
with where it is ("the heater in my grans flat is dead") is no heating; a "heat gun", "no water
behind it" and a door "leaning on my hallway wall" are no danger; a power cut that "came back
on", a fitting someone "replaced yesterday", a danger that "had stopped by then" or has happened
"nothing since" is over; "nothing hot or sparking" denies both; a danger named in "my email
about" it is history; "fine now" on its own is over, but a contrast about the danger ("fine now
but it's back") is read to its end; a mending verb right before the danger ("replaced the
sparking light switch") ends it; the marks left "after last month's fire" are its aftermath. By
older tuned sets' false pages: an alarm fallen off or hanging from its fixing, an inside door
that sags and worn pointing are no failing structure, nor a failure denied between the structure
and its word ("the ceiling, they haven't come down"), and a thing that collapsed is no person
who did ("the pergola collapsed"). By a sweep of dangers over or only feared: what the resident
"still hasn't had" (compensation) is no danger going on, and a smell "gone since" is over.
After the other-language retrain: a report in Spanish or Portuguese ("lo avisé hace un mes")
dates the report, not the danger. After the router retrain: an outside door named, then "I can't
lock it", cannot be secured.
The sentences are written for these tests (none is a corpus record); each change test was
decided wrongly before its change, and the guards (the other side of each change) are decided
the same before and after."""

from __future__ import annotations

from tests.unit.routing.concepts import concept_tests

# Paged by the rules, with the rules' cue that pages each (each was not paged before)
PAGED = [
    # a person's back, not a supply back on
    ("the handrail on the stairs is hanging off the wall and my mum nearly broke her back on "
     "those steps", "hazard:structural:structural failure"),
    # the heater named with where it is: "the heater in my grans flat is dead"
    ("5 days since i told u the heater in my grans flat is dead. shes 88 and its freezing",
     "hazard:loss_of_essential_service:no heating"),
    ("the boiler at my mums house has packed up, she's 90 and it's freezing",
     "hazard:loss_of_essential_service:no heating"),
    # a contrast about the danger itself is read to its end
    ("I rang about the gas smell last night, gas board came, fine now but it's back this morning",
     "hazard:gas:gas smell"),
    # a doctor saying the mould makes someone ill (a serious risk to health: Awaab's Law)
    ("my son's asthma is really bad from the black mould in his room, the GP says it's making him "
     "ill, he was in hospital last week, when will someone come",
     "hazard:welfare:damp or mould with a serious risk to health"),
    ("the doctor said the damp is making my daughter poorly, her chest is bad",
     "hazard:welfare:damp or mould with a serious risk to health"),
    # a report told in Spanish or Portuguese ("lo avisé hace dos semanas": I reported it two
    # weeks ago) is the report's time gone by, not the danger's
    ("el techo del dormitorio tiene una bolsa de agua y se está agrietando y lo avisé hace dos "
     "semanas y nadie vino", "hazard:structural:structural (es)"),
    ("o teto da sala tem uma bolsa de água e está a rachar e avisei há um mês e ninguém veio",
     "hazard:structural:structural (pt)"),
    # an outside door named, then what the resident cannot do to it ("I can't lock it")
    ("The board on my front door was never finished and tonight someone pushed it and it "
     "opened. I can't lock it.", "hazard:security:home cannot be secured"),
]

# Not paged (each was paged before)
NOT_PAGED = [
    # boarded "the same night" is made secure; a fitting "replaced yesterday" is mended
    "last week the front door got kicked in, it was boarded the same night and the new door is on "
    "now",
    "the socket started smoking on tuesday, it was replaced yesterday and works fine",
    # the reports a danger came after are no report of it now
    "Last winter our ceiling came down after three weeks of me reporting a leak. Nobody was hurt.",
    # a tradesman's tool; a leak ruled out where it would be
    "He left a deep gouge and a burn mark from a heat gun. The fire is long over.",
    "can someone look at the tile that came off the bathroom wall? just one tile, no water behind "
    "it",
    # a door taken off and left resting on a wall
    "you never put the kitchen door back. its just the kitchen door leaning on my hallway wall",
    # a cut supply back ("the power cut last night came back on"), a fitting replaced, a danger
    # stopped before anyone came or not happened since
    "Hello, The power cut last night came back on at about 11pm and everything in the flat is "
    "working fine. My freezer defrosted though.",
    "electrician for the smoking socket turned up 7 hrs after i rang. it had stopped by then thank "
    "god but 7 HOURS is not an emergency response. want to complain",
    "socket in the living room sparked once on monday when i plugged the hoover in. nothing since, "
    "no marks no smell. could someone check it next time? not urgent",
    "the socket stopped smoking as soon as i switched it off on sunday and your electrician "
    "replaced it yesterday. do i need a certificate?",
    # "nothing" heads a list denied; the email a danger was named in; "fine now" on its own
    "We had a pan fire on Saturday, the brigade put it out. The cupboards still smell smoky. "
    "Nothing hot or sparking, just the smell. Who cleans it?",
    "still no reply to my email about the bathroom ceiling that came down. that was in august",
    "why did nobody answer the out of hours line when i rang about the gas smell on sunday?? "
    "cadent came in 20 mins, it was a loose joint, fine now. but nobody answered you",
    # a mending verb right before the danger; the marks a fire gone by left
    "your electrician replaced the sparking light switch this morning. all working, no more "
    "sparks. thanks",
    "After last month's fire our kitchen has been professionally cleaned. Could you confirm "
    "whether you'll replace the two scorched cabinet doors next to the cooker?",
    # an alarm come off its fixing, an inside door that sags, worn pointing
    "hi the smoke alarm you fitted has fallen off the wall, it still works. can someone put it "
    "back up",
    "The pointing on my garden wall is crumbling in a few places. No bricks are loose.",
    # a failure denied between the structure and the failure word
    "rats in the loft, I hear them scratching in the ceiling, they haven't come down into the "
    "house yet",
    # a thing that collapsed, not a person
    "the ceiling hasn't collapsed, it's just a small stain, can someone look",
    "the pergola collapsed onto the patio in the wind",
    # what the resident still has not had is no danger going on; a smell "gone since"
    "Last March the kitchen ceiling came down and I still haven't had compensation for my sofa",
    "the sewage smell outside has gone since the drain people came, thank you",
]

# Paged before and after (guards)
PAGED_GUARDS = [
    "the handrail is hanging off, someone is going to break his back on these stairs tonight",
    "sewage was coming up the toilet, it's back on the landing now, the smell is awful",
    "handrail came away in my hand, I landed on my back on the stairs, it's still hanging there",
    # a replacement long ago, or not the end of it
    "the socket was replaced last year and now it is sparking",
    "the plug was smoking, it's been replaced but now the socket is smoking too",
    "the front door was kicked in, it was replaced yesterday but it still doesn't lock",
    # boarded, but not the door
    "my front door was kicked in last night, the joiner boarded the window but the door still "
    "won't lock",
    # a danger begun in the past that goes on now, in other word orders
    "last night the ceiling started bulging, bits are still dropping off it now",
    "began yesterday. still sparking.",
    "it started last week, now the whole wall is wet round the fuse box",
    "the sewage first came up on saturday, it is still coming up through the shower tray",
    "last month the kitchen ceiling started to bulge and now it is falling down",
    "the socket was sparking on monday and it has been sparking on and off since",
    # reports, and the danger going on
    "I'm sick of reporting this, there's a gas smell in the kitchen",
    "after reporting it yesterday the gas smell is still there",
    "I reported a gas leak yesterday and nobody came",
    "our ceiling came down after weeks of us reporting the leak and water is still pouring through",
    "there's a man with a gun outside my door",
    "no water in the flat since this morning, my mum is 90",
    "wires hanging out of the wall by the front door, sparking when it rains",
    "the garden wall is crumbling and leaning over the pavement, bricks falling off",
    "the power cut last night came back on for an hour and went off again, my dad is on oxygen",
    "power cut yesterday, still no electric, my son needs his nebuliser",
    "the socket sparked on monday, nothing since then but now it's smoking",
    "the power came back on but the socket is still sparking",
    "they replaced it with a second hand one and now that's sparking too",
    "the socket sparked on Monday and hasn't been fixed since, it's still crackling",
    "I reported sparking from the socket, heard nothing since and it's still sparking",
    "the socket is hot and sparking, nothing else works or the lights",
    "Nothing sparking but the socket is hot and smells of burning",
    "my email about the ceiling that came down this morning, water is still pouring through it",
    "there is a gas smell in the hall, my son is fine now but the smell is strong",
    "the sparking stopped now but the socket is still hot",
    "nobody fixed the sparking socket and it's still sparking",
    "the electrician replaced the sparking socket yesterday and now the new one is sparking too",
    "they fixed the leaking pipe last week but now water is pouring through the ceiling again",
    "you replaced the smoking fuse box last year and now it is smoking again",
    "after the fire the socket by the cooker is scorched and sparking when I switch it on",
    "since the fire the fuse box is melted and buzzing",
    "the plaster round the smoke alarm is coming down in chunks",
    "the smoke alarm is hanging off the ceiling and the ceiling is sagging",
    "the ceiling by the alarm has come away and is hanging down over the bed",
    "the ceiling has collapsed in the kitchen and the smoke alarm is hanging off",
    "the chimney mortar is crumbling and bricks are coming loose over the path",
    "the front door is sagging and won't lock, I'm on my own tonight",
    "the garden wall is leaning and bricks are falling onto the pavement",
    "the ceiling has not fallen in but it is bowing badly and cracking",
    "the ceiling hasn't come down yet but it's bulging and dripping",
    "the ceiling in the bathroom has come down",
    "my dad has collapsed in the kitchen and can't get up",
    "the ceiling has collapsed on my mum, she's under it",
    "the garden wall has collapsed onto the pavement",
    "the roof collapsed and my husband collapsed from the shock",
    "Last March the kitchen ceiling came down and it still hasn't been fixed, bits are still "
    "falling",
    "the ceiling came down last week and I still haven't had anyone out, there's a hole and water "
    "dripping",
    "the gas smell went away yesterday but has come back since this morning",
    "the smell has gone since they came but now the toilet is bubbling up sewage again",
]

# Not paged before or after (guards)
NOT_PAGED_GUARDS = [
    "the power is back on now and the sockets are fine",
    "Sparks came out the socket earlier, electrician came and its back on now",
    "the heating in my flat is dead but it's mild and we are fine, no rush",
    "the leak is fixed now but can you paint the ceiling",
    "gas engineer came, all fine now but can someone check the cooker",
    "After the fire in March the wall behind the cooker is still black, when will it be painted?",
    "bedroom door is sagging and drags on the carpet, needs planing",
    "the mould in the bathroom is making me sick of looking at it, when will it be painted",
    "front door lock is stiff but we can lock it fine",
    "the back door was forced last week, it was repaired and I can lock it now",
    "the electrician isolated the sparking socket on friday, it's been safe since, when will it be "
    "replaced",
    "In case of fire, where is the assembly point for our block?",
]


(test_dangers_told_in_new_words_are_paged_by_the_rules, test_routine_mentions_are_not_paged,
 test_the_guards_are_paged, test_the_guards_are_not_paged) = concept_tests(
    PAGED, NOT_PAGED, PAGED_GUARDS, NOT_PAGED_GUARDS)
