"""Concepts from fresh20's first run (session 15). The sentences are written for these tests
(none is a corpus record); each change test was decided wrongly before its change, and the
guards (dangers beside the false alarms) page both before and after."""

from __future__ import annotations

import pytest

from routing import Message, Router

ROUTER = Router()
RULES = Router(use_model=False)

# Later rounds' sentences (fresh21's and fresh22's first runs), tested with fresh20's below.
FRESH21_PAGED = [
    # fresh21's first run: a danger said calmly after "probably nothing" is not negated.
    "it's probably nothing - there's been a faint smell of gas near the meter cupboard",
    # Water onto a light is not set aside by "not urgent".
    "not urgent I don't think, but water keeps dripping out of the kitchen spotlights from "
    "upstairs and they buzz",
    # Steps that have dropped or broken away; a branch hanging by a thread over a path.
    "the front steps of the block have dropped and the bottom one has broken away from the "
    "wall, people are still using them",
    "a huge branch on the tree by the bus stop is hanging by a thread over the path",
]
FRESH21_NOT_PAGED = [
    # The emergency number rung, a smoke sensitivity, a heating "outage" in a subject line.
    "who do I ring at the weekend, your emergency number or the gas emergency line?",
    "I have a smoke-sensitive condition and I was really scared by the way I was spoken to",
    # A letter that threatened forced entry; a season gone by; doors on a worn-out kitchen.
    "I've had a letter threatening forced entry for the electrical check but nobody rang me",
    "we had a small kitchen fire in the summer and I never got the new extractor you promised",
    "my kitchen is falling apart - doors hanging off and the worktop's rotten by the sink",
    # A fitter's dust.
    "the man who fitted the new alarm left dust everywhere and a hole in the ceiling",
]
FRESH22_PAGED = [
    # fresh22's first run: a caller with little English is not negating the gas.
    "sorry not speak good english gas smell very bad my kitchen please come",
    # A brick through a window; a lift that broke down with someone in it.
    "kids threw a rock through our front room window last night, glass everywhere, anyone "
    "could climb in",
    "the lift has broken down with my dad in it, he's 81, between the 3rd and 4th",
]
FRESH22_NOT_PAGED = [
    # An address is not Romanian "ard" (burns).
    "Please send me a new fob. Flat 6, Arden Court",
    # A boiler whooshing as it lights; a CO alarm tested with its button.
    "the boiler makes a loud whooshing noise when it fires up, is that normal?",
    "I tested the smoke alarm using the test button and it went off then stopped, is it ok?",
    # A neighbour's cigarette smoke; the water main in the road.
    "Cigarette smoke through my vents: the man downstairs smokes on his balcony and the smoke "
    "comes into my bedroom",
    "burst water main in the road outside, the water company are digging, is our water safe?",
    # A window that is draughty but still locks; "no water or anything" beside a crack.
    "your man fixed the bedroom window and now it doesn't close flush, there's a gap, it "
    "still locks though",
    "there's a hairline crack over the door frame, no water or anything, can someone check?",
    # Reading about people stuck in lifts.
    "my gran is worried about the lifts after reading about people getting stuck, what "
    "happens if it breaks down?",
]


@pytest.mark.parametrize("text", [*FRESH21_PAGED, *FRESH22_PAGED,
    # Understated electrics: the resident's "not urgent" does not set aside heat or a tingle.
    "no rush but the wall by the consumer unit is warm to the touch and it keeps buzzing",
    "not an emergency but the metal kitchen tap gives me a little shock when I fill the kettle",
    # Live wires left out: the power back on is the danger, not the end of it.
    "the bloke doing the rewire left wires hanging out of the ceiling rose with no cover and "
    "the electric's back on, my toddler is 2",
    # Avoiding the danger is not its end: "I've stopped using the back door".
    "two bricks fell off above the kitchen door this morning and it's creaking, we have "
    "stopped using that door",
    # A danger now, after a date for something else in the same sentence.
    "we had a leak from upstairs last friday and now the light switch in the bathroom is "
    "sparking",
    # The appliance serviced in the past tense, the gas now.
    "strong smell of gas from the boiler your engineer serviced in may, it's really strong",
])
def test_now_paged(text: str) -> None:
    for router in (RULES, ROUTER):
        assert router.route(Message(text)).category == "emergency", text


