"""Reads that several views share; short one-off reads stay in the views."""

from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from catalog.models import Authorship, Person, Publication, db

PUBLICATION_DETAILS = (
    selectinload(Publication.authorships).joinedload(Authorship.person),
    selectinload(Publication.links),
    joinedload(Publication.venue),
)
NEWEST_FIRST = (
    Publication.year.desc().nulls_last(),
    Publication.month.desc().nulls_last(),
    Publication.title,
)


def get_person_or_404(slug: str) -> Person:
    """Return the person with this slug, or abort with 404."""
    return db.first_or_404(select(Person).filter_by(slug=slug))


def get_publication_or_404(key: str) -> Publication:
    """Return the paper with this URL key and its authors and links, or abort with 404."""
    return db.first_or_404(select(Publication).filter_by(key=key).options(*PUBLICATION_DETAILS))


def person_publications(person: Person, selected_only: bool = False) -> list[Publication]:
    """Return the person's papers, newest first, with authors, links and venue loaded."""
    query = (
        select(Publication)
        .where(Publication.authorships.any(Authorship.person_id == person.id))
        .options(*PUBLICATION_DETAILS)
        .order_by(*NEWEST_FIRST)
    )
    if selected_only:
        query = query.where(Publication.selected)
    return list(db.session.scalars(query))


def group_by_year(publications: list[Publication]) -> list[tuple[int | None, list[Publication]]]:
    """Group papers (already sorted newest first) by year."""
    return [(year, list(papers)) for year, papers in groupby(publications, lambda p: p.year)]
