"""Internet mail as Exchange (EWS) hands it to us, hostile shapes included: every message
becomes a readable normalised message or a clear PayloadInvalid, never a crash."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channels.base import PayloadInvalid
from channels.email_mime import MAX_MIME_BYTES, parse_mime
from channels.mail_rules import MAX_SUBJECT_CHARS

MAILBOX = "housing@magna.example"
NOW = datetime(2026, 11, 23, 9, 35, tzinfo=UTC)
BASE = "ews:housing@magna.example/items/AAMk"


def parse(mime: bytes):
    return parse_mime(mime, mailbox=MAILBOX, received_at=NOW, attachment_base=BASE)


def raw(headers: str, body: bytes) -> bytes:
    return headers.replace("\n", "\r\n").encode() + b"\r\n" + body


HEAD = "From: Jane <jane.resident@example.com>\nTo: housing@magna.example\n" \
       "Message-ID: <m1@example.com>\nSubject: Leak\n"


def test_a_plain_message_is_parsed_like_graph_mail():
    message = EmailMessage()
    message["From"] = "Jane Resident <Jane.Resident@Example.com>"
    message["To"] = MAILBOX
    message["Subject"] = "=?utf-8?q?Fuite_d=E2=80=99eau?= in the kitchen"
    message["Message-ID"] = "<abc@mail.example.com>"
    message["In-Reply-To"] = "<ch-1@magna.example>"
    message.set_content("Water is coming through the ceiling.\n\n> earlier text\n> more")
    message.add_attachment(b"\xff\xd8jpeg", maintype="image", subtype="jpeg",
                           filename="ceiling.jpg")

    parsed = parse(bytes(message))

    mail = parsed.message
    assert parsed.ignored is None
    assert mail.sender == "jane.resident@example.com" and mail.recipient == MAILBOX
    assert mail.subject == "Fuite d’eau in the kitchen"  # RFC 2047 decoded
    assert mail.text == "Water is coming through the ceiling."  # the quote trimmed
    assert mail.provider_message_id == "<abc@mail.example.com>"
    assert mail.replies_to == ("<ch-1@magna.example>",)
    [photo] = mail.attachments
    assert photo.content_type == "image/jpeg" and photo.url.endswith("/attachments/0#ceiling.jpg")


def test_multiparts_nested_hundreds_deep_do_not_crash_and_the_text_is_found_near_the_top():
    boundary_open = ""
    for level in range(300):
        nested = f"multipart/mixed; boundary=b{level + 1}"
        boundary_open += f"--b{level}\r\nContent-Type: {nested}\r\n\r\n"
    mime = raw(HEAD + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b0\n",
               b"--b0\r\nContent-Type: text/plain\r\n\r\nThe boiler is leaking\r\n"
               + boundary_open.encode() + b"deep\r\n")
    parsed = parse(mime)
    assert parsed.message.text == "The boiler is leaking"


def test_a_huge_header_is_cut_and_the_message_still_read():
    mime = raw(HEAD.replace("Subject: Leak", "Subject: " + "Leak " * 200_000), b"Help\r\n")
    parsed = parse(mime)
    assert len(parsed.message.subject or "") <= MAX_SUBJECT_CHARS
    assert parsed.message.text == "Help"


@pytest.mark.parametrize(
    ("content_type", "payload", "expected"),
    [
        ("text/plain; charset=x-no-such-charset", b"Damp in the bedroom",
         "Damp in the bedroom"),
        ("text/plain; charset=utf-8", "Caf\u00e9 window broken".encode("windows-1252"),
         "Caf\u00e9 window broken"),  # says UTF-8, is Windows-1252
        ("text/plain; charset=\"\"", b"No heating", "No heating"),
        ("text/plain; charset=utf-16", b"\xff\xfe\x00", None),  # broken UTF-16
    ],
)
def test_wrong_and_lying_charsets_still_give_text(content_type, payload, expected):
    mime = raw(HEAD + f"Content-Type: {content_type}\nContent-Transfer-Encoding: 8bit\n", payload)
    parsed = parse(mime)
    if expected is not None:
        assert parsed.message.text == expected
    assert isinstance(parsed.message.text, str)


def test_broken_base64_and_html_only_bodies_are_readable():
    broken = raw(HEAD + "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n",
                 base64.b64encode(b"Mould on the wall")[:-3] + b"!!\r\n")
    assert isinstance(parse(broken).message.text, str)
    html = raw(HEAD + "Content-Type: text/html; charset=utf-8\n",
               b"<html><head><style>p{}</style></head><body><p>Gas smell</p>"
               b"<script>alert(1)</script><p>Flat&nbsp;4</p></body></html>")
    assert parse(html).message.text == "Gas smell\nFlat 4"


@pytest.mark.parametrize(
    ("mime", "field"),
    [
        (raw("To: housing@magna.example\nMessage-ID: <x@y>\n", b"hi"), "From"),
        (raw("From: not an address\nMessage-ID: <x@y>\n", b"hi"), "From"),
        (raw("From: jane@example.com\n", b"hi"), "Message-ID"),
        (raw("From: jane@example.com\nMessage-ID: no-brackets\n", b"hi"), "Message-ID"),
    ],
)
def test_a_message_without_sender_or_id_is_refused_with_the_field_named(mime, field):
    with pytest.raises(PayloadInvalid, match=field):
        parse(mime)


def test_an_oversized_message_is_refused_before_parsing():
    with pytest.raises(PayloadInvalid, match="larger than"):
        parse(b"x" * (MAX_MIME_BYTES + 1))


def test_an_out_of_office_in_mime_is_an_auto_reply():
    mime = raw(HEAD.replace("Subject: Leak", "Subject: Automatic reply: Re: Leak [CH-7K3QM9P]")
               + "Auto-Submitted: auto-replied\n", b"I am away")
    assert parse(mime).ignored == "auto_reply"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000) | st.builds(
    lambda head, body: raw(HEAD + head, body),
    st.text(max_size=300), st.binary(max_size=500)))
def test_any_bytes_are_a_message_or_a_clear_refusal(mime):
    try:
        parsed = parse(mime)
    except PayloadInvalid:
        return
    assert isinstance(parsed.message.text, str) and "\x00" not in parsed.message.text
