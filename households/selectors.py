"""Reads of blocks and households, already scoped to what the user may see."""

from django.db.models import BooleanField, Case, Count, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from caolocculture.permissions import Action, blocks_for, can, require
from caolocculture.text import fold
from recognition.models import Recognition, Title

from .models import Block, Household, HouseholdImport


def households_for(user, action: Action = Action.VIEW_BLOCK) -> QuerySet[Household]:
    return Household.objects.filter(block__in=blocks_for(user, action)).select_related("block")


def get_household_for(user, pk, action: Action = Action.VIEW_BLOCK) -> Household:
    """A household the user may see (404 otherwise, so guessing reveals nothing);
    403 when they may see it but not do `action`."""
    household = get_object_or_404(households_for(user), pk=pk)
    require(user, action, household.block)
    return household


def with_recognition(households: QuerySet[Household], year: int) -> QuerySet[Household]:
    """Annotated with whether each household registered for, and was recognised, that year."""
    from recognition.models import Registration

    recognised = Recognition.objects.in_force().filter(title=Title.CULTURAL_FAMILY, year=year, household=OuterRef("pk"))
    registered = Registration.objects.filter(title=Title.CULTURAL_FAMILY, year=year, household=OuterRef("pk"))
    # "Is there one?" as the first id or NULL, not EXISTS: PostgreSQL turns an EXISTS into a
    # hash of the whole year's recognitions (150 ms at 50,000 households) even when the page
    # shows 50 rows; a LIMIT 1 sub-query is looked up through the index for those 50 only.
    return households.alias(
        recognised_id=Subquery(recognised.values("pk")[:1]),
        registered_id=Subquery(registered.values("pk")[:1]),
    ).annotate(
        recognised=Case(
            When(recognised_id__isnull=False, then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
        registered=Case(
            When(registered_id__isnull=False, then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
    )


def search(households: QuerySet[Household], text: str) -> QuerySet[Household]:
    """Every word must appear in the code, head's name or address, ignoring case and accents."""
    for word in fold(text).split():
        households = households.filter(search_text__contains=word)
    return households


def block_summaries(user, year: int) -> list[Block]:
    """The user's blocks with their counts for `year` (living, moved out, members,
    recognised), in three queries whatever the number of households."""
    blocks = list(blocks_for(user).select_related("leader", "cultural_house").order_by("number"))
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
    recognised = dict(
        Recognition.objects.in_force()
        .filter(title=Title.CULTURAL_FAMILY, year=year, household__in=households.filter(living))
        .values_list("household__block")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for block in blocks:
        row = counts.get(block.pk, {})
        block.living = row.get("living", 0)
        block.moved_out = row.get("moved_out", 0)
        block.members = row.get("members") or 0
        block.recognised = recognised.get(block.pk, 0)
    return blocks


def recognition_years(household: Household) -> list[dict]:
    """Year by year from the start of the plans' phase to the working year, recognised or
    not, and by what; years on record outside that span (older imported history) too."""
    from campaigns.models import Plan
    from campaigns.selectors import working_year

    last = working_year()
    first = min(
        Plan.objects.filter(commune=household.block.commune_id).values_list("phase_start", flat=True), default=last
    )
    # A title taken back shows as such, unless the year's title was given again afterwards.
    records = {
        r.year: r
        for r in household.recognitions.filter(title=Title.CULTURAL_FAMILY)
        .select_related("decision", "withdrawn_by")
        .order_by(F("withdrawn_by").asc(nulls_last=True), "pk")
    }
    years = sorted(set(range(first, last + 1)) | set(records), reverse=True)
    return [{"year": year, "record": records.get(year)} for year in years]


def household_changes(household: Household) -> list[dict]:
    """Its history, newest first: who, when, and each field before and after."""
    records = list(household.history.select_related("history_user").order_by("-history_date", "-history_id"))
    block_names = dict(Block.objects.filter(commune=household.block.commune_id).values_list("pk", "name"))
    changes = []
    for newer, older in zip(records, records[1:] + [None], strict=True):
        fields = []
        if older is not None:
            delta = newer.diff_against(older)
            for change in delta.changes:
                field = Household._meta.get_field(change.field)
                fields.append(
                    {
                        "label": field.verbose_name,
                        "old": _display(field, change.old, block_names),
                        "new": _display(field, change.new, block_names),
                    }
                )
        changes.append({"record": newer, "fields": fields})
    # Its Gia đình văn hóa titles coming and going (imports, decisions, reopenings) belong to its story too.
    label = Title.CULTURAL_FAMILY.label
    for record in Recognition.history.filter(household_id=household.pk, title=Title.CULTURAL_FAMILY).select_related(
        "history_user"
    ):
        year = str(record.year)
        old, new = (
            ("", year) if record.history_type == "+" else (year, "") if record.history_type == "-" else (year, year)
        )
        if record.history_type == "~" and record.withdrawn_by_id is not None:
            # A title taken back keeps its row: say so rather than "2024 → 2024".
            old, new = year, str(_("%(year)s (đã thu hồi)") % {"year": year})
        changes.append({"record": record, "fields": [{"label": label, "old": old, "new": new}]})
    changes.sort(key=lambda c: c["record"].history_date, reverse=True)
    return changes


def _display(field, value, block_names):
    if field.name == "block" and value is not None:
        return block_names.get(value, value)
    return "" if value is None else value


def get_import_for(user, pk) -> HouseholdImport:
    """An import is seen by the person who made it (and the officer)."""
    imports = HouseholdImport.objects.select_related("uploaded_by")
    if not can(user, Action.MANAGE_BLOCKS):
        imports = imports.filter(uploaded_by=user)
    return get_object_or_404(imports, pk=pk)


def registered_count(block: Block, year: int) -> int:
    """Living households of the block registered for Gia đình văn hóa that year."""
    from recognition.models import Registration

    return Registration.objects.filter(year=year, household__block=block, household__moved_out_on__isnull=True).count()


def next_free_code(block: Block) -> str:
    """The block's next code in the register's pattern: after K01-042 comes K01-043 (moved-out
    households keep theirs). A suggestion for the add form; whether it is free is checked on save."""
    prefix = f"K{block.number:02d}-"
    numbers = [
        int(rest)
        for code in Household.objects.filter(code__startswith=prefix).values_list("code", flat=True)
        if (rest := code[len(prefix) :]).isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"
