"""Full-text search over publications and people, kept in step with the database.

The index is derived data in the instance folder: it can always be rebuilt from the
database. Two backends answer the same query language: Whoosh (pure Python, the
default) and tantivy (search.tantivy_engine), chosen by SEARCH_BACKEND. Views, the API
and commands use only this surface; every engine detail stays inside the package. The
engine finds and ranks index documents; the rows shown are loaded by the catalog's queries.
"""

from pathlib import Path

from flask import Flask

from search.cli import search_cli
from search.completions import suggest
from search.maintenance import check, rebuild
from search.query import SearchError, SearchRequest, request_from_args
from search.ranking import SearchResults, index_generation, search
from search.schema import FACETS
from search.store import SearchIndex, get_index
from search.sync import drain_if_due, register_listeners, repair_on_start
from search.tantivy_engine.store import TantivyIndex

__all__ = [
    "FACETS",
    "SearchError",
    "SearchRequest",
    "SearchResults",
    "check",
    "get_index",
    "index_generation",
    "init_app",
    "rebuild",
    "repair_on_start",
    "request_from_args",
    "search",
    "suggest",
]


BACKENDS = {"whoosh": SearchIndex, "tantivy": TantivyIndex}


def init_app(app: Flask) -> None:
    """Give the app its search index, keep the index in step with commits, add the CLI.

    :raises RuntimeError: SEARCH_BACKEND names no backend.
    """
    backend = app.config["SEARCH_BACKEND"]
    if backend not in BACKENDS:
        raise RuntimeError(f"SEARCH_BACKEND must be one of {', '.join(BACKENDS)}, not {backend!r}")
    app.extensions["search_index"] = BACKENDS[backend](Path(app.config["SEARCH_INDEX_DIR"]))
    register_listeners()
    app.before_request(lambda: drain_if_due(get_index()))
    app.cli.add_command(search_cli)
