"""Every URL pattern, walked as anonymous, as each role, and as the khối trưởng of another
block: who gets what. Block 1's objects are khoi1's; khoi2 leads block 2.

Each entry: the status codes of a GET and (for pages that take a POST) of an empty POST, for
anonymous, officer, steering committee, chairman, IT admin, khoi1, khoi2.

Two more people walk every URL below, their columns drawn from these: the officer of another
commune (every URL holding an id of the first commune's → 403/404/405, every other one as the
first commune's officer gets it, showing nothing of the first commune) and the province
(every GET as the steering committee gets it, every POST refused). 302 for anonymous
is the way to the login page; 404 hides another block's objects; 403 refuses an action the
person may not take; 405 is a page that only takes a POST. A URL added without an entry
here fails the test, so every new page is decided on."""

import pytest
from django.urls import URLResolver, get_resolver, reverse

from caolocculture.models import Role
from caolocculture.tests.url_world import (
    FIRST_ONLY,
    SECOND_HOUSEHOLD,
    build,
    build_other_commune,
    fill,
    first_commune_state,
    kwargs_for,
    mark_first_commune,
    text_of,
)
from testing.factories import UserFactory

PERSONAS = ["anon", "officer", "steering", "chairman", "admin", "khoi1", "khoi2"]
DENIED = {403, 404, 405}

