"""Every form page, sent an empty form and hostile ones by the person who may write there: the
form refused with a 400 and shown again with its errors (or a 3xx/403/404/405 where the page
refuses otherwise), never the form again with a 200 as if nothing were wrong, never a 500, and
nothing written. A form page is one whose GET (as officer, khoi1, chairman, or nobody signed in,
the first that opens it) holds a form posting back to its own URL."""

import re

import pytest
from django.urls import reverse

from campaigns.models import BlockFigures
from caolocculture.models import User
from caolocculture.tests.test_hostile import field_names
from caolocculture.tests.test_urls import EXPECT, PERSONAS, patterns
from caolocculture.tests.url_world import build, fill, first_commune_state, kwargs_for
from households.models import Household

WRITERS = ["officer", "khoi1", "chairman", "anon"]
# Every field of every form set to one of these: markup, a number written the Vietnamese way and
# far too large, a text far too long.
HOSTILE = ["<script>alert(1)</script>", "1.000.000.000.000", "x" * 10_000]
# A form posting back to the page: no action, or an empty one.
OWN_FORM = re.compile(r'<form method="post"(?![^>]*action="[^"])[^>]*>')
# Not a form refusing input: the key page answers its POST with the new key (a 200 that writes).
NOT_REFUSABLE = {"reports:api_token"}


@pytest.fixture
def people(officer, chairman, khoi1):
    return {"officer": officer, "khoi1": khoi1, "chairman": chairman, "anon": None}


def form_pages(client, people, world):
    """(name, url, persona) of every page with a form of its own, as the first writer who opens it."""
    for name, pattern in patterns():
        if name in NOT_REFUSABLE or name == "logout":
            continue
        url = reverse(name, kwargs=fill(pattern, kwargs_for(name, world), world)) if "<" in pattern else reverse(name)
        for persona in WRITERS:
            if int(EXPECT[name][0].split()[PERSONAS.index(persona)]) != 200:
                continue
            client.logout()
            if people[persona]:
                client.force_login(people[persona])
            response = client.get(url)
            if not response.streaming and OWN_FORM.search(response.content.decode("utf-8", "ignore")):
                yield name, url, persona
                break


@pytest.mark.django_db
def test_every_refused_form_answers_4xx_and_writes_nothing(people, plan, blocks, officer, khoi1, client):
    world = build(plan, blocks, officer, khoi1)
    # The world's figures are sent (no form); a draft gives the khối trưởng the form to walk.
    BlockFigures.objects.filter(pk=world["figures"]).update(status=BlockFigures.Status.DRAFT)
    client.raise_request_exception = False  # count the 500s instead of stopping at the first
    names = field_names()
    bodies = [{}] + [{n: value for n in names} for value in HOSTILE]
    pages = list(form_pages(client, people, world))
    # Block 1 has its meeting (the page goes to it); block 2 has none: the form to open one.
    pages.append(("recognition:block", reverse("recognition:block", kwargs={"block_pk": blocks[1].pk}), "officer"))
    # The walk finds the form pages (a broken detector would make this test pass on nothing).
    found = {name for name, _url, _persona in pages}
    assert {"login", "password_change", "households:create", "campaigns:plan_edit", "campaigns:targets"} <= found
    assert {"recognition:decision_new", "recognition:decision", "reports:yearend", "campaigns:figures_block"} <= found
    assert {"campaigns:authorities", "campaigns:activity_add", "recognition:recorded_decision_new"} <= found
    wrong = []
    for name, url, persona in pages:
        before = first_commune_state(plan.commune)
        for body in bodies:
            client.logout()
            if people[persona]:
                client.force_login(people[persona])
            response = client.post(url, body)
            status = response.status_code
            said = f"POST {url} ({name}) as {persona}, {str(body)[:50]}: {status}"
            if status == 400:
                # The form again with its errors; or, for ids no page offers (tampered ticks), the
                # 400 page saying which (caolocculture.views.ids_from) with the way back.
                page = response.content.decode()
                if not OWN_FORM.search(page) and 'id="bad-request"' not in page:
                    wrong.append(f"{said}, the form not shown again")
            elif not (300 <= status < 400 or status in (403, 404, 405)):
                wrong.append(said)
        if first_commune_state(plan.commune) != before:
            wrong.append(f"POST {url} ({name}) as {persona}: a refused form wrote something")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("body", [{}, {"code": "<script>alert(1)</script>", "members": "1.000.000.000.000"}])
def test_a_refused_admin_form_answers_400_and_writes_nothing(plan, blocks, officer, client, body):
    client.force_login(officer)
    response = client.post(reverse("admin:households_household_add"), body)
    assert response.status_code == 400 and "errornote" in response.content.decode()
    assert not Household.objects.exists()


@pytest.mark.django_db
def test_a_refused_account_or_password_in_the_admin_answers_400(admin_user, khoi1, client):
    client.force_login(admin_user)
    before = User.objects.count()
    assert client.post(reverse("admin:caolocculture_user_add"), {"username": ""}).status_code == 400
    assert User.objects.count() == before
    password = khoi1.password
    url = reverse("admin:auth_user_password_change", args=[khoi1.pk])
    assert client.post(url, {"password1": "a", "password2": "b", "usable_password": "true"}).status_code == 400
    khoi1.refresh_from_db()
    assert khoi1.password == password
