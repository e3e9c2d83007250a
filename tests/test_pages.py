"""Every page answers; unknown people and papers get a real 404 page."""

import pytest
from builders import site_page_urls


def test_every_page_of_the_demo_answers(demo_app, demo_client):
    urls = site_page_urls(demo_app)
    assert len(urls) == 3 + 2 * 2 + 14
    for url in urls:
        response = demo_client.get(url)
        assert response.status_code == 200, url
        assert response.mimetype == "text/html"


@pytest.mark.parametrize(
    "url",
    [
        "/people/nobody",
        "/people/nobody/publications",
        "/publications/no-such-paper",
        "/people/%00",
        "/publications/" + "x" * 5000,
        "/no/such/page",
    ],
)
def test_unknown_addresses_get_the_friendly_404_page(demo_client, url):
    response = demo_client.get(url)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "There is no page at this address" in html
    assert 'name="q"' in html


def test_wrong_method_is_405_with_the_site_layout(demo_client):
    response = demo_client.post("/people/zhiming-zhou")
    assert response.status_code == 405
    assert 'name="q"' in response.get_data(as_text=True)


def test_empty_site_shows_how_to_add_a_profile(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "flask --app app import" in response.get_data(as_text=True)


def test_home_person_setting_shows_one_profile_at_the_root(tmp_path):
    from builders import make_app

    app = make_app(tmp_path / "i", LOAD_CONTENT_ON_FIRST_START=True, HOME_PERSON="zhanxing-zhu")
    html = app.test_client().get("/").get_data(as_text=True)
    assert "Ph.D Studentships" in html


def test_pages_forbid_inline_scripts_and_framing(demo_client):
    policy = demo_client.get("/people/zhiming-zhou").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
