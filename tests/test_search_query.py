"""The query language, ranking, facets and suggestions, on a small real index."""

import re

import pytest

from search import SearchRequest, search, suggest

# Every test here runs on each search backend (conftest.py).
SEARCH_BACKENDS = "all"


@pytest.fixture(scope="module")
def app(search_corpus_site):
    """The tests here only read (tests/test_search_ranking.py adds papers): one site."""
    return search_corpus_site


@pytest.fixture(autouse=True)
def _searching(app):
    """Every test here searches that site (pytest-flask gives each one its context)."""


def keys(text: str, **options) -> list[str]:
    return [hit.publication.key for hit in search(SearchRequest(text=text, **options)).papers]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("adversarial", {"zhou2019lipschitz", "lv2022implicit"}),
        ("adversarial lipschitz", {"zhou2019lipschitz"}),  # every word must match
        ('"neural networks"', {"lv2022implicit", "lovelace2020survey"}),
        ('"networks neural"', set()),
        ("neur*", {"lv2022implicit", "lovelace2020survey", "simila2018graph"}),
        ("nets*", {"zhou2019lipschitz"}),  # a prefix as typed, not its stem "net"
        ("networks*", {"lv2022implicit", "lovelace2020survey", "simila2018graph"}),
        ("title:lipschitz", {"zhou2019lipschitz"}),
        ("author:smith", {"simila2018graph", "smith2017ranking"}),
        ("venue:iclr", {"lv2022implicit"}),
        ('venue:"learning representations"', {"lv2022implicit"}),
        ("year:2019", {"zhou2019lipschitz"}),
        ("year:2018..2020", {"zhou2019lipschitz", "simila2018graph", "lovelace2020survey"}),
        ("year:[2018 TO 2019]", {"zhou2019lipschitz", "simila2018graph"}),
        ("type:article", {"lovelace2020survey"}),
        ("has:code", {"zhou2019lipschitz"}),
        ("has:slides", {"lv2022implicit"}),
        ("has:poster", {"smith2017ranking"}),
        ("person:bochen-lyu", {"lv2022implicit", "smith2017ranking"}),
        ("adversarial AND year:2022", {"lv2022implicit"}),
        ("title:lipschitz OR title:graph", {"zhou2019lipschitz", "simila2018graph"}),
        ("adversarial NOT lipschitz", {"lv2022implicit"}),
        ("(graph OR ranking) AND author:smith", {"simila2018graph", "smith2017ranking"}),
        ("remember sequences", {"lovelace2020survey"}),  # visible lay summary
        ("zanzibar", set()),  # a hidden lay summary is not searchable
    ],
)
def test_query_language(query, expected):
    assert set(keys(query)) == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("ZHOU", {"zhou2019lipschitz"}),
        ("simila", {"simila2018graph"}),
        ("SIMILÄ", {"simila2018graph"}),
        ("network", {"lv2022implicit", "lovelace2020survey", "simila2018graph"}),
        ("networks", {"lv2022implicit", "lovelace2020survey", "simila2018graph"}),
    ],
)
def test_case_accents_and_stemming_do_not_matter(query, expected):
    assert set(keys(query)) == expected


def test_a_name_finds_papers_printed_under_an_alias():
    assert set(keys('"Bochen Lyu"')) == {"lv2022implicit", "smith2017ranking"}
    assert set(keys('"Bochen Lv"')) == {"lv2022implicit", "smith2017ranking"}


def test_title_match_outranks_abstract_only_match():
    assert keys("lipschitz") == ["zhou2019lipschitz", "simila2018graph"]


def test_sort_by_date_puts_newest_first():
    assert keys("neural OR adversarial", sort="date") == [
        "lv2022implicit",
        "lovelace2020survey",
        "zhou2019lipschitz",
        "simila2018graph",
    ]


def test_matches_are_highlighted():
    hit = search(SearchRequest(text="lipschitz")).papers[0]
    assert re.fullmatch(
        r'<mark class="[^"]+">Lipschitz</mark> Generative Adversarial Nets', hit.highlights["title"]
    )


def test_matches_in_a_lay_summary_are_highlighted():
    (hit,) = search(SearchRequest(text="remember")).papers
    assert re.search(r'<mark class="[^"]+">remember</mark> sequences', hit.highlights["abstract"])


def test_facets_count_every_match():
    facets = search(SearchRequest(text="adversarial OR graph")).facets
    assert facets["year"] == {"2022": 1, "2019": 1, "2018": 1}
    assert facets["venue"] == {"ICML": 1, "ICLR": 1, "NeurIPS": 1}
    assert facets["type"] == {"inproceedings": 3}
    assert facets["person"] == {"zhiming-zhou": 1, "bochen-lyu": 1, "aino-simila": 1}


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"year": ["2019"]}, {"zhou2019lipschitz"}),
        ({"venue": ["ICLR"]}, {"lv2022implicit"}),
        ({"type": ["inproceedings"], "person": ["aino-simila"]}, {"simila2018graph"}),
        ({"person": ["nobody"]}, set()),
    ],
)
def test_facet_filters_narrow_results(filters, expected):
    found = search(SearchRequest(text="adversarial OR graph", filters=filters))
    assert {hit.publication.key for hit in found.papers} == expected
    assert found.total == len(expected)


def test_people_match_by_name_alias_and_interests():
    assert [p.slug for p in search(SearchRequest(text="Bochen Lv")).people] == ["bochen-lyu"]
    assert [p.slug for p in search(SearchRequest(text="aalto")).people] == ["aino-simila"]
    assert [p.slug for p in search(SearchRequest(text="generative")).people] == ["zhiming-zhou"]


@pytest.mark.parametrize(
    "query, suggestion",
    [
        ("lipschitz adversarail", "lipschitz adversarial"),
        ("title:lipshitz", "title:lipschitz"),
        ("advesarial", "adversarial"),
        ("has:code lipshitz", "has:code lipschitz"),  # values of exact fields stay
    ],
)
def test_did_you_mean_uses_the_index_vocabulary(query, suggestion):
    assert search(SearchRequest(text=query)).suggestion == suggestion


def test_no_suggestion_for_known_words():
    assert search(SearchRequest(text="lipschitz")).suggestion == ""


def test_suggest_completes_titles_people_and_venues():
    completions = suggest("lip")
    assert {
        "kind": "title",
        "text": "Lipschitz Generative Adversarial Nets",
        "key": "zhou2019lipschitz",
    } in completions
    assert {"kind": "person", "text": "Bochen Lyu", "slug": "bochen-lyu"} in suggest("boch")
    assert {"kind": "venue", "text": "ICLR"} in suggest("ICL")
    assert suggest("   ") == []
