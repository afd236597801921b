"""The menu wording and options come from files a landlord can override."""

from __future__ import annotations

from pathlib import Path

import pytest

from channels.ivr import IvrContext, greeting, menu_choice
from channels.ivr_menus import (
    DEFAULT_DIR,
    IvrMenu,
    MenuConfigError,
    OptionAction,
    choose_option,
    load_menu,
)
from tests.unit.ivr.twiml_check import BASE_URL, parse, spoken

DEFAULT_TOML = (DEFAULT_DIR / "menu.toml").read_text(encoding="utf-8")


def ctx_for(menu: IvrMenu) -> IvrContext:
    return IvrContext(
        base_url=BASE_URL, menu=menu, open_now=True, advisor_numbers=("+442079460018",)
    )


def write_menu(directory: Path, text: str) -> Path:
    (directory / "menu.toml").write_text(text, encoding="utf-8")
    return directory


def test_shipped_menu_has_one_emergency_option_on_1(menu: IvrMenu) -> None:
    assert menu.emergency_option().digit == "1"
    assert [o.key for o in menu.options] == [
        "emergency", "repair", "complaint", "rent", "other", "advisor", "repeat"
    ]  # fmt: skip
    assert all(menu.sentences(name) for name in menu.prompts)


def test_one_prompt_can_be_overridden_alone(tmp_path: Path) -> None:
    (tmp_path / "welcome.txt").write_text(
        "# a comment line is not spoken\nWelcome to Riverside Homes.\nCalls are free.\n",
        encoding="utf-8",
    )
    menu = load_menu(tmp_path)
    assert menu.sentences("welcome") == ("Welcome to Riverside Homes.", "Calls are free.")
    said = spoken(parse(greeting(ctx_for(menu))))
    assert said[1] == "Welcome to Riverside Homes. Calls are free."
    assert said[0].startswith("If you can smell gas")  # everything else is the default


def test_menu_options_can_be_overridden(tmp_path: Path) -> None:
    text = DEFAULT_TOML.replace('digit = "4"', 'digit = "6"').replace(
        "For rent, payments, or your tenancy, press 4", "For rent or your tenancy, press 6"
    )
    menu = load_menu(write_menu(tmp_path, text))
    assert "For rent or your tenancy, press 6" in " ".join(spoken(parse(greeting(ctx_for(menu)))))
    root = parse(menu_choice(ctx_for(menu), {"Digits": "6"}, attempt=1))
    record = root.find("Record")
    assert record is not None and "option=rent" in (record.get("action") or "")


def test_voice_settings_come_from_the_file(tmp_path: Path) -> None:
    text = DEFAULT_TOML.replace('rate = "90%"', 'rate = "slow"').replace(
        'voice = "Polly.Amy-Neural"', 'voice = "Google.en-GB-Neural2-A"'
    )
    say = parse(greeting(ctx_for(load_menu(write_menu(tmp_path, text))))).find("Say")
    assert say is not None and say.get("voice") == "Google.en-GB-Neural2-A"
    prosody = say.find("prosody")
    assert prosody is not None and prosody.get("rate") == "slow"


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (('action = "message"\nspeech_priority = 2', 'action = "emergency"\nspeech_priority = 2'),
         "exactly one option"),
        (('digit = "5"', 'digit = "4"'), "unique"),
        (('digit = "5"', 'digit = "#"'), "0-9 or *"),
        (('key = "other"', 'key = "Other Things"'), "lower_snake_case"),
        (('action = "repeat"', 'action = "dance"'), "bad menu option"),
        (("sentence_pause_ms = 700", 'sentence_pause_ms = "700"'), "wrong type"),
        (("sentence_pause_ms = 700", "pause = 700"), "unknown [voice]"),
    ],
)  # fmt: skip
def test_bad_menu_files_stop_start_up(
    tmp_path: Path, change: tuple[str, str], complaint: str
) -> None:
    old, new = change
    assert old in DEFAULT_TOML
    with pytest.raises(MenuConfigError, match=complaint.replace("[", r"\[")):
        load_menu(write_menu(tmp_path, DEFAULT_TOML.replace(old, new, 1)))


def test_an_empty_prompt_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "safety.txt").write_text("\n# nothing\n", encoding="utf-8")
    with pytest.raises(MenuConfigError, match="'safety' is empty"):
        load_menu(tmp_path)


def test_actions_are_typed(menu: IvrMenu) -> None:
    rent = menu.option("rent")
    assert rent is not None and rent.action is OptionAction.MESSAGE
    assert menu.option("nope") is None


def test_emergency_words_win_whatever_the_configured_priority(tmp_path: Path) -> None:
    text = DEFAULT_TOML.replace(
        'action = "emergency"\nspeech_priority = 0', 'action = "emergency"\nspeech_priority = 99'
    )
    assert text != DEFAULT_TOML
    menu = load_menu(write_menu(tmp_path, text))
    option = choose_option(menu.options, None, "I want to complain, there's a gas leak")
    assert option is not None and option.action is OptionAction.EMERGENCY
