"""Friendly error pages for the whole site."""

from flask import Blueprint, render_template
from werkzeug.exceptions import HTTPException

bp = Blueprint("errors", __name__)


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    """Render any HTTP error (404, 405, 400...) as a page with the site's layout."""
    return render_template("errors/error.html", error=error), error.code
