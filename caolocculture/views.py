"""Small pieces every app's views share."""

from django.core.exceptions import ValidationError


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
