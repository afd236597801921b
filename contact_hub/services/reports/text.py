"""The annual report as CSV (the long form of what the PDF prints) and as JSON text, for
the CLI and any other caller that writes a file."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from contact_hub.domain.reports.layout import CSV_HEADER, csv_rows


def report_csv(report: dict[str, Any]) -> str:
    """``section,row,column,value`` lines, a header first."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(report))
    return out.getvalue()


def report_json(report: dict[str, Any]) -> str:
    """The report's data, indented."""
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
