"""Metadata for machines: Highwire tags and JSON-LD on paper pages, Person JSON-LD and
rel="me" on profiles, OpenGraph and a canonical URL on every page."""

import pytest
from builders import make_app, make_person, make_publication, site_page_urls
from head_reading import read_head
from sqlalchemy import select

from catalog.models import Publication, db
from catalog.records import AuthorRecord


def test_every_demo_paper_page_carries_highwire_tags_and_json_ld(demo_app, demo_client):
    with demo_app.app_context():
        papers = db.session.scalars(select(Publication)).all()
        expected = {
            p.key: (p.title, [a.display_name for a in p.authorships], str(p.year)) for p in papers
        }
    assert len(expected) == 14
    for key, (title, authors, year) in expected.items():
        head = read_head(demo_client.get(f"/publications/{key}").get_data(as_text=True))
        assert head.meta["citation_title"] == [title], key
        assert head.meta["citation_author"] == authors, key
        assert head.meta["citation_publication_date"] == [year], key
        venue = head.meta["citation_conference_title"] + head.meta["citation_journal_title"]
        assert len(venue) == 1 and venue[0], key
        [article] = head.json_ld
        assert article["@type"] == "ScholarlyArticle"
        assert article["name"] == title
        assert [a["name"] for a in article["author"]] == authors


def test_identifiers_and_pdf_become_tags(app, client):
    make_publication(
        key="ng2024",
        title="A Paper",
        authors=("Bo Ng",),
        year=2024,
        month=3,
        entry_type="article",
        venue_text="Journal of Things",
        venue_name="Journal of Things",
        doi="10.1234/x.1",
        arxiv_id="2401.00002",
        links=[
            {"kind": "pdf", "url": "https://example.org/ng.pdf"},
            {"kind": "pdf", "url": "https://example.org/hidden.pdf", "hidden": True},
        ],
    )
    head = read_head(client.get("/publications/ng2024").get_data(as_text=True))

    assert head.meta["citation_publication_date"] == ["2024/03"]
    assert head.meta["citation_journal_title"] == ["Journal of Things"]
    assert head.meta["citation_pdf_url"] == ["https://example.org/ng.pdf"]
    assert head.meta["citation_doi"] == ["10.1234/x.1"]
    assert head.meta["citation_arxiv_id"] == ["2401.00002"]
    [article] = head.json_ld
    assert article["datePublished"] == "2024-03"
    assert {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1234/x.1"} in article[
        "identifier"
    ]
    assert "https://example.org/hidden.pdf" not in article["sameAs"]


def test_member_authors_link_to_their_profiles_in_json_ld(app, client):
    make_person()
    make_publication(authors=("Ada Lovelace", "Charles Babbage"))
    [article] = read_head(
        client.get("/publications/lovelace1843notes").get_data(as_text=True)
    ).json_ld

    assert article["author"] == [
        {"@type": "Person", "name": "Ada Lovelace", "url": "http://localhost/people/ada-lovelace"},
        {"@type": "Person", "name": "Charles Babbage"},
    ]


def test_profile_carries_person_json_ld_and_rel_me(demo_client):
    head = read_head(demo_client.get("/people/zhiming-zhou").get_data(as_text=True))

    [person] = head.json_ld
    assert person["@type"] == "Person"
    assert person["name"] == "Zhiming Zhou"
    assert person["affiliation"][0]["name"].startswith("Department of Computer Science")
    assert "https://github.com/ZhimingZhou" in person["sameAs"]
    assert any(url.startswith("https://scholar.google.com/") for url in person["sameAs"])
    # The DBLP link is hidden on the homepage: it stays out of the metadata too.
    assert not any("dblp.org" in url for url in person["sameAs"] + head.links["me"])
    assert set(head.links["me"]) == set(person["sameAs"])
    assert head.meta["og:type"] == ["profile"]


def test_orcid_and_dblp_links_are_same_as(app, client):
    make_person(
        affiliations=[{"name": "Engine Lab", "url": "https://example.org/lab"}],
        links=[
            {"kind": "orcid", "url": "https://orcid.org/0000-0001"},
            {"kind": "dblp", "url": "https://dblp.org/pid/1"},
            {"kind": "cv", "url": "https://example.org/cv.pdf"},
        ],
    )
    head = read_head(client.get("/people/ada-lovelace").get_data(as_text=True))

    [person] = head.json_ld
    assert person["sameAs"] == ["https://orcid.org/0000-0001", "https://dblp.org/pid/1"]
    assert person["affiliation"] == [
        {"@type": "Organization", "name": "Engine Lab", "url": "https://example.org/lab"}
    ]
    assert head.links["me"] == person["sameAs"]


def test_every_page_has_opengraph_and_a_canonical_url(demo_app, demo_client):
    for url in [*site_page_urls(demo_app), "/search?q=graph", "/no/such/page"]:
        head = read_head(demo_client.get(url).get_data(as_text=True))
        canonical = "http://localhost" + url.split("?")[0]
        assert head.links["canonical"] == [canonical], url
        assert head.meta["og:url"] == [canonical], url
        assert len(head.meta["og:title"]) == 1 and head.meta["og:title"][0], url
        assert head.meta["og:site_name"] == ["Scholarsite"], url
        # What search engines show under the link: every page has one, of its own.
        assert len(head.meta["description"]) == 1 and len(head.meta["description"][0]) > 40, url


def test_site_url_setting_makes_the_absolute_urls(tmp_path):
    app = make_app(tmp_path / "instance", SITE_URL="https://lab.example.org/")
    with app.app_context():
        make_publication()
    head = read_head(
        app.test_client().get("/publications/lovelace1843notes").get_data(as_text=True)
    )

    assert head.links["canonical"] == ["https://lab.example.org/publications/lovelace1843notes"]
    assert head.json_ld[0]["url"] == "https://lab.example.org/publications/lovelace1843notes"


@pytest.mark.parametrize("url", ["/publications/lovelace1843notes", "/people/ada-lovelace"])
def test_markup_in_content_cannot_escape_its_tag(app, client, url):
    attack = '</script><script>alert(1)</script>"><img src=x onerror=alert(1)>'
    make_person(tagline=attack)
    make_publication(title=attack, authors=(AuthorRecord("Ada Lovelace"),), abstract=attack)
    html = client.get(url).get_data(as_text=True)

    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    head = read_head(html)
    assert all(s.get("type") == "application/ld+json" or s.get("src") for s in head.scripts)
    assert attack in str(head.json_ld[0])
