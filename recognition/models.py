import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractYear, Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns.models import Title
from caolocculture import formatting
from caolocculture.fields import LineField, ProseField

__all__ = ["Title"]  # defined with the plan, which holds who confers each title


def subject_matches_title(prefix: str) -> models.CheckConstraint:
    """A household for GĐVH, a block for TDP văn hóa, an organisation for đạt chuẩn: exactly one."""
    return models.CheckConstraint(
        condition=(
            Q(title="GDVH", household__isnull=False, block__isnull=True, organisation__isnull=True)
            | Q(title="TDPVH", household__isnull=True, block__isnull=False, organisation__isnull=True)
            | Q(title="CQVH", household__isnull=True, block__isnull=True, organisation__isnull=False)
        ),
        name=f"{prefix}_subject_matches_title",
    )


def once_a_year(prefix: str, in_force_only: bool = False) -> list[models.UniqueConstraint]:
    """One per subject and year; for titles, one in force (a withdrawn one may be given again)."""
    extra = {"withdrawn_by__isnull": True} if in_force_only else {}
    return [
        models.UniqueConstraint(
            fields=[subject, "year"],
            condition=Q(**{f"{subject}__isnull": False}, **extra),
            name=f"{prefix}_{subject}_once",
        )
        for subject in ("household", "block", "organisation")
    ]


BEFORE_APP = _("Hồ sơ trước khi dùng phần mềm")


