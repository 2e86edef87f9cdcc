"""Communes as units of one installation: a commune role without a commune sees nothing, the
province drills into any commune, a commune's API key and imports reach only its own commune."""

import pytest
from django.urls import reverse

from campaigns import figures_import
from campaigns.models import BlockFigures
from caolocculture.models import Role
from caolocculture.scope import working_in
from caolocculture.tests.url_world import FIRST_ONLY, SECOND_HOUSEHOLD, build, build_other_commune, mark_first_commune
from households import importing
from households.models import Household
from households.selectors import SeveralCommunes, current_commune
from households.tests.sheets import row, xlsx
from reports.indicators import compute
from reports.services import api_token_issue
from testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_communes(plan, blocks, officer, khoi1):
    world = build(plan, blocks, officer, khoi1)
    mark_first_commune(world)
    return world, build_other_commune()


def test_a_commune_role_without_a_commune_is_refused_everything(plan, client):
    orphan = UserFactory(username="canbo-mo-coi", role=Role.OFFICER, commune=None)
    assert orphan.commune is None
    client.force_login(orphan)
    for url in (reverse("home"), reverse("households:list"), reverse("households:export")):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "chưa được gắn với xã, phường, thị trấn nào" in response.content.decode()
        assert "Khối 1" not in response.content.decode()
    response = client.post(reverse("households:create"), {"code": "K01-999"})
    assert response.status_code == 403
    assert not Household.objects.filter(code="K01-999").exists()
    # Signing out still works.
    assert client.post(reverse("logout")).status_code == 302


def test_the_province_drills_into_a_commune_read_only(two_communes, client):
    world, other = two_communes
    client.force_login(UserFactory(username="tinh", role=Role.PROVINCE))
    # Before choosing: the installation's first commune, with the switch in the navbar.
    page = client.get(reverse("households:list")).content.decode()
    assert FIRST_ONLY[0] in page and SECOND_HOUSEHOLD not in page
    assert 'id="commune-switch"' in page and "Xã Bắc Sơn" in page
    response = client.get(reverse("households:list") + f"?xa={other['commune'].pk}&q=")
    assert response.status_code == 302 and response.url == reverse("households:list") + "?q="
    page = client.get(reverse("households:list")).content.decode()
    assert SECOND_HOUSEHOLD in page and FIRST_ONLY[0] not in page
    # Its blocks, read-only: the household page opens, its edit is refused.
    household = other["household"]
    assert client.get(reverse("households:detail", args=[household.pk])).status_code == 200
    response = client.post(reverse("households:edit", args=[household.pk]), {"head_name": "Đổi"})
    assert response.status_code == 403
    household.refresh_from_db()
    assert household.head_name == SECOND_HOUSEHOLD
    # A commune that is not there: a clear refusal, the choice kept.
    for bad in ("abc", "999999"):
        response = client.get(reverse("households:list") + f"?xa={bad}")
        assert response.status_code == 400
        assert "Không có xã, phường, thị trấn nào như đã chọn" in response.content.decode()
    assert SECOND_HOUSEHOLD in client.get(reverse("households:list")).content.decode()


def test_switching_commune_on_one_of_the_old_communes_pages_lands_on_the_new_dashboard(two_communes, client):
    """A block or a household belongs to the commune it was opened in: switching there would be
    a "not found"; the year's pages and the lists stay where they are."""
    world, other = two_communes
    client.force_login(UserFactory(username="tinh", role=Role.PROVINCE))
    block, household = world["block_pk"], world["household"]
    for url in (reverse("households:block", args=[block]), reverse("households:detail", args=[household])):
        response = client.get(url + f"?xa={other['commune'].pk}&year=2024")
        assert response.status_code == 302 and response.url == reverse("home"), url
        assert client.get(response.url).status_code == 200
    response = client.get(reverse("reports:due") + f"?xa={other['commune'].pk}&year=2024")
    assert response.status_code == 302 and response.url == reverse("reports:due") + "?year=2024"


