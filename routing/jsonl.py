"""The `contact-hub classify` engine: JSON lines in, one JSON line out per input, in order."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, TextIO

from routing.router import Router, default_router
from routing.types import CHANNELS, IVR_CHOICES, Context, Decision, Message

# Most lines routed in one batch, and the most bytes taken from the input at once.
BATCH = 512
_READ_SIZE = 1 << 16


class BadLine(ValueError):
    """An input line that cannot be classified (not JSON, or no text)."""


def _message(record: Any) -> tuple[Message, Context]:
    if not isinstance(record, dict):
        raise BadLine("each line must be a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        raise BadLine("`text` must be a string")
    channel = record.get("channel") or "sms"
    if channel not in CHANNELS:
        raise BadLine(f"unknown channel {channel!r}")
    ivr = record.get("ivr_choice")
    if ivr is not None and ivr not in IVR_CHOICES:
        raise BadLine(f"unknown ivr_choice {ivr!r}")
    subject = record.get("subject")
    vulnerabilities = record.get("vulnerabilities") or ()
    context = Context(recorded_vulnerabilities=tuple(str(v) for v in vulnerabilities))
    return Message(text, channel, subject if isinstance(subject, str) else None, ivr), context


def _parsed(line: str) -> tuple[dict[str, Any], Message, Context] | str:
    """The record, message and context of one JSON line, or the output for a line in error."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return json.dumps({"error": f"not JSON: {exc.msg}"})
    try:
        return (record, *_message(record))
    except BadLine as exc:
        echo = {"id": record["id"]} if isinstance(record, dict) and "id" in record else {}
        return json.dumps({**echo, "error": str(exc)}, ensure_ascii=False)


def _decided(record: dict[str, Any], decision: Decision) -> str:
    return json.dumps({**record, **decision.to_dict()}, ensure_ascii=False)


def classify_line(line: str, router: Router) -> str:
    """Classify one JSON line; echo its fields, add the decision, or add an `error`."""
    parsed = _parsed(line)
    if isinstance(parsed, str):
        return parsed
    record, message, context = parsed
    return _decided(record, router.route(message, context))


def classify_batch(lines: Sequence[str], router: Router) -> list[str]:
    """`classify_line` for each line, in order, with the valid ones routed as one batch."""
    out: list[str] = []
    valid: list[tuple[int, dict[str, Any], Message, Context]] = []
    for i, line in enumerate(lines):
        parsed = _parsed(line.rstrip("\r\n"))
        if isinstance(parsed, str):
            out.append(parsed)
        else:
            out.append("")  # filled in below, once the batch is routed
            valid.append((i, *parsed))
    decisions = router.route_many([m for _, _, m, _ in valid], [c for _, _, _, c in valid])
    for (i, record, _, _), decision in zip(valid, decisions, strict=True):
        out[i] = _decided(record, decision)
    return out


def classify_lines(lines: Iterable[str], router: Router | None = None) -> Iterator[str]:
    """Yield one JSON line (no newline) per input line, in order; blank lines are errors too."""
    router = router or default_router()
    for line in lines:
        yield classify_line(line.rstrip("\r\n"), router)


def line_batches(stream: TextIO, most: int = BATCH) -> Iterator[list[str]]:
    """The lines of `stream` in batches of what has arrived so far (at most `most` lines).

    Each read takes whatever the pipe holds, so a long input is classified in large batches
    while someone typing one line at a time still gets each answer at once.
    """
    raw = getattr(stream, "buffer", None)
    if raw is None:  # an in-memory text stream: all of it is there already
        lines = iter(stream)
        while batch := list(islice(lines, most)):
            yield batch
        return
    pending = b""
    while chunk := raw.read1(_READ_SIZE):
        *complete, pending = (pending + chunk).split(b"\n")
        for start in range(0, len(complete), most):
            yield [line.decode("utf-8", "replace") for line in complete[start:start + most]]
    if pending:
        yield [pending.decode("utf-8", "replace")]


def main(stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Run the classify engine over stdin to stdout (for the `contact-hub classify` command).

    Lines are routed in batches (`Router.route_many`); each batch's answers are flushed at once.
    """
    source = stdin or sys.stdin
    sink = stdout or sys.stdout
    router = default_router()
    for batch in line_batches(source):
        for out in classify_batch(batch, router):
            sink.write(out + "\n")
        sink.flush()
    return 0
