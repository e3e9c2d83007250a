"""Reads that several views share; short one-off reads stay in the views."""

from collections.abc import Iterable
from itertools import groupby

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from catalog.models import Authorship, Person, Publication, Selection, SiteText, db
from catalog.readable_names import TYPE_NAMES, type_group_name

PUBLICATION_DETAILS = (
    selectinload(Publication.authorships).joinedload(Authorship.person),
    selectinload(Publication.links),
    joinedload(Publication.venue),
)
# The deepest page of any list a visitor can ask for, in the API or in search.
MAX_PAGE = 10_000
# The latest year a paper may name in a list's filter.
MAX_YEAR = 9999
# A member's list: newest first and, within a month or a year, in the order their files
# gave the papers (the order they were first imported in), as the member listed them.
NEWEST_FIRST = (
    Publication.year.desc().nulls_last(),
    Publication.month.desc().nulls_last(),
    Publication.id,
)


def find_person(slug: str) -> Person | None:
    """Return the person with this slug, or None."""
    return db.session.scalars(select(Person).filter_by(slug=slug)).first()


def get_person_or_404(slug: str) -> Person:
    """Return the person with this slug, or abort with 404."""
    person = find_person(slug)
    if person is None:
        abort(404)
    return person


def get_publication_or_404(key: str) -> Publication:
    """Return the paper with this URL key and its authors and links, or abort with 404."""
    return db.first_or_404(select(Publication).filter_by(key=key).options(*PUBLICATION_DETAILS))


def person_publications(
    person: Person, selected_only: bool = False, limit: int | None = None
) -> list[Publication]:
    """Return the person's papers, newest first, with authors, links and venue loaded.

    The papers are found through the person's authorships (an index lookup), not by
    testing every paper for an authorship of theirs.
    """
    theirs = select(Authorship.publication_id).where(Authorship.person_id == person.id)
    query = (
        select(Publication)
        .where(Publication.id.in_(theirs))
        .options(*PUBLICATION_DETAILS)
        .order_by(*NEWEST_FIRST)
        .limit(limit)
    )
    if selected_only:
        query = query.where(Publication.selected)
    return list(db.session.scalars(query))


def selected_publications(person: Person) -> list[Publication]:
    """Return the papers the member selected, in their order.

    A member without a selection of their own (on a site made before selections were
    kept per member) has the papers their files marked selected.
    """
    chosen = select(Selection.publication_id).where(Selection.person_id == person.id)
    theirs = select(Authorship.publication_id).where(Authorship.person_id == person.id)
    ids = list(
        db.session.scalars(
            chosen.where(Selection.publication_id.in_(theirs)).order_by(Selection.position)
        )
    )
    if ids:
        return papers_in_order(ids)
    has_own = db.session.scalar(chosen.limit(1)) is not None
    return [] if has_own else person_publications(person, selected_only=True)


def papers_in_order(ids: list[int]) -> list[Publication]:
    """Return these papers in the order given, with authors, links and venue loaded."""
    query = select(Publication).where(Publication.id.in_(ids)).options(*PUBLICATION_DETAILS)
    return _in_order(ids, db.session.scalars(query))


def people_in_order(ids: list[int]) -> list[Person]:
    """Return these people in the order given."""
    if not ids:
        return []
    return _in_order(ids, db.session.scalars(select(Person).where(Person.id.in_(ids))))


def person_names(slugs: Iterable[str]) -> dict[str, str]:
    """Return the name of each person with one of these slugs."""
    if not slugs:
        return {}
    rows = db.session.execute(select(Person.slug, Person.name).where(Person.slug.in_(slugs)))
    return dict(rows.all())


def paper_titles_and_keys(ids: list[int]) -> dict[int, tuple[str, str]]:
    """Return (title, URL key) of each of these papers that still exists, by id."""
    query = select(Publication.id, Publication.title, Publication.key)
    return {
        paper_id: (title, key)
        for paper_id, title, key in db.session.execute(query.where(Publication.id.in_(ids)))
    }


def _in_order(ids: list[int], rows: Iterable) -> list:
    # Rows missing since the index was written (a paper just deleted) are skipped.
    by_id = {row.id: row for row in rows}
    return [by_id[i] for i in ids if i in by_id]


def group_by_year(publications: list[Publication]) -> list[tuple[int | None, list[Publication]]]:
    """Group papers (already sorted newest first) by year."""
    return [(year, list(papers)) for year, papers in groupby(publications, lambda p: p.year)]


# Each group heading's place: that of the first readable type name it heads.
_GROUP_ORDER: dict[str, int] = {}
for _entry_type in TYPE_NAMES:
    _GROUP_ORDER.setdefault(type_group_name(_entry_type), len(_GROUP_ORDER))


def by_type(publications: list[Publication]) -> list[tuple[str, list[Publication]]]:
    """Group papers under what their type is headed (conference papers, `inproceedings`
    and `conference` alike), the groups in the order of the types' readable names
    (journal articles first), each group in the order given."""
    groups: dict[str, list[Publication]] = {}
    for paper in publications:
        groups.setdefault(type_group_name(paper.entry_type), []).append(paper)
    return sorted(groups.items(), key=lambda group: _GROUP_ORDER.get(group[0], len(_GROUP_ORDER)))


def site_text(name: str) -> str:
    """Return a text of the site (its introduction), or "" when there is none."""
    text = db.session.get(SiteText, name)
    return text.body if text else ""
