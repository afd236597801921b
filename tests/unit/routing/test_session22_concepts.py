"""Concepts from session 22 (fresh35's and fresh36's false pages: a home made secure since,
paperwork about an old danger, a supply said to work again, an old thread sent on again, a gas
smell found safe since, an event named by its month; and dangers now: a break-in going on, the
only toilet that will not flush, electrics tripped that will not go back on). The sentences are
written for these tests (none is a corpus record); each change test was decided wrongly before
its change, and the guards (the other side of each change) are decided the same before and
after."""

from __future__ import annotations

import pytest

from tests.unit.routing.concepts import route as _route

# Not paged (each was paged before).
NOT_PAGED = [
    # a break-in, a smashed window or door, a fallen ceiling: made safe or secure since
    "we were burgled on saturday night, the joiner came out and the flat has been made secure, "
    "can I have a spy hole fitted",
    "the kitchen window got smashed by kids last night, it's boarded and secure now, when will "
    "the glass be fitted",
    "Subject: Bedroom ceiling\n\nThe bedroom ceiling fell in on Monday. Your team propped it and "
    "it's been boarded since. When is the plasterer booked?",
    "Complaint. My door was kicked in on the 3rd. The locks were changed the next day, fine, but "
    "nobody has rung about the new frame",
    # a danger named as the event a claim, insurance or a copy of records is about
    "can you send me the date the ceiling came down in our lounge, it's for my contents claim",
    "could I get a copy of the police letter about the break in for my contents insurance",
    # a message sent on an old thread, which says so: the thread and its subject line are old
    "Subject: FW: Gas smell - 41 Chantry Way\n\nHi, sorry to send this on the old thread, it's "
    "the only address I had. Can you tell me when my rent direct debit comes out?\n\n"
    "-----Original Message-----\nFrom: Repairs Team\nSent: 14 November\nThank you for "
    "letting us know Cadent attended last night for the gas smell and made the supply safe.",
    # a gas smell or carbon monoxide alarm told in the past, found safe since
    "Our carbon monoxide alarm went off at 2am on Sunday. We got everyone out and rang the gas "
    "emergency number. The fire service came, tested the air and said everything was fine. "
    "Could we have a new alarm fitted?",
    # ... told with a door at the back, and everything fine now
    "Complaint. On the evening of 3 March I rang your emergency line because I could smell gas "
    "outside my back door. The man I spoke to was short with me and put the phone down. Cadent "
    "came and it was a leak on the meter. Everything is fine now but nobody should be spoken to "
    "like that.",
    # a flood seen happening to others; a whole road without power, nobody needing it
    "Subject: Contents insurance\n\nAfter seeing what happened to people's furniture in the "
    "floods on our estate I've realised I have no contents insurance. Do you run a tenants' "
    "scheme? How much is it?",
    "Power's off for the whole road, we're fine, just wondering if it's you or the electricity "
    "board",
    # an event named by its month, a span of days that has ended
    "The man your insurers sent on Tuesday about the January flood was rude to my wife and "
    "barely looked at the wall. I want someone else to assess it.",
    "You've offered me £40 for being without heating from 3 December to 9 January with two "
    "small kids. I don't accept it.",
    # a lost supply said to work again without naming it
    "the power went off in my flat at 6, I rang and they said an electrician would come. He's "
    "been and it's all back on now, thank you",
    "your plumber turned our water off at 10 and it came back on at 4. No warning at all with "
    "my baby here",
]

