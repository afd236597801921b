"""The words the router listens for, compiled from the data files in `routing/rules/`.

This module only names what `routing.rules.load_rules()` compiled, so the rest of the
router reads `lx.HAZARD_CUES`, `lx.NEGATION` and so on. To change what the router listens
for, edit the TOML files (the compiler validates them at start-up), not this module.

Every pattern runs on text from `routing.normalise.normalise`, so it can assume lower case,
expanded contractions ("can not"), mapped shorthand and the folded tokens `nonstop`,
`unlockable`, `unsecurable`, `wontclose`, `notworking`, `cantbreathe` and `nobody`.
Patterns describe concepts (a gas word near a smell word) rather than whole phrasings, so
they carry over to wording nobody wrote down.
"""

from __future__ import annotations

import re

from routing.rules import DangerEffect, HazardCue, either_order, load_rules, near

__all__ = ["DangerEffect", "HazardCue", "either_order", "loosen", "near"]

_RULES = load_rules()
_P = _RULES.patterns

HAZARD_CUES: tuple[HazardCue, ...] = _RULES.hazard_cues
ANCHORS: dict[str, tuple[str, ...]] = _RULES.hazard_anchors
# The hazard cues of other languages (languages.toml), scanned for only when a text may be one.
LANGUAGE_CUE_NAMES: frozenset[str] = _RULES.language_cue_names
# Cues whose regex is cheaper to try after a looser scan (leading word boundaries removed).
LOOSE_FIRST: frozenset[str] = _RULES.loose_first

# context for hazards (context.toml)
AT_HEIGHT = _P["at_height"]
NEGATION = _P["negation"]
NEGATED_LIST = _P["negated_list"]
POWER_BACK_ON = _P["power_back_on"]
SUPPLY_BACK = _P["supply_back"]
MADE_SECURE = _P["made_secure"]
WISH_BEFORE = _P["wish_before"]
NOT_SECURE = _P["not_secure"]
MADE_SECURE_UNDONE = _P["made_secure_undone"]
WORKING_AGAIN = _P["working_again"]
FOUND_SAFE = _P["found_safe"]
FOUND_SAFE_PAST = _P["found_safe_past"]
FOUND_SAFE_NOT_PAST = _P["found_safe_not_past"]
OVER_NOW = _P["over_now"]
PEOPLE_FINE = _P["people_fine"]
IN_HOSPITAL = _P["in_hospital"]
THING_COLLAPSED = _P["thing_collapsed"]
FALLEN_FITTING = _P["fallen_fitting"]
FIRE_AFTERMATH = _P["fire_aftermath"]
FIRE_GONE_BY = _P["fire_gone_by"]
SYMPTOMS_NOW = _P["symptoms_now"]
RESOLVED = _P["resolved"]
FIRE_OUT = _P["fire_out"]
UNRESOLVED = _P["unresolved"]
MADE_SAFE = _P["made_safe"]
FIXED_WITHIN = _P["fixed_within"]
MENDED_BEFORE = _P["mended_before"]
AS_BEFORE = _P["as_before"]
CAUGHT = _P["caught"]
NOT_CAUGHT = _P["not_caught"]
EMERGENCY_ATTENDED = _P["emergency_attended"]
EVENT_BEFORE = _P["event_before"]
EVENT_NOUN_BEFORE = _P["event_noun_before"]
EVENT_NOUN = _P["event_noun"]
EVENT_PRONOUN = _P["event_pronoun"]
EVENT_WITHIN = _P["event_within"]
EVENT_AFTERMATH_AFTER = _P["event_aftermath_after"]
AFTERMATH_NOUN = _P["aftermath_noun"]
NAMED_EARLIER = _P["named_earlier"]
RECENT_PAST = _P["recent_past"]
PAPERWORK = _P["paperwork"]
PAPERWORK_EVENT = _P["paperwork_event"]
PAPERWORK_SPAN_BEFORE = _P["paperwork_span_before"]
PAPERWORK_EVENT_BEFORE = _P["paperwork_event_before"]
FAULT_GOES_ON = _P["fault_goes_on"]
PRESENT_TENSE = _P["present_tense"]
NOW = _P["now"]
STORY_FRAME = _P["story_frame"]
TOLD_IN_THE_PAST = _P["told_in_the_past"]
JUST_NOW = _P["just_now"]
REPORT_PREAMBLE = _P["report_preamble"]
MAINTENANCE_HISTORY = _P["maintenance_history"]
AREA_OUTAGE = _P["area_outage"]
POWER_NOT_A_FAULT = _P["power_not_a_fault"]
SEWAGE_OUTSIDE = _P["sewage_outside"]
DRAIN_OUTSIDE = _P["drain_outside"]
INDOORS = _P["indoors"]
NOT_COLD = _P["not_cold"]
HYPOTHETICAL = _P["hypothetical"]
QUOTED_THREAD = _P["quoted_thread"]
QUOTE_CONTINUES = _P["quote_continues"]
OLD_THREAD = _P["old_thread"]
PAST = _P["past"]
ELSEWHERE = _P["elsewhere"]
ONGOING = _P["ongoing"]
REPORT_VERB = _P["report_verb"]
STRANDED = _P["stranded"]
CAN_WAIT = _P["can_wait"]
COLD = _P["cold"]
HEALTH_EFFECT = _P["health_effect"]
MEDICAL_RISK = _P["medical_risk"]
HAPPENING_NOW = _P["happening_now"]
ALARM_FAULT = _P["alarm_fault"]
LIFT_EMPTY = _P["lift_empty"]
STRUCTURE_SOUND = _P["structure_sound"]
URGENT = _P["urgent"]
INFORMATION_ABOUT = _P["information_about"]
LIGHT_FAULT = _P["light_fault"]
INTERNAL_LOCK = _P["internal_lock"]
STILL_SECURE = _P["still_secure"]
LINGERING_SMELL = _P["lingering_smell"]
SEWAGE_SMELL = _P["sewage_smell"]
NO_ESCAPE = _P["no_escape"]
WATER_STOPPED = _P["water_stopped"]
SEWAGE_CLEANUP = _P["sewage_cleanup"]
GONE_BY = _P["gone_by"]
ESCAPING_NOW = _P["escaping_now"]
NOT_ON_THE_MODEL_ALONE = _P["not_on_the_model_alone"]
REACHES_HOME = _P["reaches_home"]
ELSEWHERE_AFTER = _P["elsewhere_after"]
NOT_IN_THE_HOME = _P["not_in_the_home"]
JOKE_ENDS = _P["joke_ends"]
ASKS_FOR_INFORMATION = _P["asks_for_information"]
# other languages (languages.toml): cold weather or a vulnerable person, for a loss of heating
OTHER_LANGUAGE_COLD_OR_VULNERABLE = _P["other_language_cold_or_vulnerable"]
# other languages: phrases in which a hazard word is harmless (a fire door, a cupboard door)
OTHER_LANGUAGE_HARMLESS = _P["other_language_harmless"]
# other languages: a hazard named (gas, smoke, flood, a broken lock, ...) in a message the rules
# found no emergency in: the resident is asked the safety question
OTHER_LANGUAGE_POSSIBLE = _P["other_language_possible"]
# other languages: dissatisfaction with our service ("nikt nie przyszedł", "şikayet"): a complaint
OTHER_LANGUAGE_COMPLAINT = _P["other_language_complaint"]

