"""What an uploaded evidence file may be: a photo, a scan or an office document, not too big."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

EVIDENCE_EXTENSIONS = {".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx", ".doc", ".xls"}
MAX_EVIDENCE_MB = 10

# The first bytes each kind of file starts with: a renamed .exe is refused whatever its name.
SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
}


SCAN_EXTENSIONS = {".pdf", ".jpg", ".jpeg", ".png"}


def validate_evidence(file) -> None:
    _validate(file, EVIDENCE_EXTENSIONS, _("Chỉ nhận ảnh (JPG, PNG), PDF, Word hoặc Excel."))


def validate_scan(file) -> None:
    """A decision's scan: a PDF or a photo, whose bytes say so too."""
    _validate(file, SCAN_EXTENSIONS, _("Bản chụp phải là tệp PDF, JPG hoặc PNG."))


def _validate(file, extensions: set[str], wrong_kind: str) -> None:
    extension = Path(file.name).suffix.lower()
    if extension not in extensions:
        raise ValidationError(wrong_kind, code="extension")
    if file.size > MAX_EVIDENCE_MB * 1024 * 1024:
        raise ValidationError(_("Tệp lớn quá %(mb)d MB.") % {"mb": MAX_EVIDENCE_MB}, code="size")
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        head = file.read(8)
        file.seek(position)
    except (OSError, ValueError):  # a stored file that is gone: nothing to check
        return
    if not head.startswith(SIGNATURES[extension]):
        raise ValidationError(_("Nội dung tệp không đúng với đuôi %(ext)s.") % {"ext": extension}, code="content")
