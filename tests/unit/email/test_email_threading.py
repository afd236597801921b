"""The reply-threading rule: references and message ids count only for the same sender."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from contact_hub.domain.contacts.email_threading import (
    HEADER,
    REFERENCE,
    ThreadCandidate,
    choose_thread,
    thread_refs,
)
from contact_hub.services.email.outbound import email_subject, envelope

T0 = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def candidate(conversation: int, address: str, via: str, minutes: int = 0) -> ThreadCandidate:
    return ThreadCandidate(conversation, 10, 20, address, via, T0 + timedelta(minutes=minutes))


def test_references_are_found_in_the_subject_whatever_the_case():
    refs = thread_refs("RE: Re: leak [ch-7k3qm9p] and CH-2345678", ["<a@b>"])
    assert refs.references == ("CH-7K3QM9P", "CH-2345678")
    assert refs.message_ids == ("<a@b>",)


def test_text_that_only_looks_like_a_reference_is_not_one():
    # 0, O, 1, I, L and U are not in the reference alphabet; too short is not one either.
    assert not thread_refs("CH-7K3QM9O CH-12345 XCH-7K3QM9P", [])


def test_the_same_sender_joins_the_referenced_conversation():
    chosen = choose_thread("Jane@Example.com", [candidate(5, "jane@example.com", REFERENCE)])
    assert chosen is not None and chosen.conversation_id == 5


def test_a_stranger_quoting_a_reference_is_never_merged():
    for via in (REFERENCE, HEADER):
        assert choose_thread("mallory@example.net", [candidate(5, "jane@example.com", via)]) is None


def test_a_header_match_beats_a_subject_reference():
    chosen = choose_thread(
        "jane@example.com",
        [candidate(5, "jane@example.com", HEADER), candidate(9, "jane@example.com", REFERENCE, 60)],
    )
    assert chosen is not None and chosen.conversation_id == 5


def test_among_equal_matches_the_latest_wins():
    chosen = choose_thread(
        "jane@example.com",
        [
            candidate(5, "jane@example.com", REFERENCE),
            candidate(9, "jane@example.com", REFERENCE, 5),
        ],
    )
    assert chosen is not None and chosen.conversation_id == 9


def test_reply_subject_carries_the_reference_once():
    assert email_subject("acknowledgement", "...", "CH-7K3QM9P", "RE: Leak") == (
        "Re: Leak [CH-7K3QM9P]"
    )
    assert email_subject("acknowledgement", "...", "CH-7K3QM9P", "Re: Leak [CH-7K3QM9P]") == (
        "Re: Leak [CH-7K3QM9P]"
    )
    assert email_subject("acknowledgement", "...", "CH-7K3QM9P", None) == (
        "Your message to us [CH-7K3QM9P]"
    )


def test_complaint_letters_are_titled_by_their_first_line():
    body = "Your complaint CMP-1: we have logged it\n\nDear resident..."
    assert email_subject("complaint_acknowledged", body, "CH-7K3QM9P", "Re: x") == (
        "Your complaint CMP-1: we have logged it [CH-7K3QM9P]"
    )


def test_envelope_answers_the_residents_message_only_with_a_real_message_id():
    assert envelope("acknowledgement", "b", "CH-7K3QM9P", "Leak", "<m@x>")["in_reply_to"] == "<m@x>"
    assert "in_reply_to" not in envelope("acknowledgement", "b", "CH-7K3QM9P", None, "SMabc")
