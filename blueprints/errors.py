"""Friendly error pages for the whole site."""

from flask import Blueprint, Response, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

bp = Blueprint("errors", __name__)


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    """Render any HTTP error (404, 405, 400...) as a page with the site's layout."""
    return render_template("errors/error.html", error=error), error.code


@bp.app_errorhandler(CSRFError)
def form_expired(error: CSRFError):
    """A form sent without its token, with a wrong one, or after its token ran out."""
    return render_template("errors/form_expired.html", error=error), error.code


@bp.app_errorhandler(SecurityError)
def untrusted_host(error: SecurityError):
    """Refuse a Host header the site does not answer to (see webapp/hosts.py).

    No link can be built for such a request, so the answer is plain text.
    """
    message = "400 Bad Request: this server does not serve a site under that host name.\n"
    return Response(message, status=error.code, mimetype="text/plain")