# Paged, before and after.
PAGED = [
    # guards: made secure asked for, not done; or something still will not lock
    "my back door was kicked in an hour ago, please send someone to make it secure",
    "Can someone confirm when the flat will be made secure? The window was smashed tonight and "
    "there's a hole you could climb through",
    "break in tonight, they smashed the patio door, the joiner has boarded it but the front "
    "door lock is broken and won't lock",
    "the ceiling in the bathroom came down this morning, bits are still falling",
    # guards: paperwork asked about a danger now
    "the ceiling came down this morning in the bedroom, do I need to tell my insurer first?",
    "there's sewage coming up through the bath, who pays the insurance claim?",
    "flood in the kitchen from the flat above, will my insurance cover the carpet?",
    "fire in the bin store right now, is the building insured?",
    # guards: a supply asked about, working "now" in what someone said, or in a quoted thread
    "no heating since friday and my mum is 92, you said it would be working now, is it working "
    "now? it isn't",
    "heating went off again tonight, last week the engineer said it is working now but it keeps "
    "cutting out, my son is disabled and it's freezing",
    "Subject: Fwd: Boiler repaired\n\nForwarding the below, the boiler has packed up again "
    "today, no heating, he is 84.\n\n---------- Forwarded message ----------\nFrom: Repairs\n"
    "Date: 3 January\nThe boiler is now working.",
    # guards: an old thread whose report goes on, or whose new part names a danger now
    "Subject: FW: Gas smell - 4 Ash Road\n\nSorry to use the old thread but the smell is back "
    "again tonight, really strong in the kitchen\n\n-----Original Message-----\nFrom: Repairs"
    "\nSent: 2 March\nCadent attended and made the supply safe.",
    "Subject: FW: Leak - Flat 9\n\nFor your reference, water is now pouring through the "
    "bathroom light\n\n-----Original Message-----\nFrom: Repairs\nSent: 2 March\nThe leak "
    "was repaired.",
    # guards: found safe, but a smell now, someone ill, the smell back, or a wish
    "I can smell gas in the kitchen. The engineer came yesterday and said it was fine but I'm "
    "not sure",
    "My CO alarm went off last night, the engineer came and said it was fine, but my kids have "
    "headaches and are being sick this morning",
    "We smelled gas last night and the engineer said all safe. Tonight it smells again in the "
    "hall",
    "CO alarm went off at 3am, we are all outside, can someone come and make it safe",
    # someone breaking in now (the first was asked before; the second is a guard)
    "someone's just broke in downstairs, I can hear them, flat 3",
    "there's someone breaking in to the flat below right now",
    # said to be fine, but still smelt now (was asked)
    "I could smell gas by the back door last night, Cadent said it's fine but I can still smell "
    "it now",
    # guards: a danger now after a month's event; a span that has not ended
    "the roof was damaged in the December storm and now water is pouring through the bedroom "
    "ceiling onto the light",
    "we've been without heating from 14 December to now, my mum is 90 and it's freezing",
    "the January flood left the sockets wet and today one is sparking",
    # the only toilet, that will not flush (was asked)
    "Toilet wont flush since last night, the cistern isn't filling. Its our only toilet and "
    "there are 4 of us",
    # the electrics tripped and will not go back on (was asked)
    "the electrics have tripped and won't go back on, I've tried everything",
    # guards: a whole street without power and someone's oxygen stopped; a supply back, then off
    "power's off for the whole street and my dad's oxygen machine has stopped",
    "the water came back on for ten minutes then went off again, no water at all and I've got a "
    "newborn",
]

# Not paged, before and after (guards): a key broken in a lock, boots broken in, electrics back
# on, a second toilet, and shorter tellings of two concepts above.
NOT_PAGED_BEFORE_AND_AFTER = [
    "I could smell gas outside my back door on Monday night, Cadent came and it was the meter, "
    "everything is fine now but your call handler was rude to me",
    "after seeing what happened to my neighbour's flat in the flood, can I get contents "
    "insurance through you?",
    "my key broke in the lock, can a locksmith come",
    "I'm breaking in my new boots, ignore me, wrong number",
    # nor electrics that tripped and went back on; nor a toilet that will not flush when there
    # is another
    "the electrics tripped last night but went back on fine after I unplugged the kettle, can "
    "someone check the kettle socket",
    "the downstairs toilet won't flush, we've got another one upstairs so no rush",
    "toilet won't flush properly, it's not our only one though",
]


@pytest.mark.parametrize("text", NOT_PAGED)
def test_history_and_made_secure_are_not_paged(text: str) -> None:
    assert _route(text).category != "emergency"


@pytest.mark.parametrize("text", PAGED)
def test_dangers_now_are_paged(text: str) -> None:
    assert _route(text).category == "emergency"


@pytest.mark.parametrize("text", NOT_PAGED_BEFORE_AND_AFTER)
def test_the_guards_are_not_paged(text: str) -> None:
    assert _route(text).category != "emergency"
