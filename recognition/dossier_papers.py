"""The dossiers' papers beyond the meeting's own (Nghị định 86/2023 and its forms, laid out as
Nghị định 30/2020 says): the khối trưởng's written request for Gia đình văn hóa, and for Tổ dân
phố văn hóa the block's report of achievements, the emulation and awards council's minutes and
the submission to whoever decides that year. Each is dated from its event, or left blank to
fill by hand; each `*_context` is what its template reads (a Word copy can use it too)."""

import datetime

from django.utils import timezone

from campaigns import selectors as campaign_selectors
from campaigns.models import AuthorityLevel, TitleAuthority
from campaigns.selectors import title_authority
from caolocculture import formatting
from caolocculture.pdf import render_pdf
from households.models import Commune
from households.units import UnitWords

from .models import BlockTitleDossier, Meeting, Title
from .papers import block_head, in_words
from .selectors import (
    PROPOSED_STATUSES,
    REVIEWED_STATUSES,
    block_report_facts,
    council_dossiers,
    dossier_recorded_by,
    meeting_sent_on,
    meeting_sheet,
    submission_dossiers,
)


def standards_bases(commune: Commune, year: int) -> list[str]:
    """The bases a block's paper may cite: the title's standards and procedure. The law on the
    organisation of local government gives the chairman the power to decide; a block cites it
    for nothing."""
    return [
        line for line in campaign_selectors.decision_bases(commune, year) if not line.lower().startswith("luật tổ chức")
    ]


def decider(commune: Commune, authority: TitleAuthority) -> str:
    """Who a proposal is addressed to: "Chủ tịch Ủy ban nhân dân thị trấn Cao Lộc", "Chủ tịch Ủy
    ban nhân dân huyện Cao Lộc", or another body by its name."""
    if authority.in_commune:
        return f"Chủ tịch Ủy ban nhân dân {commune.name_in_sentence}"
    if authority.level == AuthorityLevel.DISTRICT_CHAIRMAN:
        return f"Chủ tịch {authority.body or 'Ủy ban nhân dân ' + commune.district}"
    return authority.body or str(authority.get_level_display())


def _lines(text: str) -> list[str]:
    """The non-empty lines, without the dash or bullet a person may have typed (the paper adds its own)."""
    return [line.strip().lstrip("-–•*+ ").strip() for line in text.splitlines() if line.strip().lstrip("-–•*+ ")]


# -- Gia đình văn hóa: the khối trưởng's written request ----------------------------------------


def written_request_context(meeting: Meeting) -> dict:
    """Văn bản đề nghị xét tặng danh hiệu “Gia đình văn hóa” (the dossier's first paper), dated
    the day the dossier was last sent, else blank."""
    commune = meeting.block.commune
    posting = getattr(meeting, "posting", None)  # the page offers it once posted; dots before
    sheet = meeting_sheet(meeting)
    return {
        **block_head(meeting, meeting_sent_on(meeting)),
        "meeting": meeting,
        "posting": posting,
        "last_day": posting.ends_on - datetime.timedelta(days=1) if posting else None,
        "held_on": timezone.localtime(meeting.held_at).date(),
        "assessed": len(sheet),
        "passed": sum(1 for _h, r in sheet if r and r.passed),
        "failed": sum(1 for _h, r in sheet if r and not r.passed and not r.excluded),
        "excluded": sum(1 for _h, r in sheet if r and r.excluded),
        "bases": standards_bases(commune, meeting.year),
        # Gia đình văn hóa is conferred by the commune chairman (Nghị định 86/2023).
        "addressee": f"Chủ tịch Ủy ban nhân dân {commune.name_in_sentence}",
    }


def written_request_pdf(meeting: Meeting) -> bytes:
    return render_pdf("pdf/written_request.html", written_request_context(meeting))


# -- Tổ dân phố văn hóa ---------------------------------------------------------------------


def _authority(dossier: BlockTitleDossier) -> TitleAuthority:
    return title_authority(dossier.block.commune, Title.CULTURAL_BLOCK, dossier.year)


def paper_exists(dossier: BlockTitleDossier, paper: str) -> bool:
    """The council's minutes once it has reviewed the dossier; the submission once it proposed it."""
    if paper == "bien-ban-hoi-dong":
        return dossier.status in REVIEWED_STATUSES
    if paper == "to-trinh":
        return dossier.status in PROPOSED_STATUSES
    return True


