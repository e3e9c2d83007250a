"""Compressed text, ETags with 304 on revalidation, and fingerprinted static assets."""

import gzip
import re

import pytest
from builders import make_person

EXPORTS_AND_PAGES = [
    "/",
    "/people/zhiming-zhou",
    "/people/zhiming-zhou/publications",
    "/people/zhiming-zhou/publications.bib",
    "/people/zhiming-zhou/publications.ris",
    "/people/zhiming-zhou/publications.json",
    "/publications/zhou2019adashift",
    "/feed.atom",
    "/api/v1/people",
    "/search?q=gan",
]


@pytest.mark.parametrize("path", EXPORTS_AND_PAGES)
@pytest.mark.parametrize("encoding", ["gzip", "br", None])
def test_asking_again_with_the_etag_gets_304_and_no_body(demo_client, path, encoding):
    headers = {"Accept-Encoding": encoding} if encoding else {}
    first = demo_client.get(path, headers=headers)

    again = demo_client.get(path, headers={**headers, "If-None-Match": first.headers["ETag"]})

    assert first.status_code == 200 and first.headers.get("Content-Encoding") == encoding
    assert again.status_code == 304 and again.data == b""


def test_a_changed_page_has_another_etag(app, client):
    make_person("ada-doe", "Ada Doe", bio="First.")
    first = client.get("/people/ada-doe").headers["ETag"]
    make_person("ada-doe", "Ada Doe", bio="Second.")

    again = client.get("/people/ada-doe", headers={"If-None-Match": first})

    assert again.status_code == 200 and again.headers["ETag"] != first


def test_compressed_text_reads_back_as_the_page(demo_client):
    plain = demo_client.get("/people/zhiming-zhou").data
    packed = demo_client.get("/people/zhiming-zhou", headers={"Accept-Encoding": "gzip"})

    assert len(packed.data) < len(plain) / 3
    assert gzip.decompress(packed.data) == plain
    assert "Accept-Encoding" in packed.headers["Vary"]


def test_static_assets_are_fingerprinted_and_kept_for_a_year(demo_client):
    page = demo_client.get("/").get_data(as_text=True)
    stylesheet = re.search(r'href="(/static/css/site\.css\?v=[0-9a-f]{12})"', page)[1]

    response = demo_client.get(stylesheet)
    stale = demo_client.get("/static/css/site.css?v=000000000000")

    assert response.cache_control.max_age == 365 * 24 * 3600 and response.cache_control.immutable
    assert not response.cache_control.no_cache
    assert not stale.cache_control.immutable
    response.close()
    stale.close()


def test_account_pages_are_never_given_validators(app, client):
    response = client.get("/login", base_url="https://localhost")

    assert response.headers["Cache-Control"] == "no-store" and "ETag" not in response.headers
