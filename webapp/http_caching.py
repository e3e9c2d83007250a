"""Answers that cost less to fetch again: compressed text, validators, long-lived assets.

- Text (HTML, CSS, JSON, feeds, exports, SVG) is compressed with Flask-Compress for
  clients that accept it (zstd, Brotli, gzip).
- Every page, feed and export gets an ETag (a hash of its body), so a browser or a
  proxy asking again with `If-None-Match` gets `304 Not Modified` and no body.
- Static assets are linked with their content's fingerprint (`/static/css/site.css?v=…`);
  an address that names the current fingerprint is the same bytes for good, so it may be
  kept for a year. A new version of the file has a new address.
"""

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import Flask, Response, current_app, request
from flask_compress import Compress

FINGERPRINT = "v"
A_YEAR = 365 * 24 * 3600
# Every kind of text the site sends, its exports included.
TEXT_TYPES = [
    "text/html",
    "text/css",
    "text/plain",
    "text/xml",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "image/svg+xml",
    "application/x-bibtex",
    "application/x-research-info-systems",
    "application/vnd.citationstyles.csl+json",
]

compress = Compress()


def init_app(app: Flask) -> None:
    # Flask runs after-request functions last registered first: the ETag is made on the
    # plain body, then Flask-Compress compresses it and marks the ETag with the encoding.
    app.config.setdefault("COMPRESS_MIMETYPES", TEXT_TYPES)
    compress.init_app(app)
    app.after_request(_validators)
    app.url_defaults(_fingerprint_static)


def _validators(response: Response) -> Response:
    if response.direct_passthrough and response.mimetype in TEXT_TYPES:
        _read_into_memory(response)
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if request.endpoint == "static":
        if request.args.get(FINGERPRINT) == _fingerprint(request.view_args["filename"]):
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = A_YEAR
            response.cache_control.immutable = True
        return response  # send_file gave it its validators
    if response.is_streamed or "no-store" in response.headers.get("Cache-Control", ""):
        return response
    response.add_etag()
    return response.make_conditional(request)


def _read_into_memory(response: Response) -> None:
    """Hold a text file's bytes instead of the open file, and close the file.

    Flask-Compress reads a file response to compress it and drops the file unclosed;
    a worker would then keep every stylesheet it served open until the collector ran.
    """
    opened = response.response
    response.direct_passthrough = False
    try:
        response.set_data(b"".join(opened))
    finally:
        close = getattr(opened, "close", None)
        if close:
            close()


def _fingerprint_static(endpoint: str, values: dict) -> None:
    if endpoint == "static" and FINGERPRINT not in values:
        fingerprint = _fingerprint(values.get("filename", ""))
        if fingerprint:
            values[FINGERPRINT] = fingerprint


def _fingerprint(filename: str) -> str:
    """The first characters of the file's hash, or "" if there is no such file."""
    path = Path(current_app.static_folder or "") / filename
    try:
        stat = path.stat()
    except (OSError, ValueError):
        return ""
    return _hash(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _hash(path: str, _mtime_ns: int, _size: int) -> str:
    # Keyed by modification time and size too: an edited file is hashed again.
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
