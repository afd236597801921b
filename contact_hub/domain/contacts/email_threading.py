"""Which conversation an email reply belongs to: a pure rule, scoped to the sender.

A reply names earlier mail in two ways: message ids in In-Reply-To/References (ours, when
it answers our acknowledgement) and our contact reference in the subject ("CH-7K3QM9P").
Either may be forwarded, quoted or copied by someone else, so a match counts only when
the earlier message was to or from this same address: a different resident quoting a
reference starts their own conversation and is never merged into someone else's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from contact_hub.domain.contacts.references import ALPHABET, LENGTH

_REFERENCE = re.compile(rf"\bCH-[{ALPHABET}]{{{LENGTH}}}\b", re.IGNORECASE)
HEADER = "header"  # matched a message id we sent, in In-Reply-To/References
REFERENCE = "reference"  # matched a contact reference quoted in the subject


@dataclass(frozen=True)
class ThreadRefs:
    """What a reply says it answers."""

    references: tuple[str, ...]  # contact references, upper-cased
    message_ids: tuple[str, ...]  # "<id@host>" as in the headers

    def __bool__(self) -> bool:
        return bool(self.references or self.message_ids)


@dataclass(frozen=True)
class ThreadCandidate:
    """An earlier message a reply may answer, and whose conversation it is."""

    conversation_id: int
    customer_id: int
    identity_id: int
    address: str  # the email identity the earlier message was from (or sent to)
    via: str  # HEADER or REFERENCE
    at: datetime


def thread_refs(subject: str | None, replies_to: Sequence[str]) -> ThreadRefs:
    """The references in a subject and the message ids a reply answers."""
    found = [match.upper() for match in _REFERENCE.findall(subject or "")]
    references = tuple(dict.fromkeys(found))
    return ThreadRefs(references, tuple(dict.fromkeys(replies_to)))


def choose_thread(sender: str, candidates: Sequence[ThreadCandidate]) -> ThreadCandidate | None:
    """The conversation to join, or None for the usual (sender's latest open) one.

    Only candidates from this sender's own address count. A header match beats a
    subject reference (the subject is easier to copy); among equals the latest wins.
    """
    address = sender.strip().lower()
    own = [candidate for candidate in candidates if candidate.address == address]
    if not own:
        return None
    by_header = [candidate for candidate in own if candidate.via == HEADER]
    return max(by_header or own, key=lambda candidate: (candidate.at, candidate.conversation_id))
