"""Small pieces every app's views share."""

from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import BadRequest, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe
from django_tables2 import RequestConfig

from .notifications import (
    get_notification_for,
    notification_read,
    notifications_for,
    notifications_read_all,
    unread_count,
)

# The page sizes a list offers; anything else asked for in ?per_page= is refused (not a table
# of every row, which held a worker until it timed out).
PAGE_SIZES = (25, 50, 100)


class UserInputError(BadRequest):
    """A mistake in what the user typed into the address (a query parameter): a 400 whose
    message, written for the user in Vietnamese, is shown on the page (other 400s keep theirs private)."""


def bad_request(request, exception=None):
    """handler400: our own messages shown, anything else (a bad Host, a broken upload) in general words."""
    message = str(exception) if isinstance(exception, UserInputError) else _("Yêu cầu không hợp lệ.")
    if request.path.endswith(".json") or request.headers.get("Accept") == "application/json":
        return JsonResponse({"error": message}, status=400)
    # Refused before the middleware ran (a bad Host): no user, so no context processors.
    with_user = request if hasattr(request, "user") else None
    page = render_to_string("400.html", {"error_message": message}, request=with_user)
    return HttpResponseBadRequest(page)


FAVICON = Path(settings.BASE_DIR) / "static" / "favicon.ico"


@login_not_required  # browsers ask for it before anyone signs in, on the login page too
@require_safe
@cache_control(public=True, max_age=7 * 24 * 3600)
def favicon(request):
    """/favicon.ico, where browsers and bookmarks look for it whatever the page links."""
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent from a page open too long (or with cookies blocked), said in
    Vietnamese in the site's layout; Django's reason is for developers and stays off the page."""
    return render(request, "403_csrf.html", status=403)


def paginate(request, table, per_page: int = 50) -> None:
    """django-tables2's paging, bounded: ?per_page= one of PAGE_SIZES or a 400 in Vietnamese; a page
    number that is not one shows the first page, one out of range the last (RequestConfig's silent mode)."""
    asked = request.GET.get(table.prefixed_per_page_field)
    if asked is not None:
        if asked not in {str(size) for size in PAGE_SIZES}:
            raise UserInputError(
                _("Số dòng mỗi trang không hợp lệ: chọn %(sizes)s.") % {"sizes": ", ".join(map(str, PAGE_SIZES))}
            )
        per_page = int(asked)
    RequestConfig(request, paginate={"per_page": per_page}).configure(table)


def ids_from(data, name: str) -> list[int]:
    """The ids a page posted under `name` (ticked boxes): whole numbers, or a 400 in Vietnamese
    (never a database error on "abc" or 1e400)."""
    ids = []
    for value in data.getlist(name):
        if not (value.isascii() and value.isdigit()) or len(value) > 18:
            raise UserInputError(_("Lựa chọn gửi lên không hợp lệ: “%(value)s”.") % {"value": value[:20]})
        ids.append(int(value))
    return ids


def apply_form(form, write):
    """Run a service on a valid form; the service's refusals land on the form, by field
    where the service names one. Returns what the service returned, or None."""
    if form.is_valid():
        try:
            return write(form.cleaned_data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
    return None


def form_status(request) -> int:
    """The status of a form page's answer: every form page redirects once its POST is saved, so a
    POST that comes back to its form was refused (errors shown, nothing written): 400, else 200."""
    return 400 if request.method == "POST" else 200


def import_step(request, step: Callable[[], object], preview: str) -> HttpResponse:
    """A button on an import's preview (templates/imports/preview.html): "Xác nhận nhập",
    "Thử lại". The service runs; its refusal is said on the preview, which is shown again."""
    try:
        step()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(preview)


# -- notifications: the bell and /thong-bao/ ------------------------------------------------


@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    """What the person was told, newest first, unread ones marked; 30 to a page."""
    page = Paginator(notifications_for(request.user), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications.html",
        {"page": page, "unread": unread_count(request.user)},
    )


@never_cache
@require_GET
def notifications_unread(request: HttpRequest) -> JsonResponse:
    """The bell's count, fetched by static/js/app.js after the page shows: no page pays a
    query for it."""
    return JsonResponse({"unread": unread_count(request.user)})


@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """One click: the notification is read and its page opens."""
    notification = notification_read(notification=get_notification_for(request.user, pk), by=request.user)
    # Our services write the address; checked anyway so a stored link can never lead off the site.
    if url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}):
        return redirect(notification.url)
    return redirect("notifications")


@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    """ "Đánh dấu tất cả đã đọc"."""
    count = notifications_read_all(by=request.user)
    messages.success(request, _("Đã đánh dấu %(n)d thông báo là đã đọc.") % {"n": count})
    return redirect("notifications")
