"""The printed papers of the bình xét (DOMAIN.md §5): the meeting minutes, the proposed
list, the posting notice; the decisions of every kind (a title conferred, taken back, a
commendation) with their lists, and a certificate or Giấy khen for each one they gave."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from campaigns import selectors as campaign_selectors
from campaigns.selectors import PlanNotFound, plan_for_year
from caolocculture import formatting
from caolocculture.pdf import render_pdf
from households.models import Block, Commune, Household
from households.units import UnitWords

from .models import Commendation, Decision, Meeting, MeetingStep, Posting, Recognition, Title
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
        "units": meeting.block.words,  # "trưởng khối", "trưởng thôn": as this block is called
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


# -- the decisions and what goes with them -------------------------------------------------
# Nghị định 30/2020 (thể thức), Nghị định 86/2023 (Mẫu số 10), Luật Thi đua, khen thưởng 2022:
# titles are "tặng"; the bases are the year's plan's; the chairman signs in his own name.


def signature_lines(signer_title: str) -> list[str]:
    """The lines above the signature (Nghị định 30/2020, Phụ lục I): the chairman decides in
    his own name and signs "CHỦ TỊCH"; anyone else signs for him, "KT. CHỦ TỊCH" then their title."""
    head = signer_title.upper().strip()
    return [head] if head == "CHỦ TỊCH" else ["KT. CHỦ TỊCH", head]


def _signature(decision: Decision) -> dict:
    *authority, head = signature_lines(decision.signer_title)
    return {"authority": "".join(authority), "signer_title": head}


def on_day(day: datetime.date | None) -> str:
    """ "ngày 02 tháng 12 năm 2024" inside a sentence; left to fill by hand when unknown."""
    return formatting.long_date("", day)[2:]


def decision_bases(commune: Commune, year: int) -> list[str]:
    """The "Căn cứ" lines in force in `year`, each ending ";" (laws change: they are data)."""
    return [
        f"{line};" if line.lower().startswith("căn cứ") else f"Căn cứ {line};"
        for line in campaign_selectors.decision_bases(commune, year)
    ]


def _address(household: Household, block: Block, commune: Commune) -> str:
    """ "Số 2, ngõ Chợ, Khối 1, thị trấn Cao Lộc": the block and the commune once each."""
    parts = [p.strip() for p in (household.address or "").split(",") if p.strip()]
    said = {p.casefold() for p in parts}
    for more in (block.name, commune.name_in_sentence):
        if more.casefold() not in said:
            parts.append(more)
    return ", ".join(parts)


def _steps_on(meetings: list[Meeting], action: str) -> dict[int, datetime.date]:
    """The day of each meeting's latest step of that kind (its dossier was last sent, checked)."""
    days: dict[int, datetime.date] = {}
    for step in MeetingStep.objects.filter(meeting__in=meetings, action=action).order_by("at"):
        days[step.meeting_id] = timezone.localtime(step.at).date()
    return days


def _considering(decision: Decision, commune: Commune, units: UnitWords) -> str:
    """ "Xét đề nghị của …": whose written requests the decision answers, dated from the dossier."""
    if decision.kind == Decision.Kind.COMMENDATION or decision.title == Title.CULTURAL_ORGANISATION:
        return "Xét đề nghị của công chức Văn hóa - Xã hội."
    if decision.title == Title.CULTURAL_BLOCK:
        dossiers = list(decision.block_dossiers.select_related("block").order_by("block__number"))
        reports = ", ".join(f"Trưởng {d.block.name} {on_day(d.reported_on)}" for d in dossiers)
        submitted = max((d.submitted_on for d in dossiers if d.submitted_on), default=None)
        return (
            f"Xét Báo cáo thành tích của {reports or 'các ' + str(units.name)}; ý kiến của Hội đồng Thi đua - "
            f"Khen thưởng {commune.name_in_sentence} và Tờ trình của công chức Văn hóa - Xã hội {on_day(submitted)}."
        )
    meetings = list(decision.meetings.select_related("block").order_by("block__number"))
    sent = _steps_on(meetings, MeetingStep.Action.SUBMITTED)
    checked = _steps_on(meetings, MeetingStep.Action.CHECKED)
    # Blocks that sent their requests the same day share one mention: ten blocks stay one sentence.
    by_day: dict[datetime.date | None, list[str]] = {}
    for m in meetings:
        day = sent.get(m.pk)
        if day is not None and decision.issued_on is not None and day > decision.issued_on:
            day = None  # a sending recorded after the decision is not the day of its request
        by_day.setdefault(day, []).append(m.block.name)
    requests = ", ".join(
        f"Trưởng {names[0]} tại Văn bản đề nghị {on_day(day)}"
        if len(names) == 1
        else f"Trưởng {', '.join(names)} tại các Văn bản đề nghị {on_day(day)}"
        for day, names in by_day.items()
    )
    submission = max(checked.values(), default=None)
    if submission is not None and decision.issued_on is not None and submission > decision.issued_on:
        submission = None  # a step entered after the decision is not the day of its Tờ trình
    return (
        f"Xét đề nghị của {requests or 'Trưởng các ' + str(units.name)} và Tờ trình của công chức Văn hóa - Xã hội "
        f"{on_day(submission)}."
    )


