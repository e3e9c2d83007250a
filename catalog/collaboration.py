"""Whom a member writes with: their co-authors, each with the papers they share."""

from dataclasses import dataclass

from sqlalchemy import String, cast, func, or_, select

from catalog.models import Authorship, CoauthorSpelling, Person, db

# The co-authors a profile names, those with the most papers shared first.
COAUTHORS_SHOWN = 12


@dataclass(frozen=True)
class Coauthor:
    name: str
    # The co-author's page, when they are a member.
    slug: str | None
    papers: int


def coauthors(person: Person, limit: int = COAUTHORS_SHOWN) -> tuple[list[Coauthor], int]:
    """Return the person's co-authors with the most papers shared, and how many there are
    in all; a co-author's spellings count as one (a member's, and a non-member's the
    import found to be one person)."""
    theirs = select(Authorship.publication_id).where(Authorship.person_id == person.id)
    who = func.coalesce(
        "member:" + cast(Authorship.person_id, String),
        CoauthorSpelling.person_key,
        Authorship.name_key,
    )
    shared = func.count(func.distinct(Authorship.publication_id))
    rows = (
        select(
            who.label("who"),
            func.coalesce(func.max(Person.name), func.max(Authorship.display_name)),
            func.max(Person.slug),
            shared,
        )
        .outerjoin(CoauthorSpelling, CoauthorSpelling.key == Authorship.name_key)
        .outerjoin(Person, Person.id == Authorship.person_id)
        .where(
            Authorship.publication_id.in_(theirs),
            or_(Authorship.person_id.is_(None), Authorship.person_id != person.id),
        )
        .group_by(who)
    )
    found = db.session.execute(
        rows.order_by(shared.desc(), func.max(Authorship.display_name)).limit(limit)
    ).all()
    total = db.session.scalar(select(func.count()).select_from(rows.subquery()))
    return [Coauthor(name, slug, papers) for _, name, slug, papers in found], total or 0
