"""Every write to the content goes through these functions.

They change rows and flush; the caller (a command, the content loader) owns
the single commit. Each upsert changes only what differs, so loading the same
content twice leaves the database untouched and reports "unchanged".
"""

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import joinedload, selectinload

from catalog import lengths
from catalog.bulk_writes import bulk_written
from catalog.models import (
    Authorship,
    CoauthorSpelling,
    LearnedName,
    LinkMixin,
    Person,
    PersonAlias,
    PersonLink,
    ProfileSection,
    Publication,
    PublicationLink,
    Selection,
    SiteText,
    Unlinked,
    Venue,
    db,
)
from catalog.names import arxiv_base_id, match_key, name_key, publication_key
from catalog.progress import meter
from catalog.queries import find_person
from catalog.records import AuthorRecord, LinkRecord, PersonRecord, PublicationRecord
from catalog.venues import match_venue

ADDED, UPDATED, MERGED, UNCHANGED = "added", "updated", "merged", "unchanged"


class ContentConflict(ValueError):
    """The change would break a uniqueness users rely on (a slug, a name, a key)."""


def upsert_person(record: PersonRecord) -> str:
    """Create or update the person with the record's slug; return what happened."""
    person = find_person(record.slug)
    learned = [learned.name for learned in person.learned_names] if person else []
    names = _unique_names([record.name, *record.aliases, *learned])
    _check_names_free(names, person)
    status = UNCHANGED
    if person is None:
        person = Person(slug=record.slug, name=record.name)
        db.session.add(person)
        status = ADDED
    changed = _assign(
        person,
        name=record.name,
        position=record.position,
        tagline=record.tagline,
        affiliations=record.affiliations,
        education=record.education,
        interests=record.interests,
        address=record.address,
        email=record.email,
        photo=record.photo,
        bio=record.bio,
        role=record.role,
        activities=record.activities,
    )
    changed |= _sync_aliases(person, names)
    changed |= _sync_links(person.links, record.links, PersonLink)
    changed |= _sync_rows(
        person.sections,
        [
            {"title": s.title, "body": s.body, "kind": s.kind, "expires": s.expires, "position": n}
            for n, s in enumerate(record.sections)
        ],
        ProfileSection,
    )
    db.session.flush()
    changed |= link_authorships(person)
    if status == UNCHANGED and changed:
        status = UPDATED
    return status


def learn_person_alias(person: Person, name: str) -> None:
    """Give a person a spelling of their name found on a paper, kept across imports of
    their profile; raise ContentConflict if another person has it."""
    _check_names_free([name], person)
    person.aliases.append(PersonAlias(name))
    person.learned_names.append(LearnedName(name=name))
    db.session.flush()


def select_papers(person: Person, choices: Sequence[tuple[int, bool]]) -> bool:
    """Select or unselect papers for a member as their file said, new ones after those
    already selected, in the file's order; return whether anything changed."""
    chosen = {
        selection.publication_id: selection
        for selection in db.session.scalars(select(Selection).filter_by(person_id=person.id))
    }
    last = max((selection.position for selection in chosen.values()), default=-1)
    changed = False
    for paper_id, selected in choices:
        if selected and paper_id not in chosen:
            last += 1
            chosen[paper_id] = Selection(
                person_id=person.id, publication_id=paper_id, position=last
            )
            db.session.add(chosen[paper_id])
            changed = True
        elif not selected and paper_id in chosen:
            db.session.delete(chosen.pop(paper_id))
            changed = True
    db.session.flush()
    return changed


def delete_person(person: Person) -> None:
    """Delete a person; their papers stay, with the authorships unlinked."""
    for authorship in person.authorships:
        authorship.person = None
    db.session.delete(person)
    db.session.flush()


