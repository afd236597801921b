"""An allow-list of Twilio's documented TwiML for voice, and a checker for our responses.

Taken from Twilio's TwiML reference pages (https://www.twilio.com/docs/voice/twiml/<verb>:
say, gather, record, dial, number, redirect, pause, hangup) and the <Say> SSML page
(https://www.twilio.com/docs/voice/twiml/say/text-speech#ssml), as summarised in
shared/reference/channel-apis.md §1.1. Only what Twilio documents is allowed, so a typo
in an attribute name (Twilio ignores unknown ones silently) fails a test.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

BASE_URL = "https://hub.example.org.uk"

SSML = frozenset(
    {"break", "emphasis", "lang", "p", "phoneme", "prosody", "s", "say-as", "sub", "w"}
)

# element -> (allowed attributes, allowed child elements)
# fmt: off
TWIML_VOICE: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "Response": (
        frozenset(),
        frozenset({
            "Connect", "Dial", "Enqueue", "Gather", "Hangup", "Leave", "Pause", "Pay",
            "Play", "Record", "Redirect", "Refer", "Reject", "Say", "Sms", "Start", "Stop",
        }),
    ),
    "Say": (frozenset({"voice", "language", "loop"}), SSML),
    "Play": (frozenset({"loop", "digits"}), frozenset()),
    "Pause": (frozenset({"length"}), frozenset()),
    "Hangup": (frozenset(), frozenset()),
    "Redirect": (frozenset({"method"}), frozenset()),
    "Gather": (
        frozenset({
            "action", "actionOnEmptyResult", "enhanced", "finishOnKey", "hints", "input",
            "language", "method", "numDigits", "partialResultCallback",
            "partialResultCallbackMethod", "profanityFilter", "speechModel",
            "speechTimeout", "timeout",
        }),
        frozenset({"Say", "Play", "Pause"}),
    ),
    "Record": (
        frozenset({
            "action", "finishOnKey", "maxLength", "method", "playBeep",
            "recordingStatusCallback", "recordingStatusCallbackEvent",
            "recordingStatusCallbackMethod", "timeout", "transcribe", "transcribeCallback",
            "trim",
        }),
        frozenset(),
    ),
    "Dial": (
        frozenset({
            "action", "answerOnBridge", "callerId", "hangupOnStar", "method", "record",
            "recordingStatusCallback", "recordingStatusCallbackEvent",
            "recordingStatusCallbackMethod", "recordingTrack", "ringTone", "timeLimit",
            "timeout", "trim",
        }),
        frozenset({"Number", "Client", "Conference", "Queue", "Sip", "Application"}),
    ),
    "Number": (
        frozenset({
            "sendDigits", "url", "method", "statusCallbackEvent", "statusCallback",
            "statusCallbackMethod", "byoc", "machineDetection", "machineDetectionTimeout",
            "amdStatusCallback", "amdStatusCallbackMethod",
        }),
        frozenset(),
    ),
    # SSML inside <Say>
    "prosody": (frozenset({"rate", "pitch", "volume"}), SSML),
    "break": (frozenset({"strength", "time"}), frozenset()),
    "emphasis": (frozenset({"level"}), SSML),
    "s": (frozenset(), SSML - {"p", "s"}),
    "p": (frozenset(), SSML - {"p"}),
}

# fmt: on

_URL_ATTRS = frozenset(
    {
        "action",
        "url",
        "recordingStatusCallback",
        "transcribeCallback",
        "statusCallback",
    }
)
_METHOD_ATTRS = frozenset({"method", "recordingStatusCallbackMethod", "statusCallbackMethod"})
_VALUE_RULES: dict[tuple[str, str], Callable[[str], bool]] = {
    ("Gather", "input"): lambda v: v in {"dtmf", "speech", "dtmf speech"},
    ("Gather", "timeout"): lambda v: v.isdigit() and int(v) >= 1,
    ("Gather", "numDigits"): lambda v: v.isdigit() and int(v) >= 1,
    ("Gather", "speechTimeout"): lambda v: v == "auto" or v.isdigit(),
    ("Gather", "finishOnKey"): lambda v: re.fullmatch(r"[0-9#*]?", v) is not None,
    ("Record", "timeout"): lambda v: v.isdigit(),
    ("Record", "maxLength"): lambda v: v.isdigit() and 1 <= int(v) <= 14400,
    ("Record", "finishOnKey"): lambda v: re.fullmatch(r"[0-9#*]+", v) is not None,
    ("Record", "playBeep"): lambda v: v in {"true", "false"},
    ("Record", "transcribe"): lambda v: v in {"true", "false"},
    ("Record", "recordingStatusCallbackEvent"): lambda v: (
        set(v.split()) <= {"in-progress", "completed", "absent"}
    ),
    ("Dial", "timeout"): lambda v: v.isdigit() and 5 <= int(v) <= 600,
    ("Say", "language"): lambda v: v == "en-GB",
    ("Gather", "language"): lambda v: v == "en-GB",
    ("Say", "loop"): lambda v: v.isdigit(),
    ("Pause", "length"): lambda v: v.isdigit() and int(v) >= 1,
    ("prosody", "rate"): lambda v: (
        v in {"x-slow", "slow", "medium", "fast", "x-fast"}
        or re.fullmatch(r"\d{1,3}%", v) is not None
    ),
    ("break", "time"): lambda v: re.fullmatch(r"\d+(ms|s)", v) is not None,
}


def parse(twiml: str, base_url: str = BASE_URL) -> ET.Element:
    """Parse a TwiML string (failing the test if it is not XML) and check it throughout.

    Every callback URL must start with `base_url` + ``/webhooks/twilio/voice``.
    """
    root = ET.fromstring(twiml)
    assert root.tag == "Response"
    _check(root, base_url)
    return root


def _check(element: ET.Element, base_url: str) -> None:
    assert element.tag in TWIML_VOICE, f"<{element.tag}> is not documented TwiML we allow"
    attributes, children = TWIML_VOICE[element.tag]
    for name, value in element.attrib.items():
        assert name in attributes, f"<{element.tag} {name}=...> is not a documented attribute"
        if name in _URL_ATTRS:
            assert value.startswith(base_url + "/webhooks/twilio/voice"), (name, value)
        if name in _METHOD_ATTRS:
            assert value in {"GET", "POST"}, (name, value)
        rule = _VALUE_RULES.get((element.tag, name))
        assert rule is None or rule(value), f"<{element.tag} {name}={value!r}> out of range"
    for child in element:
        assert child.tag in children, f"<{child.tag}> may not be inside <{element.tag}>"
        _check(child, base_url)
    if element.tag == "Redirect":
        assert (element.text or "").startswith(base_url + "/webhooks/twilio/voice")
    if element.tag == "Number":
        assert re.fullmatch(r"\+[1-9]\d{6,14}", element.text or ""), element.text


def spoken(element: ET.Element) -> list[str]:
    """Every <Say> in document order, as the text a caller hears (markup removed)."""
    return [" ".join("".join(say.itertext()).split()) for say in element.iter("Say")]


def verbs(element: ET.Element) -> list[str]:
    """The top-level verbs of a response, in order."""
    return [child.tag for child in element]
