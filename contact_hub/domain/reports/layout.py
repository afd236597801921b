"""The annual report laid out as titled sections of tables, once, for every format:
the printable HTML page, the PDF and the CSV all render these same sections, so a figure
cannot say one thing on paper and another in the spreadsheet."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

CSV_HEADER = ("section", "row", "column", "value")
_WORDS = {
    "upheld": "Upheld", "partly_upheld": "Partly upheld", "not_upheld": "Not upheld",
    "sms": "SMS",
}


@dataclass(frozen=True)
class Table:
    """A table with a header row; cells are already text."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    """A titled part of the report: a sentence on its source and its tables."""

    key: str
    title: str
    source: str
    tables: tuple[Table, ...] = ()
    text: str | None = None


def words(code: str) -> str:
    """A code as words: ``damp_and_mould`` → ``Damp and mould``."""
    return _WORDS.get(code, code.replace("_", " ").capitalize())


def cell(value: Any) -> str:
    """A figure as printed: blank for none, no trailing ``.0``."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _table(columns: Iterable[str], rows: Iterable[Iterable[Any]]) -> Table:
    return Table(tuple(columns), tuple(tuple(cell(v) for v in row) for row in rows))


def _counts(mapping: dict[str, int], first: str) -> Table:
    return _table((first, "Number"), ((words(k), v) for k, v in mapping.items()))


