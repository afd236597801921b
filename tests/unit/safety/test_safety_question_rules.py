"""The safety question's pure rules: how a reply reads, and what an answer or a deadline does."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from contact_hub.domain.safety.questions import (
    LATE_ANSWER_WINDOW,
    Action,
    Answer,
    Reading,
    Status,
    on_cannot_ask,
    on_reply,
    on_timeout,
    packaged_wordings,
    parse_wordings,
    read_reply,
)

WORDINGS = packaged_wordings()
ASKED = datetime(2026, 12, 3, 21, 0, tzinfo=UTC)
YES = Reading(Answer.YES, "yes")
NO = Reading(Answer.NO, "no")
UNCLEAR = Reading(Answer.UNCLEAR, "?")


def read(text: str, language: str | None = "en", danger: bool = False) -> Answer:
    return read_reply(text, WORDINGS.for_reply(language), danger_by_rules=danger).answer


@pytest.mark.parametrize("text", ["YES", "yes", "Yes!", "y", "Yeah", "yes, in the kitchen",
                                  "YES 🔥", "not sure", "Maybe", "i think so"])
def test_yes_and_doubt_read_as_yes(text: str) -> None:
    assert read(text) == Answer.YES


@pytest.mark.parametrize("text", ["NO", "no", "No.", "nope", "No thanks", "no one",
                                  "Nobody is in danger", "no, all fine here", "N"])
def test_a_plain_no_reads_as_no(text: str) -> None:
    assert read(text) == Answer.NO


@pytest.mark.parametrize("text", ["there is smoke", "Help please", "I can smell GAS",
                                  "sparks from the socket", "call 999"])
def test_danger_words_without_a_no_read_as_yes(text: str) -> None:
    assert read(text) == Answer.YES


def test_the_rules_finding_danger_overrides_a_no() -> None:
    assert read("No, but there is smoke coming out of the socket", danger=True) == Answer.YES
    assert read("No, but there is smoke coming out of the socket") == Answer.NO


@pytest.mark.parametrize("text", ["ok", "thanks", "what do you mean?", "when is the plumber "
                                  "coming", "", "nothing"])
def test_anything_else_is_unclear(text: str) -> None:
    assert read(text) == Answer.UNCLEAR


@pytest.mark.parametrize(("language", "yes", "no"), [
    ("pl", "Tak", "nie"), ("ro", "DA", "Nu"), ("pt", "Sim", "Não"), ("es", "sí", "No"),
    ("tr", "Evet", "Hayır"), ("uk", "Так", "Ні"), ("lt", "taip", "ne"), ("so", "haa", "maya"),
    ("ar", "نعم", "لا"), ("ur", "ہاں", "نہیں"), ("fa", "بله", "نه"), ("bn", "হ্যাঁ", "না"),
    ("gu", "હા", "ના"), ("pa", "ਹਾਂ", "ਨਹੀਂ"), ("zh", "是的", "没有"),
])
def test_answers_in_the_residents_language(language: str, yes: str, no: str) -> None:
    assert read(yes, language) == Answer.YES
    assert read(no, language) == Answer.NO
    assert read("YES", language) == Answer.YES  # English is always understood
    assert read(f"{no}, {yes}" if language != "zh" else "不是", language) == Answer.NO


def test_another_languages_words_are_not_read_for_an_english_speaker() -> None:
    assert read("tak", "en") == Answer.UNCLEAR
    assert read("tak", "pl") == Answer.YES


def test_polish_no_means_yes_so_it_is_unclear_from_a_polish_speaker() -> None:
    assert read("no", "pl") == Answer.UNCLEAR
    assert read("no", "en") == Answer.NO


def test_a_pending_question_yes_escalates_and_no_keeps_the_decision() -> None:
    yes = on_reply(Status.PENDING, YES, None, ASKED)
    no = on_reply(Status.PENDING, NO, None, ASKED)
    unclear = on_reply(Status.PENDING, UNCLEAR, None, ASKED)
    assert (yes.status, yes.action, yes.absorb_reply) == (Status.ANSWERED_YES, Action.ESCALATE,
                                                          True)
    assert (no.status, no.action, no.absorb_reply) == (Status.ANSWERED_NO, Action.KEEP, True)
    # An unclear reply escalates (when in doubt) and is routed as a message of its own.
    assert (unclear.status, unclear.action, unclear.absorb_reply) == (
        Status.UNCLEAR, Action.ESCALATE, False)


def test_late_answers_never_lower_and_a_late_yes_after_no_escalates() -> None:
    settled = ASKED + timedelta(minutes=10)
    soon = settled + timedelta(minutes=5)
    late_yes = on_reply(Status.ANSWERED_NO, YES, settled, soon)
    assert (late_yes.status, late_yes.action) == (Status.ANSWERED_YES, Action.ESCALATE)
    late_no = on_reply(Status.TIMED_OUT, NO, settled, soon)
    assert (late_no.status, late_no.action, late_no.absorb_reply) == (
        Status.TIMED_OUT, Action.NOTE, True)
    again = on_reply(Status.ANSWERED_YES, YES, settled, soon)
    assert again.action == Action.NOTE  # a second YES (a duplicate) only adds a note
    assert on_reply(Status.ANSWERED_NO, UNCLEAR, settled, soon).action == Action.NOTHING
    much_later = settled + LATE_ANSWER_WINDOW + timedelta(seconds=1)
    assert on_reply(Status.ANSWERED_NO, YES, settled, much_later).action == Action.NOTHING


def test_the_deadline_escalates_only_a_pending_question_that_is_due() -> None:
    due = ASKED + timedelta(minutes=10)
    assert on_timeout(Status.PENDING, due, due - timedelta(seconds=1)).action == Action.WAIT
    timed_out = on_timeout(Status.PENDING, due, due)
    assert (timed_out.status, timed_out.action) == (Status.TIMED_OUT, Action.ESCALATE)
    for settled in (Status.ANSWERED_NO, Status.ANSWERED_YES, Status.TIMED_OUT):
        assert on_timeout(settled, due, due + timedelta(hours=1)).action == Action.NOTHING


def test_a_question_that_cannot_be_sent_escalates_at_once() -> None:
    step = on_cannot_ask("recipient opted out of texts (STOP)")
    assert (step.status, step.action) == (Status.NOT_ASKED, Action.ESCALATE)
    assert "opted out" in step.why


def test_the_question_goes_in_english_then_the_residents_language() -> None:
    polish = WORDINGS.question("pl", "CH-ABC1234", "Magna Housing")
    assert polish.startswith("Magna Housing: about your message (reference CH-ABC1234).")
    assert polish.index("reply YES or NO") < polish.index("Odpowiedz TAK lub NIE")
    assert "999" in polish
    english = WORDINGS.question(None, "CH-ABC1234", "Magna Housing")
    assert "Odpowiedz" not in english and "reply YES or NO" in english
    assert WORDINGS.question("xx", "CH-1", "M") == WORDINGS.question("en", "CH-1", "M")


def test_every_held_language_is_marked_reviewed_or_not_and_has_answers() -> None:
    languages = set(WORDINGS.by_language)
    assert {"en", "pl", "ro", "pa", "ur", "pt", "es", "ar", "bn", "gu", "lt", "so", "tr", "uk",
            "fa", "zh"} <= languages
    assert WORDINGS.by_language["en"].reviewed
    assert not WORDINGS.by_language["pl"].reviewed  # nobody fluent has checked it yet


def test_a_bad_wording_edit_is_refused() -> None:
    with pytest.raises(ValueError, match="reviewed"):
        parse_wordings({"en": {"question": "Q?", "yes": ["y"], "no": ["n"]}})
    with pytest.raises(ValueError, match="English"):
        parse_wordings({"pl": {"reviewed": False, "question": "Q?", "yes": ["t"], "no": ["n"]}})
    with pytest.raises(ValueError, match="yes"):
        parse_wordings({"en": {"reviewed": True, "question": "Q?", "yes": [], "no": ["n"]}})
