"""Files a bibliography names by a bare file name: al-folio's PDFs and preview images.

In al-folio `pdf = {doe2024.pdf}` means `assets/pdf/doe2024.pdf` and `preview =
{doe.png}` means `assets/img/publication_preview/doe.png`. An import finds those files
in the site's `assets/` folder (beside `_bibliography/`, or the one given) and the
command copies them into the instance, where the site serves them at the addresses the
reader gave the links (`/files/pdf/doe2024.pdf`).
"""

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from catalog.records import Problem, PublicationRecord
from catalog.web_addresses import SITE_FILES, site_file_address
from importing.bibtex_fields import ASSET_FOLDERS

# al-folio keeps its bibliography in `_bibliography/` and its files in `assets/`.
AL_FOLIO_BIBLIOGRAPHY = "_bibliography"
AL_FOLIO_ASSETS = "assets"


@dataclass(frozen=True)
class SiteFile:
    """A file an entry names: where it is now, and its path under the site's files."""

    source: Path
    name: str


def assets_beside(bibtex: Path) -> Path | None:
    """Return the al-folio `assets/` folder of a bibliography in `_bibliography/`, if any."""
    folder = bibtex.resolve().parent
    if folder.name != AL_FOLIO_BIBLIOGRAPHY:
        return None
    assets = folder.parent / AL_FOLIO_ASSETS
    return assets if assets.is_dir() else None


def files_of(
    record: PublicationRecord, assets: Path | None
) -> tuple[list[SiteFile], list[Problem]]:
    """Return the files of the site an entry names, found in `assets`, and those missing."""
    found, problems = [], []
    for name in _site_file_names(record):
        source = (assets / name).resolve() if assets else None
        if source is not None and source.is_relative_to(assets.resolve()) and source.is_file():
            found.append(SiteFile(source, name))
            continue
        where = f"in {assets}" if assets else "(give the site's assets folder with --assets)"
        message = f"file {name!r} is not {where}; its link will not work until it is there"
        problems.append(Problem(record.source, record.line, message, "warning", record.key))
    return found, problems


def copy_into(files: list[SiteFile], destination: Path) -> int:
    """Copy the files under destination (the instance's files), skipping unchanged ones;
    return how many were copied."""
    copied = 0
    for site_file in files:
        target = (destination / site_file.name).resolve()
        if not target.is_relative_to(destination.resolve()):
            continue
        data = site_file.source.read_bytes()
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        copied += 1
    return copied


def _site_file_names(record: PublicationRecord) -> list[str]:
    """Return the paths, under the site's files, of the files the entry's fields name."""
    prefix = SITE_FILES + "/"
    addresses = [link.url for link in record.links]
    preview = record.extra_fields.get("preview", "").strip()
    if preview:
        addresses.append(site_file_address(ASSET_FOLDERS["preview"], preview))
    names = [unquote(url.removeprefix(prefix)) for url in addresses if url.startswith(prefix)]
    return list(dict.fromkeys(names))
