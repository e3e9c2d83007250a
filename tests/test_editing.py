"""Editing in the browser: who may edit what, the forms, live changes, the audit log."""

import re
import time
from html import unescape

import pytest
from builders import make_person, make_publication, site_page_urls
from signed_in import PASSWORD, create_account, get, post, sign_in
from sqlalchemy import select

from accounts.models import Account
from catalog.models import Person, Publication, db
from catalog.records import SectionRecord
from editing.audit import AuditEntry

ADMIN, ADA, BO = "root@example.org", "ada@example.org", "bo@example.org"


@pytest.fixture
def site(app):
    """Two members with a paper each and one together, an admin and an owner each."""
    make_person("ada-doe", "Ada Doe", bio="Ada's biography.")
    make_person("bo-roe", "Bo Roe")
    make_publication("doe2024solo", "Sparse Lattice Sampling", ["Ada Doe"], 2024)
    make_publication("doe2023shared", "Joint Spectral Norms", ["Ada Doe", "Bo Roe"], 2023)
    make_publication("roe2022", "Quiet Gradient Flows", ["Bo Roe"], 2022)
    create_account(app, ADMIN, "--admin")
    create_account(app, ADA, "--person", "ada-doe")
    create_account(app, BO, "--person", "bo-roe")
    return app


def page(client, path: str) -> str:
    response = get(client, path)
    assert response.status_code == 200, (path, response.status_code)
    return response.get_data(as_text=True)


def profile_form(client, slug: str) -> dict[str, str]:
    """The profile form's fields as a browser would send them back unchanged."""
    html = page(client, f"/admin/people/{slug}/")
    form = html[html.index('<form method="post" class="edit-form"') :]
    fields = {}
    for tag in re.findall(r"<input[^>]*>", form):
        attributes = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag))
        if attributes.get("type") == "checkbox" and "checked" not in tag:
            continue
        if "name" in attributes:
            fields[attributes["name"]] = unescape(attributes.get("value", ""))
    for name, value in re.findall(
        r'<textarea[^>]*name="([^"]+)"[^>]*>\n?(.*?)</textarea>', form, re.S
    ):
        fields[name] = unescape(value)
    for name, value in re.findall(
        r'<select[^>]*name="([^"]+)"[^>]*>.*?<option selected value="([^"]*)"', form, re.S
    ):
        fields[name] = value
    fields.pop("csrf_token", None)
    return fields


EDIT_PAGES = [
    ("GET", "/admin/"),
    ("GET", "/admin/audit"),
    ("GET", "/admin/people/bo-roe/"),
    ("POST", "/admin/people/bo-roe/"),
    ("POST", "/admin/people/bo-roe/photo"),
    ("GET", "/admin/people/bo-roe/papers"),
    ("POST", "/admin/people/bo-roe/papers"),
    ("GET", "/admin/people/bo-roe/papers/new"),
    ("POST", "/admin/people/bo-roe/papers/new"),
    ("GET", "/admin/papers/roe2022/edit"),
    ("POST", "/admin/papers/roe2022/edit"),
    ("GET", "/admin/papers/roe2022/delete"),
    ("POST", "/admin/papers/roe2022/delete"),
    ("POST", "/admin/people/new"),
    ("GET", "/admin/people/bo-roe/delete"),
    ("POST", "/admin/people/bo-roe/delete"),
    ("POST", "/admin/accounts/new"),
    ("POST", "/admin/accounts/3/disable"),
    ("POST", "/admin/accounts/3/enable"),
]


@pytest.mark.parametrize(("method", "path"), [*EDIT_PAGES, ("POST", "/admin/password")])
def test_every_admin_page_sends_a_visitor_to_sign_in(site, client, method, path):
    response = get(client, path) if method == "GET" else post(client, path)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize(("method", "path"), EDIT_PAGES[1:])
def test_every_page_of_someone_else_is_forbidden_to_an_owner(site, client, method, path):
    sign_in(client, ADA)

    response = get(client, path) if method == "GET" else post(client, path)

    assert response.status_code == 403
    assert post(client, "/admin/people/ada-doe/papers").status_code in (200, 302)


def test_the_admin_may_open_every_page(site, client):
    sign_in(client, ADMIN)

    for method, path in EDIT_PAGES:
        if method == "GET":
            assert get(client, path).status_code == 200, path
    assert get(client, "/admin/").headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("token", ["missing", "wrong", "expired"])
