"""Who may edit what: the admin everything; an owner their profile and their papers.

A paper is an owner's when one of its authorships is linked to their profile (the
link made at import from the names and aliases the profile lists).
"""

from flask import abort
from flask_login import current_user

from accounts.models import Account
from catalog.models import Person, Publication
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
