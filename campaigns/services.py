"""Writes to the plan and its parts."""

import datetime
import json
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Field, Max, Model, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from caolocculture import imports
from caolocculture.history import delete_with_history, save_with_history
from caolocculture.models import User
from caolocculture.notifications import notify, people_who_may
from caolocculture.permissions import Action, can, require
from caolocculture.text import fold
from households.models import Block, Commune, CulturalHouse
from households.selectors import current_unit_words

from . import figures_import as figures_file  # the module; `figures_import` names the job below
from .models import (
    Activity,
    ActivityEvidence,
    AuthorityLevel,
    BlockFigures,
    BlockFiguresImport,
    BudgetLine,
    Funding,
    Organisation,
    Plan,
    SignsAs,
    SteeringCommitteeMember,
    Target,
    Task,
    TaskEvidence,
    Title,
    TitleAuthority,
)

SEED_PLAN = Path(__file__).resolve().parent / "data" / "plan_2024.json"
M = TypeVar("M", bound=Model)


class PlanFileError(Exception):
    """A plan file that cannot be loaded, with what and where in Vietnamese."""


@dataclass
class LoadReport:
    added: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def _field_label(model: type[Model], name: str) -> str:
    try:
        # Validation errors name the model's own fields, never a relation's reverse side.
        return str(cast("Field[Any, Any]", model._meta.get_field(name)).verbose_name)
    except FieldDoesNotExist:  # "__all__" and the like
        return name


def _add(model: type[M], label: str, report: LoadReport, **values: Any) -> M:
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
    report = LoadReport()
    try:
        commune = _plan_commune(data["commune"]["name"])
        if commune is None:
            commune = _add(Commune, _("hồ sơ %(name)s") % {"name": data["commune"]["name"]}, report, **data["commune"])
            for item in data["blocks"]:
                _add(Block, item["name"], report, commune=commune, **item)
        else:
            report.kept.append(_("hồ sơ %(name)s và các khối phố") % {"name": commune.name})

        plan_fields = dict(data["plan"])
        year = plan_fields.pop("year")
        plan = Plan.objects.filter(commune=commune, year=year).first()
        if plan is not None:
            report.kept.append(
                _("kế hoạch năm %(year)s cùng chỉ tiêu, nhiệm vụ, thành viên Ban Chỉ đạo, kinh phí") % {"year": year}
            )
            return report
        plan = _add(
            Plan, _("kế hoạch năm %(year)s") % {"year": year}, report, commune=commune, year=year, **plan_fields
        )
        for order, item in enumerate(data["targets"], start=1):
            _add(Target, _("chỉ tiêu %(code)s") % {"code": item["code"]}, report, plan=plan, order=order, **item)
        members = {}
        for order, item in enumerate(data["committee"], start=1):
            members[item["position"]] = _add(
                SteeringCommitteeMember, item["position"], report, plan=plan, order=order, **item
            )
        for order, item in enumerate(data["tasks"], start=1):
            task = _add(Task, _("nhiệm vụ %(n)d") % {"n": order}, report, plan=plan, order=order, title=item["title"])
            task.responsible.set([members[p] for p in item.get("responsible", []) if p in members])
        for item in data["fundings"]:
            _add(Funding, str(Funding.Source(item["source"]).label), report, plan=plan, **item)
        for item in data.get("authorities", []):
            label = _("thẩm quyền tặng %(title)s") % {"title": Title(item["title"]).label}
            _add(TitleAuthority, label, report, plan=plan, **item)
    except KeyError as exc:
        raise PlanFileError(_("tệp kế hoạch thiếu mục %(key)s") % {"key": exc}) from None
    except (TypeError, ValueError) as exc:
        raise PlanFileError(_("tệp kế hoạch có giá trị sai kiểu: %(error)s") % {"error": exc}) from None
    return report


