"""The annual report as a PDF (fpdf2), printed from the same sections as the HTML page.

DejaVu Sans is used when present (as for the subject access summary) so "£", "–" and any
name print; without it characters outside Latin-1 show as '?'.
"""

from __future__ import annotations

from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

from contact_hub.domain.reports.layout import Section, Table, cell, sections
from contact_hub.domain.reports.quarterly import charts
from contact_hub.services.privacy.summary_pdf import FONT_CANDIDATES


class _ReportPdf(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.set_auto_page_break(auto=True, margin=15)
        font = next((path for path in FONT_CANDIDATES if path.exists()), None)
        self.unicode = font is not None
        if font is not None:
            self.add_font("body", "", str(font))
            self.add_font("body", "B", str(font))
            self.family = "body"
        else:
            self.family = "helvetica"

    def clean(self, text: Any) -> str:
        value = "" if text is None else str(text)
        return value if self.unicode else value.encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, size=8)
        self.cell(0, 6, self.clean(f"{self.footer_text} · page {self.page_no()}"), align="C")

    def section(self, section: Section) -> None:
        self.ln(4)
        self.set_font(self.family, "B", size=12)
        self.multi_cell(0, 7, self.clean(section.title), new_x="LMARGIN", new_y="NEXT")
        self.set_font(self.family, size=8)
        self.multi_cell(0, 4, self.clean(f"Source: {section.source}"), new_x="LMARGIN",
                        new_y="NEXT")
        if section.text:
            self.set_font(self.family, size=10)
            self.multi_cell(0, 5, self.clean(section.text), new_x="LMARGIN", new_y="NEXT")
        for table in section.tables:
            self.ln(2)
            self.table_of(table)

    def table_of(self, table: Table) -> None:
        if not table.rows:
            self.set_font(self.family, size=9)
            self.multi_cell(0, 5, "None in the year.", new_x="LMARGIN", new_y="NEXT")
            return
        self.set_font(self.family, size=8)
        heading = FontFace(emphasis="BOLD", fill_color=(230, 230, 230))
        # Each column as wide as its longest text, within bounds, so long wording wraps.
        widths = [
            min(max(len(str(v)) for v in (column, *(r[i] for r in table.rows))), 60) + 6
            for i, column in enumerate(table.columns)
        ]
        with self.table(text_align="LEFT", headings_style=heading, line_height=4,
                        col_widths=tuple(widths)) as out:
            header = out.row()
            for column in table.columns:
                header.cell(self.clean(column))
            for row in table.rows:
                line = out.row()
                for value in row:
                    line.cell(self.clean(value))


def render_pdf(report: dict[str, Any]) -> bytes:
    """The whole report, self-assessment and governing body response included."""
    year = report["year"]
    title = f"{report['title']} {year}/{str(year + 1)[2:]}"
    pdf = _ReportPdf(f"{report['organisation']} {year}/{str(year + 1)[2:]}".strip())
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font(pdf.family, "B", size=16)
    pdf.multi_cell(0, 9, pdf.clean(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, size=10)
    period = report["period"]
    pdf.multi_cell(0, 5, pdf.clean(
        f"{report['organisation']}: {period['start']} to {period['end']}, "
        f"{report['homes']:,} homes."), new_x="LMARGIN", new_y="NEXT")
    for section in sections(report):
        pdf.section(section)
    return bytes(pdf.output())


def render_quarterly_pdf(trends: dict[str, Any]) -> bytes:
    """The quarterly trends: a bar chart per trend, then the figures."""
    year = trends["year"]
    title = f"{trends['title']} {year}/{(year + 1) % 100:02d}"
    pdf = _ReportPdf(f"{trends['organisation']} {year}/{(year + 1) % 100:02d}".strip())
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font(pdf.family, "B", size=16)
    pdf.multi_cell(0, 9, pdf.clean(title), new_x="LMARGIN", new_y="NEXT")
    row_top = pdf.get_y()
    for n, chart in enumerate(charts(trends)):
        if n % 2 == 0:  # two charts a row, side by side
            if pdf.get_y() > 230:
                pdf.add_page()
            row_top = pdf.get_y() + 4
        x, y = 15 + (n % 2) * 95, row_top
        pdf.set_font(pdf.family, size=9)
        pdf.set_xy(x, y)
        pdf.cell(90, 5, pdf.clean(f"{chart.title} ({chart.unit})"))
        for i, bar in enumerate(chart.bars):
            height = 30 * bar.share
            pdf.set_fill_color(58, 110, 165)
            if height > 0:
                pdf.rect(x + 5 + i * 20, y + 40 - height, 12, height, style="F")
            pdf.set_xy(x + 2 + i * 20, y + 41)
            pdf.cell(18, 4, pdf.clean(bar.label), align="C")
            pdf.set_xy(x + 2 + i * 20, y + 35 - height)
            pdf.cell(18, 4, pdf.clean("-" if bar.value is None else f"{bar.value:g}"),
                     align="C")
        if n % 2 == 1:
            pdf.set_xy(15, y + 48)
    pdf.set_xy(15, pdf.get_y() + 4)
    rows = tuple(
        (r["quarter"], str(r["stage1_received"]), str(r["stage2_received"]),
         cell(r["stage1_in_time_percent"]), cell(r["stage2_in_time_percent"]),
         ", ".join(f"{k} {v}" for k, v in r["categories"].items()),
         cell(r["complaint_satisfaction_percent"]), cell(r["contact_satisfaction_percent"]))
        for r in trends["quarters"])
    pdf.table_of(Table(("Quarter", "Stage 1", "Stage 2", "Stage 1 in time (%)",
                        "Stage 2 in time (%)", "Categories", "Satisfied, complaints (%)",
                        "Satisfied, contacts (%)"), rows))
    return bytes(pdf.output())
