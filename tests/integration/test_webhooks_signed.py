"""Every webhook checks its provider's signature the same way: through `signed`."""

from __future__ import annotations

from typing import Any

from contact_hub.web.webhooks import signing

# Routes under /webhooks/ that are not a provider's delivery, and how they are checked.
HANDSHAKES = {
    ("GET", "/webhooks/meta"): "Meta's subscription check: hub.verify_token must match ours",
}


def test_every_webhook_route_is_signed_by_its_provider(app: Any) -> None:
    unsigned = []
    checked = 0
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/webhooks/"):
            continue
        view = app.view_functions[rule.endpoint]
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            if (method, rule.rule) in HANDSHAKES:
                continue
            checked += 1
            if getattr(view, "signed_by", None) is None:
                unsigned.append(f"{method} {rule.rule}")
    assert checked >= 15
    assert unsigned == []


def test_each_provider_has_its_own_verifier(app: Any) -> None:
    verifiers = {
        rule.rule.split("/")[2]: app.view_functions[rule.endpoint].signed_by
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/webhooks/")
        and hasattr(app.view_functions[rule.endpoint], "signed_by")
    }
    assert verifiers["twilio"] is signing.twilio_signature
    assert verifiers["meta"] is signing.meta_signature
    assert verifiers["slack"] is signing.slack_signature
    assert verifiers["graph"] is signing.graph_client_state
