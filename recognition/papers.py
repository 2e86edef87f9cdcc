"""The printed papers of the bình xét (DOMAIN.md §5): the meeting minutes, the
proposed list, the posting notice, the decision with its list per block, and a
certificate per recognised household."""

import datetime

from django.utils import timezone

from caolocculture import formatting
from caolocculture.pdf import render_pdf

from .models import Decision, Meeting, Posting, Recognition
from .rules import VoteRule
from .selectors import meeting_sheet


def in_words(place: str, day: datetime.date | None) -> str:
    """ "ngày 08 tháng 11 năm 2024" inside a sentence (the place line's own rule), or the blank
    "ngày … tháng … năm …" to fill by hand when the day is not known."""
    return formatting.long_date(place, day).removeprefix(f"{place}, ")


def block_head(meeting: Meeting, day: datetime.date | None) -> dict:
    """A block's paper: the commune's committee above (abbreviated, regular), the block below in
    full capitals (bold), no number; dated from its event, or blank."""
    commune = meeting.block.commune
    return {
        "parent": commune.people_committee,
        "issuer": meeting.block.name.upper(),
        "ref": "",
        "place_date": formatting.long_date(commune.place_name, day),
        "commune": commune,
    }


def minutes_context(meeting: Meeting) -> dict:
    held = timezone.localtime(meeting.held_at)
    sheet = meeting_sheet(meeting)
    return {
        **block_head(meeting, held.date()),
        "meeting": meeting,
        "held": held,
        "held_day": in_words(meeting.block.commune.place_name, held.date()),
        "ended": meeting.ended_at,
        "sheet": sheet,
        "rule": VoteRule.of_meeting(meeting).describe(),
        "passed": sum(1 for _h, r in sheet if r and r.passed),
        "failed": sum(1 for _h, r in sheet if r and not r.passed and not r.excluded),
        "excluded": sum(1 for _h, r in sheet if r and r.excluded),
        "attendees": [line for line in meeting.attendees.splitlines() if line.strip()],
    }


def minutes_pdf(meeting: Meeting) -> bytes:
    """Biên bản họp bình xét (Nghị định 86/2023, Mẫu số 03)."""
    return render_pdf("pdf/minutes.html", minutes_context(meeting))


def _posting(meeting: Meeting) -> Posting | None:
    return getattr(meeting, "posting", None)


def proposed_list_context(meeting: Meeting) -> dict:
    # The list is dated from its posting, else left blank: never the day it is printed.
    posting = _posting(meeting)
    return {
        **block_head(meeting, posting.starts_on if posting else None),
        "meeting": meeting,
        "rows": [(h, r) for h, r in meeting_sheet(meeting) if r and r.passed],
        "posting": posting,
        "held_on": timezone.localtime(meeting.held_at).date(),
    }


def proposed_list_pdf(meeting: Meeting) -> bytes:
    return render_pdf("pdf/proposed_list.html", proposed_list_context(meeting))


def posting_notice_context(meeting: Meeting) -> dict:
    posting = meeting.posting
    return {
        **block_head(meeting, posting.starts_on),
        "meeting": meeting,
        "posting": posting,
        "held_on": timezone.localtime(meeting.held_at).date(),
        "count": sum(1 for _h, r in meeting_sheet(meeting) if r and r.passed),
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


def withdrawal_pdf(withdrawal: Decision) -> bytes:
    """Quyết định hủy bỏ, thu hồi danh hiệu with the list of titles taken back and the decisions that gave them."""
    commune = withdrawal.commune
    recognitions = list(
        withdrawal.withdrawn_recognitions.select_related(
            "household__block", "block", "organisation", "decision"
        ).order_by("household__code", "block__number", "organisation__name")
    )
    return render_pdf(
        "pdf/withdrawal.html",
        {
            "parent": "",
            "issuer_lines": commune.committee_lines,
            "ref": withdrawal.reference,
            "place_date": formatting.long_date(commune.place_name, withdrawal.issued_on),
            "decision": withdrawal,
            "commune": commune,
            "recognitions": recognitions,
            "given_by": sorted({r.decision.reference: r.decision for r in recognitions}.values(), key=lambda d: d.pk),
            **_signature(withdrawal),
        },
    )


def certificates_pdf(decision: Decision, block) -> bytes:
    """A certificate per household the decision recognised; one taken back is marked so."""
    context = _decision_context(decision)
    context["households"] = context["by_block"].get(block, [])
    context["unit"] = block  # not "block": templates reserve that name inside {% block %}
    return render_pdf("pdf/certificates.html", context)
