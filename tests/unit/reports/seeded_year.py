"""A seeded reporting year, 2026/27 (1 Apr 2026 - 31 Mar 2027), with every figure worked
out by hand in the comments: cases across Easter and Christmas bank holidays, extensions,
a decline, a withdrawal, remedies at both stages, learning and Ombudsman determinations."""

from __future__ import annotations

from datetime import UTC, date, datetime

from contact_hub.domain.complaints import (
    Classification,
    Complaint,
    Decision,
    Exclusion,
    ExclusionGround,
    IndependenceTrigger,
    Lesson,
    OmbudsmanCase,
    OmbudsmanDetermination,
    Person,
    Remedy,
    RemedyType,
    ResponseDraft,
    RootCause,
    RootCauseKind,
    ServiceImprovement,
    acknowledge,
    close,
    decline,
    extend,
    record_remedy,
    request_escalation,
    respond,
    withdraw,
)
from contact_hub.domain.reports import learning
from contact_hub.domain.reports.annual import SurveyAnswer
from contact_hub.domain.reports.categories import ComplaintVocabulary
from contact_hub.domain.reports.independence import IndependenceRule
from tests.unit.complaints.builders import (
    CALENDAR,
    DEFINITION,
    FAR_FUTURE,
    HANDLER_1,
    HANDLER_2,
    acknowledged,
    received,
    responded,
    utc,
)

HOMES = 2000
VOCABULARY = ComplaintVocabulary()
RULE = IndependenceRule()
CY = Person(id="h-cy", name="Cy Jones", team="Customer services")
DEE = Person(id="h-dee", name="Dee Rowe", team="Repairs")


def answer(c: Complaint, at: datetime, decision: Decision, *remedies: Remedy) -> Complaint:
    draft = ResponseDraft(decision=decision, reasons="Because of what we found.",
                          remedies=remedies, outstanding_actions=())
    return respond(c, at=at, now=FAR_FUTURE, actor="h", draft=draft).complaint


def money(remedy_id: str, pence: int) -> Remedy:
    return Remedy(id=remedy_id, type=RemedyType.FINANCIAL, description="Payment",
                  reason="Time and trouble", amount_pence=pence)


def other(remedy_id: str, kind: RemedyType) -> Remedy:
    return Remedy(id=remedy_id, type=kind, description="Put right", reason="Fault found")


def classify(c: Complaint, at: datetime, category: str, area: str,
             *triggers: IndependenceTrigger, team: str | None = None) -> Complaint:
    return learning.classify(
        c, classification=Classification(area, category), triggers=triggers,
        subject_team=team, detail="as reported", vocabulary=VOCABULARY, rule=RULE,
        at=at, now=FAR_FUTURE, actor="h").complaint


def cause(c: Complaint, at: datetime, kind: RootCauseKind) -> Complaint:
    return learning.add_root_cause(c, cause=RootCause(kind, "found"), at=at, now=FAR_FUTURE,
                                   actor="h").complaint


def lesson(c: Complaint, at: datetime, lesson_id: str) -> Complaint:
    return learning.record_lesson(c, lesson=Lesson(lesson_id, f"Lesson {lesson_id}"), at=at,
                                  now=FAR_FUTURE, actor="h").complaint


def improve(c: Complaint, at: datetime, imp_id: str, due: date) -> Complaint:
    improvement = ServiceImprovement(imp_id, f"Change {imp_id}", "Head of Repairs", due)
    return learning.agree_improvement(c, improvement=improvement, at=at, now=FAR_FUTURE,
                                      actor="h").complaint


def done(c: Complaint, at: datetime, imp_id: str) -> Complaint:
    return learning.complete_improvement(c, improvement_id=imp_id, at=at, now=FAR_FUTURE,
                                         actor="h").complaint


def ombudsman(c: Complaint, at: datetime, case: OmbudsmanCase) -> Complaint:
    return learning.record_ombudsman(c, case=case, at=at, now=FAR_FUTURE, actor="admin").complaint


