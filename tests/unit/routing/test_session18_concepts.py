"""Concepts from session 18 (fresh29: complaint letters and reports from staff, carers, police
and contractors). The sentences are written for these tests (none is a corpus record); each
change test was decided wrongly before its change, and the guards (the other side of each
change) are decided the same before and after."""

from __future__ import annotations

import pytest

from routing import Message, Router

ROUTER = Router()
RULES = Router(use_model=False)

# Dangers now, told by someone on the scene: each must page, by the rules alone too.
NOW = [
    # people taken out of the way, the danger left behind
    "Strong smell of gas in my dad's flat, I've got him out onto the balcony and opened the "
    "windows, please send someone",
    # "call me back on ..." and "we need it back on" are no supply restored
    "Someone kicked the back door in tonight, it won't shut now, please call me back on "
    "07700 900123",
    "my nan has no water coming out of any tap, she's 88 and can't manage, we need it back on "
    "today",
    # a home without any electricity, a newborn in it
    "The electrician says the board is unsafe and has switched it all off, so we're without "
    "any electricity and my baby is three weeks old",
    # a snapped key with someone inside
    "he snapped his key in the front door lock and he can't get out, he is 79",
    # a socket going brown
    "The double socket in the back bedroom has turned brown around the plug",
    # a supply wanted back is not back
    "There's no heating and my mum is 92, she will need the heating back on tonight",
]

# Water stopped at the stopcock is no end of the danger it left (session 18 tried reading it as
# one, and dropped it): still paged.
STOPCOCK = [
    "water coming through the ceiling onto the light fitting, I turned off the water at the "
    "stopcock",
    "water pouring through the bathroom ceiling, we found the stopcock and turned it off, "
    "please come",
    "my mum's flat is flooding from a burst pipe, her neighbour turned off the water, she is 88",
]


# A home to be made secure is not secure: still paged.
TO_BE_SECURED = [
    "the back door was kicked in tonight, please come and make the flat secure",
    "someone broke in and smashed the back door, I need the house secured tonight",
]


@pytest.mark.parametrize("text", TO_BE_SECURED)
def test_a_home_to_be_made_secure_still_pages(text: str) -> None:
    assert RULES.route(Message(text, "sms")).category == "emergency"


@pytest.mark.parametrize("text", STOPCOCK)
def test_water_turned_off_at_the_stopcock_still_pages(text: str) -> None:
    assert ROUTER.route(Message(text, "sms")).category == "emergency"

# Not a danger now (the other side of each change): none may page.
NOT_NOW = [
    # a car's window
    "Your grass cutters threw a stone at my car window on Friday and smashed it",
    # the smoke and CO alarms
    "Please confirm the electrical check is done and that the smoke and CO alarms work before "
    "we move in",
    # a branch hanging over a garden
    "The branch from the tree next door is hanging over into our garden, not dangerous, it just "
    "blocks the sun from the veg patch",
    # burnt toast
    "My dad burnt some toast and the smoke alarm went off, no fire, how do we stop it going off "
    "so easily?",
    # a flood at a home lived in before
    "My client lost his furniture in a flood at his last flat, does your insurance cover new "
    "tenants?",
    # "rather than anything immediately dangerous"
    "The surveyor said the cracks in the render are cosmetic rather than anything immediately "
    "dangerous, so when can they be filled?",
    # former tenants "can still complain": the subject's flood is the complaint's story
    "Subject: Complaint - damage from flood\n\nI moved out in May. My flat flooded last winter "
    "from the tank upstairs and my sofa was ruined. I understand ex-tenants can still complain. "
    "Please deal with my claim.",
    # an escalation to stage 2 in the subject line
    "Subject: Escalation to stage 2 - gas leak response\n\nI am unhappy with how long your "
    "engineer took in January and want my stage 1 response reviewed.",
]


@pytest.mark.parametrize("text", NOW)
def test_a_danger_now_is_paged(text: str) -> None:
    assert ROUTER.route(Message(text, "sms")).category == "emergency"
    assert RULES.route(Message(text, "sms")).category == "emergency"


@pytest.mark.parametrize("text", NOT_NOW)
def test_a_danger_not_now_is_not_paged(text: str) -> None:
    assert RULES.route(Message(text, "email")).category != "emergency"
    assert ROUTER.route(Message(text, "email")).category != "emergency"


def test_a_lift_outage_is_not_a_lift_out() -> None:
    text = "Subject: Complaint about the lift outage last spring\n\nNobody kept us informed."
    reasons = RULES.route(Message(text, "email")).reasons
    assert not any("lift out" in reason.words for reason in reasons)


# Guard: a lost supply that "without" now finds, which the message says is back.
SUPPLY_BACK = (
    "Subject: Testing day - left without power\n\nYour electricians came on Monday for the "
    "electrical check and switched everything off at 9. I was told it would be an hour and it "
    "took all day. My freezer defrosted and I lost about 60 pounds of food. The power's back "
    "and all fine now. I would like to claim for the food.")


def test_a_supply_said_to_be_back_anywhere_is_not_lost() -> None:
    assert ROUTER.route(Message(SUPPLY_BACK, "email")).category != "emergency"


# Guards: still paged.
STILL_NOW = [
    # the supply back, then gone again; a wish to have it back
    "no power and mum is on oxygen, the power came back for an hour then went off again",
    # a person safe, the danger not: "we're all out" stays for a fire, a rescue too
    "the kitchen is on fire, I've got the kids out into the garden",
    # a browned socket with a time now
    "the light switch in the hall is scorched and smells of burning",
]


@pytest.mark.parametrize("text", STILL_NOW)
def test_guards_still_page(text: str) -> None:
    assert ROUTER.route(Message(text, "sms")).category == "emergency"


