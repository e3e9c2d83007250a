"""What a load did, item by item, and its problems as the lines a report prints."""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from catalog.records import Problem, PublicationRecord
from catalog.wording import N_
from importing.assets import SiteFile

# Keys a report line names of a problem met for many entries.
SHOWN_KEYS = 3
# A load's counts, as a summary says them (the second when a pruning load removed papers).
SUMMARY = N_(
    "%(added)d added, %(updated)d updated, %(merged)d merged, %(unchanged)d unchanged, "
    "%(rejected)d rejected"
)
PRUNED_SUMMARY = N_(
    "%(added)d added, %(updated)d updated, %(merged)d merged, %(unchanged)d unchanged, "
    "%(rejected)d rejected, %(removed)d removed"
)


@dataclass
class LoadReport:
    """What a load did, item by item, with every problem and where it was."""

    outcomes: list[tuple[str, str, str]] = field(default_factory=list)  # status, kind, name
    problems: list[Problem] = field(default_factory=list)
    # URL key -> where the entry came from, so two files cannot fight over one paper.
    entry_places: dict[str, str] = field(default_factory=dict)
    # What was read of other themes' formats ("academicpages paper" -> how many).
    formats: Counter = field(default_factory=Counter)
    # Files of the site the entries name (al-folio's assets), for the command to copy.
    site_files: list[SiteFile] = field(default_factory=list)
    # DOI, arXiv id, ... -> the first record of that paper in this load.
    papers: dict[tuple[str, str], PublicationRecord] = field(default_factory=dict)
    # The keys of the papers a pruning load deleted.
    removed: list[str] = field(default_factory=list)
    # The ids of the papers the load wrote (added, updated, merged or unchanged).
    paper_ids: set[int] = field(default_factory=set)

    def record(self, status: str, kind: str, name: str) -> None:
        self.outcomes.append((status, kind, name))

    @property
    def counts(self) -> Counter:
        return Counter(status for status, _, _ in self.outcomes)

    @property
    def rejected(self) -> int:
        return self.counts["rejected"]

    def summary(self, translate: Callable[[str], str] = N_) -> str:
        """How many items each outcome had, in English or in the words `translate` gives
        (a page's gettext)."""
        return translate(PRUNED_SUMMARY if self.removed else SUMMARY) % self.counts


def problem_lines(problems: Iterable[Problem]) -> list[str]:
    """Return a report's problems as lines, in file order; a warning or a fix met for
    several entries is one line, with how many and the first few keys."""
    groups: dict[object, list[Problem]] = {}
    for problem in sorted(problems, key=lambda p: (p.source, p.line or 0)):
        # Each error rejects its own entry: always a line of its own.
        same = (
            id(problem)
            if problem.severity == "error"
            else (problem.severity, problem.cause or problem.message)
        )
        groups.setdefault(same, []).append(problem)
    lines = []
    for group in groups.values():
        first = group[0]
        if len(group) == 1:
            lines.append(str(first))
            continue
        keys = list(dict.fromkeys(problem.key for problem in group if problem.key))
        shown = ", ".join(keys[:SHOWN_KEYS]) + (
            f" and {len(keys) - SHOWN_KEYS} more" if len(keys) > SHOWN_KEYS else ""
        )
        where = f"{first.source}:{first.line}" if first.line else first.source
        cause = first.cause or first.message
        lines.append(f"{where}: {first.severity}: {cause} ({len(group)} times: {shown})")
    return lines
