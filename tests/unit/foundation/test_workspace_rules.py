"""Pure rules behind the workspace: waits against targets in words, who may do what, and
residents' words escaped with the trigger words marked."""

from __future__ import annotations

from datetime import timedelta

from contact_hub.domain.workspace import staff_roles as roles
from contact_hub.domain.workspace.queue_targets import duration_words, standing
from contact_hub.web.pages.text import highlight


def test_a_queue_stands_within_nearing_or_over_its_target_in_words():
    assert standing("repairs", None).words == "Nothing waiting"
    assert standing("repairs", timedelta(hours=1)).state == "within"
    assert standing("repairs", timedelta(hours=3)).words == "Nearing target (4 h)"
    assert standing("emergencies", timedelta(minutes=16)).words == "Over target (15 min)"


def test_durations_read_as_people_say_them():
    assert duration_words(timedelta(seconds=20)) == "under a minute"
    assert duration_words(timedelta(minutes=200)) == "3 h 20 min"
    assert duration_words(timedelta(days=2, hours=4)) == "2 days 4 h"


def test_an_agent_may_work_contacts_but_not_decline_complaints_or_edit_the_rota():
    assert roles.allowed("agent", roles.WORK_CONTACTS)
    assert not roles.allowed("agent", roles.DECLINE_COMPLAINTS)
    assert not roles.allowed("agent", roles.EDIT_ROTA)
    assert roles.allowed("manager", roles.EDIT_ROTA)
    assert roles.refusal("agent", roles.EDIT_ROTA) == (
        "You need permission to edit the on-call rota. You are signed in as a contact-centre "
        "agent; only managers and administrators can do this."
    )


def test_highlight_escapes_everything_and_marks_trigger_words_case_insensitively():
    marked = str(highlight("<b>Gas</b> smell & GAS leak", ["gas", "smell"]))
    assert marked == ("&lt;b&gt;<mark>Gas</mark>&lt;/b&gt; <mark>smell</mark> &amp; "
                      "<mark>GAS</mark> leak")
    assert str(highlight("<script>x</script>", ["<script>"])) == (
        "<mark>&lt;script&gt;</mark>x&lt;/script&gt;")
    assert str(highlight("plain", [])) == "plain"