EXPECT = {
    "home": ("302 200 200 200 200 200 200", None),
    "history_json": ("302 200 200 200 200 403 403", None),
    "favicon": ("200 200 200 200 200 200 200", "405 405 405 405 405 405 405"),
    "login": ("200 302 302 302 302 302 302", None),
    "logout": ("302 405 405 405 405 405 405", "302 302 302 302 302 302 302"),
    "password_change": ("302 200 200 200 200 200 200", "302 400 400 400 400 400 400"),
    "password_change_done": ("302 200 200 200 200 200 200", None),
    # Each person's own notifications; the world's one is khoi1's (anyone else: 404).
    "notifications": ("302 200 200 200 200 200 200", None),
    "notifications_unread": ("302 200 200 200 200 200 200", None),
    "notification_open": ("302 405 405 405 405 405 405", "302 404 404 404 404 302 404"),
    "notifications_read": ("302 405 405 405 405 405 405", "302 302 302 302 302 302 302"),
    "households:blocks": ("302 200 200 200 200 200 200", None),
    "households:block": ("302 200 200 200 200 200 404", None),
    "households:list": ("302 200 200 200 200 200 200", None),
    "households:create": ("302 200 403 403 403 200 200", None),
    "households:export": ("302 200 200 200 200 200 200", None),
    "households:import_template": ("302 200 200 200 200 200 200", None),
    "households:import": ("302 200 403 403 403 200 200", None),
    "households:import_detail": ("302 200 404 404 404 200 404", None),
    "households:import_progress": ("302 200 404 404 404 200 404", None),
    "households:detail": ("302 200 200 200 200 200 404", None),
    "households:edit": ("302 200 403 403 403 200 404", None),
    "households:move_out": ("302 200 403 403 403 200 404", None),
    "households:return": ("302 405 405 405 405 405 405", "302 302 403 403 403 302 404"),
    "households:move": ("302 200 403 403 403 403 404", None),
    "recognition:meetings": ("302 200 200 200 200 200 200", None),
    "recognition:block": ("302 302 302 302 302 302 404", None),
    "recognition:meeting": ("302 200 200 200 200 200 404", None),
    "recognition:result": ("302 405 405 405 405 405 405", "302 400 404 404 404 400 404"),
    "recognition:results": ("302 200 200 200 200 200 404", None),
    "recognition:complete": ("302 405 405 405 405 405 405", "302 400 404 404 404 400 404"),
    "recognition:post": ("302 405 405 405 405 405 405", "302 302 404 404 404 302 404"),
    "recognition:end": ("302 405 405 405 405 405 405", "302 302 404 404 404 302 404"),
    "recognition:submit": ("302 405 405 405 405 405 405", "302 302 403 403 403 302 404"),
    "recognition:check": ("302 405 405 405 405 405 405", "302 302 403 403 403 403 404"),
    "recognition:return": ("302 405 405 405 405 405 405", "302 302 403 403 403 403 404"),
    "recognition:reopen": ("302 405 405 405 405 405 405", "302 302 403 403 403 403 404"),
    "recognition:paper": ("302 200 200 200 200 200 404", None),
    "recognition:paper_docx": ("302 200 200 200 200 200 404", None),  # the Word copy: as its PDF
    "recognition:comments": ("302 405 405 405 405 405 405", "302 302 403 403 403 302 404"),
    "recognition:register_block": ("302 405 405 405 405 405 405", "302 302 404 404 404 302 404"),
    "recognition:titles": ("302 200 200 200 200 200 200", None),
    "recognition:block_report": ("302 405 405 405 405 405 405", "302 302 404 404 404 302 404"),
    "recognition:dossier_paper": ("302 200 200 200 200 200 404", None),
    "recognition:dossier_paper_docx": ("302 200 200 200 200 200 404", None),  # as its PDF
    "recognition:block_dossier_step": ("302 405 405 405 405 405 405", "302 302 403 403 403 403 404"),
    # The chairman's decision or the officer's record of a higher body's (the year's plan says whose).
    "recognition:organisation_recognise": ("302 405 405 405 405 405 405", "302 302 403 302 403 403 403"),
    # The chairman's commendation decision, or the officer's record of a paper one.
    "recognition:commend": ("302 405 405 405 405 405 405", "302 302 403 302 403 403 403"),
    "recognition:register": ("302 405 405 405 405 405 405", "302 302 404 404 404 302 404"),
    "recognition:decision_new": ("302 403 403 200 403 403 403", None),
    "recognition:decisions": ("302 200 200 200 200 403 403", None),
    "recognition:decision": ("302 200 200 200 200 403 403", "302 403 403 400 403 403 403"),
    "recognition:recorded_decision_new": ("302 200 403 403 403 403 403", "302 400 403 403 403 403 403"),
    "recognition:decision_scan": ("302 404 404 404 404 403 403", None),
    "recognition:decision_pdf": ("302 200 200 200 200 403 403", None),
    "recognition:decision_docx": ("302 200 200 200 200 403 403", None),
    "recognition:certificates": ("302 200 200 200 200 200 404", None),
    "recognition:all_certificates": ("302 200 200 200 200 403 403", None),
    "campaigns:plan_current": ("302 302 302 302 302 403 403", None),
    "campaigns:plan": ("302 200 200 200 200 403 403", None),
    "campaigns:plan_document": ("302 200 200 200 200 403 403", None),
    "campaigns:plan_document_docx": ("302 200 200 200 200 403 403", None),
    "campaigns:plan_edit": ("302 200 403 403 403 403 403", None),
    "campaigns:targets": ("302 200 403 403 403 403 403", None),
    "campaigns:authorities": ("302 200 403 403 403 403 403", "302 400 403 403 403 403 403"),
    "campaigns:plan_copy": ("302 405 405 405 405 405 405", "302 302 403 403 403 403 403"),
    "campaigns:member_add": ("302 200 403 403 403 403 403", None),
    "campaigns:member": ("302 200 403 403 403 403 403", None),
    "campaigns:member_delete": ("302 405 405 405 405 405 405", "302 302 403 403 403 403 403"),
    "campaigns:task_add": ("302 200 403 403 403 403 403", None),
    "campaigns:task_edit": ("302 200 403 403 403 403 403", None),
    "campaigns:funding": ("302 200 200 200 200 403 403", None),
    "campaigns:budget_line_add": ("302 200 403 403 403 403 403", None),
    "campaigns:budget_line": ("302 200 403 403 403 403 403", None),
    "campaigns:task": ("302 200 200 200 200 403 403", None),
    "campaigns:task_evidence": ("302 405 405 405 405 405 405", "302 302 403 403 403 403 403"),
    "campaigns:evidence": ("302 200 200 200 200 200 404", None),
    "campaigns:activities": ("302 200 200 200 200 200 200", None),
    "campaigns:activities_year": ("302 200 200 200 200 200 200", None),
    "campaigns:activity_add": ("302 200 403 403 403 200 200", None),
    "campaigns:activities_export": ("302 200 200 200 200 200 200", None),
    "campaigns:activity_edit": ("302 200 403 403 403 200 404", None),
    "campaigns:activity": ("302 200 200 200 200 200 404", None),
    "campaigns:activity_evidence": ("302 405 405 405 405 405 405", "302 302 403 403 403 302 404"),
    "campaigns:figures_current": ("302 302 302 302 302 302 302", None),
    "campaigns:figures": ("302 200 200 200 200 200 200", None),
    "campaigns:figures_block": ("302 200 200 200 200 200 404", None),
    "campaigns:figures_decide": ("302 405 405 405 405 405 405", "302 302 403 403 403 403 404"),
    "campaigns:figures_import": ("302 200 403 403 403 200 200", None),
    "campaigns:figures_template": ("302 200 200 200 200 200 200", None),
    "campaigns:figures_import_detail": ("302 404 404 404 404 200 404", None),
    "campaigns:houses": ("302 200 200 200 200 200 200", None),
    "campaigns:house": ("302 200 403 403 403 403 403", None),
    "campaigns:organisations": ("302 200 200 200 200 403 403", None),
    "campaigns:organisation_add": ("302 200 403 403 403 403 403", None),
    "campaigns:organisations_export": ("302 200 200 200 200 403 403", None),
    "campaigns:organisation": ("302 200 403 403 403 403 403", None),
    "campaigns:organisation_history": ("302 200 403 403 403 403 403", None),
    "reports:due": ("302 200 200 200 200 200 200", None),
    "reports:yearend": ("302 200 200 200 200 403 403", None),
    "reports:yearend_preview": ("302 200 200 200 200 403 403", None),
    "reports:yearend_docx": ("302 200 200 200 200 403 403", None),
    "reports:year_close": ("302 405 405 405 405 405 405", "302 302 403 403 403 403 403"),
    "reports:year_reopen": ("302 405 405 405 405 405 405", "302 400 403 403 403 403 403"),
    "reports:yearend_generate": ("302 405 405 405 405 405 405", "302 302 302 302 302 403 403"),
    "reports:statistics": ("302 200 200 200 200 403 403", None),
    "reports:summary_table_xlsx": ("302 200 200 200 200 403 403", None),
    "reports:summary_table_pdf": ("302 200 200 200 200 403 403", None),
    "reports:sports_assessment_xlsx": ("302 200 200 200 200 403 403", None),
    "reports:sports_assessment_pdf": ("302 200 200 200 200 403 403", None),
    "reports:file": ("302 200 200 200 200 403 403", None),
    "reports:file_download": ("302 200 200 200 200 403 403", None),
    "reports:file_retry": ("302 405 405 405 405 405 405", "302 302 302 302 302 403 403"),
    # The province's table (Sở VHTTDL only): no commune's role opens it.
    "reports:province": ("302 403 403 403 403 403 403", None),
    "reports:province_json": ("302 403 403 403 403 403 403", None),
    "reports:province_xlsx": ("302 403 403 403 403 403 403", None),
    "reports:api_indicators": ("401 200 200 200 200 403 403", None),
    "reports:api_token": ("302 200 200 200 200 403 403", None),
}


