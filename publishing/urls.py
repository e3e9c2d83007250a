"""Absolute URLs for canonical links, feeds and metadata.

The base is the SITE_URL setting when there is one (a site behind a proxy, or a
static copy served elsewhere), else the address the request came in on.
"""

from flask import current_app, request, url_for


def site_root() -> str:
    """Return the public address of the site's root, without a trailing slash."""
    return (current_app.config.get("SITE_URL") or request.url_root).rstrip("/")


def external_url(endpoint: str, **values) -> str:
    """Return the absolute URL of an endpoint."""
    return site_root() + url_for(endpoint, **values).removeprefix(request.script_root)


def canonical_url() -> str:
    """Return the absolute URL of the current page, without its query string."""
    return site_root() + request.path
