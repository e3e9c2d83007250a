"""The results page and the JSON API: what a visitor and a script see."""

import pytest

# Every test here runs on each search backend (conftest.py).
SEARCH_BACKENDS = "all"


@pytest.fixture(scope="module")
def app(search_corpus_site):
    """The tests here only read: one site with the search tests' papers serves them all."""
    return search_corpus_site


def test_results_page_shows_highlighted_matches_and_keeps_the_query(client):
    page = client.get("/search?q=lipschitz").get_data(as_text=True)
    assert ">Lipschitz</mark> Generative Adversarial Nets" in page
    assert 'value="lipschitz"' in page
    assert "2 publications" in page


@pytest.mark.parametrize("query", ["smith", "author:smith", "tom smith ranking"])
def test_authors_a_query_names_are_marked(client, query):
    page = client.get("/search", query_string={"q": query}).get_data(as_text=True)
    assert '<span class="author"><mark>Tom Smith</mark></span>' in page
    assert "<mark>Bochen Lyu</mark>" not in page


def test_people_are_shown_above_papers(client):
    page = client.get("/search?q=bochen").get_data(as_text=True)
    assert page.index('href="/people/bochen-lyu">Bochen Lyu') < page.index("publications</h2>")


def test_facet_links_narrow_the_results(client):
    page = client.get("/search?q=adversarial").get_data(as_text=True)
    assert 'href="/search?q=adversarial&amp;year=2019"' in page
    narrowed = client.get("/search?q=adversarial&year=2019").get_data(as_text=True)
    assert "1 publication<" in narrowed
    assert "Implicit Bias" not in narrowed


def test_did_you_mean_links_to_the_corrected_query(client):
    page = client.get("/search?q=advesarial").get_data(as_text=True)
    assert 'Did you mean <a href="/search?q=adversarial">adversarial</a>' in page


def test_empty_query_explains_the_search_box(client):
    page = client.get("/search").get_data(as_text=True)
    assert "query language" in page


def test_api_search_has_the_documented_shape(client):
    body = client.get("/api/v1/search?q=adversarial&sort=date").get_json()
    assert set(body) >= {"query", "total", "page", "pages", "results", "people", "facets"}
    assert (body["query"], body["total"], body["page"], body["pages"]) == ("adversarial", 2, 1, 1)
    first = body["results"][0]
    assert first["key"] == "lv2022implicit"
    assert first["authors"] == ["Bochen Lv", "Zhanxing Zhu"]
    assert (first["venue"], first["year"], first["url"]) == (
        "ICLR",
        2022,
        "/publications/lv2022implicit",
    )
    assert "<mark" in first["highlights"]["title"]
    assert body["facets"]["venue"] == {"ICLR": 1, "ICML": 1}
    assert set(body["facets"]) == {"year", "venue", "type", "person"}
    assert body["suggestion"] == ""


def test_api_lists_matching_people(client):
    body = client.get("/api/v1/search?q=Bochen Lv").get_json()
    assert body["people"] == [
        {"slug": "bochen-lyu", "name": "Bochen Lyu", "url": "/people/bochen-lyu"}
    ]


def test_api_facet_filters_and_pages(client):
    body = client.get("/api/v1/search?q=adversarial&venue=ICML").get_json()
    assert [r["key"] for r in body["results"]] == ["zhou2019lipschitz"]
    assert client.get("/api/v1/search?q=adversarial&page=9").get_json()["page"] == 1


@pytest.mark.parametrize(
    "query_string",
    ["q=x&page=abc", "q=x&page=0", "q=x&page=-1", "q=x&sort=size", "q=x&year=nineteen", "q=", ""],
)
def test_api_refuses_malformed_calls_with_json(client, query_string):
    response = client.get(f"/api/v1/search?{query_string}")
    assert response.status_code == 400
    assert response.get_json()["error"]


def test_suggest_endpoint_gives_links(client):
    body = client.get("/api/v1/suggest?q=lip").get_json()
    assert body["query"] == "lip"
    assert {
        "kind": "title",
        "text": "Lipschitz Generative Adversarial Nets",
        "url": "/publications/zhou2019lipschitz",
    } in body["suggestions"]
    people = client.get("/api/v1/suggest?q=simil").get_json()["suggestions"]
    assert {"kind": "person", "text": "Aino Similä", "url": "/people/aino-simila"} in people
