"""Writes to the plan and its parts."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Commune, Funding, Plan, SteeringCommitteeMember, Target, Task

SEED_PLAN = Path(__file__).resolve().parent / "data" / "plan_2024.json"


class PlanFileError(Exception):
    """A plan file that cannot be loaded, with what and where in Vietnamese."""


@dataclass
class LoadReport:
    added: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def _field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # "__all__" and the like
        return name


def _add(model, label: str, report: LoadReport, **values):
    obj = model(**values)
    try:
        obj.full_clean()
    except ValidationError as exc:
        details = "; ".join(f"{_field_label(model, name)}: {' '.join(msgs)}" for name, msgs in exc.message_dict.items())
        raise PlanFileError(_("%(label)s không hợp lệ (%(details)s)") % {"label": label, "details": details}) from None
    obj.save()
    report.added.append(label)
    return obj


@transaction.atomic
def plan_load(*, data: dict) -> LoadReport:
    """Load a plan file: the commune profile and its blocks the first time, the
    year's plan with its targets, tasks, committee and funding when that year has
    none. Whatever exists is kept as the officer left it, never overwritten or
    re-created, so running it again changes nothing."""
    from households.models import Block

    report = LoadReport()
    try:
        commune = Commune.objects.order_by("pk").first()  # one commune per installation, even renamed
        if commune is None:
            commune = _add(Commune, _("hồ sơ %(name)s") % {"name": data["commune"]["name"]}, report,
                           **data["commune"])
            for item in data["blocks"]:
                _add(Block, item["name"], report, commune=commune, **item)
        else:
            report.kept.append(_("hồ sơ %(name)s và các khối phố") % {"name": commune.name})

        plan_fields = dict(data["plan"])
        year = plan_fields.pop("year")
        plan = Plan.objects.filter(commune=commune, year=year).first()
        if plan is not None:
            report.kept.append(_("kế hoạch năm %(year)s cùng chỉ tiêu, nhiệm vụ, thành viên Ban Chỉ đạo, kinh phí")
                               % {"year": year})
            return report
        plan = _add(Plan, _("kế hoạch năm %(year)s") % {"year": year}, report, commune=commune, year=year,
                    **plan_fields)
        for order, item in enumerate(data["targets"], start=1):
            _add(Target, _("chỉ tiêu %(code)s") % {"code": item["code"]}, report, plan=plan, order=order, **item)
        members = {}
        for order, item in enumerate(data["committee"], start=1):
            members[item["position"]] = _add(SteeringCommitteeMember, item["position"], report, plan=plan,
                                             order=order, **item)
        for order, item in enumerate(data["tasks"], start=1):
            task = _add(Task, _("nhiệm vụ %(n)d") % {"n": order}, report, plan=plan, order=order,
                        title=item["title"])
            task.responsible.set([members[p] for p in item.get("responsible", []) if p in members])
        for item in data["fundings"]:
            _add(Funding, str(Funding.Source(item["source"]).label), report, plan=plan, **item)
    except KeyError as exc:
        raise PlanFileError(_("tệp kế hoạch thiếu mục %(key)s") % {"key": exc}) from None
    except (TypeError, ValueError) as exc:
        raise PlanFileError(_("tệp kế hoạch có giá trị sai kiểu: %(error)s") % {"error": exc}) from None
    return report


def read_plan_file(path: Path | str = SEED_PLAN) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)
