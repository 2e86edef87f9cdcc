import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from caolocculture import formatting
from caolocculture.fields import LineField, ProseField
from caolocculture.models import ImportJob
from caolocculture.uploads import validate_evidence
from households.models import Commune

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class Title(models.TextChoices):
    """The movement's titles. Defined with the plan, which says who confers each one that year."""

    CULTURAL_FAMILY = "GDVH", _("Gia đình văn hóa")
    CULTURAL_BLOCK = "TDPVH", _("Tổ dân phố văn hóa")
    CULTURAL_ORGANISATION = "CQVH", _("Cơ quan, đơn vị đạt chuẩn văn hóa")


class Plan(models.Model):
    """The steering committee's plan for one year, with the year's rules."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="plans", verbose_name=_("đơn vị"))
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(2000)])
    number = models.PositiveSmallIntegerField(_("số văn bản"), null=True, blank=True)
    symbol = LineField(_("ký hiệu"), max_length=30, default="KH-BCĐ")
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    title = ProseField(_("trích yếu"))
    legal_bases = ProseField(_("căn cứ"), blank=True)
    # Section I of the printed Kế hoạch, one point a line.
    purpose = ProseField(_("mục đích"), blank=True, help_text=_("Mục I.1 của văn bản kế hoạch; mỗi dòng một ý."))
    requirements = ProseField(_("yêu cầu"), blank=True, help_text=_("Mục I.2 của văn bản kế hoạch; mỗi dòng một ý."))
    phase_start = models.PositiveSmallIntegerField(_("giai đoạn từ năm"), default=2021)
    phase_end = models.PositiveSmallIntegerField(_("giai đoạn đến năm"), default=2026)
    signing_authority = LineField(_("quyền hạn ký"), max_length=60, blank=True, help_text=_("Ví dụ: KT. TRƯỞNG BAN"))
    signer_position = LineField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_title = LineField(_("chức danh người ký"), max_length=160, blank=True)
    signer_name = LineField(_("người ký"), max_length=120, blank=True)
    recipients = ProseField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận."))
    # The "Căn cứ" of the year's decisions, each with its date (Nghị định 30/2020): laws change.
    decision_bases = ProseField(
        _("căn cứ của quyết định tặng danh hiệu"),
        blank=True,
        help_text=_("Mỗi dòng một căn cứ, ghi rõ số, ngày ban hành; in đúng thứ tự trên quyết định."),
    )
    # The year's rules (Nghị định 86/2023 sets none; the commune may).
    vote_quorum_percent = models.DecimalField(
        _("tỷ lệ có mặt tối thiểu (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Để trống: không yêu cầu số người có mặt."),
    )
    vote_threshold_percent = models.DecimalField(
        _("tỷ lệ tán thành (%)"), max_digits=5, decimal_places=2, default=Decimal(50), validators=PERCENT
    )
    vote_threshold_inclusive = models.BooleanField(
        _("tính cả bằng ngưỡng"), default=False, help_text=_("Bỏ chọn: phải trên ngưỡng (mặc định: trên một nửa).")
    )
    meeting_deadline = models.DateField(_("hạn họp bình xét"), null=True, blank=True)
    posting_days = models.PositiveSmallIntegerField(_("số ngày niêm yết"), default=10)
    decision_days = models.PositiveSmallIntegerField(_("số ngày ra quyết định"), default=10)
    exemplary_years = models.PositiveSmallIntegerField(_("số năm liên tục để là tiêu biểu"), default=3)
    exemplary_cap_percent = models.DecimalField(
        _("tỷ lệ khen thưởng tiêu biểu tối đa (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    organisation_validity_years = models.PositiveSmallIntegerField(_("số năm giữ danh hiệu cơ quan"), default=5)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], name="plan_one_per_year"),
            models.CheckConstraint(condition=Q(phase_start__lte=F("phase_end")), name="plan_phase_ordered"),
        ]

    def __str__(self) -> str:
        return f"{_('Kế hoạch')} {self.year}"

    @property
    def reference(self) -> str:
        return formatting.document_number(self.number, self.symbol)

    @property
    def deadline(self) -> datetime.date:
        return self.meeting_deadline or datetime.date(self.year, 11, 25)


class Comparator(models.TextChoices):
    AT_LEAST = ">=", "≥"
    MORE_THAN = ">", ">"


class IndicatorCode(models.TextChoices):
    GDVH = "GDVH", _("Hộ gia đình được tặng danh hiệu Gia đình văn hóa")
    TDPVH = "TDPVH", _("Khối phố được tặng danh hiệu Tổ dân phố văn hóa")
    NVH = "NVH", _("Khối phố có nhà văn hóa")
    CQVH = "CQVH", _("Cơ quan, đơn vị đạt chuẩn văn hóa")
    TDTT = "TDTT", _("Người tập luyện thể dục thể thao thường xuyên")
    PBGDPL = "PBGDPL", _("Người dân được phổ biến, giáo dục pháp luật")
    # A count of the year, not a rate: houses put into use this year (the 2024 plan's "01 nhà văn hóa").
    NVH_NEW = "NVHMOI", _("Nhà văn hóa đưa vào sử dụng trong năm")


# The codes as people read them in headings, sheets and papers: "GĐVH" with Đ (U+0110);
# the stored code and the JSON keys stay "GDVH".
CODE_LABELS = {IndicatorCode.GDVH: "GĐVH", IndicatorCode.NVH_NEW: "NVH mới"}


def code_label(code: str) -> str:
    """'GĐVH', 'TDPVH', 'NVH mới': a target's code as a heading writes it."""
    return CODE_LABELS.get(code, code)


