"""A resident on the public web form in a real browser: no sign-in, accessible, a photo
attached, safety advice at once for an emergency; staff then see the kept photo."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, screenshot, sign_in
from tests.e2e.serving import wait_for
from tests.media_files import png

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def test_a_resident_reports_a_leak_with_a_photo_and_sees_what_to_do_now(
    page, workspace, tmp_path
):
    photo = tmp_path / "ceiling.png"
    photo.write_bytes(png(64, 48))
    page.goto("/contact")
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a problem with your home")
    check_accessibility(page)

    page.get_by_role("button", name="Send").click()  # nothing filled in
    expect(page).to_have_title(re.compile("^Error: Report a problem"))
    expect(page.get_by_role("alert")).to_contain_text("Tell us what the problem is")
    check_accessibility(page)
    screenshot(page, "web-form-errors")

    page.goto("/contact")

    page.get_by_label("What is the problem?").fill(
        "Water is pouring through the ceiling onto the electric sockets")
    page.get_by_label("Address of the home, or postcode (optional)").fill("4 Elm Court, M1 1AA")
    page.get_by_label("By text message").check()
    page.get_by_label("Mobile number").fill("07400 100777")
    page.get_by_label("Photos or documents (optional)").set_input_files(str(photo))
    screenshot(page, "web-form")
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("What to do now")
    expect(page.get_by_role("alert")).to_contain_text("switch off the power")
    reference = page.locator("strong").filter(has_text=re.compile(r"^[A-Z0-9-]{6,}$"))
    expect(reference).to_have_count(1)
    check_accessibility(page)
    screenshot(page, "web-form-emergency")

    sign_in(page, workspace, "agent")
    contact = wait_for(lambda: next(
        (c for c in page.request.get("/api/v1/contacts", headers=workspace.api)
         .json()["items"] if c["channel"] == "web"), None))
    photo_link = page.locator("#media img")

    def photo_kept() -> bool:
        page.goto(f"/contacts/{contact['id']}")
        return photo_link.count() == 1

    wait_for(photo_kept)
    expect(photo_link).to_have_attribute("alt", re.compile("ceiling.png"))
    check_accessibility(page)


@pytest.mark.parametrize("path", ["/contact", "/login"])
def test_the_skip_link_when_focused_covers_no_other_control(page, workspace, path):
    # A keyboard user's first Tab shows the skip link: it must push the page down, not sit
    # over the masthead's link (axe's target-size rule failed with it over them).
    page.goto(path)
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    check_accessibility(page)
    screenshot(page, f"skip-link-{path.strip('/')}")