def block_report_context(dossier: BlockTitleDossier) -> dict:
    """Báo cáo thành tích đề nghị tặng danh hiệu “Tổ dân phố văn hóa”, by the khối trưởng."""
    block = dossier.block
    commune = block.commune
    return {
        "parent": commune.people_committee,
        "issuer": block.name.upper(),
        "ref": "",
        "place_date": formatting.long_date(commune.place_name, dossier.reported_on),
        "commune": commune,
        "dossier": dossier,
        "unit": block,  # not "block": templates reserve that name inside {% block %}
        "units": block.words,  # its commune is read above: no query
        "leader": block.leader.get_full_name() if block.leader else "",
        "achievements": _lines(dossier.achievements),
        "facts": block_report_facts(dossier),
        "decider": decider(commune, _authority(dossier)),
        "in_commune": _authority(dossier).in_commune,
    }


def block_report_pdf(dossier: BlockTitleDossier) -> bytes:
    return render_pdf("pdf/block_report.html", block_report_context(dossier))


def council_minutes_context(dossier: BlockTitleDossier) -> dict:
    """Biên bản họp Hội đồng Thi đua - Khen thưởng: the blocks it reviewed that day, its opinion
    on each, and whom it proposes to the authority of the year."""
    commune = dossier.block.commune
    reviewed = council_dossiers(dossier)
    return {
        "parent": commune.people_committee,
        "issuer": "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        "ref": "",
        "place_date": formatting.long_date(commune.place_name, dossier.council_met_on),
        "commune": commune,
        "dossier": dossier,
        "met_on": in_words(commune.place_name, dossier.council_met_on),
        "members": _lines(dossier.council_members),
        "reviewed": reviewed,
        "proposed": [d for d in reviewed if d.status in PROPOSED_STATUSES],
        "units": UnitWords.of_blocks([d.block for d in reviewed], commune.unit_kind),
        "decider": decider(commune, _authority(dossier)),
    }


def council_minutes_pdf(dossier: BlockTitleDossier) -> bytes:
    return render_pdf("pdf/council_minutes.html", council_minutes_context(dossier))


def block_submission_context(dossier: BlockTitleDossier) -> dict:
    """Tờ trình đề nghị tặng danh hiệu “Tổ dân phố văn hóa”. Decided above the commune: the
    people's committee submits to that authority, signed for the committee (TM.). Decided by the
    commune chairman: the culture officer submits to him."""
    commune = dossier.block.commune
    authority = _authority(dossier)
    proposed = submission_dossiers(dossier)
    council_days = sorted({d.council_met_on for d in proposed if d.council_met_on})
    context = {
        "ref": formatting.document_number(None, "TTr-UBND" if not authority.in_commune else "TTr-VHXH"),
        "place_date": formatting.long_date(commune.place_name, dossier.submitted_on),
        "commune": commune,
        "dossier": dossier,
        "proposed": proposed,
        "units": UnitWords.of_blocks([d.block for d in proposed], commune.unit_kind),
        "council_days": [formatting.date(d) for d in council_days],
        "bases": campaign_selectors.decision_bases(commune, dossier.year),
        "addressee": decider(commune, authority),
        "in_commune": authority.in_commune,
    }
    if authority.in_commune:
        officer = dossier_recorded_by(dossier, "submitted_on") or dossier_recorded_by(dossier, "council_met_on")
        return {
            **context,
            "parent": commune.people_committee,
            "issuer": "CÔNG CHỨC VĂN HÓA - XÃ HỘI",
            "submitter": "Công chức Văn hóa - Xã hội",
            "authority_line": "",
            "signer_title": "CÔNG CHỨC VĂN HÓA - XÃ HỘI",
            "signer_name": officer.get_full_name() if officer else "",
            "bases": standards_bases(commune, dossier.year),  # an officer holds no power of that law
        }
    return {
        **context,
        "parent": "",
        "issuer_lines": commune.committee_lines,
        "submitter": f"Ủy ban nhân dân {commune.name_in_sentence}",
        # The committee's own paper: signed for the collective body (Nghị định 30/2020).
        "authority_line": "TM. ỦY BAN NHÂN DÂN",
        "signer_title": "CHỦ TỊCH",
        "signer_name": commune.chairman_name,
    }


def block_submission_pdf(dossier: BlockTitleDossier) -> bytes:
    return render_pdf("pdf/block_submission.html", block_submission_context(dossier))
