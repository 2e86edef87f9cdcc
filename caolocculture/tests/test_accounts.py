"""Accounts: the IT admin role manages accounts and roles but never a superuser's account nor
anyone's superuser or staff rights; every change is recorded; everyone changes their own
password; a password the admin sets is temporary and must be changed at the next sign-in."""

import pytest
from django.urls import reverse

from caolocculture.models import Role, User
from testing.factories import FamilyRecognitionFactory, HouseholdFactory, UserFactory

pytestmark = pytest.mark.django_db

TEMPORARY = "Tam-thoi-2024!"
OWN = "Mat-khau-rieng-9!"


@pytest.fixture
def root(db):
    return UserFactory(username="root", role="", is_superuser=True, is_staff=True)


def _change_data(user, **extra):
    """What the admin's change form posts for `user`, with `extra` fields changed."""
    data = {
        "username": user.username,
        "last_name": user.last_name,
        "first_name": user.first_name,
        "email": user.email,
        "phone": user.phone,
        "role": user.role,
        "is_active": "on" if user.is_active else "",
    }
    return {**data, **extra}


def _set_password(client, user, password=TEMPORARY):
    return client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"usable_password": "true", "password1": password, "password2": password},
    )


# -- the admin role and superusers ---------------------------------------------------------


def test_the_admin_role_cannot_touch_a_superuser(login, admin_user, root):
    client = login(admin_user)
    change = reverse("admin:caolocculture_user_change", args=[root.pk])
    page = client.get(change)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()  # shown read-only
    assert client.post(change, _change_data(root, is_active="")).status_code == 403  # no deactivation
    assert _set_password(client, root).status_code == 403  # no password reset
    assert client.get(reverse("admin:auth_user_password_change", args=[root.pk])).status_code == 403
    assert client.post(reverse("admin:caolocculture_user_delete", args=[root.pk]), {"post": "yes"}).status_code == 403
    bulk = client.post(
        reverse("admin:caolocculture_user_changelist"),
        {"action": "delete_selected", "_selected_action": [root.pk], "post": "yes"},
    )
    assert bulk.status_code == 403
    root.refresh_from_db()
    assert root.is_active and root.is_superuser and root.check_password("mat-khau-thu")
    assert not root.must_change_password


def test_the_admin_role_gives_nobody_superuser_or_staff_rights(login, admin_user, steering, officer):
    client = login(admin_user)
    for user in (steering, admin_user):
        response = client.post(
            reverse("admin:caolocculture_user_change", args=[user.pk]),
            _change_data(user, is_superuser="on", is_staff="on", user_permissions=["1"]),
        )
        assert response.status_code == 302
        user.refresh_from_db()
        assert not user.is_superuser and not user.user_permissions.exists()
    assert not steering.is_staff  # staff follows the role, and the steering committee's is not
    response = client.post(
        reverse("admin:caolocculture_user_add"),
        {
            "username": "moi",
            "usable_password": "true",
            "password1": TEMPORARY,
            "password2": TEMPORARY,
            "last_name": "Lê",
            "first_name": "Bình",
            "role": Role.STEERING,
            "is_superuser": "on",
            "is_staff": "on",
        },
    )
    assert response.status_code == 302
    new = User.objects.get(username="moi")
    assert not new.is_superuser and not new.is_staff and new.must_change_password


def test_a_superuser_may_reset_another_superuser_and_grant_rights(login, root, steering):
    other = UserFactory(username="root2", role="", is_superuser=True, is_staff=True)
    client = login(root)
    assert _set_password(client, other).status_code == 302
    other.refresh_from_db()
    assert other.check_password(TEMPORARY) and other.must_change_password
    response = client.post(
        reverse("admin:caolocculture_user_change", args=[steering.pk]), _change_data(steering, is_superuser="on")
    )
    assert response.status_code == 302
    steering.refresh_from_db()
    assert steering.is_superuser
    record = steering.history.latest()
    assert record.history_user == root and record.diff_against(record.prev_record).changed_fields == ["is_superuser"]


