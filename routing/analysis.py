"""Finding cues in normalised text, with the scope rules that keep them honest.

A hazard word only counts when it is asserted about now: not denied ("no smell of gas"),
not hypothetical ("what do I do if I smell gas"), not over ("it was the cooker, all sorted"),
not history ("we had a leak last year") and not only in the quoted earlier thread of a reply.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from routing import lexicon as lx
from routing.factoring import factored, required_literals, trie_pattern

# Other scripts' full stops and question marks (Urdu and Arabic, Chinese, Devanagari, Ethiopic)
# and commas: without them a whole Urdu message was one clause, and "I told you last week too"
# at its end made its bulging ceiling history (session 11).
_STOPS = "\u06d4\u061f\u3002\uff01\uff1f\u0964\u1362\u1367"
_COMMAS = "\u060c\uff0c\uff1b\u1363\u1364"
# (session 16) A point between digits is no break: "I rang at 8.05pm to report a smell of gas".
# (session 17) nor one before a digit: "the fire at no.16 last month"
_SENTENCE_BREAK = re.compile(rf"(?:[!?;\n{_STOPS}]|\.(?!\d))+")
_CONTRAST = r"\s(?:but|however|although|though|whereas|except)\s"
# ", but " is one break, not two with an empty clause between (that would hide a clause).
_CLAUSE_BREAK = re.compile(
    rf"(?:[!?;\n,:(){_STOPS}{_COMMAS}]|\.(?!\d))+(?:{_CONTRAST})?|{_CONTRAST}")
# (session 19) and a spoken "well" that turns to the speaker's own news: "he said he couldn't
# find nothing well i can smell it right now"
_WINDOW_CUT = re.compile(
    r".*\b(?:and|but|so|then|because|as|when|after|since|or"
    r"|well(?= (?:i|it|we|he|she|they|there|now)\b))\b", re.S)
_WORD = re.compile(r"\w+")
# How long a complaint must be to be read as a story told (session 15; see `_past`).
_STORY_WORDS = 60
_CONJUNCTION = re.compile(r"\b(?:and|but|so|because|cos|which|while|whilst|although|though)\b")
# What a clause after "but" may say of the danger itself ("but it's back"): `_resolved`.
_BUT_IT = re.compile(r"(?:now )?(?:it|its|it s|they)\b").match

# The scope patterns, regrouped for speed (same matches).
_NEGATION = factored(lx.NEGATION).search
_NEGATED_LIST = lx.NEGATED_LIST.search
_POWER_BACK_ON = lx.POWER_BACK_ON
_PEOPLE_FINE = lx.PEOPLE_FINE
_SYMPTOMS_NOW = lx.SYMPTOMS_NOW.search
_HYPOTHETICAL = factored(lx.HYPOTHETICAL).search
_RESOLVED = factored(lx.RESOLVED).search
_FIRE_OUT = lx.FIRE_OUT.search
_LINGERING_SMELL = lx.LINGERING_SMELL.search
_SEWAGE_SMELL = lx.SEWAGE_SMELL.finditer
_NO_ESCAPE = lx.NO_ESCAPE.search
_WATER_STOPPED = lx.WATER_STOPPED.match
_SEWAGE_CLEANUP = lx.SEWAGE_CLEANUP.search
_GONE_BY = lx.GONE_BY.search
_ESCAPING_NOW = lx.ESCAPING_NOW.search
_IN_HOSPITAL = lx.IN_HOSPITAL.search
_THING_COLLAPSED = lx.THING_COLLAPSED.search
_FALLEN_FITTING = lx.FALLEN_FITTING.search
_URGENT = lx.URGENT.search
_REACHES_HOME = lx.REACHES_HOME.search
_JOKE_ENDS = lx.JOKE_ENDS.search
_RELATIVE_CLAUSE = re.compile(r", (?:who|which) (?:is|s|are|has|have) [^,.;!?\n]{1,40},")
# How far after a mention "seriously though" can say it was a joke (about a sentence).
_JOKE_REACH = 160
# (session 18) A run of other words in a message read as English is read for another language's
# hazard phrases from two words (one space) up.
_PHRASE_SPACES = 1
_UNRESOLVED = factored(lx.UNRESOLVED).search
_FAULT_GOES_ON = lx.FAULT_GOES_ON.search
_PRESENT_TENSE = lx.PRESENT_TENSE.search
_NOW = lx.NOW.search
_STORY_FRAME = lx.STORY_FRAME.search
_TOLD_IN_THE_PAST = lx.TOLD_IN_THE_PAST.search
_JUST_NOW = lx.JUST_NOW.search
_REPORT_PREAMBLE = lx.REPORT_PREAMBLE
_MAINTENANCE_HISTORY = lx.MAINTENANCE_HISTORY
_AREA_OUTAGE = lx.AREA_OUTAGE.search
_POWER_NOT_A_FAULT = lx.POWER_NOT_A_FAULT.search
_SEWAGE_OUTSIDE = lx.SEWAGE_OUTSIDE.search
_DRAIN_OUTSIDE = lx.DRAIN_OUTSIDE
# The danger layer's cues (routing.danger) are named "<effect> (by effect)".
BY_EFFECT = "(by effect)"
_INDOORS = lx.INDOORS.search
_PAST = factored(lx.PAST).search
_ELSEWHERE = lx.ELSEWHERE.search
_ELSEWHERE_AFTER = lx.ELSEWHERE_AFTER.match
_NOT_IN_THE_HOME = lx.NOT_IN_THE_HOME.search
# (session 31) Dangers that are only an emergency inside the home: outside, said not to have got
# in, they are elsewhere (`_NOT_IN_THE_HOME`).
_INSIDE_ONLY = frozenset({"water", "sewage"})
_REPORT_VERB = factored(lx.REPORT_VERB).search
_ONGOING = factored(lx.ONGOING).search
_CAUGHT = lx.CAUGHT.search
_NOT_CAUGHT = lx.NOT_CAUGHT.search
_EMERGENCY_ATTENDED = lx.EMERGENCY_ATTENDED.search
_ALARM_FAULT = factored(lx.ALARM_FAULT).search
_LIFT_EMPTY = lx.LIFT_EMPTY.search
_STRUCTURE_SOUND = lx.STRUCTURE_SOUND.search
# (session 31) words that say something else besides ("not near the lights but right over the
# sockets"): a sentence with one does not set a danger aside by what else it says
CONTRAST = re.compile(r"\b(?:but|except|apart from|although|though|however|still)\b")
_HARMLESS = lx.OTHER_LANGUAGE_HARMLESS.finditer
ENGLISH_LOOKALIKES_PATH = Path(__file__).resolve().parent / "data" / "english_lookalikes.txt"
# How far either side of an other-language hazard phrase a harmless phrase is looked for.
_HARMLESS_REACH = 40
_POSSIBLE = lx.OTHER_LANGUAGE_POSSIBLE.finditer
# Dangers that are over once they have happened (session 14): told with a time gone by anywhere
# in their sentence, they are history. A broken door or a fallen ceiling stays until mended.
_TRANSIENT = frozenset({"water", "gas", "fire", "carbon_monoxide"})
# (session 21) Events over once they have happened, told with a day gone by ("stuck in the lift
# on Saturday", "the fire in the bin store last week"): what they left has cues of its own. Not
# a break-in: days after one, the home may still not be secure in words no cue knows.
_EVENTS = frozenset({"fire", "lift entrapment", "stuck or trapped (by effect)",
                     "person collapsed or hurt", "person hurt or fallen (by effect)", "flooding"})
# (session 24) Events over with their day only when nothing after them in the message goes on: a
# fall ("my mum fell on the stairs last week"; not "... she's still on the floor") and a flood
# ("the flood on Friday ... it's all gone down now"; not "... Everything's fine now. The
# electrics are still tripping").
_EVENTS_UNLESS_GOING_ON = frozenset({"person collapsed or hurt",
                                     "person hurt or fallen (by effect)", "flooding"})
# Dangers that stay until mended (session 15; see `_past`), with live wiring (`_lasting`).
_LASTING = frozenset({"structural", "security"})
# (session 19) The cues whose danger a stay in hospital ends (`_set_aside`).
_COLLAPSED = frozenset({"person collapsed or hurt", "person hurt or fallen (by effect)"})
# Dangers in the home itself, not to a person (session 16): people being all right ("he's OK
# now") is not their end, as it is for someone who fell or was trapped, or a cold home.
_IN_THE_HOME = frozenset({"gas", "fire", "carbon_monoxide", "electrical", "water", "structural",
                          "security", "sewage"})
# Cue kinds for a loss of heating or hot water: making a boiler safe does not end one.
_LOSS_OF_SERVICE = frozenset({"heating", "hot_water"})
_MADE_SAFE = lx.MADE_SAFE
_FIXED_WITHIN = lx.FIXED_WITHIN.search
_MENDED_BEFORE = lx.MENDED_BEFORE.search
_AS_BEFORE = lx.AS_BEFORE.search
_AS_BEFORE_SUB = lx.AS_BEFORE.sub
_EVENT_BEFORE = lx.EVENT_BEFORE.search
_EVENT_NOUN_BEFORE = lx.EVENT_NOUN_BEFORE.search
_EVENT_NOUN = lx.EVENT_NOUN.search
_EVENT_PRONOUN = lx.EVENT_PRONOUN.search
_EVENT_WITHIN = lx.EVENT_WITHIN.search
_EVENT_AFTERMATH_AFTER = lx.EVENT_AFTERMATH_AFTER.match
_AFTERMATH_NOUN = lx.AFTERMATH_NOUN.search
_NAMED_EARLIER = lx.NAMED_EARLIER.search
_RECENT_PAST = lx.RECENT_PAST.search
_PAPERWORK = lx.PAPERWORK.search
_PAPERWORK_EVENT = lx.PAPERWORK_EVENT.search
_PAPERWORK_SPAN_BEFORE = lx.PAPERWORK_SPAN_BEFORE.search
_PAPERWORK_EVENT_BEFORE = lx.PAPERWORK_EVENT_BEFORE.search
_SUPPLY_BACK = lx.SUPPLY_BACK.finditer
_MADE_SECURE = lx.MADE_SECURE.finditer
_WISH_BEFORE = lx.WISH_BEFORE.search
_NOT_SECURE = lx.NOT_SECURE.search
_MADE_SECURE_UNDONE = lx.MADE_SECURE_UNDONE.search
_WORKING_AGAIN = lx.WORKING_AGAIN.finditer
_FOUND_SAFE = lx.FOUND_SAFE.finditer
_FOUND_SAFE_PAST = lx.FOUND_SAFE_PAST.search
_FOUND_SAFE_NOT_PAST = lx.FOUND_SAFE_NOT_PAST.search
_OVER_NOW = lx.OVER_NOW.finditer
# (session 22) Dangers a message can say were found safe since (`Segments.found_safe`).
_FOUND_SAFE_HAZARDS = frozenset({"gas", "carbon_monoxide"})
# (session 22) What a wish for safety reads before "made secure" or "said it's safe".
_WISH_REACH = 30
# (session 22) An event that leaves a home insecure or a structure failing until made safe: once
# the message says it was made safe or secure since (`Segments.made_secure`), it is done.
_MADE_SECURE_EVENTS = frozenset({"break-in", "window smashed", "door or lock smashed",
                                 "structural failure", "door or window broken in (by effect)",
                                 "collapse or failing structure (by effect)"})
_HAPPENING_NOW = lx.HAPPENING_NOW.search
# How far after a hypothetical mention "it is happening now" can come (about two sentences).
_HAPPENING_NOW_REACH = 160
_QUOTED_THREAD = lx.QUOTED_THREAD.search
_QUOTE_CONTINUES = lx.QUOTE_CONTINUES.search
_OLD_THREAD = lx.OLD_THREAD.search
# A reply's subject line ("re: kitchen fire follow-up"), as routing.normalise puts it first.
_REPLY_SUBJECT = re.compile(r"(?:subject: )?(?:re|aw|sv) ?: [^\n]*\n").match
# (session 18) A job note's subject line that says the job is done ("Job 558872 complete - no
# heating - resolved", "smell of burning - no fault found", "gas escape attended"); not one that
# goes on to something new ("boiler repaired last week but now it smells of gas") or denies it
# ("leak not fixed", "not completed").
_DONE_SUBJECT = re.compile(
    r"subject: (?![^\n]*\b(?:but|now|again|still|back|new|another|however|not|never|nobody|no one"
    r"|yet|un\w+)\b)[^\n]*?"
    r"\b(?:complete|completed|resolved|closed|no fault found|made safe|attended|fixed|repaired)\b"
    r"[^\n]*\n").match
# (session 19) A subject line that names a topic, not an event: a question, a claim, thanks,
# the making good after ("question - gas smell", "Claim for damage - flood from Flat 9",
# "Thank you - ceiling leak last week"), as routing.normalise puts it first.
_TOPIC_SUBJECT = re.compile(
    r"subject: [^\n]*?\b(?:question|query|enquiry|inquiry|claim|insurance|compensation|thanks?"
    r"|thank you|advice|information|info|redecorat\w*|decorat\w*|making good|make good|stains?"
    r"|reimburse\w*|refund|feedback|hypothetical|what to do|how to)\b[^\n]*\n").match
# (session 20) Verdicts a subject line's mention may take from the body's first clauses.
_BY_THE_BODY = frozenset({"resolved", "past", "negated"})
# (session 20) Any subject line, as routing.normalise puts it first.
_SUBJECT_LINE = re.compile(r"subject: [^\n]*\n").match
# A subject line that names a complaint: what it names is the complaint's story (see `_past`).
_COMPLAINT_SUBJECT = re.compile(
    r"subject: [^\n]*?\b(?:complaint|stage (?:2|two)|ombudsman)\b[^\n]*\n").match
# Substrings one of which every quoted thread contains (most texts have none: no regex run).
_QUOTE_MARKS = (">", "wrote:", "original message", "sent: ", "date: ")
# A reply's new part shorter than this says too little to set the quoted report aside.
_MIN_NEW_WORDS = 3
# Below a quote, fewer words than this are a sign-off ("Kind regards, John Smith").
_MIN_WORDS_BELOW = 5
# A forward passes the report on: its quoted part is the report.
_FORWARD = re.compile(r"(?:fw|fwd) ?:").match
# Alarm cues that a battery or end-of-life warning explains (not symptoms, smoke or fire).
_ALARM_CUES = frozenset({"CO alarm sounding", "fire alarm sounding"})

# How far back (in characters) a negation or "if" can reach.
_NEGATION_REACH = 36
_HYPOTHETICAL_WORDS = 5


_T = TypeVar("_T")


class _computed_once(Generic[_T]):  # a decorator, named like cached_property
    """functools.cached_property without its lock (3.11 takes an RLock on every first use,
    a measurable share of routing one message); Segments are never shared between threads."""

    def __init__(self, compute: Callable[[Any], _T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, segments: object, owner: type | None = None) -> _T:
        value = segments.__dict__[self.name] = self.compute(segments)
        return value


@dataclass(frozen=True, slots=True)
class Hit:
    """One matched cue and whether, after scope checks, it still counts."""

    cue: lx.HazardCue
    words: str
    start: int
    ignored_because: str | None = None


class Segments:
    """Sentence and clause boundaries of one text, for scope checks by position."""

    def __init__(self, text: str, english: frozenset[str] | None = None) -> None:
        """english: the words of English (the worker's router has them), to look for another
        language's hazard phrases in the runs of other words of a message read as English."""
        self.text = text
        self.english = english

    @_computed_once
    def story_frame(self) -> bool:
        """The message tells a story: framed as a complaint or as thanks, and long enough (a
        short complaint in the past tense may be about a danger still there)."""
        # (words counted by their spaces: the count need not be exact, only cheap)
        return self.text.count(" ") >= _STORY_WORDS and bool(_STORY_FRAME(self.text))

    @_computed_once
    def complaint_subject_end(self) -> int:
        """(session 17) Where a subject line naming a complaint ends ("Subject: Formal complaint
        - response to gas leak"), when the message does not say the danger goes on; else 0."""
        subject = _COMPLAINT_SUBJECT(self.text)
        return subject.end() if subject is not None and not self.goes_on else 0

    @_computed_once
    def done_subject_end(self) -> int:
        """(session 18) Where a subject line saying a job is done ends, when the message does
        not say the danger goes on; else 0."""
        subject = _DONE_SUBJECT(self.text)
        return subject.end() if subject is not None and not self.goes_on else 0

    @_computed_once
    def topic_subject_end(self) -> int:
        """(session 19) Where a subject line naming a topic ends; 0 when there is none."""
        subject = _TOPIC_SUBJECT(self.text)
        return subject.end() if subject is not None else 0

    @_computed_once
    def subject_end(self) -> int:
        """(session 20) Where a subject line read by its body ends (one naming a topic, or
        one naming an event: "Sparking socket"); 0 when there is none, or it is a reply's or
        says it is urgent (`_subject_follows_body`)."""
        subject = _SUBJECT_LINE(self.text)
        if subject is None or _REPLY_SUBJECT(self.text) or _URGENT(self.text, 0, subject.end()):
            return 0
        return subject.end()

    @_computed_once
    def goes_on(self) -> bool:
        """The message says a report goes on or points to it ("it's back", "still", "see
        below"): read once for a reply's and a complaint's subject line."""
        return _continues(self.text)

    @_computed_once
    def says_nothing_escapes(self) -> bool:
        """(session 27) The message says nothing escapes ("no overflow", "it just smells", "the
        toilet flushes fine"): read for sewage named as a smell (`_only_a_smell`)."""
        return bool(_NO_ESCAPE(self.text))

    @_computed_once
    def left_to_clean_up(self) -> bool:
        """(session 27) Sewage gone by, left to clean up: a clean-up named, the overflow at a time
        gone by ("last week", "on Friday"), and nothing says it escapes now or is left inside
        the home. Read once for every sewage mention (`_set_aside`)."""
        text = self.text
        return bool(_SEWAGE_CLEANUP(text) and _GONE_BY(text) and not _ESCAPING_NOW(text))

    @_computed_once
    def says_resolved(self) -> bool:
        """Somewhere the text says something was mended or made safe (see `_past`)."""
        return bool(_RESOLVED(self.text))

    @_computed_once
    def made_secure(self) -> int:
        """(session 22) Where the message last says the home was made safe or secure since ("the
        house itself has been made secure", "Boarded and secure"), not as a wish ("please confirm
        when it has been made safe"); -1 when it does not, or says something will not lock or
        close. An event told after that place may have come after it ("boarded on Monday, and
        tonight the board has been kicked in")."""
        text = self.text
        return -1 if _NOT_SECURE(text) else _last_said(_MADE_SECURE, text)

    @_computed_once
    def found_safe(self) -> int:
        """(session 22) Where the message last says a danger was found safe, fixed or made safe,
        or was a false alarm ("the engineer came, fixed it and said all safe"), not as a wish nor
        with a time gone by of its own; -1 when it does not, or says anywhere that something goes
        on or came back, or that someone feels ill."""
        text = self.text
        if _UNRESOLVED(text) or _SYMPTOMS_NOW(text):
            return -1
        # not a mend with a time gone by of its own ("the cooker was fixed in March"): that may
        # be before the smell
        return _last_said(lambda t: (found for found in _FOUND_SAFE(t)
                                     if not _PAST(self.sentence(found.start()))), text)

    @_computed_once
    def over_now(self) -> int:
        """(session 23) Where the message last says a thing is over now ("Everything is safe and
        working now", "the immediate danger is over"), not as a wish; -1 when it does not, or says
        after that place that something goes on or came back, or anywhere that someone feels
        ill."""
        text = self.text
        found = _last_said(_OVER_NOW, text)
        if found < 0 or _UNRESOLVED(text, found) or _SYMPTOMS_NOW(text):
            return -1
        return found

    @_computed_once
    def working_again(self) -> int:
        """(session 22) Where the message last says a supply works again without naming it
        ("It's all working again now"), above any quoted thread; -1 when it does not."""
        text = self.text
        end = self.quote.start() if self.quote is not None else len(text)
        return max((found.start() for found in _WORKING_AGAIN(text, 0, end)), default=-1)

    @_computed_once
    def quote(self) -> re.Match[str] | None:
        """The first marker of a quoted earlier thread ("> ", "-----Original Message-----",
        "On ... wrote:"), or None when there is none."""
        text = self.text
        return _QUOTED_THREAD(text) if any(mark in text for mark in _QUOTE_MARKS) else None

    @_computed_once
    def anchors(self) -> frozenset[str]:
        """The lexicon's pre-check substrings present in the text."""
        return anchors_in(self.text, self.english)

    @_computed_once
    def sentence_starts(self) -> list[int]:
        """Offsets where sentences start (built on first use: most texts never need it)."""
        return [0] + [m.end() for m in _SENTENCE_BREAK.finditer(self.text)]

    @_computed_once
    def clause_starts(self) -> list[int]:
        """Offsets where clauses start."""
        return [0] + [m.end() for m in _CLAUSE_BREAK.finditer(self.text)]

    def _span(self, starts: list[int], pos: int, extra: int = 0) -> tuple[int, int]:
        i = bisect_right(starts, pos) - 1
        end_i = i + 1 + extra
        end = starts[end_i] if end_i < len(starts) else len(self.text)
        return starts[i], end

    def clause(self, pos: int, following: int = 0) -> str:
        """The clause containing `pos`, plus `following` clauses after it."""
        start, end = self.clause_bounds(pos, following)
        return self.text[start:end]

    def clause_bounds(self, pos: int, following: int = 0) -> tuple[int, int]:
        """Start and end offsets of `clause(pos, following)`."""
        return self._span(self.clause_starts, pos, following)

    def part_of_clause(self, pos: int) -> str:
        """The stretch of the clause around `pos` between two conjunctions ("and", "but")."""
        start, end = self._span(self.clause_starts, pos)
        for match in _CONJUNCTION.finditer(self.text, start, end):
            if match.start() >= pos:
                return self.text[start:match.start()]
            start = match.end()
        return self.text[start:end]

    @_computed_once
    def quoted_span(self) -> tuple[int, int] | None:
        """Where a reply's quoted earlier thread starts and ends, if the new part leaves it
        behind.

        The new part is above the quote (top-posting) or, when nothing is above it, the last
        paragraph below it (bottom-posting: "-----Original Message----- ... \n\nHello, just
        asking ..."). None when there is no quote, when the new part is too short to say
        anything, when it says the quoted report goes on ("still", "again", "see below",
        "please help"), or when the message is a forward. (session 22) A new part that says it
        is sent on an old thread (`old_thread`) leaves the thread behind even in a forward.
        """
        text = self.text
        match = self.quote
        if match is None:
            return None
        reply = _REPLY_SUBJECT(text)
        new = text[reply.end() if reply else 0:match.start()]
        # (session 15) a quote in ">" lines ends where they do: "hi marcus, > we have raised a
        # job ... \n\nthanks - but in last night's wind the tree split onto the roof"
        end = _end_of_quoted_lines(text, match.start())
        if end is not None and len(_WORD.findall(text[end:])) < _MIN_WORDS_BELOW:
            end = None
        if len(_WORD.findall(new)) >= _MIN_NEW_WORDS:
            if _continues(new) and not self.old_thread:
                return None
            return match.start(), end or len(text)
        if _FORWARD(text):
            return None
        if end is not None:
            return match.start(), end
        last = text.rfind("\n\n", match.end())
        if last == -1:
            return None
        below = text[last:]
        if len(_WORD.findall(below)) < _MIN_WORDS_BELOW or _continues(below):
            return None
        return match.start(), last

    @_computed_once
    def old_thread(self) -> bool:
        """(session 22) The message is sent on an old thread and its new part says so ("Sorry to
        send this on the old thread"), and not that the report goes on."""
        if self.quote is None:
            return False
        new = self.text[:self.quote.start()]
        return bool(_OLD_THREAD(new)) and not _UNRESOLVED(new)

    @_computed_once
    def old_thread_subject_end(self) -> int:
        """(session 22) Where the subject line of a message sent on an old thread ends (it names
        the old thread: "Subject: FW: Gas smell - 41 Chantry Way"); 0 otherwise."""
        subject = _SUBJECT_LINE(self.text) if self.old_thread else None
        return subject.end() if subject is not None else 0

    @_computed_once
    def reply_subject_end(self) -> int:
        """Where an English reply's "re:" subject line ends; 0 when there is none (`quoted`)."""
        reply = _REPLY_SUBJECT(self.text)
        return reply.end() if reply is not None and not may_be_other_language(self.text) else 0

    def quoted(self, pos: int) -> bool:
        """Whether `pos` lies in the quoted earlier thread of a reply (see quoted_span), or in
        the "re:" subject line that names it: with a quoted thread, or (session 16) with none,
        unless the message says the report goes on ("Re: Gas smell - it's back again"). Only
        for English: another language's "NOW IT'S A FLOOD" cannot be read for that."""
        in_subject = pos < self.reply_subject_end or pos < self.old_thread_subject_end
        span = self.quoted_span
        if span is None:
            return in_subject and not self.goes_on
        # (session 27) with a quote, a reply's subject line names the thread unless the message
        # outside the quote says the report goes on ("Subject: RE: front door still not secure",
        # "> A joiner will attend Monday", then "this morning the door was open again")
        return span[0] <= pos < span[1] or pos < self.old_thread_subject_end or (
            pos < self.reply_subject_end and not self.unquoted_goes_on)

    @_computed_once
    def unquoted_goes_on(self) -> bool:
        """(session 27) The message outside its quoted thread says the report goes on."""
        span = self.quoted_span
        if span is None:
            return self.goes_on
        return _continues(f"{self.text[:span[0]]}\n{self.text[span[1]:]}")

    def sentence(self, pos: int) -> str:
        """The sentence containing `pos`."""
        start, end = self._span(self.sentence_starts, pos)
        return self.text[start:end]

    def before_in_clause(self, pos: int) -> str:
        """Text from the start of the clause (or a short reach back) up to `pos`."""
        start, _ = self._span(self.clause_starts, pos)
        return self.text[max(start, pos - _NEGATION_REACH):pos]

    def rest_of_part(self, pos: int) -> str:
        """Text from `pos` to the end of its part of the clause (see `part_of_clause`)."""
        _, end = self._span(self.clause_starts, pos)
        match = _CONJUNCTION.search(self.text, pos, end)
        return self.text[pos:match.start() if match else end]

    def next_sentence(self, pos: int) -> str:
        """The sentence after the one containing `pos` ("" at the end)."""
        _, end = self._span(self.sentence_starts, pos)
        return self.sentence(end) if end < len(self.text) else ""

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        """Start and end offsets of the sentence containing `pos`."""
        return self._span(self.sentence_starts, pos)

    def before_in_sentence(self, pos: int) -> str:
        """Text from the start of the sentence up to `pos`."""
        start, _ = self._span(self.sentence_starts, pos)
        return self.text[start:pos]


def _last_said(find: Callable[[str], Iterator[re.Match[str]]], text: str) -> int:
    """(session 22) Where `find` last matches in `text` other than as a wish read just before
    it ("please confirm when it has been made safe"); -1 when it does not."""
    return max((found.start() for found in find(text)
                if not _WISH_BEFORE(text, max(0, found.start() - _WISH_REACH), found.start())),
               default=-1)


def _end_of_quoted_lines(text: str, start: int) -> int | None:
    """Where a block of ">" lines that begins at `start` ends (the next line that is neither
    quoted nor blank), or None when the quote is not in ">" lines or runs to the end."""
    pos = start
    seen = False
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end == -1 else end
        line = text[pos:end].strip()
        if line.startswith(">"):
            seen = True
        elif line and seen:
            return pos
        elif line:
            return None
        pos = end + 1
    return None


def _continues(new: str) -> bool:
    """The new part of a reply says the quoted report goes on, or points to it."""
    return bool(_UNRESOLVED(new) or _QUOTE_CONTINUES(new))


def _negated(seg: Segments, cue: lx.HazardCue, start: int, words: str) -> bool:
    if not cue.negatable:
        return False
    return _negated_before(seg, start) or bool(_NEGATION(words))


def _negated_before(seg: Segments, start: int) -> bool:
    """A negation before `start`: in its clause, or over a list it ends ("no smoke, smell or
    sparks")."""
    window = _WINDOW_CUT.sub("", seg.before_in_clause(start))
    # Searched in place, so a look-behind sees the words the reach cut ("probably nothing").
    if _NEGATION(seg.text, start - len(window), start):
        return True
    return bool(_NEGATED_LIST(seg.before_in_sentence(start)[-_NEGATION_REACH:]))


def _hypothetical(seg: Segments, start: int) -> bool:
    before = seg.before_in_sentence(start)[-60:]
    tail = " ".join(_WORD.findall(before)[-_HYPOTHETICAL_WORDS:])
    if not _HYPOTHETICAL(tail):
        return False
    # "what would happen if the alarm keeps beeping? cos that's what's happening now"
    return not _HAPPENING_NOW(seg.text, start, start + _HAPPENING_NOW_REACH)


def _resolved(seg: Segments, start: int, words: str, loss_of_service: bool = False,
              live: bool = False, poisoning: bool = False, in_the_home: bool = False) -> bool:
    if _RESOLVED_LITERALS and _RESOLVED_LITERALS.isdisjoint(seg.anchors):
        return False  # nothing in the whole text could say it is over
    flags = (loss_of_service, live, poisoning, in_the_home)
    region_start, region_end = seg.clause_bounds(start, following=2)
    if seg.text.endswith(" but ", 0, region_end) and _BUT_IT(seg.text, region_end):
        # (session 29) a contrast about the danger itself is read to its end: "gas board came,
        # fine now but it's back this morning"
        region_end = seg.clause_bounds(start, following=3)[1]
    # (session 29) a mending verb right before the danger: "replaced the sparking switch"
    mended = bool(_MENDED_BEFORE(seg.text, region_start, start))
    if not _resolved_in(seg, seg.text[region_start:region_end], words, mended, *flags):
        return False
    # (session 23) A danger told as now, then a mend in a later sentence with a time gone by of
    # its own ("I can smell gas in the kitchen. The cooker was fixed in March."): the mend may
    # be before the danger, so only the danger's own sentence is read. Not a subject line: the
    # body tells its times. (Read only when the whole region says it is over.)
    sentence_start, sentence_end = seg.sentence_bounds(start)
    if start < seg.subject_end or region_end <= sentence_end or not _PAST(
            seg.text, sentence_end, region_end):
        return True
    sentence = seg.text[sentence_start:sentence_end]
    if (_PAST(sentence) or _RECENT_PAST(sentence) or _told_in_the_past(sentence)
            or _FOUND_SAFE_PAST(sentence) or _NAMED_EARLIER(seg.before_in_sentence(start))):
        return True
    return _resolved_in(seg, seg.text[region_start:sentence_end], words, mended, *flags)


def _resolved_in(seg: Segments, region: str, words: str, mended: bool, loss_of_service: bool,
                 live: bool, poisoning: bool, in_the_home: bool) -> bool:
    """The danger (`words`) is said in `region` to be over (`_resolved`); `mended`: a mending
    verb comes right before it (`mended_before`)."""
    if _AS_BEFORE(region):  # (session 20) "same as 2 weeks ago when you fixed the tank pipe"
        region = _AS_BEFORE_SUB(" ", region)
    if _FAULT_GOES_ON(region):  # "the door wont close anymore": the fault, not its end
        return False
    if poisoning and _SYMPTOMS_NOW(seg.text):  # carbon monoxide while people feel ill
        return False
    if in_the_home:  # "he's OK now" is the people, not the socket that shocked him
        region = _PEOPLE_FINE.sub(" ", region)
    if loss_of_service:  # a boiler capped or made safe is why the heating is off, not its end
        region = _MADE_SAFE.sub(" ", region)
    if live:  # the power back on is the danger for live wires, not the end of one
        region = _POWER_BACK_ON.sub(" ", region)
    if _FIRE_OUT(region) and not _UNRESOLVED(region):
        return True
    # The cue's own words are the fault, not its end: "the boiler has stopped". (session 20) A
    # mending verb between its first and last words is not: "the gas engineer fixed the leak".
    fixed_within = _FIXED_WITHIN(" ".join(words.split(" ")[1:-1]))
    region = region.replace(words, " ", 1)
    return bool(fixed_within or mended or _RESOLVED(region)) and not _UNRESOLVED(region)


def _told_in_the_past(sentence: str) -> bool:
    """A sentence told wholly in the past tense, nothing in it now or just now (session 15).
    (session 17) Who someone is does not count: "my husband, who is 81, was stuck in the lift"."""
    sentence = _RELATIVE_CLAUSE.sub(",", _REPORT_PREAMBLE.sub(" ", sentence))
    return bool(_TOLD_IN_THE_PAST(sentence)) and not (
        _ONGOING(sentence) or _PRESENT_TENSE(sentence) or _NOW(sentence) or _JUST_NOW(sentence))


def _a_story(seg: Segments, sentence: str, lasting: bool) -> bool:
    """The danger's sentence tells the story of a long complaint or thank-you letter, wholly in
    the past tense; a lasting danger only when the letter says something was mended."""
    return seg.story_frame and _told_in_the_past(sentence) and (not lasting or seg.says_resolved)


def _past(seg: Segments, start: int, words: str, transient: bool = False,
          lasting: bool = False, event: bool = False) -> str | None:
    """History, not now: a time gone by in the clause ("the fire last year"), or, for a danger
    that is over once it has happened (a leak, gas, a fire), anywhere in a sentence told wholly
    in the past ("the fire ... was last November"), unless something says it goes on: in the
    clause, or, for a danger that stays until mended (a fallen ceiling), anywhere in the
    sentence ("the ceiling fell in last month, ... bits still falling").

    (session 21) Also history: a danger named as the event something came after (`words`, see
    `_named_as_an_event`), and an `event` over once it happened (`_EVENTS`) told with a day gone
    by this week or last ("stuck in the lift on Saturday"). (session 22) And one named as the
    event paperwork is about (`_about_paperwork`: "the date the ceiling fell in, for my claim").

    "past" for history, "story" for a danger told as the story of a long complaint or thank-you
    letter (the router asks about those), None when it may be now."""
    sentence = seg.sentence(start)
    if _named_as_an_event(seg, start, words) or _about_paperwork(seg, start, words, sentence):
        return "past"
    clause = seg.clause(start)
    # (session 15) The danger's own part of the clause, between conjunctions: "there was a fire
    # in the bin store back in october | and it's still all black" (the aftermath goes on, not
    # the fire); "there was a flood last tuesday | and now the sockets are sparking" (now).
    part = seg.part_of_clause(start)
    if _REPORT_VERB(part):  # "I reported a gas leak yesterday": it may go on, unless a story
        return "story" if _a_story(seg, sentence, lasting) else None
    if _MAINTENANCE_HISTORY.search(sentence):  # when it was serviced is not when the danger was
        clause = _MAINTENANCE_HISTORY.sub(" ", clause)
        sentence = _MAINTENANCE_HISTORY.sub(" ", sentence)
        part = _MAINTENANCE_HISTORY.sub(" ", part)
    if _AS_BEFORE(sentence):  # (session 20) the earlier time it is compared with is not now's
        clause = _AS_BEFORE_SUB(" ", clause)
        sentence = _AS_BEFORE_SUB(" ", sentence)
        part = _AS_BEFORE_SUB(" ", part)
    part = _REPORT_PREAMBLE.sub(" ", part)
    if (_NOW(part) or _ONGOING(part)) and not _PAST(part):
        return None
    if (_PAST(clause) and not _ONGOING(clause if transient else sentence)
            or _attended(sentence, part)):
        return "past"
    if event and _RECENT_PAST(part) and not (_ONGOING(clause) or _PRESENT_TENSE(part)):
        return "past"
    # A story told in a complaint or thanks: a danger told in the past is over, but one that
    # stays until mended (live wires, a fallen ceiling, a broken door) only when the letter says
    # somewhere that something was made safe or mended. It is told apart ("story"): the
    # resident is asked the safety question, as for a danger only in a reply's quote.
    if _a_story(seg, sentence, lasting):
        return "story"
    if not transient:
        return None
    if _PAST(sentence) and not _ONGOING(sentence) and not _PRESENT_TENSE(sentence):
        return "past"
    if _PAST(part) and not _ONGOING(part) and not _PRESENT_TENSE(part):
        return "past"
    return None


def _attended(sentence: str, part: str) -> bool:
    """(session 24) The danger's sentence tells the emergency response that came for it
    ("Emergency team came at 3am for water in my light switch"), and nothing in it is now."""
    return bool(_EMERGENCY_ATTENDED(sentence)) and not (
        _NOW(sentence) or _ONGOING(sentence) or _PRESENT_TENSE(part))


def _caught(sentence: str) -> bool:
    """(session 24) Water caught in a bucket, tray or bowl as it comes, and nothing in its
    sentence says it is more than that or near the electrics."""
    return bool(_CAUGHT(sentence)) and not _NOT_CAUGHT(sentence)


def scope(seg: Segments, cue: lx.HazardCue, start: int, words: str) -> str | None:
    """Why a mention (of an effect, say) does not count, or None when it does.

    The negation check looks only before the words, since a negation inside them is part of
    the effect ("will not turn off", "can not get up").
    """
    return _set_aside(seg, cue, start, words,
                      lambda: cue.negatable and _negated_before(seg, start), False)


def _set_aside(seg: Segments, cue: lx.HazardCue, start: int, words: str,
               negated: Callable[[], bool], loss_of_service: bool) -> str | None:
    """The checks every mention goes through, in order (`scope`, `_scope`)."""
    if seg.quoted(start):
        return "quoted"
    if negated():
        return "negated"
    if _hypothetical(seg, start):
        return "hypothetical"
    if _elsewhere(seg, cue, start):
        return "elsewhere"
    if _JOKE_ENDS(seg.text, start, start + _JOKE_REACH):
        return "joke"
    if _resolved(seg, start, words, loss_of_service, cue.hazard == "electrical",
                 cue.hazard == "carbon_monoxide", cue.hazard in _IN_THE_HOME
                 ) or _made_secure_since(seg, cue, start) or _said_safe_since(seg, cue, start) or (
            cue.hazard == "water" and _stopped_right_after(seg, start, words)):
        return "resolved"
    said_otherwise = _said_otherwise(seg, cue, start)
    if said_otherwise:
        return said_otherwise
    if _lingering(seg.part_of_clause(start)):
        return "past"
    if cue.hazard == "sewage" and seg.left_to_clean_up:
        return "past"
    if (cue.hazard == "welfare" and words.startswith("collapsed")
            and _THING_COLLAPSED(seg.text, max(0, start - 60), start)):
        return "a thing"  # (session 29) "the shed roof has collapsed": not a person
    # (session 19) someone who fell or collapsed and is now in hospital is cared for
    if cue.name in _COLLAPSED and _IN_HOSPITAL(seg.clause(start, following=2)):
        return "resolved"
    verdict = _past(seg, start, words, cue.hazard in _TRANSIENT or loss_of_service, _lasting(cue),
                    _an_event(seg, cue, start))
    return verdict if verdict is not None else _aside_though_now(seg, cue, start)


def _said_otherwise(seg: Segments, cue: lx.HazardCue, start: int) -> str | None:
    """What the rest of the sentence or the next one says instead: (session 17) the next
    sentence only says the home is not the landlord's ("... Not one of your homes."); (session
    32) the structure is sound."""
    if _ELSEWHERE_AFTER(seg.next_sentence(start)) and not _REACHES_HOME(seg.clause(start)):
        return "elsewhere"
    if cue.hazard == "structural" and said_after(seg, start, _STRUCTURE_SOUND):
        return "said sound"
    return None


def said_after(seg: Segments, start: int, said: Callable[[str], object]) -> bool:
    """(session 32) `said` in the rest of the mention's sentence or in the next sentence, where
    that part says nothing else besides (`CONTRAST`: "Nobody in it was hurt but they can't get
    out")."""
    rest = seg.text[start:seg.sentence_bounds(start)[1]]
    return any(said(part) and not CONTRAST.search(part)
               for part in (rest, seg.next_sentence(start)))


def _elsewhere(seg: Segments, cue: lx.HazardCue, start: int) -> bool:
    """The danger is at a home not the landlord's, and does not reach the resident's (`_ELSEWHERE`,
    `_REACHES_HOME`); (session 31) or water or sewage outside, said in its sentence or the next
    not to have come into the home (`_NOT_IN_THE_HOME`); (session 33) or sewage in the street
    or another public place, in the mention's clause, when its sentence and the next do not say it
    reaches the home or name a door or a room (`_SEWAGE_OUTSIDE`, `_INDOORS`); (session 37) or a
    danger told by its effect on a drain named before it with its place outside, likewise, the
    drain's own place not counting as a door ("the drain outside my door overflowed again":
    `_DRAIN_OUTSIDE`)."""
    if _ELSEWHERE(seg.sentence(start)) and not _REACHES_HOME(seg.clause(start)):
        return True
    if cue.hazard == "sewage":
        clause = seg.clause(start)
        drain_outside = cue.name.endswith(BY_EFFECT) and _DRAIN_OUTSIDE.search(
            seg.before_in_clause(start))
        if (_SEWAGE_OUTSIDE(clause) or drain_outside) and not any(
                _REACHES_HOME(said) or _INDOORS(_DRAIN_OUTSIDE.sub(" ", said))
                for said in (seg.sentence(start), seg.next_sentence(start))):
            return True
    return cue.hazard in _INSIDE_ONLY and bool(_NOT_IN_THE_HOME(seg.sentence(start))
                                               or _NOT_IN_THE_HOME(seg.next_sentence(start)))


def _stopped_right_after(seg: Segments, start: int, words: str) -> bool:
    """(session 28) Water named, then said at once to have stopped ("the drip from my hall ceiling
    stopped last week"), and nothing in its clause or the next two says it goes on or came back."""
    end = start + len(words)
    return bool(_WATER_STOPPED(seg.text, end, end + 80)) and not _UNRESOLVED(
        seg.clause(start, following=2))


def _an_event(seg: Segments, cue: lx.HazardCue, start: int) -> bool:
    """The mention is of an event over with its day (`_EVENTS`); a fall or a flood only when
    nothing after it in the message goes on (`_EVENTS_UNLESS_GOING_ON`). (session 30) So is an
    outside fitting's fall told in the mention's part of its clause (`_FALLEN_FITTING`: "a slate
    fell off our roof Tues night"), when nothing after it goes on or is now ("... and more are
    loose and sliding now")."""
    if cue.hazard == "structural" and _FALLEN_FITTING(seg.part_of_clause(start)):
        return not (_ONGOING(seg.text, start) or _NOW(seg.text, start))
    return cue.name in _EVENTS and not (cue.name in _EVENTS_UNLESS_GOING_ON
                                        and _ONGOING(seg.text, start))


def _aside_though_now(seg: Segments, cue: lx.HazardCue, start: int) -> str | None:
    """The last checks, for a mention that may be now (`_set_aside`)."""
    # (session 17) A danger named in a complaint's subject line is the complaint's story
    # (asked), unless the message says it goes on; damp and mould are left to their own rules.
    if cue.kind != "soft" and start < seg.complaint_subject_end:
        return "story"
    # (session 18) and one named in the subject line of a job done is what was done
    if start < seg.done_subject_end:
        return "resolved"
    # (session 24) water caught as it comes, nothing near the electrics (asked)
    if cue.hazard == "water" and cue.kind == "hard" and _caught(seg.sentence(start)):
        return "contained"
    return None


def _named_as_an_event(seg: Segments, start: int, words: str) -> bool:
    """(session 21) The danger is the event something came after ("the man who came after the
    burst pipe", "smashed in the break-in", "boarded after the collapse"), and the rest of its
    part does not say it goes on ("... is still pouring"). (session 23) Or the event's name
    names the work or help after it ("the flood works", "Flood - 4 weeks on")."""
    before = seg.before_in_clause(start)
    if not (_EVENT_BEFORE(before) or (_EVENT_NOUN_BEFORE(before) and _EVENT_NOUN(words))
            or _EVENT_WITHIN(words) or _names_its_work(seg, start, words)):
        return False
    rest = seg.rest_of_part(start)
    return not (_NOW(rest) or _ONGOING(rest))


def _names_its_work(seg: Segments, start: int, words: str) -> bool:
    """(session 23) The event's name names the work or help after it ("the flood works");
    (session 25) sewage's too ("a call back about the sewage clean up")."""
    return bool((_EVENT_NOUN(words) or _AFTERMATH_NOUN(words))
                and _EVENT_AFTERMATH_AFTER(seg.text, start + len(words)))


def _made_secure_since(seg: Segments, cue: lx.HazardCue, start: int) -> bool:
    """(session 22) An event that leaves a home insecure or a structure failing, told before the
    message says it was made safe or secure (`Segments.made_secure`), and not said in its own
    part to be now or again."""
    return (cue.name in _MADE_SECURE_EVENTS and seg.made_secure > start
            and not _MADE_SECURE_UNDONE(seg.part_of_clause(start)))


def _said_safe_since(seg: Segments, cue: lx.HazardCue, start: int) -> bool:
    """(session 22) A gas smell or carbon monoxide alarm told in the past, before the message
    says it was found safe or made safe (`Segments.found_safe`); (session 23) or any danger told
    in the past before the message says it is over now (`Segments.over_now`). Its sentence does
    not say it is now, since, again or back."""
    part, sentence = seg.part_of_clause(start), seg.sentence(start)
    if _NOW(part) or _PRESENT_TENSE(part) or _FOUND_SAFE_NOT_PAST(sentence):
        return False
    found_safe = cue.hazard in _FOUND_SAFE_HAZARDS and seg.found_safe > start
    over_now = seg.over_now > start
    if not (found_safe or over_now):
        return False
    told_in_the_past = bool(_PAST(sentence) or _RECENT_PAST(sentence) or _JUST_NOW(sentence)
                            or _FOUND_SAFE_PAST(sentence))
    if found_safe and told_in_the_past:
        return True
    # over now: nothing in its sentence says it goes on
    return over_now and not _UNRESOLVED(sentence) and (
        told_in_the_past or _told_in_the_past(sentence))


def _about_paperwork(seg: Segments, start: int, words: str, sentence: str) -> bool:
    """(session 22) The danger is named as the event a claim, insurance or a copy of records is
    about ("the date the ceiling fell in, for my contents claim"), and nothing in its sentence
    says it goes on or is now. (session 23) Or a loss over a span that has ended, named in a claim
    for it ("compensation for the 3 days with no electric")."""
    before = seg.before_in_clause(start)
    if not (_PAPERWORK_EVENT(words) and _PAPERWORK(sentence) and _PAPERWORK_EVENT_BEFORE(before)
            or _PAPERWORK_SPAN_BEFORE(before)):
        return False
    part = seg.part_of_clause(start)
    return not (_NOW(sentence) or _ONGOING(sentence) or _PRESENT_TENSE(part))


def _lingering(part: str) -> bool:
    """(session 17) The smell a fire gone by left ("the burnt smell from the electrical fire in
    March is still in the wall"): its "still" is the smell's, and the fire is history. Read in
    the mention's own part of its clause (a danger after "and" is its own)."""
    return bool(_LINGERING_SMELL(part) and _PAST(part) and not _NOW(part))


def _scope(seg: Segments, cue: lx.HazardCue, start: int, words: str) -> str | None:
    """Why a hazard mention does not count, or None when it does."""
    if cue.hazard == "loss_of_essential_service" and (
            _supply_back(seg.text, cue.kind) or seg.working_again > start):
        return "resolved"
    verdict = _set_aside(seg, cue, start, words, lambda: _negated(seg, cue, start, words),
                         cue.kind in _LOSS_OF_SERVICE)
    if verdict:
        return verdict
    if cue.name in _ALARM_CUES and _ALARM_FAULT(seg.clause(start, following=2)):
        return "alarm fault"
    if cue.name == "lift entrapment" and said_after(seg, start, _LIFT_EMPTY):
        return "nobody inside"  # (session 32) "stuck on the ground floor ... No one in it."
    if cue.name == "sewage" and _only_a_smell(seg, start):
        return "smell only"
    if cue.kind == "power" and not _needs_power(seg):
        if _AREA_OUTAGE(seg.sentence(start)):
            return "area outage"
        if _POWER_NOT_A_FAULT(seg.sentence(start)):
            return "not a fault"  # (session 33) out of credit, or a planned cut written about
    if cue.name in lx.LANGUAGE_CUE_NAMES and _harmless(seg.text, start, start + len(words)):
        return "harmless"
    return None


def _only_a_smell(seg: Segments, start: int) -> bool:
    """(session 27) Sewage named as a smell ("a sewage smell by the manhole"), in a message that
    says nothing escapes ("no overflow", "it just smells", "the toilet flushes fine")."""
    s_start, s_end = seg.sentence_bounds(start)
    return seg.says_nothing_escapes and any(
        m.start() <= start < m.end() for m in _SEWAGE_SMELL(seg.text, s_start, s_end))


def _supply_back(text: str, kind: str) -> bool:
    """(session 18) The message says the lost supply of this kind is back, anywhere in it."""
    return any(match.group(kind) or match.group(f"{kind}_and") for match in _SUPPLY_BACK(text))


def _lasting(cue: lx.HazardCue) -> bool:
    """A danger that stays until mended: a structure, a door or window, live wires."""
    return cue.hazard in _LASTING or "wir" in cue.name


def _needs_power(seg: Segments) -> bool:
    """Someone in the home depends on powered medical equipment (an oxygen concentrator, a
    ventilator, a hospital bed): a power cut is theirs to escalate even when it is the area's."""
    found = find_vulnerabilities(seg.text, seg.anchors)
    return any(name == "medical_equipment" for name, _ in found)


def possible_hazard(text: str, english: frozenset[str] | None = None) -> str | None:
    """A hazard named in another language (languages.toml `possible`), outside any harmless
    phrase: the word, or None. For a message whose phrases made no emergency: it is asked.

    english: for a message read as English, the words of English ("gas", "window"; numbers
    count as English too): then only runs of words that are not are read (session 17; a run is
    far shorter than the text, and a hazard word made only of English words is not another
    language's)."""
    texts = [text] if english is None else _runs_not_in(text, english)
    return next((word for part in texts for word in _possible(part)), None)


def _runs_not_in(text: str, english: frozenset[str]) -> Iterator[str]:
    """The runs of consecutive words of `text` that are not English, each joined by spaces."""
    words = _WORD.findall(text)
    if english.issuperset(words):  # most messages: every word English, nothing to search
        return
    run: list[str] = []
    for word in words:
        if word in english or word.isdigit():
            if run:
                yield " ".join(run)
                run = []
        else:
            run.append(word)
    if run:
        yield " ".join(run)


def possible_words(text: str) -> list[str]:
    """Every hazard word of another language in `text`, outside harmless phrases."""
    return list(_possible(text))


def _possible(text: str) -> Iterator[str]:
    for match in _POSSIBLE(text):
        if not _harmless(text, match.start(), match.end()):
            yield match.group(0)


def english_lookalikes(path: Path = ENGLISH_LOOKALIKES_PATH) -> frozenset[str]:
    """English words spelled like another language's hazard word (tools.english_lookalikes)."""
    lines = path.read_text("utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def _harmless(text: str, start: int, end: int) -> bool:
    """An other-language hazard phrase that is part of a harmless one (a fire door's sign)."""
    for match in _HARMLESS(text, max(0, start - _HARMLESS_REACH), end + _HARMLESS_REACH):
        if match.start() < end and match.end() > start:
            return True
    return False


def _needs(name: str, pattern: re.Pattern[str]) -> frozenset[str]:
    """Substrings one of which a text must contain to match (empty: no pre-check)."""
    written = lx.COMPLAINT_ANCHORS.get(name)
    return frozenset(written) if written else (required_literals(pattern) or frozenset())


def effect_literal(phrase: str) -> str:
    """The fixed text every match of a danger effect's `phrase` starts with (a pre-check)."""
    head = []
    for word in phrase.split():
        if word == "_":
            break
        if word.endswith("*"):
            head.append(word[:-1])
            break
        head.append(word)
    return " ".join(head)


# The danger effects' literals (routing.danger) are anchors too: one scan serves both.
EFFECT_LITERALS = frozenset(effect_literal(p) for e in lx.DANGER_EFFECTS for p in e.words)
# So are the literals one of which any resolution must contain (`_resolved`, a pre-check);
# empty when a pattern has none, and then the check always runs.
_RESOLVED_NEEDS = [required_literals(lx.RESOLVED), required_literals(lx.FIRE_OUT)]
_RESOLVED_LITERALS: frozenset[str] = frozenset().union(
    *(needs for needs in _RESOLVED_NEEDS if needs is not None)
) if None not in _RESOLVED_NEEDS else frozenset()
_COMPLAINT_ANCHORS = tuple(_needs(name, p) for name, _, p in lx.COMPLAINT_CUES)
_VULNERABILITY_ANCHORS = tuple(_needs(name, p) for name, p in lx.VULNERABILITY)
_ANCHOR_WORDS = sorted(
    {a for name, anchors in lx.ANCHORS.items() if name not in lx.LANGUAGE_CUE_NAMES
     for a in anchors}
    .union(*_COMPLAINT_ANCHORS, *_VULNERABILITY_ANCHORS, EFFECT_LITERALS, _RESOLVED_LITERALS)
)
# Other languages' anchors get their own scan, run only on text that may not be English.
_LANGUAGE_ANCHOR_WORDS = sorted(
    {a for name in lx.LANGUAGE_CUE_NAMES for a in lx.ANCHORS[name]} - set(_ANCHOR_WORDS)
)
_LANGUAGE_SCAN = re.compile(f"(?=({trie_pattern(_LANGUAGE_ANCHOR_WORDS)}))")
# The same for ASCII text, which can hold only the ASCII anchors: a trie without the other
# scripts' hundreds of first letters, tried at every position, is several times faster.
_LANGUAGE_SCAN_ASCII = re.compile(
    f"(?=({trie_pattern([a for a in _LANGUAGE_ANCHOR_WORDS if a.isascii()])}))"
)
# (Not "a", "i", "in", "to", "is", "at" or "be": words in Spanish, Polish, Lithuanian too.)
_ENGLISH_LITTLE_WORDS = frozenset((
    "the", "an", "and", "of", "on", "it", "my", "we", "our", "you", "your", "are", "was", "not",
    "have", "has", "this", "that", "there", "with", "for", "from", "can", "please",
))
# One scan finds, at every position, the longest anchor starting there; every anchor that
# occurs is contained in one of those, so `_CONTAINED` recovers the exact set present.
_ANCHOR_SCAN = re.compile(f"(?=({trie_pattern(_ANCHOR_WORDS)}))")
# ASCII text can hold only the ASCII anchors (the emoji and other scripts' words are skipped).
_ANCHOR_SCAN_ASCII = re.compile(
    f"(?=({trie_pattern([a for a in _ANCHOR_WORDS if a.isascii()])}))")
_ALL_ANCHOR_WORDS = _ANCHOR_WORDS + _LANGUAGE_ANCHOR_WORDS


def _contained(words: list[str]) -> dict[str, frozenset[str]]:
    """Each word -> the words that are substrings of it (itself included).

    Built from each word's own substrings rather than by testing every pair, so start-up does
    not grow with the square of the number of anchors (about 3,000 with other languages).
    """
    known = set(words)
    return {a: frozenset(a[i:j] for i in range(len(a)) for j in range(i + 1, len(a) + 1)
                         if a[i:j] in known) for a in words}


_CONTAINED = _contained(_ALL_ANCHOR_WORDS)


def may_be_other_language(text: str) -> bool:
    """Not plainly English: non-ASCII, or few English little words (under 2, or 1 in 8), or
    (session 24) only one of them, however often: Finnish "on" ("is") said twice is not
    English ("lattialla on vetta ja vesi on pistorasiassa")."""
    if not text.isascii():
        return True
    words = _WORD.findall(text)
    if len(words) < 3:
        return False
    little = [word for word in words if word in _ENGLISH_LITTLE_WORDS]
    return len(little) < max(2, len(words) / 8) or len(set(little)) < 2


def anchors_in(text: str, english: frozenset[str] | None = None) -> frozenset[str]:
    """Every pre-check substring (lexicon ANCHORS and COMPLAINT_ANCHORS) that `text` contains.

    Other languages' anchors are looked for only when the text may not be English, or (session
    18), given the words of English, in the runs of other words of a text that reads as English:
    a resident's own words quoted in a support worker's email ("his words: 'z kontaktu w kuchni
    sie dymi'"), a sentence switched into another language.
    """
    ascii_text = text.isascii()
    longest = set((_ANCHOR_SCAN_ASCII if ascii_text else _ANCHOR_SCAN).findall(text))
    if not ascii_text:
        longest.update(_LANGUAGE_SCAN.findall(text))
    elif may_be_other_language(text):
        longest.update(_LANGUAGE_SCAN_ASCII.findall(text))
    elif english is not None:  # a run of two words or more: not one name ("Mrs Fuego")
        for run in _runs_not_in(text, english):
            if run.count(" ") >= _PHRASE_SPACES:
                longest.update(_LANGUAGE_SCAN_ASCII.findall(run))
    if not longest:
        return frozenset()
    return frozenset().union(*(_CONTAINED[a] for a in longest))


# Inverted index of the hazard pre-checks: anchor -> positions of the cues it lets through.
def _cues_by_anchor() -> dict[str, frozenset[int]]:
    index: dict[str, set[int]] = {anchor: set() for anchor in _ALL_ANCHOR_WORDS}
    for i, cue in enumerate(lx.HAZARD_CUES):
        for anchor in lx.ANCHORS[cue.name]:
            if anchor in index:
                index[anchor].add(i)
    return {anchor: frozenset(cues) for anchor, cues in index.items()}


_CUES_BY_ANCHOR = _cues_by_anchor()


def _finder(cue: lx.HazardCue) -> Callable[[str], list[re.Match[str]]]:
    """All matches of a cue's pattern, trying its faster loose form first where that pays."""
    finditer = factored(cue.pattern).finditer
    if cue.name not in lx.LOOSE_FIRST:
        return lambda text: list(finditer(text))
    loose = lx.loosen(cue.pattern).search
    return lambda text: list(finditer(text)) if loose(text) else []


def _found_later(i: int, cue: lx.HazardCue) -> Callable[[str], list[re.Match[str]]]:
    """(session 35) Another language's cue: its pattern is compiled when a text first needs it
    (most processes never read most languages), then its finder takes this one's place."""
    def find(text: str) -> list[re.Match[str]]:
        _FINDERS[i] = finder = _finder(cue)
        return finder(text)
    return find


_FINDERS = [_found_later(i, cue) if cue.name in lx.LANGUAGE_CUE_NAMES else _finder(cue)
            for i, cue in enumerate(lx.HAZARD_CUES)]


def find_hazards(seg: Segments) -> list[Hit]:
    """Every hazard cue in the text with its scope verdict, in cue order."""
    hits = _named_again(seg, _find_hazards(seg))
    return _subject_follows_body(seg, hits) if seg.subject_end else hits


def _named_again(seg: Segments, hits: list[Hit]) -> list[Hit]:
    """(session 31) An event named again with "the" in a later sentence told wholly in the past,
    after an earlier sentence's mention (of any hazard) was set aside as history, is that
    history: "damage from Jan flood. The flood was YOUR pipe in the riser." Not when its sentence
    says anything is now, goes on or came back ("The flood is back", "the fire was out but it's
    smoking again"). (session 33) So is one told again as "it" ("... four times before it came
    down"), after a mention of the same hazard in an earlier sentence set aside as mended or made
    safe (a fall on a day gone by is otherwise still paged: the ceiling may still be open): its
    own clause told in the past, and its sentence saying nothing is now, recent or goes on."""
    past = [h.start for h in hits if h.ignored_because == "past"]
    mended = [(h.start, h.cue.hazard) for h in hits if h.ignored_because == "resolved"]
    if not (past or mended):
        return hits
    out = []
    for hit in hits:
        if hit.ignored_because is None and (
                _named_again_as_the_event(seg, hit, past)
                or _told_again_as_it(seg, hit, mended)):
            hit = replace(hit, ignored_because="past")
        out.append(hit)
    return out


def _named_again_as_the_event(seg: Segments, hit: Hit, past: list[int]) -> bool:
    if not (past and _EVENT_NOUN(hit.words) and seg.text.endswith("the ", 0, hit.start)):
        return False
    sentence = seg.sentence(hit.start)
    return bool(any(start < seg.sentence_bounds(hit.start)[0] for start in past)
                and _told_in_the_past(sentence) and not _UNRESOLVED(sentence))


def _told_again_as_it(seg: Segments, hit: Hit, mended: list[tuple[int, str]]) -> bool:
    if not (mended and _EVENT_PRONOUN(hit.words)):
        return False
    sentence = seg.sentence(hit.start)
    return bool(any(start < seg.sentence_bounds(hit.start)[0] and hazard == hit.cue.hazard
                    for start, hazard in mended)
                and _told_in_the_past(seg.clause(hit.start))
                and not (_NOW(sentence) or _ONGOING(sentence) or _RECENT_PAST(sentence)
                         or _UNRESOLVED(sentence)))


def _subject_follows_body(seg: Segments, hits: list[Hit]) -> list[Hit]:
    """A hazard named in a subject line, where the body names the same hazard and sets every
    mention of it aside, is set aside with it:
    - (session 19) for a subject line that names a topic (a question, a claim, thanks), by the
      body's own reason ("Subject: question - gas smell", then "what do I do if I ever smell
      gas?");
    - (session 20) for one that names an event ("Sparking socket", "Flood in my kitchen"),
      told by the body as history ("it sparked on 2 February and was replaced"), as "subject":
      the resident is asked, even where the body says that history is over (it may be of an
      earlier event; session 19 paged on the subject line alone). So is a subject line's
      mention the body's first clauses set aside, where its own words would not.
    Where the body does not name it, or names it now, the subject line counts; so it does when
    the subject line says it is urgent ("Fire at 18 Ashley Road - urgent"). A reply's subject
    line ("Re: Gas smell - job closed") is read with its quoted thread (`Segments.quoted`), and
    damp and mould are left to their own rules."""
    end = seg.subject_end
    topic = seg.topic_subject_end == end
    line: Segments | None = None
    out = []
    for hit in hits:
        if hit.start < end and hit.cue.kind != "soft":
            if hit.ignored_because is None:
                body = [h for h in hits if h.start >= end and h.cue.hazard == hit.cue.hazard]
                if body and all(h.ignored_because for h in body):
                    hit = replace(hit, ignored_because=body[0].ignored_because if topic
                                  else "subject")
            elif not topic and hit.ignored_because in _BY_THE_BODY:
                # set aside by the body's first clauses ("Flood in my kitchen", then "we had a
                # flood last year which you sorted"), not by the subject line's own words
                line = line or Segments(seg.text[:end], seg.english)
                if _scope(line, hit.cue, hit.start, hit.words) is None:
                    hit = replace(hit, ignored_because="subject")
        out.append(hit)
    return out


def _find_hazards(seg: Segments) -> list[Hit]:
    text = seg.text
    candidates: set[int] = set()
    present = seg.anchors
    for anchor in present:
        candidates.update(_CUES_BY_ANCHOR[anchor])
    hits: list[Hit] = []
    for i in sorted(candidates):
        cue = lx.HAZARD_CUES[i]
        for match in _FINDERS[i](text):
            words, start = match.group(0), match.start()
            hits.append(Hit(cue, words, start, _scope(seg, cue, start, words)))
    return hits


def _searcher(name: str, pattern: re.Pattern[str]) -> Callable[[str], re.Match[str] | None]:
    if name not in lx.LOOSE_FIRST:
        return factored(pattern).search
    loose = lx.loosen(pattern)

    def search(text: str) -> re.Match[str] | None:
        return pattern.search(text) if loose.search(text) else None

    return search


_VULNERABILITY = tuple((name, _searcher(name, p)) for name, p in lx.VULNERABILITY)
_COMPLAINT = tuple((name, weight, _searcher(name, p)) for name, weight, p in lx.COMPLAINT_CUES)
# Inverted index of the complaint pre-checks (as for hazards): anchor -> cues it lets through;
# a cue with no pre-check is always tried.
_COMPLAINT_ALWAYS = frozenset(i for i, needs in enumerate(_COMPLAINT_ANCHORS) if not needs)
_COMPLAINT_BY_ANCHOR: dict[str, frozenset[int]] = {
    anchor: frozenset(i for i, needs in enumerate(_COMPLAINT_ANCHORS) if anchor in needs)
    for anchor in frozenset().union(*_COMPLAINT_ANCHORS)
}


def find_vulnerabilities(
    text: str, anchors: frozenset[str] | None = None
) -> list[tuple[str, str]]:
    """(vulnerability, words) for each vulnerability cue present.

    `anchors` is `anchors_in(text)`, when the caller has it already.
    """
    present = anchors_in(text) if anchors is None else anchors
    found = []
    for (name, search), needs in zip(_VULNERABILITY, _VULNERABILITY_ANCHORS, strict=True):
        if needs and needs.isdisjoint(present):
            continue
        match = search(text)
        if match:
            found.append((name, match.group(0)))
    return found


def complaint_cues(text: str, anchors: frozenset[str] | None = None) -> list[tuple[str, int, str]]:
    """(cue, weight, words) for each kind of dissatisfaction expressed, strongest first.

    `anchors` is `anchors_in(text)`, when the caller has it already.
    """
    present = anchors_in(text) if anchors is None else anchors
    candidates = set(_COMPLAINT_ALWAYS)
    for anchor in present:
        candidates.update(_COMPLAINT_BY_ANCHOR.get(anchor, ()))
    found: dict[str, tuple[str, int, str]] = {}
    for i in sorted(candidates):  # cue order: the first cue of a name wins, as before
        name, weight, search = _COMPLAINT[i]
        if name in found:
            continue
        match = search(text)
        if match:
            found[name] = (name, weight, match.group(0))
    return sorted(found.values(), key=lambda cue: -cue[1])


_TOPICS = tuple((queue, factored(pattern).findall) for queue, pattern in lx.TOPICS)


def topic_words(text: str) -> dict[str, list[str]]:
    """The words of each queue's topic that the text uses."""
    return {queue: findall(text) for queue, findall in _TOPICS}
