"""gunicorn's settings, read by itself from the folder it starts in (`gunicorn caolocculture.wsgi`).

Personal data stays out of its logs as out of Django's (Nghị định 13/2023): the access log, when
switched on (`--access-logfile -` or ACCESS_LOG=-), writes the path without the query string
(%(U)s, never %(r)s or %(q)s) and no referrer (whose address may carry one); the error log's
lines ("Error handling request /ho/?q=…") go through the same filter as Django's."""

import logging
import os

from caolocculture.logging import NoPersonalData

accesslog = os.environ.get("ACCESS_LOG") or None  # off by default: the load test sends thousands
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
logger_class = "caolocculture.client_ip.AccessLogger"  # %(h)s: the client behind the proxy (PROXY_COUNT)

# On the logger, not a handler: gunicorn replaces its handlers on every reload, never this filter.
logging.getLogger("gunicorn.error").addFilter(NoPersonalData())