# A resident's own words in another language inside a message read as English (a support
# worker's or a relative's email): the other language's hazard phrases are read in the runs of
# words that are not English, two words or more.
QUOTED_IN_ANOTHER_LANGUAGE = [
    "Forwarding a text from my client who has no English, his words: 'czuje gaz w kuchni, "
    "bardzo mocno'. Can someone go round?",
    "My mum just texted me 'se sale el agua por el techo encima de la luz', she is on her own, "
    "can you help",
]


@pytest.mark.parametrize("text", QUOTED_IN_ANOTHER_LANGUAGE)
def test_a_hazard_phrase_of_another_language_in_an_english_message_pages(text: str) -> None:
    decision = ROUTER.route(Message(text, "email"))
    assert decision.language == "en"
    assert decision.category == "emergency"


def test_one_word_of_another_language_is_not_a_phrase() -> None:
    # a surname that is another language's hazard word: asked about, not paged
    decision = ROUTER.route(Message(
        "My neighbour Mrs Fuego says her kitchen tap drips, can someone book it in", "email"))
    assert decision.category != "emergency"
    assert decision.ask_safety_question


def test_the_webhook_preview_does_not_read_runs_of_other_words() -> None:
    # the preview (rules alone, no model) keeps its cost: no English word list, no runs read
    text = QUOTED_IN_ANOTHER_LANGUAGE[0]
    assert ROUTER.route(Message(text, "email"), preview=True).category != "emergency"


# fresh30 (the night shift and the phone): real misses, each paged now.
NIGHT_NOW = [
    # a broken lift with no way down for someone who cannot do stairs
    "the lifts broken again and my wife is in a wheelchair, we're on the ninth floor and there's "
    "no way down for her, she has hospital at seven",
    "lift not working, I'm on the 12th floor with my newborn and a c section wound and I can't do "
    "the stairs",
    # a doctor saying the mould makes it worse
    "my son was in A and E last night with his chest and the doctor said the mould in his room is "
    "making it worse, he comes home today",
    # a warning sign at a gas appliance with a smell of fumes
    "the boiler cupboard has soot coming out of the top and its popping, the whole flat smells "
    "like fumes",
]

# fresh30: night calls that are not emergencies (the rules alone used to page each).
NIGHT_NOT_NOW = [
    "the carbon monoxide alarm in the bedroom is beeping and the little screen says low batt",
    "still no lights in the stairwell after two weeks",
    "the gas engineer made the cooker safe tonight but he was smoking in my kitchen the whole "
    "time, I want to complain",
    "the bins are overflowing onto the path again",
    "I've rung 4 times to book the gas check and nobody rings back, don't threaten me",
    "the alarm went off when I burnt the toast, it's stopped now but the light flashes red every "
    "few seconds",
]
# and not for the model alone to page (asked instead)
NIGHT_ASKED = [
    "there's a car alarm going off in the car park for the last hour",
    "slugs keep getting into the kitchen under the back door at night",
]


@pytest.mark.parametrize("text", NIGHT_NOW)
def test_night_dangers_are_paged(text: str) -> None:
    assert RULES.route(Message(text, "voice")).category == "emergency"
    assert ROUTER.route(Message(text, "voice")).category == "emergency"


@pytest.mark.parametrize("text", NIGHT_NOT_NOW)
def test_night_calls_that_can_wait_are_not_paged(text: str) -> None:
    assert RULES.route(Message(text, "sms")).category != "emergency"
    assert ROUTER.route(Message(text, "sms")).category != "emergency"


@pytest.mark.parametrize("text", NIGHT_ASKED)
def test_the_model_alone_does_not_page_a_car_alarm_or_slugs(text: str) -> None:
    assert ROUTER.route(Message(text, "sms")).category != "emergency"


# fresh29 (contractors' job notes): the danger the job dealt with is over.
JOB_NOTES = [
    # the subject line of a job done
    "Subject: Gas escape attended\n\nFound a weeping joint on the hob. Isolated hob, rest of the "
    "installation tested and left on.",
    # an electrician's "no heat or discolouration" is no loss of heating
    "Visited the 91 year old tenant in the freezing weather. Checked the sockets and the consumer "
    "unit, no heat or discolouration anywhere, all normal.",
    # a smell traced to a bonfire, no fault found
    "Smell of burning reported. Traced to a bonfire in the next garden, smoke was blowing in "
    "through the back window. No fault found.",
]


@pytest.mark.parametrize("text", JOB_NOTES)
def test_a_job_note_of_a_danger_dealt_with_does_not_page(text: str) -> None:
    assert RULES.route(Message(text, "email")).category != "emergency"


@pytest.mark.parametrize("text", [
    "Subject: Boiler repaired last week but now it smells of gas\n\nPlease send someone.",
    "Subject: Leak not fixed - water through the light\n\nIt is coming through the light in the "
    "hall again tonight.",
])
def test_a_subject_line_that_goes_on_or_denies_it_is_not_a_job_done(text: str) -> None:
    assert RULES.route(Message(text, "email")).category == "emergency"


# fresh31's first run (end of session 18): two emergencies neither paged nor asked.
NOT_OVER = [
    # what they keep saying is no end: "every time you say it's fixed"
    "my mum is stuck in the lift between floors right now, she's 80, this is the fourth time "
    "this month and you say it's fixed",
    # a question is no all-clear: "it's stopped now?"
    "the carbon monoxide alarm went off and the screen showed a number, it's stopped now? is "
    "that ok",
]


@pytest.mark.parametrize("text", NOT_OVER)
def test_what_they_say_or_a_question_is_no_end_of_the_danger(text: str) -> None:
    assert RULES.route(Message(text, "sms")).category == "emergency"
