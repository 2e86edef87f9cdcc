"""The record of personal data leaving the app: one call wherever it leaves."""

from .models import PersonalDataExport


def export_recorded(*, user, kind: str, detail: str = "", rows: int | None = None) -> PersonalDataExport:
    """Note that `user` (None: a command on the server) took `kind` out, with its scope."""
    person = user if getattr(user, "is_authenticated", False) else None
    return PersonalDataExport.objects.create(user=person, kind=kind, detail=detail[:255], rows=rows)
