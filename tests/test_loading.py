"""Loading content: idempotent, reports problems with their place, loses nothing, sanitises."""

import shutil

import pytest
from builders import CONTENT_DIR, make_app
from page_reading import page_text
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalog.models import Authorship, Person, Publication, db

GOOD_BIB = """@inproceedings{lovelace1843notes,
  title = {Notes on the Analytical Engine},
  author = {Lovelace, Ada and Babbage, Charles},
  booktitle = {Scientific Memoirs (SM)},
  year = {1843},
}
"""


def snapshot(app) -> list[tuple]:
    """Return every row's content and update time, to compare before and after a load."""
    with app.app_context(), Session(db.engine) as session:
        people = session.execute(select(Person.slug, Person.updated_at, Person.bio)).all()
        papers = session.execute(select(Publication.key, Publication.updated_at)).all()
        authors = session.execute(
            select(Authorship.display_name, Authorship.person_id).order_by(Authorship.id)
        ).all()
    return sorted(people) + sorted(papers) + authors


def run_import(app, *args):
    return app.test_cli_runner().invoke(args=["import", *map(str, args)])


def test_first_import_reports_additions(app):
    result = run_import(app, CONTENT_DIR)
    assert result.exit_code == 0, result.output
    assert "added     person      zhiming-zhou" in result.output
    assert "added     publication zhou2016sparse" in result.output
    assert "18 added, 0 updated, 0 merged, 0 unchanged, 0 rejected" in result.output


def test_loading_twice_changes_nothing(app):
    run_import(app, CONTENT_DIR)
    before = snapshot(app)
    result = run_import(app, CONTENT_DIR)
    assert result.exit_code == 0
    assert "0 added, 0 updated, 0 merged, 18 unchanged, 0 rejected" in result.output
    assert snapshot(app) == before


def test_dry_run_reports_but_saves_nothing(app):
    result = run_import(app, CONTENT_DIR, "--dry-run")
    assert "Dry run, nothing saved: 18 added" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Publication.id))) == 0


def test_changed_file_reports_an_update(app, tmp_path):
    shutil.copytree(CONTENT_DIR, tmp_path / "content")
    run_import(app, tmp_path / "content")
    profile = tmp_path / "content/people/zhanxing-zhu.md"
    profile.write_text(profile.read_text().replace("Machine learning researcher.", "ML person."))
    result = run_import(app, tmp_path / "content")
    assert "updated   person      zhanxing-zhu" in result.output
    assert "1 updated" in result.output


def test_malformed_bibtex_is_reported_with_its_line_and_loses_nothing(app, tmp_path):
    bib = tmp_path / "papers.bib"
    bib.write_text(GOOD_BIB)
    run_import(app, bib)
    bib.write_text(GOOD_BIB + "\n@article{broken title = {No comma after the key}\n")
    result = run_import(app, bib)
    assert result.exit_code == 1
    assert f"{bib}:8" in result.output
    assert "1 rejected" in result.output
    with app.app_context():
        titles = db.session.scalars(select(Publication.title)).all()
    assert titles == ["Notes on the Analytical Engine"]


