"""The address of the person at the other end of a request: the one the login lock counts
(django-axes calls `client_ip` through AXES_CLIENT_IP_CALLABLE) and the one any log line of an
address must use.

Behind a TLS proxy every connection comes from the proxy; each proxy appends the address it
was talking to onto X-Forwarded-For, so with PROXY_COUNT proxies in front the client is the
PROXY_COUNT-th address from the right. Anything further left was written by the client and
proves nothing. Without PROXY_COUNT the header is ignored: a client must not choose its own
address.
"""

from ipaddress import ip_address
from types import SimpleNamespace

from django.conf import settings
from gunicorn.glogging import Logger


def _valid(address: str) -> str | None:
    try:
        return str(ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    proxies = getattr(settings, "PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [a for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(forwarded) < proxies:
        # Not through every proxy (a request from inside, a misconfigured proxy): the peer it is.
        return remote
    return _valid(forwarded[-proxies]) or remote


class AccessLogger(Logger):
    """gunicorn's access log (gunicorn.conf.py's logger_class) with %(h)s the same client as the
    login lock's, not the proxy in front."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["h"] = client_ip(SimpleNamespace(META=environ)) or "-"
        return atoms
