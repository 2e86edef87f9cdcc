"""The year's plan as the Ban Chỉ đạo issues it: the Kế hoạch document (templates/pdf/
plan_document.html), in the layout of Nghị định 30/2020, from the plan as it is on record."""

from caolocculture import formatting
from caolocculture.pdf import render_pdf

from .models import Plan, SteeringCommitteeMember


def lines(text: str) -> list[str]:
    """A field written one point a line, without the dashes people type in front."""
    return [line.strip().lstrip("-–• ").strip() for line in (text or "").splitlines() if line.strip()]


def recipients_of(text: str) -> tuple[list[str], bool]:
    """The "Nơi nhận" lines, and whether the list already ends with its own "Lưu: …"."""
    recipients = lines(text)
    return recipients, any(r.lower().startswith("lưu") for r in recipients)


def plan_document_context(plan: Plan) -> dict:
    commune = plan.commune
    members = list(plan.committee_members.order_by("order", "pk"))
    others = SteeringCommitteeMember.CommitteeRole.OTHER
    recipients, archived = recipients_of(plan.recipients)
    return {
        "plan": plan,
        "commune": commune,
        "year": plan.year,
        "parent": commune.people_committee,
        "issuer": commune.steering_committee,
        "ref": plan.reference,
        # The date the plan was issued; blank to fill by hand while it has none (never today's).
        "place_date": formatting.long_date(commune.place_name, plan.issued_on),
        "units": commune.unit_words(),
        "subject": plan.title,
        "subject_in_sentence": plan.title[:1].lower() + plan.title[1:],
        "bases": lines(plan.legal_bases),
        "purpose": lines(plan.purpose),
        "requirements": lines(plan.requirements),
        "targets": list(plan.targets.order_by("order", "pk")),
        "tasks": list(plan.tasks.order_by("order", "pk")),
        "fundings": [f for f in plan.fundings.order_by("pk") if f.description.strip()],
        "committee": [(m, lines(m.duties)) for m in members if m.committee_role != others],
        "others": [(m, lines(m.duties)) for m in members if m.committee_role == others],
        "recipients": recipients,
        "archived": archived,
        "authority": plan.signing_authority.upper(),
        "signer_position": plan.signer_position.upper(),
        "signer_title": plan.signer_title.upper(),
        "signer_name": plan.signer_name,
    }


def plan_document_pdf(plan: Plan) -> bytes:
    return render_pdf("pdf/plan_document.html", plan_document_context(plan))