def test_every_change_to_accounts_and_roles_is_recorded(login, admin_user, chairman):
    client = login(admin_user)
    response = client.post(
        reverse("admin:caolocculture_user_change", args=[chairman.pk]),
        _change_data(chairman, role=Role.OFFICER, is_active=""),
    )
    assert response.status_code == 302
    assert _set_password(client, chairman).status_code == 302
    changed, reset = chairman.history.order_by("history_id")[1:]
    assert changed.history_user == admin_user and changed.history_type == "~"
    delta = {c.field: (c.old, c.new) for c in changed.diff_against(changed.prev_record).changes}
    assert delta["role"] == (Role.CHAIRMAN, Role.OFFICER) and delta["is_active"] == (True, False)
    assert delta["is_staff"] == (False, True)  # what the role brings with it, recorded too
    assert reset.history_user == admin_user and reset.history_change_reason == "Quản trị đặt mật khẩu tạm"
    assert "password" not in {f.name for f in User.history.model._meta.fields}  # hashes stay out of it
    # The record reads in the admin and cannot be edited or deleted there, by anyone.
    page = client.get(reverse("admin:caolocculture_historicaluser_changelist"))
    assert page.status_code == 200 and "chairman → officer" in page.content.decode()
    for url in (
        reverse("admin:caolocculture_historicaluser_delete", args=[changed.pk]),
        reverse("admin:caolocculture_historicaluser_change", args=[changed.pk]),
    ):
        assert client.post(url, {"post": "yes"}).status_code == 403
    assert chairman.history.count() == 3
    # A sign-in is not an account change.
    client.force_login(chairman)
    assert chairman.history.count() == 3


def test_a_user_deleted_leaves_a_record(login, root, steering):
    client = login(root)
    response = client.post(reverse("admin:caolocculture_user_delete", args=[steering.pk]), {"post": "yes"})
    assert response.status_code == 302 and not User.objects.filter(pk=steering.pk).exists()
    last = User.history.filter(id=steering.pk).latest()
    assert last.history_type == "-" and last.history_user == root and last.role == Role.STEERING


# -- one's own password ----------------------------------------------------------------------


def test_everyone_changes_their_own_password(login, khoi1):
    client = login(khoi1)
    page = client.get(reverse("home")).content.decode()
    assert reverse("password_change") in page  # in the navbar
    url = reverse("password_change")
    response = client.post(url, {"old_password": "sai", "new_password1": OWN, "new_password2": OWN})
    assert response.status_code == 400 and "Mật khẩu hiện tại không đúng" in response.content.decode()
    response = client.post(url, {"old_password": "mat-khau-thu", "new_password1": OWN, "new_password2": OWN})
    assert response.status_code == 302 and response["Location"] == reverse("password_change_done")
    khoi1.refresh_from_db()
    assert khoi1.check_password(OWN)
    assert client.get(reverse("password_change_done")).status_code == 200  # still signed in
    assert khoi1.history.latest().history_change_reason == "Tự đổi mật khẩu"


def test_the_admin_password_pages_send_one_to_ones_own(login, admin_user):
    client = login(admin_user)
    for url in (reverse("admin:auth_user_password_change", args=[admin_user.pk]), reverse("admin:password_change")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("password_change")


def test_a_temporary_password_is_changed_at_the_next_sign_in(client, login, admin_user, khoi1):
    admin = login(admin_user)
    assert _set_password(admin, khoi1).status_code == 302
    admin.logout()

    response = client.post(reverse("login"), {"username": "khoi1", "password": TEMPORARY})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(khoi1.pk)
    for url in ("/", reverse("households:list"), reverse("reports:due"), reverse("admin:index")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("password_change"), url
    assert client.post(reverse("households:create"), {}).status_code == 302
    assert client.get("/static/css/app.css").status_code == 200
    page = client.get(reverse("password_change"))
    assert page.status_code == 200 and "mật khẩu tạm" in page.content.decode()
    same = client.post(
        reverse("password_change"), {"old_password": TEMPORARY, "new_password1": TEMPORARY, "new_password2": TEMPORARY}
    )
    assert same.status_code == 400 and "phải khác mật khẩu đang dùng" in same.content.decode()
    response = client.post(
        reverse("password_change"), {"old_password": TEMPORARY, "new_password1": OWN, "new_password2": OWN}
    )
    assert response.status_code == 302
    khoi1.refresh_from_db()
    assert not khoi1.must_change_password and khoi1.check_password(OWN)
    assert client.get("/").status_code == 200


def test_signing_out_stays_open_with_a_temporary_password(client, khoi1):
    khoi1.must_change_password = True
    khoi1.save()
    client.force_login(khoi1)
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_read_only_record_cannot_be_rewritten_through_its_history(login, officer, root, blocks):
    """django-simple-history's revert page saved a POST from whoever could view the object."""
    recognition = FamilyRecognitionFactory(household=HouseholdFactory(block=blocks[0]))
    url = reverse(
        "admin:recognition_recognition_simple_history", args=[recognition.pk, recognition.history.latest().pk]
    )
    client = login(officer)
    form = client.get(url).context["adminform"].form
    data = {k: getattr(v, "pk", v) for k, v in form.initial.items() if v is not None}
    assert client.post(url, {**data, "year": 2019}).status_code == 403
    recognition.refresh_from_db()
    assert recognition.year == 2024
    assert login(root).post(url, {**data, "year": 2019}).status_code == 302  # a superuser still may