def test_entry_without_title_is_rejected_by_key(app, tmp_path):
    bib = tmp_path / "papers.bib"
    bib.write_text(GOOD_BIB + "@misc{untitled, year = {2020}}\n")
    result = run_import(app, bib)
    assert result.exit_code == 1
    assert "[untitled]: error: entry has no title" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Publication.id))) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\nname: [unclosed\n---\nBio", ":3: error: front matter"),
        ("---\nposition: Professor\n---\nBio", "front matter needs a 'name'"),
        ("---\nname: Ada\nlinks: [{label: x}]\n---\n", "'links' item 1 needs 'url'"),
        ("---\nname: Ada\ninterests: {a: 1}\n---\n", "'interests' must be a list of text"),
    ],
)
def test_malformed_profile_is_reported_and_keeps_the_stored_one(app, tmp_path, text, message):
    profile = tmp_path / "ada.md"
    profile.write_text("---\nname: Ada Lovelace\nposition: Analyst\n---\nThe first programmer.")
    run_import(app, profile)
    profile.write_text(text)
    result = run_import(app, profile)
    assert result.exit_code == 1
    assert message in result.output
    with app.app_context():
        person = db.session.scalars(select(Person)).one()
        assert (person.name, person.position) == ("Ada Lovelace", "Analyst")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.txt", b"hello", "not a profile (.md) or BibTeX (.bib) file"),
        ("binary.bib", b"@misc{a,\x00}", "NUL bytes"),
        ("latin1.bib", "@misc{a, title={Caf\xe9}}".encode("latin-1"), "not UTF-8"),
    ],
)
def test_unreadable_files_are_rejected_with_a_reason(app, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    result = run_import(app, path)
    assert result.exit_code == 1
    assert message in result.output


def test_missing_path_is_reported(app, tmp_path):
    result = run_import(app, tmp_path / "nowhere.bib")
    assert result.exit_code == 1
    assert "no such file or folder" in result.output


def test_two_people_cannot_share_a_name(app, tmp_path):
    (tmp_path / "a.md").write_text("---\nname: Ada Lovelace\n---\n")
    (tmp_path / "b.md").write_text("---\nname: Someone\naliases: [Ada Lovelace]\n---\n")
    result = run_import(app, tmp_path)
    assert result.exit_code == 1
    assert "already belongs to 'a'" in result.output
    with app.app_context():
        assert db.session.scalars(select(Person.slug)).all() == ["a"]


def test_script_in_a_biography_is_removed(app, client, tmp_path):
    (tmp_path / "ada.md").write_text(
        "---\nname: Ada Lovelace\n---\n"
        'Hello <script>alert("x")</script> <img src=x onerror="alert(1)"> '
        "[click](javascript:alert(2)) <b onclick='x()'>bold</b>\n"
    )
    run_import(app, tmp_path)
    html = client.get("/people/ada").get_data(as_text=True)
    assert "<script" not in html.split("</head>")[1]
    assert "onerror" not in html and "onclick" not in html
    assert 'href="javascript:' not in html
    assert "Hello" in page_text(html) and "<b>bold</b>" in html


def test_paper_loaded_before_its_author_links_when_the_profile_arrives(app, client, tmp_path):
    (tmp_path / "papers.bib").write_text(GOOD_BIB)
    run_import(app, tmp_path / "papers.bib")
    (tmp_path / "ada.md").write_text("---\nname: Ada Lovelace\n---\n")
    run_import(app, tmp_path / "ada.md")
    html = client.get("/publications/lovelace1843notes").get_data(as_text=True)
    assert 'href="/people/ada"' in html


def test_first_start_loads_bundled_content_once(tmp_path):
    first = make_app(tmp_path / "instance", LOAD_CONTENT_ON_FIRST_START=True)
    assert first.test_client().get("/people/zhiming-zhou").status_code == 200
    before = snapshot(first)
    second = make_app(tmp_path / "instance", LOAD_CONTENT_ON_FIRST_START=True)
    assert snapshot(second) == before


def test_secret_key_is_generated_once_per_instance(tmp_path):
    settings = {"TESTING": True, "LOAD_CONTENT_ON_FIRST_START": False}
    from app import create_app

    first = create_app(settings, instance_path=str(tmp_path / "instance"))
    second = create_app(settings, instance_path=str(tmp_path / "instance"))
    other = create_app(settings, instance_path=str(tmp_path / "other"))
    assert len(first.config["SECRET_KEY"]) == 64
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert first.config["SECRET_KEY"] != other.config["SECRET_KEY"]
    assert (tmp_path / "instance/secret_key").stat().st_mode & 0o077 == 0


def test_deleting_a_person_keeps_their_papers(app):
    from catalog.operations import delete_person

    run_import(app, CONTENT_DIR, CONTENT_DIR.parent / "tests/fixtures/people")
    with app.app_context():
        person = db.session.scalars(select(Person).filter_by(slug="bochen-lyu")).one()
        delete_person(person)
        db.session.commit()
    with app.app_context(), Session(db.engine) as session:
        assert session.scalars(select(Publication).filter_by(key="lv2022implicit")).one()
        unlinked = session.scalars(select(Authorship).filter_by(display_name="Bochen Lv")).one()
        assert unlinked.person_id is None


@pytest.mark.parametrize("arxiv", ["hep-th/9901001", "1902.05687v2"])
def test_the_same_arxiv_paper_under_two_keys_is_stored_once(app, tmp_path, arxiv):
    (tmp_path / "a.bib").write_text(f"@misc{{first, title={{One}}, arxiv={{{arxiv}}}}}\n")
    (tmp_path / "b.bib").write_text(f"@misc{{second, title={{ONE.}}, arxiv={{{arxiv}}}}}\n")
    run_import(app, tmp_path / "a.bib")
    result = run_import(app, tmp_path / "b.bib")
    assert "merged" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Publication.id))) == 1
