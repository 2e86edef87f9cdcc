"""One small world with an object behind every URL, for walking the URL patterns:
block 1 is khoi1's, every block-scoped object below lives in it."""

import datetime
import io
import json
import zipfile

from django.apps import apps
from django.core.files.base import ContentFile
from django.utils import timezone

from campaigns.models import (
    Activity,
    ActivityEvidence,
    BlockFigures,
    BlockFiguresImport,
    BudgetLine,
    Organisation,
    Plan,
    TaskEvidence,
)
from campaigns.services import plan_load, read_plan_file
from caolocculture.models import Notification, Role
from caolocculture.scope import working_in
from households.models import Block, Household, HouseholdImport, UnitKind
from recognition.models import BlockTitleDossier, Decision, Meeting, Recognition
from reports.models import ReportFile, YearEndReport
from testing.factories import CommuneFactory, HouseholdFactory, UserFactory

YEAR = 2024


def build(plan, blocks, officer, khoi1) -> dict:
    block = blocks[0]
    household = HouseholdFactory(block=block)
    meeting = Meeting.objects.create(
        block=block,
        year=YEAR,
        held_at=timezone.now(),
        place="Nhà văn hóa",
        chair="A",
        secretary="B",
        invited=30,
        present=25,
        threshold_percent=50,
    )
    decision = Decision.objects.create(
        commune=plan.commune,
        title="GDVH",
        year=YEAR,
        number=5,
        issued_on=datetime.date(YEAR, 12, 5),
        signer_name="Lê Thanh Hải",
        signer_title="Chủ tịch",
        issued_by=officer,
    )
    Recognition.objects.create(
        title="GDVH", year=YEAR, household=household, source="decision", decision=decision, valid_until=YEAR
    )
    dossier = BlockTitleDossier.objects.create(block=block, year=YEAR, achievements="Thành tích")
    organisation = Organisation.objects.create(commune=plan.commune, name="Trường Tiểu học", kind="school")
    task = plan.tasks.order_by("order").first()
    task_evidence = TaskEvidence.objects.create(
        task=task, file=ContentFile(b"%PDF-1.4", name="a.pdf"), uploaded_by=officer
    )
    activity = Activity.objects.create(
        plan=plan, kind="sports", held_on=datetime.date(YEAR, 5, 1), title="Giải bóng", block=block, attendance=10
    )
    photo = ContentFile(b"\xff\xd8\xff", name="a.jpg")
    activity_evidence = ActivityEvidence.objects.create(activity=activity, file=photo, uploaded_by=khoi1)
    figures = BlockFigures.objects.create(
        block=block, year=YEAR, population=100, regular_exercisers=60, legal_education_reached=100, status="submitted"
    )
    figures_import = BlockFiguresImport.objects.create(
        year=YEAR, file=ContentFile(b"x", name="s.xlsx"), original_name="s.xlsx", uploaded_by=khoi1, status="refused"
    )
    household_import = HouseholdImport.objects.create(
        file=ContentFile(b"x", name="h.xlsx"), original_name="h.xlsx", uploaded_by=khoi1, status="refused"
    )
    report = YearEndReport.objects.create(plan=plan)
    report_file = ReportFile.objects.create(
        report=report, requested_by=officer, status="done", file=ContentFile(b"%PDF-1.7", name="r.pdf"), pages=1
    )
    line = BudgetLine.objects.create(funding=plan.fundings.first(), name="In tài liệu", planned_vnd=1000)
    member = plan.committee_members.order_by("order").first()
    notification = Notification.objects.create(user=khoi1, text="Hồ sơ bị trả lại", url=f"/binh-xet/{meeting.pk}/")
    return {
        "year": YEAR,
        "block_pk": block.pk,
        "household": household.pk,
        "meeting": meeting.pk,
        "decision": decision.pk,
        "dossier": dossier.pk,
        "organisation": organisation.pk,
        "task": task.pk,
        "task_evidence": task_evidence.pk,
        "activity": activity.pk,
        "activity_evidence": activity_evidence.pk,
        "figures": figures.pk,
        "figures_import": figures_import.pk,
        "household_import": household_import.pk,
        "report_file": report_file.pk,
        "line": line.pk,
        "member": member.pk,
        "notification": notification.pk,
    }