def _by_whom(commune: Commune) -> str:
    """The authority line: the commune chairman decides in his own name (only his decisions print here)."""
    return f"Chủ tịch Ủy ban nhân dân {commune.name_in_sentence}"


@dataclass
class Row:
    """One line of a decision's list, and of a certificate."""

    name: str
    address: str = ""
    block: Block | None = None
    household: Household | None = None
    withdrawal: Decision | None = None
    number: int = 0  # the certificate's number in the year
    title_label: str = ""  # a unit's own title ("Thôn văn hóa"), where the decision gave one


@dataclass
class Group:
    heading: str
    rows: list[Row] = field(default_factory=list)


def _subjects(decision: Decision, commune: Commune) -> list[Row]:
    """What the decision gave, in print order, each with the withdrawal that took it back (if any)."""
    if decision.kind == Decision.Kind.COMMENDATION:
        commended = decision.commendations.select_related("household__block").order_by(
            "household__block__number", "household__code"
        )
        return [
            Row(
                c.household.head_name, _address(c.household, c.household.block, commune), c.household.block, c.household
            )
            for c in commended
        ]
    recognitions = Recognition.objects.filter(decision=decision).select_related(
        "household__block", "block", "organisation", "withdrawn_by"
    )
    rows = []
    for r in recognitions.order_by(
        "household__block__number", "household__code", "block__number", "organisation__name"
    ):
        if r.household is not None:
            row = Row(
                r.household.head_name, _address(r.household, r.household.block, commune), r.household.block, r.household
            )
        elif r.block is not None:
            row = Row(r.block.name, commune.name_in_sentence, r.block)
            row.title_label = str(UnitWords.of_blocks([r.block], commune.unit_kind).title)
        else:
            row = Row(r.organisation.name, r.organisation.address)
        row.withdrawal = r.withdrawn_by
        rows.append(row)
    return rows


def _numbered(decision: Decision, rows: list[Row]) -> list[Row]:
    """Certificates are numbered per title, issuing body and year ("Số: 37/2024"), on from the
    same body's earlier decisions of that title and year (in the order they were made), never
    restarting in each block."""
    earlier = Decision.objects.filter(
        commune=decision.commune_id,
        kind=decision.kind,
        title=decision.title,
        issuing_body__iexact=decision.issuing_body,
        issued_on__year=decision.issued_on.year if decision.issued_on else decision.year,
        pk__lt=decision.pk,
    )
    if decision.kind == Decision.Kind.COMMENDATION:
        before = Commendation.objects.filter(decision__in=earlier).count()
    else:
        before = Recognition.objects.filter(decision__in=earlier).count()
    for i, row in enumerate(rows, start=before + 1):
        row.number = i
    return rows


KIND_WORDS = {
    Title.CULTURAL_FAMILY: ("hộ gia đình", ["STT", "Họ và tên chủ hộ", "Địa chỉ"]),
    Title.CULTURAL_ORGANISATION: ("cơ quan, đơn vị", ["STT", "Tên cơ quan, đơn vị", "Địa chỉ"]),
}


def _kind_words(title: Title, units: UnitWords) -> tuple[str, list[str]]:
    """What the list counts and its columns; a unit is named as the law names it, with the
    commune's own word: "tổ dân phố (khối phố)", "thôn"."""
    if title == Title.CULTURAL_BLOCK:
        return str(units.in_law), ["STT", f"Tên {units.in_law}", "Đơn vị hành chính"]
    return KIND_WORDS[title]