def test_an_edit_without_a_good_token_saves_nothing(site, client, token):
    sign_in(client, ADA)
    fields = {**profile_form(client, "ada-doe"), "name": "Someone Else", "action": "save"}
    sent = {"missing": None, "wrong": "not-the-token"}.get(token, "")
    if token == "expired":
        form = page(client, "/admin/people/ada-doe/")
        sent = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form)[1]
        site.config["WTF_CSRF_TIME_LIMIT"] = 1
        time.sleep(2.1)

    response = post(client, "/admin/people/ada-doe/", fields, token=sent)

    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)
    assert db.session.scalars(select(Person.name).filter_by(slug="ada-doe")).one() == "Ada Doe"


def test_a_preview_shows_the_biography_as_the_page_will_and_saves_nothing(site, client):
    sign_in(client, ADA)
    bio = "New *emphasis* and <script>alert(1)</script> [a link](javascript:alert(1))."
    fields = {**profile_form(client, "ada-doe"), "bio": bio, "action": "preview"}

    html = post(client, "/admin/people/ada-doe/", fields).get_data(as_text=True)

    preview = html[html.index("Preview (not saved yet)") :]
    assert "<em>emphasis</em>" in preview
    assert "<script>alert(1)" not in html and 'href="javascript:' not in preview
    assert "Ada&#39;s biography." in page(client, "/people/ada-doe")


def test_a_saved_profile_shows_at_once_and_is_in_the_audit_log(site, client):
    sign_in(client, ADA)
    fields = {
        **profile_form(client, "ada-doe"),
        "position": "Reader in Sampling",
        "bio": "Works on *lattices*.",
        "action": "save",
    }

    saved = post(client, "/admin/people/ada-doe/", fields)

    assert saved.status_code == 302
    profile = page(client, "/people/ada-doe")
    assert "Reader in Sampling" in profile and "<em>lattices</em>" in profile
    api = get(client, "/api/v1/people/ada-doe").get_json()
    assert api["position"] == "Reader in Sampling"
    entry = db.session.scalars(select(AuditEntry)).one()
    assert entry.account_email == ADA and entry.subject == "person ada-doe"
    assert entry.changes["position"] == ["", "Reader in Sampling"]
    assert entry.changes["biography"] == ["Ada's biography.", "Works on *lattices*."]
    sign_in(client, ADMIN)
    log = page(client, "/admin/audit")
    assert "Reader in Sampling" in log and ADA in log


def test_links_are_added_removed_and_reordered(site, client):
    sign_in(client, ADA)
    fields = profile_form(client, "ada-doe")
    fields |= {
        "links-0-kind": "github", "links-0-url": "https://github.com/ada", "links-0-order": "2",
        "links-1-kind": "scholar", "links-1-label": "Scholar",
        "links-1-url": "https://scholar.google.com/citations?user=ada", "links-1-order": "1",
        "action": "save",
    }  # fmt: skip
    post(client, "/admin/people/ada-doe/", fields)
    profile = page(client, "/people/ada-doe")
    assert profile.index("scholar.google.com") < profile.index("github.com/ada")

    fields = profile_form(client, "ada-doe") | {"links-0-remove": "y", "action": "save"}
    post(client, "/admin/people/ada-doe/", fields)

    profile = page(client, "/people/ada-doe")
    assert "github.com/ada" in profile and "scholar.google.com" not in profile


def test_an_unsafe_link_is_refused_with_the_reason(site, client):
    sign_in(client, ADA)
    fields = profile_form(client, "ada-doe") | {
        "links-0-url": "javascript:alert(1)",
        "action": "save",
    }

    response = post(client, "/admin/people/ada-doe/", fields)

    assert response.status_code == 400
    assert "is refused" in response.get_data(as_text=True)
    assert "javascript:" not in page(client, "/people/ada-doe")


def test_a_notice_is_hidden_after_its_last_day(site, client):
    sign_in(client, ADA)
    fields = profile_form(client, "ada-doe") | {
        "sections-0-title": "Prospective students",
        "sections-0-kind": "notice",
        "sections-0-body": "Write to me.",
        "sections-0-expires": "2099-12-31",
        "action": "save",
    }
    post(client, "/admin/people/ada-doe/", fields)
    assert "Prospective students" in page(client, "/people/ada-doe")

    fields = profile_form(client, "ada-doe") | {
        "sections-0-expires": "2001-01-31",
        "action": "save",
    }
    post(client, "/admin/people/ada-doe/", fields)

    assert "Prospective students" not in page(client, "/people/ada-doe")
    assert "Prospective students" in page(client, "/admin/people/ada-doe/")


