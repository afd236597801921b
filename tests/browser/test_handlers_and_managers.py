"""Complaint handlers, on-call staff and managers in a real browser: a complaint from
acknowledgement to its stage 1 response, acknowledging an emergency, the dashboard's
charts drawn from the same numbers as their tables."""

from __future__ import annotations

import re

import pytest
import requests
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, screenshot, sign_in
from tests.e2e.serving import wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def test_a_handler_acknowledges_a_complaint_and_issues_the_stage_1_response(page, workspace):
    contact = workspace.text("I want to make a formal complaint: the repair to my roof was "
                             "never finished", "+447400200001")

    def case() -> str | None:
        items = requests.get(workspace.base + "/api/v1/complaints", headers=workspace.api,
                             timeout=5).json()["items"]
        return next((c["reference"] for c in items if c["status"] == "received"), None)

    reference = wait_for(case)
    assert contact["category"] == "complaint"
    sign_in(page, workspace, "handler")
    expect(page).to_have_url(re.compile(r"/complaints$"))
    check_accessibility(page)
    screenshot(page, "complaints")

    page.get_by_role("link", name=reference).click()
    page.get_by_label("Our understanding of the complaint").fill(
        "The roof repair reported in October was left unfinished")
    page.get_by_label("Outcomes the resident wants (one per line)").fill(
        "Roof finished\nAn apology")
    page.get_by_role("button", name="Acknowledge and tell the resident").click()
    expect(page.get_by_role("status")).to_contain_text("Acknowledged")
    expect(page.locator("#checklist")).to_contain_text("The decision on the complaint: missing")
    check_accessibility(page)

    page.get_by_role("button", name="Issue the response").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Choose the decision on the complaint")
    check_accessibility(page)

    page.get_by_label("Decision", exact=True).select_option("upheld")
    page.get_by_label("Reasons for the decision").fill("The contractor left before finishing")
    page.get_by_label(re.compile("No remedy is offered")).check()
    page.get_by_label(re.compile("No actions are outstanding")).check()
    screenshot(page, "complaint")
    page.get_by_role("button", name="Issue the response").click()
    expect(page.get_by_role("status")).to_contain_text("Response issued")
    expect(page.locator(".summary").first).to_contain_text("Stage 1: Responded")

    # A remedy recorded from the page's own form, opened and checked like the rest.
    page.get_by_text("Record a remedy").click()
    page.get_by_label("Kind of remedy").select_option("financial")
    page.get_by_label("What is offered").fill("A payment for the missed visits")
    page.get_by_label("Why (what it puts right)").fill("Two missed appointments")
    page.get_by_label(re.compile("Amount in pounds")).fill("75.50")
    check_accessibility(page)
    screenshot(page, "complaint-remedy")
    page.get_by_role("button", name="Record the remedy").click()
    expect(page.get_by_role("status")).to_contain_text("Remedy recorded")
    expect(page.locator("#remedies-heading + ul")).to_contain_text(
        "Financial: A payment for the missed visits (£75.50)")


def test_on_call_staff_acknowledge_an_emergency_from_the_board(page, workspace):
    workspace.text("I can smell gas in my kitchen", "+447400200002")
    sign_in(page, workspace, "agent")
    page.goto("/oncall")
    card = page.locator("article", has_text="I can smell gas in my kitchen")
    expect(card).to_contain_text("Not acknowledged")
    check_accessibility(page)
    screenshot(page, "oncall")
    card.get_by_role("button", name=re.compile("^Acknowledge alert")).click()
    expect(page.get_by_role("status")).to_contain_text("paging has stopped")
    expect(page.locator("article", has_text="I can smell gas in my kitchen")
           ).to_contain_text("Acknowledged by")


def test_the_dashboard_draws_every_chart_from_the_numbers_in_its_table(page, workspace):
    workspace.text("The gutter above my door is leaking", "+447400200003")
    sign_in(page, workspace, "manager")
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.locator("canvas[data-drawn=true]")).to_have_count(7)
    drawn = page.evaluate(
        "() => document.getElementById('chart-by-channel').chart.data.datasets"
        ".map(d => [d.label, d.data[d.data.length - 1]])")
    section = page.locator("section", has=page.locator("#chart-by-channel"))
    section.locator("summary").click()
    table = section.locator('[data-figure-table="by-channel"]')
    expect(table).to_be_visible()
    headers = table.locator("thead th").all_inner_texts()[1:]
    last_row = table.locator("tbody tr").last.locator("td").all_inner_texts()
    assert [label for label, _ in drawn] == headers
    assert [str(int(value)) for _, value in drawn] == last_row
    check_accessibility(page)
    screenshot(page, "dashboard")
