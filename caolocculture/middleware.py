"""A person with a temporary password changes it before anything else."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from . import versions


class PasswordChangeRequired:
    """Signed in with `must_change_password`: every page but the change-password page, signing
    out and static files leads to the change-password page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = (reverse("password_change"), reverse("logout"), reverse("admin:logout"))
            if request.path_info not in allowed and not request.path_info.startswith(settings.STATIC_URL):
                return redirect("password_change")
        return self.get_response(request)


class WritesMoveVersion:
    """A write request that succeeded moves its commune's data version (caolocculture.versions):
    a queryset update() or a bulk write sends no post_save, and a page must never show figures
    cached from before its own person's change. Placed after CommuneScope, which says the commune."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "changes_no_figure", False):  # versions.changes_no_figure
            return response
        if request.method not in ("GET", "HEAD", "OPTIONS") and response.status_code < 400:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                versions.moved()
        return response
