"""gunicorn's settings, read by itself from the folder it starts in (`gunicorn caolocculture.wsgi`).

Personal data stays out of its logs as out of Django's (Nghị định 13/2023): the access log, when
switched on (`--access-logfile -` or ACCESS_LOG=-), writes the path without the query string
(%(U)s, never %(r)s or %(q)s) and no referrer (whose address may carry one); the error log's
lines ("Error handling request /ho/?q=…") go through the same filter as Django's."""

import logging
import os

from caolocculture.logging import NoPersonalData

# Threads, not only processes: a request waits mostly on PostgreSQL and Redis, and signing in
# hashes the password (PBKDF2, in C, without the GIL) for a third of a second; with sync workers
# three sign-ins at once held every process and each page queued behind them. Measured with
# `make load` on 2 cores (docs/speed.md): WEB_CONCURRENCY and WEB_THREADS override.
workers = int(os.environ.get("WEB_CONCURRENCY", str((os.cpu_count() or 1) + 1)))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread"
# No keep-alive: a threaded worker would keep each client's connection, and with it all that
# client's requests, to itself; under load one process then served most people on one core while
# the others idled (seen in `make load`). Closed after each answer, the next request goes to
# whichever process is free. (Behind the TLS proxy the browser's connection is kept by the proxy.)
keepalive = int(os.environ.get("KEEPALIVE", "0"))

accesslog = os.environ.get("ACCESS_LOG") or None  # off by default: the load test sends thousands
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
logger_class = "caolocculture.client_ip.AccessLogger"  # %(h)s: the client behind the proxy (PROXY_COUNT)

# On the logger, not a handler: gunicorn replaces its handlers on every reload, never this filter.
logging.getLogger("gunicorn.error").addFilter(NoPersonalData())
