"""What entry types and kinds of link are called where visitors read them ("Conference
paper", not `inproceedings`; "arXiv", not `arxiv`)."""

TYPE_NAMES = {
    "article": "Journal article",
    "inproceedings": "Conference paper",
    "conference": "Conference paper",
    "proceedings": "Proceedings",
    "incollection": "Book chapter",
    "inbook": "Book chapter",
    "book": "Book",
    "booklet": "Booklet",
    "phdthesis": "PhD thesis",
    "mastersthesis": "Master's thesis",
    "thesis": "Thesis",
    "techreport": "Technical report",
    "report": "Report",
    "manual": "Manual",
    "unpublished": "Unpublished",
    "online": "Web page",
    "software": "Software",
    "dataset": "Dataset",
    "misc": "Other",
}


# What a list of several papers of a type is headed (a CV's sections).
TYPE_GROUP_NAMES = {
    "article": "Journal articles",
    "inproceedings": "Conference papers",
    "conference": "Conference papers",
    "incollection": "Book chapters",
    "inbook": "Book chapters",
    "book": "Books",
    "phdthesis": "PhD theses",
    "mastersthesis": "Master's theses",
    "thesis": "Theses",
    "techreport": "Technical reports",
    "report": "Reports",
    "unpublished": "Unpublished work",
    "online": "Web pages",
    "dataset": "Datasets",
    "misc": "Other work",
}


def type_group_name(entry_type: str) -> str:
    """Return what a list of papers of an entry type is headed ("Journal articles")."""
    entry_type = (entry_type or "misc").lower()
    return TYPE_GROUP_NAMES.get(entry_type) or type_name(entry_type)


def type_name(entry_type: str) -> str:
    """Return the readable name of an entry type; an unknown one as written, capitalised."""
    entry_type = (entry_type or "misc").lower()
    return TYPE_NAMES.get(entry_type) or entry_type.capitalize()


KIND_NAMES = {
    "abstract": "Abstract",
    "acm": "ACM",
    "arxiv": "arXiv",
    "doi": "DOI",
    "html": "Web page",
    "openreview": "OpenReview",
    "pdf": "PDF",
    "pmlr": "PMLR",
    "supp": "Supplement",
}


def kind_name(kind: str) -> str:
    """Return the readable name of a kind of link ("code" is "Code", "arxiv" "arXiv")."""
    return KIND_NAMES.get(kind.lower()) or kind.capitalize()
