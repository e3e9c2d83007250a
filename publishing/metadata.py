"""Metadata for machines: Highwire citation_* tags and schema.org JSON-LD.

Google Scholar indexes a paper page by its citation_* meta tags; search engines read
the JSON-LD. Hidden links and hidden lay summaries are left out, as on the page.
"""

from typing import Any
from urllib.parse import urljoin

from flask import Flask

from catalog.models import Person, Publication
from catalog.prose import plain_prose
from publishing.urls import canonical_url, external_url

# Link kinds that are the person's own profile elsewhere (schema.org sameAs, rel="me").
PROFILE_LINK_KINDS = {
    "scholar",
    "google_scholar",
    "github",
    "orcid",
    "dblp",
    "semantic_scholar",
    "researchgate",
    "linkedin",
    "twitter",
    "x",
    "mastodon",
    "homepage",
    "website",
}
JOURNAL_TYPES = {"article"}
THESIS_TYPES = {"phdthesis", "mastersthesis"}


def highwire_tags(publication: Publication) -> list[tuple[str, str]]:
    """Return the citation_* meta tags of a paper page as (name, content) pairs."""
    tags = [("citation_title", publication.plain_title)]
    tags += [("citation_author", a.display_name) for a in publication.authorships]
    if publication.year:
        date = f"{publication.year}/{publication.month:02d}" if publication.month else ""
        tags.append(("citation_publication_date", date or str(publication.year)))
    venue = publication.venue_full_name
    if venue:
        if publication.entry_type in JOURNAL_TYPES:
            tags.append(("citation_journal_title", venue))
        elif publication.entry_type in THESIS_TYPES:
            tags.append(("citation_dissertation_institution", venue))
        else:
            tags.append(("citation_conference_title", venue))
    pdf = next((link.url for link in publication.visible_links if link.kind == "pdf"), "")
    if pdf:
        tags.append(("citation_pdf_url", pdf))
    if publication.doi:
        tags.append(("citation_doi", publication.doi))
    if publication.arxiv_id:
        tags.append(("citation_arxiv_id", publication.arxiv_id))
    tags.append(("citation_abstract_html_url", canonical_url()))
    return tags


def scholarly_article(publication: Publication) -> dict[str, Any]:
    """Return the schema.org ScholarlyArticle JSON-LD of a paper page."""
    url = canonical_url()
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "@id": url,
        "url": url,
        "name": publication.plain_title,
        "headline": publication.plain_title,
        "author": [_author(a.display_name, a.person) for a in publication.authorships],
    }
    if publication.year:
        month = f"-{publication.month:02d}" if publication.month else ""
        article["datePublished"] = f"{publication.year}{month}"
    venue = publication.venue_full_name
    if venue:
        kind = "Periodical" if publication.entry_type in JOURNAL_TYPES else "CreativeWork"
        article["isPartOf"] = {"@type": kind, "name": venue}
        if publication.venue and publication.venue.abbreviation:
            article["isPartOf"]["alternateName"] = publication.venue.abbreviation
    identifiers = [
        _property("DOI", publication.doi),
        _property("arXiv", publication.arxiv_id),
        _property("OpenReview", publication.openreview_id),
    ]
    article["identifier"] = [i for i in identifiers if i]
    article["sameAs"] = [link.url for link in publication.visible_links]
    if publication.abstract:
        article["abstract"] = publication.abstract
    if publication.award:
        article["award"] = publication.award
    return {name: value for name, value in article.items() if value}


def person_profile(person: Person) -> dict[str, Any]:
    """Return the schema.org Person JSON-LD of a profile page."""
    url = canonical_url()
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": url,
        "url": url,
        "name": person.name,
        "alternateName": person.other_names,
        "jobTitle": person.position,
        "description": person.tagline,
        "affiliation": [_organisation(a) for a in person.affiliations if a.get("name")],
        "alumniOf": [
            {"@type": "CollegeOrUniversity", "name": name}
            for name in dict.fromkeys(degree.get("institution") for degree in person.education)
            if name
        ],
        "knowsAbout": person.interests,
        "sameAs": profile_urls(person),
    }
    if person.email:
        data["email"] = f"mailto:{person.email}"
    if person.photo:
        data["image"] = urljoin(url, person.photo)
    return {name: value for name, value in data.items() if value}


def job_postings(person: Person) -> list[dict[str, Any]]:
    """Return the schema.org JobPosting JSON-LD of the profile's current openings."""
    organisations = [_organisation(a) for a in person.affiliations if a.get("name")]
    postings = []
    for opening in person.shown_activities.get("openings", []):
        data = {
            "@context": "https://schema.org",
            "@type": "JobPosting",
            "title": opening["title"],
            "description": plain_prose(opening.get("text") or opening["title"]),
            "hiringOrganization": organisations[0] if organisations else None,
            "validThrough": opening.get("expires"),
            "url": opening.get("url") or canonical_url(),
        }
        postings.append({name: value for name, value in data.items() if value})
    return postings


def profile_urls(person: Person) -> list[str]:
    """Return the URLs of the person's visible profiles elsewhere (Scholar, GitHub...)."""
    return [link.url for link in person.visible_links if link.kind in PROFILE_LINK_KINDS]


def init_app(app: Flask) -> None:
    """Make the metadata builders available to templates."""
    helpers = (highwire_tags, scholarly_article, person_profile, job_postings, profile_urls)
    for helper in (*helpers, canonical_url):
        app.add_template_global(helper)


def _author(name: str, person: Person | None) -> dict[str, str]:
    author = {"@type": "Person", "name": name}
    if person is not None:
        author["url"] = external_url("people.profile", slug=person.slug)
    return author


def _organisation(affiliation: dict[str, Any]) -> dict[str, str]:
    organisation = {"@type": "Organization", "name": affiliation["name"]}
    if affiliation.get("url"):
        organisation["url"] = affiliation["url"]
    return organisation


def _property(name: str, value: str) -> dict[str, str] | None:
    return {"@type": "PropertyValue", "propertyID": name, "value": value} if value else None