def test_a_name_another_member_has_is_refused(site, client):
    sign_in(client, ADA)
    fields = profile_form(client, "ada-doe") | {"other_names": "Bo Roe", "action": "save"}

    response = post(client, "/admin/people/ada-doe/", fields)

    assert response.status_code == 400
    assert "already belongs to" in response.get_data(as_text=True)


def test_the_selection_is_kept_in_the_order_given(site, client):
    sign_in(client, ADA)
    ids = dict(db.session.execute(select(Publication.key, Publication.id)).all())
    data = {
        "selected": [str(ids["doe2023shared"]), str(ids["doe2024solo"])],
        f"order-{ids['doe2023shared']}": "2",
        f"order-{ids['doe2024solo']}": "1",
    }

    assert post(client, "/admin/people/ada-doe/papers", data).status_code == 302

    profile = page(client, "/people/ada-doe")
    assert "Selected Publications" in profile
    assert profile.index("Sparse Lattice Sampling") < profile.index("Joint Spectral Norms")
    assert "Selected Publications" not in page(client, "/people/bo-roe")


NEW_ENTRY = """@inproceedings{doe2025lattice,
  title = {Lattice Walks for Bayesian Quadrature},
  author = {Doe, Ada and Poe, Cy},
  booktitle = {International Conference on Machine Learning},
  year = {2025},
  code = {https://github.com/ada/lattice-walks}
}
"""


def test_pasted_bibtex_is_previewed_with_its_report_and_saved_only_when_confirmed(site, client):
    sign_in(client, ADA)
    text = NEW_ENTRY + "@article{broken, author = {Doe, Ada}, year = {2025}}\n"

    preview = post(client, "/admin/people/ada-doe/papers/new", {"bibtex": text})

    html = preview.get_data(as_text=True)
    assert "doe2025lattice" in html and "entry has no title" in html
    assert "pasted BibTeX:8" in html  # the problem's line
    assert db.session.scalars(select(Publication).filter_by(key="doe2025lattice")).first() is None

    saved = post(client, "/admin/people/ada-doe/papers/new", {"bibtex": text, "action": "save"})

    assert saved.status_code == 302
    assert "Lattice Walks for Bayesian Quadrature" in page(client, "/people/ada-doe/publications")
    found = page(client, "/search?q=lattice+walks+quadrature")
    assert "/publications/doe2025lattice" in found
    entry = db.session.scalars(select(AuditEntry).filter_by(action="paper added")).one()
    assert entry.changes["title"] == [None, "Lattice Walks for Bayesian Quadrature"]


def test_a_bib_file_can_be_uploaded_instead(site, client):
    sign_in(client, ADA)
    upload = {"bibtex_file": (__import__("io").BytesIO(NEW_ENTRY.encode()), "mine.bib")}

    saved = post(
        client,
        "/admin/people/ada-doe/papers/new",
        {**upload, "action": "save"},
        content_type="multipart/form-data",
    )

    assert saved.status_code == 302
    assert db.session.scalars(select(Publication).filter_by(key="doe2025lattice")).one()


def test_an_owner_cannot_add_a_paper_that_does_not_name_them(site, client):
    sign_in(client, ADA)
    stranger = NEW_ENTRY.replace("Doe, Ada and ", "")

    preview = post(client, "/admin/people/ada-doe/papers/new", {"bibtex": stranger})
    saved = post(client, "/admin/people/ada-doe/papers/new", {"bibtex": stranger, "action": "save"})

    assert preview.status_code == 422 and "none of its authors would be you" in preview.get_data(
        as_text=True
    )
    assert saved.status_code == 400
    assert db.session.scalars(select(Publication).filter_by(key="doe2025lattice")).first() is None


def test_a_paper_edited_as_bibtex_changes_everywhere_at_once(site, client):
    sign_in(client, ADA)
    form = page(client, "/admin/papers/doe2024solo/edit")
    text = unescape(re.search(r"<textarea[^>]*>\n?(.*?)</textarea>", form, re.S)[1])
    assert "Sparse Lattice Sampling" in text
    edited = text.replace("Sparse Lattice Sampling", "Sparse Lattice Sampling at Scale")

    preview = post(client, "/admin/papers/doe2024solo/edit", {"bibtex": edited})
    assert "Sparse Lattice Sampling at Scale" in preview.get_data(as_text=True)
    assert "at Scale" not in page(client, "/publications/doe2024solo")
    saved = post(client, "/admin/papers/doe2024solo/edit", {"bibtex": edited, "action": "save"})

    assert saved.status_code == 302
    assert "Sparse Lattice Sampling at Scale" in page(client, "/publications/doe2024solo")
    assert "/publications/doe2024solo" in page(client, "/search?q=lattice+scale")
    assert "at Scale" in get(client, "/publications/doe2024solo.bib").get_data(as_text=True)


