from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICER = "officer", _("Công chức Văn hóa - Xã hội")
    BLOCK_LEADER = "block_leader", _("Khối trưởng")
    STEERING = "steering", _("Thành viên Ban Chỉ đạo")
    CHAIRMAN = "chairman", _("Chủ tịch / Phó Chủ tịch UBND")
    ADMIN = "admin", _("Quản trị hệ thống")


class User(AbstractUser):
    """A person who signs in. What they may do follows from `role` (see permissions.py);
    a khối trưởng's block is the block whose `leader` they are."""

    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        # Vietnamese order: family and middle names first ("Nguyễn Văn An").
        return f"{self.last_name} {self.first_name}".strip()

    def save(self, *args, **kwargs):
        # The admin's own gate follows the role, so permissions.py stays the one place that decides.
        if not self.is_superuser:
            self.is_staff = self.role in (Role.OFFICER, Role.ADMIN)
        super().save(*args, **kwargs)
