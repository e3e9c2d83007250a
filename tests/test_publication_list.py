"""/publications: every paper newest first, its facets, pages and filters; /people; the
header's navigation."""

import re

import pytest
from builders import make_app, make_person, make_publication
from page_reading import read_page

from catalog.models import db
from catalog.records import AuthorRecord


@pytest.fixture
def site(app):
    """Two members and papers of several years, venues, types and links."""
    with app.app_context():
        make_person("ada-lovelace", "Ada Lovelace", position="Professor")
        make_person("alan-turing", "Alan Turing")
        make_publication(
            "ada2019graphs",
            "Graphs of engines",
            authors=("Ada Lovelace", "Mary Somerville"),
            year=2019,
            entry_type="inproceedings",
            venue_text="International Conference on Learning Representations (ICLR)",
            venue_abbreviation="ICLR",
            arxiv_id="1901.00001",
            links=[{"kind": "arxiv", "url": "https://arxiv.org/abs/1901.00001", "label": "arXiv"}],
        )
        make_publication(
            "turing2019machines",
            "Machines that think",
            authors=("Alan Turing",),
            year=2019,
            entry_type="article",
            venue_text="Mind",
            links=[{"kind": "code", "url": "https://github.com/turing/think", "label": "Code"}],
        )
        make_publication(
            "both2021numbers",
            "Numbers and engines",
            authors=("Ada Lovelace", "Alan Turing"),
            year=2021,
            entry_type="inproceedings",
            venue_text="International Conference on Learning Representations (ICLR)",
            venue_abbreviation="ICLR",
            links=[{"kind": "code", "url": "https://github.com/ada/numbers", "label": "Code"}],
        )
    return app


def titles(html: str) -> list[str]:
    return re.findall(r'class="paper-title"><a href="[^"]+">([^<]+)</a>', html)


def facet(html: str, heading: str) -> dict[str, str]:
    """A facet's values and counts as shown: {"2019": "2"}."""
    section = html.split(f"<h2>{heading}</h2>", 1)[1].split("</section>", 1)[0]
    return dict(
        re.findall(r'<a href="[^"]*">([^<]+)</a> <span class="facet-count">(\d+)</span>', section)
    )


def test_every_paper_newest_first_with_its_facets(site, client):
    response = client.get("/publications")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert titles(html) == ["Numbers and engines", "Graphs of engines", "Machines that think"]
    assert "3 papers" in html
    assert facet(html, "Year") == {"2021": "1", "2019": "2"}
    assert facet(html, "Type") == {"Conference paper": "2", "Journal article": "1"}
    assert facet(html, "Member") == {"Ada Lovelace": "2", "Alan Turing": "2"}
    # The arXiv link and the arXiv identifier of one paper count it once.
    assert facet(html, "Has") == {"Code": "2", "arXiv": "1"}
    assert "inproceedings" not in read_page(html)[0]


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ("year=2019", ["Graphs of engines", "Machines that think"]),
        ("venue=ICLR", ["Numbers and engines", "Graphs of engines"]),
        ("type=article", ["Machines that think"]),
        ("person=alan-turing", ["Numbers and engines", "Machines that think"]),
        ("has=code", ["Numbers and engines", "Machines that think"]),
        ("has=arxiv&year=2019", ["Graphs of engines"]),
        ("person=alan-turing&has=code&year=2021", ["Numbers and engines"]),
    ],
)
def test_filters_narrow_the_list(site, client, arguments, expected):
    html = client.get(f"/publications?{arguments}").get_data(as_text=True)
    assert titles(html) == expected
    assert "Show every paper" in html


def test_facet_links_narrow_and_a_chosen_value_can_be_removed(site, client):
    html = client.get("/publications?year=2019").get_data(as_text=True)
    assert '<a href="/publications?year=2019&amp;has=code">Code</a>' in html
    assert "<strong>2019</strong>" in html
    removed = re.search(r'<a href="([^"]+)" aria-label="Remove filter 2019">', html).group(1)
    assert titles(client.get(removed).get_data(as_text=True))[0] == "Numbers and engines"


def test_nothing_matching_says_so_with_a_way_back(site, client):
    response = client.get("/publications?person=nobody")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "No paper matches these filters" in html
    assert titles(html) == []


