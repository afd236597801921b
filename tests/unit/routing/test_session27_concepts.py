"""Concepts from session 27 (found by fresh41: a lift "2" that has stopped is the fault, not its
end; "no other way down"; the fire brigade there now; a reply's subject line the message outside
its quote says goes on; a padlock is no door lock; "it's stopped and dried up"; a door that
latches if you pull it; sewage named only as a smell where nothing escapes; sewage gone by, left
to clean up; "nobody has cleaned it up" is no end of it; damp or mould with a doctor's word on it
in another language named as such, not as someone trapped).
The sentences are written for these tests (none is a corpus record); each change test was
decided wrongly before its change, and the guards (the other side of each change) are decided
the same before and after."""

from __future__ import annotations

from tests.unit.routing.concepts import concept_tests

# Paged by the rules, with the rules' cue that pages each (each was not paged before)
PAGED = [
    # a numbered lift that "has stopped" with someone in it: the fault, not its end
    ("Caretaker at Elm Tower. Lift 3 has stopped at the 6th floor with my neighbour inside and "
     "the doors won't open.", "hazard:lift:stuck or trapped (by effect)"),
    # both lifts out, a wheelchair user with "no other way down"
    ("Both lifts are out at Ash Court. I use a wheelchair, I live on the 12th floor and I have "
     "chemo at 2pm. There's no other way down for me.", "hazard:lift:lift out of order"),
    # the fire brigade there now: a fire going on, whoever they have got out
    ("The flat below mine has smoke coming out of the windows. Fire brigade are here now and "
     "they've got him out, he's 90.", "hazard:fire:smoke"),
    # a reply's subject line: the message outside the quote says it goes on
    ("Subject: RE: Job 55120 - back door still not secure\n\n> A joiner will attend on "
     "Tuesday.\n\nNobody came on Tuesday. The board has been kicked off again overnight and the "
     "back door is open again. Please send someone today.",
     "hazard:security:home cannot be secured"),
    # "nobody has cleaned it up" is no end of the sewage (it read as "cleaned it up")
    ("There's sewage all over the bathroom floor from the toilet and nobody has cleaned it up",
     "hazard:sewage:sewage"),
    ("Sewage is coming up through the floor drain and no one has cleaned it up",
     "hazard:sewage:sewage"),
    # damp or mould with a doctor's word on the risk, in another language, is named as such
    # (it was listed with, and named as, someone trapped)
    ("Lekarz mówi, że pleśń w pokoju dziecka jest groźna dla jego płuc",
     "hazard:welfare:damp_mould (pl)"),
    ("El médico dijo que el moho en el dormitorio le provoca asma a mi hijo",
     "hazard:welfare:damp_mould (es)"),
]

# Not paged (each was paged before)
NOT_PAGED = [
    # a padlock on a garage
    "The padlock hasp on my garage has been broken off. Nothing inside, no rush.",
    # stopped and dried up
    "The water that came through the ceiling has dried up. Can someone check the ceiling?",
    # it latches if you pull it
    "The communal front door at Birch House closes slowly and sometimes doesn't latch unless you "
    "pull it. Could the closer be adjusted?",
    # sewage named only as a smell, with nothing escaping
    "There's a sewage smell near the manhole in the back garden when it's warm. No overflow or "
    "water, the lid is on. Can someone look?",
    "Fourth visit about the smell of sewage in our downstairs toilet. It's not overflowing, it "
    "just smells, and nobody can find the cause. I want a manager to take this on.",
    "The sewage smell in the kitchen is back, nothing coming up, the sink and the washing "
    "machine drain fine. Probably needs a look.",
    # sewage gone by, left to clean up outside
    "The sewage that overflowed in the back yard last week has dried on the path, could someone "
    "come and clean and disinfect it?",
    "After the drain overflow last week your contractor hosed the side passage, but there's dried "
    "sewage in the gravel and it stinks in the sun. Please disinfect it properly.",
]

# Paged before and after (guards)
PAGED_GUARDS = [
    "the lock on the front door has been smashed",
    "the deadlock on my back door has snapped and it won't lock",
    "smell of sewage in the bathroom and sewage coming up through the shower tray",
    "there's a strong sewage smell in the kitchen and the floor is wet, no leak I can see",
    "there's a sewage smell in the bathroom",
    "the front door won't lock, I have to hold it shut with a chair",
    "Water is coming through the ceiling onto the light, it has not dried up",
    "my little girl is stuck in the lift with her friend, they got in on the ground floor and "
    "it's stopped",
    "the boiler engineer came last week, well it's stopped completely now, no heating, it's "
    "snowing and my mum is 91",
    # sewage coming up now, or left inside the home, is no clean-up to wait for
    "Sewage came up through the toilet on Monday and it's coming up again now, can someone "
    "clean it up",
    "sewage has been coming up in the shower since Friday, nobody has come to clear it or clean "
    "up",
    "The sewage from last week's overflow is still all over my kitchen floor and nobody has "
    "cleaned it up. I have a newborn.",
]

# Not paged before or after (guards)
NOT_PAGED_GUARDS = [
    "The leak from flat 2 has stopped now, can someone check the ceiling",
    # a reply whose new part says it is over: its subject line names the old thread
    "Subject: RE: Gas leak\n\n> Cadent attended and made the leak safe.\n\nThanks, all fine now, "
    "can you book the cooker fitting",
    # an old thread found and sent on for something else
    "Subject: FW: Gas leak 3 March\n\nHi, I've just found this old email thread from last year, "
    "sorry - I'd like to ask about the right to buy.\n\n> 3 March: Cadent attended, external leak "
    "repaired. No further action required.",
]


(test_dangers_told_in_new_words_are_paged_by_the_rules, test_routine_mentions_are_not_paged,
 test_the_guards_are_paged, test_the_guards_are_not_paged) = concept_tests(
    PAGED, NOT_PAGED, PAGED_GUARDS, NOT_PAGED_GUARDS)
