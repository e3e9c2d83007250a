"""Accounts: the users commands, signing in and out, CSRF, throttling, cookies."""

import re

import pytest
from signed_in import (
    HTTPS,
    PASSWORD,
    SAME_SITE,
    as_a_new_request,
    create_account,
    csrf_token,
    sign_in,
    signed_in_as,
)

from accounts.signing_in import MAX_FAILURES
from app import create_app


def test_there_is_no_account_until_one_is_made(app):
    listed = app.test_cli_runner().invoke(args=["users", "list"])
    assert listed.output == ""


def test_the_users_commands(app):
    assert create_account(app).exit_code == 0
    assert "exists already" in create_account(app).output
    assert (
        "at least 12 characters" in create_account(app, "bo@example.org", password="short").output
    )
    assert (
        "no person with the slug"
        in create_account(app, "cy@example.org", "--person", "nobody").output
    )
    assert create_account(app, "root@example.org", "--admin").exit_code == 0
    listed = app.test_cli_runner().invoke(args=["users", "list"]).output
    assert re.search(r"ada@example.org +- +active", listed)
    assert re.search(r"root@example.org +admin +active", listed)
    disabled = app.test_cli_runner().invoke(args=["users", "disable", "ada@example.org"])
    assert disabled.exit_code == 0
    assert re.search(
        r"ada@example.org +- +disabled", app.test_cli_runner().invoke(args=["users", "list"]).output
    )


def test_signing_in_goes_where_it_was_asked_on_this_site_only(app, client):
    create_account(app)

    inside = sign_in(client, next_path="/people/")
    assert inside.status_code == 302 and inside.headers["Location"] == "/people/"
    assert signed_in_as(client) == "ada@example.org"
    again = sign_in(client, next_path="//evil.example/")
    assert again.headers["Location"] == "/admin/"


def test_an_unknown_address_and_a_wrong_password_get_the_same_answer(app, client):
    create_account(app)

    unknown = sign_in(client, email="nobody@example.org")
    wrong = sign_in(client, password="not the password")

    assert unknown.status_code == wrong.status_code == 401
    assert "do not match an account" in unknown.get_data(as_text=True)
    assert "do not match an account" in wrong.get_data(as_text=True)
    assert signed_in_as(client) == ""


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_a_form_without_its_token_is_refused(app, client, token):
    create_account(app)
    data = {"email": "ada@example.org", "password": PASSWORD}
    if token:
        data["csrf_token"] = token

    response = client.post("/login", data=data, base_url=HTTPS, headers=SAME_SITE)

    assert response.status_code == 400
    assert signed_in_as(client) == ""


def test_guessing_is_throttled_even_with_the_right_password_after(app, client):
    create_account(app)
    for _ in range(MAX_FAILURES):
        assert sign_in(client, password="a wrong guess").status_code == 401

    response = sign_in(client)

    assert response.status_code == 429
    assert "Too many failed attempts" in response.get_data(as_text=True)


def test_a_copied_cookie_is_useless_after_signing_out(app, client):
    create_account(app)
    sign_in(client)
    stolen = client.get_cookie("session", domain="localhost").value
    thief = app.test_client()
    thief.set_cookie("session", stolen, domain="localhost", secure=True)
    assert signed_in_as(thief) == "ada@example.org"

    as_a_new_request()
    page = client.get("/login", base_url=HTTPS).get_data(as_text=True)
    sign_out = re.search(
        r'action="/logout">\s*<input type="hidden" name="csrf_token" value="([^"]+)"', page
    )
    client.post("/logout", data={"csrf_token": sign_out[1]}, base_url=HTTPS, headers=SAME_SITE)

    assert signed_in_as(thief) == ""
    assert signed_in_as(client) == ""


def test_a_new_password_ends_every_session(app, client):
    create_account(app)
    sign_in(client)

    app.test_cli_runner().invoke(
        args=["users", "set-password", "ada@example.org"], input="another long secret\n" * 2
    )

    assert signed_in_as(client) == ""
    assert sign_in(client, password="another long secret").status_code == 302


def test_the_session_cookie_is_secure_http_only_and_lax(app, client):
    create_account(app)

    response = sign_in(client)

    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get("/login", base_url=HTTPS).headers["Cache-Control"] == "no-store"


def test_the_admin_pages_ask_a_visitor_to_sign_in(app, client):
    response = client.get("/admin/", base_url=HTTPS)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=%2Fadmin%2F")


def test_the_admin_keeps_every_profile_and_an_owner_their_own(app, client, tmp_path):
    for slug, name in (("ada-doe", "Ada Doe"), ("bo-roe", "Bo Roe")):
        (tmp_path / f"{slug}.md").write_text(f"---\nname: {name}\n---\nBio.\n")
    app.test_cli_runner().invoke(args=["import", str(tmp_path)])
    create_account(app, "root@example.org", "--admin")
    create_account(app, "ada@example.org", "--person", "ada-doe")

    sign_in(client, email="ada@example.org")
    as_a_new_request()
    own = client.get("/admin/", base_url=HTTPS)
    as_a_new_request()
    client.post(
        "/logout", data={"csrf_token": csrf_token(client)}, base_url=HTTPS, headers=SAME_SITE
    )
    sign_in(client, email="root@example.org")
    as_a_new_request()
    every = client.get("/admin/", base_url=HTTPS).get_data(as_text=True)

    assert own.headers["Cache-Control"] == "no-store"
    assert "Ada Doe" in own.get_data(as_text=True) and "Bo Roe" not in own.get_data(as_text=True)
    assert "Ada Doe" in every and "Bo Roe" in every and "the site's admin" in every


@pytest.mark.parametrize("key", ["dev", "change-me", "short but not placeholder"])
def test_a_server_refuses_to_start_with_a_guessable_secret_key(tmp_path, key):
    with pytest.raises(SystemExit, match="SECRET_KEY is too weak"):
        create_app({"SECRET_KEY": key}, instance_path=str(tmp_path / "instance"))


def test_a_server_starts_with_a_long_random_key_or_its_own(tmp_path):
    strong = create_app(
        {"SECRET_KEY": "9f" * 32, "LOAD_CONTENT_ON_FIRST_START": False},
        instance_path=str(tmp_path / "one"),
    )
    own = create_app({"LOAD_CONTENT_ON_FIRST_START": False}, instance_path=str(tmp_path / "two"))

    assert strong.secret_key == "9f" * 32
    assert len(own.secret_key) == 64 and (tmp_path / "two" / "secret_key").exists()


def test_an_account_is_enabled_again_and_given_another_profile(app, client, tmp_path):
    (tmp_path / "ada-doe.md").write_text("---\nname: Ada Doe\n---\n")
    app.test_cli_runner().invoke(args=["import", str(tmp_path)])
    create_account(app)
    runner = app.test_cli_runner()
    runner.invoke(args=["users", "disable", "ada@example.org"])
    assert sign_in(client).status_code == 401

    enabled = runner.invoke(args=["users", "enable", "ada@example.org"])
    linked = runner.invoke(args=["users", "set-person", "ada@example.org", "ada-doe"])
    nobody = runner.invoke(args=["users", "set-person", "ada@example.org", "nobody"])

    assert enabled.exit_code == 0 and linked.exit_code == 0 and nobody.exit_code == 2
    assert re.search(
        r"ada@example.org +ada-doe +active", runner.invoke(args=["users", "list"]).output
    )
    assert sign_in(client).status_code == 302
