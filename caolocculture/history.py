"""One way to save a row so django-simple-history records who changed it and why.
caolocculture/bulk.py's insert_with_history does the same for many new rows at once."""

from typing import TYPE_CHECKING, TypeVar

from django.db.models import Model

if TYPE_CHECKING:
    from .models import User

M = TypeVar("M", bound=Model)


def save_with_history(
    obj: M, *, by: "User | None", reason: str = "", clean: bool = True, update_fields: list[str] | None = None
) -> M:
    """Validate `obj` (unless clean=False), save it with `by` as the history's user and
    `reason`, when given, as its change reason; returns it."""
    if clean:
        obj.full_clean()
    obj._history_user = by  # type: ignore[attr-defined]  # read by simple-history's signal
    if reason:
        obj._change_reason = reason  # type: ignore[attr-defined]
    obj.save(update_fields=update_fields)
    return obj


def delete_with_history(obj: Model, *, by: "User | None") -> None:
    """Delete `obj`, its history's last record naming `by` as who removed it."""
    obj._history_user = by  # type: ignore[attr-defined]  # read by simple-history's signal
    obj.delete()
