"""Ranking, highlighting and pages as papers are added to the search tests' corpus."""

import pytest
from builders import make_publication
from search_corpus import build_search_corpus

from search import SearchRequest, search

# Every test here runs on each search backend (conftest.py).
SEARCH_BACKENDS = "all"


@pytest.fixture(autouse=True)
def corpus(app):
    build_search_corpus()


def keys(text: str, **options) -> list[str]:
    return [hit.publication.key for hit in search(SearchRequest(text=text, **options)).papers]


def test_words_in_a_row_in_a_title_outrank_the_same_words_scattered():
    make_publication(key="scattered", title="Neural Models of Graph Networks", year=2021)
    make_publication(key="in-a-row", title="Graph Neural Networks for Molecules", year=2020)
    found = keys("graph neural networks")
    assert found.index("in-a-row") < found.index("scattered")


def test_the_exact_title_outranks_titles_that_hold_it():
    make_publication(key="longer", title="Graph Network Models of Molecules and Crystals")
    assert keys("Graph Network Models of Molecules")[0] == "simila2018graph"


def test_highlights_escape_html():
    make_publication(key="html", title="Tags <script> in lipschitz titles", year=2021)
    hit = next(
        h for h in search(SearchRequest(text="lipschitz")).papers if h.publication.key == "html"
    )
    assert "<script>" not in hit.highlights["title"]
    assert "&lt;script&gt;" in hit.highlights["title"]


def test_pages_hold_twenty_results():
    for n in range(45):
        make_publication(key=f"bulk{n}", title=f"Quantum widget study {n}", year=2000 + n % 20)
    first = search(SearchRequest(text="quantum"))
    third = search(SearchRequest(text="quantum", page=3))
    assert (first.total, first.pages, len(first.papers), len(third.papers)) == (45, 3, 20, 5)
    seen = {
        h.publication.key for p in (1, 2, 3) for h in search(SearchRequest("quantum", p)).papers
    }
    assert len(seen) == 45


def test_snippets_read_as_prose_not_as_markdown(client):
    make_publication(
        key="marked-up",
        title="Uninformative gradients",
        abstract="We address the *gradient uninformativeness issue* with [a fix](https://x.org).",
        year=2021,
    )
    page = client.get("/search?q=uninformativeness").get_data(as_text=True)
    snippet = page.split('class="snippet">', 1)[1].split("</p>", 1)[0]
    assert "*" not in snippet and "](" not in snippet
    assert "uninformativeness</mark> issue with a fix" in snippet
