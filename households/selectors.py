"""Reads of blocks and households, already scoped to what the user may see."""

from contextvars import ContextVar
from typing import Any, cast

from django.db.models import Count, Exists, Field, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from caolocculture import scope
from caolocculture.models import Role, User
from caolocculture.permissions import (
    Action,
    Person,
    blocks_for,
    commune_pk_for,
    may_see_household_import,
    require,
    role_of,
)
from caolocculture.text import fold

from .models import Block, Commune, CulturalHouse, Household, HouseholdImport, commune_words
from .units import UnitWords

# -- which commune -------------------------------------------------------------------


class SeveralCommunes(Exception):
    """Code outside a request asked for "the" commune of an installation holding several: it must
    say which (`scope.working_in`)."""


def current_commune() -> Commune | None:
    """The commune the code at hand works on (caolocculture.scope): the person's, the one the
    province chose, or the one a command named. With no scope set, the installation's only commune
    (Commune.objects.installation()); several and none chosen is a mistake of the caller."""
    pk = scope.current_pk()
    if pk is None:
        return None
    if isinstance(pk, int):
        return Commune.objects.filter(pk=pk).first()
    communes = list(Commune.objects.installation()[:2])
    if len(communes) > 1:
        raise SeveralCommunes(_("Có nhiều xã: cần chọn xã để làm việc."))
    return communes[0] if communes else None


def current_commune_pk() -> Any:  # an int or a Subquery: the stubs take either, not the union
    """current_commune()'s pk. With no scope set, a sub-query for the installation's only commune,
    so a filter on it costs no query of its own; when the installation holds several, it yields
    none and matches no row: code outside a request must say which (`scope.working_in`), never
    silently get the first commune's rows."""
    pk = scope.current_pk()
    if isinstance(pk, int):
        return pk
    if pk is None:
        return Value(None, output_field=IntegerField())  # matches no row
    alone = ~Exists(Commune.objects.exclude(pk=OuterRef("pk")))
    return Subquery(Commune.objects.filter(alone).values("pk")[:1])


# The block leader a request serves (households.middleware): their pages name their own units.
_leader: ContextVar[int | None] = ContextVar("unit_words_leader", default=None)


def unit_words_for(user: Any) -> Any:
    """Name units for `user` until `unit_words_done(token)`: a khối trưởng or trưởng thôn by the
    blocks they lead (a trưởng thôn of a commune that also has khối reads "Thôn", "Trưởng thôn")."""
    leader = user.pk if getattr(user, "is_authenticated", False) and role_of(user) == Role.BLOCK_LEADER else None
    return _leader.set(leader)


def unit_words_done(token: Any) -> None:
    _leader.reset(token)


def current_unit_words() -> UnitWords:
    """How the commune at hand names its units (households.units), looked up once a request, in
    one query: for a block leader, as their own blocks are named."""
    pk, leader = scope.current_pk(), _leader.get()

    def look_up() -> UnitWords:
        if leader is not None:
            kinds = [
                kind or default
                for kind, default in Block.objects.filter(leader=leader).values_list("kind", "commune__unit_kind")
            ]
            if kinds:
                return UnitWords.of(kinds)
        return commune_words(current_commune_pk())

    return scope.remembered(("unit_words", pk, leader), look_up)


def commune_blocks_for(user: Person | None) -> QuerySet[Block]:
    """Every block of the commune `user` works in (a command, with no user: the commune at hand),
    whether or not they may write to it: the blocks a file's names are looked up among, so that a
    file naming another commune's block names no block at all. With their commune (how it names
    its units, for the file's messages)."""
    pk = commune_pk_for(user) if user is not None else scope.UNSET
    if isinstance(pk, scope._Unset):
        pk = current_commune_pk()
    return Block.objects.filter(commune=pk).select_related("commune")


def households_for(user: Person, action: Action = Action.VIEW_BLOCK) -> QuerySet[Household]:
    return Household.objects.filter(block__in=blocks_for(user, action)).select_related("block")


def get_household_for(user: Person, pk: int | str, action: Action = Action.VIEW_BLOCK) -> Household:
    """A household the user may see (404 otherwise, so guessing reveals nothing);
    403 when they may see it but not do `action`."""
    household = get_object_or_404(households_for(user), pk=pk)
    require(user, action, household.block)
    return household


def search(households: QuerySet[Household], text: str) -> QuerySet[Household]:
    """Every word must appear in the code, head's name or address, ignoring case and accents."""
    for word in fold(text).split():
        households = households.filter(search_text__contains=word)
    return households


def get_household_in_block(block: Block, pk: int | str) -> Household:
    """A household of this block (404 for any other)."""
    return get_object_or_404(Household, pk=pk, block=block)


