"""The header's navigation: its items, and which of them the page being shown is under.

`NAVIGATION` in the configuration lists `[label, address]` pairs (an address of the site,
such as "/people", or a whole URL), each label shown as written; by default a lab's site
offers People and Publications, and a personal site (`HOME_PERSON`) its profile, its
papers and its CV, in the site's language.
"""

from dataclasses import dataclass

from flask import Flask, current_app, request, url_for
from flask_babel import gettext as _


@dataclass(frozen=True)
class NavigationItem:
    label: str
    href: str
    # Whether the page shown is this item's page or one below it.
    current: bool


def navigation() -> list[NavigationItem]:
    """The items of the header for this request, the one it is under marked."""
    configured = current_app.config.get("NAVIGATION")
    if configured:
        items = [(label, _site_address(address)) for label, address in configured]
    elif current_app.config.get("HOME_PERSON"):
        owner = current_app.config["HOME_PERSON"]
        items = [
            (_("About"), url_for("people.directory")),
            (_("Publications"), url_for("people.publications", slug=owner)),
            (_("CV"), url_for("people.cv", slug=owner)),
        ]
    else:
        items = [
            (_("People"), url_for("people.people_index")),
            (_("Publications"), url_for("publications.index")),
        ]
    under = _deepest_item(request.path, [href for _label, href in items])
    return [NavigationItem(label, href, href == under) for label, href in items]


def _site_address(address: str) -> str:
    """An address of the site below the site's own root (a copy under a sub-path)."""
    return request.script_root + address if address.startswith("/") else address


def _deepest_item(path: str, addresses: list[str]) -> str | None:
    """The address of the item the page at `path` is under: the longest that is `path`
    or a folder of it ("/" only itself, else every page would be under it)."""
    root = request.script_root

    def under(address: str) -> bool:
        if not address.startswith(root + "/"):
            return False  # another site's address
        folder = address[len(root) :].rstrip("/")
        return path.rstrip("/") == folder or bool(folder) and path.startswith(folder + "/")

    return max(filter(under, addresses), key=len, default=None)


def init_app(app: Flask) -> None:
    app.context_processor(lambda: {"navigation": navigation})
