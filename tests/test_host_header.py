"""A forged Host header never reaches a URL the site writes: untrusted hosts get 400."""

import pytest
from builders import make_app, make_person, make_publication

PAGES = [
    "/",
    "/people/ada-lovelace",
    "/publications/lovelace1843notes",
    "/feed.atom",
    "/people/ada-lovelace/feed.atom",
    "/sitemap.xml",
    "/sitemaps/1.xml",
    "/people/ada-lovelace/publications",
    "/robots.txt",
    "/api/v1/publications",
    "/api/v1/search?q=notes",
    "/no-such-page",
]


def _site(tmp_path, **config):
    app = make_app(tmp_path / "instance", **config)
    with app.app_context():
        make_person()
        make_publication()
    return app


@pytest.mark.parametrize("host", ["attacker.example", "a b", 'x"y', "@", "localhost.evil"])
def test_an_untrusted_or_invalid_host_is_refused_everywhere(tmp_path, host):
    client = _site(tmp_path).test_client()
    for page in PAGES:
        response = client.get(page, headers={"Host": host})
        assert response.status_code == 400, page
        assert response.mimetype == "text/plain"
        assert b"attacker" not in response.data


def test_this_machines_names_are_trusted_by_default(tmp_path):
    client = _site(tmp_path).test_client()
    for host in ("localhost", "127.0.0.1:5000"):
        response = client.get("/people/ada-lovelace", headers={"Host": host})
        assert response.status_code == 200
        assert f'<link rel="canonical" href="http://{host}/people/ada-lovelace">'.encode() in (
            response.data
        )


def test_the_host_of_site_url_is_trusted_and_used(tmp_path):
    client = _site(tmp_path, SITE_URL="https://lab.example.org").test_client()
    response = client.get("/feed.atom", headers={"Host": "lab.example.org"})
    assert response.status_code == 200
    assert b"https://lab.example.org/publications/lovelace1843notes" in response.data
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 400


def test_trusted_hosts_name_the_hosts_a_site_answers(tmp_path):
    client = _site(tmp_path, TRUSTED_HOSTS=[".example.org"]).test_client()
    for host in ("www.example.org", "lab.example.org"):
        response = client.get("/sitemaps/1.xml", headers={"Host": host})
        assert response.status_code == 200
        assert f"http://{host}/people/ada-lovelace".encode() in response.data
    assert client.get("/", headers={"Host": "localhost"}).status_code == 400


def test_behind_a_proxy_forwarded_host_and_scheme_are_followed_only_when_configured(tmp_path):
    forwarded = {"X-Forwarded-Host": "lab.example.org", "X-Forwarded-Proto": "https"}
    trusted = ["localhost", "lab.example.org"]
    direct = _site(tmp_path / "direct", TRUSTED_HOSTS=trusted).test_client()
    page = direct.get("/people/ada-lovelace", headers=forwarded).get_data(as_text=True)
    assert '<link rel="canonical" href="http://localhost/people/ada-lovelace">' in page

    proxied = _site(tmp_path / "proxied", TRUSTED_HOSTS=trusted, PROXY_COUNT=1).test_client()
    page = proxied.get("/people/ada-lovelace", headers=forwarded).get_data(as_text=True)
    assert '<link rel="canonical" href="https://lab.example.org/people/ada-lovelace">' in page
    forged = {"X-Forwarded-Host": "attacker.example"}
    assert proxied.get("/", headers=forged).status_code == 400
