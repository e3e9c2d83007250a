"""The audit log: who changed what and when, with each field before and after."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from accounts.models import Account
from catalog.activities import ACTIVITY_KINDS
from catalog.models import Person, Publication, db
from catalog.wording import N_
from editing.profile_form import AFFILIATION_PARTS, EDUCATION_PARTS, activity_lines, item_line


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class AuditEntry(db.Model):
    """One saved edit. The e-mail address is kept too, so the entry outlives the account."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=_now, index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="SET NULL"))
    account_email: Mapped[str] = mapped_column(String(300))
    action: Mapped[str] = mapped_column(String(60))
    # What was changed, as "person <slug>" or "paper <key>".
    subject: Mapped[str] = mapped_column(String(300), index=True)
    # {field: [before, after]} for each field that changed.
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


def person_fields(person: Person | None) -> dict[str, Any]:
    """What a profile shows, field by field, as plain values (nothing once deleted)."""
    if person is None:
        return {}
    # The log keeps the English names; its page translates them (they are marked for that).
    return {
        N_("name"): person.name,
        N_("other names"): [alias.name for alias in person.aliases if alias.name != person.name],
        N_("position"): person.position,
        N_("tagline"): person.tagline,
        N_("affiliations"): [item_line(a, *AFFILIATION_PARTS) for a in person.affiliations],
        N_("education"): [item_line(e, *EDUCATION_PARTS) for e in person.education],
        N_("interests"): person.interests,
        N_("address"): person.address,
        N_("email"): person.email,
        N_("photo"): person.photo,
        N_("biography"): person.bio,
        N_("role"): person.role,
        **{kind.name: activity_lines(person, kind) for kind in ACTIVITY_KINDS},
        N_("links"): [
            f"{link.kind}: {link.label} <{link.url}>{' (hidden)' * link.hidden}"
            for link in person.links
        ],
        N_("sections"): [
            f"{section.title} ({section.kind}"
            f"{f', until {section.expires}' if section.expires else ''}): {section.body}"
            for section in person.sections
        ],
    }


def paper_fields(paper: Publication | None) -> dict[str, Any]:
    """A paper's fields as plain values (nothing once deleted)."""
    if paper is None:
        return {}
    return {
        N_("title"): paper.title,
        N_("type"): paper.entry_type,
        N_("authors"): [
            authorship.display_name + (f" → {authorship.person.slug}" if authorship.person else "")
            for authorship in paper.authorships
        ],
        N_("venue"): paper.venue_text,
        N_("year"): paper.year,
        N_("month"): paper.month,
        N_("abstract"): paper.abstract,
        "DOI": paper.doi,
        "arXiv": paper.arxiv_id,
        "OpenReview": paper.openreview_id,
        N_("award"): paper.award,
        N_("note"): paper.note,
        N_("links"): [f"{link.kind}: {link.url}" for link in paper.links],
        # Each field of the imported entry on its own, so a change shows only its field.
        **{f"BibTeX {name}": value for name, value in (paper.extra_fields or {}).items()},
    }


def differences(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Return {field: [before, after]} for the fields that differ."""
    return {
        name: [before.get(name), after.get(name)]
        for name in dict.fromkeys([*before, *after])
        if before.get(name) != after.get(name)
    }


def log_change(
    account: Account, action: str, subject: str, before: dict[str, Any], after: dict[str, Any]
) -> AuditEntry | None:
    """Add an entry for a change to the session (committed with the change); none when
    nothing changed."""
    changes = differences(before, after)
    if not changes:
        return None
    entry = AuditEntry(
        account_id=account.id,
        account_email=account.email,
        action=action,
        subject=subject,
        changes=changes,
    )
    db.session.add(entry)
    return entry
