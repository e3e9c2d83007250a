"""How people, publications and search results look in the read-only JSON API.

Hidden links and hidden lay summaries stay out, as on the pages. Records carry absolute
URLs; search answers, read by the site's own search box, carry site paths.
"""

import re
from typing import Any

from flask import url_for

from catalog.listing import Position
from catalog.models import Person, Publication
from publishing.urls import external_url
from search import SearchResults


def person_summary(person: Person) -> dict[str, Any]:
    """Return a person as listed in the directory."""
    return {
        "slug": person.slug,
        "name": person.name,
        "position": person.position,
        "affiliations": [a.get("name", "") for a in person.affiliations],
        "url": external_url("people.profile", slug=person.slug),
        "api_url": external_url("api.person", slug=person.slug),
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
        "sections": [
            {"title": s.title, "kind": s.kind, "body": s.body} for s in person.current_sections
        ],
        "role": person.role,
        "activities": person.shown_activities,
        "publications_url": external_url("api.publications", person=person.slug),
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
        "lay_summary": publication.shown_lay_summary,
        "award": publication.award,
        "note": publication.note,
        "selected": publication.selected,
        "doi": publication.doi,
        "arxiv_id": publication.arxiv_id,
        "openreview_id": publication.openreview_id,
        "links": [_link(link) for link in publication.visible_links],
        "url": external_url("publications.detail", key=publication.key),
        "api_url": external_url("api.publication", key=publication.key),
    }


def search_results(results: SearchResults) -> dict[str, Any]:
    """Return one page of search results with its facets, suggestion and notices."""
    return {
        "query": results.query,
        "total": results.total,
        "page": results.page,
        "pages": results.pages,
        "results": [
            {
                "key": hit.shown["key"],
                "title": hit.shown["title"],
                "authors": hit.shown["authors"],
                "venue": hit.shown["venue"],
                "year": hit.shown["year"],
                "url": url_for("publications.detail", key=hit.shown["key"]),
                "highlights": hit.highlights,
            }
            for hit in results.papers
        ],
        "people": [
            {
                "slug": person.slug,
                "name": person.name,
                "url": url_for("people.profile", slug=person.slug),
            }
            for person in results.people
        ],
        "facets": results.facets,
        "suggestion": results.suggestion,
        "notices": results.notices,
    }


def suggestions(text: str, completions: list[dict[str, Any]]) -> dict[str, Any]:
    """Return search-box completions, each with the page it leads to."""
    for item in completions:
        if item["kind"] == "title":
            item["url"] = url_for("publications.detail", key=item.pop("key"))
        elif item["kind"] == "person":
            item["url"] = url_for("people.profile", slug=item.pop("slug"))
        else:
            item["url"] = url_for("search.results", q=f'venue:"{item["text"]}"')
    return {"query": text, "suggestions": completions}


def _link(link) -> dict[str, str]:
    return {"kind": link.kind, "label": link.label, "url": link.url}


# A cursor says where a paper stands in a list: "year.month.key", 0 when not known.
CURSOR_PATTERN = r"^([0-9]{1,4})\.([0-9]{1,2})\.([a-z0-9-]{1,200})$"


def cursor_of(position: Position) -> str:
    """Return where a paper stands in a list, as the `after` of a `next` link."""
    year, month, key = position
    return f"{year}.{month}.{key}"


def position_of_cursor(cursor: str) -> Position | None:
    """Return the position a cursor stands for, or None if it is not a cursor."""
    found = re.fullmatch(CURSOR_PATTERN, cursor)
    return (int(found[1]), int(found[2]), found[3]) if found else None
