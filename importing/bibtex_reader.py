"""Read BibTeX (with al-folio's custom fields) into publication records.

Pure parsing: text in, records and problems out. bibtexparser splits the file and
resolves @string macros; pylatexenc decodes LaTeX in prose fields only, because
URL fields hold characters (such as "%") that LaTeX would swallow.
"""

import logging
import re
from urllib.parse import urlsplit

import bibtexparser
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    Field,
    ParsingFailedBlock,
)
from pylatexenc.latex2text import LatexNodes2Text

from catalog.names import publication_key, slugify
from catalog.records import AuthorRecord, LinkRecord, Problem, PublicationRecord
from catalog.web_addresses import is_safe_address, site_file_address, unsafe_address_reason
from importing.bibtex_fields import (
    ASSET_FOLDERS,
    FILE_LINK_FIELDS,
    LINK_FIELDS,
    MONTHS,
    OTHERS,
    PARAGRAPH_FIELDS,
    PROSE_FIELDS,
    TRUE_WORDS,
    VENUE_KIND_BY_TYPE,
    printed_venue,
)
from importing.limits import MAX_FIELD_CHARS, unreadable_text_reason

# Problems are reported through Problem records; the libraries' own log lines would
# only repeat them on stderr.
for _library in ("bibtexparser", "pylatexenc"):
    logging.getLogger(_library).addHandler(logging.NullHandler())
    logging.getLogger(_library).propagate = False

_DOI = re.compile(r"(10\.\d{4,9}/\S+)")
_ARXIV = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf)/)?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7})"
)
_OPENREVIEW = re.compile(r"(?:[?&]id=)([\w-]+)")
_TRAILING_ABBREVIATION = re.compile(r"\s*\(([^()]+)\)\s*$")
_BLOCK_KEY = re.compile(r"@\w+\s*[{(]\s*([^,\s]*)")
_BRACED_NAME = re.compile(r"^\{.*\}$")
_NUMBER = re.compile(r"^\d+$")
_EMPTY_NAMES = re.compile(r"\s+and(?:\s+and)+\s+", re.IGNORECASE)
# In a BibTeX value "%" is a character, but LaTeX would read it as a comment to the end
# of the line; an unescaped one is escaped before the LaTeX is decoded.
_BARE_PERCENT = re.compile(r"(?<!\\)%")
# The link a `url` field makes when it points at one of these sites.
_LINK_OF_HOST = {
    "arxiv.org": LINK_FIELDS["arxiv"],
    "openreview.net": LINK_FIELDS["openreview"],
    "dl.acm.org": LINK_FIELDS["acm"],
    "proceedings.mlr.press": LINK_FIELDS["pmlr"],
}
# A blank line between two paragraphs of an abstract.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")

_latex = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)


def decode_latex(text: str, paragraphs: bool = False) -> str:
    """Return text with LaTeX accents, braces, escapes and dashes turned into Unicode, on
    one line (BibTeX files wrap long fields); with `paragraphs`, a blank line still
    parts two paragraphs.

    :raises LatexUndecodable: pylatexenc failed on it (a macro missing its argument).
    """
    if paragraphs:
        return "\n\n".join(
            decode_latex(part) for part in _PARAGRAPH_BREAK.split(text) if part.strip()
        )
    if not any(c in text for c in "\\{}$~"):
        # What LaTeX makes of dashes, without the cost of parsing text that has no macros.
        return " ".join(text.replace("---", "\u2014").replace("--", "\u2013").split())
    try:
        return " ".join(_latex.latex_to_text(_BARE_PERCENT.sub(r"\\%", text)).split())
    except RecursionError:
        raise
    except Exception as error:  # pylatexenc raises IndexError, KeyError... on odd macros
        raise LatexUndecodable(str(error)) from error


class LatexUndecodable(ValueError):
    """A field's LaTeX could not be turned into text."""


