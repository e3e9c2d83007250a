"""Requests no page can answer: a NUL character in the address, its query or a form.

No page's address or field holds one, and PostgreSQL refuses text that does, so such
a request is refused here (404 for an address, 400 for a field) for every database
alike, before any page looks the value up.
"""

from flask import Flask, abort, request

NUL = "\x00"


def init_app(app: Flask) -> None:
    app.before_request(_refuse_nul_characters)


def _refuse_nul_characters() -> None:
    if NUL in request.path:
        abort(404)
    for values in (request.args, request.form):
        if any(NUL in key or NUL in value for key, value in values.items(multi=True)):
            abort(400, description="A field holds a NUL character, which no text may hold.")
