"""Finding one's way in a real browser: the header's navigation, the list of every paper,
the search box's suggestions from any page, and the cite box's one style at a time."""

import pytest
from browser_setup import OVERFLOW, PHONE, serious_violations
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_the_navigation_leads_to_people_and_publications(open_page, viewport):
    page = open_page("/publications/zhou2019adashift", **({"viewport": viewport} or {}))
    nav = page.get_by_role("navigation", name="Site")
    assert nav.get_by_role("link", name="Publications").get_attribute("aria-current") == "page"
    # On a phone too, every item is on screen and the header fits the width.
    for name in ("People", "Publications"):
        assert nav.get_by_role("link", name=name).is_visible()
    assert page.evaluate(OVERFLOW) <= 0

    nav.get_by_role("link", name="People").click()
    page.wait_for_url("**/people")
    assert page.get_by_role("heading", level=1).inner_text() == "People"
    assert nav.get_by_role("link", name="People").get_attribute("aria-current") == "page"


def test_the_list_of_every_paper_narrows_by_its_facets(open_page):
    page = open_page("/publications")
    assert page.get_by_text("14 papers").is_visible()
    page.get_by_role("complementary").get_by_role("link", name="Code").click()
    page.wait_for_url("**/publications?has=code")
    titles = page.locator(".paper-title").all_inner_texts()
    assert 0 < len(titles) < 14
    assert "Lipschitz Generative Adversarial Nets" in titles
    page.get_by_role("link", name="Show every paper").first.click()
    page.wait_for_url("**/publications")
    assert page.locator(".paper-title").count() == 14
    # The chart of papers per year is read out as words.
    chart = page.get_by_role("img", name="Papers per year, 2016–2025")
    assert chart.is_visible()


@pytest.mark.parametrize("path", ["/people/zhiming-zhou", "/publications", "/search?q=gan"])
def test_the_search_box_suggests_from_every_page_and_for_the_last_word(open_page, path):
    page = open_page(path)
    box = page.get_by_role("combobox", name="Search publications and people")
    box.fill("")
    box.press_sequentially("zhou lipsch", delay=20)
    options = page.get_by_role("listbox", name="Suggestions").get_by_role("option")
    options.first.wait_for()
    assert "Lipschitz Generative Adversarial Nets" in options.all_inner_texts()[0]
    assert box.get_attribute("aria-expanded") == "true"

    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    box.press("Enter")
    page.wait_for_url("**/publications/zhou2019lipschitz")


def test_escape_closes_the_suggestions_and_enter_then_searches(open_page):
    page = open_page("/")
    box = page.get_by_role("combobox", name="Search publications and people")
    box.press_sequentially("lipsch", delay=20)
    listbox = page.get_by_role("listbox", name="Suggestions")
    listbox.get_by_role("option").first.wait_for()
    box.press("Escape")
    assert listbox.is_hidden()
    box.press("Enter")
    page.wait_for_url("**/search?q=lipsch")


def test_the_cite_box_shows_one_style_and_copies_the_one_shown(open_page):
    page = open_page("/publications/zhou2019lipschitz")
    panels = page.locator(".cite-panel")
    assert [panels.nth(n).is_visible() for n in range(panels.count())] == [
        True,
        False,
        False,
        False,
    ]
    page.get_by_text("BibTeX", exact=True).first.click()
    assert page.locator(".cite-panel[data-style=BibTeX]").is_visible()
    assert not page.locator(".cite-panel[data-style=APA]").is_visible()
    # The BibTeX box wraps its lines on a phone instead of cutting them off.
    page.set_viewport_size(PHONE)
    bibtex = page.locator("pre.bibtex")
    assert bibtex.evaluate("box => box.scrollWidth <= box.clientWidth")

    page.get_by_role("button", name="Copy").click()
    expect(page.locator(".copy-status")).to_contain_text("BibTeX")
    # The style chosen is the one the next paper shows.
    page.goto("/publications/zhou2019adashift")
    assert page.locator(".cite-panel[data-style=BibTeX]").is_visible()
    assert not page.locator(".cite-panel[data-style=APA]").is_visible()
    assert serious_violations(page) == []


def test_the_cv_prints_without_the_site_around_it(open_page):
    page = open_page("/people/zhiming-zhou/cv")
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".cv-actions").is_hidden()
    assert page.get_by_role("heading", name="Conference papers").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