@pytest.mark.parametrize("text", [*FRESH21_NOT_PAGED, *FRESH22_NOT_PAGED,
    # The last item of a negated list.
    "the cooker hood light has gone, no smell, noise or sparks, it just won't come on",
    # An alarm that was tested and worked, and the date on its label.
    "tested the CO alarm with the button today and it beeped fine, but it says replace by "
    "2027, do you supply a new one?",
    # Cars in the car park, not the home.
    "can we have better lighting in the car park, my car was broken into last night",
    # A gutter outside, a cupboard's door, a draught down the chimney.
    "the gutter is overflowing onto the path again every time it rains",
    "the door on the wardrobe in the back bedroom is hanging off its hinge",
    "there's a horrible cold draught coming down the chimney in the front room, can someone "
    "look?",
    # "Stable Mews" is an address, not a stabbing.
    "what day are the bins collected on Stable Lane?",
    # The news about somewhere else; an insurance claim after the event; a dated subject.
    "after watching the news about homes in York that were flooded, do I need contents "
    "insurance?",
    # An appliance that melted and is unplugged now.
    "the toaster melted the plug socket cover yesterday, it's unplugged, can someone replace "
    "the cover?",
    # A leak or fire told as history in the same sentence as its date, even by its effect.
    "there was a fire in the communal bin area back in august and it's still all sooty, can "
    "it be cleaned?",
    "the water tank in the loft burst back in February and your team were brilliant, but the "
    "ceiling still needs repainting",
])
def test_no_longer_paged(text: str) -> None:
    for router in (RULES, ROUTER):
        assert router.route(Message(text)).category != "emergency", text


@pytest.mark.parametrize("text", [
    "there's smoke and sparks coming out of the socket behind the telly",
    "the CO alarm is going off and my husband has a headache and feels sick",
    "someone has broken into my flat, the back door is smashed and won't lock",
    "water is pouring through the ceiling onto the light fitting",
    "the front door is hanging off its hinges after the police forced it, we can't lock it",
    "the chimney breast is cracking and bricks are coming down into the fireplace",
    "the pipe burst last night and water is still pouring through the ceiling",
    "there was a fire in the bin store last week and it's burning again now",
])
def test_the_dangers_beside_them_still_page(text: str) -> None:
    for router in (RULES, ROUTER):
        assert router.route(Message(text)).category == "emergency", text


@pytest.mark.parametrize("text", [
    # Wanting us to pay for damage, and a payment put on the wrong account.
    "your contractor's van reversed into my garden wall and knocked the top off, I expect "
    "you to pay for it",
    "my rent payment has been put on the wrong account again and now I've got a letter "
    "saying I'm in arrears",
    # New work that failed at once, and "not great quality".
    "the new bathroom tiles you put in last month have cracked already, not great quality",
])
def test_dissatisfaction_the_rules_now_see(text: str) -> None:
    decision = RULES.route(Message(text))
    assert decision.category == "complaint", (text, decision.reasons)


def test_branches_grown_over_a_garden_are_not_paged() -> None:
    # (a guard: branches are now a structure that can fall, over a path or a play area)
    text = "the branches from next door's tree are hanging over my garden, can they cut them?"
    for router in (RULES, ROUTER):
        assert router.route(Message(text)).category != "emergency"


@pytest.mark.parametrize("text", [
    # Smoke through the vents is not water through the ceiling; an attempt on a van is not a
    # break-in at home. (The rules; the model alone may still read either as a danger.)
    "cannabis smoke keeps coming through the vents from the flat below, it's every night",
    "somebody tried to break into my van outside last night, do you have cameras?",
])
def test_the_rules_no_longer_page(text: str) -> None:
    assert RULES.route(Message(text)).category != "emergency"


def test_a_long_complaint_letter_retelling_a_danger_is_not_paged() -> None:
    letter = (
        "Dear Complaints Team, I want to complain about how the leak at my flat was handled. "
        "When the pipe in the flat above burst, water poured through my bathroom ceiling and "
        "the lights went out. Your out of hours plumber came within the hour and turned the "
        "water off, which I was grateful for. After that nobody contacted me for six weeks. "
        "The ceiling was patched but never painted, the lights were never checked by an "
        "electrician, and my calls were not returned. I would like an apology and a date.")
    decision = ROUTER.route(Message(letter, "email"))
    assert decision.category == "complaint", decision.reasons