def test_a_commune_officer_cannot_switch_commune(two_communes, client, officer):
    world, other = two_communes
    client.force_login(officer)
    page = client.get(reverse("households:list") + f"?xa={other['commune'].pk}").content.decode()
    assert FIRST_ONLY[0] in page and SECOND_HOUSEHOLD not in page
    assert 'id="commune-switch"' not in page


def test_an_api_key_reads_only_its_holders_commune(two_communes, client, officer, plan):
    world, other = two_communes
    url = reverse("reports:api_indicators", args=[2024])
    answers = {}
    for person, commune, the_plan in (
        (officer, plan.commune, plan),
        (other["officer"], other["commune"], other["plan"]),
    ):
        key = api_token_issue(by=person)
        response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}")
        assert response.status_code == 200
        with working_in(commune):
            assert response.json() == compute(the_plan).as_json()
        answers[person.username] = response.json()
    # The two communes' figures differ (a household recognised in the first only): the key of the
    # second did not read the first's.
    assert answers["canbo"] != answers["canbo-2"]


def test_an_import_naming_a_block_of_another_commune_is_refused(two_communes):
    world, other = two_communes
    before = (Household.objects.count(), Household.history.count())
    check = importing.check_file(xlsx([row(code="BS02-001", block=FIRST_ONLY[1])]), user=other["officer"])
    assert not check.ok
    # The other commune calls its units thôn, and says so.
    assert [str(e) for e in check.errors] == [f"Dòng 2, cột Khối phố: không có thôn '{FIRST_ONLY[1]}'"]
    assert (Household.objects.count(), Household.history.count()) == before
    # A household code the first commune holds is free here: codes are unique per commune, and
    # the first commune's household is neither found nor changed.
    first = Household.objects.get(pk=world["household"])
    check = importing.check_file(xlsx([row(code=first.code, block="Thôn Nà 2")]), user=other["officer"])
    assert check.ok and [n["code"] for n in check.new] == [first.code] and not check.updated
    # Its own thôn, by number or name, is found.
    check = importing.check_file(xlsx([row(code="BS02-001", block="Thôn Nà 2")]), user=other["officer"])
    assert check.ok, [str(e) for e in check.errors]


def test_a_figures_import_naming_a_block_of_another_commune_is_refused(two_communes):
    world, other = two_communes
    before = list(BlockFigures.objects.order_by("pk").values())
    file = xlsx([[FIRST_ONLY[1], 100, 50, 90]], figures_import.HEADERS)
    check = figures_import.check_file(file, 2024, user=other["officer"])
    assert [str(e) for e in check.errors] == [f"Dòng 2, cột Khối phố: không có thôn '{FIRST_ONLY[1]}'"]
    assert list(BlockFigures.objects.order_by("pk").values()) == before
    check = figures_import.check_file(
        xlsx([["Thôn Nà 1", 100, 50, 90]], figures_import.HEADERS), 2024, user=other["officer"]
    )
    assert check.ok, [str(e) for e in check.errors]


def test_outside_a_request_several_communes_need_a_choice(two_communes):
    world, other = two_communes
    with pytest.raises(SeveralCommunes):
        current_commune()
    with working_in(other["commune"]):
        assert current_commune() == other["commune"]


def test_the_admin_shows_an_officer_only_their_communes_rows(two_communes, client, plan):
    world, other = two_communes
    client.force_login(other["officer"])
    for model, pk in (("households_household", world["household"]), ("campaigns_plan", plan.pk)):
        response = client.get(reverse(f"admin:{model}_change", args=[pk]))
        assert response.status_code == 302 and response.url == reverse("admin:index"), model  # "no such row"
    page = client.get(reverse("admin:households_household_changelist")).content.decode()
    assert SECOND_HOUSEHOLD in page and FIRST_ONLY[0] not in page
    page = client.get(reverse("admin:households_block_changelist")).content.decode()
    assert "Thôn Nà 1" in page and FIRST_ONLY[1] not in page
    page = client.get(reverse("admin:campaigns_organisation_changelist")).content.decode()
    assert FIRST_ONLY[2] not in page
