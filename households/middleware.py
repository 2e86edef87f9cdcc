"""The commune a request works on (caolocculture.scope), and the two refusals that go before
any page: a commune role with no commune, and a write by the province."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from caolocculture import scope
from caolocculture.permissions import belongs_to_a_commune, chooses_commune, is_read_only, lacks_commune

from .models import Commune
from .selectors import unit_words_done, unit_words_for

# The session key of the commune the province (or a superuser, or the system admin) looks at.
SESSION_KEY = "xa"
# Pages about one's own account, open even to those refused everything else.
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def _own_account_paths() -> set[str]:
    return {reverse("logout"), reverse("password_change"), reverse("password_change_done"), reverse("admin:logout")}


def _refuse(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "households/refused.html", {"reason": reason}, status=403)


class CommuneScope:
    """Sets the request's commune, lazily (a page that never asks pays no query):
    a commune role's own; for the province, the system admin or a superuser, the one chosen with
    `?xa=<pk>` (kept in the session), else the installation's first."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = scope.enter(self._resolver(request))
        words = unit_words_for(getattr(request, "user", None))
        try:
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
            return self.get_response(request)
        finally:
            unit_words_done(words)
            scope.leave(token)

    def _resolver(self, request: HttpRequest) -> Any:
        cache: dict[str, Any] = {}

        def resolve() -> Any:
            if "pk" not in cache:
                cache["pk"] = self._commune_pk(request)
            return cache["pk"]

        return resolve

    def _commune_pk(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return scope.UNSET
        if belongs_to_a_commune(user):
            return user.commune_id
        if chooses_commune(user):
            chosen = request.session.get(SESSION_KEY)
            if isinstance(chosen, int):
                return chosen
            return Commune.objects.installation().values_list("pk", flat=True).first()
        return None

    def _refusal(self, request: HttpRequest) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path_info.startswith(settings.STATIC_URL):
            return None
        if request.path_info in _own_account_paths():
            return None
        if lacks_commune(user):
            return _refuse(
                request,
                _(
                    "Tài khoản của bạn chưa được gắn với xã, phường, thị trấn nào nên chưa xem được dữ liệu. "
                    "Hãy liên hệ quản trị hệ thống để được gắn đúng đơn vị."
                ),
            )
        if is_read_only(user) and request.method not in SAFE_METHODS:
            return _refuse(request, _("Tài khoản cấp tỉnh chỉ được xem, không được thay đổi dữ liệu của xã."))
        if SESSION_KEY in request.GET and chooses_commune(user):
            raw = request.GET[SESSION_KEY]
            commune = Commune.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
            if commune is None:
                return render(
                    request,
                    "households/refused.html",
                    {"reason": _("Không có xã, phường, thị trấn nào như đã chọn.")},
                    status=400,
                )
            request.session[SESSION_KEY] = commune.pk
            query = request.GET.copy()
            del query[SESSION_KEY]
            target = _same_page_in(request.path_info)
            keep = query and target == request.path_info  # the old page's filters only on the old page
            return redirect(target + (f"?{query.urlencode()}" if keep else ""))
        return None


def _same_page_in(path: str) -> str:
    """Where the switch lands: the same page in the new commune, unless the page shows one of
    the old commune's things (a block, a household: any id but the year), which the new commune
    has not; then its dashboard, rather than a "not found"."""
    try:
        match = resolve(path)
    except Resolver404:
        return path
    return reverse("home") if set(match.kwargs) - {"year"} else path