def _plan_commune(name: str) -> Commune | None:
    """The commune a plan file names, matched by name ignoring case, accents and spacing
    ("THỊ TRẤN CAO LỘC" is "Thị trấn Cao Lộc"); None for a commune not yet here. A name that
    matches two communes is refused: the file cannot say which one it is for."""
    if not isinstance(name, str) or not fold(name):
        raise PlanFileError(_("tệp kế hoạch thiếu tên đơn vị (mục commune.name)"))
    matches = list(Commune.objects.named(name))
    if len(matches) > 1:
        raise PlanFileError(
            _(
                "tên đơn vị '%(name)s' trùng với %(n)d đơn vị đã có (%(ids)s); "
                "hãy sửa tên trong hồ sơ đơn vị cho khác nhau"
            )
            % {"name": name, "n": len(matches), "ids": ", ".join(f"#{c.pk} {c.name}" for c in matches)}
        )
    return matches[0] if matches else None


def read_plan_file(path: Path | str = SEED_PLAN) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


# -- day-to-day writes -----------------------------------------------------------
# Each is atomic, validates with full_clean() and records who made the change.


@transaction.atomic
def plan_update(*, plan: Plan, by: User) -> Plan:
    """Save a plan whose fields a form has set (number, rules, signature block…)."""
    require(by, Action.EDIT_PLAN)
    return save_with_history(plan, by=by)


@transaction.atomic
def plan_authorities_save(*, plan: Plan, decision_bases: str, authorities: dict[str, dict[str, str]], by: User) -> Plan:
    """Who confers each title in the plan's year, how the signature reads, and the "Căn cứ" of
    the year's decisions, saved together (the officer changes them when the law does: districts
    ended on 1/7/2025). `authorities` maps a title to its level, body, signs_as and symbol."""
    require(by, Action.EDIT_PLAN)
    plan.decision_bases = decision_bases
    save_with_history(plan, by=by)
    for title, values in authorities.items():
        label = Title(title).label
        level = values["level"]
        body = (values.get("body") or "").strip()
        if level != AuthorityLevel.COMMUNE_CHAIRMAN and not body:
            raise ValidationError(
                _("“%(title)s”: ghi cơ quan quyết định, viết đầy đủ (ví dụ: Ủy ban nhân dân huyện Cao Lộc).")
                % {"title": label}
            )
        authority = TitleAuthority.objects.filter(plan=plan, title=title).first() or TitleAuthority(
            plan=plan, title=title
        )
        authority.level = level
        authority.body = "" if level == AuthorityLevel.COMMUNE_CHAIRMAN else body
        authority.signs_as = values.get("signs_as") or SignsAs.CHAIRMAN
        authority.symbol = (values.get("symbol") or "").strip() or "QĐ-UBND"
        save_with_history(authority, by=by)
    return plan


@transaction.atomic
def targets_save(*, plan: Plan, targets: list[Target], by: User) -> list[Target]:
    """Save the plan's targets together: all valid, or none changed."""
    require(by, Action.EDIT_PLAN)
    for target in targets:
        if target.plan_id != plan.pk:
            raise PermissionDenied
        save_with_history(target, by=by)
    return targets


@transaction.atomic
def member_save(*, member: SteeringCommitteeMember, by: User) -> SteeringCommitteeMember:
    require(by, Action.EDIT_PLAN)
    if member.pk is None and not member.order:
        member.order = (member.plan.committee_members.aggregate(m=Max("order"))["m"] or 0) + 1
    return save_with_history(member, by=by)


@transaction.atomic
def member_remove(*, member: SteeringCommitteeMember, by: User) -> None:
    """Remove a member; the tasks they were responsible for keep that in their history."""
    require(by, Action.EDIT_PLAN)
    for task in member.tasks.all():
        task.responsible.remove(member)
        save_with_history(task, by=by, reason=_("Bỏ người phụ trách %(member)s") % {"member": member})
    delete_with_history(member, by=by)


@transaction.atomic
def task_save(
    *, task: Task, responsible: QuerySet[SteeringCommitteeMember] | list[SteeringCommitteeMember], by: User
) -> Task:
    require(by, Action.EDIT_PLAN)
    if task.pk is None and not task.order:
        task.order = (task.plan.tasks.aggregate(m=Max("order"))["m"] or 0) + 1
    save_with_history(task, by=by)
    outside = [m for m in responsible if m.plan_id != task.plan_id]
    if outside:
        raise ValidationError(_("Người phụ trách phải là thành viên Ban Chỉ đạo của kế hoạch này."))
    task.responsible.set(responsible)
    return task


