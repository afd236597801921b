"""Signing in to the workspace: passwords, throttling, CSRF, idle timeout, roles, and the
security headers on every page."""

from __future__ import annotations

from tests.workspace_helpers import PASSWORD, create_staff, csrf_token, sign_in, signed_in


def test_a_stranger_is_sent_to_the_sign_in_page_with_email_password_and_csrf(client):
    start = client.get("/")
    assert start.status_code == 302 and start.headers["Location"].endswith("/login")

    page = client.get("/login")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert 'type="email"' in html and 'type="password"' in html
    assert 'autocomplete="current-password"' in html
    assert csrf_token(html)


def test_an_agent_signs_in_and_lands_on_the_inbox(client, container):
    email = create_staff(container, "agent")
    answer = sign_in(client, email)
    assert answer.status_code == 302
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" in cookie  # PUBLIC_BASE_URL is https here

    start = client.get("/")
    assert start.headers["Location"].endswith("/inbox")
    inbox = client.get("/inbox").get_data(as_text=True)
    assert "<h1>Inbox</h1>" in inbox and "Agent" in inbox


def test_a_manager_starts_on_the_dashboard_and_a_handler_on_complaints(app, container):
    for role, page in (("manager", "/dashboard"), ("handler", "/complaints")):
        client = app.test_client()
        sign_in(client, create_staff(container, role))
        assert client.get("/").headers["Location"].endswith(page)


def test_a_wrong_password_is_refused_with_the_same_message_as_an_unknown_email(client, container):
    email = create_staff(container, "agent")
    wrong = sign_in(client, email, "not the password at all")
    unknown = sign_in(client, "nobody@magna.example", PASSWORD)
    for answer in (wrong, unknown):
        html = answer.get_data(as_text=True)
        assert answer.status_code == 400
        assert "The email address or password is not right." in html
        assert "<title>Error: Sign in" in html
    assert 'value="nobody@magna.example"' in unknown.get_data(as_text=True)  # kept
    assert PASSWORD not in unknown.get_data(as_text=True)  # never echoed


def test_sign_in_is_paused_for_an_account_after_five_failures_even_with_the_right_password(
    client, container
):
    email = create_staff(container, "agent")
    for _ in range(5):
        assert sign_in(client, email, "guessing wrongly").status_code == 400
    paused = sign_in(client, email)
    assert paused.status_code == 429
    assert "try again in 15 minutes" in paused.get_data(as_text=True)
    assert client.get("/inbox").status_code == 302  # still signed out


def test_sign_in_is_paused_for_an_address_trying_many_accounts(client, container):
    create_staff(container, "agent", email="real@magna.example")
    for n in range(20):
        sign_in(client, f"guess{n}@magna.example", "whatever it is")
    assert sign_in(client, "real@magna.example").status_code == 429


def test_a_form_without_its_csrf_token_changes_nothing(client, container):
    email = create_staff(container, "agent")
    answer = client.post("/login", data={"email": email, "password": PASSWORD})
    assert answer.status_code == 400
    assert "did not come from this site" in answer.get_data(as_text=True)
    assert client.get("/inbox").status_code == 302


def test_sign_out_ends_the_session(client, container):
    signed_in(client, container)
    page = client.get("/inbox").get_data(as_text=True)
    out = client.post("/logout", data={"csrf_token": csrf_token(page)})
    assert out.status_code == 302
    assert client.get("/inbox").headers["Location"].startswith("/login")


def test_a_person_idle_too_long_is_signed_out_and_told_why(client, container, clock):
    signed_in(client, container)
    clock.advance(minutes=29)
    assert client.get("/inbox").status_code == 200
    clock.advance(minutes=29)  # active 29 minutes ago: still in
    assert client.get("/inbox").status_code == 200
    clock.advance(minutes=31)
    answer = client.get("/inbox")
    assert answer.status_code == 302 and "idle=1" in answer.headers["Location"]
    assert "signed out because you had not done anything" in client.get(
        answer.headers["Location"]).get_data(as_text=True)


def test_after_sign_in_a_person_returns_to_the_page_they_asked_for_on_this_site_only(
    client, container
):
    email = create_staff(container, "agent")
    asked = client.get("/contacts/5")
    assert asked.headers["Location"] == "/login?next=/contacts/5"
    page = client.get("/login?next=//evil.example/x").get_data(as_text=True)
    answer = client.post("/login?next=//evil.example/x", data={
        "email": email, "password": PASSWORD, "csrf_token": csrf_token(page)})
    assert answer.headers["Location"] == "/"


def test_an_agent_refused_the_dashboard_is_told_why(client, container):
    signed_in(client, container, "agent")
    answer = client.get("/dashboard")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 403
    assert "You need permission to see the managers" in html
    assert "signed in as a contact-centre agent" in html
    assert "Dashboard</a>" not in html  # not offered in the navigation either


def test_pages_carry_security_headers_and_allow_no_inline_script(client):
    answer = client.get("/login")
    policy = answer.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Referrer-Policy"] == "same-origin"
    assert answer.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    html = answer.get_data(as_text=True)
    assert "<script>" not in html and " on" + "click=" not in html


def test_over_plain_http_cookies_are_not_secure_and_there_is_no_hsts(settings, clock):
    from contact_hub.app import create_app
    from contact_hub.bootstrap import build

    container = build(settings.with_overrides(public_base_url="http://127.0.0.1:5000"),
                      clock=clock)
    try:
        app = create_app(container=container)
        client = app.test_client()
        email = create_staff(container, "agent", email="secure@magna.example")
        answer = sign_in(client, email)
        assert answer.status_code == 302
        assert "Secure" not in answer.headers["Set-Cookie"]
        assert "Strict-Transport-Security" not in answer.headers
    finally:
        container.close()


def test_unknown_pages_are_html_pages_and_the_api_stays_json(client, container):
    signed_in(client, container)
    page = client.get("/no-such-page")
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert "Page not found" in page.get_data(as_text=True)
    api = client.get("/api/v1/no-such-thing")
    assert api.status_code == 404 and api.is_json


def test_the_inbox_refreshing_itself_does_not_keep_an_idle_person_signed_in(
    client, container, clock
):
    signed_in(client, container)
    poll = {"HX-Request": "true", "HX-Current-URL": "http://localhost/inbox"}
    for _ in range(3):
        clock.advance(minutes=10)
        assert client.get("/inbox/queues", headers=poll).status_code == 200
    clock.advance(minutes=1)  # 31 minutes since the person last did anything
    answer = client.get("/inbox/queues", headers=poll)
    assert answer.status_code == 204
    assert answer.headers["HX-Redirect"] == "/login?next=/inbox&idle=1"