def households_by_ids(ids: list[int]) -> list[Household]:
    """The households of these ids (ticked on a page); ids of none are left out."""
    return list(Household.objects.filter(pk__in=ids))


def block_counts(user: Person) -> list[Block]:
    """The user's blocks with their households counted (living, moved out, members), in two
    queries whatever the number of households; recognition.selectors adds the year's titles."""
    blocks = list(blocks_for(user).select_related("leader", "cultural_house", "commune").order_by("number"))
    households = Household.objects.filter(block__in=[b.pk for b in blocks])
    living = Q(moved_out_on__isnull=True)
    counts = {
        row["block"]: row
        for row in households.values("block")
        .annotate(
            living=Count("pk", filter=living),
            moved_out=Count("pk", filter=~living),
            members=Sum("members", filter=living),
        )
        .order_by()
    }
    for block in blocks:
        row = counts.get(block.pk, {})
        block.living = row.get("living", 0)
        block.moved_out = row.get("moved_out", 0)
        block.members = row.get("members") or 0
    return blocks


def household_record_changes(household: Household) -> list[dict[str, Any]]:
    """Its record's history, newest first: who, when, and each field before and after
    (recognition.selectors.household_changes adds its titles coming and going)."""
    records = list(household.history.select_related("history_user").order_by("-history_date", "-history_id"))
    block_names = dict(Block.objects.filter(commune=household.block.commune_id).values_list("pk", "name"))
    changes = []
    for newer, older in zip(records, records[1:] + [None], strict=True):
        fields = []
        if older is not None:
            delta = newer.diff_against(older)
            for change in delta.changes:
                # A history diff names concrete fields only, never a relation's reverse side.
                field = cast("Field[Any, Any]", Household._meta.get_field(change.field))
                fields.append(
                    {
                        "label": field.verbose_name,
                        "old": _display(field, change.old, block_names),
                        "new": _display(field, change.new, block_names),
                    }
                )
        changes.append({"record": newer, "fields": fields})
    return changes


def _display(field: "Field[Any, Any]", value: Any, block_names: dict[int, str]) -> Any:
    if field.name == "block" and value is not None:
        return block_names.get(value, value)
    return "" if value is None else value


def blocks_by_number(user: Person, action: Action = Action.VIEW_BLOCK) -> QuerySet[Block]:
    """The blocks the user may do `action` on, by number."""
    return blocks_for(user, action).order_by("number")


def blocks_with_houses_for(user: Person) -> QuerySet[Block]:
    """The blocks the user may see, by number, each with its cultural house in the same query."""
    return blocks_for(user).select_related("cultural_house").order_by("number")


def cultural_house_of(block: Block) -> CulturalHouse:
    """The block's cultural house; a new one, not saved, when it has none yet."""
    return CulturalHouse.objects.filter(block=block).first() or CulturalHouse(block=block)


def get_import_for(user: User, pk: int | str) -> HouseholdImport:
    """An import is seen by the person who made it (and the officer)."""
    job = get_object_or_404(HouseholdImport.objects.select_related("uploaded_by"), pk=pk)
    if not may_see_household_import(user, job):
        raise Http404
    return job


def next_free_code(block: Block) -> str:
    """The block's next code in the register's pattern: after K01-042 comes K01-043 (moved-out
    households keep theirs). A suggestion for the add form; whether it is free is checked on save."""
    prefix = f"K{block.number:02d}-"
    numbers = [
        int(rest)
        for code in Household.objects.filter(commune=block.commune_id, code__startswith=prefix).values_list(
            "code", flat=True
        )
        if (rest := code[len(prefix) :]).isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def _unit_word(word: str, template: Any = None) -> str:
    """The commune at hand's `word` (households.units.UnitWords), in `template` ("%(word)s"
    marks it), capitalised to open a label."""
    value = getattr(current_unit_words(), word)
    return capfirst(str(template) % {"word": value} if template is not None else str(value))


# Labels of forms and tables built once at import, read on each page: the commune at hand's words.
unit_label = lazy(lambda: _unit_word("label"), str)  # "Khối phố", "Thôn"; a mixed commune "Khu dân cư"
unit_counter_label = lazy(lambda: _unit_word("counter"), str)  # "Khối", "Thôn"
unit_move_label = lazy(lambda: _unit_word("name", gettext_lazy("chuyển sang %(word)s")), str)
cultural_house_of_unit = lazy(lambda: _unit_word("name", gettext_lazy("nhà văn hóa %(word)s")), str)
recognised_units_label = lazy(lambda: _unit_word("name", gettext_lazy("%(word)s được công nhận")), str)
