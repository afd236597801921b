"""The rules are data (routing/rules/*.toml): the compiler, and nothing changed by the move."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from routing.rules import RULES_DIR, RulesError, compile_rules
from tools.snapshot_decisions import SNAPSHOT, snapshot_lines

# (session 12) the resident's own "I want to complain" is named, as their choice (Code 1.3).
WANTS_TO_COMPLAIN = "(session 12) 'want to complain' is named (reasons only)"
# (session 13) a carbon monoxide alarm sounding is also one of the appliance warning signs, and
# water "running down" onto a socket or a light is named as water on electrics.
ALARM_WARNING_SIGN = "(session 13) an alarm beeping with symptoms is also a CO warning sign"
WATER_ON_ELECTRICS = "(session 13) water 'running down' onto electrics is named as such"
# Decisions changed on purpose since the snapshot, each with its reason (session 8, issue 15).
ANYONE_CAN_GET_IN = "(session 15) 'anyone can get in' is also named unsecured (reasons only)"
BREAK_IN_BEFORE = "(session 16) a break-in something came after is not named (reasons only)"
EVENT_BEFORE = "(session 21) a danger something came after is named as history (reasons only)"
MADE_SECURE = "(session 22) a break-in the home was made secure after is resolved (reasons only)"
# (session 26) a door named, then what "it" will not do ("the frame is split and it won't close")
IT_WILL_NOT = "(session 26) a door named, then 'it' will not close or lock, is named (reasons only)"
A_THING_COLLAPSED = "(session 29) a structure that collapsed is not also a person collapsed"
I_CANNOT_LOCK_IT = "(session 29) an outside door named, then 'I can't lock it' (reasons' words)"
CHANGED_ON_PURPOSE = {
    "dev-0017": "(session 11) 'detector next to the boiler' sounding is also named (reasons only)",
    "dev-0049": I_CANNOT_LOCK_IT,
    "dev-0054": ANYONE_CAN_GET_IN,
    "dev-0068": "(session 10) 'lift in tower block a it's stopped': lift out also named (gap 6)",
    "dev-0077": "(session 29) a failure denied inside its words is no mention (reasons only)",
    "dev-0100": WANTS_TO_COMPLAIN,
    "dev-0142": "(session 10) 'the lift at Maple Court is out of order' is an urgent repair",
    "dev-0176": WANTS_TO_COMPLAIN,
    "dev-0217": EVENT_BEFORE,
    "dev-0253": "(session 11) applying for a mutual exchange is a housing service request",
    "dev-0360": ANYONE_CAN_GET_IN,
    "dev-0369": EVENT_BEFORE,
    "dev-0428": WANTS_TO_COMPLAIN,
    "dev-0446": "(session 11) '4 months since the survey' is history (its reasons only)",
    "dev-0450": WANTS_TO_COMPLAIN,
    "dev-0453": "(session 17) 'never came back' is no repeat: the pipe fixed ends the flood",
    "dev-0455": WANTS_TO_COMPLAIN,
    "dev-0464": "(session 15) no hot water 'in the summer' is history: priority 3, not 2",
    "dev-0500": "(session 15) a neighbour's fire 'last year': history in its part of the sentence",
    "dev-0525": "(session 14) a roof that collapsed is not also named a person collapsed",
    "dev-0528": IT_WILL_NOT,
    "dev-0539": "(session 12) 'after the break in' is history; the door that will not lock pages",
    "dev-0609": "(session 12) 'heating has not come on' is named (reasons only)",
    "fresh-0015": "(session 12) a hospital bed is medical equipment (a vulnerability)",
    "fresh-0019": IT_WILL_NOT,
    "fresh-0037": "(session 10) 'lift at rowan house its stopped': lift out also named (gap 6)",
    "fresh-0065": WATER_ON_ELECTRICS,
    "fresh-0079": ANYONE_CAN_GET_IN,
    "fresh-0102": MADE_SECURE,
    "fresh-0114": "(session 10) 'lift in block a is out again' is an urgent repair (gap 6)",
    "fresh-0118": "(session 11) applying for a transfer is a housing service request",
    "fresh-0127": "a spare key fob that snapped is not a door or lock smashed",
    "fresh2-0010": ALARM_WARNING_SIGN,
    "fresh2-0011": "(session 12) a yellow pilot light is also named as CO's warning sign",
    "fresh2-0013": "(session 10) soot at a boiler with nausea also names CO's warning signs",
    "fresh2-0016": ALARM_WARNING_SIGN,
    "fresh2-0054": A_THING_COLLAPSED,
    "fresh2-0056": A_THING_COLLAPSED,
    "fresh2-0060": IT_WILL_NOT,
    "fresh2-0074": "(session 10) 'lift at marsh house the alarm button': lift out also named",
    "fresh2-0090": "(session 15) a lift that broke down with people in it is also named",
    "fresh2-0103": "(session 11) applying for a transfer is a housing service request",
    "fresh2-0155": "(session 15) turning the water off oneself is not a loss of supply",
    "fresh2-0171": WANTS_TO_COMPLAIN,
    "fresh2-0218": "(session 17) a flood something came after is not named (reasons only)",
    "fresh2-0224": "(session 10) a lift out 3 weeks with elderly residents stuck in their flats",
    "fresh3-0011": IT_WILL_NOT,
    "fresh3-0013": "(session 10) 'lift in cedar house has stopped': lift out also named",
    "fresh3-0027": ALARM_WARNING_SIGN,
    "fresh3-0030": EVENT_BEFORE,
    "fresh3-0034": BREAK_IN_BEFORE,
    "fresh3-0047": ANYONE_CAN_GET_IN,
    "fresh3-0095": WANTS_TO_COMPLAIN,
    "fresh3-0105": "(session 16) personal details shared are also named (reasons only)",
    "fresh3-0111": WANTS_TO_COMPLAIN,
    "fresh3-0113": WANTS_TO_COMPLAIN,
    "fresh3-0117": WANTS_TO_COMPLAIN,
    "fresh3-0118": "(session 10) 'the lift has been broken on and off' is an urgent repair",
    "fresh3-0121": WANTS_TO_COMPLAIN,
    "fresh4-0006": ALARM_WARNING_SIGN,
    "fresh4-0014": ANYONE_CAN_GET_IN,
    "fresh4-0041": I_CANNOT_LOCK_IT,
    "fresh4-0051": A_THING_COLLAPSED,
    "fresh4-0056": "a fire alarm 'in the corridor keeps going off' is now also named (wider gap)",
    "fresh4-0057": "(session 10) 'incontinent' is a vulnerability (a toilet is a medical need)",
    "fresh4-0091": WANTS_TO_COMPLAIN,
    "fresh4-0105": WANTS_TO_COMPLAIN,
    "fresh4-0114": WANTS_TO_COMPLAIN,
    "fresh4-0115": WANTS_TO_COMPLAIN,
    "fresh4-0151": "(session 16) a lift 'working today' is not an urgent repair any more",
    "fresh4-0153": EVENT_BEFORE,
    "fresh5-0014": IT_WILL_NOT,
    "fresh5-0015": "(session 12) a ground-floor window that will not close is also named unsecured",
    "fresh5-0025": ALARM_WARNING_SIGN,
    "fresh5-0029": "(session 10) 'my flat is wide open tonight' also named as unsecured",
    "fresh5-0086": WANTS_TO_COMPLAIN,
    "fresh6-0002": "a smoke alarm 'in the hall keeps going off' is now also named (wider gap)",
    "fresh6-0003": WATER_ON_ELECTRICS,
    "fresh6-0004": WANTS_TO_COMPLAIN,
    "fresh6-0012": "(session 11) a CO alarm 'going mad' is also named (reasons only)",
    "fresh6-0018": EVENT_BEFORE,
    "fresh6-0047": IT_WILL_NOT,
    "fresh6-0049": WATER_ON_ELECTRICS,
    "fresh6-0053": WANTS_TO_COMPLAIN,
    "fresh6-0070": ALARM_WARNING_SIGN,
    "fresh6-0087": "(session 12) a front door that 'can't be closed' is named unsecured",
    "fresh6-0099": WANTS_TO_COMPLAIN,
    "fresh6-0100": BREAK_IN_BEFORE,
    "fresh6-0133": "(session 16) water behind the fridge freezer plug is water on electrics",
    "fresh6-0163": "(session 17) mould 'back in' the baby's room is back now, not 'back in May'",
    "fresh6-0185": "(session 11) applying for a mutual exchange is a housing service request",
}


def test_rules_only_decisions_on_every_corpus_equal_the_snapshot_taken_before_the_move() -> None:
    # tests/fixtures/rules_snapshot.jsonl was written by the lexicon.py rules (commit before
    # the move) with `python -m tools.snapshot_decisions`: every field of every decision.
    # Fields added to decisions since (language, ask_safety_question) are not compared, nor the
    # advice's wording (routing/data/safety_advice.toml is edited on its own; its topics are
    # covered by the hazards compared here). Only the decisions in CHANGED_ON_PURPOSE differ.
    expected = [json.loads(line) for line in SNAPSHOT.read_text("utf-8").splitlines()]
    actual = [json.loads(line) for line in snapshot_lines()]
    assert len(actual) == len(expected) > 1800
    diffs = []
    for e, a in zip(expected, actual, strict=True):
        e["decision"].pop("safety_advice")
        now = {key: a["decision"][key] for key in e["decision"]}
        if (e["id"], e["decision"]) != (a["id"], now):
            diffs.append((e["id"], now))
    assert [i for i, _ in diffs] == list(CHANGED_ON_PURPOSE)


def _write(tmp: Path, files: dict[str, str]) -> Path:
    for name in ("fragments.toml", "context.toml", "vulnerability.toml", "complaints.toml",
                 "topics.toml", "dangers.toml"):
        (tmp / name).write_text(files.get(name, ""), "utf-8")
    (tmp / "hazards.toml").write_text(files.get("hazards.toml", ""), "utf-8")
    return tmp


_CUE = """
[[cue]]
name = "gas smell"
hazard = "gas"
kind = "hard"
pattern = {pattern}
"""


def test_fragments_lists_and_near_tables_compile_to_one_regex(tmp_path: Path) -> None:
    rules = compile_rules(_write(tmp_path, {
        "fragments.toml": "[fragments]\nsmell = 'smell\\w*|stink\\w*'\n",
        "hazards.toml": _CUE.format(pattern="{either_order = ['\\bgas\\b', '{{smell}}'], gap = 2}")
        + "[anchors]\n'gas smell' = ['gas']\n",
    }))
    (cue,) = rules.hazard_cues
    assert cue.pattern.search("a stink of gas here")
    assert cue.pattern.search("gas really smells")
    assert not cue.pattern.search("gas bill went up and it smells like money")
    assert rules.hazard_anchors == {"gas smell": ("gas",)}


_EFFECT = """
[lists]
offices = ['office*', 'staff']
[objects]
person = ['she']
[[effect]]
name = "person not answering"
words = ['not answering']
hazards = {{person = "welfare"}}
unless = {unless}
"""


def test_a_danger_effects_unless_may_name_a_list_alone_or_among_words(tmp_path: Path) -> None:
    """(session 24) "@offices" stands for the list's words, alone or in a list of words."""
    for unless, expected in [("'@offices'", ("office*", "staff")),
                             ("['@offices', 'no access']", ("office*", "staff", "no access"))]:
        rules = compile_rules(_write(tmp_path, {"dangers.toml": _EFFECT.format(unless=unless)}))
        (effect,) = rules.danger_effects
        assert effect.unless == expected


