from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from campaigns.selectors import current_commune, plans

from .selectors import indicators_for


def home(request: HttpRequest) -> HttpResponse:
    """The year's targets and where the commune (or the user's block) stands."""
    by_year = {plan.year: plan for plan in plans().filter(commune=current_commune())}
    year = request.GET.get("year", "")
    plan = by_year.get(int(year)) if year.isdigit() else None
    if plan is None and by_year:
        plan = by_year[max(by_year)]
    view = indicators_for(request.user, plan) if plan else None
    return render(request, "reports/home.html", {"plan": plan, "years": sorted(by_year, reverse=True), "view": view})
