"""The content model: people, publications, their authors, venues and links.

A publication is stored once however many site members wrote it; each member's
page lists the publications whose authorships point at them. Deleting a person
only unlinks their authorships, so co-authored papers stay on the site.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, func, literal_column
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from catalog import gc_guard, lengths
from catalog.activities import shown_activities
from catalog.details import IN_VENUE_LINE, details, ends_with_others, where_in_venue
from catalog.math_text import math_plain
from catalog.names import name_key
from catalog.web_addresses import PREVIEW_FOLDER, is_safe_address, site_file_address


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
gc_guard.register(db.Model)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=_now)
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)


class Person(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(lengths.SLUG), unique=True)
    name: Mapped[str] = mapped_column(String(lengths.NAME))
    position: Mapped[str] = mapped_column(String(lengths.LINE), default="")
    tagline: Mapped[str] = mapped_column(String(lengths.LINE), default="")
    # [{"name": ..., "url": ...}], most specific unit first.
    affiliations: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # [{"degree": ..., "institution": ..., "url": ..., "year": ...}]
    education: Mapped[list[Any]] = mapped_column(JSON, default=list)
    interests: Mapped[list[Any]] = mapped_column(JSON, default=list)
    address: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(String(lengths.LINE), default="")
    photo: Mapped[str] = mapped_column(String(lengths.PHOTO), default="")
    bio: Mapped[str] = mapped_column(Text, default="")
    # The member's role in a lab ("faculty", "student"...: catalog/activities.py).
    role: Mapped[str] = mapped_column(String(lengths.ROLE), default="")
    # News, openings, talks, teaching, awards, service, students and alumni: each a list
    # of items of its kind's parts (catalog/activities.py).
    activities: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    aliases: Mapped[list[PersonAlias]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonAlias.id"
    )
    learned_names: Mapped[list[LearnedName]] = relationship(
        cascade="all, delete-orphan", order_by="LearnedName.id"
    )
    links: Mapped[list[PersonLink]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonLink.position"
    )
    sections: Mapped[list[ProfileSection]] = relationship(
        back_populates="person",
        cascade="all, delete-orphan",
        order_by="ProfileSection.position",
    )
    authorships: Mapped[list[Authorship]] = relationship(back_populates="person")

    @property
    def initials(self) -> str:
        """Return up to two initials for the avatar shown when there is no photo."""
        parts = [p for p in self.name.replace("-", " ").split() if p[:1].isalpha()]
        picked = parts[:1] + parts[-1:] if len(parts) > 1 else parts
        return "".join(p[0].upper() for p in picked) or "?"

    @property
    def other_names(self) -> list[str]:
        """Return the spellings of this person's name other than the main one."""
        return [alias.name for alias in self.aliases if alias.name != self.name]

    @property
    def visible_links(self) -> list[PersonLink]:
        return _shown(self.links)

    @property
    def shown_activities(self) -> dict[str, list[dict]]:
        """News, openings (not past their day), talks... as a page lists them."""
        return shown_activities(self.activities or {}, date.today())

    @property
    def current_sections(self) -> list[ProfileSection]:
        """The sections a page shows: not those past their expiry date."""
        return [section for section in self.sections if section.is_current]


class PersonAlias(db.Model):
    """A spelling of a person's name (the main one too), used to link authorships."""

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(lengths.NAME))
    key: Mapped[str] = mapped_column(String(lengths.NAME), unique=True)

    person: Mapped[Person] = relationship(back_populates="aliases")

    def __init__(self, name: str, **kwargs: Any) -> None:
        super().__init__(name=name, key=name_key(name), **kwargs)


class LearnedName(db.Model):
    """A spelling of a member's name the importer took to be them (`import --person`).

    Kept apart from the names their profile lists, so importing the profile again keeps
    it among their aliases, and the papers it links stay theirs.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(lengths.NAME))


class CoauthorSpelling(db.Model):
    """One printed spelling of a co-author who is not a member (and has no page).

    The spellings of one person share `person_key` (the key of the first), so a search
    for one finds the papers printed with another.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(lengths.NAME))
    key: Mapped[str] = mapped_column(String(lengths.NAME), unique=True)
    person_key: Mapped[str] = mapped_column(String(lengths.NAME), index=True)


class SiteText(db.Model):
    """A text of the site as a whole, by name: its introduction on the home page."""

    name: Mapped[str] = mapped_column(String(lengths.SITE_TEXT_NAME), primary_key=True)
    body: Mapped[str] = mapped_column(Text, default="")


class ProfileSection(db.Model):
    """A titled block on a profile, such as a notice for prospective students."""

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(lengths.SECTION_KIND), default="section")
    title: Mapped[str] = mapped_column(String(lengths.LINE))
    body: Mapped[str] = mapped_column(Text, default="")
    # The last day it is shown (a notice for applicants this year, say); None: always.
    expires: Mapped[date | None]

    person: Mapped[Person] = relationship(back_populates="sections")

    @property
    def is_current(self) -> bool:
        return self.expires is None or self.expires >= date.today()


