"""Passwords are kept with Argon2id at OWASP's parameters (caolocculture/hashers.py), and a hash
kept before (Django's PBKDF2, or Argon2 at other costs) is rewritten at the next sign-in."""

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from caolocculture import settings as production
from testing.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Khoi-mot-2024!"
KEPT_NOW = "argon2$argon2id$v=19$m=19456,t=2,p=1$"


@pytest.fixture
def production_hashers(settings):
    # The tests' own settings hash with MD5 for speed; these tests are about the real list.
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS


def test_a_new_password_is_kept_with_argon2id_at_owasp_parameters(production_hashers):
    encoded = make_password(PASSWORD)
    assert encoded.startswith(KEPT_NOW)
    assert make_password(PASSWORD) != encoded  # salted


@pytest.mark.parametrize(
    "hasher",
    ["django.contrib.auth.hashers.PBKDF2PasswordHasher", "django.contrib.auth.hashers.Argon2PasswordHasher"],
)
def test_a_hash_kept_before_is_rewritten_at_the_next_sign_in(production_hashers, settings, client, hasher):
    settings.PASSWORD_HASHERS = [hasher]
    user = UserFactory(username="khoi1")
    user.set_password(PASSWORD)
    user.save()
    before = user.password
    assert not before.startswith(KEPT_NOW)
    settings.PASSWORD_HASHERS = [*production.PASSWORD_HASHERS, hasher]

    response = client.post(reverse("login"), {"username": "khoi1", "password": PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith(KEPT_NOW) and user.check_password(PASSWORD)


def test_a_wrong_password_against_an_old_hash_rewrites_nothing(production_hashers, settings, client):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    user = UserFactory(username="khoi1")
    user.set_password(PASSWORD)
    user.save()
    before = user.password
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS

    response = client.post(reverse("login"), {"username": "khoi1", "password": "sai-mat-khau"})

    assert response.status_code == 400
    user.refresh_from_db()
    assert user.password == before
