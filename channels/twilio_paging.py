"""TwiML for paging calls: read the alert, "press 1 to acknowledge". Pure functions."""

from __future__ import annotations

from twilio.twiml.voice_response import VoiceResponse

VOICE = {"voice": "Polly.Amy", "language": "en-GB"}


def page_twiml(script: str, prompt: str, ack_action: str) -> str:
    """Say the alert, then gather one key; no key (or a wrong one) repeats once."""
    response = VoiceResponse()
    for _ in range(2):
        gather = response.gather(num_digits=1, action=ack_action, method="POST", timeout=8,
                                 finish_on_key="")
        gather.say(script, **VOICE)
        gather.say(prompt, **VOICE)
    response.say("No key was pressed. You will be paged again. Goodbye.", **VOICE)
    return str(response)


def said(text: str) -> str:
    """A short message, then hang up."""
    response = VoiceResponse()
    response.say(text, **VOICE)
    response.hangup()
    return str(response)