class LinkMixin:
    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(lengths.LINK_KIND))
    label: Mapped[str] = mapped_column(String(lengths.NAME), default="")
    url: Mapped[str] = mapped_column(String(lengths.ADDRESS))
    # Kept but not shown: the source hid it (an HTML comment, say).
    hidden: Mapped[bool] = mapped_column(default=False)


def _shown(links: list[LinkMixin]) -> list[Any]:
    """Return the links a page, feed or export may show.

    The importers refuse unsafe addresses; this also keeps out any stored before they did.
    """
    return [link for link in links if not link.hidden and is_safe_address(link.url, True)]


class PersonLink(LinkMixin, db.Model):
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    person: Mapped[Person] = relationship(back_populates="links")


class Venue(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    # Lower-cased abbreviation, or the normalised full name when there is none.
    key: Mapped[str] = mapped_column(String(lengths.VENUE_KEY), unique=True)
    abbreviation: Mapped[str] = mapped_column(String(lengths.ABBREVIATION), default="")
    name: Mapped[str] = mapped_column(String(lengths.VENUE_NAME), default="")
    kind: Mapped[str] = mapped_column(String(lengths.VENUE_KIND), default="conference")

    @property
    def label(self) -> str:
        return self.abbreviation or self.name


class Publication(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(lengths.KEY), unique=True)
    # The key as the BibTeX file wrote it ("Ng:2024"); `key` is its URL-safe slug.
    bibtex_key: Mapped[str] = mapped_column(String(lengths.KEY), default="")
    entry_type: Mapped[str] = mapped_column(String(lengths.ENTRY_TYPE), default="misc")
    title: Mapped[str] = mapped_column(Text)
    venue_id: Mapped[int | None] = mapped_column(
        ForeignKey("venue.id", ondelete="SET NULL"), index=True
    )
    # The venue exactly as the source printed it (typos included).
    venue_text: Mapped[str] = mapped_column(Text, default="")
    year: Mapped[int | None] = mapped_column(index=True)
    month: Mapped[int | None]
    abstract: Mapped[str] = mapped_column(Text, default="")
    lay_summary: Mapped[str] = mapped_column(Text, default="")
    lay_summary_visible: Mapped[bool] = mapped_column(default=True)
    award: Mapped[str] = mapped_column(String(lengths.LINE), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    selected: Mapped[bool] = mapped_column(default=False)
    doi: Mapped[str] = mapped_column(String(lengths.DOI), default="", index=True)
    arxiv_id: Mapped[str] = mapped_column(String(lengths.IDENTIFIER), default="", index=True)
    openreview_id: Mapped[str] = mapped_column(String(lengths.IDENTIFIER), default="", index=True)
    # Normalised title + year: finds the same paper arriving under another key.
    match_key: Mapped[str] = mapped_column(String(lengths.MATCH_KEY), default="", index=True)
    # Every BibTeX field as read, so export can give back what came in.
    extra_fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The file a load last found the paper in (an absolute path), so `import --prune`
    # can remove what that file no longer holds; "" when last written in the browser.
    source_file: Mapped[str] = mapped_column(String(lengths.FILE_PATH), default="", index=True)

    # One way only: a venue's list of papers would keep every paper of a big import in memory.
    venue: Mapped[Venue | None] = relationship()
    authorships: Mapped[list[Authorship]] = relationship(
        back_populates="publication",
        cascade="all, delete-orphan",
        order_by="Authorship.position",
    )
    links: Mapped[list[PublicationLink]] = relationship(
        back_populates="publication",
        cascade="all, delete-orphan",
        order_by="PublicationLink.position",
    )

    @property
    def visible_links(self) -> list[PublicationLink]:
        return _shown(self.links)

    @property
    def plain_title(self) -> str:
        """The title with its math as plain characters, for metadata, feeds and citations."""
        return math_plain(self.title)

    @property
    def venue_full_name(self) -> str:
        """The venue's full name, or the venue as printed when it has none."""
        return self.venue.name if self.venue and self.venue.name else self.venue_text

    @property
    def venue_label(self) -> str:
        """The venue's short name for lists, or the venue as printed."""
        return self.venue.label if self.venue else self.venue_text

    def imported(self, name: str) -> str:
        """Return a field of the imported entry that has no column, or ""."""
        return str((self.extra_fields or {}).get(name) or "").strip()

    @property
    def badge(self) -> str:
        """The venue's badge: the file's own `abbr` ("CVPRW", "TPAMI 2025") as written,
        else the registry's abbreviation; the registry only groups papers by venue."""
        return self.imported("abbr") or (self.venue.abbreviation if self.venue else "")

    @property
    def shows_bibtex(self) -> bool:
        """Whether lists offer the paper's BibTeX (al-folio's `bibtex_show`)."""
        return self.imported("bibtex_show") == "true"

    @property
    def scholar_address(self) -> str:
        """The paper's page on Google Scholar (al-folio's `google_scholar_id`), through the
        Scholar profile a member author links to, or ""."""
        paper = self.imported("google_scholar_id")
        for authorship in self.authorships if paper else ():
            for link in authorship.person.visible_links if authorship.person else ():
                user = parse_qs(urlsplit(link.url).query).get("user", [""])[0]
                if link.kind == "scholar" and user:
                    return (
                        "https://scholar.google.com/citations?view_op=view_citation"
                        f"&user={quote(user)}&citation_for_view={quote(user)}:{quote(paper)}"
                    )
        return ""

    @property
    def preview_address(self) -> str:
        """The address of the paper's preview image (al-folio's `preview`), or ""."""
        preview = self.imported("preview")
        address = site_file_address(PREVIEW_FOLDER, preview) if preview else ""
        return address if is_safe_address(address, site_path=True) else ""

    @property
    def award_name(self) -> str:
        """The award's short name (al-folio's `award_name`, "Best Paper"); `award` says more."""
        return self.imported("award_name")

    @property
    def shown_lay_summary(self) -> str:
        """The lay summary, or nothing when its author hid it (it stays in the data)."""
        return self.lay_summary if self.lay_summary_visible else ""

    @property
    def description(self) -> str:
        """What a feed or a link preview says about the paper: its abstract, else its summary."""
        return self.abstract or self.shown_lay_summary

    @property
    def artifact_kinds(self) -> set[str]:
        """What the paper has, as `has:` names it (see artifact_kinds_with)."""
        return self.artifact_kinds_with({link.kind.lower() for link in self.visible_links})

    def artifact_kinds_with(self, link_kinds: set[str]) -> set[str]:
        """What the paper has, as `has:` names it: the kinds of its visible links (given,
        for a caller that read them in bulk), the identifiers it carries
        (IDENTIFIER_COLUMNS) and an abstract."""
        kinds = link_kinds | {
            kind for kind, column in IDENTIFIER_COLUMNS.items() if getattr(self, column.key)
        }
        return kinds | {"abstract"} if self.abstract else kinds

    @property
    def has_equal_contribution(self) -> bool:
        return any(a.equal_contribution for a in self.authorships)

    @property
    def details(self) -> dict[str, str]:
        """Volume, issue, pages, publisher, editors... as the BibTeX file gave them."""
        return details(self.extra_fields or {})

    @property
    def where_in_venue(self) -> str:
        """Volume, issue and pages as the venue line prints them ("20(5), 1–10")."""
        return where_in_venue(self.entry_type, self.details)

    @property
    def listed_details(self) -> dict[str, str]:
        """The details a paper page lists apart: not those the venue line says already."""
        return {
            name: value
            for name, value in self.details.items()
            if name not in IN_VENUE_LINE and value != self.venue_text
        }

    @property
    def more_authors(self) -> bool:
        """Whether the paper has authors its list does not name ("and others")."""
        return ends_with_others(self.imported("author"))


# The identifiers that count as a link of their kind (what `has:arxiv` finds).
IDENTIFIER_COLUMNS = {
    "doi": Publication.doi,
    "arxiv": Publication.arxiv_id,
    "openreview": Publication.openreview_id,
}

# Lists read their pages in this order (see catalog/listing.py): newest first, a missing
# year or month last, then by key. The 0 is written into the SQL, not bound: a query
# uses an index on an expression only when it spells the expression the same way.
NEWEST_YEAR = func.coalesce(Publication.year, literal_column("0"))
NEWEST_MONTH = func.coalesce(Publication.month, literal_column("0"))
Index("ix_publication_newest_first", NEWEST_YEAR.desc(), NEWEST_MONTH.desc(), Publication.key)


class Authorship(db.Model):
    __table_args__ = (UniqueConstraint("publication_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(ForeignKey("publication.id", ondelete="CASCADE"))
    position: Mapped[int]
    # The name exactly as printed on this paper; the person may be known by another.
    display_name: Mapped[str] = mapped_column(String(lengths.LINE))
    name_key: Mapped[str] = mapped_column(String(lengths.LINE), index=True)
    equal_contribution: Mapped[bool] = mapped_column(default=False)
    corresponding: Mapped[bool] = mapped_column(default=False)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )

    publication: Mapped[Publication] = relationship(back_populates="authorships")
    person: Mapped[Person | None] = relationship(back_populates="authorships")


class Selection(db.Model):
    """A paper a member put among their own selected publications, in their order.

    Selection belongs to each member: a co-author's file marking a paper selected puts
    it on that co-author's list, not on every member's among its authors.
    """

    __table_args__ = (UniqueConstraint("person_id", "publication_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publication.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]


class Unlinked(db.Model):
    """A paper a member took off their own list though one of their names is among its
    authors (a co-authored paper stays on the site): the authorship stays unlinked."""

    __table_args__ = (UniqueConstraint("person_id", "publication_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publication.id", ondelete="CASCADE"), index=True
    )


class PublicationLink(LinkMixin, db.Model):
    publication_id: Mapped[int] = mapped_column(
        ForeignKey("publication.id", ondelete="CASCADE"), index=True
    )
    publication: Mapped[Publication] = relationship(back_populates="links")
