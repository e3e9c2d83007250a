"""Where in its venue a paper is, and who else made the book: volume, issue, pages, editors...

The details are kept as the BibTeX file named them (in `Publication.extra_fields`);
this module says which they are, how a page prints them and how an author list that
ends "and others" reads. Pure: no Flask, no database.
"""

import re

from catalog.wording import N_

# BibTeX field -> label on the paper page, in the order a page lists them.
DETAIL_FIELDS = {
    "volume": N_("Volume"),
    "number": N_("Issue"),
    "pages": N_("Pages"),
    "edition": N_("Edition"),
    "series": N_("Series"),
    "editor": N_("Editors"),
    "publisher": N_("Publisher"),
    "organization": N_("Organization"),
    "institution": N_("Institution"),
    "school": N_("School"),
    "address": N_("Place"),
    "howpublished": N_("Published"),
    "isbn": N_("ISBN"),
    "issn": N_("ISSN"),
}
# What the venue line already says, so the list of details leaves it out.
IN_VENUE_LINE = ("volume", "number", "pages")
_PAGE_SEPARATOR = re.compile(r"\s*(?:-+|\u2013|\u2014)\s*")
_OTHERS = re.compile(r"(?:^|\s)and\s+others\s*$", re.IGNORECASE)


def details(fields: dict[str, str]) -> dict[str, str]:
    """Return the bibliographic details among a paper's BibTeX fields, pages with an en dash."""
    found = {name: " ".join(str(fields.get(name) or "").split()) for name in DETAIL_FIELDS}
    found = {name: value for name, value in found.items() if value}
    if "pages" in found:
        found["pages"] = "\u2013".join(page_range(found["pages"]))
    return found


def page_range(pages: str) -> tuple[str, ...]:
    """Return the first and last page ("1--10" -> ("1", "10")), or the one page."""
    return tuple(part for part in _PAGE_SEPARATOR.split(pages.strip(), maxsplit=1) if part)


def where_in_venue(entry_type: str, found: dict[str, str]) -> str:
    """Return volume, issue and pages as a venue line prints them.

    A journal article reads "20(5), 1–10"; anything else "vol. 3, no. 2, pp. 1–10".
    """
    volume, number, pages = (found.get(name, "") for name in IN_VENUE_LINE)
    if entry_type == "article":
        issue = f"{volume}({number})" if volume and number else volume or number
        return ", ".join(part for part in (issue, pages) if part)
    pages_label = "pp." if len(page_range(pages)) > 1 else "p."
    parts = (
        f"vol. {volume}" if volume else "",
        f"no. {number}" if number else "",
        f"{pages_label} {pages}" if pages else "",
    )
    return ", ".join(part for part in parts if part)


def ends_with_others(author_field: str) -> bool:
    """Tell whether a BibTeX author list ends "and others": more authors than it names."""
    return bool(_OTHERS.search(author_field or ""))
