"""Plain records that the content readers produce and the write operations consume.

Readers never touch Flask or the database; they turn text into these records and a
list of problems, so the same write path serves files, the CLI and the browser.
"""

from dataclasses import dataclass, field


@dataclass
class Problem:
    """Something a reader fixed, doubted or could not read, with where it was."""

    source: str
    line: int | None
    message: str
    severity: str = "error"  # "error" rejects the item; "warning" and "fixed" only report
    key: str = ""

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
