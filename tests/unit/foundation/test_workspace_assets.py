"""The workspace serves every asset itself: vendored files at known versions, with their
licences, and no page template reaching for another site."""

from __future__ import annotations

import re
from pathlib import Path

WEB = Path(__file__).resolve().parents[3] / "contact_hub" / "web"
VENDOR = WEB / "static" / "vendor"


def test_vendored_htmx_and_chartjs_are_the_pinned_versions_with_licences():
    assert 'version:"2.0.11"' in (VENDOR / "htmx" / "htmx.min.js").read_text()
    assert "Chart.js v4.6.1" in (VENDOR / "chartjs" / "chart.umd.min.js").read_text()[:200]
    assert "Zero-Clause BSD" in (VENDOR / "htmx" / "LICENSE.txt").read_text()
    assert "MIT" in (VENDOR / "chartjs" / "LICENSE.txt").read_text()


def test_no_template_loads_anything_from_another_site_or_runs_inline_script():
    for template in (WEB / "templates").glob("*.html"):
        html = template.read_text()
        assert not re.search(r'(src|href)="(https?:)?//', html), template.name
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", html), \
            template.name
        assert not re.search(r"\son[a-z]+=", html), template.name
        assert "style=" not in html, template.name
