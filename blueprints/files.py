"""The files an import copied into the instance: al-folio's PDFs and preview images."""

from flask import Blueprint, current_app, send_from_directory

bp = Blueprint("files", __name__)


@bp.get("/files/<path:name>")
def site_file(name: str):
    """Give a file of the site's bibliographies (`send_from_directory` keeps to its folder)."""
    return send_from_directory(current_app.config["SITE_FILES_DIR"], name)
