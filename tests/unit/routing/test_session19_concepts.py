"""Concepts from session 19 (fresh31: everyday repairs and complaints that name a danger). The
sentences are written for these tests (none is a corpus record); each change test was decided
wrongly before its change, and the guards (the other side of each change) are decided the same
before and after."""

from __future__ import annotations

import pytest

from routing import Message, Router

ROUTER = Router()
RULES = Router(use_model=False)

# Not dangers now: each was paged before session 19.
NOT_NOW = [
    # a neighbour's house alarm going off, nothing broken (the model alone paged it)
    "the house alarm next door has been going off for an hour, I think they're on holiday, "
    "nothing looks broken",
    # a burglar alarm is not a break-in
    "Just to let you know the burglar alarm at number 4 keeps going off, no sign of anyone",
    # someone who fell and is in hospital is cared for: the rail is for coming home
    "my dad had a fall last week and he's in hospital now, can you fit a grab rail before he's "
    "discharged",
    # a hob's flame that looks normal
    "the back burner on my gas cooker won't spark, it lights with a lighter and the flame looks "
    "normal",
    # a figure of speech for a risk
    "the rubbish piled in the bin store is a fire waiting to happen, please clear it",
    # a number kept for a day it is needed
    "What's the number to report a gas leak? I want it in my phone just in case",
    # no heating, said not to matter for this household
    "the boiler's not working so no heating, but it's warm out and we're not vulnerable, "
    "whenever you can",
    # a list of leak signs ruled out
    "there's a crack in the bathroom ceiling, no water, no bulging, just a hairline in the paint",
    # the marks a fire that is out left behind
    "We had a small pan fire on Sunday, it's out and the fire brigade said it's safe, but the "
    "wall is blackened and the extractor fan melted, can someone replace it",
    # a window restrictor that works
    "the lock on my son's bedroom window is broken but the restrictor still stops it opening "
    "more than 10cm, second floor",
    # a subject line whose body asks what to do if it ever happens
    "Subject: question about gas smell\n\nHi, what should I do if I ever smell gas? Who do I "
    "ring?",
]

# Dangers now: each pages, before and after.
NOW = [
    "someone's broken in, the burglar alarm is going off and the back door is smashed",
    "the carbon monoxide alarm is going off and won't stop, I feel dizzy",
    "my mum has had a fall and she can't get up, she's 86",
    "flames coming out of the back of the gas hob",
    "the bin store is on fire",
    "the fire alarm is going off and I can smell smoke in the corridor",
    "number 12's gas leak is coming into my flat, I can smell it now",
    "no heating and my dad is 90 and very frail, it's freezing",
    "water coming through the bathroom ceiling onto the light, it's bulging",
    "the cooker hood is melting and there's black smoke",
    "the window restrictor is broken and my toddler can open the bedroom window wide, 3rd floor",
    "Subject: gas smell\n\nPlease come, it's really strong in the kitchen",
    "Subject: flood\n\nwater pouring through the ceiling now, the electrics are wet",
    "The leak was repaired on Monday but now water is pouring through the light fitting again",
    # the body unsure is no reason to set the subject line aside
    "Subject: gas smell\n\nNot sure if it's gas but something smells odd in the kitchen",
    "Subject: Gas smell\n\nHi, I don't know if this counts but there's a faint smell of gas near "
    "the boiler",
    # (a subject line that names an event, the body telling only its history, is asked since
    # session 20: test_session20_concepts.py)
]

# A burglar alarm with someone heard inside: the model alone may not page an alarm, so the
# resident is asked (the safety advice and the question), not left routine.
ASKED = [
    "my burglar alarm is going off and I can hear someone downstairs",
]


@pytest.mark.parametrize("text", NOW)
def test_a_danger_now_still_pages(text: str) -> None:
    assert ROUTER.route(Message(text, "email")).category == "emergency"
    assert RULES.route(Message(text, "email")).category == "emergency"


@pytest.mark.parametrize("text", ASKED)
def test_a_burglar_alarm_with_someone_heard_is_asked(text: str) -> None:
    decision = ROUTER.route(Message(text, "sms"))
    assert decision.category == "emergency" or decision.ask_safety_question


def test_someone_fallen_at_home_now_is_paged_and_in_hospital_is_not() -> None:
    now = ROUTER.route(Message("my dad has had a fall in the kitchen and can't get up", "sms"))
    cared_for = ROUTER.route(Message(
        "my dad had a fall in the kitchen and has been taken to hospital, can someone fit a rail "
        "by the back step before he comes home", "sms"))
    assert now.category == "emergency"
    assert cared_for.category != "emergency"