@transaction.atomic
def task_evidence_add(*, task: Task, file: File, note: str, by: User) -> TaskEvidence:
    require(by, Action.EDIT_PLAN)
    return save_with_history(TaskEvidence(task=task, file=file, note=note, uploaded_by=by), by=by)


def _next_year_text(text: str, year: int) -> str:
    """'… năm 2024' -> '… năm 2025'; other years in the text (a 2022 decision cited) stay."""
    return re.sub(rf"\b(năm|Năm|NĂM)(\s+){year}\b", lambda m: f"{m[1]}{m[2]}{year + 1}", text)


def _next_year_date(day: datetime.date | None) -> datetime.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29/02 -> 28/02
        return day.replace(year=day.year + 1, day=28)


@transaction.atomic
def plan_copy_to_next_year(*, plan: Plan, by: User) -> Plan:
    """Next year's plan from this one, for editing: the rules, targets, committee and its
    duties, the key tasks (not started, deadlines a year on) and the funding sources.
    What belongs to the year itself (number, date of issue, progress, evidence, spending)
    starts empty."""
    require(by, Action.EDIT_PLAN)
    year = plan.year + 1
    if Plan.objects.filter(commune=plan.commune_id, year=year).exists():
        raise ValidationError(_("Đã có kế hoạch năm %(year)d.") % {"year": year})
    reason = _("Sao chép từ kế hoạch năm %(year)d") % {"year": plan.year}
    source_pk = plan.pk
    new = Plan.objects.get(pk=source_pk)
    new.pk = new.id = None
    new.year, new.number, new.issued_on = year, None, None
    new.title = _next_year_text(plan.title, plan.year)
    new.meeting_deadline = _next_year_date(plan.meeting_deadline)
    save_with_history(new, by=by, reason=reason)

    for target in Target.objects.filter(plan=source_pk):
        target.pk = target.id = None
        target.plan = new
        target.name = _next_year_text(target.name, plan.year)
        save_with_history(target, by=by, reason=reason)
    members = {}
    for member in SteeringCommitteeMember.objects.filter(plan=source_pk):
        old_pk = member.pk
        member.pk = member.id = None
        member.plan = new
        members[old_pk] = save_with_history(member, by=by, reason=reason)
    for task in Task.objects.filter(plan=source_pk).prefetch_related("responsible"):
        responsible = [members[m.pk] for m in task.responsible.all()]
        task.pk = task.id = None
        task.plan = new
        task.status, task.progress_notes = Task.Status.NOT_STARTED, ""
        task.deadline = _next_year_date(task.deadline)
        save_with_history(task, by=by, reason=reason)
        task.responsible.set(responsible)
    for funding in Funding.objects.filter(plan=source_pk):
        funding.pk = funding.id = None
        funding.plan = new
        save_with_history(funding, by=by, reason=reason)
    # Copied forward: the officer changes them when the law does (e.g. districts ending 1/7/2025).
    for authority in TitleAuthority.objects.filter(plan=source_pk):
        authority.pk = authority.id = None
        authority.plan = new
        save_with_history(authority, by=by, reason=reason)
    return new


# -- activities ---------------------------------------------------------------


def require_activity_rights(activity: Activity, by: User) -> None:
    # A khối trưởng records their own block's activities; commune-wide ones are the officer's.
    if activity.block_id:
        require(by, Action.EDIT_BLOCK, activity.block)
    else:
        require(by, Action.EDIT_PLAN)


@transaction.atomic
def activity_save(*, activity: Activity, by: User) -> Activity:
    require_activity_rights(activity, by)
    if activity.pk:
        before = Activity.objects.select_related("block").get(pk=activity.pk)
        require_activity_rights(before, by)  # nor move someone else's activity into one's block
    if activity.task is not None and activity.task.plan_id != activity.plan_id:
        raise ValidationError({"task": _("Nhiệm vụ phải thuộc kế hoạch của cùng năm.")})
    if activity.held_on and activity.held_on.year != activity.plan.year:
        raise ValidationError(
            {
                "held_on": _("Hoạt động của kế hoạch năm %(year)d phải diễn ra trong năm %(year)d.")
                % {"year": activity.plan.year}
            }
        )
    return save_with_history(activity, by=by)


