"""Hostile input: every URL pattern, as every role, with query strings and bodies the app did
not expect (negative and huge page sizes, pages out of range, words for numbers, 1e400, NUL
bytes, markup, broken JSON). Never a server error; where the app refuses, a 4xx."""

import importlib

import pytest
from django import forms
from django.urls import reverse

from caolocculture.tests.test_urls import EXPECT, PERSONAS, patterns
from caolocculture.tests.url_world import build, fill, kwargs_for
from recognition.models import Meeting
from testing.factories import HouseholdFactory

QUERIES = [
    {"per_page": "-1"},
    {"per_page": "100000"},
    {"page": "-1"},
    {"page": "abc"},
    {"page": "99999"},
    {"year": "abc"},
    {"year": "1e400"},
    {"year": "9" * 40},
    {"sort": "nonexistent"},
    {"block": "abc"},
    {"block": "9" * 40},
    {"q": "\x00"},
    {"q": "Nguyễn " * 2000},
    {"status": "<script>alert(1)</script>"},
    {"living": "abc", "recognised": "<b>", "kind": "x", "step": "x", "title": "x" * 500},
]
BAD_VALUES = ["abc", "1e400", "-1", "9" * 40, "\x00"]  # "" is test_urls' empty POST
JSON_BODIES = [
    b"",
    b"{}",
    b"[]",
    b"null",
    b"not json",
    b"\xff\xfe",
    b'{"household": 1e400, "agreed": 1e400}',
    b'{"household": -1, "agreed": "abc", "version": "x"}',
    b'{"household": 99999999999999999999999999999, "agreed": 99999999999999999999999999}',
    b'{"household": "abc", "agreed": 1, "excluded": {"a": 1}, "reason": [1], "version": 1e400}',
]


def field_names() -> list[str]:
    """Every field of every form in the apps, and the lists of ids the pages post."""
    names = {"households", "meetings", "recognitions", "year", "pk", "block", "page", "per_page"}
    for app in ("campaigns", "caolocculture", "households", "recognition", "reports"):
        module = importlib.import_module(f"{app}.forms")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.BaseForm) and hasattr(value, "base_fields"):
                names.update(value.base_fields)
    return sorted(names)


@pytest.fixture
def people(officer, steering, chairman, admin_user, khoi1, khoi2):
    return dict(zip(PERSONAS, [None, officer, steering, chairman, admin_user, khoi1, khoi2], strict=True))


def _urls(world):
    for name, pattern in patterns():
        if name == "logout":
            continue
        kwargs = fill(pattern, kwargs_for(name, world), world) if "<" in pattern else {}
        yield name, reverse(name, kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_malformed_query_strings_never_make_a_server_error(persona, people, plan, blocks, officer, khoi1, client):
    world = build(plan, blocks, officer, khoi1)
    client.raise_request_exception = False  # count the 500s instead of stopping at the first
    if people[persona]:
        client.force_login(people[persona])
    wrong = []
    for name, url in _urls(world):
        for query in QUERIES:
            response = client.get(url, query)
            if response.status_code >= 500:
                wrong.append(f"GET {url} {str(query)[:60]} ({name}): {response.status_code}")
            elif not response.streaming and b"<script>alert(1)" in response.content:
                wrong.append(f"GET {url} {str(query)[:60]} ({name}): markup echoed unescaped")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_malformed_bodies_never_make_a_server_error(persona, people, plan, blocks, officer, khoi1, client):
    world = build(plan, blocks, officer, khoi1)
    client.raise_request_exception = False  # count the 500s instead of stopping at the first
    if people[persona]:
        client.force_login(people[persona])
    names = field_names()
    wrong = []
    for name, url in _urls(world):
        if EXPECT[name][1] is None and int(EXPECT[name][0].split()[PERSONAS.index(persona)]) != 200:
            continue  # neither a POST-only page nor a page this person may open: the walk in test_urls covers it
        bodies = [({n: value for n in names}, None) for value in BAD_VALUES]
        bodies += [({"households": ["1", "abc"], "meetings": ["x", "-1"], "recognitions": ["1e400", "2"]}, None)]
        if EXPECT[name][1] is not None:  # the pages that only take a POST, the JSON one among them
            bodies += [(body, "application/json") for body in JSON_BODIES]
        for body, content_type in bodies:
            if content_type:
                response = client.post(url, body, content_type=content_type)
            else:
                response = client.post(url, body)
            if response.status_code >= 500:
                wrong.append(f"POST {url} {str(body)[:60]} ({name}): {response.status_code}")
            if people[persona] and client.session.get("_auth_user_id") is None:
                client.force_login(people[persona])
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{"per_page": "-1"}, {"per_page": "100000"}, {"per_page": "abc"}])
def test_a_page_size_outside_the_offered_ones_is_refused_in_vietnamese(query, plan, officer, login):
    response = login(officer).get(reverse("households:list"), query)
    assert response.status_code == 400
    assert "Số dòng mỗi trang" in response.content.decode()


@pytest.mark.django_db
def test_pages_out_of_range_show_the_first_or_last_page(plan, blocks, officer, login):
    HouseholdFactory.create_batch(3, block=blocks[0])
    client = login(officer)
    for page in ("-1", "abc", "99999", "0"):
        assert client.get(reverse("households:list"), {"page": page, "per_page": "25"}).status_code == 200


@pytest.mark.django_db
def test_ids_that_are_not_numbers_are_refused_not_crashed(plan, blocks, officer, chairman, steering, khoi1, login):
    world = build(plan, blocks, officer, khoi1)
    assert login(steering).post(reverse("recognition:commend"), {"households": "abc"}).status_code == 403
    response = login(officer).post(reverse("recognition:commend"), {"households": ["abc", "1e400"]})
    assert response.status_code == 400
    assert login(chairman).post(reverse("recognition:decision_new"), {"meetings": "x"}).status_code == 400
    url = reverse("recognition:result", kwargs={"pk": world["meeting"]})
    Meeting.objects.filter(pk=world["meeting"]).update(status=Meeting.Status.OPEN)
    response = login(officer).post(url, b'{"household": 1e400, "agreed": 1e400}', content_type="application/json")
    assert response.status_code == 400 and "error" in response.json()