# vulnerability (vulnerability.toml)
VULNERABILITY: tuple[tuple[str, re.Pattern[str]], ...] = _RULES.vulnerabilities
VULNERABILITY_SYNONYMS: dict[str, str] = _RULES.vulnerability_synonyms

# dissatisfaction (complaints.toml)
COMPLAINT_CUES: tuple[tuple[str, int, re.Pattern[str]], ...] = _RULES.complaint_cues
COMPLAINT_ANCHORS: dict[str, tuple[str, ...]] = _RULES.complaint_anchors
COMPLAINT_PROCESS = _P["complaint_process"]
COMPLAINT_STATED = _P["complaint_stated"]
HOUSING_REQUEST = _P["housing_request"]
NOT_A_COMPLAINT = _P["not_a_complaint"]
ASB_TARGET = _P["asb_target"]
LANDLORD_TARGET = _P["landlord_target"]
NEUTRAL_CHASE = _P["neutral_chase"]

# topics (topics.toml)
TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = _RULES.topics
ANTI_SOCIAL_BEHAVIOUR = dict(TOPICS)["anti_social_behaviour"]
SUBJECT_TERMS = _P["subject_terms"]

# danger by effect (dangers.toml)
DANGER_OBJECTS: dict[str, tuple[str, ...]] = _RULES.danger_objects
DANGER_NOT_SECURITY: tuple[str, ...] = _RULES.danger_not_security
DANGER_EFFECTS: tuple[DangerEffect, ...] = _RULES.danger_effects
# Every named pattern, for an effect's `aside_after` (danger.py)
PATTERNS: dict[str, re.Pattern[str]] = _P

_ASSERTIONS = re.compile(r"\\b|\(\?<[!=][^()]*\)")


def loosen(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A pattern matching wherever `pattern` does (and more), without word-boundary checks.

    Dropping zero-width assertions only widens the match set, so "no loose match" proves
    "no match", and the loose form scans far faster.
    """
    return re.compile(_ASSERTIONS.sub("", pattern.pattern))