class Decision(models.Model):
    """A quyết định on a title: one the chairman makes in the app (conferral), one the
    officer enters from paper (recorded), or one taking titles back (withdrawal).
    Every recognition belongs to one; a signed one is never edited (DOMAIN.md §5)."""

    class Kind(models.TextChoices):
        CONFERRAL = "conferral", _("Quyết định tặng danh hiệu (trên hệ thống)")
        RECORDED = "recorded", _("Quyết định ghi nhận từ hồ sơ giấy")
        WITHDRAWAL = "withdrawal", _("Quyết định hủy bỏ, thu hồi danh hiệu")
        COMMENDATION = "commend", _("Quyết định khen thưởng Gia đình văn hóa tiêu biểu")

    commune = models.ForeignKey(
        "households.Commune", on_delete=models.PROTECT, related_name="decisions", verbose_name=_("đơn vị")
    )
    kind = models.CharField(_("loại quyết định"), max_length=10, choices=Kind.choices, default=Kind.CONFERRAL)
    title = models.CharField(_("danh hiệu"), max_length=6, choices=Title.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    # Blank only for a recorded decision whose paper is lost ("hồ sơ trước khi dùng phần mềm").
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    symbol = LineField(_("ký hiệu"), max_length=30, default="QĐ-UBND")
    issued_on = models.DateField(_("ngày ký"), null=True, blank=True)
    signer_name = LineField(_("người ký"), max_length=120, blank=True)
    signer_title = LineField(_("chức danh người ký"), max_length=160, blank=True)
    issuing_body = LineField(_("cơ quan ban hành"), max_length=160, blank=True)
    grounds = ProseField(_("căn cứ, lý do"), blank=True)
    scan = models.FileField(_("bản chụp quyết định"), upload_to="quyet-dinh/ban-chup/%Y/", blank=True)
    # The paper as signed: made once, then always served from here (with its SHA-256).
    paper = models.FileField(_("văn bản đã ký"), upload_to="quyet-dinh/van-ban/%Y/", blank=True, editable=False)
    paper_sha256 = models.CharField(_("mã SHA-256 của văn bản"), max_length=64, blank=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ghi nhận"),
    )
    created_at = models.DateTimeField(_("thời điểm ghi nhận"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quyết định")
        verbose_name_plural = _("quyết định")
        ordering = ["-year", "-issued_on", "-number"]
        constraints = [
            # Numbered per issuing body and year of signing (Nghị định 30/2020), not per day.
            models.UniqueConstraint(
                "commune",
                Lower("issuing_body"),
                Lower("symbol"),
                "number",
                ExtractYear("issued_on"),
                name="decision_number_unique_in_year",
            ),
            models.CheckConstraint(
                condition=Q(kind="recorded") | Q(number__isnull=False, issued_on__isnull=False),
                name="decision_numbered_unless_recorded",
            ),
            # One "before the app" bundle per commune, title and year.
            models.UniqueConstraint(
                fields=["commune", "title", "year"],
                condition=Q(kind="recorded", number__isnull=True),
                name="decision_one_unnumbered_record",
            ),
        ]

    def __str__(self) -> str:
        if self.issued_on is None:
            return self.reference
        return f"{self.reference} ({formatting.date(self.issued_on)})"

    @property
    def reference(self) -> str:
        if self.number is None:
            return str(BEFORE_APP)
        return formatting.document_number(self.number, self.symbol)

    @property
    def signed_in_app(self) -> bool:
        """Conferrals, commendations and the commune's own withdrawals are printed by the app;
        recorded decisions, and a withdrawal by a body above the commune (recorded from its
        paper, like the decision it takes back), exist on paper."""
        if self.kind == self.Kind.RECORDED:
            return False
        if self.kind == self.Kind.WITHDRAWAL:
            return self.issuing_body.casefold() in ("", self.commune.people_committee.casefold())
        return True


class KindManager(models.Manager):
    """Decisions of one kind, for the proxies that name them."""

    def __init__(self, kind: str):
        super().__init__()
        self.kind = kind

    def get_queryset(self):
        return super().get_queryset().filter(kind=self.kind)


class RecordedDecision(Decision):
    """A decision made outside the app (before it, or by another body), entered by the officer."""

    objects = KindManager(Decision.Kind.RECORDED)

    class Meta:
        proxy = True
        verbose_name = _("quyết định ghi nhận từ hồ sơ giấy")
        verbose_name_plural = _("quyết định ghi nhận từ hồ sơ giấy")


class Withdrawal(Decision):
    """Quyết định hủy bỏ / thu hồi danh hiệu: a new decision; the first stays as signed."""

    objects = KindManager(Decision.Kind.WITHDRAWAL)

    class Meta:
        proxy = True
        verbose_name = _("quyết định hủy bỏ, thu hồi danh hiệu")
        verbose_name_plural = _("quyết định hủy bỏ, thu hồi danh hiệu")


def before_app_decision(commune, title: str, year: int) -> Decision:
    """The commune's recorded decision that holds a year's titles known only from its
    registers ("hồ sơ trước khi dùng phần mềm"): made the first time it is needed."""
    decision, _created = Decision.objects.get_or_create(
        commune=commune,
        title=title,
        year=year,
        kind=Decision.Kind.RECORDED,
        number=None,
        defaults={"grounds": str(BEFORE_APP), "issuing_body": str(BEFORE_APP)},
    )
    return decision


class RecognitionQuerySet(models.QuerySet):
    def in_force(self) -> "RecognitionQuerySet":
        """Titles not taken back: the only ones any figure counts."""
        return self.filter(withdrawn_by__isnull=True)

    def holding_in(self, year: int) -> "RecognitionQuerySet":
        """In force and valid that year (an organisation's title holds for several years)."""
        return self.in_force().filter(year__lte=year, valid_until__gte=year)


class Recognition(models.Model):
    """A household, block or organisation recognised for a year, and by which decision:
    one made in the app, or one recorded from the commune's papers. A title taken back
    keeps its row, pointing at the withdrawal."""

    class Source(models.TextChoices):
        DECISION = "decision", _("Quyết định trên hệ thống")
        IMPORTED = "imported", _("Quyết định ghi nhận từ hồ sơ giấy")

    title = models.CharField(_("danh hiệu"), max_length=6, choices=Title.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    household = models.ForeignKey(
        "households.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recognitions",
        verbose_name=_("hộ gia đình"),
        db_index=False,  # the unique (household, year) index serves look-ups by household
    )
    block = models.ForeignKey(
        "households.Block",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recognitions",
        verbose_name=_("khối phố"),
        db_index=False,  # as above
    )
    organisation = models.ForeignKey(
        "campaigns.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recognitions",
        verbose_name=_("cơ quan, đơn vị"),
        db_index=False,  # as above
    )
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices)
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        related_name="recognitions",
        verbose_name=_("quyết định"),
    )
    withdrawn_by = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="withdrawn_recognitions",
        verbose_name=_("thu hồi theo quyết định"),
    )
    valid_until = models.PositiveSmallIntegerField(
        _("giữ danh hiệu đến năm"), help_text=_("Cơ quan đạt chuẩn: 5 năm; hộ và khối: chính năm đó.")
    )
    note = ProseField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("thời điểm ghi nhận"), auto_now_add=True)
    # History is looked up by record and by household; fewer indexes keep bulk imports fast.
    history = HistoricalRecords(no_db_index=["block", "organisation", "decision", "withdrawn_by"])

    objects = RecognitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("công nhận danh hiệu")
        verbose_name_plural = _("công nhận danh hiệu")
        ordering = ["-year"]
        indexes = [models.Index(fields=["title", "year"], name="recognition_title_year")]
        constraints = [
            subject_matches_title("recognition"),
            models.CheckConstraint(condition=Q(valid_until__gte=F("year")), name="recognition_valid_after_year"),
            *once_a_year("recognition", in_force_only=True),
        ]

    def __str__(self) -> str:
        subject = self.household or self.block or self.organisation
        return f"{self.get_title_display()} {self.year}: {subject}"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_by_id is None