def read_bibtex(text: str, source: str) -> tuple[list[PublicationRecord], list[Problem]]:
    """Parse BibTeX text into publication records and the problems met on the way.

    Problems without a line concern the whole file: nothing in it can be loaded.
    """
    reason = unreadable_text_reason(text)
    if reason:
        return [], [Problem(source, None, f"file {reason}")]
    problems: list[Problem] = []
    try:
        library = _parse(text, source, problems)
    except Exception as error:  # the parser may fail on input it was not built for
        return [], [Problem(source, None, f"could not read the file as BibTeX ({error})")]
    records: list[PublicationRecord] = []
    lines_by_key: dict[str, int | None] = {}
    for block in library.blocks:
        entry = _block_entry(block, source, problems)
        if entry is None:
            continue
        line = _line(entry.start_line)
        url_key = publication_key(entry.key)
        if url_key in lines_by_key:
            message = (
                f"duplicate key {entry.key!r}: the entry at line {lines_by_key[url_key]} "
                "has the same key (or the same URL key); this one was not imported"
            )
            problems.append(Problem(source, line, message, key=entry.key))
            continue
        lines_by_key[url_key] = line
        try:
            record, entry_problems = _entry_to_record(entry, source)
        except RecursionError:
            message = "braces are nested too deeply to read; entry not imported"
            record, entry_problems = None, [Problem(source, line, message, key=entry.key)]
        problems.extend(entry_problems)
        if record is not None:
            records.append(record)
    if not records and not problems and text.strip():
        problems.append(Problem(source, None, "no BibTeX entries found; is this a BibTeX file?"))
    return records, problems


def _parse(text: str, source: str, problems: list[Problem]) -> bibtexparser.Library:
    """Split the file, keep the first of a field given twice, then resolve and unbrace.

    bibtexparser sets an entry with a repeated field aside before its middlewares run,
    so its values would keep their braces; repairing it first gives it the same treatment.
    """
    split = bibtexparser.parse_string(text, parse_stack=[])
    library = bibtexparser.Library()
    for block in split.blocks:
        if isinstance(block, DuplicateFieldKeyBlock):
            block = _without_repeated_fields(block.ignore_error_block, source, problems)
        library.add(block, fail_on_duplicate_key=False)
    for middleware in bibtexparser.middlewares.parsestack.default_parse_stack():
        library = middleware.transform(library)
    return library


def _line(start_line: int | None) -> int | None:
    # bibtexparser counts lines from zero.
    return None if start_line is None else start_line + 1


def _block_entry(block, source: str, problems: list[Problem]) -> Entry | None:
    """Return the entry a block holds, recovering what can be recovered, reporting the rest."""
    if isinstance(block, Entry):
        return block
    if isinstance(block, DuplicateBlockKeyBlock):
        # Reported with the line of the first entry by the caller's key check.
        return block.ignore_error_block
    if isinstance(block, ParsingFailedBlock):
        reason = getattr(block.error, "abort_reason", "") or "could not be parsed"
        key_match = _BLOCK_KEY.match(block.raw or "")
        key = key_match.group(1) if key_match else ""
        message = f"entry could not be read and was not imported: {reason.strip()}"
        problems.append(Problem(source, _line(block.start_line), message, key=key))
    return None


def _without_repeated_fields(entry: Entry, source: str, problems: list[Problem]) -> Entry:
    kept: dict[str, Field] = {}
    for f in entry.fields:
        name = f.key.lower()
        if name in kept:
            message = f"field {name!r} appears twice; kept the first value"
            problems.append(Problem(source, _line(f.start_line), message, "fixed", entry.key))
        else:
            kept[name] = f
    return Entry(entry.entry_type, entry.key, list(kept.values()), entry.start_line, entry.raw)


