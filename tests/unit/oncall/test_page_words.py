"""What a page tells the person on call about the resident, within each channel's limits."""

from __future__ import annotations

from contact_hub.domain.alerts import messages as say

LONG = "I can smell gas in the hallway and my mum is on oxygen, please come quickly. " * 10


def test_an_sms_page_cuts_the_words_to_fit_three_segments_and_keeps_the_rest():
    caller = say.Caller(LONG, "+447700900123", ("oxygen user", "lives alone"))
    page = say.page_sms(7, ["gas"], "Flat 3, Mill House, 12 Mill Road, Leeds, LS1 4AP",
                        "K7Q2", caller)
    assert len(page) <= say.SMS_PAGE_LIMIT
    assert page.startswith("EMERGENCY alert 7: gas reported (Flat 3, Mill House")
    assert '..."' in page  # the words were cut, and say so
    assert "Vulnerable: oxygen user, lives alone." in page
    assert "Call back on +447700900123." in page
    assert page.endswith("Reply ACK K7Q2 to acknowledge.")


def test_short_words_are_kept_whole_and_a_missing_number_is_said():
    page = say.page_sms(7, ["gas"], "Flat 3", "K7Q2", say.Caller("Gas!", None))
    assert 'Resident said: "Gas!".' in page and "No callback number held." in page
    assert "Vulnerable" not in page


def test_a_page_without_a_caller_is_as_before():
    assert say.page_sms(7, ["gas"], "Flat 3", "K7Q2") == (
        "EMERGENCY alert 7: gas reported (Flat 3). Reply ACK K7Q2 to acknowledge.")


def test_a_call_reads_a_uk_number_from_zero_digit_by_digit():
    script = say.voice_script(7, ["gas"], "Flat 3", say.Caller("Gas", "+447700900123"))
    assert "Call back on 0 7 7 0 0 9 0 0 1 2 3." in script
    assert say.voice_script(7, ["gas"], "Flat 3", say.Caller("Gas", "+33612345678")).endswith(
        "Call back on + 3 3 6 1 2 3 4 5 6 7 8.")