@pytest.mark.parametrize(
    "arguments", ["year=abc", "year=0", "page=0", "page=x", "year=" + "9" * 40]
)
def test_a_malformed_argument_gets_the_whole_list_and_the_reason(site, client, arguments):
    response = client.get(f"/publications?{arguments}")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "must be a whole number" in html
    assert len(titles(html)) == 3


def test_pages_of_the_list(app, client):
    with app.app_context():
        for number in range(55):
            make_publication(
                f"p{number:02}", f"Paper {number:02}", year=1900 + number, commit=False
            )
        db.session.commit()
    first = client.get("/publications").get_data(as_text=True)
    assert len(titles(first)) == 50 and titles(first)[0] == "Paper 54"
    assert "page 1 of 2" in first
    assert 'rel="next" href="/publications?page=2"' in first
    second = client.get("/publications?page=2").get_data(as_text=True)
    assert titles(second) == [f"Paper {n:02}" for n in range(4, -1, -1)]
    assert 'rel="prev" href="/publications"' in second
    assert client.get("/publications?page=3").status_code == 404


def test_the_year_chart_describes_every_year_in_words(site, client):
    html = client.get("/publications").get_data(as_text=True)
    chart = html.split('<figure class="year-chart">', 1)[1].split("</figure>", 1)[0]
    assert "2019: 2; 2021: 1." in chart
    assert 'role="img"' in chart
    # 2020 had none: two bars, 2019's twice as tall as 2021's.
    heights = [int(h) for h in re.findall(r'<rect class="chart-bar"[^>]* height="(\d+)"', chart)]
    assert heights == [56, 28]


def test_the_api_filters_by_type_and_by_what_papers_have(site, client):
    found = client.get("/api/v1/publications?has=code&type=article").get_json()
    assert [item["title"] for item in found["items"]] == ["Machines that think"]
    assert found["total"] == 1


def test_people_page_lists_every_member(site, client):
    html = client.get("/people").get_data(as_text=True)
    assert "Ada Lovelace" in html and "Alan Turing" in html
    assert '<a href="/people" aria-current="page">People</a>' in html


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/people", "People"),
        ("/people/ada-lovelace", "People"),
        ("/people/ada-lovelace/publications", "People"),
        ("/publications", "Publications"),
        ("/publications?year=2019", "Publications"),
        ("/publications/ada2019graphs", "Publications"),
        ("/", None),
        ("/search?q=engines", None),
    ],
)
def test_the_navigation_marks_the_page_it_is_under(site, client, url, current):
    html = client.get(url).get_data(as_text=True)
    nav = html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'<a href="[^"]+">(\w+)</a>', nav.replace(' aria-current="page"', "")) == [
        "People",
        "Publications",
    ]
    marked = re.findall(r'aria-current="page">(\w+)<', nav)
    assert marked == ([current] if current else [])


def test_a_personal_site_offers_its_profile_and_its_papers(tmp_path):
    site = make_app(tmp_path / "i", HOME_PERSON="ada-lovelace")
    with site.app_context():
        make_person("ada-lovelace", "Ada Lovelace")
    html = site.test_client().get("/people/ada-lovelace/publications").get_data(as_text=True)
    nav = html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/">About</a>' in nav
    assert '<a href="/people/ada-lovelace/publications" aria-current="page">Publications</a>' in nav


def test_the_navigation_can_be_configured_and_follows_a_sub_path(tmp_path):
    site = make_app(
        tmp_path / "i",
        NAVIGATION=[["Papers", "/publications"], ["Blog", "https://blog.example.org/"]],
    )
    client = site.test_client()
    html = client.get("/publications", environ_overrides={"SCRIPT_NAME": "/lab"})
    nav = html.get_data(as_text=True).split('<nav class="site-nav"', 1)[1].split("</nav>")[0]
    assert '<a href="/lab/publications" aria-current="page">Papers</a>' in nav
    assert '<a href="https://blog.example.org/">Blog</a>' in nav


def test_a_member_without_papers_and_co_authors_only_count_for_members(site, client):
    with site.app_context():
        make_person("grace-hopper", "Grace Hopper")
        make_publication(
            "somerville1834",
            "On the connexion",
            authors=(AuthorRecord("Mary Somerville"),),
            year=1834,
        )
    html = client.get("/publications").get_data(as_text=True)
    assert "Grace Hopper" not in facet(html, "Member")
    assert "Mary Somerville" not in facet(html, "Member")
    assert "4 papers" in html
