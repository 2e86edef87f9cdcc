"""The commune as it is: the households import, then the pages with the imported rows in place."""

from pathlib import Path

from campaigns.selectors import latest_plan
from campaigns.services import plan_load, read_plan_file
from caolocculture.models import Role, User
from caolocculture.scope import working_in
from households import views
from households.models import Block, Commune, Household
from reports import views as report_views

from .household_import import household_import, households_sheet, import_once
from .measure import page
from .meetings import recognition_season


def commune_ready() -> None:
    """The commune and its plan, loaded from the bundled plan file on an empty database."""
    if not Commune.objects.exists():
        plan_load(data=read_plan_file())


def commune_pages(officer, blocks: list[Block]) -> dict:
    """The household list (plain and searched) and a block's page."""
    return {
        "households_in_db": Household.objects.count(),
        # Right after a change, then read again unchanged (kept per data version, views.household_list).
        "household_list": page(views.household_list, officer, "/ho/", computed=True),
        "household_list_kept": page(views.household_list, officer, "/ho/"),
        "household_list_search": page(views.household_list, officer, "/ho/?q=nguyen+van+thu+99", computed=True),
        "block_page": page(views.block_detail, officer, "/", pk=blocks[0].pk),
    }


def commune(rows: int, repeat: int, media: Path) -> dict:
    """The import of `rows` households, then the pages measured with them in place."""
    # The commune roles work in their commune (issue 16): the bench's people are of the seed's.
    officer = User.objects.create(username="bench-officer", role=Role.OFFICER, commune=Commune.objects.first())
    blocks = list(Block.objects.order_by("number"))
    data = households_sheet(rows, blocks)
    report = {"import": household_import(data, rows, repeat, officer, media)}
    # The pages are measured with the imported households in place.
    import_once(data, rows, officer, media, keep=True)
    with working_in(officer.commune):  # as the middleware sets it for the commune's people
        report.update(commune_pages(officer, blocks))
        if latest_plan():
            report["home"] = page(report_views.home, officer, "/", computed=True)
            report.update(recognition_season(blocks, officer))
    return report
