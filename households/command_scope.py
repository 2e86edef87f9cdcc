"""`--commune NAME` for the commands that read or write one commune's data: a command has no
request, so it says which commune it works on. With one commune in the installation the option
may be left out; with several it must be given, and the refusal lists the names to choose from."""

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from caolocculture.scope import working_in
from caolocculture.text import vietnamese_key

from .models import Commune


def add_commune_argument(parser: Any) -> None:
    parser.add_argument("--commune", help=_("tên đơn vị (bắt buộc khi hệ thống có nhiều xã, phường, thị trấn)"))


def commune_named(name: str | None, *, choices: str = "--commune TÊN") -> Commune | None:
    """The commune `name` names (ignoring case and accents); with no name, the only commune (none
    yet: None, and the command finds no block, as before communes)."""
    if name is not None:
        found = list(Commune.objects.named(name))
        if len(found) == 1:
            return found[0]
        if found:
            raise CommandError(
                _("Tên đơn vị '%(name)s' trùng với %(n)d đơn vị; hãy sửa tên trong hồ sơ đơn vị cho khác nhau.")
                % {"name": name, "n": len(found)}
            )
        raise CommandError(
            _("Không có đơn vị '%(name)s'. Các đơn vị: %(names)s.") % {"name": name, "names": commune_names()}
        )
    communes = list(Commune.objects.installation()[:2])
    if not communes:
        return None
    if len(communes) > 1:
        raise CommandError(
            _("Hệ thống có nhiều đơn vị: hãy chọn %(choices)s. Các đơn vị: %(names)s.")
            % {"choices": choices, "names": commune_names()}
        )
    return communes[0]


@contextmanager
def working_in_named(name: str | None) -> Iterator[Commune | None]:
    """Work on the commune `name` names (see commune_named) until the block ends."""
    commune = commune_named(name)
    with working_in(commune) if commune is not None else nullcontext():
        yield commune


def commune_names() -> str:
    """Every commune's name, in Vietnamese order, for a refusal that lists them."""
    return "; ".join(sorted(Commune.objects.values_list("name", flat=True), key=vietnamese_key))