class Target(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets", verbose_name=_("kế hoạch"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã chỉ tiêu"), max_length=10, choices=IndicatorCode.choices)
    name = ProseField(_("nội dung chỉ tiêu"))
    comparator = models.CharField(_("so sánh"), max_length=2, choices=Comparator.choices, default=Comparator.AT_LEAST)
    # Blank when the plan names the goal without a figure ("theo dõi"): reported, never judged.
    value = models.DecimalField(
        _("mức phấn đấu"),
        max_digits=6,
        decimal_places=2,
        validators=PERCENT,
        null=True,
        blank=True,
        help_text=_("Để trống nếu kế hoạch không đặt con số: chỉ theo dõi, không đánh giá đạt/chưa đạt."),
    )
    unit = LineField(_("đơn vị"), max_length=10, default="%")
    measured_as = ProseField(_("cách tính"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["plan", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="target_one_code_per_plan")]

    def __str__(self) -> str:
        if self.value is None:
            return f"{self.code} ({_('theo dõi')})"
        return f"{self.code} {self.get_comparator_display()} {self.value}{self.unit}"

    @property
    def label(self) -> str:
        return code_label(self.code)


class AuthorityLevel(models.TextChoices):
    COMMUNE_CHAIRMAN = "commune", _("Chủ tịch UBND cấp xã")
    DISTRICT_CHAIRMAN = "district", _("Chủ tịch UBND cấp huyện")
    OTHER_BODY = "other", _("Cơ quan khác")


class SignsAs(models.TextChoices):
    CHAIRMAN = "chairman", _("Chủ tịch ký")
    VICE_CHAIRMAN = "vice", _("Phó Chủ tịch ký thay (KT. CHỦ TỊCH)")


class TitleAuthority(models.Model):
    """Who confers a title in the plan's year and how the signature reads. Only the commune
    chairman's decisions are issued in the app; a title decided above the commune is prepared
    here (dossier papers) and the decision received is recorded."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="authorities", verbose_name=_("kế hoạch"))
    title = models.CharField(_("danh hiệu"), max_length=6, choices=Title.choices)
    level = models.CharField(_("cấp quyết định"), max_length=10, choices=AuthorityLevel.choices)
    body = LineField(
        _("cơ quan quyết định"),
        max_length=160,
        blank=True,
        help_text=_("Viết đầy đủ, ví dụ: Ủy ban nhân dân huyện Cao Lộc. Để trống: Ủy ban nhân dân cấp xã."),
    )
    signs_as = models.CharField(_("người ký"), max_length=10, choices=SignsAs.choices, default=SignsAs.CHAIRMAN)
    symbol = LineField(_("ký hiệu quyết định"), max_length=30, default="QĐ-UBND")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thẩm quyền tặng danh hiệu")
        verbose_name_plural = _("thẩm quyền tặng danh hiệu")
        ordering = ["plan", "title"]
        constraints = [models.UniqueConstraint(fields=["plan", "title"], name="authority_one_per_title")]

    def __str__(self) -> str:
        return f"{self.get_title_display()}: {self.body or self.get_level_display()}"

    @property
    def in_commune(self) -> bool:
        """The commune chairman decides: the decision is issued and printed in the app."""
        return self.level == AuthorityLevel.COMMUNE_CHAIRMAN

    def decider(self, commune: Commune) -> str:
        """Who decides, as a sentence names them: "Chủ tịch Ủy ban nhân dân huyện Cao Lộc"."""
        if self.in_commune:
            return gettext("Chủ tịch Ủy ban nhân dân %(commune)s") % {"commune": commune.name_in_sentence}
        if self.level == AuthorityLevel.DISTRICT_CHAIRMAN:
            return gettext("Chủ tịch %(body)s") % {"body": self.body or gettext("Ủy ban nhân dân cấp huyện")}
        return self.body or gettext("cơ quan có thẩm quyền")

    @property
    def default_signer_title(self) -> str:
        """What the decision form offers when the signer's profile does not say: "PHÓ CHỦ TỊCH"
        (KT. CHỦ TỊCH) where the plan has the vice-chairman sign; never "CHỦ TỊCH" by guess."""
        return gettext("PHÓ CHỦ TỊCH") if self.signs_as == SignsAs.VICE_CHAIRMAN else ""


class SteeringCommitteeMember(models.Model):
    """A member of the Ban Chỉ đạo and their duties in one year's plan (section V)."""

    class CommitteeRole(models.TextChoices):
        HEAD = "head", _("Trưởng ban")
        DEPUTY = "deputy", _("Phó trưởng ban")
        MEMBER = "member", _("Thành viên")
        OTHER = "other", _("Phối hợp")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="committee_members", verbose_name=_("kế hoạch")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    position = LineField(_("chức vụ"), max_length=160)
    person_name = LineField(_("họ và tên"), max_length=120, blank=True)
    committee_role = models.CharField(
        _("vai trò trong Ban"), max_length=10, choices=CommitteeRole.choices, default=CommitteeRole.MEMBER
    )
    duties = ProseField(_("nhiệm vụ được phân công"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên Ban Chỉ đạo")
        verbose_name_plural = _("thành viên Ban Chỉ đạo")
        ordering = ["plan", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="committee_position_once")]

    def __str__(self) -> str:
        return f"{self.position} {self.person_name}".strip()


class Task(models.Model):
    """A key task (nhiệm vụ trọng tâm) of the plan, section III."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa thực hiện")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Hoàn thành")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("kế hoạch"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = ProseField(_("nội dung nhiệm vụ"))
    responsible = models.ManyToManyField(
        SteeringCommitteeMember, blank=True, related_name="tasks", verbose_name=_("người phụ trách")
    )
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    progress_notes = ProseField(_("ghi chú tiến độ"), blank=True)
    history = HistoricalRecords(m2m_fields=[responsible])

    class Meta:
        verbose_name = _("nhiệm vụ trọng tâm")
        verbose_name_plural = _("nhiệm vụ trọng tâm")
        ordering = ["plan", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "order"], name="task_order_unique")]

    def __str__(self) -> str:
        return f"{self.order}. {self.title[:80]}"


PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png")


class Evidence(models.Model):
    """A photo, scan or document proving work done; each kind says where its files go."""

    note = LineField(_("mô tả"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, verbose_name=_("người tải lên")
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.note or self.file.name

    @property
    def is_photo(self) -> bool:
        """A JPG or PNG (checked by its bytes on upload): shown as a thumbnail in the lists."""
        return self.file.name.lower().endswith(PHOTO_EXTENSIONS)


class TaskEvidence(Evidence):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("nhiệm vụ"))
    file = models.FileField(_("tệp minh chứng"), upload_to="evidence/tasks/%Y/", validators=[validate_evidence])

    class Meta:
        verbose_name = _("minh chứng nhiệm vụ")
        verbose_name_plural = _("minh chứng nhiệm vụ")


class Funding(models.Model):
    """A funding source named in the plan (section IV)."""

    class Source(models.TextChoices):
        STATE_BUDGET = "state_budget", _("Ngân sách nhà nước")
        INTEGRATED = "integrated", _("Lồng ghép chương trình, đề án, dự án")
        SOCIALISATION = "socialisation", _("Xã hội hóa và nguồn hợp pháp khác")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="fundings", verbose_name=_("kế hoạch"))
    source = models.CharField(_("nguồn kinh phí"), max_length=16, choices=Source.choices)
    description = ProseField(_("mô tả"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nguồn kinh phí")
        verbose_name_plural = _("nguồn kinh phí")
        ordering = ["plan", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "source"], name="funding_source_once")]

    def __str__(self) -> str:
        return self.get_source_display()


class BudgetLine(models.Model):
    funding = models.ForeignKey(Funding, on_delete=models.CASCADE, related_name="lines", verbose_name=_("nguồn"))
    task = models.ForeignKey(
        Task,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("nhiệm vụ"),
    )
    name = LineField(_("nội dung chi"), max_length=255)
    planned_vnd = models.PositiveBigIntegerField(_("dự toán (đồng)"), default=0)
    spent_vnd = models.PositiveBigIntegerField(_("đã chi (đồng)"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dòng kinh phí")
        verbose_name_plural = _("dòng kinh phí")

    def __str__(self) -> str:
        return self.name


def in_registry_q(year: int) -> Q:
    """The one rule for CQVH's denominator: in the registry that year (entered, not yet left).
    A Q, so the yearly history can count it in one aggregate."""
    return Q(in_registry_since__lte=year) & (Q(left_registry_in__isnull=True) | Q(left_registry_in__gte=year))


class OrganisationQuerySet(models.QuerySet):
    def in_registry(self, year: int) -> "OrganisationQuerySet":
        return self.filter(in_registry_q(year))


class Organisation(models.Model):
    """An agency, unit, school or enterprise in the commune's registry (CQVH)."""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("Cơ quan")
        UNIT = "unit", _("Đơn vị")
        SCHOOL = "school", _("Trường học")
        ENTERPRISE = "enterprise", _("Doanh nghiệp")

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("đơn vị")
    )
    name = LineField(_("tên cơ quan, đơn vị"), max_length=255)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    address = LineField(_("địa chỉ"), max_length=255, blank=True)
    in_registry_since = models.PositiveSmallIntegerField(_("vào danh sách từ năm"), default=2021)
    left_registry_in = models.PositiveSmallIntegerField(
        _("ra khỏi danh sách năm"), null=True, blank=True, help_text=_("Giải thể, chuyển đi: năm cuối còn tính.")
    )
    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["commune", "name"], name="organisation_name_unique")]

    def __str__(self) -> str:
        return self.name

    def in_registry_in(self, year: int) -> bool:
        """OrganisationQuerySet.in_registry's rule, for one organisation already in hand."""
        return self.in_registry_since <= year and (self.left_registry_in is None or self.left_registry_in >= year)


