"""Concepts from session 24 (false pages left on the tuned corpora: a structure named as
collapsed is not a person who collapsed; an inside door's lock named after the lock; a thing
left leaning against a wall; a photo's frame knocked off the sill; someone who fell, home from
hospital since; cracks historic and not moving; a door not opened to an unannounced visit; a
burglary risk; an alarm going off falsely; a follow-up after an event; outside lights out; a
boiler working since; the mark a leak left; a hazard's report named as a thing; a fortnight
ago; the emergency response that came for it; a loss of heat said to go on since yesterday,
in Chinese; Finnish with one English-looking little word; a stairwell with no lights; a fall
or a flood with a day gone by; someone else's forecast of power cuts; a break-in "made it
secure" or "the temporary fix is holding"; a CO alarm guessed a false alarm; and water caught
in a bucket or tray as it comes, asked). The sentences are
written for these tests (none is a corpus record); each change test was decided wrongly before
its change, and the guards (the other side of each change) are decided the same before and
after."""

from __future__ import annotations

import pytest

from tests.unit.routing.concepts import route as _route

# Not paged (each was paged before)
NOT_PAGED = [
    # a structure named as collapsed, not a person
    "When your contractor took down the collapsed ceiling in my back bedroom they bagged it all "
    "up and left the bags in my shed. Nobody has collected them.",
    # an inside door's lock, named after the lock
    "The lock on the toilet door is broken, it won't lock from the inside. Front door is fine.",
    "The lock on the bathroom door has snapped and it won't lock. Can a new one be fitted?",
    # a thing left leaning against a wall
    "The new door is the wrong colour and the fitter left the old door leaning against her side "
    "wall. We'd like these put right.",
    # a photo's frame knocked off the sill
    "So upset. The engineer who came for the radiator knocked my mum's photo off the windowsill "
    "and smashed the frame, and said nothing.",
    # someone who fell, home from hospital since
    "Dad fell in the bathroom and waited four hours for anyone to come. He's home from "
    "hospital now. I want to complain about the grab rail you never fitted.",
    # cracks "historic and not moving" are not a person not moving
    "The surveyor told us the cracks in the back wall are historic and not moving, but we never "
    "got his written report. Please send it.",
    # a door not opened to a visit that came unannounced
    "My dad is partially sighted and needs a call before visits. Your electrician turned up "
    "unannounced and he wouldn't open the door, so it was marked no access. Please rebook and "
    "call first.",
    # a burglary risk is not a burglary
    "The scaffold has been up since June and it's a burglary risk for the bedroom windows. "
    "Please take it down, the roof was finished months ago.",
    # an alarm going off falsely, from a faulty detector
    "The communal fire alarm has gone off falsely six times this month. It's a faulty detector "
    "on the 2nd floor, no fire. When will it be replaced?",
    # a follow-up after an event, named in a subject line without "the"
    "Subject: Follow-up after sewer blockage\n\nHi, the contractor cleared it on Monday and the "
    "toilet's fine. They said the manhole cover is cracked and I should mention it too. It's in "
    "place, just cracked.",
    # outside lights out are not the home's power
    "the street lights outside our block have been out since saturday, not urgent but its very "
    "dark",
    # a loss of heat told in the past, the boiler working since
    "Your stage one response says the delay with my boiler was within target. It was not. I was "
    "without heating for 16 days with a two-month-old baby. The boiler has worked since the "
    "replacement. I want the compensation reconsidered.",
    # the mark a leak left, with the leak mended
    "the plumber sorted the tank leak last night and it's all dry now. he said the bathroom "
    "ceiling might need a bit of filler where it got wet, can that be booked in",
    # a hazard's report named as a thing, handled months ago
    "Complaint. I was promised a call from a manager about the way my gas leak report was "
    "handled in October. It never came.",
    # a fortnight ago
    "Our flood was a fortnight ago and the river's gone down, but you still haven't sent anyone "
    "to strip the carpets. Not impressed.",
    # the emergency response that came for it, told in its sentence
    "Your emergency electrician came out to a socket that was sparking and replaced it. He said "
    "the kitchen needs rewiring and he'd put a note on. There's no job on the system and nobody "
    "rings back.",
    "the emergency plumber was quick when water got in the light fitting, fair play. but he said "
    "someone would replace the fitting this week and that was a month ago",
    # a stairwell with no lights, and a fall told with a day gone by
    "shoutout to the council for leaving our stairwell with no lights for 3 weeks. my nan fell "
    "on the stairs last week. sort it",
    # someone else's forecast of power cuts
    "hi i'm on home oxygen and they're saying there might be power cuts with the storm at the "
    "weekend, what should i do, is there a list",
    # a flood told with a day gone by, gone down since
    "hello I'm ringing about the flood on Friday, in the road outside, it came up the path into "
    "the shed but never got in the house. it's all gone down now but the shed door's swollen",
    # a break-in, then said made secure in words of its own
    "Our back door was kicked in on Saturday night. The joiner made it secure with a temporary "
    "bolt. I want to complain about how long he took.",
    "Our front door was forced last night. The temporary fix is holding. When will the new door "
    "come?",
]

