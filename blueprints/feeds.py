"""Feeds and crawler files: Atom feeds of new papers and of news, the sitemap and
robots.txt."""

from datetime import datetime

from flask import Blueprint, Response, abort, current_app, render_template
from flask_babel import gettext as _
from sqlalchemy import select

from blueprints.page_cache import cached
from catalog import listing
from catalog.activities import newest_news
from catalog.models import Person, db
from catalog.queries import (
    get_person_or_404,
    person_publications,
)
from publishing.feeds import atom_feed, news_feed, sitemap_chunks
from publishing.urls import external_url

bp = Blueprint("feeds", __name__)

FEED_LENGTH = 50
ATOM = "application/atom+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"


@bp.get("/feed.atom")
def site_feed():
    """Give the newest papers of the whole site as an Atom feed."""
    papers = listing.newest_first([], FEED_LENGTH, counted=False).papers
    title = _("New publications") + " · " + current_app.config["SITE_TITLE"]
    feed = atom_feed(
        title, external_url("feeds.site_feed"), external_url("people.directory"), papers
    )
    return Response(feed, content_type=ATOM)


@bp.get("/people/<slug>/feed.atom")
def person_feed(slug: str):
    """Give a person's newest papers as an Atom feed."""
    person = get_person_or_404(slug)
    papers = person_publications(person, limit=FEED_LENGTH)
    feed = atom_feed(
        _("Publications of %(name)s", name=person.name),
        external_url("feeds.person_feed", slug=slug),
        external_url("people.profile", slug=slug),
        papers,
        author=person.name,
    )
    return Response(feed, content_type=ATOM)


@bp.get("/news.atom")
def site_news_feed():
    """Give every member's news, newest first, as an Atom feed."""
    people = db.session.scalars(select(Person)).all()
    title = _("News") + " · " + current_app.config["SITE_TITLE"]
    feed = news_feed(
        title,
        external_url("feeds.site_news_feed"),
        external_url("people.directory"),
        newest_news(people)[:FEED_LENGTH],
        quiet_since=max((person.updated_at for person in people), default=datetime(1970, 1, 1)),
    )
    return Response(feed, content_type=ATOM)


@bp.get("/people/<slug>/news.atom")
def person_news_feed(slug: str):
    """Give a person's news, newest first, as an Atom feed."""
    person = get_person_or_404(slug)
    feed = news_feed(
        _("News of %(name)s", name=person.name),
        external_url("feeds.person_news_feed", slug=slug),
        external_url("people.profile", slug=slug),
        newest_news([person])[:FEED_LENGTH],
        quiet_since=person.updated_at,
    )
    return Response(feed, content_type=ATOM)


@bp.get("/sitemap.xml")
@cached
def sitemap():
    """Name the sitemaps, each listing at most SITEMAP_URLS pages with when they changed."""
    parts = [
        (
            external_url("feeds.sitemap_part", number=number),
            max(changed for _url, changed in chunk),
        )
        for number, chunk in enumerate(sitemap_chunks(), start=1)
    ]
    xml = render_template("feeds/sitemap_index.xml", parts=parts)
    return Response(xml, content_type=XML)


@bp.get("/sitemaps/<int:number>.xml")
@cached
def sitemap_part(number: int):
    """List one part of the site's pages, for search engines."""
    chunks = sitemap_chunks()
    if not 1 <= number <= len(chunks):
        abort(404)
    return Response(
        render_template("feeds/sitemap.xml", pages=chunks[number - 1]), content_type=XML
    )


@bp.get("/robots.txt")
def robots():
    """Let crawlers read every page but the endless search results; name the sitemap."""
    text = render_template("feeds/robots.txt", sitemap_url=external_url("feeds.sitemap"))
    return Response(text, content_type="text/plain; charset=utf-8")
