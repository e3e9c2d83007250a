"""What entry types and kinds of link are called where visitors read them ("Conference
paper", not `inproceedings`; "arXiv", not `arxiv`), in English: pages translate them
(webapp/rendering.py's filters), metadata, feeds and the API keep them as they are."""

from catalog.wording import N_

TYPE_NAMES = {
    "article": N_("Journal article"),
    "inproceedings": N_("Conference paper"),
    "conference": N_("Conference paper"),
    "proceedings": N_("Proceedings"),
    "incollection": N_("Book chapter"),
    "inbook": N_("Book chapter"),
    "book": N_("Book"),
    "booklet": N_("Booklet"),
    "phdthesis": N_("PhD thesis"),
    "mastersthesis": N_("Master's thesis"),
    "thesis": N_("Thesis"),
    "techreport": N_("Technical report"),
    "report": N_("Report"),
    "manual": N_("Manual"),
    "unpublished": N_("Unpublished"),
    "online": N_("Web page"),
    "software": N_("Software"),
    "dataset": N_("Dataset"),
    "misc": N_("Other"),
}


# What a list of several papers of a type is headed (a CV's sections).
TYPE_GROUP_NAMES = {
    "article": N_("Journal articles"),
    "inproceedings": N_("Conference papers"),
    "conference": N_("Conference papers"),
    "incollection": N_("Book chapters"),
    "inbook": N_("Book chapters"),
    "book": N_("Books"),
    "phdthesis": N_("PhD theses"),
    "mastersthesis": N_("Master's theses"),
    "thesis": N_("Theses"),
    "techreport": N_("Technical reports"),
    "report": N_("Reports"),
    "unpublished": N_("Unpublished work"),
    "online": N_("Web pages"),
    "dataset": N_("Datasets"),
    "misc": N_("Other work"),
}


def type_group_name(entry_type: str) -> str:
    """Return what a list of papers of an entry type is headed ("Journal articles")."""
    entry_type = (entry_type or "misc").lower()
    return TYPE_GROUP_NAMES.get(entry_type) or type_name(entry_type)


def type_name(entry_type: str) -> str:
    """Return the readable name of an entry type; an unknown one as written, capitalised."""
    entry_type = (entry_type or "misc").lower()
    return TYPE_NAMES.get(entry_type) or entry_type.capitalize()


# Names of services and formats (arXiv, DOI) are the same in every language.
KIND_NAMES = {
    "abstract": N_("Abstract"),
    "acm": "ACM",
    "arxiv": "arXiv",
    "blog": N_("Blog"),
    "code": N_("Code"),
    "doi": "DOI",
    "html": N_("Web page"),
    "openreview": "OpenReview",
    "pdf": "PDF",
    "pmlr": "PMLR",
    "poster": N_("Poster"),
    "slides": N_("Slides"),
    "supp": N_("Supplement"),
    "video": N_("Video"),
}


def kind_name(kind: str) -> str:
    """Return the readable name of a kind of link ("code" is "Code", "arxiv" "arXiv")."""
    return KIND_NAMES.get(kind.lower()) or kind.capitalize()