def seeded_year() -> list[Complaint]:  # noqa: PLR0915 - one story per case, told in order
    # A: received Thu 2 Apr 2026 (Good Friday 3, Easter Monday 6 Apr); acknowledge by Mon
    # 13 Apr; acknowledged Tue 7 Apr (on time); due 7 Apr + 10 WD = Tue 21 Apr; upheld that
    # day (in time) with £150 and an apology; waited 11 working days.
    a = received(utc(2026, 4, 2), reference="CMP-A")
    a = classify(a, utc(2026, 4, 3), "repairs", "property_services")
    a = acknowledged(a, utc(2026, 4, 7))
    a = answer(a, utc(2026, 4, 21), Decision.UPHELD, money("a-pay", 15000),
               other("a-sorry", RemedyType.APOLOGY))
    a = cause(a, utc(2026, 4, 21, 11), RootCauseKind.CONTRACTOR)
    a = cause(a, utc(2026, 4, 21, 12), RootCauseKind.COMMUNICATION)
    a = lesson(a, utc(2026, 4, 22), "L1")
    a = improve(a, utc(2026, 4, 22, 11), "I1", date(2026, 6, 30))
    a = close(a, at=utc(2026, 4, 24), now=FAR_FUTURE, actor="h", reason="answered").complaint
    a = done(a, utc(2026, 6, 15), "I1")  # done before it was due

    # B: received Mon 1 Jun 2026; acknowledge by Mon 8 Jun; acknowledged Tue 9 Jun (late);
    # due Tue 23 Jun, extended on 22 Jun to Tue 7 Jul; partly upheld Mon 6 Jul (in time with
    # the extension, late without); waited 25 WD. Stage 2 asked Fri 10 Jul, acknowledged Mon
    # 13 Jul (on time), due Mon 10 Aug, not upheld Wed 12 Aug (late); waited 23 WD.
    b = received(utc(2026, 6, 1), reference="CMP-B")
    b = classify(b, utc(2026, 6, 1, 12), "damp_and_mould", "property_services")
    b = acknowledged(b, utc(2026, 6, 9))
    b = extend(b, at=utc(2026, 6, 22), now=FAR_FUTURE, actor="h", reason="awaiting survey",
               new_due=date(2026, 7, 7), calendar=CALENDAR).complaint
    b = answer(b, utc(2026, 7, 6), Decision.PARTLY_UPHELD, other("b-fix", RemedyType.ACTION))
    b = cause(b, utc(2026, 7, 6, 11), RootCauseKind.PROCESS)
    b = request_escalation(b, at=utc(2026, 7, 10), now=FAR_FUTURE, actor="resident",
                           calendar=CALENDAR).complaint
    b = acknowledged(b, utc(2026, 7, 13), HANDLER_2)
    b = answer(b, utc(2026, 8, 12), Decision.NOT_UPHELD)
    b = lesson(b, utc(2026, 8, 13), "L2")
    b = improve(b, utc(2026, 8, 13, 11), "I2", date(2026, 9, 30))  # never done: overdue
    b = ombudsman(b, utc(2027, 2, 10), OmbudsmanCase(
        referred_on=date(2026, 10, 1), ombudsman_reference="202612345",
        determination=OmbudsmanDetermination.MALADMINISTRATION,
        determined_on=date(2027, 1, 15), orders=("Pay £250 compensation",),
        orders_complied_on=date(2027, 2, 10)))

    # C: received and answered in March 2026, before the year: in no volume or timeliness
    # figure. Its lesson (2 Apr 2026) counts; improvement I0 (agreed and done in March) does
    # not; I3 (agreed 21 Mar, done 1 May 2026) does, as done. Its Ombudsman case was referred
    # before the year and determined in it (no maladministration).
    c = received(utc(2026, 3, 16), reference="CMP-C")
    c = acknowledged(c, utc(2026, 3, 18))
    c = improve(c, utc(2026, 3, 20), "I0", date(2026, 3, 31))
    c = improve(c, utc(2026, 3, 21), "I3", date(2026, 4, 30))
    c = responded(c, utc(2026, 3, 25))
    c = done(c, utc(2026, 3, 25, 11), "I0")
    c = lesson(c, utc(2026, 4, 2), "L0")
    c = ombudsman(c, utc(2026, 4, 20), OmbudsmanCase(
        referred_on=date(2026, 3, 1), ombudsman_reference="202600001",
        determination=OmbudsmanDetermination.NO_MALADMINISTRATION,
        determined_on=date(2026, 4, 20)))
    c = done(c, utc(2026, 5, 1), "I3")

    # D: received Wed 10 Mar 2027 and declined (already considered): a request, not accepted.
    d = decline(received(utc(2027, 3, 10), reference="CMP-D"),
                exclusions=(Exclusion(ExclusionGround.ALREADY_CONSIDERED, "as CMP-0042"),),
                explanation="We answered this in January.", at=utc(2027, 3, 11),
                now=FAR_FUTURE, actor="admin").complaint

    # E (by SMS): received Mon 21 Dec 2026; acknowledge by Wed 30 Dec (25 and 28 Dec are bank
    # holidays); acknowledged 30 Dec; due Thu 14 Jan 2027; upheld that day with £50; waited
    # 15 WD. About complaint-handling staff: flagged for independent investigation. Stage 2
    # asked Mon 1 Feb, acknowledged Wed 3 Feb by Cy (another team; on time), still open on
    # 31 Mar (due Wed 3 Mar, unanswered: in no CH02 figure). £100 more offered at stage 2.
    e = received(utc(2026, 12, 21), reference="CMP-E", channel="sms")
    e = acknowledged(e, utc(2026, 12, 30))
    e = classify(e, utc(2027, 1, 5), "staff_conduct", "customer_services",
                 IndependenceTrigger.ABOUT_COMPLAINT_HANDLING_STAFF, team="Complaints")
    e = cause(e, utc(2027, 1, 5, 11), RootCauseKind.STAFF_CONDUCT)
    e = answer(e, utc(2027, 1, 14), Decision.UPHELD, money("e-pay", 5000))
    e = request_escalation(e, at=utc(2027, 2, 1), now=FAR_FUTURE, actor="resident",
                           calendar=CALENDAR).complaint
    e = acknowledge(e, at=utc(2027, 2, 3), now=FAR_FUTURE, actor="h", handler=CY,
                    definition=DEFINITION, calendar=CALENDAR).complaint
    e = record_remedy(e, remedy=money("e-more", 10000), at=utc(2027, 2, 10), now=FAR_FUTURE,
                      actor="h").complaint
    e = improve(e, utc(2027, 2, 11), "I4", date(2027, 4, 30))  # open at the year end

    # F: received Mon 1 Feb 2027 and withdrawn Tue 2 Feb, before its acknowledgement was due
    # (Mon 8 Feb): received (CH01) and withdrawn, not in the acknowledgement figure.
    f = received(utc(2027, 2, 1), reference="CMP-F")
    f = classify(f, utc(2027, 2, 1, 12), "communication", "customer_services")
    f = withdraw(f, at=utc(2027, 2, 2), now=FAR_FUTURE, actor="h",
                 reason="sorted out by phone").complaint

    # G: received Mon 15 Mar 2027, acknowledge by Mon 22 Mar, never acknowledged: late.
    # Involves a child: flagged, no handler yet.
    g = received(utc(2027, 3, 15), reference="CMP-G")
    g = classify(g, utc(2027, 3, 15, 12), "repairs", "property_services",
                 IndependenceTrigger.INVOLVES_CHILD, team="repairs")

    # H: received Tue 1 Sep 2026, acknowledged Wed 2 Sep by Dee of Repairs (on time); then
    # found to involve a child and to concern Repairs: flagged, and Dee is not independent
    # (awaiting an independent handler). Extended on 10 Sep for "Awaiting  SURVEY" (the same
    # reason as B once spacing and case are set aside); still unanswered on 31 Mar.
    h = received(utc(2026, 9, 1), reference="CMP-H")
    h = acknowledged(h, utc(2026, 9, 2), DEE)
    h = classify(h, utc(2026, 9, 3), "repairs", "property_services",
                 IndependenceTrigger.INVOLVES_CHILD, team="Repairs")
    h = extend(h, at=utc(2026, 9, 10), now=FAR_FUTURE, actor="h", reason="Awaiting  SURVEY",
               new_due=date(2026, 9, 30), calendar=CALENDAR).complaint
    return [a, b, c, d, e, f, g, h]


SURVEYS = (
    SurveyAnswer("complaint", 1, datetime(2026, 5, 1, 9, tzinfo=UTC)),
    SurveyAnswer("complaint", 4, datetime(2026, 9, 1, 9, tzinfo=UTC)),
    SurveyAnswer("complaint", 5, datetime(2026, 3, 1, 9, tzinfo=UTC)),  # before the year
    SurveyAnswer("contact", 2, datetime(2026, 6, 1, 9, tzinfo=UTC), "sms"),
    SurveyAnswer("contact", 2, datetime(2026, 7, 1, 9, tzinfo=UTC), "email"),
    SurveyAnswer("contact", 5, datetime(2027, 1, 1, 9, tzinfo=UTC), "sms"),
)
__all__ = ["CALENDAR", "HANDLER_1", "HOMES", "RULE", "SURVEYS", "VOCABULARY", "seeded_year"]
