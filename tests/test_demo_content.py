"""Every fact of the two seed homepages is on the demo site, page by page."""

import pytest
from page_reading import page_hrefs, page_text, read_page
from seed_facts import (
    EQUAL_CONTRIBUTION,
    LAY_SUMMARIES,
    PUBLICATIONS,
    VENUE_BADGES,
    ZHANXING_TEXT,
    ZHIMING_BIO,
    ZHIMING_HIDDEN_LINK,
    ZHIMING_LINKS,
)

PROFILE_OF = {"zhiming-zhou": "Zhiming Zhou", "zhanxing-zhu": "Zhanxing Zhu"}


def get_ok(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


@pytest.mark.parametrize("sentence", ZHIMING_BIO)
def test_zhiming_biography_is_on_his_profile(demo_client, sentence):
    assert sentence in page_text(get_ok(demo_client, "/people/zhiming-zhou"))


@pytest.mark.parametrize(("label", "url"), ZHIMING_LINKS.items())
def test_zhiming_links_are_on_his_profile(demo_client, label, url):
    _, links = read_page(get_ok(demo_client, "/people/zhiming-zhou"))
    assert any(href == url and label in text for href, text in links), (label, url)


def test_hidden_dblp_link_is_stored_but_not_shown(demo_app, demo_client):
    from catalog.models import PersonLink, db

    assert ZHIMING_HIDDEN_LINK not in page_hrefs(get_ok(demo_client, "/people/zhiming-zhou"))
    with demo_app.app_context():
        link = db.session.scalars(db.select(PersonLink).filter_by(kind="dblp")).one()
        assert (link.url, link.hidden) == (ZHIMING_HIDDEN_LINK, True)


@pytest.mark.parametrize("fact", ZHANXING_TEXT)
def test_zhanxing_facts_are_on_his_profile(demo_client, fact):
    assert fact in page_text(get_ok(demo_client, "/people/zhanxing-zhu"))


def test_zhanxing_email_is_a_mailto_link(demo_client):
    assert "mailto:z.zhu@soton.ac.uk" in page_hrefs(get_ok(demo_client, "/people/zhanxing-zhu"))


@pytest.mark.parametrize(
    ("key", "owner", "title", "authors", "venue", "year", "links"), PUBLICATIONS
)
@pytest.mark.parametrize("page", ["paper", "profile", "list"])
def test_every_publication_fact_is_on_each_page(
    demo_client, page, key, owner, title, authors, venue, year, links
):
    url = {
        "paper": f"/publications/{key}",
        "profile": f"/people/{owner}",
        "list": f"/people/{owner}/publications",
    }[page]
    html = get_ok(demo_client, url)
    text = page_text(html)
    assert title in text
    start = text.index(title)
    # The authors, in order, then the printed venue and year, follow the title.
    following = text[start:]
    positions = [following.index(name) for name in authors]
    assert positions == sorted(positions), authors
    assert f"{venue}, {year}" in following
    assert VENUE_BADGES[key] in text
    assert set(links) <= page_hrefs(html)


@pytest.mark.parametrize("key", sorted(LAY_SUMMARIES))
@pytest.mark.parametrize("page", ["paper", "profile"])
def test_hidden_brief_introductions_are_expandable_summaries(demo_client, key, page):
    url = f"/publications/{key}" if page == "paper" else "/people/zhiming-zhou"
    html = get_ok(demo_client, url)
    assert LAY_SUMMARIES[key] in page_text(html)
    assert "<details" in html and "<summary" in html


def test_lay_summary_keeps_its_emphasis(demo_client):
    html = get_ok(demo_client, "/publications/zhou2019adashift")
    assert "<em>net update factor</em>" in html


@pytest.mark.parametrize("key", sorted(EQUAL_CONTRIBUTION))
def test_equal_contribution_is_marked_with_a_legend(demo_client, key):
    text = page_text(get_ok(demo_client, f"/publications/{key}"))
    for name in EQUAL_CONTRIBUTION[key]:
        assert f"{name}*" in text.replace(" *", "*")
    assert "Equal contribution" in text


@pytest.mark.parametrize(
    ("key", "printed"),
    [("lyu2025solvable", "Bochen Lyu"), ("lv2022implicit", "Bochen Lv")],
)
def test_a_co_author_who_is_no_member_has_no_page(demo_client, key, printed):
    # The homepages print him both ways but give him no page of his own.
    text, links = read_page(get_ok(demo_client, f"/publications/{key}"))
    assert printed in text
    assert not [href for href, _label in links if "bochen" in href]
    assert demo_client.get("/people/bochen-lyu").status_code == 404


@pytest.mark.parametrize("spelling", ["Bochen Lyu", "Bochen Lv"])
def test_either_spelling_of_a_co_author_finds_his_papers(demo_client, spelling):
    text = page_text(get_ok(demo_client, f"/search?q=author:%22{spelling}%22"))
    assert "Implicit Bias of Adversarial Training for Deep Neural Networks" in text
    assert "A Solvable Attention for Neural Scaling Laws" in text


@pytest.mark.parametrize(
    ("key", "owner", "title", "authors", "venue", "year", "links"), PUBLICATIONS
)
def test_site_members_in_author_lists_link_to_their_profiles(
    demo_client, key, owner, title, authors, venue, year, links
):
    _, page_links = read_page(get_ok(demo_client, f"/publications/{key}"))
    assert (f"/people/{owner}", PROFILE_OF[owner]) in page_links


def test_directory_lists_both_homepages(demo_client):
    _, links = read_page(get_ok(demo_client, "/"))
    assert ("/people/zhiming-zhou", "Zhiming Zhou") in links
    assert ("/people/zhanxing-zhu", "Zhanxing Zhu") in links


def test_publication_list_is_grouped_by_year_newest_first(demo_client):
    html = get_ok(demo_client, "/people/zhanxing-zhu/publications")
    years = [html.index(f'id="year-{year}"') for year in (2025, 2023, 2022, 2021, 2019, 2018)]
    assert years == sorted(years)


@pytest.mark.parametrize("url", ["/", "/people/zhiming-zhou", "/publications/zhou2016sparse"])
def test_every_page_has_the_search_box(demo_client, url):
    html = get_ok(demo_client, url)
    assert 'action="/search"' in html and 'name="q"' in html


def test_zhanxing_shows_no_research_interests_his_page_does_not_list(demo_client):
    # His homepage has the heading "Research Interests:" with nothing under it.
    html = demo_client.get("/people/zhanxing-zhu").get_data(as_text=True)
    assert "ML4Science</li>" not in html
    assert 'class="interests"' not in html


def test_papers_of_one_year_keep_the_order_of_the_homepage(demo_client):
    # Zhiming's homepage lists "Recurrent Temporal Revision Graph Networks" before
    # "Clustered Embedding Learning for Recommender Systems", both of 2023.
    html = demo_client.get("/people/zhiming-zhou/publications").get_data(as_text=True)
    assert html.index("Recurrent Temporal Revision") < html.index("Clustered Embedding Learning")
