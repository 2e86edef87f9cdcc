"""gunicorn's settings, read by itself from the folder it starts in (`gunicorn caolocculture.wsgi`).

Personal data stays out of its logs as out of Django's (Nghị định 13/2023): the access log, when
switched on (`--access-logfile -` or ACCESS_LOG=-), writes the path without the query string
(%(U)s, never %(r)s or %(q)s) and no referrer (whose address may carry one); the error log's
lines ("Error handling request /ho/?q=…") go through the same filter as Django's."""

import logging
import os

from caolocculture.logging import NoPersonalData
from caolocculture.warmup import warm

# Processes: 2 × cores + 1 sync workers (WEB_CONCURRENCY overrides). A request here is CPU work in
# Python (templates, the ORM) between short waits on PostgreSQL and Redis, which threads cannot
# share under the GIL; and a busy sync worker takes no new connection, so the next request goes to
# a free one. Measured with `make load` on 2 cores (docs/speed.md): 5 sync workers answered the
# median page in 85 ms where 3 processes × 4 threads took 360 ms (a threaded worker accepts
# connections while all its threads are busy, and queues them behind a sign-in's password hash).
# WEB_THREADS > 1 switches to threaded workers (gthread), e.g. for slow uploads on a slow network.
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1) + 1)))
threads = int(os.environ.get("WEB_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# Threaded workers only (sync ones close every connection): no keep-alive, or a process keeps each
# client's connection, and all that client's requests, to itself; under load one process served
# most people on one core while the others idled.
keepalive = int(os.environ.get("KEEPALIVE", "0"))

accesslog = os.environ.get("ACCESS_LOG") or None  # off by default: the load test sends thousands
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
logger_class = "caolocculture.client_ip.AccessLogger"  # %(h)s: the client behind the proxy (PROXY_COUNT)

# On the logger, not a handler: gunicorn replaces its handlers on every reload, never this filter.
logging.getLogger("gunicorn.error").addFilter(NoPersonalData())


def post_worker_init(worker):
    """Each worker warms itself before its first request (caolocculture/warmup.py). With
    WORKERS_READY_FD set (the load test: the write end of a pipe), it then writes one byte there,
    so the test starts its people once every worker is up, as a server in service would be, not
    while they still boot."""
    warm()
    ready = os.environ.get("WORKERS_READY_FD")
    if ready:
        os.write(int(ready), b"1")