def link_authorships(person: Person) -> bool:
    """Point every authorship printed under one of the person's names at them."""
    keys = {alias.key for alias in person.aliases}
    rows = db.session.scalars(
        select(Authorship).where(
            or_(Authorship.name_key.in_(keys), Authorship.person_id == person.id)
        )
    )
    taken_off = set(
        db.session.scalars(select(Unlinked.publication_id).filter_by(person_id=person.id))
    )
    changed = False
    for authorship in rows:
        mine = authorship.name_key in keys and authorship.publication_id not in taken_off
        wanted = person if mine else None
        if authorship.person is not wanted:
            authorship.person = wanted
            changed = True
    db.session.flush()
    return changed


class PaperLookup:
    """The stored papers and venues that a batch of records may match, read in bulk.

    Matching record by record costs several queries per paper; a 100,000-entry import
    needs the candidates of many records read at once, by URL key and by identity.
    """

    CHUNK = 500
    IDENTITY_COLUMNS = {
        "DOI": Publication.doi,
        "arXiv id": Publication.arxiv_id,
        "OpenReview id": Publication.openreview_id,
        "title and year": Publication.match_key,
    }

    def __init__(self, records: Sequence[PublicationRecord]) -> None:
        self._ids: dict[tuple[str, str], int] = {}
        self._titles: dict[int, str] = {}
        self._new_keys: set[str] = set()
        self.venues = {venue.key: venue for venue in db.session.scalars(select(Venue))}
        aliases = db.session.scalars(select(PersonAlias).options(joinedload(PersonAlias.person)))
        self.people = {alias.key: alias.person for alias in aliases}
        # (member, paper) pairs the member took off their list: never linked again.
        self.unlinked = set(db.session.execute(select(Unlinked.person_id, Unlinked.publication_id)))
        for start in range(0, len(records), self.CHUNK):
            self._read_candidates(records[start : start + self.CHUNK])

    def _read_candidates(self, records: Sequence[PublicationRecord]) -> None:
        conditions = [Publication.key.in_([publication_key(r.key) for r in records])]
        for kind, column in self.IDENTITY_COLUMNS.items():
            values = {value for r in records for k, value in r.identities() if k == kind}
            if values:
                conditions.append(column.in_(values))
        columns = [Publication.id, Publication.key, *self.IDENTITY_COLUMNS.values()]
        for row in db.session.execute(select(*columns).where(or_(*conditions))):
            paper_id, key, *identities = row
            self._ids.setdefault(("key", key), paper_id)
            # The match key is the title's key and the year.
            self._titles[paper_id] = identities[-1].rpartition(":")[0]
            for kind, value in zip(self.IDENTITY_COLUMNS, identities, strict=True):
                if value:
                    self._ids.setdefault((kind, value), paper_id)

    def find_id(self, record: PublicationRecord) -> int | None:
        """Return the id of the stored paper with the record's key, else its identity
        (an identifier only with the same title: `PublicationRecord.agrees_with`)."""
        for identity in [("key", publication_key(record.key)), *record.identities()]:
            paper_id = self._ids.get(identity)
            if paper_id is not None and record.agrees_with(identity[0], self._titles[paper_id]):
                return paper_id
        return None

    def free_key(self, bibtex_key: str) -> str:
        """Return an unused URL key for a new paper, numbered if the plain one is taken."""
        base = publication_key(bibtex_key)
        key, number = base, 1
        # The plain key of every record was read in bulk; only numbered ones need a query.
        while key in self._new_keys or ("key", key) in self._ids or (number > 1 and _taken(key)):
            number += 1
            key = f"{base}-{number}"
        self._new_keys.add(key)
        return key


def _taken(key: str) -> bool:
    with db.session.no_autoflush:
        return db.session.scalars(select(Publication.id).filter_by(key=key)).first() is not None


def upsert_publication(record: PublicationRecord) -> str:
    """Create, update or merge the paper a record describes; return what happened."""
    return upsert_publications([record])[0].status


class Written(NamedTuple):
    """What a write did with a record, and the paper it wrote."""

    status: str
    paper_id: int


