"""The OpenAPI document describes every /api/v1 route the app serves, and nothing it does not."""

from __future__ import annotations

import re
from typing import Any

API = "/api/v1"
IGNORED_METHODS = {"HEAD", "OPTIONS"}
UNDOCUMENTED = {"/openapi.json"}  # the document itself


def _pattern(path: str) -> re.Pattern[str]:
    """A Flask rule or OpenAPI path as a regex in which any parameter matches any segment,
    so `/complaints/<reference>/<action>` is covered by `/complaints/{reference}/close`."""
    parts = re.split(r"<[^>]+>|\{[^}]+\}", path)
    return re.compile("[^/]+".join(re.escape(part) for part in parts) + r"\Z")


def _served(app: Any) -> set[tuple[str, str]]:
    return {(rule.rule.removeprefix(API), method.lower())
            for rule in app.url_map.iter_rules() if rule.rule.startswith(API + "/")
            for method in rule.methods - IGNORED_METHODS
            if rule.rule.removeprefix(API) not in UNDOCUMENTED}


def _documented(client: Any) -> set[tuple[str, str]]:
    paths = client.get(f"{API}/openapi.json").get_json()["paths"]
    return {(path, method) for path, item in paths.items() for method in item}


def test_every_api_route_is_in_the_openapi_document(app: Any, client: Any) -> None:
    documented = _documented(client)
    missing = sorted(
        (rule, method) for rule, method in _served(app)
        if not any(m == method and _pattern(rule).match(_pattern_text(p))
                   for p, m in documented))
    assert missing == [], f"routes missing from /api/v1/openapi.json: {missing}"


def test_every_documented_path_is_served(app: Any, client: Any) -> None:
    served = _served(app)
    phantom = sorted(
        (path, method) for path, method in _documented(client)
        if not any(m == method and _pattern(rule).match(_pattern_text(path))
                   for rule, m in served))
    assert phantom == [], f"documented but not served: {phantom}"


def test_alert_and_oncall_endpoints_are_described(client: Any) -> None:
    document = client.get(f"{API}/openapi.json").get_json()
    paths, schemas = document["paths"], document["components"]["schemas"]
    assert set(paths["/alerts"]["get"]["responses"]) >= {"200", "400", "401"}
    assert "404" in paths["/alerts/{id}/acknowledge"]["post"]["responses"]
    assert [p["name"] for p in paths["/oncall"]["get"]["parameters"]] == ["at"]
    assert {"Alert", "AlertDetail", "AlertChange", "OnCall"} <= set(schemas)


def _pattern_text(path: str) -> str:
    """A path with each parameter replaced by a sample segment, to match against a pattern."""
    return re.sub(r"<[^>]+>|\{[^}]+\}", "x", path)
