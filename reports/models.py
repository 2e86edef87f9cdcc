import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from caolocculture import formatting
from caolocculture.fields import LineField, ProseField


class YearEndReport(models.Model):
    """The Ban Chỉ đạo's báo cáo tổng kết for a plan's year. Every figure in it comes
    from the data when it is printed; only the words below are the officer's."""

    plan = models.OneToOneField(
        "campaigns.Plan", on_delete=models.PROTECT, related_name="year_end_report", verbose_name=_("kế hoạch")
    )
    number = models.PositiveSmallIntegerField(_("số văn bản"), null=True, blank=True)
    symbol = LineField(_("ký hiệu"), max_length=30, default="BC-BCĐ")
    issued_on = models.DateField(_("ngày báo cáo"), null=True, blank=True)
    leadership = ProseField(
        _("I. Công tác lãnh đạo, chỉ đạo"),
        blank=True,
        help_text=_("Phần số liệu (kế hoạch, hoạt động, bình xét) do hệ thống tự điền; ở đây ghi thêm nhận xét."),
    )
    strengths = ProseField(_("III.1. Ưu điểm"), blank=True)
    shortcomings = ProseField(_("III.2. Tồn tại, hạn chế"), blank=True)
    causes = ProseField(_("III.3. Nguyên nhân"), blank=True)
    next_year_direction = ProseField(_("IV. Phương hướng, nhiệm vụ năm tới"), blank=True)
    recommendations = ProseField(_("V. Đề xuất, kiến nghị"), blank=True)
    recipients = ProseField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo tổng kết")
        verbose_name_plural = _("báo cáo tổng kết")

    def __str__(self) -> str:
        return f"{_('Báo cáo tổng kết')} {self.plan.year}"

    @property
    def reference(self) -> str:
        return formatting.document_number(self.number, self.symbol)

    @property
    def unwritten_sections(self) -> list[str]:
        """The officer's sections still empty (they print as "…")."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in self.OFFICERS_SECTIONS
            if not getattr(self, name).strip()
        ]

    OFFICERS_SECTIONS = ("strengths", "shortcomings", "causes", "next_year_direction", "recommendations")


class ReportFile(models.Model):
    """One printing of the year-end report: who asked, when, and the file, kept."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Lỗi")

    report = models.ForeignKey(YearEndReport, on_delete=models.PROTECT, related_name="files", verbose_name=_("báo cáo"))
    status = models.CharField(_("trạng thái"), max_length=8, choices=Status.choices, default=Status.RUNNING)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    stage = LineField(_("đang làm"), max_length=120, blank=True)
    file = models.FileField(_("tệp PDF"), upload_to="reports/yearend/%Y/", blank=True)
    pages = models.PositiveSmallIntegerField(_("số trang"), null=True, blank=True)
    sha256 = models.CharField(_("mã kiểm tra SHA-256"), max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người tạo")
    )
    requested_at = models.DateTimeField(_("lúc yêu cầu"), auto_now_add=True)
    finished_at = models.DateTimeField(_("lúc xong"), null=True, blank=True)

    class Meta:
        verbose_name = _("tệp báo cáo tổng kết")
        verbose_name_plural = _("tệp báo cáo tổng kết")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.report} – {self.requested_at:%d/%m/%Y %H:%M}"

    @property
    def running(self) -> bool:
        return self.status == self.Status.RUNNING


class ApiToken(models.Model):
    """A person's key for the district's machines to read the indicators as JSON. Only
    its hash is kept; the key is shown once, when made."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_token", verbose_name=_("người dùng")
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("lúc tạo"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("lần dùng gần nhất"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa truy cập API")
        verbose_name_plural = _("khóa truy cập API")

    def __str__(self) -> str:
        return str(self.user)

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return secrets.token_urlsafe(32)


class YearClosingQuerySet(models.QuerySet):
    def standing(self):
        """Closings not reopened: the figures they froze are the year's."""
        return self.filter(reopened_at__isnull=True)


class YearClosing(models.Model):
    """Chốt số liệu: a year's indicator values, for the commune and each block (numerators,
    denominators, the targets as they stood), frozen as reported upward. While it stands the
    year's dashboard, history, report and JSON read these, whatever is edited later.
    Reopening is the officer's, with a reason; the row and its history keep both acts."""

    commune = models.ForeignKey(
        "households.Commune", on_delete=models.PROTECT, related_name="closings", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    figures = models.JSONField(_("số liệu đã chốt"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người chốt")
    )
    closed_at = models.DateTimeField(_("lúc chốt"), auto_now_add=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người mở lại"),
    )
    reopened_at = models.DateTimeField(_("lúc mở lại"), null=True, blank=True)
    reopen_reason = ProseField(_("lý do mở lại"), blank=True)
    history = HistoricalRecords()

    objects = YearClosingQuerySet.as_manager()

    class Meta:
        verbose_name = _("chốt số liệu năm")
        verbose_name_plural = _("chốt số liệu năm")
        ordering = ["-year", "-closed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year"],
                condition=models.Q(reopened_at__isnull=True),
                name="closing_one_standing_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Chốt số liệu năm')} {self.year}"

    @property
    def standing(self) -> bool:
        return self.reopened_at is None


class DueMail(models.Model):
    """The day a person was sent the summary of what is due: once a day, even if the
    job runs twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="due_mail_once_a_day")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}"


class CommuneYearRollup(models.Model):
    """A commune's figures for a year as the province's table shows them, computed by
    reports.services.rollup_refresh from the same engine as the commune's dashboard, so the
    province page reads one row per commune instead of computing 65 communes live.
    `version` is the commune's data version (caolocculture.versions) it was computed from: when
    the commune's version has moved on, the row is shown as it is, saying it is being updated."""

    commune = models.ForeignKey(
        "households.Commune", on_delete=models.CASCADE, related_name="rollups", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    # {"has_plan", "closing" (the standing closing's id, or null), "indicators": [{"code",
    # "numerator", "denominator", "comparator", "target"}…] in the plan's order, "progress": {…}}
    figures = models.JSONField(_("số liệu"))
    version = models.CharField(_("phiên bản dữ liệu"), max_length=60)
    computed_at = models.DateTimeField(_("lúc tính"))

    class Meta:
        verbose_name = _("số liệu tổng hợp của đơn vị")
        verbose_name_plural = _("số liệu tổng hợp của đơn vị")
        constraints = [models.UniqueConstraint(fields=["commune", "year"], name="rollup_one_per_commune_year")]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.year}"
