import datetime
import unicodedata
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from caolocculture.fields import LineField, ProseField
from caolocculture.models import ImportJob
from caolocculture.text import fold

from .units import UnitKind, UnitWords

# Every hyphen and dash a keyboard, Word or Excel may put in a code, read as "-".
_DASHES = {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"}


def normalize_code(value: str) -> str:
    """One spelling per household code: "k02‑001" (non-breaking hyphen), "K02 - 001", "Ｋ０２－００１"
    are all "K02-001". NFKC (full-width letters and digits), dashes to "-", spaces and
    invisible characters dropped, upper case."""
    text = unicodedata.normalize("NFKC", value or "").translate(_DASHES)
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf").upper()


class CommuneKind(models.TextChoices):
    COMMUNE = "xa", _("Xã")
    WARD = "phuong", _("Phường")
    TOWN = "thi_tran", _("Thị trấn")


class CommuneQuerySet(models.QuerySet):
    def installation(self) -> "CommuneQuerySet":
        """The one rule for "which commune": an installation serves one, its first profile,
        even renamed. Ordered so that .first() is that one."""
        return self.order_by("pk")

    def named(self, name: str) -> "CommuneQuerySet":
        """The communes called `name`, ignoring case, accents and spacing ("XÃ HOÀ BÌNH" is
        "Xã Hòa Bình"): how a plan file or a command names a commune. More than one means the
        name does not say which."""
        wanted = fold(name)
        return self.filter(pk__in=[pk for pk, n in self.values_list("pk", "name") if fold(n) == wanted]).order_by("pk")


class Commune(models.Model):
    """The commune profile: how the unit and its bodies are named on papers."""

    name = LineField(_("tên đơn vị"), max_length=120, help_text=_("Ví dụ: Thị trấn Cao Lộc"))
    kind = models.CharField(_("loại đơn vị"), max_length=10, choices=CommuneKind.choices)
    district = LineField(_("huyện"), max_length=120, blank=True)
    province = LineField(_("tỉnh"), max_length=120)
    place_name = LineField(
        _("địa danh ghi ngày tháng"), max_length=60, help_text=_("Ví dụ: Cao Lộc, ngày 20 tháng 12 năm 2024")
    )
    people_committee = LineField(_("tên UBND trên văn bản"), max_length=160)
    superior_body = LineField(_("cơ quan cấp trên"), max_length=160, blank=True)
    steering_committee = LineField(_("tên Ban Chỉ đạo trên văn bản"), max_length=255)
    unit_kind = models.CharField(
        _("tên gọi khu dân cư"),
        max_length=12,
        choices=UnitKind.choices,
        default=UnitKind.BLOCK,
        help_text=_("Khối phố, tổ dân phố, thôn hay bản; từng khu có thể gọi khác (xã có cả thôn và khối)."),
    )
    chairman_name = LineField(_("Chủ tịch UBND"), max_length=120, blank=True)
    history = HistoricalRecords()

    objects = CommuneQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ đơn vị")
        verbose_name_plural = _("hồ sơ đơn vị")

    def __str__(self) -> str:
        return self.name

    @property
    def name_in_sentence(self) -> str:
        """ "thị trấn Cao Lộc": the kind is a common noun inside a sentence, capitalised only first."""
        kind = self.get_kind_display()
        if self.name.lower().startswith(kind.lower() + " "):
            return kind.lower() + self.name[len(kind) :]
        return self.name

    @property
    def committee_lines(self) -> list[str]:
        """The commune's people's committee as an issuing body, written in full on two lines
        (Nghị định 30/2020): "ỦY BAN NHÂN DÂN", "THỊ TRẤN CAO LỘC"."""
        return [str(_("Ủy ban nhân dân")).upper(), self.name.upper()]

    def unit_words(self) -> UnitWords:
        """How this commune names its units, their leaders and their title (one query)."""
        return commune_words(self.pk)


class Block(models.Model):
    """A khối phố (tổ dân phố), kept by its khối trưởng."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="blocks", verbose_name=_("đơn vị"))
    number = models.PositiveSmallIntegerField(_("số khối"))
    name = LineField(_("tên khối phố"), max_length=60)
    # Blank: as the commune calls its units (Commune.unit_kind); set where a commune mixes them.
    kind = models.CharField(_("loại khu dân cư"), max_length=12, choices=UnitKind.choices, blank=True)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_blocks",
        verbose_name=_("khối trưởng"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khối phố")
        verbose_name_plural = _("khối phố")
        ordering = ["commune", "number"]
        constraints = [models.UniqueConstraint(fields=["commune", "number"], name="block_number_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def unit_kind(self) -> str:
        """Its own kind, else its commune's (select the commune with the block: no query)."""
        return self.kind or self.commune.unit_kind

    @property
    def words(self) -> UnitWords:
        """How this unit is named: "khối", "trưởng thôn", "Thôn văn hóa" (households.units)."""
        return UnitWords.of([self.unit_kind])


def commune_words(commune_pk: Any) -> UnitWords:
    """A commune's words (households.units), from its setting and its blocks' own kinds, in one
    query; `commune_pk` may be a sub-query (selectors.current_commune_pk)."""
    rows = Commune.objects.filter(pk=commune_pk).values_list("unit_kind", "blocks__kind").distinct()
    return UnitWords.of({block or default for default, block in rows})


class CulturalHouse(models.Model):
    """A block's nhà văn hóa. NVH counts a house in use at the end of a year:
    state 'in use' and put into use in that year or before."""

    class State(models.TextChoices):
        IN_USE = "in_use", _("Đang sử dụng")
        UNDER_REPAIR = "under_repair", _("Đang tu sửa")
        IN_PROCEDURE = "in_procedure", _("Đang làm thủ tục")
        NONE = "none", _("Chưa có")

    block = models.OneToOneField(
        Block, on_delete=models.CASCADE, related_name="cultural_house", verbose_name=_("khối phố")
    )
    state = models.CharField(_("tình trạng"), max_length=14, choices=State.choices, default=State.NONE)
    in_use_since = models.PositiveSmallIntegerField(_("năm đưa vào sử dụng"), null=True, blank=True)
    meets_standard = models.BooleanField(_("đạt chuẩn"), default=False)
    notes = ProseField(_("ghi chú"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhà văn hóa")
        verbose_name_plural = _("nhà văn hóa")
        constraints = [
            models.CheckConstraint(
                condition=Q(state="in_use", in_use_since__isnull=False) | ~Q(state="in_use"),
                name="cultural_house_in_use_has_year",
            )
        ]

    def __str__(self) -> str:
        return f"{_('Nhà văn hóa')} {self.block}"


def living_on_q(day: datetime.date, prefix: str = "") -> Q:
    """Households living in the commune on `day`: come by then (or on no recorded day) and not
    gone yet. `prefix` ("household__") applies it across a relation, e.g. to recognitions."""
    return (Q(**{f"{prefix}moved_in_on__isnull": True}) | Q(**{f"{prefix}moved_in_on__lte": day})) & (
        Q(**{f"{prefix}moved_out_on__isnull": True}) | Q(**{f"{prefix}moved_out_on__gt": day})
    )


class HouseholdQuerySet(models.QuerySet):
    def living_on(self, day: datetime.date) -> "HouseholdQuerySet":
        return self.filter(living_on_q(day))


class Household(models.Model):
    """A hộ gia đình. Never deleted when it leaves: it is marked moved out."""

    block = models.ForeignKey(Block, on_delete=models.PROTECT, related_name="households", verbose_name=_("khối phố"))
    # The block's commune, kept on the row (save() sets it) so that a code is unique per commune:
    # two communes may both have "K01-001".
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="households", verbose_name=_("đơn vị"), editable=False
    )
    code = LineField(_("mã hộ"), max_length=30)
    head_name = LineField(_("chủ hộ"), max_length=120)
    address = LineField(_("địa chỉ"), max_length=255, blank=True)
    members = models.PositiveSmallIntegerField(
        _("số nhân khẩu"), default=1, validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    phone = LineField(_("điện thoại"), max_length=20, blank=True)
    note = LineField(_("ghi chú"), max_length=255, blank=True)
    moved_in_on = models.DateField(_("ngày đến ở"), null=True, blank=True)
    moved_out_on = models.DateField(_("ngày chuyển đi"), null=True, blank=True)
    # Code, head and address folded to plain lower-case ASCII, so "nguyen van" finds
    # "Nguyễn Văn" on SQLite and PostgreSQL alike (no unaccent extension needed).
    search_text = models.TextField(editable=False, default="")
    history = HistoricalRecords(excluded_fields=["search_text"], no_db_index=["block"])

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("hộ gia đình")
        verbose_name_plural = _("hộ gia đình")
        ordering = ["block__number", "code"]
        indexes = [models.Index(fields=["block", "moved_out_on"], name="household_block_living")]
        constraints = [
            models.UniqueConstraint(fields=["commune", "code"], name="household_code_unique_in_commune"),
            models.CheckConstraint(condition=Q(members__gte=1), name="household_has_members"),
            models.CheckConstraint(
                condition=Q(moved_out_on__isnull=True)
                | Q(moved_in_on__isnull=True)
                | Q(moved_out_on__gte=models.F("moved_in_on")),
                name="household_moves_out_after_in",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.head_name}"

    def save(self, *args, **kwargs):
        self.code = normalize_code(self.code)
        self.refresh_search_text()
        self.commune_id = self.block.commune_id
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "commune"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("households:detail", args=[self.pk])

    def clean(self) -> None:
        # Before the unique check (full_clean runs clean() first). A taken code is refused
        # without saying whose it is: the household may be in a block the user cannot see.
        self.code = normalize_code(self.code)
        if self.block_id is not None:
            self.commune_id = self.block.commune_id
        taken = Household.objects.filter(code=self.code, commune=self.commune_id).exclude(pk=self.pk)
        if self.code and self.commune_id is not None and taken.exists():
            raise ValidationError(
                {"code": gettext("Mã hộ '%(code)s' đã có trong sổ; hãy dùng mã khác.") % {"code": self.code}}
            )

    @property
    def is_living(self) -> bool:
        return self.moved_out_on is None

    @staticmethod
    def search_text_for(code: str, head_name: str, address: str) -> str:
        return fold(f"{code} {head_name} {address}")

    def refresh_search_text(self) -> None:
        self.search_text = self.search_text_for(self.code, self.head_name, self.address)


class HouseholdImport(ImportJob):
    """One households spreadsheet: checked (dry run) first, in the background for a big
    file, written on confirmation."""

    class Status(models.TextChoices):
        CHECKING = "checking", _("Đang kiểm tra")
        CHECKED = "checked", _("Đã kiểm tra, chờ xác nhận")
        REFUSED = "refused", _("Có lỗi, không nhập")
        APPLYING = "applying", _("Đang ghi")
        DONE = "done", _("Đã nhập xong")
        FAILED = "failed", _("Lỗi hệ thống")

    file = models.FileField(_("tệp"), upload_to="imports/households/%Y/%m/")
    finished_at = models.DateTimeField(_("lúc xong"), null=True, blank=True)
    # Last sign of life of its task (sent, started, progress): long silent while running = interrupted.
    touched_at = models.DateTimeField(_("lúc xử lý gần nhất"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.CHECKING)
    total_rows = models.PositiveIntegerField(_("số dòng"), default=0)
    done_rows = models.PositiveIntegerField(_("đã xử lý"), default=0)
    # Year -> the recorded decision the file's titles of that year belong to, picked on the preview.
    decisions = models.JSONField(_("quyết định ghi nhận theo năm"), default=dict, blank=True)

    class Meta(ImportJob.Meta):
        verbose_name = _("lượt nhập Excel hộ gia đình")
        verbose_name_plural = _("lượt nhập Excel hộ gia đình")

    @property
    def progress(self) -> int:
        """Rows read while checking; the writing itself is one transaction (shown as running)."""
        if self.status in (self.Status.CHECKED, self.Status.REFUSED, self.Status.DONE):
            return 100
        return min(99, round(100 * self.done_rows / self.total_rows)) if self.total_rows else 0

    @property
    def running(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.APPLYING)
