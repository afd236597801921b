"""Concepts from fresh12's first run (session 11), and the safety question for a hazard named
in another language. Each was missed (or wrongly paged) before the change that names it."""

from __future__ import annotations

import pytest

from routing import Message, Router
from routing.router import POSSIBLE_CUE

ROUTER = Router()
RULES = Router(use_model=False)


@pytest.mark.parametrize("text", [
    # A boiler capped or made safe is why the heating is off, not the end of it.
    "the gas engineer's capped the boiler today said it's unsafe so now we've got no heating "
    "and my wife is seventy nine with COPD and it's minus one tonight",
    # A gas engineer's Immediately Dangerous label on an appliance still connected.
    "the man who did the gas check left a note, the fire is still connected because he could "
    "not cap it. > Gas fire in lounge: Immediately Dangerous (ID). Do not use.",
    # "probably just dust" is a guess, not an all-clear, and the smoke grew.
    "there's a little bit of smoke coming out from behind the storage heater\nprobably just "
    "dust burning off?? first time on this year\nits quite a lot now actually and smells like "
    "wires",
])
def test_these_are_emergencies_by_the_rules_alone(text: str) -> None:
    assert RULES.route(Message(text)).category == "emergency"


@pytest.mark.parametrize("text", [
    "I'm flooded with post for the last tenant at flat 6, can you tell me what to do with it",
    "There's a flood alert for the river this weekend. Nothing's happened yet. Do you provide "
    "sandbags or is that the council?",
    "I got stuck in the lift yesterday for about 40 mins, fire brigade got me out, I'm fine. "
    "Can you get the lift people to check it over?",
    "you came out saturday night when the ceiling came down and made it safe and everything's "
    "fine now cheers but the plasterer needs to come back to do it properly",
])
def test_these_are_not_emergencies(text: str) -> None:
    assert ROUTER.route(Message(text)).category != "emergency"


@pytest.mark.parametrize("text", [
    # capping a gas leak does end it (only a loss of heating or hot water is caused by it)
    "we smelt gas last night, the engineer came and capped it, all safe now, thanks",
    # "just dust", said as what it was, is still an all-clear
    "the smoke from the heater was just dust burning off, it stopped after ten minutes",
])
def test_a_made_safe_hazard_and_a_plain_all_clear_still_end_it(text: str) -> None:
    assert RULES.route(Message(text)).category != "emergency"


def test_the_problem_coming_back_is_still_unresolved() -> None:
    text = "the smoke from the socket had stopped but it has come back, smells like burning"
    assert RULES.route(Message(text)).category == "emergency"


@pytest.mark.parametrize(("text", "category"), [
    ("i feel trapped in this flat, i want a transfer", "service_request"),
    ("I would like to apply for a mutual exchange please", "service_request"),
    ("I want a transfer, I have asked five times and nobody has replied, disgusting service",
     "complaint"),
])
def test_a_first_request_for_a_transfer_is_a_service_request_a_grievance_still_a_complaint(
    text: str, category: str
) -> None:
    assert ROUTER.route(Message(text)).category == category


@pytest.mark.parametrize(("text", "word"), [
    ("w kuchni jest dym, co robic", "dym"),  # pl: smoke in the kitchen, what do I do
    ("hay mucho humo en el pasillo", "humo"),  # es: lots of smoke in the corridor
    ("厨房有点漏水", "漏水"),  # zh: the kitchen is leaking a little
    ("bijli ka tar latak raha hai kamre mein", "bijli"),  # Roman Urdu: a wire hanging
])
def test_a_hazard_named_in_another_language_gets_the_safety_question(
    text: str, word: str
) -> None:
    decision = ROUTER.route(Message(text))
    assert decision.category == "emergency" or decision.ask_safety_question
    if decision.category != "emergency":
        assert any(r.cue == POSSIBLE_CUE and r.words == word for r in decision.reasons)


@pytest.mark.parametrize("text", [
    "quiero pagar el alquiler de este mes",  # es: I want to pay this month's rent
    "Bonjour, quand est-ce que vous passez pour la fenêtre ?",  # fr: when do you come?
])
def test_routine_text_in_another_language_is_not_asked(text: str) -> None:
    decision = ROUTER.route(Message(text))
    assert decision.category != "emergency" and not decision.ask_safety_question


def test_a_routine_request_about_a_key_is_never_paged() -> None:
    # pl: a new postbox key please. "klucz" is in the letters of the lock emergencies, so the
    # other-language model reads it at about 0.91: above its question line (0.9, at most 2% of
    # non-emergencies asked out of fold), far below its page line. Asking costs a text; with
    # the line at 0.95 instead, multilingual16's first run caught 5 fewer emergencies of 140.
    decision = ROUTER.route(Message("prosze o nowy klucz do skrzynki pocztowej"))
    assert decision.category != "emergency"


def test_english_is_never_asked_by_other_languages_words() -> None:
    # English is the model's: the other languages' words do not apply to it
    decision = ROUTER.route(Message("can I pay my gas bill at the office on Tuesday"))
    assert all(r.cue != POSSIBLE_CUE for r in decision.reasons)


def test_the_webhook_preview_never_asks() -> None:
    assert not ROUTER.route(Message("w kuchni jest dym, co robic"), preview=True
                            ).ask_safety_question