def upsert_publications(records: Sequence[PublicationRecord]) -> list[Written]:
    """Create, update or merge the paper each record describes; return what happened to each.

    A record whose key is new but whose DOI, arXiv id, OpenReview id or title and
    year match a stored paper is merged into it: blanks are filled and links added.
    Records are written in chunks, each read with one query and flushed once.
    """
    lookup = PaperLookup(records)
    written: list[Written | None] = []
    writing = meter("writing papers", len(records))
    for start in range(0, len(records), PaperLookup.CHUNK):
        chunk = records[start : start + PaperLookup.CHUNK]
        found_ids = {lookup.find_id(record) for record in chunk} - {None}
        stored = {
            paper.id: paper
            for paper in db.session.scalars(
                select(Publication)
                .where(Publication.id.in_(found_ids))
                .options(selectinload(Publication.authorships), selectinload(Publication.links))
            )
        }
        new, places = [], []
        for record in chunk:
            publication = stored.get(lookup.find_id(record))
            if publication is None:
                new.append(
                    (record, lookup.free_key(record.key), _publication_values(record, lookup))
                )
                places.append(len(written))
                written.append(None)  # its id comes with the insert
            else:
                status = _write_publication(record, publication, lookup)
                written.append(Written(status, publication.id))
        db.session.flush()
        for place, paper_id in zip(places, _insert_publications(new, lookup), strict=True):
            written[place] = Written(ADDED, paper_id)
        writing.advance(len(chunk))
    writing.finish()
    return written


def _insert_publications(
    new: list[tuple[PublicationRecord, str, dict[str, Any]]], lookup: PaperLookup
) -> list[int]:
    """Insert new papers with their authors and links, a statement per table for all;
    return their ids.

    Made as ORM objects, a paper with its authors costs more than a millisecond; a
    100,000-paper import spent most of its time there. Their new venues are flushed
    (given ids) first.
    """
    if not new:
        return []
    rows = []
    for _record, key, values in new:
        venue = values.pop("venue")
        rows.append({**values, "key": key, "venue_id": venue.id if venue else None})
    ids = db.session.scalars(
        insert(Publication).returning(Publication.id, sort_by_parameter_order=True), rows
    ).all()
    authorships, links = [], []
    for paper_id, (record, _key, _values) in zip(ids, new, strict=True):
        for row in _authorship_rows(record.authors, lookup):
            person = row.pop("person")
            authorships.append(
                {**row, "publication_id": paper_id, "person_id": person.id if person else None}
            )
        links += [{**row, "publication_id": paper_id} for row in _link_rows(record.links)]
    for model, child_rows in ((Authorship, authorships), (PublicationLink, links)):
        if child_rows:
            db.session.execute(insert(model), child_rows)
    bulk_written(db.session, {("paper", paper_id) for paper_id in ids})
    return list(ids)


def replace_publication(publication: Publication, record: PublicationRecord) -> bool:
    """Make a stored paper what the record says (an edit of that paper, whatever key the
    record has); return whether anything changed."""
    changed = _replace_publication(publication, record, PaperLookup([record]))
    db.session.flush()
    return changed


def _replace_publication(
    publication: Publication, record: PublicationRecord, lookup: PaperLookup
) -> bool:
    changed = _assign(publication, **_publication_values(record, lookup))
    changed |= _sync_authorships(publication, record.authors, lookup)
    changed |= _sync_links(publication.links, record.links, PublicationLink)
    return changed


def _write_publication(
    record: PublicationRecord, publication: Publication, lookup: PaperLookup
) -> str:
    if publication.key == publication_key(record.key):
        return UPDATED if _replace_publication(publication, record, lookup) else UNCHANGED
    values = _publication_values(record, lookup)
    blanks = {name: value for name, value in values.items() if not getattr(publication, name)}
    changed = _assign(publication, **blanks)
    if not publication.authorships:
        changed |= _sync_authorships(publication, record.authors, lookup)
    known = {(link.kind, link.url) for link in publication.links}
    missing = [link for link in record.links if (link.kind, link.url) not in known]
    changed |= _sync_links(
        publication.links, [*_link_records(publication), *missing], PublicationLink
    )
    return MERGED if changed else UNCHANGED