def title_label(title: Title, units: UnitWords) -> str:
    """A title as printed: the unit's follows what the commune calls its units (Nghị định
    86/2023: "Thôn văn hóa", "Tổ dân phố văn hóa"); the record keeps one code, TDPVH."""
    return str(units.title) if title == Title.CULTURAL_BLOCK else str(title.label)


def _decision_context(decision: Decision) -> dict:
    """Everything on the paper comes from what the decision gave (titles taken back later
    included) so printing it again, before it was stored, reads the same."""
    commune = decision.commune
    year = f"{decision.year}"
    title = Title(decision.title)
    rows = _numbered(decision, _subjects(decision, commune))
    units = UnitWords.of_blocks([r.block for r in rows if r.block is not None], commune.unit_kind)
    noun, columns = _kind_words(title, units)
    label = title_label(title, units)
    heads = f"Trưởng các {units.name}"
    if decision.kind == Decision.Kind.COMMENDATION:
        noun, columns = KIND_WORDS[Title.CULTURAL_FAMILY]
        plan = _plan_or_none(commune, decision.year)
        streak = plan.exemplary_years if plan else 3
        subject = f"Về việc tặng Giấy khen cho Gia đình văn hóa tiêu biểu năm {year}"
        article = (
            f"Tặng Giấy khen của Chủ tịch Ủy ban nhân dân {commune.name_in_sentence} cho "
            f"{formatting.number(len(rows))} hộ gia đình (có danh sách kèm theo) đã có thành tích tiêu biểu "
            f"trong Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”, đạt danh hiệu “Gia đình văn hóa” "
            f"{streak} năm liên tục ({decision.year - streak + 1}–{year})."
        )
        list_title = f"Danh sách hộ gia đình được tặng Giấy khen “Gia đình văn hóa tiêu biểu” năm {year}"
        carry_out = f"Công chức Văn hóa - Xã hội, {heads} và các hộ gia đình có tên tại Điều 1"
    elif title == Title.CULTURAL_ORGANISATION:
        # Thông tư 08/2014/TT-BVHTTDL "công nhận" an organisation's culture standard (not a title of the law).
        subject = f"Về việc công nhận “Cơ quan, đơn vị đạt chuẩn văn hóa” năm {year}"
        article = (
            f"Công nhận {formatting.number(len(rows))} cơ quan, đơn vị đạt chuẩn văn hóa năm {year} "
            f"(có danh sách kèm theo)."
        )
        list_title = f"Danh sách cơ quan, đơn vị được công nhận đạt chuẩn văn hóa năm {year}"
        carry_out = "Công chức Văn hóa - Xã hội và thủ trưởng các cơ quan, đơn vị có tên tại Điều 1"
    else:
        subject = f"Về việc tặng danh hiệu “{label}” năm {year}"
        article = (
            f"Tặng danh hiệu “{label}” năm {year} cho {formatting.number(len(rows))} {noun} (có danh sách kèm theo)."
        )
        list_title = f"Danh sách {noun} được tặng danh hiệu “{label}” năm {year}"
        carry_out = (
            f"Công chức Văn hóa - Xã hội, {heads} có tên tại Điều 1 và các hộ gia đình có tên trong danh sách"
            if title == Title.CULTURAL_FAMILY
            else f"Công chức Văn hóa - Xã hội và {heads} có tên tại Điều 1"
        )
    groups: list[Group] = []
    if title == Title.CULTURAL_FAMILY or decision.kind == Decision.Kind.COMMENDATION:
        for row in rows:
            if not groups or groups[-1].rows[0].block != row.block:
                groups.append(Group(""))
            groups[-1].rows.append(row)
        for group in groups:
            group.heading = f"{group.rows[0].block.name}: {formatting.number(len(group.rows))} hộ"
    elif rows:
        groups = [Group("", rows)]
    return {
        "parent": "",
        "issuer_lines": commune.committee_lines,
        "ref": decision.reference,
        "place_date": formatting.long_date(commune.place_name, decision.issued_on),
        "decision": decision,
        "commune": commune,
        "year": year,
        "by_whom": _by_whom(commune),
        "subject": subject,
        "bases": decision_bases(commune, decision.year),
        "considering": _considering(decision, commune, units),
        "title_label": label,
        "noun": noun,
        "article": article,
        "carry_out": carry_out,
        "list_title": list_title,
        "columns": columns,
        "groups": groups,
        "rows": rows,
        "total": len(rows),
        "issued_on_words": on_day(decision.issued_on),
        **_signature(decision),
    }