def patterns(resolvers=None, prefix="", namespace=None):
    for p in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":  # Django's admin has its own checks (DomainAdmin asks permissions.py)
                continue
            yield from patterns(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
        else:
            yield (f"{namespace}:{p.name}" if namespace else p.name), prefix + str(p.pattern)


def test_every_url_has_a_decision():
    assert sorted(name for name, _ in patterns()) == sorted(EXPECT)


@pytest.fixture
def people(officer, steering, chairman, admin_user, khoi1, khoi2):
    return dict(zip(PERSONAS, [None, officer, steering, chairman, admin_user, khoi1, khoi2], strict=True))


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_gets_what(persona, people, plan, blocks, officer, khoi1, client):
    world = build(plan, blocks, officer, khoi1)
    if people[persona]:
        client.force_login(people[persona])
    index = PERSONAS.index(persona)
    wrong = []
    for name, pattern in patterns():
        url = reverse(name, kwargs=fill(pattern, kwargs_for(name, world), world)) if "<" in pattern else reverse(name)
        get, post = EXPECT[name]
        expected = int(get.split()[index])
        status = client.get(url).status_code
        if status != expected:
            wrong.append(f"GET {url} ({name}): {status}, expected {expected}")
        if post is not None and name != "logout":
            expected = int(post.split()[index])
            status = client.post(url, {}).status_code
            if status != expected:
                wrong.append(f"POST {url} ({name}): {status}, expected {expected}")
            if people[persona] and client.session.get("_auth_user_id") is None:
                client.force_login(people[persona])
    assert not wrong, "\n".join(wrong)


def test_the_table_gives_another_blocks_leader_nothing_of_block_one():
    """khoi2 reaches no block-1 object by GET or POST: 403/404/405, or a list scoped to their block."""
    own_lists = {
        "home",
        "households:blocks",
        "households:list",
        "households:create",
        "households:export",
        "households:import_template",
        "households:import",
        "recognition:meetings",
        "recognition:titles",
        "campaigns:activities",
        "campaigns:activities_year",
        "campaigns:activity_add",
        "campaigns:activities_export",
        "campaigns:figures_current",
        "campaigns:figures",
        "campaigns:figures_import",
        "campaigns:figures_template",
        "campaigns:houses",
        "reports:due",
        "login",
        "logout",
        "password_change",
        "password_change_done",
        "notifications",
        "notifications_unread",
        "notifications_read",
        "favicon",  # the site's icon, nobody's data
    }  # one's own account
    for name, (get, post) in EXPECT.items():
        if name in own_lists:
            continue
        assert int(get.split()[-1]) in DENIED, name
        if post is not None:
            assert int(post.split()[-1]) in DENIED, name


def urls(world):
    for name, pattern in patterns():
        kwargs = fill(pattern, kwargs_for(name, world), world) if "<" in pattern else {}
        yield name, reverse(name, kwargs=kwargs), bool({"pk", "block_pk"} & set(kwargs))


def shows_first_commune(response) -> list[str]:
    text = text_of(response)
    return [marker for marker in FIRST_ONLY if marker in text]


@pytest.mark.django_db
def test_an_officer_of_another_commune_reaches_nothing_of_the_first(plan, blocks, officer, khoi1, client):
    """canbo-2 of Xã Bắc Sơn, with the first commune's ids: 403/404/405 and nothing written; every
    page without an id answers as it does the first commune's officer and names nothing of it."""
    world = build(plan, blocks, officer, khoi1)
    mark_first_commune(world)
    other = build_other_commune()
    client.force_login(other["officer"])
    column = PERSONAS.index("officer")
    wrong = []
    before = first_commune_state(plan.commune)
    for name, url, by_id in urls(world):
        if not by_id:
            continue
        get, post = EXPECT[name]
        if (status := client.get(url).status_code) not in DENIED:
            wrong.append(f"GET {url} ({name}): {status}")
        if post is not None and (status := client.post(url, {}).status_code) not in DENIED:
            wrong.append(f"POST {url} ({name}): {status}")
    assert first_commune_state(plan.commune) == before, "a refused request wrote something"
    for name, url, by_id in urls(world):
        if by_id or name == "logout":
            continue
        get, post = EXPECT[name]
        response = client.get(url)
        if response.status_code != int(get.split()[column]):
            wrong.append(f"GET {url} ({name}): {response.status_code}, expected {get.split()[column]}")
        if shown := shows_first_commune(response):
            wrong.append(f"GET {url} ({name}) shows {shown}")
        if post is not None:
            response = client.post(url, {})
            if response.status_code != int(post.split()[column]):
                wrong.append(f"POST {url} ({name}): {response.status_code}, expected {post.split()[column]}")
            if client.session.get("_auth_user_id") is None:
                client.force_login(other["officer"])
    assert not wrong, "\n".join(wrong)
    # Its own commune is there: the list shows its household, under its own name for blocks.
    page = client.get(reverse("households:list")).content.decode()
    assert SECOND_HOUSEHOLD in page and FIRST_ONLY[0] not in page


@pytest.mark.django_db
def test_the_province_reads_like_the_steering_committee_and_writes_nothing(plan, blocks, officer, khoi1, client):
    world = build(plan, blocks, officer, khoi1)
    build_other_commune()
    province = UserFactory(username="tinh", role=Role.PROVINCE)
    assert province.commune is None
    client.force_login(province)
    column = PERSONAS.index("steering")
    own_account = {"logout", "password_change"}
    # Its own pages, which no commune role opens: the province's table, its JSON and Excel.
    province_pages = {"reports:province", "reports:province_json", "reports:province_xlsx"}
    wrong = []
    before = first_commune_state(plan.commune)
    for name, url, _by_id in urls(world):
        get, post = EXPECT[name]
        expected = 200 if name in province_pages else int(get.split()[column])
        if name != "logout" and (status := client.get(url).status_code) != expected:
            wrong.append(f"GET {url} ({name}): {status}, expected {expected}")
        if post is None or name in own_account:
            continue
        response = client.post(url, {})
        if response.status_code != 403:
            wrong.append(f"POST {url} ({name}): {response.status_code}, expected 403")
        elif "chỉ được xem, không được thay đổi" not in response.content.decode():
            wrong.append(f"POST {url} ({name}): refused without saying why")
    assert not wrong, "\n".join(wrong)
    assert first_commune_state(plan.commune) == before, "the province wrote something"