def _entry_to_record(entry: Entry, source: str) -> tuple[PublicationRecord | None, list[Problem]]:
    line = _line(entry.start_line)
    problems: list[Problem] = []

    def report(message: str, severity: str = "warning") -> None:
        problems.append(Problem(source, line, message, severity, entry.key))

    fields: dict[str, str] = {}
    for f in entry.fields:
        name = f.key.lower()
        value = str(f.value).strip()
        if len(value) > MAX_FIELD_CHARS:
            report(
                f"field {name!r} has {len(value):,} characters, more than the limit of "
                f"{MAX_FIELD_CHARS:,}; entry not imported",
                "error",
            )
            return None, problems
        if f.enclosing == "no-enclosing" and name != "month" and not _NUMBER.match(value):
            report(f"field {name!r}: {value!r} is not a defined @string; read as text")
        fields[name] = _decoded(name, value, report) if name in PROSE_FIELDS else value

    if "bibtex_show" in fields:
        # al-folio's switch, kept as one word the pages read.
        fields["bibtex_show"] = "true" if fields["bibtex_show"].lower() in TRUE_WORDS else "false"
    title = fields.get("title", "")
    if not title:
        report("entry has no title; not imported", "error")
        return None, problems

    entry_type = entry.entry_type.lower()
    venue_text = printed_venue(fields)
    abbreviation = fields.get("abbr", "")
    venue_name = venue_text
    printed_abbreviation = _TRAILING_ABBREVIATION.search(venue_name)
    if printed_abbreviation:
        abbreviation = abbreviation or printed_abbreviation.group(1)
        venue_name = venue_name[: printed_abbreviation.start()].strip()

    authors = _authors(fields.get("author", ""), report)
    year = _year(fields.get("year", ""), report)
    key = entry.key
    if not slugify(key):
        key = _made_up_key(authors, year, title)
        report(f"key {entry.key!r} cannot make a web address; using the key {key!r}")

    record = PublicationRecord(
        key=key,
        title=title,
        entry_type=entry_type,
        authors=authors,
        venue_text=venue_text,
        venue_abbreviation=abbreviation,
        venue_name=venue_name,
        venue_kind=VENUE_KIND_BY_TYPE.get(entry_type, "other"),
        year=year,
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
    record.doi = _doi(fields.get("doi", ""), fields.get("acm", ""), report)
    record.links = _links(fields, record.doi)
    if not record.doi and is_safe_address(fields.get("doi", "").strip()):
        record.links.append(LinkRecord("html", fields["doi"].strip(), LINK_FIELDS["html"][1]))
    for link in record.links:
        reason = unsafe_address_reason(link.url, site_path=link.kind in FILE_LINK_FIELDS)
        if reason:
            message = f"link field {link.kind!r}: {link.url!r} is refused: {reason}"
            report(f"{message}; entry not imported", "error")
            return None, problems
    record.arxiv_id = _identifier(_ARXIV, fields.get("arxiv", "") or fields.get("eprint", ""))
    if fields.get("arxiv") and not record.arxiv_id:
        report(f"arxiv field {fields['arxiv']!r} holds no arXiv id; kept as a link only")
    if record.arxiv_id and all(link.kind != "arxiv" for link in record.links):
        url = _link_url("arxiv", record.arxiv_id)
        record.links.append(LinkRecord("arxiv", url, LINK_FIELDS["arxiv"][1]))
    record.links += _service_links(fields, record.doi)
    record.openreview_id = _identifier(_OPENREVIEW, fields.get("openreview", ""))
    if fields.get("openreview") and not record.openreview_id:
        record.openreview_id = fields["openreview"]
    return record, problems


def _decoded(name: str, value: str, report) -> str:
    try:
        return decode_latex(value, paragraphs=name in PARAGRAPH_FIELDS)
    except LatexUndecodable:
        report(f"field {name!r}: its LaTeX could not be read; kept as written")
        return " ".join(value.split())


def _made_up_key(authors: list[AuthorRecord], year: int | None, title: str) -> str:
    family = authors[0].name.split()[-1] if authors else ""
    first_word = next((w for w in title.split() if len(w) > 3), title.split()[0])
    return slugify(f"{family} {year or ''} {first_word}") or "paper"


def _doi(doi_field: str, acm_field: str, report) -> str:
    """Return the DOI from the doi field (or an ACM link), saying what was cleaned up."""
    doi = _identifier(_DOI, doi_field or acm_field)
    if not doi_field or doi_field == doi:
        return doi
    if not doi and is_safe_address(doi_field.strip()):
        report(f"DOI field {doi_field!r} holds no DOI; kept as a link", "fixed")
    elif not doi:
        report(f"DOI field {doi_field!r} holds no DOI; ignored")
    elif doi_field.lower().startswith("http"):
        report(f"DOI field holds a URL; stored the DOI {doi}", "fixed")
    else:
        report(f"DOI field {doi_field!r} cleaned up to {doi}", "fixed")
    return doi


def _authors(value: str, report) -> list[AuthorRecord]:
    authors = []
    value, repeats = _EMPTY_NAMES.subn(" and ", value)
    if repeats:
        report("empty author name between two 'and's removed", "fixed")
    for raw in split_multiple_persons_names(value) if value else []:
        equal = "*" in raw
        corresponding = "\u2020" in raw
        cleaned = raw.replace("*", "").replace("\u2020", "").strip()
        if cleaned.lower() == OTHERS:
            continue  # shown as "et al." (Publication.more_authors)
        parts = parse_single_name_into_parts(cleaned, strict=False)
        display = " ".join(" ".join(p) for p in (parts.first, parts.von, parts.last, parts.jr) if p)
        display = " ".join(display.split())
        if not display:
            report(f"empty author name {raw!r} skipped", "fixed")
            continue
        # A braced name ("{Google Research}") is an organisation: it has no given name.
        given = None if _BRACED_NAME.match(cleaned) else " ".join(parts.first)
        authors.append(AuthorRecord(display, equal, corresponding, given))
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


def _links(fields: dict[str, str], doi: str) -> list[LinkRecord]:
    """Return the links of an entry's link fields, each address once."""
    links: dict[str, LinkRecord] = {}
    for name, value in fields.items():
        if name not in LINK_FIELDS or not value:
            continue
        kind, label = LINK_FIELDS[name]
        if kind == "doi":
            addresses = [_link_url(kind, doi)] if doi else []
        elif name in ASSET_FOLDERS:
            addresses = [site_file_address(ASSET_FOLDERS[name], url) for url in _addresses(value)]
        else:
            addresses = [_link_url(kind, url) for url in _addresses(value)]
        for url in addresses:
            if name == "url":
                # BibTeX's url names any page: an arXiv or OpenReview one is linked as such.
                kind, label = _LINK_OF_HOST.get(urlsplit(url).hostname or "", LINK_FIELDS[name])
            links.setdefault(url, LinkRecord(kind, url, label))
    return list(links.values())


def _service_links(fields: dict[str, str], doi: str) -> list[LinkRecord]:
    """Return links to the paper's page on the services al-folio shows badges of.

    The badges need those services' scripts, which the site's pages do not load; a link
    goes to the same figures.
    """
    links = []
    inspire = fields.get("inspirehep_id", "").strip()
    if inspire.isdigit():
        links.append(
            LinkRecord("inspire", f"https://inspirehep.net/literature/{inspire}", "INSPIRE")
        )
    altmetric = fields.get("altmetric", "").strip().lower()
    if altmetric.isdigit():
        url = f"https://www.altmetric.com/details/{altmetric}"
        links.append(LinkRecord("altmetric", url, "Altmetric"))
    elif altmetric in TRUE_WORDS and doi:
        url = f"https://www.altmetric.com/details/doi/{doi}"
        links.append(LinkRecord("altmetric", url, "Altmetric"))
    if fields.get("dimensions", "").strip().lower() in TRUE_WORDS and doi:
        url = f"https://badge.dimensions.ai/details/doi/{doi}"
        links.append(LinkRecord("dimensions", url, "Dimensions"))
    return links


def _addresses(value: str) -> list[str]:
    """Return the addresses a link field holds: several only when each part is a URL
    (a file name may have spaces: "My Paper - Doe et al. - 2024.pdf" is one)."""
    parts = value.split()
    if len(parts) > 1 and all(is_safe_address(part) for part in parts):
        return parts
    return [" ".join(parts)]


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
    # A file name of the site ("My Paper.pdf"): its spaces as a link writes them.
    return value.replace(" ", "%20")
