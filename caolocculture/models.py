from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .fields import LineField


class Role(models.TextChoices):
    OFFICER = "officer", _("Công chức Văn hóa - Xã hội")
    BLOCK_LEADER = "block_leader", _("Khối trưởng")
    STEERING = "steering", _("Thành viên Ban Chỉ đạo")
    CHAIRMAN = "chairman", _("Chủ tịch / Phó Chủ tịch UBND")
    ADMIN = "admin", _("Quản trị hệ thống")
    # Sở Văn hóa, Thể thao và Du lịch: reads every commune of the province, changes nothing.
    PROVINCE = "province", _("Sở Văn hóa, Thể thao và Du lịch (tỉnh)")


class Position(models.TextChoices):
    """Who signs a decision, and so how the signature reads (Nghị định 30/2020, Phụ lục I):
    the chairman signs as CHỦ TỊCH; a vice-chairman signs for him, "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"."""

    CHAIRMAN = "chairman", _("Chủ tịch UBND")
    VICE_CHAIRMAN = "vice_chairman", _("Phó Chủ tịch UBND")


# The title printed under the signature; the paper adds "KT. CHỦ TỊCH" above a vice-chairman's.
SIGNER_TITLES = {Position.CHAIRMAN: "CHỦ TỊCH", Position.VICE_CHAIRMAN: "PHÓ CHỦ TỊCH"}


class User(AbstractUser):
    """A person who signs in. What they may do follows from `role` (see permissions.py);
    a khối trưởng's block is the block whose `leader` they are."""

    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    # The commune whose data the person works on; blank for the province and the system admin.
    commune = models.ForeignKey(
        "households.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("đơn vị"),
    )
    position = models.CharField(
        _("chức vụ ký quyết định"),
        max_length=20,
        choices=Position.choices,
        blank=True,
        help_text=_("Với Chủ tịch / Phó Chủ tịch: điền sẵn người ký và chức danh trên quyết định."),
    )
    must_change_password = models.BooleanField(
        _("phải đổi mật khẩu"),
        default=False,
        help_text=_("Mật khẩu tạm do quản trị đặt: lần đăng nhập sau phải đổi trước khi làm việc khác."),
    )
    # Every change to an account or role, with who made it (the admin's LogEntry can be deleted).
    # Password hashes stay out of the record; a sign-in's last_login stamp is not a change.
    history = HistoricalRecords(
        excluded_fields=["password", "last_login"],
        verbose_name=_("thay đổi tài khoản"),
        verbose_name_plural=_("lịch sử tài khoản"),
    )

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        # Vietnamese order: family and middle names first ("Nguyễn Văn An").
        return f"{self.last_name} {self.first_name}".strip()

    @property
    def signer_title(self) -> str:
        """The title under their signature on a decision; blank when no position is set
        (never CHỦ TỊCH by default: a vice-chairman would sign as the chairman)."""
        return SIGNER_TITLES.get(self.position, "")

    def save(self, *args, **kwargs):
        # The admin's own gate follows the role, so permissions.py stays the one place that decides.
        if not self.is_superuser:
            self.is_staff = self.role in (Role.OFFICER, Role.ADMIN)
        if set(kwargs.get("update_fields") or ()) == {"last_login"}:
            self.skip_history_when_saving = True
            try:
                return super().save(*args, **kwargs)
            finally:
                del self.skip_history_when_saving
        super().save(*args, **kwargs)


class PersonalDataExport(models.Model):
    """Every time personal data leaves the app (a households spreadsheet, a list of names
    in a PDF): who, when, what (Nghị định 13/2023). Kept; never edited."""

    class Kind(models.TextChoices):
        HOUSEHOLDS_XLSX = "households_xlsx", _("Danh sách hộ gia đình (Excel)")
        STATISTICS_XLSX = "statistics_xlsx", _("Thống kê, danh sách hộ Gia đình văn hóa (Excel)")
        MEETING_PAPER = "meeting_paper", _("Giấy tờ cuộc họp bình xét (PDF)")
        DECISION_PDF = "decision_pdf", _("Quyết định công nhận và danh sách (PDF)")
        CERTIFICATES_PDF = "certificates_pdf", _("Giấy công nhận (PDF)")

    user = models.ForeignKey(
        "caolocculture.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người xuất"),
        help_text=_("Để trống: lệnh chạy trên máy chủ."),
    )
    at = models.DateTimeField(_("lúc xuất"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    detail = models.CharField(_("phạm vi"), max_length=255, blank=True, help_text=_("Bộ lọc, khối, năm…"))
    rows = models.PositiveIntegerField(_("số dòng, số hộ"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt xuất dữ liệu cá nhân")
        verbose_name_plural = _("lượt xuất dữ liệu cá nhân")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.at:%d/%m/%Y %H:%M}"


class ImportJob(models.Model):
    """One spreadsheet brought in by one person: checked (a dry run, kept for the preview),
    then written on their confirmation (caolocculture/imports.py). Each import adds its file
    (where it is kept) and its `status` with a `Status` holding at least CHECKED, REFUSED and DONE."""

    original_name = LineField(_("tên tệp"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người nhập")
    )
    created_at = models.DateTimeField(_("lúc tải lên"), auto_now_add=True)
    summary = models.JSONField(_("kết quả kiểm tra"), default=dict, blank=True)
    rows = models.JSONField(_("các dòng hợp lệ"), default=list, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    def take_check(self, check, rows_to_json: Callable[[list], list]) -> None:
        """The dry run's outcome, unsaved: the preview's summary, and the rows to write if
        the file passed (none kept for a refused one)."""
        self.summary = check.summary()
        self.rows = rows_to_json(check.rows) if check.ok else []
        self.status = self.Status.CHECKED if check.ok else self.Status.REFUSED

    def take_outcome(self, check, **summary) -> None:
        """The confirmation's outcome, unsaved: done, or refused with why (the register
        may have moved since the preview). `summary` adds to or replaces what it says."""
        self.summary = {**check.summary(), **summary}
        self.status = self.Status.DONE if check.ok else self.Status.REFUSED


class Notification(models.Model):
    """Word to one person that a step of the season now waits on them or concerns them (a
    dossier sent, figures returned, a decision made): the bell in the menu, /thong-bao/ and the
    morning e-mail. It sits on the bottom floor so that every app's services can leave one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("người nhận")
    )
    text = models.CharField(_("nội dung"), max_length=500)
    url = models.CharField(_("đường dẫn"), max_length=300)
    created_at = models.DateTimeField(_("lúc báo"), auto_now_add=True)
    read_at = models.DateTimeField(_("lúc đọc"), null=True, blank=True)
    # Set once the morning e-mail carried it: each unread notification is mailed once.
    mailed_at = models.DateTimeField(_("lúc gửi thư"), null=True, blank=True)
    # Names the event for steps no person takes (a posting that ended): the daily job run twice
    # tells nobody twice. Blank for the others.
    key = models.CharField(_("mã sự kiện"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~models.Q(key=""), name="notification_once_per_event"
            )
        ]

    def __str__(self) -> str:
        return self.text