@pytest.mark.parametrize("text", [
    # A short complaint told in the past tense may be about a danger still there: paged.
    "I wish to make a complaint. Your contractor left the gas pipe disconnected and I could "
    "smell gas all evening.",
    "Complaint: the plasterer knocked a hole in the ceiling and water poured through onto the "
    "lights",
    # A long complaint whose danger is now, or just now, is paged.
    "Dear Complaints Team, I want to complain about your repairs service. I reported a leak "
    "three times in October and nobody came. I have waited weeks and I have been polite. "
    "Last night the ceiling came down and water is pouring through the light fitting now. "
    "Please send someone, I have two small children.",
    "Dear Sir or Madam, I want to make a formal complaint about your electrical contractor, "
    "who has been working on our block for a month and has left a mess everywhere. "
    "Yesterday he cut through a cable in my hallway and left the wires bare and live when he "
    "went home. My son is three. Nobody answers the phone at your office.",
])
def test_complaints_whose_danger_may_be_now_still_page(text: str) -> None:
    assert ROUTER.route(Message(text, "email")).category == "emergency", text


def test_a_danger_written_below_a_short_quote_is_new() -> None:
    text = ("Subject: Re: Bathroom extractor\n\nHi Priya,\n\n> Your repair has been booked "
            "for the 14th.\n\nThanks, but the ceiling in the back bedroom has started sagging "
            "badly overnight and there are cracks spreading across it. Could someone come "
            "today?\n\nMany thanks, Tom Reid")
    decision = ROUTER.route(Message(text, "email"))
    assert decision.category == "emergency", decision.reasons


def test_a_danger_only_in_the_quote_is_still_not_paged() -> None:
    # (a guard: the new part above says nothing of it)
    text = ("Thanks, Thursday is fine for the decorator.\n\n> On 3 May, Repairs wrote:\n> The "
            "burst pipe that flooded your kitchen has been repaired and the area made safe.\n\n"
            "Kind regards, Ann Lee")
    decision = ROUTER.route(Message(text, "email", "Re: Kitchen flood"))
    assert decision.category != "emergency", decision.reasons


def test_a_long_thank_you_retelling_a_fire_is_not_paged() -> None:
    letter = (
        "Dear all, I just wanted to say thank you. When the fire started in our hallway from an "
        "old extension lead, the smoke was so thick we could not see the door, and my daughter "
        "and I climbed out of the kitchen window. The fire brigade were there in minutes. Your "
        "team found us a hotel that night, and the contractors who rebuilt the hall were polite "
        "and tidy. Please pass on my thanks to Jo in the lettings team.")
    assert ROUTER.route(Message(letter, "email")).category != "emergency"


def test_a_thank_you_with_a_danger_now_still_pages() -> None:
    letter = (
        "Dear all, I just wanted to say thank you for the new boiler, the fitters were polite "
        "and tidy and everything was done in a day. The old one had been playing up all "
        "winter. But since this morning there is a strong smell of gas in the kitchen when the "
        "boiler fires up, and the CO alarm beeped twice. Could someone come back today please?")
    assert ROUTER.route(Message(letter, "email")).category == "emergency"


def test_a_voicemail_complaint_retelling_last_winters_flood_is_not_paged() -> None:
    # "i'm ringing to complain" is the caller's tense, not the flood's
    text = ("hello i'm ringing to complain really the flood we had in the block last winter when "
            "the tank in the loft burst we all had to move out for nine days and they said they'd "
            "replace the carpets and do the decorating and it's been ten months and i'm still "
            "looking at bare boards and nobody rings me back")
    assert ROUTER.route(Message(text, "voice")).category == "complaint"


def test_a_long_complaint_about_live_wires_left_unmended_still_pages() -> None:
    # Live wires stay until mended: told in the past in a complaint, they page unless the
    # letter says somewhere that they were made safe.
    letter = (
        "Dear Complaints Team, I want to complain about the electrician you sent to rewire my "
        "kitchen. He turned up late on both days, played loud music and left his rubbish in my "
        "garden. When he left on Friday afternoon there were two live cables hanging out of the "
        "wall where the cooker switch was meant to go, with tape round the ends. Nobody has "
        "answered my emails and I have a two year old.")
    assert ROUTER.route(Message(letter, "email")).category == "emergency"


def test_a_danger_set_aside_as_a_letters_story_is_asked_about() -> None:
    # Not paged, but the resident gets the safety question, as for a danger only in a quote.
    letter = (
        "Dear Complaints Team, I want to complain about how the flood in our block was "
        "handled. When the tank in the loft burst, water poured through three ceilings and we "
        "spent two weeks with my sister. Your surveyor came once, took photos and said the "
        "decorating would be booked. Nobody returned my calls after that and the walls are "
        "still stained and bare. I would like a date and an apology.")
    decision = ROUTER.route(Message(letter, "email"))
    assert decision.category == "complaint", decision.reasons
    assert decision.ask_safety_question
    assert any(r.cue.startswith("ignored:story:") for r in decision.reasons)
