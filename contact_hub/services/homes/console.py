"""The terminal side of `contact-hub import homes`: a progress bar and a readable report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from contact_hub.clock import system_clock
from contact_hub.services.homes.importer import MAX_ERRORS_SHOWN, HomesImport, ImportReport
from contact_hub.services.unit_of_work import UnitsOfWork

BAR_FROM_ROWS = 2000  # shorter files finish before a bar would be worth drawing


def run_homes_import(
    uow: UnitsOfWork, path: Path, dry_run: bool = False,
    out: TextIO = sys.stdout, err: TextIO = sys.stderr,
) -> int:
    """Import `path`; 0 when written (or checked, with `dry_run`), 1 when refused."""
    try:
        with path.open("rb") as counting:
            lines = sum(1 for _ in counting) - 1
        with path.open(encoding="utf-8-sig", newline="") as stream, tqdm(
            total=max(lines, 0), unit=" rows", file=err, disable=lines < BAR_FROM_ROWS,
            desc="checking", leave=True,
        ) as bar:
            report = HomesImport(uow, system_clock).run(stream, bar, dry_run=dry_run)
    except OSError as error:
        print(f"contact-hub: cannot read {path}: {error.strerror}", file=err)
        return 1
    return _print(report, dry_run, out, err)


def _print(report: ImportReport, dry_run: bool, out: TextIO, err: TextIO) -> int:
    if report.header_error:
        print(f"nothing imported: {report.header_error}", file=err)
        return 1
    if report.errors:
        for error in report.errors[:MAX_ERRORS_SHOWN]:
            print(f"line {error.line}: {error.reason}", file=err)
        hidden = len(report.errors) - MAX_ERRORS_SHOWN
        if hidden > 0:
            print(f"... and {hidden} more", file=err)
        print(f"nothing imported: {len(report.errors)} bad row"
              f"{'s' * (len(report.errors) != 1)} of {report.rows}", file=err)
        return 1
    verb = "would import" if dry_run else "imported"
    print(f"{verb} {report.rows} rows: properties {report.properties_new} new, "
          f"{report.properties_updated} updated; tenancies {report.tenancies_new} new, "
          f"{report.tenancies_updated} updated; {report.members} household members"
          f" ({report.members_no_longer_current} no longer listed)", file=out)
    return 0
