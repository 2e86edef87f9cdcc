from django.db.models import QuerySet

from .models import Commune, Plan


class PlanNotFound(Exception):
    pass


def current_commune() -> Commune | None:
    """The commune this installation serves (the first profile)."""
    return Commune.objects.order_by("pk").first()


def plans() -> QuerySet[Plan]:
    return Plan.objects.select_related("commune")


def plan_for_year(year: int, commune: Commune | None = None) -> Plan:
    commune = commune or current_commune()
    try:
        return plans().get(commune=commune, year=year)
    except Plan.DoesNotExist:
        raise PlanNotFound(year) from None


def latest_plan(commune: Commune | None = None) -> Plan | None:
    return plans().filter(commune=commune or current_commune()).order_by("-year").first()


def working_year() -> int:
    """The year being worked on: the latest plan's, or the calendar year without one."""
    import datetime

    year = Plan.objects.order_by("-year").values_list("year", flat=True).first()
    return year or datetime.date.today().year