@pytest.mark.parametrize("text", [
    "Subject: Complaint - leak on 14 March\n\nOn 14 March water poured through my kitchen "
    "ceiling for nine hours before anyone came. The leak is fixed now, but I want to complain.",
    "thought I could smell gas by the door, the gas board came out and said it's definitely "
    "not gas, it's the drain outside. Can you get the drain looked at?",
    "After the break-in the back window was boarded up and it's secure now. When will the "
    "glass be replaced?",
    "no water for 10 mins earlier at flat 2 but it's back now, just letting you know",
])
def test_a_dated_past_a_verdict_a_secured_home_and_a_supply_back_are_not_emergencies(
    text: str
) -> None:
    assert RULES.route(Message(text)).category != "emergency"


@pytest.mark.parametrize("text", [
    "since 14 March water has been coming through the ceiling onto the lights",
    "after the break-in the back door is not secure, it won't lock",
    "the engineer said it's not gas but the CO alarm is going off and we all have headaches",
])
def test_the_same_words_with_the_danger_still_here_are_emergencies(text: str) -> None:
    assert RULES.route(Message(text)).category == "emergency"


@pytest.mark.parametrize("text", [
    # fresh13's misses (the first four were asked, none paged)
    "Dear Housing Officer, I am the GP for Ms A Okafor, Flat 8. Her son, aged 3, has severe "
    "asthma. Having seen photographs of the black mould across his bedroom wall, it is my "
    "clinical opinion that his living conditions pose a serious risk to his health.",
    "Its -4 and ive got a 6 week old prem baby, heating's gone off completely and I cant get "
    "it back on",
    "can i pay my rent late this month. also the little white alarm by the boiler has been "
    "going off for ages so i took the battery out cos it was doing my head in",
    "The pipe that comes out of the top of the boiler has come apart at the joint, there's a "
    "gap and warm air is blowing out into the airing cupboard",
    "every time the flats above flush it comes up in my toilet and over onto the floor, it's "
    "brown",
    "smoke alarm and the see oh one are both going and my eyes are stinging",
])
def test_fresh13s_misses_are_emergencies_by_the_rules_alone(text: str) -> None:
    assert RULES.route(Message(text)).category == "emergency"


@pytest.mark.parametrize("text", [
    "The smoke alarm went off at 6am but it was my toast. It's stopped. Can it be less "
    "sensitive?",
    "The kids have flooded me with drawings for the calendar competition, where do I send them?",
    "Can the lift at Kestrel Point be serviced? It's been juddering between floors.",
    "boiler gave one bang when it fired up yesterday but it's been fine since, no smell",
    "CO alarm beeping once a minute and the little screen says 'End'. It's about 7 years old.",
    "Since the flood in 2022 the laminate near the kitchen door has lifted, could someone look?",
    "Subject: RE: CO alarm\n\nHello again, when is the boiler next due its service?\n\n"
    "-----Original Message-----\nFrom: Customer Services\nSent: 18 December\n\nOur engineer "
    "attended following your CO alarm activation. The flue was found disconnected and was "
    "refitted; the appliance is safe to use.",
])
def test_fresh13s_false_alarms_are_not_emergencies(text: str) -> None:
    assert RULES.route(Message(text)).category != "emergency"


@pytest.mark.parametrize("text", [
    "the lift is stuck between floors and my dad is inside",
    "the alarm next to the boiler keeps beeping and we all feel sick",
    "the heating's gone off and I got it back on but now there's a smell of gas",
])
def test_near_those_words_a_real_danger_still_is_one(text: str) -> None:
    assert RULES.route(Message(text)).category == "emergency"


def test_an_urdu_full_stop_ends_a_clause() -> None:
    # "The bedroom ceiling has swollen and plaster is falling. I told you last week too."
    # Read as one clause, "last week" made the ceiling history.
    text = "بیڈروم کی چھت پھول گئی ہے اور پلاستر گر رہا ہے۔ میں نے پچھلے ہفتے بھی بتایا تھا۔"
    assert RULES.route(Message(text)).category == "emergency"


@pytest.mark.parametrize("text", [
    "Chcę złożyć skargę, nikt nie przyszedł naprawić okna",  # pl: I want to complain, nobody came
    "Ya lo he reportado tres veces y sigue sin arreglar, es inaceptable",  # es: still not fixed
    "اتصلت عدة مرات ولم يرد أحد، أريد تقديم شكوى",  # ar: nobody answered, I want to complain
    "我已经投诉了三次，还是没有人来修",  # zh: complained three times, still nobody came
])
def test_dissatisfaction_in_another_language_is_a_complaint(text: str) -> None:
    from routing.router import OTHER_LANGUAGE_COMPLAINT_CUE  # noqa: PLC0415 - this test only

    decision = ROUTER.route(Message(text))
    assert decision.category == "complaint" and decision.queue == "complaints"
    assert any(r.cue == OTHER_LANGUAGE_COMPLAINT_CUE for r in decision.reasons)


@pytest.mark.parametrize("text", [
    "Proszę o wymianę zamka w skrzynce pocztowej",  # pl: please replace the postbox lock
    "¿Cuándo viene el técnico para revisar la ventana?",  # es: when is the window check?
])
def test_a_first_request_in_another_language_is_not_a_complaint(text: str) -> None:
    assert ROUTER.route(Message(text)).category == "service_request"


def test_an_emergency_in_another_language_that_also_complains_is_flagged() -> None:
    # pl: "Gas smell in the kitchen! I reported it yesterday and nobody came."
    decision = ROUTER.route(Message("Czuć gaz w kuchni! Zgłaszałam wczoraj i nikt nie przyszedł"))
    assert decision.category == "emergency" and decision.also_complaint
