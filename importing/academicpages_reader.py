"""Read an academicpages paper (`_publications/*.md`) into a publication record.

Pure parsing: text in, a record and problems out. academicpages keeps one paper per
Markdown file, its front matter holding the title, date, venue, links and a formatted
citation; it has no author field, so the authors are read from the citation (and the
report says so). The file's name is the paper's key, as it was the page's address.
"""

import html
import re
from pathlib import PurePath
from typing import Any

from catalog.records import AuthorRecord, LinkRecord, Problem, PublicationRecord
from catalog.web_addresses import unsafe_address_reason
from importing.profile_reader import read_paper_page

# academicpages' folder of papers, one Markdown file each.
PUBLICATIONS_FOLDER = "_publications"
# academicpages' categories (its `_config.yml`) -> BibTeX entry type.
ENTRY_TYPES = {"manuscripts": "article", "conferences": "inproceedings", "books": "book"}
# Front matter field -> (link kind, label).
LINK_FIELDS = {
    "paperurl": ("pdf", "PDF"),
    "slidesurl": ("slides", "Slides"),
    "bibtexurl": ("bibtex", "BibTeX"),
}
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?")
# The authors of a citation: what comes before its "(2009)".
_BEFORE_YEAR = re.compile(r"^(.*?)\s*\(\d{4}[a-z]?\)")
# A given name printed as initials: "J.", "R. S.", "J.-P.".
_INITIALS = re.compile(r"^(?:[A-Z]\.?[\s-]*)+$")
_NAME_SEPARATOR = re.compile(r"\s*(?:,|&|\band\b)\s*")
_TAGS = re.compile(r"<[^>]*>")


def is_academicpages_paper(path: PurePath) -> bool:
    return path.parent.name == PUBLICATIONS_FOLDER and path.suffix.lower() in (".md", ".markdown")


def read_academicpages_paper(
    text: str, source: str, key: str
) -> tuple[PublicationRecord | None, list[Problem]]:
    """Parse one academicpages paper; on error return None and say why."""
    post, problems = read_paper_page(text, source, key)
    if post is None:
        return None, problems

    def report(message: str, severity: str = "warning") -> None:
        problems.append(Problem(source, 1, message, severity, key))

    fields = {name: _text(value) for name, value in post.metadata.items()}
    title = fields.get("title", "")
    if not title:
        report("the paper has no title; not imported", "error")
        return None, problems
    date = _DATE.match(fields.get("date", ""))
    if date is None:
        report("no date, so no year")
    citation = html.unescape(_TAGS.sub("", fields.get("citation", "")))
    authors = _authors(citation)
    if authors:
        report(f"authors read from the citation: {', '.join(a.name for a in authors)}")
    else:
        report("no authors: academicpages has no author field and the citation names none")
    record = PublicationRecord(
        key=key,
        title=title,
        entry_type=ENTRY_TYPES.get(fields.get("category", ""), "misc"),
        authors=authors,
        venue_text=fields.get("venue", ""),
        venue_name=fields.get("venue", ""),
        venue_kind="other",
        year=int(date[1]) if date else None,
        month=int(date[2]) if date and date[2] and 1 <= int(date[2]) <= 12 else None,
        abstract=post.content.strip() or fields.get("excerpt", ""),
        extra_fields={name: value for name, value in fields.items() if value},
        source=source,
        line=1,
    )
    for name, (kind, label) in LINK_FIELDS.items():
        url = fields.get(name, "")
        if not url:
            continue
        reason = unsafe_address_reason(url)
        if reason:
            report(f"{name} {url!r} is refused: {reason}")
            continue
        record.links.append(LinkRecord(kind, url, label))
    return record, problems


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _authors(citation: str) -> list[AuthorRecord]:
    """Return the authors a citation starts with: "Doe, J., & Roe, R. S. (2020). ..." as
    APA prints them (surname, initials), or full names ("Jane Doe, Al Smith (2020)")."""
    before = _BEFORE_YEAR.match(citation)
    if before is None:
        return []
    parts = [part for part in _NAME_SEPARATOR.split(before[1].strip()) if part]
    initials = parts[1::2]
    if parts and len(parts) % 2 == 0 and all(_INITIALS.match(part) for part in initials):
        return [
            AuthorRecord(f"{given.strip()} {surname.strip()}")
            for surname, given in zip(parts[::2], initials, strict=True)
        ]
    return [AuthorRecord(part.rstrip(".")) for part in parts]