class Registration(models.Model):
    """Đăng ký at the start of the year: a household, block or organisation aims for its title."""

    title = models.CharField(_("danh hiệu"), max_length=6, choices=Title.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    household = models.ForeignKey(
        "households.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("hộ gia đình"),
        db_index=False,
    )
    block = models.ForeignKey(
        "households.Block",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("khối phố"),
        db_index=False,
    )
    organisation = models.ForeignKey(
        "campaigns.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("cơ quan, đơn vị"),
        db_index=False,
    )
    registered_on = models.DateField(_("ngày đăng ký"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("người ghi")
    )
    history = HistoricalRecords(no_db_index=["block", "organisation"])

    class Meta:
        verbose_name = _("đăng ký danh hiệu")
        verbose_name_plural = _("đăng ký danh hiệu")
        constraints = [
            subject_matches_title("registration"),
            *once_a_year("registration"),
        ]

    def __str__(self) -> str:
        subject = self.household or self.block or self.organisation
        return f"{_('Đăng ký')} {self.get_title_display()} {self.year}: {subject}"


class Meeting(models.Model):
    """A block's yearly bình xét meeting for Gia đình văn hóa, and the dossier it
    becomes: results → public posting → submitted → checked → decided (locked)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Đang bình xét")
        POSTED = "posted", _("Đang niêm yết")
        SUBMITTED = "submitted", _("Đã gửi hồ sơ")
        RETURNED = "returned", _("Bị trả lại")
        CHECKED = "checked", _("Đã kiểm tra, chờ quyết định")
        DECIDED = "decided", _("Đã có quyết định")

    block = models.ForeignKey(
        "households.Block", on_delete=models.PROTECT, related_name="meetings", verbose_name=_("khối phố")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    held_at = models.DateTimeField(_("thời gian họp"))
    place = LineField(_("địa điểm"), max_length=255)
    chair = LineField(_("chủ trì"), max_length=120)
    secretary = LineField(_("thư ký"), max_length=120)
    attendees = ProseField(
        _("thành phần dự họp"),
        blank=True,
        help_text=_("Ban Công tác Mặt trận, các chi hội đoàn thể… mỗi dòng một người."),
    )
    invited = models.PositiveIntegerField(_("số người được mời"))
    present = models.PositiveIntegerField(_("số người có mặt"))
    # The year's rule as it stood when the meeting was held: shown, applied and printed.
    quorum_percent = models.DecimalField(
        _("tỷ lệ có mặt tối thiểu (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    threshold_percent = models.DecimalField(_("tỷ lệ tán thành (%)"), max_digits=5, decimal_places=2)
    threshold_inclusive = models.BooleanField(_("tính cả bằng ngưỡng"), default=False)
    # Written in the minutes ("Biên bản kết thúc vào hồi …"); blank until the meeting closes.
    ended_at = models.TimeField(_("giờ kết thúc"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN)
    returned_reason = ProseField(_("lý do trả lại"), blank=True)
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings", verbose_name=_("quyết định")
    )
    # Bumped by every change: a second person saving an older copy is told, not overwritten.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cuộc họp bình xét")
        verbose_name_plural = _("cuộc họp bình xét")
        ordering = ["-year", "block__number"]
        constraints = [
            models.UniqueConstraint(fields=["block", "year"], name="meeting_one_per_block_year"),
            models.CheckConstraint(
                condition=Q(present__lte=F("invited")),
                name="meeting_present_within_invited",
                violation_error_message=_("Số người có mặt không thể nhiều hơn số người được mời."),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Bình xét')} {self.block} {self.year}"

    @property
    def open_for_results(self) -> bool:
        """Results can be entered or corrected: not yet posted, or returned to the block."""
        return self.status in (self.Status.OPEN, self.Status.RETURNED)

    @property
    def locked(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.CHECKED, self.Status.DECIDED)

    def decided_titles_stand(self) -> bool:
        """Titles its decision gave the block are still in force: the year stays decided
        (a withdrawal comes first, then a new meeting)."""
        return (
            self.decision_id is not None
            and self.decision.recognitions.in_force().filter(household__block=self.block_id).exists()
        )


class NotAssessedCase(models.Model):
    """A case in which a household is not assessed for Gia đình văn hóa (Nghị định 86/2023,
    Điều 6): data the officer corrects in the admin, seeded from the decree; "Khác" asks
    the person entering it to write what."""

    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    text = LineField(_("trường hợp"), max_length=255)
    needs_detail = models.BooleanField(
        _("phải ghi rõ"), default=False, help_text=_("Như “Khác”: người nhập phải ghi rõ lý do.")
    )
    active = models.BooleanField(_("đang dùng"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("trường hợp không xét")
        verbose_name_plural = _("trường hợp không xét (Nghị định 86/2023, Điều 6)")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class MeetingResult(models.Model):
    """One household's result at the meeting: votes agreeing out of those present, and
    đạt / không đạt under the year's rule; or not assessed (không xét), with the decree's
    case and no vote count."""

    class Status(models.TextChoices):
        PASSED = "passed", _("Đạt")
        FAILED = "failed", _("Không đạt")
        EXCLUDED = "excluded", _("Không xét")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="results", verbose_name=_("cuộc họp"))
    household = models.ForeignKey(
        "households.Household",
        on_delete=models.PROTECT,
        related_name="meeting_results",
        verbose_name=_("hộ gia đình"),
        db_index=False,
    )
    year = models.PositiveSmallIntegerField(_("năm"))  # one result per household and year
    # None when not assessed: no vote was taken, and none is printed.
    agreed = models.PositiveIntegerField(_("số người tán thành"), null=True, blank=True)
    excluded = models.BooleanField(_("thuộc trường hợp không xét"), default=False)
    case = models.ForeignKey(
        NotAssessedCase,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trường hợp không xét"),
    )
    passed = models.BooleanField(_("đạt"))
    reason = ProseField(_("lý do"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("người nhập")
    )
    history = HistoricalRecords(no_db_index=["meeting", "case"])

    class Meta:
        verbose_name = _("kết quả bình xét")
        verbose_name_plural = _("kết quả bình xét")
        constraints = [
            models.UniqueConstraint(fields=["household", "year"], name="result_one_per_household_year"),
            models.CheckConstraint(condition=Q(passed=False) | Q(excluded=False), name="result_excluded_never_passes"),
            # Assessed: a vote count. Not assessed: no count, and the ground (a case of the decree or a text).
            models.CheckConstraint(
                condition=Q(excluded=False, agreed__isnull=False)
                | (Q(excluded=True, agreed__isnull=True) & (Q(case__isnull=False) | ~Q(reason=""))),
                name="result_votes_or_not_assessed_ground",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household} {self.year}: {self.label}"

    @property
    def status(self) -> str:
        if self.excluded:
            return self.Status.EXCLUDED
        return self.Status.PASSED if self.passed else self.Status.FAILED

    @property
    def ground(self) -> str:
        """Why the household was not assessed: the decree's case, or what was written for "Khác"."""
        if self.case is None:
            return self.reason
        if self.case.needs_detail:
            return self.reason or self.case.text
        return f"{self.case.text} ({self.reason})" if self.reason else self.case.text

    @property
    def label(self) -> str:
        """As the page, the minutes and the lists say it: "Đạt", "Không đạt", "Không xét – <case>"."""
        if self.excluded:
            return _("Không xét – %(ground)s") % {"ground": self.ground}
        return str(self.Status(self.status).label)


class Posting(models.Model):
    """Niêm yết công khai of the proposed list; no decision before it ends."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="posting", verbose_name=_("cuộc họp")
    )
    starts_on = models.DateField(_("ngày bắt đầu niêm yết"))
    days = models.PositiveSmallIntegerField(_("số ngày niêm yết"))
    place = LineField(_("nơi niêm yết"), max_length=255, blank=True)
    comments = ProseField(_("ý kiến nhận được"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("niêm yết công khai")
        verbose_name_plural = _("niêm yết công khai")

    def __str__(self) -> str:
        return f"{_('Niêm yết')} {self.meeting}"

    @property
    def ends_on(self):
        """The first day after the posting: the earliest a decision may be signed."""
        return self.starts_on + datetime.timedelta(days=self.days)


class MeetingStep(models.Model):
    """Who did which step of the dossier, when, and why (returns and reopenings)."""

    class Action(models.TextChoices):
        HELD = "held", _("Họp bình xét")
        POSTED = "posted", _("Niêm yết")
        SUBMITTED = "submitted", _("Gửi hồ sơ")
        RETURNED = "returned", _("Trả lại hồ sơ")
        CHECKED = "checked", _("Kiểm tra hồ sơ")
        DECIDED = "decided", _("Ra quyết định")
        REOPENED = "reopened", _("Mở lại")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="steps", verbose_name=_("cuộc họp"))
    action = models.CharField(_("bước"), max_length=10, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người thực hiện")
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    note = ProseField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("bước hồ sơ")
        verbose_name_plural = _("bước hồ sơ")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} – {self.by}"


class Commendation(models.Model):
    """Khen thưởng: a Gia đình văn hóa tiêu biểu picked by the officer among the candidates."""

    year = models.PositiveSmallIntegerField(_("năm"))
    household = models.ForeignKey(
        "households.Household", on_delete=models.PROTECT, related_name="commendations", verbose_name=_("hộ gia đình")
    )
    reference = LineField(_("số quyết định, giấy khen"), max_length=120, blank=True)
    # The commendation decision issued in the app; blank for one recorded from paper (reference).
    decision = models.ForeignKey(
        "Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commendations",
        verbose_name=_("quyết định khen thưởng"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người ghi")
    )
    created_at = models.DateTimeField(_("thời điểm ghi"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khen thưởng Gia đình văn hóa tiêu biểu")
        verbose_name_plural = _("khen thưởng Gia đình văn hóa tiêu biểu")
        constraints = [models.UniqueConstraint(fields=["household", "year"], name="commendation_once_a_year")]

    def __str__(self) -> str:
        return f"{self.household} {self.year}"


class BlockTitleDossier(models.Model):
    """Tổ dân phố văn hóa for one block and year, lighter than the households' flow:
    the khối trưởng's report of achievements → review by the commune's emulation and
    awards council → public posting → decision at the level the commune profile sets."""

    class Status(models.TextChoices):
        REPORTED = "reported", _("Đã báo cáo thành tích")
        REVIEWED = "reviewed", _("Hội đồng Thi đua - Khen thưởng đã xét, đề nghị xét tặng")
        NOT_PROPOSED = "not_proposed", _("Hội đồng Thi đua - Khen thưởng không đề nghị")
        POSTED = "posted", _("Đang niêm yết")
        DECIDED = "decided", _("Đã có quyết định")

    block = models.ForeignKey(
        "households.Block", on_delete=models.PROTECT, related_name="title_dossiers", verbose_name=_("khối phố")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    achievements = ProseField(_("báo cáo thành tích"))
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.REPORTED)
    council_opinion = ProseField(_("ý kiến Hội đồng Thi đua - Khen thưởng"), blank=True)
    # The dates the dossier's papers carry (Nghị định 86/2023 forms); blank prints "ngày … tháng … năm …".
    reported_on = models.DateField(_("ngày báo cáo thành tích"), null=True, blank=True)
    council_met_on = models.DateField(_("ngày họp Hội đồng Thi đua - Khen thưởng"), null=True, blank=True)
    council_members = ProseField(_("thành phần Hội đồng dự họp"), blank=True, help_text=_("Mỗi dòng một người."))
    submitted_on = models.DateField(_("ngày tờ trình đề nghị"), null=True, blank=True)
    posting_starts_on = models.DateField(_("ngày bắt đầu niêm yết"), null=True, blank=True)
    posting_days = models.PositiveSmallIntegerField(_("số ngày niêm yết"), default=10)
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="block_dossiers",
        verbose_name=_("quyết định"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hồ sơ Tổ dân phố văn hóa")
        verbose_name_plural = _("hồ sơ Tổ dân phố văn hóa")
        constraints = [models.UniqueConstraint(fields=["block", "year"], name="block_dossier_once_a_year")]

    def __str__(self) -> str:
        return f"{self.block.words.title} {self.block} {self.year}"

    @property
    def posting_ends_on(self):
        return self.posting_starts_on + datetime.timedelta(days=self.posting_days) if self.posting_starts_on else None
