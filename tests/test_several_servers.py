"""Servers on one database, each with a search index of its own, find each other's edits.

Two instance folders (as two machines would have) share one database; each runs its
own gunicorn and keeps its own index in step from the index work in the database.
"""

import json
import time
from urllib.parse import quote

from builders import make_app, make_person
from gunicorn_server import request, serving, submit
from signed_in import PASSWORD, create_account

# An edit must be found on the other server this soon (each checks every second).
IN_STEP_WITHIN = 2.0
EMAIL = "ada@example.org"
PAPER = (
    "@inproceedings{doe2026quokka, title={Quokka Estimators for Sparse Zyzzyva Models},"
    " author={Ada Doe and Bo Roe}, booktitle={ICML}, year={2026}}"
)


def hits(port: int, query: str) -> int:
    status, body, _cookie = request(port, "GET", f"/api/v1/search?q={quote(query)}")
    assert status == 200, body
    return json.loads(body)["total"]


def signed_in(port: int) -> str:
    status, _body, cookie = submit(port, "/login", {"email": EMAIL, "password": PASSWORD})
    assert status == 302
    return cookie


def seconds_until(found, port: int, query: str) -> float:
    """Ask the server's search until `found(hits)`; return how long it took."""
    started = time.monotonic()
    while not found(hits(port, query)) and time.monotonic() - started < 3 * IN_STEP_WITHIN:
        time.sleep(0.05)
    assert found(hits(port, query)), f"{query!r} never changed on the other server"
    return time.monotonic() - started


def test_an_edit_through_one_server_is_searchable_on_the_other(tmp_path, database):
    first, second = tmp_path / "first", tmp_path / "second"
    app = make_app(first, database)
    with app.app_context():
        make_person(slug="ada-doe", name="Ada Doe")
        assert create_account(app, EMAIL, "--admin").exit_code == 0
        shared = app.config["SQLALCHEMY_DATABASE_URI"]
    second.mkdir()
    (second / "config.py").write_text(f"SQLALCHEMY_DATABASE_URI = {shared!r}\n")

    with serving(first) as one, serving(second) as other:
        assert hits(other, "zyzzyva") == 0  # its index is made, and warm
        saved = submit(
            one,
            "/admin/people/ada-doe/papers/new",
            {"bibtex": PAPER, "action": "save"},
            signed_in(one),
        )
        assert saved[0] == 302, saved[1]
        assert hits(one, "zyzzyva") == 1  # at once where it was saved
        assert seconds_until(lambda n: n == 1, other, "zyzzyva quokka") < IN_STEP_WITHIN

        deleted = submit(
            other, "/admin/papers/doe2026quokka/delete", {"how": "delete"}, signed_in(other)
        )
        assert deleted[0] == 302, deleted[1]
        assert seconds_until(lambda n: n == 0, one, "zyzzyva") < IN_STEP_WITHIN
    assert (first / "search-index").is_dir() and (second / "search-index").is_dir()
