"""Showing residents' words safely: everything escaped, the router's trigger words marked."""

from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import Markup, escape


def highlight(text: str, phrases: Iterable[str]) -> Markup:
    """`text` escaped, with each case-insensitive occurrence of a phrase in <mark>."""
    wanted = sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not wanted:
        return escape(text)
    pattern = re.compile("|".join(re.escape(p) for p in wanted), re.IGNORECASE)
    parts: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        parts.append(escape(text[position:match.start()]))
        parts.append(Markup("<mark>%s</mark>") % match.group(0))
        position = match.end()
    parts.append(escape(text[position:]))
    return Markup("").join(parts)
