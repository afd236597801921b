"""The `contact-hub classify` engine: JSON lines in, JSON lines out."""

from __future__ import annotations

import io
import json

from routing.jsonl import classify_lines, main


def test_one_line_out_per_line_in_with_fields_echoed() -> None:
    lines = [
        json.dumps({"id": "a", "text": "can smell gas", "channel": "sms"}),
        json.dumps({"id": "b", "text": "can i pay my rent by card"}),
    ]
    out = [json.loads(x) for x in classify_lines(lines)]
    assert [o["id"] for o in out] == ["a", "b"]
    assert out[0]["category"] == "emergency" and out[0]["hazards"] == ["gas"]
    assert out[1]["category"] == "service_request" and out[1]["queue"] == "income"
    for o in out:
        assert {"priority", "queue", "hazards", "also_complaint", "reasons"} <= o.keys()


def test_bad_lines_yield_errors_and_do_not_stop_the_stream() -> None:
    lines = ["not json", json.dumps({"id": 7}), "", json.dumps({"text": "gas leak"})]
    out = [json.loads(x) for x in classify_lines(lines)]
    assert len(out) == 4
    assert "error" in out[0] and "error" in out[2]
    assert out[1]["id"] == 7 and "error" in out[1]
    assert out[3]["category"] == "emergency"


def test_main_reads_stdin_and_writes_stdout() -> None:
    stdout = io.StringIO()
    main(io.StringIO('{"text": "stuck in the lift"}\n'), stdout)
    assert json.loads(stdout.getvalue())["category"] == "emergency"