def test_an_owner_cannot_edit_themself_off_a_paper(site, client):
    sign_in(client, ADA)
    text = (
        "@article{doe2024solo, title = {Sparse Lattice Sampling}, author = {Poe, Cy}, year = 2024}"
    )

    saved = post(client, "/admin/papers/doe2024solo/edit", {"bibtex": text, "action": "save"})

    assert saved.status_code == 400
    assert "authors would be you" in saved.get_data(as_text=True)
    assert "Ada Doe" in page(client, "/publications/doe2024solo")


def test_deleting_a_co_authored_paper_only_takes_it_off_the_owners_list(site, client, tmp_path):
    sign_in(client, ADA)
    confirm = page(client, "/admin/papers/doe2023shared/delete?person=ada-doe")
    assert "Bo Roe is also among its authors" in confirm
    assert 'value="delete"' not in confirm

    assert (
        post(
            client, "/admin/papers/doe2023shared/delete?person=ada-doe", {"how": "delete"}
        ).status_code
        == 400
    )
    done = post(client, "/admin/papers/doe2023shared/delete?person=ada-doe", {"how": "unlink"})

    assert done.status_code == 302
    assert "Joint Spectral Norms" not in page(client, "/people/ada-doe/publications")
    assert "Joint Spectral Norms" in page(client, "/people/bo-roe/publications")
    (tmp_path / "ada-doe.md").write_text("---\nname: Ada Doe\n---\nAda's biography.\n")
    site.test_cli_runner().invoke(args=["import", str(tmp_path / "ada-doe.md")])
    assert "Joint Spectral Norms" not in page(client, "/people/ada-doe/publications")


def test_deleting_an_owners_own_paper_removes_it_everywhere(site, client):
    sign_in(client, ADA)

    done = post(client, "/admin/papers/doe2024solo/delete?person=ada-doe", {"how": "delete"})

    assert done.status_code == 302
    assert get(client, "/publications/doe2024solo").status_code == 404
    assert "doe2024solo" not in page(client, "/search?q=sparse+lattice+sampling")
    entry = db.session.scalars(select(AuditEntry).filter_by(action="paper deleted")).one()
    assert entry.changes["title"] == ["Sparse Lattice Sampling", None]


def test_the_admin_may_delete_a_co_authored_paper(site, client):
    sign_in(client, ADMIN)

    done = post(client, "/admin/papers/doe2023shared/delete", {"how": "delete"})

    assert done.status_code == 302
    assert get(client, "/publications/doe2023shared").status_code == 404


ATTACK = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'"


def test_markup_typed_into_any_field_is_shown_as_text_everywhere(site, client):
    sign_in(client, ADA)
    fields = profile_form(client, "ada-doe") | {
        name: f"{name} {ATTACK}" for name in ("position", "tagline", "address", "bio", "interests")
    }
    fields |= {
        "name": f"Ada Doe {ATTACK}",
        "other_names": f"Ada Doe\nAlias {ATTACK}",
        "affiliations": f"Lab {ATTACK} | https://example.org/",
        "education": f"PhD {ATTACK} | Uni {ATTACK} | https://example.org/ | 2020",
        "email": f"ada{ATTACK}@example.org",
        "links-0-kind": '"><script>alert(1)</script>',
        "links-0-label": f"Home {ATTACK}",
        "links-0-url": "https://example.org/?q=<script>",
        "sections-0-title": f"Notice {ATTACK}",
        "sections-0-body": f"Body {ATTACK}",
        "action": "save",
    }
    response = post(client, "/admin/people/ada-doe/", fields)
    assert response.status_code == 302, re.findall(
        r"form-error[^<]*<", response.get_data(as_text=True)
    )
    entry = (
        f"@article{{doe2025attack, title = {{Title {ATTACK}}},"
        f" author = {{Doe, Ada and X {ATTACK}}}, journal = {{Venue {ATTACK}}},"
        f" year = 2025, abstract = {{Abstract {ATTACK}}},"
        f" note = {{Note {ATTACK}}}, award = {{Award {ATTACK}}}}}"
    )
    saved = post(client, "/admin/people/ada-doe/papers/new", {"bibtex": entry, "action": "save"})
    assert saved.status_code == 302

    pages = [
        *site_page_urls(site),
        "/search?q=title+attack",
        "/search?q=alert",
        "/admin/",
        "/admin/people/ada-doe/",
        "/admin/people/ada-doe/papers",
        "/admin/papers/doe2025attack/edit",
    ]
    sign_in(client, ADMIN)
    pages.append("/admin/audit")
    for path in pages:
        html = page(client, path)
        assert "<script>alert(1)" not in html, path
        assert "<img src=x" not in html, path
    for path in (
        "/people/ada-doe/feed.atom",
        "/feed.atom",
        "/people/ada-doe/publications.bib",
        "/people/ada-doe/publications.ris",
        "/publications/doe2025attack.json",
        "/api/v1/people/ada-doe",
        "/api/v1/search?q=attack",
        "/sitemap.xml",
    ):
        response = get(client, path)
        assert response.status_code == 200, path
        assert "html" not in response.mimetype, path
        assert response.headers["X-Content-Type-Options"] == "nosniff", path
        if "xml" in response.mimetype or "atom" in response.mimetype:
            assert "<script>alert(1)" not in response.get_data(as_text=True), path


