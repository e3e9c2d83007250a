"""Write publications back out as BibTeX that the importer reads to the same papers."""

import bibtexparser
from bibtexparser.model import Entry, Field

from models import Publication

# Fields rebuilt from the stored paper; every other field read on import goes back as it came.
OWN_FIELDS = ("title", "author", "year")


def publication_bibtex(publication: Publication) -> str:
    """Return one publication as a BibTeX entry."""
    library = bibtexparser.Library([_entry(publication)])
    return bibtexparser.write_string(library).strip() + "\n"


def _entry(publication: Publication) -> Entry:
    fields = {"title": publication.title, "author": _authors(publication)}
    if publication.year:
        fields["year"] = str(publication.year)
    for name, value in (publication.extra_fields or {}).items():
        if name not in OWN_FIELDS and value:
            fields[name] = value
    return Entry(
        publication.entry_type or "misc",
        publication.key,
        [Field(name, value) for name, value in fields.items() if value],
    )


def _authors(publication: Publication) -> str:
    names = []
    for authorship in publication.authorships:
        marker = "*" if authorship.equal_contribution else ""
        marker += "\u2020" if authorship.corresponding else ""
        names.append(authorship.display_name + marker)
    return " and ".join(names)
