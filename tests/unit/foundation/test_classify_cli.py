"""`contact-hub classify`: JSON lines in, one decision per line out, in order."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


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


def test_a_command_that_never_routes_starts_without_the_rules_or_the_pdf_and_ews_libraries():
    """`contact-hub tokens create`, `db upgrade` and the like import the CLI and the app but
    never route: the router's rules (a second or more of CPU to compile), fpdf2 (with
    fontTools and numpy) and exchangelib (with lxml and dnspython) load only where they are
    used. Routing's names still load on first use, as before."""
    check = (
        "import sys, contact_hub.cli, contact_hub.app, contact_hub.worker; "
        "print(sorted({'routing.lexicon', 'routing.router', 'fpdf', 'exchangelib'}"
        " & set(sys.modules))); "
        "import routing; from routing import route, Message; "
        "print(routing.Router.__name__, route(Message('I can smell gas')).category)"
    )
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                          timeout=120, check=True)
    loaded, used = done.stdout.splitlines()
    assert loaded == "[]"
    assert used == "Router emergency"


def test_routing_names_nothing_it_does_not_have():
    import routing

    with pytest.raises(AttributeError):
        routing.Rooter  # noqa: B018 - the attribute access is the test
