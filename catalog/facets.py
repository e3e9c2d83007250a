"""How the papers of a list spread over its facets: years, venues, types, members and
what they have (code, slides, arXiv...), counted by the database under the list's filters.

Each count is one grouped query over the ids that pass the filters, so the counts say how
many papers a further choice would leave, as search's facets do.
"""

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, func, literal, select, union

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
    ids = select(Publication.id).where(*filters)
    found = Facets()
    papers = func.count(Publication.id)
    years = db.session.execute(
        select(Publication.year, papers)
        .where(*filters, Publication.year.is_not(None))
        .group_by(Publication.year)
        .order_by(Publication.year.desc())
    ).all()
    found.every_year = dict(years)
    found.year = dict(years[:FACET_LENGTH])
    label = func.coalesce(func.nullif(Venue.abbreviation, ""), Venue.name)
    found.venue = _biggest(
        select(label, papers).join(Venue, Publication.venue_id == Venue.id).where(*filters)
    )
    found.type = _biggest(select(Publication.entry_type, papers).where(*filters))
    members = db.session.execute(
        select(Person.slug, Person.name, func.count(func.distinct(Authorship.publication_id)))
        .join(Authorship, Authorship.person_id == Person.id)
        .where(Authorship.publication_id.in_(ids))
        .group_by(Person.slug, Person.name)
        .order_by(func.count(func.distinct(Authorship.publication_id)).desc(), Person.name)
        .limit(FACET_LENGTH)
    ).all()
    found.person = {slug: count for slug, _, count in members}
    found.names = {slug: name for slug, name, _ in members}
    found.has = _artifacts(ids)
    return found


def _biggest(counted) -> dict:
    """Run a (value, count) query grouped by its value: the biggest groups first."""
    value, count = counted.selected_columns
    rows = db.session.execute(
        counted.group_by(value).order_by(count.desc(), value).limit(FACET_LENGTH)
    )
    return {value: count for value, count in rows if value}


def _artifacts(ids) -> dict[str, int]:
    """Count the papers having each kind of link, an identifier counting as its link."""
    kind = func.lower(PublicationLink.kind)
    having = [
        select(PublicationLink.publication_id.label("paper"), kind.label("kind")).where(
            PublicationLink.publication_id.in_(ids), PublicationLink.hidden.is_(False)
        ),
        *(
            select(Publication.id, literal(name)).where(Publication.id.in_(ids), column != "")
            for name, column in IDENTIFIER_COLUMNS.items()
        ),
    ]
    # A union drops the same (paper, kind) twice: an arXiv link and an arXiv id.
    pairs = union(*having).subquery()
    rows = db.session.execute(
        select(pairs.c.kind, func.count())
        .group_by(pairs.c.kind)
        .order_by(func.count().desc(), pairs.c.kind)
        .limit(FACET_LENGTH)
    )
    return dict(rows.all())