def test_saving_the_form_unchanged_changes_nothing(site, client):
    make_person(
        "ada-doe",
        "Ada Doe",
        bio="One paragraph.\n\nAnother.",
        education=[
            {"degree": "PhD", "institution": "Uni", "url": "https://u.example/", "year": 2020}
        ],
        sections=[SectionRecord("Office hours", "Tuesdays\nand Fridays")],
    )
    sign_in(client, ADA)
    # A browser ends a text area's lines with CR LF.
    fields = {
        name: value.replace("\n", "\r\n") for name, value in profile_form(client, "ada-doe").items()
    }

    assert post(client, "/admin/people/ada-doe/", fields | {"action": "save"}).status_code == 302

    assert db.session.scalars(select(AuditEntry)).all() == []
    person = db.session.scalars(select(Person).filter_by(slug="ada-doe")).one()
    assert person.education[0]["year"] == 2020 and person.bio == "One paragraph.\n\nAnother."


def test_the_admin_adds_a_member_and_their_account_which_then_signs_in(site, client):
    sign_in(client, ADMIN)

    added = post(client, "/admin/people/new", {"name": "Cy Poe"})
    made = post(
        client,
        "/admin/accounts/new",
        {"email": "cy@example.org", "role": "cy-poe", "password": PASSWORD, "repeated": PASSWORD},
    )

    assert added.headers["Location"] == "/admin/people/cy-poe/"
    assert made.status_code == 302
    assert "Cy Poe" in page(client, "/people/cy-poe")
    assert sign_in(client, "cy@example.org").status_code == 302
    assert get(client, "/admin/people/cy-poe/").status_code == 200
    assert get(client, "/admin/people/ada-doe/").status_code == 403
    sign_in(client, ADMIN)
    log = page(client, "/admin/audit")
    assert "person added" in log and "account added" in log and PASSWORD not in log


def test_an_account_is_not_made_with_a_short_password_or_a_taken_address(site, client):
    sign_in(client, ADMIN)
    form = {"email": ADA, "role": "admin", "password": PASSWORD, "repeated": PASSWORD}

    taken = post(client, "/admin/accounts/new", form)
    short = post(
        client,
        "/admin/accounts/new",
        form | {"email": "cy@example.org", "password": "short", "repeated": "short"},
    )
    differ = post(
        client, "/admin/accounts/new", form | {"email": "cy@example.org", "repeated": "other"}
    )

    assert "exists already" in taken.get_data(as_text=True) and taken.status_code == 400
    assert "at least 12 characters" in short.get_data(as_text=True)
    assert "The two differ" in differ.get_data(as_text=True)


def test_a_disabled_account_is_signed_out_and_cannot_sign_in(site, app):
    owner, admin = app.test_client(), app.test_client()
    sign_in(owner, BO)
    sign_in(admin, ADMIN)
    bo = db.session.scalars(select(Account.id).filter_by(email=BO)).one()

    assert post(admin, f"/admin/accounts/{bo}/disable").status_code == 302

    assert get(owner, "/admin/").status_code == 302
    assert sign_in(owner, BO).status_code == 401
    post(admin, f"/admin/accounts/{bo}/enable")
    assert sign_in(owner, BO).status_code == 302


