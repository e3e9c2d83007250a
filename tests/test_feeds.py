"""Atom feeds, the sitemap and robots.txt: valid XML that names every person and paper."""

from datetime import datetime
from xml.etree import ElementTree

from builders import make_person, make_publication
from sqlalchemy import select

from catalog.models import Person, Publication, db
from publishing import feeds as site_feeds

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parse_feed(response):
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = ElementTree.fromstring(response.data)
    assert feed.tag == f"{ATOM}feed"
    return feed


def entry_keys(feed) -> list[str]:
    return [
        entry.find(f"{ATOM}link").get("href").rsplit("/", 1)[1]
        for entry in feed.findall(f"{ATOM}entry")
    ]


def test_site_feed_is_valid_atom_with_every_paper_newest_first(demo_app, demo_client):
    feed = parse_feed(demo_client.get("/feed.atom"))

    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://localhost/feed.atom"
    entries = feed.findall(f"{ATOM}entry")
    with demo_app.app_context():
        years = dict(db.session.execute(select(Publication.key, Publication.year)).all())
    assert sorted(entry_keys(feed)) == sorted(years)
    assert [years[key] for key in entry_keys(feed)] == sorted(years.values(), reverse=True)
    for entry in entries:
        assert entry.find(f"{ATOM}id").text.startswith("http://localhost/publications/")
        assert entry.find(f"{ATOM}title").text
        datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
        assert entry.findall(f"{ATOM}author")


def test_person_feed_holds_only_their_papers(app, client):
    make_person()
    make_publication()
    make_publication(key="someone-else", title="Not Hers", authors=("Bo Ng",))

    feed = parse_feed(client.get("/people/ada-lovelace/feed.atom"))

    assert entry_keys(feed) == ["lovelace1843notes"]
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Ada Lovelace"
    assert client.get("/people/nobody/feed.atom").status_code == 404


def test_empty_site_has_a_valid_empty_feed(client):
    feed = parse_feed(client.get("/feed.atom"))
    assert feed.findall(f"{ATOM}entry") == []


def sitemap_entries(client) -> dict[str, str]:
    """Read the sitemap index and every sitemap it names: {address: lastmod}."""
    response = client.get("/sitemap.xml")
    assert response.mimetype == "application/xml"
    index = ElementTree.fromstring(response.data)
    assert index.tag == f"{SITEMAP}sitemapindex"
    entries = {}
    for part in index.findall(f"{SITEMAP}sitemap"):
        loc = part.find(f"{SITEMAP}loc").text
        assert loc.startswith("http://localhost/sitemaps/")
        urlset = ElementTree.fromstring(client.get(loc.removeprefix("http://localhost")).data)
        assert urlset.tag == f"{SITEMAP}urlset"
        found = {
            url.find(f"{SITEMAP}loc").text: url.find(f"{SITEMAP}lastmod").text
            for url in urlset.findall(f"{SITEMAP}url")
        }
        assert part.find(f"{SITEMAP}lastmod").text == max(found.values())
        entries |= found
    return entries


def test_sitemap_lists_every_person_and_paper_with_lastmod(demo_app, demo_client):
    entries = sitemap_entries(demo_client)
    with demo_app.app_context():
        slugs = db.session.scalars(select(Person.slug)).all()
        keys = db.session.scalars(select(Publication.key)).all()
    for slug in slugs:
        for page in ("", "/publications", "/cv"):
            assert f"http://localhost/people/{slug}{page}" in entries
    for key in keys:
        assert f"http://localhost/publications/{key}" in entries
    for listing in ("/", "/people", "/publications"):
        assert f"http://localhost{listing}" in entries
    assert len(entries) == 3 + 3 * len(slugs) + len(keys)
    for lastmod in entries.values():
        assert datetime.fromisoformat(lastmod).tzinfo is not None


def test_a_profile_changes_in_the_sitemap_when_one_of_its_papers_does(app, client):
    make_person()
    make_publication()

    def lastmod(loc: str) -> str:
        return sitemap_entries(client)[loc]

    lastmod("http://localhost/people/ada-lovelace")  # kept until the content changes
    make_publication(key="later", title="A Later Paper", year=1844)
    paper = db.session.scalars(select(Publication).filter_by(key="later")).one()
    paper.updated_at = datetime(2030, 1, 2, 3, 4, 5)
    db.session.commit()

    assert lastmod("http://localhost/people/ada-lovelace") == "2030-01-02T03:04:05+00:00"
    assert (
        lastmod("http://localhost/people/ada-lovelace/publications") == "2030-01-02T03:04:05+00:00"
    )
    assert lastmod("http://localhost/publications/lovelace1843notes") < "2030"


def test_a_big_site_has_sitemaps_of_at_most_the_protocol_limit(app, client, monkeypatch):
    monkeypatch.setattr(site_feeds, "SITEMAP_URLS", 2)
    for n in range(4):
        make_publication(key=f"paper-{n}", title=f"Paper {n}")
    index = ElementTree.fromstring(client.get("/sitemap.xml").data)

    # The home page, the lists of people and of papers, and four papers.
    assert len(index.findall(f"{SITEMAP}sitemap")) == 4
    assert len(sitemap_entries(client)) == 7
    for number in (1, 2, 3, 4):
        urlset = ElementTree.fromstring(client.get(f"/sitemaps/{number}.xml").data)
        assert 1 <= len(urlset.findall(f"{SITEMAP}url")) <= 2
    assert client.get("/sitemaps/0.xml").status_code == 404
    assert client.get("/sitemaps/5.xml").status_code == 404


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.mimetype == "text/plain"
    assert "Sitemap: http://localhost/sitemap.xml" in response.get_data(as_text=True)
    rules = response.get_data(as_text=True).splitlines()
    # A search for words may be crawled; its narrowings, orders and pages not.
    assert "Disallow: /search" not in rules
    for argument in ("page", "sort", "year", "venue", "type", "person"):
        assert f"Disallow: /search?*{argument}=" in rules
    assert "Disallow: /api/" in rules
    assert "Disallow: /publications?" in rules
    assert not any(rule.startswith("Disallow: /people") for rule in rules)
