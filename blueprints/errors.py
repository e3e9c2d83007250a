"""Friendly error pages for the whole site."""

from flask import Blueprint, Response, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

bp = Blueprint("errors", __name__)

# What a status is called and what it means, as a visitor reads them: werkzeug's own
# words, to be translated. A status not here reads as werkzeug writes it.
STATUSES = {
    400: (
        lazy_gettext("Bad Request"),
        lazy_gettext(
            "The browser (or proxy) sent a request that this server could not understand."
        ),
    ),
    401: (
        lazy_gettext("Unauthorized"),
        lazy_gettext(
            "The server could not verify that you are authorized to access the URL requested."
            " You either supplied the wrong credentials (e.g. a bad password), or your"
            " browser doesn't understand how to supply the credentials required."
        ),
    ),
    403: (
        lazy_gettext("Forbidden"),
        lazy_gettext(
            "You don't have the permission to access the requested resource. It is either"
            " read-protected or not readable by the server."
        ),
    ),
    404: (
        lazy_gettext("Not Found"),
        lazy_gettext(
            "The requested URL was not found on the server. If you entered the URL manually"
            " please check your spelling and try again."
        ),
    ),
    405: (
        lazy_gettext("Method Not Allowed"),
        lazy_gettext("The method is not allowed for the requested URL."),
    ),
    413: (
        lazy_gettext("Request Entity Too Large"),
        lazy_gettext("The data value transmitted exceeds the capacity limit."),
    ),
    414: (
        lazy_gettext("Request URI Too Long"),
        lazy_gettext(
            "The length of the requested URL exceeds the capacity limit for this server. The"
            " request cannot be processed."
        ),
    ),
    415: (
        lazy_gettext("Unsupported Media Type"),
        lazy_gettext("The server does not support the media type transmitted in the request."),
    ),
    429: (
        lazy_gettext("Too Many Requests"),
        lazy_gettext("This user has exceeded an allotted request count. Try again later."),
    ),
    431: (
        lazy_gettext("Request Header Fields Too Large"),
        lazy_gettext("One or more header fields exceeds the maximum size."),
    ),
    500: (
        lazy_gettext("Internal Server Error"),
        lazy_gettext(
            "The server encountered an internal error and was unable to complete your"
            " request. Either the server is overloaded or there is an error in the"
            " application."
        ),
    ),
    503: (
        lazy_gettext("Service Unavailable"),
        lazy_gettext(
            "The server is temporarily unable to service your request due to maintenance"
            " downtime or capacity problems. Please try again later."
        ),
    ),
}


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    """Render any HTTP error (404, 405, 400...) as a page with the site's layout."""
    name, description = STATUSES.get(error.code, (error.name, error.description))
    if error.description != type(error).description:
        description = error.description  # the page's own words (abort's), not werkzeug's
    return (
        render_template("errors/error.html", error=error, name=name, description=description),
        error.code,
    )


@bp.app_errorhandler(CSRFError)
def form_expired(error: CSRFError):
    """A form sent without its token, with a wrong one, or after its token ran out."""
    return render_template("errors/form_expired.html", error=error), error.code


@bp.app_errorhandler(SecurityError)
def untrusted_host(error: SecurityError):
    """Refuse a Host header the site does not answer to (see webapp/hosts.py).

    No link can be built for such a request, so the answer is plain text.
    """
    message = _("400 Bad Request: this server does not serve a site under that host name.")
    return Response(message + "\n", status=error.code, mimetype="text/plain")
