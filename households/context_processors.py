"""The commune in the navbar: its name, and for the province (or a superuser) the switch; its words
for its units."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from caolocculture.permissions import chooses_commune
from caolocculture.text import vietnamese_key

from .models import Commune
from .selectors import current_commune, current_unit_words


def commune(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not chooses_commune(user):
        return {}
    # Callables: the template asks for them only where it shows the switch.
    return {
        "commune_switch": True,
        "switch_communes": lambda: sorted(Commune.objects.only("pk", "name"), key=lambda c: vietnamese_key(c.name)),
        "switch_current": current_commune,
    }


def units(request: HttpRequest) -> dict[str, Any]:
    """`units`: how the working commune names its units ("Khối phố", "trưởng thôn", "Thôn văn
    hóa"), asked (one query) only by a page that names them."""
    return {"units": SimpleLazyObject(current_unit_words)}
