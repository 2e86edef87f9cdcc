"""Keep personal data out of the logs (Nghị định 13/2023): what a person searched for or
typed never reaches a log line, only where and when."""

import logging
import re

_QUERY = re.compile(r"\?[^\s\"']*")


class NoPersonalData(logging.Filter):
    """Cuts query strings from the message and from the request Django attaches to
    error records (django.request, django.security), and drops the request itself so
    no handler can print its body or parameters."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = _QUERY.sub("?…", record.msg)
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(_QUERY.sub("?…", a) if isinstance(a, str) else a for a in args)
        if hasattr(record, "request"):
            record.request = None
        return True