# fresh32 (follow-ups, chasers and repeat contacts): dangers now that were asked or routine
# before, each paged now; each failed before its change.
FOLLOW_UPS_NOW = [
    # a leak fixed (set aside) and a new danger the learned model reads in other words: a danger
    # set aside now silences the model only when the model reads that danger's own words
    "the leak from the bath was fixed on tuesday. since then the ceiling below has gone all "
    "saggy with a big crack and you can see daylight through it, we're sleeping downstairs",
    # a supply that would not go back on
    "the plumber turned the water off at the stopcock this morning and it won't turn back on, "
    "my wife has home dialysis at 6",
    # the detector your team installed last year is not when it went off
    "the carbon monoxide detector your team installed last year has started going off and shows "
    "200, we've all gone outside",
    # "well" turns to the caller's own news
    "the engineer came yesterday and said he couldn't find anything well I can smell gas right "
    "now, really strong in the kitchen",
    # an appliance that stopped is no end of the water
    "since last night water is coming through the ceiling straight into the socket for the "
    "freezer, it's popped and the freezer has stopped",
    # a door repaired before, smashed now
    "the main door to the block that was repaired in the summer has been smashed tonight and "
    "won't close, there are lads in the stairwell right now",
    # a lift out and a man just home from hospital who cannot be brought up
    "the lift is broken again and my husband is coming home from hospital today after a stroke, "
    "the ambulance crew need to bring him up to the 12th floor and they can't",
    # a doctor who will not send the child home until the mould is sorted
    "my daughter is in hospital with her chest and the doctor says the mould has to be sorted "
    "before she can come home",
]

# Written for these changes but paged by the old rules too: kept as guards.
FOLLOW_UPS_STILL_NOW = [
    "we had a leak in the roof on monday which your man fixed but now there's a big crack across "
    "the bedroom ceiling and it's bowing down, we're scared it'll come through",
    "the engineer turned our water off outside yesterday and never turned it back on, no water "
    "at all and I've got a baby and a toddler",
    "I'm her carer, she's fallen in the bathroom because the grab rail you put in last month "
    "came off the wall, she can't get up and water is coming from the pipe it ripped",
    "the CO alarm is going off again, the proper loud alarm not the chirp, and my son has a bad "
    "headache and feels sick",
    "my 2 year old pushed the bedroom window fully open tonight, we're on the 9th floor and the "
    "restrictor is missing",
    "the health visitor came today and says the black mould in the nursery is far too dangerous "
    "for our premature baby",
    "I told you it was not urgent I said, because I had the gas fire, but the gas fire has been "
    "condemned tonight and I've no heating at all, I'm 84 and it's freezing",
]

# Still not paged: the guards of these changes.
FOLLOW_UPS_NOT_NOW = [
    "There's an old stain on the ceiling from the leak upstairs that was fixed in March, it's bone "
    "dry, can it be painted",
    "the water was off this morning for the new tap but it's back on now, thanks",
    "No smell of gas now, the engineer checked it all",
]


# fresh32's false pages, as concepts: none is a danger now (each paged before its change).
CHASERS_NOT_NOW = [
    # a control turned off by mistake
    "I'm my dad's carer, his new boiler works fine but he keeps turning the heating off by "
    "mistake, can someone show him the controls",
    # the time a response took
    "Your man came for the gas smell on Friday and it was the cooker, it's been fixed so we're "
    "fine, but 6 hours for a gas leak?? I want an explanation",
    # what will happen again is no danger going on
    "The kitchen flooded from the drain last night, it's all dry now and fine, but it will happen "
    "again",
    # a home the writer grew up in
    "Can I have my wiring checked? The house I grew up in had an electrical fire and it makes me "
    "nervous",
]


# fresh31's last round: a burglary "before", an alarm's end-of-life beep said in words, and the
# waiting that goes on about a fire gone by (each paged before its change).
GONE_BY = [
    "We've been burgled before so we'd like a spy hole fitted in the front door please",
    "the carbon monoxide alarm in the hall is doing a little beep every minute and the screen "
    "says e n d, i think it's run out",
    "Still waiting for the loss adjuster to ring me about the kitchen fire in March. Three months "
    "now and the kitchen is still black",
]

