"""The `flask --app app users` verbs: create, list, set-password, disable, enable, set-person."""

import click
from flask.cli import AppGroup
from sqlalchemy import select

from accounts.management import (
    AccountRefused,
    check_new_email,
    check_new_password,
    new_account,
    set_disabled,
)
from accounts.models import Account
from accounts.signing_in import normal_email
from catalog.models import db
from catalog.queries import find_person

users_cli = AppGroup("users", help="Manage the accounts that sign in to edit the site.")


def _password() -> str:
    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        check_new_password(password)
    except AccountRefused as error:
        raise click.ClickException(str(error)) from None
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
    person = find_person(person_slug) if person_slug else None
    if person_slug and person is None:
        raise click.BadParameter(f"no person with the slug {person_slug!r}", param_hint="--person")
    try:
        check_new_email(email)  # before the password is asked for
        account = new_account(email, _password(), admin, person)
    except AccountRefused as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(
        f"created {account.email}"
        + (" (admin)" if admin else f" for {person_slug}" if person else "")
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
    _set_state(email, disabled=True)


@users_cli.command("enable")
@click.argument("email")
def enable_command(email: str) -> None:
    """Let a disabled account sign in again."""
    _set_state(email, disabled=False)


def _set_state(email: str, disabled: bool) -> None:
    account = _account(email)
    set_disabled(account, disabled)
    db.session.commit()
    click.echo(f"{'disabled' if disabled else 'enabled'} {account.email}")


@users_cli.command("set-person")
@click.argument("email")
@click.argument("person_slug", metavar="SLUG")
def set_person_command(email: str, person_slug: str) -> None:
    """Make an account the owner of another profile (the one given by its slug)."""
    account = _account(email)
    person = find_person(person_slug)
    if person is None:
        raise click.BadParameter(f"no person with the slug {person_slug!r}", param_hint="SLUG")
    account.person = person
    db.session.commit()
    click.echo(f"{account.email} keeps the profile of {person.name}")