def kwargs_for(name: str, world: dict) -> dict:
    """The URL's keyword arguments, pointing at the world's objects."""
    block_pk = world["block_pk"]
    pk_of = {
        "households:block": block_pk,
        "households:import_detail": world["household_import"],
        "households:import_progress": world["household_import"],
        "recognition:block_dossier_step": world["dossier"],
        "recognition:dossier_paper": world["dossier"],
        "recognition:dossier_paper_docx": world["dossier"],
        "recognition:organisation_recognise": world["organisation"],
        "recognition:decision_pdf": world["decision"],
        "recognition:decision_docx": world["decision"],
        "recognition:decision": world["decision"],
        "recognition:decision_scan": world["decision"],
        "recognition:certificates": world["decision"],
        "recognition:all_certificates": world["decision"],
        "campaigns:member": world["member"],
        "campaigns:member_delete": world["member"],
        "campaigns:task_edit": world["task"],
        "campaigns:budget_line": world["line"],
        "campaigns:task": world["task"],
        "campaigns:task_evidence": world["task"],
        "campaigns:activity_edit": world["activity"],
        "campaigns:activity": world["activity"],
        "campaigns:activity_evidence": world["activity"],
        "campaigns:figures_decide": world["figures"],
        "campaigns:figures_import_detail": world["figures_import"],
        "campaigns:organisation": world["organisation"],
        "campaigns:organisation_history": world["organisation"],
        "notification_open": world["notification"],
        "reports:file": world["report_file"],
        "reports:file_download": world["report_file"],
        "reports:file_retry": world["report_file"],
    }
    if name.startswith("households:") and name in (
        "households:detail",
        "households:edit",
        "households:move_out",
        "households:return",
        "households:move",
    ):
        pk_of[name] = world["household"]
    if name.startswith("recognition:") and name in (
        "recognition:meeting",
        "recognition:result",
        "recognition:results",
        "recognition:complete",
        "recognition:post",
        "recognition:end",
        "recognition:submit",
        "recognition:check",
        "recognition:return",
        "recognition:reopen",
        "recognition:paper",
        "recognition:paper_docx",
        "recognition:comments",
    ):
        pk_of[name] = world["meeting"]
    extra = {
        "recognition:paper": {"paper": "bien-ban"},
        "recognition:paper_docx": {"paper": "bien-ban"},
        "recognition:block_dossier_step": {"step": "xet"},
        "recognition:dossier_paper": {"paper": "bao-cao-thanh-tich"},
        "recognition:dossier_paper_docx": {"paper": "bao-cao-thanh-tich"},
        "recognition:register": {"kind": "khoi", "pk": block_pk},
        "recognition:certificates": {"block_pk": block_pk},
        "campaigns:evidence": {"kind": "hoat-dong", "pk": world["activity_evidence"]},
        "campaigns:figures_decide": {"step": "duyet"},
    }
    kwargs = dict(extra.get(name, {}))
    if name in pk_of:
        kwargs.setdefault("pk", pk_of[name])
    return kwargs


def fill(pattern: str, kwargs: dict, world: dict) -> dict:
    """Add the year and block arguments a pattern names."""
    kwargs = dict(kwargs)
    if "<int:year>" in pattern:
        kwargs["year"] = world["year"]
    if "<int:block_pk>" in pattern:
        kwargs.setdefault("block_pk", world["block_pk"])
    return kwargs


# -- a second commune, for the walks of another commune's officer and of the province --------

# What only the first commune holds: no page of the second may show any of these.
FIRST_ONLY = ("RIENGA-HO-HEAD", "RIENGA-KHOI-1", "RIENGA-TRUONG")
SECOND_HOUSEHOLD = "RIENGB-HO-HEAD"


def mark_first_commune(world: dict) -> None:
    """Names only the first commune's world carries (ASCII, so no page's escaping hides them)."""
    Household.objects.filter(pk=world["household"]).update(head_name=FIRST_ONLY[0])
    Block.objects.filter(pk=world["block_pk"]).update(name=FIRST_ONLY[1])
    Organisation.objects.filter(pk=world["organisation"]).update(name=FIRST_ONLY[2])


def build_other_commune() -> dict:
    """Xã Bắc Sơn: its own profile, thôn, 2024 plan (the seed's, renamed), a household and officer."""
    commune = CommuneFactory(name="Xã Bắc Sơn", unit_kind=UnitKind.VILLAGE, people_committee="UBND XÃ BẮC SƠN")
    blocks = [
        Block.objects.create(commune=commune, number=n, name=f"Thôn Nà {n}", kind=UnitKind.VILLAGE) for n in (1, 2, 3)
    ]
    data = json.loads(json.dumps(read_plan_file(), ensure_ascii=False).replace("Cao Lộc", "Bắc Sơn"))
    data["commune"]["name"] = commune.name  # the plan file names its commune: this one, already made
    with working_in(commune):
        plan_load(data=data)
    household = HouseholdFactory(block=blocks[0], code="BS01-001", head_name=SECOND_HOUSEHOLD)
    officer = UserFactory(username="canbo-2", role=Role.OFFICER, is_staff=True, commune=commune)
    plan = Plan.objects.get(commune=commune, year=YEAR)
    return {"commune": commune, "blocks": blocks, "plan": plan, "household": household, "officer": officer}


def first_commune_state(commune) -> tuple:
    """Every row the first commune owns, and every history row of the apps: a write to any of
    them, refused or not, changes this."""
    counts = []
    for label in ("caolocculture", "households", "campaigns", "recognition", "reports"):
        for model in apps.get_app_config(label).get_models():
            if model._meta.label in ("caolocculture.User", "caolocculture.HistoricalUser"):
                continue  # a sign-in notes last_login
            if model._meta.label == "caolocculture.PersonalDataExport":
                continue  # the record of who read personal data: a read is written down
            if model._meta.label == "reports.CommuneYearRollup":
                continue  # figures computed from the record (a cache in PostgreSQL), not the record
            counts.append((model._meta.label, model.objects.count()))
    households = list(Household.objects.filter(block__commune=commune).order_by("pk").values())
    meetings = list(Meeting.objects.filter(block__commune=commune).order_by("pk").values())
    plans = list(Plan.objects.filter(commune=commune).order_by("pk").values())
    return (counts, households, meetings, plans)


def text_of(response) -> str:
    """What a person could read in the answer: HTML, JSON, CSV, and the XML inside an Excel or
    Word file (a PDF's compressed text is not searched)."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return " ".join(archive.read(n).decode("utf-8", "ignore") for n in archive.namelist() if n.endswith(".xml"))
    if body.startswith(b"%PDF"):
        return ""
    return body.decode("utf-8", "ignore")
