"""Rows written in bulk, past the ORM's unit of work, and those who must hear of them.

A flush tells its listeners (the content version, the search outbox) what it changed
through the session's `new`, `dirty` and `deleted`. Rows inserted with one statement
for thousands of papers never pass through those sets, so whoever follows changes
registers here as well and is told of them in the same transaction.
"""

from collections.abc import Callable

from sqlalchemy.orm import Session

# What a listener is told: the session, and each written row as (kind, id), kind "paper".
Listener = Callable[[Session, set[tuple[str, int]]], None]
_listeners: list[Listener] = []


def on_bulk_write(listener: Listener) -> None:
    """Have the listener told of every bulk write (once, however often this is called)."""
    if listener not in _listeners:
        _listeners.append(listener)


def bulk_written(session: Session, written: set[tuple[str, int]]) -> None:
    """Tell every listener of rows written in bulk, inside the session's transaction."""
    if written:
        for listener in _listeners:
            listener(session, written)
