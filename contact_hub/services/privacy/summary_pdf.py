"""The readable PDF summary of a subject access bundle (fpdf2: pure Python, maintained).

It says, in plain words, what is held: who we think the person is, how they reach us, what
they sent and when, what we sent back, their complaints and emergencies reported, and any
legal hold. data.json beside it is the complete record; the summary shortens long texts.
DejaVu Sans (Debian's fonts-dejavu-core) is used when present so any language prints;
without it the PDF's built-in font is used and characters outside Latin-1 show as '?'.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fpdf import FPDF

from contact_hub.domain.contacts.adjustments import ADJUSTMENTS

FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)
SHORTEN_AT = 400  # characters of a message shown; the JSON has all of it


class _Summary(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.set_auto_page_break(auto=True, margin=15)
        font = next((path for path in FONT_CANDIDATES if path.exists()), None)
        self.unicode = font is not None
        if font is not None:
            self.add_font("body", "", str(font))
            self.family = "body"
        else:
            self.family = "helvetica"

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, size=8)
        self.cell(0, 6, self.clean(f"Page {self.page_no()}"), align="C")

    def clean(self, text: Any) -> str:
        value = "" if text is None else str(text)
        if self.unicode:
            return value
        return value.encode("latin-1", "replace").decode("latin-1")

    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font(self.family, size=13)
        self.multi_cell(0, 7, self.clean(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_font(self.family, size=10)

    def para(self, text: Any, size: int = 10) -> None:
        self.set_font(self.family, size=size)
        self.multi_cell(0, 5, self.clean(text), align="L", new_x="LMARGIN", new_y="NEXT")


def _short(text: Any) -> str:
    value = "" if text is None else str(text)
    return value if len(value) <= SHORTEN_AT else value[:SHORTEN_AT] + " [...]"


def _words(code: Any) -> str:
    """A code as words: service_request -> service request."""
    return str(code or "").replace("_", " ")


def _day(moment: Any) -> str:
    return str(moment or "")[:16].replace("T", " ")


def render_summary(data: dict[str, Any]) -> bytes:
    """The summary PDF of a bundle made by SubjectAccess.export."""
    pdf = _Summary()
    pdf.set_title("Your information")
    pdf.add_page()
    pdf.set_font(pdf.family, size=16)
    pdf.multi_cell(0, 9, pdf.clean(f"Information {data['controller']} holds about you"),
                   new_x="LMARGIN", new_y="NEXT")
    customer = data["customer"]
    pdf.para(f"Made {_day(data['made_at'])} (UTC). Customer number {customer['id']}. "
             "The file data.json beside this summary holds everything in full.", size=9)
    _about(pdf, data)
    _contacts(pdf, data["contacts"])
    _sent(pdf, data["outbound_messages"])
    _complaints(pdf, data["complaints"])
    _surveys(pdf, data.get("surveys") or [])
    _alerts(pdf, data["alerts_reported"])
    _holds(pdf, data)
    return bytes(pdf.output())


def _about(pdf: _Summary, data: dict[str, Any]) -> None:
    customer = data["customer"]
    pdf.heading("About you")
    pdf.para(f"Name: {customer.get('display_name') or 'not recorded'}")
    pdf.para(f"Preferred channel: {customer.get('preferred_channel') or 'not recorded'}")
    needs = [_words(need) for need in customer.get("vulnerabilities") or []]
    pdf.para("Needs recorded: " + (", ".join(needs) or "none"))
    adjustments = [ADJUSTMENTS.get(code, _words(code))
                   for code in customer.get("reasonable_adjustments") or []]
    pdf.para("Reasonable adjustments: " + ("; ".join(adjustments) or "none"))
    if customer.get("anonymised_at"):
        pdf.para(f"Your details were removed on {_day(customer['anonymised_at'])}.")
    pdf.heading("How you reach us")
    for identity in data["identities"]:
        pdf.para(f"{identity['kind']}: {identity['value']}"
                 + (" (opted out of texts)" if identity.get("opted_out_at") else ""))
    if data["record_changes"]:
        pdf.para(f"Changes made to your record: {len(data['record_changes'])} "
                 "(who, when and why are in data.json).")


def _contacts(pdf: _Summary, contacts: list[dict[str, Any]]) -> None:
    pdf.heading(f"What you sent us ({len(contacts)})")
    for contact in contacts:
        line = (f"{_day(contact['received_at'])}  {contact['channel']}  "
                f"{contact['reference']}  {_words(contact.get('category')) or 'not yet routed'}")
        pdf.para(line, size=9)
        pdf.para(_short(contact["text"]))
        for attachment in contact["attachments"]:
            pdf.para(f"Attachment: {attachment.get('content_type') or 'file'} "
                     f"{attachment['url']}", size=8)
        pdf.ln(1)


def _sent(pdf: _Summary, messages: list[dict[str, Any]]) -> None:
    pdf.heading(f"What we sent you ({len(messages)})")
    for message in messages:
        pdf.para(f"{_day(message['created_at'])}  {message['channel']}  {_words(message['kind'])}  "
                 f"({message['status']})", size=9)
        pdf.para(_short(message["body"]))
        pdf.ln(1)


def _complaints(pdf: _Summary, complaints: list[dict[str, Any]]) -> None:
    pdf.heading(f"Your complaints ({len(complaints)})")
    for case in complaints:
        record = case["record"]
        pdf.para(f"{case['reference']}: received {_day(case['received_at'])}, stage "
                 f"{case['stage']}, {case['status']}", size=9)
        pdf.para(_short(record.get("summary")))
        pdf.para(f"{len(record.get('timeline') or [])} steps recorded (in data.json).", size=8)
        if case.get("satisfaction_score") is not None:
            pdf.para(f"Your survey answer: {case['satisfaction_score']}"
                     + (f" - {case['satisfaction_comment']}"
                        if case.get("satisfaction_comment") else ""), size=9)
        pdf.ln(1)


def _surveys(pdf: _Summary, surveys: list[dict[str, Any]]) -> None:
    answered = [s for s in surveys if s.get("score") is not None]
    asked = [s for s in surveys if s.get("skipped_reason") is None]
    if not asked:
        return
    pdf.heading(f"Our satisfaction question after your contacts ({len(asked)} asked, "
                f"{len(answered)} answered)")
    for survey in answered:
        pdf.para(f"{_day(survey['answered_at'])}  {survey['channel']}  your answer: "
                 f"{survey['score']}" + (f" - {survey['comment']}" if survey.get("comment")
                                         else ""), size=9)


def _alerts(pdf: _Summary, alerts: list[dict[str, Any]]) -> None:
    if not alerts:
        return
    pdf.heading(f"Emergencies you reported ({len(alerts)})")
    for alert in alerts:
        hazards = ", ".join(_words(h) for h in (alert.get("incident") or {}).get("hazards") or [])
        pdf.para(f"Alert #{alert['id']}: opened {_day(alert['opened_at'])}, {alert['state']}"
                 + (f" ({hazards})" if hazards else ""), size=9)


def _holds(pdf: _Summary, data: dict[str, Any]) -> None:
    holds = [hold for hold in data["legal_holds"] if not hold.get("released_at")]
    if holds:
        pdf.heading("Legal holds")
        for hold in holds:
            pdf.para(f"Since {_day(hold['set_at'])}: {hold['reason']}")
