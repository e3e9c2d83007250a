"""Read the profile of an al-folio, academicpages or Hugo Blox site as a person record.

Pure parsing: each theme's fields are mapped onto this site's profile fields, and the
profile reader checks them as it checks a profile file (bounds, safe addresses).

- al-folio: `_pages/about.md` (the biography; `subtitle` and `profile.more_info`) with
  the name and social accounts of `_config.yml` (and `_data/socials.yml`);
- academicpages: `_pages/about.md` (the biography) with the `author:` block of
  `_config.yml`;
- Hugo Blox: `content/authors/<name>/_index.md` (title, role, organizations,
  education courses, interests, social links, email, bio).
"""

import html
import re
from pathlib import Path
from typing import Any

from catalog.names import slugify
from catalog.records import PersonRecord, Problem
from importing.profile_reader import profile_from, read_front_matter, read_yaml

JEKYLL_CONFIG = "_config.yml"
AL_FOLIO_SOCIALS = "_data/socials.yml"
# al-folio's social account fields -> (link kind, label, address of the account).
AL_FOLIO_ACCOUNTS = {
    "scholar_userid": ("scholar", "Google Scholar", "https://scholar.google.com/citations?user={}"),
    "github_username": ("github", "GitHub", "https://github.com/{}"),
    "orcid_id": ("orcid", "ORCID", "https://orcid.org/{}"),
    "linkedin_username": ("linkedin", "LinkedIn", "https://www.linkedin.com/in/{}"),
    "x_username": ("x", "X", "https://x.com/{}"),
    "twitter_username": ("x", "X", "https://x.com/{}"),
    "dblp_url": ("dblp", "DBLP", "{}"),
    "semanticscholar_id": (
        "semanticscholar",
        "Semantic Scholar",
        "https://www.semanticscholar.org/author/{}",
    ),
    "cv_pdf": ("cv", "CV", "{}"),
}
# academicpages' author fields -> (link kind, label, address of the account).
ACADEMICPAGES_ACCOUNTS = {
    "googlescholar": ("scholar", "Google Scholar", "{}"),
    "orcid": ("orcid", "ORCID", "{}"),
    "github": ("github", "GitHub", "https://github.com/{}"),
    "linkedin": ("linkedin", "LinkedIn", "https://www.linkedin.com/in/{}"),
    "twitter": ("x", "X", "https://x.com/{}"),
    "researchgate": ("researchgate", "ResearchGate", "{}"),
    "uri": ("website", "Website", "{}"),
}
_TAGS = re.compile(r"<[^>]*>")


def is_theme_profile(path: Path) -> bool:
    """Tell whether a file is the profile page of one of the themes."""
    if path.name == "_index.md" and path.parent.parent.name == "authors":
        return True
    return path.name == "about.md" and path.parent.name == "_pages"


def read_theme_profile(text: str, path: Path) -> tuple[PersonRecord | None, list[Problem], str]:
    """Read a theme's profile page (and, for Jekyll themes, the site's `_config.yml`);
    return the record, the problems and which theme it was."""
    source = str(path)
    post, problems = read_front_matter(text, source)
    if post is None:
        return None, problems, ""
    meta, body = dict(post.metadata), post.content
    if path.name == "_index.md":
        fields, theme = _hugo_fields(meta, body), "Hugo Blox"
    else:
        site = path.parent.parent
        config, problems = _site_yaml(site / JEKYLL_CONFIG)
        if config is None:
            return None, problems, ""
        if isinstance(config.get("author"), dict):
            fields, theme = _academicpages_fields(config["author"], body), "academicpages"
        else:
            socials, problems = _site_yaml(site / AL_FOLIO_SOCIALS)
            fields, theme = _al_folio_fields(meta, body, {**config, **(socials or {})}), "al-folio"
    bio = fields.pop("bio", "")
    record, found = profile_from(fields, bio, source, slugify(str(fields.get("name") or "")))
    return record, [*problems, *found], theme


def _site_yaml(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    if not path.is_file():
        return {}, []
    return read_yaml(path.read_text(encoding="utf-8"), str(path))


def _hugo_fields(meta: dict[str, Any], body: str) -> dict[str, Any]:
    education = meta.get("education") or {}
    courses = education.get("courses", []) if isinstance(education, dict) else []
    links = []
    for item in meta.get("social") or []:
        if isinstance(item, dict) and item.get("link"):
            icon = str(item.get("icon") or "website")
            if not str(item["link"]).startswith("mailto:"):
                links.append({"kind": icon, "label": icon.title(), "url": str(item["link"])})
    return {
        "name": meta.get("title"),
        "position": meta.get("role"),
        "email": meta.get("email"),
        "affiliations": [
            {"name": org.get("name"), **({"url": org["url"]} if org.get("url") else {})}
            for org in meta.get("organizations") or []
            if isinstance(org, dict) and org.get("name")
        ],
        "education": [
            {
                "degree": course.get("course"),
                "institution": course.get("institution"),
                **({"year": course["year"]} if course.get("year") else {}),
            }
            for course in courses
            if isinstance(course, dict) and course.get("course")
        ],
        "interests": meta.get("interests") or [],
        "links": links,
        "bio": body.strip() or str(meta.get("bio") or ""),
    }


def _academicpages_fields(author: dict[str, Any], body: str) -> dict[str, Any]:
    return {
        "name": author.get("name"),
        "tagline": author.get("bio"),
        "address": author.get("location"),
        "email": author.get("email"),
        "affiliations": [{"name": author["employer"]}] if author.get("employer") else [],
        "links": _accounts(author, ACADEMICPAGES_ACCOUNTS),
        "bio": body.strip(),
    }


def _al_folio_fields(meta: dict[str, Any], body: str, config: dict[str, Any]) -> dict[str, Any]:
    name = " ".join(
        str(config.get(part) or "").strip() for part in ("first_name", "middle_name", "last_name")
    )
    profile = meta.get("profile") if isinstance(meta.get("profile"), dict) else {}
    address = _plain_html(str(profile.get("more_info") or ""))
    return {
        "name": " ".join(name.split()),
        "tagline": _plain_html(str(meta.get("subtitle") or "")),
        "address": address,
        "email": config.get("email"),
        "links": _accounts(config, AL_FOLIO_ACCOUNTS),
        "bio": body.strip(),
    }


def _accounts(fields: dict[str, Any], accounts: dict[str, tuple[str, str, str]]) -> list[dict]:
    links = []
    for name, (kind, label, address) in accounts.items():
        value = str(fields.get(name) or "").strip()
        if value:
            links.append({"kind": kind, "label": label, "url": address.format(value)})
    return links


def _plain_html(text: str) -> str:
    """Return an HTML fragment as text, a line per paragraph joined with commas."""
    lines = [" ".join(_TAGS.sub("", part).split()) for part in re.split(r"</p>|<br\s*/?>", text)]
    return html.unescape(", ".join(line for line in lines if line))
