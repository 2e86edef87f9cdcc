"""Small pieces every app's views share."""

from django.core.exceptions import BadRequest, ValidationError
from django.http import HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


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
