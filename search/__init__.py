"""Full-text search over publications and people, kept in step with the database.

The Whoosh index is derived data in the instance folder: it can always be rebuilt
from the database. Views, the API and commands use only this surface; every Whoosh
detail stays inside the package. The engine finds and ranks index documents; the
rows it shows are loaded by the catalog's queries.
"""

from pathlib import Path

from flask import Flask

from search.cli import search_cli
from search.completions import suggest
from search.maintenance import check, rebuild
from search.query import SearchError, SearchRequest, request_from_args
from search.ranking import SearchResults, search
from search.schema import FACETS
from search.store import SearchIndex, get_index
from search.sync import drain_if_due, register_listeners, repair_on_start

__all__ = [
    "FACETS",
    "SearchError",
    "SearchRequest",
    "SearchResults",
    "check",
    "get_index",
    "init_app",
    "rebuild",
    "repair_on_start",
    "request_from_args",
    "search",
    "suggest",
]


def init_app(app: Flask) -> None:
    """Give the app its search index, keep the index in step with commits, add the CLI."""
    app.extensions["search_index"] = SearchIndex(Path(app.config["SEARCH_INDEX_DIR"]))
    register_listeners()
    app.before_request(lambda: drain_if_due(get_index()))
    app.cli.add_command(search_cli)
