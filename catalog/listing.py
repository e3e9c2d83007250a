"""Papers newest first, a page at a time: by page number, or after a given paper.

Both read the page's ids from one index (`ix_publication_newest_first`) and load only
those rows, so a deep page costs a walk over index entries, not a sort of whole rows;
reading after a paper (keyset paging) costs the same at any depth and stays stable
while papers are added.
"""

from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.sql import ColumnElement

from catalog.models import (
    IDENTIFIER_COLUMNS,
    NEWEST_MONTH,
    NEWEST_YEAR,
    Authorship,
    Person,
    Publication,
    PublicationLink,
    Venue,
    db,
)
from catalog.queries import papers_in_order

# The order of every list, by the expressions of the index on it (catalog/models.py).
NEWEST_FIRST = (NEWEST_YEAR.desc(), NEWEST_MONTH.desc(), Publication.key)
# Where a paper stands in that order: (year, month, key), 0 for a missing year or month.
Position = tuple[int, int, str]


@dataclass
class Page:
    papers: list[Publication]
    total: int
    # Where the last paper stands, when more follow it.
    next_after: Position | None


def by_person(slug: str) -> ColumnElement[bool]:
    return Publication.id.in_(
        select(Authorship.publication_id).join(Authorship.person).where(Person.slug == slug)
    )


def in_year(year: int) -> ColumnElement[bool]:
    return Publication.year == year


def at_venue(name: str) -> ColumnElement[bool]:
    """Papers at the venue with this key, abbreviation or name (any case)."""
    name = name.lower()
    return Publication.venue_id.in_(
        select(Venue.id).where(
            or_(
                Venue.key == name,
                func.lower(Venue.abbreviation) == name,
                func.lower(Venue.name) == name,
            )
        )
    )


def of_type(entry_type: str) -> ColumnElement[bool]:
    return Publication.entry_type == entry_type.lower()


def having(kind: str) -> ColumnElement[bool]:
    """Papers with a visible link of this kind (`code`, `slides`), or with the identifier
    (`arxiv`, `doi`, `openreview`) or the abstract it names: what `has:` means in search."""
    kind = kind.lower()
    if kind == "abstract":
        return Publication.abstract != ""
    linked = Publication.id.in_(
        select(PublicationLink.publication_id).where(
            func.lower(PublicationLink.kind) == kind, PublicationLink.hidden.is_(False)
        )
    )
    column = IDENTIFIER_COLUMNS.get(kind)
    return or_(linked, column != "") if column is not None else linked


def list_filters(
    *,
    person: str = "",
    year: int | None = None,
    venue: str = "",
    entry_type: str = "",
    has: str = "",
) -> list[ColumnElement[bool]]:
    """The filters of a list from its arguments; an empty argument filters nothing."""
    chosen = [
        (person, by_person),
        (year, in_year),
        (venue, at_venue),
        (entry_type, of_type),
        (has, having),
    ]
    return [make(value) for value, make in chosen if value not in ("", None)]


def newest_first(
    filters: list[ColumnElement[bool]],
    per_page: int,
    page: int = 1,
    after: Position | None = None,
    counted: bool = True,
) -> Page:
    """Return one page of the papers passing the filters, newest first.

    :param counted: count every paper passing the filters (`total`); without, the total
        is 0 and costs nothing (a feed, the home page's newest papers).
    """
    ordered = (
        select(Publication.id, NEWEST_YEAR, NEWEST_MONTH, Publication.key)
        .where(*filters)
        .order_by(*NEWEST_FIRST)
        .limit(per_page + 1)
    )
    if after is not None:
        ordered = ordered.where(_after(after))
    else:
        ordered = ordered.offset((page - 1) * per_page)
    rows = db.session.execute(ordered).all()
    shown = rows[:per_page]
    total = db.session.scalar(select(func.count(Publication.id)).where(*filters)) if counted else 0
    return Page(
        papers=papers_in_order([row[0] for row in shown]),
        total=total or 0,
        next_after=tuple(shown[-1][1:]) if len(rows) > per_page else None,
    )


def _after(position: Position) -> ColumnElement[bool]:
    year, month, key = position
    return or_(
        NEWEST_YEAR < year,
        and_(
            NEWEST_YEAR == year,
            or_(NEWEST_MONTH < month, and_(NEWEST_MONTH == month, Publication.key > key)),
        ),
    )
