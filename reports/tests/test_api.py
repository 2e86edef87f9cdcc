"""JSON for the district: behind login or a person's key."""

import pytest

from reports.indicators import compute
from reports.models import ApiToken

pytestmark = pytest.mark.django_db


def test_anonymous_is_refused_in_json(plan, client):
    response = client.get("/api/chi-tieu/2024/")
    assert response.status_code == 401 and "khóa truy cập" in response.json()["error"]
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert client.post("/api/chi-tieu/2024/").status_code == 405


def test_a_key_reads_what_its_person_may(plan, steering, khoi1, login, client):
    client_ = login(steering)
    page = client_.post("/tai-khoan/khoa-api/", follow=True).content.decode()
    key = page.split('id="api-key" class="user-select-all text-nowrap d-block overflow-auto">')[1].split("<")[0]
    assert 'id="api-key"' not in client_.get("/tai-khoan/khoa-api/").content.decode()  # shown once only
    assert ApiToken.objects.get(user=steering).key_hash == ApiToken.hash(key) != key  # only the hash is kept
    client.logout()
    response = client.get("/api/chi-tieu/2024/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200 and response.json() == compute(plan).as_json()
    # The town's plan, nothing entered yet: 10 blocks, no household, figure or organisation.
    assert [(i["code"], i["numerator"], i["denominator"]) for i in response.json()["indicators"]] == [
        ("GDVH", 0, 0),
        ("TDPVH", 0, 10),
        ("NVH", 0, 10),
        ("NVHMOI", 0, None),  # a count: no denominator
        ("CQVH", 0, 0),
        ("TDTT", 0, 0),
        ("PBGDPL", 0, 0),
    ]
    assert ApiToken.objects.get(user=steering).last_used_at is not None
    assert client.get("/api/chi-tieu/2024/", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert client.get("/api/chi-tieu/2019/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 404
    # A new key replaces the old one.
    login(steering).post("/tai-khoan/khoa-api/")
    client.logout()
    assert client.get("/api/chi-tieu/2024/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    steering.is_active = False
    steering.save()
    token = ApiToken.objects.get(user=steering)
    token.key_hash = ApiToken.hash("k")
    token.save()
    assert client.get("/api/chi-tieu/2024/", HTTP_AUTHORIZATION="Bearer k").status_code == 401
    # A khối trưởng holds no commune-wide view, so no key either.
    assert login(khoi1).post("/tai-khoan/khoa-api/").status_code == 403
    ApiToken.objects.create(user=khoi1, key_hash=ApiToken.hash("kt"))
    client.logout()
    assert client.get("/api/chi-tieu/2024/", HTTP_AUTHORIZATION="Bearer kt").status_code == 403
