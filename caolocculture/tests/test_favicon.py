"""The site's icon: linked from every page and at /favicon.ico, where browsers look first."""

import pytest

from caolocculture.views import FAVICON

pytestmark = pytest.mark.django_db


def test_the_icon_is_served_to_anyone_at_the_root(client):
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Content-Type"]) == (200, "image/x-icon")
    assert b"".join(response.streaming_content) == FAVICON.read_bytes()
    assert FAVICON.read_bytes()[:4] == b"\x00\x00\x01\x00"  # an .ico file's header


def test_every_page_links_it(client):
    page = client.get("/dang-nhap/").content.decode()
    assert '<link rel="icon" href="/static/favicon.ico" sizes="48x48">' in page
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
