"""How far long work has got: counted where the work is done, shown when a command asks.

The writer of many papers and the index rebuild count their work with `meter(label,
total)`, and name the stage that follows when it cannot be counted; a command runs the
work inside `shown_on_command_line()` to show it: a bar with a count and an estimate on
a terminal, a plain line now and then otherwise (a log, CI, cron), and a last line when
done. Work nobody watches, and work too small to be worth a bar, shows nothing.
"""

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol

import click

# Smaller work finishes before a bar would tell anything.
SHOWN_FROM = 1000


class Meter(Protocol):
    def advance(self, count: int) -> None: ...

    def finish(self, then: str = "") -> None:
        """End the count; `then` names the next stage, which cannot be counted."""


class _Unwatched:
    def advance(self, count: int) -> None:
        pass

    def finish(self, then: str = "") -> None:
        pass


_watched: ContextVar[bool] = ContextVar("progress_watched", default=False)


@contextmanager
def shown_on_command_line() -> Iterator[None]:
    """Show the progress of the long work done inside the block, on standard error."""
    token = _watched.set(True)
    try:
        yield
    finally:
        _watched.reset(token)


def meter(label: str, total: int) -> Meter:
    """Return what counts one piece of work of `total` steps (shown if watched)."""
    if not _watched.get() or total < SHOWN_FROM:
        return _Unwatched()
    return on_command_line(label, total)


# How often a plain line is written when the output is not a terminal.
LINE_EVERY_SECONDS = 10.0


def on_command_line(label: str, total: int) -> Meter:
    """Return the display of one piece of work, on standard error."""
    if sys.stderr.isatty():
        return _Bar(label, total)
    return _Lines(label, total)


class _Bar:
    def __init__(self, label: str, total: int) -> None:
        self._bar = click.progressbar(
            length=total, label=label, show_eta=True, show_pos=True, file=sys.stderr
        )
        self._bar.render_progress()

    def advance(self, count: int) -> None:
        self._bar.update(count)

    def finish(self, then: str = "") -> None:
        self._bar.render_finish()
        if then:
            click.echo(then, err=True)


class _Lines:
    def __init__(self, label: str, total: int) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self.started = self.last_line = time.monotonic()

    def advance(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if now - self.last_line >= LINE_EVERY_SECONDS and self.done < self.total:
            self.last_line = now
            left = (now - self.started) / self.done * (self.total - self.done)
            click.echo(
                f"{self.label}: {self.done:,} of {self.total:,} "
                f"({self.done * 100 // self.total}%), about {_duration(left)} left",
                err=True,
            )

    def finish(self, then: str = "") -> None:
        took = _duration(time.monotonic() - self.started)
        click.echo(f"{self.label}: {self.done:,} of {self.total:,} in {took}", err=True)
        if then:
            click.echo(then, err=True)


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes} min {seconds} s"
