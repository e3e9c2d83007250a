"""Write publications as BibTeX: a full record that the importer reads back to the same
paper, or a plain entry for a visitor to cite.

The stored columns win over the fields kept from the import (an edit changes the
columns); fields the site has no column for go back as they came. Hidden links and
hidden lay summaries stay on the site.
"""

import re
from collections.abc import Iterable

import bibtexparser
from bibtexparser.model import Entry, Field

from catalog.math_text import INLINE_MATH
from catalog.models import Publication
from importing.bibtex_fields import (
    LINK_FIELDS,
    OTHERS,
    PROSE_FIELDS,
    VENUE_FIELDS,
    printed_venue,
)

VENUE_FIELD_BY_TYPE = {"article": "journal", "phdthesis": "school", "mastersthesis": "school"}
FIELD_BY_LINK_KIND = {kind: name for name, (kind, _label) in LINK_FIELDS.items()}
DOI_RESOLVER = "https://doi.org/"

# Fields rebuilt from the columns; an imported value of one of these is never copied.
REBUILT_FIELDS = {
    "title",
    "author",
    "year",
    "month",
    "abbr",
    "abstract",
    "lay_summary",
    "lay_summary_visible",
    "award",
    "note",
    "selected",
    "eprint",
    "archiveprefix",
    *VENUE_FIELDS,
    *LINK_FIELDS,
}
# What the reader's LaTeX decoding turns back into each character of a prose field.
_LATEX_ESCAPES = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "$": r"\$",
        "~": r"\textasciitilde{}",
        "%": r"\%",
        "&": r"\&",
        "#": r"\#",
        "_": r"\_",
    }
)
_BRACE = re.compile(r"(?<!\\)[{}]")
# Pairs LaTeX reads as one character ("--" an en dash, "``" a quote, "?`" ¿): an empty
# group between the two keeps them as typed.
_LIGATURE = re.compile(r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=[!?])(?=`)")


# Two spaces, not a tab: read in a box on a phone and pasted into a .bib file alike.
_FORMAT = bibtexparser.BibtexFormat()
_FORMAT.indent = "  "


def publication_bibtex(publication: Publication, citing: bool = False) -> str:
    """Return one publication as a BibTeX entry.

    :param citing: leave out the site's own fields (links, badge, summary) and the
        equal-contribution markers, for pasting into a paper.
    """
    return publications_bibtex([publication], citing)


def publications_bibtex(publications: Iterable[Publication], citing: bool = False) -> str:
    """Return publications as a BibTeX file."""
    library = bibtexparser.Library([_entry(p, citing) for p in publications])
    text = bibtexparser.write_string(library, bibtex_format=_FORMAT).strip()
    return text + "\n" if text else ""


def _entry(publication: Publication, citing: bool) -> Entry:
    fields = {"title": publication.title, "author": _authors(publication, markers=not citing)}
    fields.update(_venue_fields(publication))
    if not citing:
        fields["abbr"] = publication.badge
    fields["year"] = str(publication.year or "")
    fields["month"] = str(publication.month or "")
    for name, value in (publication.extra_fields or {}).items():
        if name not in REBUILT_FIELDS and name not in fields:
            fields[name] = value
    links = {} if citing else _link_fields(publication)
    if publication.doi and (citing or not _links_carry(links, publication.doi)):
        fields["doi"] = publication.doi
    if publication.arxiv_id and (citing or "arxiv" not in links):
        fields["eprint"] = publication.arxiv_id
        fields["archiveprefix"] = "arXiv"
    fields.update(links)
    fields["note"] = publication.note
    if not citing:
        fields["abstract"] = publication.abstract
        fields["lay_summary"] = publication.shown_lay_summary
        fields["award"] = publication.award
        fields["selected"] = "true" if publication.selected else ""
    return Entry(
        publication.entry_type or "misc",
        publication.bibtex_key or publication.key,
        [Field(name, _escaped(name, value)) for name, value in fields.items() if value],
    )


def _authors(publication: Publication, markers: bool) -> str:
    names = []
    for authorship in publication.authorships:
        name = authorship.display_name
        if markers:
            name += "*" if authorship.equal_contribution else ""
            name += "\u2020" if authorship.corresponding else ""
        names.append(name)
    if publication.more_authors:
        names.append(OTHERS)
    return " and ".join(names)


def _venue_fields(publication: Publication) -> dict[str, str]:
    """Return the imported venue fields if they still print the stored venue, else rebuild."""
    imported = publication.extra_fields or {}
    printed = {name: imported[name] for name in VENUE_FIELDS if imported.get(name)}
    if printed_venue(printed) == publication.venue_text:
        return printed
    if not publication.venue_text:
        return {}
    return {VENUE_FIELD_BY_TYPE.get(publication.entry_type, "booktitle"): publication.venue_text}


def _link_fields(publication: Publication) -> dict[str, str]:
    """Return the visible links as al-folio link fields, several URLs of a kind in one."""
    urls: dict[str, list[str]] = {}
    for link in publication.visible_links:
        name = FIELD_BY_LINK_KIND.get(link.kind)
        # The importer reads links only from the fields it knows; others cannot go back.
        if name is not None:
            urls.setdefault(name, []).append(link.url)
    if "doi" in urls:
        # A bare DOI reads back to the same resolver link without a "fixed" warning.
        urls["doi"] = [url.removeprefix(DOI_RESOLVER) for url in urls["doi"]]
    return {name: " ".join(values) for name, values in urls.items()}


def _links_carry(links: dict[str, str], doi: str) -> bool:
    return any(doi in value.lower() for value in links.values())


def _escaped(name: str, value: str) -> str:
    """Return a value the reader reads back as it is, and that cannot end its field early.

    Prose fields are LaTeX-decoded on import, so their special characters go out as
    LaTeX; other fields are read as written, so only unbalanced braces are escaped.
    """
    if name in PROSE_FIELDS:
        return _latex(value)
    if not _braces_balance(value):
        value = _BRACE.sub(lambda brace: "\\" + brace.group(), value)
    # A final backslash would escape the closing brace; the reader strips the space.
    return value + " " if value.endswith("\\") else value


def _latex(text: str) -> str:
    pieces, start = [], 0
    # Inline math the reader kept as written ("$\ell_p$", "\(\alpha\)") goes back as it came.
    for math in INLINE_MATH.finditer(text):
        if "%" not in math.group() and _braces_balance(math.group()):
            pieces += [_latex_text(text[start : math.start()]), math.group()]
            start = math.end()
    return "".join([*pieces, _latex_text(text[start:])])


def _latex_text(text: str) -> str:
    return _LIGATURE.sub("{}", text.translate(_LATEX_ESCAPES))


def _braces_balance(value: str) -> bool:
    depth = 0
    for brace in _BRACE.findall(value):
        depth += 1 if brace == "{" else -1
        if depth < 0:
            return False
    return depth == 0
