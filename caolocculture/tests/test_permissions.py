"""One story per role: what each may and may not do, by the one policy and by URL."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import reverse

from caolocculture.permissions import Action, blocks_for, can, get_block_for
from testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

ALL = set(Action)


def allowed(user, block=None):
    return {a for a in Action if can(user, a, block)}


def test_the_officer_runs_everything_but_decisions_and_users(officer, blocks):
    assert allowed(officer, blocks[3]) == ALL - {Action.ISSUE_DECISION, Action.MANAGE_USERS, Action.VIEW_PROVINCE}
    assert blocks_for(officer, Action.EDIT_BLOCK).count() == 10


def test_a_block_leader_acts_only_in_their_own_block(khoi1, blocks):
    assert allowed(khoi1, blocks[0]) == {Action.VIEW_BLOCK, Action.EDIT_BLOCK}
    assert allowed(khoi1, blocks[1]) == set()
    assert list(blocks_for(khoi1, Action.EDIT_BLOCK)) == [blocks[0]]
    assert get_block_for(khoi1, blocks[0].pk, Action.EDIT_BLOCK) == blocks[0]

    with pytest.raises(Http404):
        get_block_for(khoi1, blocks[1].pk)


def test_the_steering_committee_only_reads(steering, blocks):
    assert allowed(steering, blocks[0]) == {Action.VIEW_COMMUNE, Action.VIEW_BLOCK}
    assert blocks_for(steering, Action.EDIT_BLOCK).count() == 0


def test_the_chairman_issues_decisions_and_reads(chairman, blocks):
    assert allowed(chairman, blocks[0]) == {Action.VIEW_COMMUNE, Action.VIEW_BLOCK, Action.ISSUE_DECISION}


def test_the_admin_manages_users_but_not_the_movement(admin_user, blocks):
    assert allowed(admin_user, blocks[0]) == {
        Action.VIEW_COMMUNE,
        Action.VIEW_BLOCK,
        Action.USE_ADMIN,
        Action.MANAGE_USERS,
    }


def test_nobody_without_a_role_or_login_may_do_anything(blocks):
    assert allowed(AnonymousUser(), blocks[0]) == set()
    assert allowed(UserFactory(role=""), blocks[0]) == set()
    assert allowed(UserFactory(role="officer", is_active=False), blocks[0]) == set()


class TestPages:
    def test_every_page_but_login_needs_login(self, client, plan):
        for url in [reverse("home"), reverse("logout")]:
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"] == f"{reverse('login')}?next={url}", url
        assert client.get(reverse("admin:index"))["Location"] == "/quan-tri/login/?next=/quan-tri/"
        assert client.get(reverse("login")).status_code == 200

    def test_the_officer_opens_the_admin_and_edits_plans(self, login, officer, plan):
        client = login(officer)
        assert client.get(reverse("admin:index")).status_code == 200
        assert client.get(reverse("admin:campaigns_plan_change", args=[plan.pk])).status_code == 200
        assert client.get(reverse("admin:caolocculture_user_changelist")).status_code == 403

    @pytest.mark.parametrize("persona", ["steering", "chairman", "khoi1"])
    def test_others_do_not_open_the_admin(self, request, login, persona, plan):  # people of its commune
        client = login(request.getfixturevalue(persona))
        response = client.get(reverse("admin:campaigns_plan_changelist"))
        assert response.status_code == 302
        assert "login" in response["Location"]

    def test_the_admin_manages_users_but_cannot_edit_the_plan(self, login, admin_user, plan):
        client = login(admin_user)
        assert client.get(reverse("admin:caolocculture_user_changelist")).status_code == 200
        assert client.get(reverse("admin:campaigns_plan_change", args=[plan.pk])).status_code == 403

    def test_a_block_leader_sees_only_their_block_on_the_home_page(self, login, khoi1, khoi2, plan):
        response = login(khoi1).get(reverse("home"))
        html = response.content.decode()
        assert "Khối 1<" in html
        assert "Khối 2<" not in html
        view = response.context["view"]
        assert (view.commune_wide, view.scope) == (False, "Khối 1")
        assert [r.code for r in view.rows] == ["GDVH", "TDPVH", "NVH", "TDTT", "PBGDPL"]  # no CQVH: commune-wide

    @pytest.mark.parametrize("persona", ["officer", "steering", "chairman"])
    def test_commune_roles_see_the_commune_and_every_block(self, request, login, persona, plan):
        response = login(request.getfixturevalue(persona)).get(reverse("home"))
        assert response.context["view"].commune_wide
        codes = [r.code for r in response.context["view"].rows]
        assert codes == ["GDVH", "TDPVH", "NVH", "NVHMOI", "CQVH", "TDTT", "PBGDPL"]  # the commune-wide ones too
        html = response.content.decode()
        assert "Khối 1<" in html and "Khối 10<" in html


class TestAccounts:
    def test_the_admin_sets_roles_but_cannot_grant_superuser(self, login, admin_user, officer):
        html = login(admin_user).get(reverse("admin:caolocculture_user_change", args=[officer.pk])).content.decode()
        assert 'name="role"' in html
        assert 'name="is_superuser"' not in html and 'name="user_permissions"' not in html

    def test_the_admin_gate_follows_the_role(self, db):
        officer = UserFactory(username="canbo2", role="officer", is_staff=False)
        steering = UserFactory(username="bcd2", role="steering", is_staff=True)
        assert officer.is_staff and not steering.is_staff
        officer.role = "block_leader"
        officer.save()
        assert not officer.is_staff

    def test_names_read_family_name_first(self, db):
        assert str(UserFactory(last_name="Nông Văn", first_name="Tuấn")) == "Nông Văn Tuấn"


def test_the_officer_exports_a_register_from_the_admin(login, officer, steering, plan):
    OrganisationFactory(commune=plan.commune, name="Trường Tiểu học Thử")
    url = reverse("admin:campaigns_organisation_export")
    response = login(officer).post(url, {"format": "0", "resource": "0", "organisationresource_name": "on"})
    assert response["Content-Type"].startswith("text/csv")
    assert "Trường Tiểu học Thử" in response.content.decode()
    assert login(steering).get(url).status_code == 302  # to the admin's login: not theirs
