"""Browser tests: Debian's Chromium, driven by Playwright, through the real service started
as `contact-hub serve` starts it (embedded SQLite and Redis). axe-core (vendored under
tests/vendor/) checks every page; serious or critical violations fail the test.

No browser installed: every test here is skipped with one reason
(`apt-get install chromium`). `UPDATE_SCREENSHOTS=1` also saves the main pages under
docs/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from contact_hub.clock import system_clock
from contact_hub.services.access.staff_users import StaffUsers
from contact_hub.services.unit_of_work import UnitsOfWork
from contact_hub.storage.db import make_engine, make_session_factory
from tests.e2e.serving import running_service, wait_for
from tests.helpers import AUTH_TOKEN, TwilioSigner, sms_form

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
PASSWORD = "correct horse battery staple"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-dev-shm-usage"]


def chromium_path() -> str | None:
    if os.environ.get("CHROMIUM_PATH") == "none":  # a machine without a browser (.ci/fresh-machine)
        return None
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@dataclass
class Workspace:
    """The running service, its staff and a way to send it residents' texts."""

    base: str
    api: dict[str, str]
    env: dict[str, str]
    log: Path
    staff: dict[str, str] = field(default_factory=dict)  # role -> email
    sent: int = 0

    def text(self, body: str, sender: str) -> dict[str, Any]:
        """A resident texts in; returns the contact once routed (as the API shows it)."""
        self.sent += 1
        sid = f"SMbrowser{self.sent:06d}"
        form = sms_form(body, sid=sid, sender=sender)
        signer = TwilioSigner(base=self.base)
        answer = requests.post(self.base + "/webhooks/twilio/sms", data=form, timeout=10,
                               headers=signer.headers("/webhooks/twilio/sms", form))
        assert answer.status_code == 200

        def routed() -> dict[str, Any] | None:
            items = requests.get(self.base + "/api/v1/contacts", headers=self.api,
                                 params={"customer": sender}, timeout=5).json()["items"]
            mine = [c for c in items if c["text"] == body and c["status"] == "routed"]
            return mine[0] if mine else None

        return wait_for(routed)


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        pytest.skip("browser tests need Chromium: apt-get install chromium (none found)")
    return path


@pytest.fixture(scope="session")
def workspace(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    tmp = tmp_path_factory.mktemp("workspace")
    settings = {"TWILIO_AUTH_TOKEN": AUTH_TOKEN, "WORKSPACE_REFRESH_SECONDS": "1",
                "COMPLAINTS_HOMES": "1000",
                "ONCALL_ROTA_FILE": str(ROOT / "examples" / "oncall-rota.yaml"),
                "ONCALL_FALLBACK_NUMBER": "+447700900999"}
    with running_service("embedded", tmp, settings) as (base, api):
        env = {k: v for k, v in os.environ.items()
               if k not in ("DATABASE_URL", "REDIS_URL", "PORT")}
        env.update(CONTACT_HUB_HOME=str(tmp / "instance"), **settings)
        running = Workspace(base, api, env, tmp / "serve.log")
        # One person through the command line, as an administrator would; the rest
        # straight into the database (quicker).
        subprocess.run(
            [sys.executable, "-m", "contact_hub", "users", "create", "--email",
             "admin@magna.example", "--name", "Sam Admin", "--role", "admin",
             "--password-stdin"],
            input=PASSWORD + "\n", env=env, text=True, check=True, capture_output=True,
            timeout=60,
        )
        running.staff["admin"] = "admin@magna.example"
        engine = make_engine(f"sqlite:///{tmp / 'instance' / 'contact_hub.db'}")
        staff = StaffUsers(UnitsOfWork(make_session_factory(engine)), system_clock)
        for role in ("agent", "handler", "manager"):
            running.staff[role] = staff.create(
                f"{role}@magna.example", f"Sam {role.capitalize()}", role, PASSWORD).email
        engine.dispose()
        yield running


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, workspace: Workspace) -> Iterator[Any]:
    """A fresh browser context (no cookies) that fails the test on any console error,
    including a Content-Security-Policy refusal, and on any JavaScript dialog."""
    context = browser.new_context(base_url=workspace.base, viewport={"width": 1280,
                                                                      "height": 900})
    context.add_init_script(path=str(AXE))  # not subject to the page's CSP
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield opened
    context.close()
    unexpected = [p for p in problems if "status of 403" not in p and "status of 404" not in p
                  and "status of 400" not in p]
    assert not unexpected, f"browser console errors: {unexpected}"


def sign_in(page: Any, workspace: Workspace, role: str) -> None:
    page.goto("/login")
    page.get_by_label("Email address").fill(workspace.staff[role])
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/login" not in url)


def check_accessibility(page: Any) -> None:
    """axe-core on the page as it stands: no serious or critical WCAG 2.2 AA violation.

    After a form's submission the new page's title can be seen before its stylesheet has
    loaded; axe then judges unstyled links (a busy machine, two test processes, showed it).
    """
    page.wait_for_load_state("load")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert not bad, f"accessibility violations on {page.url}: {bad}"


def screenshot(page: Any, name: str) -> None:
    if os.environ.get("UPDATE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
