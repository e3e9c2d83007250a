"""Judged queries over the bundled demo: what visitors type, and what they must get first."""

import pytest

from search import SearchRequest, search

# Every test here runs on each search backend (conftest.py).
SEARCH_BACKENDS = "all"


@pytest.fixture(autouse=True)
def demo(demo_app):
    with demo_app.test_request_context():
        yield


def ask(text: str, **options):
    return search(SearchRequest(text=text, **options))


def keys(text: str) -> list[str]:
    return [hit.publication.key for hit in ask(text).papers]


@pytest.mark.parametrize(
    "pasted, key",
    [
        ("Implicit Bias of Adversarial Training", "lv2022implicit"),
        ("Implicit Bias of Adversarial Training for Deep Neural Networks", "lv2022implicit"),
        ("you only propagate once", "zhang2019you"),
        (
            "You only propagate once: Accelerating adversarial training via maximal principle",
            "zhang2019you",
        ),
        ("the anisotropic noise", "zhu2019anisotropic"),
        ("a solvable attention for neural scaling laws", "lyu2025solvable"),
        ("A Solvable Attention for Neural Scaling Laws", "lyu2025solvable"),
        ("Residual Multi-Task Learner for Applied Ranking", "fu2024residual"),
        ("Sparse-as-Possible SVBRDF Acquisition", "zhou2016sparse"),
    ],
)
def test_a_pasted_title_comes_back_first(pasted, key):
    assert keys(pasted)[0] == key


def test_the_exact_title_outranks_a_longer_title_holding_it():
    # Both titles start "Implicit Bias of"; the one typed whole is first.
    found = keys("Implicit Bias of Adversarial Training for Deep Neural Networks")
    assert found[0] == "lv2022implicit"
    assert "lyu2023implicit" not in found[:1]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("iclr 2019", {"zhou2019adashift"}),
        ("icml 2019", {"zhou2019lipschitz", "zhu2019anisotropic"}),
        ("neurips 2023", {"lyu2023implicit"}),
        ("zhou 2019", {"zhou2019adashift", "zhou2019lipschitz"}),
    ],
)
def test_a_bare_year_matches_the_year(query, expected):
    found = set(keys(query))
    assert expected <= found
    assert all(hit.publication.year == int(query.split()[1]) for hit in ask(query).papers)


def test_an_old_venue_name_finds_the_venue():
    found = ask("NIPS")
    assert found.total >= 3
    assert all(hit.publication.venue.abbreviation == "NeurIPS" for hit in found.papers)
    assert found.suggestion == ""


def test_a_query_no_paper_matches_whole_shows_the_closest_with_a_notice():
    found = ask("generative adversarial networks")
    assert {hit.publication.key for hit in found.papers[:2]} == {
        "zhou2019lipschitz",
        "zhou2018activation",
    }
    assert any("match some of your words" in notice for notice in found.notices)


def test_a_pasted_title_with_a_typo_still_finds_its_paper():
    found = ask("Lipschitz Generative Adversarail Nets")
    assert found.papers[0].publication.key == "zhou2019lipschitz"


def test_no_did_you_mean_when_it_would_not_find_more():
    found = ask("adam convergence")
    assert "zhou2019adashift" in {hit.publication.key for hit in found.papers}
    assert found.suggestion == ""


def test_did_you_mean_when_the_respelt_query_finds_papers():
    found = ask("lipschtz")
    assert found.suggestion == "lipschitz"


def test_a_dangling_operator_is_ignored():
    assert set(keys("zhou AND")) == set(keys("zhou"))
    assert set(keys("zhou OR")) == set(keys("zhou"))
    assert len(keys("zhou AND")) > 1


def test_a_hyphenated_word_ranks_its_paper_first_and_matches_as_one_word():
    assert keys("rank-1")[0] == "lyu2023implicit"
    assert "lyu2023implicit" in keys("rank1")
    assert keys("multi-task") == ["fu2024residual"]
    assert keys("multitask") == ["fu2024residual"]
    assert keys("multi task") == ["fu2024residual"]


def test_quoted_phrases_keep_their_words():
    assert keys('"the anisotropic noise"') == ["zhu2019anisotropic"]
    assert keys('"noise anisotropic"') == []
