"""The read-only JSON API over people and publications."""

import pytest
from builders import make_person, make_publication

from catalog.records import AuthorRecord


def add_papers() -> None:
    make_person(
        links=[
            {"kind": "github", "url": "https://github.com/ada"},
            {"kind": "dblp", "url": "https://dblp.org/ada", "hidden": True},
        ]
    )
    make_publication(
        venue_text="Proceedings of Engines (PE)",
        venue_abbreviation="PE",
        venue_name="Proceedings of Engines",
    )
    make_publication(
        key="later",
        title="A Later Paper",
        year=1844,
        authors=(AuthorRecord("Ada Lovelace", equal_contribution=True), "Bo Ng"),
    )
    make_publication(
        key="someone-else",
        title="Not Hers",
        year=1844,
        authors=("Bo Ng",),
        lay_summary="secret",
        lay_summary_visible=False,
    )


def test_people_list_and_one_person(app, client):
    add_papers()

    people = client.get("/api/v1/people").get_json()
    ada = client.get("/api/v1/people/ada-lovelace").get_json()

    assert people["total"] == 1
    assert people["items"][0]["slug"] == "ada-lovelace"
    assert people["items"][0]["api_url"] == "http://localhost/api/v1/people/ada-lovelace"
    assert ada["name"] == "Ada Lovelace"
    assert ada["links"] == [{"kind": "github", "label": "", "url": "https://github.com/ada"}]
    assert ada["publications_url"] == "http://localhost/api/v1/publications?person=ada-lovelace"


def test_publications_are_paginated_newest_first(app, client):
    add_papers()

    first = client.get("/api/v1/publications?per_page=2").get_json()
    second = client.get("/api/v1/publications?per_page=2&page=2").get_json()
    beyond = client.get("/api/v1/publications?per_page=2&page=3").get_json()

    assert (first["total"], first["pages"], first["page"]) == (3, 2, 1)
    assert [p["key"] for p in first["items"]] == ["later", "someone-else"]
    assert [p["key"] for p in second["items"]] == ["lovelace1843notes"]
    assert beyond["items"] == []


def _walk(client, url: str) -> list[str]:
    """Follow next links from a first page; return the keys in the order given."""
    keys = []
    while url:
        page = client.get(url).get_json()
        keys += [p["key"] for p in page["items"]]
        url = page["next"]
    return keys


def test_next_links_walk_every_paper_once_in_order(app, client):
    add_papers()
    make_publication(key="undated", title="No Year Known", year=None)
    make_publication(key="june", title="In June", year=1844, month=6)
    everything = [p["key"] for p in client.get("/api/v1/publications").get_json()["items"]]

    assert everything == ["june", "later", "someone-else", "lovelace1843notes", "undated"]
    assert _walk(client, "/api/v1/publications?per_page=2") == everything
    last = client.get("/api/v1/publications?per_page=2&page=3").get_json()
    assert last["next"] is None


def test_a_paper_added_while_walking_is_neither_repeated_nor_skipping_one(app, client):
    add_papers()
    first = client.get("/api/v1/publications?per_page=2").get_json()
    make_publication(key="brand-new", title="Brand New", year=1900)
    rest = _walk(client, first["next"])
    assert [p["key"] for p in first["items"]] + rest == [
        "later",
        "someone-else",
        "lovelace1843notes",
    ]
    assert client.get(first["next"]).get_json()["page"] is None


def test_next_links_keep_the_filters(app, client):
    add_papers()
    page = client.get("/api/v1/publications?person=ada-lovelace&per_page=1").get_json()
    assert "person=ada-lovelace" in page["next"]
    assert _walk(client, "/api/v1/publications?person=ada-lovelace&per_page=1") == [
        "later",
        "lovelace1843notes",
    ]


@pytest.mark.parametrize(
    "cursor", ["", "x", "2019", "2019.6", "a.b.c", "2019.6.%20", "12345.1.k", "2019.6.Key"]
)
def test_a_cursor_we_did_not_give_is_a_400_in_json(client, cursor):
    response = client.get(f"/api/v1/publications?after={cursor}")
    assert response.status_code == 400
    assert "cursor" in response.get_json()["error"]


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("person=ada-lovelace", ["later", "lovelace1843notes"]),
        ("person=nobody", []),
        ("year=1843", ["lovelace1843notes"]),
        ("venue=pe", ["lovelace1843notes"]),
        ("venue=Proceedings of Engines", ["lovelace1843notes"]),
        ("person=ada-lovelace&year=1844", ["later"]),
    ],
)
def test_publications_filter_by_person_year_and_venue(app, client, query, keys):
    add_papers()
    found = client.get(f"/api/v1/publications?{query}").get_json()
    assert [p["key"] for p in found["items"]] == keys


@pytest.mark.parametrize(
    "query", ["page=0", "page=x", "page=", "per_page=101", "year=-1", "year=" + "9" * 5000]
)
def test_malformed_arguments_are_a_400_in_json(client, query):
    response = client.get(f"/api/v1/publications?{query}")
    assert response.status_code == 400
    assert "must be a whole number" in response.get_json()["error"]


def test_one_publication_with_authors_venue_and_no_hidden_content(app, client):
    add_papers()

    later = client.get("/api/v1/publications/later").get_json()
    hidden = client.get("/api/v1/publications/someone-else").get_json()

    assert later["authors"] == [
        {
            "name": "Ada Lovelace",
            "equal_contribution": True,
            "corresponding": False,
            "person": "ada-lovelace",
        },
        {"name": "Bo Ng", "equal_contribution": False, "corresponding": False, "person": None},
    ]
    assert later["url"] == "http://localhost/publications/later"
    assert hidden["lay_summary"] == ""
    assert client.get("/api/v1/publications/lovelace1843notes").get_json()["venue"] == {
        "abbreviation": "PE",
        "name": "Proceedings of Engines",
        "kind": "other",
    }


@pytest.mark.parametrize("url", ["/api/v1/people/nobody", "/api/v1/publications/nothing"])
def test_unknown_person_or_paper_is_a_404_in_json(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.is_json and response.get_json()["error"]


def test_openapi_document_describes_catalog_search_and_suggest(client):
    document = client.get("/api/v1/openapi.json").get_json()

    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/api/v1/people",
        "/api/v1/people/{slug}",
        "/api/v1/publications",
        "/api/v1/publications/{key}",
        "/api/v1/search",
        "/api/v1/suggest",
    }
    search = document["paths"]["/api/v1/search"]["get"]["parameters"]
    assert [p["name"] for p in search] == ["q", "page", "sort", "year", "venue", "type", "person"]
    suggest = document["paths"]["/api/v1/suggest"]["get"]["parameters"]
    assert [p["name"] for p in suggest] == ["q"]