@transaction.atomic
def activity_evidence_add(*, activity: Activity, file: File, note: str, by: User) -> ActivityEvidence:
    require_activity_rights(activity, by)
    return save_with_history(ActivityEvidence(activity=activity, file=file, note=note, uploaded_by=by), by=by)


# -- block figures: the khối trưởng enters, the officer approves ------------------


FIRST_FIGURES_YEAR = 2000


class StaleFigures(ValidationError):
    """The figures changed since the page was opened."""


def _figures_locked(block: Block, year: int, version: int | None = None) -> BlockFigures:
    """The block's figures for the year, with the block's row locked: two first saves
    (a double tap, a save during an import) queue instead of racing to insert."""
    Block.objects.select_for_update().filter(pk=block.pk).first()
    figures = BlockFigures.objects.filter(block=block, year=year).first()
    if version is not None and (figures.version if figures else 0) != version:
        raise StaleFigures(_("Số liệu vừa được người khác thay đổi. Hãy tải lại trang để xem bản mới rồi làm lại."))
    return figures or BlockFigures(block=block, year=year, version=0)


def _figures_write(figures: BlockFigures, by: User, reason: str) -> BlockFigures:
    figures.version += 1
    return save_with_history(figures, by=by, reason=reason)


def _figures_url(figures: BlockFigures) -> str:
    return reverse("campaigns:figures_block", args=[figures.year, figures.block_id])


@transaction.atomic
def figures_save(
    *,
    block: Block,
    year: int,
    population: int,
    regular_exercisers: int,
    legal_education_reached: int,
    by: User,
    submit: bool = False,
    version: int | None = None,
    sporting_families: int | None = None,
    sports_clubs: int | None = None,
    sports_collaborators: int | None = None,
) -> BlockFigures:
    """Keep a draft of the block's figures, or send them for approval. `version` is the
    one the page showed (0 for none yet): a newer one on record refuses the write."""
    require(by, Action.EDIT_BLOCK, block)
    if not FIRST_FIGURES_YEAR <= year <= datetime.date.today().year + 1:
        units = block.words.name
        raise ValidationError(_("Năm %(year)d không hợp lệ cho số liệu %(units)s.") % {"year": year, "units": units})
    figures = _figures_locked(block, year, version)
    if figures.pk and not figures.editable_by_block:
        raise ValidationError(
            _(
                "Số liệu năm %(year)d đang ở trạng thái '%(status)s', không sửa được; "
                "công chức văn hóa trả lại thì mới sửa."
            )
            % {"year": year, "status": figures.get_status_display()}
        )
    figures.population = population
    figures.regular_exercisers = regular_exercisers
    figures.legal_education_reached = legal_education_reached
    # The sports assessment at 31/10 (Thông tư 01/2019); blank where not counted.
    figures.sporting_families = sporting_families
    figures.sports_clubs = sports_clubs
    figures.sports_collaborators = sports_collaborators
    figures.status = BlockFigures.Status.SUBMITTED if submit else BlockFigures.Status.DRAFT
    if submit:
        figures.returned_reason = ""
    figures = _figures_write(figures, by, _("Gửi duyệt") if submit else _("Lưu nháp"))
    if submit:
        notify(
            users=people_who_may(Action.APPROVE),
            text=_("%(block)s đã gửi số liệu năm %(year)d, chờ duyệt") % {"block": block, "year": year},
            url=_figures_url(figures),
            by=by,
        )
    return figures


@transaction.atomic
def figures_approve(*, figures: BlockFigures, by: User, version: int | None = None) -> BlockFigures:
    """Approve what the officer saw: `version` from the page, when given, must still be current."""
    require(by, Action.APPROVE)
    figures = _figures_locked(figures.block, figures.year, version)
    if figures.status != BlockFigures.Status.SUBMITTED:
        raise ValidationError(
            _("Chỉ duyệt được số liệu đã gửi; số liệu này đang '%(status)s'.")
            % {"status": figures.get_status_display()}
        )
    figures.status = BlockFigures.Status.APPROVED
    figures = _figures_write(figures, by, _("Duyệt"))
    notify(
        users=[figures.block.leader],
        text=_("Số liệu năm %(year)d của %(block)s đã được duyệt") % {"year": figures.year, "block": figures.block},
        url=_figures_url(figures),
        by=by,
    )
    return figures


