"""The freephone IVR's words and menu, loaded from text files rather than written in code.

This package directory holds the defaults: ``menu.toml`` (voice settings and the menu
options: key, digit, action, speech keywords, the sentence that offers it) and
``<name>.txt`` beside it (one prompt per file, one sentence per line). A landlord changes
the wording by putting edited copies in an override directory (the settings layer passes
its path to `load_menu`): any file found there replaces the default file of the same
name, so an override can be a single prompt.

`load_menu` checks the result (every prompt present, one emergency option, digits and
keys unique) and raises `MenuConfigError`, so a bad edit stops start-up rather than a call.
`choose_option` / `match_speech` map a key press or what the caller said to an option.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any

DEFAULT_DIR = Path(__file__).parent
MENU_FILE = "menu.toml"
PROMPT_NAMES = frozenset(
    {
        "safety", "welcome", "relay_uk", "closed", "menu_intro", "no_input",
        "not_understood", "no_choice_message", "emergency_connecting",
        "emergency_next_tier", "emergency_message", "leave_message", "mobile_note",
        "landline_note", "message_received", "emergency_nobody", "mobile_reference", "no_message",
        "advisor_connecting", "advisor_unavailable", "goodbye", "oncall_screen",
        "oncall_declined",
    }
)  # fmt: skip
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_DIGITS = frozenset("0123456789*")  # '#' ends a Gather, so it cannot choose an option
_WORDS = re.compile(r"[a-z0-9']+")
_SPOKEN_DIGITS = {
    "zero": "0", "nought": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "star": "*",
}  # fmt: skip


class MenuConfigError(ValueError):
    """The IVR menu files are missing something or contradict themselves."""


class OptionAction(StrEnum):
    """What the IVR does when a caller picks an option."""

    EMERGENCY = "emergency"
    MESSAGE = "message"
    ADVISOR = "advisor"
    REPEAT = "repeat"


@dataclass(frozen=True)
class MenuOption:
    """One menu choice. `key` doubles as the routing hint on contacts it produces."""

    key: str
    digit: str
    action: OptionAction
    prompt: str
    keywords: tuple[str, ...]
    speech_priority: int


@dataclass(frozen=True)
class VoiceStyle:
    """How prompts are spoken: voice, language, speaking rate, pauses, patience."""

    voice: str = "Polly.Amy-Neural"
    language: str = "en-GB"
    rate: str = "90%"
    sentence_pause_ms: int = 700
    gather_timeout_s: int = 8
    dial_timeout_s: int = 20
    message_max_length_s: int = 120


@dataclass(frozen=True)
class IvrMenu:
    """Everything the IVR says and offers, as loaded from the menu files."""

    options: tuple[MenuOption, ...]
    prompts: Mapping[str, tuple[str, ...]]
    style: VoiceStyle

    def sentences(self, name: str) -> tuple[str, ...]:
        """The sentences of prompt `name` (KeyError for a name that is not a prompt)."""
        return self.prompts[name]

    def option(self, key: str) -> MenuOption | None:
        """The option with this key, or None."""
        return next((o for o in self.options if o.key == key), None)

    def emergency_option(self) -> MenuOption:
        """The single emergency option (guaranteed by `load_menu`)."""
        return next(o for o in self.options if o.action is OptionAction.EMERGENCY)


def load_menu(override_dir: Path | None = None) -> IvrMenu:
    """Load the IVR menu, taking each file from `override_dir` when it exists there."""
    menu_data = tomllib.loads(_read(MENU_FILE, override_dir))
    prompts = {
        name: _sentences(_read(f"{name}.txt", override_dir)) for name in PROMPT_NAMES
    }
    menu = IvrMenu(
        options=tuple(_option(raw) for raw in menu_data.get("options", [])),
        prompts=MappingProxyType(prompts),
        style=_style(menu_data.get("voice", {})),
    )
    _check(menu)
    return menu


def choose_option(
    options: Sequence[MenuOption], digits: str | None, speech: str | None
) -> MenuOption | None:
    """The option a caller picked by key press or by speech, or None if we cannot tell."""
    if digits and digits.strip():
        return next((o for o in options if o.digit == digits.strip()[:1]), None)
    if speech:
        return match_speech(options, speech)
    return None


def match_speech(options: Sequence[MenuOption], speech: str) -> MenuOption | None:
    """Match what the caller said against each option's keywords.

    Any emergency word wins (a missed emergency is the worst failure); otherwise the
    matching option with the lowest speech_priority. A short answer that is just a
    number ("two", "press 2") means that key.
    """
    words = _WORDS.findall(speech.lower().replace("\u2019", "'"))
    said = f" {' '.join(words)} "
    hits = [o for o in options if any(_phrase_in(keyword, said) for keyword in o.keywords)]
    if hits:
        emergency = [o for o in hits if o.action is OptionAction.EMERGENCY]
        return (emergency or sorted(hits, key=lambda o: o.speech_priority))[0]
    if len(words) > 3:  # "one child and two dogs" is a sentence, not a key press
        return None
    keys = [_SPOKEN_DIGITS.get(word, word) for word in words]
    keys = [k for k in keys if len(k) == 1 and (k.isdigit() or k == "*")]
    return choose_option(options, keys[0], None) if len(keys) == 1 else None


def _phrase_in(keyword: str, said: str) -> bool:
    phrase = " ".join(_WORDS.findall(keyword))
    return bool(phrase) and f" {phrase} " in said


def _read(relative: str, override_dir: Path | None) -> str:
    for base in (override_dir, DEFAULT_DIR):
        if base is not None and (base / relative).is_file():
            return (base / relative).read_text(encoding="utf-8")
    raise MenuConfigError(f"IVR menu file {relative} not found")


def _sentences(text: str) -> tuple[str, ...]:
    lines = tuple(line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def _option(raw: Mapping[str, Any]) -> MenuOption:
    try:
        return MenuOption(
            key=str(raw["key"]),
            digit=str(raw["digit"]),
            action=OptionAction(raw["action"]),
            prompt=str(raw["prompt"]),
            keywords=tuple(str(k).lower().strip() for k in raw.get("keywords", ())),
            speech_priority=int(raw.get("speech_priority", 100)),
        )
    except (KeyError, ValueError) as exc:
        raise MenuConfigError(f"bad menu option {dict(raw)!r}: {exc}") from exc


def _style(raw: Mapping[str, Any]) -> VoiceStyle:
    defaults = VoiceStyle()
    unknown = set(raw) - set(VoiceStyle.__dataclass_fields__)
    if unknown:
        raise MenuConfigError(f"unknown [voice] settings: {sorted(unknown)}")
    for name, value in raw.items():
        # A number typed as text (or the reverse) would only fail mid-call; catch it now.
        if type(value) is not type(getattr(defaults, name)):
            raise MenuConfigError(f"[voice] {name} = {value!r} has the wrong type")
    return VoiceStyle(**raw)


def _check(menu: IvrMenu) -> None:
    keys = [o.key for o in menu.options]
    digits = [o.digit for o in menu.options]
    problems = [f"prompt {n!r} is empty" for n, text in menu.prompts.items() if not text]
    problems += [f"option key {k!r} must be lower_snake_case" for k in keys if not _KEY.match(k)]
    problems += [f"digit {d!r} must be one of 0-9 or *" for d in digits if d not in _DIGITS]
    if len(set(keys)) != len(keys) or len(set(digits)) != len(digits):
        problems.append("option keys and digits must be unique")
    by_action = [o.action for o in menu.options]
    if by_action.count(OptionAction.EMERGENCY) != 1:
        problems.append("exactly one option must have action = 'emergency'")
    if by_action.count(OptionAction.MESSAGE) == 0:
        problems.append("at least one option must have action = 'message'")
    if problems:
        raise MenuConfigError("IVR menu: " + "; ".join(problems))
