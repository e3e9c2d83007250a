"""How people and publications look in the read-only JSON API.

Hidden links and hidden lay summaries stay out, as on the pages.
"""

from typing import Any

from catalog.models import Person, Publication
from publishing.urls import external_url


def person_summary(person: Person) -> dict[str, Any]:
    """Return a person as listed in the directory."""
    return {
        "slug": person.slug,
        "name": person.name,
        "position": person.position,
        "affiliations": [a.get("name", "") for a in person.affiliations],
        "url": external_url("people.profile", slug=person.slug),
        "api_url": external_url("catalog_api.person", slug=person.slug),
    }


def person_detail(person: Person) -> dict[str, Any]:
    """Return everything a profile page shows about a person."""
    return {
        **person_summary(person),
        "aliases": person.other_names,
        "tagline": person.tagline,
        "affiliations": [
            {"name": a.get("name", ""), "url": a.get("url", "")} for a in person.affiliations
        ],
        "education": [
            {name: str(degree.get(name) or "") for name in ("degree", "institution", "url", "year")}
            for degree in person.education
        ],
        "interests": [str(interest) for interest in person.interests],
        "address": person.address,
        "email": person.email,
        "photo": person.photo,
        "bio": person.bio,
        "links": [_link(link) for link in person.visible_links],
        "sections": [{"title": s.title, "kind": s.kind, "body": s.body} for s in person.sections],
        "publications_url": external_url("catalog_api.publications", person=person.slug),
        "feed_url": external_url("feeds.person_feed", slug=person.slug),
    }


def publication_record(publication: Publication) -> dict[str, Any]:
    """Return a publication with its authors, venue, identifiers and links."""
    venue = publication.venue
    return {
        "key": publication.key,
        "title": publication.title,
        "type": publication.entry_type,
        "authors": [
            {
                "name": a.display_name,
                "equal_contribution": a.equal_contribution,
                "corresponding": a.corresponding,
                "person": a.person.slug if a.person else None,
            }
            for a in publication.authorships
        ],
        "venue": (
            {"abbreviation": venue.abbreviation, "name": venue.name, "kind": venue.kind}
            if venue
            else None
        ),
        "venue_text": publication.venue_text,
        "year": publication.year,
        "month": publication.month,
        "abstract": publication.abstract,
        "lay_summary": publication.lay_summary if publication.lay_summary_visible else "",
        "award": publication.award,
        "note": publication.note,
        "selected": publication.selected,
        "doi": publication.doi,
        "arxiv_id": publication.arxiv_id,
        "openreview_id": publication.openreview_id,
        "links": [_link(link) for link in publication.visible_links],
        "url": external_url("publications.detail", key=publication.key),
        "api_url": external_url("catalog_api.publication", key=publication.key),
    }


def _link(link) -> dict[str, str]:
    return {"kind": link.kind, "label": link.label, "url": link.url}