def _plan_or_none(commune: Commune, year: int):
    try:
        return plan_for_year(year, commune)
    except PlanNotFound:
        return None


def decision_pdf(decision: Decision) -> bytes:
    """A conferral (Gia đình văn hóa, Tổ dân phố văn hóa, cơ quan đạt chuẩn) or a commendation."""
    return render_pdf("pdf/decision.html", _decision_context(decision))


def withdrawal_context(withdrawal: Decision) -> dict:
    """Quyết định hủy bỏ, thu hồi danh hiệu (Luật Thi đua, khen thưởng 2022, Điều 93) with the
    list of titles taken back and the decisions that gave them."""
    commune = withdrawal.commune
    recognitions = list(
        withdrawal.withdrawn_recognitions.select_related(
            "household__block", "block", "organisation", "decision"
        ).order_by("household__block__number", "household__code", "block__number", "organisation__name")
    )
    for r in recognitions:
        r.where = _address(r.household, r.household.block, commune) if r.household else ""
    title = Title(withdrawal.title)
    units = UnitWords.of_blocks(
        [r.household.block if r.household else r.block for r in recognitions if r.household or r.block],
        commune.unit_kind,
    )
    return {
        "parent": "",
        "issuer_lines": commune.committee_lines,
        "ref": withdrawal.reference,
        "place_date": formatting.long_date(commune.place_name, withdrawal.issued_on),
        "decision": withdrawal,
        "commune": commune,
        "year": f"{withdrawal.year}",
        "title_label": title_label(title, units),
        "heads": f"Trưởng các {units.name}",
        "by_whom": _by_whom(commune),
        # The laws in force when it is signed, not when the title was given.
        "bases": decision_bases(commune, withdrawal.issued_on.year if withdrawal.issued_on else withdrawal.year),
        "recognitions": recognitions,
        "given_by": [
            f"Quyết định số {d.reference} {on_day(d.issued_on)}"
            for d in sorted({r.decision.reference: r.decision for r in recognitions}.values(), key=lambda d: d.pk)
        ],
        **_signature(withdrawal),
    }


def withdrawal_pdf(withdrawal: Decision) -> bytes:
    return render_pdf("pdf/withdrawal.html", withdrawal_context(withdrawal))


# Each paper is a template and its context: the PDF and the Word copy (caolocculture.docx.
# render_docx) are both made from them, so they say the same.
Source = tuple[str, dict]


def decision_paper_source(decision: Decision) -> Source:
    """A decision's paper, whatever its kind (conferral, commendation, withdrawal): what
    services.decision_paper prints and stores, and what its Word working copy is made from."""
    if decision.kind == Decision.Kind.WITHDRAWAL:
        return "pdf/withdrawal.html", withdrawal_context(decision)
    return "pdf/decision.html", _decision_context(decision)


def certificates_pdf(decision: Decision, block: Block | None = None) -> bytes:
    """A certificate (Giấy chứng nhận; a Giấy khen for a commendation) per household, block or
    organisation the decision gave its title, those of `block` only when given; one taken
    back is marked so. Numbered over the whole decision, dated from it, no page numbers."""
    context = _decision_context(decision)
    rows = [r for r in context["rows"] if block is None or r.block == block]
    if block is not None and decision.title == Title.CULTURAL_ORGANISATION:
        rows = []
    context["certificates"] = rows
    template = "pdf/merit_certificate.html" if decision.kind == Decision.Kind.COMMENDATION else "pdf/certificates.html"
    return render_pdf(template, context)


def has_certificates(decision: Decision, block: Block | None = None) -> bool:
    """A conferral or commendation printed here gives certificates; of `block`, only when it
    holds one there (a household's or its own). Withdrawals and recorded decisions give none."""
    if decision.kind not in (Decision.Kind.CONFERRAL, Decision.Kind.COMMENDATION):
        return False
    if decision.kind == Decision.Kind.COMMENDATION:
        found = decision.commendations.all()
        return (found.filter(household__block=block) if block else found).exists()
    found = decision.recognitions.all()
    if block is None:
        return found.exists()
    return found.filter(Q(household__block=block) | Q(block=block)).exists()
