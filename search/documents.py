"""Index documents built from the database: one per paper and one per person.

A paper's document also holds what a search hit shows of it (`shown_fields`), so an
index that stores it answers the search API without loading the rows.
"""

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from catalog.models import (
    Authorship,
    CoauthorSpelling,
    Person,
    PersonAlias,
    Publication,
    PublicationLink,
)
from catalog.names import title_key
from catalog.venues import normalised_venue_name, venue_of_abbreviation
from search.analysis import weighted
from search.schema import BATCH, SECTION_WEIGHTS, WEIGHTED_FIELDS, document_id


def _digest(document: dict[str, Any]) -> str:
    text = repr(sorted(document.items()))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _finish(document: dict[str, Any]) -> dict[str, Any]:
    document["digest"] = _digest(document)
    return document


def _names_by_person(session: Session) -> dict[int, list[str]]:
    names: dict[int, list[str]] = defaultdict(list)
    for person_id, name in session.execute(select(PersonAlias.person_id, PersonAlias.name)):
        names[person_id].append(name)
    return names


def _coauthor_spellings(session: Session) -> dict[str, list[str]]:
    """Return each spelling's key of a co-author who is not a member -> all their spellings."""
    rows = session.execute(
        select(CoauthorSpelling.key, CoauthorSpelling.name, CoauthorSpelling.person_key)
    ).all()
    by_person: dict[str, list[str]] = defaultdict(list)
    for _key, name, person_key in rows:
        by_person[person_key].append(name)
    return {key: by_person[person_key] for key, _name, person_key in rows}


def shown_fields(paper: Publication, authors: list[str]) -> dict[str, Any]:
    """What a search hit shows of a paper: key, title, printed authors, venue, year and
    the text its words are marked in (the abstract and the lay summary when shown)."""
    about = "\n".join(text for text in (paper.abstract, paper.shown_lay_summary) if text)
    return {
        "key": paper.key,
        "title": paper.title,
        "authors": authors,
        "venue": paper.venue_label,
        "year": paper.year,
        "abstract": about,
    }


def paper_documents(session: Session, ids: Iterable[int] | None = None) -> Iterator[dict]:
    """Yield the index documents of the given papers (all papers when ids is None)."""
    aliases = _names_by_person(session)
    coauthors = _coauthor_spellings(session)
    if ids is None:
        batches = _id_batches(session)
    else:
        wanted = sorted(ids)
        batches = (wanted[n : n + BATCH] for n in range(0, len(wanted), BATCH))
    for batch in batches:
        yield from _paper_batch(session, batch, aliases, coauthors)


def _id_batches(session: Session) -> Iterator[list[int]]:
    ids = list(session.scalars(select(Publication.id).order_by(Publication.id)))
    for n in range(0, len(ids), BATCH):
        yield ids[n : n + BATCH]


