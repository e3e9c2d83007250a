"""Addresses a visitor's browser must never follow: refused at import, never emitted."""

import pytest
from builders import make_person, make_publication
from sqlalchemy import select

from catalog.models import PublicationLink, db
from catalog.web_addresses import is_safe_address
from importing.bibtex_reader import read_bibtex
from importing.profile_reader import read_profile

UNSAFE = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "https://",
]
SAFE = ["https://example.org/paper.pdf", "http://example.org", "mailto:ada@example.org"]


@pytest.mark.parametrize("address", UNSAFE)
def test_unsafe_addresses_are_refused_even_as_site_paths(address):
    assert not is_safe_address(address, site_path=True)


@pytest.mark.parametrize("address", SAFE)
def test_web_and_mail_addresses_are_accepted(address):
    assert is_safe_address(address)


def test_a_site_path_is_accepted_only_where_a_field_names_a_site_file():
    assert is_safe_address("/assets/pdf/paper.pdf", site_path=True)
    assert is_safe_address("paper.pdf", site_path=True)
    assert not is_safe_address("/assets/pdf/paper.pdf")


@pytest.mark.parametrize("field", ["pdf", "code", "slides", "website", "html", "acm"])
@pytest.mark.parametrize("address", ["javascript:alert(1)", "data:text/html,x", "vbscript:x"])
def test_a_bibtex_link_to_an_unsafe_address_rejects_its_entry(field, address):
    text = (
        "@misc{good, title={Good}, pdf={https://example.org/good.pdf}}\n"
        f"@misc{{bad, title={{Bad}}, {field}={{{address}}}}}\n"
    )
    records, problems = read_bibtex(text, "papers.bib")
    assert [r.key for r in records] == ["good"]
    [problem] = problems
    assert problem.severity == "error"
    assert problem.line == 2
    assert f"link field {field!r}: {address!r} is refused" in problem.message


PROFILE = """---
name: Ada Lovelace
{field}
---
"""


@pytest.mark.parametrize(
    ("field", "where"),
    [
        ('photo: "javascript:alert(1)"', "photo"),
        ('photo: "data:image/png;base64,AAAA"', "photo"),
        ('links: [{kind: web, url: "javascript:alert(1)"}]', "'links' item 1"),
        ('affiliations: [{name: Lab, url: "vbscript:x"}]', "'affiliations' item 1"),
        ('education: [{degree: PhD, url: "data:text/html,x"}]', "'education' item 1"),
        ('affiliations: [{name: Lab, url: "/about"}]', "'affiliations' item 1"),
    ],
)
def test_a_profile_with_an_unsafe_address_is_refused_with_where(field, where):
    record, [problem] = read_profile(PROFILE.format(field=field), "ada.md", "ada")
    assert record is None
    assert problem.severity == "error"
    assert problem.message.startswith(f"{where}: the address")
    assert "is refused" in problem.message


def test_safe_profile_addresses_are_kept():
    field = (
        'photo: /static/ada.jpg\nlinks: [{kind: mail, url: "mailto:ada@example.org"}]\n'
        'affiliations: [{name: Lab, url: "https://lab.example.org"}]'
    )
    record, problems = read_profile(PROFILE.format(field=field), "ada.md", "ada")
    assert problems == []
    assert record.photo == "/static/ada.jpg"


def test_an_unsafe_link_stored_before_the_check_is_never_emitted(app):
    """A row written by an older version: pages, exports, feeds and the API leave it out."""
    with app.app_context():
        make_person(links=[{"kind": "web", "url": "https://ada.example.org"}])
        make_publication(links=[{"kind": "pdf", "url": "https://example.org/notes.pdf"}])
        for link in db.session.scalars(select(PublicationLink)):
            link.url = "javascript:alert(1)"
        db.session.commit()
    client = app.test_client()
    addresses = [
        "/publications/lovelace1843notes",
        "/publications/lovelace1843notes.bib",
        "/publications/lovelace1843notes.ris",
        "/publications/lovelace1843notes.json",
        "/people/ada-lovelace",
        "/people/ada-lovelace/publications",
        "/api/v1/publications/lovelace1843notes",
        "/feed.atom",
    ]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        assert b"javascript:" not in response.data, address
