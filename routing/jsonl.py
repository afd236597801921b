"""The `contact-hub classify` engine: JSON lines in, one JSON line out per input, in order."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from routing.router import Router, default_router
from routing.types import CHANNELS, IVR_CHOICES, Context, Message


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


def classify_line(line: str, router: Router) -> str:
    """Classify one JSON line; echo its fields, add the decision, or add an `error`."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return json.dumps({"error": f"not JSON: {exc.msg}"})
    try:
        message, context = _message(record)
    except BadLine as exc:
        echo = {"id": record["id"]} if isinstance(record, dict) and "id" in record else {}
        return json.dumps({**echo, "error": str(exc)}, ensure_ascii=False)
    decision = router.route(message, context)
    return json.dumps({**record, **decision.to_dict()}, ensure_ascii=False)


def classify_lines(lines: Iterable[str], router: Router | None = None) -> Iterator[str]:
    """Yield one JSON line (no newline) per input line, in order; blank lines are errors too."""
    router = router or default_router()
    for line in lines:
        yield classify_line(line.rstrip("\r\n"), router)


def main(stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Run the classify engine over stdin to stdout (for the `contact-hub classify` command)."""
    source = stdin or sys.stdin
    sink = stdout or sys.stdout
    for out in classify_lines(source):
        sink.write(out + "\n")
    sink.flush()
    return 0
