"""One page per publication."""

from flask import Blueprint, render_template

from bibtex_writer import publication_bibtex
from queries import get_publication_or_404

bp = Blueprint("publications", __name__)


@bp.get("/publications/<key>")
def detail(key: str):
    """Show one publication: authors, venue, links, summary, abstract and BibTeX."""
    publication = get_publication_or_404(key)
    return render_template(
        "publications/detail.html",
        publication=publication,
        bibtex=publication_bibtex(publication),
    )
