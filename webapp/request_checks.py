"""Requests no page can answer: a NUL character in the address, its query or a form.

No page's address or field holds one, and PostgreSQL refuses text that does, so such
a request is refused here (404 for an address, 400 for a field) for every database
alike, before any page looks the value up. The search box's text (`q`) is let through:
search drops control characters from what is typed or pasted, and never looks the
text up in the database.
"""

from flask import Flask, abort, request
from flask_babel import gettext as _

NUL = "\x00"
SEARCH_TEXT = "q"


def init_app(app: Flask) -> None:
    app.before_request(_refuse_nul_characters)


def _refuse_nul_characters() -> None:
    if NUL in request.path:
        abort(404)
    fields = [*request.args.items(multi=True), *request.form.items(multi=True)]
    if any(NUL in key or (NUL in value and key != SEARCH_TEXT) for key, value in fields):
        abort(400, description=_("A field holds a NUL character, which no text may hold."))
