"""Agents in a real browser: sign in, the inbox refreshing itself, take next, reply,
reclassify, a resident's <script> shown as text, and refusals."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def test_the_first_serve_with_nobody_to_sign_in_says_how_to_create_someone(workspace):
    log = workspace.log.read_text()
    assert "workspace: http://127.0.0.1:" in log
    assert "no staff accounts yet" in log and "contact-hub users create --email" in log


def test_sign_in_page_is_accessible_and_refuses_a_wrong_password(page, workspace):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login$"))
    check_accessibility(page)
    screenshot(page, "sign-in")
    page.get_by_label("Email address").fill(workspace.staff["agent"])
    page.get_by_label("Password").fill("not the right one at all")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("The email address or password is not right")
    expect(page).to_have_title(re.compile("^Error: Sign in"))
    expect(page.get_by_label("Email address")).to_have_value(workspace.staff["agent"])
    check_accessibility(page)


def test_an_agent_takes_the_next_contact_replies_and_resolves_it(page, workspace):
    contact = workspace.text("The fence panel at the back blew down", "+447400100001")
    sign_in(page, workspace, "agent")
    expect(page).to_have_url(re.compile(r"/inbox$"))
    row = page.locator(f'tr[data-queue="{contact["queue"]}"]')
    expect(row.locator('[data-count="waiting"]')).not_to_have_text("0")
    check_accessibility(page)
    screenshot(page, "inbox")

    row.get_by_role("button", name=re.compile("Take next")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Contact ")
    check_accessibility(page)

    page.get_by_label("Message to the resident").fill("We will repair the fence on Friday.")
    page.get_by_role("button", name="Send to resident").dblclick()  # a double click
    expect(page.get_by_role("status")).to_contain_text("Reply queued")
    expect(page.locator(".timeline__item--outbound", has_text="repair the fence on Friday")
           ).to_have_count(1)
    screenshot(page, "contact")

    page.get_by_label("Internal note (never sent to the resident)").fill("Checked with estates")
    page.get_by_role("button", name="Add internal note").click()
    expect(page.locator(".timeline__item--note")).to_contain_text("Checked with estates")

    page.get_by_role("button", name="Resolve").click()
    expect(page).to_have_url(re.compile(r"/inbox$"))
    expect(page.get_by_role("status")).to_contain_text("Contact resolved")


def test_the_inbox_count_changes_without_reloading(page, workspace):
    sign_in(page, workspace, "agent")
    cells = page.locator('[data-count="waiting"]')
    expect(cells.first).to_be_visible()
    before = {row.get_attribute("data-queue"): int(row.locator('[data-count="waiting"]')
                                                    .inner_text())
              for row in page.locator("tr[data-queue]").all()}
    contact = workspace.text("My neighbour plays loud music every night and threatens me",
                             "+447400100002")
    cell = page.locator(f'tr[data-queue="{contact["queue"]}"] [data-count="waiting"]')
    expect(cell).to_have_text(str(before[contact["queue"]] + 1))  # no reload


def test_reclassify_needs_a_reason_shown_beside_the_field(page, workspace):
    contact = workspace.text("The light in my hallway does not work", "+447400100003")
    sign_in(page, workspace, "agent")
    page.goto(f"/contacts/{contact['id']}")
    page.get_by_text("Change the category or queue").click()
    page.get_by_label("Category").select_option("complaint")
    page.get_by_role("button", name="Reclassify").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Give a reason: the change is audited")
    expect(page.get_by_label("Category")).to_have_value("complaint")  # kept
    check_accessibility(page)
    page.get_by_label("Reason for the change").fill("The resident asked to complain")
    page.get_by_role("button", name="Reclassify").click()
    expect(page.get_by_role("status")).to_contain_text("Contact reclassified")
    expect(page.locator(".summary").first).to_contain_text("Complaint")


def test_a_residents_script_is_shown_as_text_and_never_runs(page, workspace):
    words = "<script>alert('hi')</script> there is water coming through my ceiling"
    contact = workspace.text(words, "+447400100004")
    sign_in(page, workspace, "agent")
    page.goto(f"/contacts/{contact['id']}")
    expect(page.locator("#message-text")).to_contain_text("<script>alert('hi')</script>")
    expect(page.locator("#message-text mark").first).to_be_visible()
    # the page fixture fails the test if a dialog opened


def test_an_agent_is_told_why_the_dashboard_is_refused(page, workspace):
    sign_in(page, workspace, "agent")
    response = page.goto("/dashboard")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot do this")
    expect(page.locator("main")).to_contain_text("You need permission to see the managers")
    check_accessibility(page)
