"""The names jobs are enqueued by: one constant for each function in `contact_hub.jobs`.

Services enqueue a job by its dotted name, not by the function, because importing
`contact_hub.jobs` would import the whole composition root. The names live here so the
dependency is visible, and `tests/unit/test_job_names.py` checks that every name is a job
and every job has a name.
"""

from __future__ import annotations

_JOBS = "contact_hub.jobs"

PROCESS_INBOUND = f"{_JOBS}.process_inbound"
ROUTE_BATCH = f"{_JOBS}.route_batch"
SEND_OUTBOUND = f"{_JOBS}.send_outbound"
FETCH_EMAIL = f"{_JOBS}.fetch_email"
FETCH_EMAIL_PAGE = f"{_JOBS}.fetch_email_page"
ESCALATION_STEP = f"{_JOBS}.escalation_step"
POST_SLACK_ALERT = f"{_JOBS}.post_slack_alert"
SLACK_INTERACTION = f"{_JOBS}.slack_interaction"
SEND_COMPLAINT_NOTICE = f"{_JOBS}.send_complaint_notice"
SEND_HAZARD_NOTICE = f"{_JOBS}.send_hazard_notice"
KEEP_MEDIA = f"{_JOBS}.keep_media"
SAFETY_QUESTION_TIMEOUT = f"{_JOBS}.safety_question_timeout"
