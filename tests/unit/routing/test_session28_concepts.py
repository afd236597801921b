"""Concepts from session 28. Found by fresh37's false pages: "if something like the leak happens
again" is a question about a time to come, even after "wondering"; a cause asked after ("why
the ceiling came down in the first place", "why did it take you 5 days") is history; by fresh39,
"last weekend" is a time gone by. Found by a guard: what a time gone by began and "now" goes on
("last weekend the ceiling started bulging and now bits are falling") is now, and a ceiling
that "started to sag", with bits "falling on" the bed, fails. By
fresh42: someone about to be badly hurt is a danger now; "I've stopped the kids using the
stairs" is no end of the danger, and a leak that "has now stopped" or "now it finish" is, as
is water said at once to have stopped ("the dripping from the ceiling stopped once"); "a
flood of emails", a roof's "lead flashing" and a tree "dropping leaves" are no danger. By
multilingual34: a CO alarm that "shouts" (Nigerian Pidgin) is sounding, and Scottish Gaelic
"gun" (that) is no gun.
The sentences are written for these tests (none is a corpus record); each change test was
decided wrongly before its change, and the guards (the other side of each change) are decided
the same before and after."""

from __future__ import annotations

from tests.unit.routing.concepts import concept_tests

# Paged by the rules, with the rules' cue that pages each (each was not paged before)
PAGED = [
    # someone about to be badly hurt, in whatever words the fault is told
    ("The third step on the stairs to the flats has broken loose and wobbles when you tread on "
     "it, and the light's gone. Somebody is going to break their neck tonight.",
     "hazard:structural:someone about to be badly hurt"),
    ("Bits of the parapet are dropping onto the path by the school gate, someone could get killed",
     "hazard:structural:someone about to be badly hurt"),
    # (its anchors first missed "break his back")
    ("the handrail is hanging off, someone is going to break his back on these stairs tonight",
     "hazard:structural:someone about to be badly hurt"),
    # people kept away from the danger are no end of it
    ("Since the rain started the bathroom ceiling has begun to bulge and cracks are spreading out "
     "from it. I've stopped the kids using the bathroom.", "hazard:structural:structural failure"),
    # what a time gone by began, "and now" going on
    ("Last Monday the bedroom ceiling started to sag and now bits of plaster are falling on the "
     "bed", "hazard:structural:collapse or failing structure (by effect)"),
    ("last monday the kitchen ceiling started bulging and now bits are falling",
     "hazard:structural:structural failure"),
    # an alarm that shouts or wails (Nigerian Pidgin: "don dey shout")
    ("Abeg, the CO alarm for my kitchen don dey shout since 5 o'clock, I no sabi wetin to do",
     "hazard:carbon_monoxide:CO alarm sounding"),
]

# Not paged (each was paged before)
NOT_PAGED = [
    # a flood of messages, a roof's lead flashing
    "Subject: Flood of appointment texts\nI keep getting texts confirming a repair appointment "
    "for a job I never reported. Nobody has turned up. Please stop them.",
    "The roofer's sheet says to renew the lead flashing round the chimney next month. When will "
    "that be booked?",
    # a mend told in plain English: "now it finish"
    "The man come and fix the leak in my kitchen ceiling, now it finish, thank you. Who will "
    "paint it?",
    # water said at once to have stopped
    "Just so you know, the dripping from the landing ceiling stopped once the snow on the roof "
    "melted. Could someone check the loft insulation sometime?",
    # Scottish Gaelic "gun" (that): "that someone would contact me"
    "Tha mi airson gearan a dhèanamh mun uinneig. Bu toil leam gun cuireadh cuideigin fios "
    "thugam.",
    # "last weekend" is a time gone by
    "This is my third message about the drain that overflows into the car park every time it "
    "rains. It's dry now but last weekend my car was parked in sewage water. Nobody has replied.",
    # a tree "dropping leaves" into a gutter is not falling
    "Branches of the tree at the back are touching the gutter and dropping leaves in it, so it "
    "overflows when it rains. Can it be cut back?",
    # "has now stopped", as "has stopped"
    "The drip through my bedroom ceiling from the flat above has now stopped. Could someone paint "
    "over the stain?",
    # a time to come, asked about after "wondering"
    "Just wondering, if something like the ceiling leak happens again, should I switch the "
    "electric off at the fuse box myself or wait for you?",
    # a cause asked after
    "Your letter says sorry, but I want to know why the ceiling came down in the first place.",
    "Why did it take you four days to send someone to look at my ceiling after the flat above "
    "flooded it? In the end it was fine.",
]

# Paged before and after (guards)
PAGED_GUARDS = [
    # "not sure if" keeps a report a report
    "not sure if something like this counts but I can smell gas in the hallway right now",
    # what caused it in the first place is back
    "the leak that caused all this in the first place is back and pouring through the light "
    "fitting",
    # the wait asked about, the danger going on
    "why did it take you 3 hours to answer the phone? the water is still pouring through the "
    "ceiling",
    # a floor, not a day of the month
    "I can smell gas on 3rd, the whole landing reeks",
    "smoke coming from the flat on 4th, alarm going off",
    # water flooding in, and a lead flashing and crackling
    "flood of water coming through the kitchen ceiling",
    "the plug lead is flashing and crackling and smells of burning",
    # a lift or the heating that has now stopped is the fault
    "the lift has now stopped between floors with my mum inside",
    "the heating has now stopped, my dad is 88 and it's freezing",
    # "now it done it again" is no end
    "water leak in my ceiling again, now it done it again and the light is full of water",
    # water that stopped and came back, or stopped beside live electrics
    "water pouring through the ceiling stopped for an hour and now it's back worse than before",
    "the leak through my ceiling stopped and then started again, it's pouring now",
    "water coming through the kitchen ceiling stopped but the light fitting is full of water and "
    "buzzing",
    "the water through the ceiling stopped. Now it is coming through again onto the cooker",
    # a gun
    "there's a man with a gun outside my door",
    # since last weekend, going on
    "sewage has been coming up in the yard since last weekend and it's still there",
    "there's been a gas smell since last weekend and it's worse today",
    # a tree dropping branches
    "the tree is dropping branches onto the path and one went through the conservatory roof",
]

# Not paged before or after (guards)
NOT_PAGED_GUARDS = [
    # a warning about a lasting fault, not a danger now
    "Someone is going to get killed on those stairs one day if you don't fix the handrail I "
    "reported in March",
    "still no lights in the stairwell after 3 weeks of reporting, someone's going to break their "
    "neck at this rate",
]


(test_dangers_told_in_new_words_are_paged_by_the_rules, test_routine_mentions_are_not_paged,
 test_the_guards_are_paged, test_the_guards_are_not_paged) = concept_tests(
    PAGED, NOT_PAGED, PAGED_GUARDS, NOT_PAGED_GUARDS)
