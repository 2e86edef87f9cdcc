"""The commune in the navbar: its name, and for the province (or a superuser) the switch."""

from typing import Any

from django.http import HttpRequest

from caolocculture.permissions import chooses_commune

from .models import Commune
from .selectors import current_commune


def commune(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not chooses_commune(user):
        return {}
    # Callables: the template asks for them only where it shows the switch.
    return {
        "commune_switch": True,
        "switch_communes": lambda: list(Commune.objects.order_by("name").only("pk", "name")),
        "switch_current": current_commune,
    }
