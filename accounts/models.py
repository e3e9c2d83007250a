"""Who may sign in: accounts, and the failed sign-ins that throttle guessing."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from catalog.models import Person, db

# werkzeug's scrypt: memory-hard, with nothing to compile.
PASSWORD_METHOD = "scrypt"


def _now() -> datetime:
    return datetime.now(UTC)


class Account(db.Model):
    """A person who signs in: the site's admin, or the owner of one member's profile.

    `session_version` is part of every session's id: raising it (at sign-out or a new
    password) ends every session of the account, on every worker.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(300), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    is_admin: Mapped[bool] = mapped_column(default=False)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    disabled: Mapped[bool] = mapped_column(default=False)
    session_version: Mapped[int] = mapped_column(default=1)
    created: Mapped[datetime] = mapped_column(default=_now)

    person: Mapped[Person | None] = relationship()

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method=PASSWORD_METHOD)
        self.session_version = (self.session_version or 0) + 1

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    # Flask-Login's user interface.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return not self.disabled

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"


class FailedSignIn(db.Model):
    """A sign-in attempt not known to have succeeded (a failure, or one being checked),
    kept in the database so every worker counts the same ones."""

    id: Mapped[int] = mapped_column(primary_key=True)
    # The address tried (lower case) or the client's address, prefixed "email:"/"client:".
    key: Mapped[str] = mapped_column(String(400), index=True)
    at: Mapped[datetime] = mapped_column(default=_now, index=True)
