"""Which files of the paths given to a load hold what: profiles, BibTeX, other themes' pages.

A folder that is an al-folio, academicpages or Hugo Blox site gives only the files that
hold its profile and papers, not its posts, projects or layouts.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from catalog.records import Problem
from importing.academicpages_reader import is_academicpages_paper
from importing.hugo_reader import is_hugo_publication_page
from importing.limits import MAX_FILE_BYTES, unreadable_text_reason
from importing.profile_reader import COAUTHORS_FILES
from importing.report import LoadReport
from importing.theme_profiles import JEKYLL_CONFIG, is_theme_profile

PROFILE_SUFFIXES = {".md", ".markdown"}
BIBTEX_SUFFIXES = {".bib", ".bibtex"}
# The BibTeX Hugo Blox keeps beside each publication page.
HUGO_CITATION = "cite.bib"
# A lab's introduction for its home page (Markdown), at the top of a folder loaded: kept
# as the site's introduction, not read as a profile.
INTRODUCTION_FILE = "introduction.md"


@dataclass
class ContentFiles:
    """The files found under the paths of a load, by what they hold."""

    profiles: list[Path] = field(default_factory=list)
    bibtex: list[Path] = field(default_factory=list)
    # academicpages' papers, one Markdown file each in `_publications/`.
    papers: list[Path] = field(default_factory=list)
    # Hugo Blox's publication pages (`publication/<name>/index.md`), each with its cite.bib.
    hugo_pages: list[Path] = field(default_factory=list)
    # The profile pages of al-folio, academicpages and Hugo Blox sites.
    theme_profiles: list[Path] = field(default_factory=list)
    # Lists of co-authors who are not members (`coauthors.yml`).
    coauthors: list[Path] = field(default_factory=list)
    # The site's introduction (`introduction.md` at the top of a folder given).
    introductions: list[Path] = field(default_factory=list)


def content_files(paths: Iterable[Path], report: LoadReport) -> ContentFiles:
    """Return the profiles, BibTeX files and academicpages papers under the given paths."""
    found = ContentFiles()
    for path in paths:
        if path.is_dir():
            site = _theme_site_files(path)
            candidates = (
                site if site is not None else sorted(p for p in path.rglob("*") if p.is_file())
            )
            if site is not None:
                _report_left_out(path, report)
        elif path.is_file():
            candidates = [path]
        else:
            report.problems.append(Problem(str(path), None, "no such file or folder"))
            report.record("rejected", "file", str(path))
            continue
        for candidate in candidates:
            suffix = candidate.suffix.lower()
            if candidate.name in COAUTHORS_FILES:
                found.coauthors.append(candidate)
            elif candidate.name == INTRODUCTION_FILE and candidate.parent == path:
                found.introductions.append(candidate)
            elif is_academicpages_paper(candidate):
                found.papers.append(candidate)
            elif is_theme_profile(candidate):
                found.theme_profiles.append(candidate)
            elif is_hugo_publication_page(candidate):
                found.hugo_pages.append(candidate)
            elif candidate.name == HUGO_CITATION and _beside_hugo_page(candidate):
                continue  # read with its page
            elif suffix in PROFILE_SUFFIXES:
                found.profiles.append(candidate)
            elif suffix in BIBTEX_SUFFIXES:
                found.bibtex.append(candidate)
            elif path.is_file():
                message = "not a profile (.md) or BibTeX (.bib) file"
                report.problems.append(Problem(str(candidate), None, message))
                report.record("rejected", "file", str(candidate))
    return found


def _theme_site_files(root: Path) -> list[Path] | None:
    """Return the files of an al-folio, academicpages or Hugo Blox site folder that hold
    a profile or papers (not its posts, projects or layouts), or None for any other folder."""
    if (root / JEKYLL_CONFIG).is_file():
        patterns = ("_pages/about.md", "_bibliography/*.bib", "_publications/*.md")
    elif (root / "content/authors").is_dir() or (root / "content/publication").is_dir():
        patterns = (
            "content/authors/*/_index.md",
            "content/publication/*/index.md",
            "content/publication/*/cite.bib",
        )
    else:
        return None
    return [path for pattern in patterns for path in sorted(root.glob(pattern)) if path.is_file()]


# The content folders of a theme's site that a load does not carry over.
LEFT_OUT = {
    JEKYLL_CONFIG: ("_posts", "_news", "_projects", "_talks", "_teaching", "_portfolio"),
    "content": ("post", "event", "project", "talk", "teaching", "slides"),
}


def _report_left_out(root: Path, report: LoadReport) -> None:
    """Say which pages of a theme's site the load leaves behind, folder by folder."""
    jekyll = (root / JEKYLL_CONFIG).is_file()
    base = root if jekyll else root / "content"
    folders = LEFT_OUT[JEKYLL_CONFIG if jekyll else "content"]
    extra_pages = [p for p in sorted((root / "_pages").glob("*.md")) if p.name != "about.md"]
    left = [(name, sum(1 for p in (base / name).rglob("*.md"))) for name in folders]
    left = [(name, count) for name, count in left if count]
    if jekyll and extra_pages:
        left.append(("_pages", len(extra_pages)))
    if left:
        counts = ", ".join(f"{name}/ ({count} page{'s' * (count != 1)})" for name, count in left)
        message = f"not carried over: {counts}"
        report.problems.append(Problem(str(root), None, message, "warning"))


def _beside_hugo_page(path: Path) -> bool:
    page = path.parent / "index.md"
    return is_hugo_publication_page(page) and page.is_file()


def read_text_file(path: Path, report: LoadReport) -> str | None:
    """Return a content file as text, or None after reporting why it cannot be read."""

    def reject(message: str) -> None:
        report.problems.append(Problem(str(path), None, message))
        report.record("rejected", "file", str(path))

    if path.stat().st_size > MAX_FILE_BYTES:
        reject(f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
        return None
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        reject(f"file is not UTF-8 text (byte {error.start})")
        return None
    reason = unreadable_text_reason(text)
    if reason:
        reject(f"file {reason}")
        return None
    return text