# Not paged but asked (each was paged before): water caught in a bucket or tray as it comes,
# nothing near the electrics
CAUGHT = [
    "Water is coming into the loft into a bucket when it rains. Your surveyor says the roof "
    "repair is on the planned list for next year. I want that looked at again.",
    "proper fed up, the water thats been coming through the back bedroom ceiling goes in a bucket "
    "but ive rung that many times i've lost count and nothing happens",
]

# Paged (each was only asked, or neither, before): a loss of heat said to go on since yesterday
# (Chinese), after a stay in hospital last week; Finnish that uses "on" twice
PAGED = [
    "我妈妈82岁，上周刚出院，家里暖气从昨天起就坏了，屋里越来越冷。",
    # Finnish without its dots, "on" ("is") twice: not read as English (water on a socket)
    "Lattialla on vetta ja vesi on pistorasiassa",
    # a CO alarm going off now, guessed a false alarm: a guess is no all-clear
    "the carbon monoxide alarm is going off, probably a false alarm, the boiler is on",
]

# Paged, before and after (guards)
PAGED_BEFORE_AND_AFTER = [
    "my mum has collapsed in the kitchen and wont wake up",
    "the ceiling has collapsed in the kitchen, plaster everywhere",
    "the lock on the front door is broken it wont lock",
    "the lock on the back door has snapped, we can't lock it tonight",
    "the garden wall is leaning and could fall onto the path",
    "someone smashed the window in my bedroom, glass everywhere",
    "the ceiling is sagging, i've propped it up with a broom",
    "my dad fell in the bathroom, hes on the floor and cant get up",
    "my nan's not answering the door or her phone since yesterday and her curtains are still shut",
    "we've been burgled, the back door is smashed in and wont lock",
    "the fire alarm is going off and there's smoke in the hallway",
    "The old man in flat 3 is lying on the floor, not moving",
    "all the lights have gone out in the flat and the fuse box keeps tripping",
    "no heating since yesterday, mum is 90 and it's freezing. the boiler has worked since the "
    "engineer came last month but now it's dead",
    "water is dripping from the ceiling onto the light where it got wet last time",
    "The emergency electrician came last night but the socket is sparking again now",
    "your emergency team came out yesterday and the water is still coming through the light",
    "I reported a gas leak an hour ago and nobody has come, I can still smell it",
    "my mum fell on saturday and she's still on the floor, she can't get up",
    "dad fell last week and now he's collapsed again in the kitchen",
    "no lights at all in the flat, the whole place is dark",
    "there might be a gas leak, i can smell something funny by the cooker",
    "My kitchen flooded on Saturday and water is still coming in under the back door",
    "the flat flooded on sunday and now the sockets in the hall are wet",
    "my flat flooded on saturday, the bathroom floor is covered in water",
    "we flooded last night, carpets soaked, water everywhere downstairs",
    # sewage is not an event over with its day: what it leaves inside stays a danger
    "sewage came up through the toilet on saturday, the bathroom floor is covered in it",
    # water caught in buckets, but pouring, near the light, or getting worse
    "water pouring through the ceiling into buckets, we can't keep up",
    "water coming through the ceiling into a bucket right by the light fitting",
    "water dripping through the ceiling into a bowl and it's getting worse by the hour",
    # (review) an outside window's pane named after the room is not an inside door's lock; a
    # shower tray is no bucket; a CO alarm guessed faulty now is still a CO alarm
    "the pane in the bathroom is shattered after the storm",
    "water is coming up in the shower tray from the ceiling, dripping fast",
    "the carbon monoxide alarm is going off, maybe a faulty detector, the boiler is on",
]

# Not paged, before and after (guards): a false alarm found, not guessed
NOT_PAGED_BEFORE_AND_AFTER = [
    "the CO alarm went off last night, the engineer came and said it was a false alarm, all fine",
    "the fire alarm went off this morning but it was just a false alarm from the toast",
]


@pytest.mark.parametrize("text", NOT_PAGED)
def test_past_or_harmless_mentions_are_not_paged(text: str) -> None:
    assert _route(text).category != "emergency"


@pytest.mark.parametrize("text", PAGED_BEFORE_AND_AFTER)
def test_the_guards_are_paged(text: str) -> None:
    assert _route(text).category == "emergency"


@pytest.mark.parametrize("text", PAGED)
def test_a_loss_said_to_go_on_is_paged(text: str) -> None:
    assert _route(text).category == "emergency"


@pytest.mark.parametrize("text", CAUGHT)
def test_water_caught_as_it_comes_is_asked_not_paged(text: str) -> None:
    decision = _route(text)
    assert decision.category != "emergency"
    assert decision.ask_safety_question


@pytest.mark.parametrize("text", NOT_PAGED_BEFORE_AND_AFTER)
def test_the_guards_are_not_paged(text: str) -> None:
    assert _route(text).category != "emergency"