def _paper_batch(
    session: Session,
    ids: list[int],
    aliases: dict[int, list[str]],
    coauthors: dict[str, list[str]],
) -> list[dict]:
    authors: dict[int, list[str]] = defaultdict(list)
    printed: dict[int, list[str]] = defaultdict(list)
    people: dict[int, list[str]] = defaultdict(list)
    rows = session.execute(
        select(
            Authorship.publication_id,
            Authorship.display_name,
            Authorship.name_key,
            Person.id,
            Person.slug,
        )
        .outerjoin(Person, Authorship.person_id == Person.id)
        .where(Authorship.publication_id.in_(ids))
        .order_by(Authorship.publication_id, Authorship.position)
    )
    for publication_id, display_name, key, person_id, slug in rows:
        authors[publication_id].append(display_name)
        printed[publication_id].append(display_name)
        if person_id is not None:
            authors[publication_id].extend(aliases.get(person_id, []))
            people[publication_id].append(slug)
        else:
            # A co-author who is not a member is found under each of their spellings.
            authors[publication_id] += [n for n in coauthors.get(key, []) if n != display_name]
    link_kinds: dict[int, set[str]] = defaultdict(set)
    rows = session.execute(
        select(PublicationLink.publication_id, PublicationLink.kind).where(
            PublicationLink.publication_id.in_(ids), PublicationLink.hidden.is_(False)
        )
    )
    for publication_id, kind in rows:
        link_kinds[publication_id].add(kind.lower())
    papers = session.scalars(
        select(Publication).options(joinedload(Publication.venue)).where(Publication.id.in_(ids))
    )
    documents = []
    for paper in papers:
        abbreviation, venue_name = (
            (paper.venue.abbreviation, paper.venue.name) if paper.venue else ("", "")
        )
        has = paper.artifact_kinds_with(link_kinds[paper.id])
        summary = paper.shown_lay_summary
        venue = " ".join(
            dict.fromkeys(v for v in (abbreviation, venue_name, paper.venue_text) if v)
        )
        label = abbreviation or venue_name or ""
        document = {
            "id": document_id("paper", paper.id),
            "kind": "paper",
            "sections": {
                "title": paper.title,
                # Without "Proceedings of the 2011 ...": words nearly every paper's venue
                # prints would make a word such as "proc*" match the whole catalogue.
                "venue": " ".join(dict.fromkeys(normalised_venue_name(venue).split())),
                "abstract": f"{paper.abstract}\n{summary}",
                "authors": "\n".join(authors[paper.id]),
                "venue_key": venue_key(abbreviation or ""),
                "year": str(paper.year or ""),
            },
            "title": paper.title,
            "title_key": title_key(paper.title) or None,
            "authors": "\n".join(authors[paper.id]),
            "venue": venue,
            "type": paper.entry_type.lower(),
            "venue_label": label,
            "has": " ".join(sorted(has)),
            "person": " ".join(dict.fromkeys(people[paper.id])),
            "spell": "\n".join((paper.title, *authors[paper.id], label)),
            "shown": shown_fields(paper, printed[paper.id]),
        }
        if paper.year:
            document["year"] = paper.year
            document["date"] = paper.year * 100 + (paper.month or 0)
        documents.append(_finish(document))
    return documents


# The Whoosh index stores neither: its hits are shown from the database.
_NOT_IN_WHOOSH = {"sections", "shown"}


def whoosh_document(document: dict[str, Any]) -> dict[str, Any]:
    """Return a document as Whoosh indexes it: its sections as two weighted fields."""
    fields = {name: value for name, value in document.items() if name not in _NOT_IN_WHOOSH}
    sections = document["sections"]
    for field, names in WEIGHTED_FIELDS.items():
        fields[field] = "\n".join(
            weighted(sections[name], SECTION_WEIGHTS[name]) for name in names if sections.get(name)
        )
    return fields


def venue_key(abbreviation: str) -> str:
    """Return every short name of a venue: its own, and the registry's others ("NIPS")."""
    canonical = venue_of_abbreviation(abbreviation) if abbreviation else None
    names = [abbreviation, *(canonical.abbreviations if canonical else ())]
    return " ".join(dict.fromkeys(name.lower() for name in names if name))


def person_documents(session: Session, ids: Iterable[int] | None = None) -> Iterator[dict]:
    """Yield the index documents of the given people (everyone when ids is None)."""
    query = select(Person).options(selectinload(Person.aliases)).order_by(Person.id)
    if ids is not None:
        query = query.where(Person.id.in_(list(ids)))
    for person in session.scalars(query):
        names = list(dict.fromkeys([person.name, *(alias.name for alias in person.aliases)]))
        affiliations = [a.get("name", "") for a in person.affiliations if isinstance(a, dict)]
        interests = [str(interest) for interest in person.interests]
        yield _finish(
            {
                "id": document_id("person", person.id),
                "kind": "person",
                "sections": {
                    "authors": "\n".join(names),
                    "about": "\n".join(
                        [person.position, person.tagline, *affiliations, *interests]
                    ),
                },
                "authors": "\n".join(names),
                "person": person.slug,
                "spell": "\n".join([*names, *interests]),
            }
        )


def all_documents(session: Session) -> Iterator[dict]:
    """Yield the document of every paper and every person in the database."""
    yield from person_documents(session)
    yield from paper_documents(session)


def document_count(session: Session) -> int:
    """Return how many documents all_documents() gives: every person and every paper."""
    people = session.scalar(select(func.count(Person.id))) or 0
    return people + (session.scalar(select(func.count(Publication.id))) or 0)