def test_a_danger_effects_unless_next_names_lists_as_unless_does(tmp_path: Path) -> None:
    """(session 31) Words that set the effect aside when said in the next sentence too."""
    text = _EFFECT.format(unless="'@offices'") + "unless_next = ['@offices', 'no access']\n"
    (effect,) = compile_rules(_write(tmp_path, {"dangers.toml": text})).danger_effects
    assert effect.unless_next == ("office*", "staff", "no access")
    with pytest.raises(RulesError, match="unknown list"):
        compile_rules(_write(tmp_path, {"dangers.toml": _EFFECT.format(unless="'@offices'")
                                        + "unless_next = '@nobody'\n"}))


def test_a_danger_effects_aside_after_names_a_pattern_of_the_rules(tmp_path: Path) -> None:
    """(session 33) An effect set aside by a named pattern said after it (as the lift cue reads
    `lift_empty`); a name that is no pattern is refused when the rules are compiled."""
    context = "[patterns]\nempty = '\\bnobody in it\\b'\n"
    text = _EFFECT.format(unless="[]") + "aside_after = 'empty'\n"
    (effect,) = compile_rules(_write(tmp_path, {"dangers.toml": text,
                                                "context.toml": context})).danger_effects
    assert effect.aside_after == "empty"
    with pytest.raises(RulesError, match="unknown pattern 'lift_gone'"):
        compile_rules(_write(tmp_path, {"dangers.toml": _EFFECT.format(unless="[]")
                                        + "aside_after = 'lift_gone'\n",
                                        "context.toml": context}))


