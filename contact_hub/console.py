"""The `contact-hub` command's entry point.

`contact-hub classify` needs only the router, so it starts without importing the service
(Flask, SQLAlchemy, the vendor SDKs, PDF rendering): about three seconds of CPU saved on
every run, which for a file of a few thousand messages is most of the work. Every other
command, and `classify --help`, goes to `contact_hub.cli`.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run `contact-hub` with `argv` (default: the process's arguments)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["classify"]:
        from routing import jsonl  # the rules compile only for the command that routes

        return jsonl.main()
    # Imported here, not at the top, so that `classify` never pays for it.
    cli = importlib.import_module("contact_hub.cli")
    return int(cli.main(args))