def test_deleting_a_profile_keeps_its_papers(site, client):
    sign_in(client, ADMIN)

    assert post(client, "/admin/people/bo-roe/delete").status_code == 302

    assert get(client, "/people/bo-roe").status_code == 404
    assert "Bo Roe" in page(client, "/publications/roe2022")


def test_a_new_password_ends_every_session_and_opens_the_next(site, app):
    here, elsewhere = app.test_client(), app.test_client()
    sign_in(here, ADA)
    sign_in(elsewhere, ADA)
    new = "a brand new long secret"

    wrong = post(here, "/admin/password", {"current": "not it", "password": new, "repeated": new})
    changed = post(here, "/admin/password", {"current": PASSWORD, "password": new, "repeated": new})

    assert wrong.status_code == 400 and "the one now is wrong" in wrong.get_data(as_text=True)
    assert changed.headers["Location"] == "/login"
    assert get(here, "/admin/").status_code == 302 and get(elsewhere, "/admin/").status_code == 302
    assert sign_in(here, ADA).status_code == 401
    assert sign_in(here, ADA, password=new).status_code == 302


def test_an_owner_cannot_overwrite_someone_elses_paper_by_pasting_its_key(site, client):
    sign_in(client, ADA)
    hijack = "@article{roe2022, title = {Hijacked}, author = {Doe, Ada}, year = 1999}"

    preview = post(client, "/admin/people/ada-doe/papers/new", {"bibtex": hijack})
    saved = post(client, "/admin/people/ada-doe/papers/new", {"bibtex": hijack, "action": "save"})

    assert preview.status_code == 422 and saved.status_code == 400
    assert "not yours" in saved.get_data(as_text=True)
    assert "Quiet Gradient Flows" in page(client, "/publications/roe2022")


def test_an_owner_cannot_take_a_paper_off_someone_elses_list(site, client):
    sign_in(client, ADA)

    looked = get(client, "/admin/papers/doe2023shared/delete?person=bo-roe")
    taken = post(client, "/admin/papers/doe2023shared/delete?person=bo-roe", {"how": "unlink"})

    assert looked.status_code == 403 and taken.status_code == 403
    assert "Joint Spectral Norms" in page(client, "/people/bo-roe/publications")


def test_an_owner_cannot_edit_a_co_author_off_a_paper(site, client):
    sign_in(client, ADA)
    text = (
        "@article{doe2023shared, title = {Joint Spectral Norms}, author = {Doe, Ada}, year = 2023}"
    )

    saved = post(client, "/admin/papers/doe2023shared/edit", {"bibtex": text, "action": "save"})

    assert saved.status_code == 400 and "Bo Roe would no longer be among its authors" in (
        saved.get_data(as_text=True)
    )
    assert "Joint Spectral Norms" in page(client, "/people/bo-roe/publications")


def test_the_key_of_a_paper_cannot_change_by_editing(site, client):
    sign_in(client, ADA)
    text = (
        "@article{renamed2024, title = {Sparse Lattice Sampling}, author = {Doe, Ada}, year = 2024}"
    )

    saved = post(client, "/admin/papers/doe2024solo/edit", {"bibtex": text, "action": "save"})

    assert saved.status_code == 400 and "stays doe2024solo" in saved.get_data(as_text=True)


@pytest.mark.parametrize(
    "target", ["/%09/evil.example/", "/%0d%0a/x", "/\\evil.example", "https://evil.example/"]
)
def test_signing_in_never_leads_off_the_site(site, client, target):
    response = sign_in(client, ADA, next_path=target)

    assert response.status_code == 302 and response.headers["Location"] == "/admin/"


def test_text_in_a_row_without_its_title_or_address_is_not_lost(site, client):
    sign_in(client, ADA)
    fields = profile_form(client, "ada-doe")

    no_title = post(
        client,
        "/admin/people/ada-doe/",
        fields | {"sections-0-body": "Office hours", "action": "save"},
    )
    no_address = post(
        client, "/admin/people/ada-doe/", fields | {"links-0-label": "Lab", "action": "save"}
    )

    assert no_title.status_code == 400 and "Section 1 needs its title" in no_title.get_data(
        as_text=True
    )
    assert no_address.status_code == 400 and "Link 1 needs its address" in no_address.get_data(
        as_text=True
    )


def test_a_password_form_with_a_field_missing_is_refused_kindly(site, client):
    sign_in(client, ADA)

    response = post(client, "/admin/password", {"current": PASSWORD})

    assert response.status_code == 400 and "Password not changed" in response.get_data(as_text=True)
