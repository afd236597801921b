"""Concepts added in session 10 (issue 15): misses the earlier corpora showed, fixed as ideas.

Each case is written for this test (none is a corpus text): someone shut in by a key or lock
that failed, the only toilet blocked when "only" is said in the next sentence, carbon
monoxide's warning signs at an appliance with symptoms in people or pets, and a medical need
for a toilet as a vulnerability. The second list guards against over-reach.
"""

from __future__ import annotations

import pytest

from routing import Message, Router
from routing.types import Decision

RULES = Router(use_model=False)


def _decision(text: str) -> Decision:
    return RULES.route(Message(text, "sms"))


@pytest.mark.parametrize("text", [
    "the key has snapped in the front door lock and my dad is stuck inside, he can't get out",
    "My mum can't get out of the flat, the lock is jammed and she is 84",
    "The toilet is blocked again. It is our only toilet and we have two kids",
    "the boiler keeps popping when it comes on. we've all had headaches and the cat is lethargic",
    "the boiler flame is yellow and there are black marks on the wall above it, I feel dizzy",
    "our budgie is poorly and the dog is drowsy. The gas fire has soot all round it",
    "my head feels swimmy and the dog keeps being sick, I think it's the gas fire",
    "the CO detector on the landing by the boiler cupboard has started a loud beep, battery "
    "was only changed last month",
    "the sockets sparked when the leak dripped on them, same leak nobody fixed since June",
    "his stairlift has just stopped, it won't go up or down and he's stuck on it",
    "the old fella next door has had no heating for a week and is sleeping in his coat",
    "there's a smell of scorching from the storage heater and the curtain has gone brown",
    "the lift in our block has been out of action since Monday, she is in a wheelchair and "
    "the paramedics could not carry her down for dialysis",
    "the kitchen ceiling has dropped about an inch since this morning and the door frame is "
    "bending",
    "someone has pulled the back door off its hinges, the house is wide open",
])
def test_the_danger_is_an_emergency(text: str) -> None:
    assert _decision(text).category == "emergency"


@pytest.mark.parametrize("text", [
    "the spare key snapped in the back door lock, we can still use the front door, no rush",
    "I can't get out to the shops because of my hip, can the key safe be moved",
    "toilet blocked, it is not the only one, we have an ensuite so no rush",
    "boiler is banging again, third time this month, fed up. I have a headache from the calls",
    "my dog died last month, and the boiler is banging, can someone look at it",
    "Hi, the heater has soot on it. Booking a service please.",
    "the 'keep shut' sign on the fire door has fallen off onto the floor",
    "I can't get through to a person on your phone line, it is press 1 press 2 all day",
    "thanks for finally fixing the leak, but who pays for the stained ceiling?",
    "my neighbour's stairlift will be repaired next week, she is fine upstairs until then",
    "Last Thursday mum's CO alarm went off. The engineer capped the boiler, she is safe and "
    "warm now. My complaint is about the call handler.",
    "I smell burning when the heating first comes on, is that just dust on the radiators?",
    "we need the scorched worktop replacing, the small pan fire in March is long out",
])
def test_the_same_words_without_the_danger_are_not(text: str) -> None:
    assert _decision(text).category != "emergency"


def test_a_stoma_is_a_vulnerability() -> None:
    decision = _decision("My husband has a stoma and the bathroom sink tap is dripping")
    assert "disability" in decision.vulnerabilities
    assert decision.category != "emergency"


@pytest.mark.parametrize("text", [
    "Semnul de pe usa de incendiu de pe hol a cazut, doar va anunt.",  # a fire door's sign
    "El cartel de la salida de incendios del portal se ha caído.",
    "کچن کی الماری کا دروازہ ٹوٹ گیا ہے، جب وقت ملے ٹھیک کر دیں",  # a kitchen cupboard's door
    "Acum o lună am avut un mic incendiu în bucătărie, acum totul e în regulă.",  # past, resolved
    "agar kabhi gas ki boo aaye to kis number pe call karun?",  # hypothetical
    "Минулого тижня газовик усунув витік газу, зараз усе добре.",
])
def test_harmless_past_resolved_or_hypothetical_mentions_in_other_languages(text: str) -> None:
    assert _decision(text).category != "emergency"


@pytest.mark.parametrize("text", [
    "Alo, më ka plasur tubi i ujit në kuzhinë dhe uji po del kudo.",  # Albanian: burst pipe
    "Trong phòng khách có mùi gas rất nặng, xin cử người đến.",  # Vietnamese: gas smell
    "Ngrohja nuk punon dhe gjyshja ime është 90 vjeç, jashtë ka ngricë.",
    "نانی اماں بیمار ہیں، تین دن سے heating بند ہے اور باہر برف ہے",
    # a Gujarati word's vowel signs are not separate words in a phrase's "~" gap
    "ઉપરથી પાણી ટપકે છે અને સીધું અમારા ફ્યુઝ બોક્સ પર પડે છે",
])
def test_core_hazards_in_albanian_vietnamese_and_code_switched_text(text: str) -> None:
    assert _decision(text).category == "emergency"


ROUTER = Router()


@pytest.mark.parametrize(("text", "subject"), [
    # bottom-posted: the quoted block first, the resident's new words in the last paragraph
    ("-----Original Message-----\nFrom: Tenant\nSent: 3 Nov\nSubject: smell of gas\n\nthere is a "
     "smell of gas in the kitchen\n\nHi, this was fixed last week, can I have the engineer's "
     "report for my insurer please?", "RE: smell of gas"),
    # a "Subject:" header line above the marker belongs to the quote
    ("Subject: RE: fire in the bin store\n-----Original Message-----\nthe bin store was on fire "
     "last night\n\nHello, just asking when the bin store door will be replaced", None),
    # an Outlook header with Date: rather than Sent:
    ("Hi, can I book the follow-up plastering please?\n\nFrom: Tenant\nTo: Repairs\nDate: 3 Nov"
     "\nSubject: Water pouring through the ceiling onto the lights\n\nwater is pouring onto the "
     "lights", "RE: Water through the ceiling"),
])
def test_a_hazard_only_in_a_quoted_block_is_asked_about_not_paged(
    text: str, subject: str | None
) -> None:
    decision = ROUTER.route(Message(text, "email", subject))
    assert decision.category != "emergency"
    assert decision.ask_safety_question


@pytest.mark.parametrize("text", [
    # below the quote the resident says it goes on, or only signs off: the report counts
    "-----Original Message-----\nFrom: me\nSent: 3 Nov\nSubject: gas smell\n\nThere is a strong "
    "smell of gas in my kitchen\n\nIt is still there and getting worse, please send someone",
    "-----Original Message-----\nFrom: me\nSent: 3 Nov\nSubject: gas smell\n\nThere is a strong "
    "smell of gas in my kitchen\n\nKind regards\nJohn",
])
def test_a_quoted_report_that_goes_on_is_still_an_emergency(text: str) -> None:
    assert ROUTER.route(Message(text, "email", "RE: gas smell")).category == "emergency"
