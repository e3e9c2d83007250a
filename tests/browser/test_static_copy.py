"""A frozen copy of the site, served as plain files, searched in a real browser."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from builders import make_app

pytestmark = pytest.mark.browser


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, *_args) -> None:
        pass


@pytest.fixture(scope="module")
def copy_url(tmp_path_factory):
    """The demo site frozen and served as files, as `python -m http.server -d OUT` does."""
    folder = tmp_path_factory.mktemp("copy")
    app = make_app(folder / "instance", LOAD_CONTENT_ON_FIRST_START=True)
    result = app.test_cli_runner().invoke(args=["freeze", str(folder / "site")])
    assert result.exit_code == 0, result.output
    handler = functools.partial(_QuietFiles, directory=str(folder / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def results(page, query: str) -> list[str]:
    page.get_by_role("searchbox").fill(query)
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_selector(".search-status:not(:empty)")
    page.wait_for_load_state("networkidle")
    return page.locator(".result-title").all_inner_texts()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lipschitz", "Lipschitz Generative Adversarial Nets"),
        (
            "author:zhou has:code",
            "AdaShift: Decorrelation and Convergence of Adaptive Learning Rate Methods",
        ),
        (
            "The Anisotropic Noise in Stochastic Gradient Descent: Its Behavior of Escaping from "
            "Sharp Minima and Regularization Effects",
            "The Anisotropic Noise in Stochastic Gradient Descent",
        ),
    ],
)
def test_the_copys_search_box_finds_what_people_type(browser, copy_url, query, expected):
    page = browser.new_page(base_url=copy_url)
    page.goto("/")

    found = results(page, query)

    # Among the first few: `author:` looks its words up anywhere in a paper's page.
    assert any(title.startswith(expected) for title in found[:3]), found
    assert "searches in your browser (Pagefind)" in page.locator(".search-kind").inner_text()
    page.close()


def test_the_copys_facets_narrow_the_results(browser, copy_url):
    page = browser.new_page(base_url=copy_url)
    page.goto("/search/?q=gan")
    page.wait_for_selector(".result-title")
    everything = page.locator(".result-title").count()

    page.locator(".facets a", has_text="2019").click()
    page.wait_for_selector(".result-title")

    assert "year%3A2019" in page.url
    assert 0 < page.locator(".result-title").count() < everything
    page.close()


def test_a_venue_in_any_case_is_a_filter_and_an_author_finds_only_their_papers(browser, copy_url):
    page = browser.new_page(base_url=copy_url)
    page.goto("/")
    iclr = results(page, "venue:iclr")
    assert len(iclr) == 4
    by_lyu = results(page, "author:lyu venue:iclr")
    assert by_lyu == ["A Solvable Attention for Neural Scaling Laws"]
    page.close()


def test_every_result_opens_its_paper_page(browser, copy_url):
    page = browser.new_page(base_url=copy_url)
    page.goto("/search/?q=author:zhou")
    page.wait_for_selector(".result-title a")

    page.locator(".result-title a").first.click()

    assert page.locator("h1").inner_text() and "/publications/" in page.url
    page.close()


def test_filters_are_looked_up_as_words_the_results_never_show(browser, copy_url):
    page = browser.new_page(base_url=copy_url)
    page.goto("/")

    assert len(results(page, "year:2019 type:inproceedings")) == 4
    assert "_" not in " ".join(page.locator(".result-snippet").all_inner_texts())
    assert len(results(page, "year:2018..2019")) == 6  # a span stays a Pagefind filter
    # Words of a venue that is no venue's name are looked up in the papers.
    results(page, 'venue:"Neural Information Processing"')
    venues = page.locator(".result-venue").all_inner_texts()
    assert sum(venue.startswith("NeurIPS") for venue in venues) == 4, venues
    page.close()
