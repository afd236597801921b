"""Signing in with Microsoft in Chromium: the real service (as `contact-hub serve` runs it)
set up for Entra ID against the local HTTPS authority; the person presses "Sign in with
Microsoft", the authority signs them in and sends them back, and they land on their start
page with the role the directory gave them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import check_accessibility, screenshot
from tests.e2e.serving import running_service
from tests.fakes.entra_server import CLIENT_ID, CLIENT_SECRET, TENANT, EntraPerson, FakeEntra


@pytest.fixture(scope="module")
def entra() -> Iterator[FakeEntra]:
    fake = FakeEntra().start()  # the service inherits REQUESTS_CA_BUNDLE to trust it
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def service(chromium: str, entra: FakeEntra, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[str]:
    settings = {"ENTRA_TENANT_ID": TENANT, "ENTRA_CLIENT_ID": CLIENT_ID,
                "ENTRA_CLIENT_SECRET": CLIENT_SECRET, "ENTRA_LOGIN_BASE_URL": entra.base_url,
                "ENTRA_ROLE_MAP": "ContactHub.Agent=agent,ContactHub.Handler=handler"}
    with running_service("embedded", Path(tmp_path_factory.mktemp("entra")), settings) as (
        base, _api
    ):
        yield base


@pytest.fixture
def entra_page(browser: Any, service: str) -> Iterator[Any]:
    # The fake authority's certificate is self-signed; Entra's own is not.
    context = browser.new_context(base_url=service, ignore_https_errors=True,
                                  viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(Path(__file__).parents[1] / "vendor" / "axe-core"
                                      / "axe.min.js"))
    opened = context.new_page()
    yield opened
    context.close()


def test_a_handler_signs_in_with_microsoft_and_lands_on_the_complaints(
    entra_page: Any, entra: FakeEntra
) -> None:
    from playwright.sync_api import expect

    page = entra_page
    entra.person = EntraPerson(name="Priya Shah", email="priya.shah@magna.example",
                               roles=["ContactHub.Handler"])
    page.goto("/login")
    button = page.get_by_role("link", name="Sign in with Microsoft")
    expect(button).to_be_visible()
    check_accessibility(page)
    screenshot(page, "sign-in-microsoft")

    button.click()
    page.wait_for_url(lambda url: url.endswith("/complaints"))
    expect(page.locator("body")).to_contain_text("Priya Shah")
    [asked] = entra.authorize_requests[-1:]
    assert asked["code_challenge_method"] == "S256" and asked["state"]


def test_someone_without_a_contact_hub_role_is_told_and_stays_out(
    entra_page: Any, entra: FakeEntra
) -> None:
    from playwright.sync_api import expect

    page = entra_page
    entra.person = EntraPerson(name="Pat Payroll", email="pat@magna.example",
                               roles=["Payroll.Reader"])
    page.goto("/login")
    page.get_by_role("link", name="Sign in with Microsoft").click()
    expect(page.get_by_role("alert")).to_contain_text("not set up for Contact Hub")
    check_accessibility(page)
    assert page.goto("/inbox").url.split("?")[0].endswith("/login")
