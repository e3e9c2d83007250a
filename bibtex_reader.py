"""Read BibTeX (with al-folio's custom fields) into publication records.

Pure parsing: text in, records and problems out. bibtexparser splits the file and
resolves @string macros; pylatexenc decodes LaTeX in prose fields only, because
URL fields hold characters (such as "%") that LaTeX would swallow.
"""

import re

import bibtexparser
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import Entry, ParsingFailedBlock
from pylatexenc.latex2text import LatexNodes2Text

from content_records import AuthorRecord, LinkRecord, Problem, PublicationRecord

PROSE_FIELDS = {
    "title",
    "author",
    "booktitle",
    "journal",
    "eventtitle",
    "abstract",
    "lay_summary",
    "award",
    "note",
    "publisher",
    "series",
}

# BibTeX field -> (link kind, label). Field order in the entry gives link order.
LINK_FIELDS = {
    "openreview": ("openreview", "OpenReview"),
    "acm": ("acm", "ACM"),
    "arxiv": ("arxiv", "arXiv"),
    "pmlr": ("pmlr", "PMLR"),
    "html": ("html", "HTML"),
    "pdf": ("pdf", "PDF"),
    "supp": ("supp", "Supplement"),
    "slides": ("slides", "Slides"),
    "poster": ("poster", "Poster"),
    "video": ("video", "Video"),
    "blog": ("blog", "Blog"),
    "code": ("code", "Code"),
    "website": ("website", "Website"),
    "doi": ("doi", "DOI"),
}

VENUE_KIND_BY_TYPE = {
    "inproceedings": "conference",
    "conference": "conference",
    "proceedings": "conference",
    "article": "journal",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "book": "book",
    "incollection": "book",
    "techreport": "report",
}

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}

TRUE_WORDS = {"true", "yes", "1", "y"}
_DOI = re.compile(r"(10\.\d{4,9}/\S+)")
_ARXIV = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf)/)?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7})"
)
_OPENREVIEW = re.compile(r"(?:[?&]id=)([\w-]+)")
_TRAILING_ABBREVIATION = re.compile(r"\s*\(([^()]+)\)\s*$")

_latex = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)


def decode_latex(text: str) -> str:
    """Return text with LaTeX accents, braces and escapes turned into Unicode."""
    if not any(c in text for c in "\\{}$~"):
        return text
    return " ".join(_latex.latex_to_text(text).split())


def read_bibtex(text: str, source: str) -> tuple[list[PublicationRecord], list[Problem]]:
    """Parse BibTeX text into publication records and the problems met on the way."""
    library = bibtexparser.parse_string(text)
    records: list[PublicationRecord] = []
    problems: list[Problem] = []
    for block in library.failed_blocks:
        problems.append(_failed_block_problem(block, source))
    for entry in library.entries:
        record, entry_problems = _entry_to_record(entry, source)
        problems.extend(entry_problems)
        if record is not None:
            records.append(record)
    return records, problems


def _line(start_line: int | None) -> int | None:
    # bibtexparser counts lines from zero.
    return None if start_line is None else start_line + 1


def _failed_block_problem(block: ParsingFailedBlock, source: str) -> Problem:
    lines = str(block.error or "").strip().splitlines()
    message = lines[0] if lines else f"could not parse the block starting {block.raw[:40]!r}"
    return Problem(source, _line(block.start_line), message, key=getattr(block, "key", "") or "")