def delete_publication(publication: Publication) -> None:
    """Delete a paper with its authorships and links."""
    db.session.delete(publication)
    db.session.flush()


def take_off_list(person: Person, publication: Publication) -> None:
    """Take a paper off a member's own list, for good: their authorships of it are
    unlinked and stay so through later imports; the paper stays for its co-authors."""
    db.session.add(Unlinked(person_id=person.id, publication_id=publication.id))
    for authorship in publication.authorships:
        if authorship.person_id == person.id:
            authorship.person = None
    db.session.execute(
        delete(Selection).filter_by(person_id=person.id, publication_id=publication.id)
    )
    db.session.flush()


def order_selection(person: Person, paper_ids: Sequence[int]) -> bool:
    """Make a member's selected papers exactly these, in this order; return whether
    anything changed."""
    stored = list(
        db.session.scalars(
            select(Selection).filter_by(person_id=person.id).order_by(Selection.position)
        )
    )
    if [selection.publication_id for selection in stored] == list(paper_ids):
        return False
    for selection in stored:
        db.session.delete(selection)
    db.session.flush()
    db.session.add_all(
        Selection(person_id=person.id, publication_id=paper_id, position=position)
        for position, paper_id in enumerate(dict.fromkeys(paper_ids))
    )
    db.session.flush()
    return True


def _publication_values(record: PublicationRecord, lookup: PaperLookup) -> dict[str, Any]:
    return {
        "bibtex_key": record.key,
        "entry_type": record.entry_type,
        "title": record.title,
        "venue": _venue(record, lookup),
        "venue_text": record.venue_text,
        "year": record.year,
        "month": record.month,
        "abstract": record.abstract,
        "lay_summary": record.lay_summary,
        "lay_summary_visible": record.lay_summary_visible,
        "award": record.award,
        "note": record.note,
        "selected": record.selected,
        "doi": record.doi.lower(),
        "arxiv_id": arxiv_base_id(record.arxiv_id),
        "openreview_id": record.openreview_id,
        "match_key": match_key(record.title, record.year),
        "extra_fields": record.extra_fields,
        "source_file": record.file,
    }


def _venue(record: PublicationRecord, lookup: PaperLookup) -> Venue | None:
    """Return the venue row for a record; known venues group under their canonical row."""
    match = match_venue(record.venue_abbreviation, record.venue_name)
    if match is not None:
        canonical = match.venue
        key, abbreviation, name, kind = (
            canonical.key,
            canonical.abbreviation,
            canonical.name,
            canonical.kind,
        )
    else:
        key = record.venue_abbreviation.lower() or name_key(record.venue_name)[: lengths.VENUE_KEY]
        abbreviation, name = record.venue_abbreviation, record.venue_name
        kind = record.venue_kind or "other"
    if not key:
        return None
    venue = lookup.venues.get(key)
    if venue is None:
        venue = Venue(key=key, abbreviation=abbreviation, name=name, kind=kind)
        db.session.add(venue)
        lookup.venues[key] = venue
    return venue


