"""Build the Atom feeds of papers and of news (feedgen) and the list of pages a sitemap
names."""

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime

from feedgen.feed import FeedGenerator
from flask_babel import gettext as _
from sqlalchemy import func, select

from catalog.models import Authorship, Person, Publication, db
from catalog.prose import plain_prose
from publishing.urls import external_url

# The sitemap protocol's limit of addresses in one file.
SITEMAP_URLS = 50_000


def _feed(title: str, feed_url: str, page_url: str, author: str) -> FeedGenerator:
    """A feed with its id, title, author and links to itself and to its page."""
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(title)
    feed.link(href=feed_url, rel="self")
    feed.link(href=page_url, rel="alternate")
    feed.author({"name": author})
    return feed


def atom_feed(
    title: str, feed_url: str, page_url: str, papers: Sequence[Publication], author: str = ""
) -> bytes:
    """Return an Atom feed of papers, in the order given.

    :param author: the feed's author; the site's title when not given.
    """
    feed = _feed(title, feed_url, page_url, author or title)
    feed.updated(max((_utc(p.updated_at) for p in papers), default=datetime.now(UTC)))
    for paper in papers:
        url = external_url("publications.detail", key=paper.key)
        entry = feed.add_entry(order="append")
        entry.id(url)
        entry.title(paper.plain_title)
        entry.link(href=url, rel="alternate")
        entry.published(_utc(paper.created_at))
        entry.updated(_utc(paper.updated_at))
        entry.author([{"name": a.display_name} for a in paper.authorships])
        entry.summary(_summary(paper))
        if paper.venue and paper.venue.abbreviation:
            entry.category(term=paper.venue.abbreviation)
    return feed.atom_str(pretty=True)


def news_feed(
    title: str, feed_url: str, page_url: str, news: Sequence[tuple], quiet_since: datetime
) -> bytes:
    """Return an Atom feed of news items, each (person, item), in the order given.

    :param quiet_since: when the feed last changed if it has no news (the profiles' last
        change), so an empty feed reads the same until something happens.
    """
    feed = _feed(title, feed_url, page_url, title)
    days = [_news_day(item) for _person, item in news]
    feed.updated(max(days, default=_utc(quiet_since)))
    for (person, item), day in zip(news, days, strict=True):
        # Text of only a picture or a rule reads as no words: the entry still has a title.
        text = plain_prose(item["text"]) or _("News of %(name)s", name=person.name)
        profile = external_url("people.profile", slug=person.slug)
        entry = feed.add_entry(order="append")
        # The same item keeps its id across feeds and edits of other items.
        digest = hashlib.blake2b(f"{item.get('date')}{text}".encode(), digest_size=8).hexdigest()
        entry.id(f"{profile}#news-{digest}")
        entry.title(text if len(text) <= 100 else text[:99] + "…")
        entry.link(href=item.get("url") or profile, rel="alternate")
        entry.published(day)
        entry.updated(day)
        entry.author({"name": person.name})
        entry.summary(text)
    return feed.atom_str(pretty=True)


def _news_day(item: dict) -> datetime:
    day = date.fromisoformat(item["date"]) if item.get("date") else date(1970, 1, 1)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def sitemap_pages() -> list[tuple[str, datetime]]:
    """Return (absolute URL, last change) for the home page, the lists of people and of
    papers, every profile (with its list and CV) and every paper.

    A profile changes when the person does or when one of their papers does.
    """
    newest_paper = (
        select(Authorship.person_id, func.max(Publication.updated_at).label("changed"))
        .join(Authorship.publication)
        .group_by(Authorship.person_id)
        .subquery()
    )
    people = db.session.execute(
        select(Person.slug, Person.updated_at, newest_paper.c.changed)
        .outerjoin(newest_paper, newest_paper.c.person_id == Person.id)
        .order_by(Person.slug)
    ).all()
    profiles = [(slug, _utc(max(filter(None, changes)))) for slug, *changes in people]
    papers = [
        (key, _utc(changed))
        for key, changed in db.session.execute(
            select(Publication.key, Publication.updated_at).order_by(Publication.key)
        )
    ]
    latest = max((changed for _, changed in profiles + papers), default=datetime.now(UTC))
    # Addresses are made from one built per kind: keys and slugs need no escaping.
    profile, their_papers, cv, paper = (
        _address_maker(endpoint, name)
        for endpoint, name in (
            ("people.profile", "slug"),
            ("people.publications", "slug"),
            ("people.cv", "slug"),
            ("publications.detail", "key"),
        )
    )
    pages = [
        (external_url(endpoint), latest)
        for endpoint in ("people.directory", "people.people_index", "publications.index")
    ]
    for slug, changed in profiles:
        pages += [(profile(slug), changed), (their_papers(slug), changed), (cv(slug), changed)]
    pages += [(paper(key), changed) for key, changed in papers]
    return pages


def sitemap_chunks() -> list[list[tuple[str, datetime]]]:
    """The site's pages a sitemap each, at most SITEMAP_URLS in one (the protocol's limit)."""
    pages = sitemap_pages()
    return [pages[start : start + SITEMAP_URLS] for start in range(0, len(pages), SITEMAP_URLS)]


def _address_maker(endpoint: str, argument: str):
    placeholder = "0placeholder0"
    before, after = external_url(endpoint, **{argument: placeholder}).split(placeholder)
    return lambda value: f"{before}{value}{after}"


def _summary(paper: Publication) -> str:
    venue = ", ".join(str(part) for part in (paper.venue_full_name, paper.year) if part)
    return "\n\n".join(part for part in (venue, paper.description) if part)


def _utc(moment: datetime) -> datetime:
    # The database keeps naive UTC times; feedgen wants them aware.
    return moment.replace(tzinfo=UTC)
