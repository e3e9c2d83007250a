"""Signing in through the test client: accounts, the form token, posting forms.

pytest-flask keeps one app context for a whole test, so what Flask keeps per request
(the signed-in account, the form token, the database session) is dropped before each
request with `as_a_new_request`, as a server does.
"""

import re

from flask import g

from catalog.models import db

PASSWORD = "correct horse battery"
HTTPS = "https://localhost"
# A browser posting a form of the site over HTTPS says where from (Flask-WTF checks it).
SAME_SITE = {"Referer": f"{HTTPS}/login"}
_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def create_account(app, email="ada@example.org", *options, password=PASSWORD):
    return app.test_cli_runner().invoke(
        args=["users", "create", email, *options], input=f"{password}\n{password}\n"
    )


def as_a_new_request() -> None:
    """Forget what the shared app context keeps between requests."""
    g.pop("_login_user", None)
    g.pop("csrf_token", None)
    db.session.remove()


def csrf_token(client) -> str:
    as_a_new_request()
    html = client.get("/login", base_url=HTTPS).get_data(as_text=True)
    return _TOKEN.search(html)[1]


def sign_in(client, email="ada@example.org", password=PASSWORD, next_path=""):
    data = {"email": email, "password": password, "csrf_token": csrf_token(client)}
    path = f"/login?next={next_path}" if next_path else "/login"
    return client.post(path, data=data, base_url=HTTPS, headers=SAME_SITE)


def sign_out(client):
    data = {"csrf_token": csrf_token(client)}
    as_a_new_request()
    return client.post("/logout", data=data, base_url=HTTPS, headers=SAME_SITE)


def signed_in_as(client) -> str:
    as_a_new_request()
    html = client.get("/login", base_url=HTTPS).get_data(as_text=True)
    found = re.search(r"You are signed in as ([^<]+)\.", html)
    return found[1] if found else ""


def get(client, path: str):
    as_a_new_request()
    return client.get(path, base_url=HTTPS)


def post(client, path: str, data: dict | None = None, token: str | None = "", **options):
    """Post a form as a browser does: with the session's token (or `token`, or none)."""
    data = dict(data or {})
    if token == "":
        token = csrf_token(client)
    if token is not None:
        data["csrf_token"] = token
    as_a_new_request()
    return client.post(path, data=data, base_url=HTTPS, headers=SAME_SITE, **options)