@transaction.atomic
def figures_return(*, figures: BlockFigures, reason: str, by: User, version: int | None = None) -> BlockFigures:
    """Send figures back to the khối trưởng, saying why; approved ones too, to correct them."""
    require(by, Action.APPROVE)
    figures = _figures_locked(figures.block, figures.year, version)
    if figures.status not in (BlockFigures.Status.SUBMITTED, BlockFigures.Status.APPROVED):
        raise ValidationError(
            _("Số liệu đang '%(status)s', chưa gửi nên không cần trả lại.") % {"status": figures.get_status_display()}
        )
    if not reason.strip():
        raise ValidationError({"returned_reason": _("Hãy ghi lý do trả lại.")})
    figures.status, figures.returned_reason = BlockFigures.Status.RETURNED, reason.strip()
    figures = _figures_write(figures, by, _("Trả lại"))
    notify(
        users=[figures.block.leader],
        text=_("Số liệu năm %(year)d của %(block)s bị trả lại: %(reason)s")
        % {"year": figures.year, "block": figures.block, "reason": figures.returned_reason},
        url=_figures_url(figures),
        by=by,
    )
    return figures


@transaction.atomic
def figures_import_check(*, file: File, year: int, by: User) -> BlockFiguresImport:
    """Keep the uploaded file and its dry run for the preview. One row per block: small
    enough to check in the request, unlike the households file."""
    require(by, Action.EDIT_BLOCK)
    if not FIRST_FIGURES_YEAR <= year <= datetime.date.today().year + 1:
        units = current_unit_words().name
        raise ValidationError(_("Năm %(year)d không hợp lệ cho số liệu %(units)s.") % {"year": year, "units": units})
    job = BlockFiguresImport(year=year, original_name=getattr(file, "name", "tep.xlsx")[:255], uploaded_by=by)
    job.file.save(f"{uuid.uuid4().hex}.xlsx", file, save=False)
    with job.file.open("rb") as f:
        check = figures_file.check_file(f, year, user=by)
    job.take_check(check, figures_file.rows_to_json)
    job.save()
    return job


@transaction.atomic
def figures_import_confirm(*, figures_import: BlockFiguresImport, by: User) -> BlockFiguresImport:
    """Write the previewed rows, all or none: the register is compared again first."""
    job = imports.job_to_confirm(BlockFiguresImport.objects.all(), figures_import.pk, by)
    rows = figures_file.rows_from_json(job.rows)
    check = figures_file.apply_rows(rows, job.year, user=by)
    job.take_outcome(check)
    if check.ok and not can(by, Action.APPROVE):  # a khối trưởng's file sends the figures for approval
        for block in Block.objects.filter(pk__in=[r.block_id for r in rows]).order_by("number"):
            notify(
                users=people_who_may(Action.APPROVE),
                text=_("%(block)s đã gửi số liệu năm %(year)d, chờ duyệt") % {"block": block, "year": job.year},
                url=reverse("campaigns:figures_block", args=[job.year, block.pk]),
                by=by,
            )
    job.save(update_fields=["summary", "status"])
    return job


# -- cultural houses, organisations, funding ----------------------------------------


@transaction.atomic
def cultural_house_save(*, house: CulturalHouse, by: User) -> CulturalHouse:
    require(by, Action.EDIT_PLAN)
    return save_with_history(house, by=by)


@transaction.atomic
def organisation_save(*, organisation: Organisation, by: User) -> Organisation:
    require(by, Action.EDIT_PLAN)
    return save_with_history(organisation, by=by)


@transaction.atomic
def budget_line_save(*, line: BudgetLine, by: User) -> BudgetLine:
    require(by, Action.EDIT_PLAN)
    if line.task is not None and line.task.plan_id != line.funding.plan_id:
        raise ValidationError({"task": _("Nhiệm vụ phải thuộc kế hoạch của cùng năm.")})
    return save_with_history(line, by=by)