def test_a_danger_effects_unless_here_is_compiled_with_its_lists(tmp_path: Path) -> None:
    """(session 34) Phrases that set aside only the effect words they contain, a list's name
    standing for its words as in `unless`; the packaged stuck-or-trapped effect has some."""
    text = _EFFECT.format(unless="[]") + "unless_here = ['@offices', 'not answering the door']\n"
    (effect,) = compile_rules(_write(tmp_path, {"dangers.toml": text})).danger_effects
    assert effect.unless_here == ("office*", "staff", "not answering the door")
    packaged = {e.name: e for e in compile_rules(RULES_DIR).danger_effects}
    assert "stuck for a minute but" in packaged["stuck or trapped"].unless_here


def test_the_packaged_rules_compile_and_cover_every_hazard_family() -> None:
    rules = compile_rules(RULES_DIR)
    assert {c.hazard for c in rules.hazard_cues} >= {"gas", "fire", "electrical", "water",
                                                      "structural", "security", "welfare"}
    assert len(rules.danger_effects) >= 20


def test_another_languages_phrases_compile_when_first_read_and_all_compile() -> None:
    # (session 35) compiled at a cue's first use, not at start-up: most of every start's time
    rules = compile_rules(RULES_DIR)
    polish = next(c for c in rules.hazard_cues if c.name == "gas (pl)")
    assert "pattern" not in vars(polish)  # not compiled yet
    assert polish.pattern.search("czuc gas w kuchni") and polish.pattern is polish.pattern
    english = next(c for c in rules.hazard_cues if c.name not in rules.language_cue_names)
    assert "pattern" in vars(english) or isinstance(english.regex, re.Pattern)
    assert all(isinstance(c.pattern, re.Pattern) for c in rules.hazard_cues)


