"""Feeds and crawler files: Atom feeds of new papers, the sitemap and robots.txt."""

from flask import Blueprint, Response, current_app, render_template
from sqlalchemy import select

from catalog.models import Publication, db
from catalog.queries import (
    NEWEST_FIRST,
    PUBLICATION_DETAILS,
    get_person_or_404,
    person_publications,
)
from publishing.feeds import atom_feed, sitemap_pages
from publishing.urls import external_url

bp = Blueprint("feeds", __name__)

FEED_LENGTH = 50
ATOM = "application/atom+xml; charset=utf-8"


@bp.get("/feed.atom")
def site_feed():
    """Give the newest papers of the whole site as an Atom feed."""
    query = select(Publication).options(*PUBLICATION_DETAILS).order_by(*NEWEST_FIRST)
    papers = db.session.scalars(query.limit(FEED_LENGTH)).all()
    title = f"New publications · {current_app.config['SITE_TITLE']}"
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
        f"Publications of {person.name}",
        external_url("feeds.person_feed", slug=slug),
        external_url("people.profile", slug=slug),
        papers,
        author=person.name,
    )
    return Response(feed, content_type=ATOM)


@bp.get("/sitemap.xml")
def sitemap():
    """List every profile and paper, with when it last changed, for search engines."""
    xml = render_template("feeds/sitemap.xml", pages=sitemap_pages())
    return Response(xml, content_type="application/xml; charset=utf-8")


@bp.get("/robots.txt")
def robots():
    """Let crawlers read every page but the endless search results; name the sitemap."""
    text = render_template("feeds/robots.txt", sitemap_url=external_url("feeds.sitemap"))
    return Response(text, content_type="text/plain; charset=utf-8")
