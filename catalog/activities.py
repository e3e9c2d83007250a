"""The lists a profile keeps besides its papers (news, openings, talks, teaching, awards,
service, students, alumni) and a member's role in a lab: what each list's items hold,
in the one order a file, the profile form and a page use.

Each item is a mapping of its kind's parts, all text: a date part as YYYY-MM-DD, which
orders the list newest first; the first required part names the item.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from catalog.wording import N_


@dataclass(frozen=True)
class ActivityKind:
    # The front matter field, and the key of the profile's `activities`.
    name: str
    heading: str
    # The parts of an item in the order the profile form writes them on a line.
    parts: tuple[str, ...]
    # The part an item cannot do without.
    required: str
    # The parts that are dates (YYYY-MM-DD).
    dates: tuple[str, ...] = ()
    # The part whose date orders the list, newest first.
    ordered_by: str = ""


ACTIVITY_KINDS = (
    ActivityKind("news", N_("News"), ("date", "text", "url"), "text", ("date",), "date"),
    ActivityKind(
        "openings", N_("Openings"), ("title", "expires", "text", "url"), "title", ("expires",)
    ),
    ActivityKind(
        "talks", N_("Talks"), ("date", "title", "event", "url"), "title", ("date",), "date"
    ),
    ActivityKind("teaching", N_("Teaching"), ("term", "title", "role", "url"), "title"),
    ActivityKind("awards", N_("Awards"), ("year", "title", "by", "url"), "title"),
    ActivityKind("service", N_("Service"), ("year", "text", "url"), "text"),
    ActivityKind("students", N_("Students"), ("name", "role", "years", "url"), "name"),
    ActivityKind("alumni", N_("Alumni"), ("name", "role", "years", "now", "url"), "name"),
)
ACTIVITIES = {kind.name: kind for kind in ACTIVITY_KINDS}

# A lab's home page groups its members by role, in this order; any other role (or none)
# is shown last, as "Members".
ROLES = {
    "faculty": N_("Faculty"),
    "researcher": N_("Researchers"),
    "postdoc": N_("Postdocs"),
    "student": N_("Students"),
    "staff": N_("Staff"),
    "visitor": N_("Visitors"),
    "alumni": N_("Alumni"),
}
OTHER_ROLE = N_("Members")


def in_order(kind: ActivityKind, items: list[dict]) -> list[dict]:
    """The items as a page lists them: newest first by the kind's date, undated last."""
    if not kind.ordered_by:
        return list(items)
    return sorted(items, key=lambda item: item.get(kind.ordered_by) or "", reverse=True)


def shown_activities(activities: dict, today: date) -> dict[str, list[dict]]:
    """The lists a page shows, by kind name in the kinds' order: each in its order, the
    openings past their last day left out (kept in the data), empty lists left out."""
    shown = {}
    for kind in ACTIVITY_KINDS:
        items = in_order(kind, activities.get(kind.name) or [])
        if kind.name == "openings":
            items = [item for item in items if item.get("expires", "9999") >= today.isoformat()]
        if items:
            shown[kind.name] = items
    return shown


def newest_news(people: list) -> list[tuple[Any, dict]]:
    """Every news item of the people (anything with `activities`), with its person,
    newest first; an undated item after the dated ones."""
    items = [
        (person, item) for person in people for item in (person.activities or {}).get("news", [])
    ]
    return sorted(items, key=lambda pair: pair[1].get("date") or "", reverse=True)


def grouped_by_role(people: list) -> list[tuple[str, list]]:
    """The people (anything with a `role`) in groups by role, in the order of ROLES, each
    group in the order given; people of another role or none last, as "Members"."""
    groups: dict[str, list] = {heading: [] for heading in (*ROLES.values(), OTHER_ROLE)}
    for person in people:
        groups[ROLES.get((person.role or "").lower(), OTHER_ROLE)].append(person)
    return [(heading, members) for heading, members in groups.items() if members]
