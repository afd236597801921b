"""`contact-hub classify`: JSON lines in, one decision per line out, in order."""

from __future__ import annotations

import json
import subprocess
import sys


def test_classify_reads_json_lines_and_echoes_fields():
    lines = [
        {"id": "a", "text": "I can smell gas in the kitchen", "channel": "sms"},
        {"id": "b", "text": "Third time asking, nobody came to fix the boiler. Disgraceful."},
        {"id": "c", "text": "Can I have a new key fob for the bin store?", "channel": "email"},
        {"id": "d"},
    ]
    done = subprocess.run(
        [sys.executable, "-m", "contact_hub", "classify"],
        input="\n".join(json.dumps(line) for line in lines) + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    out = [json.loads(line) for line in done.stdout.splitlines()]

    assert [o["id"] for o in out] == ["a", "b", "c", "d"]
    assert [o.get("category") for o in out[:3]] == ["emergency", "complaint", "service_request"]
    for decision in out[:3]:
        assert {"priority", "queue", "hazards", "also_complaint", "reasons"} <= set(decision)
    assert "gas" in out[0]["hazards"]
    assert "error" in out[3]


def test_classify_starts_without_loading_the_service():
    """`classify` needs only the router: no web framework, database layer or vendor SDK is
    imported (they cost seconds of start-up on every run)."""
    check = (
        "import sys; from contact_hub.console import main; main(['classify']); "
        "loaded = {'flask', 'sqlalchemy', 'twilio', 'fpdf', 'contact_hub.cli'} & set(sys.modules); "
        "print(sorted(loaded))"
    )
    done = subprocess.run([sys.executable, "-c", check], input='{"text": "gas leak"}\n',
                          capture_output=True, text=True, timeout=60, check=True)
    answer, loaded = done.stdout.splitlines()
    assert json.loads(answer)["category"] == "emergency"
    assert loaded == "[]"