def _entry_to_record(entry: Entry, source: str) -> tuple[PublicationRecord | None, list[Problem]]:
    line = _line(entry.start_line)
    problems: list[Problem] = []

    def report(message: str, severity: str = "warning") -> None:
        problems.append(Problem(source, line, message, severity, entry.key))

    fields: dict[str, str] = {}
    for f in entry.fields:
        value = str(f.value).strip()
        fields[f.key.lower()] = decode_latex(value) if f.key.lower() in PROSE_FIELDS else value

    title = fields.get("title", "")
    if not title:
        report("entry has no title", "error")
        return None, problems

    entry_type = entry.entry_type.lower()
    venue_text = fields.get("booktitle") or fields.get("journal") or fields.get("school", "")
    if fields.get("eventtitle"):
        venue_text = (
            f"{venue_text} - {fields['eventtitle']}" if venue_text else fields["eventtitle"]
        )
    abbreviation = fields.get("abbr", "")
    venue_name = venue_text
    printed_abbreviation = _TRAILING_ABBREVIATION.search(venue_name)
    if printed_abbreviation:
        abbreviation = abbreviation or printed_abbreviation.group(1)
        venue_name = venue_name[: printed_abbreviation.start()].strip()

    record = PublicationRecord(
        key=entry.key,
        title=title,
        entry_type=entry_type,
        authors=_authors(fields.get("author", ""), report),
        venue_text=venue_text,
        venue_abbreviation=abbreviation,
        venue_name=venue_name,
        venue_kind=VENUE_KIND_BY_TYPE.get(entry_type, "other"),
        year=_year(fields.get("year", ""), report),
        month=_month(fields.get("month", ""), report),
        abstract=fields.get("abstract", ""),
        lay_summary=fields.get("lay_summary", ""),
        lay_summary_visible=fields.get("lay_summary_visible", "true").lower() in TRUE_WORDS,
        award=fields.get("award", ""),
        note=fields.get("note", ""),
        selected=fields.get("selected", "").lower() in TRUE_WORDS,
        extra_fields=fields,
        source=source,
        line=line,
    )
    record.links = _links(fields)
    record.doi = _identifier(_DOI, fields.get("doi", "") or fields.get("acm", ""))
    if fields.get("doi", "").lower().startswith("http"):
        report(f"DOI field holds a URL; using the DOI {record.doi}", "fixed")
    record.arxiv_id = _identifier(_ARXIV, fields.get("arxiv", "") or fields.get("eprint", ""))
    record.openreview_id = _identifier(_OPENREVIEW, fields.get("openreview", ""))
    if fields.get("openreview") and not record.openreview_id:
        record.openreview_id = fields["openreview"]
    return record, problems


def _authors(value: str, report) -> list[AuthorRecord]:
    authors = []
    for raw in split_multiple_persons_names(value) if value else []:
        equal = "*" in raw
        corresponding = "\u2020" in raw
        cleaned = raw.replace("*", "").replace("\u2020", "").strip()
        parts = parse_single_name_into_parts(cleaned, strict=False)
        display = " ".join(" ".join(p) for p in (parts.first, parts.von, parts.last, parts.jr) if p)
        display = " ".join(display.split())
        if not display:
            report(f"empty author name {raw!r} skipped")
            continue
        authors.append(AuthorRecord(display, equal, corresponding))
    return authors


def _year(value: str, report) -> int | None:
    if not value:
        return None
    match = re.search(r"\d{4}", value)
    if not match:
        report(f"year {value!r} is not a year")
        return None
    return int(match.group())


def _month(value: str, report) -> int | None:
    value = value.strip().lower().rstrip(".")
    if not value:
        return None
    if value.isdigit() and 1 <= int(value) <= 12:
        return int(value)
    if value in MONTHS:
        return MONTHS[value]
    report(f"unknown month {value!r}")
    return None


def _identifier(pattern: re.Pattern, value: str) -> str:
    match = pattern.search(value)
    return match.group(1).rstrip(".,;") if match else ""


def _links(fields: dict[str, str]) -> list[LinkRecord]:
    links = []
    for name, value in fields.items():
        if name not in LINK_FIELDS or not value:
            continue
        kind, label = LINK_FIELDS[name]
        for url in value.split():
            links.append(LinkRecord(kind, _link_url(kind, url), label))
    return links


def _link_url(kind: str, value: str) -> str:
    """Return a full URL for a link field that may hold only an identifier."""
    if "://" in value:
        return value
    if kind == "arxiv":
        return f"https://arxiv.org/abs/{value}"
    if kind == "openreview":
        return f"https://openreview.net/forum?id={value}"
    if kind == "doi":
        return f"https://doi.org/{value}"
    return value
