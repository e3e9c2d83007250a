"""The BibTeX vocabulary the site reads and writes: al-folio's fields and what they mean.

One home for it, so the reader and the writer agree on which fields are prose (LaTeX
decoded and escaped), which are links, and where an entry prints its venue.
"""

from catalog.web_addresses import PREVIEW_FOLDER

PROSE_FIELDS = {
    "title",
    "author",
    "booktitle",
    "journal",
    "eventtitle",
    "abstract",
    "lay_summary",
    "award",
    "award_name",
    "note",
    "additional_info",
    "annotation",
    "publisher",
    "series",
    "editor",
    "edition",
    "organization",
    "institution",
    "school",
    "address",
    "howpublished",
}

# Prose that may hold paragraphs (Markdown): a blank line in them is kept.
PARAGRAPH_FIELDS = {"abstract", "lay_summary"}

# BibTeX field -> (link kind, label). Field order in the entry gives link order.
LINK_FIELDS = {
    "openreview": ("openreview", "OpenReview"),
    "acm": ("acm", "ACM"),
    "arxiv": ("arxiv", "arXiv"),
    "pmlr": ("pmlr", "PMLR"),
    # BibTeX's own field; al-folio's `html` (below) is what it is written back as.
    "url": ("html", "HTML"),
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
# Link fields that may name a file of the site itself (al-folio's assets) instead of a URL.
FILE_LINK_FIELDS = {"pdf", "supp", "slides", "poster", "video"}
# The folder of al-folio's `assets/` where a field's bare file name ("doe.pdf") is.
ASSET_FOLDERS = {
    "pdf": "pdf",
    "supp": "pdf",
    "slides": "pdf",
    "poster": "pdf",
    "preview": PREVIEW_FOLDER,
}

VENUE_FIELDS = ("booktitle", "journal", "school", "eventtitle")
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
# The last name of an author list with more authors than it names: "A and B and others".
OTHERS = "others"


def printed_venue(fields: dict[str, str]) -> str:
    """Return the venue as a page prints it: the journal, then the conference it was at."""
    venue = fields.get("booktitle") or fields.get("journal") or fields.get("school", "")
    event = fields.get("eventtitle", "")
    if event:
        return f"{venue} - {event}" if venue else event
    return venue