@pytest.mark.parametrize(("files", "problem"), [
    ({"hazards.toml": _CUE.format(pattern="'{{nowhere}}'")}, "unknown fragment {{nowhere}}"),
    ({"hazards.toml": _CUE.format(pattern="'gas('")}, "bad regex"),
    ({"hazards.toml": _CUE.format(pattern="'gas'").replace('"hard"', '"scary"')},
     "unknown kind 'scary'"),
    ({"hazards.toml": _CUE.format(pattern="'gas'").replace('"gas"\n', '"gass"\n')},
     "unknown hazard 'gass'"),
    ({"hazards.toml": _CUE.format(pattern="'gas'") + "[anchors]\n'gas leak' = ['gas']\n"},
     "anchors for a cue that does not exist"),
    ({"hazards.toml": _CUE.format(pattern="{near = ['gas']}")}, "needs two patterns"),
    ({"hazards.toml": _CUE.format(pattern="'gas'\nseverity = 3")}, "unknown ['severity']"),
    ({"complaints.toml": "[[cue]]\nname = 'x'\nweight = 0\npattern = 'x'\n"}, "weight"),
    ({"hazards.toml": "[[cue]\n"}, "hazards.toml"),
    ({"dangers.toml": _EFFECT.format(unless="['@nowhere', 'no access']")},
     "unknown list '@nowhere'"),
])
def test_a_bad_rule_fails_at_compile_time_naming_the_file_and_rule(
    tmp_path: Path, files: dict[str, str], problem: str
) -> None:
    with pytest.raises(RulesError) as caught:
        compile_rules(_write(tmp_path, files))
    assert problem in str(caught.value)