def sections(report: dict[str, Any]) -> list[Section]:  # noqa: PLR0915 - one block a section
    """The report as sections, in the order they are printed."""
    out: list[Section] = []
    stages = report["volumes"]["stages"]
    out.append(Section("volumes", "Complaints received", "TSM CH01; Code 8.1", (
        _table(("Stage", "Requests", "Accepted", "Declined", "Withdrawn", "Per 1,000 homes"),
               ((s, v["requests"], v["accepted"], v["declined"], v["withdrawn"],
                 v["per_1000_homes"]) for s, v in stages.items())),
        _counts(report["volumes"]["by_channel"], "Channel"),
    )))
    out.append(Section("timeliness", "Timeliness against the Code",
                       "TSM CH02; Code 6.2, 6.3, 6.11, 6.14", (
        _table(("Code", "Measure", "Value", "Numerator", "Denominator", "Unit"),
               ((m["code"], m["label"], m["value"], m["numerator"], m["denominator"], m["unit"])
                for m in report["tsm"])),
    )))
    ext_rows = [(stage, e["count"], r["reason"], r["count"])
                for stage, e in report["extensions"].items() for r in e["reasons"]]
    out.append(Section("extensions", "Extensions and their reasons", "Code 6.4, 6.15", (
        _table(("Stage", "Extensions"), ((s, e["count"]) for s, e in
                                         report["extensions"].items())),
        _table(("Stage", "Extensions", "Reason", "Times given"), ext_rows),
    )))
    declined = report["declined"]
    out.append(Section("declined", "Complaints declined and the grounds", "Code 2.1-2.4, 8.1", (
        _table(("Ground", "Stage 1", "Stage 2"),
               ((words(g), n, declined["grounds"]["2"][g])
                for g, n in declined["grounds"]["1"].items())),
    ), text=f"{declined['total']} declined in the year."))
    out.append(Section("outcomes", "Outcomes", "Code 9.7", (
        _table(("Stage", "Responses", "Upheld", "Partly upheld", "Not upheld",
                "Upheld or partly (%)"),
               ((s, o["responses"], o["upheld"], o["partly_upheld"], o["not_upheld"],
                 o["upheld_or_partly_percent"]) for s, o in report["outcomes"].items())),
    )))
    remedies = report["remedies"]
    out.append(Section("remedies", "Remedies and compensation", "Code 7.1-7.4", (
        _counts(remedies["by_type"], "Remedy"),
        _table(("Compensation", "£"), (
            ("Stage 1", f"{remedies['compensation_pence']['by_stage']['1'] / 100:,.2f}"),
            ("Stage 2", f"{remedies['compensation_pence']['by_stage']['2'] / 100:,.2f}"),
            ("Total", remedies["compensation_pounds"]),
        )),
    ), text=f"{remedies['financial_payments']} financial remedies offered."))
    cats = report["categories"]
    out.append(Section("categories", "Categories and service areas",
                       "Code 9.7; MRC guidance (key complaint categories)", (
        _table(("Category", "Complaints", "Upheld or partly"),
               ((r["label"], r["complaints"], r["upheld_or_partly"])
                for r in cats["by_category"])),
        _table(("Service area", "Complaints", "Upheld or partly"),
               ((r["label"], r["complaints"], r["upheld_or_partly"])
                for r in cats["by_service_area"])),
    )))
    causes = report["root_causes"]
    out.append(Section("root_causes", "Root causes", "Code 9.1-9.3", (
        _counts(causes["by_kind"], "Root cause"),
    ), text=f"{causes['complaints_with_a_cause']} complaints with a root cause recorded."))
    ind = report["independent_investigations"]
    out.append(Section("independent", "Independent investigations", "Policy; Code 5.8", (
        _counts(ind["by_reason"], "Reason"),
    ), text=(f"{ind['flagged']} flagged; {ind['awaiting_independent_handler']} awaiting an "
             "independent handler.")))
    out.append(Section("lessons", "Lessons learnt", "Code 9.1-9.3", (
        _table(("Lesson", "Times recorded", "Categories", "For example"),
               ((x["lesson"], x["times"], ", ".join(x["categories"]),
                 ", ".join(x["complaints"])) for x in report["lesson_themes"])),
    ), text=f"{len(report['lessons'])} lessons recorded in the year."))
    imp = report["improvements"]
    out.append(Section("improvements", "Service improvements", "Code 8.1, 9.1-9.3", (
        _table(("Agreed", "Complaint", "Improvement", "Owner", "Due", "Done", "Status"),
               ((x["agreed_on"], x["complaint"], x["improvement"], x["owner"], x["due_on"],
                 x["done_on"], x["status"]) for x in imp["items"])),
    ), text=(f"{imp['agreed_in_year']} agreed in the year; on {report['as_of']} "
             f"{imp['done']} done, {imp['open']} open, {imp['overdue']} overdue.")))
    omb = report["ombudsman"]
    out.append(Section("ombudsman", "Housing Ombudsman referrals and determinations",
                       "Code 8.1, 9.7", (
        _counts(omb["determinations"], "Determination"),
        _table(("Measure", "Number"), (
            ("Referrals", omb["referrals"]),
            ("Findings of maladministration or service failure",
             omb["maladministration_findings"]),
            ("Orders made", omb["orders_made"]),
            ("Cases with orders complied with", omb["cases_with_orders_complied"]),
        )),
    )))
    sat = report["satisfaction"]
    out.append(Section("satisfaction", "Satisfaction", "TSM TP09 (complaint handling); policy", (
        _table(("Asked after", "Answers", "Satisfied", "Satisfied (%)", "Average (1 best)"),
               ((words(k), v["answers"], v["satisfied"], v["satisfied_percent"],
                 v["average_score"]) for k, v in sat.items())),
    )))
    out.append(Section("self_assessment", "Self-assessment against the Complaint Handling Code",
                       "Code 8.1-8.2", (
        _table(("Provision", "Requirement", "Basis", "Evidence", "Our commentary"),
               ((r["provision"], r["requirement"], r["basis"], r["evidence"],
                 r["commentary"] or "") for r in report["self_assessment"])),
    )))
    gb = report["governing_body_response"]
    text = gb["text"] or ("To be completed by the Member Responsible for Complaints on "
                          "behalf of the governing body.")
    signed = f" ({gb['responded_by']}, {gb['responded_on'] or 'undated'})" if gb["text"] else ""
    out.append(Section("governing_body_response", "The governing body's response",
                       "Code 8.2, 9.5", text=text + signed))
    return out


def csv_rows(report: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """The report in long form (section, row, column, value), one cell a line: the
    spreadsheet-friendly form of exactly what the HTML and PDF print."""
    rows: list[tuple[str, str, str, str]] = []
    for section in sections(report):
        if section.text:
            rows.append((section.key, "", "text", section.text))
        for table in section.tables:
            for row in table.rows:
                for column, value in zip(table.columns[1:], row[1:], strict=True):
                    rows.append((section.key, row[0], column, value))
    return rows