class BlockFigures(models.Model):
    """A block's yearly counts: population, regular exercisers (Thông tư 01/2019:
    ≥ 3 sessions a week of ≥ 30 minutes, assessed at 31/10) and people reached by
    legal education. Only approved figures count in the indicators."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        SUBMITTED = "submitted", _("Đã gửi")
        APPROVED = "approved", _("Đã duyệt")
        RETURNED = "returned", _("Trả lại")

    block = models.ForeignKey(
        "households.Block", on_delete=models.PROTECT, related_name="figures", verbose_name=_("khối phố")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    population = models.PositiveIntegerField(_("dân số"))
    regular_exercisers = models.PositiveIntegerField(_("số người tập TDTT thường xuyên"))
    legal_education_reached = models.PositiveIntegerField(_("số người được PBGDPL"))
    # Thông tư 01/2019 assessment at 31/10; blank where a year's form did not ask for them.
    sporting_families = models.PositiveIntegerField(_("số gia đình thể thao"), null=True, blank=True)
    sports_clubs = models.PositiveIntegerField(_("số câu lạc bộ TDTT"), null=True, blank=True)
    sports_collaborators = models.PositiveIntegerField(_("số cộng tác viên TDTT"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    returned_reason = ProseField(_("lý do trả lại"), blank=True)
    # Bumped on every write: a page showing an older version cannot approve or overwrite.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số liệu khối phố")
        verbose_name_plural = _("số liệu khối phố")
        ordering = ["year", "block__number"]
        constraints = [
            models.UniqueConstraint(fields=["block", "year"], name="figures_one_per_block_year"),
            models.CheckConstraint(
                condition=Q(regular_exercisers__lte=F("population")), name="figures_exercisers_within_population"
            ),
            models.CheckConstraint(
                condition=Q(legal_education_reached__lte=F("population")), name="figures_reached_within_population"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.block} {self.year}"

    def clean(self):
        # The constraints say the same; these say it in words, on the right field.
        errors = {}
        if self.population is not None:
            for name in ("regular_exercisers", "legal_education_reached"):
                value = getattr(self, name)
                if value is not None and value > self.population:
                    errors[name] = _("%(field)s (%(value)s) không được lớn hơn dân số (%(population)s).") % {
                        "field": formatting.sentence(self._meta.get_field(name).verbose_name),
                        "value": formatting.number(value),
                        "population": formatting.number(self.population),
                    }
        if errors:
            raise ValidationError(errors)

    @property
    def editable_by_block(self) -> bool:
        """A khối trưởng changes figures until they are sent, and again once returned."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class Activity(models.Model):
    class Kind(models.TextChoices):
        PROPAGANDA = "propaganda", _("Tuyên truyền")
        LEGAL_EDUCATION = "legal_education", _("Phổ biến, giáo dục pháp luật")
        SPORTS = "sports", _("Thể dục thể thao")
        UNITY_DAY = "unity_day", _("Ngày hội Đại đoàn kết (18/11)")
        TRAINING = "training", _("Tập huấn")
        CONFERENCE = "conference", _("Hội nghị")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities", verbose_name=_("kế hoạch"))
    kind = models.CharField(_("loại hoạt động"), max_length=20, choices=Kind.choices)
    held_on = models.DateField(_("ngày tổ chức"))
    title = LineField(_("nội dung"), max_length=255)
    block = models.ForeignKey(
        "households.Block",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("khối phố"),
        help_text=_("Để trống: toàn đơn vị."),
    )
    organiser = LineField(_("đơn vị tổ chức"), max_length=160, blank=True)
    attendance = models.PositiveIntegerField(_("số người tham dự"), default=0)
    task = models.ForeignKey(
        Task,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("phục vụ nhiệm vụ"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.title


class ActivityEvidence(Evidence):
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("hoạt động")
    )
    file = models.FileField(_("tệp minh chứng"), upload_to="evidence/activities/%Y/", validators=[validate_evidence])

    class Meta:
        verbose_name = _("minh chứng hoạt động")
        verbose_name_plural = _("minh chứng hoạt động")


class BlockFiguresImport(ImportJob):
    """One spreadsheet of block figures for a year: checked in the request, written on confirmation."""

    class Status(models.TextChoices):
        CHECKED = "checked", _("Đã kiểm tra, chờ xác nhận")
        REFUSED = "refused", _("Có lỗi, không nhập")
        DONE = "done", _("Đã nhập xong")

    year = models.PositiveSmallIntegerField(_("năm"))
    file = models.FileField(_("tệp"), upload_to="imports/figures/%Y/")
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices)

    class Meta(ImportJob.Meta):
        verbose_name = _("lượt nhập Excel số liệu khối phố")
        verbose_name_plural = _("lượt nhập Excel số liệu khối phố")
