"""Concepts from session 33, found by fresh47's first run and by guard sentences. Set aside: no
power from a prepayment meter out of credit, a cut planned or across the street ("off all along
our road"); a supply back "but the landing lights" or "but that's not the point"; a power cut
"in case there's ever" one; a vulnerable household's lost heating (not its hot water) when the
weather is said not to be cold (and nothing says it is); "no water" that is "getting inside";
sewage in the street or on the pavement (unless a door or a room is named), "outside not in the
flats", "not inside anywhere", or "nothing is coming into any of the houses" (asked, as
elsewhere, not paged); a fire alarm "being tested on Tuesday" (not asked: "are the alarms
being tested today?"), and an alarm asked about that "should have gone off"; a door "still
boarded", or one someone "came and boarded"; a structure with "nothing else loose" or that the
surveyor "says 'safe for now'" (read after it, with no "but"); a flood "at Christmas"; sewage
"pumped out"; a leak "currently dry" (a line put inside another pattern had made it need "were
found"); a collapse told again as "it came down" after the same hazard was said to be mended.
Paged: a Romanian front door that "no longer closes" ("usa ... nu se mai inchide"); sewage in
the street coming "under the front door".
The sentences are written for these tests (none is a corpus record); each change test was
decided wrongly before its change, and the guards (the other side of each change) are decided
the same before and after."""

from __future__ import annotations

from tests.unit.routing.concepts import concept_tests

# Paged by the rules, with the rules' cue that pages each. No change this session pages more, so
# the list holds one plain danger as a guard (paged before and after), not a change test.
PAGED = [
    ("smoke is pouring out of the socket in the lounge", "hazard:"),
    # Romanian: the front door "no longer closes" (the floor's one loss at the retrain)
    ("usa de la intrare nu se mai inchide, sunt singura acasa", "hazard:security"),
    # sewage in the street that names a door or a room is not set aside as outside (found in
    # the review: the first reading of the street's sewage only asked these)
    ("sewage all over the road outside and it's coming under the front door", "hazard:sewage"),
    ("Raw sewage is pouring down the street from the drain. It's now up against the back door.",
     "hazard:sewage"),
]

# Not paged (each was paged before)
NOT_PAGED = [
    "my electric has gone off, I think the emergency credit has run out on the meter, where can "
    "I top up at this time?",
    "There's a planned power cut on Friday from 9 till 1 in our block, will the door entry still "
    "work?",
    "the electric is off all along our road, probably a power cut, who do I ring?",
    "We lost power on Sunday night. The power came back on Monday morning but the landing and "
    "stairwell lights have been off since, please send someone.",
    "my son is on a ventilator, please put us on your list in case there's ever a power cut",
    "been without heating and hot water for a week. it's october so not freezing but I'm boiling "
    "kettles to bath my kids",
    "the gutter at the back overflows in the rain and runs down the wall, no water is getting "
    "inside",
    "there's sewage on the pavement outside the shop at the end of our road again, can you tell "
    "the water company",
    "the drain in the car park is overflowing with sewage, it's outside not in the flats",
    "sewage seeping out of the manhole in the communal garden, not inside anywhere",
    "Raw sewage pooling in the lane behind the houses. Nothing is coming into any of the houses.",
    "there's a sign up saying the fire alarms being tested Monday, will it be going off long? my "
    "dad has dementia",
    "should the smoke alarm in the hall have gone off when the toast burnt? it didn't make a "
    "sound",
    "3 weeks since we were burgled and the back door is still boarded with ply. Told it'd be "
    "replaced in a week. Nobody answers.",
    "can someone look at the garden wall, a few bricks came off the top in the storm, nothing "
    "else loose that I can see",
    "the back steps are crumbling and need fixing. the surveyor says 'safe for now'. it's been "
    "a year",
    "we flooded at Christmas and the insurance letter says we're not covered, I need someone to "
    "ring me",
    "sewage came up in the downstairs loo last night, the contractor came and pumped it out, "
    "can someone clean the floor today",
    "water dripped through the hall ceiling on Sunday, it's currently dry, can the plasterer come "
    "next week",
    "Dear Sir, my bathroom ceiling collapsed on 3 June and was made safe that night and replaced "
    "the week after. Given that I reported the damp patch twice before it came down, I believe "
    "you owe me compensation.",
]

# Still paged, after the changes
PAGED_GUARDS = [
    "the power has gone off in my flat, the meter has plenty of credit and my baby is 3 weeks old",
    "There's a planned power cut on Friday but the fuse box is sparking now",
    "sewage is coming up in the street and it's now coming into my kitchen through the back door",
    "sewage on the pavement outside, and sewage is coming up through our toilet into the bathroom",
    "it's not cold outside but it's freezing in the flat and my baby has no heating",
    "the fire alarm is going off and there's smoke in the hall",
    "the fire alarm has been going off for 20 minutes, are the alarms being tested today? I can "
    "smell burning",
    "my power has gone off, just my flat, is it 105 I ring? my mum is 93 and bedbound",
    "They came and boarded it up last week but tonight someone has smashed the back door in again",
    "The power came back on but went off again and the fuse box is buzzing and smells of burning",
    "no water coming out of the taps at all and my dad is 90 and bedbound",
    # the weather is no reason to leave a newborn without hot water
    "no hot water for three days, it's not cold out but my baby is 2 weeks old and I can't bath "
    "her",
    "the surveyor says it's safe but the wall is leaning more every day and bricks are falling",
    "we flooded at Christmas and it's flooding again now, water pouring in under the back door",
    "they pumped it out last night but sewage is coming up through the toilet again now",
    "a few bricks came off the chimney, nothing else loose except the whole stack is leaning and "
    "moving in the wind",
    "the leak was dry yesterday but now water is pouring through the ceiling onto the light",
    "The ceiling collapsed in May and was made safe the same night. It came down again on "
    "Tuesday and nobody has come",
    "The leak was fixed in May. It came down on Tuesday and nobody has come",
    "The leak in the loft was fixed last year. Just now it collapsed onto the landing",
]

# Still not paged, after the changes
NOT_PAGED_GUARDS = [
    # two of the changes in sentences the rules already set aside for other reasons (their
    # corpus records, fresh47-0146 and fresh47-0163, were paged before and are not now)
    "In last Tuesday's power cut nobody checked on my grandad, who is 88 and uses oxygen at "
    "night. The power came back after two hours and he's alright, but that's not the point.",
    "my door was broken into a fortnight ago, the police came, your lot came and boarded it, "
    "fine, but nobody's rung about a new door and I want to complain",
    "Got a letter about the works in the block next month, will the lift be out for long?",
]


(test_dangers_told_in_new_words_are_paged_by_the_rules, test_routine_mentions_are_not_paged,
 test_the_guards_are_paged, test_the_guards_are_not_paged) = concept_tests(
    PAGED, NOT_PAGED,
    PAGED_GUARDS, NOT_PAGED_GUARDS)
