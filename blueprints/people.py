"""The home page, the people directory and profile pages."""

from flask import Blueprint, Response, current_app, render_template
from sqlalchemy import select

from blueprints.page_cache import cached
from catalog import listing
from catalog.activities import grouped_by_role, newest_news
from catalog.collaboration import coauthors
from catalog.facets import year_counts
from catalog.models import Person, db
from catalog.operations import INTRODUCTION
from catalog.queries import (
    by_type,
    get_person_or_404,
    group_by_year,
    person_publications,
    selected_publications,
    site_text,
)
from publishing.citations import FORMATS_BY_EXTENSION

bp = Blueprint("people", __name__)

PROFILE_RECENT_COUNT = 10
# What the home page of a lab shows of its newest papers and news.
HOME_RECENT_COUNT = 5
HOME_NEWS_COUNT = 5


@bp.get("/")
def directory():
    """The home page: a lab's introduction, its members by role, its newest papers and
    news (or, on a personal site, the one profile)."""
    home = current_app.config.get("HOME_PERSON")
    if home:
        return profile(home)
    people = _everyone()
    return render_template(
        "people/home.html",
        introduction=site_text(INTRODUCTION),
        groups=grouped_by_role(people),
        recent=listing.newest_first([], HOME_RECENT_COUNT, counted=False).papers,
        news=newest_news(people)[:HOME_NEWS_COUNT],
    )


@bp.get("/people")
def people_index():
    """List every person on the site, by role."""
    return render_template("people/directory.html", groups=grouped_by_role(_everyone()))


def _everyone() -> list[Person]:
    return list(db.session.scalars(select(Person).order_by(Person.name)))


@bp.get("/people/<slug>")
def profile(slug: str):
    """Show a profile with its selected (or most recent) publications."""
    person = get_person_or_404(slug)
    publications = selected_publications(person)
    showing_selected = bool(publications)
    if not publications:
        publications = person_publications(person, limit=PROFILE_RECENT_COUNT)
    found_coauthors, coauthor_count = coauthors(person)
    return render_template(
        "people/profile.html",
        person=person,
        publications=publications,
        showing_selected=showing_selected,
        profile_owner=person,
        per_year=year_counts([listing.by_person(person.slug)]),
        coauthors=found_coauthors,
        coauthor_count=coauthor_count,
    )


@bp.get("/people/<slug>/publications")
@cached
def publications(slug: str):
    """List all of a person's publications, grouped by year, newest first."""
    person = get_person_or_404(slug)
    papers = person_publications(person)
    return render_template(
        "people/publications.html",
        person=person,
        years=group_by_year(papers),
        count=len(papers),
        profile_owner=person,
    )


@bp.get("/people/<slug>/cv")
@cached
def cv(slug: str):
    """A member's CV from the same data: education, position, papers by type, talks,
    teaching, awards, service, students; laid out to print as a clean PDF."""
    person = get_person_or_404(slug)
    return render_template(
        "people/cv.html",
        person=person,
        papers_by_type=by_type(person_publications(person)),
        profile_owner=person,
    )


@bp.get("/people/<slug>/publications.<any(bib, ris, json):extension>")
@cached
def export_publications(slug: str, extension: str):
    """Give all of a person's publications as BibTeX, RIS or CSL-JSON."""
    person = get_person_or_404(slug)
    export_format = FORMATS_BY_EXTENSION[extension]
    return Response(
        export_format.render(person_publications(person)),
        content_type=export_format.content_type,
    )
