"""The freephone IVR: pure functions from a Twilio voice request to the TwiML that answers it.

Each webhook view verifies the Twilio signature, calls one function here with the parsed
form and an `IvrContext`, and returns the string as ``text/xml``. Nothing here does I/O;
storing contacts and opening alerts belong to the service (see `channels.twilio_voice`
for turning callbacks into `InboundMessage`s). Every URL Twilio is told to call is
``IvrContext.base_url`` (``PUBLIC_BASE_URL``) plus one of these paths (all POST):

- ``/webhooks/twilio/voice``: the number's Voice URL; a call arrives. `greeting`.
- ``/menu?attempt=N``: Gather action (``Digits`` or ``SpeechResult``), also reached with
  neither when the caller chose nothing. `menu_choice`.
- ``/emergency``: Redirect after the emergency option. `emergency_start`.
- ``/dial-status?tier=N``: emergency Dial action (``DialCallStatus``, ``DialBridged``).
  `emergency_dial_status`.
- ``/screen?tier=N``: Number url, run on the on-call person's phone once they answer,
  before the calls are joined. `oncall_screen`.
- ``/screen-result?tier=N``: the on-call person's key press. `oncall_screen_result`.
- ``/advisor-status``: advisor Dial action (``DialCallStatus``). `advisor_dial_status`.
- ``/recorded?option=KEY``: Record action (``RecordingUrl``, ``RecordingDuration``);
  the caller may still be listening. `message_recorded`.
- ``/recording?option=KEY``: recordingStatusCallback (``RecordingSid``,
  ``RecordingStatus``). `empty_response`.
- ``/transcription?option=KEY``: transcribeCallback (``TranscriptionText``,
  ``TranscriptionStatus``). `empty_response`.
- ``/status``: the number's call status callback, set in the Twilio console
  (``CallStatus``). `empty_response`.

All but the first are under ``/webhooks/twilio/voice``; the ``*_PATH`` constants below
hold them. `KEY` is a menu option key (``repair``, ``emergency``...) or ``no_choice``.

Safety comes first: every call opens with the gas and 999 advice, before any menu, and the
emergency option is answered live at any hour, ringing the on-call rota tier by tier and
ending in a recorded message, so no emergency call ends without being heard or stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from twilio.twiml.voice_response import VoiceResponse

from channels.ivr_menus import IvrMenu, MenuOption, OptionAction, choose_option
from channels.phone import is_uk, normalise_phone

VOICE_ROOT = "/webhooks/twilio/voice"
INCOMING_PATH = VOICE_ROOT
MENU_PATH = f"{VOICE_ROOT}/menu"
EMERGENCY_PATH = f"{VOICE_ROOT}/emergency"
DIAL_STATUS_PATH = f"{VOICE_ROOT}/dial-status"
ONCALL_SCREEN_PATH = f"{VOICE_ROOT}/screen"
ONCALL_SCREEN_RESULT_PATH = f"{VOICE_ROOT}/screen-result"
ADVISOR_STATUS_PATH = f"{VOICE_ROOT}/advisor-status"
RECORDED_PATH = f"{VOICE_ROOT}/recorded"
RECORDING_PATH = f"{VOICE_ROOT}/recording"
TRANSCRIPTION_PATH = f"{VOICE_ROOT}/transcription"
STATUS_PATH = f"{VOICE_ROOT}/status"

NO_CHOICE = "no_choice"  # routing hint for a message left after no menu choice
NO_INPUT_ATTEMPTS = 2  # the greeting and one repeat, then take a message
UNCLEAR_ATTEMPTS = 3  # choices we could not match before taking a message anyway
MAX_NUMBERS_PER_DIAL = 10  # Twilio rings at most ten <Number>s at once
RECORD_SILENCE_S = 10  # people pause to think (and relay assistants to type)
SCREEN_TIMEOUT_S = 10
ACCEPT_KEY = "1"
_ANSWERED = frozenset({"completed", "answered"})


@dataclass(frozen=True)
class IvrContext:
    """What the IVR needs besides the request: settings and whether advisors are in.

    `open_now` is `OpeningHours.is_open(now)` for the moment of the request.
    `oncall_fallback_number` is ``ONCALL_FALLBACK_NUMBER``; `advisor_numbers` are rung
    (together) when a caller asks for an advisor in opening hours.
    """

    base_url: str
    menu: IvrMenu
    open_now: bool
    oncall_fallback_number: str | None = None
    advisor_numbers: tuple[str, ...] = ()

    def url(self, path: str, **query: str | int) -> str:
        """An absolute callback URL: base URL, one of the paths above, and a query."""
        suffix = f"?{urlencode(query)}" if query else ""
        return f"{self.base_url.rstrip('/')}{path}{suffix}"

    @property
    def advisors_available(self) -> bool:
        """True when a caller asking for a person can be put through now."""
        return self.open_now and bool(self.advisor_numbers)


def greeting(ctx: IvrContext) -> str:
    """The answer to a new call: safety advice first, then the menu."""
    response = VoiceResponse()
    _say(response, ctx.menu, "safety")
    _say(response, ctx.menu, "welcome")
    _add_menu(response, ctx, attempt=1)
    return str(response)


def offered_options(ctx: IvrContext) -> tuple[MenuOption, ...]:
    """The options read out now: the advisor option only when someone can answer."""
    return tuple(
        option
        for option in ctx.menu.options
        if option.action is not OptionAction.ADVISOR or ctx.advisors_available
    )


def menu_choice(
    ctx: IvrContext, form: Mapping[str, Any], attempt: int, danger_heard: bool = False
) -> str:
    """Act on the caller's menu choice (or silence) after menu presentation `attempt`.

    `danger_heard`: the router found an emergency in what the caller said, in words the
    menu's keywords do not list ("water is coming through the light"); that is the
    emergency option, whatever else matched.
    """
    digits, speech = _field(form, "Digits"), _field(form, "SpeechResult")
    caller = _field(form, "From")
    option = choose_option(ctx.menu.options, digits, speech)
    if danger_heard and not digits:
        option = ctx.menu.emergency_option()
    response = VoiceResponse()
    if option is None:
        heard = bool(digits or speech)
        _say(response, ctx.menu, "not_understood" if heard else "no_input")
        if attempt >= (UNCLEAR_ATTEMPTS if heard else NO_INPUT_ATTEMPTS):
            # Never hang up on silence: the caller may be unable to speak or press keys.
            _add_message_route(response, ctx, NO_CHOICE, caller, intro="no_choice_message")
        else:
            _add_menu(response, ctx, attempt + 1)
    elif option.action is OptionAction.EMERGENCY:
        response.redirect(ctx.url(EMERGENCY_PATH), method="POST")
    elif option.action is OptionAction.REPEAT:
        _say(response, ctx.menu, "safety")
        _add_menu(response, ctx, attempt=1)
    elif option.action is OptionAction.ADVISOR and ctx.advisors_available:
        _say(response, ctx.menu, "advisor_connecting")
        _add_dial(response, ctx, ctx.advisor_numbers, ctx.url(ADVISOR_STATUS_PATH))
    else:
        intro = None if option.action is OptionAction.MESSAGE else "advisor_unavailable"
        _add_message_route(response, ctx, option.key, caller, intro=intro)
    return str(response)


def leave_message(
    ctx: IvrContext, option_key: str, caller: str | None, intro: str | None = None
) -> str:
    """Ask the caller to leave a message (recorded and transcribed) for `option_key`."""
    response = VoiceResponse()
    _add_message_route(response, ctx, option_key, caller, intro=intro)
    return str(response)


def message_recorded(ctx: IvrContext, form: Mapping[str, Any]) -> str:
    """After a message: thank the caller; mobiles are told a text with a reference follows."""
    response = VoiceResponse()
    _say(response, ctx.menu, "message_received")
    if is_mobile_number(_field(form, "From")):
        _say(response, ctx.menu, "mobile_reference")
    _say(response, ctx.menu, "goodbye")
    response.hangup()
    return str(response)


def dial_tiers(
    rota_tiers: Sequence[str | Sequence[str]], fallback_number: str | None
) -> tuple[tuple[str, ...], ...]:
    """The numbers to ring for an emergency, tier by tier (each tier rings together).

    Each number is rung once, in its first tier; a tier of more than ten numbers is
    split. The fallback number is always the last tier, so it is rung when the rota
    names nobody and also when nobody on the rota answers.
    """
    tiers: list[tuple[str, ...]] = []
    seen: set[str] = set()
    for raw_tier in [*rota_tiers, fallback_number or ""]:
        numbers = [raw_tier] if isinstance(raw_tier, str) else list(raw_tier)
        fresh = [n.strip() for n in numbers if n.strip() and n.strip() not in seen]
        seen.update(fresh)
        tiers += [
            tuple(fresh[i : i + MAX_NUMBERS_PER_DIAL])
            for i in range(0, len(fresh), MAX_NUMBERS_PER_DIAL)
        ]
    return tuple(tiers)


def emergency_start(
    ctx: IvrContext, rota_tiers: Sequence[str | Sequence[str]], caller: str | None = None
) -> str:
    """Start ringing the on-call team (tier 0) for a caller who chose the emergency option.

    `rota_tiers` are the on-call numbers now, tier by tier (e.g. each responder's mobile
    from the rota's page order); `caller` is the form's ``From``.
    """
    tiers = dial_tiers(rota_tiers, ctx.oncall_fallback_number)
    return _emergency_tier(ctx, tiers, 0, "emergency_connecting", caller)


def emergency_dial_status(
    ctx: IvrContext,
    rota_tiers: Sequence[str | Sequence[str]],
    tier: int,
    dial_call_status: str | None,
    dial_bridged: str | None = None,
    caller: str | None = None,
) -> str:
    """After ringing `tier`: finish if someone took the call, else ring the next tier.

    When every tier has been tried the caller leaves a recorded emergency message.
    `rota_tiers` must be the same list `emergency_start` was given (the rota at the time).
    """
    if was_answered(dial_call_status, dial_bridged):
        return _goodbye(ctx)
    tiers = dial_tiers(rota_tiers, ctx.oncall_fallback_number)
    return _emergency_tier(ctx, tiers, max(tier, 0) + 1, "emergency_next_tier", caller)


def was_answered(dial_call_status: str | None, dial_bridged: str | None = None) -> bool:
    """True if a <Dial> connected the caller to a person.

    With call screening an answering machine or a declined call still reports
    ``completed``, so ``DialBridged=false`` overrides it; anything unknown counts as
    not answered, which moves on to the next person rather than dropping the caller.
    """
    status = (dial_call_status or "").strip().lower()
    return status in _ANSWERED and (dial_bridged or "").strip().lower() != "false"


def oncall_screen(ctx: IvrContext, tier: int) -> str:
    """Heard by the on-call person when they answer: press 1 to take the emergency call."""
    response = VoiceResponse()
    gather = response.gather(
        input="dtmf",
        num_digits=1,
        timeout=SCREEN_TIMEOUT_S,
        action=ctx.url(ONCALL_SCREEN_RESULT_PATH, tier=tier),
        method="POST",
    )
    _say(gather, ctx.menu, "oncall_screen")
    _say(gather, ctx.menu, "oncall_screen")  # said twice: they may still be waking up
    _say(response, ctx.menu, "oncall_declined")
    response.hangup()
    return str(response)


def oncall_screen_result(ctx: IvrContext, form: Mapping[str, Any]) -> str:
    """Connect the on-call person if they pressed 1, else hang up their leg only."""
    response = VoiceResponse()
    if _field(form, "Digits") != ACCEPT_KEY:
        # Ends only the on-call leg; the caller's Dial then reports DialBridged=false.
        _say(response, ctx.menu, "oncall_declined")
        response.hangup()
    return str(response)  # an empty answer ends the whisper and joins the two calls


def advisor_dial_status(ctx: IvrContext, form: Mapping[str, Any]) -> str:
    """After ringing advisors: finish if one answered, else take a message."""
    if was_answered(_field(form, "DialCallStatus"), _field(form, "DialBridged")):
        return _goodbye(ctx)
    advisor = next((o for o in ctx.menu.options if o.action is OptionAction.ADVISOR), None)
    key = advisor.key if advisor else NO_CHOICE
    return leave_message(ctx, key, _field(form, "From"), intro="advisor_unavailable")


def is_mobile_number(number: str | None) -> bool:
    """True if `number` is a UK mobile we can text (Crown Dependency +44 ranges included)."""
    if not number:
        return False
    parsed = normalise_phone(number)
    return parsed.mobile and is_uk(parsed)


EMERGENCY_INTROS = ("emergency_message", "emergency_nobody")


def empty_response() -> str:
    """``<Response/>``: the answer to callbacks that only report (recording, status)."""
    return str(VoiceResponse())


def _emergency_tier(
    ctx: IvrContext,
    tiers: tuple[tuple[str, ...], ...],
    tier: int,
    prompt: str,
    caller: str | None,
) -> str:
    response = VoiceResponse()
    if tier >= len(tiers):
        _say(response, ctx.menu, "safety")
        emergency_key = ctx.menu.emergency_option().key
        # With nobody to ring at all, the words promise no call back from on-call staff.
        intro = "emergency_message" if tiers else "emergency_nobody"
        _add_message_route(response, ctx, emergency_key, caller, intro=intro)
        return str(response)
    _say(response, ctx.menu, prompt)
    screen_url = ctx.url(ONCALL_SCREEN_PATH, tier=tier)
    _add_dial(response, ctx, tiers[tier], ctx.url(DIAL_STATUS_PATH, tier=tier), screen_url)
    return str(response)


def _add_dial(
    response: VoiceResponse,
    ctx: IvrContext,
    numbers: Sequence[str],
    action: str,
    screen_url: str | None = None,
) -> None:
    dial = response.dial(action=action, method="POST", timeout=ctx.menu.style.dial_timeout_s)
    for number in numbers[:MAX_NUMBERS_PER_DIAL]:
        if screen_url:
            dial.number(number, url=screen_url, method="POST")
        else:
            dial.number(number)


def _add_menu(response: VoiceResponse, ctx: IvrContext, attempt: int) -> None:
    options = offered_options(ctx)
    style = ctx.menu.style
    action = ctx.url(MENU_PATH, attempt=attempt)
    gather = response.gather(
        input="dtmf speech",
        action=action,
        method="POST",
        language=style.language,
        hints=", ".join(dict.fromkeys(k for o in options for k in o.keywords)),
        num_digits=1,
        timeout=style.gather_timeout_s,
        speech_timeout="auto",
    )
    _say(gather, ctx.menu, "relay_uk")
    if not ctx.open_now:
        _say(gather, ctx.menu, "closed")
    _say(gather, ctx.menu, "menu_intro")
    _speak(gather, ctx.menu, [option.prompt for option in options])
    # Reached only when the caller chose nothing: come back to menu_choice to decide.
    response.redirect(action, method="POST")


def _add_message_route(
    response: VoiceResponse,
    ctx: IvrContext,
    option_key: str,
    caller: str | None,
    intro: str | None = None,
) -> None:
    if intro:
        _say(response, ctx.menu, intro)
    emergency = intro in EMERGENCY_INTROS  # those prompts already say what to include
    if not emergency:
        _say(response, ctx.menu, "leave_message")
    if is_mobile_number(caller):
        _say(response, ctx.menu, "mobile_note")
    elif not emergency:
        _say(response, ctx.menu, "landline_note")
    response.record(
        action=ctx.url(RECORDED_PATH, option=option_key),
        method="POST",
        timeout=RECORD_SILENCE_S,
        finish_on_key="#",
        max_length=ctx.menu.style.message_max_length_s,
        play_beep=True,
        transcribe=True,
        transcribe_callback=ctx.url(TRANSCRIPTION_PATH, option=option_key),
        recording_status_callback=ctx.url(RECORDING_PATH, option=option_key),
        recording_status_callback_method="POST",
        recording_status_callback_event="completed absent",
    )
    # Twilio skips the action and carries on here when the recording was empty.
    _say(response, ctx.menu, "no_message")
    _say(response, ctx.menu, "safety")
    response.hangup()


def _goodbye(ctx: IvrContext) -> str:
    response = VoiceResponse()
    _say(response, ctx.menu, "goodbye")
    response.hangup()
    return str(response)


def _say(parent: Any, menu: IvrMenu, prompt: str) -> None:
    _speak(parent, menu, menu.sentences(prompt))


def _speak(parent: Any, menu: IvrMenu, sentences: Sequence[str]) -> None:
    """One <Say>: slowed with SSML prosody, with a pause after every sentence."""
    style = menu.style
    say = parent.say(voice=style.voice, language=style.language)
    target = say.prosody(rate=style.rate) if style.rate else say
    for sentence in sentences:
        # Text, then the tail of the previous <break>; the space keeps sentences apart
        # for any engine that drops the SSML.
        target.nest(f"{sentence} ")
        target.break_(time=f"{style.sentence_pause_ms}ms")


def _field(form: Mapping[str, Any], name: str) -> str | None:
    value = form.get(name)
    return str(value).strip() if value is not None and str(value).strip() else None