# Guards: a burglary now, an alarm sounding with smoke, a danger that is still there.
STILL_THERE = [
    "we've been burgled tonight, the back door is smashed and won't shut",
    "the smoke alarm is going off and there's smoke coming from the kitchen",
    "still waiting for the gas man and the smell of gas is getting stronger",
]


# fresh33 (lookalikes and near misses): not dangers (each paged before its change, but the
# emails, a guard).
LOOKALIKES = [
    "Your letter says I 'flooded' my neighbour's bathroom and will be charged. I didn't, it was "
    "the communal stack",
    "Your letter says our street is at imminent risk of flooding, is that right? We're on a hill",
    "The car park is flooded with vans from the building site every day, is it ours or theirs?",
    "I've been flooded with emails from your portal today, can you stop them",
    "Whenever it rains the bottom of the garden turns to a pond, flooding at the bottom of the "
    "garden only, nowhere near the house",
    "the smoke from the bonfire two doors down blows into our bedroom most weekends",
    "Is there meant to be a heat detector in the kitchen? We've got no heat detector at all",
    "My neighbour's smoke alarm keeps chirping and she's away, is there any way someone can get "
    "in and change the battery",
]

# The model alone may not page a smell of cannabis (anti-social behaviour): asked instead.
CANNABIS = "There's a really strong smell of weed coming from the flat below every evening"

# Guards: a flood, smoke and a home open to anyone now; and a plan asked for a danger now (a
# "plan for" read as hypothetical was tried in session 19 and dropped: it hid these).
REAL = [
    "what's your plan for the water pouring through my ceiling right now?",
    "So what is the plan for the flood in my kitchen, it's getting worse",
    "the flat is flooded, water everywhere and it's coming through the light",
    "smoke is coming from the flat below and the alarm is going off",
    "the back door's been kicked in and anyone could just walk in tonight",
]


def test_the_model_alone_does_not_page_a_smell_of_cannabis() -> None:
    decision = ROUTER.route(Message(CANNABIS, "sms"))
    assert decision.category != "emergency" and decision.ask_safety_question


# fresh33's played-down emergencies (asked before, paged now): a guess gone by, "it was just the
# empty shaft", and a condition ("unless it's secure"); the alarm that went off more paged before
# too (a guard).
PLAYED_DOWN = [
    "there's a smell of gas in the hall since this morning, I thought it was the bins",
    "The CO alarm went off at 2am. We opened the windows and it stopped. It's gone off twice "
    "more this morning and the boiler is still on",
    "the lift doors opened on the 5th floor but the lift wasn't there, it was just the empty "
    "shaft, I've put a bin in front of it",
    "I'm her support worker. Her back door was damaged when the police forced entry this "
    "afternoon and it won't close or lock. She won't stay there tonight unless it's secure",
]


def test_a_blocked_toilet_is_asked_and_the_only_toilet_blocked_pages() -> None:
    """A blocked toilet is an urgent repair (the model alone may not page it: the retrained model
    put this one at 0.8); the only toilet blocked is an emergency, by the rules, however it is
    said ("its the only one")."""
    blocked = ROUTER.route(Message("The toilet is blocked and will not flush", "sms"))
    assert blocked.category != "emergency" and blocked.ask_safety_question
    only = "the toilet's blocked and wont flush, its the only one and there are 4 of us"
    assert RULES.route(Message(only, "sms")).category == "emergency"


# The lists above by what each sentence must do, one test for each (texts by SMS; NOT_NOW,
# whose subject lines are email's, by email).
PAGED = FOLLOW_UPS_NOW + FOLLOW_UPS_STILL_NOW + PLAYED_DOWN
NOT_PAGED = [(text, "email") for text in NOT_NOW] + [
    (text, "sms") for text in FOLLOW_UPS_NOT_NOW + CHASERS_NOT_NOW + GONE_BY + LOOKALIKES]
PAGED_BY_THE_RULES = STILL_THERE + REAL


@pytest.mark.parametrize("text", PAGED)
def test_a_danger_now_is_paged(text: str) -> None:
    assert ROUTER.route(Message(text, "sms")).category == "emergency"


@pytest.mark.parametrize(("text", "channel"), NOT_PAGED)
def test_what_is_over_elsewhere_or_a_lookalike_is_not_paged(text: str, channel: str) -> None:
    assert ROUTER.route(Message(text, channel)).category != "emergency"


@pytest.mark.parametrize("text", PAGED_BY_THE_RULES)
def test_the_rules_alone_page_a_danger_still_there(text: str) -> None:
    assert RULES.route(Message(text, "sms")).category == "emergency"
