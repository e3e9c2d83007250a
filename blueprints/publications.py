"""One page per publication."""

from flask import Blueprint, Response, render_template

from catalog.details import DETAIL_FIELDS
from catalog.queries import get_publication_or_404
from publishing.bibtex_writer import publication_bibtex
from publishing.citations import FORMATS_BY_EXTENSION, formatted_citations

bp = Blueprint("publications", __name__)


@bp.get("/publications/<key>")
def detail(key: str):
    """Show one publication: authors, venue, links, summary, abstract and citations."""
    publication = get_publication_or_404(key)
    return render_template(
        "publications/detail.html",
        publication=publication,
        bibtex=publication_bibtex(publication, citing=True),
        citations=formatted_citations(publication),
        detail_labels=DETAIL_FIELDS,
    )


@bp.get("/publications/<key>.<any(bib, ris, json):extension>")
def export(key: str, extension: str):
    """Give one publication as BibTeX, RIS or CSL-JSON."""
    publication = get_publication_or_404(key)
    export_format = FORMATS_BY_EXTENSION[extension]
    return Response(export_format.render([publication]), content_type=export_format.content_type)
