"""Writes to the plan and its parts."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .models import Commune, Funding, Plan, SteeringCommitteeMember, Target, Task

SEED_PLAN = Path(__file__).resolve().parent / "data" / "plan_2024.json"


@dataclass
class LoadReport:
    added: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def _get_or_add(report: LoadReport, label: str, model, lookup: dict, defaults: dict):
    """Create the row if missing; an existing row is kept as the officer left it."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **defaults)
        obj.full_clean()
        obj.save()
        report.added.append(label)
    else:
        report.kept.append(label)
    return obj


@transaction.atomic
def plan_load(*, data: dict) -> LoadReport:
    """Load a plan file (commune profile, plan, targets, tasks, committee,
    funding, blocks). Idempotent, and never overwrites an edited row."""
    from households.models import Block

    report = LoadReport()
    # One commune per installation: an existing profile is the commune, even renamed.
    commune = Commune.objects.order_by("pk").first()
    if commune is None:
        commune = _get_or_add(report, f"hồ sơ đơn vị {data['commune']['name']}", Commune, {}, data["commune"])
    else:
        report.kept.append(f"hồ sơ đơn vị {commune.name}")

    plan_fields = dict(data["plan"])
    year = plan_fields.pop("year")
    plan = _get_or_add(report, f"kế hoạch năm {year}", Plan, {"commune": commune, "year": year}, plan_fields)

    for order, item in enumerate(data["targets"], start=1):
        fields = {k: v for k, v in item.items() if k != "code"}
        _get_or_add(report, f"chỉ tiêu {item['code']}", Target, {"plan": plan, "code": item["code"]},
                    {"order": order, **fields})

    members = {}
    for order, item in enumerate(data["committee"], start=1):
        fields = {k: v for k, v in item.items() if k != "position"}
        members[item["position"]] = _get_or_add(
            report, f"thành viên Ban Chỉ đạo: {item['position']}", SteeringCommitteeMember,
            {"plan": plan, "position": item["position"]}, {"order": order, **fields},
        )

    for order, item in enumerate(data["tasks"], start=1):
        is_new = not Task.objects.filter(plan=plan, order=order).exists()
        task = _get_or_add(report, f"nhiệm vụ {order}", Task, {"plan": plan, "order": order},
                           {"title": item["title"]})
        if is_new:
            task.responsible.set([members[p] for p in item.get("responsible", []) if p in members])

    for item in data["fundings"]:
        label = f"nguồn kinh phí: {Funding.Source(item['source']).label}"
        _get_or_add(report, label, Funding, {"plan": plan, "source": item["source"]},
                    {"description": item["description"]})

    for item in data["blocks"]:
        _get_or_add(report, item["name"], Block, {"commune": commune, "number": item["number"]},
                    {"name": item["name"]})
    return report


def read_plan_file(path: Path | str = SEED_PLAN) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)
