from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from caolocculture.fields import LineField, ProseField


class Title(models.TextChoices):
    CULTURAL_FAMILY = "GDVH", _("Gia đình văn hóa")
    CULTURAL_BLOCK = "TDPVH", _("Tổ dân phố văn hóa")
    CULTURAL_ORGANISATION = "CQVH", _("Cơ quan, đơn vị đạt chuẩn văn hóa")


class Decision(models.Model):
    """A quyết định công nhận: number, date, signer. Issued by the chairman
    through the recognition workflow."""

    commune = models.ForeignKey(
        "campaigns.Commune", on_delete=models.PROTECT, related_name="decisions", verbose_name=_("đơn vị")
    )
    title = models.CharField(_("danh hiệu"), max_length=6, choices=Title.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    symbol = LineField(_("ký hiệu"), max_length=30, default="QĐ-UBND")
    issued_on = models.DateField(_("ngày ký"))
    signer_name = LineField(_("người ký"), max_length=120)
    signer_title = LineField(_("chức danh người ký"), max_length=160)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("người ghi nhận"),
    )
    created_at = models.DateTimeField(_("thời điểm ghi nhận"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quyết định công nhận")
        verbose_name_plural = _("quyết định công nhận")
        ordering = ["-issued_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "symbol", "number", "issued_on"], name="decision_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number:02d}/{self.symbol} ({self.issued_on:%d/%m/%Y})"


class Recognition(models.Model):
    """A household, block or organisation recognised for a year, and by what:
    a decision made in the app, or history imported from the commune's records."""

    class Source(models.TextChoices):
        DECISION = "decision", _("Quyết định trên hệ thống")
        IMPORTED = "imported", _("Lịch sử nhập từ hồ sơ")

    title = models.CharField(_("danh hiệu"), max_length=6, choices=Title.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    household = models.ForeignKey(
        "households.Household", on_delete=models.PROTECT, null=True, blank=True,
        related_name="recognitions", verbose_name=_("hộ gia đình"),
        db_index=False,  # the unique (household, year) index serves look-ups by household
    )
    block = models.ForeignKey(
        "households.Block", on_delete=models.PROTECT, null=True, blank=True,
        related_name="recognitions", verbose_name=_("khối phố"), db_index=False,  # as above
    )
    organisation = models.ForeignKey(
        "campaigns.Organisation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="recognitions", verbose_name=_("cơ quan, đơn vị"), db_index=False,  # as above
    )
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices)
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="recognitions",
        verbose_name=_("quyết định"),
    )
    valid_until = models.PositiveSmallIntegerField(
        _("giữ danh hiệu đến năm"), help_text=_("Cơ quan đạt chuẩn: 5 năm; hộ và khối: chính năm đó.")
    )
    note = ProseField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("thời điểm ghi nhận"), auto_now_add=True)
    # History is looked up by record and by household; fewer indexes keep bulk imports fast.
    history = HistoricalRecords(no_db_index=["block", "organisation", "decision"])

    class Meta:
        verbose_name = _("công nhận danh hiệu")
        verbose_name_plural = _("công nhận danh hiệu")
        ordering = ["-year"]
        indexes = [models.Index(fields=["title", "year"], name="recognition_title_year")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(title="GDVH", household__isnull=False, block__isnull=True, organisation__isnull=True)
                    | Q(title="TDPVH", household__isnull=True, block__isnull=False, organisation__isnull=True)
                    | Q(title="CQVH", household__isnull=True, block__isnull=True, organisation__isnull=False)
                ),
                name="recognition_subject_matches_title",
            ),
            models.CheckConstraint(
                condition=Q(source="decision", decision__isnull=False) | Q(source="imported", decision__isnull=True),
                name="recognition_source_matches_decision",
            ),
            models.CheckConstraint(condition=Q(valid_until__gte=F("year")), name="recognition_valid_after_year"),
            models.UniqueConstraint(
                fields=["household", "year"], condition=Q(household__isnull=False), name="recognition_household_once"
            ),
            models.UniqueConstraint(
                fields=["block", "year"], condition=Q(block__isnull=False), name="recognition_block_once"
            ),
            models.UniqueConstraint(
                fields=["organisation", "year"], condition=Q(organisation__isnull=False),
                name="recognition_organisation_once",
            ),
        ]

    def __str__(self) -> str:
        subject = self.household or self.block or self.organisation
        return f"{self.get_title_display()} {self.year}: {subject}"
