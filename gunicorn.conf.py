"""gunicorn settings for the web process (the Procfile's `web`; bench/ingest.py uses them too).

Each worker listens on its own SO_REUSEPORT socket, so the kernel spreads connections
across workers: with one shared socket, whichever worker wakes first takes them, and a
few keep-alive clients (Twilio, a load balancer) can end up all on one worker while the
others idle, halving what the machine can take. Threads overlap a request's database
wait with another's work; more processes than cores buys nothing under the GIL.
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread"
reuse_port = True
# The access log shows the path, never the query string (`?customer=+44…`, Meta's
# hub.verify_token) or the referrer (which can carry one): %(U)s, not %(r)s.
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms "%(a)s"'
