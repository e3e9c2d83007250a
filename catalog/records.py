"""Plain records that the content readers produce and the write operations consume.

Readers never touch Flask or the database; they turn text into these records and a
list of problems, so every source of content (files, the CLI) goes through the same write path.
"""

from dataclasses import dataclass, field, fields
from datetime import date
from difflib import SequenceMatcher

from catalog.names import arxiv_base_id, match_key, title_key

# How alike two title keys must be (difflib's ratio) to be one paper's title typed twice.
SIMILAR_TITLES = 0.9


@dataclass
class Problem:
    """Something a reader fixed, doubted or could not read, with where it was."""

    source: str
    line: int | None
    message: str
    severity: str = "error"  # "error" rejects the item; "warning" and "fixed" only report
    key: str = ""
    # The message without what varies from entry to entry (a name), for a report that
    # shows a cause met many times once; "" when the message itself is the cause.
    cause: str = ""

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        subject = f" [{self.key}]" if self.key else ""
        return f"{where}{subject}: {self.severity}: {self.message}"


@dataclass
class LinkRecord:
    kind: str
    url: str
    label: str = ""
    hidden: bool = False


@dataclass
class SectionRecord:
    title: str
    body: str = ""
    kind: str = "section"
    expires: date | None = None


@dataclass
class PersonRecord:
    slug: str
    name: str
    aliases: list[str] = field(default_factory=list)
    position: str = ""
    tagline: str = ""
    affiliations: list[dict] = field(default_factory=list)
    education: list[dict] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    address: str = ""
    email: str = ""
    photo: str = ""
    bio: str = ""
    role: str = ""
    activities: dict[str, list[dict]] = field(default_factory=dict)
    links: list[LinkRecord] = field(default_factory=list)
    sections: list[SectionRecord] = field(default_factory=list)
    source: str = ""
    line: int | None = None


@dataclass
class AuthorRecord:
    name: str
    equal_contribution: bool = False
    corresponding: bool = False
    # The given names as written ("Z." or ""), for the linter; not stored.
    given_name: str | None = None


@dataclass
class PublicationRecord:
    key: str
    title: str
    entry_type: str = "misc"
    authors: list[AuthorRecord] = field(default_factory=list)
    venue_text: str = ""
    venue_abbreviation: str = ""
    venue_name: str = ""
    venue_kind: str = ""
    year: int | None = None
    month: int | None = None
    abstract: str = ""
    lay_summary: str = ""
    lay_summary_visible: bool = True
    award: str = ""
    note: str = ""
    selected: bool = False
    doi: str = ""
    arxiv_id: str = ""
    openreview_id: str = ""
    links: list[LinkRecord] = field(default_factory=list)
    extra_fields: dict[str, str] = field(default_factory=dict)
    source: str = ""
    line: int | None = None
    # The absolute path of the file it was read from; "" when it came from no file.
    file: str = ""

    def identities(self) -> list[tuple[str, str]]:
        """Return what identifies this paper across keys: DOI, arXiv, OpenReview, title+year."""
        identities = [
            ("DOI", self.doi.lower()),
            ("arXiv id", arxiv_base_id(self.arxiv_id)),
            ("OpenReview id", self.openreview_id),
            ("title and year", match_key(self.title, self.year)),
        ]
        return [(kind, value) for kind, value in identities if value]

    def agrees_with(self, kind: str, other_title_key: str) -> bool:
        """Tell whether sharing this identity with a paper whose title has that key
        (`catalog.names.title_key`) makes it the same paper.

        A DOI or an arXiv id pasted into the wrong entry would merge two papers into
        one; an identifier names the same paper only when the titles agree too.
        """
        return kind in ("key", "title and year") or titles_agree(
            title_key(self.title), other_title_key
        )

    def absorb(self, other: "PublicationRecord") -> None:
        """Take what another record of the same paper adds: blank fields, links, BibTeX fields."""
        for name in (f.name for f in fields(self)):
            if name not in _OWN_FIELDS and not getattr(self, name) and getattr(other, name):
                setattr(self, name, getattr(other, name))
        known = {(link.kind, link.url) for link in self.links}
        self.links += [link for link in other.links if (link.kind, link.url) not in known]
        self.extra_fields = {**other.extra_fields, **self.extra_fields}


def titles_agree(one: str, other: str) -> bool:
    """Tell whether two title keys name one paper: the same, one the other cut short or
    with a word added ("... (extended)", "... (preprint)"), or a typo apart."""
    shorter, longer = sorted((one, other), key=len)
    if shorter and longer.startswith(shorter) and len(shorter) >= len(longer) / 2:
        return True
    return SequenceMatcher(None, one, other).ratio() >= SIMILAR_TITLES


# Where a record came from and what it is called stay the first record's own.
_OWN_FIELDS = {"key", "source", "line", "file", "links", "extra_fields"}