def _unique_names(names: Sequence[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name_key(name), name.strip())
    return [name for key, name in seen.items() if key]


def _check_names_free(names: list[str], person: Person | None) -> None:
    keys = [name_key(name) for name in names]
    taken = db.session.scalars(select(PersonAlias).where(PersonAlias.key.in_(keys))).all()
    for alias in taken:
        if person is None or alias.person_id != person.id:
            raise ContentConflict(
                f"the name {alias.name!r} already belongs to {alias.person.slug!r}"
            )


def _sync_aliases(person: Person, names: list[str]) -> bool:
    wanted = {name_key(name): name for name in names}
    changed = False
    for alias in list(person.aliases):
        if alias.key not in wanted:
            person.aliases.remove(alias)
            changed = True
        elif alias.name != wanted[alias.key]:
            alias.name = wanted[alias.key]
            changed = True
    present = {alias.key for alias in person.aliases}
    for key, name in wanted.items():
        if key not in present:
            person.aliases.append(PersonAlias(name))
            changed = True
    return changed


def _sync_authorships(
    publication: Publication, authors: list[AuthorRecord], lookup: PaperLookup
) -> bool:
    rows = _authorship_rows(authors, lookup, publication.id)
    return _sync_rows(publication.authorships, rows, Authorship)


def _authorship_rows(
    authors: list[AuthorRecord], lookup: PaperLookup, paper_id: int | None = None
) -> list[dict[str, Any]]:
    rows = []
    for position, author in enumerate(authors):
        person = lookup.people.get(name_key(author.name))
        if person is not None and (person.id, paper_id) in lookup.unlinked:
            person = None
        rows.append(
            {
                "position": position,
                "display_name": author.name,
                "name_key": name_key(author.name),
                "equal_contribution": author.equal_contribution,
                "corresponding": author.corresponding,
                "person": person,
            }
        )
    return rows


def _link_records(publication: Publication) -> list[LinkRecord]:
    return [LinkRecord(link.kind, link.url, link.label, link.hidden) for link in publication.links]


def _sync_links(rows: list, records: list[LinkRecord], model: type[LinkMixin]) -> bool:
    return _sync_rows(rows, _link_rows(records), model)


def _link_rows(records: list[LinkRecord]) -> list[dict[str, Any]]:
    return [
        {"kind": r.kind, "url": r.url, "label": r.label, "hidden": r.hidden, "position": n}
        for n, r in enumerate(records)
    ]


def _sync_rows(rows: list, values: list[dict[str, Any]], model: Callable[..., Any]) -> bool:
    """Make an ordered child collection match values, updating rows in place.

    Updating in place (rather than replacing the list) keeps unchanged content
    unchanged and avoids clashing with unique (parent, position) constraints.
    """
    changed = False
    for row, wanted in zip(rows, values, strict=False):
        changed |= _assign(row, **wanted)
    for row in rows[len(values) :]:
        rows.remove(row)
        changed = True
    for wanted in values[len(rows) :]:
        rows.append(model(**wanted))
        changed = True
    return changed


def _assign(obj: Any, **values: Any) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def replace_coauthors(people: Sequence[Sequence[str]]) -> bool:
    """Make the co-authors who are not members these, each a list of their spellings;
    return whether anything changed. Papers printing a changed spelling are re-indexed."""
    wanted = {}
    for spellings in people:
        names = _unique_names(list(spellings))
        if names:
            person_key = name_key(names[0])
            wanted |= {name_key(name): (name, person_key) for name in names}
    stored = {row.key: row for row in db.session.scalars(select(CoauthorSpelling))}
    changed_keys = set(stored) ^ set(wanted)
    for key, row in stored.items():
        if key not in wanted:
            db.session.delete(row)
        elif (row.name, row.person_key) != wanted[key]:
            row.name, row.person_key = wanted[key]
            changed_keys.add(key)
    for key in wanted.keys() - stored.keys():
        name, person_key = wanted[key]
        db.session.add(CoauthorSpelling(name=name, key=key, person_key=person_key))
    db.session.flush()
    if changed_keys:
        papers = db.session.scalars(
            select(Authorship.publication_id).where(Authorship.name_key.in_(changed_keys))
        )
        bulk_written(db.session, {("paper", paper_id) for paper_id in papers})
    return bool(changed_keys)


# The site's texts by name (`SiteText`).
INTRODUCTION = "introduction"


def set_site_text(name: str, body: str) -> str:
    """Keep a text of the site (its introduction) as given; return what happened."""
    text = db.session.get(SiteText, name)
    if text is None:
        db.session.add(SiteText(name=name, body=body))
        return ADDED
    if text.body == body:
        return UNCHANGED
    text.body = body
    return UPDATED
