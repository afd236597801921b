"""Behaviour of the router on the cases that matter most to residents and agents."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from routing import Context, Message, OpenRequest, Router, load_safety_advice, route


def category(text: str, **kwargs: str) -> str:
    return route(Message(text, **kwargs)).category


@pytest.mark.parametrize(
    ("text", "hazard"),
    [
        ("bit of a gas smell in the kitchen, is that normal", "gas"),
        ("co alarm keeps beeping, might be the battery", "carbon_monoxide"),
        ("water pouring thru the ceiling light", "electrical"),
        ("socket sparkin in the kitchen", "electrical"),
        ("front door wont lock after a break in", "security"),
        ("stuck in the lift on floor 6", "lift"),
        ("not seen my neighbour for days, post piling up", "welfare"),
        ("ceiling has caved in in the hallway", "structural"),
        ("raw sewage coming up the shower drain", "sewage"),
        ("no electric in the whole flat", "loss_of_essential_service"),
    ],
)
def test_emergencies_are_recognised_with_their_hazard(text: str, hazard: str) -> None:
    decision = route(Message(text))
    assert decision.category == "emergency"
    assert decision.priority == 1 and decision.queue == "emergencies"
    assert hazard in decision.hazards
    assert decision.reasons


@pytest.mark.parametrize(
    "text",
    [
        "no smell of gas but the boiler pressure keeps dropping",
        "when is my gas safety check due?",
        "what should I do if I smell gas?",
        "thought i smelt gas earlier but it was the cooker left on, all sorted now",
        "we had a gas leak last year, can you check the pipes when you do the service",
        "co alarm was beeping, changed the battery and its stopped now",
        "locked out of my flat, keys inside",
        "is it safe to use my boiler after the service?",
    ],
)
def test_negated_resolved_past_and_hypothetical_hazards_are_not_emergencies(text: str) -> None:
    assert category(text) != "emergency"


def test_loss_of_heating_escalates_only_for_vulnerable_or_cold_households() -> None:
    assert category("boiler broken, no heating") == "service_request"
    assert category("boiler broken, no heating, my baby is 3 weeks old") == "emergency"
    assert category("no heating and it's freezing") == "emergency"
    winter = Context(now=datetime(2026, 1, 10, 9, 0))
    assert route(Message("boiler broken, no heating"), winter).category == "emergency"


def test_recorded_vulnerability_makes_heating_loss_an_emergency() -> None:
    context = Context(recorded_vulnerabilities=("elderly",))
    decision = route(Message("heating not working"), context)
    assert decision.category == "emergency"
    assert "elderly" in decision.vulnerabilities


def test_emergency_inside_a_complaint_is_both() -> None:
    decision = route(Message("third time ive reported the sparking socket, nobody came"))
    assert decision.category == "emergency"
    assert decision.also_complaint


@pytest.mark.parametrize(
    "text",
    [
        "great job leaving my garden full of rubble",
        "still waiting for someone to fix my tap, reported it 6 weeks ago",
        "the plumber you sent made it worse",
        "your operative was really rude to my mum",
        "the housing officer was aggressive with me and it was not nice",
        "why were we billed for the new lock when it was broken by your fitter?",
        "that recharge is incorrect, I did not damage the bath, I want it removed",
        "why am I paying for window cleaning if nobody has cleared the gutters all year?",
        "the decorator left muck all over the hall and I expect an apology",
    ],
)
def test_dissatisfaction_is_a_complaint_without_the_word(text: str) -> None:
    decision = route(Message(text))
    assert decision.category == "complaint"
    assert decision.queue == "complaints"


@pytest.mark.parametrize(
    "text",
    [
        "the old shed door is lying flat on the grass, can someone take it away",
        "is the garden fence my responsibility or the landlord's?",
    ],
)
def test_neutral_requests_sharing_complaint_words_stay_requests(text: str) -> None:
    assert route(Message(text)).category == "service_request"


def test_reporting_a_neighbour_is_anti_social_behaviour_not_a_complaint() -> None:
    decision = route(Message("loud music from next door till 3am every night"))
    assert decision.category == "service_request"
    assert decision.queue == "anti_social_behaviour"


@pytest.mark.parametrize(
    ("text", "queue"),
    [
        ("can i pay my rent by card", "income"),
        ("how do i apply for a mutual exchange", "tenancy"),
        ("kitchen tap is dripping", "repairs"),
        ("what time does your office close on friday", "general"),
    ],
)
def test_service_requests_go_to_the_right_queue(text: str, queue: str) -> None:
    decision = route(Message(text))
    assert decision.category == "service_request"
    assert decision.queue == queue


def test_repeat_of_an_open_request_is_a_complaint_linked_to_it() -> None:
    opened = datetime(2026, 3, 1, 10, 0)
    request = OpenRequest("SR-1", "service_request", "repairs", (), opened, "bathroom tap leaking")
    context = Context(open_requests=(request,), now=opened + timedelta(days=9))
    decision = route(Message("the bathroom tap is leaking"), context)
    assert decision.related_request == "SR-1"
    assert decision.category == "complaint"


def test_a_follow_up_minutes_later_is_not_a_complaint() -> None:
    opened = datetime(2026, 3, 1, 10, 0)
    request = OpenRequest("SR-1", "service_request", "repairs", (), opened, "bathroom tap leaking")
    context = Context(open_requests=(request,), now=opened + timedelta(minutes=5))
    decision = route(Message("the bathroom tap is leaking"), context)
    assert decision.related_request == "SR-1"
    assert decision.category == "service_request"


def test_ivr_emergency_choice_is_escalated_even_without_words() -> None:
    decision = route(Message("", channel="voice", ivr_choice="emergency"))
    assert decision.category == "emergency"
    assert decision.safety_advice


def test_gas_advice_names_the_gas_emergency_number() -> None:
    advice = " ".join(route(Message("strong smell of gas")).safety_advice)
    assert "0800 111 999" in advice
    assert "switch" in advice.lower()


def test_power_cut_advice_names_105_and_fire_advice_names_999() -> None:
    assert "105" in " ".join(route(Message("power cut, no electricity at all")).safety_advice)
    assert "999" in " ".join(route(Message("the kitchen is on fire")).safety_advice)


def test_non_emergencies_carry_no_safety_advice() -> None:
    assert route(Message("can i get a rent statement")).safety_advice == ()


def test_customer_can_override_the_advice(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "advice.toml"
    path.write_text('[always]\nlines = ["Call us."]\n[gas]\nlines = ["Ring 0800 111 999 now."]\n')
    router = Router(load_safety_advice(str(path)))
    assert router.route(Message("gas leak")).safety_advice == ("Call us.", "Ring 0800 111 999 now.")


def test_subject_line_is_read() -> None:
    decision = route(Message("please call me back", channel="email", subject="Gas smell in flat"))
    assert decision.category == "emergency"


@pytest.mark.parametrize("text", ["", "   ", "🔥🔥🔥", "\x00\ufffd", "gas " * 50_000, "ñ" * 10_000])
def test_odd_input_never_raises(text: str) -> None:
    decision = route(Message(text))
    assert decision.category in {"emergency", "complaint", "service_request"}
    assert decision.to_dict()["category"] == decision.category


@pytest.mark.parametrize(
    "text",
    [
        "mould all over the baby's room and my little one keeps wheezing",
        "black mould in the bedroom, my daughter's asthma is much worse",
    ],
)
def test_damp_and_mould_harming_health_is_a_significant_hazard_not_an_emergency(
    text: str,
) -> None:
    decision = route(Message(text))
    assert decision.category == "service_request"
    assert decision.priority == 2
    significant = [r for r in decision.reasons if r.cue == "significant_hazard:damp_and_mould"]
    assert significant and "mould" in significant[0].words


def test_someone_fighting_for_breath_is_an_emergency_even_in_a_mould_report() -> None:
    decision = route(Message("black mould everywhere and my son is struggling to breathe"))
    assert decision.category == "emergency"
    assert "welfare" in decision.hazards


def test_living_alone_does_not_escalate_on_its_own_but_the_cold_does() -> None:
    assert category("I live alone and the boiler has stopped") == "service_request"
    assert category("I live alone and the boiler has stopped, it's freezing in here") == (
        "emergency"
    )


@pytest.mark.parametrize(
    ("text", "hazard"),
    [
        ("the carbon thing keeps beeping and I feel dizzy", "carbon_monoxide"),
        ("mum hasn't answered the door for 3 days", "welfare"),
        ("someone's set fire to the bins by the stairs", "fire"),
        ("water coming from roof to lamp, lamp is wet", "electrical"),
        ("a slate came off the roof and nearly hit my neighbour", "structural"),
        ("nae heating and the wean's freezing", "loss_of_essential_service"),
        ("I can't go on anymore, I've got all my tablets out", "welfare"),
        ("the cooker is hissing and theres a weird smell", "gas"),
        ("co monitor says 90 ppm", "carbon_monoxide"),
        ("we are all out of the building, fire on the 3rd floor", "fire"),
        ("the loft tank is overflowing through the light fitting", "water"),
        ("pipe under the bath has split, water all over", "water"),
        ("handrail on the stairs came off when my dad grabbed it", "structural"),
        ("the ceiling looks like its about to come down", "structural"),
        ("lock has been drilled by burglars, can't lock up", "security"),
        ("complete loss of power, my husband uses a hoist", "loss_of_essential_service"),
        ("lift doors won't open and my son is inside", "lift"),
        ("my daughter said she wants to end it, she's in her room", "welfare"),
        ("my neighbour is lying on the floor and not answering", "welfare"),
        ("my nan is trapped in her bathroom, door jammed", "welfare"),
        ("kitchen full of fumes from the boiler", "carbon_monoxide"),
        ("gas coming out of the hob", "gas"),
        # the safety net: a hazard word said with urgency
        ("gas in the kitchen help!!", "gas"),
        ("something burning, please come", "fire"),
    ],
)
def test_emergencies_described_indirectly_are_recognised(text: str, hazard: str) -> None:
    decision = route(Message(text))
    assert decision.category == "emergency"
    assert hazard in decision.hazards


@pytest.mark.parametrize(
    "text",
    [
        "The flood lights in the car park have been out for a week",
        "The fire door on our landing doesn't close on its own any more",
        "the fence panel blew down, it's lying on the lawn, when can you replace it",
        "The self-closer on the fire door is broken, the door doesn't shut by itself",
        "my CO alarm beeps once every so often and the screen says END, needs replacing",
        "we're going on holiday, should we turn the water off at the stopcock?",
        "loss of water pressure in the shower",
        "lift doors won't open on the ground floor, had to use the stairs",
        "the lift is broken, the engineer is in there now fixing it",
        "the back garden is like a lake after rain",
        "wallpaper coming off in the hallway",
        "my neighbour lives on the ground floor, can i get her phone number",
        "i feel trapped in this flat, i want a transfer",
        "the gas man is coming out on tuesday",
        "please help, I need a new smoke alarm fitted",
        "my gas fire wont light, not urgent",
    ],
)
def test_near_misses_stay_service_requests(text: str) -> None:
    assert category(text) == "service_request"


@pytest.mark.parametrize(
    "text",
    [
        "my back door not close since the break in, I am here alone with the baby",
        "lift out and my dad is in a wheelchair on the 8th floor, he can not go down for hospital",
    ],
)
def test_plain_english_security_and_stranded_cases_are_emergencies(text: str) -> None:
    assert route(Message(text)).category == "emergency"
