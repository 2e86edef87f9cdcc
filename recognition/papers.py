"""The printed papers of the bình xét (DOMAIN.md §5): the meeting minutes, the
proposed list, the posting notice, the decision with its list per block, and a
certificate per recognised household."""

import datetime

from django.utils import timezone

from caolocculture import formatting
from caolocculture.pdf import render_pdf

from .models import Decision, Meeting, Recognition
from .rules import VoteRule
from .selectors import meeting_sheet


def _block_head(meeting: Meeting, day) -> dict:
    commune = meeting.block.commune
    return {
        "parent": commune.people_committee,
        "issuer": meeting.block.name.upper(),
        "ref": "",
        "place_date": formatting.long_date(commune.place_name, day),
    }


# Each paper is a template and its context: the PDF and the Word copy (caolocculture.docx.
# render_docx) are both made from them, so they say the same.
Source = tuple[str, dict]


def minutes_context(meeting: Meeting) -> dict:
    held = timezone.localtime(meeting.held_at)
    sheet = meeting_sheet(meeting)
    return {
        **_block_head(meeting, held.date()),
        "meeting": meeting,
        "held": held,
        "sheet": sheet,
        "rule": VoteRule.of_meeting(meeting).describe(),
        "passed": sum(1 for _h, r in sheet if r and r.passed),
        "excluded": sum(1 for _h, r in sheet if r and r.excluded),
        "attendees": [line for line in meeting.attendees.splitlines() if line.strip()],
    }


def minutes_pdf(meeting: Meeting) -> bytes:
    return render_pdf("pdf/minutes.html", minutes_context(meeting))


def proposed_list_context(meeting: Meeting) -> dict:
    # The list is dated from its posting, else left blank: never the day it is printed.
    day = meeting.posting.starts_on if hasattr(meeting, "posting") else None
    rows = [(h, r) for h, r in meeting_sheet(meeting) if r and r.passed]
    return {
        **_block_head(meeting, day),
        "meeting": meeting,
        "rows": rows,
        "posting": getattr(meeting, "posting", None),
    }


def proposed_list_pdf(meeting: Meeting) -> bytes:
    return render_pdf("pdf/proposed_list.html", proposed_list_context(meeting))


def posting_notice_context(meeting: Meeting) -> dict:
    posting = meeting.posting
    rows = [(h, r) for h, r in meeting_sheet(meeting) if r and r.passed]
    return {
        **_block_head(meeting, posting.starts_on),
        "meeting": meeting,
        "posting": posting,
        "count": len(rows),
        "last_day": posting.ends_on - datetime.timedelta(days=1),
    }


def posting_notice_pdf(meeting: Meeting) -> bytes:
    return render_pdf("pdf/posting_notice.html", posting_notice_context(meeting))


def signature_lines(signer_title: str) -> list[str]:
    """The lines above the signature (Nghị định 30/2020, Phụ lục I): the chairman decides in
    his own name and signs "CHỦ TỊCH"; anyone else signs for him, "KT. CHỦ TỊCH" then their title."""
    head = signer_title.upper().strip()
    return [head] if head == "CHỦ TỊCH" else ["KT. CHỦ TỊCH", head]


def _signature(decision: Decision) -> dict:
    *authority, head = signature_lines(decision.signer_title)
    return {"authority": "".join(authority), "signer_title": head}


def _decision_context(decision: Decision) -> dict:
    """Everything on the paper comes from what the decision gave (titles taken back later
    included) so printing it again, before it was stored, reads the same."""
    commune = decision.commune
    recognitions = list(
        Recognition.objects.filter(decision=decision)
        .select_related("household", "household__block", "withdrawn_by")
        .order_by("household__block__number", "household__code")
    )
    by_block: dict = {}
    for r in recognitions:
        r.household.withdrawal = r.withdrawn_by
        by_block.setdefault(r.household.block, []).append(r.household)
    return {
        "parent": "",
        "issuer_lines": commune.committee_lines,
        "ref": decision.reference,
        "place_date": formatting.long_date(commune.place_name, decision.issued_on),
        "decision": decision,
        "commune": commune,
        "by_block": by_block,
        "total": len(recognitions),
        **_signature(decision),
    }


def decision_pdf(decision: Decision) -> bytes:
    return render_pdf("pdf/decision.html", _decision_context(decision))


def withdrawal_context(withdrawal: Decision) -> dict:
    """Quyết định hủy bỏ, thu hồi danh hiệu with the list of titles taken back and the decisions that gave them."""
    commune = withdrawal.commune
    recognitions = list(
        withdrawal.withdrawn_recognitions.select_related(
            "household__block", "block", "organisation", "decision"
        ).order_by("household__code", "block__number", "organisation__name")
    )
    return {
        "parent": "",
        "issuer_lines": commune.committee_lines,
        "ref": withdrawal.reference,
        "place_date": formatting.long_date(commune.place_name, withdrawal.issued_on),
        "decision": withdrawal,
        "commune": commune,
        "recognitions": recognitions,
        "given_by": sorted({r.decision.reference: r.decision for r in recognitions}.values(), key=lambda d: d.pk),
        **_signature(withdrawal),
    }


def withdrawal_pdf(withdrawal: Decision) -> bytes:
    return render_pdf("pdf/withdrawal.html", withdrawal_context(withdrawal))


def decision_paper_source(decision: Decision) -> Source:
    """A decision's paper, whatever its kind: what services.decision_paper prints and stores,
    and what its Word working copy is made from."""
    if decision.kind == Decision.Kind.WITHDRAWAL:
        return "pdf/withdrawal.html", withdrawal_context(decision)
    return "pdf/decision.html", _decision_context(decision)


def certificates_pdf(decision: Decision, block) -> bytes:
    """A certificate per household the decision recognised; one taken back is marked so."""
    context = _decision_context(decision)
    context["households"] = context["by_block"].get(block, [])
    context["unit"] = block  # not "block": templates reserve that name inside {% block %}
    return render_pdf("pdf/certificates.html", context)
