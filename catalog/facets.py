"""How the papers of a list spread over its facets: years, venues, types, members and
what they have (code, slides, arXiv...), counted by the database under the list's filters.

Each facet is counted by a grouped query over the papers that pass the filters, so the
counts say how many papers a further choice would leave, as search's facets do.
"""

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, func, select

from catalog.listing import having
from catalog.models import (
    IDENTIFIER_COLUMNS,
    Authorship,
    Person,
    Publication,
    PublicationLink,
    Venue,
    db,
)

# The most values a facet lists (its biggest first, years newest first).
FACET_LENGTH = 12


@dataclass
class Facets:
    # Each facet's values with their counts, in the order a page lists them.
    year: dict[int, int] = field(default_factory=dict)
    venue: dict[str, int] = field(default_factory=dict)
    type: dict[str, int] = field(default_factory=dict)
    person: dict[str, int] = field(default_factory=dict)
    has: dict[str, int] = field(default_factory=dict)
    # Every year's count (for a chart of papers per year) and each member's name.
    every_year: dict[int, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)


def facet_counts(filters: list[ColumnElement[bool]]) -> Facets:
    """Count the papers passing the filters under each value of each facet."""
    found = Facets()
    papers = func.count(Publication.id)
    found.every_year = year_counts(filters)
    found.year = dict(list(found.every_year.items())[:FACET_LENGTH])
    label = func.coalesce(func.nullif(Venue.abbreviation, ""), Venue.name)
    found.venue = _biggest(
        select(label, papers).join(Venue, Publication.venue_id == Venue.id).where(*filters)
    )
    found.type = _biggest(select(Publication.entry_type, papers).where(*filters))
    members = db.session.execute(
        select(Person.slug, Person.name, func.count(func.distinct(Authorship.publication_id)))
        .join(Authorship, Authorship.person_id == Person.id)
        .where(*_passing(Authorship.publication_id, filters))
        .group_by(Person.slug, Person.name)
        .order_by(func.count(func.distinct(Authorship.publication_id)).desc(), Person.name)
        .limit(FACET_LENGTH)
    ).all()
    found.person = {slug: count for slug, _, count in members}
    found.names = {slug: name for slug, name, _ in members}
    found.has = _artifacts(filters)
    return found


def year_counts(filters: list[ColumnElement[bool]]) -> dict[int, int]:
    """How many papers passing the filters each year has, newest first."""
    rows = db.session.execute(
        select(Publication.year, func.count(Publication.id))
        .where(*filters, Publication.year.is_not(None))
        .group_by(Publication.year)
        .order_by(Publication.year.desc())
    )
    return dict(rows.all())


def _biggest(counted) -> dict:
    """Run a (value, count) query grouped by its value: the biggest groups first."""
    value, count = counted.selected_columns
    rows = db.session.execute(
        counted.group_by(value).order_by(count.desc(), value).limit(FACET_LENGTH)
    )
    return {value: count for value, count in rows if value}


def _artifacts(filters: list[ColumnElement[bool]]) -> dict[str, int]:
    """Count the papers having each kind of link (an identifier counting as its link) and
    an abstract."""
    kind = func.lower(PublicationLink.kind)
    within = _passing(PublicationLink.publication_id, filters)
    counts = dict(
        db.session.execute(
            select(kind, func.count(func.distinct(PublicationLink.publication_id)))
            .where(*within, PublicationLink.hidden.is_(False))
            .group_by(kind)
        ).all()
    )
    for name in (*IDENTIFIER_COLUMNS, "abstract"):
        counts[name] = db.session.scalar(
            select(func.count(Publication.id)).where(*filters, having(name))
        )
    kept = sorted(((n, c) for n, c in counts.items() if c), key=lambda pair: (-pair[1], pair[0]))
    return dict(kept[:FACET_LENGTH])


def _passing(paper_id, filters: list[ColumnElement[bool]]) -> list[ColumnElement[bool]]:
    """The condition that a row's paper passes the filters (none without filters: a
    condition over every paper costs a pass over all of them)."""
    return [paper_id.in_(select(Publication.id).where(*filters))] if filters else []
