"""The optional virus-scanning hook: MEDIA_SCAN_COMMAND is run with the file on its
standard input, as `clamdscan --no-summary -` or `clamscan --no-summary -` expect: exit
status 0 means clean, 1 means a virus was found, anything else means the scanner failed
(the file waits and is scanned again later; it is never kept unscanned)."""

from __future__ import annotations

import shlex
import subprocess
from dataclasses import dataclass

from contact_hub.services.media.sources import MediaUnavailable

SCAN_TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class CommandScan:
    """Scans by running a command (split like a shell would, never run through one)."""

    command: str
    timeout: float = SCAN_TIMEOUT_SECONDS

    def infected(self, data: bytes) -> bool:
        """True if the scanner found something; raises `MediaUnavailable` if it failed."""
        try:
            done = subprocess.run(  # noqa: S603 - the operator's own configured command
                shlex.split(self.command), input=data, capture_output=True,
                timeout=self.timeout, check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise MediaUnavailable(f"virus scanner did not run: {type(error).__name__}") \
                from error
        if done.returncode in (0, 1):
            return done.returncode == 1
        raise MediaUnavailable(f"virus scanner failed with exit status {done.returncode}")
