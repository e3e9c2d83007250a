"""Who may edit what: the admin everything; an owner their profile and their papers.

A paper is an owner's when one of its authorships is linked to their profile (the
link made at import from the names and aliases the profile lists).
"""

from dataclasses import dataclass

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from accounts.models import Account
from catalog.models import Authorship, Person, Publication, db
from catalog.queries import get_person_or_404, get_publication_or_404


def may_edit_person(account: Account, person: Person) -> bool:
    return account.is_admin or account.person_id == person.id


def may_edit_paper(account: Account, paper: Publication) -> bool:
    return account.is_admin or any(
        authorship.person_id is not None and authorship.person_id == account.person_id
        for authorship in paper.authorships
    )


def person_to_edit(slug: str) -> Person:
    """Return the profile with this slug if the signed-in account may edit it: else 404
    when there is none, 403 when it is someone else's."""
    person = get_person_or_404(slug)
    if not may_edit_person(current_user, person):
        abort(403)
    return person


def paper_to_edit(key: str) -> Publication:
    """Return the paper with this key if the signed-in account may edit it (404, 403)."""
    paper = get_publication_or_404(key)
    if not may_edit_paper(current_user, paper):
        abort(403)
    return paper


def member_authors(paper: Publication) -> list[Person]:
    """The members among a paper's authors, in author order, each once."""
    people = {a.person.id: a.person for a in paper.authorships if a.person is not None}
    return list(people.values())


@dataclass
class Holdings:
    """What an owner has before a write, to judge what the write did."""

    owner_id: int | None
    # Each of the owner's papers -> the members among its authors.
    papers: dict[int, set[int]]
    # The newest paper's id: a paper with a larger one is new.
    newest: int


def holdings(account: Account) -> Holdings | None:
    """What the account owns now; None for the admin, whom no write is refused."""
    if account.is_admin:
        return None
    theirs = select(Authorship.publication_id).where(Authorship.person_id == account.person_id)
    papers: dict[int, set[int]] = {}
    for paper_id, person_id in db.session.execute(
        select(Authorship.publication_id, Authorship.person_id).where(
            Authorship.publication_id.in_(theirs), Authorship.person_id.is_not(None)
        )
    ):
        papers.setdefault(paper_id, set()).add(person_id)
    newest = db.session.scalar(select(func.max(Publication.id))) or 0
    return Holdings(account.person_id, papers, newest)


def write_refusal(before: Holdings | None, papers: list[Publication]) -> str:
    """Why an owner may not make a write that left these papers so ("" if they may):
    they change only papers that were theirs, keep themselves among the authors, and
    keep the other members who were."""
    for paper in papers if before is not None else []:
        members = {a.person_id for a in paper.authorships if a.person_id is not None}
        if paper.id <= before.newest and paper.id not in before.papers:
            return _(
                "%(key)s is a paper already on the site that is not yours; its authors "
                "or the site's admin can change it",
                key=paper.key,
            )
        if before.owner_id not in members:
            return _(
                "%(key)s: none of its authors would be you (by your name or the other "
                "spellings your profile lists)",
                key=paper.key,
            )
        lost = before.papers.get(paper.id, set()) - members
        if lost:
            names = ", ".join(sorted(db.session.get(Person, person_id).name for person_id in lost))
            return _(
                "%(key)s: %(names)s would no longer be among its authors",
                key=paper.key,
                names=names,
            )
    return ""
