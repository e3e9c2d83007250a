"""The `flask --app app users` verbs: create, list, set-password, disable."""

import click
from flask.cli import AppGroup
from sqlalchemy import select

from accounts.models import Account
from accounts.signing_in import normal_email
from catalog.models import db
from catalog.queries import find_person

MIN_PASSWORD_CHARS = 12


users_cli = AppGroup("users", help="Manage the accounts that sign in to edit the site.")


def _password() -> str:
    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD_CHARS:
        raise click.ClickException(f"a password needs at least {MIN_PASSWORD_CHARS} characters")
    return password


def _account(email: str) -> Account:
    account = db.session.scalar(select(Account).filter_by(email=normal_email(email)))
    if account is None:
        raise click.ClickException(f"no account for {email!r}")
    return account


@users_cli.command("create")
@click.argument("email")
@click.option("--admin", is_flag=True, help="May edit everything and manage accounts.")
@click.option("--person", "person_slug", help="The member whose profile this account keeps.")
def create_command(email: str, admin: bool, person_slug: str | None) -> None:
    """Create an account (the password is asked for twice)."""
    email = normal_email(email)
    if "@" not in email:
        raise click.BadParameter(f"{email!r} is not an e-mail address", param_hint="EMAIL")
    if db.session.scalar(select(Account).filter_by(email=email)):
        raise click.ClickException(f"an account for {email!r} exists already")
    person = find_person(person_slug) if person_slug else None
    if person_slug and person is None:
        raise click.BadParameter(f"no person with the slug {person_slug!r}", param_hint="--person")
    account = Account(email=email, is_admin=admin, person=person)
    account.set_password(_password())
    db.session.add(account)
    db.session.commit()
    click.echo(
        f"created {email}" + (" (admin)" if admin else f" for {person_slug}" if person else "")
    )


@users_cli.command("list")
def list_command() -> None:
    """List the accounts."""
    for account in db.session.scalars(select(Account).order_by(Account.email)):
        role = "admin" if account.is_admin else (account.person.slug if account.person else "-")
        state = "disabled" if account.disabled else "active"
        click.echo(f"{account.email:40} {role:24} {state}")


@users_cli.command("set-password")
@click.argument("email")
def set_password_command(email: str) -> None:
    """Give an account a new password; its sessions end."""
    account = _account(email)
    account.set_password(_password())
    db.session.commit()
    click.echo(f"new password for {account.email}; its sessions have ended")


@users_cli.command("disable")
@click.argument("email")
def disable_command(email: str) -> None:
    """Stop an account from signing in; its sessions end."""
    account = _account(email)
    account.disabled = True
    account.session_version += 1
    db.session.commit()
    click.echo(f"disabled {account.email}")
