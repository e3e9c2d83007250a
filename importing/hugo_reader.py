"""Read a Hugo Blox (Wowchemy) publication page, `content/publication/<name>/index.md`.

Pure parsing: text in, a record and problems out. The page's front matter holds the
title, authors, date, type, venue, abstract and `url_*` links; the `cite.bib` beside it,
when there is one, is read as BibTeX and folded into the same paper by the loader (same
title and year), so its volume, pages and the like come over too. The folder's name is
the paper's key, as it was the page's address.
"""

import re
from pathlib import PurePath
from typing import Any

from catalog.records import AuthorRecord, LinkRecord, Problem, PublicationRecord
from catalog.web_addresses import unsafe_address_reason
from importing.profile_reader import read_paper_page

# Where Hugo Blox keeps one folder per publication.
PUBLICATION_FOLDER = "publication"
# Hugo Blox's publication types (CSL names, or the numbers of older versions) -> BibTeX.
ENTRY_TYPES = {
    "paper-conference": "inproceedings",
    "article-journal": "article",
    "article": "misc",
    "report": "techreport",
    "book": "book",
    "chapter": "incollection",
    "thesis": "phdthesis",
    "1": "inproceedings",
    "2": "article",
    "3": "misc",
    "4": "techreport",
    "5": "book",
    "6": "incollection",
    "7": "phdthesis",
}
# Front matter field -> (link kind, label).
LINK_FIELDS = {
    "url_pdf": ("pdf", "PDF"),
    "url_code": ("code", "Code"),
    "url_dataset": ("dataset", "Dataset"),
    "url_poster": ("poster", "Poster"),
    "url_project": ("website", "Project"),
    "url_slides": ("slides", "Slides"),
    "url_source": ("html", "Source"),
    "url_video": ("video", "Video"),
}
# How a Hugo Blox site names its owner among the authors.
OWNER_NAMES = {"me", "admin"}
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?")
_MARKDOWN_EMPHASIS = re.compile(r"[*_]+")


def is_hugo_publication_page(path: PurePath) -> bool:
    return path.name == "index.md" and path.parent.parent.name == PUBLICATION_FOLDER


def read_hugo_publication(
    text: str, source: str, key: str, owner_name: str = ""
) -> tuple[PublicationRecord | None, list[Problem]]:
    """Parse one publication page; `owner_name` stands for the authors "me" and "admin"."""
    post, problems = read_paper_page(text, source, key)
    if post is None:
        return None, problems
    meta: dict[str, Any] = post.metadata

    def report(message: str, severity: str = "warning") -> None:
        problems.append(Problem(source, 1, message, severity, key))

    title = _text(meta.get("title"))
    if not title:
        report("the publication has no title; not imported", "error")
        return None, problems
    date = _DATE.match(_text(meta.get("date")))
    if date is None:
        report("no date, so no year")
    types = meta.get("publication_types") or []
    kind = _text(types[0] if isinstance(types, list) and types else types)
    venue = _venue(_text(meta.get("publication")))
    short = _venue(_text(meta.get("publication_short")))
    fields = {name: _text(value) for name, value in meta.items() if _text(value)}
    if short:
        fields["abbr"] = short  # the badge, as al-folio's `abbr` is
    record = PublicationRecord(
        key=key,
        title=title,
        entry_type=ENTRY_TYPES.get(kind, "misc"),
        authors=_authors(meta.get("authors"), owner_name, report),
        venue_text=venue,
        venue_name=venue,
        venue_abbreviation=short,
        venue_kind="other",
        year=int(date[1]) if date else None,
        month=int(date[2]) if date and date[2] and 1 <= int(date[2]) <= 12 else None,
        abstract=str(meta.get("abstract") or "").strip() or post.content.strip(),
        lay_summary=_text(meta.get("summary")),
        selected=meta.get("featured") is True,
        doi=_text(meta.get("doi")).lower(),
        extra_fields=fields,
        source=source,
        line=1,
    )
    candidates = [(name, *LINK_FIELDS[name], meta.get(name)) for name in LINK_FIELDS]
    for link in meta.get("links") or []:
        if isinstance(link, dict):
            candidates.append(("links", "website", _text(link.get("name")), link.get("url")))
    for field_name, kind, label, value in candidates:
        url = _text(value)
        if not url:
            continue
        refusal = unsafe_address_reason(url)
        if refusal:
            report(f"{field_name} {url!r} is not carried over: {refusal}")
            continue
        record.links.append(LinkRecord(kind, url, label or kind))
    return record, problems


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _venue(printed: str) -> str:
    """Return a venue printed in Markdown ("In *ICML 2020*") as plain text ("ICML 2020")."""
    return _MARKDOWN_EMPHASIS.sub("", printed).removeprefix("In ").strip()


def _authors(value: Any, owner_name: str, report) -> list[AuthorRecord]:
    names = [_text(name) for name in value] if isinstance(value, list) else []
    authors = []
    for name in names:
        if name.lower() in OWNER_NAMES:
            if not owner_name:
                report(f"author {name!r} is the site's owner: name them with --person")
                continue
            name = owner_name
        if name:
            authors.append(AuthorRecord(name.rstrip("*"), equal_contribution=name.endswith("*")))
    return authors
